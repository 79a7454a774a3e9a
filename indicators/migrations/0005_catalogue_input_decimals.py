"""Indicators already in a database keep their figures' precision: amounts in tỷ đồng take 2 decimals, kilometres
of underground cable 1 (the catalogue says so for new databases; counts stay whole)."""

from django.db import migrations

DECIMALS = {
    "kinh-te-so-grdp": 2,
    "kinh-te-so-ict-grdp": 2,
    "kinh-te-so-internet-grdp": 2,
    "kinh-te-so-nganh-grdp": 2,
    "tmdt-ban-le": 2,
    "ngam-hoa-cap-vien-thong": 1,
}


def forward(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    for code, decimals in DECIMALS.items():
        Indicator.objects.filter(code=code, input_decimals__isnull=True).update(input_decimals=decimals)


class Migration(migrations.Migration):
    dependencies = [("indicators", "0004_fill_first_submitted_at")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
