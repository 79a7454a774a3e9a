"""The report row and its job: versions, idempotency, a job that died half-way, the broker down, scope."""

import pytest
from django.urls import reverse

from emulation.reports import services
from emulation.reports.models import Report, ReportDownload
from indicators.tests.factories import make_setup


@pytest.fixture
def fake_render(monkeypatch):
    """Rendering is tested in test_reports_render; here the job's bookkeeping is what matters."""
    calls = []

    def build(**kwargs):
        calls.append(kwargs)
        return kwargs

    monkeypatch.setattr("emulation.reports.data.build_report_data", build)
    monkeypatch.setattr("emulation.reports.render.render_report_pdf", lambda data: b"%PDF-1.7 fake")
    monkeypatch.setattr("emulation.reports.render.render_report_xlsx", lambda data: b"PK fake xlsx")
    return calls


@pytest.fixture
def setup(world):
    return make_setup(world)


def test_request_runs_the_job_and_stores_files_with_checksums(
    setup, world, fake_render, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_request(user=world.board, campaign=setup.campaign, period=setup.period)
    report.refresh_from_db()
    assert report.status == "xong" and report.progress == 100 and report.attempts == 1
    assert report.pdf_file.read() == b"%PDF-1.7 fake"
    assert len(report.pdf_sha256) == 64 and report.xlsx_sha256
    assert fake_render[0]["user"] == world.board


def test_generating_again_makes_a_new_version_and_keeps_the_old(
    setup, world, fake_render, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.report_request(user=world.office, campaign=setup.campaign, period=setup.period)
        second = services.report_request(user=world.office, campaign=setup.campaign, period=setup.period)
    assert (first.version, second.version) == (1, 2)
    first.refresh_from_db()
    assert first.status == "xong" and first.pdf_file.name != Report.objects.get(pk=second.pk).pdf_file.name


def test_a_redelivered_job_of_a_finished_report_does_nothing(
    setup, world, fake_render, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_request(user=world.office, campaign=setup.campaign, period=setup.period)
    before = Report.objects.get(pk=report.pk)
    services.report_run(report.pk)
    after = Report.objects.get(pk=report.pk)
    assert (after.attempts, after.pdf_file.name, after.finished_at) == (1, before.pdf_file.name, before.finished_at)
    assert len(fake_render) == 1


def test_a_job_that_died_half_way_finishes_once_when_redelivered(setup, world, fake_render):
    report = Report.objects.create(
        campaign=setup.campaign,
        period=setup.period,
        requested_by=world.office,
        status="dang_chay",
        attempts=1,
        progress=40,
    )
    services.report_run(report.pk)
    report.refresh_from_db()
    assert report.status == "xong" and report.attempts == 2
    assert Report.objects.filter(campaign=setup.campaign).count() == 1


def test_the_broker_down_is_told_in_vietnamese_and_nothing_breaks(
    setup, world, login, monkeypatch, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError

    def down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr("emulation.reports.tasks.generate_report.apply_async", down)
    client = login(world.board)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:campaign_reports", args=[setup.campaign.pk]),
            {"period": setup.period.pk},
        )
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.status == "loi" and "Hàng đợi tạo báo cáo tạm thời không hoạt động" in report.error
    page = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert "Hàng đợi tạo báo cáo tạm thời không hoạt động" in page
    assert client.get(reverse("home")).status_code == 200


def test_only_the_office_and_ban_tdkt_request(setup, world):
    from emulation.lib.errors import DomainError

    for person in (world.staff, world.head, world.council, world.office_b):
        with pytest.raises(DomainError, match="Chỉ Văn phòng Sở và Ban TĐKT"):
            services.report_request(user=person, campaign=setup.campaign, period=setup.period)


def test_downloads_are_scoped_and_recorded(setup, world, login, fake_render, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_request(user=world.board, campaign=setup.campaign, period=setup.period)
    url = reverse("reports:report_download", args=[report.pk, "pdf"])
    response = login(world.board).get(url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert ReportDownload.objects.get().user == world.board
    assert login(world.office_b).get(url).status_code == 404
    assert login(world.outsider).get(url).status_code == 404


def test_progress_partial_polls_until_done(setup, world, login):
    report = Report.objects.create(
        campaign=setup.campaign,
        period=setup.period,
        requested_by=world.board,
        status="dang_chay",
        progress=42,
        message="Đang dựng tệp PDF",
    )
    body = (
        login(world.board)
        .get(reverse("reports:report_detail", args=[report.pk]), HTTP_HX_REQUEST="true")
        .content.decode()
    )
    assert 'hx-trigger="every 1s"' in body and 'value="42"' in body and "Đang dựng tệp PDF" in body
    Report.objects.filter(pk=report.pk).update(status="xong", progress=100)
    body = (
        login(world.board)
        .get(reverse("reports:report_detail", args=[report.pk]), HTTP_HX_REQUEST="true")
        .content.decode()
    )
    assert "hx-trigger" not in body and "Tải PDF" in body


def test_daily_job_creates_the_due_report_once_and_reminds_late_units(setup, world, fake_render, mailoutbox, settings):
    import datetime as dt

    settings.REPORT_REMINDER_DAYS = [7, 1]  # off by default: deadline reminders are notifications now

    from campaigns.tests.factories import UserFactory, grant

    setup.campaign.participants.set([world.phong_a, world.phong_a2])
    person = UserFactory(email="canbo.a2@example.invalid")
    grant(person, world.phong_a2, "can_bo")
    due = setup.period.due_date
    created = services.reports_due_today(today=due)
    assert len(created) == 1 and created[0].scheduled
    assert services.reports_due_today(today=due) == []
    sent = services.send_reminders(today=due - dt.timedelta(days=7))
    assert sent >= 1 and any("canbo.a2@example.invalid" in m.to for m in mailoutbox)
    assert services.send_reminders(today=due - dt.timedelta(days=7)) == 0  # once per unit and lead time
    assert mailoutbox[0].subject.startswith("Nhắc gửi")
