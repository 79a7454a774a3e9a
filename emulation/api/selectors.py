"""Every read of the API app: the tokens Quản trị manages, and what a token reads.

A token reads one Sở's subtree: every query below filters on the token's unit path as a prefix (the unit tree is a
materialised path, campaigns.models.Unit), the same rule by which a Sở's Ban TĐKT reads its province
(campaigns.scope). What has drafts is read only once settled: figures approved (đã duyệt), reports finished.
"""

from __future__ import annotations

import datetime

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from awards.models import AwardRecord
from campaigns.models import Campaign, CampaignStatus, ReportingPeriod, Role, Unit, UnitLevel, User, valid_on_q
from campaigns.scope import ancestor_paths, scope_for
from campaigns.selectors import campaign_expected_registrants
from emulation.api.models import ApiCall, ApiToken
from emulation.reports.models import Report, ReportStatus
from indicators.models import Submission, SubmissionEvent, SubmissionStatus, Target, Value

# --- Token management (Quản trị) ---------------------------------------------------------------------------------


def _admin_paths(user: User) -> list[str] | None:
    """Paths of the subtrees the person administers (Quản trị); None: everything (the superuser)."""
    if user.is_superuser:
        return None
    return sorted({g.unit_path for g in scope_for(user).grants if g.role == Role.QUAN_TRI})


def _under(paths: list[str] | None, field: str) -> Q:
    if paths is None:
        return Q()
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{f"{field}__startswith": path})
    return q


def may_manage_tokens(*, user: User) -> bool:
    paths = _admin_paths(user)
    return paths is None or bool(paths)


def tokens_visible_to(*, user: User) -> QuerySet[ApiToken]:
    """The tokens of the Sở a Quản trị administers."""
    return ApiToken.objects.filter(_under(_admin_paths(user), "unit__path")).select_related(
        "unit", "created_by", "revoked_by"
    )


def token_units_for(*, user: User) -> QuerySet[Unit]:
    """The Sở a Quản trị may make a token for: those of the subtrees they administer, in force today."""
    return (
        Unit.objects.filter(valid_on_q(timezone.localdate()))
        .filter(level=UnitLevel.SO)
        .filter(_under(_admin_paths(user), "path"))
        .order_by("name")
    )


def token_calls(*, token: ApiToken, limit: int = 50) -> list[ApiCall]:
    return list(token.calls.order_by("-at", "-pk")[:limit])


# --- What a token reads --------------------------------------------------------------------------------------------


def token_for_digest(digest: str) -> ApiToken | None:
    return ApiToken.objects.select_related("unit").filter(secret_hash=digest).first()


def in_scope(token: ApiToken, field: str = "path") -> Q:
    """Rows whose unit is the token's Sở or under it."""
    return Q(**{f"{field}__startswith": token.unit.path})


def units_for(*, token: ApiToken, day: datetime.date) -> QuerySet[Unit]:
    return Unit.objects.filter(valid_on_q(day)).filter(in_scope(token)).order_by("pk")


def campaigns_for(*, token: ApiToken) -> QuerySet[Campaign]:
    """Launched campaigns the Sở runs or takes part in: listed itself or a unit under it, through a cluster, or —
    when a campaign lists nobody — run by a unit above it (campaigns.selectors.campaigns_visible_to's rule)."""
    open_to_all = Q(participants__isnull=True, participant_clusters__isnull=True) & Q(
        owner__path__in=ancestor_paths(token.unit.path)
    )
    ids = Campaign.objects.filter(
        ~Q(status=CampaignStatus.DU_THAO)
        & (
            in_scope(token, "owner__path")
            | in_scope(token, "participants__path")
            | in_scope(token, "participant_clusters__memberships__unit__path")
            | open_to_all
        )
    ).values("pk")
    return Campaign.objects.filter(pk__in=ids).select_related("owner")


def targets_for(*, token: ApiToken) -> QuerySet[Target]:
    """Targets of those campaigns; a target set for one unit only when the unit is the token's."""
    return (
        Target.objects.filter(campaign__in=campaigns_for(token=token).values("pk"))
        .filter(Q(unit__isnull=True) | in_scope(token, "unit__path"))
        .select_related("indicator", "indicator__sector", "unit", "campaign")
    )


def figures_for(*, token: ApiToken) -> QuerySet[Value]:
    """Approved figures of the token's units, each with the moment it was approved (its last "→ đã duyệt" event)."""
    approved = SubmissionEvent.objects.filter(
        submission=OuterRef("submission"), to_status=SubmissionStatus.DA_DUYET
    ).order_by("-at", "-pk")
    return (
        Value.objects.filter(submission__status=SubmissionStatus.DA_DUYET)
        .filter(in_scope(token, "submission__unit__path"))
        .annotate(approved_at=Subquery(approved.values("at")[:1]))
        .select_related(
            "submission",
            "submission__unit",
            "submission__period",
            "target",
            "target__indicator",
            "target__campaign",
        )
    )


def completeness_units(*, token: ApiToken, campaign: Campaign) -> QuerySet[Unit]:
    """The units expected to report to the campaign (campaigns.selectors decides who), the token's only."""
    return campaign_expected_registrants(campaign=campaign).filter(in_scope(token)).order_by("pk")


def completeness_submissions(*, campaign: Campaign, unit_ids: list[int]) -> dict[tuple[int, int], Submission]:
    submissions = Submission.objects.filter(period__campaign=campaign, unit_id__in=unit_ids)
    return {(s.unit_id, s.period_id): s for s in submissions}


def periods_of(*, campaign: Campaign) -> list[ReportingPeriod]:
    return list(campaign.reporting_periods.order_by("due_date"))


def reports_for(*, token: ApiToken) -> QuerySet[Report]:
    """Finished reports of the token's campaigns: the whole campaign's when the Sở runs it, a unit's when the unit
    is the token's. A cluster's comparison puts other provinces' figures side by side: never through a token."""
    whole = Q(unit__isnull=True) & in_scope(token, "campaign__owner__path")
    return (
        Report.objects.filter(status=ReportStatus.XONG, cluster__isnull=True)
        .filter(campaign__in=campaigns_for(token=token).values("pk"))
        .filter(whole | (Q(unit__isnull=False) & in_scope(token, "unit__path")))
        .select_related("campaign", "campaign__owner", "period", "unit", "cluster")
    )


def records_for(*, token: ApiToken) -> QuerySet[AwardRecord]:
    """The award register (sổ khen thưởng) of the token's units."""
    return AwardRecord.objects.filter(in_scope(token, "unit__path")).select_related(
        "unit", "award_form", "campaign", "decision"
    )
