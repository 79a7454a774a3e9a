from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """The accent-insensitive campaign search uses PostgreSQL's unaccent (a no-op on SQLite)."""

    dependencies = [("campaigns", "0002_campaign_plan")]

    operations = [UnaccentExtension()]
