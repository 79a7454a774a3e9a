"""Report pages: request one, watch its progress, download it; the download centre; the campaign's tab."""

from __future__ import annotations

import logging

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from campaigns import selectors as campaign_selectors
from campaigns.models import Campaign, ReportingPeriod, User
from campaigns.paper import report_signer
from campaigns.scope import scope_for
from campaigns.tabs import campaign_tab_links
from emulation import workers
from emulation.lib.access import require
from emulation.lib.downloads import file_response
from emulation.lib.errors import DomainError
from emulation.lib.params import int_param, year_param
from emulation.reports import services
from emulation.reports.models import Report, ReportDownload, ReportStatus

logger = logging.getLogger(__name__)


def reports_visible_to(*, user: User) -> QuerySet[Report]:
    """Reports of campaigns one may see, for a scope one may read (the province, one's unit, one's cluster)."""
    scope = scope_for(user)
    campaigns = campaign_selectors.campaigns_visible_to(user=user)
    clusters = campaign_selectors.clusters_visible_to(user=user)
    whole = Q(unit__isnull=True, cluster__isnull=True) & (
        scope.readable("campaign__owner__path") | Q(campaign__in=campaign_selectors.campaigns_managed_by(user=user))
    )
    return Report.objects.filter(campaign__in=campaigns).filter(
        whole | Q(unit__isnull=False) & scope.readable("unit__path") | Q(cluster__in=clusters)
    )


class ReportRequestForm(forms.Form):
    period = forms.ModelChoiceField(label="Kỳ báo cáo", queryset=ReportingPeriod.objects.none())
    unit = forms.ModelChoiceField(label="Chỉ một đơn vị (để trống: cả phong trào)", required=False, queryset=None)
    assessment = forms.CharField(label="IV. Đánh giá chung", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    direction = forms.CharField(label="V. Phương hướng", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    signer_title = forms.CharField(
        label="Chức danh người ký",
        required=False,
        max_length=128,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Mỗi dòng một dòng của khối chữ ký, ví dụ: KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC.",
    )
    signer_name = forms.CharField(label="Người ký", required=False, max_length=128)
    number = forms.CharField(
        label="Số báo cáo",
        required=False,
        max_length=32,
        help_text="Để trống: để khoảng trống “Số:      /BC-…” và điền tay khi ban hành.",
    )
    recipients = forms.CharField(
        label="Nơi nhận",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Mỗi dòng một nơi nhận. Để trống: Ban Thi đua – Khen thưởng tỉnh, Vụ Thi đua – Khen thưởng của Bộ, "
        "Ban Giám đốc Sở và các đơn vị của báo cáo; dòng “Lưu: VT, VP.” được thêm tự động.",
    )

    def __init__(self, *args, campaign: Campaign, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = campaign.reporting_periods.order_by("due_date")
        self.fields["unit"].queryset = units
        signer = report_signer(campaign, campaign.owner, timezone.localdate())
        if signer is not None:
            self.fields["signer_name"].help_text = (
                f"Để trống cả chức danh và tên: {signer.name} ({' / '.join(signer.lines)}) ký báo cáo — người ký "
                "báo cáo định kỳ của phong trào, hoặc người ký văn bản của Sở hôm nay."
            )
        else:
            self.fields["signer_name"].help_text = (
                "Phong trào và Sở chưa có người ký báo cáo: nhập chức danh và tên người ký, nếu không báo cáo sẽ "
                "không được tạo."
            )

    def clean(self):
        data = super().clean()
        title, name = (data.get("signer_title") or "").strip(), (data.get("signer_name") or "").strip()
        if title and not name:
            self.add_error("signer_name", "Nhập họ tên người ký, hoặc để trống cả chức danh để dùng người ký đã đặt.")
        if name and not title:
            self.add_error("signer_title", "Nhập chức danh người ký, ví dụ: GIÁM ĐỐC.")
        return data


def _campaign(request: HttpRequest, pk: int) -> Campaign:
    return get_object_or_404(campaign_selectors.campaigns_visible_to(user=request.user).select_related("owner"), pk=pk)


@login_required
def campaign_reports(request: HttpRequest, pk: int) -> HttpResponse:
    """The campaign's "Báo cáo" tab: its reports and, for Văn phòng Sở and Ban TĐKT, a request form."""
    campaign = _campaign(request, pk)
    can_request = services.may_request(request.user, campaign)
    units = campaign_selectors.campaign_expected_registrants(campaign=campaign).filter(
        scope_for(request.user).readable("path")
    )
    form = ReportRequestForm(request.POST or None, campaign=campaign, units=units)
    if request.method == "POST":
        require(can_request, "Chỉ Văn phòng Sở và Ban TĐKT được yêu cầu tạo báo cáo.")
        if form.is_valid():
            try:
                report = services.report_request(user=request.user, campaign=campaign, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                # The job is sent when the request's transaction commits, which has happened by now: if the queue
                # was down the report already says so, and a "requested" message would contradict it.
                report.refresh_from_db(fields=["status"])
                if report.status != ReportStatus.LOI:
                    messages.success(request, "Đã yêu cầu tạo báo cáo. Trang này tự cập nhật tiến độ.")
                return redirect("reports:report_detail", pk=report.pk)
    context = {
        "campaign": campaign,
        "reports": reports_visible_to(user=request.user)
        .filter(campaign=campaign)
        .select_related("period", "unit", "cluster", "requested_by"),
        "form": form if can_request else None,
        "tabs": campaign_tab_links(campaign),
        "active_tab": "bao-cao",
    }
    return render(request, "reports/campaign_reports.html", context)


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    """The download centre: every generated report in scope, filterable."""
    reports = reports_visible_to(user=request.user).select_related(
        "campaign", "period", "unit", "cluster", "requested_by"
    )
    campaign_id = request.GET.get("phong_trao", "")
    if (campaign_pk := int_param(campaign_id)) is not None:
        reports = reports.filter(campaign_id=campaign_pk)
    year = request.GET.get("nam", "")
    if (year_value := year_param(year)) is not None:
        reports = reports.filter(period__year=year_value)
    kind = request.GET.get("ky", "")
    if kind in ("sau_thang", "nam"):
        reports = reports.filter(period__kind=kind)
    context = {
        "reports": reports[:200],
        "campaigns": campaign_selectors.campaigns_visible_to(user=request.user).order_by("-start_date"),
        "filters": {"campaign": campaign_id, "year": year, "kind": kind},
    }
    return render(request, "reports/report_list.html", context)


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(
        reports_visible_to(user=request.user).select_related("campaign", "period", "unit", "cluster"), pk=pk
    )
    context = {"report": report, "downloads": report.downloads.select_related("user")[:20]}
    if not report.is_finished:
        # Waiting with no worker alive: say so instead of a progress bar that never moves.
        context["no_worker"] = workers.queue_has_worker() is False
    elif report.status == ReportStatus.XONG:
        context["files_missing"] = _missing_files(report)
    template = "reports/_progress.html" if request.htmx else "reports/report_detail.html"
    return render(request, template, context)


def _missing_files(report: Report) -> bool:
    """A finished report whose files this host cannot read: a worker on a host without the shared media."""
    for file in (report.pdf_file, report.xlsx_file):
        if file and not file.storage.exists(file.name):
            logger.warning(
                "report %s: file %s (produced by %s) is not in this host's media storage",
                report.pk,
                file.name,
                report.worker or "?",
            )
            return True
    return False


@login_required
def report_download(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    report = get_object_or_404(
        reports_visible_to(user=request.user).select_related("campaign__owner", "period", "unit", "cluster"), pk=pk
    )
    file = {"pdf": report.pdf_file, "xlsx": report.xlsx_file}.get(kind)
    if not file:
        raise Http404("Báo cáo chưa có tệp này.")
    name = f"{report.file_stem}.{kind}"
    try:
        response = file_response(file, name)
    except Http404:
        # A download that does not happen is not recorded, and the page says what went wrong (no attachment).
        _missing_files(report)
        return render(request, "reports/file_missing.html", {"report": report, "kind": kind}, status=404)
    ReportDownload.objects.create(report=report, user=request.user, kind=kind)
    return response
