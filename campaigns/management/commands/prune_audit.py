"""`python manage.py prune_audit [--older-than-days 365]` — the retention of the audit trail.

Deletes, older than N days (N ≥ 365: the trail is kept at least 12 months):
- the change history of every model (django-simple-history), through simple-history's own `clean_old_history`;
- the sign-in log and the failed sign-in log of django-axes (AccessLog, AccessFailureLog);
- the API's call log (emulation.api ApiCall: one row per call of an integrating system).

It keeps the domain event logs (CampaignEvent, SubmissionEvent, DossierEvent): they are the record of who sent,
returned, approved and decided what, which an emulation or award decision may have to be justified from years
later. Axes' AccessAttempt rows are the live lockout counters, not a log, and are left alone.
"""

from __future__ import annotations

import datetime

from axes.models import AccessFailureLog, AccessLog
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from simple_history.exceptions import NotHistoricalModelError
from simple_history.models import registered_models
from simple_history.utils import get_history_model_for_model

MINIMUM_DAYS = 365


class Command(BaseCommand):
    help = "Xóa lịch sử thay đổi (simple-history), nhật ký đăng nhập (axes) và nhật ký gọi API cũ hơn N ngày (N ≥ 365)."

    def add_arguments(self, parser):
        parser.add_argument("--older-than-days", type=int, default=MINIMUM_DAYS, dest="days")
        parser.add_argument("--dry-run", action="store_true", help="chỉ đếm những gì sẽ xóa, không xóa")

    def handle(self, *args, days: int, dry_run: bool, **options):
        if days < MINIMUM_DAYS:
            raise CommandError(
                f"--older-than-days={days}: nhật ký phải được giữ ít nhất 12 tháng (at least 12 months, "
                f"≥ {MINIMUM_DAYS} ngày)."
            )
        cutoff = timezone.now() - datetime.timedelta(days=days)
        with transaction.atomic():
            per_model = self._history_counts(cutoff)
            history = sum(per_model.values())
            if dry_run:
                # simple-history's own --dry still prints "Removed N historical records": say what *would* go.
                for label, count in sorted(per_model.items()):
                    if count:
                        self.stdout.write(f"Sẽ xóa {count} bản ghi lịch sử của {label}")
            else:
                call_command(
                    "clean_old_history",
                    auto=True,
                    days=days,
                    stdout=self.stdout,
                    verbosity=options["verbosity"],
                )
            # axes' own reset_logs uses `<=`; the cut-off here is one instant for all three tables.
            sign_ins = AccessLog.objects.filter(attempt_time__lt=cutoff)
            failures = AccessFailureLog.objects.filter(attempt_time__lt=cutoff)
            # Read through the app registry: campaigns does not import the apps that build on it.
            api_calls = apps.get_model("api", "ApiCall").objects.filter(at__lt=cutoff)
            counts = {"sign_ins": sign_ins.count(), "failures": failures.count(), "api_calls": api_calls.count()}
            if not dry_run:
                sign_ins.delete()
                failures.delete()
                api_calls.delete()
        verb = "Sẽ xóa" if dry_run else "Đã xóa"
        when = timezone.localtime(cutoff).strftime("%d/%m/%Y")
        self.stdout.write(f"{verb} (trước {when}):")
        self.stdout.write(f"  lịch sử thay đổi: {history}")
        self.stdout.write(f"  nhật ký đăng nhập (AccessLog): {counts['sign_ins']}")
        self.stdout.write(f"  đăng nhập sai (AccessFailureLog): {counts['failures']}")
        self.stdout.write(f"  nhật ký gọi API (ApiCall): {counts['api_calls']}")
        self.stdout.write("Giữ nguyên nhật ký nghiệp vụ (CampaignEvent, SubmissionEvent, DossierEvent).")

    @staticmethod
    def _history_counts(cutoff: datetime.datetime) -> dict[str, int]:
        """Rows older than the cut-off, per historical model ("campaigns.Unit": 3)."""
        counts = {}
        for model in set(registered_models.values()):
            try:
                history_model = get_history_model_for_model(model)
            except NotHistoricalModelError:
                continue
            counts[model._meta.label] = history_model.objects.filter(history_date__lt=cutoff).count()
        return counts
