"""The demo award dossiers load through the services, tell their story, and loading again changes nothing."""

import datetime

import pytest
from django.apps import apps

from awards import demo as awards_demo
from awards.catalogue import load_standards, load_vote_rules
from awards.models import (
    AwardRecord,
    CheckOverride,
    Comment,
    Decision,
    DecisionKind,
    Dossier,
    DossierEvent,
    DossierStatus,
    Meeting,
    PriorAward,
)
from awards.services import dossier_checks, live_checks
from campaigns import demo, demo_campaigns
from campaigns.catalogue import load_catalogue
from campaigns.models import Campaign, Role, RoleAssignment, User
from emulation.lib.uploads import sniff
from indicators import demo as indicators_demo
from indicators.catalogue import load_indicators


def _load_all() -> None:
    demo.load()
    load_catalogue()
    demo_campaigns.load()
    load_indicators()
    indicators_demo.load()
    load_vote_rules()
    load_standards()
    awards_demo.load()


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for app in ("awards", "campaigns", "indicators")
        for model in apps.get_app_config(app).get_models(include_auto_created=True)
    }


@pytest.fixture
def loaded(db, settings) -> None:
    settings.DEBUG = True
    _load_all()


@pytest.fixture
def seed_003(loaded) -> Campaign:
    return Campaign.objects.get(owner__code=indicators_demo.SEED_003_OWNER, title=indicators_demo.SEED_003_TITLE)


@pytest.fixture
def seed_004(loaded) -> Campaign:
    return Campaign.objects.get(owner__code=indicators_demo.SEED_004_OWNER, title=indicators_demo.SEED_004_TITLE)


def _dossier(campaign: Campaign, unit: str) -> Dossier:
    return Dossier.objects.get(campaign=campaign, unit__code=unit)


def test_loading_twice_changes_no_row_count(loaded):
    before = _counts()
    assert before["awards.Dossier"] == 5  # seed 003: three in the sơ kết round and Phòng BCVT's year-end; seed 004
    assert before["awards.AwardRecord"] >= 1
    _load_all()
    assert _counts() == before


def test_the_bac_kan_head_is_a_demo_login(loaded):
    user = User.objects.get(username="lanhdao.bk")
    assert user.check_password(demo.DEMO_PASSWORD)
    assert RoleAssignment.objects.filter(user=user, unit__code="bac-kan-cntt", role=Role.LANH_DAO).exists()
    assert [login.username for login in awards_demo.DEMO_LOGINS] == ["lanhdao.bk"]


def test_seed_003_dossiers_are_in_the_sơ_kết_round(seed_003):
    so_ket = seed_003.milestones.get(kind="so_ket")
    dossiers = Dossier.objects.filter(campaign=seed_003, round_kind="so_ket")
    assert dossiers.count() == 3
    assert Dossier.objects.filter(campaign=seed_003).exclude(round_kind="so_ket").get().round_kind == "nam"
    assert {(d.round_kind, d.milestone_id, d.year) for d in dossiers} == {("so_ket", so_ket.pk, 2023)}


def test_the_full_flow_reached_the_register(seed_003):
    dossier = Dossier.objects.get(campaign=seed_003, unit__code="binh-phuoc-bcvt", round_kind="so_ket")
    assert dossier.status == DossierStatus.DA_QUYET_DINH
    assert dossier.review_round == 2
    path = [(e.from_status, e.to_status) for e in dossier.events.order_by("at", "pk")]
    assert path == [
        ("nhap", "da_gui"),
        ("da_gui", "dang_tham_dinh"),
        ("dang_tham_dinh", "yeu_cau_bo_sung"),
        ("yeu_cau_bo_sung", "da_gui"),
        ("da_gui", "dang_tham_dinh"),
        ("dang_tham_dinh", "hop_le"),
        ("hop_le", "da_xet"),
        ("da_xet", "da_quyet_dinh"),
    ]
    # Dated as the story goes, not today.
    assert dossier.created_at.year == 2023 and dossier.submitted_at.date() <= datetime.date(2023, 12, 31)
    assert all(e.at.year in (2023, 2024) for e in dossier.events.all())
    # The Văn phòng's comment on a nominee, then the corrected Mẫu 07.
    comment = Comment.objects.get(dossier=dossier, target="nominee")
    assert comment.nominee.full_name == "Lương Văn Thắng"
    assert "238/262" in comment.nominee.achievements
    assert Comment.objects.filter(dossier=dossier, target="bien_ban").exists()
    # Every document is a PDF by its bytes.
    for file in [dossier.submission_file, dossier.minutes_file, *(n.signed_report for n in dossier.nominees.all())]:
        with file.open("rb") as handle:
            assert sniff(handle) == "pdf"
    assert PriorAward.objects.filter(nominee__dossier=dossier).count() >= 2

    meeting = Meeting.objects.get(campaign=seed_003)
    assert (meeting.members_total, meeting.members_present, meeting.owner.code) == (15, 13, "stttt-binh-phuoc")
    votes = {v.nominee.full_name: v.passed for v in meeting.votes.filter(nominee__dossier=dossier)}
    assert votes == {"Ngô Thị Hạnh": True, "Lương Văn Thắng": True, "Phan Thị Thu Trang": False}

    decision = Decision.objects.get(kind=DecisionKind.QUYET_DINH, number="25/QĐ-STTTT")
    proposal = Decision.objects.get(kind=DecisionKind.TO_TRINH)
    assert proposal.higher_number == "318/QĐ-UBND"
    records = AwardRecord.objects.filter(campaign=seed_003, nominee__dossier=dossier)
    assert {(r.name, r.decision_id) for r in records} == {
        ("Lương Văn Thắng", decision.pk),
        ("Ngô Thị Hạnh", proposal.pk),
    }
    # A person's history: canbo.bcvt holds the Bằng khen.
    record = AwardRecord.objects.get(person__username="canbo.bcvt", award_form__code__startswith="bang-khen")
    assert record.award_form.code == "bang-khen-chu-tich-ubnd-tinh-ca-nhan"
    assert (record.decision_number, record.year) == ("318/QĐ-UBND", 2023)


def test_a_dossier_waits_for_review(seed_003):
    dossier = _dossier(seed_003, "binh-phuoc-ttcntt")
    assert dossier.status in (DossierStatus.DANG_THAM_DINH, DossierStatus.DA_GUI)
    assert dossier.submitted_by.username == "lanhdao.ttcntt"
    assert dossier.nominees.count() == 3


def test_the_draft_s_leaders_are_counted_over_the_whole_s_proposal(seed_003):
    """Phòng CNTT's draft has 3 leaders of 5 for the Bằng khen: alone 60 %, but the 40 % cap of QĐ 26/2020/QĐ-UBND
    counts every Bằng khen the Sở proposes in the round — with the 3 non-leaders already sent by Phòng BCVT and
    Trung tâm CNTT&TT, 3 of 8 (38 %)."""
    dossier = _dossier(seed_003, "binh-phuoc-cntt")
    assert dossier.status == DossierStatus.NHAP
    nominees = list(dossier.nominees.all())
    assert len(nominees) == 5 and sum(n.is_leader for n in nominees) == 3
    leaders = next(c for c in dossier_checks(dossier) if c.code.startswith("leaders"))
    assert leaders.ok and leaders.message.startswith("3/8 cá nhân là lãnh đạo")
    assert "mọi hồ sơ đã gửi của Sở" in leaders.message and "26/2020/QĐ-UBND" in leaders.message


def test_the_bac_kan_dossier_was_sent_with_an_exception(seed_004):
    dossier = _dossier(seed_004, "bac-kan-cntt")
    # Sent after the deadline with the office's exception, then taken to the end (see the next test).
    assert (dossier.status, dossier.round_kind, dossier.year) == (DossierStatus.DA_QUYET_DINH, "nam", 2022)
    assert dossier.submitted_by.username == "lanhdao.bk"
    override = CheckOverride.objects.get(dossier=dossier, code="deadline")
    assert override.user.username == "vanphong.bk" and override.at.date() == datetime.date(2023, 1, 16)
    assert DossierEvent.objects.filter(dossier=dossier, to_status="da_gui").get().at.year == 2023


def test_the_bac_kan_unit_that_met_every_target_passes_its_100_percent_standard(seed_004):
    """Phòng CNTT Bắc Kạn met all its 2022 chỉ tiêu, the DTI rank-improvement included (judged against the
    target's baseline rank): the campaign's own standard "100 % chỉ tiêu" passes for its collective nominee."""
    dossier = _dossier(seed_004, "bac-kan-cntt")
    collective = dossier.nominees.get(kind="tap_the")
    assert collective.collective_unit.code == "bac-kan-cntt"
    checks = {c.code: c for c in dossier_checks(dossier=dossier)}
    standard = checks[f"standard-{collective.pk}"]
    assert standard.ok, standard.message
    # Sent after the deadline: the check judged at sending stays failed, with the office's accepted exception.
    assert checks["deadline"].overridden == awards_demo.BK_OVERRIDE and not checks["deadline"].blocks
    assert all(c.ok for code, c in checks.items() if code != "deadline"), [c for c in checks.values() if not c.ok]


def test_the_same_unit_fails_the_standard_when_its_dti_rank_did_not_improve(seed_004):
    from indicators.models import Value

    dti = Value.objects.get(
        submission__unit__code="bac-kan-cntt",
        submission__period__kind="nam",
        submission__period__campaign=seed_004,
        target__indicator__code="dti-thu-hang",
    )
    Value.objects.filter(pk=dti.pk).update(value=dti.target.baseline)  # the same rank as the baseline year
    dossier = _dossier(seed_004, "bac-kan-cntt")
    collective = dossier.nominees.get(kind="tap_the")
    # The dossier keeps what was judged when it was sent; judged again now, with the changed figure:
    assert {c.code: c for c in dossier_checks(dossier=dossier)}[f"standard-{collective.pk}"].ok
    standard = {c.code: c for c in live_checks(dossier)}[f"standard-{collective.pk}"]
    assert not standard.ok
    assert "80" in standard.message  # four of five chỉ tiêu: 80 %


def test_the_bac_kan_dossier_is_decided_under_the_rules_of_january_2023(seed_004):
    """Voted by the Sở's council on 18/01/2023 under the vote rule of Nghị định 91/2017's time; Triệu Thị Mai does
    not reach more than half of the council and is refused; the Giám đốc Sở's Quyết định carries the amounts of
    the lương cơ sở of that day (1.490.000 đ)."""
    dossier = _dossier(seed_004, "bac-kan-cntt")
    meeting = Meeting.objects.get(campaign=seed_004)
    votes = {v.nominee.full_name: v for v in meeting.votes.select_related("nominee", "rule")}
    assert votes["Triệu Thị Mai"].passed is False and votes["Đỗ Thị Giang"].passed
    assert all(v.rule.valid_to == datetime.date(2023, 12, 31) for v in votes.values())
    decision = Decision.objects.get(owner=seed_004.owner, kind=DecisionKind.QUYET_DINH)
    amounts = {r.name: (r.base_salary, r.amount) for r in decision.records.all()}
    assert amounts["Đỗ Thị Giang"] == (1_490_000, 230_000)
    assert not AwardRecord.objects.filter(name="Triệu Thị Mai").exists()
    assert dossier.status == DossierStatus.DA_QUYET_DINH


def test_the_year_end_titles_follow_their_paths_to_the_giam_doc_s_decision(seed_003):
    """Lao động tiên tiến: the list reviewed by the council without a threshold; Chiến sĩ thi đua cơ sở: voted by
    secret ballot (≥ 80 % of 15); both conferred by the Giám đốc Sở with the amounts of 16/01/2024."""
    dossier = Dossier.objects.get(campaign=seed_003, round_kind="nam")
    assert dossier.status == DossierStatus.DA_QUYET_DINH
    methods = {(v.nominee.award_form.code, v.method) for v in dossier.nominees.all() for v in v.votes.all()}
    assert methods == {("lao-dong-tien-tien", "xem_xet"), ("chien-si-thi-dua-co-so", "bieu_quyet")}
    records = AwardRecord.objects.filter(nominee__dossier=dossier)
    assert {r.decision.number for r in records} == {"27/QĐ-STTTT"}
    assert sorted((r.award_form.code, r.amount) for r in records) == [
        ("chien-si-thi-dua-co-so", 1_800_000),
        ("lao-dong-tien-tien", 540_000),
        ("lao-dong-tien-tien", 540_000),
        ("lao-dong-tien-tien", 540_000),
    ]
