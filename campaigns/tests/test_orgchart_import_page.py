"""The Quản trị page: upload the change list → preview (nothing saved) → apply; stale previews refused."""

from __future__ import annotations

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.models import Unit
from campaigns.orgchart import OrgChange
from campaigns.orgchart_file import COLUMNS

URL = reverse("campaigns:org_change_import")


def _file(*rows: str) -> SimpleUploadedFile:
    text = "\n".join([";".join(COLUMNS), *rows]) + "\n"
    return SimpleUploadedFile("sap-nhap.csv", text.encode("utf-8"), content_type="text/csv")


def _rename(world, name: str = "Sở Khoa học và Công nghệ tỉnh A") -> str:
    return f"01/03/2025;doi_ten;{world.so_a.code};;{name};Sở KH&CN A;;;;;Nghị quyết;01/NQ-HĐND;20/02/2025;HĐND tỉnh A;;"


def _token(html: str) -> str:
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def test_preview_shows_the_changes_and_saves_nothing_then_apply_saves_them(world, login):
    client = login(world.admin)
    preview = client.post(URL, {"file": _file(_rename(world))})
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Xem trước: 1 thay đổi" in html and "Sở Khoa học và Công nghệ tỉnh A" in html
    assert Unit.objects.get(pk=world.so_a.pk).name == "Sở TT&TT tỉnh A"
    assert not OrgChange.objects.exists()

    applied = client.post(URL, {"token": _token(html)}, follow=True)
    assert "Đã áp dụng 1 thay đổi tổ chức" in applied.content.decode()
    assert Unit.objects.get(pk=world.so_a.pk).name == "Sở Khoa học và Công nghệ tỉnh A"
    change = OrgChange.objects.get()
    assert change.applied_by == world.admin and change.basis_number == "01/NQ-HĐND"
    assert "01/NQ-HĐND" in applied.content.decode()  # listed among the applied changes


def test_a_preview_is_refused_when_another_operator_changed_the_units_meanwhile(world, login):
    client = login(world.admin)
    first = _token(client.post(URL, {"file": _file(_rename(world))}).content.decode())
    other = _token(client.post(URL, {"file": _file(_rename(world, "Tên của người khác"))}).content.decode())
    assert client.post(URL, {"token": other}).status_code == 302
    refused = client.post(URL, {"token": first})
    assert refused.status_code == 400
    assert "vừa được thay đổi" in refused.content.decode()
    assert Unit.objects.get(pk=world.so_a.pk).name == "Tên của người khác"
    assert OrgChange.objects.count() == 1


def test_bad_rows_are_listed_and_nothing_is_saved(world, login):
    client = login(world.admin)
    response = client.post(URL, {"file": _file(_rename(world), "1/13/2025;doi_ten;khong-co;;X;;;;;;;;;;;")})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Dòng 3:" in html and "1/13/2025" in html
    assert not OrgChange.objects.exists()


def test_a_tampered_token_is_refused(world, login):
    response = login(world.admin).post(URL, {"token": "gia-mao"})
    assert response.status_code == 400 and not OrgChange.objects.exists()


def test_only_quan_tri_may_open_the_page(world, login):
    assert login(world.office).get(URL).status_code == 403
    assert login(world.office).post(URL, {"file": _file(_rename(world))}).status_code == 403
    assert Unit.objects.get(pk=world.so_a.pk).name == "Sở TT&TT tỉnh A"
