"""The indicator catalogue and the demo targets and figures load, and loading them again changes nothing."""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps

from campaigns import demo, demo_campaigns
from campaigns.catalogue import load_catalogue
from campaigns.models import Campaign, ReportingPeriod, Role, RoleAssignment, UnitLevel
from indicators import demo as indicators_demo
from indicators.catalogue import INDICATORS, load_indicators
from indicators.models import Entry, Indicator, Submission, SubmissionStatus, Target
from indicators.services import targets_for


def _load_all() -> None:
    demo.load()
    load_catalogue()
    demo_campaigns.load()
    load_indicators()
    indicators_demo.load()


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for app in ("indicators", "campaigns")
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
def six_months_2023(seed_003) -> ReportingPeriod:
    return seed_003.reporting_periods.get(kind="sau_thang", year=2023)


def test_loading_twice_changes_no_row_count(loaded):
    before = _counts()
    assert before["indicators.Indicator"] == len(INDICATORS)
    _load_all()
    assert _counts() == before


def test_every_rate_names_its_numerator_and_denominator(loaded):
    rates = Indicator.objects.filter(entry=Entry.RATE)
    assert rates.count() > 30
    for indicator in rates:
        assert indicator.numerator_label.strip() and indicator.denominator_label.strip(), indicator.code
        assert indicator.unit_label == "%", indicator.code
        assert indicator.sector_id is not None, indicator.code
        assert indicator.definition and indicator.source, indicator.code


def test_catalogue_definitions(loaded):
    dti = Indicator.objects.get(code="dti-thu-hang")
    assert (dti.entry, dti.direction) == (Entry.RANK, "lower")
    dvc = Indicator.objects.get(code="dvc-truc-tuyen-toan-trinh")
    assert "toàn trình" in dvc.name and "42/2022" in dvc.definition
    assert dvc.numerator_label == "Số TTHC cung cấp DVC trực tuyến toàn trình"
    files = Indicator.objects.get(code="ho-so-tthc-truc-tuyen")
    assert (files.numerator_label, files.denominator_label) == (
        "Số hồ sơ TTHC xử lý hoàn toàn trực tuyến",
        "Tổng số hồ sơ TTHC",
    )
    radio = Indicator.objects.get(code="xa-dai-truyen-thanh-cntt-vt")
    assert (radio.numerator_label, radio.denominator_label) == (
        "Số xã có đài truyền thanh ứng dụng CNTT-VT",
        "Tổng số xã",
    )
    # Over stations rather than communes: a different indicator.
    assert Indicator.objects.get(code="dai-truyen-thanh-chuyen-doi-cntt-vt").denominator_label.startswith("Tổng số đài")


def test_seed_003_targets_per_level(seed_003):
    levels = {
        t.level: t.value
        for t in Target.objects.filter(
            campaign=seed_003, indicator__code="ho-so-cong-viec-tren-mang", applies_to="level"
        )
    }
    assert levels == {
        UnitLevel.SO: Decimal(90),
        UnitLevel.PHONG: Decimal(90),
        UnitLevel.HUYEN: Decimal(80),
        UnitLevel.XA: Decimal(60),
    }
    phong = Target.objects.get(campaign=seed_003, indicator__code="ho-so-cong-viec-tren-mang", level=UnitLevel.PHONG)
    assert "phòng" in phong.note
    bank = Target.objects.get(campaign=seed_003, indicator__code="tai-khoan-ngan-hang-15-tuoi")
    assert (bank.comparator, bank.value, bank.value_max) == ("range", Decimal(65), Decimal(70))
    task = Target.objects.get(campaign=seed_003, indicator__code="ke-hoach-chuyen-doi-so-nam")
    assert (task.comparator, task.due_on, task.year) == ("done_by", datetime.date(2023, 3, 31), 2023)
    assert Target.objects.filter(campaign=seed_003, year=2023, indicator__code="dvc-truc-tuyen-toan-trinh").exists()


def test_the_year_s_target_wins_for_2023(seed_003, six_months_2023):
    cntt = seed_003.participants.get(code="binh-phuoc-cntt")
    chosen = {t.indicator.code: t for t in targets_for(period=six_months_2023, unit=cntt)}
    assert chosen["dvc-truc-tuyen-toan-trinh"].value == Decimal(82)
    assert chosen["ho-so-cong-viec-tren-mang"].value == Decimal(90)


def test_seed_004_thirteen_targets_for_2022(loaded):
    bac_kan = Campaign.objects.get(owner__code=indicators_demo.SEED_004_OWNER, title=indicators_demo.SEED_004_TITLE)
    targets = Target.objects.filter(campaign=bac_kan)
    assert set(targets.values_list("year", flat=True)) == {2022}
    assert targets.exclude(comparator="done_by").count() == 13
    assert targets.get(indicator__code="dti-thu-hang").comparator == "improve"
    assert targets.get(indicator__code="dvc-truc-tuyen-toan-trinh").value == Decimal(82)
    participants = set(bac_kan.participants.values_list("pk", flat=True))
    assert all(t.unit_id in participants for t in targets)


def test_2023_six_months_period_states(six_months_2023):
    states = {s.unit.code: s for s in Submission.objects.filter(period=six_months_2023).select_related("unit")}
    assert {code: s.status for code, s in states.items()} == {
        "binh-phuoc-bcvt": SubmissionStatus.DA_DUYET,
        "binh-phuoc-ttcntt": SubmissionStatus.DA_GUI,
        "binh-phuoc-vnpt": SubmissionStatus.NHAP,
    }
    assert not states["binh-phuoc-bcvt"].is_late
    assert states["binh-phuoc-ttcntt"].is_late
    assert states["binh-phuoc-ttcntt"].submitted_at.year == 2023
    draft = states["binh-phuoc-vnpt"].values.all()
    assert any(v.value is not None for v in draft) and any(v.value is None for v in draft)
    events = states["binh-phuoc-bcvt"].events.values_list("to_status", flat=True)
    assert set(events) == {SubmissionStatus.DA_GUI, SubmissionStatus.DA_DUYET}


def test_the_demo_staff_s_unit_is_left_to_fill_in(seed_003):
    assert not Submission.objects.filter(period__campaign=seed_003, unit__code="binh-phuoc-cntt").exists()
    assert RoleAssignment.objects.filter(user__username="canbo.bp", unit__code="binh-phuoc-cntt").exists()


def test_2022_annual_approved_for_a_trend(seed_003):
    annual = seed_003.reporting_periods.get(kind="nam", year=2022)
    approved = Submission.objects.filter(period=annual, status=SubmissionStatus.DA_DUYET)
    assert set(approved.values_list("unit__code", flat=True)) == {"binh-phuoc-bcvt", "binh-phuoc-ttcntt"}


def test_figures_are_plausible(seed_003):
    for submission in Submission.objects.filter(period__campaign=seed_003):
        for value in submission.values.select_related("target__indicator"):
            if value.numerator is None:
                continue
            assert value.numerator <= value.denominator
            assert Decimal(60) <= value.value <= Decimal(95), (submission.unit.code, value.target.indicator.code)


def test_demo_accounts_hold_their_unit_roles(loaded):
    for login in indicators_demo.DEMO_LOGINS:
        for role, code in login.grants:
            assert RoleAssignment.objects.filter(user__username=login.username, unit__code=code, role=role).exists()
    assert RoleAssignment.objects.filter(user__username="lanhdao.bcvt", role=Role.LANH_DAO).count() == 1
