"""Does a nominee's history meet the prerequisites of the title proposed, under the law of the round's date?

Pure reads, no writes: the title's rows come from campaigns.people.prerequisites_for (dated data seeded from the
decrees), the history from the register (awards.AwardRecord: the person's account, or the name within the unit),
the approved yearly ratings (campaigns.people.rating_of) and the recognised initiatives (initiatives_of). Each
problem names the year or the initiative that is missing, so the unit knows what to supply.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q

from awards.models import AwardRecord, Nominee
from campaigns.models import AwardForm, AwardTarget
from campaigns.people import (
    RATING_RANK,
    InitiativeKind,
    InitiativeLevel,
    Prerequisite,
    RatingLevel,
    initiatives_of,
    name_key,
    prerequisites_for,
    rating_of,
)


@dataclass(frozen=True)
class Outcome:
    prerequisite: Prerequisite
    met: bool
    text: str  # what was found, or what is missing (Vietnamese)


def _years_text(years: list[int]) -> str:
    return f"năm {years[0]}" if len(years) == 1 else "các năm " + ", ".join(str(y) for y in years)


def _span(years: list[int]) -> str:
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def _form_name(code: str, day: datetime.date) -> str:
    form = AwardForm.objects.valid_on(day).filter(code=code).first() or AwardForm.objects.filter(code=code).first()
    return form.name if form else code


def _titles_held(nominee: Nominee, code: str, years: list[int]) -> dict[int, str]:
    """Years in which the person holds the title: from the register, or (for the round's own year) a nomination
    for it in a dossier of that year: the Quyết định at the end of the year confers Lao động tiên tiến and Chiến sĩ
    thi đua cơ sở together, so the lower title is still being proposed when the higher one is checked."""
    unit = nominee.dossier.unit
    who = Q(unit=unit, name__iexact=nominee.full_name)
    if nominee.person_id:
        who |= Q(person_id=nominee.person_id)
    held: dict[int, str] = {}
    records = AwardRecord.objects.filter(who, award_form__code=code, year__in=years, kind=AwardTarget.CA_NHAN)
    for record in records:
        if record.person_id == nominee.person_id or name_key(record.name) == name_key(nominee.full_name):
            held[record.year] = f"Quyết định số {record.decision_number} ngày {record.decision_date:%d/%m/%Y}"
    round_year = nominee.dossier.year
    if round_year in years and round_year not in held:
        who_nominee = Q(dossier__unit=unit, full_name__iexact=nominee.full_name)
        if nominee.person_id:
            who_nominee |= Q(person_id=nominee.person_id)
        pending = (
            Nominee.objects.filter(who_nominee, award_form__code=code, dossier__year=round_year)
            .exclude(pk=nominee.pk)
            .select_related("dossier")
            .first()
        )
        if pending is not None:
            held[round_year] = f"đang đề nghị cùng đợt (hồ sơ năm {round_year})"
    return held


def _check_title(nominee: Nominee, rule: Prerequisite, day: datetime.date) -> Outcome:
    years = rule.years_for(nominee.dossier.year)
    held = _titles_held(nominee, rule.requires_code, years)
    name = _form_name(rule.requires_code, day)
    missing = [y for y in years if y not in held]
    if not missing:
        return Outcome(rule, True, f"Có danh hiệu {name} {_years_text(years)}.")
    text = f"Chưa có danh hiệu {name} {_years_text(missing)}"
    if len(years) > 1:
        text += f" (cần {len(years)} năm liên tục {_span(years)})"
    return Outcome(rule, False, text + ".")


def _check_rating(nominee: Nominee, rule: Prerequisite) -> Outcome:
    years = rule.years_for(nominee.dossier.year)
    wanted = RatingLevel(rule.requires_rating)
    missing, below = [], []
    for year in years:
        got = rating_of(unit=nominee.dossier.unit, year=year, full_name=nominee.full_name, person=nominee.person)
        if got is None:
            missing.append(year)
        elif RATING_RANK[RatingLevel(got)] < RATING_RANK[wanted]:
            below.append(f"năm {year} xếp loại {RatingLevel(got).label}")
    if not missing and not below:
        return Outcome(rule, True, f"Xếp loại {wanted.label} {_years_text(years)} (đã duyệt).")
    parts = []
    if missing:
        parts.append(f"Chưa có xếp loại năm đã được Văn phòng Sở duyệt cho {_years_text(missing)}")
    if below:
        parts.append("; ".join(below) + f", chưa đạt {wanted.label}")
    text = "; ".join(parts)
    text = text[0].upper() + text[1:]
    if len(years) > 1:
        text += f" (cần {len(years)} năm liên tục {wanted.label} {_span(years)})"
    return Outcome(rule, False, text + ".")


def _check_initiatives(nominee: Nominee, rule: Prerequisite) -> Outcome:
    round_year = nominee.dossier.year
    found = initiatives_of(
        full_name=nominee.full_name,
        person=nominee.person,
        until_year=round_year,
        level_at_least=rule.initiative_level or None,
        unit=nominee.dossier.unit,
    )
    if rule.requires_years:
        first = round_year - rule.requires_years + 1
        found = [i for i in found if i.year >= first]
        period = f"trong {_years_text(list(range(first, round_year + 1)))}"
    else:
        period = f"đến năm {round_year}"
    if not rule.accepts_research:
        found = [i for i in found if i.kind == InitiativeKind.SANG_KIEN]
    level = InitiativeLevel(rule.initiative_level).label.lower() if rule.initiative_level else "cấp cơ sở"
    what = "sáng kiến (hoặc đề tài, đề án khoa học)" if rule.accepts_research else "sáng kiến"
    if len(found) >= rule.initiative_count:
        listed = "; ".join(f"“{i.title}” ({i.decision_text})" for i in found[-rule.initiative_count :])
        return Outcome(rule, True, f"Có {what} được công nhận: {listed}.")
    alternative = ""
    if rule.alternative_rating:
        wanted = RatingLevel(rule.alternative_rating)
        got = rating_of(unit=nominee.dossier.unit, year=round_year, full_name=nominee.full_name, person=nominee.person)
        if got is not None and RATING_RANK[RatingLevel(got)] >= RATING_RANK[wanted]:
            text = f"Xếp loại {RatingLevel(got).label} năm {round_year} (đã duyệt), thay cho {what}."
            return Outcome(rule, True, text)
        alternative = f"; cũng chưa có xếp loại {wanted.label} năm {round_year} được Văn phòng Sở duyệt (thay thế được)"
    if not found:
        return Outcome(rule, False, f"Chưa có {what} được công nhận ({level} trở lên) {period}{alternative}.")
    listed = "; ".join(f"“{i.title}”" for i in found)
    return Outcome(
        rule,
        False,
        f"Chưa đủ {rule.initiative_count} {what} được công nhận ({level} trở lên) {period}: mới có {len(found)} "
        f"({listed}){alternative}.",
    )


def prerequisite_outcomes(nominee: Nominee, day: datetime.date) -> list[Outcome]:
    """Each prerequisite of the nominee's title in force on the day, met or not, with what was found."""
    if nominee.kind != AwardTarget.CA_NHAN:
        return []
    province = nominee.dossier.unit.province
    outcomes = []
    for rule in prerequisites_for(nominee.award_form, day, province=province):
        if rule.requires_code:
            outcomes.append(_check_title(nominee, rule, day))
        elif rule.requires_rating:
            outcomes.append(_check_rating(nominee, rule))
        elif rule.requires_initiative:
            outcomes.append(_check_initiatives(nominee, rule))
    return outcomes


def prerequisite_problems(nominee: Nominee, day: datetime.date) -> list[str]:
    """What the nominee's history lacks for the title, in Vietnamese, each naming the missing year or initiative
    and the rule's basis, e.g. "Chưa có danh hiệu Lao động tiên tiến năm 2023 (Điều 24 Luật Thi đua, khen
    thưởng 2022)." An empty list: every prerequisite in force on the day is met."""
    return [_with_basis(o) for o in prerequisite_outcomes(nominee, day) if not o.met and o.prerequisite.blocking]


def prerequisite_notes(nominee: Nominee, day: datetime.date) -> list[str]:
    """What the nominee lacks of a standard that is only one of several alternatives (Bằng khen: "đạt một trong
    các tiêu chuẩn"): shown to the unit and the office, never a refusal."""
    return [_with_basis(o) for o in prerequisite_outcomes(nominee, day) if not o.met and not o.prerequisite.blocking]


def _with_basis(outcome: Outcome) -> str:
    basis = outcome.prerequisite.legal_basis
    return f"{outcome.text[:-1]} — căn cứ {basis}." if basis else outcome.text


__all__ = ["Outcome", "prerequisite_notes", "prerequisite_outcomes", "prerequisite_problems"]
