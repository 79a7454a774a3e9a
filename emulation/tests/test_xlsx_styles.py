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


# --- Printable sheets -------------------------------------------------------------------------------------------


def test_a_printable_sheet_reads_back_in_times_new_roman_one_page_wide():
    from emulation.lib import xlsx

    workbook = Workbook()
    xlsx.use_font(workbook)
    ws = workbook.active
    widths = xlsx.set_widths(ws, [5, 60, 60, 60, 60])  # 245 characters: shrunk to the printable bound
    assert sum(widths) <= xlsx.MAX_PRINT_WIDTH and widths[0] < 5 + 1 and widths[1] < 60
    xlsx.merged_title(ws, 1, "BÁO CÁO " + "rất dài " * 40, last_column=5, font=xlsx.font(bold=True, size=13))
    set_value(ws.cell(row=2, column=1), "Phòng CNTT")
    xlsx.print_setup(ws, name="Báo cáo năm 2023 – Sở TT&TT Bình Phước", title_rows="5:5")

    ws = _reopen(workbook)
    assert ws.parent._named_styles["Normal"].font.name == "Times New Roman"
    assert ws["A2"].font.name == "Times New Roman" and ws["A1"].font.name == "Times New Roman" and ws["A1"].font.b
    assert [str(r) for r in ws.merged_cells.ranges] == ["A1:E1"]
    assert ws.row_dimensions[1].height > 30  # a long title gets the lines it needs
    assert (ws.page_setup.orientation, ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == ("landscape", 1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage and int(ws.page_setup.paperSize) == 9  # A4
    assert ws.oddFooter.left.text == "Báo cáo năm 2023 – Sở TT&&TT Bình Phước"  # "&" alone would start a code
    assert ws.oddFooter.right.text == "Trang &P/&N"
    assert xlsx.print_scale(ws) >= 70


def test_a_narrow_sheet_keeps_its_widths():
    from emulation.lib import xlsx

    ws = Workbook().active
    assert xlsx.set_widths(ws, [5, 40, 12]) == [5, 40, 12]
    assert xlsx.sheet_width(ws) == 57 and xlsx.print_scale(ws) == 100
