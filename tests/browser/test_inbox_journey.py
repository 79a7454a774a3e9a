"""Issue 13's inbox in the browser, on the demo data: Văn phòng Sở returns a figure of Phòng CNTT's 2023 6-month
report; the unit's cán bộ finds it on the home page ("Số liệu bị trả lại", with the reviewer's comment, and the count
on "Trang chủ"), follows the link to the form and saves; the head sends it again; the item leaves the unit's inbox
and waits in the office's "Số liệu chờ duyệt"."""

import datetime as dt

import pytest
from django.utils import timezone

from campaigns import demo, demo_campaigns
from campaigns.catalogue import load_catalogue
from campaigns.demo import DEMO_PASSWORD
from campaigns.models import ReportingPeriod, Unit, User
from indicators import demo as indicators_demo
from indicators import services
from indicators.catalogue import load_indicators
from indicators.models import Submission

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sent(db):
    """The demo, and Phòng CNTT's 2023 6-month report as its head sent it, every figure filled and explained."""
    demo.load()
    load_catalogue()
    demo_campaigns.load()
    load_indicators()
    indicators_demo.load()
    period = ReportingPeriod.objects.get(
        campaign__title__contains="Chuyển đổi số giai đoạn 2022 - 2025", kind="sau_thang", year=2023
    )
    head = User.objects.get(username="lanhdao.bp")
    submission = services.submission_open(period=period, unit=Unit.objects.get(code="binh-phuoc-cntt"), user=head)
    for value in submission.values.select_related("target__indicator"):
        if value.target.indicator.entry == "rate":
            value.numerator, value.denominator, value.value = 40, 50, 80
        elif value.target.indicator.entry == "task":
            value.value, value.done_on = 1, dt.date(2023, 3, 20)
        else:
            value.value = 3
        value.note = "Số liệu đã được lãnh đạo Phòng kiểm tra."
        value.save()
    now = timezone.now()
    Submission.objects.filter(pk=submission.pk).update(
        status="da_gui", submitted_at=now, first_submitted_at=now, submitted_by=head
    )
    return submission


def _sign_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")
    page.wait_for_load_state("networkidle")  # the navigation's counts come by htmx


def _section(page, title):
    return page.locator("section.inbox-section", has=page.locator("h3", has_text=title))


def test_a_return_reaches_the_unit_and_leaves_its_inbox_once_sent_again(sent, live_server, page, screenshot, axe):
    title = "Báo cáo 6 tháng đầu năm 2023 – CNTT"
    _sign_in(page, live_server, "vanphong.bp")
    assert _section(page, "Số liệu chờ duyệt").get_by_role("link", name=title).count() == 1
    page.goto(f"{live_server.url}/bao-cao-so-lieu/{sent.pk}/")
    page.locator("input[name^='return-']").first.check()
    page.locator("input[name^='comment-']").first.fill("Kiểm tra lại tổng số xã")
    page.get_by_label("Lý do trả lại (đánh dấu “Trả lại” ở từng số liệu cần sửa)").fill("Một số liệu chưa khớp")
    page.get_by_role("button", name="Trả lại đơn vị").click()
    page.wait_for_selector("text=Đã trả lại báo cáo cho đơn vị")

    _sign_in(page, live_server, "canbo.bp")
    returned = _section(page, "Số liệu bị trả lại")
    assert "Một số liệu chưa khớp" in returned.inner_text() and "Kiểm tra lại tổng số xã" in returned.inner_text()
    badge = page.locator("#dem-viec")
    assert badge.is_visible() and int(badge.inner_text().split()[0]) >= 1
    screenshot(page, "inbox-returned")
    axe(page, "inbox-returned")
    returned.get_by_role("link", name=title).click()
    page.wait_for_url(f"{live_server.url}/bao-cao-so-lieu/{sent.pk}/")
    page.get_by_role("button", name="Lưu nháp").click()
    page.wait_for_selector("text=Đã lưu nháp")

    _sign_in(page, live_server, "lanhdao.bp")
    _section(page, "Số liệu bị trả lại").get_by_role("link", name=title).click()
    page.get_by_role("button", name="Lưu và gửi Văn phòng Sở").click()
    page.wait_for_selector("text=Đã gửi báo cáo tới Văn phòng Sở")
    assert Submission.objects.get(pk=sent.pk).status == "da_gui"

    _sign_in(page, live_server, "canbo.bp")
    assert page.get_by_role("link", name=title).count() == 0
    _sign_in(page, live_server, "vanphong.bp")
    assert _section(page, "Số liệu chờ duyệt").get_by_role("link", name=title).count() == 1
    screenshot(page, "inbox-office")
    axe(page, "inbox-office")
