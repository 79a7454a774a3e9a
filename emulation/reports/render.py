"""The campaign progress report as files: a PDF administrative document and an Excel workbook, from ReportData.

Pure functions: no request, no task, no query; the caller (the report job) stores the bytes.

PDF: the document layer's header, title and footer (templates/documents/) around the report's body.

Excel: one sheet per table, a title block in rows 1–3 merged across the table and the table's header in row 5
(frozen, filtered, printed on every page); A4 landscape, one page wide at 70 % or more, Times New Roman, the
report's name and "Trang n/m" in the footer. Every value goes through the safe writer (emulation.lib.xlsx), so a
unit named "=HYPERLINK(…)" stays text. Numeric columns hold numbers only; percentages are stored as fractions (0.9)
formatted "0.0%", so Excel sorts, filters and sums them as numbers and shows 90,0 % in a Vietnamese locale; dates
are real dates formatted dd/mm/yyyy.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from emulation.lib import xlsx
from emulation.lib.pdf import render_pdf
from emulation.lib.xlsx import THIN_BORDER, add_auto_filter
from emulation.reports.data import ComparisonRow, Figure, ReportData

TEMPLATE = "reports/progress_report.html"
ANNEX_TEMPLATE = "reports/unit_annex.html"
# The report a person reads names the exceptions, not every unit: at most this many units behind target in its
# table and this many names of late or missing units; the rest are counted, and the report says where the full
# lists are (the workbook, the annex). National case (63 Sở × 40 targets): under 30 pages.
MAX_BEHIND = 40
MAX_NAMED = 30
# A line of dots for a section Văn phòng Sở has not written yet; CSS clips it at the text width.
DOTS = "…" * 120

# --- PDF --------------------------------------------------------------------------------------------------------


def render_report_html(data: ReportData) -> str:
    charts = [
        (chart, mark_safe(chart.svg))  # noqa: S308 - charts.py escapes every text it draws
        for chart in data.charts
    ]
    # The cluster comparison: STT 6 %, plan 9 %, the indicator's name at least a fifth, and the provinces and the
    # total share the rest (at most 10 % each).
    province_width = f"{min(10, (100 - 6 - 9 - 20) / (len(data.provinces) + 1)):.2f}"
    behind, late, missing = data.behind_units, data.late_units, data.missing_units
    context = {
        "data": data,
        "charts": charts,
        "dots": DOTS,
        "province_width": province_width,
        "annex": data.with_annex,
        "behind": behind[:MAX_BEHIND],
        "behind_count": len(behind),
        "behind_more": max(0, len(behind) - MAX_BEHIND),
        "late": late[:MAX_NAMED],
        "late_more": max(0, len(late) - MAX_NAMED),
        "missing": missing[:MAX_NAMED],
        "missing_more": max(0, len(missing) - MAX_NAMED),
    }
    return render_to_string(TEMPLATE, context)


def render_report_pdf(data: ReportData) -> bytes:
    """The report as an A4 document in the layout of Nghị định 30/2020/NĐ-CP (WeasyPrint, our static files only):
    totals, charts and the exceptions; it says where the per-unit detail is (the workbook, and the annex when
    `data.with_annex`: the job makes it too)."""
    return render_pdf(render_report_html(data))


def render_annex_html(data: ReportData) -> str:
    return render_to_string(ANNEX_TEMPLATE, {"data": data})


def render_annex_pdf(data: ReportData) -> bytes:
    """Phụ lục chi tiết theo đơn vị: every unit of the report, with each target that applies to it, from the same
    data as the report and the workbook (made on request: at 63 provinces it is some 2,500 rows, 100 pages)."""
    return render_pdf(render_annex_html(data))


# --- Excel ------------------------------------------------------------------------------------------------------

HEADER_ROW = 5
PERCENT_FORMAT = "0.0%"
DATE_FORMAT = "dd/mm/yyyy"
TITLE_FONT = xlsx.font(bold=True, size=13)
SUBTITLE_FONT = xlsx.font(italic=True)
HEADER_FONT = xlsx.font(bold=True, size=11)
GROUP_FONT = xlsx.font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
HUNDRED = Decimal(100)
FRACTION_PLACES = Decimal("0.000001")  # a percentage to four decimals: more than any indicator shows

SHEET_TOTALS = "Tổng hợp"
SHEET_UNITS = "Chi tiết theo đơn vị"
SHEET_SENDING = "Tình hình gửi báo cáo"
SHEET_AWARDS = "Khen thưởng"
SHEET_DOSSIERS = "Hồ sơ khen thưởng"
SHEET_DECISIONS = "Quyết định khen thưởng"
SHEET_PROVINCES = "So sánh các tỉnh"
NOTE = "Ghi chú"


def render_report_xlsx(data: ReportData) -> bytes:
    """The report's tables, one sheet each, ready to filter and to print (A4 landscape, one page wide, Times New
    Roman, the report's name and the page number in the footer): Tổng hợp, Chi tiết theo đơn vị, Tình hình gửi báo
    cáo, Khen thưởng, Hồ sơ khen thưởng, Quyết định khen thưởng, and So sánh các tỉnh for a cluster. Numeric
    columns hold numbers only; a figure that is words (a task's "Hoàn thành (20/03/2023)") is in "Ghi chú"."""
    # Write-only: rows stream to the file as they are made, no cell objects kept (issue 18: the job was 5.6–6.5×
    # a write-only openpyxl workbook of the same cells). Titles, widths, filter, frozen header and print set-up
    # are all still there (StreamSheet).
    workbook = Workbook(write_only=True)
    xlsx.use_font(workbook)
    workbook.properties.creator = "Cổng thi đua – khen thưởng"
    workbook.properties.title = f"Báo cáo {data.summary}"[:255]
    _totals_sheet(workbook.create_sheet(SHEET_TOTALS), data)
    _units_sheet(workbook.create_sheet(SHEET_UNITS), data)
    _sending_sheet(workbook.create_sheet(SHEET_SENDING), data)
    _awards_sheet(workbook.create_sheet(SHEET_AWARDS), data)
    _dossiers_sheet(workbook.create_sheet(SHEET_DOSSIERS), data)
    _decisions_sheet(workbook.create_sheet(SHEET_DECISIONS), data)
    if data.is_cluster:
        _provinces_sheet(workbook.create_sheet(SHEET_PROVINCES), data)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _table(
    ws: WriteOnlyWorksheet,
    data: ReportData,
    *,
    title: str,
    headers: Sequence[str],
    widths: Sequence[float],
    rows: Iterable[Sequence[object]],
    note: str = "",
    frozen_columns: int = 0,
    wrap: Sequence[int] = (),
    total: Sequence[object] | None = None,
) -> int:
    """Title block (rows 1–3, merged across the table), header in HEADER_ROW (frozen, filtered, repeated on every
    printed page), rows, and a total row under the filtered range; returns the last row written."""
    assert len(headers) == len(widths), ws.title
    sheet = xlsx.StreamSheet(ws)
    # What openpyxl writes before the rows (widths, fit to page, frozen panes) is set before the first row.
    widths = xlsx.set_widths(ws, widths)
    xlsx.print_setup(ws, name=data.name, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    sheet.freeze_below(HEADER_ROW, columns=frozen_columns)
    last_column = len(headers)
    scope = f"{data.scope_name} – kỳ báo cáo {data.period_label} (hạn gửi {data.period_due:%d/%m/%Y})"
    made = f"Lập ngày {data.day:%d/%m/%Y}. {note}".strip()
    for text, font, alignment in (
        (title, TITLE_FONT, CENTRED),
        (scope, SUBTITLE_FONT, CENTRED),
        (made, SUBTITLE_FONT, LEFT),
    ):
        sheet.merged_title(text, last_column=last_column, font=font, alignment=alignment, widths=widths)
    sheet.skip()
    header = [
        sheet.cell(name, font=HEADER_FONT, fill=xlsx.HEADER_FILL, alignment=xlsx.HEADER_ALIGNMENT, border=THIN_BORDER)
        for name in headers
    ]
    sheet.append(header, height=48)
    for values in rows:
        sheet.append(_cells(sheet, values, wrap))
    last = sheet.row
    add_auto_filter(ws, HEADER_ROW, last, len(headers))
    if total is not None and last > HEADER_ROW:
        last = sheet.append(_cells(sheet, total, wrap, font=GROUP_FONT))
    return last


def _cells(sheet: xlsx.StreamSheet, values: Sequence[object], wrap: Sequence[int] = (), font=None) -> list:
    cells = []
    for column, value in enumerate(values, start=1):
        number_format = None
        if isinstance(value, Number):
            number_format = value.number_format if value.value is not None else None
            value = value.value
        elif isinstance(value, datetime.date):
            number_format = DATE_FORMAT
        alignment = WRAP if column in wrap else TOP
        cells.append(
            sheet.cell(_plain(value), font=font, border=THIN_BORDER, alignment=alignment, number_format=number_format)
        )
    return cells


def _plain(value: object) -> object:
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


class Number:
    """A number with its display format (percentages as fractions, counts with thousands separators)."""

    def __init__(self, value: Decimal | int | None, number_format: str):
        self.value = value
        self.number_format = number_format


def _number_format(value: Decimal) -> str:
    return "#,##0" if value == value.to_integral_value() else "#,##0.0##"


def _percent(value: Decimal | None) -> Number | None:
    """A percentage (82.5) stored as the fraction Excel formats as 82,5 %."""
    if value is None:
        return None
    return Number((value / HUNDRED).quantize(FRACTION_PLACES), PERCENT_FORMAT)


def _places_format(base: str, places: int, suffix: str = "") -> str:
    return f"{base}.{'0' * places}{suffix}" if places else f"{base}{suffix}"


def _value(figure: Figure) -> Number | None:
    """Thực hiện as a number — the same rounding and digits as the PDF and the dashboard (the one evaluation): a
    rate as a percentage cell, a count as a number, a rank as a whole number. A figure in words (a task) is not a
    number: its cell stays empty and the words go to the note (`_words`)."""
    if figure.value is None:
        return None
    shown = figure.shown
    if figure.kind == "percent":
        return Number(shown / HUNDRED, _places_format("0", figure.places, "%"))
    if figure.kind == "number":
        return Number(shown, _places_format("#,##0", figure.places))
    if figure.kind == "rank":
        return Number(int(shown), "0")
    return None


def _words(figure: Figure) -> str:
    """The figure as words when it is not a number: "Hoàn thành (20/03/2023)", "2/2 đơn vị hoàn thành"."""
    return figure.text if _value(figure) is None and figure.text else ""


def _note(*parts: str) -> str:
    return "; ".join(part for part in parts if part)


def _raw(value: Decimal | None) -> Number | None:
    return Number(value, _number_format(value)) if value is not None else None


def _totals_sheet(ws: WriteOnlyWorksheet, data: ReportData) -> None:
    columns = [
        ("STT", 5),
        ("Lĩnh vực", 14),
        ("Chỉ tiêu", 34),
        ("Áp dụng cho", 13),
        ("Đơn vị tính", 7),
        ("Kế hoạch", 12),
        ("Kế hoạch cả phong trào", 10),
        ("Thực hiện", 10),
        ("% so với kế hoạch", 9),
        ("Đánh giá", 9),
        ("Số đơn vị áp dụng", 7),
        ("Số đơn vị có số liệu", 7),
        ("Số đơn vị đạt", 7),
        ("Tổng tử số", 9),
        ("Tổng mẫu số", 9),
        (NOTE, 18),
    ]
    rows = [
        [
            row.number,
            row.sector,
            row.indicator,
            row.applies_to or "Tất cả đơn vị",
            row.unit_label,
            row.plan,
            row.plan_long_term,
            _value(row.total),
            _percent(row.total.percent),
            row.total.label,
            row.units_applicable,
            row.units_reported,
            row.units_met,
            _raw(row.total.numerator),
            _raw(row.total.denominator),
            _words(row.total),
        ]
        for row in data.targets
    ]
    counts = data.achievement_counts
    note = (
        f"{len(data.targets)} chỉ tiêu: vượt {counts['vuot']}, đạt {counts['dat']}, chưa đạt {counts['chua_dat']}, "
        f"chưa có số liệu {counts['chua_co']}. Tỷ lệ tổng hợp = tổng tử số / tổng mẫu số."
    )
    _table(
        ws,
        data,
        title=f"BÁO CÁO {data.summary}",
        headers=[name for name, _ in columns],
        widths=[width for _, width in columns],
        rows=rows,
        note=note,
        frozen_columns=3,
        wrap=(2, 3, 4, 6, 7, 16),
    )


def _units_sheet(ws: WriteOnlyWorksheet, data: ReportData) -> None:
    columns = [
        ("STT", 5),
        ("Đơn vị", 22),
        ("Cấp", 10),
        ("Trạng thái báo cáo", 10),
        ("Gửi báo cáo", 9),
        ("STT chỉ tiêu", 6),
        ("Chỉ tiêu", 32),
        ("Đơn vị tính", 7),
        ("Kế hoạch", 12),
        ("Tử số", 9),
        ("Mẫu số", 9),
        ("Thực hiện", 10),
        ("% so với kế hoạch", 9),
        ("Đánh giá", 9),
        ("Ngày hoàn thành", 10),
        (NOTE, 16),
    ]

    def rows():
        number = 0
        for block in data.units:
            for result in block.results:
                number += 1
                figure = result.figure
                applies = f"Áp dụng: {result.applies_to}" if result.applies_to else ""
                yield [
                    number,
                    block.name,
                    block.level,
                    block.status_label,
                    block.sending_label,
                    result.target_number,
                    result.indicator,
                    result.unit_label,
                    result.plan,
                    _raw(figure.numerator),
                    _raw(figure.denominator),
                    _value(figure),
                    _percent(figure.percent),
                    figure.label,
                    figure.done_on,
                    _note(applies, _words(figure)),
                ]

    _table(
        ws,
        data,
        title="KẾT QUẢ THỰC HIỆN CHỈ TIÊU THEO ĐƠN VỊ",
        headers=[name for name, _ in columns],
        widths=[width for _, width in columns],
        rows=rows(),
        note="Mỗi dòng: một chỉ tiêu áp dụng cho một đơn vị. Chỉ tính báo cáo đã gửi hoặc đã duyệt.",
        frozen_columns=2,
        wrap=(2, 3, 4, 7, 9, 16),
    )


def _sending_sheet(ws: WriteOnlyWorksheet, data: ReportData) -> None:
    d = data.deployment
    columns = [
        ("STT", 5),
        ("Đơn vị", 40),
        ("Cấp", 16),
        ("Đăng ký thi đua", 12),
        ("Ngày đăng ký", 11),
        ("Trạng thái báo cáo", 14),
        ("Gửi báo cáo", 10),
        ("Ngày gửi", 11),
        ("Ngày duyệt", 11),
    ]
    rows = [
        [
            number,
            block.name,
            block.level,
            "Đã đăng ký" if block.registered else "Chưa đăng ký",
            block.registered_on,
            block.status_label,
            block.sending_label,
            block.submitted_on,
            block.reviewed_on,
        ]
        for number, block in enumerate(data.units, start=1)
    ]
    note = (
        f"Tham gia: {d.units} đơn vị; đã đăng ký: {d.registered}; gửi đúng hạn: {d.on_time}; "
        f"quá hạn: {d.late}; chưa gửi: {d.not_reported}; đã duyệt: {d.approved}."
    )
    _table(
        ws,
        data,
        title="TÌNH HÌNH GỬI BÁO CÁO",
        headers=[name for name, _ in columns],
        widths=[width for _, width in columns],
        rows=rows,
        note=note,
        frozen_columns=2,
        wrap=(2, 3),
    )


def _awards_sheet(ws: WriteOnlyWorksheet, data: ReportData) -> None:
    """Nominees of the dossiers sent in the period, by award form, and how many were conferred within it."""
    a = data.awards
    columns = [
        ("STT", 5),
        ("Hình thức khen thưởng", 50),
        ("Cấp quyết định", 30),
        ("Tập thể", 10),
        ("Cá nhân", 10),
        ("Có quyết định trong kỳ", 12),
    ]
    rows = [
        [number, row.award_form, row.authority, row.collective, row.individual, row.decided]
        for number, row in enumerate(a.nominees, start=1)
    ]
    _table(
        ws,
        data,
        title="CÔNG TÁC KHEN THƯỞNG: ĐỀ NGHỊ KHEN THƯỞNG THEO HÌNH THỨC",
        headers=[name for name, _ in columns],
        widths=[width for _, width in columns],
        rows=rows,
        note=a.statement,
        wrap=(2, 3),
        total=["", "Tổng cộng", "", a.collective_total, a.individual_total, a.decided_total],
    )


def _dossiers_sheet(ws: WriteOnlyWorksheet, data: ReportData) -> None:
    a = data.awards
    columns = [("STT", 5), (f"Trạng thái hồ sơ đến ngày {a.status_on:%d/%m/%Y}", 40), ("Số hồ sơ", 12)]
    rows = [[number, status.label, status.count] for number, status in enumerate(a.dossiers, start=1)]
    _table(
        ws,
        data,
        title="HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG GỬI TRONG KỲ",
        headers=[name for name, _ in columns],
        widths=[width for _, width in columns],
        rows=rows,
        note=f"Hồ sơ gửi {a.window}, theo trạng thái đến ngày {a.status_on:%d/%m/%Y}.",
        total=["", "Tổng cộng", a.dossier_total],
    )


def _decisions_sheet(ws: WriteOnlyWorksheet, data: ReportData) -> None:
    a = data.awards
    columns = [
        ("STT", 5),
        ("Loại", 22),
        ("Số, ký hiệu", 16),
        ("Ngày ký", 11),
        ("Cơ quan ban hành", 32),
        ("Người ký", 20),
        ("Tập thể", 8),
        ("Cá nhân", 8),
        (NOTE, 40),
    ]
    rows = [
        [
            number,
            decision.kind_label,
            decision.number,
            decision.signed_on,
            decision.issuer,
            decision.signer,
            decision.collective,
            decision.individual,
            decision.note,
        ]
        for number, decision in enumerate(a.decisions, start=1)
    ]
    signed = f"Đã ký {a.decision_summary}" if a.decisions else "Không có quyết định, tờ trình khen thưởng nào được ký"
    _table(
        ws,
        data,
        title="QUYẾT ĐỊNH, TỜ TRÌNH KHEN THƯỞNG KÝ TRONG KỲ",
        headers=[name for name, _ in columns],
        widths=[width for _, width in columns],
        rows=rows,
        note=f"{signed} {a.window}.",
        wrap=(2, 5, 6, 9),
    )


def _note_sentences(*parts: str) -> str:
    return " ".join(f"{part}." for part in parts if part)


def _members_missing(data: ReportData) -> str:
    missing = data.members_without_office
    if not missing:
        return ""
    names = ", ".join(p.name for p in missing)
    return f"Chưa có tài khoản Văn phòng Sở trên Cổng, chưa có số liệu để so sánh: {names}"


def _provinces_sheet(ws: WriteOnlyWorksheet, data: ReportData) -> None:
    fixed = [("STT", 5), ("Chỉ tiêu", 34), ("Áp dụng cho", 12), ("Đơn vị tính", 7), ("Kế hoạch", 12)]
    note_width = 25
    room = xlsx.MAX_PRINT_WIDTH - sum(w for _, w in fixed) - note_width
    figure_width = max(7, min(11, room / (len(data.provinces) + 1)))
    columns = [
        *fixed,
        *[(p.name, figure_width) for p in data.provinces],
        (data.total_label, figure_width),
        (NOTE, note_width),
    ]

    def words(row: ComparisonRow) -> str:
        named = [(p.name, f) for p, f in zip(data.provinces, row.figures, strict=True)]
        return _note(*[f"{name}: {_words(f)}" for name, f in [*named, (data.total_label, row.total)] if _words(f)])

    rows = [
        [
            row.number,
            row.indicator,
            row.applies_to or "Tất cả đơn vị",
            row.unit_label,
            row.plan,
            *[_value(f) for f in row.figures],
            _value(row.total),
            words(row),
        ]
        for row in data.comparison
    ]
    roles = "; ".join(f"{p.name}: {p.role.lower()}" for p in data.provinces)
    _table(
        ws,
        data,
        title=f"{data.scope_name.upper()} – SO SÁNH KẾT QUẢ CÁC TỈNH, {data.period_label.upper()}",
        headers=[name for name, _ in columns],
        widths=[width for _, width in columns],
        rows=rows,
        note=_note_sentences(
            "Số liệu đã được duyệt của mỗi tỉnh, tổng hợp từ các đơn vị của tỉnh",
            roles,
            _members_missing(data),
        ),
        frozen_columns=2,
        wrap=(2, 3, 5, len(columns)),
    )
