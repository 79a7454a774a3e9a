"""A report never stays running: the heartbeat, the claim, the sweep, the database-error path; the per-person
request limit; a failure message that names only who is really told; the page when no worker is alive.

The same with real workers, a real database outage and kill -9: tests/test_report_recovery.py."""

from __future__ import annotations

import datetime
import logging

import pytest
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone

from emulation import workers
from emulation.reports import services
from emulation.reports.models import Report
from indicators.tests.factories import make_setup


@pytest.fixture
def setup(world):
    return make_setup(world)


@pytest.fixture
def sent(monkeypatch):
    """The jobs sent to the broker (nothing runs)."""
    jobs = []
    monkeypatch.setattr(
        "emulation.reports.tasks.generate_report.apply_async", lambda *a, **k: jobs.append(k["args"][0])
    )
    return jobs


@pytest.fixture
def fake_render(monkeypatch):
    calls = []

    def build(**kwargs):
        calls.append(kwargs)
        return kwargs

    monkeypatch.setattr("emulation.reports.data.build_report_data", build)
    monkeypatch.setattr("emulation.reports.render.render_report_pdf", lambda data: b"%PDF-1.7 fake")
    monkeypatch.setattr("emulation.reports.render.render_report_xlsx", lambda data: b"PK fake xlsx")
    return calls


def _ago(seconds: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=seconds)


def _running(setup, world, **fields) -> Report:
    values = {"status": "dang_chay", "attempts": 1, "claim": "a" * 32, "progress": 40, "heartbeat_at": timezone.now()}
    return Report.objects.create(
        campaign=setup.campaign, period=setup.period, requested_by=world.office, **(values | fields)
    )


# --- the sweep ------------------------------------------------------------------------------------------------------


def test_the_sweep_queues_a_silent_report_again_exactly_once_then_fails_it_at_the_limit(
    setup, world, sent, settings, django_capture_on_commit_callbacks
):
    assert settings.REPORT_MAX_ATTEMPTS == 2  # the default: the request's send and one more
    silent = _ago(settings.REPORT_STALE_SECONDS + 5)
    report = _running(setup, world, heartbeat_at=silent)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.reports_sweep() == {"requeued": 1, "failed": 0}
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reports_sweep() == {"requeued": 0, "failed": 0}  # queued again once, not at every sweep
    assert sent == [report.pk]
    report.refresh_from_db()
    assert (report.status, report.sends, report.claim, report.progress) == ("cho", 2, "", 0)
    assert report.message == services.REQUEUED_AFTER_SILENCE

    # The second attempt dies too: no third send, the report fails with a message.
    Report.objects.filter(pk=report.pk).update(status="dang_chay", attempts=2, claim="b" * 32, heartbeat_at=silent)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reports_sweep() == {"requeued": 0, "failed": 1}
    assert sent == [report.pk]
    report.refresh_from_db()
    assert report.status == "loi" and report.claim == "" and report.finished_at
    assert "máy xử lý ngừng giữa chừng 2 lần" in report.error


def test_the_sweep_leaves_a_report_whose_job_is_alive(setup, world, sent, settings):
    _running(setup, world, heartbeat_at=_ago(settings.REPORT_STALE_SECONDS - 10))
    assert services.reports_sweep() == {"requeued": 0, "failed": 0}
    assert sent == [] and Report.objects.get().status == "dang_chay"


def test_a_report_restored_from_a_backup_while_running_is_queued_again(
    setup, world, sent, django_capture_on_commit_callbacks
):
    """A restore brings back rows as they were at backup time: "running" with an old heartbeat, or none (a row
    from before heartbeats): the sweep takes them as silent."""
    restored = _running(setup, world, heartbeat_at=None, claim="")
    Report.objects.filter(pk=restored.pk).update(created_at=_ago(3600), started_at=_ago(3500))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reports_sweep()["requeued"] == 1
    assert sent == [restored.pk] and Report.objects.get().status == "cho"


def test_a_queued_report_whose_job_left_the_queue_is_sent_again(
    setup, world, sent, settings, monkeypatch, django_capture_on_commit_callbacks
):
    report = Report.objects.create(campaign=setup.campaign, period=setup.period, requested_by=world.office)
    Report.objects.filter(pk=report.pk).update(created_at=_ago(settings.REPORT_QUEUED_STALE_SECONDS + 60))
    # A backlog: the queue still holds jobs, this one's among them. Nothing is sent twice.
    monkeypatch.setattr(services, "queue_length", lambda: 3)
    assert services.reports_sweep() == {"requeued": 0, "failed": 0}
    # The broker cannot say: nothing either.
    monkeypatch.setattr(services, "queue_length", lambda: None)
    assert services.reports_sweep() == {"requeued": 0, "failed": 0}
    # The queue is empty (Redis emptied, a restore) while the report still waits: its job is lost.
    monkeypatch.setattr(services, "queue_length", lambda: 0)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reports_sweep() == {"requeued": 1, "failed": 0}
    report.refresh_from_db()
    assert sent == [report.pk] and report.sends == 2 and report.message == services.REQUEUED_LOST
    Report.objects.filter(pk=report.pk).update(heartbeat_at=_ago(settings.REPORT_QUEUED_STALE_SECONDS + 60))
    assert services.reports_sweep() == {"requeued": 0, "failed": 1}
    assert "mất khỏi hàng đợi" in Report.objects.get().error


# --- the claim: one attempt runs to the end ---------------------------------------------------------------------------


def test_a_duplicate_delivery_leaves_a_report_a_live_attempt_holds(setup, world, fake_render):
    report = _running(setup, world)
    services.report_run(report.pk)
    report.refresh_from_db()
    assert (report.status, report.attempts, report.claim) == ("dang_chay", 1, "a" * 32)
    assert fake_render == []


def test_a_redelivered_job_waits_for_the_holder_to_fall_silent_then_takes_over(setup, world, fake_render, settings):
    settings.REPORT_STALE_SECONDS, settings.REPORT_HEARTBEAT_SECONDS = 1, 1
    report = _running(setup, world)
    services.report_run(report.pk, redelivered=True)
    report.refresh_from_db()
    assert (report.status, report.attempts, report.claim) == ("xong", 2, "")
    assert len(fake_render) == 1


def test_a_silent_report_at_the_attempt_limit_fails_instead_of_running_a_third_time(
    setup, world, fake_render, settings
):
    report = _running(setup, world, attempts=2, heartbeat_at=_ago(settings.REPORT_STALE_SECONDS + 5))
    services.report_run(report.pk, redelivered=True)
    report.refresh_from_db()
    assert report.status == "loi" and "ngừng giữa chừng 2 lần" in report.error and fake_render == []


def test_an_attempt_the_sweep_replaced_stops_without_writing_files(setup, world, monkeypatch):
    report = Report.objects.create(campaign=setup.campaign, period=setup.period, requested_by=world.office)

    def build(*, progress, **kwargs):
        # Meanwhile the sweep gave the report to another attempt (its heartbeat looked stale).
        Report.objects.filter(pk=report.pk).update(status="cho", claim="", sends=2, progress=0)
        progress(0.3, "Đang tính số liệu")
        raise AssertionError("the superseded attempt went on")

    rendered = []
    monkeypatch.setattr("emulation.reports.data.build_report_data", build)
    monkeypatch.setattr("emulation.reports.render.render_report_pdf", rendered.append)
    services.report_run(report.pk)
    report.refresh_from_db()
    assert (report.status, report.claim, report.progress) == ("cho", "", 0)
    assert not report.pdf_file and rendered == []


@pytest.mark.django_db(transaction=True)  # the heartbeat thread has a connection of its own: committed rows
def test_the_heartbeat_moves_while_the_job_renders(setup, world, monkeypatch, settings):
    settings.REPORT_HEARTBEAT_SECONDS = 0.05
    report = Report.objects.create(campaign=setup.campaign, period=setup.period, requested_by=world.office)
    beats = []

    def slow_pdf(data):
        import time

        first = Report.objects.get(pk=report.pk).heartbeat_at
        time.sleep(0.5)  # one long call, no progress step: only the heartbeat thread touches the row
        beats.append((first, Report.objects.get(pk=report.pk).heartbeat_at))
        return b"%PDF-1.7"

    monkeypatch.setattr("emulation.reports.data.build_report_data", lambda **kwargs: kwargs)
    monkeypatch.setattr("emulation.reports.render.render_report_pdf", slow_pdf)
    monkeypatch.setattr("emulation.reports.render.render_report_xlsx", lambda data: b"PK")
    services.report_run(report.pk)
    ((before, after),) = beats
    assert after > before


# --- a database error: reconnect, then queued again or failed --------------------------------------------------------


def test_a_database_error_mid_job_queues_the_report_again_then_fails_it_at_the_limit(
    setup, world, monkeypatch, sent, django_capture_on_commit_callbacks
):
    def lost(**kwargs):
        raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr("emulation.reports.data.build_report_data", lost)
    report = Report.objects.create(campaign=setup.campaign, period=setup.period, requested_by=world.office)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_run(report.pk)  # recorded, not raised
    report.refresh_from_db()
    assert (report.status, report.sends, report.claim) == ("cho", 2, "")
    assert report.message == services.REQUEUED_AFTER_DB_ERROR and sent == [report.pk]

    with django_capture_on_commit_callbacks(execute=True):
        services.report_run(report.pk)
    report.refresh_from_db()
    assert report.status == "loi" and report.error.startswith("Không tạo được báo cáo do lỗi hệ thống.")
    assert sent == [report.pk]


# --- who is told ----------------------------------------------------------------------------------------------------


def _failing(monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("emulation.reports.data.build_report_data", broken)


def test_a_failed_report_does_not_claim_anyone_was_told_when_nobody_is(setup, world, monkeypatch, settings):
    settings.ADMINS = []
    _failing(monkeypatch)
    report = Report.objects.create(campaign=setup.campaign, period=setup.period, requested_by=world.office)
    with pytest.raises(RuntimeError):
        services.report_run(report.pk)
    report.refresh_from_db()
    assert report.status == "loi"
    assert "không ai được báo tự động" in report.error and f"mã báo cáo số {report.pk}" in report.error
    assert "đã được báo" not in report.error


def test_a_failed_report_says_the_administrators_were_e_mailed_when_they_are(setup, world, monkeypatch, settings):
    from django.utils.log import AdminEmailHandler

    settings.ADMINS = [("Quản trị", "quantri@example.invalid")]
    settings.DEBUG = False
    handler = AdminEmailHandler()
    handler.setLevel(logging.ERROR)
    logging.getLogger("emulation").addHandler(handler)
    try:
        _failing(monkeypatch)
        report = Report.objects.create(campaign=setup.campaign, period=setup.period, requested_by=world.office)
        with pytest.raises(RuntimeError):
            services.report_run(report.pk)
    finally:
        logging.getLogger("emulation").removeHandler(handler)
    report.refresh_from_db()
    assert "Quản trị hệ thống đã được báo tự động qua thư điện tử" in report.error


def test_administrators_without_an_e_mail_handler_are_not_told(settings):
    settings.ADMINS = [("Quản trị", "quantri@example.invalid")]
    assert services.operators_alerted() == ""  # ADMINS alone sends nothing: the logging set-up decides


# --- the request limit ----------------------------------------------------------------------------------------------


def _ask(client, setup):
    return client.post(
        reverse("reports:campaign_reports", args=[setup.campaign.pk]),
        {"period": setup.period.pk},
        follow=True,
    )


def test_requests_over_the_limit_are_refused_in_vietnamese_without_an_error_page(
    setup, world, login, sent, settings, django_capture_on_commit_callbacks
):
    settings.REPORT_RATE_LIMIT, settings.REPORT_RATE_WINDOW_MINUTES = 2, 10
    client = login(world.board)
    with django_capture_on_commit_callbacks(execute=True):
        assert _ask(client, setup).status_code == 200
        assert _ask(client, setup).status_code == 200
        refused = _ask(client, setup)
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Bạn đã yêu cầu tạo 2 báo cáo trong 10 phút qua" in page and "thử lại sau khoảng 10 phút" in page
    assert Report.objects.count() == 2 and len(sent) == 2
    # Another person is not limited by it; and once the window has passed, the same person may ask again.
    with django_capture_on_commit_callbacks(execute=True):
        login(world.office)
        assert _ask(client, setup).status_code == 200
    assert Report.objects.count() == 3
    Report.objects.filter(requested_by=world.board).update(created_at=_ago(11 * 60))
    with django_capture_on_commit_callbacks(execute=True):
        login(world.board)
        _ask(client, setup)
    assert Report.objects.filter(requested_by=world.board).count() == 3


def test_requests_the_queue_never_took_do_not_count(setup, world, settings):
    settings.REPORT_RATE_LIMIT = 1
    Report.objects.create(
        campaign=setup.campaign, period=setup.period, requested_by=world.board, status="loi", error="queue down"
    )
    services.report_request(user=world.board, campaign=setup.campaign, period=setup.period)  # not refused
    with pytest.raises(services.DomainError, match="Bạn đã yêu cầu tạo 1 báo cáo"):
        services.report_request(user=world.board, campaign=setup.campaign, period=setup.period)


def test_scheduled_reports_are_not_limited(setup, settings):
    settings.REPORT_RATE_LIMIT = 1
    for _ in range(3):
        services.report_request(user=None, campaign=setup.campaign, period=setup.period, scheduled=True)
    assert Report.objects.count() == 3


# --- no worker: the page says so ------------------------------------------------------------------------------------


@pytest.fixture
def with_workers(settings, redis_url):
    """Production-like: a broker, tasks not eager, an empty list of workers for this test database."""
    settings.REDIS_URL = redis_url
    settings.CELERY_TASK_ALWAYS_EAGER = False
    workers._client(redis_url).delete(workers.registry_key())
    yield
    workers._client(redis_url).delete(workers.registry_key())


NO_WORKER = "Hiện không có máy xử lý nào đang hoạt động nên báo cáo chưa được tạo."


def test_a_waiting_report_says_the_queue_has_no_worker(setup, world, login, with_workers):
    report = Report.objects.create(campaign=setup.campaign, period=setup.period, requested_by=world.board)
    client = login(world.board)
    url = reverse("reports:report_detail", args=[report.pk])
    page = client.get(url).content.decode()
    assert NO_WORKER in page and "bạn không cần yêu cầu lại" in page
    assert NO_WORKER in client.get(url, HTTP_HX_REQUEST="true").content.decode()  # the polled part too

    workers.beat("worker@may-1", {})
    assert NO_WORKER not in client.get(url).content.decode()


def test_without_a_broker_nothing_is_said_about_workers(setup, world, login, settings):
    settings.REDIS_URL = None  # the embedded set-up: the job runs in the web process
    report = Report.objects.create(campaign=setup.campaign, period=setup.period, requested_by=world.board)
    assert NO_WORKER not in login(world.board).get(reverse("reports:report_detail", args=[report.pk])).content.decode()
