"""The campaign progress report as files: a PDF administrative document and an Excel workbook, from ReportData.

Pure functions: no request, no task, no query; the caller (the report job) stores the bytes.

Excel: one sheet per table, a title block in rows 1–3 and the table's header in row 5 (frozen, filtered). Every
value goes through the safe writer (emulation.lib.xlsx), so a unit named "=HYPERLINK(…)" stays text. Percentages
are stored as fractions (0.9) formatted "0.0%", so Excel sorts, filters and sums them as numbers and shows 90,0 %
in a Vietnamese locale; dates are real dates formatted dd/mm/yyyy.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from emulation.lib.pdf import render_pdf
from emulation.lib.xlsx import (
    THIN_BORDER,
    add_auto_filter,
    autosize_columns,
    freeze_below,
    set_value,
    style_cache,
    style_header,
    write_cell,
    write_row,
)
from emulation.reports.data import Figure, ReportData

TEMPLATE = "reports/progress_report.html"
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
    context = {"data": data, "charts": charts, "dots": DOTS, "province_width": province_width}
    return render_to_string(TEMPLATE, context)


def render_report_pdf(data: ReportData) -> bytes:
    """The report as an A4 document in the layout of Nghị định 30/2020/NĐ-CP (WeasyPrint, our static files only)."""
    return render_pdf(render_report_html(data))


# --- Excel ------------------------------------------------------------------------------------------------------

HEADER_ROW = 5
PERCENT_FORMAT = "0.0%"
DATE_FORMAT = "dd/mm/yyyy"
TITLE_FONT = Font(bold=True, size=13)
SUBTITLE_FONT = Font(italic=True)
GROUP_FONT = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
HUNDRED = Decimal(100)
FRACTION_PLACES = Decimal("0.000001")  # a percentage to four decimals: more than any indicator shows

SHEET_TOTALS = "Tổng hợp"
SHEET_UNITS = "Chi tiết theo đơn vị"
SHEET_SENDING = "Tình hình gửi báo cáo"
SHEET_AWARDS = "Khen thưởng"
SHEET_PROVINCES = "So sánh các tỉnh"


def render_report_xlsx(data: ReportData) -> bytes:
    """The report's tables as a workbook: Tổng hợp, Chi tiết theo đơn vị, Tình hình gửi báo cáo, Khen thưởng,
    and So sánh các tỉnh for a cluster."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.creator = "Cổng thi đua – khen thưởng"
    workbook.properties.title = f"Báo cáo {data.header.summary}"[:255]
    _totals_sheet(workbook.create_sheet(SHEET_TOTALS), data)
    _units_sheet(workbook.create_sheet(SHEET_UNITS), data)
    _sending_sheet(workbook.create_sheet(SHEET_SENDING), data)
    _awards_sheet(workbook.create_sheet(SHEET_AWARDS), data)
    if data.is_cluster:
        _provinces_sheet(workbook.create_sheet(SHEET_PROVINCES), data)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _title_block(ws: Worksheet, data: ReportData, title: str, note: str = "") -> None:
    write_cell(ws, 1, 1, title).font = TITLE_FONT
    scope = f"{data.scope_name} – kỳ báo cáo {data.period_label} (hạn gửi {data.period_due:%d/%m/%Y})"
    write_cell(ws, 2, 1, scope).font = SUBTITLE_FONT
    made = f"Lập ngày {data.header.date:%d/%m/%Y}. {note}".strip()
    write_cell(ws, 3, 1, made).font = SUBTITLE_FONT


def _table(
    ws: Worksheet,
    data: ReportData,
    *,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    note: str = "",
    frozen_columns: int = 0,
    wrap: Sequence[int] = (),
) -> int:
    """Title block, header in HEADER_ROW (frozen, filtered), rows; returns the last row written."""
    _title_block(ws, data, title, note)
    style_header(write_row(ws, HEADER_ROW, headers))
    last = HEADER_ROW
    for last, values in enumerate(rows, start=HEADER_ROW + 1):  # noqa: B007 - `last` is the result
        _write_values(ws, last, values, wrap)
    freeze_below(ws, HEADER_ROW, columns=frozen_columns)
    add_auto_filter(ws, HEADER_ROW, last, len(headers))
    _finish(ws, HEADER_ROW, wrap)
    return last


def _write_values(ws: Worksheet, row: int, values: Sequence[object], wrap: Sequence[int] = ()) -> None:
    styles = style_cache(ws)
    for column, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=column)
        number_format = None
        if isinstance(value, Number):
            number_format = value.number_format if value.value is not None else None
            value = value.value
        elif isinstance(value, datetime.date):
            number_format = DATE_FORMAT
        styles.apply(cell, border=THIN_BORDER, alignment=WRAP if column in wrap else TOP, number_format=number_format)
        set_value(cell, _plain(value))


def _finish(ws: Worksheet, header_row: int, wrap: Sequence[int]) -> None:
    autosize_columns(ws, min_row=header_row)
    ws.row_dimensions[header_row].height = 32
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


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


def _value(figure: Figure) -> object:
    """Thực hiện: the figure as the PDF and the dashboard show it (the same rounding and digits, from the one
    evaluation): a rate as a percentage cell, a count as a number, a rank as a whole number, a task as its text."""
    if figure.value is None:
        return figure.text or None
    shown = figure.shown
    if figure.kind == "percent":
        return Number(shown / HUNDRED, _places_format("0", figure.places, "%"))
    if figure.kind == "number":
        return Number(shown, _places_format("#,##0", figure.places))
    if figure.kind == "rank":
        return Number(int(shown), "0")
    return figure.text


def _raw(value: Decimal | None) -> Number | None:
    return Number(value, _number_format(value)) if value is not None else None


def _totals_sheet(ws: Worksheet, data: ReportData) -> None:
    headers = [
        "STT",
        "Lĩnh vực",
        "Chỉ tiêu",
        "Áp dụng cho",
        "Đơn vị tính",
        "Kế hoạch",
        "Kế hoạch cả phong trào",
        "Thực hiện",
        "% so với kế hoạch",
        "Đánh giá",
        "Số đơn vị áp dụng",
        "Số đơn vị có số liệu",
        "Số đơn vị đạt",
        "Tổng tử số",
        "Tổng mẫu số",
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
        title=f"BÁO CÁO {data.header.summary}",
        headers=headers,
        rows=rows,
        note=note,
        frozen_columns=3,
        wrap=(2, 3, 4),
    )


def _units_sheet(ws: Worksheet, data: ReportData) -> None:
    headers = [
        "STT",
        "Đơn vị",
        "Cấp",
        "Trạng thái báo cáo",
        "Gửi báo cáo",
        "STT chỉ tiêu",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Kế hoạch",
        "Tử số",
        "Mẫu số",
        "Thực hiện",
        "% so với kế hoạch",
        "Đánh giá",
        "Ngày hoàn thành",
    ]

    def rows():
        number = 0
        for block in data.units:
            for result in block.results:
                number += 1
                figure = result.figure
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
                ]

    _table(
        ws,
        data,
        title="KẾT QUẢ THỰC HIỆN CHỈ TIÊU THEO ĐƠN VỊ",
        headers=headers,
        rows=rows(),
        note="Mỗi dòng: một chỉ tiêu áp dụng cho một đơn vị. Chỉ tính báo cáo đã gửi hoặc đã duyệt.",
        frozen_columns=2,
        wrap=(2, 7),
    )


def _sending_sheet(ws: Worksheet, data: ReportData) -> None:
    d = data.deployment
    headers = [
        "STT",
        "Đơn vị",
        "Cấp",
        "Đăng ký thi đua",
        "Ngày đăng ký",
        "Trạng thái báo cáo",
        "Gửi báo cáo",
        "Ngày gửi",
        "Ngày duyệt",
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
    _table(ws, data, title="TÌNH HÌNH GỬI BÁO CÁO", headers=headers, rows=rows, note=note, frozen_columns=2, wrap=(2,))


def _awards_sheet(ws: Worksheet, data: ReportData) -> None:
    """Nominees by award form (the filtered table), then dossiers by status and the decisions of the period."""
    a = data.awards
    note = f"Hồ sơ gửi và quyết định ký từ ngày {a.start:%d/%m/%Y} đến ngày {a.end:%d/%m/%Y}."
    headers = ["STT", "Hình thức khen thưởng", "Cấp quyết định", "Tập thể", "Cá nhân", "Đã có quyết định"]
    rows = [
        [number, row.award_form, row.authority, row.collective, row.individual, row.decided]
        for number, row in enumerate(a.nominees, start=1)
    ]
    _title_block(ws, data, "CÔNG TÁC KHEN THƯỞNG", note)
    style_header(write_row(ws, HEADER_ROW, headers))
    last = HEADER_ROW
    for last, values in enumerate(rows, start=HEADER_ROW + 1):  # noqa: B007 - `last` is used below
        _write_values(ws, last, values, (2, 3))
    freeze_below(ws, HEADER_ROW)
    add_auto_filter(ws, HEADER_ROW, last, len(headers))
    if rows:
        last += 1
        total = ["", "Tổng cộng", "", a.collective_total, a.individual_total, a.decided_total]
        _write_values(ws, last, total)
        for cell in ws[last]:
            cell.font = GROUP_FONT

    row = last + 2
    write_cell(ws, row, 1, "Hồ sơ đề nghị khen thưởng theo trạng thái").font = GROUP_FONT
    style_header(write_row(ws, row + 1, ["STT", "Trạng thái hồ sơ", "Số hồ sơ"]))
    row += 2
    for number, status in enumerate(a.dossiers, start=1):
        _write_values(ws, row, [number, status.label, status.count])
        row += 1
    _write_values(ws, row, ["", "Tổng cộng", a.dossier_total])
    row += 2

    write_cell(ws, row, 1, "Quyết định, tờ trình khen thưởng trong kỳ").font = GROUP_FONT
    decision_headers = ["STT", "Loại", "Số, ký hiệu", "Ngày ký", "Cơ quan ban hành", "Người ký", "Tập thể", "Cá nhân"]
    style_header(write_row(ws, row + 1, [*decision_headers, "Ghi chú"]))
    row += 2
    for number, decision in enumerate(a.decisions, start=1):
        values = [
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
        _write_values(ws, row, values, (2, 5, 9))
        row += 1
    if not a.decisions:
        write_cell(ws, row, 2, "Không có quyết định, tờ trình trong kỳ.").font = SUBTITLE_FONT
    _finish(ws, HEADER_ROW, ())
    ws.column_dimensions["A"].width = 8  # the STT column; the sub-tables' captions may run over it


def _provinces_sheet(ws: Worksheet, data: ReportData) -> None:
    headers = ["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", *[p.name for p in data.provinces], data.total_label]
    rows = [
        [row.number, row.indicator, row.unit_label, row.plan, *[_value(f) for f in row.figures], _value(row.total)]
        for row in data.comparison
    ]
    roles = "; ".join(f"{p.name}: {p.role.lower()}" for p in data.provinces)
    _table(
        ws,
        data,
        title=f"SO SÁNH CÁC TỈNH – {data.scope_name.upper()}",
        headers=headers,
        rows=rows,
        note=f"Giá trị mỗi tỉnh tổng hợp từ các đơn vị của tỉnh. {roles}.",
        frozen_columns=2,
        wrap=(2,),
    )
