"""Each figure's number of history rows, kept by the database (indicators.models.ValueChanges): the form showed it by
counting the history, which read every change of every figure on every request (4 ms at 1,800 saves).

Triggers on the history table add one for each row written and take one off for each row deleted (prune_audit),
whoever writes it: the figures' save, the Excel import, the admin, simple-history's own signals. The counts of the
history already written are filled in before the triggers start. PostgreSQL and SQLite, the two databases the
portal runs on."""

import django.db.models.deletion
from django.db import migrations, models

FILL = (
    "INSERT INTO indicators_valuechanges (value_id, changes) "
    "SELECT id, COUNT(*) FROM indicators_historicalvalue GROUP BY id"
)

POSTGRESQL = [
    """CREATE FUNCTION indicators_value_changes() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            INSERT INTO indicators_valuechanges (value_id, changes) VALUES (NEW.id, 1)
            ON CONFLICT (value_id) DO UPDATE SET changes = indicators_valuechanges.changes + 1;
        ELSE
            UPDATE indicators_valuechanges SET changes = changes - 1 WHERE value_id = OLD.id;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER indicators_value_changes AFTER INSERT OR DELETE ON indicators_historicalvalue
    FOR EACH ROW EXECUTE FUNCTION indicators_value_changes()""",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER indicators_value_changes ON indicators_historicalvalue",
    "DROP FUNCTION indicators_value_changes()",
]

SQLITE = [
    """CREATE TRIGGER indicators_value_change_added AFTER INSERT ON indicators_historicalvalue
    BEGIN
        INSERT OR IGNORE INTO indicators_valuechanges (value_id, changes) VALUES (NEW.id, 0);
        UPDATE indicators_valuechanges SET changes = changes + 1 WHERE value_id = NEW.id;
    END""",
    """CREATE TRIGGER indicators_value_change_removed AFTER DELETE ON indicators_historicalvalue
    BEGIN
        UPDATE indicators_valuechanges SET changes = changes - 1 WHERE value_id = OLD.id;
    END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER indicators_value_change_added",
    "DROP TRIGGER indicators_value_change_removed",
]


def _run(schema_editor, statements: dict[str, list[str]]) -> None:
    vendor = schema_editor.connection.vendor
    if vendor not in statements:
        raise NotImplementedError(f"the figures' change counts have triggers for PostgreSQL and SQLite, not {vendor}")
    for sql in statements[vendor]:
        schema_editor.execute(sql)


def forward(apps, schema_editor):
    _run(schema_editor, {"postgresql": [FILL, *POSTGRESQL], "sqlite": [FILL, *SQLITE]})


def backward(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE})


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0007_value_history_recent_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="ValueChanges",
            fields=[
                (
                    "value",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="indicators.value",
                    ),
                ),
                ("changes", models.IntegerField(verbose_name="Số lần lưu")),
            ],
            options={
                "verbose_name": "số lần lưu của số liệu",
                "verbose_name_plural": "số lần lưu của số liệu",
            },
        ),
        migrations.RunPython(forward, backward),
    ]
