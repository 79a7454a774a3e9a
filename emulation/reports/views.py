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
from campaigns.models import Campaign, Cluster, ClusterMembership, ClusterRole, ReportingPeriod, Role, User
from campaigns.paper import report_signer
from campaigns.scope import scope_for
from campaigns.tabs import campaign_tab_links
from emulation import workers
from emulation.lib.access import require
from emulation.lib.downloads import file_response
from emulation.lib.errors import DomainError
from emulation.lib.params import int_param, year_param
from emulation.reports import services
from emulation.reports.models import Report, ReportDownload, ReportKind, ReportStatus
from emulation.reports.selectors import members_without_office

logger = logging.getLogger(__name__)

ANNEX = "phu-luc"  # the download of the per-unit annex PDF: bao-cao/<pk>/tai/phu-luc/


def reports_visible_to(*, user: User) -> QuerySet[Report]:
    """Reports of campaigns one may see, for a scope one may read (the province, one's unit). A cluster's report
    puts every member's figures side by side, so a member that does not head the cluster does not read it (issue
    17: it reads the cluster's published results, emulation.clusters): only who asked for it, the Cụm trưởng and
    Cụm phó, the organiser's office, and Ban TĐKT over the organiser or the campaign's owner
    (services.may_request_cluster's rule)."""
    scope = scope_for(user)
    campaigns = campaign_selectors.campaigns_visible_to(user=user)
    whole = Q(unit__isnull=True, cluster__isnull=True) & (
        scope.readable("campaign__owner__path") | Q(campaign__in=campaign_selectors.campaigns_managed_by(user=user))
    )
    from emulation.reports.statistics.services import statistics_readers

    progress = Report.objects.filter(kind=ReportKind.TIEN_DO, campaign__in=campaigns).filter(
        whole | Q(unit__isnull=False) & scope.readable("unit__path") | Q(cluster__isnull=False) & _cluster_readers(user)
    )
    # The TĐKT statistics (Thông tư 02/2023/TT-BNV): no campaign; read by the Sở's readers, or the province's board.
    return Report.objects.filter(Q(pk__in=progress.values("pk")) | statistics_readers(user))


def _cluster_readers(user: User) -> Q:
    scope = scope_for(user)
    if scope.everything:
        return Q()
    from emulation.clusters.selectors import ACTS_FOR_MEMBER

    acting = [g.unit_id for g in scope.grants if g.role in ACTS_FOR_MEMBER]
    headed = ClusterMembership.objects.filter(unit_id__in=acting, role__in=[ClusterRole.TRUONG, ClusterRole.PHO])
    readers = Q(requested_by=user) | Q(cluster__in=headed.values("cluster_id"))
    readers |= scope.managed("cluster__organiser__path")
    for board in (g for g in scope.grants if g.role == Role.BAN_TDKT):
        readers |= Q(cluster__organiser__path__startswith=board.unit_path)
        readers |= Q(campaign__owner__path__startswith=board.unit_path)
    return readers


class ReportRequestForm(forms.Form):
    period = forms.ModelChoiceField(label="Kỳ báo cáo", queryset=ReportingPeriod.objects.none())
    unit = forms.ModelChoiceField(label="Chỉ một đơn vị (để trống: cả phong trào)", required=False, queryset=None)
    cluster = forms.ModelChoiceField(
        label="So sánh các tỉnh của một cụm, khối thi đua",
        required=False,
        queryset=Cluster.objects.none(),
        help_text="Báo cáo đặt cạnh nhau số liệu đã duyệt của các thành viên cụm, khối; chỉ Cụm trưởng, Cụm phó, "
        "cơ quan tổ chức cụm và Ban TĐKT xem được.",
    )
    with_annex = forms.BooleanField(
        label="Kèm phụ lục chi tiết theo đơn vị (PDF)",
        required=False,
        help_text="Báo cáo PDF nêu kết quả chung, biểu đồ và các đơn vị chưa đạt, gửi quá hạn; kết quả từng chỉ tiêu "
        "của từng đơn vị luôn có trong tệp Excel. Chọn mục này để có thêm tệp PDF phụ lục chi tiết theo đơn vị, "
        "tạo cùng lúc từ cùng số liệu (báo cáo lớn có thể mất thêm vài chục giây).",
    )
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

    def __init__(self, *args, campaign: Campaign, units, clusters=(), whole: bool = True, missing=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = campaign.reporting_periods.order_by("due_date")
        self.fields["unit"].queryset = units
        if clusters:
            self.fields["cluster"].queryset = Cluster.objects.filter(pk__in=[c.pk for c in clusters]).order_by(
                "-year", "kind", "number"
            )
            notes = [f"{c.name}: {', '.join(names)}" for c, names in (missing or {}).items() if names]
            if notes:
                self.fields["cluster"].help_text += (
                    " Thành viên chưa có tài khoản Văn phòng Sở trên Cổng, báo cáo sẽ ghi là thiếu số liệu — "
                    + "; ".join(notes)
                    + "."
                )
        else:
            del self.fields["cluster"]
        if clusters and not whole:
            # Only a cluster's report: a Cụm phó's office asks for the cluster, not for another Sở's campaign.
            del self.fields["unit"]
            self.fields["cluster"].required = True
            self.fields["cluster"].label = "Cụm, khối thi đua"
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
        if data.get("unit") and data.get("cluster"):
            self.add_error("cluster", "Chọn một đơn vị hoặc một cụm, khối, không chọn cả hai.")
        return data


def _campaign(request: HttpRequest, pk: int) -> Campaign:
    return get_object_or_404(campaign_selectors.campaigns_visible_to(user=request.user).select_related("owner"), pk=pk)


@login_required
def campaign_reports(request: HttpRequest, pk: int) -> HttpResponse:
    """The campaign's "Báo cáo" tab: its reports and, for Văn phòng Sở and Ban TĐKT, a request form."""
    campaign = _campaign(request, pk)
    whole = services.may_request(request.user, campaign)
    clusters = services.clusters_for_request(request.user, campaign)
    can_request = whole or bool(clusters)
    units = campaign_selectors.campaign_expected_registrants(campaign=campaign).filter(
        scope_for(request.user).readable("path")
    )
    missing = members_without_office(clusters=clusters)
    form = ReportRequestForm(
        request.POST or None, campaign=campaign, units=units, clusters=clusters, whole=whole, missing=missing
    )
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
    if report.cluster_id:
        context["missing_members"] = members_without_office(clusters=[report.cluster]).get(report.cluster, [])
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
    file = {"pdf": report.pdf_file, "xlsx": report.xlsx_file, ANNEX: report.annex_file}.get(kind)
    if not file:
        raise Http404("Báo cáo chưa có tệp này.")
    name = f"{report.file_stem}-{services.ANNEX_SUFFIX}.pdf" if kind == ANNEX else f"{report.file_stem}.{kind}"
    try:
        response = file_response(file, name)
    except Http404:
        # A download that does not happen is not recorded, and the page says what went wrong (no attachment).
        _missing_files(report)
        return render(request, "reports/file_missing.html", {"report": report, "kind": kind}, status=404)
    ReportDownload.objects.create(report=report, user=request.user, kind=kind)
    return response
