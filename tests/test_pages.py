"""Layout, navigation per role, Vietnamese error pages and formats."""

from decimal import Decimal

import pytest
from django.test import override_settings
from django.urls import reverse

from emulation.lib.vn import format_number, format_percent


def test_home_lists_roles_and_an_empty_todo_list(world, login):
    body = login(world.office).get(reverse("home")).content.decode()
    assert "Việc cần làm" in body and "Hiện chưa có việc nào cần bạn xử lý." in body
    assert "Văn phòng Sở (thường trực TĐKT)" in body


def test_navigation_shows_admin_only_to_administrators(world, login):
    assert "Quản trị</a>" not in login(world.office).get(reverse("home")).content.decode()
    assert "Quản trị</a>" in login(world.admin).get(reverse("home")).content.decode()


def test_read_only_role_gets_a_vietnamese_403(world, login):
    response = login(world.board).get(reverse("campaigns:unit_edit", args=[world.phong_a.pk]))
    assert response.status_code == 403
    assert "Bạn không có quyền thực hiện thao tác này" in response.content.decode()


def test_another_provinces_unit_is_a_vietnamese_404(world, login):
    response = login(world.office_b).get(reverse("campaigns:unit_detail", args=[world.phong_a.pk]))
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


@pytest.mark.django_db
def test_pages_carry_security_headers(client):
    response = client.get(reverse("login"))
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


@override_settings(DEBUG=False)
def test_server_error_page_is_vietnamese():
    from django.template.loader import render_to_string

    assert "Đã có lỗi xảy ra" in render_to_string("500.html")


def test_vietnamese_number_formats():
    assert format_number(Decimal("1234.5")) == "1.234,5"
    assert format_number(1234567) == "1.234.567"
    assert format_percent(Decimal("82.5")) == "82,5 %"
    assert format_percent(100) == "100 %"
    assert format_number(-0.75, 2) == "-0,75"
    assert format_percent(Decimal("79.25")) == "79,3 %" and format_percent(Decimal("84.75")) == "84,8 %"


def test_dates_render_as_dd_mm_yyyy(world, login):
    import datetime

    from django.template import Context, Template

    rendered = Template("{{ d|date:'SHORT_DATE_FORMAT' }} {{ d }}").render(Context({"d": datetime.date(2025, 6, 15)}))
    assert rendered == "15/06/2025 15/06/2025"


def test_unit_head_sees_registration_to_do_until_registered(world, login):
    from campaigns import services
    from campaigns.tests.factories import make_campaign

    campaign = make_campaign(world.so_a, title="Phong trào cần đăng ký")
    make_campaign(world.so_b, title="Phong trào tỉnh khác")
    body = login(world.head).get(reverse("home")).content.decode()
    assert "Đăng ký thi đua cho" in body and "Phong trào cần đăng ký" in body and "tỉnh khác" not in body
    services.registration_create(campaign=campaign, unit=world.phong_a, user=world.head)
    # The campaign's reporting periods stay in the inbox (emulation/tests/test_inbox.py); the registration goes.
    assert "Đăng ký thi đua cho" not in login(world.head).get(reverse("home")).content.decode()
    # Registering is the head's act: the unit's staff are not asked to.
    assert "Đăng ký thi đua cho" not in login(world.staff).get(reverse("home")).content.decode()


def test_a_zip_bomb_dressed_as_docx_and_a_renamed_exe_are_refused():
    import io
    import zipfile

    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from emulation.lib.uploads import validate_document

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "0" * (120 * 1024 * 1024))
    bomb = SimpleUploadedFile("to-trinh.docx", buffer.getvalue())
    assert bomb.size < 1024 * 1024
    with pytest.raises(ValidationError, match="không phải tệp"):
        validate_document(bomb)
    exe = SimpleUploadedFile("bien-ban.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100)
    with pytest.raises(ValidationError, match="không phải tệp"):
        validate_document(exe)
