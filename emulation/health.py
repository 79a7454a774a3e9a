"""/healthz: the state of the database and, when configured, Redis and the Celery broker."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

TIMEOUT_SECONDS = 2


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_redis() -> None:
    import redis

    client = redis.Redis.from_url(
        settings.REDIS_URL, socket_connect_timeout=TIMEOUT_SECONDS, socket_timeout=TIMEOUT_SECONDS
    )
    try:
        client.ping()
    finally:
        client.close()


def check_broker() -> None:
    from emulation.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=TIMEOUT_SECONDS)


def run_checks() -> dict[str, dict[str, object]]:
    checks = {"database": check_database}
    if settings.REDIS_URL:
        checks["redis"] = check_redis
        checks["broker"] = check_broker
    results: dict[str, dict[str, object]] = {}
    for name, check in checks.items():
        try:
            check()
        except Exception as exc:  # noqa: BLE001 - any failure means "down"; the class tells the operator why
            results[name] = {"ok": False, "error": exc.__class__.__name__}
        else:
            results[name] = {"ok": True}
    return results


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    results = run_checks()
    healthy = all(r["ok"] for r in results.values())
    return JsonResponse({"status": "ok" if healthy else "error", "checks": results}, status=200 if healthy else 503)
