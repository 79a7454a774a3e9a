"""Celery tasks: ids in, a service called. Idempotent: a file already checked (same name, same SHA-256) is not
checked again, so a redelivered job does no harm."""

from __future__ import annotations

import datetime

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

from emulation.signatures import services

# The child process is killed after SIGNATURE_CHECK_SECONDS; the job's own limit only backs that up.
_LIMIT = settings.SIGNATURE_CHECK_SECONDS + 30


@shared_task(bind=True, acks_late=True, soft_time_limit=_LIMIT, time_limit=_LIMIT + 30)
def signature_check(self, check_id: int, force: bool = False) -> str:
    try:
        check = services.signature_check_run(check_id, force=force)
    except (OperationalError, InterfaceError) as exc:
        if self.request.is_eager:
            raise
        raise self.retry(exc=exc, countdown=10, max_retries=12) from exc
    return check.status if check else ""


@shared_task(acks_late=True)
def signature_recheck_trusted() -> int:
    """After the trust list changed: each result that depended on it is checked again, one job per file."""
    ids = services.signature_checks_trust_dependent()
    for check_id in ids:
        signature_check.delay(check_id, force=True)
    return len(ids)


@shared_task(acks_late=True)
def signature_sweep() -> int:
    """Every SIGNATURE_SWEEP_SECONDS (beat): checks waiting longer than that are queued again, so a file uploaded
    while the broker was down does not stay "đang kiểm tra"."""
    seconds = settings.SIGNATURE_SWEEP_SECONDS
    ids = services.signature_checks_stuck(older_than=datetime.timedelta(seconds=max(seconds, _LIMIT)))
    for check_id in ids:
        signature_check.delay(check_id)
    return len(ids)
