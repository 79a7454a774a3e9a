"""A submission as an Excel template to fill offline, and the filled file read back into figures.

The template carries a hidden "_meta" sheet (format, submission, version) so an upload is recognised as ours
and as the template of this very submission; each row carries the Value id in a hidden column. Reading never
trusts the file: every figure goes through `clean_figure` (and so through `emulation.lib.vn.parse_number`, the
parser of the web form), every problem is reported with its Excel row, and nothing is saved here — the caller
passes the figures to `submission_save`, which is all or nothing.

How a cell is read (the same rules as the web form; the template's instructions say so too):
- a number cell is passed as the number it holds (168900, 82.5); a text cell as the text ("41.250" is 41250,
  "85,5" is 85,5, "82.5" is refused, "85%" only where the indicator is a percentage);
- a number in a percent-formatted cell (0,85 shown as 85%) is read as what the person sees, "85 %": a
  percentage typed directly takes 85, a count, numerator or denominator refuses it and says why;
- a formula is read from its cached value, the result Excel last computed and saved in the file; a formula
  without one (a file written by a program that never calculated it) is refused with its cell, since the
  figure it would give is unknown — opening and saving the file in Excel, or typing the number, fixes it;
- "Hoàn thành" is read through `task_state`, the web form's three states: "Có" done, "Không" not done, blank
  not reported.
Writing is the inverse: a cell holds the stored number exactly (an int when whole), so an untouched template
uploaded again changes nothing.
"""

from __future__ import annotations

import datetime
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from campaigns.orgchart import name_on
from emulation.lib.errors import DomainError
from emulation.lib.uploads import validate_document
from emulation.lib.vn import format_date, format_number, input_text
from emulation.lib.xlsx import (
    THIN_BORDER,
    autosize_columns,
    clean_text,
    freeze_below,
    style_header,
    write_cell,
    write_row,
)
from indicators.models import Entry, Indicator, Submission, Value
from indicators.services import clean_figure, task_state

SHEET = "Số liệu"
META_SHEET = "_meta"
FORMAT_MARKER = "emulation.indicators.submission"
FORMAT_VERSION = 1

# A filled template of a few dozen rows weighs some tens of kB; the limits only stop abuse (zip bombs included).
MAX_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 50
HEADER_SEARCH_ROWS = 60
# Excel's "General" format shows at most 11 characters of a number, rounding or switching to 1,23457E+11 beyond.
GENERAL_WIDTH = 11

COL_STT = "STT"
COL_ID = "Mã"
COL_NAME = "Chỉ tiêu"
COL_UNIT = "Đơn vị tính"
COL_TARGET = "Chỉ tiêu phấn đấu"
COL_NUMERATOR = "Tử số"
COL_DENOMINATOR = "Mẫu số"
COL_VALUE = "Giá trị"
COL_DONE = "Hoàn thành (Có/Không)"
COL_DONE_ON = "Ngày hoàn thành"
COL_NOTE = "Ghi chú"
COLUMNS = (
    COL_STT,
    COL_ID,
    COL_NAME,
    COL_UNIT,
    COL_TARGET,
    COL_NUMERATOR,
    COL_DENOMINATOR,
    COL_VALUE,
    COL_DONE,
    COL_DONE_ON,
    COL_NOTE,
)
COLUMN_INDEX = {label: index for index, label in enumerate(COLUMNS, start=1)}
LAST_COLUMN = get_column_letter(len(COLUMNS))

INSTRUCTIONS = (
    "Hướng dẫn nhập số liệu:",
    "1. Chỉ nhập vào các ô nền vàng; các ô khác đã được khoá.",
    "2. Chỉ tiêu tỷ lệ: nhập tử số và mẫu số là số lượng (ví dụ 45 và 50), không nhập tỷ lệ phần trăm; tỷ lệ được "
    "tự tính, tử số không được lớn hơn mẫu số.",
    "3. Chỉ tiêu là một con số hoặc thứ hạng: nhập vào cột “Giá trị”; số lượng và thứ hạng là số nguyên. Chỉ tiêu "
    "tính bằng % thì nhập tỷ lệ (82,5 hoặc 82,5 %); ô định dạng phần trăm được đọc đúng như Excel hiển thị.",
    "4. Nếu gõ số dưới dạng chữ: dấu chấm phân nhóm hàng nghìn, dấu phẩy đặt trước phần thập phân (1.234.567; "
    "82,5). “82.5” không được nhận, để tránh đọc sai gấp nghìn lần.",
    "5. Ô có công thức được đọc theo kết quả Excel đã tính và lưu trong tệp. Tệp do phần mềm khác tạo mà công "
    "thức chưa được tính thì bị từ chối: hãy mở tệp bằng Excel, lưu lại rồi tải lên, hoặc nhập số thay cho công "
    "thức.",
    "6. Nhiệm vụ: ở cột “Hoàn thành” chọn “Có” hoặc “Không” (đã / chưa hoàn thành), để trống nếu chưa báo cáo; "
    "nếu “Có”, nhập ngày hoàn thành dạng dd/mm/yyyy (ví dụ 15/06/2025).",
    "7. Không sửa các cột ẩn, không thêm, xoá hay đổi thứ tự các dòng, các cột của bảng.",
    "8. Lưu tệp dưới dạng Excel (.xlsx) rồi tải lên lại tại trang nhập số liệu của báo cáo này.",
)

INPUT_FILL = PatternFill(fill_type="solid", start_color="FFFFF2CC", end_color="FFFFF2CC")
UNLOCKED = Protection(locked=False)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")


@dataclass(frozen=True)
class ParsedSubmission:
    """Figures keyed by Value id, ready for `submission_save`, and the submission version the template had."""

    figures: dict[int, dict[str, Any]]
    version: int


# --- Writing ----------------------------------------------------------------------------------------------------


def submission_xlsx_filename(submission: Submission) -> str:
    period = submission.period
    return f"so-lieu-{submission.unit.code}-{period.kind}-{period.year}.xlsx"


def _ordered_values(submission: Submission) -> list[Value]:
    # The order targets_for gives: the target's order, then the catalogue's.
    return list(
        submission.values.select_related("target__indicator").order_by(
            "target__order", "target__indicator__order", "target__pk"
        )
    )


def _number(value: Decimal | None) -> int | float | str | None:
    """A stored decimal as a cell that holds it exactly: 168900.0000 → 168900 (an int, never 168900.0), 82.5000 →
    82.5; a value a double cannot hold digit for digit (16 significant digits) → the text the parser reads back."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    as_float = float(value)
    if Decimal(repr(as_float)) == value:
        return as_float
    return input_text(value)


def _exact_format(number: object) -> str | None:
    """A number format showing every digit of a number that Excel's "General" would round or show as 1,2E+11;
    None when General shows it whole (Excel puts its own separators on either)."""
    if isinstance(number, bool) or not isinstance(number, (int, float)):
        return None
    text = format(Decimal(repr(number)) if isinstance(number, float) else Decimal(number), "f").lstrip("-")
    if len(text) <= GENERAL_WIDTH:
        return None
    _, _, fraction = text.partition(".")
    return "#,##0." + "0" * len(fraction) if fraction else "#,##0"


def _merged_line(ws: Worksheet, row: int, text: str, *, font: Font | None = None, height: float | None = None) -> None:
    cell = write_cell(ws, row, 1, text)
    cell.alignment = Alignment(wrap_text=True, vertical="center")
    if font is not None:
        cell.font = font
    ws.merge_cells(f"A{row}:{LAST_COLUMN}{row}")
    if height is not None:
        ws.row_dimensions[row].height = height


def unit_name(submission: Submission) -> str:
    """The unit as named on the period's due date: a 2023 template of a Sở merged since keeps its 2023 name."""
    return name_on(submission.unit, submission.period.due_date)


def _write_title_block(ws: Worksheet, submission: Submission) -> int:
    """Title, unit, period, due date and the instructions; returns the header row."""
    period = submission.period
    _merged_line(ws, 1, period.campaign.title, font=Font(bold=True, size=14), height=40)
    _merged_line(ws, 2, f"Đơn vị: {unit_name(submission)}", font=Font(bold=True))
    _merged_line(ws, 3, f"Kỳ báo cáo: {period}")
    _merged_line(ws, 4, f"Hạn gửi: {format_date(period.due_date)}", font=Font(bold=True))
    row = 6
    for number, line in enumerate(INSTRUCTIONS):
        _merged_line(ws, row, line, font=Font(bold=True) if number == 0 else Font(italic=True))
        row += 1
    return row + 1


def _unlock(cell: Any) -> None:
    cell.protection = UNLOCKED
    cell.fill = INPUT_FILL


def _write_value_row(ws: Worksheet, row: int, number: int, value: Value, done_cells: list[str]) -> None:
    target = value.target
    indicator = target.indicator
    entry = indicator.entry
    name = indicator.name
    if entry == Entry.RATE:
        name = f"{name}\n(Tử số: {indicator.numerator_label}; mẫu số: {indicator.denominator_label})"
    done = None
    if entry == Entry.TASK and value.value is not None:
        done = "Có" if value.value else "Không"
    cells = write_row(
        ws,
        row,
        [
            number,
            value.pk,
            name,
            indicator.unit_label,
            target.describe(),
            _number(value.numerator) if entry == Entry.RATE else None,
            _number(value.denominator) if entry == Entry.RATE else None,
            _number(value.value) if entry in (Entry.NUMBER, Entry.RANK) else None,
            done,
            value.done_on if entry == Entry.TASK else None,
            value.note,
        ],
    )
    by_label = dict(zip(COLUMNS, cells, strict=True))
    for cell in cells:
        cell.border = THIN_BORDER
        cell.alignment = TOP
    by_label[COL_NAME].alignment = WRAP
    by_label[COL_TARGET].alignment = WRAP
    by_label[COL_NOTE].alignment = WRAP
    by_label[COL_DONE_ON].number_format = "DD/MM/YYYY"
    for label in (COL_NUMERATOR, COL_DENOMINATOR, COL_VALUE):
        exact = _exact_format(by_label[label].value)
        if exact:
            by_label[label].number_format = exact
    if entry == Entry.RATE:
        numerator, denominator = by_label[COL_NUMERATOR], by_label[COL_DENOMINATOR]
        _unlock(numerator)
        _unlock(denominator)
        numerator.comment = Comment(clean_text(f"Tử số: {indicator.numerator_label}"), "Cổng thi đua")
        denominator.comment = Comment(clean_text(f"Mẫu số: {indicator.denominator_label}"), "Cổng thi đua")
        # Our own formula (never user text), so the person filling the sheet sees the rate; ignored on reading.
        n, d = numerator.coordinate, denominator.coordinate
        rate = by_label[COL_VALUE]
        rate.value = f'=IF(AND(ISNUMBER({n}),ISNUMBER({d}),{d}>0),ROUND({n}/{d}*100,2),"")'
        rate.number_format = "0.00"
    elif entry == Entry.TASK:
        _unlock(by_label[COL_DONE])
        _unlock(by_label[COL_DONE_ON])
        done_cells.append(by_label[COL_DONE].coordinate)
    else:
        _unlock(by_label[COL_VALUE])
    _unlock(by_label[COL_NOTE])
    if value.returned and value.return_comment:
        by_label[COL_NAME].comment = Comment(clean_text(f"Bị trả lại: {value.return_comment}"), "Văn phòng Sở")


def _write_meta(wb: Workbook, submission: Submission) -> None:
    meta = wb.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    write_row(meta, 1, ["Thông tin nhận dạng mẫu, không sửa."])
    rows = [
        ("format", FORMAT_MARKER),
        ("format_version", FORMAT_VERSION),
        ("submission", submission.pk),
        ("submission_version", submission.version),
        ("unit", unit_name(submission)),
        ("period", str(submission.period)),
        # Excel has no time zones: local wall-clock time, for whoever looks into a file sent to support.
        ("generated_at", timezone.localtime().replace(tzinfo=None, microsecond=0)),
    ]
    for row, pair in enumerate(rows, start=2):
        write_row(meta, row, pair)
    meta.protection.sheet = True


def render_submission_xlsx(submission: Submission) -> bytes:
    """The submission's figures as a protected Excel template: only the cells to fill are unlocked."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    header_row = _write_title_block(ws, submission)
    style_header(write_row(ws, header_row, COLUMNS))
    done_cells: list[str] = []
    values = _ordered_values(submission)
    for number, value in enumerate(values, start=1):
        _write_value_row(ws, header_row + number, number, value, done_cells)
    if done_cells:
        choice = DataValidation(
            type="list",
            formula1='"Có,Không"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Giá trị không hợp lệ",
            error="Chọn “Có” hoặc “Không”.",
        )
        for coordinate in done_cells:  # openpyxl takes one cell or range per add()
            choice.add(coordinate)
        ws.add_data_validation(choice)
    autosize_columns(ws, min_width=10, max_width=50, min_row=header_row)
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions[get_column_letter(COLUMN_INDEX[COL_ID])].hidden = True
    freeze_below(ws, header_row, columns=COLUMN_INDEX[COL_NAME])
    # No password: protection guides the person filling the sheet; the reader below is what enforces the rules.
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widening a column is allowed
    ws.protection.formatRows = False
    _write_meta(wb, submission)
    wb.security = WorkbookProtection(lockStructure=True)  # no unhiding, renaming or adding sheets
    wb.active = 0
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --- Reading ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Uncalculated:
    """A formula cell whose file holds no computed result (written by a program that never calculated it)."""

    coordinate: str

    def __str__(self) -> str:
        return ""  # not a label, not a number: refused where a figure is read (`_used`)


@dataclass
class _Contents:
    meta: dict[str, Any] | None
    rows: list[tuple[Any, ...]] | None  # the data sheet from row 1, each padded to MAX_COLUMNS, cells as read
    too_long: bool = False


def _label(raw: Any) -> str:
    if raw is None:
        return ""
    return " ".join(unicodedata.normalize("NFC", str(raw)).split())


def _is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _as_int(raw: Any) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str) and raw.strip().isdigit():
        return int(raw.strip())
    return None


def _corrupt(name: str) -> DomainError:
    return DomainError(
        f"Không đọc được tệp “{name}”: tệp Excel bị hỏng hoặc không đúng định dạng. Hãy mở tệp bằng Excel, lưu "
        "lại dưới dạng .xlsx rồi tải lên lại."
    )


def _not_ours() -> DomainError:
    return DomainError(
        "Tệp này không phải mẫu Excel tải từ cổng thông tin (không có thông tin nhận dạng mẫu). Hãy tải mẫu Excel "
        "của báo cáo này, nhập số liệu vào mẫu rồi tải lên lại."
    )


def _check_archive(data: bytes, name: str) -> None:
    """Refuse a zip whose parts would expand far beyond any real template (a zip bomb) before openpyxl reads it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _corrupt(name) from None
    if expanded > MAX_UNCOMPRESSED_BYTES:
        raise DomainError(f"Tệp “{name}” chứa quá nhiều dữ liệu so với một mẫu báo cáo số liệu.")


def _is_percent_format(number_format: str | None) -> bool:
    """Excel shows a cell as a percentage (0,85 as 85%) when its format has a "%" outside quotes, escapes and
    [brackets]: "0%", "0.0%", not '0" %"'."""
    if not number_format:
        return False
    return "%" in re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", number_format)


def _as_percent_text(number: int | float) -> str:
    """A percent-formatted cell as the person sees it, for the parser to judge: 0.855 → "85,5 %"."""
    exact = Decimal(repr(number)) if isinstance(number, float) else Decimal(number)
    return f"{format_number(exact * 100)} %"


def _cell_value(cell: Any, *, coordinate: str, formula: bool) -> Any:
    value = cell.value
    if formula and value is None:
        # openpyxl reads an empty text result ("") as None too; the cell's saved type tells the two apart.
        return "" if cell.data_type == "str" else _Uncalculated(coordinate)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and _is_percent_format(cell.number_format):
        return _as_percent_text(value)
    return value


def _formula_cells(data: bytes) -> set[tuple[int, int]]:
    """(row, column) of each formula of the data sheet. The values reading (data_only) gives a formula's cached
    result but not whether the cell is a formula, so the file is read a second time, formulas only."""
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        if SHEET not in workbook.sheetnames:
            return set()
        rows = workbook[SHEET].iter_rows(min_row=1, max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS)
        return {(cell.row, cell.column) for row in rows for cell in row if cell.data_type == "f"}
    finally:
        workbook.close()


def _read_contents(data: bytes) -> _Contents:
    formulas = _formula_cells(data)
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        meta = None
        if META_SHEET in workbook.sheetnames:
            meta = {}
            for row in workbook[META_SHEET].iter_rows(min_row=1, max_row=50, max_col=2, values_only=True):
                if row and isinstance(row[0], str) and len(row) > 1:
                    meta[row[0].strip()] = row[1]
        if SHEET not in workbook.sheetnames:
            return _Contents(meta=meta, rows=None)
        rows: list[tuple[Any, ...]] = []
        sheet_rows = workbook[SHEET].iter_rows(min_row=1, max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS)
        for row_number, row in enumerate(sheet_rows, start=1):
            if len(rows) >= MAX_ROWS:
                return _Contents(meta=meta, rows=rows, too_long=True)
            values = tuple(
                _cell_value(
                    cell,
                    coordinate=f"{get_column_letter(column)}{row_number}",
                    formula=(row_number, column) in formulas,
                )
                for column, cell in enumerate(row, start=1)
            )
            rows.append((values + (None,) * MAX_COLUMNS)[:MAX_COLUMNS])
        return _Contents(meta=meta, rows=rows)
    finally:
        workbook.close()


def _load(upload: UploadedFile) -> _Contents:
    name = upload.name or "tệp tải lên"
    if upload.size == 0:
        raise DomainError(f"Tệp rỗng: “{name}” không có dữ liệu (0 byte). Hãy chọn tệp Excel đã điền rồi tải lên lại.")
    try:
        validate_document(upload, kinds=("xlsx",), max_bytes=MAX_BYTES)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages)) from None
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    _check_archive(data, name)
    try:
        return _read_contents(data)
    except Exception:  # noqa: BLE001 – openpyxl raises KeyError, ValueError, ParseError… on a damaged file
        raise _corrupt(name) from None


def _check_meta(meta: dict[str, Any] | None, submission: Submission) -> int:
    """The template's submission version, once the file is known to be ours and for this submission."""
    if not meta or meta.get("format") != FORMAT_MARKER:
        raise _not_ours()
    if _as_int(meta.get("format_version")) != FORMAT_VERSION:
        raise DomainError(
            "Mẫu Excel này thuộc phiên bản cũ, không còn dùng được. Hãy tải mẫu mới của báo cáo, nhập số liệu rồi "
            "tải lên lại."
        )
    if _as_int(meta.get("submission")) != submission.pk:
        other = " – ".join(_label(meta.get(key))[:200] for key in ("unit", "period") if meta.get(key))
        raise DomainError(
            f"Tệp này là mẫu của báo cáo khác{f' ({other})' if other else ''}, không phải của báo cáo "
            f"{unit_name(submission)} – {submission.period}. Hãy tải mẫu Excel của đúng báo cáo này."
        )
    version = _as_int(meta.get("submission_version"))
    if version is None or version < 1:
        raise _not_ours()
    return version


def _find_columns(rows: list[tuple[Any, ...]]) -> tuple[int, dict[str, int]]:
    """The header row (0-based index into rows) and each expected column's 0-based position."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        labels = [_label(raw) for raw in row]
        if sum(label in COLUMN_INDEX for label in labels) < len(COLUMNS) // 2:
            continue
        positions: dict[str, int] = {}
        extra: list[str] = []
        for position, label in enumerate(labels):
            if not label:
                continue
            if label in COLUMN_INDEX and label not in positions:
                positions[label] = position
            else:
                extra.append(label)
        missing = [label for label in COLUMNS if label not in positions]
        if missing or extra:
            problems = []
            if missing:
                problems.append("thiếu cột " + ", ".join(f"“{label}”" for label in missing))
            if extra:
                problems.append("thừa cột " + ", ".join(f"“{label[:100]}”" for label in extra))
            raise DomainError(
                f"Bảng số liệu không đúng mẫu: {'; '.join(problems)}. Hãy dùng mẫu Excel tải từ cổng thông tin, "
                "không thêm, xoá hay đổi tên các cột."
            )
        return index, positions
    raise DomainError(
        "Không tìm thấy dòng tiêu đề của bảng số liệu (STT, Chỉ tiêu, Tử số, Mẫu số, …). Hãy dùng mẫu Excel tải "
        "từ cổng thông tin, không đổi tên các cột."
    )


def _text(raw: Any) -> str:
    """A cell as the person sees it: 12 not 12.0, dates as dd/mm/yyyy, text in NFC."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, (datetime.date, datetime.datetime)):
        return format_date(raw)
    return unicodedata.normalize("NFC", str(raw)).strip()


def _used(cell: dict[str, Any], label: str) -> Any:
    """A cell this row's figure is read from; a formula Excel never calculated cannot give one."""
    raw = cell[label]
    if isinstance(raw, _Uncalculated):
        raise DomainError(
            f"ô {raw.coordinate} (cột “{label}”) là công thức chưa có giá trị tính sẵn; hãy mở tệp bằng Excel, lưu "
            "lại rồi tải lên, hoặc nhập số thay cho công thức."
        )
    return raw


def _number_input(raw: Any) -> Any:
    """Numbers as they are, anything else as text: `clean_figure` reads both (vn.parse_number), this never does."""
    if isinstance(raw, (int, float, Decimal)) and not isinstance(raw, bool):
        return raw
    return _text(raw) or None


def _done_input(raw: Any, indicator: Indicator) -> bool | str | None:
    """The cell for `task_state`, the web form's three states ("Có", "Không", blank); a word it does not know is
    refused here, naming the column."""
    if isinstance(raw, bool):
        return raw
    text = _text(raw)
    try:
        task_state(text)
    except DomainError:
        raise DomainError(
            f"{indicator.name}: cột “Hoàn thành” chỉ nhận “Có” hoặc “Không”, hoặc để trống nếu chưa báo cáo; không "
            f"nhận “{text}”."
        ) from None
    return text or None


def _date_input(raw: Any, indicator: Indicator) -> datetime.date | str | None:
    if _is_blank(raw):
        return None
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        # A date whose cell lost its date format arrives as Excel's serial day number.
        if 1 <= raw < 2958466:
            return from_excel(raw).date()
        raise DomainError(f"{indicator.name}: ngày hoàn thành “{_text(raw)}” không đúng dạng dd/mm/yyyy.")
    return _text(raw)  # clean_figure reads dd/mm/yyyy (or yyyy-mm-dd) and names a bad one


def _row_figure(indicator: Indicator, cell: dict[str, Any]) -> dict[str, Any]:
    """The figure as `submission_save` takes it, from the cells this indicator's entry uses."""
    figure: dict[str, Any] = {"note": _text(_used(cell, COL_NOTE))}
    if indicator.entry == Entry.RATE:
        # The rate column holds our own formula and is not read: the rate is computed from these two.
        figure["numerator"] = _number_input(_used(cell, COL_NUMERATOR))
        figure["denominator"] = _number_input(_used(cell, COL_DENOMINATOR))
    elif indicator.entry == Entry.TASK:
        figure["done"] = _done_input(_used(cell, COL_DONE), indicator)
        figure["done_on"] = _date_input(_used(cell, COL_DONE_ON), indicator)
    else:
        figure["value"] = _number_input(_used(cell, COL_VALUE))
    return figure


def parse_submission_xlsx(upload: UploadedFile, *, submission: Submission) -> ParsedSubmission:
    """Read a filled template back. Raises DomainError listing every bad row ("Dòng 12: …"); saves nothing."""
    contents = _load(upload)
    version = _check_meta(contents.meta, submission)
    if contents.rows is None:
        raise DomainError(f"Tệp không có trang “{SHEET}” của mẫu báo cáo số liệu.")
    if contents.too_long:
        raise DomainError(f"Trang “{SHEET}” có quá nhiều dòng so với mẫu báo cáo số liệu.")
    header_index, positions = _find_columns(contents.rows)
    values = {v.pk: v for v in submission.values.select_related("target__indicator")}
    figures: dict[int, dict[str, Any]] = {}
    seen: dict[int, int] = {}
    errors: list[str] = []
    for index in range(header_index + 1, len(contents.rows)):
        row = contents.rows[index]
        row_number = index + 1  # rows were read from Excel row 1
        cell = {label: row[position] for label, position in positions.items()}
        if all(_is_blank(raw) for raw in cell.values()):
            continue
        try:
            value_id = _as_int(_used(cell, COL_ID))
        except DomainError as exc:
            errors.append(f"Dòng {row_number}: {exc.message}")
            continue
        if value_id is None:
            errors.append(
                f"Dòng {row_number}: không có mã số liệu ở cột ẩn “{COL_ID}” (dòng được thêm vào hoặc cột ẩn bị "
                "sửa); chỉ nhập số liệu vào các dòng có sẵn của mẫu."
            )
            continue
        value = values.get(value_id)
        if value is None:
            errors.append(
                f"Dòng {row_number}: mã số liệu {value_id} không thuộc báo cáo này (cột ẩn “{COL_ID}” bị sửa hoặc "
                "dòng được chép từ mẫu khác)."
            )
            continue
        if value_id in seen:
            errors.append(f"Dòng {row_number}: trùng chỉ tiêu với dòng {seen[value_id]}.")
            continue
        seen[value_id] = row_number
        indicator = value.target.indicator
        try:
            figure = _row_figure(indicator, cell)
            clean_figure(value.target, figure)  # every refusal now, with its row; submission_save cleans again
        except DomainError as exc:
            errors.append(f"Dòng {row_number}: {exc.message}")
            continue
        figures[value_id] = figure
    if errors:
        raise DomainError("\n".join(errors))
    return ParsedSubmission(figures=figures, version=version)
