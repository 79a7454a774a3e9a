"""A campaign's plan as an administrative document (Kế hoạch, Chương trình, Chỉ thị; Nghị định 30/2020/NĐ-CP
layout), as PDF and DOCX.

What surrounds the body — header block, số and ký hiệu, citations, signature block, Nơi nhận — is the document
layer's `Paper` (`plan_paper`), refused by `Paper.check()` when a signer's title or name or the Nơi nhận is
missing. The body is a list of blocks (`plan_body`) numbered here once (I., 1., 1.1.) and printed alike by the
PDF template and the DOCX writer, so both show the same numbers and the same paragraphs.

A draft (status du_thao) is printed for review: it carries a "DỰ THẢO" mark, may leave the number and the date
blank, and may lack the signer's name (who signs is often settled last). Its signer's title and its Nơi nhận are
still required, as for an issued plan, which may lack nothing.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from django.template.loader import render_to_string
from django.utils.text import capfirst

from campaigns.models import AwardTarget, Campaign, CriterionLevel, LegalBasis
from campaigns.paper import header_for, issuer_facts, issuer_on, issuer_symbol, province_of
from campaigns.selectors import campaign_plan
from emulation.lib import vn
from emulation.lib.paper import Citation, DocumentIncomplete, Header, Paper, Signature, abbreviation, file_stem
from emulation.lib.paper_docx import TEXT_WIDTH_MM, Word
from emulation.lib.pdf import render_pdf

DRAFT_MARK = "DỰ THẢO"

# --- Text fields as paragraphs ------------------------------------------------------------------------------

# A line that opens a bullet of its own: "- …", "+ …", "• …" (also an en dash, as pasted from Word).
_BULLET = re.compile(r"^[-+•–]")


def paragraphs(text: str) -> list[str]:
    """A text field's paragraphs. Blank lines separate them, and a line that opens a bullet ("-", "+", "•")
    opens a paragraph of its own: bullets typed one a line never run into one paragraph. Any other line break
    stays inside its paragraph (a line break, not a new paragraph)."""
    result: list[str] = []
    for chunk in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").replace("\r", "\n")):
        current: list[str] = []
        for line in chunk.split("\n"):
            line = " ".join(line.split())
            if not line:
                continue
            if current and _BULLET.match(line):
                result.append("\n".join(current))
                current = []
            current.append(line)
        if current:
            result.append("\n".join(current))
    return result


# --- Citations ----------------------------------------------------------------------------------------------

# Types of the texts a plan cites, longest first where one begins another (Thông tư liên tịch / Thông tư).
DOC_TYPES = (
    "Thông tư liên tịch",
    "Kế hoạch",
    "Quyết định",
    "Chỉ thị",
    "Nghị quyết",
    "Nghị định",
    "Thông tư",
    "Hướng dẫn",
    "Thông báo",
    "Chương trình",
    "Kết luận",
    "Công văn",
    "Công điện",
    "Bộ luật",
    "Luật",
    "Pháp lệnh",
    "Quy chế",
    "Quy định",
    "Đề án",
    "Báo cáo",
    "Tờ trình",
)
# The type's abbreviation in a ký hiệu (NĐ 30/2020, Phụ lục III; the Party's own for NQ/TU, CT/TW).
TYPE_BY_CODE = {
    "KH": "Kế hoạch",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "NQ": "Nghị quyết",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "HD": "Hướng dẫn",
    "TB": "Thông báo",
    "CTr": "Chương trình",
    "KL": "Kết luận",
    "CĐ": "Công điện",
    "PL": "Pháp lệnh",
    "QC": "Quy chế",
    "QyĐ": "Quy định",
    "ĐA": "Đề án",
    "BC": "Báo cáo",
    "TTr": "Tờ trình",
}
# Abbreviations the layer's table (emulation.lib.paper.ABBREVIATIONS) does not hold yet.
_MORE_ABBREVIATIONS = {"chỉ thị": "CT"}
# A text cited without a type that can be read: a Công văn, whose ký hiệu names the issuer, not a type
# ("238/UBND-KGVX"), is cited "văn bản số 238/UBND-KGVX".
GENERIC_TYPE = "văn bản"


def type_from_number(number: str) -> str:
    """18/KH-UBND → Kế hoạch; 26/2020/QĐ-UBND → Quyết định; 04-NQ/TU → Nghị quyết; 238/UBND-KGVX → ""."""
    number = (number or "").strip()
    party = re.match(r"^[\d.…]*-([A-Za-zĐđ]+)/", number)
    if party:
        return TYPE_BY_CODE.get(party.group(1), "")
    if "/" in number:
        return TYPE_BY_CODE.get(number.rsplit("/", 1)[1].split("-", 1)[0], "")
    return ""


def _type_at_start(text: str) -> str:
    return next((kind for kind in DOC_TYPES if re.match(rf"^{re.escape(kind)}(\s|\(|$)", text, re.IGNORECASE)), "")


@dataclass(frozen=True)
class CitedText:
    """A legal basis as the plan prints it: the verb that leads it ("Thực hiện", "Căn cứ") and the citation."""

    verb: str
    citation: Citation


def cited_text(basis: LegalBasis) -> CitedText:
    """The row as "<verb> <Loại> số <số> ngày … của <cơ quan> về …". Rows written before the type was stored
    (and not yet filled by migration 0011) have their type read from the verb, the trích yếu or the ký hiệu."""
    verb = " ".join(basis.verb.split())
    title = " ".join(basis.title.split())
    kind = basis.doc_type.strip()
    if not kind:
        in_verb = next((k for k in DOC_TYPES if verb.lower().endswith(k.lower())), "")
        in_title = "" if in_verb else _type_at_start(title)
        kind = in_verb or in_title or type_from_number(basis.doc_number)
        if in_title:
            title = re.sub(r"^\([^)]*\)\s*", "", title[len(in_title) :].strip()) or title
    if kind and verb.lower().endswith(kind.lower()):
        verb = verb[: -len(kind)].strip()  # "Thực hiện Quyết định" with the type Quyết định: printed once
    return CitedText(
        verb=verb,
        citation=Citation(
            doc_type=kind or GENERIC_TYPE,
            number=basis.doc_number.strip(),
            issued_on=basis.doc_date,
            issuer=basis.issuer.strip(),
            title=title,
        ),
    )


def citation_paragraphs(cited: Iterable[CitedText]) -> list[str]:
    """The opening paragraphs: each "Căn cứ" on its own line (NĐ 30/2020), texts under any other verb joined
    as the seeds write them ("Thực hiện Kế hoạch số …; Kế hoạch số …"); ";" between, "." after the last."""
    groups: list[tuple[str, list[str]]] = []
    for item in cited:
        if groups and item.verb == groups[-1][0] and item.verb.lower() != "căn cứ":
            groups[-1][1].append(item.citation.text)
        else:
            groups.append((item.verb, [item.citation.text]))
    lines = [capfirst(f"{verb} {'; '.join(texts)}".strip()) for verb, texts in groups]
    return [line + ("." if index == len(lines) - 1 else ";") for index, line in enumerate(lines)]


# --- The paper around the body ------------------------------------------------------------------------------

_AUTHORITY = re.compile(r"^(KT|TM|Q|TL|TUQ)\.\s", re.IGNORECASE)


def signature_of(title: str, name: str) -> Signature:
    """ "KT. GIÁM ĐỐC\\nPHÓ GIÁM ĐỐC" → authority KT. GIÁM ĐỐC, position PHÓ GIÁM ĐỐC; "GIÁM ĐỐC" → the position
    alone. Leading lines that are quyền hạn (KT., TM., Q., TL., TUQ.) are the authority, the rest the position."""
    lines = [" ".join(line.split()) for line in (title or "").splitlines() if line.strip()]
    if len(lines) == 1 and _AUTHORITY.match(lines[0]) and " PHÓ " in lines[0].upper():
        # typed on one line: "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC"
        head, _, tail = lines[0].upper().partition(" PHÓ ")
        lines = [head, f"PHÓ {tail}"]
    authority: list[str] = []
    while lines and _AUTHORITY.match(lines[0]) and len(lines) > 1:
        authority.append(lines.pop(0))
    if lines and _AUTHORITY.match(lines[0]):
        authority.append(lines.pop(0))  # a quyền hạn with no chức vụ under it: Paper.check asks for the chức vụ
    return Signature(position="\n".join(lines), name=" ".join((name or "").split()), authority="\n".join(authority))


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _symbol_of(name: str, province: str) -> str:
    """The issuer's abbreviation in a ký hiệu: Ủy ban nhân dân tỉnh Bình Phước → UBND; Cụm thi đua số 2 → CTĐ."""
    if province:
        name = re.sub(rf"\s+(tỉnh|thành phố)\s+{re.escape(province)}\s*$", "", name, flags=re.IGNORECASE)
    name = re.sub(r"\s+số\s+\d+\b.*$", "", name.split(" – ")[0], flags=re.IGNORECASE)
    return issuer_symbol(name)


def plan_header(campaign: Campaign) -> Header:
    """The header block: the campaign's own cơ quan chủ quản / ban hành when it names them, else the owner's.
    A plan that names its owner as issuer but no parent body gets the owner's (a Sở's plan: UBND tỉnh …)."""
    owner = campaign.owner
    parent, issuer = campaign.parent_body.strip(), campaign.issuer.strip()
    if not issuer:
        header = header_for(
            owner, doc_type=campaign.document_type or "Kế hoạch", day=campaign.issued_on, number=campaign.number
        )
        return replace(header, place=campaign.place.strip() or header.place, parent_body=parent or header.parent_body)
    # The owner as it was named on the plan's date (a 2023 plan of a Sở merged since keeps the Sở's old name).
    facts = issuer_facts(owner, campaign.issued_on or campaign.start_date)
    named = facts.unit
    province = named.province or ""
    own = _same_name(issuer, named.name)
    if not own and not parent:
        province = facts.province
        own = _same_name(issuer, facts.issuer)
        if own:
            parent = facts.parent_body
    symbol = (named.symbol if own and named.symbol else "") or _symbol_of(issuer, province or facts.province)
    return Header(
        issuer=issuer,
        parent_body=parent,
        doc_type=campaign.document_type or "Kế hoạch",
        number=campaign.number,
        issuer_symbol=symbol,
        place=campaign.place.strip() or facts.place,
        day=campaign.issued_on,
    )


def _recipients_and_archive(campaign: Campaign) -> tuple[list[str], str]:
    """Nơi nhận without its "Lưu:" lines, and what those keep: "Lưu: VT, HSTĐKT" and "Lưu: VT." → "VT, HSTĐKT";
    "Lưu: VT.(H08)" → "VT (H08)"."""
    recipients, kept = [], []
    for line in campaign.recipient_lines:
        match = re.match(r"^lưu\s*:?\s*(.*)$", line, re.IGNORECASE)
        if not match:
            recipients.append(line)
            continue
        text = re.sub(r"\.\s*\(", " (", match.group(1)).strip().rstrip(".;,")
        for part in re.split(r"\s*,\s*", text):
            if part and part not in kept:
                kept.append(part)
    return recipients, ", ".join(kept) or "VT"


def plan_paper(campaign: Campaign) -> Paper:
    """The plan's Paper: header, trích yếu, citations, the signature from signer_title / signer_name, Nơi nhận."""
    recipients, archive = _recipients_and_archive(campaign)
    return Paper(
        header=plan_header(campaign),
        summary=" ".join(campaign.title.split()),
        citations=[item.citation for item in map(cited_text, campaign.legal_bases.all())],
        signatures=[signature_of(campaign.signer_title, campaign.signer_name)],
        recipients=recipients,
        archive=archive,
    )


def plan_missing(campaign: Campaign, paper: Paper | None = None) -> list[str]:
    """What keeps the plan from being printed: for a draft, anything but the signer's name."""
    missing = (paper or plan_paper(campaign)).missing()
    if campaign.is_draft:
        missing = [item for item in missing if not item.startswith("họ tên người ký")]
    return missing


def checked_paper(campaign: Campaign) -> Paper:
    """The plan's Paper, or DocumentIncomplete (with the Vietnamese message) when it may not be printed."""
    paper = plan_paper(campaign)
    missing = plan_missing(campaign, paper)
    if missing:
        raise DocumentIncomplete(_what(campaign), missing)
    return paper


def _what(campaign: Campaign) -> str:
    kind = (campaign.document_type or "Kế hoạch").strip()
    return kind[:1].lower() + kind[1:]


def plan_file_stem(campaign: Campaign) -> str:
    """KH-18-UBND-BinhPhuoc-2023, CT-103-BTTTT-2021, KH-STTTT-BacKan-2022 (no number yet), …-DuThao for a draft."""
    header = plan_header(campaign)
    number = campaign.number.strip()
    if "/" in number:
        digits, _, code = number.rpartition("/")
        kind, _, issuer = code.partition("-")
        digits = digits.split("/")[0]
    else:
        kind = abbreviation(header.doc_type) or _MORE_ABBREVIATIONS.get(header.doc_type.lower(), header.doc_type)
        digits, issuer = number, header.issuer_symbol
    day = campaign.issued_on or campaign.start_date
    return file_stem(
        kind,
        digits,
        issuer,
        province_of(issuer_on(campaign.owner, day), day),
        day.year if day else "",
        "DuThao" if campaign.is_draft else "",
    )


# --- The body -----------------------------------------------------------------------------------------------


@dataclass
class PlanTable:
    headers: list[str]
    rows: list[list[str]]
    widths: list[int]  # per cent of the text width
    center: tuple[int, ...] = ()

    @property
    def columns(self) -> list[tuple[str, int]]:
        return list(zip(self.headers, self.widths, strict=True))


@dataclass
class Block:
    """One printed piece of the body: a numbered heading, a paragraph, a table or a note under a table."""

    kind: str  # section | subsection | subsubsection | lead | text | table | note
    text: str = ""
    table: PlanTable | None = None


def _roman(number: int) -> str:
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    text = ""
    for value, letters in numerals:
        while number >= value:
            text, number = text + letters, number - value
    return text


@dataclass
class _Outline:
    """Blocks with their numbers: a heading is added only with content under it, so no number is skipped."""

    blocks: list[Block] = field(default_factory=list)
    numbers: list[int] = field(default_factory=lambda: [0, 0, 0])

    def section(self, title: str) -> None:
        self.numbers = [self.numbers[0] + 1, 0, 0]
        self.blocks.append(Block("section", f"{_roman(self.numbers[0])}. {title.upper()}"))

    def subsection(self, title: str) -> None:
        self.numbers[1:] = [self.numbers[1] + 1, 0]
        self.blocks.append(Block("subsection", f"{self.numbers[1]}. {title}"))

    def subsubsection(self, title: str) -> None:
        self.numbers[2] += 1
        self.blocks.append(Block("subsubsection", f"{self.numbers[1]}.{self.numbers[2]}. {title}"))

    def lead(self, text: str) -> None:
        self.blocks.append(Block("lead", " ".join(text.split())))

    def text(self, text: str) -> None:
        self.blocks.extend(Block("text", paragraph) for paragraph in paragraphs(text))

    def note(self, text: str) -> None:
        self.blocks.append(Block("note", text))

    def table(self, table: PlanTable) -> None:
        self.blocks.append(Block("table", table=table))


def _dates(start, end) -> str:
    return f"từ ngày {vn.format_date(start)} đến ngày {vn.format_date(end)}"


def _item(out: _Outline, lead: str, description: str, *, joint: str = ": ") -> None:
    """ "- Giai đoạn 1 (…): text." when the description is one paragraph; a description of several paragraphs
    (its own bullets) goes under a heading of its own, as seed 003 writes "1. Năm 2022 - 2023:" over its "- Năm
    2022: …" — never run into the line, nor at the level of its own bullets."""
    parts = paragraphs(description)
    if len(parts) > 1:
        out.subsubsection(lead)
        for part in parts:
            out.text(part)
    else:
        out.text(f"- {lead}{joint}{parts[0]}" if parts else f"- {lead}.")


def quota_table(campaign: Campaign) -> tuple[PlanTable | None, list[str]]:
    """One row per award form and target (tập thể / cá nhân) and đợt, never the same row twice; a note shared by
    rows is printed once under the table, the rows pointing to it."""
    notes: list[str] = []
    rows: list[list[str]] = []
    for quota in campaign.award_quotas.all():
        form = quota.award_form
        wanted = []
        if quota.max_collective is not None or (form.target == AwardTarget.TAP_THE and quota.max_individual is None):
            wanted.append((AwardTarget.TAP_THE, quota.max_collective, None))
        if quota.max_individual is not None or (form.target == AwardTarget.CA_NHAN and quota.max_collective is None):
            wanted.append((AwardTarget.CA_NHAN, quota.max_individual, quota.leader_share_max))
        note = " ".join(quota.note.split())
        if note and note not in notes:
            notes.append(note)
        remark = "; ".join(
            part for part in (quota.rule_source.strip(), f"Ghi chú ({notes.index(note) + 1})" if note else "") if part
        )
        if quota.milestone:
            label = quota.milestone.period_label
            label = label.replace(" ", "\u00a0")  # "Quý IV/2023" on one line
            stage = f"{quota.milestone.name}{f' ({label})' if label else ''}"
        else:
            stage = "Cả phong trào"
        for target, most, leaders in wanted:
            row = [
                f"{form.name} – {AwardTarget(target).label.lower()}",
                stage,
                str(most) if most is not None else "–",
                vn.format_percent(leaders, 2) if leaders is not None else "–",
                remark,
            ]
            if row not in rows:
                rows.append(row)
    if not rows:
        return None, []
    table = PlanTable(
        headers=["Hình thức khen thưởng", "Đợt", "Số lượng tối đa", "Tỷ lệ lãnh đạo tối đa", "Căn cứ, ghi chú"],
        rows=rows,
        widths=[30, 22, 12, 13, 23],
        center=(2, 3),
    )
    return table, [f"({index}) {note}" for index, note in enumerate(notes, start=1)]


@dataclass
class PlanBody:
    opening: list[str]  # citations, introduction
    blocks: list[Block]  # the numbered sections
    closing: list[str]  # "Trên đây là Kế hoạch …./.": printed with the signature, never apart from it


def plan_body(campaign: Campaign) -> PlanBody:
    """The plan's text between its title and its signature."""
    opening = citation_paragraphs(map(cited_text, campaign.legal_bases.all())) + paragraphs(campaign.introduction)
    out = _Outline()

    if campaign.purpose or campaign.requirements or campaign.theme:
        out.section("Mục đích, yêu cầu")
        if campaign.purpose and not (campaign.requirements or campaign.theme):
            out.text(campaign.purpose)  # one undivided section, as the plan has it
        else:
            for title, text in (
                ("Mục đích", campaign.purpose),
                ("Yêu cầu", campaign.requirements),
                ("Chủ đề, khẩu hiệu", campaign.theme),
            ):
                if text:
                    out.subsection(title)
                    out.text(text)

    items = list(campaign.content_items.all())
    if campaign.scope or campaign.subjects_collective or campaign.subjects_individual or items:
        out.section("Phạm vi, đối tượng, nội dung thi đua")
        if campaign.scope:
            out.subsection("Phạm vi")
            out.text(campaign.scope)
        if campaign.subjects_collective or campaign.subjects_individual:
            out.subsection("Đối tượng thi đua")
            for title, text in (("Tập thể", campaign.subjects_collective), ("Cá nhân", campaign.subjects_individual)):
                if text:
                    out.subsubsection(title)
                    out.text(text)
        if items:
            out.subsection("Nội dung thi đua")
            sector = None
            # Items without a lĩnh vực first, under no heading; then by lĩnh vực (the selector's order).
            for item in sorted(items, key=lambda item: item.sector is not None):
                if item.sector and item.sector != sector:
                    sector = item.sector
                    out.subsubsection(item.sector.name)
                if item.heading:
                    out.lead(item.heading)
                out.text(item.body)

    criteria = list(campaign.criteria.all())
    if criteria:
        out.section("Tiêu chí thi đua")
        labels = dict(CriterionLevel.choices)
        for level in [*labels, *sorted({c.level for c in criteria} - set(labels))]:
            chosen = [c for c in criteria if c.level == level]
            if chosen:
                out.subsection(labels.get(level, level))
                for criterion in chosen:
                    out.text(criterion.text)

    table, notes = quota_table(campaign)
    if campaign.award_text or table:
        out.section("Hình thức và số lượng khen thưởng")
        out.text(campaign.award_text)
        if table:
            out.table(table)
            if notes:
                out.note("Ghi chú:")
                for note in notes:
                    out.note(note)

    if campaign.dossier_requirements or campaign.dossier_deadline:
        out.section("Hồ sơ, thời hạn")
        out.text(campaign.dossier_requirements)
        deadline = campaign.dossier_deadline
        # The deadline is the last day a dossier is accepted: "đến hết ngày 14/01/2023" (the plan may have said
        # "trước ngày 15/01/2023" itself, and then it is not said twice).
        if deadline and not any(
            vn.format_date(day) in campaign.dossier_requirements for day in (deadline, deadline + datetime.timedelta(1))
        ):
            out.text(f"Thời hạn gửi hồ sơ đề nghị khen thưởng: đến hết ngày {vn.format_date(deadline)}.")

    phases, milestones = list(campaign.phases.all()), list(campaign.milestones.all())
    periods = list(campaign.reporting_periods.all())
    if phases or milestones or periods:
        out.section("Tiến độ thực hiện")
        if phases:
            out.subsection("Giai đoạn thực hiện")
            for phase in phases:
                _item(out, f"{phase.name} ({_dates(phase.start_date, phase.end_date)})", phase.description)
        if milestones:
            out.subsection("Các mốc thực hiện")
            for milestone in milestones:
                when = milestone.period_label or vn.format_date(milestone.due_date)
                _item(out, f"{milestone.name}: {when}", milestone.description, joint=". ")
        if periods:
            out.subsection("Chế độ báo cáo")
            out.text(
                f"Định kỳ 6 tháng (ngày {campaign.semiannual_due_day:02d}/{campaign.semiannual_due_month:02d}) và "
                f"hằng năm (ngày {campaign.annual_due_day:02d}/{campaign.annual_due_month:02d}), các kỳ báo cáo kết "
                "quả thực hiện phong trào như sau:"
            )
            out.table(
                PlanTable(
                    headers=["Kỳ báo cáo", "Năm", "Hạn gửi"],
                    rows=[[p.get_kind_display(), str(p.year), vn.format_date(p.due_date)] for p in periods],
                    widths=[50, 20, 30],
                    center=(1, 2),
                )
            )

    duties = list(campaign.responsibilities.all())
    if campaign.organisation or duties:
        out.section("Tổ chức thực hiện")
        out.text(campaign.organisation)
        for duty in duties:
            out.subsection(duty.party)
            out.text(duty.duties)

    return PlanBody(opening=opening, blocks=out.blocks, closing=paragraphs(campaign.closing))


# --- PDF and DOCX -------------------------------------------------------------------------------------------


def plan_for_document(campaign: Campaign) -> Campaign:
    """The campaign again, with every section the document shows loaded in a fixed number of queries."""
    return campaign_plan(campaign=campaign)


def render_plan_html(campaign: Campaign) -> str:
    plan = plan_for_document(campaign)
    paper = plan_paper(plan)
    context = {"campaign": plan, "paper": paper, "body": plan_body(plan), "draft": plan.is_draft}
    return render_to_string("campaigns/plan_pdf.html", context)


def render_plan_pdf(campaign: Campaign) -> bytes:
    """The plan as a PDF document, or DocumentIncomplete. Pure: no request, no task."""
    checked_paper(plan_for_document(campaign))
    return render_pdf(render_plan_html(campaign))


def render_plan_docx(campaign: Campaign) -> bytes:
    """The plan as a DOCX document (python-docx, the same parts as the PDF), or DocumentIncomplete."""
    plan = plan_for_document(campaign)
    paper = checked_paper(plan)
    body = plan_body(plan)
    word = Word(title=f"{paper.header.doc_type} – {paper.summary}")
    if plan.is_draft:
        word.para(DRAFT_MARK, bold=True, align="right", indent=False, space_after=0)
    word.letterhead(paper.header)
    word.title(paper)
    for text in body.opening:
        word.para(text)
    for block in body.blocks:
        if block.kind == "section":
            word.section(block.text)
        elif block.kind == "subsection":
            word.section(block.text, level=2)
        elif block.kind == "subsubsection":
            word.para(block.text, bold=True, italic=True, keep_with_next=True)
        elif block.kind == "lead":
            word.para(block.text, italic=True, keep_with_next=True)
        elif block.kind == "note":
            word.para(block.text, size=12, space_after=2)
        elif block.kind == "table" and block.table:
            table = block.table
            word.table(
                table.headers,
                table.rows,
                [TEXT_WIDTH_MM * width / 100 for width in table.widths],
                center=table.center,
            )
        else:
            word.para(block.text)
    for text in body.closing:
        word.para(text, keep_with_next=True)
    word.closing(paper)
    return word.bytes()
