"""The campaign dashboard: achievement per target and unit, province totals, trends, completeness."""

from __future__ import annotations

import datetime
from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.safestring import mark_safe

from campaigns import selectors as campaign_selectors
from campaigns.scope import scope_for
from campaigns.tabs import campaign_tab_links
from emulation.lib.charts import Series, bar_chart, line_chart
from emulation.lib.params import int_param
from indicators import evaluation, selectors
from indicators.models import Comparator

CHARTS = 6  # targets drawn as charts; the table shows them all
REMIND_AHEAD_DAYS = 30


def _svg(markup: str) -> str:
    return mark_safe(markup)  # noqa: S308 - charts.py escapes every text it draws


def _period_label(period) -> str:
    return f"6 tháng {period.year}" if period.kind == "sau_thang" else f"Năm {period.year}"


@login_required
def campaign_progress(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(
        campaign_selectors.campaigns_visible_to(user=request.user).select_related("owner"), pk=pk
    )
    periods = selectors.periods_of(campaign=campaign)
    period = None
    wanted = request.GET.get("ky", "")
    if (wanted_pk := int_param(wanted)) is not None:
        period = next((p for p in periods if p.pk == wanted_pk), None)
    if period is None and periods:
        # The latest period with figures: a period just past its due date is mostly empty and says nothing yet.
        with_figures = selectors.latest_period_with_figures(campaign=campaign, user=request.user)
        period = next((p for p in periods if p.pk == with_figures), None)
    if period is None and periods:
        today = timezone.localdate()
        past = [p for p in periods if p.due_date <= today]
        period = past[-1] if past else periods[0]
    context = {
        "campaign": campaign,
        "periods": periods,
        "period": period,
        "tabs": campaign_tab_links(campaign),
        "active_tab": "tien-do",
        "today": timezone.localdate(),
    }
    if period is not None:
        units, rows = selectors.campaign_progress(campaign=campaign, period=period, user=request.user)
        _, completeness = selectors.completeness(campaign=campaign, user=request.user)
        can_remind = scope_for(request.user).can_manage(campaign.owner) and not campaign.is_draft
        if can_remind:
            reminded = selectors.reminders_today(campaign=campaign)
            for unit, cells in completeness:
                for cell in cells:
                    cell.reminder = reminded.get((unit.pk, cell.period.pk))
            context.update(
                # A reminder for a period far ahead says nothing yet: from REMIND_AHEAD_DAYS before its due date.
                remind_until=timezone.localdate() + datetime.timedelta(days=REMIND_AHEAD_DAYS),
                unsent_periods={c.period.pk for _, cells in completeness for c in cells if c.state == "chua_gui"},
            )
        context["can_remind"] = can_remind
        trend_periods, trends = selectors.campaign_trends(
            campaign=campaign, user=request.user, targets=[r.target for r in rows]
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
            charts.append(
                {
                    "title": indicator.name,
                    "bars": _svg(  # noqa: S308 - charts.py escapes every text it draws
                        bar_chart(
                            bars,
                            title=f"{indicator.name} – {_period_label(period)}",
                            unit=unit_label,
                            target=goal,
                            direction=indicator.direction,
                            meets=partial(evaluation.meets, target),
                        )
                    ),
                    "trend": _svg(  # noqa: S308 - charts.py escapes every text it draws
                        line_chart(
                            [Series("Tổng hợp", trends[target.pk])],
                            [_period_label(p) for p in trend_periods],
                            title=f"{indicator.name} qua các kỳ",
                            unit=unit_label,
                            target=goal,
                        )
                    ),
                }
            )
        context.update(
            units=units, rows=rows, completeness=completeness, charts=charts, counts=selectors.achievement_counts(rows)
        )
    return render(request, "indicators/progress.html", context)
