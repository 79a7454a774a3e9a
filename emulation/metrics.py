"""/metrics: the portal's state for Prometheus (prometheus_client), for the alerts of docs/deploy.md "Monitoring".

Off by default: without METRICS_TOKEN or METRICS_ALLOWED_IPS the URL answers 404, like any unknown page. With
them, every one that is set must pass: `Authorization: Bearer <METRICS_TOKEN>`, and the direct peer's address
(REMOTE_ADDR: Prometheus scrapes gunicorn itself; nginx answers 404 for /metrics) inside one of the networks.

What it says:
- requests and their latency, by route name (`view`), method and status — counted by the request log middleware;
  under gunicorn the counters of every worker process are added up (multiprocess mode, deploy/gunicorn.conf.py);
- read from the database and Redis at each scrape: the Celery queue's length, reports by state, reports stuck in
  "Đang tạo" (no sign of life for METRICS_REPORT_STUCK_MINUTES), the oldest report waiting in the queue, the
  workers alive, and the time of the last successful backup.
"""

from __future__ import annotations

import datetime
import ipaddress
import logging
import os
from collections.abc import Iterator

from django.conf import settings
from django.db.models import Count, Max, Min
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

logger = logging.getLogger(__name__)

# Registered in the scrape's registry (below), not in prometheus_client's global one.
REQUESTS = Counter(
    "emulation_http_requests",
    "Requests answered, by route name, method and status.",
    ["view", "method", "status"],
    registry=None,
)
LATENCY = Histogram(
    "emulation_http_request_duration_seconds",
    "Time to answer a request, from the first middleware to the last (the request log's duration_ms).",
    ["view", "method"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60),
    registry=None,
)


def record_request(*, view: str, method: str, status: int, seconds: float) -> None:
    """Called once per request by emulation.middleware.RequestLogMiddleware."""
    REQUESTS.labels(view=view, method=method, status=str(status)).inc()
    LATENCY.labels(view=view, method=method).observe(seconds)


def _allowed(request: HttpRequest) -> bool:
    token, networks = settings.METRICS_TOKEN, settings.METRICS_ALLOWED_IPS
    if not token and not networks:
        return False
    if token and not constant_time_compare(request.headers.get("Authorization", ""), f"Bearer {token}"):
        return False
    if networks:
        try:
            peer = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
        except ValueError:
            return False
        if not any(peer in ipaddress.ip_network(network, strict=False) for network in networks):
            return False
    return True


@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    if not _allowed(request):
        raise Http404
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)  # every gunicorn worker's counters, from the shared directory
    else:
        registry.register(REQUESTS)
        registry.register(LATENCY)
    registry.register(PortalCollector())
    return HttpResponse(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)


class PortalCollector:
    """The state read at scrape time. A part that cannot be read (Redis down) is reported in
    `emulation_metrics_errors` instead of failing the whole scrape."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        errors = GaugeMetricFamily(
            "emulation_metrics_errors", "1 when this part of the metrics could not be read.", labels=["part"]
        )
        for part, collect in (
            ("reports", self._reports),
            ("backup", self._backup),
            ("queue", self._queue),
            ("workers", self._workers),
        ):
            try:
                yield from collect()
            except Exception as exc:  # noqa: BLE001 - the other parts are still worth scraping
                logger.warning("metrics: %s could not be read: %r", part, exc)
                errors.add_metric([part], 1)
            else:
                errors.add_metric([part], 0)
        yield errors

    @staticmethod
    def _reports() -> Iterator[GaugeMetricFamily]:
        from emulation.reports.models import Report, ReportStatus

        by_state = dict(Report.objects.order_by().values_list("status").annotate(n=Count("pk")))
        family = GaugeMetricFamily("emulation_reports", "Reports by state.", labels=["status"])
        for status in ReportStatus.values:
            family.add_metric([status], by_state.get(status, 0))
        yield family

        # The last sign of life of a running report: its heartbeat, else when it started.
        cutoff = timezone.now() - datetime.timedelta(minutes=settings.METRICS_REPORT_STUCK_MINUTES)
        stuck = (
            Report.objects.filter(status=ReportStatus.DANG_CHAY)
            .annotate(seen=Coalesce("heartbeat_at", "started_at", "created_at"))
            .filter(seen__lt=cutoff)
            .count()
        )
        yield GaugeMetricFamily(
            "emulation_reports_stuck",
            f"Reports 'Đang tạo' with no sign of life for {settings.METRICS_REPORT_STUCK_MINUTES} minutes.",
            value=stuck,
        )
        oldest = Report.objects.filter(status=ReportStatus.CHO).aggregate(at=Min("created_at"))["at"]
        yield GaugeMetricFamily(
            "emulation_reports_waiting_oldest_seconds",
            "Age of the oldest report waiting in the queue ('Đang chờ'); 0 when none waits.",
            value=(timezone.now() - oldest).total_seconds() if oldest else 0,
        )

    @staticmethod
    def _backup() -> Iterator[GaugeMetricFamily]:
        from emulation.models import Backup

        finished = Backup.objects.aggregate(at=Max("finished_at"))["at"]
        yield GaugeMetricFamily(
            "emulation_backup_last_success_timestamp_seconds",
            "When the last `manage.py backup` finished (Unix time); 0 when none ever did.",
            value=finished.timestamp() if finished else 0,
        )

    @staticmethod
    def _queue() -> Iterator[GaugeMetricFamily]:
        if not settings.REDIS_URL:
            return  # tasks run in the web process: there is no queue
        import redis
        from kombu.transport.redis import PRIORITY_STEPS

        queue = getattr(settings, "CELERY_TASK_DEFAULT_QUEUE", "celery")
        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
        try:
            # kombu keeps one list per priority step: "celery", "celery\x06\x163", …
            keys = [queue] + [f"{queue}\x06\x16{step}" for step in PRIORITY_STEPS if step]
            length = sum(client.llen(key) for key in keys)
        finally:
            client.close()
        family = GaugeMetricFamily(
            "emulation_celery_queue_length", "Jobs waiting in the Celery queue (not yet taken).", labels=["queue"]
        )
        family.add_metric([queue], length)
        yield family

    @staticmethod
    def _workers() -> Iterator[GaugeMetricFamily]:
        from emulation import workers

        if not workers.applies():
            return
        yield GaugeMetricFamily(
            "emulation_workers_alive",
            "Celery workers whose heartbeat is fresh (WORKER_STALE_SECONDS).",
            value=len(workers.alive(workers.heartbeats())),
        )
