"""The 15/6 and 15/12 progress report: what build_report_data gathers, and the PDF and Excel files made from it.

The PDF is read back with poppler's pdftotext, as a person copying from it would; the workbook with openpyxl.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from awards.models import Decision, Dossier, Nominee
from campaigns.models import (
    AwardForm,
    Campaign,
    Cluster,
    ClusterMembership,
    Registration,
    ReportingPeriod,
    Role,
    Signer,
    Unit,
    UnitLevel,
    User,
)
from campaigns.tests.factories import UserFactory, grant, make_unit
from emulation.lib import pdf
from emulation.reports.data import build_report_data
from emulation.reports.render import render_report_html, render_report_pdf, render_report_xlsx
from indicators import services
from indicators.models import Submission, Target, Value
from indicators.tests.factories import make_setup

REPORT_DAY = dt.date(2023, 6, 20)
SHEETS = [
    "Tổng hợp",
    "Chi tiết theo đơn vị",
    "Tình hình gửi báo cáo",
    "Khen thưởng",
    "Hồ sơ khen thưởng",
    "Quyết định khen thưởng",
]
EVIL = '<img src="file:///etc/passwd">'
FORMULA_NAME = '=HYPERLINK("http://example.com","Bấm vào đây")'


# --- Helpers ----------------------------------------------------------------------------------------------------


def _head_of(unit: Unit) -> User:
    person = UserFactory()
    grant(person, unit, Role.LANH_DAO)
    return person


def _report(period, unit, head, reviewer, *, rate=("45", "50"), count="120", on=dt.date(2023, 6, 10)):
    """The unit enters, sends (on `on`) and Văn phòng Sở approves its figures, through the services."""
    submission = services.submission_open(period=period, unit=unit, user=head)
    ids = {v.target.indicator.code: v.pk for v in submission.values.select_related("target__indicator")}
    figures = {
        ids["dai-truyen-thanh-ip"]: {"numerator": rate[0], "denominator": rate[1]},
        ids["so-tram"]: {"value": count},
        ids["ke-hoach-cds"]: {"done": "1", "done_on": "15/03/2023"},
    }
    submission = services.submission_save(submission=submission, user=head, version=submission.version, figures=figures)
    with time_machine.travel(dt.datetime.combine(on, dt.time(9), tzinfo=dt.UTC)):
        sent = services.submission_submit(submission=submission, user=head)
    return services.submission_approve(submission=sent, user=reviewer)


def _signer(unit: Unit) -> Signer:
    """Sở A's ký hiệu (STTTT) and its signer: the Phó Giám đốc signs for the Giám đốc."""
    unit.symbol = "STTTT"
    unit.save()
    return Signer.objects.create(
        unit=unit, authority="KT. Giám đốc", position="Phó Giám đốc", name="Lê Thị Thu", valid_from=dt.date(2022, 1, 1)
    )


@pytest.fixture
def setup(world):
    """Province A's campaign: Phòng CNTT reports 45/50 (90 %) on time, Phòng BCVT 36/40 (90 %) late."""
    _signer(world.so_a)
    setup = make_setup(world)
    _report(setup.period, world.phong_a, world.head, world.office)
    _report(
        setup.period, world.phong_a2, _head_of(world.phong_a2), world.office, rate=("36", "40"), count="80",
        on=dt.date(2023, 6, 18),
    )  # fmt: skip
    return setup


def _data(setup, world, **kwargs):
    kwargs.setdefault("report_date", REPORT_DAY)
    return build_report_data(campaign=setup.campaign, period=setup.period, user=world.office, **kwargs)


def _pdftotext(path: Path, *pages: int) -> str:
    args = ["pdftotext", "-layout"]
    if pages:
        args += ["-f", str(pages[0]), "-l", str(pages[-1])]
    return subprocess.run([*args, str(path), "-"], check=True, capture_output=True, text=True).stdout


def _page_count(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])


def _first_line(text: str) -> str:
    return next(line.strip() for line in text.splitlines() if line.strip())


def _pdf(tmp_path: Path, data) -> Path:
    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(render_report_pdf(data))
    return path


def _workbook(data):
    return load_workbook(io.BytesIO(render_report_xlsx(data)))


def _rows(ws, first=6):
    return [[cell for cell in row] for row in ws.iter_rows(min_row=first) if any(c.value is not None for c in row)]


# --- The facts --------------------------------------------------------------------------------------------------


def test_totals_add_numerators_and_denominators_and_judge_against_the_plan(setup, world):
    data = _data(setup, world)

    rows = {row.indicator: row for row in data.targets}
    rate = rows["Tỷ lệ đài truyền thanh cơ sở ứng dụng CNTT-VT"]
    assert (rate.plan, rate.total.text, rate.total.percent_text, rate.total.label) == (
        "≥ 70 %",
        "90 %",
        "128,6 %",
        "Vượt",
    )
    assert (rate.total.numerator, rate.total.denominator) == (Decimal(81), Decimal(90))  # 45 + 36 over 50 + 40
    count = rows["Số trạm truyền thanh hoạt động"]
    assert (count.total.text, count.total.label, count.units_reported, count.units_met) == (
        "200",
        "Vượt",
        2,
        1,
    )  # 120 + 80; only 120 meets ≥ 100
    task = rows["Ban hành kế hoạch chuyển đổi số năm 2023"]
    assert (task.total.text, task.total.label) == ("2/2 đơn vị hoàn thành", "Đạt")

    assert (data.deployment.units, data.deployment.on_time, data.deployment.late, data.deployment.not_reported) == (
        2,
        1,
        1,
        0,
    )
    header = data.paper.header
    assert (header.parent_line, header.issuer_line) == ("UBND TỈNH\u00a0A", "SỞ\u00a0TT&TT")
    assert header.number_line == "Số:      /BC-STTTT"  # the number is written by hand when the report is issued
    assert header.place_date == "A, ngày 20 tháng 6 năm 2023"
    assert data.summary.startswith("Kết quả thực hiện phong trào thi đua ")
    assert data.summary.endswith(" 6 tháng đầu năm 2023")
    # Nobody typed a signer: the Sở's signer on the report's date signs, not a title without a name.
    assert (data.paper.signer.lines, data.paper.signer.name) == (["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "Lê Thị Thu")
    assert data.paper.recipient_lines[-1] == "Lưu: VT, VP." and data.paper.missing() == []


def test_progress_is_reported_in_steps(setup, world):
    steps: list[tuple[float, str]] = []
    _data(setup, world, progress=lambda fraction, message: steps.append((fraction, message)))
    fractions = [fraction for fraction, _ in steps]
    assert len(steps) >= 3 and fractions == sorted(fractions) and 0 < fractions[0] and fractions[-1] < 1
    assert all(message for _, message in steps)


def test_a_unit_report_keeps_to_that_unit(setup, world):
    data = _data(setup, world, unit=world.phong_a)

    assert [block.name for block in data.units] == ["Phòng CNTT tỉnh A"]
    rate = next(row for row in data.targets if row.unit_label == "%")
    assert rate.total.text == "90 %" and rate.total.numerator == Decimal(45)
    assert data.summary.endswith("6 tháng đầu năm 2023 của Phòng CNTT tỉnh A")


def test_report_is_built_in_the_same_number_of_queries_for_3_and_30_units(setup, world):
    setup.campaign.participants.set([world.phong_a, world.phong_a2])

    def add_units(count: int) -> None:
        form = AwardForm.objects.create(code=f"giay-khen-{count}", name="Giấy khen", kind="hinh_thuc", target="ca_nhan")
        decision = Decision.objects.create(
            owner=world.so_a,
            kind="quyet_dinh",
            number=f"{count}/QĐ-STTTT",
            signed_on=dt.date(2023, 5, 2),
            signer="Giám đốc",
            issuer="Sở TT&TT tỉnh A",
            created_by=world.office,
        )
        for _ in range(count):
            unit = make_unit(world.so_a, province="Tỉnh A")
            setup.campaign.participants.add(unit)
            Registration.objects.create(campaign=setup.campaign, unit=unit, registered_by=world.office)
            submission = Submission.objects.create(
                period=setup.period,
                unit=unit,
                status="da_duyet",
                submitted_at=timezone.make_aware(dt.datetime(2023, 6, 1, 9)),
            )
            Value.objects.bulk_create(
                [
                    Value(submission=submission, target=setup.rate, numerator=7, denominator=10, value=70),
                    Value(submission=submission, target=setup.count, value=15),
                    Value(submission=submission, target=setup.task, value=1, done_on=dt.date(2023, 3, 1)),
                ]
            )
            dossier = Dossier.objects.create(
                campaign=setup.campaign,
                unit=unit,
                round_kind="so_ket",
                year=2023,
                status="da_gui",
                submitted_at=timezone.make_aware(dt.datetime(2023, 4, 1, 9)),
            )
            decision.nominees.add(
                Nominee.objects.create(dossier=dossier, kind="ca_nhan", award_form=form, full_name="A")
            )

    def queries() -> int:
        fresh = {
            "campaign": Campaign.objects.get(pk=setup.campaign.pk),
            "period": ReportingPeriod.objects.get(pk=setup.period.pk),
            "user": User.objects.get(pk=world.office.pk),  # the scope is cached on the user object
        }
        with CaptureQueriesContext(connection) as captured:
            data = build_report_data(**fresh, report_date=REPORT_DAY)
        return len(captured), data

    add_units(1)
    few, data = queries()
    assert data.deployment.units == 3 and data.awards.individual_total == 1
    add_units(27)
    many, data = queries()
    assert data.deployment.units == 30 and data.awards.individual_total == 28
    assert len(data.charts) >= 2
    assert many == few


# --- The PDF ----------------------------------------------------------------------------------------------------


def test_pdf_reads_as_an_administrative_report(setup, world, tmp_path):
    path = _pdf(tmp_path, _data(setup, world))

    layout = _pdftotext(path)
    assert re.search(r"UBND TỈNH A\s+CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", layout)
    assert re.search(r"SỞ TT&TT\s+Độc lập - Tự do - Hạnh phúc", layout)
    assert re.search(r"Số:\s+/BC-STTTT\s+A, ngày 20 tháng 6 năm 2023", layout)
    # The rate's row of the total table: plan, result, % of plan, judgement.
    assert re.search(r"≥ 70 %\s+90 %\s+128,6 %\s+Vượt", layout)
    assert re.search(r"Nơi nhận:\s+KT. GIÁM ĐỐC", layout) and "PHÓ GIÁM ĐỐC" in layout and "Lê Thị Thu" in layout

    text = " ".join(layout.split())
    assert "BÁO CÁO Kết quả thực hiện phong trào thi đua" in text and "6 tháng đầu năm 2023" in text
    for heading in (
        "I. KẾT QUẢ TRIỂN KHAI",
        "II. KẾT QUẢ THỰC HIỆN CHỈ TIÊU",
        "III. CÔNG TÁC KHEN THƯỞNG",
        "IV. ĐÁNH GIÁ CHUNG",
        "V. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2023",
    ):
        assert heading in text, heading
    assert "2/2 đơn vị đã gửi báo cáo, trong đó 1 đơn vị gửi đúng hạn, 1 đơn vị gửi quá hạn" in text
    assert "Đơn vị gửi báo cáo quá hạn: Phòng BCVT tỉnh A (ngày 18/06/2023)" in text
    assert "Biểu đồ 1" in text
    assert "……" in text  # IV and V not written yet: dotted lines to fill in
    for line in ("- Ban Thi đua – Khen thưởng tỉnh;", "- Ban Giám đốc Sở;", "- Các đơn vị tham gia phong trào;"):
        assert line in text, line
    assert "- Lưu: VT, VP." in text


def test_pdf_numbers_pages_from_the_second(setup, world, tmp_path):
    path = _pdf(tmp_path, _data(setup, world))

    assert _page_count(path) >= 2
    assert _first_line(_pdftotext(path, 1, 1)) != "1"
    assert _first_line(_pdftotext(path, 2, 2)) == "2"


@pytest.fixture
def fetched(monkeypatch):
    """Every URL WeasyPrint asks for; urllib must never be reached."""
    calls: list[str] = []
    serve = pdf.StaticFilesFetcher.fetch

    def recording(self, url, headers=None):
        calls.append(url)
        return serve(self, url, headers)

    def forbidden(self, url, headers=None):
        raise AssertionError(f"urllib was asked for {url}")

    monkeypatch.setattr(pdf.StaticFilesFetcher, "fetch", recording)
    monkeypatch.setattr(pdf.URLFetcher, "fetch", forbidden)
    return calls


def test_user_text_is_escaped_and_fetches_nothing(setup, world, tmp_path, fetched):
    data = _data(setup, world, assessment=f"Kết quả tốt.\n{EVIL}", direction=EVIL, signer_name=EVIL)

    html = render_report_html(data)
    assert EVIL not in html and "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html
    path = _pdf(tmp_path, data)

    assert fetched and all(url.startswith(pdf.BASE_URL + "static/css/") for url in fetched), fetched
    text = " ".join(_pdftotext(path).split())
    assert f"Kết quả tốt. {EVIL}" in text  # shown as text, as typed


def test_signer_and_free_texts_are_printed(setup, world, tmp_path):
    data = _data(
        setup,
        world,
        assessment="Các đơn vị triển khai nghiêm túc.",
        direction="Đôn đốc các đơn vị còn lại.",
        signer_title="KT. Giám đốc\nPhó Giám đốc",
        signer_name="Nguyễn Văn Sơn",
    )
    layout = _pdftotext(_pdf(tmp_path, data))
    assert re.search(r"Nơi nhận:\s+KT. GIÁM ĐỐC", layout) and "PHÓ GIÁM ĐỐC" in layout
    text = " ".join(layout.split())
    assert "Các đơn vị triển khai nghiêm túc." in text and "Đôn đốc các đơn vị còn lại." in text
    assert "Nguyễn Văn Sơn" in text and "……" not in text


# --- The workbook -----------------------------------------------------------------------------------------------


def test_workbook_has_a_filtered_frozen_sheet_per_table(setup, world):
    workbook = _workbook(_data(setup, world))

    assert workbook.sheetnames == SHEETS
    for ws in workbook:
        assert ws.freeze_panes is not None and ws.freeze_panes.endswith("6"), ws.title
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A5:"), ws.title
        assert ws["A5"].value == "STT" and ws["A5"].font.b, ws.title
        assert all(ws.column_dimensions[letter].width > 4 for letter in "ABC"), ws.title

    totals = workbook["Tổng hợp"]
    headers = [c.value for c in totals[5]]
    assert headers[:10] == [
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
    ]
    assert headers[-1] == "Ghi chú"
    rate = next(row for row in _rows(totals) if row[2].value == "Tỷ lệ đài truyền thanh cơ sở ứng dụng CNTT-VT")
    result, percent = rate[headers.index("Thực hiện")], rate[headers.index("% so với kế hoạch")]
    # The cell shows what the PDF and the dashboard print ("90 %", the indicator's decimals, trailing zeros dropped).
    assert result.value == pytest.approx(0.9) and result.number_format == "0%"
    assert percent.value == pytest.approx(1.285714, abs=1e-6) and percent.number_format == "0.0%"
    assert rate[headers.index("Đánh giá")].value == "Vượt"
    count = next(row for row in _rows(totals) if row[2].value == "Số trạm truyền thanh hoạt động")
    assert count[headers.index("Thực hiện")].value == 200
    # A task's result is words: not in the numeric column, but in the note, as the PDF prints it.
    task = next(row for row in _rows(totals) if row[2].value == "Ban hành kế hoạch chuyển đổi số năm 2023")
    assert task[headers.index("Thực hiện")].value is None
    assert task[headers.index("Ghi chú")].value == "2/2 đơn vị hoàn thành"

    sending = workbook["Tình hình gửi báo cáo"]
    late = next(row for row in _rows(sending) if row[1].value == "Phòng BCVT tỉnh A")
    sent_on = late[[c.value for c in sending[5]].index("Ngày gửi")]
    assert sent_on.value.date() == dt.date(2023, 6, 18) and sent_on.number_format == "dd/mm/yyyy"
    assert late[6].value == "Quá hạn"


def test_a_formula_like_unit_name_stays_text(setup, world):
    Unit.objects.filter(pk=world.phong_a2.pk).update(name=FORMULA_NAME)
    workbook = _workbook(_data(setup, world))

    for title in ("Chi tiết theo đơn vị", "Tình hình gửi báo cáo"):
        cells = [row[1] for row in _rows(workbook[title]) if row[1].value == FORMULA_NAME]
        assert cells, title
        assert all(cell.data_type == "s" and cell.quotePrefix for cell in cells), title


# --- A cluster --------------------------------------------------------------------------------------------------


@pytest.fixture
def cluster_setup(world):
    """Cụm số 2 of 2023: Sở A (cụm trưởng, runs the campaign) and Sở B report their own figures."""
    world.so_b.province = "Tỉnh B"
    world.so_b.save()
    cluster = Cluster.objects.create(kind="cum", number=2, year=2023, name="Cụm thi đua số 2", organiser=world.bo)
    ClusterMembership.objects.create(cluster=cluster, unit=world.so_a, role="truong")
    ClusterMembership.objects.create(cluster=cluster, unit=world.so_b)
    setup = make_setup(world)
    setup.campaign.participant_clusters.add(cluster)
    _report(setup.period, world.so_a, _head_of(world.so_a), world.office, rate=("45", "50"))
    _report(setup.period, world.so_b, _head_of(world.so_b), world.office, rate=("30", "50"), count="60")
    return setup, cluster


def test_a_cluster_report_puts_the_provinces_side_by_side(cluster_setup, world, tmp_path):
    setup, cluster = cluster_setup
    data = _data(setup, world, cluster=cluster)

    assert [p.name for p in data.provinces] == ["A", "B"] and data.total_label == "Toàn cụm"
    rate = next(row for row in data.comparison if row.unit_label == "%")
    assert [f.text for f in rate.figures] == ["90 %", "60 %"] and rate.total.text == "75 %"
    assert [f.label for f in rate.figures] == ["Vượt", "Chưa đạt"]

    workbook = _workbook(data)
    assert workbook.sheetnames == [*SHEETS, "So sánh các tỉnh"]
    sheet = workbook["So sánh các tỉnh"]
    headers = [c.value for c in sheet[5]]
    assert headers[-4:] == ["A", "B", "Toàn cụm", "Ghi chú"]
    assert sheet.freeze_panes == "C6" and sheet.auto_filter.ref.startswith("A5:")
    row = next(r for r in _rows(sheet) if r[3].value == "%")
    assert [c.value for c in row[-4:-1]] == [pytest.approx(0.9), pytest.approx(0.6), pytest.approx(0.75)]
    assert [c.number_format for c in row[-4:-1]] == ["0%", "0%", "0%"]  # 90 %, 60 %, 75 %: as the PDF prints them

    # In the PDF the comparison is a Phụ lục after the signature, on a landscape page.
    path = _pdf(tmp_path, data)
    last = _page_count(path)
    text = " ".join(_pdftotext(path, last, last).split())
    assert "PHỤ LỤC" in text and "Cụm thi đua số 2" in text and "Toàn cụm" in text
    info = subprocess.run(
        ["pdfinfo", "-f", str(last), "-l", str(last), str(path)], check=True, capture_output=True, text=True
    ).stdout
    width, height = map(float, re.search(r"size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert width > height


def test_a_target_for_a_level_nobody_is_at_is_left_out(setup, world):
    Target.objects.create(
        campaign=setup.campaign, indicator=setup.rate.indicator, applies_to="level", level=UnitLevel.XA, value=60
    )
    data = _data(setup, world)

    # No xã takes part: the target applies to nobody, has no figures, and only the footnote counts it.
    assert [row.plan for row in data.targets if row.unit_label == "%"] == ["≥ 70 %"]
    assert data.targets_not_applicable == 1
