"""Every write of a cluster's year: membership and heads, the giao ước, scores, the cross-check, the meeting, the
publication and the proposal. Each checks who may do it (the views check first, for 403/404) and raises DomainError
with a Vietnamese message when the rule refuses."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from awards.models import Dossier, DossierStatus, Nominee, RoundKind
from campaigns.models import AwardTarget, Cluster, ClusterMembership, ClusterRole, Unit, User
from emulation.clusters import ranking
from emulation.clusters.models import (
    ROUND_ORDER,
    Assignment,
    AwardQuota,
    Criterion,
    Pledge,
    PledgeSignature,
    PledgeStatus,
    PledgeTarget,
    Proposal,
    RoundStatus,
    Score,
    ScoreAdjustment,
    ScoreEvidence,
    ScoringKind,
    ScoringRound,
    ScoringTable,
    Standing,
    TieDecision,
)
from emulation.clusters.selectors import members_of, seat_for, table_groups
from emulation.lib.errors import DomainError, StaleEditError, claim_version
from emulation.lib.uploads import validate_document
from emulation.lib.vn import format_number
from indicators import evaluation
from indicators.models import SubmissionStatus, Target, Value

ORGANISER_ONLY = "Chỉ Văn phòng của cơ quan tổ chức cụm (Bộ) được sửa thành viên, cụm trưởng, cụm phó."
LEADER_ONLY = "Chỉ Cụm trưởng được thực hiện thao tác này."
HEADS_ONLY = "Chỉ Cụm trưởng, Cụm phó được chấm chéo."


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise DomainError(message)


def _points(value: Decimal | None) -> str:
    return format_number(value) if value is not None else "—"


# --- Membership, heads, the assignment decision -------------------------------------------------------------------


@transaction.atomic
def assignment_save(
    *,
    cluster: Cluster,
    user: User,
    roles: dict[int, str],
    number: str = "",
    issued_on: datetime.date | None = None,
    issuer: str = "",
    add: Sequence[Unit] = (),
    remove: Sequence[int] = (),
) -> Cluster:
    """Set the members' roles for the year (one Cụm trưởng at most), add and remove members, record the decision."""
    _require(seat_for(user=user, cluster=cluster).manages, ORGANISER_ONLY)
    if list(roles.values()).count(ClusterRole.TRUONG) > 1:
        raise DomainError("Mỗi cụm chỉ có một Cụm trưởng trong năm.")
    memberships = {m.unit_id: m for m in ClusterMembership.objects.select_for_update().filter(cluster=cluster)}
    for unit_id in remove:
        membership = memberships.pop(unit_id, None)
        if membership is None:
            continue
        if (
            Score.objects.filter(round__cluster=cluster, unit_id=unit_id).exists()
            or PledgeSignature.objects.filter(pledge__cluster=cluster, unit_id=unit_id).exists()
        ):
            raise DomainError(f"{membership.unit.name} đã ký giao ước hoặc đã chấm điểm: không bỏ khỏi cụm được.")
        membership._history_user = user
        membership.delete()
    # Demote first, so that the one-leader constraint never sees two leaders mid-way.
    for unit_id, membership in memberships.items():
        role = roles.get(unit_id, membership.role)
        if role != membership.role and membership.role == ClusterRole.TRUONG:
            membership.role = ClusterRole.THANH_VIEN
            membership._history_user = user
            membership.save(update_fields=["role"])
    for unit_id, membership in memberships.items():
        role = roles.get(unit_id, membership.role)
        if role != membership.role:
            membership.role = role
            membership._history_user = user
            membership.save(update_fields=["role"])
    for unit in add:
        if unit.pk in memberships:
            continue
        membership = ClusterMembership(cluster=cluster, unit=unit, role=ClusterRole.THANH_VIEN)
        membership.full_clean()
        membership._history_user = user
        membership.save()
    assignment, _ = Assignment.objects.get_or_create(cluster=cluster)
    assignment.number, assignment.issued_on, assignment.issuer = number.strip(), issued_on, issuer.strip()
    assignment.recorded_by = user
    assignment.full_clean()
    assignment._history_user = user
    assignment.save()
    cluster._members = None
    return cluster


@transaction.atomic
def cluster_copy_to_next_year(*, cluster: Cluster, user: User) -> Cluster:
    """The same Cụm with the same members and heads for the next year, to be edited (the heads rotate)."""
    _require(seat_for(user=user, cluster=cluster).manages, ORGANISER_ONLY)
    year = cluster.year + 1
    if Cluster.objects.filter(
        organiser=cluster.organiser, kind=cluster.kind, number=cluster.number, year=year
    ).exists():
        raise DomainError(f"{cluster.name} năm {year} đã có: mở năm đó để sửa.")
    copy = Cluster(
        organiser=cluster.organiser,
        kind=cluster.kind,
        number=cluster.number,
        year=year,
        name=cluster.name,
        note=cluster.note,
    )
    copy.full_clean()
    copy._history_user = user
    copy.save()
    for membership in ClusterMembership.objects.filter(cluster=cluster).order_by("pk"):
        ClusterMembership.objects.create(cluster=copy, unit_id=membership.unit_id, role=membership.role)
    return copy


# --- Giao ước thi đua ---------------------------------------------------------------------------------------------


@transaction.atomic
def pledge_save(*, cluster: Cluster, user: User, title: str, contents: str, targets: Sequence[str]) -> Pledge:
    seat = seat_for(user=user, cluster=cluster)
    _require(seat.is_leader, LEADER_ONLY)
    pledge = Pledge.objects.select_for_update().filter(cluster=cluster).first() or Pledge(cluster=cluster)
    if pledge.is_launched:
        raise DomainError("Giao ước đã phát động ký kết nên không sửa được nội dung.")
    pledge.title, pledge.contents = title.strip(), contents.strip()
    pledge.full_clean()
    pledge._history_user = user
    pledge.save()
    pledge.targets.all().delete()
    for order, text in enumerate(t.strip() for t in targets):
        if text:
            PledgeTarget.objects.create(pledge=pledge, text=text[:500], order=order)
    return pledge


@transaction.atomic
def pledge_launch(*, pledge: Pledge, user: User) -> Pledge:
    _require(seat_for(user=user, cluster=pledge.cluster).is_leader, LEADER_ONLY)
    if pledge.is_launched:
        raise DomainError("Giao ước đã được phát động.")
    if not pledge.contents.strip():
        raise DomainError("Giao ước chưa có nội dung.")
    pledge.status, pledge.launched_at, pledge.launched_by = PledgeStatus.DA_PHAT_DONG, timezone.now(), user
    pledge._history_user = user
    pledge.save()
    return pledge


@transaction.atomic
def pledge_sign(*, pledge: Pledge, unit: Unit, user: User, upload: UploadedFile) -> PledgeSignature:
    seat = seat_for(user=user, cluster=pledge.cluster)
    _require(unit.pk in seat.own_unit_ids, "Chỉ Văn phòng, lãnh đạo của đơn vị thành viên được ký giao ước cho đơn vị.")
    pledge = Pledge.objects.select_related("cluster").get(pk=pledge.pk)  # its state now, not when the page opened
    if not pledge.is_launched:
        raise DomainError("Giao ước chưa được Cụm trưởng phát động ký kết.")
    if PledgeSignature.objects.filter(pledge=pledge, unit=unit).exists():
        raise DomainError(f"{unit.name} đã ký giao ước.")
    try:
        validate_document(upload, kinds=("pdf",))
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages)) from exc
    signature = PledgeSignature(pledge=pledge, unit=unit, signed_by=user, file=upload, file_name=upload.name[:255])
    try:
        with transaction.atomic():
            signature.save()
    except IntegrityError as exc:
        raise DomainError(f"{unit.name} đã ký giao ước.") from exc
    return signature


# --- The scoring table --------------------------------------------------------------------------------------------


@transaction.atomic
def criterion_update(*, criterion: Criterion, user: User, data: dict[str, Any]) -> Criterion:
    """Edit a criterion: a new version. Scores already given keep the version and bounds they were given under."""
    fresh = Criterion.objects.select_for_update().get(pk=criterion.pk)
    for name, value in data.items():
        setattr(fresh, name, value)
    fresh.version += 1
    fresh.full_clean()
    fresh._history_user = user
    fresh.save()
    return fresh


# --- Scoring ------------------------------------------------------------------------------------------------------


@transaction.atomic
def round_open(*, cluster: Cluster, user: User, table: ScoringTable, campaign=None) -> ScoringRound:
    _require(seat_for(user=user, cluster=cluster).is_leader, LEADER_ONLY)
    if ScoringRound.objects.filter(cluster=cluster).exists():
        raise DomainError("Cụm đã mở chấm điểm năm nay.")
    scoring = ScoringRound(cluster=cluster, table=table, campaign=campaign)
    scoring.full_clean()
    scoring._history_user = user
    scoring.save()
    for membership in members_of(cluster=cluster):
        scores_ensure(scoring=scoring, unit=membership.unit)
    return scoring


def scores_ensure(*, scoring: ScoringRound, unit: Unit) -> None:
    """One score row per criterion of the table for the member, holding the criterion's version and bounds now;
    automatic criteria are computed at once."""
    have = set(Score.objects.filter(round=scoring, unit=unit).values_list("criterion_id", flat=True))
    for group in table_groups(table=scoring.table):
        for criterion in group.criteria.all():
            if criterion.pk in have:
                continue
            score = Score(
                round=scoring,
                unit=unit,
                criterion=criterion,
                criterion_version=criterion.version,
                kind=criterion.kind,
                min_points=criterion.min_points,
                max_points=criterion.max_points,
            )
            if criterion.kind == ScoringKind.AUTO:
                score.points, score.auto_basis = automatic_points(scoring=scoring, unit=unit, criterion=criterion)
                score.self_points = score.points
            score.save()


def automatic_points(*, scoring: ScoringRound, unit: Unit, criterion: Criterion) -> tuple[Decimal, str]:
    """The points of an automatic criterion: its maximum when the member's approved figure for the indicator meets
    the campaign's target (Vượt, Đạt — indicators.evaluation judges), its minimum otherwise or without an
    approved figure. Only approved figures count (a sent or returned one is not yet the unit's figure)."""
    year = scoring.cluster.year
    low = criterion.min_points
    if scoring.campaign_id is None:
        return low, "Cụm chưa gắn phong trào có chỉ tiêu: chưa chấm tự động được."
    targets = (
        Target.objects.filter(campaign_id=scoring.campaign_id, indicator_id=criterion.indicator_id)
        .filter(Q(year__isnull=True) | Q(year=year))
        .select_related("indicator")
    )
    target = next((t for t in targets if t.applies_to_unit(unit)), None)
    if target is None:
        return low, "Phong trào không đặt chỉ tiêu này cho đơn vị."
    value = (
        Value.objects.filter(
            target=target,
            submission__unit=unit,
            submission__period__year=year,
            submission__status=SubmissionStatus.DA_DUYET,
        )
        .select_related("submission__period")
        .order_by("-submission__period__due_date")
        .first()
    )
    if value is None:
        return low, f"Chưa có số liệu đã duyệt năm {year} (chỉ tiêu {target.describe()})."
    baseline = evaluation.baselines_for(targets=[target], unit_ids=[unit.pk], year=year).get((target.pk, unit.pk))
    figure = evaluation.unit_figure(target, value, baseline=baseline)
    points = criterion.max_points if figure.is_met else low
    period = value.submission.period
    return (
        points,
        f"{figure.text} – {figure.label} (chỉ tiêu {target.describe()}; {period.get_kind_display()} {year}, đã duyệt)",
    )


def refresh_automatic(*, scoring: ScoringRound, unit_ids: Iterable[int] | None = None) -> int:
    """Recompute the automatic criteria from the approved figures now; a score a head adjusted keeps its points.
    Only while scoring is open: an agreed ranking stands."""
    if scoring.status not in (RoundStatus.TU_CHAM, RoundStatus.CHAM_CHEO):
        return 0
    qs = Score.objects.filter(round=scoring, kind=ScoringKind.AUTO, adjustments__isnull=True).select_related(
        "criterion", "unit"
    )
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=list(unit_ids))
    changed = 0
    for score in qs:
        points, basis = automatic_points(scoring=scoring, unit=score.unit, criterion=score.criterion)
        points = min(max(points, score.min_points), score.max_points)
        if (points, basis) != (score.points, score.auto_basis):
            Score.objects.filter(pk=score.pk).update(points=points, self_points=points, auto_basis=basis)
            changed += 1
    return changed


def check_points(score: Score, points: Decimal | None) -> None:
    """Within the bounds the score was given under (the criterion's version then); yes/no is its min or max."""
    if points is None:
        return
    code = score.criterion.code
    if points < score.min_points or points > score.max_points:
        raise DomainError(
            f"Tiêu chí {code}: điểm phải từ {_points(score.min_points)} đến {_points(score.max_points)}, "
            f"không nhận {_points(points)}."
        )
    if score.kind == ScoringKind.YES_NO and points not in (score.min_points, score.max_points):
        raise DomainError(
            f"Tiêu chí {code} chấm có / không: điểm là {_points(score.max_points)} (có) hoặc "
            f"{_points(score.min_points)} (không)."
        )


@dataclass(frozen=True)
class SelfEntry:
    score_id: int
    points: Decimal | None
    explanation: str


@transaction.atomic
def self_score_save(*, scoring: ScoringRound, unit: Unit, user: User, entries: Sequence[SelfEntry]) -> int:
    """A member scores itself. Every entry is checked before any is saved: one bad figure saves nothing."""
    seat = seat_for(user=user, cluster=scoring.cluster)
    _require(unit.pk in seat.own_unit_ids, "Đơn vị chỉ tự chấm điểm của chính mình, không chấm cho thành viên khác.")
    fresh = ScoringRound.objects.select_for_update().get(pk=scoring.pk)
    if fresh.status != RoundStatus.TU_CHAM:
        raise DomainError(f"Cụm đã chuyển sang bước “{fresh.get_status_display()}”: không tự chấm được nữa.")
    scores = {s.pk: s for s in Score.objects.select_related("criterion").filter(round=scoring, unit=unit)}
    for entry in entries:
        score = scores.get(entry.score_id)
        if score is None:
            raise DomainError("Đơn vị chỉ tự chấm điểm của chính mình, không chấm cho thành viên khác.")
        if score.kind == ScoringKind.AUTO:
            continue
        check_points(score, entry.points)
    changed = 0
    for entry in entries:
        score = scores[entry.score_id]
        if score.kind == ScoringKind.AUTO:
            if score.explanation != entry.explanation:
                Score.objects.filter(pk=score.pk).update(explanation=entry.explanation, updated_by=user)
            continue
        if (score.self_points, score.explanation) == (entry.points, entry.explanation):
            continue
        score.self_points = score.points = entry.points
        score.explanation = entry.explanation
        score.updated_by = user
        score.version += 1
        score._history_user = user
        score.save()
        changed += 1
    return changed


@transaction.atomic
def evidence_add(*, score: Score, user: User, upload: UploadedFile) -> ScoreEvidence:
    seat = seat_for(user=user, cluster=score.round.cluster)
    _require(score.unit_id in seat.own_unit_ids, "Chỉ đơn vị được chấm mới nộp minh chứng của mình.")
    if score.round.status != RoundStatus.TU_CHAM:
        raise DomainError("Đã qua bước tự chấm: không nộp thêm minh chứng được.")
    try:
        validate_document(upload, kinds=("pdf", "docx", "xlsx", "jpeg", "png"))
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages)) from exc
    evidence = ScoreEvidence(score=score, file=upload, name=upload.name[:255], uploaded_by=user)
    evidence.save()
    return evidence


def _stale(score_id: int) -> StaleEditError:
    current = Score.objects.select_related("updated_by").get(pk=score_id)
    who = current.updated_by.display_name if current.updated_by else "người khác"
    return StaleEditError(
        f"Điểm này vừa được {who} điều chỉnh thành {_points(current.points)} sau khi bạn mở trang. Điều chỉnh của "
        "bạn chưa được lưu: xem điểm và nhận xét mới rồi nhập lại nếu vẫn cần."
    )


@transaction.atomic
def score_adjust(*, score: Score, user: User, version: int, points: Decimal, comment: str) -> Score:
    """A head changes a member's points in the cross-check, with a comment; of two heads adjusting from the same
    version, the first wins and the second is told (StaleEditError)."""
    seat = seat_for(user=user, cluster=score.round.cluster)
    _require(seat.is_head, HEADS_ONLY)
    head_unit = seat.head_unit
    if score.unit_id in seat.own_unit_ids:
        raise DomainError("Đơn vị không chấm chéo điểm của chính mình: Cụm phó (hoặc Cụm trưởng) chấm cho đơn vị.")
    scoring = ScoringRound.objects.select_for_update().get(pk=score.round_id)
    if scoring.status != RoundStatus.CHAM_CHEO:
        raise DomainError(f"Chỉ điều chỉnh được khi cụm đang chấm chéo (hiện: {scoring.get_status_display()}).")
    if not comment.strip():
        raise DomainError("Ghi nhận xét khi điều chỉnh điểm.")
    check_points(score, points)
    claim_version(score, version, _stale(score.pk))
    fresh = Score.objects.get(pk=score.pk)
    ScoreAdjustment.objects.create(
        score=fresh, from_points=fresh.points, to_points=points, comment=comment.strip(), by=user, by_unit=head_unit
    )
    fresh.points, fresh.updated_by = points, user
    fresh._history_user = user
    fresh.save(update_fields=["points", "updated_by", "updated_at"])
    return fresh


# --- Ranking, the meeting, publication ----------------------------------------------------------------------------


def totals_of(*, scoring: ScoringRound) -> list[ranking.Total]:
    groups = table_groups(table=scoring.table)
    first_group_id = groups[0].pk if groups else None
    sums: dict[int, dict[str, Decimal]] = {}
    names = {m.unit_id: m.unit.name for m in members_of(cluster=scoring.cluster)}
    for unit_id in names:
        sums[unit_id] = {"total": Decimal(0), "first": Decimal(0), "penalty": Decimal(0)}
    for unit_id, group_id, kind, points in Score.objects.filter(round=scoring).values_list(
        "unit_id", "criterion__group_id", "kind", "points"
    ):
        if unit_id not in sums or points is None:
            continue
        sums[unit_id]["total"] += points
        if group_id == first_group_id:
            sums[unit_id]["first"] += points
        if kind == ScoringKind.PENALTY:
            sums[unit_id]["penalty"] += abs(points)
    positions = dict(TieDecision.objects.filter(round=scoring).values_list("unit_id", "position"))
    return [
        ranking.Total(
            unit_id=unit_id,
            name=names[unit_id],
            total=s["total"],
            first_group=s["first"],
            penalty=s["penalty"],
            position=positions.get(unit_id),
        )
        for unit_id, s in sums.items()
    ]


def ranking_of(*, scoring: ScoringRound) -> list[ranking.Ranked]:
    return ranking.rank(totals_of(scoring=scoring))


@transaction.atomic
def round_start_cross_check(*, scoring: ScoringRound, user: User) -> ScoringRound:
    return _move(scoring, user, RoundStatus.TU_CHAM, RoundStatus.CHAM_CHEO)


def _move(scoring: ScoringRound, user: User, from_status: str, to_status: str, **fields) -> ScoringRound:
    _require(seat_for(user=user, cluster=scoring.cluster).is_leader, LEADER_ONLY)
    fresh = ScoringRound.objects.select_for_update().get(pk=scoring.pk)
    if fresh.status != from_status:
        raise DomainError(
            f"Cụm đang ở bước “{fresh.get_status_display()}”, không chuyển sang “{RoundStatus(to_status).label}” được."
        )
    if to_status == RoundStatus.CHAM_CHEO:
        refresh_automatic(scoring=fresh)
    fresh.status = to_status
    for name, value in fields.items():
        setattr(fresh, name, value)
    fresh.version += 1
    fresh.full_clean()
    fresh._history_user = user
    fresh.save()
    return fresh


@transaction.atomic
def tie_decide(*, scoring: ScoringRound, user: User, positions: dict[int, int]) -> None:
    """Record the meeting's order among members the rule leaves tied (1 first)."""
    _require(seat_for(user=user, cluster=scoring.cluster).is_leader, LEADER_ONLY)
    if scoring.status != RoundStatus.CHAM_CHEO:
        raise DomainError("Thứ tự các đơn vị bằng điểm do hội nghị quyết định trước khi thống nhất kết quả.")
    members = {m.unit_id for m in members_of(cluster=scoring.cluster)}
    for unit_id, position in positions.items():
        if unit_id not in members:
            raise DomainError("Đơn vị không thuộc cụm.")
        TieDecision.objects.update_or_create(round=scoring, unit_id=unit_id, defaults={"position": position})


@transaction.atomic
def round_agree(
    *,
    scoring: ScoringRound,
    user: User,
    meeting_date: datetime.date,
    meeting_place: str,
    meeting_present: str,
    meeting_secretary: str,
    meeting_number: str = "",
) -> ScoringRound:
    """The cluster meeting agreed: the ranking is frozen as it stands (ties must be decided first)."""
    _require(seat_for(user=user, cluster=scoring.cluster).is_leader, LEADER_ONLY)
    refresh_automatic(scoring=scoring)
    ranked = ranking_of(scoring=scoring)
    tied = ranking.undecided(ranked)
    if tied:
        names = ", ".join(r.total.name for r in tied)
        raise DomainError(f"Còn đơn vị bằng điểm theo mọi tiêu chí phụ ({names}): Hội nghị Cụm cần quyết định thứ tự.")
    fresh = _move(
        scoring,
        user,
        RoundStatus.CHAM_CHEO,
        RoundStatus.THONG_NHAT,
        meeting_date=meeting_date,
        meeting_place=meeting_place.strip(),
        meeting_present=meeting_present.strip(),
        meeting_secretary=meeting_secretary.strip(),
        meeting_number=meeting_number.strip(),
        agreed_at=timezone.now(),
    )
    Standing.objects.filter(round=fresh).delete()
    Standing.objects.bulk_create(
        Standing(
            round=fresh,
            unit_id=r.total.unit_id,
            rank=r.rank,
            total=r.total.total,
            first_group=r.total.first_group,
            penalty=r.total.penalty,
            decided_by_meeting=r.decided_by_meeting,
        )
        for r in ranked
    )
    return fresh


@transaction.atomic
def round_publish(*, scoring: ScoringRound, user: User) -> ScoringRound:
    return _move(scoring, user, RoundStatus.THONG_NHAT, RoundStatus.CONG_BO, published_at=timezone.now())


def status_index(status: str) -> int:
    return ROUND_ORDER.index(status)


# --- The proposal of the Cờ thi đua and Bằng khen ------------------------------------------------------------------


def quotas_for(*, scoring: ScoringRound) -> list[AwardQuota]:
    day = datetime.date(scoring.cluster.year, 12, 31)
    return list(
        AwardQuota.objects.filter(table=scoring.table)
        .valid_on(day)
        .select_related("award_form")
        .order_by("order", "pk")
    )


@transaction.atomic
def proposal_create(*, scoring: ScoringRound, user: User) -> Dossier:
    """The meeting's proposal as a dossier of the awards flow: the Cụm trưởng's Sở files it, for the cluster's
    campaign, with one collective nominee per proposed member (its rank and points in the summary), the
    meeting's date and attendance as the dossier's Biên bản. The Sở's Văn phòng receives it and forwards it to the
    Bộ (“Đã trình cấp trên”), whose decision is then recorded — the same path as any award the Bộ confers."""
    seat = seat_for(user=user, cluster=scoring.cluster)
    _require(seat.is_leader, LEADER_ONLY)
    fresh = ScoringRound.objects.select_for_update().get(pk=scoring.pk)
    if fresh.status not in (RoundStatus.THONG_NHAT, RoundStatus.CONG_BO):
        raise DomainError("Chỉ đề nghị khen thưởng sau khi Hội nghị Cụm thống nhất kết quả.")
    if fresh.campaign_id is None:
        raise DomainError("Cụm chưa gắn phong trào: hồ sơ đề nghị khen thưởng phải thuộc một phong trào.")
    if Proposal.objects.filter(round=fresh).exists():
        raise DomainError("Cụm đã lập đề nghị khen thưởng năm nay.")
    leader = next(m.unit for m in members_of(cluster=fresh.cluster) if m.role == ClusterRole.TRUONG)
    year = fresh.cluster.year
    if Dossier.objects.filter(campaign_id=fresh.campaign_id, unit=leader, round_kind=RoundKind.NAM, year=year).exists():
        raise DomainError(f"{leader.name} đã có hồ sơ bình xét cuối năm {year} của phong trào này.")
    quotas = quotas_for(scoring=fresh)
    if not quotas:
        raise DomainError("Bảng điểm chưa quy định số lượng đề nghị khen thưởng của cụm.")
    standings = list(Standing.objects.filter(round=fresh).select_related("unit").order_by("rank"))
    chosen: list[tuple[AwardQuota, Standing]] = []
    remaining = list(standings)
    for quota in quotas:
        taken = [s for s in remaining if quota.min_points is None or s.total >= quota.min_points][: quota.max_count]
        chosen += [(quota, s) for s in taken]
        remaining = [s for s in remaining if s not in taken]
    if not chosen:
        raise DomainError("Không thành viên nào đạt điểm tối thiểu để đề nghị khen thưởng.")
    members = members_of(cluster=fresh.cluster)
    present = len([line for line in fresh.meeting_present.splitlines() if line.strip()]) or len(members)
    dossier = Dossier(
        campaign_id=fresh.campaign_id,
        unit=leader,
        round_kind=RoundKind.NAM,
        year=year,
        status=DossierStatus.NHAP,
        minutes_date=fresh.meeting_date,
        minutes_members_total=len(members),
        minutes_members_present=min(present, len(members)),
        note=(
            f"Đề nghị của {fresh.cluster.name} năm {year} theo kết quả chấm điểm, xếp hạng Hội nghị Cụm thống nhất "
            f"ngày {fresh.meeting_date:%d/%m/%Y}. {leader.name} (Cụm trưởng) trình Bộ."
        ),
    )
    dossier.full_clean()
    dossier._history_user = user
    dossier.save()
    for order, (quota, standing) in enumerate(chosen):
        nominee = Nominee(
            dossier=dossier,
            kind=AwardTarget.TAP_THE,
            award_form=quota.award_form,
            full_name=standing.unit.name,
            collective_unit=standing.unit,
            work_unit=standing.unit.name,
            summary=(
                f"Xếp thứ {standing.rank}/{len(standings)} {fresh.cluster.name} năm {year} với "
                f"{format_number(standing.total)} điểm."
            ),
            order=order,
        )
        nominee.full_clean()
        nominee._history_user = user
        nominee.save()
        Proposal.objects.create(
            round=fresh,
            award_form=quota.award_form,
            unit=standing.unit,
            rank=standing.rank,
            dossier=dossier,
            created_by=user,
        )
    return dossier
