"""The demo's 2025 story: the Sở TT&TT merged into Sở KH&CN, then into the new provinces' Sở; 2023 untouched."""

from __future__ import annotations

import datetime as dt

import pytest

from awards import demo as awards_demo
from awards.catalogue import load_standards, load_vote_rules
from awards.models import Decision, Dossier
from awards.selectors import dossiers_visible_to
from campaigns import demo, demo_campaigns, demo_orgchart
from campaigns.catalogue import load_catalogue
from campaigns.models import Campaign, Role, RoleAssignment, Unit, User
from campaigns.orgchart import OrgChange, name_on, unit_as_of
from emulation.inbox import inbox_for
from indicators import demo as indicators_demo
from indicators.catalogue import load_indicators

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(db):
    demo.load()
    load_catalogue()
    demo_campaigns.load()
    load_indicators()
    indicators_demo.load()
    load_vote_rules()
    load_standards()
    awards_demo.load()
    before = {
        "decisions": list(Decision.objects.order_by("pk").values_list("owner__code", "number", "signed_on", "issuer")),
        "dossiers": list(Dossier.objects.order_by("pk").values_list("unit__code", "status", "year")),
        "office_inbox": inbox_for(User.objects.get(username="vanphong.bp")).total,
    }
    demo_orgchart.load()
    return before


def test_the_sos_merge_twice_and_the_root_is_renamed(story):
    bo = Unit.objects.get(code="bo-tttt")
    assert bo.name == "Bộ Khoa học và Công nghệ"
    assert name_on(bo, dt.date(2023, 6, 30)) == "Bộ Thông tin và Truyền thông"
    old = Unit.objects.get(code="stttt-binh-phuoc")
    assert old.valid_to == dt.date(2025, 2, 28)
    assert name_on(old, dt.date(2023, 6, 30)) == "Sở Thông tin và Truyền thông tỉnh Bình Phước"
    assert Unit.objects.get(code="skhcn-binh-phuoc").valid_to == dt.date(2025, 6, 30)
    dong_nai = Unit.objects.get(code="skhcn-dong-nai")
    assert dong_nai.valid_from == dt.date(2025, 7, 1) and dong_nai.valid_to is None
    # The phòng of the old Sở continue under the new one.
    assert Unit.objects.get_parent(Unit.objects.get(code="binh-phuoc-cntt")).code == "skhcn-dong-nai"
    assert Unit.objects.get_parent(Unit.objects.get(code="bac-kan-cntt")).code == "skhcn-thai-nguyen"
    # They belong to the new province now; on a 2023 date they are still Bình Phước's.
    cntt = Unit.objects.get(code="binh-phuoc-cntt")
    assert cntt.province == "Đồng Nai"
    assert unit_as_of(cntt, dt.date(2023, 6, 30)).province == "Bình Phước"
    assert OrgChange.objects.filter(basis_number="202/2025/QH15").count() == 2


def test_open_campaigns_pass_to_so_khcn_dong_nai_and_2023_documents_are_untouched(story):
    programme = Campaign.objects.get(start_date=dt.date(2022, 1, 1), end_date=dt.date(2030, 12, 31))
    assert programme.owner.code == "skhcn-dong-nai"  # the 2022–2030 programme runs through 2026
    finished = Campaign.objects.get(owner__code="stttt-bac-kan")
    assert finished.status == "ket_thuc"
    assert (
        list(Decision.objects.order_by("pk").values_list("owner__code", "number", "signed_on", "issuer"))
        == story["decisions"]
    )
    assert list(Dossier.objects.order_by("pk").values_list("unit__code", "status", "year")) == story["dossiers"]


def test_vanphong_bp_is_the_office_of_so_khcn_dong_nai_and_keeps_its_work(story):
    office = User.objects.get(username="vanphong.bp")
    role = RoleAssignment.objects.get(user=office, role=Role.VAN_PHONG, valid_to__isnull=True)
    assert role.unit.code == "skhcn-dong-nai" and role.valid_from == dt.date(2025, 7, 1)
    seen = dossiers_visible_to(user=office)
    assert seen.filter(unit__code__startswith="binh-phuoc-", year=2023).exists()
    assert not seen.filter(unit__code__startswith="bac-kan-").exists()
    assert inbox_for(office).total == story["office_inbox"]
    bac_kan_office = User.objects.get(username="vanphong.bk")
    assert not dossiers_visible_to(user=bac_kan_office).filter(unit__code__startswith="binh-phuoc-").exists()


def test_loading_the_story_twice_changes_nothing(story):
    counts = (Unit.objects.count(), OrgChange.objects.count(), RoleAssignment.objects.count())
    demo_orgchart.load()
    assert (Unit.objects.count(), OrgChange.objects.count(), RoleAssignment.objects.count()) == counts


def test_so_khcn_dong_nai_has_its_own_2026_plan_headed_as_đồng_nai(story):
    from campaigns.documents import plan_header

    plan = Campaign.objects.get(title=demo_orgchart.PLAN_2026)
    assert plan.owner.code == "skhcn-dong-nai" and plan.start_date == dt.date(2026, 1, 1)
    assert plan.status == "du_thao"  # the office completes and launches it
    header = plan_header(plan)
    assert header.issuer.upper() == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert header.parent_body.upper() == "UBND TỈNH ĐỒNG NAI" and header.place == "Đồng Nai"
    assert plan.recipient_lines[-1].startswith("Lưu: VT")  # printable: signer and Nơi nhận filled in
