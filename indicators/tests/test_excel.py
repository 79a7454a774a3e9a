"""The Excel template of a submission: written safely, protected, and read back into figures or refused."""

from __future__ import annotations

import datetime
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from campaigns.models import ReportingPeriod
from campaigns.tests.factories import make_campaign
from emulation.lib.errors import DomainError, StaleEditError
from emulation.lib.xlsx import autosize_columns, safe_cell_value, style_header, write_row
from indicators.excel import (
    COLUMNS,
    MAX_BYTES,
    META_SHEET,
    SHEET,
    ParsedSubmission,
    parse_submission_xlsx,
    render_submission_xlsx,
)
from indicators.models import Comparator, Entry, Indicator, Measure, Submission, Target, Value
from indicators.services import submission_open, submission_save

COL = {label: openpyxl.utils.get_column_letter(i) for i, label in enumerate(COLUMNS, start=1)}


@dataclass
class Setup:
    period: ReportingPeriod
    submission: Submission
    rate: Value
    number: Value
    task: Value


@pytest.fixture
def setup(world) -> Setup:
    campaign = make_campaign(world.so_a, title="Phong trào thi đua chuyển đổi số năm 2025")
    rate = Indicator.objects.create(
        code="dvc-toan-trinh",
        name="Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến toàn trình",
        measure=Measure.PERCENT,
        entry=Entry.RATE,
        unit_label="%",
        numerator_label="Số TTHC cung cấp toàn trình",
        denominator_label="Tổng số TTHC",
        order=1,
    )
    number = Indicator.objects.create(
        code="truyen-thanh",
        name="Số xã, phường có trạm truyền thanh cơ sở hoạt động",
        measure=Measure.COUNT,
        entry=Entry.NUMBER,
        unit_label="xã",
        order=2,
    )
    task = Indicator.objects.create(
        code="de-an-cds",
        name="Ban hành Đề án chuyển đổi số",
        measure=Measure.TASK,
        entry=Entry.TASK,
        order=3,
    )
    Target.objects.create(campaign=campaign, indicator=rate, comparator=Comparator.GTE, value=Decimal(82))
    Target.objects.create(campaign=campaign, indicator=number, comparator=Comparator.GTE, value=Decimal(100))
    Target.objects.create(
        campaign=campaign, indicator=task, comparator=Comparator.DONE_BY, due_on=datetime.date(2025, 6, 30)
    )
    period = campaign.reporting_periods.first()
    submission = submission_open(period=period, unit=world.phong_a, user=world.staff)
    by_entry = {v.target.indicator.entry: v for v in submission.values.select_related("target__indicator")}
    return Setup(
        period=period,
        submission=submission,
        rate=by_entry[Entry.RATE],
        number=by_entry[Entry.NUMBER],
        task=by_entry[Entry.TASK],
    )


# --- helpers ----------------------------------------------------------------------------------------------------


def _load(content: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(content))


def _header_row(ws) -> int:
    return next(row[0].row for row in ws.iter_rows(max_col=1) if row[0].value == "STT")


def _row_of(ws, value: Value) -> int:
    return next(r for r in range(_header_row(ws) + 1, ws.max_row + 1) if ws[f"{COL['Mã']}{r}"].value == value.pk)


def _save(wb: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _fill(content: bytes, changes: dict[Value, dict[str, object]]) -> tuple[bytes, dict[Value, int]]:
    """Type into the template as a person would; returns the file and each value's Excel row."""
    wb = _load(content)
    ws = wb[SHEET]
    rows = {value: _row_of(ws, value) for value in changes}
    for value, cells in changes.items():
        for label, typed in cells.items():
            ws[f"{COL[label]}{rows[value]}"] = typed
    return _save(wb), rows


def _upload(content: bytes, name: str = "so-lieu.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def _snapshot(submission: Submission) -> list[tuple]:
    return list(
        Value.objects.filter(submission=submission)
        .order_by("pk")
        .values_list("pk", "numerator", "denominator", "value", "done_on", "note")
    )


# --- the round trip ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("done_on", [datetime.date(2025, 6, 10), "10/06/2025"], ids=["date-cell", "date-as-text"])
def test_filled_template_round_trips_into_the_database(world, setup, done_on):
    content, _ = _fill(
        render_submission_xlsx(setup.submission),
        {
            setup.rate: {"Tử số": 45, "Mẫu số": 50, "Ghi chú": "45/50 TTHC"},
            setup.number: {"Giá trị": "1.801"},  # typed as text, a dot grouping thousands (a count is whole)
            setup.task: {"Hoàn thành (Có/Không)": "Có", "Ngày hoàn thành": done_on},
        },
    )

    parsed = parse_submission_xlsx(_upload(content), submission=setup.submission)

    assert isinstance(parsed, ParsedSubmission)
    assert parsed.version == setup.submission.version
    assert set(parsed.figures) == {setup.rate.pk, setup.number.pk, setup.task.pk}
    submission_save(submission=setup.submission, user=world.staff, version=parsed.version, figures=parsed.figures)
    rate, number, task = (Value.objects.get(pk=v.pk) for v in (setup.rate, setup.number, setup.task))
    assert (rate.numerator, rate.denominator, rate.value) == (Decimal(45), Decimal(50), Decimal(90))
    assert rate.note == "45/50 TTHC"
    assert number.value == Decimal(1801)
    assert (task.value, task.done_on) == (Decimal(1), datetime.date(2025, 6, 10))


def test_real_number_cells_are_accepted_as_numbers(world, setup):
    content, _ = _fill(
        render_submission_xlsx(setup.submission),
        {setup.rate: {"Tử số": 41.0, "Mẫu số": 82.0}, setup.number: {"Giá trị": 82.0}},
    )
    parsed = parse_submission_xlsx(_upload(content), submission=setup.submission)
    submission_save(submission=setup.submission, user=world.staff, version=parsed.version, figures=parsed.figures)
    assert Value.objects.get(pk=setup.rate.pk).value == Decimal(50)
    assert Value.objects.get(pk=setup.number.pk).value == Decimal(82)


def test_decimal_point_text_and_a_fraction_in_a_count_are_refused(setup):
    """A dot is a thousands separator: "41.5" is not read as 41,5 (nor as 415); a count takes no fraction."""
    before = _snapshot(setup.submission)
    content, rows = _fill(
        render_submission_xlsx(setup.submission),
        {setup.rate: {"Tử số": "41.5", "Mẫu số": 83.0}, setup.number: {"Giá trị": 82.5}},
    )
    with pytest.raises(DomainError) as caught:
        parse_submission_xlsx(_upload(content), submission=setup.submission)
    lines = caught.value.message.splitlines()
    assert lines[0].startswith(f"Dòng {rows[setup.rate]}: ")
    assert "“41.5” không đọc được" in lines[0] and "dùng dấu phẩy (82,5)" in lines[0]
    assert lines[1].startswith(f"Dòng {rows[setup.number]}: ")
    assert "“82,5”: chỉ tiêu này chỉ nhận số nguyên" in lines[1]
    assert _snapshot(setup.submission) == before


def test_template_prefills_current_figures_as_numbers(world, setup):
    Value.objects.filter(pk=setup.rate.pk).update(numerator=45, denominator=50, value=90, note="đã rà soát")
    Value.objects.filter(pk=setup.number.pk).update(value=Decimal("82.5"))
    Value.objects.filter(pk=setup.task.pk).update(value=1, done_on=datetime.date(2025, 5, 20))

    ws = _load(render_submission_xlsx(setup.submission))[SHEET]

    rate_row, number_row, task_row = (_row_of(ws, v) for v in (setup.rate, setup.number, setup.task))
    assert (ws[f"F{rate_row}"].value, ws[f"G{rate_row}"].value) == (45, 50)
    assert ws[f"F{rate_row}"].data_type == "n"
    assert ws[f"K{rate_row}"].value == "đã rà soát"
    assert ws[f"H{number_row}"].value == 82.5 and ws[f"H{number_row}"].data_type == "n"
    assert ws[f"I{task_row}"].value == "Có"
    assert ws[f"J{task_row}"].value.date() == datetime.date(2025, 5, 20)
    assert ws[f"E{rate_row}"].value == "≥ 82 %"  # Target.describe()
    assert ws[f"E{task_row}"].value == "hoàn thành trước 30/06/2025"
    assert "Tổng số TTHC" in ws[f"C{rate_row}"].value  # the rate's labels are shown with its name


def test_template_has_title_block_instructions_and_header(setup):
    ws = _load(render_submission_xlsx(setup.submission))[SHEET]
    top = [ws[f"A{r}"].value for r in range(1, _header_row(ws))]
    assert top[0] == "Phong trào thi đua chuyển đổi số năm 2025"
    assert "Đơn vị: Phòng CNTT tỉnh A" in top
    assert f"Kỳ báo cáo: {setup.period}" in top
    assert "Hạn gửi: 15/06/2025" in top
    instructions = " ".join(t for t in top if t)
    hints = (
        "tử số và mẫu số",
        "dấu chấm phân nhóm hàng nghìn, dấu phẩy đặt trước phần thập phân (1.234.567; 82,5)",
        "“82.5” không được nhận",
        "ô định dạng phần trăm",
        "công thức chưa được tính thì bị từ chối",
        "“Có” hoặc “Không”",
        "để trống nếu chưa báo cáo",
        "dd/mm/yyyy",
        "cột ẩn",
        ".xlsx",
    )
    for hint in hints:
        assert hint in instructions
    assert [c.value for c in ws[_header_row(ws)]] == list(COLUMNS)
    assert [ws[f"A{r}"].value for r in range(_header_row(ws) + 1, ws.max_row + 1)] == [1, 2, 3]


def test_template_carries_a_hidden_meta_sheet(setup):
    wb = _load(render_submission_xlsx(setup.submission))
    meta = wb[META_SHEET]
    assert meta.sheet_state == "hidden"
    pairs = {row[0]: row[1] for row in meta.iter_rows(min_row=2, max_col=2, values_only=True)}
    assert pairs["submission"] == setup.submission.pk
    assert pairs["submission_version"] == setup.submission.version
    assert pairs["format_version"] == 1
    assert wb.sheetnames[0] == SHEET and wb.active.title == SHEET


def test_sheet_is_protected_and_only_the_cells_to_fill_are_unlocked(setup):
    ws = _load(render_submission_xlsx(setup.submission))[SHEET]
    assert ws.protection.sheet is True
    assert ws.column_dimensions["B"].hidden is True  # the technical id (Value pk)
    fill = {
        setup.rate: {"Tử số", "Mẫu số", "Ghi chú"},
        setup.number: {"Giá trị", "Ghi chú"},
        setup.task: {"Hoàn thành (Có/Không)", "Ngày hoàn thành", "Ghi chú"},
    }
    for value, unlocked in fill.items():
        row = _row_of(ws, value)
        for label in COLUMNS:
            assert ws[f"{COL[label]}{row}"].protection.locked is (label not in unlocked), (value, label)
    header = _header_row(ws)
    assert all(cell.protection.locked for cell in ws[header])
    assert ws["A1"].protection.locked


def test_done_column_offers_a_yes_no_list(setup):
    ws = _load(render_submission_xlsx(setup.submission))[SHEET]
    task_cell = f"I{_row_of(ws, setup.task)}"
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert len(lists) == 1 and lists[0].formula1 == '"Có,Không"'
    assert task_cell in lists[0].sqref


# --- the safe writer --------------------------------------------------------------------------------------------


def test_formula_like_note_is_written_as_text(world, setup):
    note = '=HYPERLINK("http://example.invalid/x","Bấm vào đây")'
    Value.objects.filter(pk=setup.rate.pk).update(note=note)

    content = render_submission_xlsx(setup.submission)

    ws = _load(content)[SHEET]
    cell = ws[f"K{_row_of(ws, setup.rate)}"]
    assert cell.value == note
    assert cell.data_type == "s"
    assert cell.quotePrefix is True  # Excel keeps it text even when the cell is edited
    sheet_xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    assert "HYPERLINK" in sheet_xml
    assert "<f>HYPERLINK" not in sheet_xml and "<f>=HYPERLINK" not in sheet_xml
    # and it comes back unchanged, as text
    parsed = parse_submission_xlsx(_upload(content), submission=setup.submission)
    assert parsed.figures[setup.rate.pk]["note"] == note


def test_safe_writer_keeps_risky_text_as_text_and_drops_xml_invalid_characters():
    wb = openpyxl.Workbook()
    ws = wb.active
    risky = ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "#N/A", "\x01=cmd|' /C calc'!A0", "a\x00b\x1fc\ufffe"]
    style_header(write_row(ws, 1, ["Cột"] * len(risky)))
    write_row(ws, 2, risky)
    write_row(ws, 3, [12, Decimal("82.5"), 1.5, True, datetime.date(2025, 6, 15), None])
    autosize_columns(ws, min_width=8, max_width=60)

    reloaded = _load(_save(wb)).active

    texts = [c for c in reloaded[2]]
    # A carriage return may come back as a line feed (XML end-of-line handling, depending on the XML
    # parser openpyxl uses); either way the cell is text.
    values = [c.value for c in texts]
    assert values[5] in ("\r=1", "\n=1")
    values[5] = "\n=1"
    assert values == [
        "=1+1",
        "+1",
        "-1",
        "@SUM(A1)",
        "\t=1",
        "\n=1",  # XML turns a carriage return into a line feed; still text
        "#N/A",
        "=cmd|' /C calc'!A0",
        "abc",
    ]
    assert all(c.data_type == "s" for c in texts)
    assert [c.quotePrefix for c in texts[:4]] == [True] * 4
    assert [c.value for c in reloaded[3]][:5] == [12, 82.5, 1.5, True, datetime.datetime(2025, 6, 15)]
    assert reloaded["A1"].font.bold and reloaded["A1"].alignment.wrap_text
    assert safe_cell_value("x\x0by") == "xy"
    assert safe_cell_value(Decimal("1.5")) == Decimal("1.5")


# --- refusals ---------------------------------------------------------------------------------------------------


def test_bad_rows_are_all_reported_with_their_excel_row_and_nothing_is_saved(world, setup):
    before = _snapshot(setup.submission)
    content, rows = _fill(
        render_submission_xlsx(setup.submission),
        {
            setup.rate: {"Tử số": 60, "Mẫu số": 50},
            setup.number: {"Giá trị": "khoảng 80"},
            setup.task: {"Hoàn thành (Có/Không)": "Có", "Ngày hoàn thành": "15/06/2025"},  # this row is fine
        },
    )

    with pytest.raises(DomainError) as caught:
        parse_submission_xlsx(_upload(content), submission=setup.submission)

    lines = caught.value.message.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"Dòng {rows[setup.rate]}: ")
    assert "tử số (60) lớn hơn mẫu số (50)" in lines[0]
    assert lines[1].startswith(f"Dòng {rows[setup.number]}: ")
    assert "“khoảng 80” không phải là số" in lines[1]
    assert _snapshot(setup.submission) == before
    assert Submission.objects.get(pk=setup.submission.pk).version == setup.submission.version


def test_done_column_accepts_only_yes_or_no(setup):
    content, rows = _fill(render_submission_xlsx(setup.submission), {setup.task: {"Hoàn thành (Có/Không)": "Sắp"}})
    with pytest.raises(DomainError) as caught:
        parse_submission_xlsx(_upload(content), submission=setup.submission)
    assert caught.value.message.startswith(f"Dòng {rows[setup.task]}: ")
    assert "“Có” hoặc “Không”" in caught.value.message


def test_bad_date_is_reported_with_its_row(setup):
    content, rows = _fill(
        render_submission_xlsx(setup.submission),
        {setup.task: {"Hoàn thành (Có/Không)": "Có", "Ngày hoàn thành": "31/02/2025"}},
    )
    with pytest.raises(DomainError) as caught:
        parse_submission_xlsx(_upload(content), submission=setup.submission)
    assert caught.value.message.startswith(f"Dòng {rows[setup.task]}: ")
    assert "dd/mm/yyyy" in caught.value.message


def test_extra_column_is_refused_by_name(setup):
    before = _snapshot(setup.submission)
    wb = _load(render_submission_xlsx(setup.submission))
    ws = wb[SHEET]
    ws.cell(row=_header_row(ws), column=len(COLUMNS) + 1, value="Cột thêm")
    ws.cell(row=_row_of(ws, setup.number), column=len(COLUMNS) + 1, value=5)

    with pytest.raises(DomainError) as caught:
        parse_submission_xlsx(_upload(_save(wb)), submission=setup.submission)

    assert "thừa cột “Cột thêm”" in caught.value.message
    assert "thiếu cột" not in caught.value.message
    assert _snapshot(setup.submission) == before


def test_missing_column_is_refused_by_name(setup):
    wb = _load(render_submission_xlsx(setup.submission))
    wb[SHEET].delete_cols(COLUMNS.index("Ngày hoàn thành") + 1)

    with pytest.raises(DomainError) as caught:
        parse_submission_xlsx(_upload(_save(wb)), submission=setup.submission)

    assert "thiếu cột “Ngày hoàn thành”" in caught.value.message


def test_row_whose_hidden_id_is_not_of_this_submission_is_refused(world, setup):
    other = submission_open(period=setup.period, unit=world.phong_a2, user=world.office)
    foreign = other.values.first()
    content, rows = _fill(render_submission_xlsx(setup.submission), {setup.number: {"Mã": foreign.pk}})
    with pytest.raises(DomainError) as caught:
        parse_submission_xlsx(_upload(content), submission=setup.submission)
    assert caught.value.message.startswith(f"Dòng {rows[setup.number]}: mã số liệu {foreign.pk} không thuộc")


def test_template_of_another_units_submission_is_refused(world, setup):
    other = submission_open(period=setup.period, unit=world.phong_a2, user=world.office)
    content, _ = _fill(render_submission_xlsx(other), {other.values.first(): {"Ghi chú": "nhầm tệp"}})
    before = _snapshot(setup.submission)

    with pytest.raises(DomainError) as caught:
        parse_submission_xlsx(_upload(content), submission=setup.submission)

    assert caught.value.message.startswith("Tệp này là mẫu của báo cáo khác (Phòng BCVT tỉnh A")
    assert _snapshot(setup.submission) == before


def test_workbook_that_is_not_our_template_is_refused(setup):
    wb = openpyxl.Workbook()
    wb.active.title = SHEET
    write_row(wb.active, 1, COLUMNS)
    with pytest.raises(DomainError) as caught:
        parse_submission_xlsx(_upload(_save(wb)), submission=setup.submission)
    assert "không phải mẫu Excel tải từ cổng thông tin" in caught.value.message


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (_zip({"readme.txt": b"hello"}), "không phải tệp Excel (XLSX) hợp lệ"),
        (b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF", "không phải tệp Excel (XLSX) hợp lệ"),
        (b"STT;Ma;Chi tieu\n1;2;3\n", "không phải tệp Excel (XLSX) hợp lệ"),
        (b"", "rỗng"),
        (_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<not-a-workbook"}), "bị hỏng"),
    ],
    ids=["random-zip", "pdf-renamed", "csv-renamed", "empty", "corrupt-xlsx"],
)
def test_file_that_is_not_a_valid_xlsx_gets_a_clear_message(setup, content, expected):
    with pytest.raises(DomainError) as caught:
        parse_submission_xlsx(_upload(content, "so-lieu.xlsx"), submission=setup.submission)
    assert expected in caught.value.message
    assert "so-lieu.xlsx" in caught.value.message


def test_file_over_the_size_limit_is_refused(setup):
    content = render_submission_xlsx(setup.submission) + b"\0" * MAX_BYTES
    with pytest.raises(DomainError) as caught:
        parse_submission_xlsx(_upload(content), submission=setup.submission)
    assert "vượt quá giới hạn 5 MB" in caught.value.message


def test_untouched_template_changes_nothing(world, setup):
    Value.objects.filter(pk=setup.rate.pk).update(numerator=45, denominator=50, value=90)
    history = Value.history.count()
    parsed = parse_submission_xlsx(_upload(render_submission_xlsx(setup.submission)), submission=setup.submission)
    submission_save(submission=setup.submission, user=world.staff, version=parsed.version, figures=parsed.figures)
    assert Value.history.count() == history
    assert Value.objects.get(pk=setup.rate.pk).value == Decimal(90)


def test_template_older_than_the_last_save_is_refused_on_save(world, setup):
    content, _ = _fill(render_submission_xlsx(setup.submission), {setup.number: {"Giá trị": 90}})
    submission_save(
        submission=setup.submission, user=world.staff, version=setup.submission.version, figures={}
    )  # someone saves in the web form meanwhile
    parsed = parse_submission_xlsx(_upload(content), submission=setup.submission)
    with pytest.raises(StaleEditError):
        submission_save(submission=setup.submission, user=world.staff, version=parsed.version, figures=parsed.figures)
    assert Value.objects.get(pk=setup.number.pk).value is None


def test_template_with_several_task_rows_renders_and_offers_the_choice_on_each(world):
    """Two or more task indicators used to crash the template (one space-joined range given to openpyxl)."""
    import datetime as dt

    from indicators.models import Indicator, Target
    from indicators.tests.factories import make_setup

    setup = make_setup(world)
    second = Indicator.objects.create(
        code="de-an-cds", name="Ban hành Đề án chuyển đổi số", measure="task", entry="task"
    )
    Target.objects.create(
        campaign=setup.campaign, indicator=second, comparator="done_by", due_on=dt.date(2023, 6, 30), order=4
    )
    submission = submission_open(period=setup.period, unit=world.phong_a, user=world.staff)
    workbook = openpyxl.load_workbook(io.BytesIO(render_submission_xlsx(submission)))
    validations = workbook["Số liệu"].data_validations.dataValidation
    covered = " ".join(str(v.sqref) for v in validations)
    assert len(covered.split()) >= 2
