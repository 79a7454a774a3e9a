"""/metrics: off (404) until a token or an address list is set; requests, latency, queue, reports by state, stuck
reports and the last backup, as Prometheus reads them."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from emulation.models import Backup
from emulation.reports.models import Report, ReportStatus
from indicators.tests.factories import make_setup

TOKEN = "metrics-token-0123456789"


def _scrape(client, **headers) -> dict[tuple[str, tuple], float]:
    response = client.get("/metrics", **headers)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/plain")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


@pytest.fixture
def scrape(client, settings):
    settings.METRICS_TOKEN = TOKEN
    return lambda: _scrape(client, HTTP_AUTHORIZATION=f"Bearer {TOKEN}")


def test_off_by_default_it_is_a_404(client, db, settings):
    assert settings.METRICS_TOKEN == "" and settings.METRICS_ALLOWED_IPS == []
    assert client.get("/metrics").status_code == 404


def test_the_token_must_be_right(client, db, settings):
    settings.METRICS_TOKEN = TOKEN
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 200


def test_the_address_list_checks_the_direct_peer_and_both_must_pass_when_both_are_set(client, db, settings):
    settings.METRICS_ALLOWED_IPS = ["10.0.0.0/24"]
    assert client.get("/metrics", REMOTE_ADDR="10.0.1.7").status_code == 404
    # A forwarded address is not the peer: only REMOTE_ADDR counts.
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="10.0.0.7").status_code == 404
    assert client.get("/metrics", REMOTE_ADDR="10.0.0.7").status_code == 200
    settings.METRICS_TOKEN = TOKEN
    assert client.get("/metrics", REMOTE_ADDR="10.0.0.7").status_code == 404
    assert client.get("/metrics", REMOTE_ADDR="10.0.0.7", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 200


def test_requests_are_counted_by_route_method_and_status_with_their_latency(client, db, scrape):
    key = ("emulation_http_requests_total", (("method", "GET"), ("status", "200"), ("view", "login")))
    before = scrape().get(key, 0)
    client.get("/tai-khoan/dang-nhap/")
    client.get("/tai-khoan/dang-nhap/")
    after = scrape()
    assert after[key] == before + 2
    assert after[("emulation_http_request_duration_seconds_count", (("method", "GET"), ("view", "login")))] >= 2
    client.get("/khong-co-trang-nay/")
    assert scrape()[("emulation_http_requests_total", (("method", "GET"), ("status", "404"), ("view", "-")))] >= 1


def test_reports_by_state_and_the_stuck_ones(world, scrape):
    setup = make_setup(world)
    now = timezone.now()

    def report(status: str, **fields) -> Report:
        version = Report.objects.count() + 1
        return Report.objects.create(
            campaign=setup.campaign, period=setup.period, status=status, version=version, **fields
        )

    report(ReportStatus.CHO)
    report(ReportStatus.XONG)
    report(ReportStatus.DANG_CHAY, started_at=now - dt.timedelta(minutes=30), heartbeat_at=now)  # alive
    report(
        ReportStatus.DANG_CHAY, started_at=now - dt.timedelta(minutes=30), heartbeat_at=now - dt.timedelta(minutes=11)
    )
    report(ReportStatus.DANG_CHAY, started_at=now - dt.timedelta(minutes=12))  # never beat
    found = scrape()
    assert {status: found[("emulation_reports", (("status", status),))] for status in ReportStatus.values} == {
        "cho": 1,
        "dang_chay": 3,
        "xong": 1,
        "loi": 0,
    }
    assert found[("emulation_reports_stuck", ())] == 2
    assert found[("emulation_reports_waiting_oldest_seconds", ())] >= 0


def test_the_last_successful_backup_is_its_finish_time(db, scrape):
    assert scrape()[("emulation_backup_last_success_timestamp_seconds", ())] == 0
    finished = timezone.now() - dt.timedelta(hours=3)
    Backup.objects.create(location="/var/backups/emulation/a", finished_at=finished)
    Backup.objects.create(location="/var/backups/emulation/b")  # started, never finished: a failed run
    assert scrape()[("emulation_backup_last_success_timestamp_seconds", ())] == pytest.approx(finished.timestamp())


def test_the_queue_length_is_read_from_redis(db, scrape, settings, redis_url):
    import redis

    queue = f"metrics-test-{uuid.uuid4().hex[:8]}"
    settings.REDIS_URL, settings.CELERY_TASK_DEFAULT_QUEUE = redis_url, queue
    client = redis.Redis.from_url(redis_url)
    try:
        client.lpush(queue, "a", "b")
        client.lpush(f"{queue}\x06\x163", "c")  # kombu's list for priority 3
        found = scrape()
    finally:
        client.delete(queue, f"{queue}\x06\x163")
    assert found[("emulation_celery_queue_length", (("queue", queue),))] == 3
    assert found[("emulation_metrics_errors", (("part", "queue"),))] == 0


def test_redis_down_is_a_flag_not_a_failed_scrape(db, scrape, settings):
    settings.REDIS_URL = "redis://127.0.0.1:9/0"
    found = scrape()
    assert found[("emulation_metrics_errors", (("part", "queue"),))] == 1
    assert found[("emulation_metrics_errors", (("part", "reports"),))] == 0
