"""Issue 13's notification journey on the demo data: Văn phòng Sở (vanphong.bp) returns Phòng CNTT's figures;
canbo.bp sees it in the bell (and got one e-mail), opens it from the list and corrects the figure; lanhdao.bp, told
too, sends again — and his notification of the return is read without his touching it: the work is done.

Phòng CNTT's 2023 six-month figures start as sent, copied from its 2022 annual report (the submission journey
types them in the browser; here the return and what follows are the point).
"""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from campaigns import demo, demo_campaigns
from campaigns.catalogue import load_catalogue
from campaigns.demo import DEMO_PASSWORD
from campaigns.models import ReportingPeriod, Unit, User
from emulation.lib.vn import format_number
from emulation.notifications.models import Kind, Notification
from emulation.notifications.selectors import unread_count
from indicators import demo as indicators_demo
from indicators import services
from indicators.catalogue import load_indicators
from indicators.models import Entry, Submission, Value
from indicators.selectors import previous_period

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sent_submission():
    demo.load()
    load_catalogue()
    demo_campaigns.load()
    load_indicators()
    indicators_demo.load()
    period = ReportingPeriod.objects.get(
        campaign__title__contains="Chuyển đổi số giai đoạn 2022 - 2025", kind="sau_thang", year=2023
    )
    unit = Unit.objects.get(code="binh-phuoc-cntt")
    staff, head = User.objects.get(username="canbo.bp"), User.objects.get(username="lanhdao.bp")
    submission = services.submission_open(period=period, unit=unit, user=staff)
    before = {
        v.target.indicator_id: v
        for v in Value.objects.filter(submission__period=previous_period(period), submission__unit=unit).select_related(
            "target"
        )
    }
    for value in submission.values.select_related("target__indicator"):
        last = before.get(value.target.indicator_id)
        if last is not None:
            value.numerator, value.denominator, value.value, value.done_on = (
                last.numerator,
                last.denominator,
                last.value,
                last.done_on,
            )
        elif value.target.indicator.entry == Entry.RATE:
            value.numerator, value.denominator, value.value = 45, 50, 90
        elif value.target.indicator.entry == Entry.TASK:
            value.value, value.done_on = 1, dt.date(2023, 3, 20)
        else:
            value.value = 3
        value.save()
    now = timezone.now()
    Submission.objects.filter(pk=submission.pk).update(
        status="da_gui", submitted_by=head, submitted_at=now, first_submitted_at=now, version=submission.version + 1
    )
    return Submission.objects.get(pk=submission.pk)


def _sign_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")


def _bell(page):
    return page.locator("[data-notification-bell]")


def test_a_return_reaches_the_bell_and_is_done_when_sent_again(sent_submission, live_server, page, screenshot, axe):
    submission = sent_submission
    staff, head = User.objects.get(username="canbo.bp"), User.objects.get(username="lanhdao.bp")
    unread_before = {user.username: unread_count(user=user) for user in (staff, head)}
    mail.outbox = []
    detail = f"{live_server.url}/bao-cao-so-lieu/{submission.pk}/"

    # Văn phòng Sở returns one figure with a comment.
    _sign_in(page, live_server, "vanphong.bp")
    page.goto(detail)
    page.locator("input[name^='return-']").first.check()
    page.locator("input[name^='comment-']").first.fill("Kiểm tra lại tổng số xã")
    page.get_by_label("Lý do trả lại (đánh dấu “Trả lại” ở từng số liệu cần sửa)").fill("Một số liệu chưa khớp")
    page.get_by_role("button", name="Trả lại đơn vị").click()
    page.wait_for_selector("text=Đã trả lại báo cáo cho đơn vị")

    # One e-mail each to the unit's cán bộ and lãnh đạo, none to the office that returned it.
    assert sorted(m.to[0] for m in mail.outbox) == ["canbo.bp@example.invalid", "lanhdao.bp@example.invalid"]
    to_staff = next(m for m in mail.outbox if m.to == ["canbo.bp@example.invalid"])
    assert to_staff.subject == "[Thi đua – Khen thưởng] Số liệu bị trả lại" and "Một số liệu chưa khớp" in to_staff.body

    # The officer sees it in the bell, then in the list, unread and first.
    _sign_in(page, live_server, "canbo.bp")
    expected = unread_before["canbo.bp"] + 1
    assert _bell(page).get_attribute("data-unread") == str(expected)
    assert f"Thông báo: {expected} chưa đọc" in _bell(page).inner_text()
    home = page.content()
    inbox_lists_it = f"/bao-cao-so-lieu/{submission.pk}/" in home  # the home page's inbox (issue 13, another part)
    screenshot(page, "notifications-bell")
    _bell(page).click()
    page.wait_for_url(f"{live_server.url}/thong-bao/")
    first = page.locator("li.list-group-item").first
    assert "Chưa đọc" in first.inner_text() and "Văn phòng Sở trả lại số liệu báo cáo 6 tháng đầu năm 2023" in (
        first.inner_text()
    )
    screenshot(page, "notifications-list")
    axe(page, "notifications-list")

    # Opening it marks it read and leads to the figures, where the officer corrects the returned one.
    first.get_by_role("link").click()
    page.wait_for_url(detail)
    assert _bell(page).get_attribute("data-unread") == str(unread_before["canbo.bp"])
    assert "Kiểm tra lại tổng số xã" in page.locator("main").inner_text()
    returned = submission.values.get(returned=True)
    row = page.locator("tr.table-warning")
    assert row.count() == 1 and "Trả lại: Kiểm tra lại tổng số xã" in row.inner_text()
    if returned.denominator is not None:  # a rate: one more commune in the denominator
        row.locator("[data-denominator]").fill(format_number(returned.denominator + 1))
        field, corrected = "denominator", returned.denominator + 1
    else:
        row.locator("input[name$='-value']:not([type=hidden])").fill(format_number(returned.value + 1))
        field, corrected = "value", returned.value + 1
    page.get_by_role("button", name="Lưu nháp").click()
    page.wait_for_selector("text=Đã lưu nháp")
    assert getattr(Value.objects.get(pk=returned.pk), field) == corrected

    # The head was told too; he sends again without opening his notification: it is read, the work is done.
    _sign_in(page, live_server, "lanhdao.bp")
    assert _bell(page).get_attribute("data-unread") == str(unread_before["lanhdao.bp"] + 1)
    page.goto(detail)
    page.get_by_role("button", name="Lưu và gửi Văn phòng Sở").click()
    page.wait_for_selector("text=Đã gửi báo cáo tới Văn phòng Sở")
    assert Submission.objects.get(pk=submission.pk).status == "da_gui"
    assert _bell(page).get_attribute("data-unread") == str(unread_before["lanhdao.bp"])
    returns = Notification.objects.filter(kind=Kind.SO_LIEU_TRA_LAI, submission=submission)
    assert returns.count() == 2 and not returns.filter(read_at__isnull=True).exists()
    page.goto(f"{live_server.url}/thong-bao/")
    item = page.locator("li.list-group-item", has_text="Văn phòng Sở trả lại số liệu báo cáo 6 tháng đầu năm 2023")
    assert item.count() == 1 and "Chưa đọc" not in item.inner_text()
    screenshot(page, "notifications-after-sending")

    # The officer's home page: the bell is back, and the inbox (if it lists returned figures) no longer does.
    _sign_in(page, live_server, "canbo.bp")
    assert _bell(page).get_attribute("data-unread") == str(unread_before["canbo.bp"])
    if inbox_lists_it:
        assert f"/bao-cao-so-lieu/{submission.pk}/" not in page.content()
    screenshot(page, "notifications-home-after")

    # The preferences page: the person's own choices.
    page.goto(f"{live_server.url}/thong-bao/cach-nhan/")
    page.get_by_label("Số liệu bị trả lại").select_option("hang_ngay")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_selector("text=Đã lưu cách nhận thông báo.")
    screenshot(page, "notifications-preferences")
    axe(page, "notifications-preferences")
