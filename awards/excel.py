"""The award register (sổ khen thưởng) as an Excel workbook, through the safe writer."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook

from awards.models import AwardRecord
from campaigns.orgchart import DatedNames
from emulation.lib.xlsx import add_auto_filter, autosize_columns, freeze_below, style_header, write_row

REGISTER_HEADERS = [
    "STT",
    "Họ tên / tập thể",
    "Đối tượng",
    "Đơn vị",
    "Hình thức khen thưởng",
    "Phong trào",
    "Năm",
    "Số quyết định",
    "Ngày quyết định",
    "Cơ quan quyết định",
    "Hệ số",
    "Mức lương cơ sở (đồng)",
    "Tiền thưởng (đồng)",
]
DATE_COLUMN = REGISTER_HEADERS.index("Ngày quyết định")
MONEY_COLUMNS = [REGISTER_HEADERS.index("Mức lương cơ sở (đồng)"), REGISTER_HEADERS.index("Tiền thưởng (đồng)")]
MONEY_FORMAT = "#,##0"
DATE_FORMAT = "dd/mm/yyyy"


def render_register_xlsx(records: Iterable[AwardRecord]) -> bytes:
    """One sheet, header on row 1 (frozen, with a filter), one row per award; records should come with
    unit, award_form and campaign already selected. Each unit is named as on its decision's date (a 2023 award of
    a Sở merged since keeps the Sở's name of 2023): the past names are read once for the whole file."""
    names = DatedNames()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sổ khen thưởng"
    style_header(write_row(sheet, 1, REGISTER_HEADERS))
    last_row = 1
    total = Decimal(0)
    for number, record in enumerate(records, start=1):
        last_row = number + 1
        cells = write_row(
            sheet,
            last_row,
            [
                number,
                record.name,
                record.get_kind_display(),
                names.name(record.unit, record.decision_date),
                record.award_form.name,
                record.campaign.title,
                record.year,
                record.decision_number,
                record.decision_date,
                record.decision_issuer,
                record.coefficient,
                record.base_salary,
                record.amount,
            ],
        )
        cells[DATE_COLUMN].number_format = DATE_FORMAT
        for column in MONEY_COLUMNS:
            cells[column].number_format = MONEY_FORMAT
        if record.amount is not None:
            total += record.amount
    # The totals on their own sheet: the register sheet stays one row per award, ready to filter.
    summary = workbook.create_sheet("Tổng cộng")
    style_header(write_row(summary, 1, ["Số khen thưởng", "Tổng tiền thưởng (đồng)"]))
    write_row(summary, 2, [last_row - 1, total])[1].number_format = MONEY_FORMAT
    autosize_columns(summary)
    freeze_below(sheet, 1)
    add_auto_filter(sheet, 1, last_row, len(REGISTER_HEADERS))
    autosize_columns(sheet)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
