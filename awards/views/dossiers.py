"""Dossier pages: the campaign's Khen thưởng tab and queue, a dossier with its checklist and nominees, the unit's
edits and the review of Văn phòng Sở.

Every object comes through `dossiers_visible_to` / `nominees_visible_to` (not visible → 404); a visible dossier the
user may not change → 403. A refused action re-renders the page with the reason and whatever was typed (400).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

from awards import selectors, services
from awards.forms import (
    PRIOR_PREFIX,
    DossierCreateForm,
    DossierForm,
    NomineeForm,
    OverrideForm,
    PriorAwardFormSet,
    QueueFilterForm,
    RequestChangesForm,
    add_errors,
)
from awards.models import Dossier, DossierStatus, Nominee
from campaigns import selectors as campaign_selectors
from campaigns.models import Campaign, Role, Unit, User
from campaigns.scope import scope_for
from campaigns.tabs import campaign_tab_links
from emulation.lib.access import require
from emulation.lib.errors import DomainError, StaleEditError

DOSSIERS_PER_PAGE = 50
# Until the council has voted, Văn phòng Sở may still accept a failed check with a reason.
OVERRIDABLE_STATES = (
    DossierStatus.NHAP,
    DossierStatus.DA_GUI,
    DossierStatus.DANG_THAM_DINH,
    DossierStatus.YEU_CAU_BO_SUNG,
)
EDITORS_ONLY = "Chỉ cán bộ, lãnh đạo của đơn vị được sửa hồ sơ."
REVIEWERS_ONLY = "Chỉ Văn phòng Sở được thẩm định hồ sơ."
STALE = "Hồ sơ vừa được người khác xử lý (trạng thái đã thay đổi). Trang đã hiện trạng thái mới, vui lòng xem lại."


# --- Who may do what (the services check again) --------------------------------------------------------------------


def _may_edit(user: User, dossier: Dossier) -> bool:
    return scope_for(user).holds(dossier.unit, Role.CAN_BO, Role.LANH_DAO)


def _may_send(user: User, dossier: Dossier) -> bool:
    return scope_for(user).holds(dossier.unit, Role.LANH_DAO)


def _may_review(user: User, dossier: Dossier) -> bool:
    scope = scope_for(user)
    return scope.can_manage(dossier.unit) or scope.can_manage(dossier.campaign.owner)


def _campaign(request: HttpRequest, pk: int) -> Campaign:
    return get_object_or_404(campaign_selectors.campaigns_visible_to(user=request.user).select_related("owner"), pk=pk)


def _dossier(request: HttpRequest, pk: int) -> Dossier:
    return get_object_or_404(
        selectors.dossiers_visible_to(user=request.user).select_related(
            "campaign", "campaign__owner", "unit", "milestone", "submitted_by"
        ),
        pk=pk,
    )


def _nominee(request: HttpRequest, pk: int) -> Nominee:
    return get_object_or_404(
        selectors.nominees_visible_to(user=request.user).select_related(
            "dossier", "dossier__campaign", "dossier__campaign__owner", "dossier__unit", "dossier__milestone"
        ),
        pk=pk,
    )


def _editable(request: HttpRequest, dossier: Dossier) -> bool:
    """403 for those who may not edit; for editors, a sent dossier is explained, not edited."""
    require(_may_edit(request.user, dossier), EDITORS_ONLY)
    if not dossier.is_editable:
        messages.error(request, f"Hồ sơ đang ở trạng thái “{dossier.get_status_display()}” nên không sửa được.")
        return False
    return True


def _stale(request: HttpRequest, dossier: Dossier) -> bool:
    """The page the action came from showed another state: someone acted in between."""
    seen = request.POST.get("status")
    return bool(seen) and seen != dossier.status


def _lines(exc: Exception) -> list[str]:
    if isinstance(exc, DomainError):
        return [line for line in exc.message.splitlines() if line.strip()]
    return list(exc.messages) if isinstance(exc, ValidationError) else [str(exc)]


# --- The Khen thưởng tab -------------------------------------------------------------------------------------------


def _creatable_units(user: User, campaign: Campaign) -> list[Unit]:
    """Units the user is cán bộ or lãnh đạo of and that take part in the campaign."""
    ids = {g.unit_id for g in scope_for(user).grants if g.role in (Role.CAN_BO, Role.LANH_DAO)}
    if not ids:
        return []
    units = Unit.objects.filter(pk__in=ids).order_by("path")
    return [u for u in units if campaign_selectors.campaign_includes_unit(campaign=campaign, unit=u)]


def _render_tab(
    request: HttpRequest, campaign: Campaign, *, create_form: DossierCreateForm | None = None, status: int = 200
) -> HttpResponse:
    filter_form = QueueFilterForm(request.GET, years=campaign.years)
    filters = filter_form.filters()
    in_round = {"round": filters["round"], "year": filters["year"]}
    counted = selectors.dossiers_visible_to(user=request.user).filter(campaign=campaign)
    if in_round["round"]:
        counted = counted.filter(round_kind=in_round["round"])
    if in_round["year"]:
        counted = counted.filter(year=in_round["year"])
    counts = services.round_counts(dossiers=counted.order_by())
    queue = selectors.dossier_queue(user=request.user, filters={"campaign": campaign.pk, **filters})
    page = Paginator(queue, DOSSIERS_PER_PAGE).get_page(request.GET.get("page"))
    now = timezone.now()
    for dossier in page:
        dossier.days_waiting = (now - dossier.status_changed_at).days
    units = _creatable_units(request.user, campaign)
    if units and create_form is None:
        create_form = DossierCreateForm(campaign=campaign, units=units)
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "campaign": campaign,
        "page": page,
        "filter_form": filter_form,
        "filtered": any(filters.values()),
        "counts": [(value, label, counts.get(value, 0)) for value, label in DossierStatus.choices],
        "total": sum(counts.values()),
        "can_review": scope_for(request.user).can_manage(campaign.owner),
        "create_form": create_form if units else None,
        "querystring": params.urlencode(),
        "tabs": campaign_tab_links(campaign),
        "active_tab": "khen-thuong",
    }
    return render(request, "awards/campaign_dossiers.html", context, status=status)


@login_required
def campaign_dossiers(request: HttpRequest, pk: int) -> HttpResponse:
    """For Văn phòng Sở the queue of the campaign's dossiers; for a unit its own dossiers and "Lập hồ sơ"."""
    return _render_tab(request, _campaign(request, pk))


@login_required
@require_POST
def dossier_create(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    units = _creatable_units(request.user, campaign)
    require(bool(units), "Chỉ cán bộ, lãnh đạo của đơn vị tham gia phong trào được lập hồ sơ.")
    form = DossierCreateForm(request.POST, campaign=campaign, units=units)
    if not form.is_valid():
        return _render_tab(request, campaign, create_form=form, status=400)
    data = form.cleaned_data
    existing = (
        selectors.dossiers_visible_to(user=request.user)
        .filter(
            campaign=campaign,
            unit=data["unit"],
            round_kind=data["round_kind"],
            milestone=data["milestone"],
            year=data["year"],
        )
        .first()
    )
    if existing:
        messages.info(request, "Đơn vị đã có hồ sơ cho đợt này: tiếp tục với hồ sơ đó.")
        return redirect("awards:dossier_detail", pk=existing.pk)
    try:
        dossier = services.dossier_create(
            campaign=campaign,
            unit=data["unit"],
            user=request.user,
            round_kind=data["round_kind"],
            year=data["year"],
            milestone=data["milestone"],
        )
    except (DomainError, ValidationError) as exc:
        for line in _lines(exc):
            form.add_error(None, line)
        return _render_tab(request, campaign, create_form=form, status=400)
    messages.success(request, "Đã lập hồ sơ. Nhập Tờ trình, Biên bản và thêm người, tập thể được đề nghị.")
    return redirect("awards:dossier_detail", pk=dossier.pk)


# --- A dossier -----------------------------------------------------------------------------------------------------


def _render_detail(
    request: HttpRequest,
    dossier: Dossier,
    *,
    errors: list[str] | None = None,
    review_form: RequestChangesForm | None = None,
    override_form: OverrideForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    dossier = Dossier.objects.select_related("campaign", "campaign__owner", "unit", "milestone", "submitted_by").get(
        pk=dossier.pk
    )
    nominees = list(
        dossier.nominees.select_related("award_form", "collective_unit", "person").prefetch_related("prior_awards")
    )
    comments = list(dossier.comments.select_related("author", "nominee").order_by("-review_round", "created_at"))
    for nominee in nominees:
        nominee.open_comments = [
            c for c in comments if c.nominee_id == nominee.pk and c.review_round == dossier.review_round
        ]
    checks = services.dossier_checks(dossier)
    can_edit = _may_edit(user, dossier) and dossier.is_editable
    can_review = _may_review(user, dossier)
    if can_review and dossier.status in OVERRIDABLE_STATES:
        rows = []
        for check in checks:
            form = None
            if not check.ok and check.overridable and not check.overridden:
                bound = override_form is not None and override_form.data.get("code") == check.code
                form = (
                    override_form
                    if bound
                    else OverrideForm(initial={"code": check.code}, auto_id=f"bo-qua-{check.code}-%s")
                )
            rows.append((check, form))
    else:
        rows = [(check, None) for check in checks]
    if review_form is None and can_review and dossier.status == DossierStatus.DANG_THAM_DINH:
        review_form = RequestChangesForm(nominees=nominees)
    context = {
        "dossier": dossier,
        "campaign": dossier.campaign,
        "checks": rows,
        "checks_passed": sum(1 for c in checks if c.ok or c.overridden),
        "blocking": [c for c in checks if c.blocks],
        "stopping": [c for c in checks if c.stops_sending],
        "judged_at": next((c.judged_at for c in checks if c.judged_at), None),
        "round_day": services.round_day(dossier),
        "nominees": nominees,
        "comments": comments,
        "current_comments": [c for c in comments if c.review_round == dossier.review_round],
        "timeline": _timeline(dossier, checks),
        "errors": errors or [],
        "can_edit": can_edit,
        "can_send": _may_send(user, dossier) and dossier.is_editable,
        "is_unit": _may_edit(user, dossier),
        "can_review": can_review,
        "review_form": review_form if can_review and dossier.status == DossierStatus.DANG_THAM_DINH else None,
        "edit_form": DossierForm(instance=dossier, initial={"version": dossier.version}) if can_edit else None,
        "days_waiting": (timezone.now() - dossier.status_changed_at).days,
    }
    return render(request, "awards/dossier_detail.html", context, status=status)


def _timeline(dossier: Dossier, checks: list[services.Check]) -> list[dict]:
    """The event log with the accepted exceptions among them, newest first."""
    labels = {c.code: c.label for c in checks}
    entries = [
        {
            "at": e.at,
            "user": e.user,
            "text": f"{e.get_from_status_display()} → {e.get_to_status_display()}",
            "detail": e.reason,
        }
        for e in dossier.events.select_related("user")
    ]
    entries += [
        {
            "at": o.at,
            "user": o.user,
            "text": f"Chấp nhận ngoại lệ: {labels.get(o.code, o.code)}",
            "detail": o.reason,
        }
        for o in dossier.overrides.select_related("user")
    ]
    entries.sort(key=lambda entry: entry["at"], reverse=True)
    entries.append({"at": dossier.created_at, "user": None, "text": "Lập hồ sơ", "detail": ""})
    return entries


@login_required
def dossier_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _dossier(request, pk))


@login_required
def dossier_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Tờ trình and Biên bản: fields, signed files, an optimistic version."""
    dossier = _dossier(request, pk)
    if not _editable(request, dossier):
        return redirect("awards:dossier_detail", pk=dossier.pk)
    if request.method == "POST":
        form = DossierForm(request.POST, request.FILES, instance=dossier)
        if form.is_valid():
            try:
                services.dossier_update(
                    dossier=dossier,
                    user=request.user,
                    version=form.cleaned_data["version"],
                    data=form.service_data(),
                    submission_upload=form.cleaned_data["submission_upload"],
                    minutes_upload=form.cleaned_data["minutes_upload"],
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, "Đã lưu Tờ trình và Biên bản.")
                return redirect("awards:dossier_detail", pk=dossier.pk)
        status = 400
    else:
        form = DossierForm(instance=dossier, initial={"version": dossier.version})
        status = 200
    dossier.refresh_from_db()
    return render(request, "awards/dossier_form.html", {"dossier": dossier, "form": form}, status=status)


def _prior_award_rows(formset) -> list[dict]:
    """The changed and deleted rows of part III of Mẫu 07, for `services.nominee_save`."""
    rows = []
    for form in formset.forms:
        pk = form.instance.pk
        if form.cleaned_data.get("DELETE"):
            if pk:
                rows.append({"pk": pk, "delete": True})
        elif form.has_changed():
            rows.append({"pk": pk, **{name: form.cleaned_data[name] for name in services.PRIOR_AWARD_FIELDS}})
    return rows


def _nominee_page(request: HttpRequest, dossier: Dossier, nominee: Nominee | None) -> HttpResponse:
    instance = nominee or Nominee(dossier=dossier)
    if request.method == "POST":
        form = NomineeForm(request.POST, request.FILES, dossier=dossier, instance=instance)
        prior = PriorAwardFormSet(request.POST, instance=instance, prefix=PRIOR_PREFIX)
        if form.is_valid() and prior.is_valid():
            data = form.service_data()
            if nominee is None:
                data["order"] = dossier.nominees.count() + 1
            try:
                saved = services.nominee_save(
                    dossier=dossier,
                    user=request.user,
                    data=data,
                    nominee=nominee,
                    report_upload=form.cleaned_data["report_upload"],
                    prior_awards=_prior_award_rows(prior),
                    initiatives=form.cleaned_data["linked_initiatives"],
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, f"Đã lưu {saved.full_name}.")
                return redirect("awards:dossier_detail", pk=dossier.pk)
        status = 400
    else:
        form = NomineeForm(dossier=dossier, instance=instance, initial={"kind": "ca_nhan"} if nominee is None else None)
        prior = PriorAwardFormSet(instance=instance, prefix=PRIOR_PREFIX)
        status = 200
    context = {"dossier": dossier, "nominee": nominee, "form": form, "prior": prior}
    return render(request, "awards/dossier_nominee_form.html", context, status=status)


@login_required
def nominee_create(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _dossier(request, pk)
    if not _editable(request, dossier):
        return redirect("awards:dossier_detail", pk=dossier.pk)
    return _nominee_page(request, dossier, None)


@login_required
def nominee_edit(request: HttpRequest, pk: int) -> HttpResponse:
    nominee = _nominee(request, pk)
    dossier = nominee.dossier
    if not _editable(request, dossier):
        return redirect("awards:dossier_detail", pk=dossier.pk)
    return _nominee_page(request, dossier, nominee)


@login_required
@require_POST
def nominee_delete(request: HttpRequest, pk: int) -> HttpResponse:
    nominee = _nominee(request, pk)
    dossier = nominee.dossier
    if _editable(request, dossier):
        name = nominee.full_name
        try:
            services.nominee_delete(nominee=nominee, user=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Đã bỏ {name} khỏi hồ sơ.")
    return redirect("awards:dossier_detail", pk=dossier.pk)


# --- The flow ------------------------------------------------------------------------------------------------------


@login_required
@require_POST
def dossier_send(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _dossier(request, pk)
    require(_may_send(request.user, dossier), "Chỉ lãnh đạo đơn vị được gửi hồ sơ.")
    if _stale(request, dossier):
        return _render_detail(request, dossier, errors=[STALE], status=409)
    try:
        services.dossier_send(dossier=dossier, user=request.user)
    except DomainError as exc:
        return _render_detail(request, dossier, errors=_lines(exc), status=400)
    messages.success(request, "Đã gửi hồ sơ tới Văn phòng Sở.")
    return redirect("awards:dossier_detail", pk=dossier.pk)


@login_required
@require_POST
def dossier_receive(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _dossier(request, pk)
    require(_may_review(request.user, dossier), REVIEWERS_ONLY)
    if _stale(request, dossier):
        return _render_detail(request, dossier, errors=[STALE], status=409)
    try:
        services.dossier_receive(dossier=dossier, user=request.user)
    except DomainError as exc:
        return _render_detail(request, dossier, errors=_lines(exc), status=400)
    messages.success(request, "Đã nhận hồ sơ để thẩm định.")
    return redirect("awards:dossier_detail", pk=dossier.pk)


@login_required
@require_POST
def dossier_request_changes(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _dossier(request, pk)
    require(_may_review(request.user, dossier), REVIEWERS_ONLY)
    if _stale(request, dossier):
        return _render_detail(request, dossier, errors=[STALE], status=409)
    form = RequestChangesForm(request.POST, nominees=dossier.nominees.all())
    if not form.is_valid():
        return _render_detail(request, dossier, errors=form.non_field_errors(), review_form=form, status=400)
    try:
        services.dossier_request_changes(dossier=dossier, user=request.user, comments=form.comments())
    except DomainError as exc:
        return _render_detail(request, dossier, errors=_lines(exc), review_form=form, status=400)
    messages.success(request, "Đã trả hồ sơ cho đơn vị kèm yêu cầu bổ sung.")
    return redirect("awards:dossier_detail", pk=dossier.pk)


@login_required
@require_POST
def dossier_accept(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _dossier(request, pk)
    require(_may_review(request.user, dossier), REVIEWERS_ONLY)
    if _stale(request, dossier):
        return _render_detail(request, dossier, errors=[STALE], status=409)
    try:
        services.dossier_accept(dossier=dossier, user=request.user)
    except DomainError as exc:
        return _render_detail(request, dossier, errors=_lines(exc), status=400)
    messages.success(request, "Đã công nhận hồ sơ hợp lệ: hồ sơ được đưa ra Hội đồng TĐKT.")
    return redirect("awards:dossier_detail", pk=dossier.pk)


@login_required
@require_POST
def check_override(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _dossier(request, pk)
    require(_may_review(request.user, dossier), "Chỉ Văn phòng Sở được chấp nhận ngoại lệ.")
    form = OverrideForm(request.POST)
    if not form.is_valid():
        errors = [e for field in ("code", "reason") for e in form.errors.get(field, [])]
        return _render_detail(request, dossier, errors=errors, override_form=form, status=400)
    try:
        services.check_override(
            dossier=dossier, user=request.user, code=form.cleaned_data["code"], reason=form.cleaned_data["reason"]
        )
    except StaleEditError as exc:  # another reviewer decided this exception first
        return _render_detail(request, dossier, errors=_lines(exc), status=409)
    except DomainError as exc:
        return _render_detail(request, dossier, errors=_lines(exc), override_form=form, status=400)
    messages.success(request, "Đã chấp nhận ngoại lệ; lý do được ghi vào hồ sơ.")
    return redirect("awards:dossier_detail", pk=dossier.pk)


urlpatterns = [
    path("phong-trao/<int:pk>/khen-thuong/", campaign_dossiers, name="campaign_dossiers"),
    path("phong-trao/<int:pk>/khen-thuong/lap-ho-so/", dossier_create, name="dossier_create"),
    path("ho-so/<int:pk>/", dossier_detail, name="dossier_detail"),
    path("ho-so/<int:pk>/sua/", dossier_edit, name="dossier_edit"),
    path("ho-so/<int:pk>/nguoi/them/", nominee_create, name="nominee_create"),
    path("ho-so/nguoi/<int:pk>/sua/", nominee_edit, name="nominee_edit"),
    path("ho-so/nguoi/<int:pk>/xoa/", nominee_delete, name="nominee_delete"),
    path("ho-so/<int:pk>/gui/", dossier_send, name="dossier_send"),
    path("ho-so/<int:pk>/nhan/", dossier_receive, name="dossier_receive"),
    path("ho-so/<int:pk>/yeu-cau-bo-sung/", dossier_request_changes, name="dossier_request_changes"),
    path("ho-so/<int:pk>/chap-nhan/", dossier_accept, name="dossier_accept"),
    path("ho-so/<int:pk>/bo-qua-kiem-tra/", check_override, name="check_override"),
]
