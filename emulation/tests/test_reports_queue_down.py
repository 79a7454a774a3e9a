"""With the queue down, asking for a report shows only the Vietnamese "queue down" alert, not also a green
"requested" message that contradicts it. Transactional: the job is sent when the request commits, as in production."""

import pytest
from django.urls import reverse

from emulation.reports.models import Report
from indicators.tests.factories import make_setup

pytestmark = pytest.mark.django_db(transaction=True)


def _request(client, campaign, period):
    return client.post(
        reverse("reports:campaign_reports", args=[campaign.pk]),
        {"period": period.pk},
        follow=True,
    )


def test_queue_down_shows_the_alert_and_no_success_message(world, login, monkeypatch):
    from kombu.exceptions import OperationalError

    def down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    setup = make_setup(world)
    monkeypatch.setattr("emulation.reports.tasks.generate_report.apply_async", down)
    page = _request(login(world.board), setup.campaign, setup.period).content.decode()
    assert Report.objects.get().status == "loi"
    assert "Hàng đợi tạo báo cáo tạm thời không hoạt động" in page
    assert "Đã yêu cầu tạo báo cáo" not in page


def test_queue_up_says_the_report_was_requested(world, login, monkeypatch):
    sent = []
    monkeypatch.setattr("emulation.reports.tasks.generate_report.apply_async", lambda *a, **k: sent.append(a))
    setup = make_setup(world)
    page = _request(login(world.board), setup.campaign, setup.period).content.decode()
    assert len(sent) == 1
    assert "Đã yêu cầu tạo báo cáo. Trang này tự cập nhật tiến độ." in page
