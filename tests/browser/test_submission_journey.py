"""Issues 4 and 7's journey on the demo data: Phòng CNTT of Bình Phước fills its 2023 6-month report in the browser
(a decimal comma, an evidence file, a draft) and through Excel, the head sends it, Văn phòng Sở returns one figure,
the staff corrects it and the head sends again, Văn phòng approves, and the dashboard shows the corrected figure
with its achievement and the completeness table the unit's report."""

import io
from decimal import Decimal

import openpyxl
import pytest

from campaigns import demo, demo_campaigns
from campaigns.catalogue import load_catalogue
from campaigns.demo import DEMO_PASSWORD
from campaigns.models import ReportingPeriod
from emulation.lib.vn import format_percent
from indicators import demo as indicators_demo
from indicators.catalogue import load_indicators
from indicators.models import Submission

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_data():
    demo.load()
    load_catalogue()
    demo_campaigns.load()
    load_indicators()
    indicators_demo.load()
    return ReportingPeriod.objects.get(
        campaign__title__contains="Chuyển đổi số giai đoạn 2022 - 2025", kind="sau_thang", year=2023
    )


def _sign_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")


def test_fill_send_return_correct_approve(demo_data, live_server, page, screenshot, axe, tmp_path):
    period = demo_data
    _sign_in(page, live_server, "canbo.bp")
    page.goto(f"{live_server.url}/ky-bao-cao/{period.pk}/")
    page.get_by_role("button", name="Bắt đầu nhập số liệu").click()
    page.wait_for_selector("text=Lưu nháp")
    submission = Submission.objects.get(period=period, unit__code="binh-phuoc-cntt")

    # Figures typed with Vietnamese grouping; the portal says how it read each one, and the rate, as one types.
    rates = page.locator("[data-rate-row]")
    for i in range(rates.count()):
        row = rates.nth(i)
        row.locator("[data-numerator]").fill("1.245" if i == 0 else str(30 + i % 20))
        row.locator("[data-denominator]").fill("1.500" if i == 0 else "50")
    assert rates.nth(0).locator("[data-rate]").inner_text() == "83 %"
    assert rates.nth(0).locator("[data-reading]").first.inner_text() == "Đã hiểu là 1\u00a0245"
    for box in page.locator("input[name$='-value']:not([type=hidden])").all():
        box.fill("3")
    numerator = rates.nth(0).locator("[data-numerator]")
    numerator.fill("82.5")  # a dot that cannot group thousands: refused, with the comma suggested
    assert "phần thập phân dùng dấu phẩy" in rates.nth(0).locator("[data-reading]").first.inner_text()
    numerator.fill("1.245")
    for box in page.locator("input[name$='-done'][value='1']").all():
        box.check()
    for day in page.locator("input[name$='-done_on']").all():
        day.fill("20/03/2023")
    evidence = tmp_path / "bien-ban-kiem-tra.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% minh chung\n")
    page.locator("input[type=file][name$='-evidence']").first.set_input_files(str(evidence))
    screenshot(page, "submission-typing")
    axe(page, "submission-typing")
    page.get_by_role("button", name="Lưu nháp").click()
    page.wait_for_load_state()
    errors = page.locator(".alert-danger").all_inner_texts()
    assert not errors, errors
    page.wait_for_selector("text=Đã lưu nháp")
    assert page.get_by_role("link", name="bien-ban-kiem-tra.pdf").count() == 1
    assert submission.values.filter(numerator=1245, denominator=1500).exists()
    assert Submission.objects.get(pk=submission.pk).status == "nhap"

    # Excel round trip: download the template, change one figure offline, upload it back.
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải mẫu Excel").click()
    workbook = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
    sheet = workbook["Số liệu"]
    header_row = next(r for r in range(1, 40) if sheet.cell(r, 3).value == "Chỉ tiêu")
    first = header_row + 1
    sheet.cell(first, 6).value = "1.260"  # Tử số of the first rate, typed as text with a thousands dot
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = tmp_path / "so-lieu.xlsx"
    upload.write_bytes(buffer.getvalue())
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(upload))
    page.get_by_role("button", name="Tải lên").click()
    page.wait_for_selector("text=Đã nhập số liệu từ tệp Excel")
    assert submission.values.filter(numerator=1260).exists()
    screenshot(page, "submission-after-excel")
    axe(page, "submission-after-excel")

    # The head sends. Figures far from last period's (the 2022 annual report) are flagged, and sending asks for a
    # short explanation of each: the head writes them and sends again.
    _sign_in(page, live_server, "lanhdao.bp")
    page.goto(f"{live_server.url}/bao-cao-so-lieu/{submission.pk}/")
    page.get_by_role("button", name="Lưu và gửi Văn phòng Sở").click()
    page.wait_for_selector("text=Chưa gửi được: số liệu sau khác thường so với kỳ trước")
    assert Submission.objects.get(pk=submission.pk).status == "nhap"
    flagged = page.locator("tr:has(.badge.text-bg-warning) textarea[name$='-note']")
    assert flagged.count() >= 1
    for note in flagged.all():
        note.fill("Số liệu của kỳ này tính trên phạm vi Phòng, không phải toàn tỉnh như kỳ trước.")
    page.get_by_role("button", name="Lưu và gửi Văn phòng Sở").click()
    page.wait_for_selector("text=Đã gửi báo cáo tới Văn phòng Sở")
    assert Submission.objects.get(pk=submission.pk).status == "da_gui"

    # Văn phòng Sở returns one figure.
    _sign_in(page, live_server, "vanphong.bp")
    page.goto(f"{live_server.url}/ky-bao-cao/{period.pk}/")
    screenshot(page, "review-queue")
    axe(page, "review-queue")
    page.goto(f"{live_server.url}/bao-cao-so-lieu/{submission.pk}/")
    axe(page, "submission-review")
    page.locator("input[name^='return-']").first.check()
    page.locator("input[name^='comment-']").first.fill("Kiểm tra lại tổng số xã")
    page.get_by_label("Lý do trả lại (đánh dấu “Trả lại” ở từng số liệu cần sửa)").fill("Một số liệu chưa khớp")
    page.get_by_role("button", name="Trả lại đơn vị").click()
    page.wait_for_selector("text=Đã trả lại báo cáo cho đơn vị")
    assert submission.values.filter(returned=True).count() == 1

    returned = submission.values.select_related("target__indicator").get(returned=True)

    # The staff corrects the returned figure and saves; the head sends again; Văn phòng approves.
    _sign_in(page, live_server, "canbo.bp")
    page.goto(f"{live_server.url}/bao-cao-so-lieu/{submission.pk}/")
    assert "Kiểm tra lại tổng số xã" in page.locator("main").inner_text()
    screenshot(page, "submission-returned")
    axe(page, "submission-returned")
    first = page.locator("[data-rate-row]").first
    first.locator("[data-denominator]").fill("1.512")
    assert first.locator("[data-rate]").inner_text() == "83,33 %"
    page.get_by_role("button", name="Lưu nháp").click()
    page.wait_for_selector("text=Đã lưu nháp")
    corrected = submission.values.get(pk=returned.pk)
    assert (corrected.numerator, corrected.denominator) == (1260, 1512)
    _sign_in(page, live_server, "lanhdao.bp")
    page.goto(f"{live_server.url}/bao-cao-so-lieu/{submission.pk}/")
    page.get_by_role("button", name="Lưu và gửi Văn phòng Sở").click()
    page.wait_for_selector("text=Đã gửi báo cáo tới Văn phòng Sở")
    _sign_in(page, live_server, "vanphong.bp")
    page.goto(f"{live_server.url}/bao-cao-so-lieu/{submission.pk}/")
    page.get_by_role("button", name="Duyệt báo cáo").click()
    page.wait_for_selector("text=Đã duyệt báo cáo")
    assert Submission.objects.get(pk=submission.pk).status == "da_duyet"

    # The dashboard shows the corrected figure (42,5 of 51, no longer 42,5 of 50) and its achievement.
    page.goto(f"{live_server.url}/phong-trao/{period.campaign_id}/tien-do/?ky={period.pk}")
    unit = submission.unit
    rows = page.locator("table.progress-table tbody tr", has_text=returned.target.indicator.name)
    cell = rows.locator("li", has_text=f"{unit.display_name}:")
    assert cell.count() == 1, rows.all_text_contents()
    text = " ".join(cell.text_content().split())
    assert format_percent(Decimal("42.5") * 100 / 51, 1) in text, text  # 83,3 %; before the correction 85 %
    assert any(label in text for label in ("Vượt", "Đạt", "Chưa đạt")), text
    heading = page.locator("h2", has_text="Tình hình gửi báo cáo")
    completeness = heading.locator("xpath=following-sibling::div[1]//table")
    unit_row = completeness.locator("tbody tr").filter(has=page.get_by_role("rowheader", name=unit.name, exact=True))
    column = [" ".join(t.split()) for t in completeness.locator("thead th").all_inner_texts()].index(str(period))
    assert unit_row.locator("td").nth(column - 1).inner_text().strip() in ("Đúng hạn", "Quá hạn")
    screenshot(page, "dashboard")
    axe(page, "dashboard")
