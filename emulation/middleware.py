"""One log line per request, and a request id on every log line written while it runs.

The line (logger `emulation.request`) carries: request id, user (username or "-"), the unit ids of the user's
roles when the request already computed them, method, path, status and duration in ms. It never costs a query: the
user is reported only if something in the request already loaded it, and the units only if `scope_for` already
cached them on the user. With LOG_FORMAT=json every field is a JSON key (python-json-logger).

The request id is nginx's `X-Request-ID` header (`proxy_set_header X-Request-ID $request_id`) when it looks sane,
otherwise a new one; it goes back to the client in the `X-Request-ID` response header, so a user's screenshot of
an error page can be matched to the log.
"""

from __future__ import annotations

import contextvars
import logging
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.functional import empty

from emulation.metrics import record_request

logger = logging.getLogger("emulation.request")

REQUEST_ID_HEADER = "X-Request-ID"
# The metrics' method label: anything else a client invents is "other", so the label set stays small.
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_QUIET_PATHS = frozenset({"/healthz", "/metrics"})  # probes and scrapes every few seconds: DEBUG, not INFO

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record, so the formatters can print it (it is "-" outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


def _request_id(request: HttpRequest) -> str:
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    return incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex


def _loaded_user(request: HttpRequest):
    """The user if the request already loaded it, else None: evaluating the lazy object would be a query."""
    user = request.__dict__.get("user")
    if user is None:
        return None
    wrapped = getattr(user, "_wrapped", user)  # SimpleLazyObject, or a plain user set by a test or force_login
    return None if wrapped is empty else wrapped


def _cached_units(user) -> list[int]:
    """Unit ids from the scope `campaigns.scope.scope_for` cached on the user during this request, if any."""
    units: set[int] = set()
    for key, value in vars(user).items():
        if key.startswith("_scope_"):
            units.update(grant.unit_id for grant in getattr(value, "grants", ()))
    return sorted(units)


class RequestLogMiddleware:
    """First in MIDDLEWARE, so the duration covers the whole stack and redirects and static files are logged."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = _request_id(request)
        token = request_id_var.set(request_id)
        request.request_id = request_id
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            response[REQUEST_ID_HEADER] = request_id
            self._log(request, response.status_code, duration_ms)
            match = getattr(request, "resolver_match", None)
            record_request(
                view=match.view_name if match else "-",  # "-": static files, unknown URLs
                method=request.method if request.method in _METHODS else "other",
                status=response.status_code,
                seconds=duration_ms / 1000,
            )
            return response
        finally:
            request_id_var.reset(token)

    def _log(self, request: HttpRequest, status: int, duration_ms: float) -> None:
        user = _loaded_user(request)
        authenticated = user is not None and user.is_authenticated
        username = user.get_username() if authenticated else "-"
        units = _cached_units(user) if authenticated else []
        level = logging.DEBUG if request.path in _QUIET_PATHS and status < 400 else logging.INFO
        logger.log(
            level,
            "%s %s %s %sms user=%s",
            request.method,
            request.path,
            status,
            duration_ms,
            username,
            extra={
                "request_id": request.request_id,
                "user": username,
                "user_id": user.pk if authenticated else None,
                "units": units,
                "method": request.method,
                "path": request.path,
                "status": status,
                "duration_ms": duration_ms,
            },
        )


SESSION_REFRESHED_KEY = "_refreshed_at"


class SessionRefreshMiddleware:
    """Slide a signed-in session's idle timeout forward without writing the session on every request.

    Django's SESSION_SAVE_EVERY_REQUEST writes the session row on every request. Here a signed-in session is
    marked modified only when SESSION_REFRESH_SECONDS have passed since it was last written, so the idle timeout
    (SESSION_COOKIE_AGE) still counts from the user's last activity, give or take that many seconds.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.modified or not session.session_key or "_auth_user_id" not in session:
            return response
        now = int(time.time())
        if now - session.get(SESSION_REFRESHED_KEY, 0) >= settings.SESSION_REFRESH_SECONDS:
            session[SESSION_REFRESHED_KEY] = now
        return response
