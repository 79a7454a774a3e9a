"""Every write of the API app: making and revoking tokens, recording calls."""

from __future__ import annotations

import datetime
import hashlib
import logging
import secrets

from django.db import transaction
from django.utils import timezone

from campaigns.models import Unit, User
from emulation.api import selectors
from emulation.api.models import ApiCall, ApiToken, Resource
from emulation.lib.errors import DomainError

logger = logging.getLogger(__name__)

# "tdkt_" tells a leaked secret apart in a log or a repository scan; 32 random bytes follow.
SECRET_MARK = "tdkt_"
PREFIX_LENGTH = 12
MAX_DAYS = 3 * 366  # a token is renewed at least every three years: an integration nobody looks after ends


def secret_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def token_create(
    *,
    user: User,
    name: str,
    unit: Unit,
    resources: list[str],
    expires_on: datetime.date,
    note: str = "",
) -> tuple[ApiToken, str]:
    """Make a token for an integrating system; return it with its secret, which is never stored nor shown again.
    Only Quản trị over the unit (a Sở) makes one."""
    if not selectors.token_units_for(user=user).filter(pk=unit.pk).exists():
        raise DomainError("Bạn chỉ tạo được mã truy cập cho Sở thuộc phạm vi quản trị của mình.")
    chosen = [r for r in Resource.values if r in set(resources)]
    if not chosen:
        raise DomainError("Chọn ít nhất một loại dữ liệu mà hệ thống được đọc.")
    today = timezone.localdate()
    if expires_on <= today:
        raise DomainError("Ngày hết hạn phải sau hôm nay.")
    if (expires_on - today).days > MAX_DAYS:
        raise DomainError("Mã truy cập có hạn dùng tối đa 3 năm; hết hạn thì tạo mã mới.")
    secret = SECRET_MARK + secrets.token_urlsafe(32)
    # Valid through the whole expiry day, local time.
    end = timezone.make_aware(datetime.datetime.combine(expires_on + datetime.timedelta(days=1), datetime.time.min))
    token = ApiToken(
        name=name.strip(),
        prefix=secret[:PREFIX_LENGTH],
        secret_hash=secret_digest(secret),
        unit=unit,
        resources=chosen,
        note=note.strip(),
        expires_at=end,
        created_by=user,
    )
    token.full_clean()
    with transaction.atomic():
        token._history_user = user
        token._change_reason = "Tạo mã truy cập"
        token.save()
    logger.warning("api token %s (%s) created by %s for %s", token.pk, token.prefix, user, unit.code)
    return token, secret


def token_revoke(*, token: ApiToken, user: User, reason: str) -> ApiToken:
    """Revoke a token at once: its next call is refused (401)."""
    if token.revoked_at is not None:
        raise DomainError("Mã truy cập này đã bị thu hồi.")
    reason = reason.strip()
    if not reason:
        raise DomainError("Vui lòng ghi lý do thu hồi.")
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is not None:
            raise DomainError("Mã truy cập này đã bị thu hồi.")
        locked.revoked_at = timezone.now()
        locked.revoked_by = user
        locked.revoke_reason = reason[:500]
        locked.full_clean()
        locked._history_user = user
        locked._change_reason = f"Thu hồi: {locked.revoke_reason}"
        locked.save()
    logger.warning("api token %s (%s) revoked by %s", locked.pk, locked.prefix, user)
    return locked


def call_record(*, token: ApiToken | None, method: str, path: str, query: str, status: int, ip: str | None) -> ApiCall:
    """The log line of one call, and the token's "last used" time."""
    call = ApiCall.objects.create(
        token=token, method=method[:8], path=path[:500], query=query[:1000], status=status, ip=ip or None
    )
    if token is not None:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=call.at)
    return call
