"""The style cache gives every cell the style asked for, and never loses the quote prefix of formula-like text."""

import io

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment

from emulation.lib.xlsx import THIN_BORDER, set_value, style_cache

TOP = Alignment(vertical="top")
WRAP = Alignment(vertical="top", wrap_text=True)


def _reopen(workbook: Workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return load_workbook(io.BytesIO(buffer.getvalue())).active


def test_cached_styles_match_what_each_cell_asked_for():
    workbook = Workbook()
    ws = workbook.active
    styles = style_cache(ws)
    rows = [('=HYPERLINK("http://x")', 0.825, "0.0%"), ("Phòng CNTT", 1234, "#,##0"), ("+84 912", 0.5, "0.0%")]
    for r, (text, number, number_format) in enumerate(rows, start=1):
        set_value(styles.apply(ws.cell(row=r, column=1), border=THIN_BORDER, alignment=WRAP), text)
        cell = styles.apply(ws.cell(row=r, column=2), border=THIN_BORDER, alignment=TOP, number_format=number_format)
        set_value(cell, number)

    ws = _reopen(workbook)
    assert [ws.cell(row=r, column=1).quotePrefix for r in (1, 2, 3)] == [True, False, True]
    assert [ws.cell(row=r, column=1).value for r in (1, 2, 3)] == [row[0] for row in rows]
    assert all(ws.cell(row=r, column=1).alignment.wrap_text for r in (1, 2, 3))
    assert [ws.cell(row=r, column=2).number_format for r in (1, 2, 3)] == ["0.0%", "#,##0", "0.0%"]
    assert all(ws.cell(row=r, column=2).border.left.style == "thin" for r in (1, 2, 3))
    assert not any(ws.cell(row=r, column=2).alignment.wrap_text for r in (1, 2, 3))


def test_each_workbook_has_its_own_cache():
    first, second = Workbook(), Workbook()
    assert style_cache(first.active) is style_cache(first.active)
    assert style_cache(first.active) is not style_cache(second.active)
