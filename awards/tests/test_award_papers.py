"""Every award document on the document layer, read back as a person reads it (pdftotext, python-docx): the
header's two lines, Số with a real ký hiệu, citations chosen by the document's date, the signature block as
signed, Nơi nhận ending "Lưu: VT"; the Biên bản's attendance, counts and thresholds; Mẫu 07's rounded, labelled
figures and the certification by the level above. The PDFs' pages are saved as PNG in artifacts/documents/."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.urls import reverse

from awards import documents, services
from awards.models import Decision, Dossier, Meeting, Nominee, Vote, VoteRule
from campaigns.models import AwardForm, LegalDocument, ReportingPeriod, Signer
from campaigns.tests.factories import make_campaign
from emulation.lib.paper import DocumentIncomplete
from indicators.models import Indicator, Submission, Target, Value
from tests.paper import assert_paper, docx_text, flat, pdf_text

PARENT, ISSUER = "UBND TỈNH A", "SỞ TT&TT"
OFFICER, HEAD = "Nguyễn Văn An", "Lê Thị Hoa"


@dataclass
class Papers:
    campaign: object
    dossier: Dossier
    officer: Nominee  # Giấy khen (open vote, quá bán)
    head: Nominee  # the phòng's Trưởng phòng, Chiến sĩ thi đua cơ sở (secret ballot, 80 %)
    meeting: Meeting
    deputy: Signer


def _members(total_present: int = 4) -> list[dict]:
    rows = [
        {"name": "Phạm Thị Dung", "position": "Phó Giám đốc Sở, Phó Chủ tịch Hội đồng", "role": "chu_tri"},
        {"name": "Trần Văn Ba", "position": "Chánh Văn phòng Sở, Ủy viên Thường trực", "role": "thanh_vien"},
        {"name": "Hồ Thị Tư", "position": "Chánh Thanh tra Sở, Ủy viên", "role": "thanh_vien"},
        {"name": "Đỗ Văn Năm", "position": "Trưởng phòng BCVT, Ủy viên", "role": "thanh_vien"},
        {
            "name": "Nguyễn Hoài Nam",
            "position": "Giám đốc Sở, Chủ tịch Hội đồng",
            "role": "thanh_vien",
            "present": False,
            "written_vote": True,
        },
        {"name": "Lê Văn Cường", "position": "Chuyên viên Văn phòng Sở", "role": "thu_ky", "is_member": False},
    ]
    return [{"is_member": True, "present": True, "written_vote": False, **row} for row in rows]


def _papers(world, *, day: dt.date = dt.date(2024, 1, 10)) -> Papers:
    so = world.so_a
    so.symbol = "STTTT"
    so.save()
    campaign = make_campaign(
        so,
        title="Phát động phong trào thi đua “Chuyển đổi số giai đoạn 2022 - 2025” trên địa bàn tỉnh A",
        document_type="Kế hoạch",
        number="18/KH-UBND",
        issued_on=dt.date(2023, 1, 26),
        issuer="UBND tỉnh A",
        start_date=dt.date(2023, 1, 1),
        end_date=dt.date(2026, 12, 31),
    )
    Signer.objects.create(unit=so, position="Giám đốc", name="Nguyễn Hoài Nam", valid_from=dt.date(2020, 1, 1))
    deputy = Signer.objects.create(
        unit=so, authority="KT. Giám đốc", position="Phó Giám đốc", name="Phạm Thị Dung", valid_from=dt.date(2020, 1, 1)
    )
    LegalDocument.objects.create(
        topic="to_chuc",
        doc_type="Quyết định",
        number="12/2021/QĐ-UBND",
        issued_on=dt.date(2021, 3, 1),
        issuer="UBND tỉnh A",
        title="quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở TT&TT tỉnh A",
        province="A",
        unit=so,
        valid_from=dt.date(2021, 3, 15),
    )
    giay_khen = AwardForm.objects.create(
        code="gk-so", name="Giấy khen của Giám đốc Sở", kind="hinh_thuc", target="ca_nhan", authority="Giám đốc Sở"
    )
    cstd = AwardForm.objects.create(
        code="cstd-cs", name="Chiến sĩ thi đua cơ sở", kind="danh_hieu", target="ca_nhan", authority="Giám đốc Sở"
    )
    since = dt.date(2020, 1, 1)
    VoteRule.objects.create(award_form=giay_khen, threshold_percent=Decimal("50.01"), valid_from=since)
    VoteRule.objects.create(award_form=cstd, threshold_percent=Decimal(80), secret_ballot=True, valid_from=since)
    dossier = Dossier.objects.create(
        campaign=campaign,
        unit=world.phong_a,
        round_kind="nam",
        year=2024,
        status="hop_le",
        submission_number="05/TTr-CNTT",
        submission_date=dt.date(2023, 12, 20),
        submission_signer=HEAD,
    )
    officer = Nominee.objects.create(
        dossier=dossier,
        kind="ca_nhan",
        award_form=giay_khen,
        full_name=OFFICER,
        position="Chuyên viên",
        rating="xuat_sac",
        achievements="Hoàn thành xuất sắc nhiệm vụ.",
        summary="Hoàn thành xuất sắc nhiệm vụ năm 2024.",
        order=1,
    )
    head = Nominee.objects.create(
        dossier=dossier,
        kind="ca_nhan",
        award_form=cstd,
        full_name=HEAD,
        position="Trưởng phòng",
        is_leader=True,
        rating="xuat_sac",
        summary="Chỉ đạo Phòng hoàn thành các chỉ tiêu.",
        order=2,
    )
    meeting = services.meeting_create(
        owner=so,
        campaign=campaign,
        user=world.office,
        data={
            "held_on": day,
            "members_total": 5,
            "members_present": 4,
            "location": "Phòng họp Sở TT&TT tỉnh A",
            "started_at": dt.time(8, 0),
            "ended_at": dt.time(10, 30),
            "minutes_number": "01",
        },
        members=_members(),
    )
    return Papers(campaign, dossier, officer, head, meeting, deputy)


def _vote(p: Papers, world, *, officer=(3, 2), head=(4, 1), ballots=(5, 5, 5)) -> None:
    services.meeting_record_votes(
        meeting=p.meeting,
        user=world.office,
        votes={p.officer.pk: officer, p.head.pk: head},
        ballots={p.head.pk: ballots},
    )


def _decision(p: Papers, world, *, day: dt.date, kind: str = "quyet_dinh", number: str = "25/QĐ-STTTT") -> Decision:
    return services.decision_create(
        owner=world.so_a,
        user=world.office,
        kind=kind,
        data={"number": number, "signed_on": day, "signer_ref": p.deputy, "issuer": "Sở TT&TT tỉnh A"},
        nominees=[p.officer] if kind == "quyet_dinh" else [p.head],
    )


def _both(render_pdf, render_docx, obj, name: str) -> list[str]:
    return [pdf_text(render_pdf(obj), name), docx_text(render_docx(obj))]


# --- Quyết định and Tờ trình ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "decree", "others"),
    [
        (dt.date(2023, 12, 28), "Nghị định số 91/2017/NĐ-CP", ("98/2023", "152/2025")),
        (dt.date(2024, 1, 15), "Nghị định số 98/2023/NĐ-CP", ("91/2017", "152/2025")),
        (dt.date(2026, 1, 15), "Nghị định số 152/2025/NĐ-CP", ("91/2017", "98/2023")),
    ],
)
def test_a_decision_cites_the_decree_in_force_on_its_date_only(world, day, decree, others):
    p = _papers(world, day=day - dt.timedelta(days=5))
    _vote(p, world)
    decision = _decision(p, world, day=day)
    for text in _both(
        documents.render_decision_pdf, documents.render_decision_docx, decision, f"award-decision-{day.year}"
    ):
        assert_paper(
            text,
            parent=PARENT,
            issuer=ISSUER,
            number="Số: 25/QĐ-STTTT",
            citation=decree,
            signer=("PHÓ GIÁM ĐỐC", "Phạm Thị Dung"),
        )
        page = flat(text)
        assert page.index("KT. GIÁM ĐỐC") < page.index("PHÓ GIÁM ĐỐC") < page.rindex("Phạm Thị Dung")
        for other in others:
            assert other not in page, f"{other} cited on {day}"
        assert "(từ " not in page  # never a parenthesis about later law
        # The basis of the signer's authority, and the campaign's plan with its type, number, date and issuer.
        assert (
            "Căn cứ Quyết định số 12/2021/QĐ-UBND ngày 01/03/2021 của UBND tỉnh A quy định chức năng, nhiệm vụ, "
            "quyền hạn và cơ cấu tổ chức của Sở TT&TT tỉnh A;" in page
        )
        assert "Căn cứ Kế hoạch số 18/KH-UBND ngày 26/01/2023 của UBND tỉnh A" in page
        # The campaign named once, by its name; the authority line; Nơi nhận.
        assert "phong trào thi đua “Chuyển đổi số giai đoạn 2022 - 2025” trên địa bàn tỉnh A" in page
        assert "Phát động phong trào thi đua" not in page and "“Phát động" not in page
        assert "GIÁM ĐỐC SỞ TT&TT" in page and "Điều 1. Tặng Giấy khen của Giám đốc Sở cho 01 cá nhân" in page
        assert "Như Điều 3;" in page and "Lưu: VT, VP." in page


def test_without_an_organisation_decision_the_decision_still_cites_the_law(world):
    p = _papers(world)
    LegalDocument.objects.filter(topic="to_chuc").delete()
    _vote(p, world)
    text = flat(docx_text(documents.render_decision_docx(_decision(p, world, day=dt.date(2024, 1, 15)))))
    assert "Căn cứ Nghị định số 98/2023/NĐ-CP" in text and "chức năng, nhiệm vụ" not in text


def test_to_trinh_goes_to_the_province_board_with_the_provinces_name(world):
    p = _papers(world)
    _vote(p, world)
    to_trinh = _decision(p, world, day=dt.date(2024, 1, 15), kind="to_trinh", number="09/TTr-STTTT")
    for text in _both(documents.render_decision_pdf, documents.render_decision_docx, to_trinh, "award-to-trinh"):
        assert_paper(
            text,
            parent=PARENT,
            issuer=ISSUER,
            number="Số: 09/TTr-STTTT",
            citation="Nghị định số 98/2023/NĐ-CP",
            signer=("PHÓ GIÁM ĐỐC", "Phạm Thị Dung"),
        )
        page = flat(text)
        assert "TỜ TRÌNH" in page and "Kính gửi: Ban Thi đua – Khen thưởng tỉnh A." in page
        assert "cho cá nhân đã có thành tích" in page  # one person: not "các cá nhân"
        assert "năm năm" not in page and "Như trên;" in page


# --- Biên bản -----------------------------------------------------------------------------------------------


def test_minutes_of_an_open_vote_and_a_secret_ballot(world):
    p = _papers(world)
    _vote(p, world, officer=(3, 2), head=(4, 1), ballots=(5, 5, 5))
    texts = _both(documents.render_minutes_pdf, documents.render_minutes_docx, p.meeting, "award-minutes-secret")
    for text in texts:
        # The council's name wraps after "–" in its column: its two parts are checked.
        assert "KHEN THƯỞNG" in flat(text)
        assert_paper(
            text,
            parent="SỞ TT&TT",
            issuer="HỘI ĐỒNG THI ĐUA",
            number="Số: 01/BB-HĐTĐKT",
            signer=("CHỦ TRÌ", "Phạm Thị Dung"),
        )
        page = flat(text)
        assert "THƯ KÝ" in page and "Lê Văn Cường" in page
        assert "Thời gian: bắt đầu lúc 08 giờ 00 phút, ngày 10/01/2024." in page
        assert "Địa điểm: Phòng họp Sở TT&TT tỉnh A." in page
        assert "Chủ trì: Phạm Thị Dung, Phó Giám đốc Sở, Phó Chủ tịch Hội đồng." in page
        assert "Thư ký: Lê Văn Cường, Chuyên viên Văn phòng Sở." in page
        assert "Hội đồng có 05 thành viên; có mặt 04 thành viên; vắng mặt 01 thành viên" in page
        assert "Trần Văn Ba, Chánh Văn phòng Sở, Ủy viên Thường trực;" in page
        assert "Nguyễn Hoài Nam, Giám đốc Sở, Chủ tịch Hội đồng (có phiếu biểu quyết bằng văn bản)" in page
        # Thresholds as the rules say them: quá bán is "trên 50 %", never "≥ 50 %".
        assert (
            "Giấy khen của Giám đốc Sở: biểu quyết công khai; đạt khi có trên 50 % tổng số thành viên Hội đồng" in page
        )
        assert "Chiến sĩ thi đua cơ sở: bỏ phiếu kín; đạt khi có từ 80 % trở lên tổng số thành viên Hội đồng" in page
        assert "≥" not in page and "50,01" not in page
        assert "phát ra" in page and "thu về" in page and "hợp lệ" in page  # the secret ballot's columns
        assert "Cuộc họp kết thúc lúc 10 giờ 30 phút cùng ngày." in page
        assert "Nơi nhận:" in page and "Lưu: VT, VP." in page
    pdf = texts[0]
    # The open vote: đồng ý, không đồng ý, % of the whole membership; the secret ballot: issued, returned, valid.
    assert re.search(rf"{OFFICER}\s+03\s+02\s+60 %\s+Đạt", pdf)
    assert re.search(rf"{HEAD}\s+05\s+05\s+05\s+04\s+80 %\s+Đạt", pdf)
    assert "Có 02/02 tập thể, cá nhân đạt tỷ lệ phiếu đồng ý theo quy định" in flat(pdf)


def test_minutes_when_nobody_passes_say_so(world):
    p = _papers(world)
    _vote(p, world, officer=(2, 3), head=(3, 2), ballots=(5, 5, 5))
    for text in _both(documents.render_minutes_pdf, documents.render_minutes_docx, p.meeting, "award-minutes-none"):
        page = flat(text)
        assert "Không có tập thể, cá nhân nào đạt tỷ lệ phiếu đồng ý theo quy định" in page
        assert "Hội đồng không đề nghị khen thưởng tập thể, cá nhân nào" in page
        assert "thống nhất đề nghị" not in page and "có kết quả Đạt" not in page


def test_minutes_of_an_open_vote_only(world):
    p = _papers(world)
    services.meeting_record_votes(meeting=p.meeting, user=world.office, votes={p.officer.pk: (5, 0)})
    text = pdf_text(documents.render_minutes_pdf(p.meeting), "award-minutes-open")
    assert re.search(rf"{OFFICER}\s+05\s+00\s+100 %\s+Đạt", text)
    assert "Phiếu phát ra" not in text and "bỏ phiếu kín" not in text


def test_minutes_without_the_attendance_are_refused_with_a_message(world, login):
    p = _papers(world)
    p.meeting.members.all().delete()
    Meeting.objects.filter(pk=p.meeting.pk).update(chair="", secretary="")
    with pytest.raises(DocumentIncomplete, match="thiếu họ tên người ký"):
        documents.render_minutes_pdf(p.meeting)
    client = login(world.office)
    response = client.get(reverse("awards:minutes_pdf", args=[p.meeting.pk]))
    assert response.status_code == 302 and response.url == reverse("awards:meeting_detail", args=[p.meeting.pk])
    page = client.get(response.url).content.decode()
    assert "Chưa lập được biên bản: thiếu họ tên người ký (THƯ KÝ)" in page
    assert "Nhập thành phần dự họp" in page


# --- Signers ------------------------------------------------------------------------------------------------


def test_a_decision_without_the_signers_title_is_refused_with_a_message(world, login):
    p = _papers(world)
    _vote(p, world)
    decision = services.decision_create(
        owner=world.so_a,
        user=world.office,
        kind="quyet_dinh",
        data={"number": "26/QĐ-STTTT", "signed_on": dt.date(2024, 1, 15), "signer": "Người Lạ", "issuer": "Sở"},
        nominees=[p.officer],
    )
    assert decision.signer_position == ""  # a name that is not one of the Sở's signers: no chức vụ to take
    with pytest.raises(DocumentIncomplete, match="thiếu chức vụ của người ký Người Lạ"):
        documents.render_decision_docx(decision)
    client = login(world.office)
    for name in ("awards:decision_pdf", "awards:decision_docx"):
        response = client.get(reverse(name, args=[decision.pk]))
        assert response.status_code == 302
        page = client.get(response.url).content.decode()
        assert "Chưa lập được quyết định: thiếu chức vụ của người ký Người Lạ." in page


def test_a_typed_name_of_a_configured_signer_takes_the_signers_title(world):
    p = _papers(world)
    _vote(p, world)
    decision = services.decision_create(
        owner=world.so_a,
        user=world.office,
        kind="quyet_dinh",
        data={"number": "27/QĐ-STTTT", "signed_on": dt.date(2024, 1, 15), "signer": "Phạm  Thị Dung", "issuer": "Sở"},
        nominees=[p.officer],
    )
    assert (decision.signer_authority, decision.signer_position, decision.signer_ref) == (
        "KT. Giám đốc",
        "Phó Giám đốc",
        p.deputy,
    )


def test_the_decision_form_records_the_chosen_signer(world, login):
    p = _papers(world)
    _vote(p, world)
    response = login(world.office).post(
        reverse("awards:decision_create"),
        {
            "kind": "quyet_dinh",
            "owner": world.so_a.pk,
            "number": "28/QĐ-STTTT",
            "signed_on": "15/01/2024",
            "signer_ref": p.deputy.pk,
            "issuer": "Sở TT&TT tỉnh A",
            "nominees": [p.officer.pk],
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get(number="28/QĐ-STTTT")
    assert (decision.signer, decision.signer_position, decision.signer_authority) == (
        "Phạm Thị Dung",
        "Phó Giám đốc",
        "KT. Giám đốc",
    )
    response = login(world.office).post(
        reverse("awards:decision_create"),
        {
            "kind": "quyet_dinh",
            "owner": world.so_a.pk,
            "number": "29/QĐ-STTTT",
            "signed_on": "15/01/2024",
            "issuer": "Sở",
            "nominees": [p.head.pk],
        },
    )
    assert "Chọn người ký trong danh sách hoặc nhập họ tên người ký." in response.content.decode()


# --- Mẫu 07 and tóm tắt -------------------------------------------------------------------------------------


def _figures(p: Papers, world) -> None:
    """Phòng A's approved figures: 93,125 % in the first half of 2023, 78,5714 % for the year 2024."""
    indicator = Indicator.objects.create(
        code="ho-so-truc-tuyen",
        name="Tỷ lệ hồ sơ TTHC xử lý trực tuyến",
        measure="percent",
        entry="number",
        unit_label="%",
        decimals=1,
    )
    target = Target.objects.create(campaign=p.campaign, indicator=indicator, comparator="gte", value=Decimal(90))
    for kind, year, value in (("sau_thang", 2023, "93.125"), ("nam", 2024, "78.5714")):
        period = ReportingPeriod.objects.get(campaign=p.campaign, kind=kind, year=year)
        submission = Submission.objects.create(period=period, unit=world.phong_a, status="da_duyet")
        Value.objects.create(submission=submission, target=target, value=Decimal(value))


def test_an_officers_mau_07_rounds_and_labels_each_figure(world):
    p = _papers(world)
    _figures(p, world)
    texts = _both(documents.render_report_pdf, documents.render_report_docx, p.officer, "award-mau07-person")
    for text in texts:
        assert_paper(
            text,
            parent="SỞ TT&TT TỈNH A",
            issuer="PHÒNG CNTT TỈNH A",
            number=None,
            signer=("THỦ TRƯỞNG ĐƠN VỊ", HEAD),
            recipients=False,
        )
        page = flat(text)
        assert "I. SƠ LƯỢC LÝ LỊCH" in page and "II. THÀNH TÍCH ĐẠT ĐƯỢC" in page
        assert "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG" in page
        assert "93,1 %" in page and "78,6 %" in page
        assert "93,125" not in page and "78,57" not in page
        assert "6 tháng đầu năm 2023" in page and "Năm 2024" in page
        assert (
            "phong trào thi đua “Chuyển đổi số giai đoạn 2022 - 2025” trên địa bàn tỉnh A, bình xét cuối năm 2024"
            in page
        )
        assert "năm năm" not in page and "“Phát động" not in page
        # The officer reports; the unit's head certifies.
        assert "NGƯỜI BÁO CÁO THÀNH TÍCH" in page and "XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG" in page
    pdf = texts[0]
    assert re.search(r"6 tháng đầu năm 2023\s+Tỷ lệ hồ sơ TTHC xử lý trực tuyến\s+≥ 90 %\s+93,1 %\s+Vượt", pdf)
    assert re.search(r"Năm 2024\s+Tỷ lệ hồ sơ TTHC xử lý trực tuyến\s+≥ 90 %\s+78,6 %\s+Chưa đạt", pdf)
    # The signatures stand on the page of the text before them.
    last_page = pdf.split("\f")[-2] if pdf.endswith("\f") else pdf.split("\f")[-1]
    assert "Hình thức khen thưởng:" in last_page and "NGƯỜI BÁO CÁO THÀNH TÍCH" in last_page


def test_the_heads_mau_07_is_certified_by_the_level_above(world):
    p = _papers(world)
    for text in _both(documents.render_report_pdf, documents.render_report_docx, p.head, "award-mau07-head"):
        page = flat(text)
        assert "THỦ TRƯỞNG ĐƠN VỊ CẤP TRÊN" in page and "TRỰC TIẾP" in page and "XÁC NHẬN, ĐỀ NGHỊ" in page
        # She reports; the Sở's Giám đốc certifies — her name signs once.
        assert "Nguyễn Hoài Nam" in page
        assert page.count(HEAD) == 3  # the subject line, Họ và tên, and her own signature
        assert page.rindex("Nguyễn Hoài Nam") > page.rindex(HEAD)


def test_a_collectives_mau_07_and_the_summary_are_papers(world):
    p = _papers(world)
    collective = Nominee.objects.create(
        dossier=p.dossier,
        kind="tap_the",
        award_form=p.officer.award_form,
        full_name="Phòng CNTT",
        collective_unit=world.phong_a,
        members_total=10,
        members_excellent=3,
        members_good=7,
        members_disciplined=0,
    )
    for text in _both(documents.render_report_pdf, documents.render_report_docx, collective, "award-mau07-collective"):
        assert_paper(
            text,
            parent="SỞ TT&TT TỈNH A",
            issuer="PHÒNG CNTT TỈNH A",
            number=None,
            signer=("THỦ TRƯỞNG ĐƠN VỊ", HEAD),
            recipients=False,
        )
        assert "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH" in flat(text)
    for text in _both(documents.render_summary_pdf, documents.render_summary_docx, p.dossier, "award-summary"):
        assert_paper(
            text,
            parent="SỞ TT&TT TỈNH A",
            issuer="PHÒNG CNTT TỈNH A",
            number=None,
            signer=("THỦ TRƯỞNG ĐƠN VỊ", HEAD),
            recipients=False,
        )
        page = flat(text)
        assert "TÓM TẮT THÀNH TÍCH" in page and "(Kèm theo Tờ trình số 05/TTr-CNTT ngày 20/12/2023" in page
        assert "bình xét cuối năm 2024" in page and "Tổng số: 01 tập thể và 02 cá nhân." in page


def test_a_summary_without_the_heads_name_is_refused(world, login):
    p = _papers(world)
    Dossier.objects.filter(pk=p.dossier.pk).update(submission_signer="")
    with pytest.raises(DocumentIncomplete, match="Chưa lập được tóm tắt thành tích"):
        documents.render_summary_pdf(p.dossier)
    response = login(world.office).get(reverse("awards:summary_pdf", args=[p.dossier.pk]))
    assert response.status_code == 302 and response.url == reverse("awards:dossier_detail", args=[p.dossier.pk])


# --- Entering what the Biên bản prints ----------------------------------------------------------------------


def _ballot_post(p: Papers, **overrides) -> dict:
    data = {
        f"dong_y_{p.head.pk}": "4",
        f"khong_dong_y_{p.head.pk}": "1",
        f"phat_ra_{p.head.pk}": "5",
        f"thu_ve_{p.head.pk}": "5",
        f"hop_le_{p.head.pk}": "5",
    }
    return {**data, **{k.format(pk=p.head.pk): v for k, v in overrides.items()}}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"thu_ve_{pk}": "6"}, "Số phiếu thu về (6) lớn hơn số phiếu phát ra (5)."),
        ({"hop_le_{pk}": "6"}, "Số phiếu hợp lệ (6) lớn hơn số phiếu thu về (5)."),
        ({"hop_le_{pk}": "4"}, "Số phiếu đồng ý và không đồng ý (5) vượt số phiếu hợp lệ (4)."),
        ({"phat_ra_{pk}": ""}, "Bỏ phiếu kín: nhập số phiếu phát ra (in trong biên bản)."),
        ({"phat_ra_{pk}": "6", "thu_ve_{pk}": "6", "hop_le_{pk}": "6"}, "vượt tổng số thành viên hội đồng (5)"),
    ],
)
def test_secret_ballot_counts_are_checked_and_what_was_typed_is_kept(world, login, overrides, message):
    p = _papers(world)
    client = login(world.office)
    url = reverse("awards:meeting_detail", args=[p.meeting.pk])
    data = {k.replace("{pk}", str(p.head.pk)): v for k, v in _ballot_post(p).items()}
    data.update({k.replace("{pk}", str(p.head.pk)): v for k, v in overrides.items()})
    response = client.post(url, data)
    body = response.content.decode()
    assert response.status_code == 200 and message in body
    assert f'name="dong_y_{p.head.pk}" value="4"' in body  # typed values kept
    assert not Vote.objects.exists()
    data = {k.replace("{pk}", str(p.head.pk)): v for k, v in _ballot_post(p).items()}
    assert client.post(url, data).status_code == 302
    vote = Vote.objects.get()
    assert (vote.ballots_issued, vote.ballots_returned, vote.ballots_valid, vote.secret_ballot) == (5, 5, 5, True)


def _meeting_post(world, campaign, members: list[dict], **fields) -> dict:
    data = {
        "owner": world.so_a.pk,
        "campaign": campaign.pk,
        "held_on": "10/01/2024",
        "started_at": "08:00",
        "ended_at": "10:30",
        "location": "Phòng họp Sở",
        "minutes_number": "02",
        "members_total": "5",
        "members_present": "4",
        "tv-TOTAL_FORMS": str(len(members)),
        "tv-INITIAL_FORMS": "0",
        **fields,
    }
    for i, row in enumerate(members):
        for key, value in row.items():
            if isinstance(value, bool):
                if value:
                    data[f"tv-{i}-{key}"] = "on"
            else:
                data[f"tv-{i}-{key}"] = value
    return data


def test_the_meeting_form_takes_the_attendance_and_checks_it_against_the_counts(world, login):
    p = _papers(world)
    client = login(world.office)
    url = reverse("awards:meeting_create")
    members = _members()
    # 5 members listed but 4 said to be present and one of them absent: agree. Make them disagree.
    response = client.post(url, _meeting_post(world, p.campaign, members, members_total="6"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Danh sách có 5 thành viên hội đồng nhưng tổng số thành viên hội đồng là 6." in body
    assert "Chánh Thanh tra Sở, Ủy viên" in body  # the list comes back as typed
    response = client.post(url, _meeting_post(world, p.campaign, members, ended_at="07:00"))
    assert "Giờ kết thúc phải sau giờ bắt đầu." in response.content.decode()
    no_position = [dict(members[0], position=""), *members[1:]]
    response = client.post(url, _meeting_post(world, p.campaign, no_position))
    assert "Nhập chức vụ của người chủ trì, thư ký" in response.content.decode()
    assert Meeting.objects.count() == 1

    response = client.post(url, _meeting_post(world, p.campaign, members))
    assert response.status_code == 302
    meeting = Meeting.objects.latest("pk")
    assert (meeting.chair, meeting.secretary, meeting.location) == ("Phạm Thị Dung", "Lê Văn Cường", "Phòng họp Sở")
    assert (meeting.started_at, meeting.ended_at, meeting.minutes_number) == (dt.time(8), dt.time(10, 30), "02")
    assert meeting.members.count() == 6 and meeting.members.get(name="Nguyễn Hoài Nam").written_vote


def test_the_office_completes_a_meeting_recorded_without_its_attendance(world, login):
    p = _papers(world)
    p.meeting.members.all().delete()
    client = login(world.office)
    url = reverse("awards:meeting_update", args=[p.meeting.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _meeting_post(world, p.campaign, _members(), location="Hội trường Sở"))
    assert response.status_code == 302
    meeting = Meeting.objects.get(pk=p.meeting.pk)
    assert meeting.location == "Hội trường Sở" and meeting.members.count() == 6
    assert login(world.council).get(url).status_code == 403
