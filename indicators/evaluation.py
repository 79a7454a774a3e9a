"""One evaluation: a figure's value, the total over units, its judgement against the target, and the text and
colour that show it. The dashboard, the PDF and Excel reports, the charts, Mẫu 07 and the awards' standards check
call this module and never re-derive a figure, a total or a judgement.

Rules, documented once:
- A unit's figure is its stored value (a rate: numerator / denominator × 100, computed when it was saved).
- A total over several units: a rate is Σ numerators / Σ denominators (never an average of rates); a count is the
  sum; a task's value is the share of the reporting units that have done it and it is met only when every one of
  them has done it by the due date ("2/3 đơn vị hoàn thành, 1 quá hạn"); ranks, ratios and percentages typed
  directly are not added up ("Không tổng hợp"). A total of one unit is that unit's figure.
- A rank-improvement target ("tăng ít nhất 2 bậc") is judged against a baseline rank: the target's own
  `baseline` when Văn phòng Sở entered it, else the unit's approved rank for the same indicator in the year before.
- A figure is shown with its indicator's decimals, trailing zeros dropped ("6", "82,5 %"); when rounding would
  make it look met (or not met) against its target — 89,95 % against "≥ 90 %" — it is shown with as many more
  digits as it takes ("89,95 %"), so a displayed figure never contradicts its judgement.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from emulation.lib.vn import MAX_DECIMALS, format_date, format_number, format_percent, round_half_up
from indicators.models import (
    Achievement,
    Comparator,
    Entry,
    Evaluation,
    Measure,
    SubmissionStatus,
    Target,
    Value,
)

HUNDRED = Decimal(100)
MET = (Achievement.VUOT, Achievement.DAT)
JUDGED = (Achievement.VUOT, Achievement.DAT, Achievement.CHUA_DAT)
# Ranks, ratios and percentages typed directly are not added up over units: such a total is not judged.
NOT_TOTALLED = "khong_tong_hop"
NOT_TOTALLED_LABEL = "Không tổng hợp"
NO_DATA = Evaluation(Achievement.CHUA_CO, None)
PERCENT_LABEL = "%"

# Bootstrap badge classes: one colour per judgement, the same on every page.
BADGES = {
    Achievement.VUOT: "text-bg-success",
    Achievement.DAT: "text-bg-primary",
    Achievement.CHUA_DAT: "text-bg-danger",
    Achievement.CHUA_CO: "text-bg-light border",
    NOT_TOTALLED: "text-bg-light border",
}


@dataclass(frozen=True)
class Figure:
    """One judged figure: the value, as text, against the plan, and the judgement (Vượt, Đạt, …)."""

    kind: str  # "percent" | "number" | "rank" | "task": how Excel stores the value
    value: Decimal | None  # exact; a percentage stays a percentage here (90, not 0,9)
    text: str  # "90 %", "120", "Hoàn thành (15/03/2023)", "2/3 đơn vị hoàn thành"; "" without data
    percent: Decimal | None  # % so với kế hoạch
    percent_text: str  # "128,6 %"
    achievement: str  # Achievement value, or NOT_TOTALLED
    label: str  # "Vượt", "Đạt", "Chưa đạt", "Chưa có số liệu", "Không tổng hợp"
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    done_on: datetime.date | None = None
    places: int = 0  # digits after the comma the text shows (the Excel cell shows the same)
    baseline: Decimal | None = None  # the reference rank a rank-improvement target was judged against

    @property
    def has_data(self) -> bool:
        return self.achievement in JUDGED

    @property
    def is_met(self) -> bool:
        return self.achievement in MET

    @property
    def shown(self) -> Decimal | None:
        """The value as the text shows it (rounded to `places`): what the Excel cell holds."""
        return round_half_up(self.value, self.places) if self.value is not None else None

    @property
    def badge(self) -> str:
        return BADGES.get(self.achievement, BADGES[Achievement.CHUA_CO])


class FigureRow(NamedTuple):
    """A unit's stored figure read as a tuple (`values_list`) instead of a Value instance: what `unit_figure` and
    `total_figure` read of a Value, for pages that judge thousands of figures (the dashboard: 12,000 at 300 units)."""

    unit_id: int
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    done_on: datetime.date | None

    @property
    def submission(self) -> FigureRow:
        """`total_figure` reads a Value's `submission.unit_id`: the row carries the unit itself."""
        return self


def kind_of(target: Target) -> str:
    indicator = target.indicator
    if indicator.entry == Entry.TASK:
        return "task"
    if indicator.entry == Entry.RANK:
        return "rank"
    if indicator.is_percent:
        return "percent"
    return "number"


def unit_label_of(target: Target) -> str:
    kind = kind_of(target)
    if kind == "percent":
        return PERCENT_LABEL
    if kind == "task":
        return ""  # done or not: no unit to count in
    return target.indicator.unit_label


def judge(
    target: Target, value: Decimal | None, *, done_on: datetime.date | None = None, baseline: Decimal | None = None
) -> Evaluation:
    """Vượt, Đạt, Chưa đạt or Chưa có số liệu, and % of the plan (Target.evaluate: the comparator's rule)."""
    if target.comparator == Comparator.IMPROVE and baseline is None:
        baseline = target.baseline
    return target.evaluate(value, previous=baseline, done_on=done_on)


def meets(target: Target, value: Decimal | None, *, baseline: Decimal | None = None) -> bool:
    return judge(target, value, baseline=baseline).achievement in MET


def _places(target: Target, value: Decimal, evaluation: Evaluation, baseline: Decimal | None) -> int:
    """The indicator's decimals, or more when rounding would show a figure that contradicts its judgement."""
    places = 0 if kind_of(target) == "rank" else min(target.indicator.decimals, MAX_DECIMALS)
    if target.comparator in (Comparator.DONE_BY, Comparator.IMPROVE) or kind_of(target) == "rank":
        return places
    while places < MAX_DECIMALS:
        shown = round_half_up(value, places)
        if shown == value or judge(target, shown, baseline=baseline).achievement == evaluation.achievement:
            break
        places += 1
    return places


def value_text(
    target: Target,
    value: Decimal | None,
    *,
    done_on: datetime.date | None = None,
    places: int | None = None,
) -> str:
    """A figure as every output prints it: "90 %", "1.234", "Hạng 12", "Hoàn thành (15/03/2023)"."""
    if value is None:
        return ""
    kind = kind_of(target)
    if places is None:
        places = 0 if kind == "rank" else target.indicator.decimals
    if kind == "task":
        if not value:
            return "Chưa hoàn thành"
        return f"Hoàn thành ({format_date(done_on)})" if done_on else "Hoàn thành"
    if kind == "rank":
        return f"Hạng {format_number(round_half_up(value, 0))}"
    if kind == "percent":
        return format_percent(value, places)
    return format_number(round_half_up(value, places).normalize())


def figure(
    target: Target,
    value: Decimal | None,
    *,
    evaluation: Evaluation | None = None,
    text: str | None = None,
    numerator: Decimal | None = None,
    denominator: Decimal | None = None,
    done_on: datetime.date | None = None,
    baseline: Decimal | None = None,
) -> Figure:
    """Judge a value and dress it: the one way a Figure is made."""
    if target.comparator == Comparator.IMPROVE and baseline is None:
        baseline = target.baseline
    if evaluation is None:
        evaluation = judge(target, value, done_on=done_on, baseline=baseline)
    places = 0
    if value is not None:
        # The digits the text really shows (trailing zeros dropped): the Excel cell shows as many.
        exponent = round_half_up(value, _places(target, value, evaluation, baseline)).normalize().as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    percent = evaluation.percent
    return Figure(
        kind=kind_of(target),
        value=value,
        text=value_text(target, value, done_on=done_on, places=places) if text is None else text,
        percent=percent,
        percent_text=format_percent(percent) if percent is not None else "",
        achievement=str(evaluation.achievement),
        label=evaluation.label,
        numerator=numerator,
        denominator=denominator,
        done_on=done_on,
        places=places,
        baseline=baseline,
    )


def unit_figure(target: Target, value: Value | None, *, baseline: Decimal | None = None) -> Figure:
    """A unit's figure for a target, with its raw numbers; no Value (nothing sent) is "Chưa có số liệu"."""
    if value is None:
        return figure(target, None, evaluation=NO_DATA)
    return figure(
        target,
        value.value,
        numerator=value.numerator,
        denominator=value.denominator,
        done_on=value.done_on,
        baseline=baseline,
    )


def is_totalled(target: Target) -> bool:
    """Whether figures of several units add up: rates, counts and tasks do; ranks, ratios, typed-in rates don't."""
    indicator = target.indicator
    return indicator.entry in (Entry.RATE, Entry.TASK) or (
        indicator.entry == Entry.NUMBER and indicator.measure == Measure.COUNT
    )


def total_from_sums(
    target: Target, *, numerator: Decimal | None, denominator: Decimal | None, total: Decimal | None, count: int
) -> Decimal | None:
    """The total's value from sums over units (Python's or the database's): Σ num / Σ den × 100 for a rate, Σ for
    a count, the share done (%) for a task (`total` = units done, `count` = units that reported)."""
    if not count or not is_totalled(target):
        return None
    entry = target.indicator.entry
    if entry == Entry.RATE:
        return numerator / denominator * HUNDRED if denominator else None
    if entry == Entry.TASK:
        return Decimal(total or 0) / count * HUNDRED
    return total


def total_figure(target: Target, values: Iterable[Value], *, baselines: dict[int, Decimal] | None = None) -> Figure:
    """The figure over several units (see the module's rules). `baselines`: a rank target's reference per unit."""
    known = [v for v in values if v.value is not None]
    baselines = baselines or {}
    if not known:
        return figure(target, None, evaluation=NO_DATA)
    if len(known) == 1:
        return unit_figure(target, known[0], baseline=baselines.get(known[0].submission.unit_id))
    if not is_totalled(target):
        return Figure(
            kind=kind_of(target),
            value=None,
            text="",
            percent=None,
            percent_text="",
            achievement=NOT_TOTALLED,
            label=NOT_TOTALLED_LABEL,
        )
    if target.indicator.entry == Entry.TASK:
        done = sum(1 for v in known if v.value)
        met = sum(1 for v in known if judge(target, v.value, done_on=v.done_on).achievement in MET)
        achievement = Achievement.DAT if met == len(known) else Achievement.CHUA_DAT
        text = f"{done}/{len(known)} đơn vị hoàn thành" + (f", {done - met} quá hạn" if done > met else "")
        return figure(
            target,
            Decimal(done) / len(known) * HUNDRED,
            evaluation=Evaluation(achievement, Decimal(met) / len(known) * HUNDRED),
            text=text,
        )
    numerator = denominator = None
    if target.indicator.entry == Entry.RATE:
        numerator = sum((v.numerator for v in known if v.numerator is not None), Decimal(0))
        denominator = sum((v.denominator for v in known if v.denominator is not None), Decimal(0))
    total = total_from_sums(
        target,
        numerator=numerator,
        denominator=denominator,
        total=sum((v.value for v in known), Decimal(0)),
        count=len(known),
    )
    return figure(target, total, numerator=numerator, denominator=denominator)


def baselines_for(*, targets: Iterable[Target], unit_ids: Iterable[int], year: int) -> dict[tuple[int, int], Decimal]:
    """The reference rank of each (rank-improvement target, unit): the target's own baseline, else the unit's
    approved figure for the same indicator in the year before (its latest period). One query at most."""
    improving = [t for t in targets if t.comparator == Comparator.IMPROVE]
    unit_ids = list(unit_ids)
    result: dict[tuple[int, int], Decimal] = {}
    wanted = [t for t in improving if t.baseline is None]
    found: dict[tuple[int, int], Decimal] = {}
    if wanted and unit_ids:
        rows = (
            Value.objects.filter(
                target__indicator_id__in={t.indicator_id for t in wanted},
                submission__unit_id__in=unit_ids,
                submission__period__year=year - 1,
                submission__status=SubmissionStatus.DA_DUYET,
                value__isnull=False,
            )
            .order_by("submission__period__due_date")
            .values_list("target__indicator_id", "submission__unit_id", "value")
        )
        for indicator_id, unit_id, value in rows:
            found[(indicator_id, unit_id)] = value  # the latest period of the year wins
    for target in improving:
        for unit_id in unit_ids:
            if target.baseline is not None:
                result[(target.pk, unit_id)] = target.baseline
            elif (target.indicator_id, unit_id) in found:
                result[(target.pk, unit_id)] = found[(target.indicator_id, unit_id)]
    return result
