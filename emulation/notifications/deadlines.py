"""Deadline reminders, from the daily job: a reporting period's due date and a campaign's dossier deadline, 7 days
before, 1 day before and the day after; and, SIGNER_NOTICE_DAYS before a 15/6 or 15/12 due date, the campaign's
scheduled report that would have no signer (it is then not produced), told to the office once per period.

Each reminder has a window rather than a single day, so a morning the job did not run (a restart, a holiday of the
server) is caught up the next: "7 days before" is sent on any day from 7 to 2 days before (saying how many days
are left), "1 day before" on the eve or the day itself, "the day after" up to 3 days after. The event key holds the
due date and the step, so each is sent once per unit and person, and again if the due date is moved.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from awards.models import Dossier, DossierStatus
from campaigns.models import Campaign, CampaignStatus, ReportingPeriod
from campaigns.selectors import campaign_expected_registrants
from emulation.notifications.events import campaign_label, deliver, office_of, unit_people
from emulation.notifications.models import Kind, Notification
from emulation.reports.selectors import SIGNER_NOTICE_DAYS, periods_without_report_signer, report_label
from indicators.models import Submission, SubmissionStatus

BEFORE_7, BEFORE_1, AFTER_1 = "truoc-7", "truoc-1", "sau-1"
WINDOW = (-3, 7)  # due dates from 3 days ago to 7 days ahead are looked at
INACTIVE = (CampaignStatus.DU_THAO, CampaignStatus.KET_THUC)


def step(due: datetime.date, today: datetime.date) -> tuple[str, int] | None:
    """Which reminder is due today for this due date, and the days left (negative: days past)."""
    days = (due - today).days
    if 2 <= days <= 7:
        return BEFORE_7, days
    if 0 <= days <= 1:
        return BEFORE_1, days
    if -3 <= days <= -1:
        return AFTER_1, days
    return None


def _when(days: int, due: datetime.date) -> str:
    if days > 1:
        return f"còn {days} ngày đến hạn {due:%d/%m/%Y}"
    if days == 1:
        return f"ngày mai ({due:%d/%m/%Y}) là hạn"
    if days == 0:
        return f"hôm nay ({due:%d/%m/%Y}) là hạn"
    return f"đã quá hạn {due:%d/%m/%Y}"


def deadlines_notify(*, today: datetime.date | None = None) -> int:
    """All reminders due today; returns how many notifications were written."""
    today = today or timezone.localdate()
    return _periods(today) + _dossier_deadlines(today) + _report_signers(today)


def _periods(today: datetime.date) -> int:
    written = 0
    low, high = (today + datetime.timedelta(days=d) for d in WINDOW)
    periods = (
        ReportingPeriod.objects.filter(due_date__range=(low, high))
        .exclude(campaign__status__in=INACTIVE)
        .select_related("campaign__owner")
    )
    for period in periods:
        found = step(period.due_date, today)
        if found is None:
            continue
        name, days = found
        campaign = period.campaign
        sent = set(
            Submission.objects.filter(
                period=period, status__in=[SubmissionStatus.DA_GUI, SubmissionStatus.DA_DUYET]
            ).values_list("unit_id", flat=True)
        )
        late = [
            unit for unit in campaign_expected_registrants(campaign=campaign).order_by("path") if unit.pk not in sent
        ]
        key = f"han-so-lieu:{period.pk}:{period.due_date.isoformat()}:{name}"
        link = reverse("indicators:period_detail", args=[period.pk])
        what = f"{str(period).lower()} – {campaign_label(campaign)}"
        for unit in late:
            if days < 0:
                text = (
                    f"{unit.display_name} chưa gửi số liệu {what}: {_when(days, period.due_date)}. Báo cáo gửi muộn "
                    "vẫn được nhận nhưng được ghi là quá hạn."
                )
            else:
                text = f"Nhắc gửi số liệu {what}: {_when(days, period.due_date)}; {unit.display_name} chưa gửi."
            written += len(
                deliver(
                    candidates=unit_people(unit),
                    event_key=f"{key}:{unit.pk}",
                    kind=Kind.HAN_SO_LIEU,
                    text=text,
                    link=link,
                    target=period,
                )
            )
        if name == AFTER_1 and late:
            text = f"{len(late)} đơn vị chưa gửi số liệu {what} ({_when(days, period.due_date)})."
            written += len(
                deliver(
                    candidates=office_of(campaign.owner),
                    event_key=f"{key}:van-phong",
                    kind=Kind.HAN_SO_LIEU,
                    text=text,
                    link=link,
                    target=period,
                )
            )
    return written


def _dossier_deadlines(today: datetime.date) -> int:
    written = 0
    low, high = (today + datetime.timedelta(days=d) for d in WINDOW)
    campaigns = Campaign.objects.filter(dossier_deadline__range=(low, high)).exclude(status__in=INACTIVE)
    for campaign in campaigns.select_related("owner"):
        found = step(campaign.dossier_deadline, today)
        if found is None:
            continue
        name, days = found
        due = campaign.dossier_deadline
        sent = set(
            Dossier.objects.filter(campaign=campaign)
            .exclude(status__in=[DossierStatus.NHAP, DossierStatus.YEU_CAU_BO_SUNG])
            .values_list("unit_id", flat=True)
        )
        key = f"han-ho-so:{campaign.pk}:{due.isoformat()}:{name}"
        link = reverse("awards:campaign_dossiers", args=[campaign.pk])
        units = list(campaign_expected_registrants(campaign=campaign).order_by("path"))
        if name == AFTER_1:
            # The round is closed for the units; the office learns where it stands.
            waiting = sum(1 for unit in units if unit.pk not in sent)
            text = (
                f"Đã hết hạn nộp hồ sơ khen thưởng {campaign_label(campaign)} ({due:%d/%m/%Y}): {len(sent)} đơn vị đã "
                f"gửi hồ sơ, {waiting} đơn vị chưa gửi."
            )
            written += len(
                deliver(
                    candidates=office_of(campaign.owner),
                    event_key=f"{key}:van-phong",
                    kind=Kind.HAN_HO_SO,
                    text=text,
                    link=link,
                    target=campaign,
                )
            )
            continue
        for unit in units:
            if unit.pk in sent:
                continue
            text = (
                f"Nhắc nộp hồ sơ đề nghị khen thưởng {campaign_label(campaign)}: {_when(days, due)}; "
                f"{unit.display_name} chưa gửi hồ sơ."
            )
            written += len(
                deliver(
                    candidates=unit_people(unit),
                    event_key=f"{key}:{unit.pk}",
                    kind=Kind.HAN_HO_SO,
                    text=text,
                    link=link,
                    target=campaign,
                )
            )
    return written


def _report_signers(today: datetime.date) -> int:
    """From SIGNER_NOTICE_DAYS before a due date to the day itself: the campaign's Văn phòng Sở learns that the
    scheduled report has no signer, while there is time to set one (once per period and due date). Notices whose
    campaign has a signer by now are marked read."""
    last = today + datetime.timedelta(days=SIGNER_NOTICE_DAYS)
    active = Campaign.objects.exclude(status__in=INACTIVE)
    missing = periods_without_report_signer(campaigns=active, first=today, last=last)
    written = 0
    for period in missing:
        campaign = period.campaign
        label = campaign_label(campaign)
        text = (
            f"{label[:1].upper()}{label[1:]} chưa có người ký {report_label(period)}: đặt người ký trước "
            f"{period.due_date:%d/%m/%Y} (người ký báo cáo định kỳ của phong trào, hoặc người ký văn bản của "
            f"{campaign.owner.display_name}), nếu không báo cáo sẽ không được tạo."
        )
        written += len(
            deliver(
                candidates=office_of(campaign.owner),
                event_key=f"nguoi-ky-bao-cao:{period.pk}:{period.due_date.isoformat()}",
                kind=Kind.BAO_CAO_NGUOI_KY,
                text=text,
                link=reverse("campaigns:campaign_edit", args=[campaign.pk]),
                target=campaign,
            )
        )
    # Done (a signer was set), or moot (the due date passed: the failed report has its own notice).
    Notification.objects.filter(kind=Kind.BAO_CAO_NGUOI_KY, read_at__isnull=True).exclude(
        campaign_id__in={period.campaign_id for period in missing}
    ).update(read_at=timezone.now())
    return written
