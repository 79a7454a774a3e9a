"""Reads and writes of the people registers: initiatives and the yearly ratings (campaigns.people).

Who may do what (campaigns.scope):
- initiatives: read by whoever reads the unit; added and edited by the unit's own cán bộ and lãnh đạo, and by
  Văn phòng Sở (or Quản trị) over its Sở's tree;
- ratings: read by whoever reads the unit; entered, imported and sent by the unit's lãnh đạo (its head); approved
  or returned by Văn phòng Sở (or Quản trị) over the tree. Only an approved sheet is read by the award checks.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from campaigns.models import Role, RoleAssignment, Unit, User
from campaigns.people import (
    AnnualRating,
    Initiative,
    RatingLevel,
    RatingSheet,
    RatingStatus,
    name_key,
)
from campaigns.scope import Scope, scope_for
from emulation.lib.errors import DomainError, StaleEditError, claim_version

MAX_ROWS = 500


# --- Initiatives ------------------------------------------------------------------------------------------------


def initiatives_visible_to(*, user: User) -> QuerySet[Initiative]:
    return (
        Initiative.objects.filter(scope_for(user).readable("unit__path"))
        .select_related("unit")
        .prefetch_related("authors")
    )


def may_edit_initiatives(*, unit: Unit, user: User) -> bool:
    scope = scope_for(user)
    return scope.holds(unit, Role.CAN_BO, Role.LANH_DAO) or scope.can_manage(unit)


def units_for_initiatives(*, user: User) -> QuerySet[Unit]:
    """The units the user may add an initiative for."""
    scope = scope_for(user)
    own = [g.unit_id for g in scope.grants if g.role in (Role.CAN_BO, Role.LANH_DAO)]
    return Unit.objects.filter(scope.managed("path") | Q(pk__in=own))


def initiative_save(
    *, initiative: Initiative, user: User, authors: Iterable[User] = (), version: int | None = None
) -> Initiative:
    """Create or update an initiative; a stale form (someone saved since) is refused."""
    if not may_edit_initiatives(unit=initiative.unit, user=user):
        raise DomainError("Chỉ cán bộ, lãnh đạo của đơn vị hoặc Văn phòng Sở được cập nhật sáng kiến của đơn vị.")
    initiative.title = " ".join(unicodedata.normalize("NFC", initiative.title).split())
    initiative.author_names = "\n".join(
        " ".join(unicodedata.normalize("NFC", line).split())
        for line in initiative.author_names.splitlines()
        if line.strip()
    )
    try:
        initiative.full_clean()
    except ValidationError as error:
        raise DomainError(" ".join(error.messages)) from None
    with transaction.atomic():
        if initiative.pk is None:
            initiative.created_by = user
            initiative._history_user = user
            initiative._change_reason = "Thêm sáng kiến"
            initiative.save()
        else:
            claim_version(initiative, version if version is not None else initiative.version)
            initiative.version = (version if version is not None else initiative.version) + 1
            initiative._history_user = user
            initiative._change_reason = "Sửa sáng kiến"
            initiative.save()
        initiative.authors.set(list(authors))
    return initiative


# --- Ratings ----------------------------------------------------------------------------------------------------


def rating_sheets_visible_to(*, user: User) -> QuerySet[RatingSheet]:
    return RatingSheet.objects.filter(scope_for(user).readable("unit__path")).select_related(
        "unit", "entered_by", "reviewed_by"
    )


def may_enter_ratings(*, unit: Unit, user: User) -> bool:
    """The unit's head (lãnh đạo of exactly this unit)."""
    return scope_for(user).holds(unit, Role.LANH_DAO)


def may_review_ratings(*, unit: Unit, user: User) -> bool:
    return scope_for(user).can_manage(unit)


def sheet_of(*, unit: Unit, year: int) -> RatingSheet | None:
    return RatingSheet.objects.filter(unit=unit, year=year).first()


def people_of(*, unit: Unit, day: datetime.date) -> list[tuple[str, str, User]]:
    """The unit's people on a day (full name, chức vụ, account), to pre-fill an empty sheet."""
    seen: dict[int, tuple[str, str, User]] = {}
    rows = RoleAssignment.objects.valid_on(day).filter(unit=unit).select_related("user").order_by("role", "pk")
    for row in rows:
        user = row.user
        if user.pk not in seen and user.is_active and str(user).strip():
            seen[user.pk] = (str(user), user.position, user)
    return list(seen.values())


@dataclass
class RatingRow:
    full_name: str
    position: str
    rating: str
    person: User | None = None


RATING_WORDS = {
    # What a person types in Excel, after accents and case are set aside.
    "hoan thanh xuat sac nhiem vu": RatingLevel.XUAT_SAC,
    "hoan thanh xuat sac": RatingLevel.XUAT_SAC,
    "xuat sac": RatingLevel.XUAT_SAC,
    "htxsnv": RatingLevel.XUAT_SAC,
    "hoan thanh tot nhiem vu": RatingLevel.TOT,
    "hoan thanh tot": RatingLevel.TOT,
    "tot": RatingLevel.TOT,
    "httnv": RatingLevel.TOT,
    "hoan thanh nhiem vu": RatingLevel.HOAN_THANH,
    "hoan thanh": RatingLevel.HOAN_THANH,
    "htnv": RatingLevel.HOAN_THANH,
    "khong hoan thanh nhiem vu": RatingLevel.KHONG,
    "khong hoan thanh": RatingLevel.KHONG,
    "khtnv": RatingLevel.KHONG,
}


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(c for c in decomposed if unicodedata.category(c) != "Mn").casefold().split())


def rating_value(text: str) -> str | None:
    """A rating as typed ("Hoàn thành xuất sắc nhiệm vụ", "xuất sắc", "xuat_sac") → its value, or None."""
    text = (text or "").strip()
    if text in RatingLevel.values:
        return text
    return RATING_WORDS.get(_plain(text))


def clean_rating_rows(raw_rows: list[tuple[int, str, str, str]], *, label: str = "Dòng") -> list[RatingRow]:
    """Check every row (number, full name, chức vụ, rating as typed); raise one DomainError listing each bad row
    ("Dòng 4: …"), or return the rows. Blank rows are skipped."""
    errors: list[str] = []
    rows: list[RatingRow] = []
    seen: dict[str, int] = {}
    for number, full_name, position, rating_text in raw_rows:
        full_name = " ".join(unicodedata.normalize("NFC", full_name or "").split())
        position = " ".join(unicodedata.normalize("NFC", position or "").split())
        rating_text = (rating_text or "").strip()
        if not (full_name or position or rating_text):
            continue
        problems = []
        if not full_name:
            problems.append("thiếu họ và tên")
        elif len(full_name) > 128:
            problems.append("họ và tên dài quá 128 ký tự")
        if len(position) > 128:
            problems.append("chức vụ dài quá 128 ký tự")
        rating = rating_value(rating_text)
        if not rating_text:
            problems.append("thiếu xếp loại")
        elif rating is None:
            problems.append(
                f"xếp loại “{rating_text}” không hợp lệ (chọn một trong: "
                + ", ".join(level.label for level in RatingLevel)
                + ")"
            )
        key = name_key(full_name)
        if full_name and key in seen:
            problems.append(f"trùng họ tên với {label.lower()} {seen[key]}")
        if problems:
            errors.append(f"{label} {number}: " + "; ".join(problems) + ".")
            continue
        seen[key] = number
        rows.append(RatingRow(full_name=full_name, position=position, rating=rating))
    if len(rows) > MAX_ROWS:
        errors.append(f"Bảng có {len(rows)} người, vượt quá {MAX_ROWS} dòng.")
    if errors:
        raise DomainError("\n".join(errors))
    return rows


def _match_people(unit: Unit, rows: list[RatingRow], day: datetime.date) -> None:
    accounts = {name_key(name): user for name, _position, user in people_of(unit=unit, day=day)}
    for row in rows:
        row.person = accounts.get(name_key(row.full_name))


def ratings_save(*, unit: Unit, year: int, user: User, rows: list[RatingRow], version: int | None) -> RatingSheet:
    """Replace the unit's list for the year with `rows`, all or nothing. version: the sheet's version the form
    was opened at (None: the form saw no sheet)."""
    if not may_enter_ratings(unit=unit, user=user):
        raise DomainError("Chỉ lãnh đạo đơn vị được nhập xếp loại của đơn vị.")
    if not rows:
        raise DomainError("Bảng xếp loại chưa có người nào.")
    _match_people(unit, rows, timezone.localdate())
    with transaction.atomic():
        sheet = RatingSheet.objects.select_for_update().filter(unit=unit, year=year).first()
        if sheet is None:
            if version is not None:
                raise StaleEditError()
            sheet = RatingSheet(unit=unit, year=year, entered_by=user)
            sheet._history_user = user
            sheet._change_reason = "Nhập xếp loại"
            sheet.save()
        else:
            if not sheet.is_editable:
                raise DomainError(
                    f"Bảng xếp loại năm {year} đang ở trạng thái “{sheet.get_status_display()}”, không sửa được."
                )
            if version is None:
                raise StaleEditError()
            claim_version(sheet, version)
            sheet.refresh_from_db()
            sheet.entered_by = user
            sheet._history_user = user
            sheet._change_reason = "Sửa xếp loại"
            sheet.save(update_fields=["entered_by"])
        sheet.rows.all().delete()
        for order, row in enumerate(rows, start=1):
            rating = AnnualRating(
                sheet=sheet,
                full_name=row.full_name,
                position=row.position,
                rating=row.rating,
                person=row.person,
                order=order,
            )
            rating.save()
    return sheet


def _transition(sheet: RatingSheet, user: User, version: int, status: str, reason: str, **fields) -> RatingSheet:
    with transaction.atomic():
        claim_version(sheet, version)
        sheet.refresh_from_db()
        sheet.status = status
        for name, value in fields.items():
            setattr(sheet, name, value)
        sheet._history_user = user
        sheet._change_reason = reason
        sheet.save()
    return sheet


def ratings_send(*, sheet: RatingSheet, user: User, version: int) -> RatingSheet:
    if not may_enter_ratings(unit=sheet.unit, user=user):
        raise DomainError("Chỉ lãnh đạo đơn vị được gửi bảng xếp loại.")
    if not sheet.is_editable:
        raise DomainError("Bảng xếp loại đã được gửi.")
    if not sheet.rows.exists():
        raise DomainError("Bảng xếp loại chưa có người nào.")
    return _transition(sheet, user, version, RatingStatus.DA_GUI, "Gửi Văn phòng Sở", sent_at=timezone.now())


def ratings_approve(*, sheet: RatingSheet, user: User, version: int) -> RatingSheet:
    if not may_review_ratings(unit=sheet.unit, user=user):
        raise DomainError("Chỉ Văn phòng Sở được duyệt bảng xếp loại.")
    if sheet.status != RatingStatus.DA_GUI:
        raise DomainError("Chỉ duyệt được bảng xếp loại đã gửi.")
    return _transition(
        sheet,
        user,
        version,
        RatingStatus.DA_DUYET,
        "Duyệt",
        reviewed_by=user,
        reviewed_at=timezone.now(),
        review_note="",
    )


def ratings_return(*, sheet: RatingSheet, user: User, version: int, note: str) -> RatingSheet:
    if not may_review_ratings(unit=sheet.unit, user=user):
        raise DomainError("Chỉ Văn phòng Sở được trả lại bảng xếp loại.")
    if sheet.status not in (RatingStatus.DA_GUI, RatingStatus.DA_DUYET):
        raise DomainError("Chỉ trả lại được bảng xếp loại đã gửi hoặc đã duyệt.")
    note = " ".join(unicodedata.normalize("NFC", note or "").split())
    if not note:
        raise DomainError("Vui lòng ghi lý do trả lại để đơn vị biết cần sửa gì.")
    return _transition(
        sheet,
        user,
        version,
        RatingStatus.TRA_LAI,
        f"Trả lại: {note}",
        reviewed_by=user,
        reviewed_at=timezone.now(),
        review_note=note,
    )


# --- What the home page lists (emulation.inbox) -----------------------------------------------------------------


def rating_year_due(today: datetime.date) -> int | None:
    """The year whose ratings a unit head is asked for: in December that year's, in January the year before's;
    none otherwise (the list is made at the year's end review)."""
    if today.month == 12:
        return today.year
    if today.month == 1:
        return today.year - 1
    return None


def ratings_to_enter(*, user: User, today: datetime.date) -> list[tuple[Unit, int, RatingSheet | None]]:
    """(unit, year, sheet or None) for each unit the user heads whose list of the due year is missing, being
    entered or returned."""
    year = rating_year_due(today)
    if year is None:
        return []
    units = [g.unit_id for g in scope_for(user).grants if g.role == Role.LANH_DAO]
    sheets = {s.unit_id: s for s in RatingSheet.objects.filter(unit_id__in=units, year=year)}
    return [
        (unit, year, sheets.get(unit.pk))
        for unit in Unit.objects.filter(pk__in=units).order_by("path")
        if unit.pk not in sheets or sheets[unit.pk].is_editable
    ]


def ratings_to_review(*, user: User, scope: Scope | None = None) -> QuerySet[RatingSheet]:
    """Sheets sent to the office the user runs, oldest first. scope: narrowed to one role (the home page passes
    the Văn phòng Sở grants only)."""
    scope = scope or scope_for(user)
    return (
        RatingSheet.objects.filter(scope.managed("unit__path"), status=RatingStatus.DA_GUI)
        .select_related("unit")
        .order_by("sent_at", "pk")
    )
