"""“Nhập số liệu”: a direct way in for a unit's cán bộ and lãnh đạo — choose the unit and the period (as in DHIS2's
data entry), then the form; and the periods still to send, each one click away."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from campaigns.models import ReportingPeriod, Unit
from emulation.lib.access import require
from emulation.lib.params import int_param
from indicators import selectors
from indicators.views.submissions import submission_start

WRITERS_ONLY = "Chỉ cán bộ, lãnh đạo của đơn vị được nhập số liệu."


class EntryForm(forms.Form):
    """Which unit, which period. Only pairs where the unit is expected to report are accepted."""

    don_vi = forms.TypedChoiceField(
        label="Đơn vị", coerce=int, error_messages={"required": "Chọn đơn vị.", "invalid_choice": "Chọn đơn vị."}
    )
    ky = forms.TypedChoiceField(
        label="Kỳ báo cáo",
        coerce=int,
        error_messages={"required": "Chọn kỳ báo cáo.", "invalid_choice": "Chọn kỳ báo cáo trong danh sách."},
    )

    def __init__(self, *args, units: list[Unit], rows: list[selectors.ReportingRow], **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {u.pk: u for u in units}
        self.periods: dict[int, ReportingPeriod] = {}
        self.pairs = {(row.unit.pk, row.period.pk) for row in rows}
        grouped: dict[str, list[tuple[int, str]]] = {}
        for row in sorted(rows, key=lambda r: r.period.due_date, reverse=True):
            if row.period.pk in self.periods:
                continue
            self.periods[row.period.pk] = row.period
            label = f"{row.period} (hạn {row.period.due_date:%d/%m/%Y})"
            grouped.setdefault(row.period.campaign.title, []).append((row.period.pk, label))
        self.fields["don_vi"].choices = [("", "— Chọn đơn vị —")] + [(u.pk, u.name) for u in units]
        self.fields["ky"].choices = [("", "— Chọn kỳ báo cáo —"), *grouped.items()]

    def clean(self):
        cleaned = super().clean()
        unit, period = cleaned.get("don_vi"), cleaned.get("ky")
        if unit is not None and period is not None and (unit, period) not in self.pairs:
            self.add_error("ky", "Đơn vị đã chọn không báo cáo kỳ này. Chọn kỳ báo cáo khác.")
        return cleaned


@login_required
def data_entry(request: HttpRequest) -> HttpResponse:
    """GET: the choice (pre-filled from ?don_vi=&ky=, as the inbox links it) and the periods still to send.
    POST: open the unit's submission for the period — created if needed — through `submission_start`."""
    units = selectors.entry_units(user=request.user)
    require(bool(units), WRITERS_ONLY)
    rows = selectors.reporting_rows(user=request.user, units=units)
    if request.method == "POST":
        form = EntryForm(request.POST, units=units, rows=rows)
        if form.is_valid():
            return submission_start(request, pk=form.cleaned_data["ky"], unit_pk=form.cleaned_data["don_vi"])
        status = 400
    else:
        initial = {"don_vi": int_param(request.GET.get("don_vi")), "ky": int_param(request.GET.get("ky"))}
        if len(units) == 1 and not initial["don_vi"]:
            initial["don_vi"] = units[0].pk
        form = EntryForm(units=units, rows=rows, initial=initial)
        status = 200
    today = timezone.localdate()
    todo = selectors.still_to_send(rows, today=today)
    context = {"form": form, "todo": todo, "today": today, "due_soon_days": selectors.DUE_SOON_DAYS}
    return render(request, "indicators/data_entry.html", context, status=status)
