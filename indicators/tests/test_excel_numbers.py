"""Figures you can trust, Excel part: every cell of the template is read by the web form's parser (vn.parse_number
through clean_figure), percent-formatted cells and formulas are read as the person sees them or refused, and an
untouched template uploaded through the page changes nothing."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from campaigns.tests.factories import make_campaign
from emulation.lib.errors import DomainError
from emulation.lib.vn import parse_number
from indicators import excel
from indicators.excel import COL_DONE, COL_DONE_ON, COL_NOTE, SHEET, parse_submission_xlsx, render_submission_xlsx
from indicators.models import Comparator, Entry, Indicator, Measure, Submission, Target, Value
from indicators.services import submission_open, submission_save
from indicators.tests.test_excel import COL, _fill, _load, _row_of, _save, _snapshot, _upload

UNCALCULATED = (
    "là công thức chưa có giá trị tính sẵn; hãy mở tệp bằng Excel, lưu lại rồi tải lên, hoặc nhập số thay cho "
    "công thức."
)


@dataclass
class Figures:
    submission: Submission
    rate: Value  # 168.900 / 271.300
    rate_small: Value  # 1.180 / 1.250
    count: Value  # hồ sơ, whole
    percent: Value  # a rate typed directly, unit "%"
    rank: Value
    done: Value
    not_done: Value
    unreported: Value


def _indicator(code: str, name: str, **fields) -> Indicator:
    return Indicator.objects.create(code=code, name=name, **fields)


@pytest.fixture
def figures(world) -> Figures:
    campaign = make_campaign(world.so_a, title="Phong trào thi đua cải cách hành chính năm 2025")
    specs = [
        (
            _indicator(
                "ho-so-truc-tuyen",
                "Tỷ lệ hồ sơ giải quyết trực tuyến",
                measure=Measure.PERCENT,
                entry=Entry.RATE,
                unit_label="%",
                numerator_label="Số hồ sơ giải quyết trực tuyến",
                denominator_label="Tổng số hồ sơ",
            ),
            {"comparator": Comparator.GTE, "value": Decimal(50)},
        ),
        (
            _indicator(
                "dung-han",
                "Tỷ lệ hồ sơ giải quyết đúng hạn",
                measure=Measure.PERCENT,
                entry=Entry.RATE,
                unit_label="%",
                numerator_label="Số hồ sơ đúng hạn",
                denominator_label="Số hồ sơ đã giải quyết",
            ),
            {"comparator": Comparator.GTE, "value": Decimal(90)},
        ),
        (
            _indicator("so-ho-so", "Số hồ sơ tiếp nhận", measure=Measure.COUNT, entry=Entry.NUMBER, unit_label="hồ sơ"),
            {"comparator": Comparator.GTE, "value": Decimal(1000)},
        ),
        (
            _indicator(
                "hai-long", "Mức độ hài lòng của người dân", measure=Measure.PERCENT, entry=Entry.NUMBER, unit_label="%"
            ),
            {"comparator": Comparator.GTE, "value": Decimal(80)},
        ),
        (
            _indicator("dti", "Xếp hạng DTI", measure=Measure.RANK, entry=Entry.RANK, unit_label="hạng"),
            {"comparator": Comparator.LTE, "value": Decimal(10)},
        ),
    ]
    for number, name in enumerate(("Ban hành kế hoạch", "Tổ chức hội nghị", "Tổng kết phong trào"), start=1):
        specs.append(
            (
                _indicator(f"nhiem-vu-{number}", name, measure=Measure.TASK, entry=Entry.TASK),
                {"comparator": Comparator.DONE_BY, "due_on": datetime.date(2025, 6, 30)},
            )
        )
    for order, (indicator, target) in enumerate(specs, start=1):
        Target.objects.create(campaign=campaign, indicator=indicator, order=order, **target)
    period = campaign.reporting_periods.first()
    submission = submission_open(period=period, unit=world.phong_a, user=world.staff)
    values = list(submission.values.order_by("target__order"))
    return Figures(submission, *values)


def _browser_save(client, submission: Submission, typed: dict[Value, dict[str, str]]) -> None:
    """Save as the figures page does: the text typed in each field, posted to the page."""
    data = {"version": Submission.objects.get(pk=submission.pk).version}
    for value, fields in typed.items():
        data.update({f"v{value.pk}-{field}": text for field, text in fields.items()})
    response = client.post(reverse("indicators:submission_detail", args=[submission.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def _stored(value: Value) -> Value:
    return Value.objects.get(pk=value.pk)


def _refusal(content: bytes, submission: Submission) -> list[str]:
    with pytest.raises(DomainError) as caught:
        parse_submission_xlsx(_upload(content), submission=submission)
    return caught.value.message.splitlines()


def _parse_and_save(world, content: bytes, submission: Submission) -> None:
    parsed = parse_submission_xlsx(_upload(content), submission=submission)
    submission_save(submission=submission, user=world.staff, version=parsed.version, figures=parsed.figures)


def _formatted(content: bytes, value: Value, label: str, number: float, number_format: str) -> tuple[bytes, int]:
    """The template with a number typed into a cell of the given format (as Excel stores "85%": 0.85 in "0%")."""
    wb = _load(content)
    ws = wb[SHEET]
    row = _row_of(ws, value)
    cell = ws[f"{COL[label]}{row}"]
    cell.value = number
    cell.number_format = number_format
    return _save(wb), row


def _with_cached_result(content: bytes, coordinate: str, cached: str, *, text: bool = False) -> bytes:
    """The file as Excel saves it: the formula of `coordinate` followed by the result it computed (`<v>`)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    sheet = "xl/worksheets/sheet1.xml"
    xml = source.read(sheet).decode()
    pattern = re.compile(rf'<c r="{coordinate}"([^>]*)>(<f>.*?</f>)(?:<v\s*/>|<v></v>)?</c>')
    assert pattern.search(xml), xml[:500]
    kind = ' t="str"' if text else ""
    xml = pattern.sub(lambda m: f'<c r="{coordinate}"{m.group(1)}{kind}>{m.group(2)}<v>{cached}</v></c>', xml)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, xml if info.filename == sheet else source.read(info))
    return buffer.getvalue()


# --- the round trip through the pages ---------------------------------------------------------------------------


TYPED_IN_THE_BROWSER = {
    "rate": {"numerator": "168.900", "denominator": "271.300"},
    "rate_small": {"numerator": "1.180", "denominator": "1.250", "note": "theo sổ theo dõi"},
    "count": {"value": "1.234.567"},
    "percent": {"value": "82,5"},
    "rank": {"value": "7"},
    "done": {"done": "1", "done_on": "2025-06-10"},
    "not_done": {"done": "0"},
    "unreported": {"done": ""},
}


def test_untouched_template_uploaded_through_the_page_changes_nothing(world, figures, login):
    client = login(world.staff)
    _browser_save(
        client, figures.submission, {getattr(figures, key): typed for key, typed in TYPED_IN_THE_BROWSER.items()}
    )
    stored = {key: _stored(getattr(figures, key)) for key in TYPED_IN_THE_BROWSER}
    assert (stored["rate"].numerator, stored["rate"].denominator) == (Decimal(168900), Decimal(271300))
    assert (stored["rate_small"].numerator, stored["rate_small"].denominator) == (Decimal(1180), Decimal(1250))
    assert stored["rate_small"].value == Decimal("94.4")
    assert stored["count"].value == Decimal(1234567)
    assert stored["percent"].value == Decimal("82.5")
    assert stored["rank"].value == Decimal(7)
    assert (stored["done"].value, stored["done"].done_on) == (Decimal(1), datetime.date(2025, 6, 10))
    assert stored["not_done"].value == Decimal(0)
    assert stored["unreported"].value is None

    response = client.get(reverse("indicators:submission_excel", args=[figures.submission.pk]))
    assert response.status_code == 200
    content = response.content
    ws = _load(content)[SHEET]
    row = {key: _row_of(ws, getattr(figures, key)) for key in TYPED_IN_THE_BROWSER}
    cells = {
        "rate": (ws[f"F{row['rate']}"].value, ws[f"G{row['rate']}"].value),
        "rate_small": (ws[f"F{row['rate_small']}"].value, ws[f"G{row['rate_small']}"].value),
        "count": ws[f"H{row['count']}"].value,
        "percent": ws[f"H{row['percent']}"].value,
        "rank": ws[f"H{row['rank']}"].value,
        "done": (ws[f"I{row['done']}"].value, ws[f"J{row['done']}"].value),
        "not_done": ws[f"I{row['not_done']}"].value,
        "unreported": ws[f"I{row['unreported']}"].value,
    }
    assert cells == {
        "rate": (168900, 271300),
        "rate_small": (1180, 1250),
        "count": 1234567,
        "percent": 82.5,
        "rank": 7,
        "done": ("Có", datetime.datetime(2025, 6, 10)),
        "not_done": "Không",
        "unreported": None,
    }
    # The exact stored numbers, whole ones as ints (168900, never 168900.0 shown as "168.900,0")…
    for number in (*cells["rate"], *cells["rate_small"], cells["count"], cells["rank"]):
        assert type(number) is int
    # …in a format that shows every digit (General, for numbers this short).
    for key, column in (("rate", "F"), ("rate", "G"), ("count", "H"), ("percent", "H"), ("rank", "H")):
        assert ws[f"{column}{row[key]}"].number_format == "General", key

    before, history = _snapshot(figures.submission), Value.history.count()
    response = client.post(
        reverse("indicators:submission_excel_upload", args=[figures.submission.pk]), {"file": _upload(content)}
    )

    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)][-1] == "Đã nhập số liệu từ tệp Excel."
    assert _snapshot(figures.submission) == before
    assert [(v.pk, v.value) for v in map(_stored, stored.values())] == [(v.pk, v.value) for v in stored.values()]
    assert Value.history.count() == history


def test_numbers_general_would_round_are_written_with_every_digit_and_read_back_exactly(world, figures):
    Indicator.objects.filter(pk=figures.count.target.indicator_id).update(input_decimals=4)
    typed = {
        figures.rate: {"numerator": "987.654.321.012", "denominator": "987.654.321.013"},
        figures.count: {"value": "1.234.567,1234"},
        figures.percent: {"value": "987.654.321.012,5"},
    }
    submission_save(
        submission=figures.submission,
        user=world.staff,
        version=figures.submission.version,
        figures={value.pk: fields for value, fields in typed.items()},
    )
    submission = Submission.objects.get(pk=figures.submission.pk)
    content = render_submission_xlsx(submission)
    ws = _load(content)[SHEET]
    numerator, denominator = (ws[f"{column}{_row_of(ws, figures.rate)}"] for column in "FG")
    count, percent = (ws[f"H{_row_of(ws, value)}"] for value in (figures.count, figures.percent))
    assert (numerator.value, numerator.number_format) == (987654321012, "#,##0")
    assert (denominator.value, denominator.number_format) == (987654321013, "#,##0")
    assert (count.value, count.number_format) == (1234567.1234, "#,##0.0000")
    assert (percent.value, percent.number_format) == (987654321012.5, "#,##0.0")
    before, history = _snapshot(submission), Value.history.count()

    _parse_and_save(world, content, submission)

    assert _stored(figures.percent).value == Decimal("987654321012.5")
    assert _snapshot(submission) == before
    assert Value.history.count() == history


def test_a_value_a_double_cannot_hold_is_written_as_the_text_the_parser_reads_back():
    """16 significant digits (PostgreSQL keeps them; SQLite, which stores a float, cannot hold such a value)."""
    stored = Decimal("785413857210.0987")
    assert Decimal(repr(float(stored))) != stored
    written = excel._number(stored)
    assert written == "785.413.857.210,0987"
    assert parse_number(written) == stored
    assert (excel._number(Decimal("168900.0000")), excel._number(Decimal("82.5000"))) == (168900, 82.5)
    assert type(excel._number(Decimal("168900.0000"))) is int


# --- text cells -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "typed", "expected"),
    [
        ("count", "41.250", Decimal(41250)),
        ("count", "1.801", Decimal(1801)),
        ("count", "1 234 567", Decimal(1234567)),
        ("percent", "85,5", Decimal("85.5")),
        ("percent", "85%", Decimal(85)),
        ("percent", "82,5 %", Decimal("82.5")),
        ("rank", "7", Decimal(7)),
    ],
)
def test_text_cells_are_read_as_the_web_form_reads_them(world, figures, key, typed, expected):
    value = getattr(figures, key)
    content, _ = _fill(render_submission_xlsx(figures.submission), {value: {"Giá trị": typed}})
    _parse_and_save(world, content, figures.submission)
    assert _stored(value).value == expected


@pytest.mark.parametrize(
    ("key", "label", "typed", "reason"),
    [
        ("count", "Giá trị", "85%", "“85%”: chỉ tiêu này tính bằng hồ sơ, không phải tỷ lệ phần trăm."),
        ("rate", "Tử số", "85%", "“85%”: tử số và mẫu số là số lượng, tỷ lệ được tính tự động."),
        ("count", "Giá trị", "82.5", "“82.5” không đọc được: dấu chấm chỉ dùng để phân nhóm hàng nghìn"),
        ("count", "Giá trị", "85,5", "“85,5”: chỉ tiêu này chỉ nhận số nguyên."),
        ("rank", "Giá trị", "2,5", "“2,5”: chỉ tiêu này chỉ nhận số nguyên."),
    ],
)
def test_text_a_field_does_not_take_is_refused_with_the_reason(figures, key, label, typed, reason):
    value = getattr(figures, key)
    before = _snapshot(figures.submission)
    cells = {label: typed, "Mẫu số": 100} if label == "Tử số" else {label: typed}
    content, rows = _fill(render_submission_xlsx(figures.submission), {value: cells})

    lines = _refusal(content, figures.submission)

    assert len(lines) == 1
    assert lines[0].startswith(f"Dòng {rows[value]}: {value.target.indicator.name}")
    assert reason in lines[0]
    assert _snapshot(figures.submission) == before


# --- percent-formatted cells ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "number_format", "expected"),
    [(0.85, "0%", Decimal(85)), (0.855, "0.0%", Decimal("85.5")), (0.825, "0.00%", Decimal("82.5"))],
)
def test_percent_formatted_cell_in_a_percentage_is_read_as_shown(world, figures, number, number_format, expected):
    content, _ = _formatted(
        render_submission_xlsx(figures.submission), figures.percent, "Giá trị", number, number_format
    )
    _parse_and_save(world, content, figures.submission)
    assert _stored(figures.percent).value == expected


def test_percent_sign_in_quotes_is_not_a_percent_format(world, figures):
    content, _ = _formatted(render_submission_xlsx(figures.submission), figures.percent, "Giá trị", 85, '0" %"')
    _parse_and_save(world, content, figures.submission)
    assert _stored(figures.percent).value == Decimal(85)  # shown as "85 %", not 8.500 %


@pytest.mark.parametrize(
    ("key", "label", "reason"),
    [
        ("count", "Giá trị", "“85 %”: chỉ tiêu này tính bằng hồ sơ, không phải tỷ lệ phần trăm."),
        ("rate", "Tử số", "“85 %”: tử số và mẫu số là số lượng, tỷ lệ được tính tự động."),
        ("rate", "Mẫu số", "“85 %”: tử số và mẫu số là số lượng, tỷ lệ được tính tự động."),
    ],
)
def test_percent_formatted_cell_where_a_count_belongs_is_refused(figures, key, label, reason):
    value = getattr(figures, key)
    before = _snapshot(figures.submission)
    content, row = _formatted(render_submission_xlsx(figures.submission), value, label, 0.85, "0%")
    if key == "rate":  # the other half of the rate, a plain count
        wb = _load(content)
        wb[SHEET][f"{COL['Mẫu số' if label == 'Tử số' else 'Tử số']}{row}"] = 1
        content = _save(wb)

    lines = _refusal(content, figures.submission)

    assert len(lines) == 1
    assert lines[0].startswith(f"Dòng {row}: ")
    assert reason in lines[0]
    assert _snapshot(figures.submission) == before


# --- formulas ---------------------------------------------------------------------------------------------------


def test_formula_without_a_cached_value_is_refused_naming_its_cell(figures):
    before = _snapshot(figures.submission)
    content, rows = _fill(render_submission_xlsx(figures.submission), {figures.count: {"Giá trị": "=41000+250"}})

    lines = _refusal(content, figures.submission)

    row = rows[figures.count]
    assert lines == [f"Dòng {row}: ô H{row} (cột “Giá trị”) {UNCALCULATED}"]
    assert _snapshot(figures.submission) == before


def test_formula_in_a_task_or_note_cell_without_a_cached_value_is_refused(figures):
    content, rows = _fill(
        render_submission_xlsx(figures.submission),
        {figures.done: {COL_DONE: '=IF(TRUE,"Có","Không")'}, figures.rank: {COL_NOTE: '=CONCAT("a","b")'}},
    )
    lines = _refusal(content, figures.submission)
    assert lines == [
        f"Dòng {rows[figures.rank]}: ô K{rows[figures.rank]} (cột “{COL_NOTE}”) {UNCALCULATED}",
        f"Dòng {rows[figures.done]}: ô I{rows[figures.done]} (cột “{COL_DONE}”) {UNCALCULATED}",
    ]


def test_formula_is_read_from_the_value_excel_computed_and_saved(world, figures):
    content, rows = _fill(render_submission_xlsx(figures.submission), {figures.count: {"Giá trị": "=41000+250"}})
    content = _with_cached_result(content, f"H{rows[figures.count]}", "41250")
    _parse_and_save(world, content, figures.submission)
    assert _stored(figures.count).value == Decimal(41250)


def test_cached_formula_result_goes_through_the_same_rules(world, figures):
    """A percent-formatted formula is a percentage (85 in a rate typed directly); a cached text is text."""
    content, row = _formatted(render_submission_xlsx(figures.submission), figures.percent, "Giá trị", 0, "0%")
    wb = _load(content)
    wb[SHEET][f"H{row}"] = "=17/20"
    count_row = _row_of(wb[SHEET], figures.count)
    wb[SHEET][f"H{count_row}"] = '=TEXT(41250,"#.##0")'
    content = _save(wb)
    content = _with_cached_result(content, f"H{row}", "0.85")
    content = _with_cached_result(content, f"H{count_row}", "41.250", text=True)

    _parse_and_save(world, content, figures.submission)

    assert _stored(figures.percent).value == Decimal(85)
    assert _stored(figures.count).value == Decimal(41250)


def test_formula_whose_saved_result_is_empty_text_is_a_blank_cell(world, figures):
    Value.objects.filter(pk=figures.count.pk).update(value=5)
    content, rows = _fill(render_submission_xlsx(figures.submission), {figures.count: {"Giá trị": '=IF(FALSE,1,"")'}})
    content = _with_cached_result(content, f"H{rows[figures.count]}", "", text=True)
    _parse_and_save(world, content, figures.submission)
    assert _stored(figures.count).value is None


# --- limits -----------------------------------------------------------------------------------------------------


def test_empty_file_says_so(figures):
    with pytest.raises(DomainError) as caught:
        parse_submission_xlsx(_upload(b"", "so-lieu.xlsx"), submission=figures.submission)
    assert caught.value.message.startswith("Tệp rỗng: “so-lieu.xlsx”")


def test_empty_file_uploaded_through_the_page_is_refused_not_a_server_error(world, figures, login):
    client = login(world.staff)
    before, history = _snapshot(figures.submission), Value.history.count()
    response = client.post(
        reverse("indicators:submission_excel_upload", args=[figures.submission.pk]), {"file": _upload(b"")}
    )
    assert response.status_code == 302
    messages = list(get_messages(response.wsgi_request))
    assert {m.level_tag for m in messages} == {"error"}
    assert any(str(m).startswith("Tệp rỗng") for m in messages)
    assert (_snapshot(figures.submission), Value.history.count()) == (before, history)


@pytest.mark.parametrize(
    ("key", "typed", "reason"),
    [
        ("percent", "82,12345", "“82,12345”: chỉ nhận tối đa 4 chữ số thập phân."),
        ("percent", 82.12345, "“82,12345”: chỉ nhận tối đa 4 chữ số thập phân."),
        ("count", 12.5, "“12,5”: chỉ tiêu này chỉ nhận số nguyên."),
        ("count", 10**12, "“1.000.000.000.000” quá lớn (tối đa 999.999.999.999)."),
        ("count", "1.000.000.000.000", "“1.000.000.000.000” quá lớn (tối đa 999.999.999.999)."),
        ("percent", 1e15, "quá lớn (tối đa 999.999.999.999)."),
    ],
)
def test_too_many_decimals_or_too_large_is_refused_before_anything_is_saved(figures, key, typed, reason):
    """All or nothing: the good row of the same file is not saved either."""
    value = getattr(figures, key)
    before, history = _snapshot(figures.submission), Value.history.count()
    content, rows = _fill(
        render_submission_xlsx(figures.submission),
        {value: {"Giá trị": typed}, figures.rank: {"Giá trị": 3}},
    )

    lines = _refusal(content, figures.submission)

    assert len(lines) == 1
    assert lines[0].startswith(f"Dòng {rows[value]}: {value.target.indicator.name}: “")
    assert lines[0].endswith(reason)
    assert (_snapshot(figures.submission), Value.history.count()) == (before, history)


def test_upload_with_one_bad_row_saves_nothing_through_the_page(world, figures, login):
    client = login(world.staff)
    before, history = _snapshot(figures.submission), Value.history.count()
    content, rows = _fill(
        render_submission_xlsx(figures.submission),
        {figures.rank: {"Giá trị": 3}, figures.count: {"Giá trị": "1.000.000.000.000"}},
    )

    response = client.post(
        reverse("indicators:submission_excel_upload", args=[figures.submission.pk]), {"file": _upload(content)}
    )

    assert response.status_code == 302
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert shown[0].startswith(f"Dòng {rows[figures.count]}: Số hồ sơ tiếp nhận: “1.000.000.000.000” quá lớn")
    assert shown[-1].startswith("Chưa có số liệu nào được lưu từ tệp này.")
    assert (_snapshot(figures.submission), Value.history.count()) == (before, history)


# --- tasks ------------------------------------------------------------------------------------------------------


def test_task_column_reads_the_three_states_of_the_web_form(world, figures, login):
    # "Chưa hoàn thành" saved in the browser first: the stored 0 that an Excel "Không" must be too.
    _browser_save(login(world.staff), figures.submission, {figures.not_done: {"done": "0"}})
    assert _stored(figures.not_done).value == Decimal(0)
    not_done_history = Value.history.filter(id=figures.not_done.pk).count()
    submission = Submission.objects.get(pk=figures.submission.pk)
    content, _ = _fill(
        render_submission_xlsx(submission),
        {
            figures.done: {COL_DONE: "Có", COL_DONE_ON: "20/06/2025"},
            figures.not_done: {COL_DONE: "Không"},
            figures.unreported: {COL_DONE: None},
        },
    )

    _parse_and_save(world, content, submission)

    assert (_stored(figures.done).value, _stored(figures.done).done_on) == (Decimal(1), datetime.date(2025, 6, 20))
    assert _stored(figures.not_done).value == Decimal(0)
    assert Value.history.filter(id=figures.not_done.pk).count() == not_done_history  # the same state: no change
    assert _stored(figures.unreported).value is None
