"""Reads of the report job's prerequisites: which scheduled reports would lack a signer (NĐ 30/2020: a report
without its signer's title and name is not produced), so that Văn phòng Sở can set one before the due date."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import QuerySet
from django.utils import timezone

from campaigns.models import Campaign, CampaignStatus, PeriodKind, ReportingPeriod, Signer

# How many days before a 15/6 or 15/12 due date the office is told that the report has no signer yet.
SIGNER_NOTICE_DAYS = 10


def report_label(period: ReportingPeriod) -> str:
    """ "báo cáo 6 tháng đầu năm 2023", "báo cáo năm 2023"."""
    if period.kind == PeriodKind.SAU_THANG:
        return f"báo cáo 6 tháng đầu năm {period.year}"
    return f"báo cáo năm {period.year}"


def periods_without_report_signer(
    *, campaigns: QuerySet[Campaign], first: datetime.date, last: datetime.date
) -> list[ReportingPeriod]:
    """The reporting periods due from `first` to `last` whose scheduled report would have no signer on its due
    date — the campaign has no report signer valid that day and its Sở no signer either (the rule of
    campaigns.paper.report_signer, read in bulk): two queries, whatever the number of campaigns."""
    periods = list(
        ReportingPeriod.objects.filter(campaign__in=campaigns, due_date__gte=first, due_date__lte=last)
        .exclude(campaign__status=CampaignStatus.DU_THAO)
        .select_related("campaign", "campaign__owner", "campaign__report_signer")
        .order_by("due_date", "pk")
    )
    if not periods:
        return []
    signers: dict[int, list[Signer]] = defaultdict(list)
    for signer in Signer.objects.filter(unit_id__in={p.campaign.owner_id for p in periods}):
        signers[signer.unit_id].append(signer)

    def signed(period: ReportingPeriod) -> bool:
        campaign, day = period.campaign, period.due_date
        chosen = campaign.report_signer
        if chosen is not None and chosen.is_valid_on(day):
            return True
        return any(s.is_valid_on(day) for s in signers[campaign.owner_id])

    return [period for period in periods if not signed(period)]


def members_without_office(*, clusters) -> dict:
    """Cluster → the names of its members that have no Văn phòng Sở account today: nobody there can send or
    approve the Sở's figures, so the cluster's report says they are missing. Two queries per call."""
    from campaigns.models import ClusterMembership, Role, RoleAssignment

    clusters = list(clusters)
    if not clusters:
        return {}
    memberships = list(
        ClusterMembership.objects.filter(cluster__in=clusters).select_related("unit").order_by("unit__name")
    )
    staffed = set(
        RoleAssignment.objects.valid_on(timezone.localdate())
        .filter(unit_id__in=[m.unit_id for m in memberships], role__in=[Role.VAN_PHONG, Role.QUAN_TRI])
        .values_list("unit_id", flat=True)
    )
    by_pk = {c.pk: c for c in clusters}
    missing: dict = {c: [] for c in clusters}
    for m in memberships:
        if m.unit_id not in staffed:
            missing[by_pk[m.cluster_id]].append(m.unit.name)
    return missing
