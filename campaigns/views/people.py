"""Pages of the people registers: initiatives (sáng kiến) and the yearly ratings (xếp loại).

Every object is fetched through a scoped read (campaigns.people_services): not in scope → 404; in scope but not
allowed to change it → 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from campaigns import selectors
from campaigns.models import Unit, User
from campaigns.people import Initiative, InitiativeLevel, RatingLevel, RatingSheet, RatingStatus
from campaigns.people_excel import parse_ratings_xlsx, render_ratings_xlsx, template_filename
from campaigns.people_forms import InitiativeForm, ReturnForm
from campaigns.people_services import (
    clean_rating_rows,
    initiative_save,
    initiatives_visible_to,
    may_edit_initiatives,
    may_enter_ratings,
    may_review_ratings,
    people_of,
    rating_sheets_visible_to,
    ratings_approve,
    ratings_return,
    ratings_save,
    ratings_send,
    sheet_of,
    units_for_initiatives,
)
from campaigns.scope import scope_for
from emulation.lib.access import require
from emulation.lib.errors import DomainError
from emulation.lib.params import count_param, int_param, year_param
from emulation.lib.search import Unaccent, strip_accents

PER_PAGE = 50
HISTORY_ROWS = 20
EXTRA_ROWS = 5
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- Initiatives ------------------------------------------------------------------------------------------------


@login_required
def initiative_list(request: HttpRequest) -> HttpResponse:
    initiatives = initiatives_visible_to(user=request.user)
    query = request.GET.get("q", "").strip()[:100]
    author = request.GET.get("tac_gia", "").strip()[:100]
    unit_id = int_param(request.GET.get("don_vi"))
    year = year_param(request.GET.get("nam"))
    level = request.GET.get("cap", "")
    level = level if level in InitiativeLevel.values else ""
    if query:
        initiatives = initiatives.annotate(_title=Unaccent("title")).filter(_title__icontains=strip_accents(query))
    if author:
        initiatives = initiatives.annotate(_authors=Unaccent("author_names")).filter(
            Q(_authors__icontains=strip_accents(author)) | Q(authors__full_name__icontains=author)
        )
    units = selectors.units_visible_to(user=request.user).filter(initiatives__isnull=False).distinct()
    if unit_id:
        initiatives = initiatives.filter(unit_id=unit_id)
    if year:
        initiatives = initiatives.filter(year=year)
    if level:
        initiatives = initiatives.filter(level=level)
    page = Paginator(initiatives.distinct().order_by("-year", "title", "pk"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    filters = request.GET.copy()
    filters.pop("page", None)
    return render(
        request,
        "campaigns/people/initiative_list.html",
        {
            "page": page,
            "query": query,
            "author": author,
            "unit_id": unit_id,
            "year": year,
            "level": level,
            "units": units,
            "levels": InitiativeLevel.choices,
            "can_add": units_for_initiatives(user=request.user).exists(),
            "filters": filters.urlencode(),
        },
    )


@login_required
def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_object_or_404(initiatives_visible_to(user=request.user), pk=pk)
    history = initiative.history.select_related("history_user")[:HISTORY_ROWS]
    return render(
        request,
        "campaigns/people/initiative_detail.html",
        {
            "initiative": initiative,
            "history": history,
            "can_edit": may_edit_initiatives(unit=initiative.unit, user=request.user),
            "nominees": _nominees_of(initiative),
        },
    )


def _nominees_of(initiative: Initiative) -> list:
    # Nominee.initiatives (awards) points here once the award flow links them; until then nothing to list.
    related = getattr(initiative, "nominees", None)
    return list(related.select_related("dossier", "award_form")[:20]) if related is not None else []


def _authors_for(initiative: Initiative) -> list[User]:
    """Accounts of the unit whose names are among the authors."""
    from campaigns.people import name_key

    names = {name_key(n) for n in initiative.author_list}
    people = people_of(unit=initiative.unit, day=timezone.localdate())
    return [user for full_name, _position, user in people if name_key(full_name) in names]


def _initiative_form_page(request: HttpRequest, form: InitiativeForm, initiative: Initiative | None) -> HttpResponse:
    return render(request, "campaigns/people/initiative_form.html", {"form": form, "initiative": initiative})


@login_required
def initiative_create(request: HttpRequest) -> HttpResponse:
    units = units_for_initiatives(user=request.user)
    require(units.exists(), "Chỉ cán bộ, lãnh đạo đơn vị hoặc Văn phòng Sở được thêm sáng kiến.")
    if request.method != "POST":
        initial = {"year": timezone.localdate().year}
        if units.count() == 1:
            initial["unit"] = units.first()
        return _initiative_form_page(request, InitiativeForm(units=units, initial=initial), None)
    form = InitiativeForm(request.POST, units=units)
    if not form.is_valid():
        return _initiative_form_page(request, form, None)
    initiative = form.save(commit=False)
    try:
        initiative_save(initiative=initiative, user=request.user, authors=_authors_for(initiative))
    except DomainError as error:
        form.add_error(None, error.message)
        return _initiative_form_page(request, form, None)
    messages.success(request, f"Đã thêm sáng kiến “{initiative.title}”.")
    return redirect("campaigns:initiative_detail", initiative.pk)


@login_required
def initiative_edit(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_object_or_404(initiatives_visible_to(user=request.user), pk=pk)
    require(
        may_edit_initiatives(unit=initiative.unit, user=request.user),
        "Chỉ cán bộ, lãnh đạo của đơn vị hoặc Văn phòng Sở được sửa sáng kiến của đơn vị.",
    )
    units = Unit.objects.filter(pk=initiative.unit_id)
    if request.method != "POST":
        return _initiative_form_page(request, InitiativeForm(instance=initiative, units=units), initiative)
    form = InitiativeForm(request.POST, instance=initiative, units=units)
    if not form.is_valid():
        return _initiative_form_page(request, form, initiative)
    version = count_param(form.cleaned_data.get("version"))
    saved = form.save(commit=False)
    try:
        initiative_save(initiative=saved, user=request.user, authors=_authors_for(saved), version=version)
    except DomainError as error:
        form.add_error(None, error.message)
        return _initiative_form_page(request, form, initiative)
    messages.success(request, "Đã lưu sáng kiến.")
    return redirect("campaigns:initiative_detail", initiative.pk)


# --- Ratings ----------------------------------------------------------------------------------------------------


@login_required
def rating_list(request: HttpRequest) -> HttpResponse:
    """The sheets the user reads: Văn phòng Sở sees what waits for review first; a unit head their units."""
    sheets = rating_sheets_visible_to(user=request.user)
    status = request.GET.get("trang_thai", "")
    status = status if status in RatingStatus.values else ""
    year = year_param(request.GET.get("nam"))
    if status:
        sheets = sheets.filter(status=status)
    if year:
        sheets = sheets.filter(year=year)
    scope = scope_for(request.user)
    head_of = [g for g in scope.grants if g.role == "lanh_dao"]
    today = timezone.localdate()
    suggested_year = today.year if today.month >= 11 else today.year - 1
    page = Paginator(sheets.order_by("-year", "unit__path"), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "campaigns/people/rating_list.html",
        {
            "page": page,
            "status": status,
            "year": year,
            "statuses": RatingStatus.choices,
            "head_of": head_of,
            "suggested_year": suggested_year,
        },
    )


def _sheet_unit(request: HttpRequest, unit_pk: int, year: int) -> Unit:
    if year_param(str(year)) is None:
        raise Http404
    return get_object_or_404(selectors.units_visible_to(user=request.user), pk=unit_pk)


def _rows_from_post(request: HttpRequest) -> list[tuple[int, str, str, str]]:
    count = min(count_param(request.POST.get("rows")) or 0, 600)
    return [
        (
            index + 1,
            request.POST.get(f"name-{index}", ""),
            request.POST.get(f"position-{index}", ""),
            request.POST.get(f"rating-{index}", ""),
        )
        for index in range(count)
    ]


def _render_sheet(
    request: HttpRequest,
    unit: Unit,
    year: int,
    *,
    rows: list[tuple[int, str, str, str]] | None = None,
    errors: list[str] | None = None,
    return_form: ReturnForm | None = None,
    status: int = 200,
) -> HttpResponse:
    sheet = sheet_of(unit=unit, year=year)
    can_enter = may_enter_ratings(unit=unit, user=request.user)
    editable = can_enter and (sheet is None or sheet.is_editable)
    prefilled = False
    if rows is None:
        if sheet is not None and sheet.rows.exists():
            rows = [(i, r.full_name, r.position, r.rating) for i, r in enumerate(sheet.rows.all(), start=1)]
        elif editable:
            people = people_of(unit=unit, day=timezone.localdate())
            rows = [(i, name, position, "") for i, (name, position, _user) in enumerate(people, start=1)]
            prefilled = bool(rows)
        else:
            rows = []
    if editable:
        rows = rows + [(len(rows) + i, "", "", "") for i in range(1, EXTRA_ROWS + 1)]
    history = sheet.history.select_related("history_user")[:HISTORY_ROWS] if sheet is not None else []
    return render(
        request,
        "campaigns/people/rating_sheet.html",
        {
            "unit": unit,
            "year": year,
            "sheet": sheet,
            "rows": [(index, row) for index, row in enumerate(rows)],
            "row_count": len(rows),
            "levels": RatingLevel.choices,
            "editable": editable,
            "can_enter": can_enter,
            "can_send": can_enter and sheet is not None and sheet.is_editable and sheet.rows.exists(),
            "can_review": sheet is not None
            and sheet.status in (RatingStatus.DA_GUI, RatingStatus.DA_DUYET)
            and may_review_ratings(unit=unit, user=request.user),
            "prefilled": prefilled,
            "errors": errors or [],
            "return_form": return_form or ReturnForm(),
            "history": history,
            "years": [y for y in (year - 1, year + 1) if y <= timezone.localdate().year],
        },
        status=status,
    )


@login_required
def rating_sheet(request: HttpRequest, unit_pk: int, year: int) -> HttpResponse:
    unit = _sheet_unit(request, unit_pk, year)
    if request.method != "POST":
        return _render_sheet(request, unit, year)
    require(may_enter_ratings(unit=unit, user=request.user), "Chỉ lãnh đạo đơn vị được nhập xếp loại của đơn vị.")
    raw = _rows_from_post(request)
    version = count_param(request.POST.get("version")) or None
    try:
        rows = clean_rating_rows(raw)
        ratings_save(unit=unit, year=year, user=request.user, rows=rows, version=version)
    except DomainError as error:
        return _render_sheet(request, unit, year, rows=raw, errors=error.message.splitlines(), status=400)
    messages.success(request, f"Đã lưu xếp loại năm {year} ({len(rows)} người).")
    return redirect("campaigns:rating_sheet", unit.pk, year)


@login_required
def rating_template(request: HttpRequest, unit_pk: int, year: int) -> HttpResponse:
    unit = _sheet_unit(request, unit_pk, year)
    sheet = sheet_of(unit=unit, year=year)
    if sheet is not None and sheet.rows.exists():
        rows = [(r.full_name, r.position, r.get_rating_display()) for r in sheet.rows.all()]
    else:
        rows = [(name, position, "") for name, position, _user in people_of(unit=unit, day=timezone.localdate())]
    response = HttpResponse(render_ratings_xlsx(unit=unit, year=year, rows=rows), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{template_filename(unit, year)}"'
    return response


@login_required
@require_POST
def rating_import(request: HttpRequest, unit_pk: int, year: int) -> HttpResponse:
    unit = _sheet_unit(request, unit_pk, year)
    require(may_enter_ratings(unit=unit, user=request.user), "Chỉ lãnh đạo đơn vị được nhập xếp loại của đơn vị.")
    upload = request.FILES.get("file")
    version = count_param(request.POST.get("version")) or None
    if upload is None:
        return _render_sheet(request, unit, year, errors=["Chưa chọn tệp Excel."], status=400)
    try:
        rows = parse_ratings_xlsx(upload, unit=unit, year=year)
        ratings_save(unit=unit, year=year, user=request.user, rows=rows, version=version)
    except DomainError as error:
        errors = ["Chưa nhập dòng nào: sửa các lỗi sau trong tệp rồi tải lên lại.", *error.message.splitlines()]
        return _render_sheet(request, unit, year, errors=errors, status=400)
    messages.success(request, f"Đã nhập xếp loại năm {year} từ tệp Excel ({len(rows)} người).")
    return redirect("campaigns:rating_sheet", unit.pk, year)


def _sheet_for_action(request: HttpRequest, unit_pk: int, year: int) -> RatingSheet:
    unit = _sheet_unit(request, unit_pk, year)
    return get_object_or_404(RatingSheet.objects.select_related("unit"), unit=unit, year=year)


@login_required
@require_POST
def rating_send(request: HttpRequest, unit_pk: int, year: int) -> HttpResponse:
    sheet = _sheet_for_action(request, unit_pk, year)
    require(may_enter_ratings(unit=sheet.unit, user=request.user), "Chỉ lãnh đạo đơn vị được gửi bảng xếp loại.")
    try:
        ratings_send(sheet=sheet, user=request.user, version=count_param(request.POST.get("version")) or 0)
        messages.success(request, f"Đã gửi bảng xếp loại năm {year} đến Văn phòng Sở.")
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("campaigns:rating_sheet", unit_pk, year)


@login_required
@require_POST
def rating_review(request: HttpRequest, unit_pk: int, year: int) -> HttpResponse:
    sheet = _sheet_for_action(request, unit_pk, year)
    require(may_review_ratings(unit=sheet.unit, user=request.user), "Chỉ Văn phòng Sở được duyệt bảng xếp loại.")
    version = count_param(request.POST.get("version")) or 0
    try:
        if request.POST.get("action") == "duyet":
            ratings_approve(sheet=sheet, user=request.user, version=version)
            messages.success(request, f"Đã duyệt bảng xếp loại năm {year} của {sheet.unit.name}.")
        else:
            form = ReturnForm(request.POST)
            if not form.is_valid():
                return _render_sheet(request, sheet.unit, year, return_form=form, status=400)
            ratings_return(sheet=sheet, user=request.user, version=version, note=form.cleaned_data["note"])
            messages.success(request, f"Đã trả lại bảng xếp loại năm {year} cho {sheet.unit.name}.")
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(reverse("campaigns:rating_sheet", args=[unit_pk, year]))
