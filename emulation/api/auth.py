"""Who is calling: a Bearer token, valid, for the resource asked; and how often it may call.

Refusals carry a Vietnamese message in JSON (emulation.api.v1's handlers): no token, an unknown, expired or
revoked one → 401; a token without the resource → 403. Nothing of the data is read before these checks pass.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer
from ninja.throttling import AuthRateThrottle

from emulation.api import selectors
from emulation.api.models import ApiToken, Resource
from emulation.api.services import secret_digest
from emulation.lib.vn import format_date

MISSING = "Thiếu mã truy cập: gửi tiêu đề Authorization: Bearer <mã truy cập>."
UNKNOWN = "Mã truy cập không đúng."
REVOKED = "Mã truy cập đã bị thu hồi. Đề nghị Quản trị cổng thi đua cấp mã mới."
NOT_IN_SCOPE = "Mã truy cập không được đọc dữ liệu của đơn vị hoặc phong trào này."

# Calls a token may make per minute (a sliding window); above it: 429 with Retry-After.
DEFAULT_RATE_PER_MINUTE = 120


class ApiError(Exception):
    """A refusal with its HTTP status and a message for the integrator."""

    def __init__(self, status: int, message: str, *, extra: dict | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.extra = extra or {}


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <secret>` of a token that reads `resource`."""

    def __init__(self, resource: str):
        super().__init__()
        self.resource = resource

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken:
        found = selectors.token_for_digest(secret_digest(token.strip()))
        if found is None:
            raise ApiError(401, UNKNOWN)
        request.api_token = found  # the call log names the token even when it is refused
        if found.revoked_at is not None:
            raise ApiError(401, REVOKED)
        if timezone.now() >= found.expires_at:
            raise ApiError(
                401, f"Mã truy cập đã hết hạn sau ngày {format_date(found.last_day)}. Đề nghị Quản trị cấp mã mới."
            )
        if not found.reads(self.resource):
            raise ApiError(403, f"Mã truy cập không được đọc loại dữ liệu này: {Resource(self.resource).label}.")
        return found


class TokenThrottle(AuthRateThrottle):
    """ninja's sliding-window throttle, per token (keyed by part of its digest, not its name: two systems may
    share a name) at API_RATE_PER_MINUTE calls a minute, read on each call so that a setting change applies."""

    scope = "api_token"

    def __init__(self):
        super().__init__(rate=f"{DEFAULT_RATE_PER_MINUTE}/m")

    def allow_request(self, request: HttpRequest) -> bool:
        per_minute = int(getattr(settings, "API_RATE_PER_MINUTE", DEFAULT_RATE_PER_MINUTE))
        self.rate = f"{per_minute}/m"
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str | None:
        token = getattr(request, "auth", None)
        if not isinstance(token, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": token.secret_hash[:32]}
