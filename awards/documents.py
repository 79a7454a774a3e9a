"""The award documents the portal writes: each nominee's Báo cáo thành tích (Mẫu 07), the dossier's tóm tắt
thành tích, the Biên bản of the council's meeting, and the Quyết định khen thưởng or Tờ trình đề nghị — as DOCX
(python-docx, for the unit to edit and sign) and as PDF (WeasyPrint, through `render_pdf`).

Pure functions: no request, no task. The facts of a document are gathered once (`report_facts`, `minutes_facts`,
…) into plain objects that both the DOCX writer and the HTML templates read, so the two files say the same thing.
User text stays text: python-docx writes it as runs, the templates autoescape it.

Legal references (form numbers, decrees) are data with validity dates, never constants here: a Căn cứ comes from
the award form or the campaign, and the document does not print "Mẫu số 07" itself.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.template.loader import render_to_string
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from awards.models import Decision, DecisionKind, Dossier, Meeting, Nominee, PriorAward, VoteRule
from campaigns.models import AwardFormKind, AwardTarget, Campaign, Unit, UnitLevel
from emulation.lib.pdf import render_pdf
from emulation.lib.vn import format_date, format_number, format_percent
from emulation.templatetags.documents import ngay_van_ban, so_ky_hieu
from indicators import evaluation
from indicators.models import SubmissionStatus, Value

FILL = "…………………"  # a blank line left to be completed by hand on the printed form
COUNCIL = "Hội đồng Thi đua – Khen thưởng"

# Characters XML 1.0 refuses (python-docx would raise on them); tab and newline stay.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(value: object) -> str:
    return _XML_INVALID.sub("", str(value)) if value is not None else ""


def blocks(text: str) -> list[str]:
    """A text field as paragraphs: split on blank lines; single line breaks stay inside a paragraph."""
    text = clean(text).replace("\r\n", "\n").replace("\r", "\n").strip()
    return [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]


# --- Who issues a document, where ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Letterhead:
    """The two columns at the top (NĐ 30/2020): parent body and issuer, Số; Quốc hiệu, tiêu ngữ, place and date."""

    parent_body: str
    issuer: str
    number: str = ""  # the whole "Số: …" line, or "" when the document carries none
    place_date: str = ""


def province_of(unit: Unit) -> str:
    if unit.province:
        return unit.province
    return next((a.province for a in list(Unit.objects.get_ancestors(unit))[::-1] if a.province), "")


def place_of(unit: Unit) -> str:
    """Địa danh: the province's name ("Tỉnh Bình Phước" → "Bình Phước")."""
    return re.sub(r"^tỉnh\s+", "", province_of(unit).strip(), flags=re.IGNORECASE)


def place_date(unit: Unit, day) -> str:
    place = place_of(unit)
    return f"{place}, {ngay_van_ban(day)}" if place else ngay_van_ban(day).capitalize()


def parent_body_of(unit: Unit) -> str:
    """The body directly above a unit: a Sở answers to its province's People's Committee, a phòng to its Sở."""
    province = province_of(unit)
    if unit.level == UnitLevel.SO and province:
        return f"Ủy ban nhân dân {province}"
    parent = Unit.objects.get_parent(unit)
    return parent.name if parent else ""


def position_unit(nominee: Nominee) -> str:
    """Chức vụ, đơn vị of a person; the body a collective belongs to."""
    if nominee.kind == AwardTarget.TAP_THE:
        parent = Unit.objects.get_parent(nominee.collective_unit) if nominee.collective_unit_id else None
        return nominee.work_unit or (parent.name if parent else nominee.dossier.unit.name)
    return ", ".join(part for part in (nominee.position, nominee.work_unit or nominee.dossier.unit.name) if part)


def award_phrase(nominee: Nominee) -> str:
    """What is proposed: "Bằng khen của …", "danh hiệu Chiến sĩ thi đua cơ sở"."""
    form = nominee.award_form
    if form.kind == AwardFormKind.DANH_HIEU and not form.name.lower().startswith("danh hiệu"):
        return f"danh hiệu {form.name}"
    return form.name


def _campaign_phrase(campaign: Campaign | None) -> str:
    return f"phong trào thi đua “{clean(campaign.title)}”" if campaign else "các phong trào thi đua"


def _who(nominees: list[Nominee]) -> str:
    """các tập thể, cá nhân — or only the kind the list holds."""
    kinds = {n.kind for n in nominees}
    if kinds == {AwardTarget.TAP_THE}:
        return "các tập thể"
    if kinds == {AwardTarget.CA_NHAN}:
        return "các cá nhân"
    return "các tập thể, cá nhân"


def _count_phrase(nominees: list[Nominee]) -> str:
    collectives = sum(1 for n in nominees if n.kind == AwardTarget.TAP_THE)
    people = len(nominees) - collectives
    parts = [f"{collectives:02d} tập thể" if collectives else "", f"{people:02d} cá nhân" if people else ""]
    return " và ".join(p for p in parts if p)


# --- Báo cáo thành tích (Mẫu 07) ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ResultRow:
    year: int
    indicator: str
    target: str
    actual: str
    achievement: str


@dataclass(frozen=True)
class MemberRow:
    label: str
    count: str
    percent: str


@dataclass
class Report:
    nominee: Nominee
    letterhead: Letterhead
    title: str  # ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA …
    subject: str  # the person (name, position, unit) or the collective
    occasion: str  # the campaign and round the achievements belong to
    is_person: bool
    profile: list[list[tuple[str, str]]] = field(default_factory=list)  # person, part I: lines of (label, value)
    situation: list[str] = field(default_factory=list)  # collective, part I.1: facts the portal knows
    characteristics: list[str] = field(default_factory=list)
    duties: list[str] = field(default_factory=list)
    achievements: list[str] = field(default_factory=list)
    rating: str = ""
    results_caption: str = ""
    results: list[ResultRow] = field(default_factory=list)
    members: list[MemberRow] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    initiative: list[str] = field(default_factory=list)
    titles: list[PriorAward] = field(default_factory=list)
    awards: list[PriorAward] = field(default_factory=list)
    head_name: str = ""


def indicator_results(*, unit: Unit, campaign: Campaign, year: int) -> list[ResultRow]:
    """The unit's approved figures in the campaign up to the dossier's year: the latest approved period of each
    year, judged against its targets (the year-on-year table of a collective's report)."""
    values = list(
        Value.objects.filter(
            submission__unit=unit,
            submission__period__campaign=campaign,
            submission__period__year__lte=year,
            submission__status=SubmissionStatus.DA_DUYET,
        )
        .select_related("target", "target__indicator", "submission__period")
        .order_by("submission__period__year", "-submission__period__due_date", "target__order", "target__pk")
    )
    latest: dict[int, int] = {}
    for value in values:
        latest.setdefault(value.submission.period.year, value.submission.period_id)
    rows = []
    chosen = [v for v in values if latest[v.submission.period.year] == v.submission.period_id]
    baselines: dict[tuple[int, int], Decimal] = {}
    for year in {v.submission.period.year for v in chosen}:
        baselines |= evaluation.baselines_for(
            targets=[v.target for v in chosen if v.submission.period.year == year], unit_ids=[unit.pk], year=year
        )
    for value in chosen:
        target = value.target
        figure = evaluation.unit_figure(target, value, baseline=baselines.get((target.pk, unit.pk)))
        actual = figure.text
        if figure.kind == "number" and actual and target.indicator.unit_label:
            actual = f"{actual} {target.indicator.unit_label}"
        rows.append(
            ResultRow(value.submission.period.year, target.indicator.name, target.describe(), actual, figure.label)
        )
    return rows


def _members(nominee: Nominee) -> list[MemberRow]:
    total = nominee.members_total

    def row(label: str, count: int | None) -> MemberRow:
        percent = format_percent(Decimal(count) * 100 / total) if count is not None and total else ""
        return MemberRow(label, format_number(count) if count is not None else "", percent)

    return [
        row("Tổng số cán bộ, công chức, viên chức, người lao động", total),
        row("Hoàn thành xuất sắc nhiệm vụ", nominee.members_excellent),
        row("Hoàn thành tốt nhiệm vụ", nominee.members_good),
        row("Bị kỷ luật (cảnh cáo trở lên)", nominee.members_disciplined),
    ]


def report_facts(nominee: Nominee) -> Report:
    dossier = nominee.dossier
    unit, campaign = dossier.unit, dossier.campaign
    is_person = nominee.kind == AwardTarget.CA_NHAN
    prior = list(nominee.prior_awards.all())
    collective = nominee.collective_unit if not is_person else None
    report = Report(
        nominee=nominee,
        letterhead=Letterhead(parent_body_of(unit), unit.name, place_date=place_date(unit, None)),
        title=f"ĐỀ NGHỊ TẶNG {award_phrase(nominee).upper()}",
        subject=", ".join([nominee.full_name, position_unit(nominee)]) if is_person else nominee.full_name,
        occasion=f"(Thành tích trong {_campaign_phrase(campaign)}, "
        f"{dossier.get_round_kind_display().lower()} năm {dossier.year})",
        is_person=is_person,
        characteristics=blocks(nominee.characteristics),
        duties=blocks(nominee.duties),
        achievements=blocks(nominee.achievements),
        rating=nominee.get_rating_display() if nominee.rating else "",
        measures=blocks(nominee.measures),
        initiative=blocks(nominee.initiative),
        titles=[a for a in prior if a.is_title],
        awards=[a for a in prior if not a.is_title],
        head_name=(collective.head_name if collective else "") or unit.head_name or dossier.submission_signer,
    )
    results_unit = collective or unit
    report.results = indicator_results(unit=results_unit, campaign=campaign, year=dossier.year)
    report.results_caption = f"Kết quả thực hiện các chỉ tiêu thi đua của {results_unit.name}"
    if is_person:
        report.profile = [
            [("Họ và tên", nominee.full_name)],
            [
                ("Sinh ngày, tháng, năm", format_date(nominee.birth_date)),
                ("Giới tính", nominee.get_gender_display() if nominee.gender else ""),
            ],
            [("Quê quán", nominee.hometown)],
            [("Trú quán", nominee.residence)],
            [("Đơn vị công tác", nominee.work_unit or unit.name)],
            [("Chức vụ (Đảng, chính quyền, đoàn thể)", nominee.position)],
            [("Trình độ chuyên môn, nghiệp vụ", nominee.education)],
            [("Học hàm, học vị, danh hiệu, giải thưởng", nominee.academic_title)],
        ]
        report.profile = [[(label, clean(value)) for label, value in line] for line in report.profile]
    else:
        report.members = _members(nominee)
        situation = []
        if collective:
            contact = "; ".join(
                part
                for part in (
                    f"trụ sở: {collective.address}" if collective.address else "",
                    f"điện thoại: {collective.phone}" if collective.phone else "",
                    f"thư điện tử: {collective.email}" if collective.email else "",
                )
                if part
            )
            if contact:
                situation.append(contact[0].upper() + contact[1:] + ".")
        situation.append(f"Đơn vị cấp trên trực tiếp: {position_unit(nominee)}.")
        if nominee.members_total is not None:
            situation.append(f"Tổng số cán bộ, công chức, viên chức, người lao động: {nominee.members_total} người.")
        report.situation = [clean(line) for line in situation]
    return report


def _nominee_for_document(nominee: Nominee) -> Nominee:
    return (
        Nominee.objects.select_related("dossier__unit", "dossier__campaign", "award_form", "collective_unit")
        .prefetch_related("prior_awards")
        .get(pk=nominee.pk)
    )


def render_report_html(nominee: Nominee) -> str:
    return render_to_string("awards/doc_report.html", {"doc": report_facts(_nominee_for_document(nominee))})


def render_report_pdf(nominee: Nominee) -> bytes:
    """The Báo cáo thành tích of a person or a collective as PDF."""
    return render_pdf(render_report_html(nominee))


def render_report_docx(nominee: Nominee) -> bytes:
    """The Báo cáo thành tích of a person or a collective as DOCX, to be completed and signed."""
    doc = report_facts(_nominee_for_document(nominee))
    word = Word(title=f"Báo cáo thành tích – {doc.nominee.full_name}")
    word.letterhead(doc.letterhead)
    word.heading("BÁO CÁO THÀNH TÍCH", doc.title)
    word.para(doc.subject, bold=True, align="center", indent=False, space_after=0)
    word.para(doc.occasion, italic=True, align="center", indent=False, space_after=12)
    prior_headers = "Số, ngày, tháng, năm của quyết định {}; cơ quan ban hành quyết định"
    if doc.is_person:
        word.section("I. SƠ LƯỢC LÝ LỊCH")
        for line in doc.profile:
            word.para(";  ".join(f"{label}: {value or FILL}" for label, value in line), lead="- ")
        word.section("II. THÀNH TÍCH ĐẠT ĐƯỢC")
        word.section("1. Quyền hạn, nhiệm vụ được giao hoặc đảm nhận:", level=2)
        word.texts(doc.duties)
        word.section("2. Thành tích đạt được:", level=2)
        word.texts(doc.achievements)
        if doc.rating:
            word.para(f"Kết quả đánh giá, xếp loại năm {doc.nominee.dossier.year}: {doc.rating}.", lead="- ")
        word.results(doc)
        word.section("3. Biện pháp, giải pháp công tác, sáng kiến:", level=2)
        word.texts(doc.measures, fill=not doc.initiative)
        if doc.initiative:
            word.para("Sáng kiến, đề tài được công nhận:", lead="- ")
            word.texts(doc.initiative)
    else:
        word.section("I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH")
        word.section("1. Đặc điểm, tình hình:", level=2)
        for line in doc.situation:
            word.para(line, lead="- ")
        word.texts(doc.characteristics, fill=False)
        word.section("2. Chức năng, nhiệm vụ:", level=2)
        word.texts(doc.duties)
        word.section("II. THÀNH TÍCH ĐẠT ĐƯỢC")
        word.section("1. Kết quả thực hiện nhiệm vụ:", level=2)
        word.texts(doc.achievements, fill=not doc.results)
        word.results(doc)
        word.section(f"2. Kết quả đánh giá, xếp loại thành viên năm {doc.nominee.dossier.year}:", level=2)
        word.table(
            ["Nội dung", "Số người", "Tỷ lệ"],
            [[m.label, m.count, m.percent] for m in doc.members],
            [105, 30, 30],
            center=(1, 2),
        )
        word.section("3. Biện pháp, giải pháp, sáng kiến:", level=2)
        word.texts(doc.measures, fill=not doc.initiative)
        word.texts(doc.initiative, fill=False)
    word.section("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG")
    for number, (label, rows, what) in enumerate(
        [
            ("Danh hiệu thi đua", doc.titles, "công nhận danh hiệu thi đua"),
            ("Hình thức khen thưởng", doc.awards, "khen thưởng"),
        ],
        start=1,
    ):
        word.section(f"{number}. {label}:", level=2)
        if rows:
            word.table(
                ["Năm", label, prior_headers.format(what)],
                [[str(a.year), a.name, a.decision] for a in rows],
                [20, 60, 85],
                center=(0,),
            )
        else:
            word.para("Không có.")
    if doc.is_person:
        word.signatures(
            ("NGƯỜI BÁO CÁO THÀNH TÍCH", "(Ký, ghi rõ họ và tên)", doc.nominee.full_name),
            ("THỦ TRƯỞNG ĐƠN VỊ\nXÁC NHẬN, ĐỀ NGHỊ", "(Ký, đóng dấu)", doc.head_name),
        )
        word.signatures(("XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG", "(Ký, đóng dấu)", ""), None, centred=True)
    else:
        word.signatures(
            ("XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG", "(Ký, đóng dấu)", ""),
            ("THỦ TRƯỞNG ĐƠN VỊ", "(Ký, đóng dấu)", doc.head_name),
        )
    return word.bytes()


# --- Tóm tắt thành tích of a dossier ------------------------------------------------------------------------


def render_summary_docx(dossier: Dossier) -> bytes:
    """The dossier's list of nominees with a summary of each one's achievements, sent with the Tờ trình."""
    dossier = Dossier.objects.select_related("unit", "campaign").get(pk=dossier.pk)
    nominees = list(dossier.nominees.select_related("award_form", "collective_unit", "dossier__unit"))
    for nominee in nominees:
        nominee.dossier = dossier
    unit = dossier.unit
    word = Word(title=f"Tóm tắt thành tích – {unit.name}")
    word.letterhead(Letterhead(parent_body_of(unit), unit.name, place_date=place_date(unit, dossier.submission_date)))
    word.heading(
        "TÓM TẮT THÀNH TÍCH",
        f"Của các tập thể, cá nhân đề nghị khen thưởng trong {_campaign_phrase(dossier.campaign)}, "
        f"{dossier.get_round_kind_display().lower()} năm {dossier.year}",
    )
    if dossier.submission_number or dossier.submission_date:
        number = f" số {clean(dossier.submission_number)}" if dossier.submission_number else ""
        day = f" ngày {format_date(dossier.submission_date)}" if dossier.submission_date else ""
        word.para(f"(Kèm theo Tờ trình{number}{day} của {unit.name})", italic=True, align="center", indent=False)
    word.table(
        ["TT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Hình thức đề nghị", "Tóm tắt thành tích"],
        [
            [str(i), n.full_name, position_unit(n), award_phrase(n), "\n".join(blocks(n.summary))]
            for i, n in enumerate(nominees, start=1)
        ],
        [10, 35, 35, 30, 55],
        center=(0,),
    )
    word.para(f"Tổng số: {_count_phrase(nominees) or 'không có ai'}.", indent=False)
    word.signatures(None, ("THỦ TRƯỞNG ĐƠN VỊ", "(Ký, đóng dấu)", dossier.submission_signer or unit.head_name))
    return word.bytes()


# --- Biên bản họp Hội đồng ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class VoteRow:
    name: str
    unit: str
    form: str
    votes_for: int
    votes_against: int
    percent: str
    threshold: str
    passed: bool

    @property
    def result(self) -> str:
        return "Đạt" if self.passed else "Không đạt"


@dataclass
class Minutes:
    meeting: Meeting
    letterhead: Letterhead
    summary: str
    absent: int
    units: list[str]
    rows: list[VoteRow]
    secret_forms: list[str]
    passed: int
    failed: int


def minutes_facts(meeting: Meeting) -> Minutes:
    meeting = Meeting.objects.select_related("owner", "campaign").get(pk=meeting.pk)
    votes = list(
        meeting.votes.select_related("nominee__award_form", "nominee__dossier__unit", "nominee__collective_unit")
    )
    # Ranked by form, then by votes: if more pass than the quota allows, the order decides (NĐ 98/2023).
    votes.sort(key=lambda v: (v.nominee.award_form.order, v.nominee.award_form.name, -v.votes_for, v.nominee.pk))
    total = meeting.members_total
    rows = [
        VoteRow(
            name=v.nominee.full_name,
            unit=position_unit(v.nominee),
            form=award_phrase(v.nominee),
            votes_for=v.votes_for,
            votes_against=v.votes_against,
            percent=format_percent(Decimal(v.votes_for) * 100 / total) if total else "",
            threshold=f"≥ {format_percent(v.threshold_percent)}",
            passed=v.passed,
        )
        for v in votes
    ]
    forms = {v.nominee.award_form for v in votes}
    secret = [
        form.name
        for form in sorted(forms, key=lambda f: (f.order, f.name))
        if VoteRule.objects.valid_on(meeting.held_on).filter(award_form=form, secret_ballot=True).exists()
    ]
    units = sorted({v.nominee.dossier.unit.name for v in votes})
    owner = meeting.owner
    return Minutes(
        meeting=meeting,
        letterhead=Letterhead(owner.name, COUNCIL, so_ky_hieu("", "BB"), place_date=place_date(owner, meeting.held_on)),
        summary=f"Họp {COUNCIL} xét đề nghị khen thưởng trong {_campaign_phrase(meeting.campaign)}",
        absent=max(total - meeting.members_present, 0),
        units=units,
        rows=rows,
        secret_forms=secret,
        passed=sum(1 for r in rows if r.passed),
        failed=sum(1 for r in rows if not r.passed),
    )


def render_minutes_html(meeting: Meeting) -> str:
    return render_to_string("awards/doc_minutes.html", {"doc": minutes_facts(meeting)})


def render_minutes_pdf(meeting: Meeting) -> bytes:
    """The Biên bản of the council's meeting with each nominee's vote, as PDF."""
    return render_pdf(render_minutes_html(meeting))


def render_minutes_docx(meeting: Meeting) -> bytes:
    """The Biên bản of the council's meeting with each nominee's vote, as DOCX."""
    doc = minutes_facts(meeting)
    m = doc.meeting
    word = Word(title=f"Biên bản họp {COUNCIL} ngày {format_date(m.held_on)}")
    word.letterhead(doc.letterhead)
    word.heading("BIÊN BẢN", doc.summary)
    word.para(f"Thời gian: ngày {format_date(m.held_on)}.", lead="- ")
    if m.owner.address:
        word.para(f"Địa điểm: {m.owner.address}.", lead="- ")
    word.para(f"Chủ trì: {m.chair or FILL}.", lead="- ")
    word.para(f"Thư ký: {m.secretary or FILL}.", lead="- ")
    word.para(
        f"Thành phần: tổng số thành viên Hội đồng: {m.members_total}; có mặt: {m.members_present}; "
        f"vắng mặt: {doc.absent}.",
        lead="- ",
    )
    word.section("I. NỘI DUNG")
    units = f" của {', '.join(doc.units)}" if doc.units else ""
    word.para(
        f"Hội đồng xem xét hồ sơ đề nghị khen thưởng{units} trong {_campaign_phrase(m.campaign)}; thảo luận và "
        "biểu quyết đối với từng tập thể, cá nhân. Tỷ lệ phiếu đồng ý được tính trên tổng số thành viên Hội đồng "
        "(kể cả phiếu bằng văn bản của thành viên vắng mặt)."
    )
    if doc.secret_forms:
        word.para(f"Hình thức biểu quyết: bỏ phiếu kín đối với {', '.join(doc.secret_forms)}.")
    word.section("II. KẾT QUẢ BIỂU QUYẾT")
    word.table(
        ["TT", "Tập thể, cá nhân", "Chức vụ, đơn vị", "Hình thức đề nghị", "Đồng ý", "Không đồng ý"]
        + ["Tỷ lệ đồng ý / tổng số thành viên", "Ngưỡng", "Kết quả"],
        [
            [str(i), r.name, r.unit, r.form, str(r.votes_for), str(r.votes_against), r.percent, r.threshold, r.result]
            for i, r in enumerate(doc.rows, start=1)
        ],
        [9, 29, 26, 28, 14, 15, 16, 14, 14],
        center=(0, 4, 5, 6, 7, 8),
        size=11,
    )
    word.section("III. KẾT LUẬN")
    word.para(
        f"Số tập thể, cá nhân đạt tỷ lệ phiếu đồng ý theo quy định: {doc.passed}; không đạt: {doc.failed}. "
        "Hội đồng thống nhất đề nghị cấp có thẩm quyền khen thưởng các tập thể, cá nhân có kết quả Đạt nêu trên."
    )
    word.texts(blocks(m.note), fill=False)
    word.para("Biên bản được thông qua tại cuộc họp và có hiệu lực kể từ ngày ký./.")
    word.signatures(("THƯ KÝ", "", m.secretary), ("CHỦ TRÌ", "", m.chair))
    return word.bytes()


# --- Quyết định khen thưởng / Tờ trình đề nghị ---------------------------------------------------------------


@dataclass(frozen=True)
class Awardee:
    name: str
    unit: str
    form: str


@dataclass
class DecisionDoc:
    decision: Decision
    letterhead: Letterhead
    is_decision: bool
    summary: str
    authority: str  # the line under the trích yếu of a Quyết định: GIÁM ĐỐC SỞ …
    bases: list[str]
    addressees: list[str]  # Kính gửi of a Tờ trình
    opening: str
    rows: list[Awardee]
    closing: str
    recipients: list[str]
    signer_title: str


def _authority(authority: str, issuer: str) -> tuple[str, str]:
    """("Giám đốc Sở", "Sở Thông tin và Truyền thông") → ("Giám đốc Sở Thông tin và Truyền thông", "Giám đốc"):
    the authority's words that name the issuer are read as the issuer."""
    a_words, i_words = authority.split(), issuer.split()
    for k in range(min(len(a_words), len(i_words)), 0, -1):
        if [w.lower() for w in a_words[-k:]] == [w.lower() for w in i_words[:k]] and len(a_words) > k:
            return " ".join(a_words[:-k] + i_words), " ".join(a_words[:-k])
    return authority, authority


def _addressee(authority: str, owner: Unit) -> str:
    """Where a Tờ trình goes: the Bộ for a Bộ trưởng's form, else the province's emulation board."""
    if "bộ" in authority.lower().split():
        ministry = next((a for a in Unit.objects.get_ancestors(owner) if a.level == UnitLevel.BO), None)
        return ministry.name if ministry else authority
    province = province_of(owner)
    province = re.sub(r"^tỉnh\b", "tỉnh", province, flags=re.IGNORECASE)
    return f"Ban Thi đua – Khen thưởng {province}".strip()


def decision_facts(decision: Decision) -> DecisionDoc:
    decision = Decision.objects.select_related("owner").get(pk=decision.pk)
    nominees = list(
        decision.nominees.select_related("award_form", "dossier__unit", "dossier__campaign", "collective_unit")
        .prefetch_related("votes__meeting")
        .order_by("award_form__order", "award_form__name", "dossier__unit__path", "order", "pk")
    )
    owner = decision.owner
    campaigns = list({n.dossier.campaign_id: n.dossier.campaign for n in nominees}.values())
    campaign = campaigns[0] if len(campaigns) == 1 else None
    forms = list({n.award_form_id: n.award_form for n in nominees}.values())
    form_names = ", ".join(award_phrase(next(n for n in nominees if n.award_form_id == f.pk)) for f in forms)
    achievement = f"đã có thành tích xuất sắc trong {_campaign_phrase(campaign)}"
    authority_full, position = _authority(forms[0].authority if forms else "", decision.issuer)
    meetings = sorted({v.meeting.held_on for n in nominees for v in n.votes.all() if v.passed})
    bases = [f"Căn cứ {clean(basis)};" for basis in dict.fromkeys(f.legal_basis for f in forms if f.legal_basis)]
    if campaign and campaign.number:
        issued = f" ngày {format_date(campaign.issued_on)}" if campaign.issued_on else ""
        bases.append(
            f"Căn cứ {campaign.document_type} số {clean(campaign.number)}{issued} của {clean(campaign.issuer)} "
            f"về phong trào thi đua “{clean(campaign.title)}”;"
        )
    bases += [f"Căn cứ kết quả họp {COUNCIL} {owner.name} ngày {format_date(day)};" for day in meetings]
    rows = [Awardee(n.full_name, position_unit(n), award_phrase(n)) for n in nominees]
    is_decision = decision.kind == DecisionKind.QUYET_DINH
    if is_decision:
        bases.append(f"Xét đề nghị của Thường trực {COUNCIL}.")
        # A danh hiệu is "công nhận", a hình thức "tặng"; a list of both is "khen thưởng".
        kinds = {f.kind for f in forms}
        verb = {frozenset({AwardFormKind.DANH_HIEU}): "Công nhận", frozenset({AwardFormKind.HINH_THUC}): "Tặng"}.get(
            frozenset(kinds), "Khen thưởng"
        )
        return DecisionDoc(
            decision=decision,
            letterhead=Letterhead(
                parent_body_of(owner),
                decision.issuer,
                so_ky_hieu(decision.number, "QĐ"),
                place_date(owner, decision.signed_on),
            ),
            is_decision=True,
            summary=f"Về việc khen thưởng {_who(nominees)} {achievement}",
            authority=authority_full.upper(),
            bases=bases,
            addressees=[],
            opening=f"{verb} {form_names} cho {_count_phrase(nominees)} {achievement}, gồm:",
            rows=rows,
            closing="",
            recipients=["Như Điều 3;", "Lưu: VT, VP."],
            signer_title=position.upper(),
        )
    addressees = list(dict.fromkeys(_addressee(f.authority, owner) for f in forms))
    authorities = ", ".join(dict.fromkeys(f.authority for f in forms if f.authority))
    bases[-1:] = [bases[-1].rstrip(";") + ","] if bases else []
    return DecisionDoc(
        decision=decision,
        letterhead=Letterhead(
            parent_body_of(owner),
            decision.issuer,
            so_ky_hieu(decision.number, "TTr"),
            place_date(owner, decision.signed_on),
        ),
        is_decision=False,
        summary=f"Về việc đề nghị tặng {form_names} cho {_who(nominees)} {achievement}",
        authority="",
        bases=bases,
        addressees=addressees,
        opening=f"{decision.issuer} kính đề nghị {' và '.join(addressees)} xem xét, trình "
        f"{authorities or 'cấp có thẩm quyền'} tặng {form_names} cho {_count_phrase(nominees)} {achievement}, "
        "cụ thể như sau:",
        rows=rows,
        closing=f"(Có hồ sơ của {_who(nominees)} kèm theo). {decision.issuer} kính trình "
        f"{' và '.join(addressees)} xem xét./.",
        recipients=["Như trên;", "Lưu: VT, VP."],
        signer_title="GIÁM ĐỐC" if owner.level == UnitLevel.SO else "THỦ TRƯỞNG ĐƠN VỊ",
    )


def render_decision_html(decision: Decision) -> str:
    return render_to_string("awards/doc_decision.html", {"doc": decision_facts(decision)})


def render_decision_pdf(decision: Decision) -> bytes:
    """The Quyết định khen thưởng, or the Tờ trình đề nghị cấp trên, as PDF."""
    return render_pdf(render_decision_html(decision))


def render_decision_docx(decision: Decision) -> bytes:
    """The Quyết định khen thưởng, or the Tờ trình đề nghị cấp trên, as DOCX."""
    doc = decision_facts(decision)
    d = doc.decision
    word = Word(title=f"{d.get_kind_display()} số {d.number}")
    word.letterhead(doc.letterhead)
    word.heading("QUYẾT ĐỊNH" if doc.is_decision else "TỜ TRÌNH", doc.summary)
    if doc.is_decision:
        word.para(doc.authority, bold=True, align="center", indent=False, space_after=12)
    elif len(doc.addressees) == 1:
        word.para(f"Kính gửi: {doc.addressees[0]}.", align="center", indent=False, space_after=12)
    else:
        word.para("Kính gửi:", align="center", indent=False, space_after=0)
        for line in doc.addressees:
            word.para(f"- {line};", align="center", indent=False, space_after=0)
    for basis in doc.bases:
        word.para(basis, italic=doc.is_decision)
    headers = ["TT", "Tên tập thể, cá nhân", "Chức vụ, đơn vị"]
    table_rows = [[str(i), r.name, r.unit, r.form] for i, r in enumerate(doc.rows, start=1)]
    if doc.is_decision:
        word.para("QUYẾT ĐỊNH:", bold=True, align="center", indent=False, space_before=6)
        word.para(doc.opening, lead="Điều 1. ")
        word.table([*headers, "Hình thức khen thưởng"], table_rows, [10, 55, 55, 45], center=(0,))
        word.para(
            "Các tập thể, cá nhân có tên tại Điều 1 được hưởng chế độ khen thưởng theo quy định của pháp luật "
            "về thi đua, khen thưởng.",
            lead="Điều 2. ",
        )
        word.para(
            "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng, Thủ trưởng các đơn vị có liên quan và "
            "các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
            lead="Điều 3. ",
        )
    else:
        word.para(doc.opening)
        word.table([*headers, "Hình thức đề nghị"], table_rows, [10, 55, 55, 45], center=(0,))
        word.para(doc.closing)
    word.footer(doc.recipients, (doc.signer_title, "", d.signer))
    return word.bytes()


# --- The DOCX writer ----------------------------------------------------------------------------------------

FONT = "Times New Roman"
TEXT_WIDTH_MM = 210 - 30 - 15  # A4 less the left and right margins
_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
# Elements that follow w:pBdr in a w:pPr (ECMA-376 order; Word refuses a file with them out of order).
_AFTER_PBDR = tuple(
    "w:shd w:tabs w:suppressAutoHyphens w:kinsoku w:wordWrap w:overflowPunct w:topLinePunct w:autoSpaceDE "
    "w:autoSpaceDN w:bidi w:adjustRightInd w:snapToGrid w:spacing w:ind w:contextualSpacing w:mirrorIndents "
    "w:suppressOverlap w:jc w:textDirection w:textAlignment w:textboxTightWrap w:outlineLvl w:divId w:cnfStyle "
    "w:rPr w:sectPr w:pPrChange".split()
)
Block = tuple[str, str, str]  # signature: title (may hold a line break), note, signer's name


class Word:
    """A python-docx document in the layout of NĐ 30/2020: A4 portrait, margins 20/20/30/15 mm, Times New Roman
    14 pt, justified body with a 1 cm first-line indent and 6 pt after, page numbers centred from page 2."""

    def __init__(self, *, title: str = "") -> None:
        self.doc = Document()
        self.doc.core_properties.title = clean(title)[:255]
        self.doc.core_properties.author = ""
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        section.header_distance = Mm(10)
        style = self.doc.styles["Normal"]
        style.font.name = FONT
        style.font.size = Pt(14)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for script in ("ascii", "hAnsi", "cs", "eastAsia"):
            fonts.set(qn(f"w:{script}"), FONT)
        style.paragraph_format.space_before = Pt(0)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.line_spacing = 1.15
        self._page_numbers(section)

    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()

    # --- paragraphs -----------------------------------------------------------------------------------------

    def para(
        self,
        text: str = "",
        *,
        lead: str = "",
        bold: bool = False,
        italic: bool = False,
        align: str = "justify",
        indent: bool = True,
        size: float | None = None,
        space_before: float | None = None,
        space_after: float | None = None,
        keep_with_next: bool = False,
        underline: bool = False,
        container=None,
    ) -> Paragraph:
        paragraph = (container or self.doc).add_paragraph()
        fmt = paragraph.paragraph_format
        paragraph.alignment = _ALIGN[align]
        fmt.first_line_indent = Mm(10) if indent else Mm(0)
        if space_before is not None:
            fmt.space_before = Pt(space_before)
        if space_after is not None:
            fmt.space_after = Pt(space_after)
        if keep_with_next:
            fmt.keep_with_next = True
        if lead:
            run = paragraph.add_run(clean(lead))
            # Only what differs from the style is written: None inherits.
            run.bold = True if lead.startswith("Điều") or bold else None
            run.italic = italic or None
            if size:
                run.font.size = Pt(size)
        if text:
            run = paragraph.add_run(clean(text))  # "\n" becomes a line break
            run.bold, run.italic, run.underline = bold or None, italic or None, underline or None
            if size:
                run.font.size = Pt(size)
        return paragraph

    def texts(self, paragraphs: list[str], *, fill: bool = True) -> None:
        """A text field's paragraphs; none at all leaves a dotted line to fill in (unless `fill` is False)."""
        for text in paragraphs:
            self.para(text)
        if not paragraphs and fill:
            self.para(FILL)

    def section(self, text: str, *, level: int = 1) -> None:
        self.para(text, bold=True, keep_with_next=True, space_before=6 if level == 1 else 0)

    def heading(self, kind: str, summary: str) -> None:
        """The type of document in upper case bold, its trích yếu in bold, and a short rule under it."""
        self.para(kind, bold=True, align="center", indent=False, space_before=6, space_after=0, keep_with_next=True)
        self.para(summary, bold=True, align="center", indent=False, space_after=0, keep_with_next=True)
        self._rule(self.doc, width_mm=40, total_mm=TEXT_WIDTH_MM, space_after=12)

    # --- two-column blocks ----------------------------------------------------------------------------------

    def letterhead(self, head: Letterhead) -> None:
        left_mm, right_mm = 65, TEXT_WIDTH_MM - 65
        table = self._grid(1, [left_mm, right_mm], borders=False)
        left, right = table.rows[0].cells
        compact = {"align": "center", "indent": False, "space_after": 0}
        if head.parent_body:
            self.para(head.parent_body.upper(), size=13, container=left, **compact)
        self.para(head.issuer.upper(), bold=True, size=13, container=left, **compact)
        self._rule(left, width_mm=22, total_mm=left_mm)
        if head.number:
            self.para(head.number, size=13, container=left, **compact)
        self.para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12, container=right, **compact)
        # NĐ 30: the rule under the tiêu ngữ is as long as the text — an underline is exactly that.
        self.para("Độc lập - Tự do - Hạnh phúc", bold=True, underline=True, size=13, container=right, **compact)
        self.para(head.place_date, italic=True, container=right, space_before=8, **compact)
        self._drop_first_paragraphs(table)
        self.para("", space_after=6)

    def signatures(self, left: Block | None, right: Block | None, *, centred: bool = False) -> None:
        """Signature blocks side by side (or one, centred): titles and notes in a first row, the names in a
        second, so that names stand level whatever the titles' length; room for signature and seal between."""
        chosen = [left] if centred else [left, right]
        table = self._grid(2, [TEXT_WIDTH_MM / len(chosen)] * len(chosen), borders=False)
        compact = {"align": "center", "indent": False, "space_after": 0}
        for index, block in enumerate(chosen):
            if block is None:
                continue
            title, note, name = block
            top, bottom = table.rows[0].cells[index], table.rows[1].cells[index]
            self.para(title.upper(), bold=True, container=top, keep_with_next=True, **compact)
            if note:
                self.para(note, italic=True, size=13, container=top, keep_with_next=True, **compact)
            self.para(name, bold=True, container=bottom, space_before=72, **compact)
        self._drop_first_paragraphs(table)
        self._keep_table_together(table)
        self.para("", space_after=6)

    def footer(self, recipients: list[str], signer: Block) -> None:
        """Nơi nhận (bottom left) and the signature block (bottom right)."""
        table = self._grid(1, [70, TEXT_WIDTH_MM - 70], borders=False)
        left, right = table.rows[0].cells
        compact = {"align": "left", "indent": False, "space_after": 0}
        self.para("Nơi nhận:", bold=True, italic=True, size=12, container=left, **compact)
        for line in recipients:
            self.para(f"- {line}", size=11, container=left, **compact)
        self._signature(right, signer)
        self._drop_first_paragraphs(table)
        self._keep_table_together(table)

    def _signature(self, cell, block: Block | None) -> None:
        if block is None:
            return
        title, note, name = block
        compact = {"align": "center", "indent": False, "space_after": 0}
        self.para(title.upper(), bold=True, container=cell, **compact)
        if note:
            self.para(note, italic=True, size=13, container=cell, **compact)
        # Room for the signature and the seal.
        self.para(name, bold=True, container=cell, space_before=72, **compact)

    # --- tables ---------------------------------------------------------------------------------------------

    def table(
        self,
        headers: list[str],
        rows: list[list[str]],
        widths_mm: list[float],
        *,
        center: tuple[int, ...] = (),
        size: float = 12,
    ) -> Table:
        """A bordered table whose header row repeats on every page."""
        table = self._grid(1 + len(rows), widths_mm, borders=True)
        header = table.rows[0]
        header_pr = header._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        header_pr.append(repeat)
        for cell, text in zip(header.cells, headers, strict=True):
            self._cell(cell, text, bold=True, align="center", size=size)
        for row, values in zip(table.rows[1:], rows, strict=True):
            no_split = OxmlElement("w:cantSplit")
            no_split.set(qn("w:val"), "true")
            row._tr.get_or_add_trPr().append(no_split)
            for index, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
                self._cell(cell, text, align="center" if index in center else "left", size=size)
        self.para("", space_after=0, size=6)
        return table

    def _cell(self, cell, text: str, *, bold: bool = False, align: str = "left", size: float = 12) -> None:
        paragraph = cell.paragraphs[0]
        paragraph.alignment = _ALIGN[align]
        paragraph.paragraph_format.first_line_indent = Mm(0)
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.line_spacing = 1.0
        run = paragraph.add_run(clean(text))
        run.bold = bold
        run.font.size = Pt(size)

    def _grid(self, rows: int, widths_mm: list[float], *, borders: bool) -> Table:
        table = self.doc.add_table(rows=rows, cols=len(widths_mm))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False  # a fixed layout: the widths below hold
        if borders:
            table.style = self.doc.styles["Table Grid"]
        for column, width in zip(table.columns, widths_mm, strict=True):
            column.width = Mm(width)
            for cell in column.cells:
                cell.width = Mm(width)
        return table

    @staticmethod
    def _drop_first_paragraphs(table: Table) -> None:
        """A new cell holds an empty paragraph; `para(container=cell)` appends after it, so remove it."""
        for cell in table._cells:
            if len(cell.paragraphs) > 1 and not cell.paragraphs[0].text:
                element = cell.paragraphs[0]._element
                element.getparent().remove(element)

    @staticmethod
    def _keep_table_together(table: Table) -> None:
        for row in table.rows:
            no_split = OxmlElement("w:cantSplit")
            no_split.set(qn("w:val"), "true")
            row._tr.get_or_add_trPr().append(no_split)

    def results(self, doc: Report) -> None:
        if not doc.results:
            return
        self.para(doc.results_caption + ":", italic=True, keep_with_next=True)
        self.table(
            ["Năm", "Chỉ tiêu", "Kế hoạch", "Thực hiện", "Đánh giá"],
            [[str(r.year), r.indicator, r.target, r.actual, r.achievement] for r in doc.results],
            [15, 65, 30, 30, 25],
            center=(0, 4),
        )

    # --- rules and page numbers -----------------------------------------------------------------------------

    def _rule(self, container, *, width_mm: float, total_mm: float, space_after: float = 0) -> None:
        """A short centred line: an empty paragraph with a top border, narrowed by its indents."""
        paragraph = self.para("", container=container, align="center", indent=False, space_after=space_after)
        margin = max((total_mm - width_mm) / 2, 0)
        paragraph.paragraph_format.left_indent = Mm(margin)
        paragraph.paragraph_format.right_indent = Mm(margin)
        paragraph.paragraph_format.space_before = Pt(2)
        paragraph.paragraph_format.line_spacing = Pt(2)
        borders = OxmlElement("w:pBdr")
        top = OxmlElement("w:top")
        for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
            top.set(qn(f"w:{key}"), value)
        borders.append(top)
        paragraph._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_PBDR)

    @staticmethod
    def _page_numbers(section) -> None:
        """NĐ 30: the page number centred in the top margin, from page 2 on."""
        section.different_first_page_header_footer = True
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run()
        run.font.size = Pt(13)
        for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
            if kind:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
            else:
                element = OxmlElement("w:instrText")
                element.set(qn("xml:space"), "preserve")
                element.text = text
            run._r.append(element)
