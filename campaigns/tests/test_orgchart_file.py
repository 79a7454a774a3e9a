"""The change list as a file and `manage.py apply_org_change`: all or nothing, every bad row named, dry runs."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from campaigns.models import Campaign, RoleAssignment, Unit
from campaigns.orgchart import OrgChange, UnitVersion
from campaigns.orgchart_file import COLUMNS, OrgFileError, apply_plan, read_plan
from campaigns.tests.factories import make_campaign

HEADER = ";".join(COLUMNS)


def _csv(*rows: str, bom: bool = True) -> bytes:
    text = "\n".join([HEADER, *rows]) + "\n"
    return ("\ufeff" + text if bom else text).encode("utf-8")


def _merger_rows(world) -> list[str]:
    return [
        f"01/07/2025;sap_nhap;{world.so_a.code};so-moi;Sở KH&CN tỉnh Mới;Sở KH&CN Mới;Sở;Tỉnh Mới;{world.bo.code};có;"
        "Nghị quyết;202/2025/QH15;12/06/2025;Quốc hội;sắp xếp đơn vị hành chính cấp tỉnh;",
        f"01/07/2025;sap_nhap;{world.so_b.code};so-moi;;;;;;có;;;;;;",
    ]


def _state():
    return (
        list(Unit.objects.order_by("pk").values_list("code", "name", "path", "valid_to", "version")),
        UnitVersion.objects.count(),
        OrgChange.objects.count(),
        list(RoleAssignment.objects.order_by("pk").values_list("unit_id", "valid_to")),
        list(Campaign.objects.order_by("pk").values_list("owner_id", flat=True)),
    )


def _write(tmp_path, data: bytes, name: str = "thay-doi.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_dry_run_prints_what_would_change_and_leaves_the_database_unchanged(world, tmp_path, capsys):
    make_campaign(world.so_a, start_date=dt.date(2025, 1, 1), end_date=dt.date(2026, 12, 31))
    before = _state()
    call_command("apply_org_change", _write(tmp_path, _csv(*_merger_rows(world))), "--dry-run")
    out = capsys.readouterr().out
    assert "Thành lập Sở KH&CN Mới (so-moi)" in out
    assert "đơn vị quản lý chuyển sang Sở KH&CN Mới" in out
    assert "Chạy thử" in out
    assert _state() == before


def test_the_command_applies_a_merger_of_two_units(world, tmp_path, capsys):
    call_command("apply_org_change", _write(tmp_path, _csv(*_merger_rows(world))), "--user", world.admin.username)
    new = Unit.objects.get(code="so-moi")
    assert new.valid_from == dt.date(2025, 7, 1) and new.province == "Tỉnh Mới"
    assert Unit.objects.get(pk=world.so_a.pk).valid_to == dt.date(2025, 6, 30)
    assert Unit.objects.get(pk=world.so_b.pk).valid_to == dt.date(2025, 6, 30)
    assert Unit.objects.get_parent(Unit.objects.get(pk=world.phong_b.pk)).pk == new.pk
    change = OrgChange.objects.get()
    assert change.basis_number == "202/2025/QH15" and change.applied_by == world.admin
    assert change.links.count() == 2
    assert RoleAssignment.objects.filter(user=world.office_b, unit=new, valid_from=dt.date(2025, 7, 1)).exists()
    assert "Đã áp dụng 1 thay đổi" in capsys.readouterr().out


def test_a_refused_file_names_every_bad_row_and_changes_nothing(world, tmp_path):
    before = _state()
    data = _csv(
        *_merger_rows(world),
        f"31/02/2025;doi_ten;{world.phong_a.code};;;;;;;;;;;;;",
        f"01/07/2025;xoa_bo;{world.phong_a2.code};;;;;;;;;;;;;",
    )
    with pytest.raises(CommandError) as refused:
        call_command("apply_org_change", _write(tmp_path, data))
    message = str(refused.value)
    assert "Dòng 4:" in message and "31/02/2025" in message
    assert "Dòng 4: đổi tên phải ghi tên mới" in message
    assert "Dòng 5:" in message and "xoa_bo" in message
    assert _state() == before


def test_a_change_refused_by_the_database_rolls_back_the_changes_before_it(world, tmp_path):
    before = _state()
    data = _csv(
        f"01/03/2025;doi_ten;{world.bo.code};;Bộ Khoa học và Công nghệ;Bộ KH&CN;;;;;;;;;;",
        f"01/07/2025;chuyen;{world.so_a.code};;;;;;{world.phong_a.code};;;;;;;",
        "01/07/2025;giai_the;khong-co-ma;;;;;;;;;;;;;",
    )
    with pytest.raises(CommandError) as refused:
        call_command("apply_org_change", _write(tmp_path, data))
    message = str(refused.value)
    assert "Dòng 3:" in message and "vòng" in message
    assert "Dòng 4:" in message and "khong-co-ma" in message
    assert _state() == before
    assert Unit.objects.get(pk=world.bo.pk).name == "Bộ Thông tin và Truyền thông"


def test_two_parents_for_one_unit_on_one_date_are_refused_in_the_file(world):
    data = _csv(
        f"01/07/2025;chuyen;{world.phong_a.code};;;;;;{world.so_b.code};;;;;;;",
        f"01/07/2025;chuyen;{world.phong_a.code};;;;;;{world.bo.code};;;;;;;",
    )
    with pytest.raises(OrgFileError) as refused:
        read_plan(data, "x.csv")
    assert any("Dòng 3" in e and "hai đơn vị cấp trên" in e for e in refused.value.errors)


def test_split_rows_with_a_move_row_for_a_child(world):
    data = _csv(
        f"01/07/2025;chia_tach;{world.so_a.code};so-a1;Sở A1;;Sở;Tỉnh A;;;;;;;;",
        f"01/07/2025;chia_tach;{world.so_a.code};so-a2;Sở A2;;Sở;Tỉnh A;;;;;;;;",
        f"01/07/2025;chuyen;{world.phong_a2.code};;;;;;so-a2;;;;;;;",
    )
    outcome = apply_plan(read_plan(data, "x.csv"), user=None, dry_run=False)
    assert outcome.applied and outcome.changes == 1
    assert Unit.objects.get_parent(Unit.objects.get(pk=world.phong_a2.pk)).code == "so-a2"
    assert Unit.objects.get_parent(Unit.objects.get(pk=world.phong_a.pk)).code == "so-a1"


def test_an_excel_file_is_read_like_the_csv(world):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(COLUMNS))
    sheet.append(["01/03/2025", "Đổi tên", world.so_a.code, "", "Sở KH&CN tỉnh A", "Sở KH&CN A"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    apply_plan(read_plan(buffer.getvalue(), "thay-doi.xlsx"), user=None, dry_run=False)
    assert Unit.objects.get(pk=world.so_a.pk).name == "Sở KH&CN tỉnh A"


def test_a_preview_made_stale_by_another_operator_is_refused(world):
    from campaigns.orgchart_file import unit_versions

    plan = read_plan(_csv(*_merger_rows(world)), "x.csv")
    seen = unit_versions(plan.codes)
    # Another operator renames Sở A in between.
    apply_plan(
        read_plan(_csv(f"01/03/2025;doi_ten;{world.so_a.code};;Tên khác;;;;;;;;;;;"), "y.csv"),
        user=None,
        dry_run=False,
    )
    before = _state()
    with pytest.raises(OrgFileError, match="vừa được thay đổi"):
        apply_plan(plan, user=None, dry_run=False, expected_versions=seen)
    assert _state() == before


def test_a_semicolon_inside_an_unquoted_cell_is_reported(world):
    data = _csv(f"01/03/2025;doi_ten;{world.so_a.code};;Tên mới;;;;;;;;;;;ghi chú; phần thừa")
    with pytest.raises(OrgFileError, match="ngoặc kép"):
        read_plan(data, "x.csv")
