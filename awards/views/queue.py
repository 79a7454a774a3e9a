"""“Hồ sơ khen thưởng”: every dossier the user may read across campaigns — for Văn phòng Sở the queue of what the
units sent — filterable by state, round, year, unit and campaign, oldest state change first."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone

from awards import selectors
from awards.models import DossierStatus, RoundKind
from campaigns.models import Campaign, Role, Unit
from campaigns.scope import scope_for

PER_PAGE = 50
# What the office has to act on: received and being appraised. The queue opens on these for Văn phòng Sở.
WAITING = (DossierStatus.DA_GUI, DossierStatus.DANG_THAM_DINH)
FILTER_WIDTHS = (("trang_thai", 3), ("dot", 2), ("nam", 2), ("don_vi", 5), ("phong_trao", 8))


class DossierQueueFilter(forms.Form):
    """Filters of the queue; a value that does not parse (or is out of the user's reach) is ignored."""

    trang_thai = forms.ChoiceField(label="Trạng thái", required=False)
    dot = forms.ChoiceField(label="Đợt", required=False)
    nam = forms.TypedChoiceField(label="Năm", required=False, coerce=int, empty_value=None)
    don_vi = forms.ModelChoiceField(label="Đơn vị", required=False, queryset=Unit.objects.none())
    phong_trao = forms.ModelChoiceField(label="Phong trào", required=False, queryset=Campaign.objects.none())

    def __init__(self, *args, dossiers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trang_thai"].choices = [
            ("", "Mọi trạng thái"),
            ("cho_xu_ly", "Chờ tiếp nhận, thẩm định"),
            *DossierStatus.choices,
        ]
        self.fields["dot"].choices = [("", "Tất cả các đợt"), *RoundKind.choices]
        years = sorted(set(dossiers.order_by().values_list("year", flat=True)), reverse=True)
        self.fields["nam"].choices = [("", "Tất cả các năm")] + [(y, str(y)) for y in years]
        self.fields["don_vi"].queryset = Unit.objects.filter(pk__in=dossiers.values("unit_id")).order_by("path")
        self.fields["don_vi"].empty_label = "Tất cả đơn vị"
        self.fields["phong_trao"].queryset = Campaign.objects.filter(pk__in=dossiers.values("campaign_id")).order_by(
            "-start_date", "title"
        )
        self.fields["phong_trao"].empty_label = "Tất cả phong trào"
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        unit, campaign = data.get("don_vi"), data.get("phong_trao")
        return {
            "status": data.get("trang_thai") or None,
            "round": data.get("dot") or None,
            "year": data.get("nam") or None,
            "unit": unit.pk if unit else None,
            "campaign": campaign.pk if campaign else None,
        }


@login_required
def dossier_list(request: HttpRequest) -> HttpResponse:
    visible = selectors.dossiers_visible_to(user=request.user)
    office = scope_for(request.user).has_role(Role.VAN_PHONG)
    params = request.GET.copy()
    if office and not params:
        # Văn phòng Sở comes here to work: open on what waits for it.
        params["trang_thai"] = "cho_xu_ly"
    filter_form = DossierQueueFilter(params, dossiers=visible)
    filters = filter_form.filters()
    waiting = filters["status"] == "cho_xu_ly"
    queue = selectors.dossier_queue(
        user=request.user, filters={**filters, "status": None if waiting else filters["status"]}
    )
    if waiting:
        queue = queue.filter(status__in=WAITING)
    queue = queue.select_related("campaign__owner")
    page = Paginator(queue, PER_PAGE).get_page(request.GET.get("page"))
    now = timezone.now()
    for dossier in page:
        dossier.days_waiting = (now - dossier.status_changed_at).days
    params.pop("page", None)
    context = {
        "page": page,
        "filter_form": filter_form,
        # Bootstrap columns of each filter: state, round, year and unit on a row, the campaign and buttons below.
        "filter_fields": [(filter_form[name], width) for name, width in FILTER_WIDTHS],
        "filtered": any(filters.values()),
        "querystring": params.urlencode(),
        "office": office,
        "waiting": waiting,
    }
    return render(request, "awards/dossier_queue.html", context)


urlpatterns = [path("ho-so/", dossier_list, name="dossier_list")]
