"""The award register (sổ khen thưởng) with its filters and Excel export, and the award history of a person or
a unit. Everything is read through `records_visible_to`: a record of a unit outside the read scope is never
listed, and a person or unit outside it is 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone

from awards.excel import render_register_xlsx
from awards.models import AwardRecord
from awards.selectors import records_visible_to
from campaigns.models import AwardForm, AwardTarget, Campaign, RoleAssignment, Unit, User
from campaigns.orgchart import lineage_ids, name_as_of, predecessors_of
from campaigns.scope import scope_for
from campaigns.selectors import units_visible_to
from emulation.lib.params import int_param, year_param
from emulation.lib.search import Unaccent, strip_accents

PER_PAGE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filters(request: HttpRequest) -> dict[str, Any]:
    kind = request.GET.get("doi_tuong", "")
    return {
        "q": request.GET.get("q", "").strip()[:200],
        "unit": int_param(request.GET.get("don_vi")),
        "award_form": int_param(request.GET.get("hinh_thuc")),
        "year": year_param(request.GET.get("nam")),
        "campaign": int_param(request.GET.get("phong_trao")),
        "kind": kind if kind in AwardTarget.values else "",
    }


def _records(*, user: User, filters: dict[str, Any]) -> QuerySet[AwardRecord]:
    qs = records_visible_to(user=user).select_related("unit", "award_form", "campaign", "person")
    if query := filters["q"]:
        # Every word, accents ignored: "nguyen van" finds "Nguyễn Văn An".
        qs = qs.annotate(_name=Unaccent("name"))
        for word in (strip_accents(query) or "").split()[:10]:
            qs = qs.filter(_name__icontains=word)
    for key, lookup in (
        ("unit", "unit_id"),
        ("award_form", "award_form_id"),
        ("year", "year"),
        ("campaign", "campaign_id"),
        ("kind", "kind"),
    ):
        if filters[key]:
            qs = qs.filter(**{lookup: filters[key]})
    return qs.order_by("-decision_date", "name", "pk")


def _named_then(records) -> list[AwardRecord]:
    """The records with `unit_then`: the unit as named on the decision's date (one query for the list)."""
    return name_as_of(records, day=lambda r: r.decision_date)


def _without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@login_required
def register(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    records = _records(user=request.user, filters=filters)
    page = Paginator(records, PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = _named_then(page.object_list)
    sums = records.aggregate(total=Sum("amount"), without=Count("pk", filter=Q(amount__isnull=True)))
    # The choices are what the visible register holds, so nobody learns of units or campaigns outside it.
    visible = records_visible_to(user=request.user)
    context = {
        "page": page,
        "total_amount": sums["total"] or 0,
        "without_amount": sums["without"],
        "filters": filters,
        "units": Unit.objects.filter(pk__in=visible.values("unit_id")).order_by("name"),
        "award_forms": AwardForm.objects.filter(pk__in=visible.values("award_form_id")).order_by("order", "name"),
        "campaigns": Campaign.objects.filter(pk__in=visible.values("campaign_id")).order_by("-start_date", "title"),
        "years": visible.order_by("-year").values_list("year", flat=True).distinct(),
        "kinds": AwardTarget.choices,
        "querystring": _without_page(request),
    }
    return render(request, "awards/register.html", context)


@login_required
def register_excel(request: HttpRequest) -> HttpResponse:
    records = _records(user=request.user, filters=_filters(request))
    response = HttpResponse(render_register_xlsx(records.iterator(chunk_size=2000)), content_type=XLSX)
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="so-khen-thuong-{stamp}.xlsx"'
    return response


def _people_visible_to(user: User) -> QuerySet[User]:
    """People who hold (or held) a role in a unit the user reads, or who appear on a record the user sees."""
    scope = scope_for(user)
    if scope.everything:
        return User.objects.all()
    in_scope = RoleAssignment.objects.filter(scope.readable("unit__path")).values("user_id")
    on_records = records_visible_to(user=user).filter(person__isnull=False).values("person_id")
    return User.objects.filter(Q(pk__in=in_scope) | Q(pk__in=on_records))


@login_required
def person_history(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(_people_visible_to(request.user), pk=pk)
    # One history across mergers: the records are the person's wherever the unit went; each names its unit as it
    # was on the decision's date.
    records = _named_then(
        records_visible_to(user=request.user)
        .filter(person=person)
        .select_related("unit", "award_form", "campaign")
        .order_by("-decision_date", "-year", "-pk")
    )
    roles = (
        RoleAssignment.objects.filter(scope_for(request.user).readable("unit__path"), user=person)
        .select_related("unit")
        .order_by("-valid_from", "unit__name")
    )
    return render(request, "awards/history_person.html", {"person": person, "records": records, "roles": roles})


@login_required
def unit_history(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(units_visible_to(user=request.user), pk=pk)
    # The unit's history includes its predecessors' (a Sở merged into it keeps its awards in one history), each
    # record named as on its decision's date.
    lineage = lineage_ids(unit)
    records = _named_then(
        records_visible_to(user=request.user)
        .filter(unit_id__in=lineage)
        .select_related("unit", "award_form", "campaign", "person")
        .order_by("-decision_date", "-year", "-pk")
    )
    context = {
        "unit": unit,
        "predecessors": predecessors_of(unit) if len(lineage) > 1 else [],
        "collective": [r for r in records if r.kind == AwardTarget.TAP_THE],
        "individual": [r for r in records if r.kind == AwardTarget.CA_NHAN],
    }
    return render(request, "awards/history_unit.html", context)


urlpatterns = [
    path("so-khen-thuong/", register, name="register"),
    path("so-khen-thuong/excel/", register_excel, name="register_excel"),
    path("lich-su/nguoi/<int:pk>/", person_history, name="person_history"),
    path("lich-su/don-vi/<int:pk>/", unit_history, name="unit_history"),
]
