"""Is a figure believable? The one rule, checked against the same unit's figure of the previous period (DHIS2's
outlier check), for one figure on its form and for a whole period's figures in a fixed number of queries.

The rule, with f the indicator's `plausibility_factor` or else the campaign's (10 by default):
- a figure is flagged when new ≥ previous × f (grown f-fold) or new ≤ previous ÷ f (shrunk f-fold), the previous
  figure being above 0 (a rise from 0 is not a slip of the separator);
- a figure of 0 where the previous one was not 0 is flagged;
- a rate (tử số / mẫu số) is checked on its numerator and its denominator separately — typing "480" where
  "480.000" was meant moves only one of them, by a thousand — and on the rate itself when neither part was
  flagged (each part may move less than f while the rate moves more);
- a percentage over 100 % is flagged whatever the previous period.
Counts and rates are compared (entries "number" and "rate"); ranks and tasks are not magnitudes and are not.

A flagged figure is not refused: it must carry a short explanation (the figure's "Ghi chú") before it is sent.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

from django.db.models import QuerySet

from campaigns.models import Campaign, ReportingPeriod
from emulation.lib.vn import format_number, format_percent, round_half_up
from indicators.models import Entry, Indicator, Value

DEFAULT_FACTOR = Decimal(10)
HUNDRED = Decimal(100)


def factor_for(indicator: Indicator, campaign: Campaign | None) -> Decimal:
    """The indicator's own factor wins over the campaign's."""
    if indicator.plausibility_factor:
        return Decimal(indicator.plausibility_factor)
    if campaign is not None and campaign.plausibility_factor:
        return Decimal(campaign.plausibility_factor)
    return DEFAULT_FACTOR


def _times(ratio: Decimal) -> str:
    """How many times, as a person says it: "1.000", "12", "2,5"."""
    return format_number(round_half_up(ratio, 0 if ratio >= 10 else 1))


def _moved(new: Decimal | None, old: Decimal | None, factor: Decimal) -> bool:
    """The rule on one quantity: 0 after a positive figure, or grown or shrunk `factor`-fold."""
    if new is None or old is None or old <= 0:
        return False
    return new == 0 or new >= old * factor or new <= old / factor


def _compare(new: Decimal | None, old: Decimal | None, factor: Decimal, *, subject: str, show) -> str | None:
    """One quantity against its previous value: the flag text or None. subject: "Tử số ", "Tỷ lệ " or ""."""
    if not _moved(new, old, factor):
        return None
    change = f"({show(old)} → {show(new)})"
    if new == 0:
        text = f"bằng 0, kỳ trước là {show(old)}"
    elif new >= old * factor:
        text = f"gấp {_times(new / old)} lần kỳ trước {change}"
    elif new <= old / factor:
        text = f"chỉ bằng 1/{_times(old / new)} kỳ trước {change}"
    else:
        return None
    return f"{subject}{text}" if subject else text[0].upper() + text[1:]


def _percent(value: Decimal) -> str:
    return format_percent(value, decimals=None)


def check(value: Value, previous: Value | None, *, factor: Decimal) -> list[str]:
    """The flags of one figure (Vietnamese, saying what moved and by how much); [] when it looks plausible."""
    indicator = value.target.indicator
    flags: list[str] = []
    if value.value is not None and indicator.is_percent and value.value > HUNDRED:
        flags.append(f"Tỷ lệ trên 100 % ({_percent(value.value)})")
    if previous is None or indicator.entry not in (Entry.RATE, Entry.NUMBER):
        return flags
    if indicator.entry == Entry.RATE:
        parts = [
            _compare(value.numerator, previous.numerator, factor, subject="Tử số ", show=format_number),
            _compare(value.denominator, previous.denominator, factor, subject="Mẫu số ", show=format_number),
        ]
        parts = [p for p in parts if p]
        if not parts:
            parts = [_compare(value.value, previous.value, factor, subject="Tỷ lệ ", show=_percent)]
        flags += [p for p in parts if p]
    else:
        show = _percent if indicator.is_percent else format_number
        flag = _compare(value.value, previous.value, factor, subject="", show=show)
        if flag:
            flags.append(flag)
    return flags


def value_flags(value: Value, previous: Value | None, *, campaign: Campaign | None = None) -> list[str]:
    """`check` with the factor taken from the indicator, else the campaign (the value's own when not given)."""
    if campaign is None:
        campaign = value.target.campaign
    return check(value, previous, factor=factor_for(value.target.indicator, campaign))


# --- In bulk ------------------------------------------------------------------------------------------------


@dataclass
class Checked:
    """A figure, the same unit's figure for the same indicator in the previous period (or None), the flags."""

    value: Value
    previous: Value | None
    flags: list[str] = field(default_factory=list)


def previous_periods(periods: Iterable[ReportingPeriod]) -> dict[int, int]:
    """Period id → the id of the campaign's period due just before it (as `selectors.previous_period`): one
    query for all the campaigns involved."""
    periods = list(periods)
    campaign_ids = {p.campaign_id for p in periods}
    if not campaign_ids:
        return {}
    by_campaign: dict[int, list[ReportingPeriod]] = defaultdict(list)
    for p in ReportingPeriod.objects.filter(campaign_id__in=campaign_ids).order_by("due_date", "pk"):
        by_campaign[p.campaign_id].append(p)
    result = {}
    for period in periods:
        earlier = [p for p in by_campaign[period.campaign_id] if p.due_date < period.due_date]
        if earlier:
            result[period.pk] = earlier[-1].pk
    return result


def check_values(*, queryset: QuerySet[Value]) -> list[Checked]:
    """Every figure of `queryset` (a Value queryset, any filter) with its previous figure and its flags, in three
    queries whatever the number of units, periods or campaigns."""
    values = list(
        queryset.select_related("target__indicator", "submission__unit", "submission__period__campaign").order_by(
            "submission__period__due_date", "submission__unit__path", "target__order", "target_id"
        )
    )
    before = previous_periods({v.submission.period_id: v.submission.period for v in values}.values())
    earlier: dict[tuple[int, int, int], Value] = {}
    if before:
        unit_ids = {v.submission.unit_id for v in values}
        for old in Value.objects.filter(
            submission__period_id__in=set(before.values()), submission__unit_id__in=unit_ids
        ).select_related("target__indicator", "submission"):
            earlier[(old.submission.period_id, old.submission.unit_id, old.target.indicator_id)] = old
    checked = []
    for value in values:
        submission = value.submission
        previous = earlier.get((before.get(submission.period_id), submission.unit_id, value.target.indicator_id))
        flags = check(value, previous, factor=factor_for(value.target.indicator, submission.period.campaign))
        checked.append(Checked(value, previous, flags))
    return checked


def is_flagged(
    *,
    entry: str,
    is_percent: bool,
    current: tuple[Decimal | None, Decimal | None, Decimal | None],
    previous: tuple[Decimal | None, Decimal | None, Decimal | None] | None,
    factor: Decimal,
) -> bool:
    """`check(...) != []` on plain numbers (value, numerator, denominator): the same rule without building the
    texts, for counting a whole queue's flags."""
    value, numerator, denominator = current
    if value is not None and is_percent and value > HUNDRED:
        return True
    if previous is None or entry not in (Entry.RATE, Entry.NUMBER):
        return False
    old_value, old_numerator, old_denominator = previous
    if entry == Entry.RATE:
        return (
            _moved(numerator, old_numerator, factor)
            or _moved(denominator, old_denominator, factor)
            or _moved(value, old_value, factor)
        )
    return _moved(value, old_value, factor)


def flagged_counts(*, submission_ids: Iterable[int]) -> dict[int, int]:
    """Submission id → how many of its figures are flagged (only submissions with at least one): a fixed number
    of queries whatever the number of submissions, none when there are none. Values are read as tuples: a queue
    of 300 units × 40 figures builds no model instance."""
    ids = list(submission_ids)
    if not ids:
        return {}
    rows = list(
        Value.objects.filter(submission_id__in=ids).values_list(
            "submission_id",
            "submission__period_id",
            "submission__unit_id",
            "target__indicator_id",
            "target__indicator__entry",
            "target__indicator__unit_label",
            "target__indicator__plausibility_factor",
            "submission__period__campaign__plausibility_factor",
            "submission__period__campaign_id",
            "submission__period__due_date",
            "value",
            "numerator",
            "denominator",
        )
    )
    # The periods as previous_periods reads them (id, campaign, due date), from the rows: no query of their own.
    periods = {row[1]: SimpleNamespace(pk=row[1], campaign_id=row[8], due_date=row[9]) for row in rows}
    before = previous_periods(periods.values())
    earlier: dict[tuple[int, int, int], tuple] = {}
    if before:
        for period_id, unit_id, indicator_id, *numbers in Value.objects.filter(
            submission__period_id__in=set(before.values()), submission__unit_id__in={row[2] for row in rows}
        ).values_list(
            "submission__period_id", "submission__unit_id", "target__indicator_id", "value", "numerator", "denominator"
        ):
            earlier[(period_id, unit_id, indicator_id)] = tuple(numbers)
    counts: dict[int, int] = defaultdict(int)
    for (
        submission_id,
        period_id,
        unit_id,
        indicator_id,
        entry,
        unit_label,
        own_factor,
        campaign_factor,
        _campaign_id,
        _due_date,
        *numbers,
    ) in rows:
        factor = Decimal(own_factor or campaign_factor or DEFAULT_FACTOR)
        if is_flagged(
            entry=entry,
            is_percent=entry == Entry.RATE or (unit_label or "").strip() == "%",
            current=tuple(numbers),
            previous=earlier.get((before.get(period_id), unit_id, indicator_id)),
            factor=factor,
        ):
            counts[submission_id] += 1
    return dict(counts)
