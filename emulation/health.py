"""/healthz: the state of the database and, when configured, Redis and the Celery broker (503 when one is down);
then whether a worker answered recently and whether this host sees the files workers write.

The worker and media checks make the status "degraded", still 200: the web itself serves pages, and /healthz is
also what systemd and compose wait for before they call the web started, which must not depend on a worker on
another host. `GET /healthz?strict=1` answers 503 when degraded too, for a monitor that only reads the status.
`deploy/healthcheck.py --direct` (a worker's ExecStartPre) runs `run_checks` only: a worker must be able to
start while no worker is alive.
"""

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


def run_worker_checks() -> dict[str, dict[str, object]]:
    """ "worker": a worker's heartbeat within WORKER_STALE_SECONDS; "media": every live worker's probe file is
    readable here. Nothing when there are no workers to have (no REDIS_URL, or eager tasks)."""
    from emulation import workers

    if not workers.applies():
        return {}
    try:
        entries = workers.heartbeats()
    except Exception as exc:  # noqa: BLE001
        return {"worker": {"ok": False, "error": exc.__class__.__name__}}
    live = workers.alive(entries)
    if not live:
        seen = f"last heartbeat {entries[0]['age']:.0f} s ago" if entries else "no heartbeat ever"
        return {
            "worker": {
                "ok": False,
                "error": f"no worker answered in the last {settings.WORKER_STALE_SECONDS} s ({seen}): "
                "reports wait in the queue",
            }
        }
    results: dict[str, dict[str, object]] = {
        "worker": {"ok": True, "workers": [e["hostname"] for e in live], "last_seen_seconds": round(live[0]["age"])}
    }
    problems = workers.unreadable_probes(live)
    results["media"] = (
        {"ok": True}
        if not problems
        else {
            "ok": False,
            "error": "workers write report files where this host cannot read them (media not shared)",
            "workers": problems,
        }
    )
    return results


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    results = run_checks()
    healthy = all(r["ok"] for r in results.values())
    degraded = False
    if healthy:
        extra = run_worker_checks()
        degraded = not all(r["ok"] for r in extra.values())
        results.update(extra)
    status = "ok" if healthy and not degraded else "degraded" if healthy else "error"
    strict = request.GET.get("strict") in {"1", "true", "yes"}
    code = 200 if status == "ok" or (status == "degraded" and not strict) else 503
    return JsonResponse({"status": status, "checks": results}, status=code)
