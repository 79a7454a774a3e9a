"""The five seed campaigns load as whole plans, and loading them again creates nothing."""

import datetime
import unicodedata
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import models

from campaigns import demo, demo_campaigns
from campaigns.catalogue import load_catalogue
from campaigns.models import Campaign, CampaignStatus, Cluster, MilestoneKind, Registration

SEED_003_TITLE = "Phát động phong trào thi đua “Chuyển đổi số giai đoạn 2022 - 2025” trên địa bàn tỉnh Bình Phước"


def _load_all() -> list[Campaign]:
    demo.load()
    load_catalogue()
    return demo_campaigns.load()


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_app_config("campaigns").get_models(include_auto_created=True)
    }


@pytest.fixture
def campaigns(db, settings) -> list[Campaign]:
    settings.DEBUG = True
    return _load_all()


@pytest.fixture
def seed_003(campaigns) -> Campaign:
    return Campaign.objects.get(owner__code="stttt-binh-phuoc", title=SEED_003_TITLE)


def test_loading_twice_creates_no_row(campaigns):
    before = _counts()
    again = _load_all()
    assert _counts() == before
    assert [c.pk for c in again] == [c.pk for c in campaigns]


def test_five_campaigns_each_with_purpose_and_content(campaigns):
    assert len({c.pk for c in campaigns}) == 5
    for campaign in campaigns:
        assert campaign.purpose.strip(), campaign.title
        assert campaign.content_items.exists(), campaign.title
        assert campaign.events.filter(action="Nạp dữ liệu mẫu từ văn bản gốc", to_status=campaign.status).exists()


def test_phases_and_milestones_lie_within_their_campaign(campaigns):
    for campaign in campaigns:
        assert campaign.start_date <= campaign.end_date
        for phase in campaign.phases.all():
            assert campaign.start_date <= phase.start_date <= phase.end_date <= campaign.end_date, phase
        for milestone in campaign.milestones.all():
            assert campaign.start_date <= milestone.due_date <= campaign.end_date, milestone


def test_campaigns_ended_by_now_are_closed(campaigns):
    today = datetime.date(2026, 11, 23)
    for campaign in campaigns:
        if campaign.end_date < today:
            assert campaign.status in (CampaignStatus.TONG_KET, CampaignStatus.KET_THUC), campaign.title


def test_seed_003_quotas_at_so_ket_and_tong_ket(seed_003):
    quotas = {
        (q.milestone.kind, q.award_form.code): q
        for q in seed_003.award_quotas.select_related("milestone", "award_form")
        if q.milestone
    }
    so_ket, tong_ket = MilestoneKind.SO_KET, MilestoneKind.TONG_KET
    collective, individual = "bang-khen-chu-tich-ubnd-tinh-tap-the", "bang-khen-chu-tich-ubnd-tinh-ca-nhan"
    assert quotas[(so_ket, collective)].max_collective == 7
    assert quotas[(so_ket, individual)].max_individual == 15
    assert quotas[(tong_ket, collective)].max_collective == 10
    assert quotas[(tong_ket, individual)].max_individual == 20
    for key in ((so_ket, individual), (tong_ket, individual)):
        assert quotas[key].leader_share_max == Decimal("40")
        assert quotas[key].rule_source == "QĐ 26/2020/QĐ-UBND"


def test_seed_003_milestones_fall_on_the_last_day_of_their_quarter(seed_003):
    milestones = {m.kind: m for m in seed_003.milestones.all()}
    assert (milestones[MilestoneKind.SO_KET].due_date, milestones[MilestoneKind.SO_KET].period_label) == (
        datetime.date(2023, 12, 31),
        "Quý IV/2023",
    )
    assert (milestones[MilestoneKind.TONG_KET].due_date, milestones[MilestoneKind.TONG_KET].period_label) == (
        datetime.date(2025, 12, 31),
        "Quý IV/2025",
    )


def test_seed_003_legal_bases_criteria_and_reporting_calendar(seed_003):
    assert "749/QĐ-TTg" in seed_003.legal_bases.values_list("doc_number", flat=True)
    assert {"so", "huyen", "xa"} <= set(seed_003.criteria.values_list("level", flat=True))
    due_dates = set(seed_003.reporting_periods.values_list("due_date", flat=True))
    assert {datetime.date(2023, 6, 15), datetime.date(2023, 12, 15)} <= due_dates
    assert seed_003.status == CampaignStatus.TONG_KET
    assert (seed_003.issued_on, seed_003.end_date) == (datetime.date(2022, 5, 26), datetime.date(2025, 12, 31))


def test_seed_003_shows_who_has_not_registered(seed_003):
    registered = set(Registration.objects.filter(campaign=seed_003).values_list("unit__code", flat=True))
    assert registered == {"binh-phuoc-cntt", "binh-phuoc-bcvt"}
    assert seed_003.participants.filter(code="binh-phuoc-ttbcxb").exists()
    for registration in Registration.objects.filter(campaign=seed_003):
        assert registration.registered_by.username == "lanhdao.bp"
        assert registration.commitments.exists()


def test_seed_001_is_issued_by_cluster_2_of_2023(campaigns):
    campaign = Campaign.objects.get(owner__code="stttt-lao-cai", document_type="Chương trình")
    cluster = Cluster.objects.get(name="Cụm thi đua số 2", year=2023)
    assert campaign.issuer_cluster == cluster
    assert list(campaign.participant_clusters.all()) == [cluster]
    assert campaign.participants.count() == 7


def test_seed_004_dossier_deadline_and_standards(campaigns):
    campaign = Campaign.objects.get(owner__code="stttt-bac-kan")
    assert campaign.dossier_deadline == datetime.date(2023, 1, 14)  # "Trước ngày 15/01/2023"
    assert "Trước ngày 15/01/2023" in campaign.dossier_requirements
    assert {"chung", "ca_nhan"} <= set(campaign.criteria.values_list("level", flat=True))


def test_texts_are_vietnamese_in_nfc(campaigns):
    for campaign in campaigns:
        for field in Campaign._meta.get_fields():
            if isinstance(field, models.CharField | models.TextField):
                value = getattr(campaign, field.name)
                assert value == unicodedata.normalize("NFC", value), field.name


def test_every_plan_is_printable_with_typed_citations_signer_and_noi_nhan(campaigns):
    for campaign in campaigns:
        assert campaign.signer_title.strip() and campaign.signer_name.strip(), campaign.title
        assert campaign.recipient_lines and campaign.recipient_lines[-1].startswith("Lưu: VT"), campaign.title
        for basis in campaign.legal_bases.all():
            assert basis.doc_type in {"Kế hoạch", "Quyết định", "Chỉ thị", "Nghị quyết"}, basis
            assert not basis.title.startswith(basis.doc_type), basis  # the type is not repeated in the trích yếu


def test_seed_002_is_the_bo_truongs_directive(campaigns):
    campaign = Campaign.objects.get(owner__code="bo-tttt", number="103/CT-BTTTT")
    assert (campaign.document_type, campaign.issued_on) == ("Chỉ thị", datetime.date(2021, 12, 13))
    assert (campaign.signer_title, campaign.signer_name) == ("BỘ TRƯỞNG", "Nguyễn Mạnh Hùng")


def test_loading_again_completes_a_plan_loaded_without_signer_but_keeps_what_was_typed(campaigns):
    """A database loaded before the plans had signers gets them; a name typed since is not overwritten."""
    seed_004 = Campaign.objects.get(owner__code="stttt-bac-kan")
    seed_002 = Campaign.objects.get(owner__code="bo-tttt")
    Campaign.objects.filter(pk=seed_004.pk).update(signer_name="", recipients="")
    Campaign.objects.filter(pk=seed_002.pk).update(signer_name="Người Khác")
    _load_all()
    seed_004.refresh_from_db()
    seed_002.refresh_from_db()
    assert seed_004.signer_name == "Hà Văn Tiến" and seed_004.recipient_lines[-1] == "Lưu: VT, HSTĐKT."
    assert seed_002.signer_name == "Người Khác"
