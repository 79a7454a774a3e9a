"""Campaign pages: list, the plan, its edit forms by section, lifecycle, copy, registration, PDF."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from campaigns import selectors, services
from campaigns.documents import plan_file_stem, render_plan_docx, render_plan_pdf
from campaigns.forms import (
    SECTIONS,
    CampaignForm,
    CommitmentFormSet,
    CopyForm,
    RegistrationForm,
    SectionReasonForm,
    TransitionForm,
    section_formset,
)
from campaigns.models import Campaign, CampaignStatus, Role
from campaigns.orgchart import name_as_of, predecessor_on
from campaigns.scope import scope_for
from campaigns.tabs import campaign_tab_links
from emulation.lib.access import require
from emulation.lib.downloads import file_response
from emulation.lib.errors import DomainError
from emulation.lib.paper import DocumentIncomplete
from emulation.lib.params import int_param, year_param

CAMPAIGNS_PER_PAGE = 50


def _visible(request: HttpRequest, pk: int) -> Campaign:
    return get_object_or_404(selectors.campaigns_visible_to(user=request.user).select_related("owner"), pk=pk)


def _managed(request: HttpRequest, pk: int) -> Campaign:
    """Visible or 404; visible but not ours to run → 403."""
    campaign = _visible(request, pk)
    require(
        scope_for(request.user).can_manage(campaign.owner),
        "Chỉ Văn phòng Sở của đơn vị quản lý được thay đổi phong trào này.",
    )
    return campaign


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    filters = {
        "year": year_param(request.GET.get("nam")),
        "issuer": request.GET.get("co_quan", "").strip()[:255],
        "status": request.GET.get("trang_thai") if request.GET.get("trang_thai") in CampaignStatus.values else "",
        "cluster": int_param(request.GET.get("cum")),
        "q": request.GET.get("q", "").strip()[:200],
    }
    campaigns = selectors.campaign_list(user=request.user, filters=filters)
    page = Paginator(campaigns, CAMPAIGNS_PER_PAGE).get_page(request.GET.get("page"))
    # Each campaign's owner as named when the campaign started (one query for the page); a campaign inherited by a
    # Sở created later names the predecessor that launched it (a query only for those).
    for campaign in page.object_list:
        campaign.owner_at_start = predecessor_on(campaign.owner, campaign.start_date)
    page.object_list = name_as_of(
        page.object_list, unit="owner_at_start", day=lambda c: c.start_date, attr="owner_then"
    )
    scope = scope_for(request.user)
    context = {
        "page": page,
        "filters": filters,
        "issuers": selectors.campaign_issuers(user=request.user),
        "statuses": CampaignStatus.choices,
        "clusters": selectors.clusters_visible_to(user=request.user).order_by("-year", "name"),
        "years": range(timezone.localdate().year + 1, 2019, -1),
        "can_create": scope.has_role(Role.VAN_PHONG, Role.QUAN_TRI),
        "querystring": _without_page(request),
    }
    return render(request, "campaigns/campaign_list.html", context)


def _without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _form_choices(request: HttpRequest) -> dict:
    return {
        "owners": selectors.campaign_owner_choices(user=request.user),
        "units": selectors.units_visible_to(user=request.user),
        "clusters": selectors.clusters_visible_to(user=request.user),
    }


@login_required
def campaign_create(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    require(scope.has_role(Role.VAN_PHONG, Role.QUAN_TRI), "Chỉ Văn phòng Sở được tạo phong trào.")
    if request.method == "POST":
        form = CampaignForm(request.POST, request.FILES, **_form_choices(request))
        if form.is_valid():
            data = {
                k: v
                for k, v in form.cleaned_data.items()
                if k not in {"participants", "participant_clusters", "reason", "version"}
            }
            try:
                campaign = services.campaign_create(
                    user=request.user,
                    data=data,
                    participants=form.cleaned_data["participants"],
                    participant_clusters=form.cleaned_data["participant_clusters"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, "Đã tạo dự thảo phong trào.")
                return redirect("campaigns:campaign_detail", pk=campaign.pk)
    else:
        today = timezone.localdate()
        form = CampaignForm(
            initial={
                "start_date": today,
                "end_date": datetime.date(today.year, 12, 31),
                "kind": "thuong_xuyen",
                "document_type": "Kế hoạch",
            },
            **_form_choices(request),
        )
    form.require_reason(False)
    return render(request, "campaigns/campaign_form.html", {"form": form, "campaign": None})


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = selectors.campaign_plan(campaign=_visible(request, pk))
    scope = scope_for(request.user)
    can_manage = scope.can_manage(campaign.owner)
    context = {
        "campaign": campaign,
        "can_manage": can_manage,
        "transitions": services.TRANSITIONS.get(campaign.status, {}) if can_manage else {},
        "sections": SECTIONS.values(),
        "tabs": campaign_tab_links(campaign),
        "registrable": selectors.registrable_units(campaign=campaign, user=request.user),
        "can_copy": scope.has_role(Role.VAN_PHONG, Role.QUAN_TRI),
        "active_tab": "ke-hoach",
    }
    return render(request, "campaigns/campaign_detail.html", context)


@login_required
def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _managed(request, pk)
    if request.method == "POST":
        form = CampaignForm(request.POST, request.FILES, instance=campaign, **_form_choices(request))
        form.require_reason(not campaign.is_draft)
        if form.is_valid():
            data = {
                k: v
                for k, v in form.cleaned_data.items()
                if k not in {"participants", "participant_clusters", "reason", "version"}
            }
            if not request.FILES.get("signed_file"):
                data.pop("signed_file", None)
            try:
                services.campaign_update(
                    campaign=campaign,
                    user=request.user,
                    version=form.cleaned_data["version"] or 0,
                    data=data,
                    reason=form.cleaned_data["reason"],
                    participants=form.cleaned_data["participants"],
                    participant_clusters=form.cleaned_data["participant_clusters"],
                )
            except (DomainError, ValidationError) as exc:
                form.add_error(None, exc.message if isinstance(exc, DomainError) else exc)
            else:
                messages.success(request, "Đã lưu thông tin chung của phong trào.")
                return redirect("campaigns:campaign_detail", pk=campaign.pk)
    else:
        form = CampaignForm(instance=campaign, initial={"version": campaign.version}, **_form_choices(request))
        form.require_reason(not campaign.is_draft)
    return render(request, "campaigns/campaign_form.html", {"form": form, "campaign": campaign})


@login_required
def campaign_section_edit(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    campaign = _managed(request, pk)
    spec = SECTIONS.get(section)
    if spec is None:
        raise Http404("Không có mục này.")
    units = selectors.units_visible_to(user=request.user)
    if request.method == "POST":
        formset = section_formset(spec, campaign=campaign, data=request.POST, units=units)
        meta = SectionReasonForm(request.POST)
        meta.require_reason(not campaign.is_draft)
        if formset.is_valid() and meta.is_valid():
            try:
                services.campaign_save_section(
                    campaign=campaign,
                    user=request.user,
                    version=meta.cleaned_data["version"],
                    formset=formset,
                    section_title=spec.title,
                    reason=meta.cleaned_data["reason"],
                )
            except DomainError as exc:
                meta.add_error(None, exc.message)
            except ValidationError as exc:
                meta.add_error(None, exc)
            else:
                messages.success(request, f"Đã lưu mục “{spec.title}”.")
                return redirect("campaigns:campaign_detail", pk=campaign.pk)
    else:
        formset = section_formset(spec, campaign=campaign, units=units)
        meta = SectionReasonForm(initial={"version": campaign.version})
        meta.require_reason(not campaign.is_draft)
    return render(
        request,
        "campaigns/campaign_section_form.html",
        {"campaign": campaign, "section": spec, "formset": formset, "meta": meta},
    )


@login_required
@require_POST
def campaign_transition(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _managed(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Thao tác không hợp lệ.")
        return redirect("campaigns:campaign_detail", pk=campaign.pk)
    try:
        updated = services.campaign_transition(
            campaign=campaign,
            user=request.user,
            to_status=form.cleaned_data["to_status"],
            reason=form.cleaned_data["reason"],
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Phong trào chuyển sang “{updated.get_status_display()}”.")
    return redirect("campaigns:campaign_detail", pk=campaign.pk)


@login_required
def campaign_copy(request: HttpRequest, pk: int) -> HttpResponse:
    source = _visible(request, pk)
    owners = selectors.campaign_owner_choices(user=request.user)
    require(owners.exists(), "Chỉ Văn phòng Sở được tạo phong trào.")
    if request.method == "POST":
        form = CopyForm(request.POST, owners=owners)
        if form.is_valid():
            try:
                copy = services.campaign_copy(source=source, user=request.user, **form.cleaned_data)
            except (DomainError, ValidationError) as exc:
                form.add_error(None, exc.message if isinstance(exc, DomainError) else exc)
            else:
                messages.success(
                    request, "Đã tạo dự thảo mới từ phong trào cũ. Hãy rà soát từng mục trước khi phát động."
                )
                if copy.left_out:
                    messages.warning(request, copy.left_out)
                return redirect("campaigns:campaign_detail", pk=copy.pk)
    else:
        years = source.end_date.year - source.start_date.year
        next_start = datetime.date(max(source.end_date.year + 1, timezone.localdate().year), 1, 1)
        form = CopyForm(
            owners=owners,
            initial={
                "title": source.title,
                "owner": source.owner_id if source.owner in owners else None,
                "start_date": next_start,
                "end_date": datetime.date(next_start.year + years, 12, 31),
            },
        )
    return render(request, "campaigns/campaign_copy.html", {"campaign": source, "form": form})


@login_required
def registration_list(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _visible(request, pk)
    board = selectors.registration_board(campaign=campaign)
    context = {
        "campaign": campaign,
        "board": board,
        "registered": sum(1 for _, r in board if r),
        "tabs": campaign_tab_links(campaign),
        "active_tab": "dang-ky",
        "registrable": selectors.registrable_units(campaign=campaign, user=request.user),
    }
    return render(request, "campaigns/registration_list.html", context)


@login_required
def registration_create(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _visible(request, pk)
    units = selectors.registrable_units(campaign=campaign, user=request.user)
    require(bool(units), "Chỉ lãnh đạo của đơn vị tham gia (chưa đăng ký) được đăng ký thi đua.")
    if request.method == "POST":
        form = RegistrationForm(request.POST, units=units)
        commitments = CommitmentFormSet(request.POST, prefix="cam-ket")
        if form.is_valid() and commitments.is_valid():
            items = [c.cleaned_data for c in commitments.forms if c.cleaned_data and c.cleaned_data.get("text")]
            try:
                services.registration_create(
                    campaign=campaign,
                    unit=form.cleaned_data["unit"],
                    user=request.user,
                    note=form.cleaned_data["note"],
                    commitments=items,
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, "Đơn vị đã đăng ký thi đua.")
                return redirect("campaigns:registration_list", pk=campaign.pk)
    else:
        form = RegistrationForm(units=units)
        commitments = CommitmentFormSet(prefix="cam-ket")
    return render(
        request, "campaigns/registration_form.html", {"campaign": campaign, "form": form, "commitments": commitments}
    )


@login_required
def campaign_log(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _visible(request, pk)
    context = {
        "campaign": campaign,
        "events": selectors.campaign_events(campaign=campaign),
        "tabs": campaign_tab_links(campaign),
        "active_tab": "nhat-ky",
    }
    return render(request, "campaigns/campaign_log.html", context)


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _plan_file(
    request: HttpRequest,
    pk: int,
    render: Callable[[Campaign], bytes],
    extension: str,
    content_type: str,
    disposition: str,
) -> HttpResponse:
    """The plan as a file, or — when it lacks what NĐ 30/2020 requires (signer, Nơi nhận) — back to the campaign
    page with the message saying what."""
    campaign = _visible(request, pk)
    try:
        data = render(campaign)
    except DocumentIncomplete as exc:
        messages.error(request, str(exc))
        return redirect("campaigns:campaign_detail", pk=campaign.pk)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'{disposition}; filename="{plan_file_stem(campaign)}.{extension}"'
    return response


@login_required
def campaign_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_file(request, pk, render_plan_pdf, "pdf", "application/pdf", "inline")


@login_required
def campaign_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_file(request, pk, render_plan_docx, "docx", DOCX_TYPE, "attachment")


@login_required
def campaign_signed_file(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _visible(request, pk)
    if not campaign.signed_file:
        raise Http404("Chưa có văn bản đã ký.")
    name = campaign.signed_file.name.rsplit("/", 1)[-1]
    return file_response(campaign.signed_file, name)
