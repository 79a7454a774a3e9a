"""The 15/6 and 15/12 reports as documents a Ban TĐKT officer files as they are (issue 14): the document layer's
header, number line, citation, signature and Nơi nhận; no report without a signer; a missing signer told to Văn phòng
Sở before the due date; awards counted by the decisions' dates; cluster annexes whose rows can be told apart; file
names for a person; workbooks that print.

Each PDF is read back with pdftotext (tests.paper.pdf_text) and its pages saved as PNG in artifacts/documents/.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from awards.models import AwardRecord, Decision, Dossier, DossierEvent, Nominee
from campaigns.models import AwardForm, Cluster, ClusterMembership, Signer, Unit
from emulation.inbox import inbox_for
from emulation.lib import xlsx
from emulation.lib.paper import DocumentIncomplete
from emulation.notifications.deadlines import deadlines_notify
from emulation.notifications.models import Kind, Notification
from emulation.reports import services
from emulation.reports.data import build_report_data, joined
from emulation.reports.models import Report
from emulation.reports.render import render_report_html, render_report_pdf, render_report_xlsx
from indicators import services as indicator_services
from indicators.models import Target
from indicators.tests.factories import make_setup
from tests.paper import _tool, assert_paper, flat, pdf_text

TITLE = "Phát động phong trào thi đua “Chuyển đổi số giai đoạn 2022 - 2025” trên địa bàn tỉnh Bình Phước"
PARENT, ISSUER = "UBND TỈNH BÌNH PHƯỚC", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
CITATION = "Kế hoạch số 18/KH-UBND ngày 26/01/2023 của UBND tỉnh Bình Phước phát động phong trào thi đua"
SIGNER = ("KT. GIÁM ĐỐC", "Phạm Thị Dung")
H1_DAY, YEAR_DAY = dt.date(2023, 6, 15), dt.date(2023, 12, 15)


# --- The province of Bình Phước ---------------------------------------------------------------------------------


def _bình_phước(world) -> None:
    """World's Sở A as Sở Thông tin và Truyền thông tỉnh Bình Phước (under the Bộ TT&TT), its rooms in it."""
    Unit.objects.filter(pk=world.bo.pk).update(short_name="Bộ TT&TT")
    Unit.objects.filter(pk=world.so_a.pk).update(
        name="Sở Thông tin và Truyền thông tỉnh Bình Phước", short_name="Sở TT&TT Bình Phước", province="Bình Phước"
    )
    Unit.objects.filter(pk=world.phong_a.pk).update(name="Phòng Công nghệ thông tin", short_name="Phòng CNTT")
    for name in ("bo", "so_a", "phong_a"):
        getattr(world, name).refresh_from_db()


def _signers(world) -> None:
    Signer.objects.create(unit=world.so_a, position="Giám đốc", name="Nguyễn Hoài Nam", valid_from=dt.date(2022, 1, 1))
    Signer.objects.create(
        unit=world.so_a,
        authority="KT. Giám đốc",
        position="Phó Giám đốc",
        name="Phạm Thị Dung",
        valid_from=dt.date(2022, 1, 1),
    )


def _report(period, unit, head, reviewer, *, rate=("45", "50"), count="120", on=dt.date(2023, 6, 10)):
    submission = indicator_services.submission_open(period=period, unit=unit, user=head)
    ids = {v.target.indicator.code: v.pk for v in submission.values.select_related("target__indicator")}
    figures = {
        ids["dai-truyen-thanh-ip"]: {"numerator": rate[0], "denominator": rate[1]},
        ids["so-tram"]: {"value": count},
    }
    figures[ids["ke-hoach-cds"]] = {"done": "1", "done_on": "15/03/2023"}
    submission = indicator_services.submission_save(
        submission=submission, user=head, version=submission.version, figures=figures
    )
    with time_machine.travel(dt.datetime.combine(on, dt.time(9), tzinfo=dt.UTC)):
        sent = indicator_services.submission_submit(submission=submission, user=head)
    return indicator_services.submission_approve(submission=sent, user=reviewer)


@pytest.fixture
def province(world):
    _bình_phước(world)
    _signers(world)
    setup = make_setup(world)
    campaign = setup.campaign
    campaign.title, campaign.number, campaign.issued_on = TITLE, "18/KH-UBND", dt.date(2023, 1, 26)
    campaign.issuer, campaign.document_type = "UBND tỉnh Bình Phước", "Kế hoạch"
    campaign.save()
    _report(setup.period, world.phong_a, world.head, world.office)
    return setup


def _awarded_in_2024(world, campaign) -> Nominee:
    """A dossier sent in December 2023 and found valid then; its nominee conferred by a decision of 15/01/2024."""
    form = AwardForm.objects.create(
        code="giay-khen-so", name="Giấy khen của Giám đốc Sở", kind="hinh_thuc", target="ca_nhan"
    )
    dossier = Dossier.objects.create(
        campaign=campaign,
        unit=world.phong_a,
        round_kind="nam",
        year=2023,
        status="da_quyet_dinh",
        submitted_at=timezone.make_aware(dt.datetime(2023, 12, 12, 9)),
    )
    for at, before, after in [
        (dt.datetime(2023, 12, 12, 9), "nhap", "da_gui"),
        (dt.datetime(2023, 12, 14, 16), "da_gui", "hop_le"),
        (dt.datetime(2024, 1, 15, 15), "da_xet", "da_quyet_dinh"),
    ]:
        event = DossierEvent.objects.create(dossier=dossier, from_status=before, to_status=after)
        DossierEvent.objects.filter(pk=event.pk).update(at=timezone.make_aware(at))
    nominee = Nominee.objects.create(dossier=dossier, kind="ca_nhan", award_form=form, full_name="Lê Văn Thắng")
    decision = Decision.objects.create(
        owner=world.so_a,
        kind="quyet_dinh",
        number="25/QĐ-STTTT",
        signed_on=dt.date(2024, 1, 15),
        signer="Phạm Thị Dung",
        issuer="Sở Thông tin và Truyền thông tỉnh Bình Phước",
        created_by=world.office,
    )
    decision.nominees.add(nominee)
    AwardRecord.objects.create(
        nominee=nominee,
        decision=decision,
        unit=world.phong_a,
        award_form=form,
        campaign=campaign,
        name=nominee.full_name,
        kind="ca_nhan",
        year=2023,
        decision_number=decision.number,
        decision_date=decision.signed_on,
        decision_issuer=decision.issuer,
    )
    return nominee


def _data(province_setup, world, period=None, day=H1_DAY, **kwargs):
    return build_report_data(
        campaign=province_setup.campaign,
        period=period or province_setup.period,
        user=world.office,
        report_date=day,
        complete=True,
        **kwargs,
    )


def _read(pdf: bytes, name: str) -> str:
    """The PDF's text in reading order (pdftotext -raw: -layout interleaves the header's two columns, "SỞ THÔNG TIN
    VÀ Độc lập - Tự do - Hạnh phúc TRUYỀN THÔNG"), flattened; its pages are also saved as PNG under `name`."""
    pdf_text(pdf, name)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "report.pdf"
        path.write_bytes(pdf)
        raw = subprocess.run([_tool("pdftotext"), "-raw", str(path), "-"], check=True, capture_output=True, text=True)
    return flat(raw.stdout)


def _no_doubled_words(page: str) -> None:
    assert "phong trào thi đua “Phát động phong trào thi đua" not in page
    assert "phong trào thi đua Phát động" not in page
    doubled = re.search(r"\b([^\W\d_]+) \1\b", page, flags=re.IGNORECASE)
    assert doubled is None, doubled


# --- The PDF: the document layer --------------------------------------------------------------------------------


def test_province_6_month_report_is_a_complete_document(province, world):
    text = _read(render_report_pdf(_data(province, world)), "report-province-6thang")

    assert_paper(text, parent=PARENT, issuer=ISSUER, number="Số: /BC-STTTT", signer=SIGNER, citation=CITATION)
    assert "Bình Phước, ngày 15 tháng 6 năm 2023" in text
    assert f"Thực hiện {CITATION} “Chuyển đổi số giai đoạn 2022 - 2025” trên địa bàn tỉnh Bình Phước," in text
    assert (
        "BÁO CÁO Kết quả thực hiện phong trào thi đua “Chuyển đổi số giai đoạn 2022 - 2025” trên địa bàn tỉnh Bình "
        "Phước 6 tháng đầu năm 2023"
    ) in text
    # Nơi nhận of a Sở's report (seed 000): the UBND whose plan it is, Ban TĐKT tỉnh, the ministry's Vụ TĐKT, BGĐ.
    for line in ("- UBND tỉnh (b/c);", "- Ban Thi đua – Khen thưởng tỉnh;", "- Ban Giám đốc Sở;", "- Lưu: VT, VP."):
        assert line in text, line
    assert "Vụ Thi đua – Khen thưởng, Bộ TT&TT;" in text
    _no_doubled_words(text)


def test_a_number_given_with_the_request_is_printed(province, world):
    data = _data(province, world, number="05")
    assert data.paper.header.number_line == "Số: 05/BC-STTTT"
    assert "Kèm theo Báo cáo số 05/BC-STTTT ngày 15 tháng 6 năm 2023" in data.reference


def test_province_year_report_counts_decisions_by_their_date(province, world):
    _awarded_in_2024(world, province.campaign)
    data = _data(province, world, period=province.annual, day=dt.date(2024, 2, 1))
    text = _read(render_report_pdf(data), "report-province-nam")

    assert_paper(text, parent=PARENT, issuer=ISSUER, number="Số: /BC-STTTT", signer=SIGNER, citation=CITATION)
    assert "V. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024" in text
    # Sent in 2023, decided on 15/01/2024: the 2023 report counts it as sent, not as decided.
    assert (
        "Từ ngày 01/01/2023 đến ngày 31/12/2023, có 1 hồ sơ đề nghị khen thưởng được gửi, đề nghị khen thưởng cho 0 "
        "tập thể và 1 cá nhân; trong đó 0 trường hợp đã có quyết định khen thưởng ký trong thời gian này."
    ) in text
    assert "Trong kỳ chưa có quyết định, tờ trình khen thưởng nào của phong trào được ký." in text
    assert "Trạng thái hồ sơ đến ngày 31/12/2023" in text and "Hợp lệ" in text and "Đã quyết định" not in text
    _no_doubled_words(text)

    # The workbook says the same, sheet by sheet.
    workbook = load_workbook(io.BytesIO(render_report_xlsx(data)))
    awards = workbook["Khen thưởng"]
    rows = [r for r in awards.iter_rows(min_row=6, values_only=True) if r[0] is not None or r[1] == "Tổng cộng"]
    assert rows == [(1, "Giấy khen của Giám đốc Sở", None, 0, 1, 0), (None, "Tổng cộng", None, 0, 1, 0)]
    assert data.awards.statement in awards["A3"].value
    assert [r[:3] for r in workbook["Hồ sơ khen thưởng"].iter_rows(min_row=6, values_only=True)] == [
        (1, "Hợp lệ", 1),
        (None, "Tổng cộng", 1),
    ]
    assert workbook["Quyết định khen thưởng"].max_row == 5  # the header only: nothing signed in 2023


def test_a_decision_signed_within_the_year_is_counted(province, world):
    nominee = _awarded_in_2024(world, province.campaign)
    Decision.objects.filter(nominees=nominee).update(signed_on=dt.date(2023, 12, 20))
    AwardRecord.objects.filter(nominee=nominee).update(decision_date=dt.date(2023, 12, 20))
    DossierEvent.objects.filter(dossier=nominee.dossier, to_status="da_quyet_dinh").update(
        at=timezone.make_aware(dt.datetime(2023, 12, 20, 15))
    )
    data = _data(province, world, period=province.annual, day=dt.date(2024, 2, 1))

    assert data.awards.decided_total == 1 and [d.number for d in data.awards.decisions] == ["25/QĐ-STTTT"]
    assert "trong đó 1 trường hợp đã có quyết định khen thưởng ký trong thời gian này" in data.awards.statement
    assert "Trong kỳ đã ký 1 quyết định khen thưởng." in data.awards.statement
    assert [(s.label, s.count) for s in data.awards.dossiers] == [("Đã quyết định", 1)]


def test_unit_report_is_a_complete_document(province, world):
    text = _read(render_report_pdf(_data(province, world, unit=world.phong_a)), "report-unit-6thang")

    assert_paper(text, parent=PARENT, issuer=ISSUER, number="Số: /BC-STTTT", signer=SIGNER, citation=CITATION)
    assert "6 tháng đầu năm 2023 của Phòng Công nghệ thông tin" in text
    assert "- Phòng Công nghệ thông tin;" in text
    _no_doubled_words(text)


# --- A cluster --------------------------------------------------------------------------------------------------


@pytest.fixture
def cluster(province, world):
    """Cụm thi đua số 7: Sở Bình Phước (cụm trưởng, runs the campaign) and Sở B; one indicator has two targets (all
    units ≥ 70 %, Sở B's own ≥ 80 %), so its name is on two rows."""
    Unit.objects.filter(pk=world.so_b.pk).update(province="Tỉnh B")
    world.so_b.refresh_from_db()
    cluster = Cluster.objects.create(kind="cum", number=7, year=2023, name="Cụm thi đua số 7", organiser=world.bo)
    ClusterMembership.objects.create(cluster=cluster, unit=world.so_a, role="truong")
    ClusterMembership.objects.create(cluster=cluster, unit=world.so_b)
    province.campaign.participant_clusters.add(cluster)
    Target.objects.create(
        campaign=province.campaign, indicator=province.rate.indicator, applies_to="unit", unit=world.so_b, value=80
    )
    return cluster


def test_cluster_report_rows_of_one_indicator_say_to_whom_they_apply(cluster, province, world):
    data = _data(province, world, cluster=cluster)
    text = _read(render_report_pdf(data), "report-cluster-6thang")

    assert_paper(text, parent=PARENT, issuer=ISSUER, number="Số: /BC-STTTT", signer=SIGNER, citation=CITATION)
    assert "Cụm thi đua số 7 – 6 tháng đầu năm 2023" in text and not re.search(r"số 7 6 tháng", text)
    assert data.summary.endswith("6 tháng đầu năm 2023 của Cụm thi đua số 7")
    assert "- Các đơn vị thành viên Cụm thi đua số 7;" in text
    rates = [row for row in data.comparison if row.indicator == province.rate.indicator.name]
    assert sorted(row.applies_line for row in rates) == ["Áp dụng: Sở TT&TT tỉnh B", "Áp dụng: tất cả đơn vị"]
    annex = text[text.index("PHỤ LỤC") :]
    assert annex.count(province.rate.indicator.name) == 2
    for line in ("Áp dụng: tất cả đơn vị", "Áp dụng: Sở TT&TT tỉnh B"):
        assert line in annex, line
    _no_doubled_words(text)

    workbook = load_workbook(io.BytesIO(render_report_xlsx(data)))
    sheet = workbook["So sánh các tỉnh"]
    assert sheet["A1"].value == "CỤM THI ĐUA SỐ 7 – SO SÁNH KẾT QUẢ CÁC TỈNH, 6 THÁNG ĐẦU NĂM 2023"
    applies = [r[2] for r in sheet.iter_rows(min_row=6, values_only=True) if r[1] == province.rate.indicator.name]
    assert sorted(applies) == ["Sở TT&TT tỉnh B", "Tất cả đơn vị"]


def test_titles_never_run_two_numbers_or_two_words_together():
    assert joined("Cụm thi đua số 7", "6 tháng đầu năm 2023") == "Cụm thi đua số 7 – 6 tháng đầu năm 2023"
    assert joined("Hồ sơ bình xét cuối năm", "năm 2023") == "Hồ sơ bình xét cuối năm 2023"
    assert joined("Kết quả", "", "năm 2023", "của Cụm thi đua số 2") == "Kết quả năm 2023 của Cụm thi đua số 2"


# --- No signer: not produced, and told before the due date ------------------------------------------------------


def test_without_a_signer_the_report_is_refused_with_a_message(world):
    setup = make_setup(world)
    with pytest.raises(DocumentIncomplete, match="Chưa lập được báo cáo 6 tháng đầu năm 2023: thiếu người ký"):
        build_report_data(campaign=setup.campaign, period=setup.period, user=world.office, complete=True)


def test_the_scheduled_job_without_a_signer_fails_with_the_message_on_the_report_page(
    world, login, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr("emulation.reports.render.render_report_pdf", lambda data: b"%PDF-1.7 fake")
    monkeypatch.setattr("emulation.reports.render.render_report_xlsx", lambda data: b"PK fake")
    setup = make_setup(world)
    with django_capture_on_commit_callbacks(execute=True):
        [report] = services.reports_due_today(today=setup.period.due_date)
    report.refresh_from_db()
    assert report.status == "loi" and not report.pdf_file
    assert report.error.startswith("Chưa lập được báo cáo 6 tháng đầu năm 2023: thiếu người ký.")
    assert "khai báo người ký văn bản của Sở" in report.error and "Traceback" not in report.error

    response = login(world.office).get(reverse("reports:report_detail", args=[report.pk]))
    assert response.status_code == 200
    assert "Chưa lập được báo cáo 6 tháng đầu năm 2023: thiếu người ký." in response.content.decode()
    [notice] = Notification.objects.filter(recipient=world.office, kind=Kind.BAO_CAO_LOI)
    assert "thiếu người ký" in notice.text


def test_the_request_s_signer_signs_when_none_is_configured(
    world, login, django_capture_on_commit_callbacks, monkeypatch
):
    signed = []
    monkeypatch.setattr("emulation.reports.render.render_report_pdf", lambda data: signed.append(data) or b"%PDF")
    monkeypatch.setattr("emulation.reports.render.render_report_xlsx", lambda data: b"PK fake")
    setup = make_setup(world)
    client = login(world.office)
    url = reverse("reports:campaign_reports", args=[setup.campaign.pk])
    # Half a signer is refused on the form, before any job.
    page = client.post(url, {"period": setup.period.pk, "signer_title": "GIÁM ĐỐC"}).content.decode()
    assert "Nhập họ tên người ký" in page and not Report.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"period": setup.period.pk, "signer_title": "GIÁM ĐỐC", "signer_name": "Nguyễn Văn An"})
    assert Report.objects.get().status == "xong"
    assert (signed[0].paper.signer.lines, signed[0].paper.signer.name) == (["GIÁM ĐỐC"], "Nguyễn Văn An")


def test_a_campaign_without_a_signer_is_told_to_the_office_before_the_due_date_once(world):
    setup = make_setup(world)
    due = setup.period.due_date  # 15/06/2023
    deadlines_notify(today=due - dt.timedelta(days=11))
    assert not Notification.objects.filter(kind=Kind.BAO_CAO_NGUOI_KY).exists()  # not yet

    deadlines_notify(today=due - dt.timedelta(days=10))
    deadlines_notify(today=due - dt.timedelta(days=9))  # the daily job again: still one
    [notice] = Notification.objects.filter(kind=Kind.BAO_CAO_NGUOI_KY)
    assert notice.recipient == world.office and notice.campaign_id == setup.campaign.pk
    assert "chưa có người ký báo cáo 6 tháng đầu năm 2023: đặt người ký trước 15/06/2023" in notice.text
    assert notice.text.startswith("Phong trào thi đua ")
    assert notice.link == reverse("campaigns:campaign_edit", args=[setup.campaign.pk])

    # Việc cần làm of the office: the task, with its link.
    inbox = inbox_for(world.office, today=due - dt.timedelta(days=9))
    [task] = inbox.section("nguoi_ky_bao_cao").items
    assert task.title == "Đặt người ký báo cáo 6 tháng đầu năm 2023 trước 15/06/2023"
    assert task.url == notice.link and task.due == due
    assert inbox_for(world.staff, today=due - dt.timedelta(days=9)).section("nguoi_ky_bao_cao") is None

    # A signer set: the task goes, the notice is marked read.
    _signers(world)
    deadlines_notify(today=due - dt.timedelta(days=8))
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert inbox_for(world.office, today=due - dt.timedelta(days=8)).section("nguoi_ky_bao_cao") is None


def test_the_campaign_s_report_signer_is_enough(world):
    setup = make_setup(world)
    # The Sở has no signer of its own; the campaign names who signs its periodic reports in 2023.
    signer = Signer.objects.create(
        unit=world.so_a, authority="KT. Giám đốc", position="Phó Giám đốc", name="Trần Văn Bình",
        valid_from=dt.date(2023, 1, 1), valid_to=dt.date(2023, 12, 31),
    )  # fmt: skip
    Signer.objects.filter(pk=signer.pk).update(unit=world.bo)  # not the Sở's: only the campaign's choice
    setup.campaign.report_signer = Signer.objects.get(pk=signer.pk)
    setup.campaign.save()
    deadlines_notify(today=setup.period.due_date - dt.timedelta(days=5))
    assert not Notification.objects.filter(kind=Kind.BAO_CAO_NGUOI_KY).exists()
    data = build_report_data(
        campaign=setup.campaign, period=setup.period, user=world.office, report_date=setup.period.due_date
    )
    assert data.paper.signer.name == "Trần Văn Bình"


# --- File names -------------------------------------------------------------------------------------------------


def test_files_are_named_for_a_person(province, world, cluster, login, django_capture_on_commit_callbacks, monkeypatch):
    monkeypatch.setattr("emulation.reports.render.render_report_pdf", lambda data: b"%PDF-1.7 fake")
    monkeypatch.setattr("emulation.reports.render.render_report_xlsx", lambda data: b"PK fake")
    campaign, period = province.campaign, province.period
    with django_capture_on_commit_callbacks(execute=True):
        services.report_request(user=world.office, campaign=campaign, period=period)
        second = services.report_request(user=world.office, campaign=campaign, period=period)
        unit = services.report_request(user=world.office, campaign=campaign, period=period, unit=world.phong_a)
        of_cluster = services.report_request(user=world.office, campaign=campaign, period=period, cluster=cluster)
    assert second.file_stem == "BC-6thang-2023-SoTTTT-BinhPhuoc-v2"
    assert unit.file_stem == "BC-6thang-2023-SoTTTT-BinhPhuoc-PhongCNTT-v1"
    assert of_cluster.file_stem == "BC-6thang-2023-CumThiDuaSo7-SoTTTT-BinhPhuoc-v1"
    second.refresh_from_db()
    assert second.pdf_file.name.endswith("-BC-6thang-2023-SoTTTT-BinhPhuoc-v2.pdf")
    response = login(world.board).get(reverse("reports:report_download", args=[second.pk, "xlsx"]))
    assert 'filename="BC-6thang-2023-SoTTTT-BinhPhuoc-v2.xlsx"' in response["Content-Disposition"]


# --- The workbook prints ----------------------------------------------------------------------------------------

NUMERIC = {
    "STT",
    "Thực hiện",
    "% so với kế hoạch",
    "Số đơn vị áp dụng",
    "Số đơn vị có số liệu",
    "Số đơn vị đạt",
    "Tổng tử số",
    "Tổng mẫu số",
    "Tử số",
    "Mẫu số",
    "STT chỉ tiêu",
    "Tập thể",
    "Cá nhân",
    "Có quyết định trong kỳ",
    "Số hồ sơ",
}


def test_every_sheet_prints_on_a4_landscape_in_times_new_roman(cluster, province, world):
    from campaigns.models import Role
    from campaigns.tests.factories import UserFactory, grant

    head_b = UserFactory()
    grant(head_b, world.so_b, Role.LANH_DAO)
    _report(province.period, world.so_b, head_b, world.office, rate=("30", "50"), count="60")
    _awarded_in_2024(world, province.campaign)
    data = _data(province, world, cluster=cluster)
    workbook = load_workbook(io.BytesIO(render_report_xlsx(data)))

    assert workbook._fonts[0].name == "Times New Roman" and workbook._named_styles["Normal"].font.name == (
        "Times New Roman"
    )
    provinces = {p.name for p in data.provinces} | {data.total_label}
    for ws in workbook:
        setup = ws.page_setup
        assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert xlsx.sheet_width(ws) <= 185 and xlsx.print_scale(ws) >= 70, (ws.title, xlsx.sheet_width(ws))
        last = ws.cell(row=5, column=ws.max_column).column_letter
        assert {str(r) for r in ws.merged_cells.ranges} >= {f"A1:{last}1", f"A2:{last}2", f"A3:{last}3"}, ws.title
        assert "&P" in ws.oddFooter.right.text and "&N" in ws.oddFooter.right.text
        assert ws.oddFooter.left.text == "Báo cáo 6 tháng đầu năm 2023 – Cụm thi đua số 7"
        assert ws.print_title_rows == "$5:$5"
        fonts = {c.font.name for row in ws.iter_rows() for c in row if c.value is not None}
        assert fonts == {"Times New Roman"}, (ws.title, fonts)
        headers = [c.value for c in ws[5]]
        for index, header in enumerate(headers):
            values = [r[index] for r in ws.iter_rows(min_row=6, values_only=True) if r[index] is not None]
            if header in NUMERIC or header in provinces:
                assert all(isinstance(v, int | float) for v in values if v != "" and not _is_total(v)), (
                    ws.title,
                    header,
                    values,
                )
            kinds = {type(v) for v in values if not _is_total(v)}
            assert not (str in kinds and (int in kinds or float in kinds)), (ws.title, header, values)


def _is_total(value) -> bool:
    return value == "Tổng cộng"


def test_a_footer_name_with_an_ampersand_stays_text():
    assert xlsx.footer_text("Báo cáo năm 2023 – Sở TT&TT Bình Phước") == "Báo cáo năm 2023 – Sở TT&&TT Bình Phước"


def test_the_pdf_and_the_workbook_say_the_same(province, world):
    """One data object for both files (the job builds it once): each total reads the same in the PDF and in the
    workbook — a number in "Thực hiện", or the words of a task in "Ghi chú"."""
    data = _data(province, world)
    html = render_report_html(data)
    sheet = load_workbook(io.BytesIO(render_report_xlsx(data)))["Tổng hợp"]
    headers = [c.value for c in sheet[5]]
    rows = {r[2]: r for r in sheet.iter_rows(min_row=6, values_only=True) if isinstance(r[0], int)}
    assert len(rows) == len(data.targets) == 3
    for target in data.targets:
        row = rows[target.indicator]
        assert row[headers.index("Đánh giá")] == target.total.label and target.total.label in html
        assert target.total.text in html
        if row[headers.index("Thực hiện")] is None:
            assert row[headers.index("Ghi chú")] == target.total.text
