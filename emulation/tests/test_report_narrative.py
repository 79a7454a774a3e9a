"""Issue 18, items 3 and 4: a report PDF that a person reads, the per-unit detail in the workbook and in an annex
made on request, and the workbook written in openpyxl's write-only mode — the same figures in every file (the one
evaluation, the data built once).

The national case of benchmarks/reports.py (63 Sở) with 10 indicators instead of 40: the narrative report stays
short because it no longer prints a row per unit and target; the annex has every unit. No timed assertion here:
the times are benchmarks/reports.py's.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from campaigns.models import Role, UnitLevel
from campaigns.tests.factories import UserFactory, grant, make_campaign, make_unit
from emulation.reports.data import build_report_data
from emulation.reports.render import MAX_BEHIND, render_annex_pdf, render_report_pdf, render_report_xlsx
from indicators.models import Indicator, Submission, SubmissionStatus, Target, Value
from tests.paper import _tool, flat, pdf_text

PROVINCES = 63
INDICATORS = 10
SILENT = 5  # provinces that send nothing


def _pages(pdf: bytes) -> int:
    info = subprocess.run([_tool("pdfinfo"), "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


@pytest.fixture
def national(db):
    bo = make_unit(None, name="Bộ Thông tin và Truyền thông", short_name="Bộ TT&TT", level=UnitLevel.BO)
    sos = [
        make_unit(bo, name=f"Sở Thông tin và Truyền thông tỉnh {n:02d}", level=UnitLevel.SO, province=f"Tỉnh {n:02d}")
        for n in range(1, PROVINCES + 1)
    ]
    office = UserFactory(username="vanphong.bo")
    grant(office, bo, Role.VAN_PHONG)
    campaign = make_campaign(
        bo,
        title="Phong trào thi đua toàn ngành năm 2023",
        start_date=dt.date(2023, 1, 1),
        end_date=dt.date(2023, 12, 31),
    )
    period = campaign.reporting_periods.get(kind="nam", year=2023)
    targets = []
    for i in range(1, INDICATORS + 1):
        indicator = Indicator.objects.create(
            code=f"ty-le-{i}",
            name=f"Tỷ lệ thủ tục hành chính số {i} xử lý trực tuyến",
            measure="percent",
            entry="rate",
            unit_label="%",
            numerator_label="Số hồ sơ trực tuyến",
            denominator_label="Tổng số hồ sơ",
        )
        targets.append(Target.objects.create(campaign=campaign, indicator=indicator, comparator="gte", value=50))
    due = dt.datetime.combine(period.due_date, dt.time(9), tzinfo=dt.UTC)
    submissions = Submission.objects.bulk_create(
        Submission(
            period=period,
            unit=so,
            status=SubmissionStatus.DA_DUYET if n % 3 else SubmissionStatus.DA_GUI,
            submitted_at=due + dt.timedelta(days=2 if n % 10 == 0 else -3),
            is_late=n % 10 == 0,
        )
        for n, so in enumerate(sos[SILENT:], start=1)
    )
    Value.objects.bulk_create(
        Value(
            submission=s,
            target=t,
            numerator=Decimal((n * 7 + k * 13) % 60 + 20),
            denominator=Decimal(100),
            value=Decimal((n * 7 + k * 13) % 60 + 20),
        )
        for n, s in enumerate(submissions)
        for k, t in enumerate(targets)
    )
    return build_report_data(campaign=campaign, period=period, user=office, report_date=dt.date(2023, 12, 15))


def test_the_national_report_is_a_short_narrative_and_says_where_the_detail_is(national):
    data = national
    assert len(data.units) == PROVINCES and data.unit_rows == PROVINCES * INDICATORS
    pdf = render_report_pdf(data)
    assert _pages(pdf) <= 30
    text = flat(pdf_text(pdf, "report-national-narrative"))
    # Totals per target, the exceptions (late, not sent, behind target), and where every unit's figures are.
    assert text.count("Tỷ lệ thủ tục hành chính số 1 xử lý trực tuyến") >= 1
    assert (
        "Đơn vị gửi báo cáo quá hạn:" in text
        and "Đơn vị chưa gửi báo cáo: Sở Thông tin và Truyền thông tỉnh 01" in text
    )
    behind = data.behind_units
    assert len(behind) > MAX_BEHIND  # the case is large enough to cut the list
    assert f"{len(behind)}/{data.deployment.reported} đơn vị đã gửi báo cáo có chỉ tiêu chưa đạt kế hoạch" in text
    assert f"Còn {len(behind) - MAX_BEHIND} đơn vị khác có chỉ tiêu chưa đạt." in text
    assert (
        f"Kết quả từng chỉ tiêu của từng đơn vị ({PROVINCES} đơn vị, {PROVINCES * INDICATORS} dòng) không in trong báo "
        "cáo này: xem trang tính “Chi tiết theo đơn vị” của tệp Excel kèm theo" in text
    )
    # Not the per-unit table: a unit's name is printed at most in the lists of exceptions, never once per target.
    last = behind[-1]
    assert text.count(last.name) <= 2, last.name


def test_the_annex_has_every_unit_and_the_workbook_the_same_figures(national):
    data = national
    annex = flat(pdf_text(render_annex_pdf(data), "report-national-annex", png=False))
    assert annex.startswith("PHỤ LỤC") and "(Kèm theo Báo cáo số" in annex
    for number, block in enumerate(data.units, start=1):
        assert f"{number}. {block.name} (" in annex, block.name
    silent = data.units[0]
    assert f"{silent.name} (chưa gửi báo cáo) Chưa gửi báo cáo kỳ này: chưa có số liệu ({INDICATORS} chỉ tiêu" in annex

    # The workbook's per-unit sheet holds, as numbers, exactly the figures the annex prints (one evaluation).
    sheet = load_workbook(io.BytesIO(render_report_xlsx(data)))["Chi tiết theo đơn vị"]
    headers = [c.value for c in sheet[5]]
    cells = {
        (r[headers.index("Đơn vị")], r[headers.index("STT chỉ tiêu")]): r
        for r in sheet.iter_rows(min_row=6, values_only=True)
    }
    assert len(cells) == data.unit_rows
    for block in data.units:
        for result in block.results:
            row = cells[(block.name, result.target_number)]
            figure = result.figure
            assert row[headers.index("Đánh giá")] == figure.label
            if figure.value is None:
                assert row[headers.index("Thực hiện")] is None
            else:
                assert row[headers.index("Thực hiện")] == pytest.approx(float(figure.shown) / 100)
                assert f"{figure.text} {figure.percent_text} {figure.label}" in annex
