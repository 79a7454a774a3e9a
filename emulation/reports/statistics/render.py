"""The statistics as files: one workbook (a sheet per biểu, in the biểu's layout: the row label, mã số, đơn vị
tính, then the columns) and one PDF (the document layer's header, each biểu as a table, Nơi nhận and signer).
Pure functions of `StatisticsData`, so tests call them without Celery."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.styles import Alignment

from emulation.lib import xlsx
from emulation.lib.paper import Paper
from emulation.lib.pdf import render_pdf
from emulation.lib.xlsx import THIN_BORDER
from emulation.reports.statistics.bieu import BIEU, ISSUED_BY, SOURCE, UNVERIFIED, Bieu, Row, range_label
from emulation.reports.statistics.counts import Cell, StatisticsScope, bieu_cells

TEMPLATE = "reports/statistics_document.html"
TITLE_FONT = xlsx.font(bold=True, size=13)
BOLD = xlsx.font(bold=True)
ITALIC = xlsx.font(italic=True)
HEADER_FONT = xlsx.font(bold=True, size=11)
CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
NOT_ANSWERED = ""  # a cell the register cannot answer: left empty for the office to fill in by hand


@dataclass
class BieuTable:
    bieu: Bieu
    rows: list[tuple[Row, list[Cell]]]

    @property
    def unanswered(self) -> list[Row]:
        return [r for r, _ in self.rows if not r.heading and r.rule is None]

    @property
    def unanswered_groups(self) -> list[tuple[str, str]]:
        """[("06, 07, 08", "Cổng chưa ghi …")]: the empty rows, one note each, said once."""
        groups: dict[str, list[str]] = {}
        for row in self.unanswered:
            groups.setdefault(row.note or "Cổng chưa ghi nhận nội dung này.", []).append(row.code)
        return [(", ".join(codes), note) for note, codes in groups.items()]


@dataclass
class StatisticsData:
    scope: StatisticsScope
    paper: Paper
    reporter: str  # Đơn vị báo cáo
    receiver: str  # Đơn vị nhận báo cáo
    day: datetime.date
    tables: list[BieuTable] = field(default_factory=list)
    # The report's id: each number of the workbook then links to its list on the portal (statistics_cell).
    report_id: int | None = None

    def cell_url(self, bieu: Bieu, cell: Cell) -> str:
        if self.report_id is None or not cell.answerable:
            return ""
        from django.conf import settings
        from django.urls import reverse

        path = reverse("reports:statistics_cell", args=[self.report_id, bieu.slug, cell.row.code, cell.column.code])
        return f"{settings.SITE_URL.rstrip('/')}{path}"

    @property
    def range_label(self) -> str:
        return range_label(self.scope.date_from, self.scope.date_to)

    @property
    def basis(self) -> str:
        """How the awards were counted, said in every file."""
        if self.scope.count_by == "nam":
            return (
                f"Khen thưởng được đếm theo năm khen thưởng ghi trong sổ ({self.range_label}), kể cả quyết định ký "
                "sau kỳ."
            )
        return f"Khen thưởng được đếm theo ngày ký quyết định, {self.range_label}."

    @property
    def source(self) -> str:
        return SOURCE

    @property
    def issued_by(self) -> str:
        return ISSUED_BY

    @property
    def unverified(self) -> str:
        return UNVERIFIED


def build_statistics_data(
    *,
    scope: StatisticsScope,
    paper: Paper,
    reporter: str,
    receiver: str,
    day: datetime.date,
    progress=None,
    report_id: int | None = None,
) -> StatisticsData:
    step = progress or (lambda fraction, message: None)
    data = StatisticsData(scope=scope, paper=paper, reporter=reporter, receiver=receiver, day=day, report_id=report_id)
    for i, bieu in enumerate(BIEU):
        step(0.1 + 0.4 * i / len(BIEU), f"Đang đếm biểu {bieu.code}")
        data.tables.append(BieuTable(bieu, bieu_cells(bieu, scope)))
    return data


# --- PDF --------------------------------------------------------------------------------------------------------


def render_statistics_html(data: StatisticsData) -> str:
    return render_to_string(TEMPLATE, {"data": data, "paper": data.paper})


def render_statistics_pdf(data: StatisticsData) -> bytes:
    return render_pdf(render_statistics_html(data))


# --- Excel ------------------------------------------------------------------------------------------------------


def render_statistics_xlsx(data: StatisticsData) -> bytes:
    """A sheet per biểu: the heading lines of the biểu (code, circular, due date, đơn vị báo cáo / nhận báo cáo),
    the title and the period, then the table with the column numbers row (A, B, C, 1, 2 …). Counts are numbers;
    a cell the register cannot answer is empty and its row's note says why."""
    workbook = Workbook(write_only=True)
    xlsx.use_font(workbook)
    workbook.properties.creator = "Cổng thi đua – khen thưởng"
    workbook.properties.title = f"Thống kê thi đua, khen thưởng {data.range_label}"[:255]
    for table in data.tables:
        _sheet(workbook.create_sheet(f"Biểu {table.bieu.slug}"), table, data)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet(ws, table: BieuTable, data: StatisticsData) -> None:
    bieu = table.bieu
    units = bieu.subject == "awards"  # the award biểu have a "Đơn vị tính" column (C); 0601 has none
    lead = 3 if units else 2
    columns = len(bieu.columns)
    last = lead + columns + 1  # label, mã số, [đơn vị tính], the columns, Ghi chú
    widths = [46, 8, *([11] if units else []), *([14] * columns), 40]
    xlsx.set_widths(ws, widths, bound=10_000)
    # What openpyxl writes before the rows (print set-up, frozen panes) is set before the first row: the header is
    # row 6 (7 under a "Đơn vị tính" line), the column numbers (A, B, 1, 2 …) the row under it.
    header_row = 7 if bieu.unit_of_measure else 6
    xlsx.print_setup(ws, name=f"Biểu {bieu.code}", title_rows=f"{header_row}:{header_row + 1}", landscape=True)
    sheet = xlsx.StreamSheet(ws)
    sheet.freeze_below(header_row + 1, columns=1)
    pad = [None] * (lead - 1)
    sheet.append([sheet.cell(f"Biểu số: {bieu.code}", font=BOLD), *pad, sheet.cell(f"Đơn vị báo cáo: {data.reporter}")])
    sheet.append([sheet.cell(data.issued_by, font=ITALIC), *pad, sheet.cell(f"Đơn vị nhận báo cáo: {data.receiver}")])
    sheet.append([sheet.cell(f"Ngày nhận báo cáo: {bieu.due}")])
    sheet.merged_title(bieu.title, last_column=last, font=TITLE_FONT, alignment=CENTRED, widths=widths)
    period = f"{bieu.period} {data.scope.date_from.year}" if data.range_label.startswith("năm") else data.range_label
    sheet.merged_title(period[:1].upper() + period[1:], last_column=last, font=ITALIC, alignment=CENTRED, widths=widths)
    if bieu.unit_of_measure:
        sheet.append([*([None] * (last - 1)), sheet.cell(f"Đơn vị tính: {bieu.unit_of_measure}", font=ITALIC)])
    header = [
        "",
        "Mã số",
        *(["Đơn vị tính"] if units else []),
        *(c.label for c in bieu.columns),
        "Ghi chú (cách Cổng đếm)",
    ]
    row = sheet.append(
        [sheet.cell(v, font=HEADER_FONT, alignment=CENTRED, border=THIN_BORDER) for v in header], height=75
    )
    letters = ["A", "B", "C"][:lead]
    numbers = [*letters, *(bieu.formula if c.total and bieu.formula else c.code for c in bieu.columns), ""]
    sheet.append([sheet.cell(v, font=BOLD, alignment=CENTRED, border=THIN_BORDER) for v in numbers])
    assert row == header_row, ws.title
    for r, cells in table.rows:
        font = BOLD if r.bold else None
        values = [
            sheet.cell(r.label, font=font, alignment=LEFT, border=THIN_BORDER),
            sheet.cell(r.code, alignment=CENTRED, border=THIN_BORDER),
        ]
        if units:
            values.append(sheet.cell(r.unit, alignment=CENTRED, border=THIN_BORDER))
        for cell in cells:
            value = None if r.heading else (cell.value if cell.answerable else NOT_ANSWERED)
            made = sheet.cell(value, font=font, alignment=CENTRED, border=THIN_BORDER, number_format="#,##0")
            if not r.heading and (url := data.cell_url(bieu, cell)):
                made.hyperlink = url  # the awards behind the number, on the portal (who may read them: the page's)
            values.append(made)
        notes = [r.note] if r.note else []
        if r is bieu.rows[0]:  # the columns' own notes, once, on the first row
            notes += [f"Cột {c.code}: {c.note}" for c in bieu.columns if c.note]
        values.append(sheet.cell(" ".join(n if n.endswith(".") else n + "." for n in notes), alignment=LEFT,
                                 border=THIN_BORDER))  # fmt: skip
        sheet.append(values)
    sheet.skip()
    for note in (data.basis if units else "", *bieu.notes, data.source):
        if note:
            sheet.append([sheet.cell(note, font=ITALIC)])
