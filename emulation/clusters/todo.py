"""What a cluster's year asks of a person next, for the home page's “Việc cần làm” (emulation/inbox.py wires it).

`cluster_tasks_for(user)` → a list of ClusterTask, one per step waiting for the person, in the clusters of the
current and the previous year they act in (a year's scoring ends in the first months of the next):
- a member (Văn phòng, lãnh đạo of the Sở): sign the launched giao ước; self-score while self-scoring is open;
- the Cụm trưởng: launch the drafted giao ước (and see who has not signed), open scoring, close self-scoring,
  record the meeting, publish, propose the awards;
- the Cụm phó (and the Cụm trưởng): cross-check while the cross-check is open;
- the organiser's office: a year with no Cụm trưởng named.
Queries: a handful per cluster the person acts in (a person acts in one or two).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from campaigns.models import ClusterMembership, ClusterRole, User
from campaigns.scope import scope_for
from emulation.clusters.models import PledgeSignature, RoundStatus, Score
from emulation.clusters.selectors import ACTS_FOR_MEMBER, clusters_visible_to, pledge_of, round_of, seat_for


@dataclass(frozen=True)
class ClusterTask:
    """Fields named as emulation.inbox.Item's, so that `Item(**dataclasses.asdict(task) minus role)` works."""

    title: str  # "Ký giao ước thi đua"
    url: str
    context: str  # "Cụm thi đua số 2 năm 2023 – Sở TT&TT Sơn La"
    role: str  # for whom: "Thành viên cụm", "Cụm trưởng", "Cụm trưởng, Cụm phó", "Cơ quan tổ chức cụm"
    state: str = ""  # a short badge: "5/7 đã ký"
    action: str = "Mở"
    since: datetime.datetime | None = None


def cluster_tasks_for(user: User, *, today: datetime.date | None = None) -> list[ClusterTask]:
    today = today or timezone.localdate()
    scope = scope_for(user)
    if not scope.grants and not scope.everything:
        return []
    years = (today.year - 1, today.year)
    acting = {g.unit_id for g in scope.grants if g.role in ACTS_FOR_MEMBER}
    member_of = set(
        ClusterMembership.objects.filter(unit_id__in=acting, cluster__year__in=years).values_list(
            "cluster_id", flat=True
        )
    )
    clusters = clusters_visible_to(user=user).filter(year__in=years)
    tasks: list[ClusterTask] = []
    for cluster in clusters:
        seat = seat_for(user=user, cluster=cluster)
        if cluster.pk not in member_of and not seat.manages:
            continue
        name = f"{cluster.name} năm {cluster.year}"
        if seat.manages and not seat.is_member:
            if not any(m.role == ClusterRole.TRUONG for m in cluster.memberships.all()):
                tasks.append(
                    ClusterTask(
                        "Phân công Cụm trưởng, Cụm phó",
                        reverse("clusters:members", args=[cluster.pk]),
                        name,
                        "Cơ quan tổ chức cụm",
                        action="Phân công",
                    )
                )
            continue
        tasks += _pledge_tasks(cluster, seat, name)
        tasks += _scoring_tasks(cluster, seat, name)
    return tasks


def _pledge_tasks(cluster, seat, name: str) -> list[ClusterTask]:
    pledge = pledge_of(cluster=cluster)
    url = reverse("clusters:pledge", args=[cluster.pk])
    if pledge is None:
        return [ClusterTask("Soạn giao ước thi đua", url, name, "Cụm trưởng", action="Soạn")] if seat.is_leader else []
    if not pledge.is_launched:
        return (
            [ClusterTask("Phát động ký kết giao ước", url, name, "Cụm trưởng", "Dự thảo", "Phát động")]
            if seat.is_leader
            else []
        )
    signed = set(PledgeSignature.objects.filter(pledge=pledge).values_list("unit_id", flat=True))
    tasks = [
        ClusterTask(
            "Ký giao ước thi đua",
            url,
            f"{name} – {m.unit.display_name}",
            "Thành viên cụm",
            "Chưa ký",
            "Ký",
            pledge.launched_at,
        )
        for m in seat.own
        if m.unit_id not in signed
    ]
    total = len(cluster.memberships.all())
    if seat.is_leader and len(signed) < total:
        tasks.append(
            ClusterTask("Theo dõi ký giao ước", url, name, "Cụm trưởng", f"{len(signed)}/{total} đã ký", "Xem")
        )
    return tasks


def _scoring_tasks(cluster, seat, name: str) -> list[ClusterTask]:
    scoring = round_of(cluster=cluster)
    if scoring is None:
        if seat.is_leader:
            return [
                ClusterTask(
                    "Mở chấm điểm thi đua",
                    reverse("clusters:scoring", args=[cluster.pk]),
                    name,
                    "Cụm trưởng",
                    action="Mở chấm điểm",
                )
            ]
        return []
    tasks: list[ClusterTask] = []
    if scoring.status == RoundStatus.TU_CHAM:
        for m in seat.own:
            missing = (
                Score.objects.filter(round=scoring, unit=m.unit, self_points__isnull=True)
                .exclude(kind="tu_dong")
                .count()
            )
            if missing:
                tasks.append(
                    ClusterTask(
                        "Tự chấm điểm thi đua",
                        reverse("clusters:member_scores", args=[cluster.pk, m.unit_id]),
                        f"{name} – {m.unit.display_name}",
                        "Thành viên cụm",
                        f"Còn {missing} tiêu chí",
                        "Chấm điểm",
                    )
                )
        if seat.is_leader:
            tasks.append(
                ClusterTask(
                    "Khóa tự chấm, chuyển sang chấm chéo",
                    reverse("clusters:scoring", args=[cluster.pk]),
                    name,
                    "Cụm trưởng",
                    scoring.get_status_display(),
                    "Mở",
                )
            )
    elif scoring.status == RoundStatus.CHAM_CHEO:
        if seat.is_head:
            tasks.append(
                ClusterTask(
                    "Chấm chéo điểm của các thành viên",
                    reverse("clusters:scoring", args=[cluster.pk]),
                    name,
                    "Cụm trưởng, Cụm phó",
                    scoring.get_status_display(),
                    "Chấm chéo",
                )
            )
        if seat.is_leader:
            tasks.append(
                ClusterTask(
                    "Ghi kết quả Hội nghị Cụm thống nhất",
                    reverse("clusters:ranking", args=[cluster.pk]),
                    name,
                    "Cụm trưởng",
                    action="Ghi kết quả",
                )
            )
    elif scoring.status == RoundStatus.THONG_NHAT and seat.is_leader:
        tasks.append(
            ClusterTask(
                "Công bố kết quả xếp hạng",
                reverse("clusters:ranking", args=[cluster.pk]),
                name,
                "Cụm trưởng",
                scoring.get_status_display(),
                "Công bố",
            )
        )
    if (
        seat.is_leader
        and scoring.status in (RoundStatus.THONG_NHAT, RoundStatus.CONG_BO)
        and not scoring.proposals.exists()
    ):
        tasks.append(
            ClusterTask(
                "Lập đề nghị Cờ thi đua, Bằng khen",
                reverse("clusters:ranking", args=[cluster.pk]),
                name,
                "Cụm trưởng",
                action="Lập đề nghị",
            )
        )
    return tasks
