"""Celery tasks: they take ids, re-fetch, and call a service. Idempotent, so a redelivered job does no harm."""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from emulation.reports import services


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, soft_time_limit=1500, time_limit=1800)
def generate_report(self, report_id: int) -> str:
    # The worker's hostname ("w1@host"; None when run eagerly in-process) is kept on the report. `redelivered`:
    # the broker restored this job because the worker holding it went away (or its visibility timeout passed).
    redelivered = bool((self.request.delivery_info or {}).get("redelivered"))
    try:
        report = services.report_run(report_id, worker=self.request.hostname or "", redelivered=redelivered)
    except (OperationalError, InterfaceError) as exc:
        # The database is away before the job could take the report (or after it recorded how it ended): try
        # again shortly; the report itself is still queued, or in the sweep's hands.
        raise self.retry(exc=exc, countdown=5, max_retries=12) from exc
    return report.status


@shared_task(acks_late=True)
def daily_reports_and_reminders() -> dict[str, int]:
    created = services.reports_due_today()
    reminded = services.send_reminders()
    return {"reports": len(created), "reminders": reminded}


@shared_task
def sweep_reports() -> dict[str, int]:
    """Beat, every REPORT_SWEEP_SECONDS: reports whose job was lost are queued again or failed."""
    return services.reports_sweep()
