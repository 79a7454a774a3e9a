"""Celery tasks of the indicators app: they take ids, re-fetch and call a service. Idempotent."""

from __future__ import annotations

import smtplib

from celery import shared_task

from indicators import services


@shared_task(
    acks_late=True,
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=60,
    retry_backoff_max=3600,
    max_retries=8,
)
def send_submission_reminder(reminder_id: int) -> int:
    """The e-mail of one "Nhắc đơn vị". A mail server that is down is retried for some hours; a job delivered twice
    sends once (the reminder's mailed_at)."""
    return services.submission_reminder_mail(reminder_id=reminder_id)
