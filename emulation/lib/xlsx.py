"""The safe Excel writer: every value that reaches a workbook goes through here.

User text must never become a formula (=HYPERLINK(…), =cmd|…) nor break the file: a string is always stored
as a string cell, and one that starts like a formula (= + - @, a tab or a carriage return) also gets Excel's
"quote prefix" — what Excel itself stores when a person types '=… — so it stays text even after someone edits
the cell. Characters XML 1.0 forbids are removed (openpyxl would refuse them, Excel would call the file
corrupt).
"""

from __future__ import annotations

import datetime
import math
import re
import weakref
from collections.abc import Iterable
from copy import copy
from decimal import Decimal

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.workbook import Workbook
from openpyxl.worksheet.page import PageMargins
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


def style_header(cells: Iterable[Cell], *, font: Font | None = None) -> None:
    """Bold, shaded, wrapped and bordered: the look of every table header in our exports."""
    for cell in cells:
        cell.font = font or HEADER_FONT
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
        font: Font | None = None,
        fill: PatternFill | None = None,
    ) -> Cell:
        """Keyed by the style objects' identity: pass long-lived objects (module constants), never ones made per
        call, whose id a later object may take."""
        key = (id(border), id(alignment), number_format, id(font), id(fill))
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
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill
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


# --- Printable sheets -----------------------------------------------------------------------------------------

FONT_NAME = "Times New Roman"
FONT_SIZE = 12
# How many column-width units (the default font's digit, ~8 px for Times New Roman 12 pt) fit across A4 landscape
# within PRINT_MARGINS at 100 %: 297 mm less 2 × 10 mm is 10.9 in, 1,046 px at 96 dpi.
A4_LANDSCAPE_CHARS = 130
# A sheet whose columns add up to no more than this prints, fitted to one page wide, at 130/180 = 72 % or more.
MAX_PRINT_WIDTH = 180
MIN_COLUMN_WIDTH = 4
PRINT_MARGINS = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.7, header=0.3, footer=0.3)
_FOOTER_LIMIT = 200  # Excel refuses a header or footer longer than 255 characters, codes included


def use_font(workbook: Workbook, name: str = FONT_NAME, size: float = FONT_SIZE) -> Font:
    """Make `name` the workbook's default font — the "Normal" style, hence every cell not given a font of its own
    (Excel's default is Calibri). Call it on a new workbook, before any cell is styled."""
    default = Font(name=name, sz=size, family=1)
    workbook._fonts = IndexedList([default])
    workbook._named_styles["Normal"].font = default
    return default


def font(*, bold: bool = False, italic: bool = False, size: float = FONT_SIZE, name: str = FONT_NAME) -> Font:
    """A font of the printable sheets: always named, so no cell falls back to another typeface."""
    return Font(name=name, sz=size, bold=bold, italic=italic)


def set_widths(ws: Worksheet, widths: Iterable[float], *, bound: float = MAX_PRINT_WIDTH) -> list[float]:
    """Give the columns these widths (in characters), shrunk in proportion when they add up to more than `bound`,
    so that the sheet prints one page wide at a readable scale. Returns the widths set."""
    widths = list(widths)
    total = sum(widths)
    factor = min(1.0, bound / total) if total else 1.0
    shrunk = [max(MIN_COLUMN_WIDTH, math.floor(w * factor * 10) / 10) for w in widths]
    for column, width in enumerate(shrunk, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    return shrunk


def sheet_width(ws: Worksheet) -> float:
    """The printed width of the used columns, in characters (a column never sized counts Excel's 8.43)."""
    sized = [column_index_from_string(key) for key, d in ws.column_dimensions.items() if d.width]
    total = 0.0
    for column in range(1, max([ws.max_column, *sized]) + 1):
        dimension = ws.column_dimensions.get(get_column_letter(column))
        total += dimension.width if dimension is not None and dimension.width else 8.43
    return total


def print_scale(ws: Worksheet) -> int:
    """The scale (%) at which a sheet fitted to one A4 landscape page wide prints: what Excel will choose."""
    width = sheet_width(ws)
    return min(100, math.floor(A4_LANDSCAPE_CHARS * 100 / width)) if width else 100


def merged_title(
    ws: Worksheet,
    row: int,
    text: str,
    *,
    last_column: int,
    font: Font,
    horizontal: str = "center",
) -> Cell:
    """A title across the table (cells A..last_column of the row merged), wrapped, its row tall enough for it:
    Excel does not grow a merged row by itself."""
    cell = write_cell(ws, row, 1, text)
    cell.font = font
    cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
    if last_column > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_column)
    size = float(font.sz or FONT_SIZE)
    width = sum((ws.column_dimensions[get_column_letter(c)].width or 8.43) for c in range(1, last_column + 1))
    # A line of Vietnamese text holds about one character per width unit at 12 pt, fewer at a larger size.
    per_line = max(10.0, width * FONT_SIZE / size)
    lines = max(1, math.ceil(len(str(text)) / per_line))
    ws.row_dimensions[row].height = round(lines * size * 1.35 + 4, 1)
    return cell


def footer_text(text: str) -> str:
    """Text for a header or footer: "&" starts a code there (&P, &T), so a literal one is doubled."""
    text = clean_text(" ".join(str(text).split()))
    if len(text) > _FOOTER_LIMIT:
        text = text[: _FOOTER_LIMIT - 1].rstrip() + "…"
    return text.replace("&", "&&")


def print_setup(ws: Worksheet, *, name: str, title_rows: str = "", landscape: bool = True) -> None:
    """A4, landscape, one page wide (as many pages tall as needed), the table header repeated on every page, and
    the footer: the document's name on the left, "Trang 1/3" on the right, in Times New Roman."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = copy(PRINT_MARGINS)
    ws.print_options.horizontalCentered = True
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddFooter.left.text = footer_text(name)
    ws.oddFooter.left.font = f"{FONT_NAME},Italic"
    ws.oddFooter.left.size = 9
    ws.oddFooter.right.text = "Trang &P/&N"
    ws.oddFooter.right.font = f"{FONT_NAME},Regular"
    ws.oddFooter.right.size = 9


# --- Write-only sheets ----------------------------------------------------------------------------------------


class StreamSheet:
    """A sheet of a write-only workbook (`Workbook(write_only=True)`), written top to bottom: cells are made with
    their style (through the workbook's StyleCache) and their value (through `set_value`, so the safe writer holds
    here too), then appended as a row. Column widths must be set before the first row, a row's height before that
    row; merged ranges, the filter, frozen panes and the print set-up may be set at any time (openpyxl writes them
    after the rows). Costs about what openpyxl's write-only mode costs: no cell objects are kept."""

    def __init__(self, ws) -> None:
        self.ws = ws
        self.row = 0  # the last row written
        self.styles = style_cache(ws)

    def cell(
        self,
        value: object,
        *,
        font: Font | None = None,
        fill: PatternFill | None = None,
        border: Border | None = None,
        alignment: Alignment | None = None,
        number_format: str | None = None,
    ) -> Cell:
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(self.ws)
        if font or fill or border or alignment or number_format:
            self.styles.apply(
                cell, font=font, fill=fill, border=border, alignment=alignment, number_format=number_format
            )
        return set_value(cell, value)

    def append(self, cells: Iterable[object], *, height: float | None = None) -> int:
        """Write the next row (cells from `cell`, or plain values); returns its number."""
        self.row += 1
        if height is not None:
            self.ws.row_dimensions[self.row].height = height
        self.ws.append(list(cells))
        return self.row

    def skip(self) -> None:
        self.append([])

    def merged_title(
        self, text: str, *, last_column: int, font: Font, alignment: Alignment, widths: Iterable[float]
    ) -> int:
        """A title across the table (columns 1..last_column of the next row merged), its row tall enough for the
        wrapped text (Excel does not grow a merged row by itself); `widths`: the columns' widths as set."""
        size = float(font.sz or FONT_SIZE)
        width = sum(list(widths)[:last_column])
        per_line = max(10.0, width * FONT_SIZE / size)
        lines = max(1, math.ceil(len(str(text)) / per_line))
        row = self.append([self.cell(text, font=font, alignment=alignment)], height=round(lines * size * 1.35 + 4, 1))
        if last_column > 1:
            self.ws.merged_cells.add(f"A{row}:{get_column_letter(last_column)}{row}")
        return row

    def freeze_below(self, header_row: int, *, columns: int = 0) -> None:
        self.ws.freeze_panes = f"{get_column_letter(columns + 1)}{header_row + 1}"
