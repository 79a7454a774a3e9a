"""Celery tasks: they take ids, re-fetch, and call a service. Idempotent, so a redelivered job does no harm."""

from __future__ import annotations

from celery import shared_task

from emulation.reports import services


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, soft_time_limit=1500, time_limit=1800)
def generate_report(self, report_id: int) -> str:
    # The worker's hostname ("w1@host"; None when run eagerly in-process) is kept on the report.
    report = services.report_run(report_id, worker=self.request.hostname or "")
    return report.status


@shared_task(acks_late=True)
def daily_reports_and_reminders() -> dict[str, int]:
    created = services.reports_due_today()
    reminded = services.send_reminders()
    return {"reports": len(created), "reminders": reminded}
