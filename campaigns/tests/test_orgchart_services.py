"""Organisation changes applied by the service: each kind, what the successor inherits, what is refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from awards.models import Decision
from awards.selectors import dossiers_visible_to
from awards.tests.factories import make_dossier
from campaigns.models import (
    Campaign,
    CampaignEvent,
    Registration,
    Role,
    RoleAssignment,
    Signer,
    Unit,
    UnitLevel,
)
from campaigns.orgchart import OrgChangeLink, UnitVersion, ancestors_on, lineage_ids, name_on
from campaigns.orgchart_services import Basis, NewUnit, OrgChangeError, org_change_apply
from campaigns.selectors import campaigns_visible_to
from campaigns.tests.factories import UserFactory, grant, make_campaign
from indicators.models import Submission
from indicators.selectors import submissions_visible_to
from indicators.tests.factories import make_setup

MERGER_DAY = dt.date(2025, 7, 1)
BASIS = Basis(doc_type="Nghị quyết", number="202/2025/QH15", issuer="Quốc hội", title="sắp xếp đơn vị hành chính")


def _u(unit: Unit) -> Unit:
    return Unit.objects.get(pk=unit.pk)


def _merge_a_into_new(world, *, move_roles=True, day=MERGER_DAY):
    return org_change_apply(
        kind="sap_nhap",
        effective_on=day,
        predecessors=[world.so_a],
        successors=[NewUnit(code="so-c", name="Sở KH&CN tỉnh C", level=UnitLevel.SO, province="Tỉnh C")],
        move_roles=move_roles,
        basis=BASIS,
        user=world.admin,
    )


def test_merger_keeps_old_names_before_the_date_and_moves_children(world):
    change = _merge_a_into_new(world)
    so_c = Unit.objects.get(code="so-c")
    so_a = _u(world.so_a)
    assert so_a.valid_to == dt.date(2025, 6, 30)
    assert so_c.valid_from == MERGER_DAY
    assert name_on(so_a, dt.date(2023, 5, 1)) == "Sở TT&TT tỉnh A"
    # The phòng now sit under the successor; on a 2023 date their parent is still Sở A.
    phong_a = _u(world.phong_a)
    assert Unit.objects.get_parent(phong_a).pk == so_c.pk
    assert [u.id for u in ancestors_on(phong_a, dt.date(2023, 5, 1))][-1] == so_a.pk
    assert UnitVersion.objects.filter(unit=phong_a, parent=so_a, valid_to=dt.date(2025, 6, 30)).exists()
    # The ended Sở itself is under the successor, so its subtree covers the old records.
    assert Unit.objects.get_parent(so_a).pk == so_c.pk
    assert OrgChangeLink.objects.filter(change=change, predecessor=so_a, successor=so_c).exists()
    assert set(lineage_ids(so_c)) == {so_c.pk, so_a.pk}


def test_successor_office_sees_predecessor_records_and_another_province_still_404s(world, login):
    old = make_setup(world)  # a 2023 campaign of Sở A with its periods
    Submission.objects.create(period=old.period, unit=world.phong_a, status="da_gui")
    dossier = make_dossier(world, campaign=old.campaign, status="da_gui", review_round=1)
    other = make_dossier(world, campaign=make_campaign(world.so_b), unit=world.phong_b, status="da_gui")
    _merge_a_into_new(world, move_roles=False)
    so_c = Unit.objects.get(code="so-c")
    office_c = UserFactory(username="vanphong.c")
    grant(office_c, so_c, Role.VAN_PHONG, valid_from=MERGER_DAY)

    assert old.campaign in campaigns_visible_to(user=office_c)
    assert submissions_visible_to(user=office_c).filter(unit=world.phong_a).exists()
    assert dossier in dossiers_visible_to(user=office_c)
    assert other not in dossiers_visible_to(user=office_c)
    client = login(office_c)
    assert client.get(reverse("awards:dossier_detail", args=[dossier.pk])).status_code == 200
    assert client.get(reverse("awards:dossier_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("campaigns:campaign_detail", args=[old.campaign.pk])).status_code == 200


def test_merger_hands_open_campaigns_registrations_and_chosen_roles_to_the_successor(world):
    finished = make_campaign(
        world.so_a, start_date=dt.date(2023, 1, 1), end_date=dt.date(2023, 12, 31), status="ket_thuc"
    )
    running = make_campaign(world.so_a, start_date=dt.date(2025, 1, 1), end_date=dt.date(2026, 12, 31))
    elsewhere = make_campaign(world.so_b, start_date=dt.date(2025, 1, 1), end_date=dt.date(2026, 12, 31))
    Registration.objects.create(campaign=elsewhere, unit=world.so_a, registered_by=world.office)
    Registration.objects.create(campaign=finished, unit=world.so_a, registered_by=world.office)
    signer = Signer.objects.create(
        unit=world.so_a, position="Giám đốc", name="Nguyễn Văn Giám", valid_from=dt.date(2022, 1, 1)
    )

    _merge_a_into_new(world, move_roles=True)
    so_c = Unit.objects.get(code="so-c")

    assert Campaign.objects.get(pk=running.pk).owner == so_c
    assert Campaign.objects.get(pk=finished.pk).owner.pk == world.so_a.pk
    assert CampaignEvent.objects.filter(campaign=running, action__contains="Sở KH&CN tỉnh C").exists()
    assert Registration.objects.get(campaign=elsewhere).unit == so_c
    assert Registration.objects.get(campaign=finished).unit.pk == world.so_a.pk
    old_role = RoleAssignment.objects.get(user=world.office, unit=world.so_a, role=Role.VAN_PHONG)
    assert old_role.valid_to == dt.date(2025, 6, 30)
    new_role = RoleAssignment.objects.get(user=world.office, unit=so_c, role=Role.VAN_PHONG)
    assert new_role.valid_from == MERGER_DAY and new_role.valid_to is None
    assert Signer.objects.get(pk=signer.pk).valid_to == dt.date(2025, 6, 30)
    # The phòng's own roles are untouched: the phòng continues.
    assert RoleAssignment.objects.get(user=world.staff, unit=world.phong_a).valid_to is None


def test_without_move_roles_the_people_of_the_ended_unit_keep_no_role_there(world):
    _merge_a_into_new(world, move_roles=False)
    assert not RoleAssignment.objects.filter(user=world.office, unit__code="so-c").exists()
    assert RoleAssignment.objects.get(user=world.office, unit=world.so_a).valid_to == dt.date(2025, 6, 30)


def test_merger_into_an_existing_unit(world):
    org_change_apply(kind="sap_nhap", effective_on=MERGER_DAY, predecessors=[world.so_a], successors=[world.so_b])
    assert Unit.objects.get_parent(_u(world.phong_a)).pk == world.so_b.pk
    assert Unit.objects.get_parent(_u(world.so_a)).pk == world.so_b.pk
    assert _u(world.so_b).valid_to is None


def test_rename_keeps_the_old_name_for_earlier_dates(world):
    org_change_apply(
        kind="doi_ten",
        effective_on=dt.date(2025, 3, 1),
        predecessors=[world.bo],
        name="Bộ Khoa học và Công nghệ",
        short_name="Bộ KH&CN",
        symbol="BKHCN",
    )
    bo = _u(world.bo)
    assert bo.name == "Bộ Khoa học và Công nghệ" and bo.symbol == "BKHCN"
    assert name_on(bo, dt.date(2025, 2, 28)) == "Bộ Thông tin và Truyền thông"
    assert name_on(bo, dt.date(2025, 3, 1)) == "Bộ Khoa học và Công nghệ"
    assert bo.valid_to is None


def test_move_under_another_parent_and_a_cycle_is_refused(world):
    org_change_apply(kind="chuyen", effective_on=MERGER_DAY, predecessors=[world.phong_a], parent=world.so_b)
    phong_a = _u(world.phong_a)
    assert Unit.objects.get_parent(phong_a).pk == world.so_b.pk
    assert ancestors_on(phong_a, dt.date(2024, 1, 1))[-1].id == world.so_a.pk
    with pytest.raises(OrgChangeError, match="vòng"):
        org_change_apply(
            kind="chuyen", effective_on=dt.date(2025, 8, 1), predecessors=[world.so_b], parent=_u(world.phong_b)
        )
    assert Unit.objects.get_parent(_u(world.so_b)).pk == world.bo.pk


def test_two_parents_on_the_same_date_are_refused(world):
    org_change_apply(kind="chuyen", effective_on=MERGER_DAY, predecessors=[world.phong_a], parent=world.so_b)
    with pytest.raises(OrgChangeError, match="hai đơn vị cấp trên"):
        org_change_apply(kind="chuyen", effective_on=MERGER_DAY, predecessors=[world.phong_a], parent=world.bo)
    assert Unit.objects.get_parent(_u(world.phong_a)).pk == world.so_b.pk


def test_a_change_dated_before_an_earlier_recorded_change_is_refused(world):
    org_change_apply(kind="doi_ten", effective_on=MERGER_DAY, predecessors=[world.so_a], name="Sở mới")
    with pytest.raises(OrgChangeError, match="theo thứ tự ngày"):
        org_change_apply(kind="doi_ten", effective_on=dt.date(2025, 3, 1), predecessors=[world.so_a], name="Khác")


def test_split_sends_children_where_told_and_the_rest_to_the_first_successor(world):
    org_change_apply(
        kind="chia_tach",
        effective_on=MERGER_DAY,
        predecessors=[world.so_a],
        successors=[NewUnit(code="so-a1", name="Sở A1"), NewUnit(code="so-a2", name="Sở A2")],
        children_to={world.phong_a2.pk: 1},
    )
    a1, a2 = Unit.objects.get(code="so-a1"), Unit.objects.get(code="so-a2")
    assert Unit.objects.get_parent(_u(world.phong_a)).pk == a1.pk
    assert Unit.objects.get_parent(_u(world.phong_a2)).pk == a2.pk
    assert _u(world.so_a).valid_to == dt.date(2025, 6, 30)
    assert {link.successor_id for link in OrgChangeLink.objects.filter(predecessor=world.so_a)} == {a1.pk, a2.pk}


def test_dissolve_refused_while_children_remain_then_allowed(world):
    with pytest.raises(OrgChangeError, match="còn đơn vị trực thuộc"):
        org_change_apply(kind="giai_the", effective_on=MERGER_DAY, predecessors=[world.so_b])
    assert _u(world.so_b).valid_to is None
    org_change_apply(kind="giai_the", effective_on=MERGER_DAY, predecessors=[world.phong_b])
    phong_b = _u(world.phong_b)
    assert phong_b.valid_to == dt.date(2025, 6, 30)
    assert RoleAssignment.objects.get(user=world.outsider, unit=phong_b).valid_to == dt.date(2025, 6, 30)
    assert OrgChangeLink.objects.get(predecessor=phong_b).successor is None


def test_a_unit_already_ended_cannot_change_later(world):
    org_change_apply(kind="giai_the", effective_on=MERGER_DAY, predecessors=[world.phong_b])
    with pytest.raises(OrgChangeError, match="đã kết thúc hoạt động"):
        org_change_apply(kind="doi_ten", effective_on=dt.date(2025, 9, 1), predecessors=[world.phong_b], name="X")


def test_past_dated_change_over_a_produced_decision_is_refused_and_nothing_changes(world):
    Decision.objects.create(
        owner=world.so_a,
        kind="quyet_dinh",
        number="15/QĐ-STTTT",
        signed_on=dt.date(2025, 8, 5),
        signer="Nguyễn Văn Giám",
        issuer="Sở TT&TT tỉnh A",
        created_by=world.office,
    )
    units_before = list(Unit.objects.values_list("code", "name", "path", "valid_to"))
    with pytest.raises(OrgChangeError) as refused:
        _merge_a_into_new(world)
    assert "15/QĐ-STTTT" in refused.value.message and "05/08/2025" in refused.value.message
    assert list(Unit.objects.values_list("code", "name", "path", "valid_to")) == units_before
    assert not UnitVersion.objects.exists()
    # Dated after the decision, the same merger goes through.
    _merge_a_into_new(world, day=dt.date(2025, 9, 1))
    assert Unit.objects.filter(code="so-c").exists()


def test_judged_dossier_after_the_date_blocks_the_change(world):
    from decimal import Decimal

    from awards.models import Meeting, Vote

    dossier = make_dossier(world, status="da_xet")
    meeting = Meeting.objects.create(
        owner=world.so_a, campaign=dossier.campaign, held_on=dt.date(2025, 12, 10), members_total=7, members_present=7
    )
    Vote.objects.create(
        meeting=meeting,
        nominee=dossier.nominees.first(),
        votes_for=7,
        votes_against=0,
        threshold_percent=Decimal(50),
        passed=True,
    )
    with pytest.raises(OrgChangeError) as refused:
        org_change_apply(kind="doi_ten", effective_on=MERGER_DAY, predecessors=[world.phong_a], name="Phòng mới")
    assert "đã được Hội đồng TĐKT xét" in refused.value.message
    assert Unit.objects.get(pk=world.phong_a.pk).name == "Phòng CNTT tỉnh A"
    # Dated after the meeting, the rename goes through.
    org_change_apply(kind="doi_ten", effective_on=dt.date(2026, 1, 1), predecessors=[world.phong_a], name="Phòng mới")


def test_a_unit_changed_by_another_operator_meanwhile_is_refused(world):
    seen = {world.so_a.pk: world.so_a.version}
    org_change_apply(kind="doi_ten", effective_on=dt.date(2025, 3, 1), predecessors=[world.so_a], name="Tên khác")
    with pytest.raises(OrgChangeError, match="người khác"):
        org_change_apply(
            kind="sap_nhap",
            effective_on=MERGER_DAY,
            predecessors=[world.so_a],
            successors=[world.so_b],
            expected_versions=seen,
        )
    assert _u(world.so_a).valid_to is None


def test_a_finished_report_whose_figures_reach_past_the_date_blocks_the_change(world):
    from emulation.reports.models import Report

    setup = make_setup(world)  # Sở A's 2023 campaign
    Report.objects.create(campaign=setup.campaign, period=setup.annual, status="xong")
    with pytest.raises(OrgChangeError) as refused:
        _merge_a_into_new(world, day=dt.date(2023, 7, 1))
    assert "31/12/2023" in refused.value.message
    assert _u(world.so_a).valid_to is None
    # A merger after the report's period is fine: the report keeps the old name it was made with.
    _merge_a_into_new(world, day=dt.date(2024, 1, 1))
    assert _u(world.so_a).valid_to == dt.date(2023, 12, 31)
