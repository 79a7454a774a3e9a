"""Requesting and producing reports. The job takes an id, re-fetches, and is idempotent: a redelivered job
whose report is already done does nothing; one that died half-way produces the files once."""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from campaigns.models import Campaign, Cluster, ReportingPeriod, Role, Unit, User
from campaigns.scope import scope_for
from emulation.lib.errors import DomainError
from emulation.reports.models import Report, ReportStatus

logger = logging.getLogger(__name__)

REQUESTERS = (Role.VAN_PHONG, Role.BAN_TDKT, Role.QUAN_TRI)
QUEUE_DOWN = (
    "Hàng đợi tạo báo cáo tạm thời không hoạt động nên chưa tạo được báo cáo. Các chức năng khác vẫn dùng bình "
    "thường; vui lòng thử lại sau ít phút."
)


def may_request(user: User, campaign: Campaign) -> bool:
    scope = scope_for(user)
    return scope.has_role(*REQUESTERS) and (scope.can_read(campaign.owner) or scope.can_manage(campaign.owner))


@transaction.atomic
def report_request(
    *,
    user: User | None,
    campaign: Campaign,
    period: ReportingPeriod,
    unit: Unit | None = None,
    cluster: Cluster | None = None,
    assessment: str = "",
    direction: str = "",
    signer_title: str = "",
    signer_name: str = "",
    scheduled: bool = False,
) -> Report:
    """Create the report row (a new version each time) and enqueue its job once the transaction commits."""
    if user is not None and not may_request(user, campaign):
        raise DomainError("Chỉ Văn phòng Sở và Ban TĐKT được yêu cầu tạo báo cáo.")
    if period.campaign_id != campaign.pk:
        raise DomainError("Kỳ báo cáo không thuộc phong trào này.")
    same = Report.objects.select_for_update().filter(campaign=campaign, period=period, unit=unit, cluster=cluster)
    version = (same.aggregate(v=Max("version"))["v"] or 0) + 1
    report = Report.objects.create(
        campaign=campaign,
        period=period,
        unit=unit,
        cluster=cluster,
        requested_by=user,
        scheduled=scheduled,
        version=version,
        assessment=assessment,
        direction=direction,
        signer_title=signer_title,
        signer_name=signer_name,
    )
    transaction.on_commit(lambda: enqueue(report.pk))
    return report


def enqueue(report_id: int) -> None:
    """Send the job to the broker; if the broker is down, say so on the report instead of failing the page."""
    from emulation.reports.tasks import generate_report

    try:
        generate_report.apply_async(
            args=[report_id],
            retry=True,
            retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1},
        )
    except Exception:  # noqa: BLE001 - any broker failure: the report shows why, the portal keeps working
        logger.exception("could not enqueue report %s", report_id)
        Report.objects.filter(pk=report_id, status=ReportStatus.CHO).update(status=ReportStatus.LOI, error=QUEUE_DOWN)


def _progress(report_id: int):
    def update(fraction: float, message: str) -> None:
        Report.objects.filter(pk=report_id).update(progress=min(99, max(0, int(fraction * 100))), message=message[:255])

    return update


def report_run(report_id: int, *, worker: str = "") -> Report:
    """Produce the report's files. Safe to run twice: a finished report is left as it is.

    `worker` names the Celery worker running the job (its hostname); it is recorded with each attempt, so a
    finished report says which worker produced its files."""
    from emulation.reports.data import build_report_data
    from emulation.reports.render import render_report_pdf, render_report_xlsx

    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report_id)
        if report.status == ReportStatus.XONG:
            return report
        report.status = ReportStatus.DANG_CHAY
        report.attempts += 1
        report.worker = worker[:255]
        report.started_at = timezone.now()
        report.progress, report.message, report.error = 1, "Bắt đầu", ""
        report.save()
    try:
        requester = report.requested_by or _owner_office(report.campaign)
        data = build_report_data(
            campaign=report.campaign,
            period=report.period,
            user=requester,
            unit=report.unit,
            cluster=report.cluster,
            assessment=report.assessment,
            direction=report.direction,
            signer_title=report.signer_title,
            signer_name=report.signer_name,
            progress=_progress(report.pk),
        )
        _progress(report.pk)(0.6, "Đang dựng tệp PDF")
        pdf = render_report_pdf(data)
        _progress(report.pk)(0.85, "Đang ghi tệp Excel")
        xlsx = render_report_xlsx(data)
    except Exception:
        logger.exception("report %s failed", report_id)
        Report.objects.filter(pk=report_id).update(
            status=ReportStatus.LOI,
            error="Không tạo được báo cáo do lỗi hệ thống. Quản trị đã được ghi nhận lỗi; vui lòng thử tạo lại.",
        )
        raise
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report_id)
        if report.status == ReportStatus.XONG:  # another delivery of the same job finished first
            return report
        stem = f"bao-cao-{report.period.kind}-{report.period.year}-v{report.version}"
        report.pdf_file.save(f"{stem}.pdf", ContentFile(pdf), save=False)
        report.xlsx_file.save(f"{stem}.xlsx", ContentFile(xlsx), save=False)
        report.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
        report.xlsx_sha256 = hashlib.sha256(xlsx).hexdigest()
        report.status, report.progress, report.message = ReportStatus.XONG, 100, "Đã xong"
        report.worker = worker[:255]
        report.finished_at = timezone.now()
        report.save()
    return report


def _owner_office(campaign: Campaign) -> User | None:
    """Scheduled reports have no requester: they are built with the scope of the campaign's Văn phòng Sở."""
    from campaigns.models import RoleAssignment

    grant = (
        RoleAssignment.objects.valid_on(timezone.localdate())
        .filter(unit=campaign.owner, role__in=[Role.VAN_PHONG, Role.QUAN_TRI])
        .select_related("user")
        .first()
    )
    if grant is None:
        raise DomainError(f"{campaign.owner} chưa có tài khoản Văn phòng Sở để tạo báo cáo theo lịch.")
    return grant.user


def reports_due_today(*, today=None) -> list[Report]:
    """The daily job: on a period's due date, the province's report waits for Ban TĐKT (once per period)."""
    today = today or timezone.localdate()
    created = []
    for period in ReportingPeriod.objects.filter(due_date=today).select_related("campaign", "campaign__owner"):
        if period.campaign.status == "du_thao":
            continue
        exists = Report.objects.filter(period=period, unit=None, cluster=None, scheduled=True).exists()
        if not exists:
            created.append(report_request(user=None, campaign=period.campaign, period=period, scheduled=True))
    return created


def send_reminders(*, today=None) -> int:
    """E-mail the units that have not sent their figures 7 and 1 days before a due date. Once per unit."""
    import datetime

    from django.core.mail import send_mass_mail

    from campaigns.models import RoleAssignment
    from campaigns.selectors import campaign_expected_registrants
    from emulation.reports.models import ReminderSent
    from indicators.models import Submission, SubmissionStatus

    today = today or timezone.localdate()
    messages, sent = [], 0
    for days in settings.REPORT_REMINDER_DAYS:
        due = today + datetime.timedelta(days=days)
        for period in ReportingPeriod.objects.filter(due_date=due).select_related("campaign"):
            if period.campaign.status == "du_thao":
                continue
            done = set(
                Submission.objects.filter(
                    period=period, status__in=[SubmissionStatus.DA_GUI, SubmissionStatus.DA_DUYET]
                ).values_list("unit_id", flat=True)
            )
            units = [u for u in campaign_expected_registrants(campaign=period.campaign) if u.pk not in done]
            reminded = set(
                ReminderSent.objects.filter(period=period, days_before=days).values_list("unit_id", flat=True)
            )
            emails: dict[int, list[str]] = {}
            for grant in (
                RoleAssignment.objects.valid_on(today)
                .filter(unit__in=units, role__in=[Role.CAN_BO, Role.LANH_DAO])
                .select_related("user")
            ):
                if grant.user.email and grant.user.is_active:
                    emails.setdefault(grant.unit_id, []).append(grant.user.email)
            for unit in units:
                if unit.pk in reminded:
                    continue
                recipients = sorted(set(emails.get(unit.pk, [])))
                ReminderSent.objects.create(period=period, unit=unit, days_before=days, recipients=len(recipients))
                if recipients:
                    subject = f"Nhắc gửi {period} – còn {days} ngày"
                    body = (
                        f"Kính gửi {unit.name},\n\nĐơn vị chưa gửi {str(period).lower()} của phong trào "
                        f"“{period.campaign.title}”. Hạn gửi: {period.due_date:%d/%m/%Y}.\n\n"
                        "Vui lòng đăng nhập Cổng thi đua – khen thưởng để nhập và gửi số liệu.\n"
                    )
                    messages.append((subject, body, None, recipients))
                    sent += 1
    if messages:
        send_mass_mail(messages, fail_silently=False)
    return sent
