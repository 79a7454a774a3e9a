"""The five demo plans (seeds 000–004) as the papers a Ban TĐKT officer files: PDF and DOCX alike carry the two header
lines, "Số: …/<ký hiệu>", citations with their type, the signature block with title and name, Nơi nhận ending
"Lưu: VT"; a plan that lacks them is refused with a message; the quota table and the bullets read as the plan does.

Every plan's pages are written as PNG to artifacts/documents/plan-<n>-<page>.png (tests.paper.pdf_text).
"""

from __future__ import annotations

import datetime
import importlib
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from campaigns import demo, demo_campaigns
from campaigns.catalogue import load_catalogue
from campaigns.documents import (
    checked_paper,
    paragraphs,
    plan_body,
    plan_file_stem,
    plan_header,
    quota_table,
    render_plan_docx,
    render_plan_pdf,
)
from campaigns.forms import CampaignForm
from campaigns.models import Campaign, CampaignStatus, LegalBasis, Signer, Unit, User
from campaigns.selectors import campaign_plan
from emulation.lib.paper import DocumentIncomplete
from tests.paper import assert_paper, docx_text, flat, pdf_text


@dataclass(frozen=True)
class Expected:
    seed: int
    owner: str
    parent: str
    issuer: str
    number: str
    citation: str
    signer: tuple[str, str]
    file_stem: str


# What each plan must show: the seeds' own number, types and signers; where a seed shows none, the demo's
# illustrative one (see campaigns/demo_campaigns.py).
PLANS = [
    Expected(
        0,
        "stttt-binh-phuoc",
        "UBND TỈNH BÌNH PHƯỚC",
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "Số: /KH-STTTT",  # the source leaves the number blank
        "Thực hiện Kế hoạch số 18/KH-UBND ngày 10/01/2023 của UBND tỉnh Bình Phước về việc tổ chức thực hiện",
        ("GIÁM ĐỐC", "Nguyễn Hoài Nam"),
        "KH-STTTT-BinhPhuoc-2023",
    ),
    Expected(
        1,
        "stttt-lao-cai",
        "KHỐI THI ĐUA SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "CỤM THI ĐUA SỐ 2",
        "Số: /CTr-CTĐ",
        "Thực hiện Quyết định số 2341/QĐ-BTTTT ngày 16/12/2022 của Bộ Thông tin và Truyền thông về việc ban hành",
        ("CỤM TRƯỞNG", "Trần Quốc Hưng"),
        "CTr-CTD-LaoCai-2023",
    ),
    Expected(
        2,
        "bo-tttt",
        "",
        "BỘ THÔNG TIN VÀ TRUYỀN THÔNG",
        "Số: 103/CT-BTTTT",
        # A Chỉ thị cites nothing before its text; its body cites with types.
        "Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị",
        ("BỘ TRƯỞNG", "Nguyễn Mạnh Hùng"),
        "CT-103-BTTTT-2021",
    ),
    Expected(
        3,
        "stttt-binh-phuoc",
        "",
        "ỦY BAN NHÂN DÂN TỈNH BÌNH PHƯỚC",
        "Số: /KH-UBND",
        "Thực hiện Quyết định số 749/QĐ-TTg ngày 03/06/2020 của Thủ tướng Chính phủ về phê duyệt",
        ("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH", "Trần Tuệ Hiền"),
        "KH-UBND-BinhPhuoc-2022",
    ),
    Expected(
        4,
        "stttt-bac-kan",
        "UBND TỈNH BẮC KẠN",
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "Số: /KH-STTTT",
        "Căn cứ Kế hoạch số 17/KH-UBND ngày 13/01/2022 của UBND tỉnh Bắc Kạn về việc phát động thi đua",
        ("GIÁM ĐỐC", "Hà Văn Tiến"),
        "KH-STTTT-BacKan-2022",
    ),
]


@pytest.fixture
def plans(db, settings) -> list[Campaign]:
    settings.DEBUG = True
    demo.load()
    load_catalogue()
    return demo_campaigns.load()


def _plan(seed: int) -> Campaign:
    build = demo_campaigns.PLANS[seed]()
    return Campaign.objects.get(owner__code=build.owner, title=build.fields["title"])


def read(data: bytes) -> str:
    """The PDF's text in reading order (pdftotext -raw): each column of the header as a person reads it, where
    the layout text interleaves the left and the right column line by line."""
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext is not installed (Debian poppler-utils)")
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "plan.pdf"
        path.write_bytes(data)
        return subprocess.run([tool, "-raw", str(path), "-"], check=True, capture_output=True, text=True).stdout


# --- Each plan, PDF and DOCX --------------------------------------------------------------------------------


@pytest.mark.parametrize("expected", PLANS, ids=lambda e: f"seed-{e.seed:03d}")
def test_plan_pdf_and_docx_carry_what_nd_30_requires(plans, expected):
    campaign = _plan(expected.seed)
    pdf = render_plan_pdf(campaign)
    layout = pdf_text(pdf, f"plan-{expected.seed}")  # the pages as PNG, for a person to read
    docx = docx_text(render_plan_docx(campaign))
    for text in (read(pdf), docx):
        page = flat(text)
        # assert_paper refuses "Thực hiện số " anywhere; seed 003 rightly writes "Thực hiện số hóa" (digitise) in its
        # body, so there the citation is checked by the stricter rule below: "Thực hiện số 18/…" (a number).
        assert_paper(
            text,
            parent=expected.parent,
            issuer=expected.issuer,
            number=expected.number,
            citation="" if "Thực hiện số hóa" in page else expected.citation,
            signer=expected.signer,
        )
        assert expected.citation in page
        assert not re.search(r"(Căn cứ|Thực hiện) số [\d…]", page), "a citation without its document type"
        assert "Thực hiện của" not in page and "văn bản gốc" not in page
    assert "DỰ THẢO" not in layout  # all five are issued plans
    assert plan_file_stem(campaign) == expected.file_stem


def test_header_wraps_only_between_words(plans):
    text = read(render_plan_pdf(_plan(0)))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert "SỞ THÔNG TIN VÀ" in lines and "TRUYỀN THÔNG" in lines, lines[:6]
    assert not any(line.endswith("TRUYỀN") for line in lines)


def test_citations_keep_their_type_and_read_on_as_the_seed_writes_them(plans):
    opening = plan_body(campaign_plan(campaign=_plan(0))).opening
    assert opening[0] == (
        "Thực hiện Kế hoạch số 18/KH-UBND ngày 10/01/2023 của UBND tỉnh Bình Phước về việc tổ chức thực hiện Phong "
        "trào thi đua “Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, chống lãng phí”; "
        "Kế hoạch số 1097/KH-BTTTT ngày 04/04/2023 của Bộ Thông tin và Truyền thông về triển khai phong trào thi đua "
        "“Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, chống lãng phí” trong ngành "
        "Thông tin và Truyền thông."
    )
    # Seed 001's Quyết định whose number and date the source leaves blank: cited as the source writes it.
    cluster = " ".join(plan_body(campaign_plan(campaign=_plan(1))).opening)
    assert "Quyết định số …/QĐ-BTTTT của Bộ Thông tin và Truyền thông về việc phân công Cụm trưởng" in cluster


def test_nd_30_signature_blocks(plans):
    signatures = {seed: checked_paper(campaign_plan(campaign=_plan(seed))).signer for seed in range(5)}
    assert signatures[3].lines == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert signatures[1].lines == ["TM. CỤM THI ĐUA SỐ 2", "CỤM TRƯỞNG"]
    assert signatures[4].lines == ["GIÁM ĐỐC"] and signatures[4].name == "Hà Văn Tiến"
    paper = checked_paper(campaign_plan(campaign=_plan(4)))
    # Seed 004 keeps paper copies in "Lưu: VT, HSTĐKT": one Lưu line, last.
    assert paper.recipient_lines[-1] == "Lưu: VT, HSTĐKT."
    assert paper.recipient_lines[0] == "Ban TĐKT tỉnh (Thay b/c);"


# --- Refused, not printed half-right ----------------------------------------------------------------------


def test_issued_plan_without_signer_name_is_refused_with_a_message(plans, client):
    campaign = _plan(4)
    campaign.signer_name = ""
    campaign.save()
    with pytest.raises(DocumentIncomplete, match=r"thiếu họ tên người ký \(GIÁM ĐỐC\)"):
        render_plan_pdf(campaign)
    with pytest.raises(DocumentIncomplete):
        render_plan_docx(campaign)

    client.force_login(User.objects.get(username="vanphong.bk"))
    for name in ("campaigns:campaign_pdf", "campaigns:campaign_docx"):
        response = client.get(reverse(name, args=[campaign.pk]), follow=True)
        assert response.status_code == 200
        assert response.redirect_chain[-1][0] == reverse("campaigns:campaign_detail", args=[campaign.pk])
        page = response.content.decode()
        assert "Chưa lập được kế hoạch: thiếu họ tên người ký (GIÁM ĐỐC)." in page
    # The page itself says what is missing, and offers no broken download.
    page = client.get(reverse("campaigns:campaign_detail", args=[campaign.pk])).content.decode()
    assert "Chưa tải được kế hoạch: thiếu họ tên người ký (GIÁM ĐỐC)" in page
    assert reverse("campaigns:campaign_pdf", args=[campaign.pk]) not in page


def test_plan_without_noi_nhan_or_signer_title_is_refused(plans):
    campaign = _plan(0)
    campaign.recipients = ""
    campaign.signer_title = ""
    campaign.save()
    with pytest.raises(DocumentIncomplete) as refused:
        render_plan_pdf(campaign)
    assert "chức vụ của người ký Nguyễn Hoài Nam" in str(refused.value) and "nơi nhận" in str(refused.value)


def test_draft_prints_for_review_without_number_date_or_signer_name(plans):
    campaign = _plan(0)
    campaign.status = CampaignStatus.DU_THAO
    campaign.number, campaign.issued_on, campaign.signer_name = "", None, ""
    campaign.save()
    pdf = render_plan_pdf(campaign)
    head = flat(pdf_text(pdf, png=False).split("KẾ HOẠCH")[0])  # the mark stands above the header, on the right
    assert "DỰ THẢO" in head and "Số: /KH-STTTT" in head and "2023" not in head
    assert "GIÁM ĐỐC" in flat(read(pdf).split("Nơi nhận")[-1])
    docx = docx_text(render_plan_docx(campaign))
    assert docx.lstrip().startswith("DỰ THẢO")
    assert plan_file_stem(campaign).endswith("-DuThao")
    # A draft still needs who signs (the title) and its Nơi nhận.
    campaign.recipients = ""
    campaign.save()
    with pytest.raises(DocumentIncomplete, match="nơi nhận"):
        render_plan_pdf(campaign)


# --- The quota table and the bullets ------------------------------------------------------------------------


def test_quota_rows_tell_tap_the_from_ca_nhan_and_never_repeat(plans):
    campaign = campaign_plan(campaign=_plan(3))
    table, notes = quota_table(campaign)
    keys = [(row[0], row[1]) for row in table.rows]
    assert len(keys) == len(set(keys)) == 8
    assert ["Bằng khen của Chủ tịch UBND tỉnh – tập thể", "Sơ kết phong trào thi đua (Quý\u00a0IV/2023)", "7", "–"] == (
        table.rows[0][:4]
    )
    assert table.rows[1][:4] == [
        "Bằng khen của Chủ tịch UBND tỉnh – cá nhân",
        "Sơ kết phong trào thi đua (Quý\u00a0IV/2023)",
        "15",
        "40 %",
    ]
    # The note every Bằng khen row shares is printed once, under the table.
    assert len(notes) == 3 and notes[0].startswith("(1) Quan tâm khen thưởng")
    pdf = flat(read(render_plan_pdf(campaign)))
    assert pdf.count("Quan tâm khen thưởng cho các tập thể, cá nhân là người lao động trực tiếp") == 2  # text + note
    assert "UBND tỉnh – tập thể" in pdf and "UBND tỉnh – cá nhân" in pdf

    import io

    from docx import Document

    document = Document(io.BytesIO(render_plan_docx(campaign)))
    quota = next(t for t in document.tables if t.rows[0].cells[0].text == "Hình thức khen thưởng")
    cells = [[cell.text for cell in row.cells] for row in quota.rows[1:]]
    assert cells[1][:4] == table.rows[1][:4]
    assert len({(row[0], row[1]) for row in cells}) == len(cells)


def test_bullets_typed_one_a_line_are_paragraphs_of_their_own():
    assert paragraphs("Số lượng khen thưởng:\n- Bằng khen:\n+ Sơ kết: 07 tập thể.\n+ Tổng kết: 10 tập thể.") == [
        "Số lượng khen thưởng:",
        "- Bằng khen:",
        "+ Sơ kết: 07 tập thể.",
        "+ Tổng kết: 10 tập thể.",
    ]
    assert paragraphs("• Một\r\n• Hai\n\nĐoạn sau,\ncùng đoạn.") == ["• Một", "• Hai", "Đoạn sau,\ncùng đoạn."]


def test_plan_section_bullets_print_as_separate_paragraphs(plans):
    """Seed 003's "Giai đoạn thực hiện": the years and their "+" bullets, each its own paragraph."""
    campaign = _plan(3)
    docx = docx_text(render_plan_docx(campaign)).splitlines()
    assert "1.1. Năm 2022 - 2023 (từ ngày 26/05/2022 đến ngày 31/12/2023)" in docx  # a heading over its bullets
    assert any(line.startswith("- Năm 2023:") for line in docx)
    assert any(line.startswith("+ Triển khai sâu rộng phong trào") for line in docx)
    assert not any("- Năm 2023:" in line and "+ Triển khai" in line for line in docx)
    layout = pdf_text(render_plan_pdf(campaign), png=False)
    assert re.search(r"^\s+- Năm 2023:$", layout, re.MULTILINE)
    assert re.search(r"^\s+\+ Triển khai sâu rộng phong trào", layout, re.MULTILINE)


# --- Downloads and the campaign page ----------------------------------------------------------------------


def test_downloads_are_named_for_a_person(plans, client):
    campaign = _plan(2)
    client.force_login(User.objects.get(username="quantri"))
    pdf = client.get(reverse("campaigns:campaign_pdf", args=[campaign.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == 'inline; filename="CT-103-BTTTT-2021.pdf"'
    docx = client.get(reverse("campaigns:campaign_docx", args=[campaign.pk]))
    assert docx["Content-Type"].endswith("wordprocessingml.document")
    assert docx["Content-Disposition"] == 'attachment; filename="CT-103-BTTTT-2021.docx"'
    page = client.get(reverse("campaigns:campaign_detail", args=[campaign.pk])).content.decode()
    assert reverse("campaigns:campaign_pdf", args=[campaign.pk]) in page
    assert reverse("campaigns:campaign_docx", args=[campaign.pk]) in page


# --- Who signs the periodic reports -----------------------------------------------------------------------


def _form(campaign: Campaign, **changes) -> CampaignForm:
    owners = Unit.objects.filter(pk=campaign.owner_id)
    form = CampaignForm(
        instance=campaign, owners=owners, units=Unit.objects.all(), clusters=campaign.participant_clusters.all()
    )
    data = {name: form[name].value() for name in form.fields}
    data.update(changes)
    data = {k: ("" if v is None else v) for k, v in data.items() if not isinstance(v, list)}
    return CampaignForm(
        data, instance=campaign, owners=owners, units=Unit.objects.all(), clusters=campaign.participant_clusters.all()
    )


def test_report_signer_is_one_of_the_owners_signers_at_the_campaigns_dates(plans):
    campaign = _plan(0)  # Sở TT&TT Bình Phước, 2022–2030
    binh_phuoc = campaign.owner
    gone = Signer.objects.create(
        unit=binh_phuoc,
        position="Giám đốc",
        name="Người Đã Nghỉ",
        valid_from=datetime.date(2015, 1, 1),
        valid_to=datetime.date(2020, 12, 31),
    )
    choices = set(_form(campaign).fields["report_signer"].queryset.values_list("name", flat=True))
    assert choices == {"Nguyễn Hoài Nam", "Phạm Thị Dung"}
    deputy = Signer.objects.get(unit=binh_phuoc, name="Phạm Thị Dung")
    form = _form(campaign, report_signer=deputy.pk, reason="Phân công ký báo cáo định kỳ")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["report_signer"] == deputy
    bac_kan = Signer.objects.get(name="Hà Văn Tiến")
    for other in (bac_kan, gone):
        assert not _form(campaign, report_signer=other.pk).is_valid()


# --- Rows written before the type existed -------------------------------------------------------------------


def test_migration_0011_reads_the_type_from_the_row(plans):
    campaign = _plan(0)
    campaign.legal_bases.all().delete()
    rows = {
        "verb": LegalBasis.objects.create(campaign=campaign, verb="Thực hiện Quyết định", doc_number="", title="về x"),
        "number": LegalBasis.objects.create(campaign=campaign, verb="Căn cứ", doc_number="26/2020/QĐ-UBND", title="y"),
        "party": LegalBasis.objects.create(campaign=campaign, verb="Thực hiện", doc_number="04-NQ/TU", title="z"),
        "title": LegalBasis.objects.create(
            campaign=campaign,
            verb="Thực hiện",
            doc_number="",
            title="Quyết định (văn bản gốc để trống số, ngày) về việc phân công Cụm trưởng",
        ),
        "unknown": LegalBasis.objects.create(campaign=campaign, verb="Căn cứ", doc_number="238/UBND-KGVX", title="w"),
    }
    importlib.import_module("campaigns.migrations.0011_legal_basis_doc_type_fill").forward(django_apps, None)
    found = {key: LegalBasis.objects.get(pk=row.pk) for key, row in rows.items()}
    assert found["verb"].doc_type == "Quyết định" and found["verb"].verb == "Thực hiện Quyết định"
    assert found["number"].doc_type == "Quyết định"
    assert found["party"].doc_type == "Nghị quyết"
    assert (found["title"].doc_type, found["title"].title) == ("Quyết định", "về việc phân công Cụm trưởng")
    assert found["unknown"].doc_type == ""
    # Printed: the type once, and a text of unknown type as "văn bản số …", never "Căn cứ số …".
    opening = " ".join(plan_body(campaign_plan(campaign=campaign)).opening)
    assert opening.startswith("Thực hiện Quyết định về x; Căn cứ Quyết định số 26/2020/QĐ-UBND về y;")
    assert "Quyết định Quyết định" not in opening
    assert "Căn cứ văn bản số 238/UBND-KGVX" in opening and "Căn cứ số" not in opening


def test_dossier_deadline_is_said_once_and_right(plans):
    """Seed 004: "Thời hạn nhận hồ sơ: Trước ngày 15/01/2023" — the last day accepted is 14/01/2023; the plan does
    not add a second, contradicting "trước ngày 14/01/2023"."""
    text = flat(read(render_plan_pdf(_plan(4))))
    assert "Trước ngày 15/01/2023" in text
    assert "14/01/2023" not in text and "Thời hạn gửi hồ sơ đề nghị khen thưởng" not in text
    campaign = _plan(4)
    campaign.dossier_requirements = "Hồ sơ gồm Tờ trình, Báo cáo thành tích và Biên bản."
    campaign.save()
    assert "Thời hạn gửi hồ sơ đề nghị khen thưởng: đến hết ngày 14/01/2023." in flat(read(render_plan_pdf(campaign)))


def test_header_of_a_plan_typed_without_parent_body_or_issuer_comes_from_its_owner(plans):
    owner = Unit.objects.get(code="stttt-bac-kan")
    campaign = Campaign(owner=owner, document_type="Kế hoạch", issuer="Sở Thông tin và Truyền thông", parent_body="")
    header = plan_header(campaign)
    assert (header.parent_line, header.issuer, header.symbol, header.place) == (
        "UBND TỈNH BẮC\u00a0KẠN",
        "Sở Thông tin và Truyền thông",
        "KH-STTTT",
        "Bắc Kạn",
    )
    campaign.issuer = ""
    header = plan_header(campaign)
    assert (header.parent_body, header.issuer, header.symbol) == (
        "UBND tỉnh Bắc Kạn",
        "Sở Thông tin và Truyền thông",
        "KH-STTTT",
    )
