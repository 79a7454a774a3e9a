"""Every read of units, clusters and people goes through here, scoped to the user."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat

from campaigns.models import (
    AwardQuota,
    Campaign,
    CampaignEvent,
    CampaignStatus,
    Cluster,
    ClusterMembership,
    ContentItem,
    FourEyesRule,
    Registration,
    Role,
    RoleAssignment,
    Unit,
    UnitLevel,
    User,
)
from campaigns.scope import ancestor_paths, scope_for
from emulation.lib.search import Unaccent, strip_accents


def units_visible_to(*, user: User) -> QuerySet[Unit]:
    return Unit.objects.filter(scope_for(user).readable("path"))


def units_managed_by(*, user: User) -> QuerySet[Unit]:
    return Unit.objects.filter(scope_for(user).managed("path"))


def unit_children(*, unit: Unit, user: User) -> QuerySet[Unit]:
    return units_visible_to(user=user).filter(path__startswith=unit.path, depth=unit.depth + 1)


def unit_breadcrumb(*, unit: Unit, user: User) -> list[Unit]:
    """The unit's ancestors the user may see, root first (one query)."""
    return list(units_visible_to(user=user).filter(path__in=ancestor_paths(unit.path)[:-1]))


def four_eyes_rule_for(*, unit: Unit) -> FourEyesRule | None:
    """The approval rule of the Sở the unit belongs to (the nearest Sở at or above it); None: the rule applies."""
    return (
        FourEyesRule.objects.filter(unit__path__in=ancestor_paths(unit.path))
        .select_related("unit", "changed_by")
        .order_by("-unit__depth")
        .first()
    )


def clusters_visible_to(*, user: User) -> QuerySet[Cluster]:
    """Clusters the user's units belong to (directly or through an ancestor), or that their scope organises
    or contains. A cluster's membership is not secret inside it; outside it, it is."""
    scope = scope_for(user)
    if scope.everything:
        return Cluster.objects.all()
    own_and_ancestors = sorted({p for path in scope.unit_paths for p in ancestor_paths(path)})
    member_ids = ClusterMembership.objects.filter(
        Q(unit__path__in=own_and_ancestors) | scope.readable("unit__path")
    ).values("cluster_id")
    return Cluster.objects.filter(Q(pk__in=member_ids) | scope.readable("organiser__path"))


def cluster_list(*, user: User, year: int | None = None) -> QuerySet[Cluster]:
    qs = clusters_visible_to(user=user).select_related("organiser").annotate(member_count=Count("memberships"))
    if year:
        qs = qs.filter(year=year)
    return qs.prefetch_related(
        Prefetch(
            "memberships",
            queryset=ClusterMembership.objects.filter(role__in=["truong", "pho"]).select_related("unit"),
            to_attr="leaders",
        )
    )


def cluster_years(*, user: User) -> list[int]:
    return list(clusters_visible_to(user=user).order_by("-year").values_list("year", flat=True).distinct())


def cluster_members(*, cluster: Cluster) -> QuerySet[ClusterMembership]:
    leaders_first = Case(
        When(role="truong", then=Value(0)),
        When(role="pho", then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return cluster.memberships.select_related("unit").order_by(leaders_first, "unit__name")


def unit_clusters(*, unit: Unit) -> QuerySet[ClusterMembership]:
    return unit.cluster_memberships.select_related("cluster", "cluster__organiser").order_by("-cluster__year")


def people_of_unit(*, unit: Unit, on: datetime.date) -> QuerySet[RoleAssignment]:
    """Role holders of a unit on a date; the view shows them to those who may read the unit."""
    return (
        RoleAssignment.objects.valid_on(on).filter(unit=unit).select_related("user").order_by("role", "user__full_name")
    )


# --- Campaigns ------------------------------------------------------------------------------------------------


def _own_and_ancestor_paths(user: User) -> list[str]:
    return sorted({p for path in scope_for(user).unit_paths for p in ancestor_paths(path)})


def campaigns_visible_to(*, user: User) -> QuerySet[Campaign]:
    """Drafts: only those who manage the owner. Launched: the owner's readers, and every unit taking part
    (listed, through a cluster, or — when nobody is listed — the whole of the owner's subtree)."""
    scope = scope_for(user)
    if scope.everything:
        return Campaign.objects.all()
    mine = _own_and_ancestor_paths(user)
    takes_part = (
        Q(participants__path__in=mine)
        | Q(participant_clusters__memberships__unit__path__in=mine)
        | (Q(participants__isnull=True, participant_clusters__isnull=True) & Q(owner__path__in=mine))
        | scope.readable("participants__path")
    )
    launched = ~Q(status=CampaignStatus.DU_THAO) & (scope.readable("owner__path") | takes_part)
    ids = Campaign.objects.filter(scope.managed("owner__path") | launched).values("pk")
    return Campaign.objects.filter(pk__in=ids)


def campaigns_managed_by(*, user: User) -> QuerySet[Campaign]:
    return Campaign.objects.filter(scope_for(user).managed("owner__path"))


def campaign_owner_choices(*, user: User) -> QuerySet[Unit]:
    return units_managed_by(user=user).filter(level__in=[UnitLevel.BO, UnitLevel.SO, UnitLevel.KHAC])


def campaign_list(*, user: User, filters: dict[str, Any]) -> QuerySet[Campaign]:
    qs = campaigns_visible_to(user=user).select_related("owner", "issuer_cluster")
    if year := filters.get("year"):
        qs = qs.filter(start_date__year__lte=year, end_date__year__gte=year)
    if issuer := filters.get("issuer"):
        qs = qs.filter(issuer=issuer)
    if status := filters.get("status"):
        qs = qs.filter(status=status)
    if cluster := filters.get("cluster"):
        qs = qs.filter(Q(issuer_cluster=cluster) | Q(participant_clusters=cluster)).distinct()
    if query := filters.get("q"):
        haystack = Concat(
            "title", Value(" "), "theme", Value(" "), "number", Value(" "), "issuer", output_field=CharField()
        )
        # Every word must appear, in any order, accents ignored: "chuyen doi so 2022" finds
        # "Chuyển đổi số giai đoạn 2022 - 2025".
        qs = qs.annotate(_haystack=Unaccent(haystack))
        for word in strip_accents(query).split()[:10]:
            qs = qs.filter(_haystack__icontains=word)
    return qs.order_by("-start_date", "title")


def campaign_issuers(*, user: User) -> list[str]:
    return list(campaigns_visible_to(user=user).order_by("issuer").values_list("issuer", flat=True).distinct())


def campaign_plan(*, campaign: Campaign) -> Campaign:
    """The campaign with every section loaded (a fixed number of queries)."""
    return (
        Campaign.objects.select_related("owner", "issuer_cluster", "copied_from")
        .prefetch_related(
            "legal_bases",
            "phases",
            "milestones",
            "reporting_periods",
            Prefetch(
                "content_items",
                queryset=ContentItem.objects.select_related("sector").order_by(
                    "sector__order", "sector__name", "order", "pk"
                ),
            ),
            "criteria",
            Prefetch("award_quotas", queryset=AwardQuota.objects.select_related("award_form", "milestone")),
            "responsibilities",
            "participants",
            "participant_clusters",
        )
        .get(pk=campaign.pk)
    )


def campaign_includes_unit(*, campaign: Campaign, unit: Unit) -> bool:
    """Does the unit take part in the campaign (listed, through a cluster, or under an open campaign's owner)?"""
    mine = ancestor_paths(unit.path)
    if campaign.participants.filter(path__in=mine).exists():
        return True
    if ClusterMembership.objects.filter(cluster__in=campaign.participant_clusters.all(), unit__path__in=mine).exists():
        return True
    if not campaign.participants.exists() and not campaign.participant_clusters.exists():
        return campaign.owner.path in mine
    return False


def campaign_expected_registrants(*, campaign: Campaign) -> QuerySet[Unit]:
    """Who is expected to register: the listed units and cluster members, or else the owner's direct units."""
    listed = Unit.objects.filter(
        Q(participating_campaigns=campaign) | Q(cluster_memberships__cluster__participating_campaigns=campaign)
    ).values("pk")
    if Unit.objects.filter(pk__in=listed).exists():
        return Unit.objects.filter(pk__in=listed)
    owner = campaign.owner
    return Unit.objects.filter(path__startswith=owner.path, depth=owner.depth + 1)


def expected_reporters(*, campaigns: QuerySet[Campaign], unit_ids: Iterable[int] | None = None) -> dict[int, set[int]]:
    """For many campaigns at once, campaign id → the units expected to report, decided as
    `campaign_expected_registrants` decides it for one: the listed units and the members of the listed clusters,
    or — when a campaign lists none — its owner's direct units. Four queries whatever the number of campaigns and
    units (the inbox and the completeness reminders rely on it). unit_ids: only these units."""
    ids = campaigns.values("pk")
    through = Campaign.participants.through
    listed = through.objects.filter(campaign_id__in=ids)
    members = ClusterMembership.objects.filter(cluster__participating_campaigns__in=ids)
    if unit_ids is not None:
        unit_ids = list(unit_ids)
        listed = listed.filter(unit_id__in=unit_ids)
        members = members.filter(unit_id__in=unit_ids)
    expected: dict[int, set[int]] = defaultdict(set)
    for campaign_id, unit_id in listed.values_list("campaign_id", "unit_id"):
        expected[campaign_id].add(unit_id)
    for campaign_id, unit_id in members.values_list("cluster__participating_campaigns", "unit_id"):
        expected[campaign_id].add(unit_id)
    open_owners = list(
        Campaign.objects.filter(pk__in=ids)
        .filter(
            ~Exists(through.objects.filter(campaign_id=OuterRef("pk"))),
            ~Exists(ClusterMembership.objects.filter(cluster__participating_campaigns=OuterRef("pk"))),
        )
        .values_list("pk", "owner__path", "owner__depth")
    )
    if open_owners:
        below = Q()
        for path, depth in {(path, depth) for _, path, depth in open_owners}:
            below |= Q(path__startswith=path, depth=depth + 1)
        children = Unit.objects.filter(below)
        if unit_ids is not None:
            children = children.filter(pk__in=unit_ids)
        by_parent: dict[str, set[int]] = defaultdict(set)
        for unit_id, path in children.values_list("pk", "path"):
            by_parent[path[: -Unit.steplen]].add(unit_id)
        for campaign_id, path, _ in open_owners:
            expected[campaign_id] |= by_parent.get(path, set())
    return {campaign_id: units for campaign_id, units in expected.items() if units}


def registration_board(*, campaign: Campaign) -> list[tuple[Unit, Registration | None]]:
    """Each expected unit with its registration (or None), plus units that registered without being listed."""
    registrations = {
        r.unit_id: r
        for r in campaign.registrations.select_related("unit", "registered_by").prefetch_related("commitments__sector")
    }
    expected = list(campaign_expected_registrants(campaign=campaign))
    rows = [(unit, registrations.pop(unit.pk, None)) for unit in expected]
    rows += [(r.unit, r) for r in registrations.values()]
    return rows


def registrable_units(*, campaign: Campaign, user: User) -> list[Unit]:
    """Units the user heads that take part in the campaign and have not registered yet."""
    scope = scope_for(user)
    headed = [g.unit_id for g in scope.grants if g.role == Role.LANH_DAO]
    units = Unit.objects.filter(pk__in=headed).exclude(registrations__campaign=campaign)
    return [unit for unit in units if campaign_includes_unit(campaign=campaign, unit=unit)]


def campaign_events(*, campaign: Campaign) -> QuerySet[CampaignEvent]:
    return campaign.events.select_related("user")


def registration_todos(*, user: User) -> list[tuple[Campaign, Unit]]:
    """(campaign, unit) pairs a unit head still has to register: one query per headed unit, not per campaign."""
    scope = scope_for(user)
    headed = Unit.objects.filter(pk__in=[g.unit_id for g in scope.grants if g.role == Role.LANH_DAO])
    todos = []
    for unit in headed:
        mine = ancestor_paths(unit.path)
        takes_part = (
            Q(participants__path__in=mine)
            | Q(participant_clusters__memberships__unit__path__in=mine)
            | (Q(participants__isnull=True, participant_clusters__isnull=True) & Q(owner__path__in=mine))
        )
        ids = Campaign.objects.filter(
            takes_part, status__in=[CampaignStatus.DA_PHAT_DONG, CampaignStatus.SO_KET]
        ).values("pk")
        pending = Campaign.objects.filter(pk__in=ids).exclude(registrations__unit=unit).order_by("end_date")
        todos += [(campaign, unit) for campaign in pending]
    return todos


def accounts_inactive_since(*, cutoff: datetime.datetime, exempt: list[str]) -> QuerySet[User]:
    """Active accounts whose last sign-in — or, never signed in, whose creation — is before `cutoff`."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
        .exclude(username__in=exempt)
        .order_by("username")
    )


def accounts_to_warn(*, warn_before: datetime.datetime, lock_before: datetime.datetime, exempt: list[str]):
    """Active accounts with an e-mail address, last used (signed in, else created) before `warn_before` but not
    yet before `lock_before`, and not warned since they were last used. Each carries `last_use`."""
    return (
        User.objects.filter(is_active=True)
        .exclude(email="")
        .exclude(username__in=exempt)
        .annotate(last_use=Coalesce("last_login", "date_joined"))
        .filter(last_use__lt=warn_before, last_use__gte=lock_before)
        .filter(Q(inactivity_warning__isnull=True) | Q(inactivity_warning__sent_at__lt=F("last_use")))
        .order_by("username")
    )
