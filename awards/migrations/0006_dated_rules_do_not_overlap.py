"""Versions of the same dated rule may not overlap: on PostgreSQL the database refuses it (an exclusion constraint
on the validity range, open ends counting as forever); on SQLite the models' clean() is the only guard.

Before the constraint is added, existing rows are checked: an overlap already in the data stops the migration with
the rows named, so an administrator corrects the dates rather than losing a version."""

from django.db import migrations

TABLES = {
    # table: the columns that say "the same rule"
    "awards_voterule": ["award_form_id"],
    "awards_awardpath": ["award_form_id", "province"],
    "awards_leadersharerule": ["award_form_id", "province"],
    "awards_awardamount": ["award_form_id"],
    "awards_basesalary": [],
}
RANGE = "daterange(valid_from, valid_to, '[]')"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        for table, columns in TABLES.items():
            same = " AND ".join(f"a.{c} = b.{c}" for c in columns) or "TRUE"
            cursor.execute(
                f"SELECT a.id, b.id FROM {table} a JOIN {table} b ON a.id < b.id AND {same} "
                f"AND daterange(a.valid_from, a.valid_to, '[]') && daterange(b.valid_from, b.valid_to, '[]') LIMIT 1"
            )
            clash = cursor.fetchone()
            if clash:
                raise RuntimeError(f"{table}: rows {clash[0]} and {clash[1]} overlap in time; correct their dates.")
            parts = [f"{c} WITH =" for c in columns] + [f"({RANGE}) WITH &&"]
            cursor.execute(
                f"ALTER TABLE {table} ADD CONSTRAINT {table}_no_overlap EXCLUDE USING gist ({', '.join(parts)})"
            )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {table}_no_overlap")


class Migration(migrations.Migration):
    dependencies = [("awards", "0005_award_paths_amounts_checks")]

    operations = [migrations.RunPython(forward, backward)]
