"""Hooks on rows the apps already write — the submission and dossier event logs, reports, council meetings — so
their services stay as they are. Each hook queues a job with the row's id once the transaction commits (a rolled
back change notifies nobody). Queueing never breaks the page that made the change: a broker that is down, or an
error of the in-process job (no Redis), is logged and the change stands.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from awards.models import DossierEvent, Meeting
from emulation.reports.models import Report, ReportStatus
from indicators.models import SubmissionEvent

logger = logging.getLogger(__name__)


def _after_commit(task_name: str, object_id: int) -> None:
    def send() -> None:
        from emulation.notifications import tasks

        task = getattr(tasks, task_name)
        try:
            task.delay(object_id)
        except Exception:  # noqa: BLE001 - the change is saved; its notification is what is lost, and logged
            logger.exception("could not notify: %s(%s)", task_name, object_id)

    transaction.on_commit(send)


@receiver(post_save, sender=SubmissionEvent, dispatch_uid="notifications.submission_event")
def submission_event_saved(sender, instance: SubmissionEvent, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        _after_commit("notify_submission_event", instance.pk)


@receiver(post_save, sender=DossierEvent, dispatch_uid="notifications.dossier_event")
def dossier_event_saved(sender, instance: DossierEvent, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        _after_commit("notify_dossier_event", instance.pk)


@receiver(post_save, sender=Meeting, dispatch_uid="notifications.meeting")
def meeting_saved(sender, instance: Meeting, raw: bool = False, update_fields=None, **kwargs) -> None:
    # On every save: the job's key holds the meeting date, so only a new meeting or a new date notifies.
    if not raw and (update_fields is None or "held_on" in update_fields):
        _after_commit("notify_meeting", instance.pk)


@receiver(post_save, sender=Report, dispatch_uid="notifications.report")
def report_saved(sender, instance: Report, raw: bool = False, update_fields=None, **kwargs) -> None:
    # Progress and heartbeats are written with update(): no signal. A finished report is saved with its status.
    if raw or (update_fields is not None and "status" not in update_fields):
        return
    if instance.status in (ReportStatus.XONG, ReportStatus.LOI):
        _after_commit("notify_report", instance.pk)
