"""Every write to dossiers, nominees, council votes, decisions and the register.

The checks a dossier must pass are computed here (`dossier_checks`) and re-run on every change; sending
takes a lock on the campaign's quota rows so that two units cannot both take the last place.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from awards.models import (
    AwardRecord,
    AwardStandard,
    CheckOverride,
    Comment,
    Decision,
    DecisionKind,
    Dossier,
    DossierEvent,
    DossierStatus,
    Meeting,
    MeetingMember,
    MemberRole,
    Nominee,
    PriorAward,
    Rating,
    RoundKind,
    Vote,
    VoteRule,
)
from campaigns.models import AwardQuota, AwardTarget, Campaign, Role, Signer, Unit, User
from campaigns.scope import scope_for
from campaigns.services import four_eyes_check
from emulation.lib.errors import DomainError, StaleEditError, claim_version
from emulation.lib.uploads import validate_document
from indicators import evaluation
from indicators.models import SubmissionStatus, Value

# States whose nominees count against a quota: everything sent and not withdrawn.
COUNTED = (
    DossierStatus.DA_GUI,
    DossierStatus.DANG_THAM_DINH,
    DossierStatus.YEU_CAU_BO_SUNG,
    DossierStatus.HOP_LE,
    DossierStatus.DA_XET,
    DossierStatus.DA_QUYET_DINH,
    DossierStatus.DA_TRINH,
)
# Ratings from best to worst: a standard's minimum is met by that rating or a better one.
RATING_ORDER = [Rating.XUAT_SAC, Rating.TOT, Rating.HOAN_THANH, Rating.KHONG]


# --- Who may do what -------------------------------------------------------------------------------------------


def _may_edit(dossier: Dossier, user: User) -> bool:
    return scope_for(user).holds(dossier.unit, Role.CAN_BO, Role.LANH_DAO)


def _may_review(dossier: Dossier, user: User) -> bool:
    scope = scope_for(user)
    return scope.can_manage(dossier.unit) or scope.can_manage(dossier.campaign.owner)


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise DomainError(message)


def _transition(dossier: Dossier, user: User, to_status: str, reason: str = "", **fields: Any) -> Dossier:
    """Move a dossier on, once: of two reviewers acting on the same state, the second is told."""
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if locked.status != dossier.status:
        raise StaleEditError("Hồ sơ vừa được người khác xử lý (trạng thái đã thay đổi). Vui lòng tải lại trang.")
    from_status = locked.status
    locked.status = to_status
    locked.status_changed_at = timezone.now()
    locked.version += 1
    for name, value in fields.items():
        setattr(locked, name, value)
    locked._history_user = user
    locked._change_reason = reason
    locked.save()
    DossierEvent.objects.create(dossier=locked, user=user, from_status=from_status, to_status=to_status, reason=reason)
    return locked


# --- Drafting ---------------------------------------------------------------------------------------------------


@transaction.atomic
def dossier_create(
    *, campaign: Campaign, unit: Unit, user: User, round_kind: str, year: int, milestone=None
) -> Dossier:
    _require(scope_for(user).holds(unit, Role.CAN_BO, Role.LANH_DAO), "Chỉ cán bộ, lãnh đạo của đơn vị được lập hồ sơ.")
    if milestone is not None and milestone.campaign_id != campaign.pk:
        raise DomainError("Mốc sơ kết, tổng kết không thuộc phong trào này.")
    if Dossier.objects.filter(
        campaign=campaign, unit=unit, round_kind=round_kind, year=year, milestone=milestone
    ).exists():
        raise DomainError("Đơn vị đã có hồ sơ cho đợt này; hãy mở hồ sơ đó để bổ sung.")
    dossier = Dossier(campaign=campaign, unit=unit, round_kind=round_kind, year=year, milestone=milestone)
    dossier.full_clean()
    dossier._history_user = user
    dossier.save()
    return dossier


def _store(upload: UploadedFile) -> tuple[UploadedFile, str]:
    """Check an uploaded document by content and size before anything is written; keep its display name."""
    validate_document(upload, kinds=("pdf", "docx"))
    return upload, upload.name[:255]


@transaction.atomic
def dossier_update(
    *,
    dossier: Dossier,
    user: User,
    version: int,
    data: dict[str, Any],
    submission_upload: UploadedFile | None = None,
    minutes_upload: UploadedFile | None = None,
) -> Dossier:
    _require(_may_edit(dossier, user), "Chỉ cán bộ, lãnh đạo của đơn vị được sửa hồ sơ.")
    _require(dossier.is_editable, "Hồ sơ đã gửi nên không sửa được.")
    if submission_upload:
        _store(submission_upload)
    if minutes_upload:
        _store(minutes_upload)
    claim_version(dossier, version)
    fresh = Dossier.objects.get(pk=dossier.pk)
    for name, value in data.items():
        setattr(fresh, name, value)
    if submission_upload:
        fresh.submission_file, fresh.submission_file_name = submission_upload, submission_upload.name[:255]
    if minutes_upload:
        fresh.minutes_file, fresh.minutes_file_name = minutes_upload, minutes_upload.name[:255]
    fresh.full_clean()
    fresh._history_user = user
    fresh.save()
    return fresh


@transaction.atomic
def nominee_save(
    *,
    dossier: Dossier,
    user: User,
    data: dict[str, Any],
    nominee: Nominee | None = None,
    report_upload: UploadedFile | None = None,
    prior_awards: Sequence[dict[str, Any]] = (),
) -> Nominee:
    """Save a nominee and, in the same transaction, the changed rows of part III of Mẫu 07 (prior awards):
    each `{"pk": None | id, "delete": bool, "year", "is_title", "name", "decision"}`."""
    _require(_may_edit(dossier, user), "Chỉ cán bộ, lãnh đạo của đơn vị được sửa hồ sơ.")
    _require(dossier.is_editable, "Hồ sơ đã gửi nên không sửa được.")
    if report_upload:
        _store(report_upload)
    nominee = nominee or Nominee(dossier=dossier)
    for name, value in data.items():
        setattr(nominee, name, value)
    if report_upload:
        nominee.signed_report, nominee.signed_report_name = report_upload, report_upload.name[:255]
    nominee.full_clean()
    nominee._history_user = user
    nominee.save()
    _save_prior_awards(nominee, prior_awards)
    Dossier.objects.filter(pk=dossier.pk).update(version=dossier.version + 1)
    return nominee


PRIOR_AWARD_FIELDS = ("year", "is_title", "name", "decision")


def _save_prior_awards(nominee: Nominee, rows: Sequence[dict[str, Any]]) -> None:
    """Another nominee's row id is never touched: every lookup is through this nominee."""
    for row in rows:
        if row.get("delete"):
            if row.get("pk"):
                nominee.prior_awards.filter(pk=row["pk"]).delete()
            continue
        prior = nominee.prior_awards.get(pk=row["pk"]) if row.get("pk") else PriorAward(nominee=nominee)
        for name in PRIOR_AWARD_FIELDS:
            setattr(prior, name, row[name])
        prior.full_clean()
        prior.save()


@transaction.atomic
def nominee_delete(*, nominee: Nominee, user: User) -> None:
    dossier = nominee.dossier
    _require(_may_edit(dossier, user), "Chỉ cán bộ, lãnh đạo của đơn vị được sửa hồ sơ.")
    _require(dossier.is_editable, "Hồ sơ đã gửi nên không sửa được.")
    nominee._history_user = user
    nominee.delete()


# --- Checks -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    code: str
    label: str
    ok: bool
    message: str = ""
    overridable: bool = False
    overridden: str = ""  # the reason Văn phòng Sở gave
    basis: str = ""  # the rule's legal basis, shown with a check that passed too

    @property
    def blocks(self) -> bool:
        return not self.ok and not self.overridden


def _quota_rows(dossier: Dossier) -> list[AwardQuota]:
    """The campaign's quotas for this round: the milestone's, or the campaign-wide ones."""
    quotas = AwardQuota.objects.filter(campaign=dossier.campaign).select_related("award_form")
    if dossier.milestone_id:
        return list(quotas.filter(Q(milestone_id=dossier.milestone_id) | Q(milestone__isnull=True)))
    return list(quotas.filter(milestone__isnull=True))


def _taken(dossier: Dossier, award_form_id: int, kind: str) -> int:
    """Places of a form already taken in this round by other units' sent dossiers."""
    return (
        Nominee.objects.filter(
            dossier__campaign=dossier.campaign,
            dossier__milestone=dossier.milestone,
            dossier__round_kind=dossier.round_kind,
            dossier__year=dossier.year,
            dossier__status__in=COUNTED,
            award_form_id=award_form_id,
            kind=kind,
        )
        .exclude(dossier=dossier)
        .count()
    )


def _collective_targets_share(nominee: Nominee, dossier: Dossier) -> Decimal | None:
    """The share (%) of the collective's targets achieved in the campaign's latest approved figures."""
    unit = nominee.collective_unit or dossier.unit
    values = list(
        Value.objects.filter(
            submission__unit=unit,
            submission__period__campaign=dossier.campaign,
            submission__period__year__lte=dossier.year,
            submission__status=SubmissionStatus.DA_DUYET,
        )
        .select_related("target", "target__indicator", "submission__period")
        .order_by("-submission__period__due_date")
    )
    if not values:
        return None
    latest = [v for v in values if v.submission.period_id == values[0].submission.period_id]
    baselines = evaluation.baselines_for(
        targets=[v.target for v in latest], unit_ids=[unit.pk], year=latest[0].submission.period.year
    )
    judged = [evaluation.unit_figure(v.target, v, baseline=baselines.get((v.target_id, unit.pk))) for v in latest]
    achieved = sum(1 for f in judged if f.is_met)
    return Decimal(achieved) * 100 / len(judged)


def round_day(dossier: Dossier) -> datetime.date:
    """The date whose rules a round follows: its milestone's, or the end of its year (a 2023 round keeps 2023's)."""
    if dossier.milestone_id:
        return dossier.milestone.due_date
    return datetime.date(dossier.year, 12, 31)


def standards_for(dossier: Dossier) -> list[AwardStandard]:
    """The standards valid on the round's date that may apply to this dossier's nominees, most specific first."""
    standards = (
        AwardStandard.objects.valid_on(round_day(dossier))
        .filter(Q(campaign=dossier.campaign) | Q(campaign__isnull=True))
        .select_related("award_form")
    )
    return sorted(
        standards,
        key=lambda st: (
            st.campaign_id is None,
            st.award_form_id is None,
            -(st.valid_from or datetime.date.min).toordinal(),
            -st.pk,
        ),
    )


def standard_for(nominee: Nominee, standards: list[AwardStandard]) -> AwardStandard | None:
    for standard in standards:
        if standard.target == nominee.kind and standard.award_form_id in (None, nominee.award_form_id):
            return standard
    return None


def _individual_problems(n: Nominee, standard: AwardStandard) -> list[str]:
    problems = []
    if standard.min_rating:
        meets = bool(n.rating) and RATING_ORDER.index(n.rating) <= RATING_ORDER.index(standard.min_rating)
        if not meets and not (standard.initiative_alternative and n.initiative.strip()):
            wanted = Rating(standard.min_rating).label.lower()
            alternative = " hoặc có sáng kiến, đề tài được công nhận" if standard.initiative_alternative else ""
            better = " trở lên" if standard.min_rating != RATING_ORDER[0] else ""
            problems.append(f"chưa được xếp loại “{wanted}”{better}{alternative}")
    if standard.no_discipline and n.disciplined:
        problems.append("đang bị kỷ luật, điều tra hoặc khiếu nại")
    return problems


def _collective_problems(n: Nominee, standard: AwardStandard, dossier: Dossier) -> list[str]:
    problems = []
    total = n.members_total or 0
    if standard.members_all_good or standard.members_excellent_min or standard.no_discipline:
        if not total:
            problems.append("chưa nhập số thành viên")
        else:
            good = (n.members_excellent or 0) + (n.members_good or 0)
            if standard.members_all_good and good < total:
                problems.append(f"chỉ {good}/{total} thành viên hoàn thành tốt nhiệm vụ trở lên")
            if standard.members_excellent_min and (n.members_excellent or 0) < standard.members_excellent_min:
                if standard.members_excellent_min == 1:
                    problems.append("không có thành viên hoàn thành xuất sắc nhiệm vụ")
                else:
                    problems.append(
                        f"chỉ {n.members_excellent or 0} thành viên hoàn thành xuất sắc nhiệm vụ "
                        f"(cần ít nhất {standard.members_excellent_min})"
                    )
            if standard.no_discipline and n.members_disciplined:
                problems.append(f"{n.members_disciplined} thành viên bị kỷ luật")
    if standard.targets_achieved_percent is not None:
        share = _collective_targets_share(n, dossier)
        wanted = standard.targets_achieved_percent.normalize()
        if share is None:
            problems.append("chưa có số liệu chỉ tiêu đã duyệt")
        elif share < standard.targets_achieved_percent:
            problems.append(f"chưa đạt {wanted:f} % chỉ tiêu (theo số liệu đã duyệt: {share:.0f} %)")
    return problems


def dossier_checks(dossier: Dossier) -> list[Check]:
    """The checklist shown on the dossier and re-run on every change."""
    nominees = list(dossier.nominees.select_related("award_form", "collective_unit"))
    overrides = {o.code: o.reason for o in dossier.overrides.all()}
    checks: list[Check] = []

    def add(code: str, label: str, ok: bool, message: str = "", overridable: bool = False, basis: str = "") -> None:
        checks.append(Check(code, label, ok, message, overridable, overrides.get(code, "") if not ok else "", basis))

    add("nominees", "Có ít nhất một người hoặc tập thể được đề nghị", bool(nominees), "Hồ sơ chưa có ai được đề nghị.")
    missing = []
    if not dossier.submission_file:
        missing.append("Tờ trình đã ký")
    if not dossier.minutes_file:
        missing.append("Biên bản họp Hội đồng TĐKT của đơn vị")
    missing += [f"Báo cáo thành tích (Mẫu 07) đã ký của {n.full_name}" for n in nominees if not n.signed_report]
    add("documents", "Đủ văn bản trong hồ sơ", not missing, "Còn thiếu: " + "; ".join(missing) + "." if missing else "")

    deadline = dossier.campaign.dossier_deadline
    today = timezone.localdate()
    late = (
        deadline is not None
        and today > deadline
        and dossier.status in (DossierStatus.NHAP, DossierStatus.YEU_CAU_BO_SUNG)
    )
    add(
        "deadline",
        "Trong hạn nộp hồ sơ" + (f" ({deadline:%d/%m/%Y})" if deadline else ""),
        not late,
        f"Đã quá hạn nộp hồ sơ ngày {deadline:%d/%m/%Y}." if late else "",
        overridable=True,
    )

    for quota in _quota_rows(dossier):
        form_nominees = [n for n in nominees if n.award_form_id == quota.award_form_id]
        if not form_nominees:
            continue
        for kind, limit, label in (
            (AwardTarget.TAP_THE, quota.max_collective, "tập thể"),
            (AwardTarget.CA_NHAN, quota.max_individual, "cá nhân"),
        ):
            mine = sum(1 for n in form_nominees if n.kind == kind)
            if limit is None or not mine:
                continue
            taken = _taken(dossier, quota.award_form_id, kind)
            add(
                f"quota-{quota.pk}-{kind}",
                f"Số lượng {quota.award_form.name} ({label}) trong giới hạn {limit}",
                taken + mine <= limit,
                f"Đã có {taken} {label} được các đơn vị đề nghị; thêm {mine} của hồ sơ này là vượt {limit}.",
            )
        if quota.leader_share_max is not None:
            individuals = [n for n in form_nominees if n.kind == AwardTarget.CA_NHAN]
            leaders = sum(1 for n in individuals if n.is_leader)
            if individuals:
                share = Decimal(leaders) / len(individuals) * 100
                add(
                    f"leaders-{quota.pk}",
                    f"Lãnh đạo không quá {quota.leader_share_max.normalize():f} % số cá nhân "
                    f"đề nghị {quota.award_form.name}",
                    share <= quota.leader_share_max,
                    f"{leaders}/{len(individuals)} cá nhân là lãnh đạo ({share:.0f} %)."
                    + (f" Căn cứ: {quota.rule_source}." if quota.rule_source else ""),
                    overridable=True,
                )

    standards = standards_for(dossier) if nominees else []
    for n in nominees:
        standard = standard_for(n, standards)
        who = n.full_name if n.kind == AwardTarget.CA_NHAN else f"tập thể {n.full_name}"
        if standard is None:
            add(
                f"standard-{n.pk}",
                f"Tiêu chuẩn của {who}",
                False,
                f"Chưa có tiêu chuẩn khen thưởng cho “{n.award_form.name}” áp dụng ngày "
                f"{round_day(dossier):%d/%m/%Y}: quản trị khai báo trong mục Tiêu chuẩn khen thưởng.",
                overridable=True,
            )
            continue
        if n.kind == AwardTarget.CA_NHAN:
            problems = _individual_problems(n, standard)
        else:
            problems = _collective_problems(n, standard, dossier)
        basis = f" Căn cứ: {standard.legal_basis}." if standard.legal_basis else ""
        add(
            f"standard-{n.pk}",
            f"Tiêu chuẩn của {who}",
            not problems,
            f"{n.full_name}: " + "; ".join(problems) + "." + basis if problems else "",
            # A disciplined person may never be proposed; everything else Văn phòng Sở may weigh with a reason.
            overridable=not (n.kind == AwardTarget.CA_NHAN and n.disciplined and standard.no_discipline),
            basis=standard.legal_basis,
        )

    duplicates = _duplicates(dossier, nominees)
    add(
        "duplicates",
        "Không đề nghị trùng (cùng người, cùng hình thức, cùng đợt)",
        not duplicates,
        "Trùng: " + "; ".join(duplicates) + "." if duplicates else "",
    )
    return checks


def _key(n: Nominee) -> tuple:
    if n.kind == AwardTarget.TAP_THE and n.collective_unit_id:
        return ("unit", n.collective_unit_id, n.award_form_id)
    return ("person", " ".join(n.full_name.lower().split()), n.birth_date, n.award_form_id)


def _duplicates(dossier: Dossier, nominees: list[Nominee]) -> list[str]:
    seen: dict[tuple, Nominee] = {}
    found = []
    others = (
        Nominee.objects.filter(
            dossier__campaign=dossier.campaign,
            dossier__round_kind=dossier.round_kind,
            dossier__year=dossier.year,
            dossier__milestone=dossier.milestone,
            award_form_id__in=[n.award_form_id for n in nominees],
        )
        .exclude(dossier=dossier)
        .exclude(dossier__status=DossierStatus.NHAP)
    )
    for n in list(others) + nominees:
        key = _key(n)
        if key in seen:
            found.append(f"{n.full_name} ({n.award_form.name})")
        seen[key] = n
    return found


# --- The flow ---------------------------------------------------------------------------------------------------


@transaction.atomic
def dossier_send(*, dossier: Dossier, user: User) -> Dossier:
    """The unit head sends (signs) the dossier. Quotas are counted under a lock on the campaign's quota rows,
    so a place taken by another unit a moment ago is seen."""
    _require(scope_for(user).holds(dossier.unit, Role.LANH_DAO), "Chỉ lãnh đạo đơn vị được gửi hồ sơ.")
    _require(dossier.is_editable, "Hồ sơ đã được gửi.")
    list(AwardQuota.objects.select_for_update().filter(campaign=dossier.campaign).order_by("pk"))
    blocking = [c for c in dossier_checks(dossier) if c.blocks]
    if blocking:
        raise DomainError("Chưa gửi được hồ sơ:\n" + "\n".join(f"– {c.message or c.label}" for c in blocking))
    return _transition(dossier, user, DossierStatus.DA_GUI, submitted_at=timezone.now(), submitted_by=user)


@transaction.atomic
def dossier_receive(*, dossier: Dossier, user: User) -> Dossier:
    _require(_may_review(dossier, user), "Chỉ Văn phòng Sở được thẩm định hồ sơ.")
    _require(dossier.status == DossierStatus.DA_GUI, "Chỉ nhận thẩm định hồ sơ đã gửi.")
    return _transition(
        dossier, user, DossierStatus.DANG_THAM_DINH, "Nhận thẩm định", review_round=dossier.review_round + 1
    )


@transaction.atomic
def dossier_request_changes(*, dossier: Dossier, user: User, comments: list[dict[str, Any]]) -> Dossier:
    """Return the dossier with comments per document or nominee; every round's comments are kept."""
    _require(_may_review(dossier, user), "Chỉ Văn phòng Sở được thẩm định hồ sơ.")
    _require(dossier.status == DossierStatus.DANG_THAM_DINH, "Chỉ yêu cầu bổ sung hồ sơ đang thẩm định.")
    comments = [c for c in comments if (c.get("text") or "").strip()]
    _require(bool(comments), "Vui lòng ghi ít nhất một nội dung cần bổ sung.")
    for c in comments:
        Comment.objects.create(
            dossier=dossier,
            review_round=dossier.review_round,
            target=c.get("target", "ho_so"),
            nominee=c.get("nominee"),
            text=c["text"].strip(),
            author=user,
        )
    return _transition(dossier, user, DossierStatus.YEU_CAU_BO_SUNG, "; ".join(c["text"].strip() for c in comments))


@transaction.atomic
def check_override(*, dossier: Dossier, user: User, code: str, reason: str) -> CheckOverride:
    _require(_may_review(dossier, user), "Chỉ Văn phòng Sở được chấp nhận ngoại lệ.")
    check = next((c for c in dossier_checks(dossier) if c.code == code), None)
    _require(check is not None and not check.ok, "Không có kiểm tra này hoặc kiểm tra đã đạt.")
    _require(check.overridable, "Kiểm tra này không thể bỏ qua.")
    _require(bool(reason.strip()), "Vui lòng ghi lý do chấp nhận ngoại lệ.")
    override, _ = CheckOverride.objects.update_or_create(
        dossier=dossier, code=code, defaults={"reason": reason.strip(), "user": user}
    )
    return override


@transaction.atomic
def dossier_accept(*, dossier: Dossier, user: User) -> Dossier:
    """Văn phòng Sở finds the dossier valid — someone other than who sent it, unless the Sở lifted that rule."""
    _require(_may_review(dossier, user), "Chỉ Văn phòng Sở được thẩm định hồ sơ.")
    _require(dossier.status == DossierStatus.DANG_THAM_DINH, "Chỉ công nhận hợp lệ hồ sơ đang thẩm định.")
    exemption = four_eyes_check(
        unit=dossier.unit,
        sender_id=dossier.submitted_by_id,
        approver=user,
        refusal="Bạn là người đã gửi hồ sơ này nên không thể tự công nhận hợp lệ: theo nguyên tắc người duyệt khác "
        "người gửi, một cán bộ khác của Văn phòng Sở cần thẩm định hồ sơ.",
    )
    blocking = [c for c in dossier_checks(dossier) if c.blocks and c.code != "deadline"]
    if blocking:
        raise DomainError("Hồ sơ chưa hợp lệ:\n" + "\n".join(f"– {c.message or c.label}" for c in blocking))
    return _transition(
        dossier, user, DossierStatus.HOP_LE, f"Hồ sơ hợp lệ. {exemption}" if exemption else "Hồ sơ hợp lệ"
    )


# --- Council ----------------------------------------------------------------------------------------------------


def vote_rule_for(award_form, day: datetime.date) -> VoteRule | None:
    # A dated rule wins over an open-ended one, on every database (PostgreSQL sorts NULL first when descending).
    return (
        VoteRule.objects.valid_on(day)
        .filter(award_form=award_form)
        .order_by(F("valid_from").desc(nulls_last=True), "-pk")
        .first()
    )


MEMBER_FIELDS = ("name", "position", "role", "is_member", "present", "written_vote")


def attendance_problems(*, total: int | None, present: int | None, members: Sequence[dict[str, Any]]) -> list[str]:
    """What does not add up between the meeting's counts and its attendance list (none when there is no list):
    the Biên bản prints both, so they must agree."""
    if not members:
        return []
    problems = []
    council = [m for m in members if m.get("is_member", True)]
    if total is not None and len(council) != total:
        problems.append(
            f"Danh sách có {len(council)} thành viên hội đồng nhưng tổng số thành viên hội đồng là {total}."
        )
    there = sum(1 for m in council if m.get("present", True))
    if present is not None and there != present:
        problems.append(f"Danh sách có {there} thành viên có mặt nhưng số thành viên có mặt là {present}.")
    for role, label in ((MemberRole.CHU_TRI, "chủ trì"), (MemberRole.THU_KY, "thư ký")):
        chosen = [m for m in members if m.get("role") == role]
        if len(chosen) > 1:
            problems.append(f"Chỉ một người là {label} cuộc họp.")
        if chosen and not chosen[0].get("present", True):
            problems.append(f"Người {label} phải có mặt.")
        if chosen and not (chosen[0].get("position") or "").strip():
            problems.append(f"Nhập chức vụ của người {label} ({chosen[0].get('name')}).")
    if not any(m.get("role") == MemberRole.CHU_TRI for m in members):
        problems.append("Chọn người chủ trì cuộc họp trong danh sách.")
    if not any(m.get("role") == MemberRole.THU_KY for m in members):
        problems.append("Chọn thư ký cuộc họp trong danh sách.")
    return problems


def _save_members(meeting: Meeting, members: Sequence[dict[str, Any]], user: User) -> None:
    """Replace the attendance list; the chủ trì's and thư ký's names are copied onto the meeting."""
    meeting.members.all().delete()
    for order, row in enumerate(members, start=1):
        member = MeetingMember(meeting=meeting, order=order, **{k: row[k] for k in MEMBER_FIELDS if k in row})
        if member.present:
            member.written_vote = False
        member.full_clean()
        member._history_user = user
        member.save()
    by_role = {m["role"]: m for m in members if m.get("role") in (MemberRole.CHU_TRI, MemberRole.THU_KY)}
    if MemberRole.CHU_TRI in by_role:
        meeting.chair = by_role[MemberRole.CHU_TRI]["name"]
    if MemberRole.THU_KY in by_role:
        meeting.secretary = by_role[MemberRole.THU_KY]["name"]


def _check_attendance(meeting: Meeting, members: Sequence[dict[str, Any]] | None) -> None:
    if members:
        problems = attendance_problems(total=meeting.members_total, present=meeting.members_present, members=members)
        if problems:
            raise DomainError("\n".join(problems))


@transaction.atomic
def meeting_create(
    *,
    owner: Unit,
    campaign: Campaign,
    user: User,
    data: dict[str, Any],
    members: Sequence[dict[str, Any]] | None = None,
) -> Meeting:
    """A council meeting, with its attendance list when given (name, chức vụ, role, present, written vote)."""
    _require(scope_for(user).can_manage(owner), "Chỉ Văn phòng Sở được lập phiên họp hội đồng.")
    meeting = Meeting(owner=owner, campaign=campaign, **data)
    _check_attendance(meeting, members)
    meeting.full_clean()
    meeting._history_user = user
    meeting.save()
    if members:
        _save_members(meeting, members, user)
        meeting.save(update_fields=["chair", "secretary"])
    return meeting


@transaction.atomic
def meeting_update(
    *, meeting: Meeting, user: User, data: dict[str, Any], members: Sequence[dict[str, Any]] | None = None
) -> Meeting:
    """Correct a meeting's particulars and attendance. The counts that thresholds were computed on are kept once
    votes are recorded: changing them would change results already recorded."""
    _require(scope_for(user).can_manage(meeting.owner), "Chỉ Văn phòng Sở được sửa phiên họp hội đồng.")
    voted = meeting.votes.exists()
    for name, value in data.items():
        if voted and name in ("members_total", "held_on") and getattr(meeting, name) != value:
            raise DomainError(
                "Đã ghi kết quả biểu quyết: không sửa được ngày họp và tổng số thành viên (ngưỡng đã tính theo đó)."
            )
        setattr(meeting, name, value)
    _check_attendance(meeting, members)
    meeting.full_clean()
    if members is not None:
        if members:
            _save_members(meeting, members, user)
        else:
            meeting.members.all().delete()
    meeting._history_user = user
    meeting.save()
    return meeting


Ballots = tuple[int | None, int | None, int | None]  # phiếu phát ra, thu về, hợp lệ


def ballot_problems(*, votes_for: int, votes_against: int, ballots: Ballots | None, members_total: int) -> list[str]:
    """A secret ballot's counts as the Biên bản reports them: each count within the one before it."""
    if not ballots or all(b is None for b in ballots):
        return []
    issued, returned, valid = ballots
    problems = []
    if any(b is not None and b < 0 for b in ballots):
        problems.append("Số phiếu không được âm.")
    if issued is not None and issued > members_total:
        problems.append(f"Số phiếu phát ra ({issued}) vượt tổng số thành viên hội đồng ({members_total}).")
    if issued is not None and returned is not None and returned > issued:
        problems.append(f"Số phiếu thu về ({returned}) lớn hơn số phiếu phát ra ({issued}).")
    if returned is not None and valid is not None and valid > returned:
        problems.append(f"Số phiếu hợp lệ ({valid}) lớn hơn số phiếu thu về ({returned}).")
    if valid is not None and votes_for + votes_against > valid:
        problems.append(
            f"Số phiếu đồng ý và không đồng ý ({votes_for + votes_against}) vượt số phiếu hợp lệ ({valid})."
        )
    return problems


@transaction.atomic
def meeting_record_votes(
    *,
    meeting: Meeting,
    user: User,
    votes: dict[int, tuple[int, int]],
    ballots: dict[int, Ballots] | None = None,
) -> list[Vote]:
    """Record đồng ý / không đồng ý per nominee (and, for a secret ballot, the ballots issued, returned and
    valid). A nominee passes when đồng ý reaches the form's threshold counted on the council's total membership
    (the rule in force on the meeting day)."""
    _require(scope_for(user).can_manage(meeting.owner), "Chỉ Văn phòng Sở được ghi kết quả biểu quyết.")
    ballots = ballots or {}
    nominees = {
        n.pk: n
        for n in Nominee.objects.filter(
            pk__in=list(votes),
            dossier__campaign=meeting.campaign,
            dossier__status__in=[DossierStatus.HOP_LE, DossierStatus.DA_XET],
        ).select_related("award_form", "dossier")
    }
    errors = []
    recorded = []
    for nominee_id, (votes_for, votes_against) in votes.items():
        nominee = nominees.get(nominee_id)
        if nominee is None:
            errors.append("Có người, tập thể không thuộc các hồ sơ hợp lệ của phong trào.")
            continue
        if votes_for < 0 or votes_against < 0 or votes_for + votes_against > meeting.members_total:
            errors.append(
                f"{nominee.full_name}: số phiếu không hợp lệ (tổng số thành viên là {meeting.members_total})."
            )
            continue
        counts = ballots.get(nominee_id) or (None, None, None)
        problems = ballot_problems(
            votes_for=votes_for, votes_against=votes_against, ballots=counts, members_total=meeting.members_total
        )
        if problems:
            errors.append(f"{nominee.full_name}: {' '.join(problems)}")
            continue
        rule = vote_rule_for(nominee.award_form, meeting.held_on)
        if rule is None:
            errors.append(
                f"{nominee.full_name}: chưa có quy tắc biểu quyết cho {nominee.award_form.name} "
                f"áp dụng ngày {meeting.held_on:%d/%m/%Y}."
            )
            continue
        base = meeting.members_total if rule.counted_on_total else (votes_for + votes_against)
        passed = base > 0 and Decimal(votes_for) * 100 >= rule.threshold_percent * base
        issued, returned, valid = counts
        vote, _ = Vote.objects.update_or_create(
            meeting=meeting,
            nominee=nominee,
            defaults={
                "votes_for": votes_for,
                "votes_against": votes_against,
                "ballots_issued": issued,
                "ballots_returned": returned,
                "ballots_valid": valid,
                "threshold_percent": rule.threshold_percent,
                "secret_ballot": rule.secret_ballot,
                "passed": passed,
            },
        )
        recorded.append(vote)
    if errors:
        raise DomainError("\n".join(errors))
    # A dossier is "Đã xét" once every one of its nominees has a vote.
    for dossier in {n.dossier for n in nominees.values()}:
        unvoted = dossier.nominees.exclude(votes__meeting=meeting).exists()
        if not unvoted and dossier.status == DossierStatus.HOP_LE:
            _transition(dossier, user, DossierStatus.DA_XET, f"Hội đồng họp ngày {meeting.held_on:%d/%m/%Y}")
    return recorded


# --- Decision and register --------------------------------------------------------------------------------------


def _record(nominee: Nominee, decision: Decision, number: str, day: datetime.date, issuer: str) -> AwardRecord:
    dossier = nominee.dossier
    return AwardRecord.objects.create(
        nominee=nominee,
        decision=decision,
        person=nominee.person,
        unit=nominee.collective_unit or dossier.unit,
        award_form=nominee.award_form,
        campaign=dossier.campaign,
        name=nominee.full_name,
        kind=nominee.kind,
        year=dossier.year,
        decision_number=number,
        decision_date=day,
        decision_issuer=issuer,
    )


def _with_signer(owner: Unit, data: dict[str, Any]) -> dict[str, Any]:
    """The signer's snapshot: from the chosen Signer of the unit, or — when only a name was typed — from the
    unit's Signer of that name valid on the signing day, so the signature block has its chức vụ and quyền hạn."""
    data = dict(data)
    ref: Signer | None = data.get("signer_ref")
    if ref is not None and ref.unit_id != owner.pk:
        raise DomainError("Người ký không thuộc đơn vị ban hành.")
    if ref is None and data.get("signer") and not data.get("signer_position"):
        day = data.get("signed_on")
        candidates = Signer.objects.filter(unit=owner, name=" ".join(data["signer"].split()))
        ref = (candidates.valid_on(day) if day else candidates).order_by("-valid_from", "-pk").first()
        if ref is not None:
            data["signer_ref"] = ref
    if ref is not None:
        data["signer"] = ref.name
        data["signer_position"] = ref.position
        data["signer_authority"] = ref.authority
    return data


@transaction.atomic
def decision_create(
    *,
    owner: Unit,
    user: User,
    kind: str,
    data: dict[str, Any],
    nominees: list[Nominee],
    upload: UploadedFile | None = None,
) -> Decision:
    """A Quyết định confers the Sở's own forms at once; a Tờ trình forwards higher forms."""
    _require(scope_for(user).can_manage(owner), "Chỉ Văn phòng Sở được ghi quyết định khen thưởng.")
    _require(bool(nominees), "Chọn ít nhất một người, tập thể.")
    not_passed = [n.full_name for n in nominees if not n.votes.filter(passed=True).exists()]
    _require(not not_passed, "Chưa được hội đồng thông qua: " + ", ".join(not_passed) + ".")
    already = [n.full_name for n in nominees if AwardRecord.objects.filter(nominee=n).exists()]
    _require(not already, "Đã có quyết định: " + ", ".join(already) + ".")
    if upload:
        validate_document(upload, kinds=("pdf", "docx"))
    decision = Decision(owner=owner, kind=kind, created_by=user, **_with_signer(owner, data))
    if upload:
        decision.file = upload
    decision.full_clean()
    decision._history_user = user
    decision.save()
    decision.nominees.set(nominees)
    to_status = DossierStatus.DA_QUYET_DINH if kind == DecisionKind.QUYET_DINH else DossierStatus.DA_TRINH
    if kind == DecisionKind.QUYET_DINH:
        for nominee in nominees:
            _record(nominee, decision, decision.number, decision.signed_on, decision.issuer)
    for dossier in Dossier.objects.filter(nominees__in=nominees, status=DossierStatus.DA_XET).distinct():
        _transition(dossier, user, to_status, str(decision))
    return decision


@transaction.atomic
def decision_record_higher(
    *, decision: Decision, user: User, number: str, signed_on: datetime.date, issuer: str
) -> Decision:
    """The higher level's decision came back: record it and put the awards in the register."""
    _require(scope_for(user).can_manage(decision.owner), "Chỉ Văn phòng Sở được ghi quyết định khen thưởng.")
    _require(decision.kind == DecisionKind.TO_TRINH, "Chỉ ghi quyết định cấp trên cho tờ trình đề nghị.")
    _require(not decision.higher_number, "Đã ghi quyết định của cấp trên.")
    _require(bool(number.strip() and issuer.strip()), "Nhập số quyết định và cơ quan quyết định.")
    decision.higher_number, decision.higher_signed_on, decision.higher_issuer = (
        number.strip(),
        signed_on,
        issuer.strip(),
    )
    decision._history_user = user
    decision.save()
    for nominee in decision.nominees.select_related("dossier", "award_form"):
        _record(nominee, decision, decision.higher_number, signed_on, decision.higher_issuer)
    return decision


def round_counts(*, dossiers) -> dict[str, int]:
    counts = {s: 0 for s in DossierStatus.values}
    for row in dossiers.values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts


ROUND_LABELS = dict(RoundKind.choices)
