"""The award documents: Báo cáo thành tích (Mẫu 07) of a person and of a collective, tóm tắt thành tích, the
council's Biên bản, the Quyết định and the Tờ trình — read back as a person would (python-docx for DOCX, poppler's
pdftotext for PDF) — and their downloads, which only those who may read the object get."""

from __future__ import annotations

import io
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from docx import Document
from docx.shared import Pt

from awards import documents
from awards.tests.matrix_documents import award_world
from awards.views.documents import content_disposition
from campaigns.models import ReportingPeriod
from indicators.models import Indicator, Submission, Target, Value

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# --- Reading the files back ------------------------------------------------------------------------------------


def _docx(data: bytes):
    return Document(io.BytesIO(data))


def _docx_text(data: bytes) -> str:
    """Every paragraph, in the body and in table cells (tables nested in order), one per line; the no-break
    spaces that keep a header's last words together read as spaces."""
    doc = _docx(data)
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines += [cell.text for cell in row.cells]
    return "\n".join(lines).replace("\u00a0", " ")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _rows(data: bytes) -> list[list[str]]:
    """The rows of every table, as lists of cell texts."""
    return [
        [cell.text.replace("\u00a0", " ") for cell in row.cells] for table in _docx(data).tables for row in table.rows
    ]


def _pdftotext(data: bytes, tmp_path: Path, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return text.replace("\u00a0", " ")


# --- Báo cáo thành tích of a person ----------------------------------------------------------------------------


def test_person_report_docx_holds_the_three_parts_with_the_nominee_facts(world):
    w = award_world(world)
    data = documents.render_report_docx(w.person)
    text = _docx_text(data)

    # Header: the proposing unit's parent body and name; Quốc hiệu and tiêu ngữ.
    assert "SỞ TT&TT TỈNH A" in text and "PHÒNG CNTT TỈNH A" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "BÁO CÁO THÀNH TÍCH" in text
    assert "ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH" in text
    assert "Chuyển đổi số giai đoạn 2022 - 2025" in text
    # I. Sơ lược lý lịch
    assert "I. SƠ LƯỢC LÝ LỊCH" in text
    assert "Họ và tên: Nguyễn Văn An" in text
    assert "Sinh ngày, tháng, năm: 12/03/1985" in text and "Giới tính: Nam" in text
    assert "Quê quán: Xã Tân Lập, huyện Đồng Phú, tỉnh Bình Phước" in text
    assert "Trú quán: Phường Tân Phú, thành phố Đồng Xoài" in text
    assert "Đơn vị công tác: Phòng CNTT tỉnh A" in text
    assert "Chức vụ (Đảng, chính quyền, đoàn thể): Phó Trưởng phòng" in text
    assert "Kỹ sư Công nghệ thông tin" in text and "Thạc sĩ" in text
    # II. Thành tích: duties, achievements (two paragraphs), rating, measures and the initiative
    assert "II. THÀNH TÍCH ĐẠT ĐƯỢC" in text
    assert "Phụ trách công tác chuyển đổi số" in text
    assert "Tham mưu triển khai nền tảng số dùng chung.\nĐưa 100 % thủ tục hành chính lên trực tuyến." in text
    assert "Kết quả đánh giá, xếp loại năm 2025: Hoàn thành xuất sắc nhiệm vụ." in text
    assert "Sáng kiến “Số hóa hồ sơ một cửa”" in text
    # III. Two tables of prior awards, danh hiệu and hình thức apart.
    assert "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG" in text
    rows = _rows(data)
    titles_header = next(r for r in rows if r[:2] == ["Năm", "Danh hiệu thi đua"])
    assert "quyết định công nhận danh hiệu thi đua" in titles_header[2]
    assert ["2023", "Chiến sĩ thi đua cơ sở", "QĐ 45/QĐ-STTTT ngày 10/12/2023"] in rows
    assert next(r for r in rows if r[:2] == ["Năm", "Hình thức khen thưởng"])
    assert ["2024", "Giấy khen của Giám đốc Sở", "QĐ 88/QĐ-STTTT"] in rows
    # Signatures: the person on the left, the head of the unit on the right, then the certifying level.
    titles = next(i for i, r in enumerate(rows) if "NGƯỜI BÁO CÁO THÀNH TÍCH" in r[0])
    assert "THỦ TRƯỞNG ĐƠN VỊ" in rows[titles][1]
    assert rows[titles + 1] == ["Nguyễn Văn An", "Lê Thị Hoa"]  # the names, level, under room to sign
    assert any("XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG" in r[0] for r in rows)


def test_docx_is_a4_with_the_decree_margins_in_times_new_roman(world):
    doc = _docx(documents.render_report_docx(award_world(world).person))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert tuple(round(m.mm) for m in margins) == (20, 20, 30, 15)
    normal = doc.styles["Normal"].font
    assert normal.name == "Times New Roman" and normal.size == Pt(14)
    # The two-column header is a borderless table; the prior-award tables carry borders.
    header, *others = doc.tables
    assert header.style.name != "Table Grid"
    assert any(t.style.name == "Table Grid" for t in others)
    assert section.different_first_page_header_footer  # page numbers from page 2
    assert round(header.columns[0].width.mm) == 70  # the layer's header column (emulation.lib.paper_docx)


def test_person_report_pdf_reads_as_the_form(world, tmp_path):
    layout = _pdftotext(documents.render_report_pdf(award_world(world).person), tmp_path, "mau-07.pdf")

    # The header's two columns side by side.
    assert re.search(r"SỞ TT&TT TỈNH A\s+CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", layout)
    assert re.search(r"PHÒNG CNTT TỈNH A\s+Độc lập - Tự do - Hạnh phúc", layout)
    # The prior awards' tables, a row per line.
    assert re.search(r"2023\s+Chiến sĩ thi đua cơ sở\s+QĐ 45/QĐ-STTTT", layout)
    assert re.search(r"2024\s+Giấy khen của Giám đốc Sở\s+QĐ 88/QĐ-STTTT", layout)
    assert re.search(r"NGƯỜI BÁO CÁO THÀNH TÍCH\s+THỦ TRƯỞNG ĐƠN VỊ", layout)

    text = _flat(layout)
    assert "BÁO CÁO THÀNH TÍCH ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH" in text
    assert "Nguyễn Văn An, Phó Trưởng phòng, Phòng CNTT tỉnh A" in text
    assert "I. SƠ LƯỢC LÝ LỊCH" in text and "II. THÀNH TÍCH ĐẠT ĐƯỢC" in text
    assert "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG" in text
    assert "Sinh ngày, tháng, năm: 12/03/1985" in text and "Giới tính: Nam" in text
    assert "Chức vụ (Đảng, chính quyền, đoàn thể): Phó Trưởng phòng" in text
    assert "Đơn vị công tác: Phòng CNTT tỉnh A" in text
    assert "1. Quyền hạn, nhiệm vụ được giao hoặc đảm nhận:" in text
    assert "XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG" in text and "Lê Thị Hoa" in text


def test_empty_facts_leave_lines_to_fill_in_and_no_prior_awards_say_so(world, tmp_path):
    person = award_world(world).person
    person.hometown = person.duties = ""
    person.save()
    person.prior_awards.all().delete()
    text = _docx_text(documents.render_report_docx(person))
    assert f"Quê quán: {documents.FILL}" in text
    assert text.count("Không có.") == 2
    pdf = _flat(_pdftotext(documents.render_report_pdf(person), tmp_path, "trong.pdf"))
    assert "Quê quán: …" in pdf and pdf.count("Không có.") == 2


def test_user_text_stays_text(world, tmp_path):
    person = award_world(world).person
    person.full_name = 'Trần <b>Bình</b> & "Cường"\x0b'
    # (No NUL byte: PostgreSQL cannot store one, and forms refuse it before it gets here.)
    person.achievements = "<script>alert(1)</script> <img src='file:///etc/passwd'>"
    person.save()

    html = documents.render_report_html(person)
    assert "<script>" not in html and "&lt;script&gt;" in html and "<img" not in html
    text = _flat(_pdftotext(documents.render_report_pdf(person), tmp_path, "text.pdf"))
    assert 'Trần <b>Bình</b> & "Cường"' in text and "<script>alert(1)</script>" in text
    docx_text = _docx_text(documents.render_report_docx(person))
    assert 'Trần <b>Bình</b> & "Cường"' in docx_text and "<img src='file:///etc/passwd'>" in docx_text


# --- Báo cáo thành tích of a collective ------------------------------------------------------------------------


def _approved_figures(w, world):
    """An approved annual report of phòng A in the award campaign: one target met, one missed."""
    rate = Indicator.objects.create(
        code="tthc-truc-tuyen",
        name="Tỷ lệ hồ sơ TTHC xử lý trực tuyến",
        measure="percent",
        entry="number",
        unit_label="%",
    )
    target = Target.objects.create(campaign=w.campaign, indicator=rate, comparator="gte", value=Decimal(80))
    period = ReportingPeriod.objects.get(campaign=w.campaign, kind="nam", year=2025)
    submission = Submission.objects.create(period=period, unit=world.phong_a, status="da_duyet")
    Value.objects.create(submission=submission, target=target, value=Decimal("86.5"))


def test_collective_report_has_the_collective_parts_and_member_counts(world, tmp_path):
    w = award_world(world)
    _approved_figures(w, world)
    data = documents.render_report_docx(w.collective)
    text = _docx_text(data)
    assert "ĐỀ NGHỊ TẶNG GIẤY KHEN CỦA GIÁM ĐỐC SỞ" in text
    assert "Phòng Công nghệ thông tin" in text
    assert "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH" in text and "Phòng có 12 công chức" in text
    assert "2. Chức năng, nhiệm vụ:" in text and "Tham mưu quản lý nhà nước" in text
    assert "II. THÀNH TÍCH ĐẠT ĐƯỢC" in text and "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG" in text
    assert "SƠ LƯỢC LÝ LỊCH" not in text and "NGƯỜI BÁO CÁO THÀNH TÍCH" not in text
    rows = _rows(data)
    assert ["Tổng số cán bộ, công chức, viên chức, người lao động", "12", "100 %"] in rows
    assert ["Hoàn thành xuất sắc nhiệm vụ", "4", "33,3 %"] in rows
    assert ["Hoàn thành tốt nhiệm vụ", "8", "66,7 %"] in rows
    assert ["Bị kỷ luật (cảnh cáo trở lên)", "0", "0 %"] in rows
    # The unit's approved figures, judged against the campaign's targets, under the period they belong to.
    assert ["Năm 2025"] * 4 in rows  # the period's heading spans the table
    assert ["Tỷ lệ hồ sơ TTHC xử lý trực tuyến", "≥ 80 %", "86,5 %", "Vượt"] in rows
    assert any("XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG" in r[0] and "THỦ TRƯỞNG ĐƠN VỊ" in r[1] for r in rows)

    layout = _pdftotext(documents.render_report_pdf(w.collective), tmp_path, "tap-the.pdf")
    assert re.search(r"Hoàn thành xuất sắc nhiệm vụ\s+4\s+33,3 %", layout)
    assert re.search(r"Năm 2025\s+Tỷ lệ hồ sơ TTHC xử lý trực tuyến\s+≥ 80 %\s+86,5 %\s+Vượt", layout)
    text = _flat(layout)
    assert "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH" in text and "ĐỀ NGHỊ TẶNG GIẤY KHEN CỦA GIÁM ĐỐC SỞ" in text


# --- Tóm tắt thành tích ---------------------------------------------------------------------------------------


def test_summary_lists_every_nominee_with_form_and_summary(world):
    w = award_world(world)
    data = documents.render_summary_docx(w.dossier)
    rows = _rows(data)
    assert ["TT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Hình thức đề nghị", "Tóm tắt thành tích"] in rows
    assert [
        "1",
        "Nguyễn Văn An",
        "Phó Trưởng phòng, Phòng CNTT tỉnh A",
        "Bằng khen của Chủ tịch UBND tỉnh",
        "Hoàn thành xuất sắc nhiệm vụ 2 năm liên tục; 01 sáng kiến cấp tỉnh.",
    ] in rows
    assert ["2", "Phòng Công nghệ thông tin", "Sở TT&TT tỉnh A"] == next(r for r in rows if r[0] == "2")[:3]
    text = _docx_text(data)
    assert "TÓM TẮT THÀNH TÍCH" in text and "Kèm theo Tờ trình số 12/TTr-CNTT ngày 20/11/2025" in text
    assert "Tổng số: 01 tập thể và 01 cá nhân." in text


# --- Biên bản ---------------------------------------------------------------------------------------------------


def test_minutes_record_each_vote_against_the_total_membership(world, tmp_path):
    w = award_world(world)
    data = documents.render_minutes_docx(w.meeting)
    text = _docx_text(data)
    assert "BIÊN BẢN" in text and "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG" in text
    assert "Số: 03/BB-HĐTĐKT" in text
    assert "Thời gian: bắt đầu lúc 08 giờ 00 phút, ngày 05/12/2025." in text
    assert "Địa điểm: Phòng họp Sở TT&TT tỉnh A." in text
    assert "Chủ trì: Trần Văn Bình, Giám đốc Sở, Chủ tịch Hội đồng." in text
    assert "Thư ký: Phạm Thu Hà, Chuyên viên Văn phòng Sở." in text
    assert "Hội đồng có 11 thành viên; có mặt 10 thành viên; vắng mặt 01 thành viên" in text
    assert "1. Đỗ Văn Vắng, Phó Giám đốc Sở, Ủy viên (có phiếu biểu quyết bằng văn bản);" in text
    # Each form with its method and the rule's exact wording, counted on the whole membership.
    assert (
        "Bằng khen của Chủ tịch UBND tỉnh: biểu quyết công khai; đạt khi có từ 90 % trở lên tổng số thành viên" in text
    )
    assert "(ít nhất 10/11 thành viên đồng ý)" in text
    rows = _rows(data)
    person = next(r for r in rows if r[1].startswith("Nguyễn Văn An"))
    assert person[2:] == ["10", "01", "90,9 %", "Đạt"]
    collective = next(r for r in rows if r[1].startswith("Phòng Công nghệ thông tin"))
    assert collective[2:] == ["09", "01", "81,8 %", "Đạt"]
    assert "Có 02/02 tập thể, cá nhân đạt tỷ lệ phiếu đồng ý theo quy định" in text
    assert "Cuộc họp kết thúc lúc 09 giờ 45 phút cùng ngày." in text

    layout = _pdftotext(documents.render_minutes_pdf(w.meeting), tmp_path, "bien-ban.pdf")
    assert re.search(r"Nguyễn Văn An\s+10\s+01\s+90,9 %\s+Đạt", layout)
    assert re.search(r"Phòng Công nghệ thông tin\s+09\s+01\s+81,8 %\s+Đạt", layout)
    assert re.search(r"SỞ TT&TT\s+CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", layout)
    assert re.search(r"Số: 03/BB-HĐTĐKT", layout) and "A, ngày 05 tháng 12 năm 2025" in layout
    text = _flat(layout)
    assert "BIÊN BẢN" in text and "Trần Văn Bình" in text and "Phạm Thu Hà" in text
    assert "có mặt 10 thành viên" in text and "II. KẾT QUẢ BIỂU QUYẾT" in text
    assert "≥" not in text


# --- Quyết định, Tờ trình --------------------------------------------------------------------------------------


def test_decision_confers_in_article_one_with_the_list(world, tmp_path):
    w = award_world(world)
    data = documents.render_decision_docx(w.decision)
    text = _docx_text(data)
    # The header is the Sở's, from its unit (the province in the line above, not repeated under it).
    assert "UBND TỈNH A\nSỞ TT&TT\n" in text
    assert "Số: 125/QĐ-STTTT" in text and "A, ngày 15 tháng 12 năm 2025" in text
    assert "QUYẾT ĐỊNH" in text and "Về việc khen thưởng" in text
    assert "GIÁM ĐỐC SỞ TT&TT" in text
    assert "Căn cứ kết quả họp Hội đồng Thi đua – Khen thưởng Sở TT&TT tỉnh A ngày 05/12/2025;" in text
    assert "Xét đề nghị của Thường trực Hội đồng Thi đua – Khen thưởng." in text
    assert "Điều 1. Tặng Giấy khen của Giám đốc Sở cho 01 tập thể" in text
    assert "Điều 2." in text and "Điều 3." in text and "Nơi nhận:" in text and "Như Điều 3;" in text
    assert ["1", "Phòng Công nghệ thông tin", "Sở TT&TT tỉnh A", "Giấy khen của Giám đốc Sở"] in _rows(data)
    assert "Hoàng Minh Châu" in text

    layout = _pdftotext(documents.render_decision_pdf(w.decision), tmp_path, "quyet-dinh.pdf")
    assert re.search(r"UBND TỈNH A\s+CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", layout)
    assert "Số: 125/QĐ-STTTT" in layout and "A, ngày 15 tháng 12 năm 2025" in layout
    assert re.search(r"1\s+Phòng Công nghệ thông( tin)?\s+Sở TT&TT tỉnh A\s+Giấy khen của Giám đốc", layout)
    assert re.search(r"Nơi nhận:\s+GIÁM ĐỐC", layout)
    text = _flat(layout)
    assert "QUYẾT ĐỊNH Về việc khen thưởng" in text and "Điều 1." in text and "Hoàng Minh Châu" in text


def test_to_trinh_goes_to_the_province_board_with_the_list(world, tmp_path):
    w = award_world(world)
    data = documents.render_decision_docx(w.to_trinh)
    text = _docx_text(data)
    assert "TỜ TRÌNH" in text and "Số: 130/TTr-STTTT" in text
    assert "Kính gửi: Ban Thi đua – Khen thưởng tỉnh A." in text
    assert "Về việc đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh" in text
    # The texts in force on the Tờ trình's date (16/12/2025): the 2022 law and Nghị định 152/2025 only.
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15/06/2022;" in text
    assert "Căn cứ Nghị định số 152/2025/NĐ-CP" in text and "98/2023" not in text
    assert "Căn cứ kết quả họp Hội đồng Thi đua – Khen thưởng Sở TT&TT tỉnh A ngày 05/12/2025," in text
    assert ["1", "Nguyễn Văn An", "Phó Trưởng phòng, Phòng CNTT tỉnh A", "Bằng khen của Chủ tịch UBND tỉnh"] in _rows(
        data
    )
    assert (
        "Sở TT&TT kính đề nghị Ban Thi đua – Khen thưởng tỉnh A xem xét, trình Chủ tịch UBND "
        "tỉnh tặng Bằng khen của Chủ tịch UBND tỉnh cho 01 cá nhân đã có thành tích xuất sắc" in text
    )
    assert "QUYẾT ĐỊNH:" not in text and "Điều 1." not in text

    text = _flat(_pdftotext(documents.render_decision_pdf(w.to_trinh), tmp_path, "to-trinh.pdf"))
    assert "TỜ TRÌNH" in text and "Kính gửi: Ban Thi đua – Khen thưởng tỉnh A." in text
    assert "Nguyễn Văn An" in text and "01 cá nhân" in text


# --- Downloads -------------------------------------------------------------------------------------------------

DOSSIER_DOCS = [
    ("awards:report_docx", "person", DOCX),
    ("awards:report_pdf", "person", "application/pdf"),
    ("awards:summary_docx", "dossier", DOCX),
]
SO_DOCS = [
    ("awards:minutes_docx", "meeting", DOCX),
    ("awards:minutes_pdf", "meeting", "application/pdf"),
    ("awards:decision_docx", "decision", DOCX),
    ("awards:decision_pdf", "decision", "application/pdf"),
    ("awards:decision_docx", "to_trinh", DOCX),
]


def _url(world, name, attr, **extra):
    return reverse(name, kwargs={"pk": getattr(award_world(world), attr).pk, **extra})


@pytest.mark.parametrize(("name", "attr", "content_type"), DOSSIER_DOCS)
@pytest.mark.parametrize("persona", ["staff", "office"])
def test_unit_and_office_download_the_dossier_documents(world, login, name, attr, content_type, persona):
    response = login(getattr(world, persona)).get(_url(world, name, attr))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize(("name", "attr", "content_type"), SO_DOCS)
def test_office_downloads_the_council_and_decision_documents(world, login, name, attr, content_type):
    response = login(world.office).get(_url(world, name, attr))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize(("name", "attr", "content_type"), SO_DOCS)
def test_the_unit_staff_do_not_read_the_so_records(world, login, name, attr, content_type):
    assert login(world.staff).get(_url(world, name, attr)).status_code == 404


@pytest.mark.parametrize(("name", "attr", "content_type"), DOSSIER_DOCS + SO_DOCS)
@pytest.mark.parametrize("persona", ["outsider", "office_b"])
def test_another_province_gets_404(world, login, name, attr, content_type, persona):
    assert login(getattr(world, persona)).get(_url(world, name, attr)).status_code == 404


def test_generated_file_names_are_vietnamese_with_an_ascii_fallback(world, login):
    response = login(world.staff).get(_url(world, "awards:report_docx", "person"))
    disposition = response["Content-Disposition"]
    assert 'filename="Bao-cao-thanh-tich-Nguyen-Van-An.docx"' in disposition
    assert "filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20th%C3%A0nh%20t%C3%ADch%20-%20Nguy%E1%BB%85n" in disposition
    _docx(response.content)  # a real DOCX
    response = login(world.office).get(_url(world, "awards:decision_pdf", "decision"))
    assert 'filename="Quyet-dinh-125-QD-STTTT.pdf"' in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF-")


def test_a_hostile_name_cannot_break_the_header():
    disposition = content_disposition('a"b\r\nSet-Cookie: x=1;\\/..\x00.pdf')
    assert "\r" not in disposition and "\n" not in disposition and "\x00" not in disposition
    ascii_part = disposition.split('filename="', 1)[1].split('"', 1)[0]
    assert re.fullmatch(r"[A-Za-z0-9._-]+", ascii_part)


@pytest.mark.parametrize(
    ("which", "body", "name"),
    [
        ("to-trinh", b"%PDF-1.4 to trinh", "T%E1%BB%9D%20tr%C3%ACnh%20s%E1%BB%91%2012.pdf"),
        ("bien-ban", b"%PDF-1.4 bien ban", "Bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%8Dp.pdf"),
    ],
)
def test_dossier_files_are_attachments_under_their_uploaded_names(world, login, which, body, name):
    response = login(world.staff).get(_url(world, "awards:dossier_file", "dossier", which=which))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == body
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert f"filename*=UTF-8''{name}" in response["Content-Disposition"]


def test_an_unknown_or_missing_dossier_file_is_404(world, login):
    client = login(world.office)
    assert client.get(_url(world, "awards:dossier_file", "dossier", which="khac")).status_code == 404
    w = award_world(world)
    w.dossier.minutes_file = ""
    w.dossier.save()
    assert client.get(_url(world, "awards:dossier_file", "dossier", which="bien-ban")).status_code == 404
    assert login(world.outsider).get(_url(world, "awards:dossier_file", "dossier", which="to-trinh")).status_code == 404


def test_signed_report_and_decision_file_download_or_404(world, login):
    client = login(world.office)
    response = client.get(_url(world, "awards:nominee_signed_report", "person"))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 mau 07"
    assert client.get(_url(world, "awards:nominee_signed_report", "collective")).status_code == 404

    response = client.get(_url(world, "awards:decision_file", "decision"))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    assert 'filename="Quyet-dinh-125-QD-STTTT.pdf"' in response["Content-Disposition"]
    assert client.get(_url(world, "awards:decision_file", "to_trinh")).status_code == 404  # nothing uploaded
    assert login(world.staff).get(_url(world, "awards:decision_file", "decision")).status_code == 404
    assert login(world.office_b).get(_url(world, "awards:decision_file", "decision")).status_code == 404


def test_anonymous_is_sent_to_login(world, login):
    response = login(None).get(_url(world, "awards:report_pdf", "person"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_vote_under_the_threshold_is_marked_not_passed_and_not_cited(world, tmp_path):
    w = award_world(world)
    w.collective.votes.update(votes_for=6, votes_against=4, passed=False)
    rows = _rows(documents.render_minutes_docx(w.meeting))
    assert next(r for r in rows if r[1].startswith("Phòng Công nghệ thông tin"))[2:] == [
        "06",
        "04",
        "54,5 %",
        "Không đạt",
    ]
    layout = _pdftotext(documents.render_minutes_pdf(w.meeting), tmp_path, "khong-dat.pdf")
    assert re.search(r"Phòng Công nghệ thông tin\s+06\s+04\s+54,5 %\s+Không đạt", layout)
    assert "đạt khi có từ 80 % trở lên tổng số thành viên Hội đồng" in _flat(layout)
    flat = _flat(layout)
    assert "Có 01/02 tập thể, cá nhân đạt tỷ lệ phiếu đồng ý theo quy định" in flat
    assert "không đề nghị khen thưởng: Phòng Công nghệ thông tin" in flat
    # The decision cites only the meetings where its nominees passed.
    text = _docx_text(documents.render_decision_docx(w.decision))
    assert "Căn cứ kết quả họp" not in text


def test_a_danh_hieu_is_recognised_not_given(world):
    form = award_world(world).collective.award_form
    form.kind, form.name = "danh_hieu", "Tập thể lao động tiên tiến"
    form.save()
    w = award_world(world)
    assert "Điều 1. Công nhận danh hiệu Tập thể lao động tiên tiến cho 01 tập thể" in _docx_text(
        documents.render_decision_docx(w.decision)
    )
    assert "ĐỀ NGHỊ TẶNG DANH HIỆU TẬP THỂ LAO ĐỘNG TIÊN TIẾN" in _docx_text(documents.render_report_docx(w.collective))
