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
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, Q
from django.utils import timezone

from awards import rules
from awards.models import (
    Authority,
    AwardRecord,
    AwardStandard,
    CheckOverride,
    CheckResult,
    Comment,
    CouncilStep,
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
    initiatives: Sequence[Any] | None = None,
) -> Nominee:
    """Save a nominee and, in the same transaction, the changed rows of part III of Mẫu 07 (prior awards):
    each `{"pk": None | id, "delete": bool, "year", "is_title", "name", "decision"}`; `initiatives`: the
    register's initiatives linked to the nominee (None leaves them as they are)."""
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
    if initiatives is not None:
        allowed = {i.pk for i in initiatives if i.unit.path.startswith(dossier.unit.path)}
        nominee.initiatives.set(sorted(allowed))
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
    rule: Any = None  # the dated rule row the check used (stored with the check when the dossier is sent)
    values: dict | None = None  # what it read (counts, rating…), stored likewise
    judged_at: datetime.datetime | None = None  # set when read back from the stored results

    @property
    def blocks(self) -> bool:
        return not self.ok and not self.overridden

    @property
    def stops_sending(self) -> bool:
        """A failed check nobody may accept: the unit cannot send with it (the others travel with the dossier)."""
        return self.blocks and not self.overridable


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


def approved_rating(n: Nominee, dossier: Dossier) -> str | None:
    """The approved rating of the round's year from the ratings register (campaigns.people), if there is one."""
    try:
        from campaigns.people import rating_of
    except ImportError:  # the register is not installed
        return None
    unit = n.collective_unit or dossier.unit
    return rating_of(unit=unit, year=dossier.year, full_name=n.full_name, person=n.person)


def _has_initiative(n: Nominee) -> bool:
    if n.initiative.strip():
        return True
    return bool(n.pk) and n.initiatives.exists()


def _individual_problems(
    n: Nominee, standard: AwardStandard, dossier: Dossier | None = None, values: dict | None = None
) -> list[str]:
    problems = []
    values = values if values is not None else {}
    if standard.min_rating:
        registered = approved_rating(n, dossier) if dossier is not None else None
        rating, source = (registered, "sổ xếp loại đã duyệt") if registered else (n.rating, "tự khai")
        values.update(rating=rating or "", rating_source=source)
        meets = bool(rating) and RATING_ORDER.index(rating) <= RATING_ORDER.index(standard.min_rating)
        if not meets and not (standard.initiative_alternative and _has_initiative(n)):
            wanted = Rating(standard.min_rating).label.lower()
            alternative = " hoặc có sáng kiến, đề tài được công nhận" if standard.initiative_alternative else ""
            better = " trở lên" if standard.min_rating != RATING_ORDER[0] else ""
            told = f" (xếp loại {source}: {Rating(rating).label.lower()})" if rating and registered else ""
            if not registered and dossier is not None and rating:
                told = " (xếp loại tự khai: chưa có trong sổ xếp loại đã duyệt)"
            problems.append(f"chưa được xếp loại “{wanted}”{better}{alternative}{told}")
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


JUDGED = tuple(s for s in COUNTED if s != DossierStatus.YEU_CAU_BO_SUNG)


def dossier_checks(dossier: Dossier) -> list[Check]:
    """The checklist shown on the dossier: re-run on every change while the unit drafts it; once sent, the checks
    as judged at sending (with the rules they used), so that a rule edited later never changes them."""
    overrides = {o.code: o.reason for o in dossier.overrides.all()}
    if dossier.status in JUDGED:
        stored = judged_checks(dossier, overrides)
        if stored:
            return stored
    return live_checks(dossier, overrides)


def judged_checks(dossier: Dossier, overrides: dict[str, str] | None = None) -> list[Check]:
    """The checks stored at the dossier's latest sending."""
    if overrides is None:
        overrides = {o.code: o.reason for o in dossier.overrides.all()}
    rows = list(dossier.check_results.all())
    if not rows:
        return []
    last = max(r.sending for r in rows)
    return [
        Check(
            r.code,
            r.label,
            r.ok,
            r.message,
            r.overridable,
            overrides.get(r.code, "") if not r.ok else "",
            r.basis,
            values=r.values,
            judged_at=r.judged_at,
        )
        for r in rows
        if r.sending == last
    ]


def live_checks(dossier: Dossier, overrides: dict[str, str] | None = None) -> list[Check]:
    """The checks computed now, from the rules valid on the round's date."""
    nominees = list(dossier.nominees.select_related("award_form", "collective_unit"))
    if overrides is None:
        overrides = {o.code: o.reason for o in dossier.overrides.all()}
    checks: list[Check] = []

    def add(
        code: str,
        label: str,
        ok: bool,
        message: str = "",
        overridable: bool = False,
        basis: str = "",
        rule: Any = None,
        values: dict | None = None,
    ) -> None:
        checks.append(
            Check(code, label, ok, message, overridable, overrides.get(code, "") if not ok else "", basis, rule, values)
        )

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

    _leader_checks(dossier, nominees, add)

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
        values: dict[str, Any] = {}
        if n.kind == AwardTarget.CA_NHAN:
            problems = _individual_problems(n, standard, dossier, values)
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
            rule=standard,
            values=values,
        )

    _prerequisite_checks(dossier, nominees, add)

    duplicates = _duplicates(dossier, nominees)
    add(
        "duplicates",
        "Không đề nghị trùng (cùng người, cùng hình thức, cùng đợt)",
        not duplicates,
        "Trùng: " + "; ".join(duplicates) + "." if duplicates else "",
    )
    return checks


def _so_round(dossier: Dossier, award_form_id: int):
    """Every nominee of the form in this round (same campaign, round, year, milestone) proposed by the dossier's
    Sở — its units' sent dossiers — other than this dossier's."""
    so = rules.so_of(dossier.unit)
    return Nominee.objects.filter(
        dossier__campaign=dossier.campaign,
        dossier__milestone=dossier.milestone,
        dossier__round_kind=dossier.round_kind,
        dossier__year=dossier.year,
        dossier__status__in=COUNTED,
        dossier__unit__path__startswith=so.path,
        award_form_id=award_form_id,
        kind=AwardTarget.CA_NHAN,
    ).exclude(dossier=dossier)


def _leader_checks(dossier: Dossier, nominees: list[Nominee], add) -> None:
    """The leaders' share cap: the province's dated rule for the form (or, where none, the campaign's quota row),
    counted over all the Sở's proposals for that form in the round."""
    day = round_day(dossier)
    province = rules.province_for(dossier.unit, day)
    quotas = {q.award_form_id: q for q in _quota_rows(dossier) if q.leader_share_max is not None}
    forms = {n.award_form_id: n.award_form for n in nominees if n.kind == AwardTarget.CA_NHAN}
    for form_id, form in forms.items():
        rule = rules.leader_rule_for(form, day, province)
        quota = quotas.get(form_id)
        if rule is not None:
            limit, source, code = rule.max_percent, rule.legal_basis, f"leaders-rule-{form_id}"
        elif quota is not None:
            limit, source, code = quota.leader_share_max, quota.rule_source, f"leaders-{quota.pk}"
        else:
            continue
        mine = [n for n in nominees if n.award_form_id == form_id and n.kind == AwardTarget.CA_NHAN]
        others = list(_so_round(dossier, form_id).values_list("is_leader", flat=True))
        total = len(mine) + len(others)
        leaders = sum(1 for n in mine if n.is_leader) + sum(1 for leader in others if leader)
        share = Decimal(leaders) / total * 100
        scope = (
            f" Tính trên mọi hồ sơ đã gửi của Sở trong đợt ({len(others)} cá nhân của đơn vị khác và {len(mine)} của "
            "hồ sơ này)."
            if others
            else ""
        )
        add(
            code,
            f"Lãnh đạo không quá {limit.normalize():f} % số cá nhân đề nghị {form.name}",
            share <= limit,
            f"{leaders}/{total} cá nhân là lãnh đạo ({share:.0f} %).{scope}"
            + (f" Căn cứ: {source}." if source else ""),
            overridable=True,
            basis=source,
            rule=rule,
            values={"leaders": leaders, "total": total, "limit": str(limit), "others": len(others)},
        )


def _prerequisite_checks(dossier: Dossier, nominees: list[Nominee], add) -> None:
    """The title's prerequisites from the register (awards.prerequisites, when installed): nobody may override
    them; each problem names the missing year or initiative."""
    try:
        from awards.prerequisites import prerequisite_problems
    except ImportError:
        return
    day = round_day(dossier)
    for n in nominees:
        problems = prerequisite_problems(n, day)
        if problems is None:
            continue
        who = n.full_name if n.kind == AwardTarget.CA_NHAN else f"tập thể {n.full_name}"
        add(
            f"prerequisite-{n.pk}",
            f"Điều kiện của danh hiệu, hình thức: {who}",
            not problems,
            f"{n.full_name} – {n.award_form.name}: " + "; ".join(problems) + ". Điều kiện này không thể bỏ qua."
            if problems
            else "",
            values={"problems": list(problems)},
        )


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


def _rule_version(rule: Any) -> int | None:
    history = getattr(rule, "history", None)
    if history is None:
        return None
    latest = history.order_by("-history_id").values_list("history_id", flat=True).first()
    return latest


def _store_checks(dossier: Dossier, checks: list[Check]) -> None:
    """Keep the checks as judged at this sending, each with the rule row (kind, id, history version) it used."""
    sending = (dossier.check_results.aggregate(top=Max("sending"))["top"] or 0) + 1
    now = timezone.now()
    CheckResult.objects.bulk_create(
        [
            CheckResult(
                dossier=dossier,
                sending=sending,
                code=c.code,
                label=c.label[:255],
                ok=c.ok,
                message=c.message,
                overridable=c.overridable,
                basis=c.basis[:255],
                rule_kind=type(c.rule).__name__ if c.rule is not None else "",
                rule_id=getattr(c.rule, "pk", None),
                rule_version=_rule_version(c.rule) if c.rule is not None else None,
                values=c.values or {},
                order=order,
                judged_at=now,
            )
            for order, c in enumerate(checks)
        ]
    )


@transaction.atomic
def dossier_send(*, dossier: Dossier, user: User) -> Dossier:
    """The unit head sends (signs) the dossier. The round is serialised on the campaign's row, so quotas and the
    leaders' share are counted with every other unit's dossier sent a moment ago. A failed check that Văn phòng
    Sở may accept travels with the dossier, flagged; one nobody may accept stops the sending and says so."""
    _require(scope_for(user).holds(dossier.unit, Role.LANH_DAO), "Chỉ lãnh đạo đơn vị được gửi hồ sơ.")
    _require(dossier.is_editable, "Hồ sơ đã được gửi.")
    Campaign.objects.select_for_update().filter(pk=dossier.campaign_id).first()
    list(AwardQuota.objects.select_for_update().filter(campaign=dossier.campaign).order_by("pk"))
    checks = live_checks(dossier)
    stopping = [c for c in checks if c.stops_sending]
    if stopping:
        raise DomainError(
            "Chưa gửi được hồ sơ (các kiểm tra sau không thể được chấp nhận ngoại lệ, đơn vị cần sửa):\n"
            + "\n".join(f"– {c.message or c.label}" for c in stopping)
        )
    flagged = [c for c in checks if c.blocks]
    reason = (
        "Gửi kèm kiểm tra chưa đạt, chờ Văn phòng Sở xem xét: " + "; ".join(c.label for c in flagged) if flagged else ""
    )
    sent = _transition(dossier, user, DossierStatus.DA_GUI, reason, submitted_at=timezone.now(), submitted_by=user)
    _store_checks(sent, checks)
    return sent


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
    """Văn phòng Sở accepts one failed check as an exception, with its written reason — once: of two reviewers
    deciding the same exception, the second is told who decided first."""
    _require(_may_review(dossier, user), "Chỉ Văn phòng Sở được chấp nhận ngoại lệ.")
    check = next((c for c in dossier_checks(dossier) if c.code == code), None)
    _require(check is not None and not check.ok, "Không có kiểm tra này hoặc kiểm tra đã đạt.")
    _require(check.overridable, "Kiểm tra này không thể bỏ qua.")
    _require(bool(reason.strip()), "Vui lòng ghi lý do chấp nhận ngoại lệ.")
    _require(
        dossier.status in (DossierStatus.NHAP, DossierStatus.DA_GUI, DossierStatus.DANG_THAM_DINH),
        "Chỉ chấp nhận ngoại lệ khi hồ sơ đang chờ hoặc đang thẩm định.",
    )
    existing = CheckOverride.objects.filter(dossier=dossier, code=code).select_related("user").first()
    if existing is not None:
        raise StaleEditError(_already_decided(existing))
    try:
        with transaction.atomic():
            override = CheckOverride.objects.create(dossier=dossier, code=code, reason=reason.strip(), user=user)
    except IntegrityError:
        existing = CheckOverride.objects.filter(dossier=dossier, code=code).select_related("user").first()
        raise StaleEditError(_already_decided(existing)) from None
    return override


def _already_decided(override: CheckOverride | None) -> str:
    if override is None:
        return "Ngoại lệ này vừa được người khác quyết định. Vui lòng tải lại trang."
    who = override.user.get_full_name() or override.user.username
    return (
        f"Ngoại lệ này đã được {who} chấp nhận lúc {timezone.localtime(override.at):%H:%M %d/%m/%Y} "
        f"(lý do: {override.reason}). Vui lòng tải lại trang."
    )


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
    agreed: dict[int, bool] | None = None,
) -> list[Vote]:
    """Record đồng ý / không đồng ý per nominee (and, for a secret ballot, the ballots issued, returned and
    valid). A nominee passes when đồng ý reaches the form's threshold counted on the council's total membership
    (the rule in force on the meeting day). For a form whose path has the council review the list without a
    ballot threshold (Lao động tiên tiến…), `agreed` says whether the council agreed to propose the nominee."""
    _require(scope_for(user).can_manage(meeting.owner), "Chỉ Văn phòng Sở được ghi kết quả biểu quyết.")
    ballots = ballots or {}
    agreed = agreed or {}
    province = rules.province_for(meeting.owner, meeting.held_on)
    nominees = {
        n.pk: n
        for n in Nominee.objects.filter(
            pk__in=list(votes) + list(agreed),
            dossier__campaign=meeting.campaign,
            dossier__status__in=[DossierStatus.HOP_LE, DossierStatus.DA_XET],
        ).select_related("award_form", "dossier")
    }
    errors = []
    recorded = []
    for nominee_id, yes in agreed.items():
        nominee = nominees.get(nominee_id)
        if nominee is None:
            errors.append("Có người, tập thể không thuộc các hồ sơ hợp lệ của phong trào.")
            continue
        if rules.council_step(nominee.award_form, meeting.held_on, province) != CouncilStep.XEM_XET:
            errors.append(f"{nominee.full_name}: {nominee.award_form.name} phải bỏ phiếu theo ngưỡng, nhập số phiếu.")
            continue
        vote, _ = Vote.objects.update_or_create(
            meeting=meeting,
            nominee=nominee,
            defaults={
                "votes_for": 0,
                "votes_against": 0,
                "ballots_issued": None,
                "ballots_returned": None,
                "ballots_valid": None,
                "threshold_percent": Decimal(0),
                "secret_ballot": False,
                "method": CouncilStep.XEM_XET,
                "rule": None,
                "passed": bool(yes),
            },
        )
        recorded.append(vote)
    for nominee_id, (votes_for, votes_against) in votes.items():
        nominee = nominees.get(nominee_id)
        if nominee is None:
            errors.append("Có người, tập thể không thuộc các hồ sơ hợp lệ của phong trào.")
            continue
        if rules.council_step(nominee.award_form, meeting.held_on, province) == CouncilStep.XEM_XET:
            errors.append(
                f"{nominee.full_name}: hội đồng xem xét danh sách {nominee.award_form.name} (không bỏ phiếu theo "
                "ngưỡng): chọn Nhất trí hoặc Không nhất trí."
            )
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
                "method": CouncilStep.BIEU_QUYET,
                "rule": rule,
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
    """One award into the register, with its amount as of the decision's day (None when a rate is missing)."""
    dossier = nominee.dossier
    money = rules.amount_for(nominee.award_form, day)
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
        coefficient=money.coefficient if money else None,
        base_salary=money.base_salary if money else None,
        amount=money.amount if money else None,
    )


def authority_problems(*, owner: Unit, day: datetime.date, nominees: Sequence[Nominee]) -> list[str]:
    """Which nominees a Quyết định of the owner's head may not confer on that day, and why."""
    mine = rules.issuer_authority(owner)
    province = rules.province_for(owner, day)
    problems = []
    for n in nominees:
        conferrer, path = rules.conferrer_of(n.award_form, day, province)
        if conferrer is None or conferrer == mine:
            continue
        who = Authority(conferrer).label
        basis = f" (theo {path.legal_basis})" if path is not None and path.legal_basis else ""
        problems.append(
            f"{n.full_name}: {n.award_form.name} do {who} quyết định{basis}, không thuộc thẩm quyền của "
            f"{Authority(mine).label if mine else owner.name} ngày {day:%d/%m/%Y}. Lập Tờ trình đề nghị cấp trên, "
            "rồi ghi quyết định của cấp trên khi có."
        )
    return problems


def _order_problems(day: datetime.date, nominees: Sequence[Nominee]) -> list[str]:
    """A decision comes on or after the council meeting that passed each nominee."""
    problems = []
    for n in nominees:
        held = n.votes.filter(passed=True).aggregate(last=Max("meeting__held_on"))["last"]
        if held is not None and day < held:
            problems.append(f"{n.full_name}: ngày ký {day:%d/%m/%Y} trước ngày Hội đồng họp xét ({held:%d/%m/%Y}).")
    return problems


def _quota_problems(nominees: Sequence[Nominee]) -> list[str]:
    """A decision never confers more than the campaign's quota: places already decided or forwarded count."""
    problems = []
    groups: dict[tuple, list[Nominee]] = {}
    for n in nominees:
        groups.setdefault((n.dossier.campaign_id, n.dossier.milestone_id, n.award_form_id, n.kind), []).append(n)
    for (campaign_id, milestone_id, form_id, kind), group in groups.items():
        quotas = AwardQuota.objects.filter(campaign_id=campaign_id, award_form_id=form_id)
        quota = quotas.filter(milestone_id=milestone_id).first() if milestone_id else None
        quota = quota or quotas.filter(milestone__isnull=True).first()
        if quota is None:
            continue
        limit = quota.max_individual if kind == AwardTarget.CA_NHAN else quota.max_collective
        if limit is None:
            continue
        scope = Q(dossier__campaign_id=campaign_id, award_form_id=form_id, kind=kind)
        if quota.milestone_id:
            scope &= Q(dossier__milestone_id=quota.milestone_id)
        done = Nominee.objects.filter(scope).filter(Q(award__isnull=False) | Q(decisions__isnull=False)).distinct()
        taken = done.exclude(pk__in=[n.pk for n in group]).count()
        if taken + len(group) > limit:
            who = "cá nhân" if kind == AwardTarget.CA_NHAN else "tập thể"
            problems.append(
                f"{group[0].award_form.name} ({who}): đã quyết định hoặc đề nghị {taken}, thêm {len(group)} là vượt "
                f"số lượng {limit}" + (f" ({quota.rule_source})" if quota.rule_source else "") + "."
            )
    return problems


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
    # One decision at a time per Sở: the quota below counts what was already decided.
    Unit.objects.select_for_update().filter(pk=owner.pk).first()
    outside = [n.full_name for n in nominees if not n.dossier.unit.path.startswith(owner.path)]
    _require(not outside, "Không thuộc đơn vị ban hành: " + ", ".join(outside) + ".")
    not_passed = [n.full_name for n in nominees if not n.votes.filter(passed=True).exists()]
    _require(not not_passed, "Chưa được hội đồng thông qua: " + ", ".join(not_passed) + ".")
    already = [n.full_name for n in nominees if AwardRecord.objects.filter(nominee=n).exists()]
    _require(not already, "Đã có quyết định: " + ", ".join(already) + ".")
    day = data.get("signed_on")
    if day is not None:
        if kind == DecisionKind.QUYET_DINH:
            problems = authority_problems(owner=owner, day=day, nominees=nominees)
            _require(not problems, "\n".join(problems))
        problems = _order_problems(day, nominees)
        _require(not problems, "\n".join(problems))
    problems = _quota_problems(nominees)
    _require(not problems, "\n".join(problems))
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
    _require(
        signed_on >= decision.signed_on,
        f"Quyết định của cấp trên (ngày {signed_on:%d/%m/%Y}) không thể trước Tờ trình "
        f"(ngày {decision.signed_on:%d/%m/%Y}).",
    )
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
