"""The plan as a PDF administrative document (NĐ 30/2020 layout), and the fetcher that keeps it off disk and network.

Text is read back with poppler's pdftotext (Debian poppler-utils), as a person copying from the PDF would.
"""

from __future__ import annotations

import datetime
import re
import subprocess
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest

from campaigns.documents import render_plan_html, render_plan_pdf
from campaigns.models import (
    AwardForm,
    AwardFormKind,
    AwardQuota,
    AwardTarget,
    Campaign,
    CampaignKind,
    Criterion,
    CriterionLevel,
    LegalBasis,
    Milestone,
    MilestoneKind,
    PeriodKind,
    Phase,
    ReportingPeriod,
    Responsibility,
    UnitLevel,
)
from campaigns.tests.factories import make_unit
from emulation.lib import pdf
from emulation.templatetags.documents import ngay_van_ban, so_ky_hieu

TITLE = "Phát động phong trào thi đua “Chuyển đổi số giai đoạn 2022 - 2025” trên địa bàn tỉnh Bình Phước"
PURPOSE = (
    "Nhằm phát huy sức mạnh của cả hệ thống chính trị trong việc tuyên truyền, nâng cao nhận thức về sứ mệnh, "
    "sự cần thiết, tính cấp bách của chuyển đổi số trong xã hội và hành động đồng bộ ở các cấp."
)


def _campaign() -> Campaign:
    owner = make_unit(None, name="Sở Thông tin và Truyền thông tỉnh Bình Phước", level=UnitLevel.SO)
    campaign = Campaign.objects.create(
        owner=owner,
        number="18/KH-UBND",
        issued_on=datetime.date(2022, 5, 26),
        place="Bình Phước",
        parent_body="",
        issuer="Ủy ban nhân dân tỉnh Bình Phước",
        kind=CampaignKind.CHUYEN_DE,
        title=TITLE,
        introduction="Để đẩy nhanh tiến độ thực hiện chuyển đổi số, Ủy ban nhân dân tỉnh ban hành Kế hoạch.",
        # Long enough for a second page, where the page number shows.
        purpose="\n\n".join([PURPOSE] * 8),
        requirements="Phong trào thi đua phải được triển khai sâu rộng, đồng bộ, xuyên suốt từ tỉnh đến cơ sở.",
        start_date=datetime.date(2022, 5, 26),
        end_date=datetime.date(2025, 12, 31),
        closing="Trên đây là Kế hoạch phát động phong trào thi đua./.",
        recipients="- Ban TĐKT Trung ương;\n- Các sở, ban, ngành, đoàn thể tỉnh;\n- Lưu: VT.",
        signer_title="TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
        signer_name="Trần Tuệ Hiền",
    )
    LegalBasis.objects.create(
        campaign=campaign,
        order=1,
        verb="Thực hiện Quyết định",
        doc_number="749/QĐ-TTg",
        doc_date=datetime.date(2020, 6, 3),
        issuer="Thủ tướng Chính phủ",
        title="về phê duyệt Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030",
    )
    LegalBasis.objects.create(
        campaign=campaign,
        order=2,
        verb="Nghị quyết",
        doc_number="04-NQ/TU",
        doc_date=datetime.date(2021, 5, 18),
        issuer="Ban Chấp hành Đảng bộ tỉnh",
        title="về chuyển đổi số đến năm 2025",
    )
    Phase.objects.create(
        campaign=campaign,
        name="Giai đoạn 2022 - 2025",
        start_date=datetime.date(2022, 5, 26),
        end_date=datetime.date(2025, 12, 31),
    )
    so_ket = Milestone.objects.create(
        campaign=campaign,
        kind=MilestoneKind.SO_KET,
        name="Sơ kết phong trào",
        due_date=datetime.date(2023, 12, 31),
        period_label="Quý IV/2023",
    )
    tong_ket = Milestone.objects.create(
        campaign=campaign,
        kind=MilestoneKind.TONG_KET,
        name="Tổng kết phong trào",
        due_date=datetime.date(2025, 12, 31),
        period_label="Quý IV/2025",
    )
    ReportingPeriod.objects.create(
        campaign=campaign, kind=PeriodKind.SAU_THANG, year=2023, due_date=datetime.date(2023, 6, 15)
    )
    Criterion.objects.create(
        campaign=campaign, level=CriterionLevel.SO, text="Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng đạt 90 %."
    )
    Criterion.objects.create(
        campaign=campaign, level=CriterionLevel.XA, text="Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng đạt 60 %."
    )
    bang_khen = AwardForm.objects.create(
        code="bang-khen-ubnd-tinh",
        name="Bằng khen của Chủ tịch UBND tỉnh",
        kind=AwardFormKind.HINH_THUC,
        target=AwardTarget.CA_NHAN,
        authority="Chủ tịch UBND tỉnh",
    )
    for milestone, collective, individual in ((so_ket, 7, 15), (tong_ket, 10, 20)):
        AwardQuota.objects.create(
            campaign=campaign,
            award_form=bang_khen,
            milestone=milestone,
            max_collective=collective,
            max_individual=individual,
            leader_share_max=Decimal("40.00"),
            rule_source="QĐ 26/2020/QĐ-UBND",
        )
    Responsibility.objects.create(
        campaign=campaign, party="Sở Thông tin và Truyền thông", duties="Theo dõi, tổng hợp kết quả phong trào."
    )
    return campaign


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


def test_plan_pdf_reads_as_an_administrative_document(db, tmp_path):
    path = tmp_path / "ke-hoach.pdf"
    path.write_bytes(render_plan_pdf(_campaign()))

    layout = _pdftotext(path)
    # The header's two columns sit side by side: each line holds the left part, then the right part.
    assert re.search(r"ỦY BAN NHÂN DÂN TỈNH\s+CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", layout)
    assert re.search(r"BÌNH PHƯỚC\s+Độc lập - Tự do - Hạnh phúc", layout)
    assert re.search(r"Số: 18/KH-UBND\s+Bình Phước, ngày 26 tháng 5 năm 2022", layout)
    # The quotas' table, one row per award form and target, each on its line: 7 tập thể and 15 cá nhân (leaders
    # ≤ 40 %) at the sơ kết, 10 and 20 at the tổng kết. (It used to put tập thể and cá nhân on one row.)
    for collective, individual in (("7", "15"), ("10", "20")):
        assert re.search(rf"\s{collective} +– ", layout) and re.search(rf"\s{individual} +40 %", layout)
    assert layout.count("UBND tỉnh – tập thể") == 2 and layout.count("UBND tỉnh – cá nhân") == 2
    assert "(Quý IV/2023)" in layout and "(Quý IV/2025)" in layout
    assert re.search(r"Nơi nhận:\s+TM. ỦY BAN NHÂN DÂN", layout)

    text = " ".join(layout.split())  # for the rest, line breaks and layout spacing do not matter
    assert f"KẾ HOẠCH {TITLE}" in text
    assert "Thực hiện Quyết định số 749/QĐ-TTg ngày 03/06/2020 của Thủ tướng Chính phủ về phê duyệt" in text
    assert "04-NQ/TU" in text
    # Sections II (phạm vi…) and V (hồ sơ) have no content here: the numbering runs on without them.
    assert "I. MỤC ĐÍCH, YÊU CẦU" in text and "II. TIÊU CHÍ THI ĐUA" in text
    assert "III. HÌNH THỨC VÀ SỐ LƯỢNG KHEN THƯỞNG" in text and "IV. TIẾN ĐỘ THỰC HIỆN" in text
    assert "V. TỔ CHỨC THỰC HIỆN" in text and "PHẠM VI" not in text and "HỒ SƠ, THỜI HẠN" not in text
    assert "1. Sở, ban, ngành" in text and "2. Cấp xã" in text
    assert "- Ban TĐKT Trung ương;" in text and "- Lưu: VT." in text
    assert "PHÓ CHỦ TỊCH" in text and "Trần Tuệ Hiền" in text


def test_plan_pdf_numbers_pages_from_the_second(db, tmp_path):
    path = tmp_path / "ke-hoach.pdf"
    path.write_bytes(render_plan_pdf(_campaign()))

    assert _page_count(path) >= 2
    assert _first_line(_pdftotext(path, 1, 1)) != "1"
    assert _first_line(_pdftotext(path, 2, 2)) == "2"


def test_sections_without_content_leave_no_heading_and_no_gap_in_numbering(db, tmp_path):
    campaign = _campaign()
    Criterion.objects.filter(campaign=campaign).delete()
    campaign.purpose = campaign.requirements = ""
    campaign.save()
    path = tmp_path / "ke-hoach.pdf"
    path.write_bytes(render_plan_pdf(campaign))

    text = " ".join(_pdftotext(path).split())
    assert "MỤC ĐÍCH, YÊU CẦU" not in text and "TIÊU CHÍ THI ĐUA" not in text
    assert "I. HÌNH THỨC VÀ SỐ LƯỢNG KHEN THƯỞNG" in text
    assert "II. TIẾN ĐỘ THỰC HIỆN" in text


def test_a_draft_leaves_number_and_date_blank(db, tmp_path):
    campaign = _campaign()
    campaign.number = ""
    campaign.issued_on = None
    campaign.save()
    path = tmp_path / "du-thao.pdf"
    path.write_bytes(render_plan_pdf(campaign))

    text = _pdftotext(path)
    # The ký hiệu is the issuer's (KH-UBND), never "KH-…"; the number and the date are left blank, and the page is
    # marked as a draft.
    assert re.search(r"Số:\s+/KH-UBND", text) and "/KH-…" not in text and "Số: 18" not in text
    assert "ngày" in text and "2022" not in text.split("KẾ HOẠCH")[0]
    assert "DỰ THẢO" in text.split("KẾ HOẠCH")[0]


def test_plan_is_read_in_a_fixed_number_of_queries(db, django_assert_num_queries):
    campaign = _campaign()
    # the campaign, one query per section, participants and clusters, and the owner's names as of the plan's date
    # (its parents, then the past states valid that day: campaigns.orgchart.chain_on)
    with django_assert_num_queries(12):
        render_plan_html(campaign)


def test_user_text_stays_text(db):
    campaign = _campaign()
    campaign.title = '<img src="file:///etc/passwd"> Kế hoạch'
    campaign.save()
    LegalBasis.objects.create(campaign=campaign, verb="Căn cứ", doc_number="1/KH-X", title='<img src="/x"> 2/2023')
    campaign.purpose = '- <script>alert("x")</script>\n+ 5/2023 <b>'
    campaign.save()
    html = render_plan_html(campaign)
    assert '<img src="file:///etc/passwd">' not in html and "&lt;img" in html
    # Citations and text fields go through the filter that keeps numbers on one line: still escaped.
    assert '<img src="/x">' not in html and "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html


# --- The fetcher -------------------------------------------------------------------------------------------


@pytest.fixture
def fetched(monkeypatch):
    """Every URL WeasyPrint asks the fetcher for, with what came of it; urllib must never be reached."""
    calls: list[tuple[str, BaseException | None]] = []
    serve = pdf.StaticFilesFetcher.fetch

    def recording(self, url, headers=None):
        try:
            response = serve(self, url, headers)
        except Exception as error:
            calls.append((url, error))
            raise
        calls.append((url, None))
        return response

    def forbidden(self, url, headers=None):
        raise AssertionError(f"urllib was asked for {url}")

    monkeypatch.setattr(pdf.StaticFilesFetcher, "fetch", recording)
    monkeypatch.setattr(pdf.URLFetcher, "fetch", forbidden)
    return calls


def test_fetcher_refuses_files_and_network_and_the_pdf_is_still_made(fetched, monkeypatch):
    opened: list[str] = []
    real_open = open
    monkeypatch.setattr(
        "builtins.open", lambda file, *args, **kwargs: opened.append(str(file)) or real_open(file, *args, **kwargs)
    )
    html = """<!doctype html><html><head>
      <link rel="stylesheet" href="/static/css/document.css">
      <link rel="stylesheet" href="https://example.com/evil.css">
      </head><body><p>Nội dung</p>
      <img src="file:///etc/passwd"><img src="http://example.com/x.png">
      <img src="/static/../../../../etc/passwd"><img src="/static/%2e%2e/%2e%2e/etc/passwd">
      <img src="data:image/png;base64,iVBORw0KGgo="></body></html>"""

    result = pdf.render_pdf(html)

    assert result.startswith(b"%PDF-")
    outcome = dict(fetched)
    assert outcome[pdf.BASE_URL + "static/css/document.css"] is None  # our own stylesheet is served
    for url in (
        "file:///etc/passwd",
        "http://example.com/x.png",
        "https://example.com/evil.css",
        pdf.BASE_URL + "etc/passwd",  # "/static/../../etc/passwd" once joined to the base
        pdf.BASE_URL + "static/%2e%2e/%2e%2e/etc/passwd",
        "data:image/png;base64,iVBORw0KGgo=",
    ):
        assert isinstance(outcome[url], pdf.ResourceRefused), url
    assert not any("passwd" in name for name in opened)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "https://example.com/static/css/document.css",
        pdf.BASE_URL + "static//etc/passwd",
        pdf.BASE_URL + "static/css/..%2f..%2f..%2fsettings.py",
        pdf.BASE_URL + "static/css/missing.css",
        pdf.BASE_URL + "media/campaigns/1/signed.pdf",
    ],
)
def test_fetcher_serves_nothing_but_static_files(url):
    with pytest.raises(pdf.ResourceRefused):
        pdf.StaticFilesFetcher().fetch(url)


def test_fetcher_serves_a_static_file_with_its_type():
    response = pdf.StaticFilesFetcher().fetch(pdf.BASE_URL + "static/css/document.css?v=2")
    assert response.content_type == "text/css"
    assert b"@page" in response.read()


def test_fetcher_maps_a_hashed_name_back_to_its_source(monkeypatch):
    # In production `{% static %}` goes through the manifest storage and names files by their hash.
    storage = SimpleNamespace(hashed_files={"css/document.css": "css/document.0123abcd.css"})
    monkeypatch.setattr(pdf, "staticfiles_storage", storage)
    response = pdf.StaticFilesFetcher().fetch(pdf.BASE_URL + "static/css/document.0123abcd.css")
    assert b"@page" in response.read()


# --- Filters -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2025, 2, 5), "ngày 05 tháng 02 năm 2025"),
        (datetime.date(2022, 5, 26), "ngày 26 tháng 5 năm 2022"),
        (datetime.date(2023, 1, 15), "ngày 15 tháng 01 năm 2023"),
        (datetime.date(2024, 12, 9), "ngày 09 tháng 12 năm 2024"),
        (None, "ngày     tháng     năm     "),
    ],
)
def test_ngay_van_ban(day, expected):
    assert ngay_van_ban(day) == expected


@pytest.mark.parametrize(
    ("number", "document_type", "expected"),
    [
        ("18/KH-UBND", "Kế hoạch", "Số: 18/KH-UBND"),
        ("5/BC-STTTT", "Báo cáo", "Số: 05/BC-STTTT"),
        ("", "Kế hoạch", "Số:      /KH-…"),
        ("", "KH", "Số:      /KH-…"),
        (None, "Văn bản", "Số:      /…"),
    ],
)
def test_so_ky_hieu(number, document_type, expected):
    assert so_ky_hieu(number, document_type) == expected
