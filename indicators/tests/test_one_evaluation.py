"""One evaluation everywhere: the dashboard, the report (its PDF's HTML and the PDF itself), the Excel report,
Mẫu 07's results table and the awards' standards check give the same figure and judgement for every case."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from decimal import Decimal
from types import SimpleNamespace

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from awards.documents import indicator_results
from awards.services import _collective_targets_share
from campaigns.models import Role
from campaigns.tests.factories import UserFactory, grant, make_campaign, make_unit
from emulation.lib.vn import format_number, format_percent
from emulation.reports.data import build_report_data
from emulation.reports.render import render_annex_html, render_report_html, render_report_pdf, render_report_xlsx
from indicators import evaluation, services
from indicators.models import Indicator, Submission, Target

DUE = dt.date(2023, 3, 31)


def _indicator(code, **fields):
    return Indicator.objects.create(code=code, name=f"Chỉ tiêu {code}", **fields)


@pytest.fixture
def case(world):
    campaign = make_campaign(world.so_a, start_date=dt.date(2023, 1, 1), end_date=dt.date(2023, 12, 31))
    rate = dict(measure="percent", entry="rate", unit_label="%", numerator_label="Đạt", denominator_label="Tổng")
    targets = {
        "ty-le-gte": Target(indicator=_indicator("ty-le-gte", **rate), comparator="gte", value=90),
        "ty-le-gt": Target(indicator=_indicator("ty-le-gt", **rate), comparator="gt", value=80),
        "so-vu-lte": Target(
            indicator=_indicator("so-vu-lte", measure="count", entry="number", unit_label="vụ", direction="lower"),
            comparator="lte",
            value=5,
        ),
        "khoang": Target(
            indicator=_indicator("khoang", measure="percent", entry="number", unit_label="%"),
            comparator="range",
            value=65,
            value_max=70,
        ),
        "nhiem-vu": Target(
            indicator=_indicator("nhiem-vu", measure="task", entry="task"), comparator="done_by", due_on=DUE
        ),
        "thu-hang": Target(
            indicator=_indicator("thu-hang", measure="rank", entry="rank", unit_label="hạng"),
            comparator="improve",
            value=2,
            baseline=40,
        ),
    }
    for order, target in enumerate(targets.values(), start=1):
        target.campaign, target.order = campaign, order
        target.save()
    period = campaign.reporting_periods.get(kind="sau_thang")
    silent = make_unit(world.so_a, name="Trung tâm CNTT tỉnh A", province="Tỉnh A")
    reopened = make_unit(world.so_a, name="Thanh tra Sở tỉnh A", province="Tỉnh A")
    heads = {world.phong_a.pk: world.head}
    for unit in (world.phong_a2, reopened):
        heads[unit.pk] = UserFactory()
        grant(heads[unit.pk], unit, Role.LANH_DAO)
    figures = {
        world.phong_a: {
            "ty-le-gte": {"numerator": "8.995", "denominator": "10.000"},  # 89,95 % against ≥ 90 %
            "ty-le-gt": {"numerator": "80", "denominator": "100"},  # exactly 80 % against > 80 %
            "so-vu-lte": {"value": "4"},
            "khoang": {"value": "67"},
            "nhiem-vu": {"done": "1", "done_on": "15/03/2023"},
            "thu-hang": {"value": "37"},
        },
        world.phong_a2: {
            "ty-le-gte": {"numerator": "90", "denominator": "100"},  # exactly 90 %
            "ty-le-gt": {"numerator": "81", "denominator": "100"},
            "so-vu-lte": {"value": "6"},
            "khoang": {"value": "72"},
            "nhiem-vu": {"done": "1", "done_on": "10/04/2023"},  # done, but late
            "thu-hang": {"value": "39"},
        },
        reopened: {code: {"value": "1"} for code in ("so-vu-lte", "khoang", "thu-hang")}
        | {
            "ty-le-gte": {"numerator": "1", "denominator": "1"},
            "ty-le-gt": {"numerator": "1", "denominator": "1"},
            "nhiem-vu": {"done": "0"},
        },
    }
    for unit, typed in figures.items():
        head = heads[unit.pk]
        submission = services.submission_open(period=period, unit=unit, user=head)
        ids = {v.target.indicator.code: v.pk for v in submission.values.select_related("target__indicator")}
        submission = services.submission_save(
            submission=submission, user=head, version=submission.version, figures={ids[c]: f for c, f in typed.items()}
        )
        with time_machine.travel(dt.datetime(2023, 6, 10, 9, tzinfo=dt.UTC)):
            submission = services.submission_submit(submission=submission, user=head)
        submission = services.submission_approve(submission=submission, user=world.office)
        if unit == reopened:
            services.submission_reopen(submission=submission, user=world.office, reason="Sửa số liệu")
    return SimpleNamespace(campaign=campaign, period=period, targets=targets, silent=silent, reopened=reopened)


# What each unit's figure must read and be judged, everywhere.
EXPECTED = {
    "phong_a": {
        "ty-le-gte": ("89,95 %", "Chưa đạt"),  # never "90 %" beside "Chưa đạt"
        "ty-le-gt": ("80 %", "Chưa đạt"),
        "so-vu-lte": ("4", "Vượt"),
        "khoang": ("67 %", "Đạt"),
        "nhiem-vu": ("Hoàn thành (15/03/2023)", "Vượt"),
        "thu-hang": ("Hạng 37", "Vượt"),  # from 40 to 37: three places, two asked
    },
    "phong_a2": {
        "ty-le-gte": ("90 %", "Đạt"),
        "ty-le-gt": ("81 %", "Đạt"),
        "so-vu-lte": ("6", "Chưa đạt"),
        "khoang": ("72 %", "Vượt"),
        "nhiem-vu": ("Hoàn thành (10/04/2023)", "Chưa đạt"),
        "thu-hang": ("Hạng 39", "Chưa đạt"),
    },
}
# Over both units: Σ 9.085 / Σ 10.100 = 89,9505 %, still under 90 %; 10 vụ against ≤ 5; the task done by both,
# one late; a range of typed-in percentages and ranks are not added up.
TOTALS = {
    "ty-le-gte": ("89,95 %", "Chưa đạt"),
    "ty-le-gt": ("80,5 %", "Đạt"),
    "so-vu-lte": ("10", "Chưa đạt"),
    "khoang": ("", "Không tổng hợp"),
    "nhiem-vu": ("2/2 đơn vị hoàn thành, 1 quá hạn", "Chưa đạt"),
    "thu-hang": ("", "Không tổng hợp"),
}


def _excel_text(value, number_format: str) -> str:
    """What Excel shows for a cell, written the Vietnamese way (Excel localises the separators)."""
    if isinstance(value, str) or value is None:
        return value or ""
    places = len(number_format.split(".")[1].rstrip("%")) if "." in number_format else 0
    if number_format.endswith("%"):
        return format_percent(Decimal(str(value)) * 100, places)
    return format_number(Decimal(str(value)), places)


def test_every_output_gives_the_same_figure_and_judgement(client, login, world, case):
    units = {"phong_a": world.phong_a, "phong_a2": world.phong_a2}
    names = {t.pk: code for code, t in case.targets.items()}

    # The dashboard.
    html = (
        login(world.office)
        .get(reverse("indicators:campaign_progress", args=[case.campaign.pk]), {"ky": case.period.pk})
        .content.decode()
    )
    for key, unit in units.items():
        for code, (text, label) in EXPECTED[key].items():
            shown = f'{unit.display_name}: <span class="figure">{text}</span> <span class="badge'
            assert shown in html, (key, code)
    for code, (text, label) in TOTALS.items():
        assert re.search(rf"Chỉ tiêu {code}<.*?{re.escape(text)}.*?>{re.escape(label)}</span>", html, re.S), code

    # The report: its data, the HTML WeasyPrint lays out, the Excel workbook.
    data = build_report_data(campaign=case.campaign, period=case.period, user=world.office)
    report_html = render_report_html(data)
    # The report PDF is the narrative (totals, exceptions); each unit's figures are in its per-unit annex.
    annex_html = render_annex_html(data)
    blocks = {b.unit_id: b for b in data.units}
    for key, unit in units.items():
        for result in blocks[unit.pk].results:
            code = names[result.target_id]
            assert (result.figure.text, result.figure.label) == EXPECTED[key][code], (key, code)
            assert result.figure.text in annex_html
            if result.figure.label == "Chưa đạt":  # units behind target are named in the narrative itself
                assert unit.display_name in report_html
    for row in data.targets:
        assert (row.total.text, row.total.label) == TOTALS[names[row.target_id]]
    for unit in (case.silent, case.reopened):  # nothing counted: no figure, everywhere
        assert {r.figure.label for r in blocks[unit.pk].results} == {"Chưa có số liệu"}
        assert unit.display_name not in html.split("Kết quả thực hiện chỉ tiêu")[1].split("Biểu đồ")[0]

    sheet = load_workbook(io.BytesIO(render_report_xlsx(data)))["Chi tiết theo đơn vị"]
    header = next(i for i, row in enumerate(sheet.iter_rows(values_only=True), 1) if row[0] == "STT")
    columns = [c.value for c in sheet[header]]
    seen = 0
    for row in sheet.iter_rows(min_row=header + 1):
        cells = dict(zip(columns, row, strict=False))
        key = next((k for k, u in units.items() if u.name == cells["Đơn vị"].value), None)
        if key is None:
            continue
        code = next(c for c, t in case.targets.items() if t.indicator.name == cells["Chỉ tiêu"].value)
        done = cells["Thực hiện"]
        # Numeric columns hold numbers only: a figure in words (a task's "Hoàn thành (10/04/2023)") is in "Ghi chú".
        shown = _excel_text(done.value, done.number_format) or (cells["Ghi chú"].value or "")
        if code == "thu-hang":  # a rank is a plain number in its cell, so that it can be sorted
            shown = f"Hạng {shown}"
        assert (shown, cells["Đánh giá"].value) == EXPECTED[key][code]
        seen += 1
    assert seen == 12
    totals = load_workbook(io.BytesIO(render_report_xlsx(data)))["Tổng hợp"]
    totals_header = next(r for r in totals.iter_rows(values_only=True) if r[0] == "STT")
    for row in totals.iter_rows():
        code = next((c for c, t in case.targets.items() if t.indicator.name == row[2].value), None)
        if code is not None:
            notes = next(i for i, c in enumerate(totals_header) if c == "Ghi chú")
            shown = _excel_text(row[7].value, row[7].number_format) or (row[notes].value or "")
            assert (shown, row[9].value) == TOTALS[code]

    # Mẫu 07 (the collective's results table) and the standards check read the same judgements.
    for key, unit in units.items():
        rows = {r.indicator: r for r in indicator_results(unit=unit, campaign=case.campaign, year=2023)}
        for code, (text, label) in EXPECTED[key].items():
            row = rows[case.targets[code].indicator.name]
            assert row.actual.startswith(text) and row.achievement == label, (key, code)
        met = sum(1 for _, label in EXPECTED[key].values() if label in ("Đạt", "Vượt"))
        share = _collective_targets_share(
            SimpleNamespace(collective_unit=unit), SimpleNamespace(unit=unit, campaign=case.campaign, year=2023)
        )
        assert share == Decimal(met) * 100 / 6


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed (CI installs it)")
def test_the_pdf_prints_the_boundary_figure_beside_its_judgement(world, case, tmp_path):
    data = build_report_data(campaign=case.campaign, period=case.period, user=world.office)
    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(render_report_pdf(data))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "89,95 %" in text
    assert not re.search(r"\b90 %\s+Chưa đạt", text)


def test_a_rank_target_without_baseline_uses_last_years_approved_rank(world, case):
    target = case.targets["thu-hang"]
    target.baseline = None
    target.save()
    assert evaluation.baselines_for(targets=[target], unit_ids=[world.phong_a.pk], year=2023) == {}
    last_year = make_campaign(world.so_a, start_date=dt.date(2022, 1, 1), end_date=dt.date(2022, 12, 31))
    Target.objects.create(campaign=last_year, indicator=target.indicator, comparator="lte", value=50)
    period = last_year.reporting_periods.get(kind="nam")
    submission = services.submission_open(period=period, unit=world.phong_a, user=world.head)
    value = submission.values.get()
    services.submission_save(
        submission=submission, user=world.head, version=submission.version, figures={value.pk: {"value": "41"}}
    )
    services.submission_approve(
        submission=services.submission_submit(submission=Submission.objects.get(pk=submission.pk), user=world.head),
        user=world.office,
    )
    target.refresh_from_db()
    assert evaluation.baselines_for(targets=[target], unit_ids=[world.phong_a.pk], year=2023) == {
        (target.pk, world.phong_a.pk): 41
    }
    value = case.period.submissions.get(unit=world.phong_a).values.get(target=target)
    figure = evaluation.unit_figure(target, value, baseline=41)
    assert (figure.text, figure.label) == ("Hạng 37", "Vượt")


@pytest.mark.parametrize(
    ("value", "text", "label"),
    [
        (Decimal("89.95"), "89,95 %", "Chưa đạt"),
        (Decimal("89.9999"), "89,9999 %", "Chưa đạt"),
        (Decimal("90"), "90 %", "Đạt"),
        (Decimal("90.04"), "90,04 %", "Vượt"),  # "90 %" would read as just Đạt
        (Decimal("91.04"), "91 %", "Vượt"),
        (Decimal("82.46"), "82,5 %", "Chưa đạt"),
    ],
)
def test_a_displayed_figure_never_contradicts_its_judgement(world, value, text, label):
    campaign = make_campaign(world.so_a)
    indicator = _indicator("hien-thi", measure="percent", entry="number", unit_label="%")
    target = Target.objects.create(campaign=campaign, indicator=indicator, comparator="gte", value=90)
    figure = evaluation.figure(target, value)
    assert (figure.text, figure.label) == (text, label)


def test_the_indicators_decimals_are_respected(world):
    campaign = make_campaign(world.so_a)
    count = _indicator("dem", measure="count", entry="number", unit_label="xã", decimals=2)
    target = Target.objects.create(campaign=campaign, indicator=count, comparator="gte", value=5)
    assert evaluation.figure(target, Decimal("6.0000")).text == "6"
    assert evaluation.figure(target, Decimal("1234567")).text == "1.234.567"
