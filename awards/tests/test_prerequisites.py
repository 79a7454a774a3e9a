"""Title prerequisites from a built history: the register (AwardRecord), approved ratings, recognised initiatives,
under the rules of the round's date (seeded by campaigns migration 0013 from the law of each date)."""

from __future__ import annotations

import datetime

import pytest

from awards.models import AwardRecord, Decision, Dossier, Nominee
from awards.prerequisites import prerequisite_notes, prerequisite_outcomes, prerequisite_problems
from campaigns.catalogue import load_catalogue
from campaigns.models import AwardForm
from campaigns.people import (
    AnnualRating,
    Initiative,
    Prerequisite,
    RatingSheet,
    RatingStatus,
    initiatives_of,
    prerequisites_for,
    rating_of,
)
from campaigns.tests.factories import make_campaign

D = datetime.date
NAME = "Nguyễn Thị Thử"


@pytest.fixture
def forms(db):
    load_catalogue()
    return {f.code: f for f in AwardForm.objects.all()}


def _campaign(world):
    if not hasattr(world, "_campaign"):
        world._campaign = make_campaign(world.so_a, title="Phong trào thi đua thường xuyên")
    return world._campaign


def _nominee(world, forms, code: str, year: int, *, name: str = NAME, unit=None, status: str = "nhap") -> Nominee:
    dossier = Dossier.objects.create(
        campaign=_campaign(world), unit=unit or world.phong_a, round_kind="nam", year=year, status=status
    )
    return Nominee.objects.create(dossier=dossier, kind="ca_nhan", award_form=forms[code], full_name=name)


def _record(world, forms, code: str, year: int, *, name: str = NAME) -> AwardRecord:
    """The register holds the title for the year: a decided nominee with its Quyết định."""
    nominee = _nominee(world, forms, code, year, name=name, status="da_quyet_dinh")
    decision = Decision.objects.create(
        owner=world.so_a,
        kind="quyet_dinh",
        number=f"{year}{code[:3]}/QĐ-STTTT",
        signed_on=D(year, 12, 20),
        signer="Người Ký",
        issuer="Sở TT&TT tỉnh A",
        created_by=world.office,
    )
    return AwardRecord.objects.create(
        nominee=nominee,
        decision=decision,
        unit=world.phong_a,
        award_form=forms[code],
        campaign=_campaign(world),
        name=name,
        kind="ca_nhan",
        year=year,
        decision_number=decision.number,
        decision_date=decision.signed_on,
        decision_issuer=decision.issuer,
    )


def _initiative(unit, year: int, *, name: str = NAME, level: str = "co_so", kind: str = "sang_kien") -> Initiative:
    return Initiative.objects.create(
        unit=unit,
        year=year,
        kind=kind,
        title=f"Sáng kiến {year} {level}",
        author_names=f"Người khác\n{name}",
        decision_number=f"{year}/QĐ-STTTT",
        decision_date=D(year, 12, 1),
        decision_issuer="Giám đốc Sở",
        level=level,
    )


def _rating(unit, year: int, rating: str, *, name: str = NAME, status: str = RatingStatus.DA_DUYET) -> None:
    sheet, _ = RatingSheet.objects.get_or_create(unit=unit, year=year, defaults={"status": status})
    AnnualRating.objects.create(sheet=sheet, full_name=name, rating=rating)


# --- The seeded law -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "day", "expected"),
    [
        # (requires_code, requires_years, requires_initiative, initiative_level, alternative_rating, blocking)
        (
            "chien-si-thi-dua-co-so",
            D(2023, 12, 15),
            [("lao-dong-tien-tien", 1, False, "", "", True), ("", 0, True, "co_so", "", True)],
        ),
        (
            "chien-si-thi-dua-co-so",
            D(2024, 12, 15),
            [("lao-dong-tien-tien", 1, False, "", "", True), ("", 0, True, "co_so", "xuat_sac", True)],
        ),
        (
            "chien-si-thi-dua-co-so",
            D(2026, 12, 15),
            [("lao-dong-tien-tien", 1, False, "", "", True), ("", 0, True, "co_so", "xuat_sac", True)],
        ),
        (
            "chien-si-thi-dua-cap-tinh",
            D(2023, 12, 15),
            [("chien-si-thi-dua-co-so", 3, False, "", "", True), ("", 3, True, "tinh", "", True)],
        ),
        (
            "chien-si-thi-dua-cap-tinh",
            D(2024, 12, 15),
            [("chien-si-thi-dua-co-so", 3, False, "", "", True), ("", 3, True, "tinh", "", True)],
        ),
        (
            "bang-khen-chu-tich-ubnd-tinh-ca-nhan",
            D(2024, 12, 15),
            [("", 2, False, "", "", False), ("", 2, True, "co_so", "", False)],
        ),
        ("lao-dong-tien-tien", D(2024, 12, 15), []),
    ],
)
def test_seeded_prerequisites_follow_the_law_of_the_date(forms, code, day, expected):
    rows = prerequisites_for(forms[code], day)
    got = [
        (r.requires_code, r.requires_years, r.requires_initiative, r.initiative_level, r.alternative_rating, r.blocking)
        for r in rows
    ]
    assert got == expected
    assert all(r.legal_basis for r in rows)


def test_every_number_not_verified_says_so_in_its_note(db):
    unverified = Prerequisite.objects.filter(note__icontains="CHƯA ĐỐI CHIẾU")
    # The Bằng khen rows of the 2022 law and the year-windows the texts leave open are marked, not invented.
    assert unverified.filter(award_code="bang-khen-chu-tich-ubnd-tinh-ca-nhan", valid_from=D(2024, 1, 1)).count() == 2
    assert unverified.filter(award_code="chien-si-thi-dua-cap-tinh").count() == 4


# --- Chiến sĩ thi đua cơ sở -------------------------------------------------------------------------------------


def test_2023_missing_title_and_initiative_are_named(world, forms):
    nominee = _nominee(world, forms, "chien-si-thi-dua-co-so", 2023)
    problems = prerequisite_problems(nominee, D(2023, 12, 15))
    assert len(problems) == 2
    assert problems[0].startswith("Chưa có danh hiệu Lao động tiên tiến năm 2023")
    assert "Nghị định 91/2017/NĐ-CP" in problems[0]
    assert problems[1].startswith(
        "Chưa có sáng kiến (hoặc đề tài, đề án khoa học) được công nhận (cấp cơ sở trở lên) đến năm 2023"
    )


def test_2023_satisfied_by_the_register_and_an_initiative(world, forms):
    _record(world, forms, "lao-dong-tien-tien", 2023)
    _initiative(world.phong_a, 2023)
    nominee = _nominee(world, forms, "chien-si-thi-dua-co-so", 2023)
    assert prerequisite_problems(nominee, D(2023, 12, 15)) == []
    texts = [o.text for o in prerequisite_outcomes(nominee, D(2023, 12, 15))]
    assert any("Quyết định số 2023/QĐ-STTTT ngày 01/12/2023" in t for t in texts)


def test_2023_an_excellent_rating_does_not_replace_the_initiative(world, forms):
    """Under Nghị định 91/2017 the initiative was compulsory."""
    _record(world, forms, "lao-dong-tien-tien", 2023)
    _rating(world.phong_a, 2023, "xuat_sac")
    nominee = _nominee(world, forms, "chien-si-thi-dua-co-so", 2023)
    [problem] = prerequisite_problems(nominee, D(2023, 12, 15))
    assert problem.startswith("Chưa có sáng kiến")


def test_lower_title_proposed_in_the_same_round_counts(world, forms):
    """Lao động tiên tiến and Chiến sĩ thi đua cơ sở of a year are decided together."""
    _nominee(world, forms, "lao-dong-tien-tien", 2024)
    _initiative(world.phong_a, 2024)
    nominee = _nominee(world, forms, "chien-si-thi-dua-co-so", 2024)
    assert prerequisite_problems(nominee, D(2024, 12, 15)) == []


def test_2024_approved_excellent_rating_replaces_the_initiative(world, forms):
    _record(world, forms, "lao-dong-tien-tien", 2024)
    nominee = _nominee(world, forms, "chien-si-thi-dua-co-so", 2024)
    [problem] = prerequisite_problems(nominee, D(2024, 12, 15))
    assert problem.startswith("Chưa có sáng kiến (hoặc đề tài, đề án khoa học) được công nhận")
    assert "cũng chưa có xếp loại Hoàn thành xuất sắc nhiệm vụ năm 2024 được Văn phòng Sở duyệt" in problem
    _rating(world.phong_a, 2024, "xuat_sac")
    assert prerequisite_problems(nominee, D(2024, 12, 15)) == []


def test_a_rating_not_yet_approved_does_not_count(world, forms):
    _record(world, forms, "lao-dong-tien-tien", 2024)
    _rating(world.phong_a, 2024, "xuat_sac", status=RatingStatus.DA_GUI)
    nominee = _nominee(world, forms, "chien-si-thi-dua-co-so", 2024)
    assert rating_of(unit=world.phong_a, year=2024, full_name=NAME) is None
    assert len(prerequisite_problems(nominee, D(2024, 12, 15))) == 1


def test_a_namesake_in_another_province_lends_no_initiative(world, forms):
    _record(world, forms, "lao-dong-tien-tien", 2023)
    _initiative(world.phong_b, 2023)
    nominee = _nominee(world, forms, "chien-si-thi-dua-co-so", 2023)
    assert initiatives_of(full_name=NAME, unit=world.phong_a) == []
    assert len(initiatives_of(full_name=NAME)) == 1
    assert prerequisite_problems(nominee, D(2023, 12, 15))[0].startswith("Chưa có sáng kiến")


# --- Chiến sĩ thi đua cấp tỉnh ------------------------------------------------------------------------------------


def test_provincial_title_names_the_missing_year_of_the_three(world, forms):
    _record(world, forms, "chien-si-thi-dua-co-so", 2023)
    _record(world, forms, "chien-si-thi-dua-co-so", 2025)
    _initiative(world.phong_a, 2024, level="co_so")
    nominee = _nominee(world, forms, "chien-si-thi-dua-cap-tinh", 2025)
    problems = prerequisite_problems(nominee, D(2025, 12, 15))
    assert problems[0].startswith("Chưa có danh hiệu Chiến sĩ thi đua cơ sở năm 2024 (cần 3 năm liên tục 2023–2025)")
    # An initiative recognised at cơ sở level is not one whose effect reaches the province.
    assert problems[1].startswith(
        "Chưa có sáng kiến (hoặc đề tài, đề án khoa học) được công nhận (cấp tỉnh trở lên) "
        "trong các năm 2023, 2024, 2025"
    )
    _record(world, forms, "chien-si-thi-dua-co-so", 2024)
    _initiative(world.phong_a, 2025, level="tinh")
    assert prerequisite_problems(nominee, D(2025, 12, 15)) == []


# --- Bằng khen: one standard among alternatives ---------------------------------------------------------------


def test_bang_khen_history_is_a_note_never_a_refusal(world, forms):
    _rating(world.phong_a, 2025, "xuat_sac")
    _rating(world.phong_a, 2024, "tot")
    nominee = _nominee(world, forms, "bang-khen-chu-tich-ubnd-tinh-ca-nhan", 2025)
    assert prerequisite_problems(nominee, D(2025, 12, 15)) == []
    notes = prerequisite_notes(nominee, D(2025, 12, 15))
    assert notes[0].startswith(
        "Năm 2024 xếp loại Hoàn thành tốt nhiệm vụ, chưa đạt Hoàn thành xuất sắc nhiệm vụ (cần 2 năm liên tục"
    )
    assert notes[1].startswith("Chưa có sáng kiến được công nhận (cấp cơ sở trở lên) trong các năm 2024, 2025")


def test_a_collective_has_no_personal_prerequisites(world, forms):
    dossier = Dossier.objects.create(campaign=_campaign(world), unit=world.phong_a, round_kind="nam", year=2025)
    nominee = Nominee.objects.create(
        dossier=dossier, kind="tap_the", award_form=forms["tap-the-lao-dong-tien-tien"], full_name="Phòng A"
    )
    assert prerequisite_outcomes(nominee, D(2025, 12, 15)) == []


def test_a_2023_dossier_keeps_2023_rules_after_a_new_rule_is_added(world, forms):
    Prerequisite.objects.create(
        award_code="chien-si-thi-dua-co-so",
        requires_code="lao-dong-tien-tien",
        requires_years=2,
        valid_from=D(2026, 1, 1),
        legal_basis="Quy định thử năm 2026",
        order=30,
    )
    _record(world, forms, "lao-dong-tien-tien", 2023)
    _initiative(world.phong_a, 2023)
    nominee = _nominee(world, forms, "chien-si-thi-dua-co-so", 2023)
    assert prerequisite_problems(nominee, D(2023, 12, 15)) == []


def test_overlapping_versions_of_a_rule_are_refused(db):
    from django.core.exceptions import ValidationError

    newer = Prerequisite(
        award_code="chien-si-thi-dua-co-so",
        requires_code="lao-dong-tien-tien",
        valid_from=D(2025, 1, 1),
        legal_basis="Thử",
        order=10,  # the 2024 row of the same place is open-ended
    )
    with pytest.raises(ValidationError, match="hiệu lực trùng thời gian"):
        newer.full_clean()
    Prerequisite.objects.filter(award_code="chien-si-thi-dua-co-so", order=10, valid_from=D(2024, 1, 1)).update(
        valid_to=D(2024, 12, 31)
    )
    newer.full_clean()
