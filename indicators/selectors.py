"""Every read of targets, submissions and figures, scoped to the user; fixed query counts by construction."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.utils import timezone

from campaigns import selectors as campaign_selectors
from campaigns.models import Campaign, CampaignStatus, ReportingPeriod, Role, Unit, User
from campaigns.scope import scope_for
from campaigns.selectors import campaign_expected_registrants, campaigns_managed_by
from emulation.lib.db import CompiledRead
from indicators import evaluation, plausibility
from indicators.evaluation import Figure
from indicators.models import (
    Achievement,
    Evidence,
    Submission,
    SubmissionReminder,
    SubmissionStatus,
    Target,
    Value,
    ValueChanges,
)

COUNTED = (SubmissionStatus.DA_GUI, SubmissionStatus.DA_DUYET)


def _reads(user: User, prefix: str = "") -> Q:
    """Submissions a person may read (and so their figures and evidence): their own unit's in any state, others'
    by state as the table in campaigns.scope says — a draft (nháp) never, a returned one (trả lại) only by the
    office that returned it —, and for whoever runs the campaign, such as a Cụm trưởng's Văn phòng for a cluster
    campaign, every participant's once it has been sent."""
    scope = scope_for(user)
    by_state = scope.readable_in_state(
        f"{prefix}unit__path",
        f"{prefix}status",
        drafts=(SubmissionStatus.NHAP,),
        returned=(SubmissionStatus.TRA_LAI,),
    )
    if not scope.manages_any:
        return by_state  # runs no campaign: the subquery below could match nothing, and costs every page to build
    run_by_me = Q(**{f"{prefix}period__campaign__in": campaigns_managed_by(user=user)}) & ~Q(
        **{f"{prefix}status": SubmissionStatus.NHAP}
    )
    return by_state | run_by_me


def submissions_visible_to(*, user: User) -> QuerySet[Submission]:
    return Submission.objects.filter(_reads(user))


def evidence_visible_to(*, user: User) -> QuerySet[Evidence]:
    return Evidence.objects.filter(_reads(user, "value__submission__"))


def may_review(*, submission: Submission, user: User) -> bool:
    """Văn phòng Sở over the unit, or the office that runs the campaign (a cluster's Cụm trưởng)."""
    scope = scope_for(user)
    return scope.can_manage(submission.unit) or scope.can_manage(submission.period.campaign.owner)


def _units_seen(campaign: Campaign, user: User) -> QuerySet[Unit]:
    units = campaign_expected_registrants(campaign=campaign)
    if scope_for(user).can_manage(campaign.owner):
        return units.order_by("path")
    return units.filter(scope_for(user).readable("path")).order_by("path")


def campaign_targets(*, campaign: Campaign) -> QuerySet[Target]:
    return campaign.targets.select_related("indicator", "indicator__sector", "unit").order_by("order", "pk")


def periods_of(*, campaign: Campaign) -> list[ReportingPeriod]:
    return list(campaign.reporting_periods.order_by("due_date"))


def previous_period(period: ReportingPeriod) -> ReportingPeriod | None:
    return (
        ReportingPeriod.objects.filter(campaign_id=period.campaign_id, due_date__lt=period.due_date)
        .order_by("-due_date")
        .first()
    )


# What the form reads of the submission besides its unit and period (the campaign's owner: may the person review
# it?), read with it in the view's one query.
SUBMISSION_PAGE_RELATED = ("period__campaign__owner",)


def _is_loaded(obj, path: str) -> bool:
    """Whether `obj.a.b…` along a select_related path is already in memory (no query to read it)."""
    for name in path.split("__"):
        field = obj._meta.get_field(name)
        if not field.is_cached(obj):
            return False
        obj = getattr(obj, name)
        if obj is None:
            return True
    return True


def figures_of(pk: int) -> QuerySet[Value]:
    """A report's figures with their targets and indicators, in the form's order (the save and the send read
    these; the form adds what it shows of each)."""
    return (
        Value.objects.filter(submission_id=pk)
        .select_related("target__indicator")
        .order_by("target__order", "target__indicator__order", "target_id")
    )


def _values_for_page(pk: int) -> QuerySet[Value]:
    # How many changes each figure's history holds (`history_count`): counted by the database as the history is
    # written (ValueChanges), so the form costs the same after 1,000 saves as after one.
    changes = ValueChanges.objects.filter(value_id=OuterRef("pk")).values("changes")[:1]
    return figures_of(pk).annotate(
        history_count=Coalesce(Subquery(changes), 0),
        has_evidence=Exists(Evidence.objects.filter(value=OuterRef("pk"))),
    )


def _previous_period_values(period: int, unit: int) -> QuerySet[Value]:
    """The unit's figures of the campaign's period due just before this one (found by a subquery)."""
    before = (
        ReportingPeriod.objects.filter(
            campaign__reporting_periods__pk=period, due_date__lt=F("campaign__reporting_periods__due_date")
        )
        .order_by("-due_date", "-pk")  # as plausibility.previous_periods: the latest due, then the latest made
        .values("pk")[:1]
    )
    return Value.objects.filter(submission__period_id=Subquery(before), submission__unit_id=unit).select_related(
        "target"
    )


# The form's two reads of figures, compiled once in each process (emulation.lib.db.CompiledRead): the ORM's building
# and compiling cost more than running them, on the request a deadline is made of.
_page_values = CompiledRead(Value, _values_for_page)
_previous_values = CompiledRead(Value, _previous_period_values)


def submission_page(*, submission: Submission) -> tuple[Submission, list[Value], dict[int, Value]]:
    """The submission with its figures (target, indicator, `history_count`, `has_evidence` and then the evidence) and
    last period's figures. No history: the form shows how many changes each figure has, the changes are read on
    request (`figure_history`).
    `submission` is read with `SUBMISSION_PAGE_RELATED` (else it is read again here)."""
    if not all(_is_loaded(submission, name) for name in ("unit", "period__campaign", *SUBMISSION_PAGE_RELATED)):
        submission = Submission.objects.select_related(
            "period", "unit", "period__campaign", *SUBMISSION_PAGE_RELATED
        ).get(pk=submission.pk)
    values = _page_values.objects((), pk=submission.pk)
    for value in values:
        value.submission = submission  # as submission.values.all() would have it
    # The evidence is read only when some figure has any (most forms have none while the figures are entered); the
    # page lists it only where `has_evidence`.
    with_evidence = [v for v in values if v.has_evidence]
    if with_evidence:
        prefetch_related_objects(
            with_evidence, Prefetch("evidence", queryset=Evidence.objects.select_related("uploaded_by"))
        )
    return submission, values, previous_figures(submission=submission)


def previous_figures(*, submission: Submission) -> dict[int, Value]:
    """The unit's figures of the period due just before this one, by indicator (one query): what the form shows
    as "Kỳ trước" and what the plausibility rule compares with, on the form and when the report is sent."""
    return {
        v.target.indicator_id: v
        for v in _previous_values.objects((), period=submission.period_id, unit=submission.unit_id)
    }


# The form shows how many times each figure changed; the latest changes are read when the figure's "Lịch sử" is
# opened (htmx), the rest on the history page. A form that rendered every change grew with every save: 20 ms on a
# fresh submission, 1.1 s after 300 saves of 40 figures.
HISTORY_SHOWN = 3
HISTORY_PER_PAGE = 50


def figure_history(*, submission: Submission, value_id: int | None = None) -> QuerySet:
    """Every change of the submission's figures (or of one), newest first, for the history page (paginated)."""
    ids = submission.values.values("pk")
    if value_id is not None:
        ids = ids.filter(pk=value_id)
    return (
        Value.history.filter(id__in=ids)
        .select_related("history_user", "target__indicator")
        .order_by("-history_date", "-history_id")
    )


def outlier_flags(value: Value, previous: Value | None, *, campaign: Campaign | None = None) -> list[str]:
    """What a reviewer should look at twice, by the one plausibility rule (indicators.plausibility)."""
    return plausibility.value_flags(value, previous, campaign=campaign)


@dataclass
class QueueRow:
    unit: Unit
    submission: Submission | None

    @property
    def state(self) -> str:
        if self.submission is None:
            return "chua_bat_dau"
        return self.submission.status


def period_queue(*, period: ReportingPeriod, user: User) -> list[QueueRow]:
    """Each expected unit in the user's scope with its submission (or none yet): two queries."""
    units = _units_seen(period.campaign, user)
    submissions = {s.unit_id: s for s in period.submissions.filter(_reads(user)).select_related("unit", "submitted_by")}
    rows = [QueueRow(unit, submissions.pop(unit.pk, None)) for unit in units]
    # Units that reported without being expected (e.g. added to the campaign later) are listed too.
    rows += [QueueRow(s.unit, s) for s in submissions.values()]
    return rows


# --- Progress ---------------------------------------------------------------------------------------------


def targets_of_period(targets: list[Target]) -> tuple[list[Target], dict[int, Target]]:
    """The period's targets, a year's milestone replacing the campaign-wide target it stands for (same indicator,
    same units), as `indicators.services.targets_for` does for each unit. Returns the kept targets and, for a kept
    year target, the campaign-wide one it replaced (shown beside it as the long-term plan)."""
    key = lambda t: (t.indicator_id, t.applies_to, t.level, t.unit_id)  # noqa: E731
    yearly = {key(t): t for t in targets if t.year is not None}
    kept, superseded = [], {}
    for target in targets:
        replacement = yearly.get(key(target)) if target.year is None else None
        if replacement is not None:
            superseded[replacement.pk] = target
        else:
            kept.append(target)
    return kept, superseded


@dataclass
class TargetProgress:
    target: Target
    total: Figure  # over the units in scope (the province's figure when it is the Sở's), or "Chưa có số liệu"
    units: dict[int, Figure] = field(default_factory=dict)
    listed: list[tuple[Unit, Figure]] = field(default_factory=list)  # the units that have a figure, in unit order
    long_term: Target | None = None  # the campaign-wide target this year's milestone stands for


# A figure judged: (target id, the stored figure, its judgement by the one evaluation).
JudgedFigure = tuple[int, evaluation.FigureRow, Figure]


def judged_figures(
    *, targets: list[Target], rows: Iterable[tuple[int, evaluation.FigureRow]], year: int
) -> list[JudgedFigure]:
    """Each stored figure (target id, row) of the given targets judged against its target by the one evaluation, a
    rank target against its baseline (`evaluation.baselines_for`: one query at most). Figures of other targets are
    left out. A figure's judgement depends on its target, its row and its unit's baseline only: the dashboard keeps
    each submission's judged figures (indicators.progress) and judges again only those of a changed submission."""
    by_pk = {t.pk: t for t in targets}
    rows = [(target_id, row) for target_id, row in rows if target_id in by_pk]
    baselines = evaluation.baselines_for(targets=targets, unit_ids={row.unit_id for _, row in rows}, year=year)
    judged = []
    for target_id, row in rows:
        baseline = baselines.get((target_id, row.unit_id))
        judged.append((target_id, row, evaluation.unit_figure(by_pk[target_id], row, baseline=baseline)))
    return judged


def progress_rows(
    *, units: list[Unit], targets: list[Target], superseded: dict[int, Target], judged: Iterable[JudgedFigure]
) -> list[TargetProgress]:
    """For each target: every unit's judged figure, the units that have one in unit order, and the total over them
    (`evaluation.total_figure`, a rank target's single figure against the baseline it was judged by)."""
    by_target: dict[int, list[tuple[evaluation.FigureRow, Figure]]] = defaultdict(list)
    for target_id, row, cell in judged:
        by_target[target_id].append((row, cell))
    order = [u.pk for u in units]
    by_pk = {u.pk: u for u in units}
    rows = []
    for target in targets:
        found = by_target.get(target.pk, [])
        cells = {row.unit_id: cell for row, cell in found}
        # The baseline each figure was judged against (a rank target's; None for the others): as baselines_for gave.
        mine = {row.unit_id: cell.baseline for row, cell in found if cell.baseline is not None}
        total = evaluation.total_figure(target, [row for row, _ in found], baselines=mine)
        listed = [(by_pk[pk], cells[pk]) for pk in order if pk in cells]
        rows.append(TargetProgress(target, total, cells, listed, superseded.get(target.pk)))
    return rows


def campaign_progress(
    *, campaign: Campaign, period: ReportingPeriod, user: User
) -> tuple[list[Unit], list[TargetProgress]]:
    """For each target: every unit's figure and judgement, and the total, all from indicators.evaluation.
    A fixed number of queries whatever the number of units and targets."""
    units = list(_units_seen(campaign, user))
    targets, superseded = targets_of_period(
        list(campaign_targets(campaign=campaign).filter(Q(year__isnull=True) | Q(year=period.year)))
    )
    # Tuples, not 3 model instances per figure (Value, Target, Submission): 39,000 instances at 300 units.
    values = (
        Value.objects.filter(submission__period=period, submission__status__in=COUNTED, target__campaign=campaign)
        .filter(_reads(user, "submission__"))
        .values_list("target_id", "submission__unit_id", "value", "numerator", "denominator", "done_on")
    )
    judged = judged_figures(
        targets=targets, rows=((target_id, evaluation.FigureRow(*row)) for target_id, *row in values), year=period.year
    )
    return units, progress_rows(units=units, targets=targets, superseded=superseded, judged=judged)


@dataclass
class CompletenessCell:
    """One unit × period of the completeness table: its state and the submission the cell links to (None: the
    unit has nothing the user may read for that period); the page adds today's reminder, if any."""

    period: ReportingPeriod
    state: str  # "dung_han", "qua_han" or "chua_gui" (nothing, nháp, trả lại)
    submission: Submission | None
    reminder: SubmissionReminder | None = None


def completeness(
    *, campaign: Campaign, user: User, units: list[Unit] | None = None
) -> tuple[list[ReportingPeriod], list[tuple[Unit, list[CompletenessCell]]]]:
    """Units × periods: đúng hạn, quá hạn, chưa gửi (or nháp / trả lại). Three queries (two for given units: a
    page of the dashboard's table)."""
    periods = periods_of(campaign=campaign)
    submissions = Submission.objects.filter(period__campaign=campaign).filter(_reads(user))
    if units is None:
        units = list(_units_seen(campaign, user))
    else:
        submissions = submissions.filter(unit_id__in=[u.pk for u in units])
    states = {(s.unit_id, s.period_id): s for s in submissions}
    table = []
    for unit in units:
        row = []
        for period in periods:
            s = states.get((unit.pk, period.pk))
            if s is None or s.status in (SubmissionStatus.NHAP, SubmissionStatus.TRA_LAI):
                state = "chua_gui"
            else:
                state = "qua_han" if s.is_late else "dung_han"
            row.append(CompletenessCell(period, state, s))
        table.append((unit, row))
    return periods, table


def latest_period_with_figures(*, campaign: Campaign, user: User) -> int | None:
    """The id of the campaign's latest period (by due date) with sent figures the user may read: where the
    progress page opens, rather than on an empty period just because its due date has passed."""
    return (
        submissions_visible_to(user=user)
        .filter(period__campaign=campaign, status__in=COUNTED)
        .order_by("-period__due_date")
        .values_list("period_id", flat=True)
        .first()
    )


def reminders_today(
    *, campaign: Campaign, unit_ids: list[int] | None = None
) -> dict[tuple[int, int], SubmissionReminder]:
    """(unit id, period id) → today's "Nhắc đơn vị" of the campaign (of these units), for the completeness table.
    One query."""
    today = timezone.localdate()
    reminders = SubmissionReminder.objects.filter(period__campaign=campaign, day=today).select_related("sent_by")
    if unit_ids is not None:
        reminders = reminders.filter(unit_id__in=unit_ids)
    return {(r.unit_id, r.period_id): r for r in reminders}


def remindable_units(*, period: ReportingPeriod, user: User) -> QuerySet[Unit]:
    """Units Văn phòng Sở may remind for a period: expected to report it and within the office's reach — every
    expected unit for the office running the campaign, else those under the office's own Sở. Others: 404."""
    scope = scope_for(user)
    units = campaign_expected_registrants(campaign=period.campaign)
    if scope.can_manage(period.campaign.owner):
        return units
    return units.filter(scope.managed("path"))


# --- What a unit has to report ("Nhập số liệu", the inbox) --------------------------------------------------------

# Campaigns whose periods are still reported: launched, at the sơ kết, at the tổng kết (not drafts, not closed).
REPORTING_STATUSES = (CampaignStatus.DA_PHAT_DONG, CampaignStatus.SO_KET, CampaignStatus.TONG_KET)


@dataclass
class ReportingRow:
    unit: Unit
    period: ReportingPeriod
    submission: Submission | None

    @property
    def state(self) -> str:
        return "chua_bat_dau" if self.submission is None else self.submission.status


def entry_units(*, user: User) -> list[Unit]:
    """The units whose figures the user enters: where they are cán bộ or lãnh đạo. One query."""
    ids = {g.unit_id for g in scope_for(user).grants if g.role in (Role.CAN_BO, Role.LANH_DAO)}
    return list(Unit.objects.filter(pk__in=ids).order_by("path")) if ids else []


def reporting_rows(
    *,
    user: User,
    units: list[Unit],
    due_from: datetime.date | None = None,
    due_to: datetime.date | None = None,
) -> list[ReportingRow]:
    """Every (unit, period) the given units are expected to report in campaigns still being reported, with the
    unit's submission or None, oldest due date first. Six queries whatever the number of campaigns, periods and
    units."""
    if not units:
        return []
    by_id = {u.pk: u for u in units}
    campaigns = campaign_selectors.campaigns_visible_to(user=user).filter(status__in=REPORTING_STATUSES)
    expected = campaign_selectors.expected_reporters(campaigns=campaigns, unit_ids=list(by_id))
    if not expected:
        return []
    periods = ReportingPeriod.objects.filter(campaign_id__in=list(expected)).select_related("campaign")
    if due_from is not None:
        periods = periods.filter(due_date__gte=due_from)
    if due_to is not None:
        periods = periods.filter(due_date__lte=due_to)
    periods = list(periods.order_by("due_date", "campaign__title", "pk"))
    submissions = {
        (s.unit_id, s.period_id): s
        for s in submissions_visible_to(user=user).filter(unit_id__in=list(by_id), period__in=[p.pk for p in periods])
    }
    return [
        ReportingRow(by_id[unit_id], period, submissions.get((unit_id, period.pk)))
        for period in periods
        for unit_id in sorted(expected.get(period.campaign_id, ()), key=lambda pk: by_id[pk].path)
    ]


def achievement_counts(rows: list[TargetProgress]) -> dict[str, int]:
    """Judgements counted per unit × target (a target of five units counts five times)."""
    counts = {a: 0 for a in Achievement.values}
    for row in rows:
        for cell in row.units.values():
            counts[cell.achievement] += 1
    return counts


TrendSums = dict[tuple[int, int], dict]  # (target id, period id) → Σ numerators, denominators, values, count


def trend_sums(*, campaign: Campaign, user: User, within: Q | None = None) -> TrendSums:
    """The sums each target's total over a period is made of, per period, by the database over the figures the
    user may read that count (`within`: of some periods only). One query whatever the number of units."""
    values = Value.objects.filter(submission__period__campaign=campaign, submission__status__in=COUNTED)
    if within is not None:
        values = values.filter(within)
    return {
        (row["target_id"], row["submission__period_id"]): row
        for row in values.filter(_reads(user, "submission__"))
        .values("target_id", "submission__period_id")
        .annotate(num=Sum("numerator"), den=Sum("denominator"), total=Sum("value"), n=Count("value"))
    }


def campaign_trends(
    *, campaign: Campaign, user: User, targets: list[Target], sums: TrendSums | None = None
) -> tuple[list[ReportingPeriod], dict[int, list[Decimal | None]]]:
    """Province totals of each target over every period, summed by the database: one query whatever the
    number of units (Σ numerators / Σ denominators for a rate, Σ for a count, share done for a task). `sums`:
    the `trend_sums` of every period, when the caller has them."""
    periods = periods_of(campaign=campaign)
    if sums is None:
        sums = trend_sums(campaign=campaign, user=user)
    trends = {}
    for target in targets:
        line: list[Decimal | None] = []
        for period in periods:
            row = sums.get((target.pk, period.pk))
            line.append(
                None
                if row is None
                else evaluation.total_from_sums(
                    target, numerator=row["num"], denominator=row["den"], total=row["total"], count=row["n"]
                )
            )
        trends[target.pk] = line
    return periods, trends


# The periods a unit is asked about (inbox, "Nhập số liệu"): due within the next DUE_SOON_DAYS, or overdue for at
# most OVERDUE_KEPT_DAYS — a period years behind is a matter for Văn phòng Sở, not a daily to-do.
DUE_SOON_DAYS = 45
OVERDUE_KEPT_DAYS = 366


def still_to_send(rows: list[ReportingRow], *, today: datetime.date) -> list[ReportingRow]:
    """Of `reporting_rows`, the pairs still to send: not started or nháp in the window above, and — however old —
    those returned (trả lại) by Văn phòng Sở, which wait for the unit whatever their due date."""
    earliest = today - datetime.timedelta(days=OVERDUE_KEPT_DAYS)
    latest = today + datetime.timedelta(days=DUE_SOON_DAYS)
    return [
        row
        for row in rows
        if row.state == SubmissionStatus.TRA_LAI
        or (earliest <= row.period.due_date <= latest and row.state not in COUNTED)
    ]


def open_reporting_rows(*, user: User, units: list[Unit], today: datetime.date | None = None) -> list[ReportingRow]:
    """The (unit, period) pairs still to send, read for the window only."""
    today = today or timezone.localdate()
    rows = reporting_rows(
        user=user,
        units=units,
        due_from=today - datetime.timedelta(days=OVERDUE_KEPT_DAYS),
        due_to=today + datetime.timedelta(days=DUE_SOON_DAYS),
    )
    return still_to_send(rows, today=today)
