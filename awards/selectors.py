"""Every read of dossiers, meetings, decisions and the register, scoped to the user."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from awards.models import AwardRecord, Decision, Dossier, DossierStatus, Meeting, Nominee
from campaigns.models import User
from campaigns.scope import scope_for
from campaigns.selectors import campaigns_managed_by


def dossiers_visible_to(*, user: User) -> QuerySet[Dossier]:
    """A unit's own dossiers (any state) in its read scope; every sent dossier of the campaigns one runs.
    Council members read the dossiers of their Sở (their read scope) once sent."""
    scope = scope_for(user)
    sent = ~Q(status=DossierStatus.NHAP)
    return Dossier.objects.filter(
        scope.readable("unit__path") | (Q(campaign__in=campaigns_managed_by(user=user)) & sent)
    )


def nominees_visible_to(*, user: User) -> QuerySet[Nominee]:
    return Nominee.objects.filter(dossier__in=dossiers_visible_to(user=user))


def meetings_visible_to(*, user: User) -> QuerySet[Meeting]:
    return Meeting.objects.filter(scope_for(user).readable("owner__path"))


def decisions_visible_to(*, user: User) -> QuerySet[Decision]:
    return Decision.objects.filter(scope_for(user).readable("owner__path"))


def records_visible_to(*, user: User) -> QuerySet[AwardRecord]:
    return AwardRecord.objects.filter(scope_for(user).readable("unit__path"))


def dossier_queue(*, user: User, filters: dict) -> QuerySet[Dossier]:
    qs = (
        dossiers_visible_to(user=user)
        .select_related("campaign", "unit", "milestone", "submitted_by")
        .annotate(nominee_count=Count("nominees"))
    )
    if campaign := filters.get("campaign"):
        qs = qs.filter(campaign_id=campaign)
    if status := filters.get("status"):
        qs = qs.filter(status=status)
    if round_kind := filters.get("round"):
        qs = qs.filter(round_kind=round_kind)
    if year := filters.get("year"):
        qs = qs.filter(year=year)
    return qs.order_by("status_changed_at")
