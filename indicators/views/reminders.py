"""“Nhắc đơn vị”: from the completeness table, Văn phòng Sở reminds the units that have not sent a period's
figures. One click per unit, or one for every unit still missing; each reminder is logged and e-mailed once."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from campaigns import selectors as campaign_selectors
from campaigns.models import ReportingPeriod
from campaigns.scope import scope_for
from emulation.lib.access import require
from emulation.lib.errors import DomainError
from emulation.lib.params import int_param
from indicators import selectors, services
from indicators.models import Submission

OFFICE_ONLY = "Chỉ Văn phòng Sở được nhắc đơn vị gửi báo cáo."


@login_required
@require_POST
def period_remind(request: HttpRequest, pk: int) -> HttpResponse:
    """POST don_vi=<id> (one or more) or tat_ca=1 (every expected unit that has not sent). A period the user cannot
    see, or a unit outside the office's reach, is 404; a reader who is not the office, 403."""
    campaigns = campaign_selectors.campaigns_visible_to(user=request.user)
    period = get_object_or_404(
        ReportingPeriod.objects.filter(campaign__in=campaigns).select_related("campaign", "campaign__owner"), pk=pk
    )
    scope = scope_for(request.user)
    require(
        scope.can_manage(period.campaign.owner) or campaign_selectors.units_managed_by(user=request.user).exists(),
        OFFICE_ONLY,
    )
    units = selectors.remindable_units(period=period, user=request.user)
    if request.POST.get("tat_ca"):
        sent = Submission.objects.filter(period=period, status__in=selectors.COUNTED).values("unit_id")
        chosen = list(units.exclude(pk__in=sent).order_by("path"))
    else:
        ids = [int_param(value) for value in request.POST.getlist("don_vi")]
        if not ids or None in ids:
            raise Http404("Không có đơn vị này.")
        chosen = [get_object_or_404(units, pk=unit_id) for unit_id in dict.fromkeys(ids)]
    reminded, refused = [], []
    last = None
    for unit in chosen:
        try:
            last = services.submission_remind(period=period, unit=unit, user=request.user)
        except DomainError as exc:
            refused.append(exc.message)
        else:
            reminded.append(unit.display_name)
    if request.headers.get("HX-Request") and len(chosen) == 1:
        # The button of one cell (htmx): the cell says what happened, the page stays where it is.
        context = {"reminder": last, "refusal": refused[0] if refused else ""}
        if refused and (earlier := selectors.reminders_today(campaign=period.campaign).get((chosen[0].pk, period.pk))):
            # Clicked again the same day: the cell says when the reminder went, in short.
            context = {"reminder": earlier, "again": True}
        return render(request, "indicators/_remind_slot.html", context)
    if reminded:
        messages.success(
            request,
            f"Đã nhắc {len(reminded)} đơn vị gửi {str(period).lower()}: {', '.join(reminded)}. "
            "Thư nhắc được gửi tới cán bộ, lãnh đạo của đơn vị.",
        )
    if len(refused) == 1 or (refused and not request.POST.get("tat_ca")):
        for message in refused:
            messages.warning(request, message)
    elif refused:
        messages.info(request, f"{len(refused)} đơn vị khác đã được nhắc hôm nay nên không nhắc lại.")
    if not chosen:
        messages.info(request, "Mọi đơn vị đã gửi báo cáo kỳ này: không có đơn vị nào cần nhắc.")
    # Back to the table's period, at the top of the page, where the messages are.
    url = reverse("indicators:campaign_progress", args=[period.campaign_id])
    return redirect(f"{url}?ky={period.pk}")
