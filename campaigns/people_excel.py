"""The yearly ratings as an Excel template to fill and read back, all or nothing.

Like the figures template (indicators.excel): the portal's own file, recognised by a hidden sheet; the upload is
checked (size, content type, a zip that would expand too far) before openpyxl reads it; every bad row is listed
("Dòng 7: …") and nothing is saved unless every row is right.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.datavalidation import DataValidation

from campaigns.models import Unit
from campaigns.orgchart import name_on
from campaigns.people import RatingLevel
from campaigns.people_services import MAX_ROWS, RatingRow, clean_rating_rows
from emulation.lib.errors import DomainError
from emulation.lib.uploads import validate_document
from emulation.lib.xlsx import THIN_BORDER, font, merged_title, style_header, write_row

SHEET = "Xếp loại"
META_SHEET = "_mau"
FORMAT_MARKER = "xep-loai-nam-v1"
HEADERS = ("STT", "Họ và tên", "Chức vụ", "Xếp loại")
MAX_BYTES = 2 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 40 * 1024 * 1024
HEADER_ROW = 4


def template_filename(unit: Unit, year: int) -> str:
    return f"xep-loai-{year}-{unit.code}.xlsx"


def render_ratings_xlsx(*, unit: Unit, year: int, rows: list[tuple[str, str, str]]) -> bytes:
    """The template, pre-filled with rows (full name, chức vụ, rating label or "")."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    for letter, width in zip("ABCD", (6, 32, 30, 34), strict=True):
        ws.column_dimensions[letter].width = width
    title = f"XẾP LOẠI CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC NĂM {year}"
    merged_title(ws, 1, title, last_column=len(HEADERS), font=font(bold=True, size=13))
    # The unit as named at the end of the rated year (a 2023 list of a Sở merged since keeps its 2023 name).
    title = name_on(unit, datetime.date(year, 12, 31))
    merged_title(ws, 2, title, last_column=len(HEADERS), font=font(bold=True))
    hint = "Cột “Xếp loại” chọn một trong: " + "; ".join(level.label for level in RatingLevel) + "."
    merged_title(ws, 3, hint, last_column=len(HEADERS), font=font(italic=True), horizontal="left")
    style_header(write_row(ws, HEADER_ROW, HEADERS))
    levels = DataValidation(
        type="list",
        formula1='"' + ",".join(level.label for level in RatingLevel) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Xếp loại",
        error="Chọn một mức xếp loại trong danh sách.",
    )
    ws.add_data_validation(levels)
    total = max(len(rows) + 20, 30)
    for index in range(total):
        full_name, position, rating = rows[index] if index < len(rows) else ("", "", "")
        cells = write_row(ws, HEADER_ROW + 1 + index, [index + 1, full_name, position, rating])
        for cell in cells:
            cell.border = THIN_BORDER
        levels.add(cells[3])
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
    meta = wb.create_sheet(META_SHEET)
    for row in (("format", FORMAT_MARKER), ("unit", unit.code), ("year", year)):
        meta.append(row)
    meta.sheet_state = "hidden"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _corrupt(name: str) -> DomainError:
    return DomainError(
        f"Không đọc được tệp “{name}”: tệp Excel bị hỏng hoặc không đúng định dạng. Hãy mở tệp bằng Excel, lưu "
        "lại dưới dạng .xlsx rồi tải lên lại."
    )


def _read(data: bytes) -> tuple[dict[str, Any] | None, list[tuple[Any, ...]] | None]:
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        meta = None
        if META_SHEET in workbook.sheetnames:
            meta = {}
            for row in workbook[META_SHEET].iter_rows(min_row=1, max_row=20, max_col=2, values_only=True):
                if row and isinstance(row[0], str) and len(row) > 1:
                    meta[row[0].strip()] = row[1]
        if SHEET not in workbook.sheetnames:
            return meta, None
        rows = [
            tuple(row) + (None,) * (len(HEADERS) - len(row))
            for row in workbook[SHEET].iter_rows(
                min_row=1, max_row=HEADER_ROW + MAX_ROWS + 50, max_col=len(HEADERS), values_only=True
            )
        ]
        return meta, rows
    finally:
        workbook.close()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def parse_ratings_xlsx(upload: UploadedFile, *, unit: Unit, year: int) -> list[RatingRow]:
    """Read a filled template back; raise DomainError naming every bad row, or return every row. Saves nothing."""
    name = upload.name or "tệp tải lên"
    if upload.size == 0:
        raise DomainError(f"Tệp rỗng: “{name}” không có dữ liệu (0 byte).")
    try:
        validate_document(upload, kinds=("xlsx",), max_bytes=MAX_BYTES)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages)) from None
    upload.seek(0)
    data = upload.read()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _corrupt(name) from None
    if expanded > MAX_UNCOMPRESSED_BYTES:
        raise DomainError(f"Tệp “{name}” chứa quá nhiều dữ liệu so với một bảng xếp loại.")
    try:
        meta, rows = _read(data)
    except Exception:  # noqa: BLE001 – openpyxl raises KeyError, ValueError, ParseError… on a damaged file
        raise _corrupt(name) from None
    if not meta or meta.get("format") != FORMAT_MARKER:
        raise DomainError(
            "Tệp này không phải mẫu xếp loại tải từ cổng thông tin. Hãy tải “Mẫu Excel” trên trang xếp loại, nhập "
            "vào mẫu rồi tải lên lại."
        )
    if meta.get("unit") != unit.code or _text(meta.get("year")) != str(year):
        raise DomainError(
            f"Tệp là mẫu xếp loại của đơn vị hoặc năm khác (mẫu ghi năm {_text(meta.get('year'))}); hãy tải mẫu của "
            f"{unit.name} năm {year}."
        )
    if rows is None:
        raise DomainError(f"Tệp không có trang “{SHEET}” của mẫu xếp loại.")
    if len(rows) < HEADER_ROW or tuple(_text(c).strip() for c in rows[HEADER_ROW - 1]) != HEADERS:
        raise DomainError(
            f"Dòng {HEADER_ROW} của trang “{SHEET}” phải là tiêu đề cột: " + ", ".join(HEADERS) + " (không chèn, "
            "xóa hay đổi tên cột)."
        )
    raw = [
        (index + 1, _text(row[1]), _text(row[2]), _text(row[3]))
        for index, row in enumerate(rows)
        if index >= HEADER_ROW
    ]
    return clean_rating_rows(raw, label="Dòng")
