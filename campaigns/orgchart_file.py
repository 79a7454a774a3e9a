"""The list of organisation changes as a file (the shape of a merger resolution's annex), read and applied all or
nothing. Format: docs/orgchart.md; a sample: docs/orgchart_mau.csv.

One row per predecessor → successor edge. Rows with the same date, kind and successor form one merger; rows with
the same date, kind and predecessor one split (a "chuyen" row of the same date moving a child of the split unit
under one of its successors says where that child goes). Changes are applied in date order, and within a date in
the order of their first row. Every bad row is reported ("Dòng 4: …") and nothing is saved unless every change
applies; a dry run applies everything inside a transaction, reports what would change, and rolls back.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from campaigns.models import Unit, UnitLevel, User
from campaigns.orgchart import OrgChangeKind
from campaigns.orgchart_services import Basis, NewUnit, OrgChangeError, org_change_apply
from emulation.lib.errors import DomainError
from emulation.lib.search import strip_accents

COLUMNS = (
    "ngay_hieu_luc",
    "loai",
    "ma_don_vi_cu",
    "ma_don_vi_moi",
    "ten_moi",
    "ten_viet_tat",
    "cap",
    "tinh",
    "ma_don_vi_cap_tren",
    "chuyen_vai_tro",
    "loai_van_ban",
    "so_ky_hieu",
    "ngay_ban_hanh",
    "co_quan_ban_hanh",
    "trich_yeu",
    "ghi_chu",
)
OPTIONAL_COLUMNS = ("ky_hieu",)  # chữ viết tắt trong ký hiệu văn bản (STTTT, SKHCN)
REQUIRED_COLUMNS = ("ngay_hieu_luc", "loai", "ma_don_vi_cu")
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000

KIND_WORDS = {
    "doi_ten": OrgChangeKind.DOI_TEN,
    "doi ten": OrgChangeKind.DOI_TEN,
    "sap_nhap": OrgChangeKind.SAP_NHAP,
    "sap nhap": OrgChangeKind.SAP_NHAP,
    "hop nhat": OrgChangeKind.SAP_NHAP,
    "sap nhap, hop nhat": OrgChangeKind.SAP_NHAP,
    "chia_tach": OrgChangeKind.CHIA_TACH,
    "chia tach": OrgChangeKind.CHIA_TACH,
    "chia, tach": OrgChangeKind.CHIA_TACH,
    "chia": OrgChangeKind.CHIA_TACH,
    "tach": OrgChangeKind.CHIA_TACH,
    "chuyen": OrgChangeKind.CHUYEN,
    "giai_the": OrgChangeKind.GIAI_THE,
    "giai the": OrgChangeKind.GIAI_THE,
}
LEVEL_WORDS = (
    {strip_accents(label).casefold(): value for value, label in UnitLevel.choices}
    | {value: value for value in UnitLevel.values}
    | {"so": UnitLevel.SO, "bo": UnitLevel.BO, "phong": UnitLevel.PHONG, "huyen": UnitLevel.HUYEN, "xa": UnitLevel.XA}
)
YES = {"co", "x", "1", "true", "yes", "c"}
NO = {"", "khong", "0", "false", "no", "k"}


class OrgFileError(DomainError):
    """The file refused: every problem found, one per line."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class Row:
    line: int
    effective_on: datetime.date
    kind: str
    old_code: str
    new_code: str
    name: str
    short_name: str
    level: str
    province: str
    parent_code: str
    move_roles: bool
    basis: Basis
    note: str
    symbol: str


@dataclass
class PlannedChange:
    kind: str
    effective_on: datetime.date
    rows: list[Row]
    children_rows: list[Row] = field(default_factory=list)  # a split's "chuyen" rows for its children

    @property
    def lines(self) -> str:
        numbers = sorted({r.line for r in [*self.rows, *self.children_rows]})
        return ", ".join(str(n) for n in numbers)

    @property
    def first_line(self) -> int:
        return min(r.line for r in self.rows)


@dataclass
class Plan:
    changes: list[PlannedChange]
    codes: list[str]  # every unit code the file names (existing units among them are locked when applying)


@dataclass
class Outcome:
    applied: bool
    lines: list[str]
    changes: int


# --- Reading ------------------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return f"{value:%d/%m/%Y}"
    return str(value).strip()


def _fold(text: str) -> str:
    return " ".join((strip_accents(text) or "").casefold().split())


def _rows_from_csv(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DomainError("Tệp CSV phải được lưu với bảng mã UTF-8 (trong Excel: “CSV UTF-8”).") from None
    first = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first.count)
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _rows_from_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(i.file_size for i in archive.infolist()) > 20 * MAX_BYTES:
                raise DomainError("Tệp Excel chứa quá nhiều dữ liệu so với một danh sách thay đổi tổ chức.")
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except DomainError:
        raise
    except Exception:  # noqa: BLE001 – openpyxl raises many kinds of error on a damaged file
        raise DomainError("Không đọc được tệp Excel: tệp bị hỏng hoặc không đúng định dạng .xlsx.") from None
    try:
        sheet = workbook.worksheets[0]
        return [[_text(c) for c in row] for row in sheet.iter_rows(max_row=MAX_ROWS + 2, values_only=True)]
    finally:
        workbook.close()


def _date(value: str, line: int, label: str, errors: list[str]) -> datetime.date | None:
    try:
        return datetime.datetime.strptime(value.strip(), "%d/%m/%Y").date()
    except ValueError:
        errors.append(f"Dòng {line}: {label} “{value}” không đúng dạng ngày/tháng/năm (ví dụ 01/07/2025).")
        return None


def read_rows(data: bytes, filename: str) -> list[Row]:
    """Parse the file into rows; raise OrgFileError naming every bad row."""
    if not data:
        raise OrgFileError([f"Tệp “{filename}” rỗng."])
    if len(data) > MAX_BYTES:
        raise OrgFileError([f"Tệp “{filename}” lớn hơn 2 MB: quá lớn cho một danh sách thay đổi tổ chức."])
    is_xlsx = data[:2] == b"PK"
    if filename.lower().endswith(".xlsx") and not is_xlsx:
        raise OrgFileError([f"Tệp “{filename}” không phải tệp Excel .xlsx."])
    try:
        table = _rows_from_xlsx(data) if is_xlsx else _rows_from_csv(data)
    except DomainError as exc:
        raise OrgFileError([exc.message]) from None
    table = [row for row in table if any(_text(c) for c in row)]
    if not table:
        raise OrgFileError(["Tệp không có dòng nào."])
    header = [_fold(_text(c)).replace(" ", "_") for c in table[0]]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise OrgFileError(
            ["Dòng 1 phải là tiêu đề cột; thiếu cột: " + ", ".join(missing) + ". Các cột: " + ";".join(COLUMNS)]
        )
    unknown = [h for h in header if h and h not in COLUMNS and h not in OPTIONAL_COLUMNS]
    if unknown:
        raise OrgFileError(["Dòng 1: không biết cột " + ", ".join(f"“{u}”" for u in unknown) + "."])
    if len(table) - 1 > MAX_ROWS:
        raise OrgFileError([f"Tệp có quá {MAX_ROWS} dòng."])
    errors: list[str] = []
    rows: list[Row] = []
    for number, raw in enumerate(table[1:], start=2):
        cells = {h: _text(raw[i]) if i < len(raw) else "" for i, h in enumerate(header) if h}
        if any(_text(c) for c in raw[len(header) :]):
            errors.append(
                f"Dòng {number}: có nhiều ô hơn số cột tiêu đề (nội dung có dấu chấm phẩy phải đặt trong ngoặc kép)."
            )
            continue

        def get(key: str, cells: dict[str, str] = cells) -> str:
            return cells.get(key, "")

        before = len(errors)
        day = _date(get("ngay_hieu_luc"), number, "ngày hiệu lực", errors) if get("ngay_hieu_luc") else None
        if not get("ngay_hieu_luc"):
            errors.append(f"Dòng {number}: thiếu ngày hiệu lực.")
        kind = KIND_WORDS.get(_fold(get("loai")))
        if kind is None:
            errors.append(
                f"Dòng {number}: loại thay đổi “{get('loai')}” không có; dùng một trong: đổi tên, sáp nhập, chia tách, "
                "chuyển, giải thể."
            )
        if not get("ma_don_vi_cu"):
            errors.append(f"Dòng {number}: thiếu mã đơn vị cũ.")
        level = ""
        if get("cap"):
            level = LEVEL_WORDS.get(_fold(get("cap")), "")
            if not level:
                errors.append(
                    f"Dòng {number}: cấp “{get('cap')}” không có; dùng một trong: "
                    + ", ".join(label for _, label in UnitLevel.choices)
                    + "."
                )
        roles = _fold(get("chuyen_vai_tro"))
        if roles not in YES | NO:
            errors.append(
                f"Dòng {number}: cột chuyển vai trò ghi “có” hoặc để trống, không ghi “{get('chuyen_vai_tro')}”."
            )
        issued = _date(get("ngay_ban_hanh"), number, "ngày ban hành", errors) if get("ngay_ban_hanh") else None
        if kind == OrgChangeKind.DOI_TEN and not get("ten_moi"):
            errors.append(f"Dòng {number}: đổi tên phải ghi tên mới.")
        if kind == OrgChangeKind.CHUYEN and not get("ma_don_vi_cap_tren"):
            errors.append(f"Dòng {number}: chuyển đơn vị phải ghi mã đơn vị cấp trên mới.")
        if kind in (OrgChangeKind.SAP_NHAP, OrgChangeKind.CHIA_TACH) and not get("ma_don_vi_moi"):
            errors.append(f"Dòng {number}: sáp nhập, chia tách phải ghi mã đơn vị kế thừa.")
        if len(errors) > before:
            continue
        rows.append(
            Row(
                line=number,
                effective_on=day,
                kind=kind,
                old_code=get("ma_don_vi_cu"),
                new_code=get("ma_don_vi_moi"),
                name=get("ten_moi"),
                short_name=get("ten_viet_tat"),
                level=level,
                province=get("tinh"),
                parent_code=get("ma_don_vi_cap_tren"),
                move_roles=roles in YES,
                basis=Basis(
                    doc_type=get("loai_van_ban"),
                    number=get("so_ky_hieu"),
                    date=issued,
                    issuer=get("co_quan_ban_hanh"),
                    title=get("trich_yeu"),
                ),
                note=get("ghi_chu"),
                symbol=get("ky_hieu"),
            )
        )
    if errors:
        raise OrgFileError(errors)
    if not rows:
        raise OrgFileError(["Tệp không có dòng thay đổi nào."])
    return rows


def plan_rows(rows: list[Row]) -> Plan:
    """Group rows into changes, in the order they apply; refuse what can be seen without the database."""
    groups: dict[tuple, PlannedChange] = {}
    for row in rows:
        if row.kind == OrgChangeKind.SAP_NHAP:
            key = (row.effective_on, row.kind, row.new_code)
        elif row.kind == OrgChangeKind.CHIA_TACH:
            key = (row.effective_on, row.kind, row.old_code)
        else:
            key = (row.effective_on, row.kind, row.line)
        groups.setdefault(key, PlannedChange(kind=row.kind, effective_on=row.effective_on, rows=[])).rows.append(row)
    changes = list(groups.values())
    errors: list[str] = []
    # A split's children: "chuyen" rows of the same date moving a unit under one of the split's successors.
    for split in [c for c in changes if c.kind == OrgChangeKind.CHIA_TACH]:
        targets = {r.new_code for r in split.rows}
        for move in [c for c in changes if c.kind == OrgChangeKind.CHUYEN and c.effective_on == split.effective_on]:
            if move.rows[0].parent_code in targets:
                split.children_rows.extend(move.rows)
                changes.remove(move)
    # One unit, one parent per date: a unit may end or move only once on a date.
    moved: dict[tuple[datetime.date, str], int] = {}
    for change in changes:
        if change.kind == OrgChangeKind.DOI_TEN:
            continue
        for row in [*change.rows, *change.children_rows]:
            key = (row.effective_on, row.old_code)
            if key in moved and moved[key] != id(change):
                errors.append(
                    f"Dòng {row.line}: đơn vị “{row.old_code}” đã được sáp nhập, chia tách, chuyển hoặc giải thể ở "
                    "dòng khác cùng ngày: một đơn vị không thể có hai đơn vị cấp trên trong cùng một ngày."
                )
            moved[key] = id(change)
    for change in changes:
        if change.kind == OrgChangeKind.SAP_NHAP:
            olds = [r.old_code for r in change.rows]
            if len(set(olds)) != len(olds):
                errors.append(f"Dòng {change.lines}: một đơn vị cũ ghi hai lần trong cùng một sáp nhập.")
            if change.rows[0].new_code in olds:
                errors.append(f"Dòng {change.lines}: đơn vị kế thừa không thể là một trong các đơn vị cũ.")
        if change.kind == OrgChangeKind.CHIA_TACH and len(change.rows) < 2:
            errors.append(f"Dòng {change.lines}: chia tách phải có ít nhất hai dòng (hai đơn vị kế thừa).")
    if errors:
        raise OrgFileError(errors)
    changes.sort(key=lambda c: (c.effective_on, c.first_line))
    codes = sorted({code for r in rows for code in (r.old_code, r.new_code, r.parent_code) if code})
    return Plan(changes=changes, codes=codes)


def read_plan(data: bytes, filename: str) -> Plan:
    return plan_rows(read_rows(data, filename))


# --- Applying -----------------------------------------------------------------------------------------------


def _unit(code: str, line: int) -> Unit:
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise OrgChangeError(f"không có đơn vị mã “{code}”.")
    return unit


def _first(rows: list[Row], attr: str):
    for row in rows:
        value = getattr(row, attr)
        if value:
            return value
    return getattr(rows[0], attr)


def _basis(rows: list[Row]) -> Basis:
    for row in rows:
        if row.basis.doc_type or row.basis.number:
            return row.basis
    return rows[0].basis


def _successor(rows: list[Row], code: str) -> Unit | NewUnit:
    existing = Unit.objects.filter(code=code).first()
    if existing is not None:
        return existing
    mine = [r for r in rows if r.new_code == code]
    name = _first(mine, "name")
    if not name:
        raise OrgChangeError(f"đơn vị kế thừa mã “{code}” chưa có: ghi tên mới, cấp, tỉnh để tạo đơn vị này.")
    parent_code = _first(mine, "parent_code")
    return NewUnit(
        code=code,
        name=name,
        short_name=_first(mine, "short_name"),
        level=_first(mine, "level") or UnitLevel.SO,
        province=_first(mine, "province"),
        symbol=_first(mine, "symbol"),
        parent=_unit(parent_code, mine[0].line) if parent_code else None,
    )


def _apply_one(change: PlannedChange, *, user: User | None, source: str, lines: list[str]) -> None:
    rows = change.rows
    head = rows[0]
    common = {
        "kind": change.kind,
        "effective_on": change.effective_on,
        "basis": _basis(rows),
        "note": "\n".join(dict.fromkeys(r.note for r in rows if r.note)),
        "source": source,
        "user": user,
        "move_roles": any(r.move_roles for r in rows),
        "lines": lines,
    }
    if change.kind == OrgChangeKind.DOI_TEN:
        org_change_apply(
            predecessors=[_unit(head.old_code, head.line)],
            name=head.name,
            short_name=head.short_name,
            symbol=head.symbol or None,
            level=head.level,
            province=head.province,
            **common,
        )
    elif change.kind == OrgChangeKind.CHUYEN:
        org_change_apply(
            predecessors=[_unit(head.old_code, head.line)], parent=_unit(head.parent_code, head.line), **common
        )
    elif change.kind == OrgChangeKind.SAP_NHAP:
        org_change_apply(
            predecessors=[_unit(r.old_code, r.line) for r in rows],
            successors=[_successor(rows, head.new_code)],
            **common,
        )
    elif change.kind == OrgChangeKind.CHIA_TACH:
        codes = list(dict.fromkeys(r.new_code for r in rows))
        children_to = {_unit(r.old_code, r.line).pk: codes.index(r.parent_code) for r in change.children_rows}
        org_change_apply(
            predecessors=[_unit(head.old_code, head.line)],
            successors=[_successor(rows, code) for code in codes],
            children_to=children_to,
            **common,
        )
    else:
        org_change_apply(predecessors=[_unit(head.old_code, head.line)], **common)


class _Rollback(Exception):
    pass


def unit_versions(codes: list[str]) -> dict[str, int]:
    """The version of every existing unit the file names, read at the preview and checked again at the apply."""
    return dict(Unit.objects.filter(code__in=codes).values_list("code", "version"))


def apply_plan(
    plan: Plan,
    *,
    user: User | None,
    dry_run: bool,
    source: str = "",
    expected_versions: dict[str, int] | None = None,
) -> Outcome:
    """Apply every change of the plan in one transaction, or none. Raise OrgFileError listing every refused
    change; on a dry run, return what would change and roll everything back."""
    lines: list[str] = []
    errors: list[str] = []
    try:
        with transaction.atomic():
            # Lock every unit the file names, then check nobody changed them since the preview.
            current = {
                u.code: u.version for u in Unit.objects.select_for_update().filter(code__in=plan.codes).order_by("pk")
            }
            if expected_versions is not None:
                changed = sorted(
                    code
                    for code in set(current) | set(expected_versions)
                    if current.get(code) != expected_versions.get(code)
                )
                if changed:
                    raise OrgFileError(
                        [
                            "Các đơn vị sau vừa được thay đổi sau khi bạn xem trước: "
                            + ", ".join(changed)
                            + ". Hãy xem trước lại rồi áp dụng."
                        ]
                    )
            for change in plan.changes:
                header = (
                    f"Ngày {change.effective_on:%d/%m/%Y} – {OrgChangeKind(change.kind).label} (dòng {change.lines}):"
                )
                mine: list[str] = []
                try:
                    with transaction.atomic():
                        _apply_one(change, user=user, source=source, lines=mine)
                except OrgChangeError as exc:
                    errors.append(f"Dòng {change.lines}: {exc.message}")
                    continue
                except ValidationError as exc:
                    errors.append(f"Dòng {change.lines}: " + " ".join(exc.messages))
                    continue
                lines.append(header)
                lines.extend(f"  - {line}" for line in mine)
            if errors:
                raise OrgFileError(errors)
            if dry_run:
                raise _Rollback
    except _Rollback:
        return Outcome(applied=False, lines=lines, changes=len(plan.changes))
    return Outcome(applied=True, lines=lines, changes=len(plan.changes))
