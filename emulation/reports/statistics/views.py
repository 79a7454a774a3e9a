"""Pages of the TĐKT statistics (Thông tư 02/2023/TT-BNV): request one and list them; the biểu as a table whose
numbers link to the awards behind them; the list behind one number. Files and progress are the report pages'."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from emulation.lib.access import require
from emulation.lib.errors import DomainError
from emulation.reports.models import ReportKind, ReportStatus
from emulation.reports.statistics import services
from emulation.reports.statistics.bieu import BIEU, SOURCE, bieu_by_slug
from emulation.reports.statistics.counts import bieu_cells, cell_of
from emulation.reports.statistics.job import statistics_scope

PAGE_SIZE = 500


class StatisticsRequestForm(forms.Form):
    scope = forms.ChoiceField(label="Phạm vi")
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    date_from = forms.DateField(
        label="Từ ngày (để trống: cả năm)", required=False, input_formats=["%d/%m/%Y"],
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
    )  # fmt: skip
    date_to = forms.DateField(
        label="Đến ngày (để trống: cả năm)", required=False, input_formats=["%d/%m/%Y"],
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
    )  # fmt: skip
    count_by = forms.ChoiceField(
        label="Đếm khen thưởng theo",
        choices=[
            ("quyet_dinh", "Ngày quyết định nằm trong kỳ thống kê"),
            ("nam", "Năm khen thưởng ghi trong sổ (khen thưởng năm … , kể cả quyết định ký đầu năm sau)"),
        ],
        initial="quyet_dinh",
        help_text="Khen thưởng cuối năm thường được quyết định vào đầu năm sau: đếm theo ngày quyết định thì số liệu "
        "là những gì đã quyết định trong kỳ; đếm theo năm khen thưởng thì là thành tích của năm đó (chỉ cho cả năm).",
    )
    signer_title = forms.CharField(
        label="Chức danh người ký", required=False, max_length=128, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Mỗi dòng một dòng của khối chữ ký. Để trống cả chức danh và tên: người ký văn bản của Sở.",
    )  # fmt: skip
    signer_name = forms.CharField(label="Người ký", required=False, max_length=128)
    number = forms.CharField(label="Số báo cáo", required=False, max_length=32, help_text="Để trống: điền tay.")
    recipients = forms.CharField(
        label="Nơi nhận", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Mỗi dòng một nơi nhận. Để trống: Ban Thi đua – Khen thưởng tỉnh (thống kê của Sở) hoặc Ban Thi "
        "đua – Khen thưởng Trung ương (thống kê toàn tỉnh); dòng “Lưu: VT, VP.” được thêm tự động.",
    )  # fmt: skip

    def __init__(self, *args, units, provinces, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(f"don-vi:{u.pk}", u.name) for u in units]
        choices += [(f"tinh:{p}", f"Toàn tỉnh {p}") for p in provinces]
        self.fields["scope"].choices = choices
        self.fields["year"].initial = timezone.localdate().year - 1

    def clean(self):
        data = super().clean()
        year = data.get("year")
        first, last = data.get("date_from"), data.get("date_to")
        if year:
            first = first or datetime.date(year, 1, 1)
            last = last or datetime.date(year, 12, 31)
            if first.year != year and last.year != year:
                self.add_error("date_from", "Kỳ thống kê phải thuộc năm đã chọn.")
            if last < first:
                self.add_error("date_to", "Ngày kết thúc phải sau ngày bắt đầu.")
            data["range"] = (first, last)
        title, name = (data.get("signer_title") or "").strip(), (data.get("signer_name") or "").strip()
        if title and not name:
            self.add_error("signer_name", "Nhập họ tên người ký, hoặc để trống cả chức danh.")
        if name and not title:
            self.add_error("signer_title", "Nhập chức danh người ký, ví dụ: GIÁM ĐỐC.")
        return data


def _statistics_reports(user):
    from emulation.reports.views import reports_visible_to

    return reports_visible_to(user=user).filter(kind=ReportKind.THONG_KE)


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    """The statistics' page: the request form (Văn phòng Sở, Ban TĐKT) and the statistics one may read."""
    units = services.units_for_request(request.user)
    provinces = services.provinces_for_request(request.user)
    can_request = units.exists() or bool(provinces)
    form = StatisticsRequestForm(request.POST or None, units=units, provinces=provinces)
    if request.method == "POST":
        require(can_request, services.NOT_ALLOWED)
        if form.is_valid():
            kind, _, value = form.cleaned_data["scope"].partition(":")
            unit = get_object_or_404(units, pk=value) if kind == "don-vi" else None
            first, last = form.cleaned_data["range"]
            try:
                report = services.statistics_request(
                    user=request.user, date_from=first, date_to=last, unit=unit,
                    province=value if kind == "tinh" else "",
                    signer_title=form.cleaned_data["signer_title"], signer_name=form.cleaned_data["signer_name"],
                    number=form.cleaned_data["number"], recipients=form.cleaned_data["recipients"],
                    count_by=form.cleaned_data["count_by"],
                )  # fmt: skip
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                report.refresh_from_db(fields=["status"])
                if report.status != ReportStatus.LOI:
                    messages.success(request, "Đã yêu cầu tạo thống kê. Trang này tự cập nhật tiến độ.")
                return redirect("reports:report_detail", pk=report.pk)
    context = {
        "form": form if can_request else None,
        "reports": _statistics_reports(request.user).select_related("unit", "requested_by")[:200],
        "bieu": BIEU,
        "source": SOURCE,
    }
    return render(request, "reports/statistics.html", context)


@login_required
def statistics_table(request: HttpRequest, pk: int) -> HttpResponse:
    """The biểu of one statistics report, counted now with the viewer's scope; each number links to its list."""
    report = get_object_or_404(_statistics_reports(request.user).select_related("unit"), pk=pk)
    scope = statistics_scope(report, request.user)
    tables = [(bieu, bieu_cells(bieu, scope)) for bieu in BIEU]
    return render(request, "reports/statistics_table.html", {"report": report, "tables": tables, "source": SOURCE})


@login_required
def statistics_cell(request: HttpRequest, pk: int, bieu: str, row: str, column: str) -> HttpResponse:
    """The awards (or campaigns) behind one number: the same rule as the number (counts.bieu_cells)."""
    report = get_object_or_404(_statistics_reports(request.user).select_related("unit"), pk=pk)
    layout = bieu_by_slug(bieu)
    if layout is None:
        raise Http404("Không có biểu này.")
    cell = cell_of(layout, statistics_scope(report, request.user), row, column)
    if cell is None:
        raise Http404("Không có ô này trong biểu.")
    items = None
    if cell.answerable:
        if layout.subject == "awards":
            items = cell.query.select_related("unit", "award_form", "campaign").order_by("-decision_date", "name")
        else:
            items = cell.query.select_related("owner").order_by("start_date", "title")
    context = {
        "report": report,
        "bieu": layout,
        "cell": cell,
        "items": items[:PAGE_SIZE] if items is not None else None,
        "more": max(0, cell.value - PAGE_SIZE) if cell.answerable else 0,
    }
    return render(request, "reports/statistics_cell.html", context)
