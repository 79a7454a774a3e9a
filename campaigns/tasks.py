"""Daily housekeeping of accounts: lock the ones nobody has used for ACCOUNT_INACTIVE_DAYS days
(`campaigns.services.accounts_disable_inactive`)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from campaigns.services import accounts_disable_inactive


@shared_task
def disable_inactive_accounts() -> list[str]:
    """Beat runs this daily; idempotent (an account already locked is not selected again)."""
    return accounts_disable_inactive(days=settings.ACCOUNT_INACTIVE_DAYS, exempt=list(settings.ACCOUNT_INACTIVE_EXEMPT))
