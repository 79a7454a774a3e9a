"""What each recorded event means, and for whom: the apps write their event rows (SubmissionEvent, DossierEvent),
reports and meetings; the jobs in tasks.py hand their ids here. Each function re-fetches the row, picks the people
concerned by their roles today, keeps those who may read the object (its `*_visible_to` selector), and notifies
them once (the event key). The person who acted is not told of their own act.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from awards.models import DossierEvent, DossierStatus, Meeting
from campaigns.models import Campaign, Role, RoleAssignment, Unit, User
from campaigns.scope import ancestor_paths
from emulation.notifications import selectors, services
from emulation.notifications.models import Kind, Notification
from emulation.reports.models import Report, ReportStatus
from indicators.models import SubmissionEvent, SubmissionStatus

UNIT_PEOPLE = (Role.CAN_BO, Role.LANH_DAO)


def people(units: Q, roles: Iterable[str]) -> list[User]:
    """Active people holding one of the roles today in the units matched by `units` (a Q on RoleAssignment)."""
    grants = RoleAssignment.objects.valid_on(timezone.localdate()).filter(units, role__in=list(roles))
    return list(User.objects.filter(is_active=True, pk__in=grants.values("user_id")).order_by("pk"))


def unit_people(unit: Unit) -> list[User]:
    return people(Q(unit=unit), UNIT_PEOPLE)


def office_of(unit: Unit) -> list[User]:
    """Văn phòng Sở of the unit that runs a campaign (it reviews what is sent to it)."""
    return people(Q(unit=unit), (Role.VAN_PHONG,))


def deliver(
    *,
    candidates: Iterable[User],
    event_key: str,
    kind: str,
    text: str,
    link: str,
    target,
    actor_id: int | None = None,
) -> list[Notification]:
    readers = [u for u in candidates if u.pk != actor_id and selectors.may_read(user=u, target=target)]
    return services.notify(recipients=readers, event_key=event_key, kind=kind, text=text, link=link, target=target)


def short(title: str, limit: int = 90) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def campaign_label(campaign: Campaign) -> str:
    """ "phong trào thi đua “Chuyển đổi số…” trên địa bàn …", never "phong trào “Phát động phong trào thi đua …”"."""
    name = campaign.movement_name
    return f"phong trào thi đua {short(name)}" if name else f"phong trào “{short(campaign.title)}”"


# --- Figures (indicators) -----------------------------------------------------------------------------------------


def submission_event(event_id: int) -> list[Notification]:
    event = (
        SubmissionEvent.objects.select_related("submission__period__campaign", "submission__unit")
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        return []
    submission = event.submission
    if event.to_status == SubmissionStatus.DA_GUI:
        # Sent again after a return: what the unit was asked to do is done.
        services.notifications_resolve(target=submission, kinds=[Kind.SO_LIEU_TRA_LAI, Kind.SO_LIEU_MO_LAI])
        return []
    period, unit = submission.period, submission.unit
    what = f"số liệu {str(period).lower()} của {unit.display_name} – {campaign_label(period.campaign)}"
    reason = f" Lý do: {event.reason.strip()}" if event.reason.strip() else ""
    if event.to_status == SubmissionStatus.TRA_LAI and event.from_status == SubmissionStatus.DA_DUYET:
        kind, text = Kind.SO_LIEU_MO_LAI, f"Văn phòng Sở mở lại {what} để đơn vị sửa.{reason}"
    elif event.to_status == SubmissionStatus.TRA_LAI:
        kind, text = Kind.SO_LIEU_TRA_LAI, f"Văn phòng Sở trả lại {what}.{reason}"
    elif event.to_status == SubmissionStatus.DA_DUYET:
        kind, text = Kind.SO_LIEU_DUYET, f"Văn phòng Sở đã duyệt {what}."
    else:
        return []
    return deliver(
        candidates=unit_people(unit),
        event_key=f"so-lieu:{event.pk}",
        kind=kind,
        text=text,
        link=reverse("indicators:submission_detail", args=[submission.pk]),
        target=submission,
        actor_id=event.user_id,
    )


# --- Award dossiers -----------------------------------------------------------------------------------------------


def dossier_event(event_id: int) -> list[Notification]:
    event = DossierEvent.objects.select_related("dossier__campaign__owner", "dossier__unit").filter(pk=event_id).first()
    if event is None:
        return []
    dossier = event.dossier
    campaign = dossier.campaign
    name = f"hồ sơ đề nghị khen thưởng {dossier.get_round_kind_display().lower()} {dossier.year}"
    what = f"{name} của {dossier.unit.display_name} – {campaign_label(campaign)}"
    reason = event.reason.strip()
    to = event.to_status
    candidates = unit_people(dossier.unit)
    if to == DossierStatus.DA_GUI:
        services.notifications_resolve(target=dossier, kinds=[Kind.HO_SO_BO_SUNG])
        kind = Kind.HO_SO_MOI
        text = (
            f"{dossier.unit.display_name} đã gửi {name} – {campaign_label(campaign)}; hồ sơ chờ tiếp nhận, thẩm định."
        )
        candidates = office_of(campaign.owner)
    elif to == DossierStatus.DANG_THAM_DINH:
        services.notifications_resolve(target=dossier, kinds=[Kind.HO_SO_MOI])
        kind, text = Kind.HO_SO_TIEP_NHAN, f"Văn phòng Sở đã tiếp nhận và đang thẩm định {what}."
    elif to == DossierStatus.YEU_CAU_BO_SUNG:
        kind, text = (
            Kind.HO_SO_BO_SUNG,
            f"Văn phòng Sở yêu cầu bổ sung {what}." + (f" Nội dung: {reason}" if reason else ""),
        )
    elif to == DossierStatus.HOP_LE:
        kind, text = Kind.HO_SO_HOP_LE, f"Văn phòng Sở công nhận hợp lệ {what}; hồ sơ chờ Hội đồng TĐKT xét."
    elif to == DossierStatus.DA_XET:
        kind, text = Kind.HO_SO_DA_XET, f"Hội đồng TĐKT đã biểu quyết {what}." + (f" ({reason})" if reason else "")
    elif to in (DossierStatus.DA_QUYET_DINH, DossierStatus.DA_TRINH):
        done = "đã có quyết định khen thưởng" if to == DossierStatus.DA_QUYET_DINH else "đã được trình cấp trên"
        kind, text = Kind.HO_SO_QUYET_DINH, f"{what[0].upper()}{what[1:]} {done}" + (f": {reason}." if reason else ".")
    else:
        return []
    return deliver(
        candidates=candidates,
        event_key=f"ho-so:{event.pk}",
        kind=kind,
        text=text,
        link=reverse("awards:dossier_detail", args=[dossier.pk]),
        target=dossier,
        actor_id=event.user_id,
    )


def meeting_scheduled(meeting_id: int) -> list[Notification]:
    """The members of the Sở's council are told of a meeting to come (again if its date changes)."""
    meeting = Meeting.objects.select_related("owner", "campaign").filter(pk=meeting_id).first()
    if meeting is None or meeting.held_on < timezone.localdate():
        return []
    text = (
        f"Hội đồng Thi đua – Khen thưởng {meeting.owner.display_name} họp ngày {meeting.held_on:%d/%m/%Y} xét khen "
        f"thưởng {campaign_label(meeting.campaign)}."
    )
    if meeting.chair:
        text += f" Chủ trì: {meeting.chair}."
    return deliver(
        candidates=people(Q(unit=meeting.owner), (Role.HOI_DONG,)),
        event_key=f"hop:{meeting.pk}:{meeting.held_on.isoformat()}",
        kind=Kind.HOP_HOI_DONG,
        text=text,
        link=reverse("awards:meeting_detail", args=[meeting.pk]),
        target=meeting,
    )


# --- Reports ------------------------------------------------------------------------------------------------------


def report_finished(report_id: int) -> list[Notification]:
    """Whoever asked for the report; for a scheduled one, the owner's Văn phòng Sở (and Ban TĐKT when it is
    ready, the board that downloads it)."""
    report = (
        Report.objects.select_related("campaign__owner", "period", "unit", "cluster", "requested_by")
        .filter(pk=report_id)
        .first()
    )
    if report is None or report.status not in (ReportStatus.XONG, ReportStatus.LOI):
        return []
    if report.is_statistics:  # the TĐKT statistics (emulation.reports.statistics): always asked for by someone
        return _statistics_finished(report)
    owner = report.campaign.owner
    if report.requested_by_id:
        candidates = [report.requested_by]
    elif report.status == ReportStatus.XONG:
        candidates = office_of(owner) + people(Q(unit__path__in=ancestor_paths(owner.path)), (Role.BAN_TDKT,))
    else:
        candidates = office_of(owner)
    what = f"báo cáo {str(report.period).lower()} – {report.scope_label} (lần {report.version})"
    if report.status == ReportStatus.XONG:
        kind, text = Kind.BAO_CAO_XONG, f"Đã tạo xong {what}, {campaign_label(report.campaign)}: sẵn sàng tải về."
    else:
        kind = Kind.BAO_CAO_LOI
        text = f"Không tạo được {what}, {campaign_label(report.campaign)}."
        if report.error.strip():
            text += f" {short(report.error.strip(), 300)}"
    return deliver(
        candidates=[u for u in candidates if u.is_active],
        event_key=f"bao-cao:{report.pk}:{report.status}",
        kind=kind,
        text=text,
        link=reverse("reports:report_detail", args=[report.pk]),
        target=report,
    )


def _statistics_finished(report: Report) -> list[Notification]:
    what = f"{report.title.lower()} – {report.scope_label} (lần {report.version})"
    if report.status == ReportStatus.XONG:
        kind, text = Kind.BAO_CAO_XONG, f"Đã tạo xong {what}: sẵn sàng tải về."
    else:
        kind, text = Kind.BAO_CAO_LOI, f"Không tạo được {what}."
        if report.error.strip():
            text += f" {short(report.error.strip(), 300)}"
    return deliver(
        candidates=[u for u in [report.requested_by] if u is not None and u.is_active],
        event_key=f"bao-cao:{report.pk}:{report.status}",
        kind=kind,
        text=text,
        link=reverse("reports:report_detail", args=[report.pk]),
        target=report,
    )
