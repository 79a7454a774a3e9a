"""Every write to units, clusters and people. Each records who made the change (django-simple-history)."""

from __future__ import annotations

import calendar
import datetime
import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from campaigns.models import (
    AwardQuota,
    Campaign,
    CampaignEvent,
    CampaignStatus,
    Commitment,
    FourEyesRule,
    InactivityWarning,
    PeriodKind,
    Phase,
    Registration,
    ReportingPeriod,
    Role,
    Signer,
    Unit,
    UnitLevel,
    User,
)
from campaigns.paper import issuer_facts
from campaigns.scope import scope_for
from campaigns.selectors import (
    accounts_inactive_since,
    accounts_to_warn,
    clusters_visible_to,
    four_eyes_rule_for,
    units_visible_to,
)
from emulation.lib.errors import DomainError, StaleEditError, claim_version

logger = logging.getLogger(__name__)

UNIT_EDITABLE_FIELDS = ("name", "short_name", "address", "phone", "email", "head_name")


@transaction.atomic
def unit_update(*, unit: Unit, user: User, version: int, data: dict[str, Any], reason: str = "") -> Unit:
    """Save a unit's contact details, refusing if someone saved it since `version` was read."""
    claim_version(unit, version)
    fresh = Unit.objects.get(pk=unit.pk)
    for name in UNIT_EDITABLE_FIELDS:
        if name in data:
            setattr(fresh, name, data[name])
    fresh.full_clean()
    fresh._history_user = user
    fresh._change_reason = reason or "Cập nhật thông tin đơn vị"
    fresh.save()
    return fresh


# --- Campaigns ------------------------------------------------------------------------------------------------

# The lifecycle: which step may follow which, and how each is called on the page and in the log.
TRANSITIONS: dict[str, dict[str, str]] = {
    CampaignStatus.DU_THAO: {CampaignStatus.DA_PHAT_DONG: "Phát động"},
    CampaignStatus.DA_PHAT_DONG: {CampaignStatus.SO_KET: "Sơ kết", CampaignStatus.TONG_KET: "Tổng kết"},
    CampaignStatus.SO_KET: {CampaignStatus.TONG_KET: "Tổng kết"},
    CampaignStatus.TONG_KET: {CampaignStatus.KET_THUC: "Kết thúc"},
    CampaignStatus.KET_THUC: {},
}


def _due(year: int, month: int, day: int) -> datetime.date:
    """The due date in a year, moved back to the month's last day when the day does not exist (31/6)."""
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day, last))


def campaign_expected_periods(*, campaign: Campaign) -> list[tuple[str, int, datetime.date]]:
    """The reporting calendar the campaign's dates and due days give: (kind, year, due date)."""
    periods = []
    for year in campaign.years:
        for kind, month, day in (
            (PeriodKind.SAU_THANG, campaign.semiannual_due_month, campaign.semiannual_due_day),
            (PeriodKind.NAM, campaign.annual_due_month, campaign.annual_due_day),
        ):
            due = _due(year, month, day)
            if campaign.start_date <= due <= campaign.end_date:
                periods.append((kind, year, due))
    return periods


@transaction.atomic
def campaign_generate_calendar(*, campaign: Campaign) -> list[ReportingPeriod]:
    """Create the periods the campaign's dates call for; keep the ones already there (and their edits)."""
    existing = {(p.kind, p.year) for p in campaign.reporting_periods.all()}
    created = [
        ReportingPeriod(campaign=campaign, kind=kind, year=year, due_date=due)
        for kind, year, due in campaign_expected_periods(campaign=campaign)
        if (kind, year) not in existing
    ]
    ReportingPeriod.objects.bulk_create(created)
    return list(campaign.reporting_periods.all())


def campaign_validate_dates(*, campaign: Campaign) -> None:
    """Phases and milestones must lie within the campaign; raises ValidationError with Vietnamese messages."""
    errors = []
    for phase in campaign.phases.all():
        if phase.start_date < campaign.start_date or phase.end_date > campaign.end_date:
            errors.append(f"Giai đoạn “{phase.name}” nằm ngoài thời gian của phong trào.")
    for milestone in campaign.milestones.all():
        if not campaign.start_date <= milestone.due_date <= campaign.end_date:
            errors.append(f"Mốc “{milestone.name}” nằm ngoài thời gian của phong trào.")
    if errors:
        raise ValidationError(errors)


def _record(
    campaign: Campaign, user: User, action: str, reason: str = "", from_status: str = "", to_status: str = ""
) -> None:
    CampaignEvent.objects.create(
        campaign=campaign, user=user, action=action, reason=reason, from_status=from_status, to_status=to_status
    )


def _require_reason_after_launch(campaign: Campaign, reason: str) -> None:
    if not campaign.is_draft and not reason.strip():
        raise DomainError("Phong trào đã phát động: vui lòng ghi lý do thay đổi kế hoạch.")


@transaction.atomic
def campaign_create(*, user: User, data: dict[str, Any], participants=(), participant_clusters=()) -> Campaign:
    campaign = Campaign(**data)
    campaign.full_clean()
    campaign._history_user = user
    campaign.save()
    campaign.participants.set(participants)
    campaign.participant_clusters.set(participant_clusters)
    campaign_generate_calendar(campaign=campaign)
    _record(campaign, user, "Tạo dự thảo")
    return campaign


@transaction.atomic
def campaign_update(
    *,
    campaign: Campaign,
    user: User,
    version: int,
    data: dict[str, Any],
    reason: str = "",
    participants=None,
    participant_clusters=None,
) -> Campaign:
    """Save the plan's general part. After launch a reason is required and recorded."""
    _require_reason_after_launch(campaign, reason)
    claim_version(campaign, version)
    fresh = Campaign.objects.get(pk=campaign.pk)
    for name, value in data.items():
        setattr(fresh, name, value)
    fresh.full_clean()
    campaign_validate_dates(campaign=fresh)
    fresh._history_user = user
    fresh._change_reason = reason or "Cập nhật dự thảo"
    fresh.save()
    if participants is not None:
        fresh.participants.set(participants)
    if participant_clusters is not None:
        fresh.participant_clusters.set(participant_clusters)
    campaign_generate_calendar(campaign=fresh)
    _record(fresh, user, "Sửa thông tin chung", reason)
    return fresh


@transaction.atomic
def campaign_save_section(
    *, campaign: Campaign, user: User, version: int, formset, section_title: str, reason: str = ""
) -> None:
    """Save one section's rows (a validated formset), with the same rules as the general part."""
    _require_reason_after_launch(campaign, reason)
    claim_version(campaign, version)
    for form in formset.forms:
        form.instance._history_user = user
        form.instance._change_reason = reason or f"Cập nhật {section_title}"
    formset.save()
    campaign_validate_dates(campaign=campaign)
    _record(campaign, user, f"Sửa mục “{section_title}”", reason)


@transaction.atomic
def campaign_transition(*, campaign: Campaign, user: User, to_status: str, reason: str = "") -> Campaign:
    allowed = TRANSITIONS.get(campaign.status, {})
    if to_status not in allowed:
        raise DomainError(
            f"Không thể chuyển phong trào từ “{campaign.get_status_display()}” "
            f"sang “{CampaignStatus(to_status).label}”."
        )
    if to_status == CampaignStatus.DA_PHAT_DONG:
        missing = [
            label
            for label, value in (("số, ký hiệu", campaign.number), ("ngày ban hành", campaign.issued_on))
            if not value
        ]
        if missing:
            raise DomainError("Trước khi phát động, vui lòng nhập " + " và ".join(missing) + " của kế hoạch.")
    # Lock the row so two clicks do not make two transitions.
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if locked.status != campaign.status:
        raise StaleEditError()
    from_status = locked.status
    locked.status = to_status
    locked.version += 1
    locked._history_user = user
    locked._change_reason = allowed[to_status]
    locked.save()
    _record(locked, user, allowed[to_status], reason, from_status=from_status, to_status=to_status)
    return locked


PLAN_SECTIONS = ("legal_bases", "phases", "milestones", "content_items", "criteria", "award_quotas", "responsibilities")


def _clamp(day: datetime.date, campaign: Campaign, adjusted: set[str], name: str) -> datetime.date:
    """Keep a shifted date inside the new campaign; remember what had to move so the user reviews it."""
    clamped = min(max(day, campaign.start_date), campaign.end_date)
    if clamped != day:
        adjusted.add(f"“{name}”")
    return clamped


@transaction.atomic
def campaign_copy(
    *, source: Campaign, user: User, owner: Unit, start_date: datetime.date, end_date: datetime.date, title: str
) -> Campaign:
    """Start a new draft from an earlier plan: every section copied, dates shifted, number and registrations not.

    Participants (units and clusters) are kept only where the copier could have chosen them on the campaign form
    (the units and clusters they may see): copying a ministry's plan must not hand a Sở's draft another province's
    units. What was left out is counted in the campaign's log and on `copy.left_out`."""
    shift = start_date - source.start_date
    copy = Campaign.objects.get(pk=source.pk)
    copy.pk = None
    copy.id = None
    copy._state.adding = True
    copy.owner = owner
    if owner.pk != source.owner_id:
        # Another unit's plan: its cơ quan ban hành, địa danh and signer are the source's, not the new owner's.
        # The header's lines are the new owner's as of the plan's start (campaigns.paper); the signer is chosen anew.
        facts = issuer_facts(owner, start_date)
        copy.issuer = facts.issuer
        copy.parent_body = facts.parent_body
        copy.place = facts.place
        copy.issuer_cluster = None
        copy.signer_title = ""
        copy.signer_name = ""
        copy.report_signer = None
        copy.recipients = ""  # the source's Nơi nhận are its own; the document layer asks for the new ones
    copy.title = title
    copy.number = ""
    copy.issued_on = None
    copy.start_date = start_date
    copy.end_date = end_date
    copy.dossier_deadline = source.dossier_deadline + shift if source.dossier_deadline else None
    copy.signed_file = ""
    copy.status = CampaignStatus.DU_THAO
    copy.copied_from = source
    copy.version = 1
    copy.full_clean()
    copy._history_user = user
    copy._change_reason = f"Sao chép từ “{source.title}”"
    copy.save()
    units = source.participants.all()
    clusters = source.participant_clusters.all()
    kept_units = units.filter(pk__in=units_visible_to(user=user).values("pk"))
    kept_clusters = clusters.filter(pk__in=clusters_visible_to(user=user).values("pk"))
    copy.participants.set(kept_units)
    copy.participant_clusters.set(kept_clusters)
    left_out = _left_out(units.count() - kept_units.count(), clusters.count() - kept_clusters.count())
    milestone_map = {}
    adjusted: set[str] = set()
    for milestone in source.milestones.all():
        old_pk = milestone.pk
        milestone.pk = None
        milestone.campaign = copy
        milestone.due_date = _clamp(milestone.due_date + shift, copy, adjusted, milestone.name)
        milestone.save()
        milestone_map[old_pk] = milestone
    for name in PLAN_SECTIONS:
        if name == "milestones":
            continue
        for row in getattr(source, name).all():
            row.pk = None
            row.campaign = copy
            if isinstance(row, Phase):
                row.start_date = _clamp(row.start_date + shift, copy, adjusted, row.name)
                row.end_date = _clamp(row.end_date + shift, copy, adjusted, row.name)
            if isinstance(row, AwardQuota) and row.milestone_id:
                row.milestone = milestone_map[row.milestone_id]
            row.save()
    campaign_generate_calendar(campaign=copy)
    notes = [("Đã đưa vào thời gian mới: " + ", ".join(sorted(adjusted)) + ".") if adjusted else "", left_out]
    _record(copy, user, f"Tạo dự thảo bằng cách sao chép “{source.title}”", " ".join(n for n in notes if n))
    copy.adjusted = sorted(adjusted)
    copy.left_out = left_out
    return copy


def _left_out(units: int, clusters: int) -> str:
    """What a copy did not bring over, by count only: the names are outside the copier's scope."""
    parts = [f"{units} đơn vị" if units else "", f"{clusters} cụm, khối thi đua" if clusters else ""]
    parts = [p for p in parts if p]
    if not parts:
        return ""
    return f"Không sao chép {' và '.join(parts)} tham gia nằm ngoài phạm vi của người sao chép."


# --- Four eyes: the approver is not the sender ------------------------------------------------------------------


def may_set_four_eyes(*, unit: Unit, user: User) -> bool:
    """The Sở's own lãnh đạo, or Quản trị over it. Not Văn phòng Sở: the office that approves does not lift the
    check on its own approvals."""
    if unit.level != UnitLevel.SO:
        return False
    scope = scope_for(user)
    return (
        scope.everything
        or scope.holds(unit, Role.LANH_DAO)
        or any(g.role == Role.QUAN_TRI and unit.path.startswith(g.unit_path) for g in scope.grants)
    )


@transaction.atomic
def four_eyes_set(*, unit: Unit, user: User, required: bool, reason: str) -> FourEyesRule:
    """Turn the rule on or off for a Sở. Off needs a reason; every change is kept (history) and logged."""
    if not may_set_four_eyes(unit=unit, user=user):
        raise DomainError("Chỉ lãnh đạo Sở hoặc quản trị được thay đổi nguyên tắc người duyệt khác người gửi.")
    reason = " ".join(reason.split())
    rule = FourEyesRule.objects.select_for_update().filter(unit=unit).first() or FourEyesRule(unit=unit)
    rule.required = required
    rule.reason = reason
    rule.changed_by = user
    rule.full_clean()
    rule._history_user = user
    rule._change_reason = reason or ("Áp dụng lại" if required else "")
    rule.save()
    logger.warning(
        "four-eyes rule of unit %s (%s) %s by %s: %s",
        unit.pk,
        unit.name,
        "turned on" if required else "turned OFF",
        user.get_username(),
        reason,
    )
    return rule


def four_eyes_check(*, unit: Unit, sender_id: int | None, approver: User, refusal: str) -> str:
    """Refuse (DomainError with `refusal`) an approval by the person who sent the object, unless the unit's Sở
    turned the rule off; then return the note that goes into the object's log, so the exemption is on record."""
    if sender_id is None or sender_id != approver.pk:
        return ""
    rule = four_eyes_rule_for(unit=unit)
    if rule is None or rule.required:
        raise DomainError(refusal)
    logger.warning("four-eyes exemption of %s used by %s on unit %s", rule.unit.name, approver.get_username(), unit.pk)
    return f"Người gửi tự duyệt: {rule.unit.name} không áp dụng nguyên tắc người duyệt khác người gửi ({rule.reason})."


# --- Registration ---------------------------------------------------------------------------------------------


@transaction.atomic
def registration_create(
    *, campaign: Campaign, unit: Unit, user: User, note: str = "", commitments: list[dict[str, Any]] = ()
) -> Registration:
    if campaign.status not in (CampaignStatus.DA_PHAT_DONG, CampaignStatus.SO_KET):
        raise DomainError("Chỉ đăng ký được khi phong trào đang diễn ra.")
    if Registration.objects.filter(campaign=campaign, unit=unit).exists():
        raise DomainError("Đơn vị đã đăng ký phong trào này.")
    registration = Registration(campaign=campaign, unit=unit, registered_by=user, note=note)
    registration.full_clean()
    registration._history_user = user
    registration.save()
    for order, item in enumerate(commitments):
        commitment = Commitment(registration=registration, order=order, **item)
        commitment.full_clean()
        commitment._history_user = user
        commitment.save()
    return registration


# --- Accounts -----------------------------------------------------------------------------------------------------


INACTIVE_REASON_PREFIX = "Tự động khóa: không đăng nhập"


def inactive_reason(days: int) -> str:
    return f"{INACTIVE_REASON_PREFIX} {days} ngày"


def accounts_disable_inactive(*, days: int, exempt: list[str], dry_run: bool = False) -> list[str]:
    """Lock the accounts unused for `days` days (superusers too, except `exempt`) and return their usernames.

    An unused account is a door nobody watches; locking it ends its sessions at the next request and stops new
    sign-ins, and an administrator reopens it in the admin. Each lock is a history row of the user with the reason,
    written by no user: the system. `days` ≤ 0 does nothing.
    """
    if days <= 0:
        return []
    cutoff = timezone.now() - datetime.timedelta(days=days)
    reason = inactive_reason(days)
    disabled: list[str] = []
    with transaction.atomic():
        for user in accounts_inactive_since(cutoff=cutoff, exempt=exempt).select_for_update():
            disabled.append(user.username)
            if dry_run:
                continue
            user.is_active = False
            user._change_reason = reason  # simple-history stores it on the history row written by save()
            user.save(update_fields=["is_active"])
    if disabled and not dry_run:
        logger.warning("Locked %d inactive account(s): %s", len(disabled), ", ".join(disabled))
    return disabled


def accounts_warn_inactive(*, days: int, warn_days: int, exempt: list[str], dry_run: bool = False) -> list[str]:
    """E-mail the people whose account `accounts_disable_inactive` will lock within `warn_days` days, and return
    their usernames. Once per stretch of inactivity (an InactivityWarning row, rewritten at each warning); a person
    whose e-mail cannot be sent is tried again the next night. `days` or `warn_days` ≤ 0 does nothing."""
    if days <= 0 or warn_days <= 0:
        return []
    now = timezone.now()
    users = list(
        accounts_to_warn(
            warn_before=now - datetime.timedelta(days=days - min(warn_days, days)),
            lock_before=now - datetime.timedelta(days=days),
            exempt=exempt,
        )
    )
    if dry_run:
        return [user.username for user in users]
    warned: list[str] = []
    for user in users:
        locks_on = timezone.localdate(user.last_use + datetime.timedelta(days=days))
        try:
            _send_inactivity_warning(user, days=days, locks_on=locks_on)
        except Exception:  # noqa: BLE001 - one failed e-mail (SMTP down) must not stop the others; retried tomorrow
            logger.exception("Could not send the inactivity warning to %s", user.username)
            continue
        InactivityWarning.objects.update_or_create(user=user, defaults={"sent_at": now, "locks_on": locks_on})
        warned.append(user.username)
    if warned:
        logger.info("Warned %d account(s) of their lock for inactivity: %s", len(warned), ", ".join(warned))
    return warned


def _send_inactivity_warning(user: User, *, days: int, locks_on: datetime.date) -> None:
    from django.conf import settings
    from django.core.mail import send_mail
    from django.template.loader import render_to_string

    origins = [o for o in settings.CSRF_TRUSTED_ORIGINS if "*" not in o]
    context = {
        "user": user,
        "days": days,
        "last_use": timezone.localtime(user.last_use),
        "locks_on": locks_on,
        "login_url": f"{origins[0].rstrip('/')}{reverse('login')}" if origins else "",
    }
    send_mail(
        subject=render_to_string("emails/inactivity_warning_subject.txt", context).strip(),
        message=render_to_string("emails/inactivity_warning.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )


# --- Who signs a unit's documents ---------------------------------------------------------------------------


def may_manage_signers(*, unit: Unit, user: User) -> bool:
    """Văn phòng of the unit (it prepares the papers) or Quản trị over it."""
    scope = scope_for(user)
    return (
        scope.everything
        or scope.holds(unit, Role.VAN_PHONG)
        or any(g.role == Role.QUAN_TRI and unit.path.startswith(g.unit_path) for g in scope.grants)
    )


@transaction.atomic
def signer_add(
    *, unit: Unit, user: User, authority: str, position: str, name: str, valid_from: datetime.date
) -> Signer:
    """A new signer from a date. Nothing is overwritten: a signer who stops is ended (signer_end), so a document
    dated earlier keeps the signer of its date."""
    signer = Signer(unit=unit, authority=authority, position=position.strip(), name=name.strip(), valid_from=valid_from)
    signer.full_clean()
    signer._change_reason = f"Thêm người ký: {signer}"
    signer.save()
    logger.info("signer added", extra={"unit": unit.pk, "signer": signer.pk, "user": user.pk})
    return signer


@transaction.atomic
def signer_end(*, signer: Signer, user: User, valid_to: datetime.date) -> Signer:
    signer = Signer.objects.select_for_update().get(pk=signer.pk)
    if signer.valid_from and valid_to < signer.valid_from:
        raise DomainError(f"Ngày thôi ký phải từ ngày {signer.valid_from:%d/%m/%Y} trở đi.")
    if signer.valid_to and signer.valid_to <= valid_to:
        raise DomainError(f"Người ký này đã thôi ký từ sau ngày {signer.valid_to:%d/%m/%Y}.")
    signer.valid_to = valid_to
    signer._change_reason = f"Thôi ký từ sau ngày {valid_to:%d/%m/%Y}"
    signer.save(update_fields=["valid_to"])
    logger.info("signer ended", extra={"signer": signer.pk, "user": user.pk})
    return signer
