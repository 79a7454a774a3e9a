"""The campaign dashboard's reads (indicators:campaign_progress), at a cost that does not grow with the units.

The page used to judge and render every unit's figure for every target (12,000 at 300 units × 40 targets) and the
units × periods completeness table on every request: 1.25 s at 300 units, 3.8 s at 900. Now:

- the aggregates — the judgement counts, each target's total, how many units reported it and how they were judged,
  and the charts — are computed once (through `selectors.campaign_progress`, the one evaluation) and cached under a
  key that changes with anything they are made of: the campaign's submissions (count, latest change of state,
  highest id), the targets and their indicators, the user's grants, the units in view;
- a target's per-unit list is shown on the page when it is short (`INLINE_UNITS`), else read when opened, a page
  of `UNITS_PER_PAGE` units at a time (`target_units_page`);
- the completeness table shows `UNITS_PER_PAGE` units a page (`completeness_page`).
The figures are the same as before: the same selector judges them, only less often.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

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


def _signature(rows) -> tuple:
    return tuple(tuple(getattr(r, f.attname) for f in type(r)._meta.concrete_fields) for r in rows)


def summary_key(
    *, campaign: Campaign, period: ReportingPeriod, user: User, targets: list[Target], unit_count: tuple
) -> str:
    """A key that changes with whatever the cached figures are made of. Two small aggregate queries."""
    scope = scope_for(user)
    # Every change of state (sent, returned, approved, reopened) saves the submission, so `updated_at` moves; a
    # draft's saves do not (they move `version` only), so that a deadline's drafts do not empty the cache.
    marker = Submission.objects.filter(period__campaign=campaign).aggregate(
        n=Count("pk"), last=Max("updated_at"), top=Max("pk")
    )
    baselines = None
    if any(t.comparator == Comparator.IMPROVE and t.baseline is None for t in targets):
        # A rank target without its own baseline is judged against last year's approved rank, of any campaign.
        baselines = Submission.objects.filter(period__year=period.year - 1).aggregate(
            n=Count("pk"), last=Max("updated_at")
        )
    parts = (
        campaign.pk,
        period.pk,
        user.pk,
        scope.everything,
        sorted((g.role, g.unit_id, g.unit_path) for g in scope.grants),
        sorted(marker.items()),
        baselines and sorted(baselines.items()),
        _signature(targets),
        _signature(t.indicator for t in targets),
        unit_count,
    )
    return "indicators:progress:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def units_in_view(*, campaign: Campaign, user: User) -> tuple[int, int | None]:
    """How many units the user sees in the campaign (and the highest id, for the cache key). One query."""
    found = selectors._units_seen(campaign, user).order_by().aggregate(n=Count("pk"), top=Max("pk"))
    return found["n"], found["top"]


def _cached(key: str) -> Summary | None:
    try:
        return cache.get(key)
    except Exception:  # noqa: BLE001 - Redis down: the page is computed, as without a cache, never an error
        logger.warning("dashboard cache unreadable", exc_info=True)
        return None


def _store(key: str, found: Summary) -> None:
    try:
        cache.set(key, found, SUMMARY_SECONDS)
    except Exception:  # noqa: BLE001 - as above
        logger.warning("dashboard cache unwritable", exc_info=True)


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
    key = summary_key(campaign=campaign, period=period, user=user, targets=targets, unit_count=unit_count)
    found = _cached(key)
    if found is None:
        units, rows = selectors.campaign_progress(campaign=campaign, period=period, user=user)
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
