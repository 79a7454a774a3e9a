"""Every read of dossiers, meetings, decisions and the register, scoped to the user."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from awards.models import AwardRecord, Decision, Dossier, DossierStatus, Meeting, Nominee
from campaigns.models import User
from campaigns.scope import Scope, scope_for
from campaigns.selectors import campaigns_managed_by


def _dossier_reads(scope: Scope, prefix: str = "") -> Q:
    """By unit and state, as the table in campaigns.scope says: a draft for the unit's own people and for the
    Văn phòng Sở that may accept a failed check on it before it is sent (check_override), nobody else."""
    return scope.readable_in_state(
        f"{prefix}unit__path",
        f"{prefix}status",
        drafts=(DossierStatus.NHAP,),
        returned=(DossierStatus.YEU_CAU_BO_SUNG,),
        with_office=(DossierStatus.DA_GUI, DossierStatus.DANG_THAM_DINH),
        office_reads_drafts=True,
    )


def dossiers_visible_to(*, user: User) -> QuerySet[Dossier]:
    """The unit's own dossiers in any state, others' by state (campaigns.scope); and every sent dossier of the
    campaigns one runs (a Cụm trưởng's Văn phòng for a cluster campaign). A council member reads the dossiers of
    their Sở's subtree once they are before the council, never another unit's draft."""
    sent = ~Q(status=DossierStatus.NHAP)
    return Dossier.objects.filter(
        _dossier_reads(scope_for(user)) | (Q(campaign__in=campaigns_managed_by(user=user)) & sent)
    )


def nominees_visible_to(*, user: User) -> QuerySet[Nominee]:
    """A nominee (and its Mẫu 07, signed report, prior awards) is read exactly when its dossier is."""
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
    if unit := filters.get("unit"):
        qs = qs.filter(unit_id=unit)
    return qs.order_by("status_changed_at")
