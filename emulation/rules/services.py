"""Every write of the "Danh mục và quy định" pages: add a row, end it, replace it by a new version, delete an
unused one. A row is never overwritten: its fields stay as they were when something was judged by it; only its end
date is set, once. Each change writes a RuleChange (who, why, on what basis) in the same transaction.
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from awards.models import overlapping
from campaigns.models import User
from emulation.lib.errors import DomainError
from emulation.lib.vn import format_date
from emulation.rules.access import access_for
from emulation.rules.models import RuleAction, RuleChange
from emulation.rules.registry import Kind

logger = logging.getLogger(__name__)
ONE_DAY = datetime.timedelta(days=1)


def period_text(valid_from: datetime.date | None, valid_to: datetime.date | None) -> str:
    return f"{format_date(valid_from) or '…'} – {format_date(valid_to) or 'nay'}"


def _log(*, kind: Kind, row: models.Model, action: str, user: User, reason: str, legal_basis: str) -> RuleChange:
    change = RuleChange(
        content_type=ContentType.objects.get_for_model(kind.model),
        object_id=row.pk,
        kind=kind.slug,
        action=action,
        summary=str(row)[:500],
        valid_from=row.valid_from,
        valid_to=row.valid_to,
        reason=reason.strip(),
        # A new row's basis is its own "Căn cứ" unless another is given; an end or a deletion has only its own.
        legal_basis=(legal_basis.strip() or (kind.legal_basis_of(row) if action == RuleAction.THEM else ""))[:255],
        user=user,
    )
    change.full_clean()
    change.save()
    return change


def _require_keeper(kind: Kind, row: models.Model, user: User) -> None:
    """The views answer 403 first; this keeps a service called from elsewhere from writing another's rule."""
    if not kind.may_edit(row, access_for(user), user):
        raise DomainError("Bạn không quản lý quy định này (quy định chung do quản trị hệ thống cập nhật).")


def _require_reason(reason: str) -> None:
    if not reason.strip():
        raise DomainError("Vui lòng ghi lý do thay đổi.")


def _check_overlap(kind: Kind, row: models.Model) -> None:
    """Versions of one rule (same key) may not both apply on a day. The key's rows are locked first, so that two
    people adding versions at the same moment are checked one after the other."""
    key = kind.key_of(row)
    list(kind.model._default_manager.select_for_update().filter(**key).order_by("pk").values_list("pk"))
    other = overlapping(row, **key)
    if other is not None:
        period = period_text(other.valid_from, other.valid_to)
        raise DomainError(
            f"Trùng thời gian hiệu lực với phiên bản khác của quy định này ({period}: {other}). Hãy kết thúc "
            "phiên bản cũ trước ngày phiên bản mới bắt đầu, hoặc dùng “Thay bằng phiên bản mới”."
        )


def _save(row: models.Model, reason: str, **kwargs) -> None:
    row._change_reason = reason.strip()[:100]
    try:
        with transaction.atomic():
            row.save(**kwargs)
    except IntegrityError:
        # PostgreSQL's exclusion constraint (awards migration 0005): another version was saved a moment ago.
        raise DomainError(
            "Không lưu được: quy định này vừa được người khác thay đổi (trùng thời gian hiệu lực hoặc trùng mã). "
            "Vui lòng tải lại trang và kiểm tra."
        ) from None


def _new_row(kind: Kind, values: dict[str, Any]) -> models.Model:
    row = kind.model(**values)
    if row.valid_from is None:
        raise DomainError("Vui lòng nhập ngày bắt đầu hiệu lực.")
    if row.valid_to is not None and row.valid_to < row.valid_from:
        raise DomainError("Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực.")
    return row


@transaction.atomic
def rule_add(*, kind: Kind, user: User, values: dict[str, Any], reason: str, legal_basis: str = "") -> models.Model:
    """A new row (a new rule, or the next version of one whose old version has already been ended)."""
    _require_reason(reason)
    row = _new_row(kind, values)
    _require_keeper(kind, row, user)
    _check_overlap(kind, row)
    row.full_clean()
    _save(row, reason)
    _log(kind=kind, row=row, action=RuleAction.THEM, user=user, reason=reason, legal_basis=legal_basis)
    logger.info("rule added", extra={"kind": kind.slug, "row": row.pk, "user": user.pk})
    return row


def _locked(kind: Kind, pk: int) -> models.Model:
    row = kind.model._default_manager.select_for_update().filter(pk=pk).first()
    if row is None:
        raise DomainError("Quy định này không còn (có thể vừa bị người khác xóa).")
    return row


def _end(kind: Kind, row: models.Model, valid_to: datetime.date) -> None:
    if row.valid_to is not None:
        raise DomainError(
            f"Quy định này đã kết thúc hiệu lực ngày {format_date(row.valid_to)} (có thể vừa được người khác kết "
            "thúc); không sửa lại ngày kết thúc."
        )
    if row.valid_from is not None and valid_to < row.valid_from:
        raise DomainError(
            f"Ngày kết thúc {format_date(valid_to)} trước ngày bắt đầu hiệu lực {format_date(row.valid_from)} của "
            "quy định này."
        )
    _, last = kind.uses(row)
    if last is not None and valid_to < last:
        raise DomainError(
            f"Quy định này đã được áp dụng cho hồ sơ, văn bản ngày {format_date(last)}: chỉ có thể kết thúc từ ngày "
            "đó trở đi, để những gì đã xét vẫn theo đúng quy định đã dùng."
        )
    row.valid_to = valid_to


@transaction.atomic
def rule_end(
    *, kind: Kind, pk: int, user: User, valid_to: datetime.date, reason: str, legal_basis: str = ""
) -> models.Model:
    """Set the last day a row applies. Two people ending the same row: the row is locked, the second is told."""
    _require_reason(reason)
    row = _locked(kind, pk)
    _require_keeper(kind, row, user)
    _end(kind, row, valid_to)
    _save(row, reason, update_fields=["valid_to"])
    _log(kind=kind, row=row, action=RuleAction.KET_THUC, user=user, reason=reason, legal_basis=legal_basis)
    logger.info("rule ended", extra={"kind": kind.slug, "row": row.pk, "user": user.pk})
    return row


@transaction.atomic
def rule_replace(
    *, kind: Kind, pk: int, user: User, values: dict[str, Any], reason: str, legal_basis: str = ""
) -> models.Model:
    """End the row the day before the new version starts and add the new version, both or neither."""
    _require_reason(reason)
    if not kind.replaceable:
        raise DomainError("Loại danh mục này không thay phiên bản được: hãy kết thúc dòng cũ và thêm dòng mới.")
    old = _locked(kind, pk)
    _require_keeper(kind, old, user)
    new = _new_row(kind, values)
    if kind.key_of(new) != kind.key_of(old):
        raise DomainError("Phiên bản mới phải là của cùng quy định (cùng các ô nhận diện) với phiên bản cũ.")
    if old.valid_from is not None and new.valid_from <= old.valid_from:
        raise DomainError(
            f"Phiên bản mới phải bắt đầu sau ngày {format_date(old.valid_from)} (ngày bắt đầu của phiên bản cũ)."
        )
    if old.valid_to is not None and old.valid_to < new.valid_from - ONE_DAY:
        raise DomainError(
            f"Phiên bản cũ đã hết hiệu lực ngày {format_date(old.valid_to)}: hãy dùng “Thêm” cho phiên bản mới."
        )
    if old.valid_to != new.valid_from - ONE_DAY:
        if old.valid_to is not None:
            # Ended later than the new version's start: bring the end forward (still an end, never a reopening).
            old.valid_to = None
        _end(kind, old, new.valid_from - ONE_DAY)
        _save(old, reason, update_fields=["valid_to"])
        _log(kind=kind, row=old, action=RuleAction.KET_THUC, user=user, reason=reason, legal_basis=legal_basis)
    try:
        new.full_clean()
    except ValidationError as error:
        raise DomainError(" ".join(error.messages)) from None
    _check_overlap(kind, new)
    _save(new, reason)
    _log(kind=kind, row=new, action=RuleAction.THEM, user=user, reason=reason, legal_basis=legal_basis)
    logger.info("rule replaced", extra={"kind": kind.slug, "old": old.pk, "new": new.pk, "user": user.pk})
    return new


@transaction.atomic
def rule_delete(*, kind: Kind, pk: int, user: User, reason: str) -> None:
    """Delete a row nothing used (typed by mistake). A row in use is only ended."""
    _require_reason(reason)
    row = _locked(kind, pk)
    _require_keeper(kind, row, user)
    used, last = kind.uses(row)
    if used:
        when = f" (lần gần nhất ngày {format_date(last)})" if last else ""
        raise DomainError(
            f"Quy định này đang được sử dụng{when} bởi hồ sơ đã xét, văn bản đã tạo hoặc danh mục khác: không xóa "
            "được, chỉ có thể kết thúc hiệu lực."
        )
    change = _log(kind=kind, row=row, action=RuleAction.XOA, user=user, reason=reason, legal_basis="")
    row._change_reason = reason.strip()[:100]
    row.delete()
    logger.info("rule deleted", extra={"kind": kind.slug, "row": change.object_id, "user": user.pk})
