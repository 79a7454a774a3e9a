"""The document layer: header, số/ký hiệu, citations by date, signature and Nơi nhận (Nghị định 30/2020)."""

from __future__ import annotations

import datetime

import pytest
from django.template.loader import render_to_string

from campaigns import paper as campaign_paper
from campaigns.models import LegalDocument, LegalTopic, Signer, Unit, UnitLevel
from emulation.lib.paper import Citation, DocumentIncomplete, Header, Paper, Signature, file_stem, number_line
from emulation.lib.paper_docx import Word
from tests.paper import assert_paper, docx_text, flat

D = datetime.date


@pytest.fixture
def so(db) -> Unit:
    bo = Unit.add_root(code="bo", name="Bộ Thông tin và Truyền thông", level=UnitLevel.BO)
    return bo.add_child(
        code="stttt-bp",
        name="Sở Thông tin và Truyền thông tỉnh Bình Phước",
        short_name="Sở TT&TT Bình Phước",
        level=UnitLevel.SO,
        province="Bình Phước",
    )


def test_number_line_builds_the_ky_hieu_from_type_and_issuer():
    assert number_line("5", "BC-STTTT") == "Số: 05/BC-STTTT"
    assert number_line("18/KH-UBND", "KH-STTTT") == "Số: 18/KH-UBND"  # typed whole: kept
    assert number_line("", "QĐ-STTTT") == "Số:      /QĐ-STTTT"  # a draft: blanks, never "/QĐ-…"
    assert Header(issuer="Sở", doc_type="Biên bản", issuer_symbol="HĐTĐKT").symbol == "BB-HĐTĐKT"
    assert Header(issuer="Sở", doc_type="Tờ trình", issuer_symbol="STTTT").symbol == "TTr-STTTT"


def test_a_so_header_reads_ubnd_tinh_over_the_so_without_repeating_the_province(so):
    header = campaign_paper.header_for(so, doc_type="Báo cáo", day=D(2023, 6, 15), number="5")
    assert header.parent_line.replace("\u00a0", " ") == "UBND TỈNH BÌNH PHƯỚC"
    assert header.issuer_line.replace("\u00a0", " ") == "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    assert header.number_line == "Số: 05/BC-STTTT"
    assert header.place_date == "Bình Phước, ngày 15 tháng 6 năm 2023"
    # "TRUYỀN THÔNG" never splits across lines: the last two words are glued.
    assert header.issuer_line.endswith("TRUYỀN\u00a0THÔNG")


def test_council_header_and_symbols(so):
    header = campaign_paper.council_header(so, doc_type="Biên bản", day=D(2024, 1, 10))
    assert header.parent_body == "Sở Thông tin và Truyền thông"
    assert header.issuer == "Hội đồng Thi đua – Khen thưởng"
    assert header.number_line.endswith("/BB-HĐTĐKT")
    assert campaign_paper.issuer_symbol("Ủy ban nhân dân") == "UBND"
    assert campaign_paper.issuer_symbol("Sở Khoa học và Công nghệ") == "SKHCN"
    assert campaign_paper.issuer_symbol("Sở TT&TT") == "STTTT"
    assert campaign_paper.issuer_symbol("UBND tỉnh Bình Phước") == "UBND"


@pytest.mark.parametrize(
    ("day", "cited", "not_cited"),
    [
        (D(2023, 12, 20), "Nghị định số 91/2017/NĐ-CP ngày 31/07/2017", ("98/2023", "152/2025", "06/2022")),
        (D(2024, 3, 1), "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023", ("91/2017", "152/2025", "2003")),
        (D(2026, 3, 1), "Nghị định số 152/2025/NĐ-CP ngày 14/06/2025", ("91/2017", "98/2023", "2003")),
    ],
)
def test_law_citations_are_the_texts_in_force_on_the_documents_date(db, day, cited, not_cited):
    texts = [c.text for c in campaign_paper.law_citations(day)]
    joined = " | ".join(texts)
    assert cited in joined
    assert all(old not in joined for old in not_cited), joined
    assert "từ 01/07/2025" not in joined
    assert texts[0].startswith("Luật Thi đua, khen thưởng")  # the law first, then the decree


def test_a_provinces_own_rule_is_cited_only_in_that_province(so, db):
    other = Unit.objects.get(code="bo").add_child(
        code="stttt-bk", name="Sở Thông tin và Truyền thông tỉnh Bắc Kạn", level=UnitLevel.SO, province="Bắc Kạn"
    )
    assert "26/2020/QĐ-UBND" in " ".join(c.text for c in campaign_paper.law_citations(D(2023, 5, 1), unit=so))
    assert "26/2020/QĐ-UBND" not in " ".join(c.text for c in campaign_paper.law_citations(D(2023, 5, 1), unit=other))


def test_a_rule_added_later_does_not_change_an_older_documents_citations(db):
    LegalDocument.objects.create(
        topic=LegalTopic.NGHI_DINH_TDKT,
        doc_type="Nghị định",
        number="999/2027/NĐ-CP",
        issued_on=D(2026, 12, 1),
        issuer="Chính phủ",
        title="quy định chi tiết thi hành Luật Thi đua, khen thưởng",
        valid_from=D(2027, 1, 1),
    )
    assert "999/2027" not in " ".join(c.text for c in campaign_paper.law_citations(D(2026, 6, 1)))
    assert "999/2027" in " ".join(c.text for c in campaign_paper.law_citations(D(2027, 6, 1)))


def test_citation_names_its_type_number_date_issuer_and_subject():
    citation = Citation("Kế hoạch", "18/KH-UBND", D(2023, 1, 10), "UBND tỉnh Bình Phước", "tổ chức thực hiện …")
    assert citation.text == "Kế hoạch số 18/KH-UBND ngày 10/01/2023 của UBND tỉnh Bình Phước tổ chức thực hiện …"
    plain = Citation("Quyết định", "26/2020/QĐ-UBND", D(2020, 10, 8), "UBND tỉnh Bình Phước", "công tác thi đua")
    assert plain.text.endswith("của UBND tỉnh Bình Phước về công tác thi đua")
    assert Citation("Luật", "06/2022/QH15", D(2022, 6, 15), "Quốc hội", "Thi đua, khen thưởng").text == (
        "Luật Thi đua, khen thưởng ngày 15/06/2022"
    )


def test_signer_on_a_date_and_the_campaigns_report_signer(so):
    Signer.objects.create(
        unit=so, position="Giám đốc", name="Người Cũ", valid_from=D(2020, 1, 1), valid_to=D(2023, 12, 31)
    )
    Signer.objects.create(unit=so, position="Giám đốc", name="Người Mới", valid_from=D(2024, 1, 1))
    assert campaign_paper.signer_for(so, D(2023, 6, 15)).name == "Người Cũ"
    assert campaign_paper.signer_for(so, D(2024, 6, 15)).name == "Người Mới"
    assert campaign_paper.signer_for(so, D(2019, 6, 15)) is None


def test_a_paper_without_signer_or_recipients_is_refused_with_what_is_missing():
    header = Header(issuer="Sở Thông tin và Truyền thông", doc_type="Báo cáo")
    with pytest.raises(DocumentIncomplete) as refused:
        Paper(header=header, signatures=[Signature(position="Giám đốc", name="")]).check("báo cáo 6 tháng")
    message = str(refused.value)
    assert message.startswith("Chưa lập được báo cáo 6 tháng")
    assert "họ tên người ký (GIÁM ĐỐC)" in message and "nơi nhận" in message
    with pytest.raises(DocumentIncomplete, match="người ký"):
        Paper(header=header, recipients=["Ban TĐKT tỉnh"]).check()


def test_recipients_end_with_luu_vt():
    paper = Paper(header=Header(issuer="Sở"), recipients=["- Ban TĐKT tỉnh;", "Lưu: VT"], archive="VT, VP")
    assert paper.recipient_lines == ["Ban TĐKT tỉnh;", "Lưu: VT, VP."]


def test_signature_lines_with_authority():
    signature = Signature(position="Phó Giám đốc", name="Phạm Thị Dung", authority="KT. Giám đốc")
    assert signature.lines == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]


def test_file_stem_is_ascii_and_readable():
    assert file_stem("BC", "6thang", 2023, "Sở TT&TT Bình Phước", "v2") == "BC-6thang-2023-SoTTTTBinhPhuoc-v2"
    assert file_stem("QĐ", "Đồng Nai") == "QD-DongNai"


def _paper(so) -> Paper:
    return Paper(
        header=campaign_paper.header_for(so, doc_type="Báo cáo", day=D(2024, 6, 15), number="7"),
        summary="Kết quả thực hiện phong trào thi đua 6 tháng đầu năm 2024",
        citations=campaign_paper.law_citations(D(2024, 6, 15), unit=so),
        signatures=[Signature(position="Phó Giám đốc", name="Phạm Thị Dung", authority="KT. Giám đốc")],
        recipients=["Ban Thi đua – Khen thưởng tỉnh"],
    ).check()


def test_html_partials_and_docx_print_the_same_parts(so):
    paper = _paper(so)
    html = (
        render_to_string("documents/_header.html", {"paper": paper})
        + render_to_string("documents/_title.html", {"paper": paper})
        + render_to_string("documents/_footer.html", {"paper": paper})
    )
    body = flat(html.replace("&nbsp;", " "))
    word = Word(title="t")
    word.letterhead(paper.header)
    word.title(paper)
    for citation in paper.citations:
        word.para(f"Căn cứ {citation.text};")
    word.closing(paper)
    docx = flat(docx_text(word.bytes()))
    for text in (body, docx):
        assert "UBND TỈNH BÌNH PHƯỚC" in text and "SỞ THÔNG TIN VÀ TRUYỀN THÔNG" in text
        assert "Số: 07/BC-STTTT" in text
        assert "KT. GIÁM ĐỐC" in text and "PHÓ GIÁM ĐỐC" in text and "Phạm Thị Dung" in text
        assert "Lưu: VT." in text
    assert_paper(
        docx,
        parent="UBND TỈNH BÌNH PHƯỚC",
        issuer="SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        number="Số: 07/BC-STTTT",
        citation="Nghị định số 98/2023/NĐ-CP",
        signer=("PHÓ GIÁM ĐỐC", "Phạm Thị Dung"),
    )
