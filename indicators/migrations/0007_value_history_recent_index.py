"""The figures form shows each figure's latest changes and their number (selectors.recent_history): with an index on
(id, history_date, history_id) of the figures' history, reading them costs the same after 300 saves as after none.

simple-history builds the historical model itself, so the index is created in SQL (the same on SQLite and
PostgreSQL) rather than declared in a Meta."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0006_submission_reminder"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX indicators_histvalue_recent ON indicators_historicalvalue (id, history_date, history_id)",
            reverse_sql="DROP INDEX indicators_histvalue_recent",
        ),
    ]
