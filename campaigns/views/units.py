"""Pages for units and clusters. Every object is fetched through a scoped selector."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from campaigns import selectors, services
from campaigns.forms import FourEyesForm, SignerEndForm, SignerForm, UnitForm
from campaigns.models import Cluster, Signer, Unit, UnitLevel
from campaigns.orgchart import (
    OrgChange,
    UnitVersion,
    changes_of,
    has_history,
    predecessor_links,
    units_on_days,
)
from campaigns.scope import scope_for
from emulation.lib.access import require
from emulation.lib.errors import DomainError
from emulation.lib.params import year_param

UNITS_PER_PAGE = 100
HISTORY_ROWS = 20


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    units = selectors.units_visible_to(user=request.user)
    query = request.GET.get("q", "").strip()[:100]
    if query:
        units = units.filter(name__icontains=query)
    page = Paginator(units, UNITS_PER_PAGE).get_page(request.GET.get("page"))
    base_depth = min((u.depth for u in page.object_list), default=1)
    rows = [(unit, unit.depth - base_depth) for unit in page.object_list]
    return render(
        request,
        "campaigns/unit_list.html",
        {"page": page, "rows": rows, "query": query, "today": timezone.localdate()},
    )


def _four_eyes_context(request: HttpRequest, unit: Unit, form: FourEyesForm | None = None) -> dict:
    """A Sở's "người duyệt khác người gửi" rule: shown to whoever reads the Sở, changed by its lãnh đạo or Quản
    trị, with the history of its changes."""
    if unit.level != UnitLevel.SO:
        return {}
    rule = selectors.four_eyes_rule_for(unit=unit)
    rule = rule if rule is not None and rule.unit_id == unit.pk else None
    can_set = services.may_set_four_eyes(unit=unit, user=request.user)
    if can_set and form is None:
        form = FourEyesForm(initial={"required": "1" if rule is None or rule.required else "0"})
    history = rule.history.select_related("history_user")[:HISTORY_ROWS] if rule is not None else []
    return {"four_eyes": {"rule": rule, "form": form if can_set else None, "history": history}}


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(selectors.units_visible_to(user=request.user), pk=pk)
    return _render_detail(request, unit)


def _signers_context(request: HttpRequest, unit: Unit, form: SignerForm | None = None) -> dict:
    """Who signs the unit's documents, by period: read by whoever reads the unit, kept by its Văn phòng."""
    signers = list(Signer.objects.filter(unit=unit).order_by("-valid_from", "-pk"))
    can_manage = services.may_manage_signers(unit=unit, user=request.user)
    if not signers and not can_manage:
        return {}
    today = timezone.localdate()
    return {
        "signers": {
            "rows": [(s, s.is_valid_on(today)) for s in signers],
            "form": (form or SignerForm(initial={"valid_from": today})) if can_manage else None,
            "can_manage": can_manage,
        }
    }


@dataclass(frozen=True)
class NameSpan:
    """One state of the unit on its page: a name (and place) held between two dates, and what ended it."""

    name: str
    parent: str
    province: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    ended_by: OrgChange | None
    current: bool


def _org_history_context(request: HttpRequest, unit: Unit) -> dict:
    """ "Lịch sử tổ chức": the unit's names through time, the units merged or split into it, and — once it has
    ended — what it became. Three queries whatever the history."""
    if not has_history(unit):  # one query for the many units that never changed
        return {}
    links = changes_of(unit)
    versions = list(unit.versions.select_related("parent", "change").order_by("valid_to"))
    # Each earlier parent by its name of that time (the Bộ TT&TT, not today's Bộ KH&CN).
    parents = units_on_days((v.parent, v.valid_to) for v in versions if v.parent is not None)

    def parent_name(v: UnitVersion) -> str:
        return parents[(v.parent_id, v.valid_to)].name if v.parent is not None else ""

    spans = [NameSpan(v.name, parent_name(v), v.province, v.valid_from, v.valid_to, v.change, False) for v in versions]
    start = versions[-1].valid_to + datetime.timedelta(days=1) if versions else unit.valid_from
    # An ended unit's row after its last state is only where the merger filed it (under its successor): not a state.
    if unit.valid_to is None or start is None or start <= unit.valid_to:
        parent = Unit.objects.get_parent(unit) if unit.depth > 1 else None
        spans.append(
            NameSpan(unit.name, parent.name if parent else "", unit.province, start, unit.valid_to, None, True)
        )
    predecessors = [link for link in predecessor_links(unit) if link.predecessor_id != link.successor_id]
    successors = [link for link in links if link.predecessor_id == unit.pk and link.successor_id != unit.pk]
    others = {link.predecessor_id for link in predecessors} | {link.successor_id for link in successors}
    visible = set(
        selectors.units_visible_to(user=request.user).filter(pk__in=others - {unit.pk}).values_list("pk", flat=True)
    )
    return {
        "org_history": {
            "spans": spans[::-1],
            "predecessors": predecessors,
            "successors": successors,
            "ended": unit.valid_to is not None and unit.valid_to < timezone.localdate(),
            "visible": visible,
        }
    }


def _render_detail(
    request: HttpRequest,
    unit: Unit,
    *,
    four_eyes_form: FourEyesForm | None = None,
    signer_form: SignerForm | None = None,
) -> HttpResponse:
    scope = scope_for(request.user)
    context = {
        "unit": unit,
        "ancestors": selectors.unit_breadcrumb(unit=unit, user=request.user),
        "children": selectors.unit_children(unit=unit, user=request.user),
        "cluster_memberships": selectors.unit_clusters(unit=unit),
        "people": selectors.people_of_unit(unit=unit, on=timezone.localdate()),
        "can_manage": scope.can_manage(unit),
        "history": unit.history.select_related("history_user")[:HISTORY_ROWS] if scope.can_manage(unit) else None,
        **_four_eyes_context(request, unit, four_eyes_form),
        **_signers_context(request, unit, signer_form),
        **_org_history_context(request, unit),
    }
    invalid = four_eyes_form is not None or signer_form is not None
    return render(request, "campaigns/unit_detail.html", context, status=400 if invalid else 200)


@login_required
@require_POST
def unit_signer_add(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(selectors.units_visible_to(user=request.user), pk=pk)
    require(
        services.may_manage_signers(unit=unit, user=request.user),
        "Chỉ Văn phòng của đơn vị hoặc quản trị được khai báo người ký văn bản.",
    )
    form = SignerForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, unit, signer_form=form)
    try:
        signer = services.signer_add(unit=unit, user=request.user, **form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return _render_detail(request, unit, signer_form=form)
    messages.success(request, f"Đã thêm người ký: {signer}.")
    return redirect(f"{unit_url(unit)}#nguoi-ky")


@login_required
@require_POST
def unit_signer_end(request: HttpRequest, pk: int, signer_pk: int) -> HttpResponse:
    unit = get_object_or_404(selectors.units_visible_to(user=request.user), pk=pk)
    signer = get_object_or_404(Signer.objects.filter(unit=unit), pk=signer_pk)
    require(
        services.may_manage_signers(unit=unit, user=request.user),
        "Chỉ Văn phòng của đơn vị hoặc quản trị được khai báo người ký văn bản.",
    )
    form = SignerEndForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Vui lòng nhập ngày thôi ký theo dạng ngày/tháng/năm, ví dụ 31/12/2025.")
    else:
        try:
            services.signer_end(signer=signer, user=request.user, valid_to=form.cleaned_data["valid_to"])
            messages.success(request, f"{signer.name} thôi ký từ sau ngày {form.cleaned_data['valid_to']:%d/%m/%Y}.")
        except DomainError as error:
            messages.error(request, str(error))
    return redirect(f"{unit_url(unit)}#nguoi-ky")


def unit_url(unit: Unit) -> str:
    from django.urls import reverse

    return reverse("campaigns:unit_detail", args=[unit.pk])


@login_required
@require_POST
def unit_four_eyes(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(selectors.units_visible_to(user=request.user), pk=pk)
    require(
        services.may_set_four_eyes(unit=unit, user=request.user),
        "Chỉ lãnh đạo Sở hoặc quản trị được thay đổi nguyên tắc người duyệt khác người gửi.",
    )
    form = FourEyesForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, unit, four_eyes_form=form)
    try:
        rule = services.four_eyes_set(
            unit=unit, user=request.user, required=form.cleaned_data["required"], reason=form.cleaned_data["reason"]
        )
    except (DomainError, ValidationError) as exc:
        form.add_error(None, exc.message if isinstance(exc, DomainError) else "; ".join(exc.messages))
        return _render_detail(request, unit, four_eyes_form=form)
    if rule.required:
        messages.success(request, "Đã áp dụng nguyên tắc người duyệt khác người gửi.")
    else:
        messages.warning(request, "Đã ngừng áp dụng nguyên tắc người duyệt khác người gửi; lý do được ghi lại.")
    return redirect("campaigns:unit_detail", pk=unit.pk)


@login_required
def unit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(selectors.units_visible_to(user=request.user), pk=pk)
    require(scope_for(request.user).can_manage(unit))
    if request.method == "POST":
        form = UnitForm(request.POST, instance=unit)
        if form.is_valid():
            try:
                services.unit_update(
                    unit=unit,
                    user=request.user,
                    version=form.cleaned_data["version"],
                    data=form.cleaned_data,
                    reason=form.cleaned_data["reason"],
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, "Đã lưu thông tin đơn vị.")
                return redirect("campaigns:unit_detail", pk=unit.pk)
    else:
        form = UnitForm(instance=unit, initial={"version": unit.version})
    return render(request, "campaigns/unit_form.html", {"unit": unit, "form": form})


@login_required
def cluster_list(request: HttpRequest) -> HttpResponse:
    years = selectors.cluster_years(user=request.user)
    year = year_param(request.GET.get("nam")) or (years[0] if years else None)
    clusters = selectors.cluster_list(user=request.user, year=year)
    return render(request, "campaigns/cluster_list.html", {"clusters": clusters, "years": years, "year": year})


@login_required
def cluster_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cluster: Cluster = get_object_or_404(
        selectors.clusters_visible_to(user=request.user).select_related("organiser"), pk=pk
    )
    return render(
        request,
        "campaigns/cluster_detail.html",
        {"cluster": cluster, "memberships": selectors.cluster_members(cluster=cluster)},
    )
