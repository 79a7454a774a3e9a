"""The campaign dashboard: achievement per target and unit, province totals, trends, completeness."""

from __future__ import annotations

import datetime
from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.safestring import mark_safe

from campaigns import selectors as campaign_selectors
from campaigns.scope import scope_for
from campaigns.tabs import campaign_tab_links
from emulation.lib.charts import Series, bar_chart, line_chart
from emulation.lib.params import int_param
from indicators import evaluation, progress, selectors
from indicators.models import Comparator

CHARTS = 6  # targets drawn as charts; the table shows them all
REMIND_AHEAD_DAYS = 30


def _svg(markup: str) -> str:
    return mark_safe(markup)  # noqa: S308 - charts.py escapes every text it draws


def _period_label(period) -> str:
    return f"6 tháng {period.year}" if period.kind == "sau_thang" else f"Năm {period.year}"


def _campaign(request: HttpRequest, pk: int):
    return get_object_or_404(campaign_selectors.campaigns_visible_to(user=request.user).select_related("owner"), pk=pk)


def _charts(campaign, period, user, unit_count):
    """Draws the charts from the full rows when the summary is computed (the SVG is cached with it)."""

    def draw(units, rows) -> list[dict]:
        trend_periods, trends = progress.trends(
            campaign=campaign, period=period, user=user, targets=[r.target for r in rows], unit_count=unit_count
        )
        names = {u.pk: u.display_name for u in units}
        charts = []
        for row in [r for r in rows if r.units and evaluation.kind_of(r.target) in ("percent", "number")][:CHARTS]:
            target, indicator = row.target, row.target.indicator
            unit_label = evaluation.unit_label_of(target)
            goal = target.value if target.comparator not in (Comparator.IMPROVE, Comparator.DONE_BY) else None
            bars = [
                (names[u.pk], row.units[u.pk].value if u.pk in row.units else None)
                for u in units
                if target.applies_to_unit(u) or u.pk in row.units
            ]
            title = f"{indicator.name} – {_period_label(period)}"
            # The target itself judges the bars (meets): all of it is part of what the chart is drawn from.
            judged_by = progress.signature([target, indicator])
            labels = [_period_label(p) for p in trend_periods]
            charts.append(
                {
                    "title": indicator.name,
                    "bars": _svg(  # noqa: S308 - charts.py escapes every text it draws
                        progress.drawn(
                            ("bars", title, unit_label, goal, indicator.direction, bars, judged_by),
                            partial(
                                bar_chart,
                                bars,
                                title=title,
                                unit=unit_label,
                                target=goal,
                                direction=indicator.direction,
                                meets=partial(evaluation.meets, target),
                            ),
                        )
                    ),
                    "trend": _svg(  # noqa: S308 - charts.py escapes every text it draws
                        progress.drawn(
                            ("trend", indicator.name, trends[target.pk], labels, unit_label, goal),
                            partial(
                                line_chart,
                                [Series("Tổng hợp", trends[target.pk])],
                                labels,
                                title=f"{indicator.name} qua các kỳ",
                                unit=unit_label,
                                target=goal,
                            ),
                        )
                    ),
                }
            )
        return charts

    return draw


def _completeness_context(request: HttpRequest, campaign) -> dict:
    """A page of the completeness table, with today's reminders and what "Nhắc" needs when the user may remind."""
    units, periods, unsent = progress.completeness_page(
        campaign=campaign, user=request.user, page=request.GET.get("trang")
    )
    can_remind = scope_for(request.user).can_manage(campaign.owner) and not campaign.is_draft
    context = {"campaign": campaign, "units_page": units, "completeness": units.object_list, "can_remind": can_remind}
    if can_remind:
        reminded = selectors.reminders_today(campaign=campaign, unit_ids=[unit.pk for unit, _ in units.object_list])
        for unit, cells in units.object_list:
            for cell in cells:
                cell.reminder = reminded.get((unit.pk, cell.period.pk))
        # A reminder for a period far ahead says nothing yet: from REMIND_AHEAD_DAYS before its due date.
        context.update(
            remind_until=timezone.localdate() + datetime.timedelta(days=REMIND_AHEAD_DAYS), unsent_periods=unsent
        )
    context["completeness_periods"] = periods
    return context


def _chosen_period(request: HttpRequest, campaign, periods):
    period = None
    if (wanted_pk := int_param(request.GET.get("ky", ""))) is not None:
        period = next((p for p in periods if p.pk == wanted_pk), None)
    if period is None and periods:
        # The latest period with figures: a period just past its due date is mostly empty and says nothing yet.
        with_figures = selectors.latest_period_with_figures(campaign=campaign, user=request.user)
        period = next((p for p in periods if p.pk == with_figures), None)
    if period is None and periods:
        today = timezone.localdate()
        past = [p for p in periods if p.due_date <= today]
        period = past[-1] if past else periods[0]
    return period


@login_required
def campaign_progress(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    periods = selectors.periods_of(campaign=campaign)
    period = _chosen_period(request, campaign, periods)
    context = {
        "campaign": campaign,
        "periods": periods,
        "period": period,
        "tabs": campaign_tab_links(campaign),
        "active_tab": "tien-do",
        "today": timezone.localdate(),
    }
    if period is not None:
        unit_count = progress.units_in_view(campaign=campaign, user=request.user)
        summary = progress.summary(
            campaign=campaign,
            period=period,
            user=request.user,
            unit_count=unit_count,
            charts=_charts(campaign, period, request.user, unit_count),
        )
        context.update(
            rows=summary.rows,
            charts=summary.charts,
            counts=summary.counts,
            inline_units=progress.INLINE_UNITS,
            **_completeness_context(request, campaign),
        )
    return render(request, "indicators/progress.html", context)


@login_required
def progress_completeness(request: HttpRequest, pk: int) -> HttpResponse:
    """A page of the completeness table: the fragment for htmx, else the dashboard opened on that page."""
    campaign = _campaign(request, pk)
    if not request.htmx:
        return campaign_progress(request, pk)
    context = _completeness_context(request, campaign)
    context["period"] = _chosen_period(request, campaign, context["completeness_periods"])
    return render(request, "indicators/_completeness.html", context)


@login_required
def progress_units(request: HttpRequest, pk: int, target_pk: int) -> HttpResponse:
    """“Xem theo đơn vị”: one target's figures unit by unit, a page at a time (the fragment for htmx)."""
    campaign = _campaign(request, pk)
    periods = selectors.periods_of(campaign=campaign)
    period = _chosen_period(request, campaign, periods)
    if period is None:
        raise Http404
    target = get_object_or_404(selectors.campaign_targets(campaign=campaign), pk=target_pk)
    page, reported = progress.target_units_page(
        campaign=campaign, period=period, user=request.user, target=target, page=request.GET.get("trang")
    )
    context = {
        "campaign": campaign,
        "period": period,
        "target": target,
        "page": page,
        "reported": reported,
        "tabs": campaign_tab_links(campaign),
        "active_tab": "tien-do",
    }
    template = "indicators/_progress_units.html" if request.htmx else "indicators/progress_units.html"
    return render(request, template, context)
