"""A file over the upload limit is refused in the browser, before anything is sent: the figures typed on the page
stay where they are (static/js/portal.js; nginx's 413 page is for clients without it: tests/test_deploy.py)."""

import pytest
from django.urls import reverse

from indicators import services
from indicators.models import Evidence
from indicators.tests.factories import make_setup

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIMIT = 700_000  # UPLOAD_MAX_MB for this test; one send may carry LIMIT + 1 MiB


def test_a_too_large_file_is_refused_before_sending_and_the_typed_figures_stay(world, live_server, page, settings):
    settings.UPLOAD_MAX_BYTES = LIMIT
    submission = services.submission_open(period=make_setup(world).period, unit=world.phong_a, user=world.staff)
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(world.staff.username)
    page.get_by_label("Mật khẩu").fill("MatKhau@2025")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")
    url = f"{live_server.url}{reverse('indicators:submission_detail', args=[submission.pk])}"
    page.goto(url)
    assert page.locator("body").get_attribute("data-max-bytes") == str(LIMIT)

    count = page.locator("input[name$='-value'][data-number]").first
    count.fill("1.245")
    evidence = page.locator("input[type=file][name$='-evidence']")
    requests = []
    page.on("request", lambda request: requests.append(request.method) if request.method == "POST" else None)

    # One file over the limit: taken out of the form at once, with the reason next to it.
    evidence.first.set_input_files(
        files=[{"name": "bien-ban-quet.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4" + b"0" * 1_050_000}]
    )
    assert page.locator("[data-upload-error]").inner_text() == (
        "Tệp “bien-ban-quet.pdf” có dung lượng 1 MB, vượt quá giới hạn 0,7 MB. Hãy chọn tệp nhỏ hơn. "
        "Những gì bạn đã nhập vẫn được giữ nguyên."
    )
    assert evidence.first.evaluate("input => input.files.length") == 0
    assert evidence.first.get_attribute("aria-invalid") == "true"
    assert count.input_value() == "1.245" and page.url == url and requests == []

    # Files each under the limit but together over what one send may carry: the form is not sent.
    part = {"mimeType": "application/pdf", "buffer": b"%PDF-1.4" + b"0" * (LIMIT - 100)}
    for i in range(3):
        evidence.nth(i).set_input_files(files=[{"name": f"phu-luc-{i}.pdf", **part}])
    assert page.locator("[data-upload-error]").count() == 0  # each one alone is fine
    page.get_by_role("button", name="Lưu nháp").click()
    assert page.locator("[data-upload-error]").inner_text() == (
        "Các tệp đính kèm tổng cộng 2 MB, vượt quá 1,7 MB cho một lần gửi. Hãy bỏ bớt tệp rồi gửi phần còn lại ở "
        "lần sau. Những gì bạn đã nhập vẫn được giữ nguyên."
    )
    assert requests == [] and page.url == url and count.input_value() == "1.245"
    assert not Evidence.objects.exists()

    # Under the limit: sent and saved as usual.
    evidence.nth(1).set_input_files(files=[])
    evidence.nth(2).set_input_files(files=[])
    page.get_by_role("button", name="Lưu nháp").click()
    page.wait_for_selector("text=Đã lưu nháp")
    assert requests == ["POST"] and Evidence.objects.count() == 1
