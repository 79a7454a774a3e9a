"""Keep the first time each submission was sent: the earliest "→ Đã gửi" event, else its last sending time."""

from django.db import migrations
from django.db.models import Min, OuterRef, Subquery
from django.db.models.functions import Coalesce


def forward(apps, schema_editor):
    Submission = apps.get_model("indicators", "Submission")
    SubmissionEvent = apps.get_model("indicators", "SubmissionEvent")
    first_event = (
        SubmissionEvent.objects.filter(submission=OuterRef("pk"), to_status="da_gui")
        .values("submission")
        .annotate(first=Min("at"))
        .values("first")
    )
    Submission.objects.filter(submitted_at__isnull=False, first_submitted_at__isnull=True).update(
        first_submitted_at=Coalesce(Subquery(first_event), "submitted_at")
    )


class Migration(migrations.Migration):
    dependencies = [("indicators", "0003_figures_you_can_trust")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
