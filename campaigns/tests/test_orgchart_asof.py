"""Units read "as of" a date (issue 16): before and after a rename, a move, a merger and a dissolution; the document
layer's header, place, signer and citations of a 2023 and a 2026 document of a Sở merged on 01/07/2025; the unit
page's "Lịch sử tổ chức"; pages that name a dated object's unit by its name of that date."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from campaigns.documents import plan_file_stem, plan_header
from campaigns.models import LegalDocument, LegalTopic, Role, Unit
from campaigns.orgchart import (
    DatedNames,
    OrgChange,
    OrgChangeKind,
    OrgChangeLink,
    ancestors_on,
    chain_on,
    lineage_ids,
    name_on,
    successor_on,
    unit_as_of,
    units_as_of,
    units_on_days,
)
from campaigns.paper import (
    council_header,
    header_for,
    issuer_names,
    law_citations,
    place_of,
    province_of,
    signer_for,
)
from campaigns.tests.factories import UserFactory, grant, make_campaign, make_unit
from campaigns.tests.orgchart_factories import (
    BP_SO,
    DN_SO,
    MERGED_ON,
    bình_phước_into_đồng_nai,
    move,
    rename,
)

IN_2023, IN_2024, IN_2026 = dt.date(2023, 6, 15), dt.date(2024, 12, 20), dt.date(2026, 6, 15)


@pytest.fixture
def merger(world):
    return bình_phước_into_đồng_nai(world)


# --- Reads before and after each kind of change -----------------------------------------------------------------


def test_a_renamed_unit_has_its_old_name_before_the_day_and_the_new_one_from_it(world):
    rename(world.so_a, on=dt.date(2025, 3, 1), name="Sở Khoa học và Công nghệ tỉnh A", short_name="Sở KH&CN A")

    assert name_on(world.so_a, dt.date(2025, 2, 28)) == "Sở TT&TT tỉnh A"
    assert name_on(world.so_a, dt.date(2025, 3, 1)) == "Sở Khoa học và Công nghệ tỉnh A"
    assert name_on(world.so_a, None) == "Sở Khoa học và Công nghệ tỉnh A"
    assert unit_as_of(world.so_a, IN_2023).display_name == "Sở TT&TT tỉnh A"  # no short name then
    assert header_for(world.so_a, doc_type="Báo cáo", day=IN_2023).issuer == "Sở TT&TT"
    assert header_for(world.so_a, doc_type="Báo cáo", day=IN_2026).issuer == "Sở Khoa học và Công nghệ"


def test_many_units_on_one_day_or_on_days_of_their_own_cost_two_queries(world, django_assert_num_queries):
    rename(world.so_a, on=dt.date(2025, 3, 1), name="Sở KH&CN tỉnh A")
    rename(world.phong_a, on=dt.date(2025, 3, 1), name="Phòng Chuyển đổi số")
    units = [world.bo, world.so_a, world.phong_a, world.phong_a2, world.so_b]
    with django_assert_num_queries(2):
        named = units_as_of(units, IN_2023)
    assert [named[u.pk].name for u in units[1:3]] == ["Sở TT&TT tỉnh A", "Phòng CNTT tỉnh A"]
    with django_assert_num_queries(2):
        found = units_on_days([(world.phong_a, IN_2023), (world.phong_a, IN_2026), (world.so_b, IN_2023)])
    assert found[(world.phong_a.pk, IN_2023)].name == "Phòng CNTT tỉnh A"
    assert found[(world.phong_a.pk, IN_2026)].name == "Phòng Chuyển đổi số"
    with django_assert_num_queries(1):
        names = DatedNames()
    assert names.name(world.so_a, IN_2023) == "Sở TT&TT tỉnh A" and names.name(world.so_a, IN_2026) == "Sở KH&CN tỉnh A"


def test_a_moved_unit_has_its_old_parent_before_the_day(world):
    move(world.phong_b, on=dt.date(2025, 7, 1), under=world.so_a)

    assert [a.name for a in ancestors_on(world.phong_b, IN_2023)] == [world.bo.name, "Sở TT&TT tỉnh B"]
    assert [a.name for a in ancestors_on(world.phong_b, IN_2026)] == [world.bo.name, "Sở TT&TT tỉnh A"]
    assert issuer_names(world.phong_b, IN_2023)[0] == "Sở TT&TT tỉnh B"
    assert issuer_names(world.phong_b, IN_2026)[0] == "Sở TT&TT tỉnh A"


def test_a_dissolved_unit_still_speaks_for_itself(world):
    change = OrgChange.objects.create(kind=OrgChangeKind.GIAI_THE, effective_on=dt.date(2025, 7, 1))
    OrgChangeLink.objects.create(change=change, predecessor=world.phong_a2, successor=None)
    Unit.objects.filter(pk=world.phong_a2.pk).update(valid_to=dt.date(2025, 6, 30))
    world.phong_a2.refresh_from_db()

    assert successor_on(world.phong_a2, IN_2026) == world.phong_a2
    assert header_for(world.phong_a2, doc_type="Báo cáo", day=IN_2026).issuer == "Phòng BCVT tỉnh A"


# --- The merger of 01/07/2025: documents of 2023, 2024 and 2026 ----------------------------------------------


def test_the_merged_so_s_documents_read_bình_phước_before_and_đồng_nai_after(merger):
    before = header_for(merger.so_bp, doc_type="Báo cáo", day=IN_2023)
    assert (before.parent_body, before.issuer, before.place) == (
        "UBND tỉnh Bình Phước",
        "Sở Thông tin và Truyền thông",
        "Bình Phước",
    )
    assert before.issuer_symbol == "STTTT"
    decision_2024 = header_for(merger.so_bp, doc_type="Quyết định", day=IN_2024)
    assert (decision_2024.parent_body, decision_2024.place) == ("UBND tỉnh Bình Phước", "Bình Phước")

    after = header_for(merger.so_bp, doc_type="Báo cáo", day=IN_2026)  # the successor issues
    assert (after.parent_body, after.issuer, after.place) == (
        "UBND tỉnh Đồng Nai",
        "Sở Khoa học và Công nghệ",
        "Đồng Nai",
    )
    assert after.issuer_symbol == "SKHCN"
    assert province_of(merger.so_bp, IN_2023) == "Bình Phước" and place_of(merger.so_bp, IN_2026) == "Đồng Nai"
    # The day before and the day of the change.
    assert header_for(merger.so_bp, doc_type="Báo cáo", day=dt.date(2025, 6, 30)).parent_body == "UBND tỉnh Bình Phước"
    assert header_for(merger.so_bp, doc_type="Báo cáo", day=MERGED_ON).parent_body == "UBND tỉnh Đồng Nai"


def test_a_continuing_phòng_stands_under_its_old_sở_before_the_merger_and_the_new_one_after(merger):
    assert [a.name for a in ancestors_on(merger.phong, IN_2023)][-1] == BP_SO
    assert [a.name for a in ancestors_on(merger.phong, IN_2026)][-1] == DN_SO
    assert header_for(merger.phong, doc_type="Báo cáo", day=IN_2023).parent_body == BP_SO
    assert header_for(merger.phong, doc_type="Báo cáo", day=IN_2026).parent_body == DN_SO
    assert province_of(merger.phong, IN_2023) == "Bình Phước"
    assert province_of(merger.phong, IN_2026) == "Đồng Nai"
    council = council_header(merger.phong, doc_type="Biên bản", day=IN_2023)
    assert council.parent_body == "Phòng Công nghệ thông tin" and council.place == "Bình Phước"
    # Today's tree: the merged Sở and the phòng are both under the successor, so its scope covers their records.
    assert merger.so_bp.path.startswith(merger.so_dn.path) and merger.phong.path.startswith(merger.so_dn.path)
    assert [a.id for a in chain_on(merger.phong, None)][1] == merger.so_dn.pk


def test_after_the_merger_the_successor_s_signer_signs(merger):
    assert signer_for(merger.so_bp, IN_2023).name == "Nguyễn Hoài Nam"
    assert signer_for(merger.so_bp, IN_2026).name == "Trần Văn Đông"


def test_citations_are_the_province_s_of_the_document_s_day(merger):
    # Test rows, not real texts: one provincial rule per province, in force throughout.
    for province in ("Bình Phước", "Đồng Nai"):
        LegalDocument.objects.create(
            topic=LegalTopic.QUY_CHE_TINH,
            doc_type="Quyết định",
            number=f"TEST-{province}",
            issuer=f"UBND tỉnh {province}",
            title=f"quy chế thử của tỉnh {province}",
            province=province,
        )
    in_2023 = [c.number for c in law_citations(IN_2023, unit=merger.so_bp)]
    in_2026 = [c.number for c in law_citations(IN_2026, unit=merger.so_bp)]
    assert "TEST-Bình Phước" in in_2023 and "TEST-Đồng Nai" not in in_2023
    assert "TEST-Đồng Nai" in in_2026 and "TEST-Bình Phước" not in in_2026


def test_a_2023_plan_of_the_merged_sở_keeps_its_names(merger):
    campaign = make_campaign(
        merger.so_bp,
        issuer="",
        number="05/KH-STTTT",
        issued_on=dt.date(2023, 2, 1),
        start_date=dt.date(2023, 1, 1),
        end_date=dt.date(2023, 12, 31),
    )
    header = plan_header(campaign)
    assert (header.parent_body, header.issuer, header.place) == (
        "UBND tỉnh Bình Phước",
        "Sở Thông tin và Truyền thông",
        "Bình Phước",
    )
    assert "BinhPhuoc" in plan_file_stem(campaign)

    named = make_campaign(
        merger.so_bp,
        issuer=BP_SO,
        issued_on=dt.date(2023, 2, 1),
        start_date=dt.date(2023, 1, 1),
        end_date=dt.date(2023, 12, 31),
    )
    header = plan_header(named)  # the issuer it names is the owner's name of 2023: its symbol and place
    assert (header.issuer_symbol, header.place) == ("STTTT", "Bình Phước")


def test_the_successor_s_lineage_holds_the_merged_sở(merger):
    assert lineage_ids(merger.so_dn) == [merger.so_dn.pk, merger.so_bp.pk]
    assert successor_on(merger.so_bp, IN_2026) == merger.so_dn
    assert successor_on(merger.so_bp, IN_2023) == merger.so_bp


# --- Pages ------------------------------------------------------------------------------------------------------


def test_the_successor_s_page_shows_its_predecessor_with_the_change_and_its_basis(merger, world, login):
    page = login(world.admin).get(reverse("campaigns:unit_detail", args=[merger.so_dn.pk])).content.decode()

    assert "Lịch sử tổ chức" in page and "Đơn vị tiền thân" in page
    assert reverse("campaigns:unit_detail", args=[merger.so_bp.pk]) in page
    assert BP_SO in page
    assert "sáp nhập, hợp nhất vào đơn vị này từ ngày 01/07/2025" in page
    assert "Nghị quyết số 202/2025/QH15 ngày 12/06/2025 của Quốc hội" in page


def test_the_merged_sở_s_page_says_what_it_became_and_its_names_through_time(merger, world, login):
    office_dn = UserFactory(username="vanphong.dn")
    grant(office_dn, merger.so_dn, Role.VAN_PHONG)
    response = login(office_dn).get(reverse("campaigns:unit_detail", args=[merger.so_bp.pk]))

    assert response.status_code == 200  # an ended unit stays readable by those whose scope covers it
    page = response.content.decode()
    assert "Đã sáp nhập vào" in page and DN_SO in page and "từ ngày 01/07/2025" in page
    assert reverse("campaigns:unit_detail", args=[merger.so_dn.pk]) in page
    assert "Tên gọi qua các thời kỳ" in page and "Bộ Thông tin và Truyền thông" in page  # its parent until then
    # The phòng B staff of another province still get 404.
    assert login(world.outsider).get(reverse("campaigns:unit_detail", args=[merger.so_bp.pk])).status_code == 404


def test_the_unit_list_marks_the_merged_sở_as_ended(merger, world, login):
    office_dn = UserFactory(username="vanphong.dn")
    grant(office_dn, merger.so_dn, Role.VAN_PHONG)
    page = login(office_dn).get(reverse("campaigns:unit_list")).content.decode()
    row = page[page.index(BP_SO) :].split("</tr>")[0]
    assert "Đã kết thúc 30/06/2025" in row
    successor_row = page[page.index(DN_SO) :].split("</tr>")[0]
    assert "Đã kết thúc" not in successor_row


def test_a_successor_hidden_from_the_reader_is_named_not_linked(merger, world, login):
    page = login(world.staff).get(reverse("campaigns:unit_detail", args=[merger.phong.pk])).content.decode()
    assert reverse("campaigns:unit_detail", args=[merger.so_dn.pk]) not in page.split("Lịch sử tổ chức")[1]


def test_the_continuing_phòng_s_page_lists_its_earlier_parent_and_province(merger, world, login):
    page = login(world.staff).get(reverse("campaigns:unit_detail", args=[merger.phong.pk])).content.decode()

    assert "Tên gọi qua các thời kỳ" in page
    history = page.split("Tên gọi qua các thời kỳ")[1]
    assert BP_SO in history and DN_SO in history and "Bình Phước" in history and "Đồng Nai" in history
    assert "30/06/2025" in history


def test_a_unit_without_changes_has_no_history_section(world, login):
    page = login(world.office).get(reverse("campaigns:unit_detail", args=[world.so_a.pk])).content.decode()
    assert "Lịch sử tổ chức" not in page


def test_the_campaign_list_names_each_owner_as_when_the_campaign_started(merger, world, login):
    make_campaign(
        merger.so_bp, title="Phong trào năm 2023", start_date=dt.date(2023, 1, 1), end_date=dt.date(2023, 12, 31)
    )
    rename(merger.so_dn, on=dt.date(2026, 1, 1), name=DN_SO, short_name="Sở KH&CN tỉnh Đồng Nai (mới)")
    make_campaign(
        merger.so_dn, title="Phong trào năm 2025", start_date=dt.date(2025, 8, 1), end_date=dt.date(2025, 12, 31)
    )
    page = login(world.admin).get(reverse("campaigns:campaign_list")).content.decode()

    assert "Sở TT&amp;TT Bình Phước" in page
    assert "Sở KH&amp;CN Đồng Nai" in page  # the short name of 2025, not the one of 2026
    assert "(mới)" not in page


def test_unit_on_tag_names_a_unit_as_of_a_day(merger):
    from django.template import Context, Template

    template = Template("{% load orgchart %}{% unit_on unit day %}|{% unit_on unit day as u %}{{ u.display_name }}")
    before = template.render(Context({"unit": merger.phong, "day": IN_2023}))
    assert before == "Phòng Công nghệ thông tin|Phòng CNTT"
    assert template.render(Context({"unit": None, "day": IN_2023})) == "|"


def test_a_made_unit_without_versions_reads_the_same_on_every_day(world):
    unit = make_unit(world.so_a, name="Trung tâm CNTT&TT")
    assert name_on(unit, IN_2023) == name_on(unit, IN_2026) == "Trung tâm CNTT&TT"


# --- The people registers across a merger -----------------------------------------------------------------------


def test_a_rating_and_an_initiative_of_the_merged_sở_are_still_the_person_s(merger):
    from campaigns.people import AnnualRating, Initiative, RatingSheet, initiatives_of, rating_of

    sheet = RatingSheet.objects.create(unit=merger.so_bp, year=2024, status="da_duyet")
    AnnualRating.objects.create(sheet=sheet, full_name="Lê Thị Hoa", name_key="lê thị hoa", rating="xuat_sac")
    Initiative.objects.create(
        unit=merger.so_bp,
        year=2024,
        title="Số hóa hồ sơ một cửa",
        author_names="Lê Thị Hoa",
        decision_number="12/QĐ-STTTT",
        decision_date=dt.date(2024, 10, 1),
        decision_issuer=BP_SO,
        level="co_so",
    )

    # Nominated in 2026 by the successor: the 2024 sheet and initiative of the Sở merged into it count.
    assert rating_of(unit=merger.so_dn, year=2024, full_name="Lê Thị Hoa") == "xuat_sac"
    assert [i.title for i in initiatives_of(full_name="Lê Thị Hoa", unit=merger.so_dn)] == ["Số hóa hồ sơ một cửa"]
    # The phòng alone holds no such sheet: its own lineage is only itself.
    assert rating_of(unit=merger.phong, year=2024, full_name="Lê Thị Hoa") is None


def test_a_campaign_passed_to_a_sở_created_by_the_merger_is_the_old_sở_s_before_the_date(world, login):
    from campaigns.models import UnitLevel
    from campaigns.tests.orgchart_factories import merge

    Unit.objects.filter(pk=world.so_a.pk).update(name=BP_SO, short_name="Sở TT&TT Bình Phước", province="Bình Phước")
    created = make_unit(world.bo, name=DN_SO, level=UnitLevel.SO, province="Đồng Nai", valid_from=MERGED_ON)
    merge([world.so_a], created, on=MERGED_ON)
    # Open on the date, the campaign passed to the new Sở (campaigns.orgchart_services does this).
    campaign = make_campaign(
        created,
        issuer="",
        issued_on=dt.date(2023, 2, 1),
        start_date=dt.date(2023, 1, 1),
        end_date=dt.date(2025, 12, 31),
    )

    assert plan_header(campaign).parent_body == "UBND tỉnh Bình Phước"
    assert header_for(created, doc_type="Báo cáo", day=IN_2023).issuer == "Sở Thông tin và Truyền thông"
    assert header_for(created, doc_type="Báo cáo", day=IN_2026).parent_body == "UBND tỉnh Đồng Nai"
    page = login(world.admin).get(reverse("campaigns:campaign_list")).content.decode()
    assert "Sở TT&amp;TT Bình Phước" in page
