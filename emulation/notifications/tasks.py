"""Celery tasks: each takes ids, re-fetches, and calls events / mail. All are idempotent (the event key, the
delivery key and its claim), so a job delivered twice, or run by two workers at once, notifies and mails once."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from emulation.notifications import deadlines, events, mail

DATABASE_ERRORS = (OperationalError, InterfaceError)


def _run(task, function, object_id: int) -> int:
    """An event job: retried shortly when the database is away; in-process the error goes to the caller, which
    logs it (the page goes on)."""
    try:
        return len(function(object_id))
    except DATABASE_ERRORS as exc:
        if task.request.is_eager:
            raise
        raise task.retry(exc=exc, countdown=10, max_retries=12) from exc


@shared_task(bind=True, acks_late=True)
def notify_submission_event(self, event_id: int) -> int:
    return _run(self, events.submission_event, event_id)


@shared_task(bind=True, acks_late=True)
def notify_dossier_event(self, event_id: int) -> int:
    return _run(self, events.dossier_event, event_id)


@shared_task(bind=True, acks_late=True)
def notify_meeting(self, meeting_id: int) -> int:
    return _run(self, events.meeting_scheduled, meeting_id)


@shared_task(bind=True, acks_late=True)
def notify_report(self, report_id: int) -> int:
    return _run(self, events.report_finished, report_id)


@shared_task(bind=True, acks_late=True)
def send_emails(self, delivery_ids: list[int]) -> dict[str, int]:
    """Send these messages; those that fail are tried again with a growing delay. In-process (no Redis) nothing
    waits here: a failure leaves the message for the sweep (retry_emails), and the page goes on."""
    failed = mail.deliveries_send(delivery_ids)
    if failed and not self.request.is_eager and self.request.retries + 1 < settings.NOTIFY_EMAIL_MAX_ATTEMPTS:
        raise self.retry(args=[failed], countdown=mail.backoff(self.request.retries + 1))
    return {"sent": len(delivery_ids) - len(failed), "failed": len(failed)}


@shared_task(acks_late=True)
def retry_emails() -> int:
    """Beat, every NOTIFY_EMAIL_RETRY_SECONDS: messages due for another attempt, or whose job was lost."""
    return len(mail.deliveries_retry())


@shared_task(acks_late=True)
def daily_notifications() -> dict[str, int]:
    """Beat, every morning: deadline reminders first (so that today's reach today's digest), then the digests."""
    today = timezone.localdate()
    reminders = deadlines.deadlines_notify(today=today)
    digests = mail.digests_send(day=today)
    retried = mail.deliveries_retry()
    return {"reminders": reminders, "digests": len(digests), "retried": len(retried)}
