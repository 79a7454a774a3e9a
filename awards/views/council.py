"""Council and decision pages: the Hội đồng TĐKT's meetings with their vote table and results, the Quyết định
or Tờ trình that follows, and the higher level's decision when a Tờ trình comes back.

Văn phòng Sở (who manages the meeting's or decision's unit) writes; council members and Ban TĐKT read through
their read scope; anyone else gets 404. The forms live here beside the only views that use them.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone

from awards import rules as award_rules
from awards import services
from awards.documents.minutes import threshold_phrase
from awards.forms import MeetingForm, member_formset
from awards.models import (
    AwardPath,
    CouncilStep,
    Decision,
    DecisionKind,
    DossierStatus,
    Meeting,
    MemberRole,
    Nominee,
    Vote,
    VoteRule,
)
from awards.selectors import decisions_visible_to, meetings_visible_to
from campaigns.models import AwardForm, AwardQuota, AwardTarget, Campaign, CampaignStatus, Role, Signer, Unit, User
from campaigns.orgchart import name_as_of, units_as_of
from campaigns.scope import scope_for
from campaigns.selectors import campaign_owner_choices, campaigns_visible_to
from emulation.lib.access import require
from emulation.lib.errors import DomainError
from emulation.lib.fields import IdsField
from emulation.lib.forms import DateTextInput
from emulation.lib.params import count_param, int_param, year_param
from emulation.lib.uploads import validate_document
from emulation.lib.vn import format_number, format_percent

PER_PAGE = 50
DATE_WIDGET = DateTextInput()
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
VOTABLE = (DossierStatus.HOP_LE, DossierStatus.DA_XET)
OFFICE_ONLY = "Chỉ Văn phòng Sở được lập phiên họp, ghi kết quả biểu quyết và quyết định khen thưởng."


def _without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _owners(user: User) -> QuerySet[Unit]:
    """The Sở (or Bộ) whose council the user runs as Văn phòng."""
    return campaign_owner_choices(user=user).order_by("path")


# --- Forms -----------------------------------------------------------------------------------------------------


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(
        label="Loại văn bản",
        choices=DecisionKind.choices,
        widget=forms.RadioSelect,
        help_text="Quyết định: các hình thức của Sở (ghi ngay vào sổ khen thưởng). Tờ trình: đề nghị cấp trên "
        "khen thưởng (ghi vào sổ khi có quyết định của cấp trên).",
    )
    owner = forms.ModelChoiceField(label="Đơn vị (Sở)", queryset=Unit.objects.none())
    number = forms.CharField(label="Số, ký hiệu", max_length=64, help_text="Ví dụ: 25/QĐ-STTTT hoặc 12/TTr-STTTT")
    signed_on = forms.DateField(label="Ngày ký", widget=DATE_WIDGET, input_formats=DATE_FORMATS)
    signer_ref = forms.ModelChoiceField(
        label="Người ký (theo danh sách người ký của đơn vị)",
        queryset=Signer.objects.none(),
        required=False,
        empty_label="— Nhập tay bên dưới —",
        help_text="Chọn để lấy đúng quyền hạn, chức vụ và họ tên in ở khối chữ ký.",
    )
    signer_authority = forms.CharField(
        label="Quyền hạn ký", max_length=128, required=False, help_text="Ví dụ: KT. GIÁM ĐỐC; để trống khi Giám đốc ký."
    )
    signer_position = forms.CharField(
        label="Chức vụ người ký",
        max_length=128,
        required=False,
        help_text="Ví dụ: PHÓ GIÁM ĐỐC. Văn bản dự thảo không lập được khi thiếu chức vụ người ký.",
    )
    signer = forms.CharField(label="Họ tên người ký", max_length=128, required=False)
    issuer = forms.CharField(label="Cơ quan ban hành", max_length=255)
    file = forms.FileField(label="Văn bản đã ký (PDF hoặc DOCX, không bắt buộc)", required=False)
    nominees = IdsField(
        label="Người, tập thể",
        queryset=Nominee.objects.none(),
        error_messages={
            "required": "Chọn ít nhất một người, tập thể.",
            "invalid_choice": "Có lựa chọn không thuộc danh sách đã được hội đồng thông qua.",
            "invalid_pk_value": "Lựa chọn không hợp lệ.",
        },
    )

    def __init__(self, *args, owners: QuerySet[Unit], candidates: QuerySet[Nominee], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["nominees"].queryset = candidates
        self.fields["signer_ref"].queryset = Signer.objects.filter(unit__in=owners).select_related("unit")
        self.fields["signer_ref"].label_from_instance = lambda s: (
            f"{s} ({s.unit.display_name})" if owners.count() > 1 else str(s)
        )

    def clean_number(self):
        return " ".join(self.cleaned_data["number"].split())

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            validate_document(upload, kinds=("pdf", "docx"))
        return upload

    def clean_signer(self):
        return " ".join(self.cleaned_data["signer"].split())

    def clean(self):
        cleaned = super().clean()
        owner, nominees, ref = cleaned.get("owner"), cleaned.get("nominees"), cleaned.get("signer_ref")
        if ref is None and not cleaned.get("signer"):
            self.add_error("signer", "Chọn người ký trong danh sách hoặc nhập họ tên người ký.")
        if ref is not None and owner and ref.unit_id != owner.pk:
            self.add_error("signer_ref", "Người ký không thuộc đơn vị đã chọn.")
        signed_on = cleaned.get("signed_on")
        if ref is not None and signed_on and not ref.is_valid_on(signed_on):
            self.add_error("signer_ref", f"Người ký này không còn hiệu lực ngày {signed_on:%d/%m/%Y}.")
        if owner and nominees:
            outside = [n.full_name for n in nominees if not n.dossier.unit.path.startswith(owner.path)]
            if outside:
                self.add_error("nominees", "Không thuộc đơn vị đã chọn: " + ", ".join(outside) + ".")
        return cleaned


DECISION_FIELDS = ("number", "signed_on", "signer_ref", "signer_authority", "signer_position", "signer", "issuer")


class HigherDecisionForm(forms.Form):
    higher_number = forms.CharField(label="Số quyết định của cấp trên", max_length=64)
    higher_signed_on = forms.DateField(label="Ngày quyết định", widget=DATE_WIDGET, input_formats=DATE_FORMATS)
    higher_issuer = forms.CharField(
        label="Cơ quan quyết định",
        max_length=255,
        help_text="Ví dụ: UBND tỉnh Bình Phước, Bộ Thông tin và Truyền thông",
    )


# --- Meetings --------------------------------------------------------------------------------------------------


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    return get_object_or_404(meetings_visible_to(user=request.user).select_related("owner", "campaign"), pk=pk)


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    meetings = (
        meetings_visible_to(user=request.user)
        .select_related("owner", "campaign")
        .annotate(vote_count=Count("votes"), passed_count=Count("votes", filter=Q(votes__passed=True)))
        .order_by("-held_on", "-pk")
    )
    campaign = int_param(request.GET.get("phong_trao"))
    if campaign:
        meetings = meetings.filter(campaign_id=campaign)
    page = Paginator(meetings, PER_PAGE).get_page(request.GET.get("page"))
    # Each meeting's Sở as named on the meeting's day (one query for the page).
    page.object_list = name_as_of(page.object_list, unit="owner", day=lambda m: m.held_on, attr="owner_then")
    context = {
        "page": page,
        "can_create": scope_for(request.user).has_role(Role.VAN_PHONG, Role.QUAN_TRI),
        "querystring": _without_page(request),
    }
    return render(request, "awards/meeting_list.html", context)


@login_required
def meeting_create(request: HttpRequest) -> HttpResponse:
    owners = _owners(request.user)
    require(owners.exists(), "Chỉ Văn phòng Sở được lập phiên họp hội đồng.")
    campaigns = (
        campaigns_visible_to(user=request.user)
        .exclude(status=CampaignStatus.DU_THAO)
        .select_related("owner")
        .order_by("-start_date", "title")
    )
    if request.method == "POST":
        form = MeetingForm(request.POST, owners=owners, campaigns=campaigns)
        members = member_formset(request.POST)
        if _meeting_valid(form, members):
            data = {k: v for k, v in form.cleaned_data.items() if k not in {"owner", "campaign"}}
            try:
                meeting = services.meeting_create(
                    owner=form.cleaned_data["owner"],
                    campaign=form.cleaned_data["campaign"],
                    user=request.user,
                    data=data,
                    members=members.members() if members.is_bound else None,
                )
            except DomainError as exc:
                for line in exc.message.splitlines():
                    form.add_error(None, line)
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.success(request, "Đã lập phiên họp. Nhập kết quả biểu quyết cho từng người, tập thể.")
                return redirect("awards:meeting_detail", pk=meeting.pk)
    else:
        initial = {"held_on": timezone.localdate(), "campaign": int_param(request.GET.get("phong_trao"))}
        if owners.count() == 1:
            initial["owner"] = owners.first()
        form = MeetingForm(owners=owners, campaigns=campaigns, initial=initial)
        members = member_formset(initial=[{"role": MemberRole.CHU_TRI}, {"role": MemberRole.THU_KY}], blank_rows=14)
    return render(request, "awards/meeting_form.html", {"form": form, "members": members})


def _meeting_valid(form: MeetingForm, members) -> bool:
    """Both valid, and the attendance list agrees with the counts (the Biên bản prints both)."""
    valid = form.is_valid() & (members.is_valid() if members.is_bound else True)
    if not valid:
        return False
    problems = services.attendance_problems(
        total=form.cleaned_data.get("members_total"),
        present=form.cleaned_data.get("members_present"),
        members=members.members(),
    )
    for problem in problems:
        form.add_error(None, problem)
    return not problems


@login_required
def meeting_update(request: HttpRequest, pk: int) -> HttpResponse:
    """Văn phòng Sở completes or corrects a meeting: place, times, Biên bản number, attendance."""
    meeting = _meeting(request, pk)
    require(scope_for(request.user).can_manage(meeting.owner), "Chỉ Văn phòng Sở được sửa phiên họp hội đồng.")
    owners = Unit.objects.filter(pk=meeting.owner_id)
    campaigns = Campaign.objects.filter(pk=meeting.campaign_id)
    if request.method == "POST":
        form = MeetingForm(request.POST, owners=owners, campaigns=campaigns, instance=meeting)
        members = member_formset(request.POST)
        if _meeting_valid(form, members):
            data = {k: v for k, v in form.cleaned_data.items() if k not in {"owner", "campaign"}}
            try:
                services.meeting_update(
                    meeting=Meeting.objects.get(pk=meeting.pk),
                    user=request.user,
                    data=data,
                    members=members.members() if members.is_bound else None,
                )
            except DomainError as exc:
                for line in exc.message.splitlines():
                    form.add_error(None, line)
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.success(request, "Đã cập nhật phiên họp.")
                return redirect("awards:meeting_detail", pk=meeting.pk)
    else:
        form = MeetingForm(owners=owners, campaigns=campaigns, instance=meeting)
        rows = [
            {f: getattr(m, f) for f in ("name", "position", "role", "is_member", "present", "written_vote")}
            for m in meeting.members.all()
        ]
        if not rows:
            rows = [
                {"name": meeting.chair, "role": MemberRole.CHU_TRI},
                {"name": meeting.secretary, "role": MemberRole.THU_KY, "is_member": False},
            ]
        members = member_formset(initial=rows, blank_rows=4 if meeting.members.exists() else 14)
    return render(request, "awards/meeting_form.html", {"form": form, "members": members, "meeting": meeting})


@dataclass
class VoteRow:
    nominee: Nominee
    vote: Vote | None
    editable: bool
    typed_for: str = ""
    typed_against: str = ""
    typed_ballots: tuple[str, str, str] = ("", "", "")  # phiếu phát ra, thu về, hợp lệ (bỏ phiếu kín)
    secret: bool = False
    error: str = ""
    percent: str = ""  # đồng ý over the council's total membership
    rank: int | None = None
    within_quota: bool | None = None
    tied_at_limit: bool = False


@dataclass
class Ranking:
    label: str
    limit: int
    passed: int
    rows: list[VoteRow]
    source: str = ""


@dataclass
class FormGroup:
    award_form: AwardForm
    rule: VoteRule | None
    step: str = CouncilStep.BIEU_QUYET
    path: AwardPath | None = None
    rows: list[VoteRow] = field(default_factory=list)
    rankings: list[Ranking] = field(default_factory=list)
    required_votes: int | None = None
    threshold: str = ""


def _vote_nominees(meeting: Meeting) -> list[Nominee]:
    """The owner's units' nominees in the campaign's valid dossiers, and any already voted at this meeting."""
    return list(
        Nominee.objects.filter(dossier__campaign=meeting.campaign, dossier__unit__path__startswith=meeting.owner.path)
        .filter(Q(dossier__status__in=VOTABLE) | Q(pk__in=meeting.votes.values("nominee_id")))
        .annotate(decided=Count("decisions", distinct=True))
        .select_related("award_form", "dossier", "dossier__unit", "dossier__milestone")
        .order_by("award_form__order", "award_form__name", "award_form_id", "dossier__unit__name", "order", "pk")
    )


def _rules(meeting: Meeting, form_ids: set[int]) -> dict[int, VoteRule]:
    """The rule in force on the meeting day for each form, in one query: the version that started last (one
    without a start date only when no dated version applies), as `services.vote_rule_for` picks it."""
    rules: dict[int, VoteRule] = {}
    for rule in VoteRule.objects.valid_on(meeting.held_on).filter(award_form_id__in=form_ids):
        current = rules.get(rule.award_form_id)
        if current is None or _start(rule) > _start(current):
            rules[rule.award_form_id] = rule
    return rules


def _start(rule: VoteRule) -> datetime.date:
    return rule.valid_from or datetime.date.min


def _quotas(meeting: Meeting, form_ids: set[int]) -> dict[tuple[int, int | None], AwardQuota]:
    return {
        (q.award_form_id, q.milestone_id): q
        for q in AwardQuota.objects.filter(campaign=meeting.campaign, award_form_id__in=form_ids)
    }


def _rank(rows: list[VoteRow], limit: int) -> None:
    """Rank passed nominees by đồng ý (then fewer không đồng ý); ties share a rank. Those at the quota's edge
    with equal votes are flagged for the council to decide."""
    rows.sort(key=lambda r: (-r.vote.votes_for, r.vote.votes_against, r.nominee.full_name))
    previous_key, rank = None, 0
    for position, row in enumerate(rows, start=1):
        key = (row.vote.votes_for, row.vote.votes_against)
        if key != previous_key:
            rank, previous_key = position, key
        row.rank = rank
        row.within_quota = position <= limit
    if 0 < limit < len(rows):
        edge = (rows[limit - 1].vote.votes_for, rows[limit - 1].vote.votes_against)
        for row in rows:
            row.tied_at_limit = (row.vote.votes_for, row.vote.votes_against) == edge and (
                (rows[limit].vote.votes_for, rows[limit].vote.votes_against) == edge
            )


Typed = dict[int, tuple[str, str, tuple[str, str, str], str]]  # đồng ý, không đồng ý, phiếu, lỗi


def _groups(meeting: Meeting, can_manage: bool, typed: Typed) -> list[FormGroup]:
    nominees = _vote_nominees(meeting)
    votes = {v.nominee_id: v for v in meeting.votes.all()}
    form_ids = {n.award_form_id for n in nominees}
    rules = _rules(meeting, form_ids)
    quotas = _quotas(meeting, form_ids)
    total = meeting.members_total
    province = award_rules.province_for(meeting.owner, meeting.held_on)
    groups: dict[int, FormGroup] = {}
    for nominee in nominees:
        group = groups.get(nominee.award_form_id)
        if group is None:
            rule = rules.get(nominee.award_form_id)
            path = award_rules.path_for(nominee.award_form, meeting.held_on, province)
            step = path.council if path is not None else CouncilStep.BIEU_QUYET
            group = FormGroup(award_form=nominee.award_form, rule=rule, step=step, path=path)
            if rule is not None:
                group.threshold = threshold_phrase(rule.threshold_percent, counted_on_total=rule.counted_on_total)
                if rule.counted_on_total:
                    group.required_votes = math.ceil(rule.threshold_percent * total / Decimal(100))
            groups[nominee.award_form_id] = group
        vote = votes.get(nominee.pk)
        reviewable = group.rule is not None or group.step == CouncilStep.XEM_XET
        editable = can_manage and reviewable and nominee.dossier.status in VOTABLE
        row = VoteRow(nominee=nominee, vote=vote, editable=editable)
        row.secret = vote.secret_ballot if vote is not None else bool(group.rule and group.rule.secret_ballot)
        if nominee.pk in typed:
            row.typed_for, row.typed_against, row.typed_ballots, row.error = typed[nominee.pk]
        elif vote is not None:
            row.typed_for, row.typed_against = str(vote.votes_for), str(vote.votes_against)
            row.typed_ballots = tuple(
                "" if n is None else str(n) for n in (vote.ballots_issued, vote.ballots_returned, vote.ballots_valid)
            )
        if vote is not None and total and vote.method != CouncilStep.XEM_XET:
            row.percent = format_percent(Decimal(vote.votes_for) * 100 / total, 1)
        group.rows.append(row)

    for group in groups.values():
        buckets: dict[tuple[int | None, str], list[VoteRow]] = defaultdict(list)
        for row in group.rows:
            if row.vote is not None and row.vote.passed:
                buckets[(row.nominee.dossier.milestone_id, row.nominee.kind)].append(row)
        for (milestone_id, kind), passed in buckets.items():
            form_id = group.award_form.pk
            quota = quotas.get((form_id, milestone_id)) or quotas.get((form_id, None))
            if quota is None:
                continue
            limit = quota.max_individual if kind == AwardTarget.CA_NHAN else quota.max_collective
            if limit is None or len(passed) <= limit:
                continue
            ranked = list(passed)
            _rank(ranked, limit)
            who = "cá nhân" if kind == AwardTarget.CA_NHAN else "tập thể"
            where = f" – {quota.milestone.name}" if quota.milestone_id else ""
            group.rankings.append(
                Ranking(
                    label=f"{group.award_form.name} ({who}){where}",
                    limit=limit,
                    passed=len(passed),
                    rows=ranked,
                    source=quota.rule_source,
                )
            )
    return list(groups.values())


BALLOT_FIELDS = ("phat_ra", "thu_ve", "hop_le")
BALLOT_LABELS = ("phát ra", "thu về", "hợp lệ")


def _parse_votes(
    post, editable: list[VoteRow], total: int
) -> tuple[dict[int, tuple[int, int]], dict[int, services.Ballots], Typed, list[str]]:
    """Read đồng ý / không đồng ý per nominee — and for a secret ballot the ballots issued, returned and valid,
    which the Biên bản reports; a row left blank is not recorded. Typed values come back as typed so that a
    mistake in one row does not lose the others."""
    votes: dict[int, tuple[int, int]] = {}
    ballots: dict[int, services.Ballots] = {}
    typed: Typed = {}
    errors: list[str] = []
    for row in editable:
        nominee = row.nominee
        raw_for = post.get(f"dong_y_{nominee.pk}", "").strip()[:6]
        raw_against = post.get(f"khong_dong_y_{nominee.pk}", "").strip()[:6]
        raw_ballots = tuple(post.get(f"{name}_{nominee.pk}", "").strip()[:6] for name in BALLOT_FIELDS)
        error = ""
        if raw_for or raw_against or any(raw_ballots):
            votes_for, votes_against = count_param(raw_for), count_param(raw_against)
            counts = tuple(count_param(raw) if raw else None for raw in raw_ballots)
            if votes_for is None or votes_against is None:
                error = "Nhập đủ số phiếu đồng ý và không đồng ý (số nguyên)."
            elif any(raw and count is None for raw, count in zip(raw_ballots, counts, strict=True)):
                error = "Số phiếu phát ra, thu về, hợp lệ phải là số nguyên."
            elif votes_for < 0 or votes_against < 0:
                error = "Số phiếu không được âm."
            elif votes_for + votes_against > total:
                error = f"Tổng số phiếu ({votes_for + votes_against}) vượt tổng số thành viên hội đồng ({total})."
            elif row.secret and None in counts:
                missing = ", ".join(label for label, count in zip(BALLOT_LABELS, counts, strict=True) if count is None)
                error = f"Bỏ phiếu kín: nhập số phiếu {missing} (in trong biên bản)."
            else:
                problems = services.ballot_problems(
                    votes_for=votes_for, votes_against=votes_against, ballots=counts, members_total=total
                )
                if problems:
                    error = " ".join(problems)
                else:
                    votes[nominee.pk] = (votes_for, votes_against)
                    ballots[nominee.pk] = counts
        if error:
            errors.append(f"{nominee.full_name}: {error}")
        typed[nominee.pk] = (raw_for, raw_against, raw_ballots, error)
    return votes, ballots, typed, errors


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    can_manage = scope_for(request.user).can_manage(meeting.owner)
    typed: Typed = {}
    errors: list[str] = []
    if request.method == "POST":
        require(can_manage, "Chỉ Văn phòng Sở được ghi kết quả biểu quyết.")
        groups_now = _groups(meeting, True, {})
        editable = [
            row for group in groups_now for row in group.rows if row.editable and group.step != CouncilStep.XEM_XET
        ]
        listed = [
            row for group in groups_now for row in group.rows if row.editable and group.step == CouncilStep.XEM_XET
        ]
        votes, ballots, typed, errors = _parse_votes(request.POST, editable, meeting.members_total)
        agreed = {}
        for row in listed:
            choice = request.POST.get(f"nhat_tri_{row.nominee.pk}", "")
            if choice in ("co", "khong"):
                agreed[row.nominee.pk] = choice == "co"
                typed[row.nominee.pk] = ("", "", ("", "", ""), "")
        if not errors and not votes and not agreed:
            errors.append("Chưa nhập số phiếu cho người, tập thể nào.")
        if not errors:
            try:
                services.meeting_record_votes(
                    meeting=meeting, user=request.user, votes=votes, ballots=ballots, agreed=agreed
                )
            except DomainError as exc:
                errors = exc.message.splitlines()
            else:
                messages.success(request, f"Đã ghi kết quả biểu quyết cho {len(votes) + len(agreed)} người, tập thể.")
                return redirect("awards:meeting_detail", pk=meeting.pk)
    groups = _groups(meeting, can_manage, typed)
    context = {
        "meeting": meeting,
        "members": list(meeting.members.all()),
        "groups": groups,
        "errors": errors,
        "can_manage": can_manage,
        "has_editable": any(row.editable for group in groups for row in group.rows),
        "has_passed": any(row.vote and row.vote.passed for group in groups for row in group.rows),
        "absent": meeting.members_total - meeting.members_present,
    }
    return render(request, "awards/meeting_detail.html", context)


# --- Decisions -------------------------------------------------------------------------------------------------


def _decision(request: HttpRequest, pk: int) -> Decision:
    return get_object_or_404(decisions_visible_to(user=request.user).select_related("owner", "created_by"), pk=pk)


def _candidates(user: User, meeting: Meeting | None = None) -> QuerySet[Nominee]:
    """Nominees the council passed, in units the user manages, not yet in a decision or a Tờ trình."""
    passed = Vote.objects.filter(passed=True)
    if meeting is not None:
        passed = passed.filter(meeting=meeting)
    return (
        Nominee.objects.filter(scope_for(user).managed("dossier__unit__path"))
        .filter(pk__in=passed.values("nominee_id"), award__isnull=True, decisions__isnull=True)
        .select_related("award_form", "dossier", "dossier__unit", "dossier__campaign")
        .prefetch_related(
            Prefetch(
                "votes",
                queryset=Vote.objects.filter(passed=True).select_related("meeting").order_by("-meeting__held_on"),
                to_attr="passed_votes",
            )
        )
        .order_by("dossier__campaign__title", "award_form__order", "award_form__name", "full_name", "pk")
    )


@login_required
def decision_list(request: HttpRequest) -> HttpResponse:
    decisions = (
        decisions_visible_to(user=request.user)
        .select_related("owner")
        .annotate(nominee_count=Count("nominees", distinct=True), record_count=Count("records", distinct=True))
        .order_by("-signed_on", "-pk")
    )
    kind = request.GET.get("loai", "")
    if kind in DecisionKind.values:
        decisions = decisions.filter(kind=kind)
    else:
        kind = ""
    year = year_param(request.GET.get("nam"))
    if year:
        decisions = decisions.filter(signed_on__year=year)
    page = Paginator(decisions, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "kinds": DecisionKind.choices,
        "filters": {"kind": kind, "year": year},
        "years": range(timezone.localdate().year + 1, 2019, -1),
        "can_create": scope_for(request.user).has_role(Role.VAN_PHONG, Role.QUAN_TRI),
        "querystring": _without_page(request),
    }
    return render(request, "awards/decision_list.html", context)


@login_required
def decision_create(request: HttpRequest) -> HttpResponse:
    owners = _owners(request.user)
    require(owners.exists(), "Chỉ Văn phòng Sở được ghi quyết định, tờ trình khen thưởng.")
    meeting = None
    meeting_pk = int_param(request.GET.get("phien_hop"))
    if meeting_pk:
        meeting = get_object_or_404(meetings_visible_to(user=request.user).select_related("owner"), pk=meeting_pk)
    candidates = _candidates(request.user, meeting)
    # From the meeting page, one nominee: another Sở's nominee (or one not passed, or decided) is not found.
    chosen = None
    if nguoi := int_param(request.GET.get("nguoi")):
        chosen = get_object_or_404(candidates, pk=nguoi)
    if request.method == "POST":
        form = DecisionForm(request.POST, request.FILES, owners=owners, candidates=candidates)
        if form.is_valid():
            data = {k: form.cleaned_data[k] for k in DECISION_FIELDS}
            try:
                decision = services.decision_create(
                    owner=form.cleaned_data["owner"],
                    user=request.user,
                    kind=form.cleaned_data["kind"],
                    data=data,
                    nominees=list(form.cleaned_data["nominees"]),
                    upload=form.cleaned_data["file"],
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.success(request, f"Đã ghi {decision.get_kind_display().lower()} số {decision.number}.")
                return redirect("awards:decision_detail", pk=decision.pk)
    else:
        owner = (
            meeting.owner if meeting and meeting.owner in owners else (owners.first() if owners.count() == 1 else None)
        )
        today = timezone.localdate()
        signers = Signer.objects.filter(unit=owner).valid_on(today).order_by("-valid_from", "-pk") if owner else []
        initial = {
            "kind": DecisionKind.QUYET_DINH,
            "signed_on": today,
            "owner": owner,
            "issuer": owner.name if owner else "",
            # The head who signs in their own right first; the Văn phòng picks a deputy (KT.) when they sign.
            "signer_ref": next((s for s in signers if not s.authority), None),
        }
        if chosen is not None:
            initial["nominees"] = [chosen.pk]
            conferrer, path = award_rules.conferrer_of(
                chosen.award_form, today, award_rules.province_for(owner, today) if owner else ""
            )
            if owner is not None and conferrer and conferrer != award_rules.issuer_authority(owner):
                initial["kind"] = DecisionKind.TO_TRINH
        form = DecisionForm(owners=owners, candidates=candidates, initial=initial)
    selected = {int_param(str(v)) for v in (form["nominees"].value() or [])}
    context = {"form": form, "candidates": list(candidates), "selected": selected, "meeting": meeting}
    return render(request, "awards/decision_form.html", context)


@login_required
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _decision(request, pk)
    can_manage = scope_for(request.user).can_manage(decision.owner)
    awaiting_higher = decision.kind == DecisionKind.TO_TRINH and not decision.higher_number
    higher_form = None
    if request.method == "POST":
        require(can_manage, "Chỉ Văn phòng Sở được ghi quyết định của cấp trên.")
        higher_form = HigherDecisionForm(request.POST)
        if higher_form.is_valid():
            try:
                services.decision_record_higher(
                    decision=decision,
                    user=request.user,
                    number=higher_form.cleaned_data["higher_number"],
                    signed_on=higher_form.cleaned_data["higher_signed_on"],
                    issuer=higher_form.cleaned_data["higher_issuer"],
                )
            except DomainError as exc:
                higher_form.add_error(None, exc.message)
            else:
                messages.success(request, "Đã ghi quyết định của cấp trên; khen thưởng đã vào sổ.")
                return redirect("awards:decision_detail", pk=decision.pk)
    elif can_manage and awaiting_higher:
        higher_form = HigherDecisionForm()
    nominees = list(
        decision.nominees.select_related("award_form", "dossier", "dossier__unit", "dossier__campaign").order_by(
            "award_form__order", "award_form__name", "full_name", "pk"
        )
    )
    records = {r.nominee_id: r for r in decision.records.all()}
    recorded = set(records)
    # The issuing Sở and the nominees' units as named on the decision's date (a 2024 decision keeps Bình Phước).
    named = units_as_of(
        [decision.owner, *{n.dossier.unit_id: n.dossier.unit for n in nominees}.values()], decision.signed_on
    )
    for n in nominees:
        n.unit_then = named[n.dossier.unit_id]
    for n in nominees:
        n.record = records.get(n.pk)
        if n.record is None:  # not yet decided (a Tờ trình): the amount as of the Tờ trình's date, for reference
            n.estimate = award_rules.amount_for(n.award_form, decision.signed_on)
    total = sum((r.amount for r in records.values() if r.amount is not None), Decimal(0))
    missing_amount = [n.full_name for n in nominees if n.record is not None and n.record.amount is None]
    context = {
        "decision": decision,
        "owner_then": named[decision.owner_id],
        "nominees": nominees,
        "recorded": recorded,
        "can_manage": can_manage,
        "awaiting_higher": awaiting_higher,
        "higher_form": higher_form,
        "count": format_number(len(nominees)),
        "total": total,
        "missing_amount": missing_amount,
    }
    return render(request, "awards/decision_detail.html", context)


urlpatterns = [
    path("hoi-dong/", meeting_list, name="meeting_list"),
    path("hoi-dong/tao/", meeting_create, name="meeting_create"),
    path("hoi-dong/<int:pk>/", meeting_detail, name="meeting_detail"),
    path("hoi-dong/<int:pk>/sua/", meeting_update, name="meeting_update"),
    path("quyet-dinh/", decision_list, name="decision_list"),
    path("quyet-dinh/tao/", decision_create, name="decision_create"),
    path("quyet-dinh/<int:pk>/", decision_detail, name="decision_detail"),
]
