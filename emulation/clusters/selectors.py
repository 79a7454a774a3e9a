"""Every read of a cluster's year, scoped to the person. The one entry: `seat_for(user, cluster)` says for which
members the person acts and whether they head the cluster or run it for the organiser.

Who reads what (anything else → 404):
- every member (its Văn phòng Sở or lãnh đạo, acting for the Sở): the cluster, its members and heads, the giao
  ước and who signed it, its own scores with evidence and adjustments, the ranking once published (names and
  totals only);
- the Cụm trưởng and Cụm phó: also every member's scores and evidence, to cross-check them, and the ranking
  before it is published;
- the organiser's office (Văn phòng or quản trị of the Bộ, campaigns.scope "manages"): everything of the cluster,
  and it alone edits the membership.
A member never reads another member's figures, scores or dossiers: those stay with their own apps' scoping.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from campaigns import selectors as campaign_selectors
from campaigns.models import Cluster, ClusterMembership, ClusterRole, Role, Unit, UnitLevel, User
from campaigns.scope import scope_for
from emulation.clusters.models import (
    Assignment,
    Criterion,
    CriterionGroup,
    Pledge,
    PledgeSignature,
    Score,
    ScoringRound,
    ScoringTable,
    Standing,
)

# Roles that act for a member Sở in its cluster: its Văn phòng (thường trực TĐKT) and its lãnh đạo.
ACTS_FOR_MEMBER = (Role.VAN_PHONG, Role.LANH_DAO)
# A member's role said the way its cluster says it.
ROLE_LABELS = {
    "cum": {ClusterRole.TRUONG: "Cụm trưởng", ClusterRole.PHO: "Cụm phó", ClusterRole.THANH_VIEN: "Thành viên"},
    "khoi": {ClusterRole.TRUONG: "Khối trưởng", ClusterRole.PHO: "Khối phó", ClusterRole.THANH_VIEN: "Thành viên"},
}
ROLE_RANK = {ClusterRole.TRUONG: 0, ClusterRole.PHO: 1, ClusterRole.THANH_VIEN: 2}


@dataclass(frozen=True)
class Seat:
    """The person's place in one cluster's year."""

    cluster: Cluster
    own: tuple[ClusterMembership, ...]  # the memberships of the members the person acts for
    manages: bool  # the organiser's office (or the superuser)

    @property
    def own_units(self) -> list[Unit]:
        return [m.unit for m in self.own]

    @property
    def own_unit_ids(self) -> set[int]:
        return {m.unit_id for m in self.own}

    @property
    def role(self) -> str | None:
        return min((m.role for m in self.own), key=ROLE_RANK.__getitem__, default=None)

    @property
    def is_member(self) -> bool:
        return bool(self.own)

    @property
    def is_leader(self) -> bool:
        """Acts for the Cụm trưởng: launches the giao ước, moves the scoring on, records the meeting."""
        return self.role == ClusterRole.TRUONG

    @property
    def is_head(self) -> bool:
        """Cụm trưởng or Cụm phó: cross-checks every member's scores."""
        return self.role in (ClusterRole.TRUONG, ClusterRole.PHO)

    @property
    def head_unit(self) -> Unit | None:
        heads = [m for m in self.own if m.role in (ClusterRole.TRUONG, ClusterRole.PHO)]
        return min(heads, key=lambda m: ROLE_RANK[m.role]).unit if heads else None

    @property
    def reads_all_scores(self) -> bool:
        return self.is_head or self.manages

    def reads_member(self, unit_id: int) -> bool:
        """May the person read this member's scores and evidence (its internal record)?"""
        return self.reads_all_scores or unit_id in self.own_unit_ids


def clusters_visible_to(*, user: User) -> QuerySet[Cluster]:
    return campaign_selectors.clusters_visible_to(user=user).select_related("organiser")


def seat_for(*, user: User, cluster: Cluster) -> Seat:
    scope = scope_for(user)
    acting = {g.unit_id for g in scope.grants if g.role in ACTS_FOR_MEMBER}
    own = tuple(m for m in members_of(cluster=cluster) if m.unit_id in acting)
    manages = scope.everything or scope.can_manage(cluster.organiser)
    return Seat(cluster=cluster, own=own, manages=manages)


def members_of(*, cluster: Cluster) -> list[ClusterMembership]:
    """Members, Cụm trưởng first, then Cụm phó, then by name (cached on the cluster for the request)."""
    cached = getattr(cluster, "_members", None)
    if cached is None:
        cached = list(campaign_selectors.cluster_members(cluster=cluster))
        for membership in cached:
            membership.cluster = cluster  # its kind names the roles on the pages; no query per member
        cluster._members = cached
    return cached


def member_candidates(*, cluster: Cluster) -> QuerySet[Unit]:
    """Sở under the organiser that are in no cluster of the same kind of the organiser that year (a Sở belongs to
    one Cụm of the Bộ a year)."""
    taken = ClusterMembership.objects.filter(
        cluster__organiser=cluster.organiser, cluster__kind=cluster.kind, cluster__year=cluster.year
    ).values("unit_id")
    return (
        Unit.objects.filter(level=UnitLevel.SO, path__startswith=cluster.organiser.path)
        .exclude(pk__in=taken)
        .order_by("name")
    )


def assignment_of(*, cluster: Cluster) -> Assignment | None:
    return Assignment.objects.filter(cluster=cluster).select_related("recorded_by").first()


def same_cluster_over_years(*, cluster: Cluster) -> QuerySet[Cluster]:
    """The same Cụm (organiser, kind, number) in every year: the history of who led when."""
    return (
        Cluster.objects.filter(organiser=cluster.organiser, kind=cluster.kind, number=cluster.number)
        .select_related("assignment")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=ClusterMembership.objects.filter(role__in=[ClusterRole.TRUONG, ClusterRole.PHO])
                .select_related("unit")
                .order_by("role", "unit__name"),
                to_attr="heads",
            )
        )
        .order_by("-year")
    )


def pledge_of(*, cluster: Cluster) -> Pledge | None:
    return (
        Pledge.objects.filter(cluster=cluster)
        .select_related("launched_by")
        .prefetch_related("targets__indicator", Prefetch("signatures", queryset=_signatures()))
        .first()
    )


def _signatures() -> QuerySet[PledgeSignature]:
    return PledgeSignature.objects.select_related("unit", "signed_by").order_by("signed_at")


def table_for(*, cluster: Cluster) -> ScoringTable | None:
    """The organiser's scoring table in force in the cluster's year (on 31/12 of it)."""
    import datetime

    return (
        ScoringTable.objects.filter(organiser=cluster.organiser)
        .valid_on(datetime.date(cluster.year, 12, 31))
        .order_by("-valid_from", "-pk")
        .first()
    )


def table_groups(*, table: ScoringTable) -> list[CriterionGroup]:
    return list(
        table.groups.prefetch_related(
            Prefetch("criteria", queryset=Criterion.objects.select_related("indicator").order_by("order", "pk"))
        ).order_by("order", "pk")
    )


def round_of(*, cluster: Cluster) -> ScoringRound | None:
    return ScoringRound.objects.filter(cluster=cluster).select_related("table", "campaign").first()


def scores_of(*, scoring: ScoringRound, unit_ids=None) -> QuerySet[Score]:
    qs = scoring.scores.select_related("criterion__group", "unit", "updated_by").prefetch_related(
        "evidence", "adjustments__by", "adjustments__by_unit"
    )
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=list(unit_ids))
    return qs.order_by("criterion__group__order", "criterion__group__pk", "criterion__order", "criterion__pk")


def standings_of(*, scoring: ScoringRound) -> QuerySet[Standing]:
    return scoring.standings.select_related("unit").order_by("rank", "unit__name")
