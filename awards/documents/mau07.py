"""Báo cáo thành tích (Mẫu 07 of Nghị định 91/2017, kept by the decrees after it): a person's or a collective's
report in the decree's three parts, pre-filled with what the portal knows.

The unit's indicator results come from the one evaluation (indicators.evaluation): each figure as Figure.text
shows it, rounded to the indicator's decimals, under the period it belongs to ("6 tháng đầu năm 2023", "Năm
2022"). When the nominee heads the unit, the unit head's certification is the level above's: nobody certifies
their own report.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import timezone

from awards.documents.common import (
    FILL,
    AwardWord,
    Group,
    award_phrase,
    blocks,
    campaign_phrase,
    clean,
    name_units_as_of,
    position_unit,
    render_paper_pdf,
    round_phrase,
)
from awards.models import Nominee, PriorAward
from campaigns.models import AwardTarget, Campaign, PeriodKind, Signer, Unit
from campaigns.paper import header_for
from emulation.lib.paper import Paper, Signature
from emulation.lib.vn import format_date, format_number, format_percent
from indicators import evaluation
from indicators.models import SubmissionStatus, Value

SIGN_NOTE = "(Ký, ghi rõ họ và tên)"
SEAL_NOTE = "(Ký, đóng dấu)"
REPORTER = "Người báo cáo thành tích"
HEAD = "Thủ trưởng đơn vị xác nhận, đề nghị"
HEAD_ABOVE = "Thủ trưởng đơn vị cấp trên trực tiếp xác nhận, đề nghị"
HEAD_COLLECTIVE = "Thủ trưởng đơn vị"
LEVEL_ABOVE = "Xác nhận của cấp trình khen thưởng"

# Who heads a unit: "Trưởng phòng", "Giám đốc Trung tâm", "Chánh Văn phòng" — but not their deputies.
_HEAD_TITLE = re.compile(
    r"^(trưởng|giám đốc|tổng giám đốc|chánh|thủ trưởng|chủ tịch|cục trưởng|vụ trưởng|bí thư)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class ResultRow:
    year: int
    period: str  # "6 tháng đầu năm 2023", "Năm 2022"
    indicator: str
    target: str
    actual: str  # Figure.text: rounded to the indicator's decimals
    achievement: str


@dataclass(frozen=True)
class MemberRow:
    label: str
    count: str
    percent: str


@dataclass(frozen=True)
class SignBlock:
    title: str  # upper case lines joined by "\n"
    note: str
    name: str

    @property
    def lines(self) -> list[str]:
        return self.title.split("\n")


@dataclass
class Report:
    nominee: Nominee
    paper: Paper
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
    signatures: list[SignBlock] = field(default_factory=list)  # side by side, the unit's certification right
    level_above: SignBlock | None = None  # "Xác nhận của cấp trình khen thưởng", centred under them
    heads_the_unit: bool = False

    @property
    def result_groups(self) -> list[Group]:
        groups: list[Group] = []
        for row in self.results:
            if not groups or groups[-1].label != row.period:
                groups.append(Group(row.period, []))
            groups[-1].rows.append([row.indicator, row.target, row.actual, row.achievement])
        return groups

    @property
    def year(self) -> int:
        return self.nominee.dossier.year


def period_label(kind: str, year: int) -> str:
    return f"6 tháng đầu năm {year}" if kind == PeriodKind.SAU_THANG else f"Năm {year}"


def indicator_results(*, unit: Unit, campaign: Campaign, year: int) -> list[ResultRow]:
    """The unit's approved figures in the campaign up to the dossier's year: the latest approved period of each
    year, judged against its targets, each row labelled with its period (the year-on-year table of Mẫu 07)."""
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
    chosen = [v for v in values if latest[v.submission.period.year] == v.submission.period_id]
    baselines: dict[tuple[int, int], Decimal] = {}
    for each_year in {v.submission.period.year for v in chosen}:
        baselines |= evaluation.baselines_for(
            targets=[v.target for v in chosen if v.submission.period.year == each_year],
            unit_ids=[unit.pk],
            year=each_year,
        )
    rows = []
    for value in chosen:
        target, period = value.target, value.submission.period
        figure = evaluation.unit_figure(target, value, baseline=baselines.get((target.pk, unit.pk)))
        actual = figure.text
        if figure.kind == "number" and actual and target.indicator.unit_label:
            actual = f"{actual} {target.indicator.unit_label}"
        rows.append(
            ResultRow(
                year=period.year,
                period=period_label(period.kind, period.year),
                indicator=target.indicator.name,
                target=target.describe(),
                actual=actual,
                achievement=figure.label,
            )
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


def _same_name(a: str, b: str) -> bool:
    def norm(text: str) -> str:
        return " ".join(unicodedata.normalize("NFC", text or "").lower().split())

    return bool(norm(a)) and norm(a) == norm(b)


def heads_the_unit(nominee: Nominee, unit: Unit) -> bool:
    """Whether the person proposed is the head of the proposing unit: named as its head, or a leader whose chức
    vụ is a head's (Trưởng phòng, Giám đốc …, not Phó …)."""
    if nominee.kind != AwardTarget.CA_NHAN:
        return False
    if _same_name(nominee.full_name, unit.head_name):
        return True
    return nominee.is_leader and bool(_HEAD_TITLE.match((nominee.position or "").strip()))


def _head_of(unit: Unit, day: datetime.date) -> str:
    """The head's name: the unit's recorded head, else its signer who signs in their own right (no KT./TM.)."""
    if unit.head_name.strip():
        return unit.head_name.strip()
    signers = Signer.objects.filter(unit=unit).valid_on(day).order_by("-valid_from", "-pk")
    own = next((s for s in signers if not s.authority.strip()), None)
    return own.name if own else ""


def report_facts(nominee: Nominee) -> Report:
    dossier = nominee.dossier
    unit, campaign = dossier.unit, dossier.campaign
    is_person = nominee.kind == AwardTarget.CA_NHAN
    prior = list(nominee.prior_awards.all())
    collective = nominee.collective_unit if not is_person else None
    day = dossier.submission_date or timezone.localdate()
    # The report carries no date line of its own; its names are those of the dossier's date.
    name_units_as_of([nominee], day)
    unit = dossier.unit
    collective = nominee.collective_unit if not is_person else None
    header = header_for(unit, doc_type="Báo cáo thành tích", day=None, names_on=day, with_number=False)
    paper = Paper(header=header, summary=f"ĐỀ NGHỊ TẶNG {award_phrase(nominee).upper()}", needs_recipients=False)
    report = Report(
        nominee=nominee,
        paper=paper,
        subject=", ".join([nominee.full_name, position_unit(nominee)]) if is_person else nominee.full_name,
        occasion=f"(Thành tích trong {campaign_phrase(campaign)}, {round_phrase(dossier)})",
        is_person=is_person,
        characteristics=blocks(nominee.characteristics),
        duties=blocks(nominee.duties),
        achievements=blocks(nominee.achievements),
        rating=nominee.get_rating_display() if nominee.rating else "",
        measures=blocks(nominee.measures),
        initiative=blocks(nominee.initiative),
        titles=[a for a in prior if a.is_title],
        awards=[a for a in prior if not a.is_title],
    )
    results_unit = collective or unit
    report.results = indicator_results(unit=results_unit, campaign=campaign, year=dossier.year)
    report.results_caption = f"Kết quả thực hiện các chỉ tiêu thi đua của {results_unit.name}"
    level_above = SignBlock(LEVEL_ABOVE.upper(), SEAL_NOTE, "")
    if is_person:
        report.heads_the_unit = heads_the_unit(nominee, unit)
        if report.heads_the_unit:
            parent = Unit.objects.get_parent(unit)
            certifier = SignBlock("\n".join(_lines(HEAD_ABOVE)), SEAL_NOTE, _head_of(parent, day) if parent else "")
        else:
            head = _head_of(unit, day) or dossier.submission_signer
            certifier = SignBlock("\n".join(_lines(HEAD)), SEAL_NOTE, head)
        report.signatures = [SignBlock(REPORTER.upper(), SIGN_NOTE, nominee.full_name), certifier]
        report.level_above = level_above
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
        head = (collective.head_name if collective else "") or _head_of(unit, day) or dossier.submission_signer
        report.signatures = [level_above, SignBlock(HEAD_COLLECTIVE.upper(), SEAL_NOTE, head)]
        report.members = _members(nominee)
        report.situation = [clean(line) for line in _situation(nominee, collective)]
    # The layer's check: every block that must be signed by name has its name (the cấp trình signs by hand).
    named = [s for s in report.signatures if s.title != LEVEL_ABOVE.upper()]
    paper.signatures = [Signature(position=s.title.replace("\n", " "), name=s.name) for s in named]
    return report


def _lines(title: str) -> list[str]:
    """ "Thủ trưởng đơn vị xác nhận, đề nghị" → ["THỦ TRƯỞNG ĐƠN VỊ", "XÁC NHẬN, ĐỀ NGHỊ"]."""
    upper = title.upper()
    head, _, rest = upper.partition(" XÁC NHẬN")
    return [head, f"XÁC NHẬN{rest}"] if rest else [upper]


def _situation(nominee: Nominee, collective: Unit | None) -> list[str]:
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
    return situation


def _nominee_for_document(nominee: Nominee) -> Nominee:
    return (
        Nominee.objects.select_related("dossier__unit", "dossier__campaign", "award_form", "collective_unit")
        .prefetch_related("prior_awards")
        .get(pk=nominee.pk)
    )


def _facts(nominee: Nominee) -> Report:
    report = report_facts(_nominee_for_document(nominee))
    report.paper.check("báo cáo thành tích")
    return report


TEMPLATE = "awards/doc_report.html"


def render_report_html(nominee: Nominee) -> str:
    report = _facts(nominee)
    return render_to_string(TEMPLATE, {"doc": report, "paper": report.paper})


def render_report_pdf(nominee: Nominee) -> bytes:
    """The Báo cáo thành tích of a person or a collective as PDF."""
    report = _facts(nominee)
    return render_paper_pdf(TEMPLATE, report, report.paper)


PRIOR_HEADERS = "Số, ngày, tháng, năm của quyết định {}; cơ quan ban hành quyết định"


def render_report_docx(nominee: Nominee) -> bytes:
    """The Báo cáo thành tích of a person or a collective as DOCX, to be completed and signed."""
    doc = _facts(nominee)
    word = AwardWord(title=f"Báo cáo thành tích – {doc.nominee.full_name}")
    word.letterhead(doc.paper.header)
    word.title(doc.paper)
    word.para(doc.subject, bold=True, align="center", indent=False, space_after=0)
    word.para(doc.occasion, italic=True, align="center", indent=False, space_after=12)
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
            word.para(f"Kết quả đánh giá, xếp loại năm {doc.year}: {doc.rating}.", lead="- ")
        _results(word, doc)
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
        _results(word, doc)
        word.section(f"2. Kết quả đánh giá, xếp loại thành viên năm {doc.year}:", level=2)
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
        if number == 2:
            closing = word.mark()  # from here on, the text stays on the page of the signatures
        word.section(f"{number}. {label}:", level=2)
        if rows:
            word.table(
                ["Năm", label, PRIOR_HEADERS.format(what)],
                [[str(a.year), a.name, a.decision] for a in rows],
                [20, 60, 85],
                center=(0,),
            )
        else:
            word.para("Không có.")
    word.keep_from(closing)
    left, right = ((s.title, s.note, s.name) for s in doc.signatures)
    word.form_signatures(left, right)
    if doc.level_above:
        word.form_signatures((doc.level_above.title, doc.level_above.note, ""), None, centred=True)
    return word.bytes()


def _results(word: AwardWord, doc: Report) -> None:
    if not doc.results:
        return
    word.para(doc.results_caption + ":", italic=True, keep_with_next=True)
    word.grouped_table(
        ["Chỉ tiêu", "Kế hoạch", "Thực hiện", "Đánh giá"],
        doc.result_groups,
        [75, 35, 30, 25],
        center=(2, 3),
    )
