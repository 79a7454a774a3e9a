"""Daily housekeeping of accounts: lock the ones nobody has used for ACCOUNT_INACTIVE_DAYS days.

An account that has not signed in for weeks is a door nobody watches (a person who moved, retired, or shared a
password once). Locking it (`is_active = False`) ends its sessions at the next request and stops new sign-ins; an
administrator reopens it in /quan-tri/ when the person comes back. Superusers are locked too — an unused admin
account is the largest such risk — except the usernames in ACCOUNT_INACTIVE_EXEMPT (a documented break-glass
account). Each lock is a history row of the user (simple-history) with the reason, written by no user: the system.
"""

from __future__ import annotations

import datetime
import logging

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from campaigns.models import User

logger = logging.getLogger(__name__)


def inactive_reason(days: int) -> str:
    return f"Tự động khóa: không đăng nhập {days} ngày"


def accounts_inactive_since(*, cutoff: datetime.datetime, exempt: list[str]):
    """Active accounts whose last sign-in — or, never signed in, whose creation — is before `cutoff`."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
        .exclude(username__in=exempt)
        .order_by("username")
    )


def accounts_disable_inactive(*, days: int, exempt: list[str], dry_run: bool = False) -> list[str]:
    """Locks the accounts unused for `days` days and returns their usernames; `days` ≤ 0 does nothing."""
    if days <= 0:
        return []
    cutoff = timezone.now() - datetime.timedelta(days=days)
    reason = inactive_reason(days)
    disabled: list[str] = []
    with transaction.atomic():
        for user in accounts_inactive_since(cutoff=cutoff, exempt=exempt).select_for_update():
            disabled.append(user.username)
            if dry_run:
                continue
            user.is_active = False
            user._change_reason = reason  # simple-history stores it on the history row written by save()
            user.save(update_fields=["is_active"])
    if disabled and not dry_run:
        logger.warning("Locked %d inactive account(s): %s", len(disabled), ", ".join(disabled))
    return disabled


@shared_task
def disable_inactive_accounts() -> list[str]:
    """Beat runs this daily; idempotent (an account already locked is not selected again)."""
    return accounts_disable_inactive(days=settings.ACCOUNT_INACTIVE_DAYS, exempt=list(settings.ACCOUNT_INACTIVE_EXEMPT))
