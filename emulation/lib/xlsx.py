"""The safe Excel writer: every value that reaches a workbook goes through here.

User text must never become a formula (=HYPERLINK(…), =cmd|…) nor break the file: a string is always stored
as a string cell, and one that starts like a formula (= + - @, a tab or a carriage return) also gets Excel's
"quote prefix" — what Excel itself stores when a person types '=… — so it stays text even after someone edits
the cell. Characters XML 1.0 forbids are removed (openpyxl would refuse them, Excel would call the file
corrupt).
"""

from __future__ import annotations

import datetime
import re
import weakref
from collections.abc import Iterable
from copy import copy
from decimal import Decimal

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

CellValue = str | int | float | Decimal | bool | datetime.date | datetime.datetime | datetime.time | None

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# openpyxl's own list (C0 controls except tab, LF, CR) plus what XML 1.0 also forbids: lone surrogates and
# U+FFFE / U+FFFF; either would make the file unreadable.
_XML_INVALID_EXTRA_RE = re.compile("[\ud800-\udfff\ufffe\uffff]")
_MAX_CELL_CHARS = 32767  # Excel's limit per cell

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill(fill_type="solid", start_color="FFD9E1F2", end_color="FFD9E1F2")
HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
_THIN = Side(style="thin", color="FF808080")
THIN_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def clean_text(text: str) -> str:
    """Text without the characters an XLSX file cannot hold, cut to Excel's cell limit."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    text = _XML_INVALID_EXTRA_RE.sub("", text)
    return text[:_MAX_CELL_CHARS]


def safe_cell_value(value: object) -> CellValue:
    """The value to store: numbers, dates and booleans as they are, anything else as cleaned text."""
    if value is None or isinstance(value, (bool, int, float, Decimal, datetime.date, datetime.datetime, datetime.time)):
        return value  # type: ignore[return-value]
    return clean_text(str(value))


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def set_value(cell: Cell, value: object) -> Cell:
    """Put a value in a cell safely: text is always a string cell, never a formula or an error code."""
    value = safe_cell_value(value)
    cell.value = value
    if isinstance(value, str):
        # openpyxl turns "=…" into a formula and "#N/A" into an error cell: force a plain string.
        cell.data_type = "s"
        if is_formula_like(value):
            cell.quotePrefix = True
    return cell


def write_cell(ws: Worksheet, row: int, column: int, value: object) -> Cell:
    return set_value(ws.cell(row=row, column=column), value)


def write_row(ws: Worksheet, row_index: int, values: Iterable[object], *, first_column: int = 1) -> list[Cell]:
    """Write values across a row, starting at `first_column`; returns the cells."""
    return [write_cell(ws, row_index, column, value) for column, value in enumerate(values, start=first_column)]


def style_header(cells: Iterable[Cell]) -> None:
    """Bold, shaded, wrapped and bordered: the look of every table header in our exports."""
    for cell in cells:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = HEADER_ALIGNMENT
        cell.border = THIN_BORDER


def freeze_below(ws: Worksheet, header_row: int, *, columns: int = 0) -> None:
    """Keep the header row (and the first `columns` columns) in view while scrolling."""
    ws.freeze_panes = ws.cell(row=header_row + 1, column=columns + 1)


def add_auto_filter(ws: Worksheet, header_row: int, last_row: int, last_column: int, *, first_column: int = 1) -> None:
    ws.auto_filter.ref = (
        f"{get_column_letter(first_column)}{header_row}:{get_column_letter(last_column)}{max(last_row, header_row)}"
    )


def _display_width(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, (datetime.date, datetime.datetime)):
        return 10
    return max((len(line) for line in str(value).splitlines()), default=0)


def autosize_columns(ws: Worksheet, min_width: int = 8, max_width: int = 60, *, min_row: int = 1) -> None:
    """Width each column to its longest line from `min_row` down (a title block above can be skipped)."""
    widths: dict[int, int] = {}
    for row in ws.iter_rows(min_row=min_row):
        for cell in row:
            if cell.value is None:
                continue
            widths[cell.column] = max(widths.get(cell.column, 0), _display_width(cell.value))
    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = min(max(width + 2, min_width), max_width)


class StyleCache:
    """Border, alignment and number format for thousands of cells at the cost of one.

    Each style assignment makes openpyxl hash the style objects to find them in the workbook's lists: for a
    15,000-cell report that was most of our Excel time. The first cell of a combination pays for it; the others
    copy its style array, as openpyxl's own `copy_worksheet` does. Style a cell before `set_value`, which may add
    Excel's quote prefix to it.
    """

    def __init__(self) -> None:
        self._arrays: dict[tuple, object] = {}

    def apply(
        self,
        cell: Cell,
        *,
        border: Border | None = None,
        alignment: Alignment | None = None,
        number_format: str | None = None,
    ) -> Cell:
        key = (id(border), id(alignment), number_format)
        array = self._arrays.get(key)
        if array is not None:
            cell._style = copy(array)
            return cell
        if border is not None:
            cell.border = border
        if alignment is not None:
            cell.alignment = alignment
        if number_format is not None:
            cell.number_format = number_format
        self._arrays[key] = copy(cell._style)
        return cell


_caches: weakref.WeakKeyDictionary[Workbook, StyleCache] = weakref.WeakKeyDictionary()


def style_cache(ws: Worksheet) -> StyleCache:
    """The style cache of the worksheet's workbook (style arrays point into one workbook's lists)."""
    workbook = ws.parent
    cache = _caches.get(workbook)
    if cache is None:
        cache = _caches[workbook] = StyleCache()
    return cache
