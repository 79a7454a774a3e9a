"""Applying organisation changes: rename, merger, split, move under another parent, dissolution.

One entry, `org_change_apply`, atomic: it locks the units it touches (select_for_update) and re-checks them inside
the lock, so of two operators changing the same units one wins and the other is told why. Before a unit's row is
changed its current state is kept as a `UnitVersion` ending the day before the change, so everything dated before
keeps the old name and place in the tree (campaigns.orgchart reads them back).

A merger (and a split, and a dissolution) ends the predecessor on the day before; its children still in being move
under the successor, and the ended predecessor itself moves under the successor too, so the prefix filter of every
scope check (campaigns.scope) lets the successor's office see the predecessor's records. What must continue is
inherited: campaigns still open on the date and their registrations, and — when the operator asks — the people's
roles. Award histories stay on the predecessor's rows and are read as one through `orgchart.lineage_ids`.

A change is refused when it would rewrite a document already produced: a finished periodic report whose as-of
date, a Quyết định/Tờ trình signed, or a council meeting held on or after the effective date, for a unit the change
affects — that document was printed with the old name on a date the change now says the name no longer held.
Those documents belong to apps to the right of campaigns (awards, emulation.reports); they are looked up through
the app registry, not imported, so the import direction campaigns ← indicators ← awards ← reports holds.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction
from django.db.models import Q

from campaigns.models import (
    Campaign,
    CampaignEvent,
    CampaignStatus,
    PeriodKind,
    Registration,
    RoleAssignment,
    Signer,
    Unit,
    UnitLevel,
    User,
)
from campaigns.orgchart import OrgChange, OrgChangeKind, OrgChangeLink, UnitVersion
from emulation.lib.errors import DomainError

logger = logging.getLogger(__name__)

ONE_DAY = datetime.timedelta(days=1)


class OrgChangeError(DomainError):
    """A change refused, with the reason in Vietnamese (naming the unit and, when it is one, the document)."""


@dataclass(frozen=True)
class Basis:
    """The legal text that decided a change (Nghị quyết, Quyết định …)."""

    doc_type: str = ""
    number: str = ""
    date: datetime.date | None = None
    issuer: str = ""
    title: str = ""


@dataclass(frozen=True)
class NewUnit:
    """A successor the change creates (a merger's new Sở, a split's parts)."""

    code: str
    name: str
    short_name: str = ""
    level: str = UnitLevel.SO
    province: str = ""
    symbol: str = ""
    parent: Unit | None = None  # None: the first predecessor's parent


@dataclass
class _Run:
    """What one application did, line by line, for the dry run and the log."""

    lines: list[str] = field(default_factory=list)

    def say(self, text: str) -> None:
        self.lines.append(text)


def _d(day: datetime.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def _label(unit: Unit) -> str:
    return f"{unit.display_name} ({unit.code})"


# --- Reads the checks need ----------------------------------------------------------------------------------


def _parent_of(unit: Unit) -> Unit | None:
    if unit.depth <= 1:
        return None
    return Unit.objects.filter(path=unit.path[: -Unit.steplen]).first()


def _fresh(unit: Unit) -> Unit:
    return Unit.objects.get(pk=unit.pk)


def _valid_children(unit: Unit, day: datetime.date) -> list[Unit]:
    """Direct children still in being on `day` (not ended before it)."""
    return list(
        Unit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )
    )


def _period_end(period) -> datetime.date:
    if period.kind == PeriodKind.SAU_THANG:
        return datetime.date(period.year, 6, 30)
    return datetime.date(period.year, 12, 31)


def produced_documents_blocking(units: Sequence[Unit], day: datetime.date) -> list[str]:
    """The documents already produced for these units (and the units under them) dated on or after `day`: a
    change effective on `day` would print them with a name they did not carry. One message per document."""
    if not units:
        return []
    # The unit's own documents, and those of the units right under it, whose heading names it as the parent body.
    under = Q()
    for unit in units:
        under |= Q(path=unit.path) | Q(path__startswith=unit.path, depth=unit.depth + 1)
    affected = list(Unit.objects.filter(under).values_list("pk", flat=True))
    problems: list[str] = []

    report_model = apps.get_model("reports", "Report") if apps.is_installed("emulation.reports") else None
    if report_model is not None:
        reports = (
            report_model.objects.filter(status="xong")
            .filter(Q(unit_id__in=affected) | Q(unit__isnull=True, campaign__owner_id__in=affected))
            .select_related("period", "campaign", "unit")
        )
        for report in reports:
            as_of = _period_end(report.period) if report.period_id else report.date_to
            if as_of and as_of >= day:
                problems.append(f"đã có báo cáo “{report}” (số liệu đến ngày {_d(as_of)}) được lập với tên, vị trí cũ")
    try:
        decision_model = apps.get_model("awards", "Decision")
        meeting_model = apps.get_model("awards", "Meeting")
        dossier_model = apps.get_model("awards", "Dossier")
    except LookupError:
        return problems
    for decision in decision_model.objects.filter(owner_id__in=affected, signed_on__gte=day).order_by("signed_on"):
        problems.append(
            f"đã có {decision.get_kind_display().lower()} số {decision.number} ngày {_d(decision.signed_on)}"
        )
    for meeting in meeting_model.objects.filter(owner_id__in=affected, held_on__gte=day).order_by("held_on"):
        problems.append(f"đã có biên bản họp Hội đồng TĐKT ngày {_d(meeting.held_on)}")
    judged = (
        dossier_model.objects.filter(unit_id__in=affected, nominees__votes__meeting__held_on__gte=day)
        .select_related("unit")
        .distinct()
    )
    for dossier in judged:
        problems.append(f"hồ sơ “{dossier}” đã được Hội đồng TĐKT xét sau ngày này")
    return problems


# --- Writes -------------------------------------------------------------------------------------------------


def _lock(units: Iterable[Unit]) -> dict[int, Unit]:
    ids = sorted({u.pk for u in units})
    return {u.pk: u for u in Unit.objects.select_for_update().filter(pk__in=ids).order_by("pk")}


def _check_current(unit: Unit, expected: dict[int, int] | None, day: datetime.date) -> None:
    if expected is not None and unit.pk in expected and expected[unit.pk] != unit.version:
        raise OrgChangeError(
            f"{_label(unit)} vừa được người khác thay đổi sau khi bạn xem trước; hãy xem trước lại rồi áp dụng."
        )
    if unit.valid_to is not None and unit.valid_to < day:
        raise OrgChangeError(f"{_label(unit)} đã kết thúc hoạt động từ sau ngày {_d(unit.valid_to)}.")
    if unit.valid_from is not None and unit.valid_from > day:
        raise OrgChangeError(f"{_label(unit)} chỉ bắt đầu hoạt động từ ngày {_d(unit.valid_from)}.")


def _snapshot(unit: Unit, change: OrgChange, *, moves: bool) -> None:
    """Keep the unit's current state as a version ending the day before the change.

    A unit already changed on the same date keeps the state recorded by that first change (the state before the
    date); a second change of its parent on that date would give it two parents on one day and is refused."""
    day = change.effective_on
    last = unit.versions.order_by("-valid_to").first()
    if last is not None and last.valid_to >= day:
        raise OrgChangeError(
            f"{_label(unit)} đã có thay đổi từ ngày {_d(last.valid_to + ONE_DAY)}: các thay đổi phải áp dụng theo "
            f"thứ tự ngày, không chèn thay đổi ngày {_d(day)} vào trước."
        )
    parent = _parent_of(unit)
    if last is not None and last.valid_to == day - ONE_DAY:
        if moves and last.parent_id != (parent.pk if parent else None):
            raise OrgChangeError(
                f"{_label(unit)} đã được chuyển sang đơn vị cấp trên khác từ ngày {_d(day)}: một đơn vị không thể "
                "có hai đơn vị cấp trên trong cùng một ngày."
            )
        return
    start = last.valid_to + ONE_DAY if last is not None else unit.valid_from
    if start is not None and start > day - ONE_DAY:
        return  # the unit began on this very date: there is no earlier state to keep
    version = UnitVersion(
        unit=unit,
        name=unit.name,
        short_name=unit.short_name,
        level=unit.level,
        province=unit.province,
        symbol=unit.symbol,
        parent=parent,
        valid_from=start,
        valid_to=day - ONE_DAY,
        change=change,
    )
    version.full_clean()
    version.save()


def _save_unit(unit: Unit, change: OrgChange, reason: str, user: User | None) -> None:
    unit.version += 1
    unit.full_clean(exclude=["path", "depth", "numchild"])
    unit._history_user = user
    unit._change_reason = reason
    unit.save()


def _move(unit: Unit, parent: Unit) -> Unit:
    """Move under `parent` (treebeard keeps siblings sorted by name); return the unit re-read."""
    unit = _fresh(unit)
    parent = _fresh(parent)
    if parent.path.startswith(unit.path):
        raise OrgChangeError(
            f"Không thể đưa {_label(unit)} vào dưới {_label(parent)}: {parent.display_name} là đơn vị thuộc "
            f"{unit.display_name} (cây đơn vị sẽ thành vòng)."
        )
    if _parent_of(unit) is not None and _parent_of(unit).pk == parent.pk:
        return unit
    Unit.objects.move(unit, parent, "sorted-child")
    return _fresh(unit)


def _end_unit(unit: Unit, change: OrgChange, user: User | None, run: _Run) -> Unit:
    unit = _fresh(unit)
    unit.valid_to = change.effective_on - ONE_DAY
    _save_unit(unit, change, f"{change.get_kind_display()} từ ngày {_d(change.effective_on)}", user)
    run.say(f"{_label(unit)} kết thúc hoạt động ngày {_d(unit.valid_to)}.")
    return unit


def _end_signers(unit: Unit, change: OrgChange, run: _Run) -> None:
    last_day = change.effective_on - ONE_DAY
    for signer in Signer.objects.filter(unit=unit).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=last_day)):
        if signer.valid_from and signer.valid_from > last_day:
            continue
        signer.valid_to = last_day
        signer._change_reason = f"Đơn vị kết thúc theo {change.basis}"
        signer.save(update_fields=["valid_to"])
        run.say(f"Người ký {signer} của {unit.display_name} thôi ký từ sau ngày {_d(last_day)}.")


def _move_roles(pred: Unit, succ: Unit | None, change: OrgChange, move: bool, run: _Run) -> None:
    """End the roles held in the ended unit the day before; with `move`, give the same roles in the successor."""
    day = change.effective_on
    rows = RoleAssignment.objects.filter(unit=pred).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
    for row in rows.select_related("user"):
        if row.valid_from and row.valid_from >= day:
            continue
        row.valid_to = day - ONE_DAY
        row._change_reason = f"Đơn vị kết thúc theo {change.basis}"
        row.save(update_fields=["valid_to"])
        if not move or succ is None:
            run.say(f"{row.user.username}: vai trò {row.get_role_display()} tại {pred.display_name} kết thúc.")
            continue
        existing = RoleAssignment.objects.filter(user=row.user, unit=succ, role=row.role).first()
        if existing is None:
            RoleAssignment.objects.create(user=row.user, unit=succ, role=row.role, valid_from=day)
        run.say(
            f"{row.user.username}: vai trò {row.get_role_display()} chuyển từ {pred.display_name} sang "
            f"{succ.display_name} từ ngày {_d(day)}."
        )


def _inherit(pred: Unit, succ: Unit, change: OrgChange, user: User | None, run: _Run) -> None:
    """Open campaigns owned by the predecessor, and the predecessor's registrations in open campaigns, go to the
    successor. What was finished before the date stays with the predecessor (its name of that time)."""
    day = change.effective_on
    open_q = ~Q(status=CampaignStatus.KET_THUC) & Q(end_date__gte=day)
    for campaign in Campaign.objects.select_for_update().filter(open_q, owner=pred):
        campaign.owner = succ
        campaign.version += 1
        campaign._change_reason = f"Đơn vị quản lý kế thừa theo {change.basis}"
        campaign.save(update_fields=["owner", "version", "updated_at"])
        CampaignEvent.objects.create(
            campaign=campaign,
            user=user,
            action=f"Chuyển đơn vị quản lý từ {pred.name} sang {succ.name} từ ngày {_d(day)}",
            reason=change.basis,
        )
        run.say(f"Phong trào “{campaign.title}”: đơn vị quản lý chuyển sang {succ.display_name}.")
    for registration in Registration.objects.filter(unit=pred, campaign__in=Campaign.objects.filter(open_q)):
        if Registration.objects.filter(campaign=registration.campaign, unit=succ).exists():
            run.say(
                f"Đăng ký của {pred.display_name} trong “{registration.campaign.title}” giữ nguyên "
                f"({succ.display_name} đã có đăng ký riêng)."
            )
            continue
        registration.unit = succ
        registration.version += 1
        registration._change_reason = f"Kế thừa theo {change.basis}"
        registration.save(update_fields=["unit", "version"])
        run.say(
            f"Đăng ký thi đua của {pred.display_name} trong “{registration.campaign.title}” chuyển sang "
            f"{succ.display_name}."
        )
    for campaign in Campaign.objects.filter(open_q, participants=pred).exclude(participants=succ):
        campaign.participants.add(succ)


def _create_successor(spec: NewUnit, day: datetime.date, default_parent: Unit | None, user: User | None) -> Unit:
    if Unit.objects.filter(code=spec.code).exists():
        raise OrgChangeError(f"Mã đơn vị “{spec.code}” đã có; đơn vị mới cần một mã chưa dùng.")
    parent = spec.parent or default_parent
    fields = {
        "code": spec.code,
        "name": spec.name,
        "short_name": spec.short_name,
        "level": spec.level,
        "province": spec.province,
        "symbol": spec.symbol,
        "valid_from": day,
    }
    probe = Unit(**fields, path="0001", depth=1)
    probe.full_clean(exclude=["path", "depth", "numchild"])
    if parent is None:
        return Unit.objects.add_root(fields)
    return Unit.objects.add_child(_fresh(parent), fields)


def _resolve_successors(
    successors: Sequence[Unit | NewUnit], day: datetime.date, default_parent: Unit | None, user: User | None
) -> list[Unit]:
    result = []
    for item in successors:
        if isinstance(item, NewUnit):
            result.append(_create_successor(item, day, default_parent, user))
        else:
            result.append(item)
    return result


@transaction.atomic
def org_change_apply(
    *,
    kind: str,
    effective_on: datetime.date,
    predecessors: Sequence[Unit],
    successors: Sequence[Unit | NewUnit] = (),
    parent: Unit | None = None,
    name: str = "",
    short_name: str = "",
    symbol: str | None = None,
    level: str = "",
    province: str = "",
    children_to: dict[int, Unit | int] | None = None,
    move_roles: bool = False,
    basis: Basis | None = None,
    note: str = "",
    source: str = "",
    user: User | None = None,
    expected_versions: dict[int, int] | None = None,
    lines: list[str] | None = None,
) -> OrgChange:
    """Apply one organisation change effective on `effective_on` and return it.

    - rename (doi_ten): one predecessor; `name` (and short_name, symbol, level, province when given).
    - move (chuyen): one predecessor, `parent` its new parent.
    - merge (sap_nhap): several predecessors, one successor (an existing unit or a `NewUnit`).
    - split (chia_tach): one predecessor, several successors; its children go where `children_to` says
      (child id → successor, or the index of a successor), the others to the first successor.
    - dissolve (giai_the): one predecessor, which must have no children left in being.
    `expected_versions`: unit id → Unit.version read when the change was previewed; a unit changed since is
    refused. `lines` (when given) receives one sentence per effect, for the dry run."""
    basis = basis or Basis()
    run = _Run(lines if lines is not None else [])
    predecessors = list(predecessors)
    if not predecessors:
        raise OrgChangeError("Thay đổi phải nêu ít nhất một đơn vị cũ.")
    if kind not in OrgChangeKind.values:
        raise OrgChangeError(f"Loại thay đổi “{kind}” không có trong danh mục.")
    existing_successors = [s for s in successors if isinstance(s, Unit)]
    locked = _lock([*predecessors, *existing_successors, *([parent] if parent else [])])
    preds = [locked[p.pk] for p in predecessors]
    for pred in preds:
        _check_current(pred, expected_versions, effective_on)
    for succ in existing_successors:
        _check_current(locked[succ.pk], expected_versions, effective_on)
    if parent is not None:
        _check_current(locked[parent.pk], expected_versions, effective_on)

    problems = produced_documents_blocking(preds, effective_on)
    if problems:
        who = ", ".join(p.display_name for p in preds)
        raise OrgChangeError(
            f"Không thể áp dụng thay đổi từ ngày {_d(effective_on)} cho {who}: "
            + "; ".join(problems)
            + ". Thay đổi có hiệu lực trước những văn bản đã lập sẽ làm sai tên đơn vị trên các văn bản đó; hãy "
            "kiểm tra lại ngày hiệu lực."
        )

    change = OrgChange(
        kind=kind,
        effective_on=effective_on,
        basis_doc_type=basis.doc_type,
        basis_number=basis.number,
        basis_date=basis.date,
        basis_issuer=basis.issuer,
        basis_title=basis.title,
        note=note,
        source=source,
        applied_by=user,
    )
    change.full_clean()
    change.save()
    reason = f"{change.get_kind_display()} từ ngày {_d(effective_on)} theo {change.basis}"

    if kind == OrgChangeKind.DOI_TEN:
        _rename(
            preds,
            change,
            name=name,
            short_name=short_name,
            symbol=symbol,
            level=level,
            province=province,
            user=user,
            reason=reason,
            run=run,
        )
    elif kind == OrgChangeKind.CHUYEN:
        _relocate(preds, change, parent=locked[parent.pk] if parent else None, user=user, reason=reason, run=run)
    elif kind == OrgChangeKind.SAP_NHAP:
        if len(successors) != 1:
            raise OrgChangeError("Sáp nhập, hợp nhất phải có đúng một đơn vị kế thừa.")
        [succ] = _resolve_successors(successors, effective_on, _parent_of(preds[0]), user)
        if isinstance(successors[0], NewUnit):
            run.say(f"Thành lập {_label(succ)} từ ngày {_d(effective_on)}.")
        if succ.pk in {p.pk for p in preds}:
            raise OrgChangeError(f"{_label(succ)} vừa là đơn vị cũ vừa là đơn vị kế thừa của cùng một sáp nhập.")
        for pred in preds:
            _merge_one(pred, succ, change, move_roles=move_roles, user=user, reason=reason, run=run)
    elif kind == OrgChangeKind.CHIA_TACH:
        if len(preds) != 1 or len(successors) < 2:
            raise OrgChangeError("Chia, tách: một đơn vị cũ thành ít nhất hai đơn vị kế thừa.")
        succs = _resolve_successors(successors, effective_on, _parent_of(preds[0]), user)
        for succ, spec in zip(succs, successors, strict=True):
            if isinstance(spec, NewUnit):
                run.say(f"Thành lập {_label(succ)} từ ngày {_d(effective_on)}.")
        _split(
            preds[0],
            succs,
            change,
            children_to=children_to or {},
            move_roles=move_roles,
            user=user,
            reason=reason,
            run=run,
        )
    else:  # giải thể
        for pred in preds:
            _dissolve(pred, change, user=user, run=run)
    logger.info("org change applied", extra={"change": change.pk, "kind": kind, "user": getattr(user, "pk", None)})
    return change


def _rename(preds, change, *, name, short_name, symbol, level, province, user, reason, run) -> None:
    if len(preds) != 1:
        raise OrgChangeError("Đổi tên: mỗi dòng một đơn vị.")
    unit = _fresh(preds[0])
    if not name.strip():
        raise OrgChangeError(f"Đổi tên {_label(unit)}: thiếu tên mới.")
    _snapshot(unit, change, moves=False)
    old = unit.name
    unit.name = name.strip()
    unit.short_name = short_name.strip() if short_name else unit.short_name
    if symbol is not None and symbol.strip():
        unit.symbol = symbol.strip()
    if level:
        unit.level = level
    if province:
        unit.province = province
    _save_unit(unit, change, reason, user)
    OrgChangeLink.objects.create(change=change, predecessor=unit, successor=unit)
    run.say(f"Đổi tên “{old}” thành “{unit.name}” từ ngày {_d(change.effective_on)}.")


def _relocate(preds, change, *, parent, user, reason, run) -> None:
    if len(preds) != 1 or parent is None:
        raise OrgChangeError("Chuyển đơn vị: mỗi dòng một đơn vị và đơn vị cấp trên mới.")
    unit = _fresh(preds[0])
    if parent.path.startswith(unit.path):
        raise OrgChangeError(
            f"Không thể đưa {_label(unit)} vào dưới {_label(parent)}: {parent.display_name} là đơn vị thuộc "
            f"{unit.display_name} (cây đơn vị sẽ thành vòng)."
        )
    old_parent = _parent_of(unit)
    if old_parent is not None and old_parent.pk == parent.pk:
        raise OrgChangeError(f"{_label(unit)} đã trực thuộc {parent.display_name}: dòng chuyển này không thay đổi gì.")
    _snapshot(unit, change, moves=True)
    unit = _move(unit, parent)
    _save_unit(unit, change, reason, user)
    OrgChangeLink.objects.create(change=change, predecessor=unit, successor=unit)
    run.say(
        f"{_label(unit)} chuyển từ {old_parent.display_name if old_parent else '(gốc)'} sang "
        f"{parent.display_name} từ ngày {_d(change.effective_on)}."
    )


def _move_children(pred: Unit, target_for, change: OrgChange, user, reason, run) -> None:
    for child in _valid_children(_fresh(pred), change.effective_on):
        target = target_for(child)
        _snapshot(child, change, moves=True)
        child = _move(child, target)
        # A unit that continues under a Sở of another province now belongs to that province (the old province is
        # kept in the version, so documents dated before still read it).
        if target.province and child.province and child.province != target.province:
            child.province = target.province
        _save_unit(child, change, reason, user)
        run.say(f"{_label(child)} chuyển sang trực thuộc {target.display_name}.")


def _merge_one(pred, succ, change, *, move_roles, user, reason, run) -> None:
    pred = _fresh(pred)
    succ = _fresh(succ)
    if succ.path.startswith(pred.path):
        raise OrgChangeError(
            f"{_label(succ)} thuộc {_label(pred)}: không thể sáp nhập một đơn vị vào đơn vị cấp dưới của nó."
        )
    _snapshot(pred, change, moves=True)
    _move_children(pred, lambda child: succ, change, user, reason, run)
    _inherit(pred, succ, change, user, run)
    _move_roles(pred, succ, change, move_roles, run)
    _end_signers(pred, change, run)
    pred = _end_unit(pred, change, user, run)
    _move(pred, succ)
    OrgChangeLink.objects.create(change=change, predecessor=pred, successor=succ)
    run.say(f"{_label(pred)} sáp nhập vào {succ.display_name}; hồ sơ, số liệu cũ do {succ.display_name} quản lý.")


def _split(pred, succs, change, *, children_to, move_roles, user, reason, run) -> None:
    pred = _fresh(pred)
    for succ in succs:
        if _fresh(succ).path.startswith(pred.path):
            raise OrgChangeError(f"{_label(succ)} thuộc {_label(pred)}: đơn vị kế thừa phải ở ngoài đơn vị bị chia.")
    _snapshot(pred, change, moves=True)

    def target_for(child: Unit) -> Unit:
        target = children_to.get(child.pk)
        if isinstance(target, int):
            return succs[target]
        return target or succs[0]

    _move_children(pred, target_for, change, user, reason, run)
    _inherit(pred, succs[0], change, user, run)
    _move_roles(pred, succs[0], change, move_roles, run)
    _end_signers(pred, change, run)
    pred = _end_unit(pred, change, user, run)
    _move(pred, succs[0])
    for succ in succs:
        OrgChangeLink.objects.create(change=change, predecessor=pred, successor=succ)
    run.say(f"{_label(pred)} chia thành " + ", ".join(s.display_name for s in succs) + ".")


def _dissolve(pred, change, *, user, run) -> None:
    pred = _fresh(pred)
    left = _valid_children(pred, change.effective_on)
    if left:
        raise OrgChangeError(
            f"Không thể giải thể {_label(pred)}: còn đơn vị trực thuộc đang hoạt động ("
            + ", ".join(c.display_name for c in left[:5])
            + "). Hãy chuyển hoặc giải thể các đơn vị đó trước (cùng ngày hoặc sớm hơn)."
        )
    _snapshot(pred, change, moves=False)
    _move_roles(pred, None, change, False, run)
    _end_signers(pred, change, run)
    _end_unit(pred, change, user, run)
    OrgChangeLink.objects.create(change=change, predecessor=pred, successor=None)
