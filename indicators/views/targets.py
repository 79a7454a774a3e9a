"""The campaign's "Chỉ tiêu" tab: targets, reporting periods and, for each period, the unit's way in."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from campaigns import selectors as campaign_selectors
from campaigns.scope import scope_for
from campaigns.tabs import campaign_tab_links
from emulation.lib.access import require
from indicators import selectors
from indicators.forms import target_formset


def _campaign(request: HttpRequest, pk: int):
    return get_object_or_404(campaign_selectors.campaigns_visible_to(user=request.user).select_related("owner"), pk=pk)


@login_required
def campaign_targets(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    context = {
        "campaign": campaign,
        "targets": selectors.campaign_targets(campaign=campaign),
        "periods": selectors.periods_of(campaign=campaign),
        "can_manage": scope_for(request.user).can_manage(campaign.owner),
        "tabs": campaign_tab_links(campaign),
        "active_tab": "chi-tieu",
    }
    return render(request, "indicators/campaign_targets.html", context)


@login_required
def campaign_targets_edit(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    require(
        scope_for(request.user).can_manage(campaign.owner), "Chỉ Văn phòng Sở của đơn vị quản lý được đặt chỉ tiêu."
    )
    units = campaign_selectors.units_visible_to(user=request.user)
    formset = target_formset(campaign=campaign, data=request.POST if request.method == "POST" else None, units=units)
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            for form in formset.forms:
                form.instance._history_user = request.user
            formset.save()
        messages.success(request, "Đã lưu chỉ tiêu của phong trào.")
        return redirect("indicators:campaign_targets", pk=campaign.pk)
    return render(request, "indicators/campaign_targets_form.html", {"campaign": campaign, "formset": formset})
