"""Award histories across a merger (issue 16): the successor's history holds its predecessors' awards, a person who
moved with the merger keeps one history, and every row, page and export names the unit as on its decision's date —
a 2024 Quyết định of the Sở merged into Đồng Nai's on 01/07/2025 keeps "Bình Phước"."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards import documents
from awards.excel import REGISTER_HEADERS, render_register_xlsx
from awards.models import AwardRecord
from awards.tests.test_register import _award_form, _record
from campaigns.models import Role
from campaigns.tests.factories import UserFactory, grant, make_campaign
from campaigns.tests.orgchart_factories import BP_SO, DN_SO, bình_phước_into_đồng_nai, rename
from tests.paper import flat

IN_2024, IN_2026 = dt.date(2024, 12, 20), dt.date(2026, 1, 15)


@pytest.fixture
def merged(world):
    """Phòng A's Nguyễn Văn An: a Giấy khen of 2024 (Sở TT&TT Bình Phước's decision, while phòng A was under it) and
    one of 2026 (after the merger, phòng A under Sở KH&CN Đồng Nai, renamed). Sở A's own collective award of 2024."""
    merger = bình_phước_into_đồng_nai(world)
    an = UserFactory(username="an", first_name="An", last_name="Nguyễn Văn")
    grant(an, world.phong_a, Role.CAN_BO)
    rename(world.phong_a, on=dt.date(2026, 1, 1), name="Phòng Chuyển đổi số", short_name="Phòng CĐS")
    form = _award_form("Giấy khen của Giám đốc Sở")
    collective = _award_form("Tập thể lao động tiên tiến", target="tap_the")
    campaign = make_campaign(world.so_a, start_date=dt.date(2024, 1, 1), end_date=dt.date(2024, 12, 31))
    later = make_campaign(merger.so_dn, start_date=dt.date(2025, 7, 1), end_date=dt.date(2025, 12, 31))
    early = _record(world, "Nguyễn Văn An", form=form, campaign=campaign, year=2024, day=IN_2024, person=an)
    late = _record(
        world, "Nguyễn Văn An", form=form, campaign=later, unit=world.phong_a, year=2025, day=IN_2026, person=an
    )
    AwardRecord.objects.filter(pk=late.pk).update(decision_issuer=DN_SO)
    so_award = _record(
        world, "Sở TT&TT Bình Phước", form=collective, campaign=campaign, unit=world.so_a, day=IN_2024, kind="tap_the"
    )
    world.phong_a.refresh_from_db()
    return merger, an, early, late, so_award


def _text(response) -> str:
    assert response.status_code == 200
    return flat(response.content.decode())


def test_a_person_who_moved_with_the_merger_keeps_one_history_with_the_names_of_each_date(merged, world, login):
    merger, an, early, late, _ = merged
    office_dn = UserFactory(username="vanphong.dn")
    grant(office_dn, merger.so_dn, Role.VAN_PHONG)

    page = _text(login(office_dn).get(reverse("awards:person_history", args=[an.pk])))

    rows = page.split("Quá trình khen thưởng")[-1]
    assert rows.count("Giấy khen của Giám đốc Sở") == 2
    assert "Phòng CNTT" in rows and "Phòng CĐS" in rows  # 2024: its name then; 2026: the new one
    assert rows.index("Phòng CĐS") < rows.index("Phòng CNTT")  # newest first


def test_the_successor_s_history_includes_the_merged_sở_s_awards_named_as_then(merged, world, login):
    merger, _, early, late, so_award = merged
    page = _text(login(world.admin).get(reverse("awards:unit_history", args=[merger.so_dn.pk])))

    assert "đã sáp nhập vào đơn vị này" in page and BP_SO in page
    collective = page.split("Tập thể đơn vị")[1].split("Cá nhân thuộc đơn vị")[0]
    assert "Tập thể lao động tiên tiến" in collective and "Sở TT&amp;TT Bình Phước" in collective


def test_the_continuing_phòng_s_history_is_its_own_across_the_merger(merged, world, login):
    merger, *_ = merged
    page = _text(login(world.staff).get(reverse("awards:unit_history", args=[merger.phong.pk])))
    assert page.count("Nguyễn Văn An") >= 2


def test_the_register_and_its_export_name_each_unit_as_on_the_decision_s_date(merged, world, login):
    merger, an, early, late, so_award = merged
    page = _text(login(world.admin).get(reverse("awards:register")))
    assert "Phòng CNTT" in page and "Phòng CĐS" in page

    data = render_register_xlsx(AwardRecord.objects.select_related("unit", "award_form", "campaign"))
    sheet = load_workbook(io.BytesIO(data)).active
    column = REGISTER_HEADERS.index("Đơn vị")
    units = {
        row[REGISTER_HEADERS.index("Ngày quyết định")].date(): row[column]
        for row in sheet.iter_rows(min_row=2, values_only=True)
        if row[column] != BP_SO
    }
    assert units == {IN_2024: "Phòng Công nghệ thông tin", IN_2026: "Phòng Chuyển đổi số"}


def test_a_2024_decision_keeps_bình_phước_and_a_2026_one_is_đồng_nai_s(merged, world, login):
    merger, an, early, late, _ = merged
    facts = documents.decision_facts(early.decision)
    header = facts.paper.header
    assert (header.parent_body, header.issuer, header.place) == (
        "UBND tỉnh Bình Phước",
        "Sở Thông tin và Truyền thông",
        "Bình Phước",
    )
    assert "Phòng Công nghệ thông tin" in " ".join(r.unit for r in facts.rows)

    late.decision.owner = merger.so_bp  # recorded by the old Sở's office, signed after the merger
    late.decision.save()
    facts = documents.decision_facts(late.decision)
    assert (facts.paper.header.parent_body, facts.paper.header.place) == ("UBND tỉnh Đồng Nai", "Đồng Nai")
    assert "Phòng Chuyển đổi số" in " ".join(r.unit for r in facts.rows)

    page = _text(login(world.admin).get(reverse("awards:decision_detail", args=[early.decision.pk])))
    assert BP_SO in page and "Phòng CNTT" in page
