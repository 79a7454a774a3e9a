"""The dated award rules as of a day: an award form's path (who proposes, appraises, confers), the leaders' share
cap of a province, and the cash amount (hệ số × mức lương cơ sở). Reads only; every rule is a row an administrator
keeps with its validity dates (awards.catalogue loads the starting ones).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from django.db.models import F, Q

from awards.models import Authority, AwardAmount, AwardPath, BaseSalary, CouncilStep, LeaderShareRule
from campaigns.models import AwardForm, Unit, UnitLevel
from campaigns.paper import province_of

# The conferring authority of an issuing unit's head, by the unit's level.
ISSUER_AUTHORITY = {
    UnitLevel.SO: Authority.GIAM_DOC_SO,
    UnitLevel.BO: Authority.BO_TRUONG,
    UnitLevel.HUYEN: Authority.CHU_TICH_UBND_HUYEN,
}
# The catalogue's free-text "cấp quyết định", for a form that has no path row yet.
AUTHORITY_WORDS = [
    ("giám đốc sở", Authority.GIAM_DOC_SO),
    ("chủ tịch ubnd huyện", Authority.CHU_TICH_UBND_HUYEN),
    ("chủ tịch ubnd tỉnh", Authority.CHU_TICH_UBND_TINH),
    ("chủ tịch ủy ban nhân dân tỉnh", Authority.CHU_TICH_UBND_TINH),
    ("bộ trưởng", Authority.BO_TRUONG),
    ("thủ tướng", Authority.THU_TUONG),
]


def _latest(qs):
    # A dated version wins over an open-started one (PostgreSQL sorts NULL first when descending).
    return qs.order_by(F("valid_from").desc(nulls_last=True), "-pk").first()


def _for_province(qs, province: str):
    """The province's own row first, else the general one."""
    if province:
        own = _latest(qs.filter(province=province))
        if own is not None:
            return own
    return _latest(qs.filter(province=""))


def path_for(award_form: AwardForm, day: datetime.date, province: str = "") -> AwardPath | None:
    return _for_province(AwardPath.objects.valid_on(day).filter(award_form=award_form), province)


def leader_rule_for(award_form: AwardForm, day: datetime.date, province: str = "") -> LeaderShareRule | None:
    return _for_province(LeaderShareRule.objects.valid_on(day).filter(award_form=award_form), province)


def so_of(unit: Unit) -> Unit:
    """The Sở (or Bộ) a unit belongs to: itself, or its nearest such ancestor; the unit when there is none."""
    if unit.level in (UnitLevel.SO, UnitLevel.BO):
        return unit
    ancestors = list(Unit.objects.get_ancestors(unit))[::-1] if not unit.is_root() else []
    return next((a for a in ancestors if a.level in (UnitLevel.SO, UnitLevel.BO)), unit)


def issuer_authority(unit: Unit) -> str | None:
    return ISSUER_AUTHORITY.get(unit.level)


def conferrer_of(award_form: AwardForm, day: datetime.date, province: str = "") -> tuple[str | None, AwardPath | None]:
    """Who confers the form on that day: its path's conferrer, else read from the catalogue's text."""
    path = path_for(award_form, day, province)
    if path is not None:
        return path.conferrer, path
    text = " ".join(award_form.authority.lower().split())
    return next((authority for words, authority in AUTHORITY_WORDS if words in text), None), None


def council_step(award_form: AwardForm, day: datetime.date, province: str = "") -> str:
    """How the council decides on this form that day; a form without a path is voted on (the rule says how)."""
    path = path_for(award_form, day, province)
    return path.council if path is not None else CouncilStep.BIEU_QUYET


@dataclass(frozen=True)
class Amount:
    coefficient: Decimal
    base_salary: Decimal
    amount: Decimal
    rule: AwardAmount
    salary: BaseSalary


def round_up(value: Decimal, step: int) -> Decimal:
    """Up to the next multiple of `step` đồng (0: to the đồng)."""
    if step <= 0:
        return value.quantize(Decimal(1), rounding=ROUND_CEILING)
    return (value / step).quantize(Decimal(1), rounding=ROUND_CEILING) * step


def amount_for(award_form: AwardForm, day: datetime.date) -> Amount | None:
    """Tiền thưởng of the form on the decision's day, or None when the coefficient or the lương cơ sở is missing."""
    rule = _latest(AwardAmount.objects.valid_on(day).filter(award_form=award_form))
    salary = _latest(BaseSalary.objects.valid_on(day))
    if rule is None or salary is None:
        return None
    value = round_up(rule.coefficient * salary.amount, rule.round_to)
    return Amount(rule.coefficient, salary.amount, value, rule, salary)


def province_for(unit: Unit, day: datetime.date | None = None) -> str:
    """The unit's province as of `day` (today when None): a 2024 dossier of a Bình Phước unit merged into Đồng Nai
    since reads Bình Phước's rules when the caller passes the dossier's day."""
    return province_of(unit, day)


def in_province(province: str) -> Q:
    return Q(province="") | Q(province=province) if province else Q(province="")
