"""Daily housekeeping of accounts: lock the ones nobody has used for ACCOUNT_INACTIVE_DAYS days, and warn by e-mail
the ones that will be locked within ACCOUNT_INACTIVE_WARN_DAYS (`campaigns.services`)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from campaigns.services import accounts_disable_inactive, accounts_warn_inactive


@shared_task
def disable_inactive_accounts() -> list[str]:
    """Beat runs this daily; idempotent (an account already locked, or already warned since its last sign-in, is
    not selected again). Returns the usernames locked. Locking comes first: a failed e-mail must not delay it."""
    exempt = list(settings.ACCOUNT_INACTIVE_EXEMPT)
    locked = accounts_disable_inactive(days=settings.ACCOUNT_INACTIVE_DAYS, exempt=exempt)
    accounts_warn_inactive(
        days=settings.ACCOUNT_INACTIVE_DAYS, warn_days=settings.ACCOUNT_INACTIVE_WARN_DAYS, exempt=exempt
    )
    return locked
