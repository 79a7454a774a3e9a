"""The campaign dashboard's reads (indicators:campaign_progress), at a cost that does not grow with the units.

The page used to judge and render every unit's figure for every target (12,000 at 300 units × 40 targets) and the
units × periods completeness table on every request: 1.25 s at 300 units, 3.8 s at 900. Now:

- the aggregates — the judgement counts, each target's total, how many units reported it and how they were judged,
  and the charts — are cached per user under a key that changes with anything they are made of: the campaign's
  submissions (count, latest change of state, highest id), the targets and their indicators, the user's grants,
  the units in view (`summary_key`);
- when that key has changed — after any unit sends, is returned, approved or reopened, nearly every request at a
  deadline — the aggregates are computed again from each submission's judged figures (`judged_figures`): the
  `JudgedFigure`s of a submission are cached under a key made of the submission's state (id, `updated_at`,
  `version`, status) and of whatever else judges its figures (`judging_signature`: the period's targets and
  their indicators, last year's approved ranks when a rank target has no baseline of its own). A request reads
  them with one `cache.get_many`, and reads and judges (`selectors.judged_figures`, the one evaluation) only the
  figures of the submissions that changed since: after one unit sent, its 40 figures, not 12,000. The totals are
  still `evaluation.total_figure` over the units' figures (`selectors.progress_rows`, which
  `selectors.campaign_progress` uses too). A judged figure depends on its submission and its target only, never
  on who looks: which submissions count stays per user (`selectors._reads`), so a person never sees a figure of a
  unit they may not read, whoever's request cached it;
- the charts are drawn from the same data only once (`drawn`): an approval leaves the bars as they were; the
  trends sum the other periods once while none of their submissions changes (`trends`), the database sums only
  the period on the page;
- a target's per-unit list is shown on the page when it is short (`INLINE_UNITS`), else read when opened, a page
  of `UNITS_PER_PAGE` units at a time (`target_units_page`);
- the completeness table shows `UNITS_PER_PAGE` units a page (`completeness_page`).
The figures are the same as before: the same evaluation judges them, only less often. A cache that fails (Redis
down) costs time, never the page: everything is then computed as without a cache.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Count, Max, Q

from campaigns.models import Campaign, ReportingPeriod, Unit, User
from campaigns.scope import scope_for
from indicators import evaluation, selectors
from indicators.evaluation import Figure
from indicators.models import Achievement, Comparator, Submission, Target, Value

INLINE_UNITS = 10  # a target reported by this many units or fewer lists them on the page itself
UNITS_PER_PAGE = 50  # units per page of a target's list and of the completeness table
SUMMARY_SECONDS = 600  # a safety net: the key already changes with every sending, return, approval and reopening
PIECE_SECONDS = 24 * 3600  # a submission's judged figures: the key changes with its state and with the targets
PIECES_FORMAT = 1  # raised when what a piece holds (JudgedFigure, Figure) changes shape
CHARTS_FORMAT = 1  # raised when the charts are drawn differently from the same data
STALE_LISTED = 500  # changed submissions read by id up to this many, else all the readable ones of the period
JUDGED = (Achievement.VUOT, Achievement.DAT, Achievement.CHUA_DAT)
logger = logging.getLogger(__name__)


@dataclass
class TargetSummary:
    """One row of the dashboard's table: what is cached (ids, figures, names), and the targets, attached per
    request."""

    target_id: int
    total: Figure
    reported: int  # units with a figure (the old "n đơn vị có số liệu")
    counts: dict[str, int]  # Vượt / Đạt / Chưa đạt among them
    listed: list[tuple[str, Figure]] | None  # (unit's display name, figure) in unit order, when short
    long_term_id: int | None = None
    target: Target | None = None
    long_term: Target | None = None


@dataclass
class Summary:
    rows: list[TargetSummary]
    counts: dict[str, int]  # judgements per unit × target, as selectors.achievement_counts
    charts: list[dict] = field(default_factory=list)


def period_targets(*, campaign: Campaign, period: ReportingPeriod) -> tuple[list[Target], dict[int, Target]]:
    """The period's targets and the campaign-wide ones their year milestones replace (one query)."""
    return selectors.targets_of_period(
        list(selectors.campaign_targets(campaign=campaign).filter(Q(year__isnull=True) | Q(year=period.year)))
    )


def signature(rows) -> tuple:
    """Every stored field of the rows: what a cache key holds to change when any of them changes."""
    return tuple(tuple(getattr(r, f.attname) for f in type(r)._meta.concrete_fields) for r in rows)


def judging_signature(*, period: ReportingPeriod, targets: list[Target]) -> str:
    """What judges a figure besides the figure itself: the period's targets and their indicators, and — when a rank
    target has no baseline of its own — last year's approved ranks. One query at most."""
    baselines = None
    if any(t.comparator == Comparator.IMPROVE and t.baseline is None for t in targets):
        # A rank target without its own baseline is judged against last year's approved rank, of any campaign.
        baselines = Submission.objects.filter(period__year=period.year - 1).aggregate(
            n=Count("pk"), last=Max("updated_at")
        )
    parts = (PIECES_FORMAT, period.pk, signature(targets), signature(t.indicator for t in targets), baselines)
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def summary_key(*, campaign: Campaign, period: ReportingPeriod, user: User, judging: str, unit_count: tuple) -> str:
    """A key that changes with whatever the cached figures are made of. One small aggregate query."""
    # Every change of state (sent, returned, approved, reopened) saves the submission, so `updated_at` moves; a
    # draft's saves do not (they move `version` only), so that a deadline's drafts do not empty the cache.
    marker = Submission.objects.filter(period__campaign=campaign).aggregate(
        n=Count("pk"), last=Max("updated_at"), top=Max("pk")
    )
    return _user_key("indicators:progress:", campaign, period, user, marker, judging, unit_count)


def _user_key(prefix: str, campaign: Campaign, period: ReportingPeriod, user: User, marker: dict, *rest) -> str:
    """A cache key of what one person sees of a campaign's period: who they are and what they may read (their
    grants), the submissions' `marker`, and the rest of what the cached value is made of."""
    scope = scope_for(user)
    parts = (
        campaign.pk,
        period.pk,
        user.pk,
        scope.everything,
        sorted((g.role, g.unit_id, g.unit_path) for g in scope.grants),
        sorted(marker.items()),
        *rest,
    )
    return prefix + hashlib.sha256(repr(parts).encode()).hexdigest()


def _piece_key(judging: str, submission_id: int, *state) -> str:
    parts = (judging, submission_id, *state)
    return "indicators:progress:piece:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def units_in_view(*, campaign: Campaign, user: User) -> tuple[int, int | None]:
    """How many units the user sees in the campaign (and the highest id, for the cache key). One query."""
    found = selectors._units_seen(campaign, user).order_by().aggregate(n=Count("pk"), top=Max("pk"))
    return found["n"], found["top"]


def _cached(key: str) -> Any:
    try:
        return cache.get(key)
    except Exception:  # noqa: BLE001 - Redis down: the page is computed, as without a cache, never an error
        logger.warning("dashboard cache unreadable", exc_info=True)
        return None


def _store(key: str, found: Any) -> None:
    try:
        cache.set(key, found, SUMMARY_SECONDS)
    except Exception:  # noqa: BLE001 - as above
        logger.warning("dashboard cache unwritable", exc_info=True)


def _cached_pieces(keys: list[str]) -> dict[str, tuple[selectors.JudgedFigure, ...]]:
    try:
        return cache.get_many(keys) if keys else {}
    except Exception:  # noqa: BLE001 - as _cached: every submission's figures are judged again
        logger.warning("dashboard cache unreadable", exc_info=True)
        return {}


def _store_pieces(pieces: dict[str, tuple[selectors.JudgedFigure, ...]]) -> None:
    try:
        cache.set_many(pieces, PIECE_SECONDS)
    except Exception:  # noqa: BLE001 - as above
        logger.warning("dashboard cache unwritable", exc_info=True)


def trends(
    *, campaign: Campaign, period: ReportingPeriod, user: User, targets: list[Target], unit_count: tuple
) -> tuple[list[ReportingPeriod], dict[int, list]]:
    """`selectors.campaign_trends`, the other periods' sums cached while none of their submissions changes: the
    database sums the figures of the period on the page only, not the campaign's whole history. Two queries; a
    third when another period changed."""
    marker = (
        Submission.objects.filter(period__campaign=campaign)
        .exclude(period=period)
        .aggregate(n=Count("pk"), last=Max("updated_at"), top=Max("pk"))
    )
    key = _user_key("indicators:progress:trends:", campaign, period, user, marker, unit_count)
    others = _cached(key)
    if others is None:
        others = selectors.trend_sums(campaign=campaign, user=user, within=~Q(submission__period=period))
        _store(key, others)
    sums = others | selectors.trend_sums(campaign=campaign, user=user, within=Q(submission__period=period))
    return selectors.campaign_trends(campaign=campaign, user=user, targets=targets, sums=sums)


def drawn(parts: tuple, draw: Callable[[], str]) -> str:
    """A chart's SVG, a pure function of `parts` (everything it shows and how it is judged): from the cache when it
    was drawn from the same data, else drawn and cached. A chart of 300 bars costs more to draw than its figures
    to judge; a sending that leaves a chart's bars as they were (an approval) does not redraw it."""
    key = "indicators:progress:chart:" + hashlib.sha256(repr((CHARTS_FORMAT, *parts)).encode()).hexdigest()
    try:
        svg = cache.get(key)
    except Exception:  # noqa: BLE001 - as _cached: drawn
        logger.warning("dashboard cache unreadable", exc_info=True)
        svg = None
    if svg is None:
        svg = draw()
        try:
            cache.set(key, svg, SUMMARY_SECONDS)  # large (300 bars: ~100 kB): not kept long
        except Exception:  # noqa: BLE001 - as above
            logger.warning("dashboard cache unwritable", exc_info=True)
    return svg


def judged_figures(
    *, period: ReportingPeriod, user: User, targets: list[Target], judging: str
) -> list[selectors.JudgedFigure]:
    """The judged figures of the period's submissions the user may read that count (sent or approved), as
    `selectors.campaign_progress` judges them: each submission's from the cache while it has not changed (its
    state, the targets and what else judges it: `judging`), the others' read and judged by the one evaluation, and
    cached. One query and one cache read; one query more, and the baselines' at most, when a submission changed."""
    counted = (
        Submission.objects.filter(period=period, status__in=selectors.COUNTED)
        .filter(selectors._reads(user))
        .values_list("pk", "updated_at", "version", "status")
    )
    keys = {pk: _piece_key(judging, pk, *state) for pk, *state in counted}
    pieces = _cached_pieces(list(keys.values()))
    stale = {pk for pk, key in keys.items() if key not in pieces}
    if stale:
        values = Value.objects.filter(submission__period=period, submission__status__in=selectors.COUNTED)
        if len(stale) <= STALE_LISTED:
            values = values.filter(submission_id__in=stale)
        else:  # mostly cold: the readable ones, as listed above, rather than a list of thousands of ids
            values = values.filter(selectors._reads(user, "submission__"))
        rows = values.values_list(
            "submission_id", "target_id", "submission__unit_id", "value", "numerator", "denominator", "done_on"
        )
        submission_of: dict[int, int] = {}  # a unit's submission: one a period
        found = []
        for submission_id, target_id, unit_id, *row in rows:
            if submission_id in stale:
                submission_of[unit_id] = submission_id
                found.append((target_id, evaluation.FigureRow(unit_id, *row)))
        fresh: dict[int, list[selectors.JudgedFigure]] = {pk: [] for pk in stale}
        for judged in selectors.judged_figures(targets=targets, rows=found, year=period.year):
            fresh[submission_of[judged[1].unit_id]].append(judged)
        made = {keys[pk]: tuple(judged) for pk, judged in fresh.items()}
        _store_pieces(made)
        pieces.update(made)
    return [judged for key in keys.values() for judged in pieces[key]]


def summary(
    *,
    campaign: Campaign,
    period: ReportingPeriod,
    user: User,
    unit_count: tuple,
    charts: Callable[[list[Unit], list[selectors.TargetProgress]], list[dict]],
) -> Summary:
    """The dashboard's aggregates, from the cache or computed (and cached). `charts` draws the charts from the
    units and the full rows when they are computed: the SVG is cached with the figures."""
    targets, superseded = period_targets(campaign=campaign, period=period)
    judging = judging_signature(period=period, targets=targets)
    key = summary_key(campaign=campaign, period=period, user=user, judging=judging, unit_count=unit_count)
    found = _cached(key)
    if found is None:
        units = list(selectors._units_seen(campaign, user))
        judged = judged_figures(period=period, user=user, targets=targets, judging=judging)
        rows = selectors.progress_rows(units=units, targets=targets, superseded=superseded, judged=judged)
        found = Summary(
            rows=[
                TargetSummary(
                    target_id=row.target.pk,
                    total=row.total,
                    reported=len(row.units),
                    counts={a: sum(1 for c in row.units.values() if c.achievement == a) for a in JUDGED},
                    listed=[(u.display_name, c) for u, c in row.listed] if len(row.units) <= INLINE_UNITS else None,
                    long_term_id=row.long_term.pk if row.long_term else None,
                )
                for row in rows
            ],
            counts=selectors.achievement_counts(rows),
            charts=charts(units, rows),
        )
        _store(key, found)
    by_pk = {t.pk: t for t in targets}
    by_pk.update({t.pk: t for t in superseded.values()})
    for row in found.rows:
        row.target, row.long_term = by_pk[row.target_id], by_pk.get(row.long_term_id)
    return found


def target_units_page(
    *, campaign: Campaign, period: ReportingPeriod, user: User, target: Target, page: str | None
) -> tuple[Page, int]:
    """One page of a target's per-unit list — (unit, figure) in unit order, units that reported only — and how
    many units reported. Judged by the one evaluation, as the full list was: only the page's figures."""
    rows = {
        unit_id: evaluation.FigureRow(unit_id, *rest)
        for unit_id, *rest in Value.objects.filter(
            submission__period=period, submission__status__in=selectors.COUNTED, target=target
        )
        .filter(selectors._reads(user, "submission__"))
        .values_list("submission__unit_id", "value", "numerator", "denominator", "done_on")
    }
    seen = selectors._units_seen(campaign, user).filter(pk__in=list(rows))
    listed = Paginator(seen, UNITS_PER_PAGE).get_page(page)
    on_page = [u.pk for u in listed.object_list]
    baselines = evaluation.baselines_for(targets=[target], unit_ids=on_page, year=period.year)
    listed.object_list = [
        (u, evaluation.unit_figure(target, rows[u.pk], baseline=baselines.get((target.pk, u.pk))))
        for u in listed.object_list
    ]
    return listed, len(rows)


def completeness_page(
    *, campaign: Campaign, user: User, page: str | None
) -> tuple[Page, list[ReportingPeriod], set[int]]:
    """A page of the completeness table (units × periods) and the periods some unit in view has not sent (for
    "Nhắc tất cả"), counted by the database. Five queries whatever the number of units."""
    units = Paginator(selectors._units_seen(campaign, user), UNITS_PER_PAGE).get_page(page)
    periods, table = selectors.completeness(campaign=campaign, user=user, units=list(units.object_list))
    units.object_list = table
    sent = dict(
        Submission.objects.filter(
            period__campaign=campaign,
            status__in=selectors.COUNTED,
            unit__in=selectors._units_seen(campaign, user).order_by().values("pk"),
        )
        .filter(selectors._reads(user))
        .order_by()
        .values("period_id")
        .annotate(n=Count("unit_id", distinct=True))
        .values_list("period_id", "n")
    )
    unsent = {p.pk for p in periods if sent.get(p.pk, 0) < units.paginator.count}
    return units, periods, unsent
