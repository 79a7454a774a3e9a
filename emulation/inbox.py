"""Việc cần làm: what waits for a person, role by role, each item a link to the page where it is done, with its due
date and how late, or how long it has waited.

- cán bộ, lãnh đạo đơn vị (their own units): figures returned with the reviewer's comments, dossiers sent back for
  changes, drafts waiting for the head's "gửi", periods to report (not started, nháp, quá hạn), registrations;
- Văn phòng Sở: figures waiting for review (oldest first), units that have not reported by the due date, dossiers
  to receive and appraise, council meetings to prepare or record, decisions to record, reports that failed, and
  15/6 or 15/12 reports due soon that have no signer (they would not be produced);
- Thành viên Hội đồng TĐKT: coming meetings and the nominees to vote on;
- Ban TĐKT: new reports, Tờ trình forwarded to the province.

Everything is read through the apps' scoping selectors (`*_visible_to(user=...)`), narrowed to the units of the
role a section belongs to: nothing of a unit the person may not read appears, and an office's list holds only
what that office handles. The number of queries does not depend on the number of campaigns, units or pending
items (emulation/tests/test_inbox.py counts them): each section is one query or a few, long lists are counted and
sliced by the database.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from awards.models import DecisionKind, DossierStatus, Nominee, Vote
from awards.selectors import decisions_visible_to, dossiers_visible_to, meetings_visible_to, nominees_visible_to
from campaigns import selectors as campaign_selectors
from campaigns.models import Campaign, Role, Unit, User
from campaigns.scope import Scope, scope_for
from emulation.reports.models import Report, ReportStatus
from emulation.reports.selectors import SIGNER_NOTICE_DAYS, periods_without_report_signer, report_label
from emulation.reports.views import reports_visible_to
from indicators import selectors as indicator_selectors
from indicators.models import SubmissionStatus, Value

# Items shown per section; the section's count (and the badge) covers them all.
SHOWN = 10
# A report is "new" for Ban TĐKT until they download it, for this long after it was made.
NEW_REPORT_DAYS = 30
# A failed report stays in the office's list this long, unless a later one of the same period succeeded.
FAILED_REPORT_DAYS = 30
# What the council votes on: dossiers found valid, and those already partly voted.
VOTABLE = (DossierStatus.HOP_LE, DossierStatus.DA_XET)


@dataclass(frozen=True)
class Item:
    title: str
    url: str
    context: str = ""  # the campaign, the unit: a second line
    details: tuple[str, ...] = ()  # the reviewer's comments, the units missing
    state: str = ""  # a short badge: "Chưa bắt đầu", "Nháp"
    due: datetime.date | None = None  # shown with how late, or how long left
    since: datetime.date | datetime.datetime | None = None  # shown as "chờ N ngày"
    action: str = "Mở"


@dataclass
class Section:
    key: str
    title: str
    role: str  # for whom, as the page says it: "Cán bộ đơn vị", "Văn phòng Sở"
    items: list[Item] = field(default_factory=list)
    total: int | None = None  # None: len(items)
    more_url: str = ""

    @property
    def count(self) -> int:
        return len(self.items) if self.total is None else self.total

    @property
    def shown(self) -> list[Item]:
        return self.items[:SHOWN]

    @property
    def hidden(self) -> int:
        return self.count - len(self.shown)


@dataclass
class Inbox:
    sections: list[Section]
    today: datetime.date

    @property
    def total(self) -> int:
        return sum(s.count for s in self.sections)

    def count(self, *keys: str) -> int:
        return sum(s.count for s in self.sections if s.key in keys)

    @property
    def entry_count(self) -> int:
        """The badge of "Nhập số liệu": figures to enter, correct or send."""
        return self.count(*ENTRY_SECTIONS)

    @property
    def dossier_count(self) -> int:
        """The badge of "Hồ sơ khen thưởng": dossiers waiting for the office."""
        return self.count("ho_so_cho_xu_ly")

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)


ENTRY_SECTIONS = ("so_lieu_tra_lai", "so_lieu_cho_gui", "nhap_so_lieu")


def inbox_for(user: User, *, today: datetime.date | None = None) -> Inbox:
    today = today or timezone.localdate()
    scope = scope_for(user)
    sections: list[Section] = []
    units = indicator_selectors.entry_units(user=user)
    if units:
        heads = {g.unit_id for g in scope.grants if g.role == Role.LANH_DAO}
        sections += _unit_sections(user, units, heads, today)
    if office := _role_scope(scope, Role.VAN_PHONG):
        sections += _office_sections(user, office, today)
    if council := _role_scope(scope, Role.HOI_DONG):
        sections += _council_sections(user, council, today)
    if board := _role_scope(scope, Role.BAN_TDKT):
        sections += _board_sections(user, board, today)
    sections += _rating_sections(user, scope, today)
    sections += _cluster_sections(user, today)
    return Inbox([s for s in sections if s.count], today)


def _rating_sections(user: User, scope: Scope, today: datetime.date) -> list[Section]:
    """Xếp loại cuối năm: the unit head enters the year's list (December, January); Văn phòng Sở approves it."""
    from campaigns.people_services import ratings_to_enter, ratings_to_review

    enter = Section("xep_loai_can_nhap", "Xếp loại cuối năm", "Lãnh đạo đơn vị")
    for unit, year, sheet in ratings_to_enter(user=user, today=today):
        enter.items.append(
            Item(
                title=f"Nhập xếp loại năm {year} – {unit.display_name}",
                url=reverse("campaigns:rating_sheet", args=[unit.pk, year]),
                state=sheet.get_status_display() if sheet else "Chưa nhập",
                action="Nhập xếp loại",
            )
        )
    review = Section("xep_loai_cho_duyet", "Duyệt xếp loại", "Văn phòng Sở")
    if office := _role_scope(scope, Role.VAN_PHONG):
        for sheet in ratings_to_review(user=user, scope=office):
            review.items.append(
                Item(
                    title=f"Xếp loại năm {sheet.year} – {sheet.unit.display_name}",
                    url=reverse("campaigns:rating_sheet", args=[sheet.unit_id, sheet.year]),
                    since=sheet.sent_at,
                    action="Duyệt xếp loại",
                )
            )
    return [enter, review]


def _cluster_sections(user: User, today: datetime.date) -> list[Section]:
    """The steps of a Cụm or Khối's year waiting for the person (sign the giao ước, score, cross-check, publish),
    one section per seat they hold: emulation.clusters.todo decides them."""
    from emulation.clusters.todo import cluster_tasks_for

    by_role: dict[str, list[Item]] = {}
    for task in cluster_tasks_for(user, today=today):
        by_role.setdefault(task.role, []).append(
            Item(
                title=task.title,
                url=task.url,
                context=task.context,
                state=task.state,
                action=task.action,
                since=task.since,
            )
        )
    return [
        Section(key=f"cum_thi_dua_{index}", title="Thi đua cụm, khối", role=role, items=items)
        for index, (role, items) in enumerate(by_role.items())
    ]


def _role_scope(scope: Scope, role: str) -> Scope | None:
    """The person's scope through one role only: an office's to-dos are those of the units it runs as that office,
    not of everything another role lets the person read."""
    grants = tuple(g for g in scope.grants if g.role == role)
    return Scope.build(everything=False, grants=grants) if grants else None


def _period_label(period) -> str:
    return f"{period} – {period.campaign.title}"


def _round(dossier) -> str:
    """ "sơ kết – Quý IV/2023", "bình xét cuối năm năm 2022": to follow "Hồ sơ"."""
    kind = dossier.get_round_kind_display().lower()
    if dossier.milestone_id:
        return f"{kind} – {dossier.milestone.period_label or f'{dossier.milestone.name} năm {dossier.year}'}"
    return f"{kind} {dossier.year}" if kind.endswith("năm") else f"{kind} năm {dossier.year}"


# --- Cán bộ and lãnh đạo đơn vị --------------------------------------------------------------------------------


def _unit_sections(user: User, units: list[Unit], heads: set[int], today: datetime.date) -> list[Section]:
    roles = "Lãnh đạo đơn vị" if heads else "Cán bộ đơn vị"
    returned = Section("so_lieu_tra_lai", "Số liệu bị trả lại", "Cán bộ, lãnh đạo đơn vị")
    changes = Section("ho_so_bo_sung", "Hồ sơ khen thưởng cần bổ sung", "Cán bộ, lãnh đạo đơn vị")
    figures_to_send = Section("so_lieu_cho_gui", "Số liệu chờ lãnh đạo gửi", "Lãnh đạo đơn vị")
    dossiers_to_send = Section("ho_so_cho_gui", "Hồ sơ khen thưởng chờ lãnh đạo ký, gửi", "Lãnh đạo đơn vị")
    to_enter = Section("nhap_so_lieu", "Kỳ báo cáo cần nhập số liệu", roles, more_url=reverse("indicators:data_entry"))
    to_register = Section("dang_ky", "Đăng ký thi đua", "Lãnh đạo đơn vị")

    rows = indicator_selectors.open_reporting_rows(user=user, units=units, today=today)
    entry = reverse("indicators:data_entry")
    for row in rows:
        if row.state == SubmissionStatus.TRA_LAI:
            continue  # listed below with the reviewer's comments, whatever its due date
        if row.state == SubmissionStatus.NHAP and row.unit.pk in heads:
            figures_to_send.items.append(
                Item(
                    title=f"Số liệu {str(row.period).lower()} – {row.unit.display_name}",
                    url=reverse("indicators:submission_detail", args=[row.submission.pk]),
                    context=row.period.campaign.title,
                    state="Nháp",
                    due=row.period.due_date,
                    action="Kiểm tra và gửi",
                )
            )
            continue
        started = row.submission is not None
        to_enter.items.append(
            Item(
                title=f"{row.period} – {row.unit.display_name}",
                url=reverse("indicators:submission_detail", args=[row.submission.pk])
                if started
                else f"{entry}?don_vi={row.unit.pk}&ky={row.period.pk}",
                context=row.period.campaign.title,
                state="Nháp" if started else "Chưa bắt đầu",
                due=row.period.due_date,
                action="Tiếp tục nhập" if started else "Bắt đầu nhập",
            )
        )

    submissions = (
        indicator_selectors.submissions_visible_to(user=user)
        .filter(unit__in=[u.pk for u in units], status=SubmissionStatus.TRA_LAI)
        .select_related("period", "period__campaign", "unit", "reviewed_by")
        .prefetch_related(
            Prefetch(
                "values",
                queryset=Value.objects.filter(returned=True).select_related("target__indicator"),
                to_attr="returned_values",
            )
        )
        .order_by("period__due_date", "pk")
    )
    for submission in submissions:
        comments = [f"{v.target.indicator.name}: {v.return_comment}" for v in submission.returned_values]
        reviewer = f" ({submission.reviewed_by.display_name})" if submission.reviewed_by else ""
        returned.items.append(
            Item(
                title=f"{submission.period} – {submission.unit.display_name}",
                url=reverse("indicators:submission_detail", args=[submission.pk]),
                context=submission.period.campaign.title,
                details=(f"Lý do trả lại{reviewer}: {submission.return_reason}", *comments[:3]),
                due=submission.period.due_date,
                action="Sửa và gửi lại",
            )
        )

    dossiers = (
        dossiers_visible_to(user=user)
        .filter(unit__in=[u.pk for u in units])
        .filter(Q(status=DossierStatus.YEU_CAU_BO_SUNG) | Q(status=DossierStatus.NHAP, unit__in=sorted(heads)))
        .select_related("campaign", "unit", "milestone")
        .annotate(open_comments=Count("comments", filter=Q(comments__review_round=F("review_round"))))
        .order_by("status_changed_at", "pk")
    )
    for dossier in dossiers:
        item = Item(
            title=f"Hồ sơ đề nghị khen thưởng {_round(dossier)} – {dossier.unit.display_name}",
            url=reverse("awards:dossier_detail", args=[dossier.pk]),
            context=dossier.campaign.title,
            due=dossier.campaign.dossier_deadline,
            since=dossier.status_changed_at,
        )
        if dossier.status == DossierStatus.YEU_CAU_BO_SUNG:
            comments = f"{dossier.open_comments} ý kiến của Văn phòng Sở (lần thẩm định {dossier.review_round})"
            changes.items.append(
                replace(item, action="Bổ sung hồ sơ", details=(comments,) if dossier.open_comments else ())
            )
        else:
            dossiers_to_send.items.append(replace(item, state="Nháp", action="Ký, gửi hồ sơ"))

    if heads:
        for campaign, unit in campaign_selectors.registration_todos(user=user):
            to_register.items.append(
                Item(
                    title=f"Đăng ký thi đua cho {unit.display_name}: {campaign.title}",
                    url=reverse("campaigns:registration_create", args=[campaign.pk]),
                    context=f"Thời gian: {campaign.start_date:%d/%m/%Y} – {campaign.end_date:%d/%m/%Y}",
                    action="Đăng ký",
                )
            )
    return [returned, figures_to_send, to_enter, changes, dossiers_to_send, to_register]


# --- Văn phòng Sở ---------------------------------------------------------------------------------------------


def _office_sections(user: User, office: Scope, today: datetime.date) -> list[Section]:
    run = campaign_selectors.campaigns_visible_to(user=user).filter(office.managed("owner__path"))
    return [
        _to_review(user, office, run),
        _dossiers_waiting(user, office, run),
        _not_reported(user, run, today),
        _council_to_prepare(user, office, today),
        _decisions_to_record(user, office),
        _failed_reports(user, run),
        _report_signers(run, today),
    ]


def _to_review(user: User, office: Scope, run) -> Section:
    section = Section("so_lieu_cho_duyet", "Số liệu chờ duyệt", "Văn phòng Sở")
    waiting = (
        indicator_selectors.submissions_visible_to(user=user)
        .filter(status=SubmissionStatus.DA_GUI)
        .filter(office.managed("unit__path") | Q(period__campaign__in=run))
        .select_related("period", "period__campaign", "unit")
        .order_by("submitted_at", "pk")
    )
    section.total = waiting.count()
    for submission in waiting[:SHOWN]:
        section.items.append(
            Item(
                title=f"{submission.period} – {submission.unit.display_name}",
                url=reverse("indicators:submission_detail", args=[submission.pk]),
                context=submission.period.campaign.title,
                state="Gửi quá hạn" if submission.is_late else "",
                since=submission.submitted_at,
                action="Xem xét",
            )
        )
    return section


def _dossiers_waiting(user: User, office: Scope, run) -> Section:
    section = Section(
        "ho_so_cho_xu_ly",
        "Hồ sơ khen thưởng chờ tiếp nhận, thẩm định",
        "Văn phòng Sở",
        more_url=f"{reverse('awards:dossier_list')}?trang_thai=cho_xu_ly",
    )
    # The checks a dossier was sent with that failed and that Văn phòng Sở may accept, not yet decided: the office's
    # next step on it (accept with a reason, or ask for changes). One subquery, whatever the number of dossiers.
    from awards.models import CheckOverride, CheckResult

    latest = CheckResult.objects.filter(dossier=OuterRef("dossier")).order_by("-sending").values("sending")[:1]
    open_exceptions = (
        CheckResult.objects.filter(dossier=OuterRef("pk"), ok=False, overridable=True, sending=Subquery(latest))
        .exclude(Exists(CheckOverride.objects.filter(dossier=OuterRef("dossier"), code=OuterRef("code"))))
        .order_by()
        .values("dossier")
        .annotate(n=Count("pk"))
        .values("n")
    )
    waiting = (
        dossiers_visible_to(user=user)
        .filter(status__in=(DossierStatus.DA_GUI, DossierStatus.DANG_THAM_DINH))
        .filter(office.managed("unit__path") | Q(campaign__in=run))
        .select_related("campaign", "unit", "milestone")
        .annotate(open_exceptions=Subquery(open_exceptions, output_field=IntegerField()))
        .order_by("status_changed_at", "pk")
    )
    section.total = waiting.count()
    for dossier in waiting[:SHOWN]:
        received = dossier.status == DossierStatus.DANG_THAM_DINH
        exceptions = dossier.open_exceptions or 0
        section.items.append(
            Item(
                title=f"Hồ sơ {_round(dossier)} – {dossier.unit.display_name}",
                url=reverse("awards:dossier_detail", args=[dossier.pk]),
                context=dossier.campaign.title,
                details=(f"{exceptions} kiểm tra chưa đạt chờ chấp nhận ngoại lệ hoặc yêu cầu bổ sung",)
                if exceptions
                else (),
                state=dossier.get_status_display(),
                since=dossier.status_changed_at,
                action="Thẩm định" if received else "Tiếp nhận",
            )
        )
    return section


def _not_reported(user: User, run, today: datetime.date) -> Section:
    """Per period past its due date (within the window units are asked about): the expected units that have not
    sent, linked to the completeness table where they are reminded."""
    from campaigns.models import ReportingPeriod

    section = Section("chua_bao_cao", "Đơn vị chưa gửi báo cáo đúng hạn", "Văn phòng Sở")
    reporting = run.filter(status__in=indicator_selectors.REPORTING_STATUSES)
    earliest = today - datetime.timedelta(days=indicator_selectors.OVERDUE_KEPT_DAYS)
    periods = list(
        ReportingPeriod.objects.filter(campaign__in=reporting, due_date__lt=today, due_date__gte=earliest)
        .select_related("campaign")
        .order_by("due_date", "pk")
    )
    if not periods:
        return section
    expected = campaign_selectors.expected_reporters(
        campaigns=Campaign.objects.filter(pk__in={p.campaign_id for p in periods})
    )
    sent: dict[int, set[int]] = defaultdict(set)
    for period_id, unit_id in (
        indicator_selectors.submissions_visible_to(user=user)
        .filter(period__in=[p.pk for p in periods], status__in=indicator_selectors.COUNTED)
        .values_list("period_id", "unit_id")
    ):
        sent[period_id].add(unit_id)
    missing = {p.pk: expected.get(p.campaign_id, set()) - sent[p.pk] for p in periods}
    names = {
        pk: short or name
        for pk, short, name in campaign_selectors.units_visible_to(user=user)
        .filter(pk__in={u for units in missing.values() for u in units})
        .values_list("pk", "short_name", "name")
    }
    for period in periods:
        if not missing[period.pk]:
            continue
        shown = sorted(names[u] for u in missing[period.pk] if u in names)
        url = reverse("indicators:campaign_progress", args=[period.campaign_id])
        of = len(expected.get(period.campaign_id, ()))
        section.items.append(
            Item(
                title=f"{period}: {len(missing[period.pk])}/{of} đơn vị chưa gửi",
                url=f"{url}?ky={period.pk}#tinh-hinh-gui",
                context=period.campaign.title,
                details=(", ".join(shown[:6]) + (f" và {len(shown) - 6} đơn vị khác" if len(shown) > 6 else ""),),
                due=period.due_date,
                action="Nhắc đơn vị",
            )
        )
    return section


def _council_to_prepare(user: User, office: Scope, today: datetime.date) -> Section:
    """Valid dossiers with no meeting to vote on them yet, and meetings whose votes are not recorded."""
    section = Section("hoi_dong_chuan_bi", "Họp Hội đồng thi đua – khen thưởng", "Văn phòng Sở")
    meetings = list(
        meetings_visible_to(user=user)
        .filter(office.managed("owner__path"))
        .annotate(vote_count=Count("votes"), to_vote=_nominees_to_vote())
        .filter(vote_count=0)
        .select_related("campaign")
        .order_by("held_on", "pk")
    )
    for meeting in meetings:
        nominees = f"{meeting.to_vote or 0} người, tập thể cần biểu quyết"
        held = meeting.held_on <= today
        section.items.append(
            Item(
                title=f"Phiên họp ngày {meeting.held_on:%d/%m/%Y}: "
                + ("ghi kết quả biểu quyết" if held else f"chuẩn bị họp, {nominees}"),
                url=reverse("awards:meeting_detail", args=[meeting.pk]),
                context=meeting.campaign.title,
                due=None if held else meeting.held_on,
                since=meeting.held_on if held else None,
                action="Ghi kết quả" if held else "Xem danh sách",
            )
        )
    planned = {m.campaign_id for m in meetings}
    valid = (
        dossiers_visible_to(user=user)
        .filter(status=DossierStatus.HOP_LE)
        .filter(office.managed("unit__path"))
        .values("campaign_id", "campaign__title")
        .annotate(dossiers=Count("pk", distinct=True), nominees=Count("nominees"))
        .order_by("campaign__title")
    )
    create = reverse("awards:meeting_create")
    for row in valid:
        if row["campaign_id"] in planned:
            continue
        section.items.append(
            Item(
                title=f"{row['dossiers']} hồ sơ hợp lệ ({row['nominees']} người, tập thể) chờ Hội đồng xét",
                url=f"{create}?phong_trao={row['campaign_id']}",
                context=row["campaign__title"],
                action="Lập phiên họp",
            )
        )
    return section


def _decisions_to_record(user: User, office: Scope) -> Section:
    section = Section("quyet_dinh", "Quyết định, tờ trình cần ghi", "Văn phòng Sở")
    passed = (
        nominees_visible_to(user=user)
        .filter(office.managed("dossier__unit__path"))
        .filter(
            Exists(Vote.objects.filter(nominee=OuterRef("pk"), passed=True)),
            award__isnull=True,
            decisions__isnull=True,
        )
        .values("dossier__campaign_id", "dossier__campaign__title")
        .annotate(count=Count("pk", distinct=True))
        .order_by("dossier__campaign__title")
    )
    create = reverse("awards:decision_create")
    for row in passed:
        section.items.append(
            Item(
                title=f"{row['count']} người, tập thể đã được Hội đồng thông qua: ghi quyết định hoặc tờ trình",
                url=create,
                context=row["dossier__campaign__title"],
                action="Ghi quyết định",
            )
        )
    awaiting = (
        decisions_visible_to(user=user)
        .filter(office.managed("owner__path"), kind=DecisionKind.TO_TRINH, higher_number="")
        .annotate(nominee_count=Count("nominees"))
        .order_by("signed_on", "pk")
    )
    for decision in awaiting:
        section.items.append(
            Item(
                title=f"Tờ trình số {decision.number}: ghi quyết định của cấp trên",
                url=reverse("awards:decision_detail", args=[decision.pk]),
                context=f"{decision.nominee_count} người, tập thể đề nghị cấp trên khen thưởng",
                since=decision.signed_on,
                action="Ghi quyết định",
            )
        )
    return section


def _failed_reports(user: User, run) -> Section:
    section = Section("bao_cao_loi", "Báo cáo tạo không thành công", "Văn phòng Sở")
    since = timezone.now() - datetime.timedelta(days=FAILED_REPORT_DAYS)
    later = Report.objects.filter(
        campaign=OuterRef("campaign"),
        period=OuterRef("period"),
        created_at__gt=OuterRef("created_at"),
        status__in=(ReportStatus.XONG, ReportStatus.CHO, ReportStatus.DANG_CHAY),
    )
    failed = (
        reports_visible_to(user=user)
        .filter(campaign__in=run, status=ReportStatus.LOI, created_at__gte=since)
        .filter(~Exists(later))
        .select_related("campaign", "campaign__owner", "period", "unit", "cluster")
        .order_by("-created_at")
    )
    section.total = failed.count()
    for report in failed[:SHOWN]:
        section.items.append(
            Item(
                title=f"{report.period} – {report.scope_label} (lần {report.version})",
                url=reverse("reports:report_detail", args=[report.pk]),
                context=report.campaign.title,
                details=(report.error.splitlines()[0][:200],) if report.error else (),
                since=report.finished_at or report.created_at,
                action="Xem và tạo lại",
            )
        )
    return section


def _report_signers(run, today: datetime.date) -> Section:
    """The campaigns the office runs whose 15/6 or 15/12 report, due within SIGNER_NOTICE_DAYS, has no signer."""
    section = Section("nguoi_ky_bao_cao", "Báo cáo định kỳ chưa có người ký", "Văn phòng Sở")
    last = today + datetime.timedelta(days=SIGNER_NOTICE_DAYS)
    for period in periods_without_report_signer(campaigns=run, first=today, last=last):
        section.items.append(
            Item(
                title=f"Đặt người ký {report_label(period)} trước {period.due_date:%d/%m/%Y}",
                url=reverse("campaigns:campaign_edit", args=[period.campaign_id]),
                context=period.campaign.title,
                details=(
                    "Phong trào chưa đặt người ký báo cáo định kỳ và "
                    f"{period.campaign.owner.display_name} không có người ký văn bản vào ngày "
                    f"{period.due_date:%d/%m/%Y}: báo cáo theo lịch sẽ không được tạo.",
                ),
                due=period.due_date,
                action="Đặt người ký",
            )
        )
    return section


# --- Thành viên Hội đồng TĐKT ---------------------------------------------------------------------------------


def _nominees_to_vote() -> Subquery:
    """For a meeting (the outer query): the nominees its council votes on — those of the campaign's valid dossiers
    from the meeting's Sở and the units under it, as the vote table lists them — not yet voted at it."""
    to_vote = (
        Nominee.objects.filter(
            dossier__campaign=OuterRef("campaign"),
            dossier__unit__path__startswith=OuterRef("owner__path"),
            dossier__status__in=VOTABLE,
        )
        .filter(~Exists(Vote.objects.filter(nominee=OuterRef("pk"), meeting=OuterRef(OuterRef("pk")))))
        .order_by()
        .values("dossier__campaign")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Subquery(to_vote[:1], output_field=IntegerField())


def _council_sections(user: User, council: Scope, today: datetime.date) -> list[Section]:
    section = Section("hoi_dong", "Hội đồng thi đua – khen thưởng", "Thành viên Hội đồng TĐKT")
    meetings = list(
        meetings_visible_to(user=user)
        .filter(council.readable("owner__path"), held_on__gte=today)
        .select_related("campaign", "owner")
        .annotate(to_vote=_nominees_to_vote())
        .order_by("held_on", "pk")
    )
    for meeting in meetings:
        section.items.append(
            Item(
                title=f"Phiên họp Hội đồng TĐKT ngày {meeting.held_on:%d/%m/%Y}"
                + (f": {meeting.to_vote} người, tập thể cần biểu quyết" if meeting.to_vote else ""),
                url=reverse("awards:meeting_detail", args=[meeting.pk]),
                context=meeting.campaign.title,
                due=meeting.held_on,
                action="Xem danh sách",
            )
        )
    planned = {m.campaign_id for m in meetings}
    valid = (
        dossiers_visible_to(user=user)
        .filter(status=DossierStatus.HOP_LE)
        .filter(council.readable("unit__path"))
        .values("campaign_id", "campaign__title")
        .annotate(dossiers=Count("pk", distinct=True), nominees=Count("nominees"))
        .order_by("campaign__title")
    )
    for row in valid:
        if row["campaign_id"] in planned:
            continue
        url = reverse("awards:campaign_dossiers", args=[row["campaign_id"]])
        section.items.append(
            Item(
                title=f"{row['nominees']} người, tập thể trong {row['dossiers']} hồ sơ hợp lệ chờ Hội đồng xét",
                url=f"{url}?trang_thai={DossierStatus.HOP_LE}",
                context=row["campaign__title"],
                action="Xem hồ sơ",
            )
        )
    return [section]


# --- Ban TĐKT -------------------------------------------------------------------------------------------------


def _board_sections(user: User, board: Scope, today: datetime.date) -> list[Section]:
    reports = Section("bao_cao_moi", "Báo cáo mới", "Ban TĐKT", more_url=reverse("reports:report_list"))
    since = timezone.now() - datetime.timedelta(days=NEW_REPORT_DAYS)
    new = (
        reports_visible_to(user=user)
        .filter(status=ReportStatus.XONG, finished_at__gte=since)
        .exclude(downloads__user=user)
        .select_related("campaign", "campaign__owner", "period", "unit", "cluster")
        .order_by("-finished_at", "-pk")
    )
    reports.total = new.count()
    for report in new[:SHOWN]:
        reports.items.append(
            Item(
                title=f"{report.period} – {report.scope_label}",
                url=reverse("reports:report_detail", args=[report.pk]),
                context=report.campaign.title,
                state=f"Lần {report.version}",
                since=report.finished_at,
                action="Tải báo cáo",
            )
        )
    forwarded = Section("to_trinh", "Hồ sơ trình tỉnh khen thưởng", "Ban TĐKT")
    awaiting = (
        decisions_visible_to(user=user)
        .filter(board.readable("owner__path"), kind=DecisionKind.TO_TRINH, higher_number="")
        .select_related("owner")
        .annotate(nominee_count=Count("nominees"))
        .order_by("signed_on", "pk")
    )
    for decision in awaiting:
        forwarded.items.append(
            Item(
                title=f"Tờ trình số {decision.number} của {decision.owner.display_name}",
                url=reverse("awards:decision_detail", args=[decision.pk]),
                context=f"Đề nghị khen thưởng {decision.nominee_count} người, tập thể",
                since=decision.signed_on,
                action="Xem tờ trình",
            )
        )
    return [reports, forwarded]
