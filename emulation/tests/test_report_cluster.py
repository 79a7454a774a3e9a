"""Issue 17: the cluster's report from the web. Cụm thi đua số 2 as the demo has it — seven Sở of the northern
mountain provinces, Lào Cai Cụm trưởng, Hà Giang Cụm phó —, some approved figures, one sent but not approved, and one
member (Lạng Sơn) without a Văn phòng account.

The report puts the members' approved figures side by side, whoever of its readers asked: it is read across the
members, not with the requester's scope; only the heads, the organiser's office, Ban TĐKT and the requester read it.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from campaigns.models import (
    Campaign,
    Cluster,
    ClusterMembership,
    ClusterRole,
    ReportingPeriod,
    Role,
    Signer,
    Unit,
    UnitLevel,
    User,
)
from campaigns.tests.factories import UserFactory, grant, make_campaign, make_unit
from emulation.reports.data import build_report_data
from emulation.reports.models import Report, ReportStatus
from emulation.reports.render import render_report_pdf, render_report_xlsx
from indicators.models import Indicator, Submission, SubmissionStatus, Target, Value
from tests.paper import flat, pdf_text

PROVINCES = {  # code → (province, role)
    "laocai": ("Lào Cai", ClusterRole.TRUONG),
    "hagiang": ("Hà Giang", ClusterRole.PHO),
    "sonla": ("Sơn La", ClusterRole.THANH_VIEN),
    "laichau": ("Lai Châu", ClusterRole.THANH_VIEN),
    "dienbien": ("Điện Biên", ClusterRole.THANH_VIEN),
    "caobang": ("Cao Bằng", ClusterRole.THANH_VIEN),
    "langson": ("Lạng Sơn", ClusterRole.THANH_VIEN),
}
NO_OFFICE = "langson"
# Approved figures (numerator, denominator) of the rate ≥ 30 %; Điện Biên's is sent, not approved.
APPROVED = {"laocai": (413, 1000), "hagiang": (305, 1000), "sonla": (284, 1000), "caobang": (228, 1000)}
SENT = {"dienbien": (900, 1000)}


@dataclass
class Cum2:
    bo: Unit
    sos: dict[str, Unit]
    offices: dict[str, User]
    bo_office: User
    board: User  # Ban TĐKT over the Bộ (the organiser)
    cluster: Cluster
    campaign: object
    period: object
    target: Target


@pytest.fixture
def cum2(db) -> Cum2:
    bo = make_unit(None, name="Bộ Thông tin và Truyền thông", level=UnitLevel.BO)
    sos, offices = {}, {}
    for code, (province, _) in PROVINCES.items():
        sos[code] = make_unit(
            bo,
            name=f"Sở Thông tin và Truyền thông tỉnh {province}",
            short_name=f"Sở TT&TT {province}",
            level=UnitLevel.SO,
            province=province,
        )
        if code != NO_OFFICE:
            offices[code] = UserFactory(username=f"vanphong.{code}")
            grant(offices[code], sos[code], Role.VAN_PHONG)
    bo_office, board = UserFactory(username="vanphong.bo"), UserFactory(username="bantdkt.bo")
    grant(bo_office, bo, Role.VAN_PHONG)
    grant(board, bo, Role.BAN_TDKT)
    cluster = Cluster.objects.create(kind="cum", number=2, year=2023, name="Cụm thi đua số 2", organiser=bo)
    for code, (_, role) in PROVINCES.items():
        ClusterMembership.objects.create(cluster=cluster, unit=sos[code], role=role)
    campaign = make_campaign(
        sos["laocai"],
        title="Chương trình thi đua của Cụm thi đua số 2 năm 2023",
        start_date=dt.date(2023, 1, 1),
        end_date=dt.date(2023, 12, 31),
        issuer_cluster=cluster,
        participants=list(sos.values()),
    )
    campaign.participant_clusters.set([cluster])
    Signer.objects.create(
        unit=sos["laocai"], position="Giám đốc", name="Nguyễn Văn Cụm", valid_from=dt.date(2022, 1, 1)
    )
    indicator = Indicator.objects.create(
        code="ho-so-truc-tuyen",
        name="Tỷ lệ hồ sơ TTHC xử lý hoàn toàn trực tuyến",
        measure="percent",
        entry="rate",
        unit_label="%",
        numerator_label="Số hồ sơ trực tuyến",
        denominator_label="Tổng số hồ sơ",
    )
    target = Target.objects.create(campaign=campaign, indicator=indicator, comparator="gte", value=Decimal(30))
    period = campaign.reporting_periods.get(kind="nam", year=2023)
    for figures, status in ((APPROVED, SubmissionStatus.DA_DUYET), (SENT, SubmissionStatus.DA_GUI)):
        for code, (numerator, denominator) in figures.items():
            submission = Submission.objects.create(
                period=period, unit=sos[code], status=status, submitted_at=dt.datetime(2023, 12, 10, 9, tzinfo=dt.UTC)
            )
            Value.objects.create(
                submission=submission,
                target=target,
                numerator=Decimal(numerator),
                denominator=Decimal(denominator),
                value=Decimal(numerator) / Decimal(denominator) * 100,
            )
    return Cum2(bo, sos, offices, bo_office, board, cluster, campaign, period, target)


def _ask(client, cum2: Cum2, capture, **extra):
    url = reverse("reports:campaign_reports", args=[cum2.campaign.pk])
    with capture(execute=True):
        response = client.post(url, {"period": cum2.period.pk, "cluster": cum2.cluster.pk, **extra})
    return response


def test_the_cum_truong_asks_for_the_cum_2_report_from_the_report_page(cum2, login, django_capture_on_commit_callbacks):
    client = login(cum2.offices["laocai"])
    page = client.get(reverse("reports:campaign_reports", args=[cum2.campaign.pk])).content.decode()
    assert "So sánh các tỉnh của một cụm, khối thi đua" in page and "Cụm thi đua số 2" in page
    # The page says, before anyone asks, which member the report will call missing.
    assert "chưa có tài khoản Văn phòng Sở" in page and "Sở Thông tin và Truyền thông tỉnh Lạng Sơn" in page

    response = _ask(client, cum2, django_capture_on_commit_callbacks)
    report = Report.objects.get(cluster=cum2.cluster)
    assert response.status_code == 302 and response.url == reverse("reports:report_detail", args=[report.pk])
    assert report.status == ReportStatus.XONG, report.error
    assert report.file_stem == "BC-nam-2023-CumThiDuaSo2-SoTTTT-LaoCai-v1"

    detail = client.get(response.url).content.decode()
    assert "Thành viên chưa có tài khoản Văn phòng Sở" in detail and "tỉnh Lạng Sơn" in detail
    text = flat(pdf_text(client.get(reverse("reports:report_download", args=[report.pk, "pdf"])).getvalue(),
                         "report-cum2-web"))  # fmt: skip
    # Lào Cai's office reads its own Sở only, yet the comparison has every member's approved figure.
    annex = text[text.index("PHỤ LỤC") :]
    for province in ("Lào Cai", "Hà Giang", "Sơn La", "Lai Châu", "Điện Biên", "Cao Bằng", "Lạng Sơn"):
        assert province in annex, province
    for shown in ("41,3 %", "30,5 %", "28,4 %", "22,8 %"):
        assert shown in annex, shown
    assert "90 %" not in annex  # Điện Biên's figure is sent, not approved: not compared
    assert "chưa tính số liệu đã gửi nhưng chưa được duyệt của Sở Thông tin và Truyền thông tỉnh Điện Biên" in text
    assert (
        "Thành viên chưa có tài khoản Văn phòng Sở trên Cổng thi đua – khen thưởng nên chưa có số liệu để so sánh: "
        "Sở Thông tin và Truyền thông tỉnh Lạng Sơn." in text
    )
    # The cluster total is the approved figures' (413 + 305 + 284 + 228) / 4000 = 30,75 %, shown 30,8 % in both.
    assert "30,8 %" in annex
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("reports:report_download", args=[report.pk, "xlsx"])).getvalue())
    )
    sheet = workbook["So sánh các tỉnh"]
    headers = [c.value for c in sheet[5]]
    row = next(r for r in sheet.iter_rows(min_row=6, values_only=True) if r[1] == cum2.target.indicator.name)
    assert row[headers.index("Lào Cai")] == pytest.approx(0.413) and row[headers.index("Điện Biên")] is None
    assert row[headers.index("Toàn cụm")] == pytest.approx(0.308)
    assert "Lạng Sơn" in sheet["A3"].value and "Chưa có tài khoản Văn phòng Sở" in sheet["A3"].value
    assert "Lào Cai: cụm trưởng; Hà Giang: cụm phó" in sheet["A3"].value


def test_the_cum_pho_asks_for_the_cluster_only(cum2, login, django_capture_on_commit_callbacks):
    client = login(cum2.offices["hagiang"])
    page = client.get(reverse("reports:campaign_reports", args=[cum2.campaign.pk])).content.decode()
    assert "Cụm, khối thi đua" in page and "Chỉ một đơn vị" not in page
    _ask(client, cum2, django_capture_on_commit_callbacks)
    report = Report.objects.get(cluster=cum2.cluster, requested_by=cum2.offices["hagiang"])
    assert report.status == ReportStatus.XONG, report.error
    # Lào Cai (Cụm trưởng), the Bộ's office (organiser) and Ban TĐKT over the Bộ read it too.
    for reader in (cum2.offices["laocai"], cum2.bo_office, cum2.board):
        assert login(reader).get(reverse("reports:report_detail", args=[report.pk])).status_code == 200


def test_a_member_that_is_not_a_head_reads_neither_the_report_nor_its_files(
    cum2, login, django_capture_on_commit_callbacks
):
    _ask(login(cum2.offices["laocai"]), cum2, django_capture_on_commit_callbacks, with_annex="on")
    report = Report.objects.get(cluster=cum2.cluster)
    assert report.status == ReportStatus.XONG and report.annex_file
    client = login(cum2.offices["sonla"])
    assert client.get(reverse("reports:report_detail", args=[report.pk])).status_code == 404
    for kind in ("pdf", "xlsx", "phu-luc"):
        assert client.get(reverse("reports:report_download", args=[report.pk, kind])).status_code == 404, kind
    listing = client.get(reverse("reports:report_list")).content.decode()
    assert reverse("reports:report_detail", args=[report.pk]) not in listing
    # Nor may it ask: no cluster choice on its page, and a forged request is refused.
    page = client.get(reverse("reports:campaign_reports", args=[cum2.campaign.pk]))
    assert page.status_code == 200 and "So sánh các tỉnh của một cụm" not in page.content.decode()
    forged = _ask(client, cum2, django_capture_on_commit_callbacks)
    assert forged.status_code == 403 and Report.objects.count() == 1


def test_a_member_without_an_office_is_reported_missing_not_a_crash(cum2):
    data = build_report_data(campaign=cum2.campaign, period=cum2.period, user=None, cluster=cum2.cluster)
    assert [p.name for p in data.members_without_office] == ["Lạng Sơn"]
    text = flat(pdf_text(render_report_pdf(data), "report-cum2-missing"))
    assert "Chưa có tài khoản Văn phòng Sở trên Cổng: Lạng Sơn." in text
    # The scheduled job (no requester) and the command line no longer need the owner's office for a cluster.
    Unit.objects.filter(pk=cum2.sos["laocai"].pk)  # the Cụm trưởng keeps its office; the cluster read needs none
    workbook = load_workbook(io.BytesIO(render_report_xlsx(data)))
    assert "So sánh các tỉnh" in workbook.sheetnames


def test_the_cluster_report_reads_as_many_queries_for_many_figures_as_for_few(cum2):
    """One target and five figures, then six targets, units under the members reporting too, and the first half's
    figures (a trend per target): the same number of queries — every list is one query, grouped in memory."""

    def queries():
        fresh = {
            "campaign": Campaign.objects.get(pk=cum2.campaign.pk),
            "period": ReportingPeriod.objects.get(pk=cum2.period.pk),
            "cluster": Cluster.objects.get(pk=cum2.cluster.pk),
        }
        with CaptureQueriesContext(connection) as captured:
            data = build_report_data(**fresh, user=None, report_date=dt.date(2024, 1, 15))
        return len(captured), data

    few, data = queries()
    assert len(data.targets) == 1 and len(data.comparison) == 1 and data.unit_rows == 7

    targets = [cum2.target]
    for number in range(1, 6):
        indicator = Indicator.objects.create(
            code=f"chi-tieu-{number}", name=f"Số dịch vụ công số {number}", measure="count", entry="number"
        )
        targets.append(Target.objects.create(campaign=cum2.campaign, indicator=indicator, comparator="gte", value=10))
    half = cum2.campaign.reporting_periods.get(kind="sau_thang", year=2023)
    reporters = [cum2.sos[code] for code in APPROVED]
    reporters += [make_unit(cum2.sos[code], name=f"Phòng Bưu chính {code}") for code in APPROVED]
    for period in (half, cum2.period):
        for unit in reporters:
            submission, _ = Submission.objects.get_or_create(
                period=period,
                unit=unit,
                defaults={
                    "status": SubmissionStatus.DA_DUYET,
                    "submitted_at": dt.datetime(period.year, 6 if period == half else 12, 10, 9, tzinfo=dt.UTC),
                },
            )
            for target in targets:
                if target == cum2.target:
                    Value.objects.get_or_create(
                        submission=submission,
                        target=target,
                        defaults={"numerator": 40, "denominator": 100, "value": Decimal(40)},
                    )
                else:
                    Value.objects.create(submission=submission, target=target, value=12 + unit.pk % 5)

    many, data = queries()
    assert len(data.targets) == 6 and len(data.comparison) == 6 and data.unit_rows > 7 * 6
    assert any("qua các kỳ báo cáo" in chart.title for chart in data.charts)  # the first half's figures were read
    assert many == few
