"""Votes recorded before the Vote kept its own "bỏ phiếu kín" flag: take it from the rule in force on the meeting
day, as the threshold was taken (the Biên bản reports a secret ballot's counts)."""

from django.db import migrations
from django.db.models import Q


def forward(apps, schema_editor):
    Vote = apps.get_model("awards", "Vote")
    VoteRule = apps.get_model("awards", "VoteRule")
    for vote in Vote.objects.select_related("meeting", "nominee").iterator():
        day = vote.meeting.held_on
        rules = VoteRule.objects.filter(award_form_id=vote.nominee.award_form_id).filter(
            (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        )
        rule = max(rules, key=lambda r: (r.valid_from is not None, r.valid_from, r.pk), default=None)
        if rule is not None and rule.secret_ballot:
            Vote.objects.filter(pk=vote.pk).update(secret_ballot=True)


class Migration(migrations.Migration):
    dependencies = [("awards", "0003_meeting_minutes_and_decision_signer")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
