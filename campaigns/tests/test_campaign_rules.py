"""The plan's rules: constraints, calendar, lifecycle, changes after launch, copy, registration."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from campaigns import services
from campaigns.models import (
    AwardForm,
    AwardQuota,
    Campaign,
    CampaignEvent,
    CampaignStatus,
    LegalBasis,
    Milestone,
    Phase,
    Registration,
)
from campaigns.tests.factories import make_campaign
from emulation.lib.errors import DomainError, StaleEditError


@pytest.fixture
def campaign(world):
    return make_campaign(world.so_a, status="du_thao", start_date=dt.date(2022, 5, 26), end_date=dt.date(2025, 12, 31))


@pytest.fixture
def award_form(db):
    return AwardForm.objects.create(
        code="bk-ubnd",
        name="Bằng khen của Chủ tịch UBND tỉnh",
        kind="hinh_thuc",
        target="ca_nhan",
        authority="Chủ tịch UBND tỉnh",
    )


def test_campaign_end_before_start_is_refused(world):
    c = Campaign(
        owner=world.so_a,
        title="X",
        issuer="Sở",
        kind="thuong_xuyen",
        start_date=dt.date(2025, 6, 1),
        end_date=dt.date(2025, 1, 1),
    )
    with pytest.raises(ValidationError, match="Ngày kết thúc phải sau ngày bắt đầu"):
        c.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        c.save()


def test_duplicate_number_from_the_same_issuer_is_refused(world):
    make_campaign(world.so_a, number="18/KH-UBND", issuer="UBND tỉnh A")
    twin = Campaign(
        owner=world.so_a,
        title="Y",
        number="18/KH-UBND",
        issuer="UBND tỉnh A",
        kind="thuong_xuyen",
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2025, 12, 31),
    )
    with pytest.raises(ValidationError, match="đã có văn bản cùng số"):
        twin.full_clean()
    # Blank numbers (drafts) and the same number from another issuer are fine.
    make_campaign(world.so_a, number="", issuer="UBND tỉnh A")
    make_campaign(world.so_a, number="", issuer="UBND tỉnh A")
    make_campaign(world.so_a, number="18/KH-UBND", issuer="UBND tỉnh B")


def test_leader_share_above_100_is_refused_by_the_database(campaign, award_form):
    with pytest.raises(IntegrityError), transaction.atomic():
        AwardQuota.objects.create(campaign=campaign, award_form=award_form, leader_share_max=Decimal("140"))


def test_phase_ending_before_it_starts_is_refused(campaign):
    with pytest.raises(IntegrityError), transaction.atomic():
        Phase.objects.create(
            campaign=campaign, name="GĐ 1", start_date=dt.date(2025, 1, 1), end_date=dt.date(2024, 1, 1)
        )


def test_calendar_has_a_15_6_and_a_15_12_report_for_every_year(campaign):
    periods = [(p.kind, p.due_date) for p in campaign.reporting_periods.all()]
    assert ("sau_thang", dt.date(2022, 6, 15)) in periods
    for year in (2023, 2024, 2025):
        assert ("sau_thang", dt.date(year, 6, 15)) in periods
        assert ("nam", dt.date(year, 12, 15)) in periods
    assert ("nam", dt.date(2022, 12, 15)) in periods
    assert len(periods) == 8


def test_calendar_keeps_edited_due_dates_when_regenerated(campaign):
    period = campaign.reporting_periods.get(kind="nam", year=2024)
    period.due_date = dt.date(2024, 12, 10)
    period.save()
    services.campaign_generate_calendar(campaign=campaign)
    assert campaign.reporting_periods.get(kind="nam", year=2024).due_date == dt.date(2024, 12, 10)
    assert campaign.reporting_periods.count() == 8


def test_launch_needs_a_number_and_a_date(campaign, world):
    with pytest.raises(DomainError, match="số, ký hiệu và ngày ban hành"):
        services.campaign_transition(campaign=campaign, user=world.office, to_status="da_phat_dong")
    campaign.number, campaign.issued_on = "05/KH-STTTT", dt.date(2022, 5, 26)
    campaign.save()
    launched = services.campaign_transition(campaign=campaign, user=world.office, to_status="da_phat_dong")
    assert launched.status == "da_phat_dong"
    event = CampaignEvent.objects.get(campaign=campaign, to_status="da_phat_dong")
    assert event.user == world.office and event.from_status == "du_thao" and event.action == "Phát động"
    assert launched.history.first().history_user == world.office


def test_steps_follow_the_lifecycle(campaign, world):
    with pytest.raises(DomainError, match="Không thể chuyển"):
        services.campaign_transition(campaign=campaign, user=world.office, to_status="ket_thuc")
    campaign.status = CampaignStatus.DA_PHAT_DONG
    campaign.save()
    for step in ("so_ket", "tong_ket", "ket_thuc"):
        campaign = services.campaign_transition(campaign=campaign, user=world.office, to_status=step)
    assert campaign.status == "ket_thuc"
    assert list(CampaignEvent.objects.filter(campaign=campaign).values_list("to_status", flat=True)) == [
        "ket_thuc",
        "tong_ket",
        "so_ket",
    ]


def test_changes_after_launch_need_a_reason_and_are_recorded(campaign, world):
    campaign.status = CampaignStatus.DA_PHAT_DONG
    campaign.save()
    with pytest.raises(DomainError, match="ghi lý do"):
        services.campaign_update(campaign=campaign, user=world.office, version=campaign.version, data={"theme": "Mới"})
    updated = services.campaign_update(
        campaign=campaign,
        user=world.office,
        version=campaign.version,
        data={"theme": "Chủ đề mới"},
        reason="Theo chỉ đạo của UBND tỉnh",
    )
    assert updated.theme == "Chủ đề mới"
    record = updated.history.first()
    assert record.history_user == world.office and record.history_change_reason == "Theo chỉ đạo của UBND tỉnh"
    assert CampaignEvent.objects.filter(campaign=campaign, reason="Theo chỉ đạo của UBND tỉnh").exists()


def test_a_stale_edit_is_refused(campaign, world):
    services.campaign_update(campaign=campaign, user=world.office, version=campaign.version, data={"theme": "A"})
    with pytest.raises(StaleEditError):
        services.campaign_update(campaign=campaign, user=world.office, version=campaign.version, data={"theme": "B"})
    assert Campaign.objects.get(pk=campaign.pk).theme == "A"


def test_milestone_outside_the_campaign_is_refused(campaign, world):
    Milestone.objects.create(campaign=campaign, kind="tong_ket", name="Tổng kết", due_date=dt.date(2027, 1, 1))
    with pytest.raises(ValidationError, match="nằm ngoài thời gian"):
        services.campaign_validate_dates(campaign=campaign)


def test_copy_takes_every_section_shifts_dates_and_leaves_number_and_registrations(campaign, world, award_form):
    LegalBasis.objects.create(campaign=campaign, verb="Thực hiện", doc_number="749/QĐ-TTg", title="Chương trình CĐS")
    Phase.objects.create(campaign=campaign, name="GĐ 1", start_date=dt.date(2022, 6, 1), end_date=dt.date(2023, 12, 31))
    so_ket = Milestone.objects.create(
        campaign=campaign, kind="so_ket", name="Sơ kết", due_date=dt.date(2023, 12, 31), period_label="Quý IV/2023"
    )
    AwardQuota.objects.create(
        campaign=campaign,
        award_form=award_form,
        milestone=so_ket,
        max_collective=7,
        max_individual=15,
        leader_share_max=40,
    )
    campaign.number = "05/KH-STTTT"
    campaign.status = "da_phat_dong"
    campaign.save()
    Registration.objects.create(campaign=campaign, unit=world.phong_a, registered_by=world.head)
    copy = services.campaign_copy(
        source=campaign,
        user=world.office,
        owner=world.so_a,
        title="CĐS 2026",
        start_date=dt.date(2026, 5, 26),
        end_date=dt.date(2029, 12, 31),
    )
    assert copy.status == "du_thao" and copy.number == "" and copy.copied_from == campaign
    assert copy.legal_bases.get().doc_number == "749/QĐ-TTg"
    assert copy.phases.get().start_date == dt.date(2026, 6, 1)
    quota = copy.award_quotas.get()
    assert quota.milestone.campaign == copy and quota.milestone.due_date == dt.date(2027, 12, 31)
    assert (quota.max_collective, quota.max_individual, quota.leader_share_max) == (7, 15, 40)
    assert not copy.registrations.exists()
    assert copy.reporting_periods.filter(year=2026).count() == 2
    # The source is untouched.
    assert campaign.legal_bases.count() == 1 and campaign.award_quotas.get().milestone == so_ket


def test_registration_once_and_only_while_running(campaign, world):
    with pytest.raises(DomainError, match="đang diễn ra"):
        services.registration_create(campaign=campaign, unit=world.phong_a, user=world.head)
    campaign.status = "da_phat_dong"
    campaign.save()
    registration = services.registration_create(
        campaign=campaign,
        unit=world.phong_a,
        user=world.head,
        commitments=[{"text": "100 % hồ sơ công việc trên môi trường mạng", "target_value": "100 %"}],
    )
    assert registration.commitments.get().target_value == "100 %"
    with pytest.raises(DomainError, match="đã đăng ký"):
        services.registration_create(campaign=campaign, unit=world.phong_a, user=world.head)


def test_copy_into_a_shorter_campaign_brings_dates_inside_and_says_so(campaign, world):
    Phase.objects.create(
        campaign=campaign, name="GĐ 2024 - 2025", start_date=dt.date(2024, 1, 1), end_date=dt.date(2025, 12, 31)
    )
    copy = services.campaign_copy(
        source=campaign,
        user=world.office,
        owner=world.so_a,
        title="Năm 2026",
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 12, 31),
    )
    phase = copy.phases.get()
    assert (phase.start_date, phase.end_date) == (dt.date(2026, 12, 31), dt.date(2026, 12, 31))
    assert copy.adjusted == ["“GĐ 2024 - 2025”"]
    services.campaign_validate_dates(campaign=copy)  # the draft can be edited straight away
    assert "GĐ 2024 - 2025" in CampaignEvent.objects.filter(campaign=copy).first().reason


def test_copy_keeps_only_participants_the_copier_may_see(world, login):
    """A ministry plan with units and clusters of both provinces: Sở A's office copies it and gets province A's
    participants only; the log and the page say how many were left out, without naming them."""
    from campaigns.models import Cluster, ClusterKind, ClusterMembership

    cluster_a = Cluster.objects.create(
        kind=ClusterKind.KHOI, number=6, year=2025, name="Khối 6 tỉnh A", organiser=world.so_a
    )
    ClusterMembership.objects.create(cluster=cluster_a, unit=world.phong_a)
    cluster_b = Cluster.objects.create(
        kind=ClusterKind.KHOI, number=6, year=2025, name="Khối 6 tỉnh B", organiser=world.so_b
    )
    ClusterMembership.objects.create(cluster=cluster_b, unit=world.phong_b)
    plan = make_campaign(
        world.bo, title="Phong trào của Bộ", participants=[world.phong_a, world.phong_a2, world.phong_b]
    )
    plan.participant_clusters.set([cluster_a, cluster_b])

    copy = services.campaign_copy(
        source=plan,
        user=world.office,
        owner=world.so_a,
        title="Phong trào của Sở A",
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 12, 31),
    )

    assert set(copy.participants.all()) == {world.phong_a, world.phong_a2}
    assert set(copy.participant_clusters.all()) == {cluster_a}
    assert copy.left_out == (
        "Không sao chép 1 đơn vị và 1 cụm, khối thi đua tham gia nằm ngoài phạm vi của người sao chép."
    )
    event = CampaignEvent.objects.filter(campaign=copy).first()
    assert copy.left_out in event.reason and "tỉnh B" not in event.reason
    assert set(plan.participants.all()) == {world.phong_a, world.phong_a2, world.phong_b}  # the source is untouched

    # Through the page: the office is told.
    response = login(world.office).post(
        reverse("campaigns:campaign_copy", args=[plan.pk]),
        {"title": "Bản thứ hai", "owner": world.so_a.pk, "start_date": "2027-01-01", "end_date": "2027-12-31"},
        follow=True,
    )
    assert "Không sao chép 1 đơn vị" in response.content.decode()
    second = Campaign.objects.get(title="Bản thứ hai")
    assert world.phong_b not in second.participants.all()


def test_a_plan_copied_to_another_owner_is_issued_and_signed_by_that_owner(world):
    """The Bộ's plan copied by Sở A: the copy's header names Sở A, not the Bộ; the signer is chosen anew."""
    from campaigns.documents import plan_header

    plan = make_campaign(
        world.bo,
        title="Phong trào của Bộ",
        issuer="Bộ Thông tin và Truyền thông",
        place="Hà Nội",
        signer_title="BỘ TRƯỞNG",
        signer_name="Người Ký Bộ",
        recipients="Các Sở TT&TT;\nLưu: VT, TĐKT.",
    )
    copy = services.campaign_copy(
        source=plan,
        user=world.office,
        owner=world.so_a,
        title="Phong trào của Sở A",
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 12, 31),
    )
    from campaigns.paper import issuer_facts

    header = plan_header(copy)
    facts = issuer_facts(world.so_a, dt.date(2026, 1, 1))
    assert (header.issuer, header.parent_body, header.place) == (facts.issuer, facts.parent_body, facts.place)
    assert header.issuer != "Bộ Thông tin và Truyền thông" and header.place != "Hà Nội"
    assert (copy.signer_title, copy.signer_name, copy.recipients) == ("", "", "")
    assert (plan.issuer, plan.signer_name) == ("Bộ Thông tin và Truyền thông", "Người Ký Bộ")  # source untouched


def test_copy_within_the_copiers_scope_keeps_every_participant(campaign, world):
    campaign.participants.set([world.phong_a, world.phong_a2])
    copy = services.campaign_copy(
        source=campaign,
        user=world.office,
        owner=world.so_a,
        title="Bản sao",
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 12, 31),
    )
    assert set(copy.participants.all()) == {world.phong_a, world.phong_a2}
    assert copy.left_out == ""
