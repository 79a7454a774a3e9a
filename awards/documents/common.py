"""What every award document shares: the DOCX writer's award-specific parts, text helpers and the phrases that
name a nominee, an award form, a campaign and a round.

The document layer (emulation.lib.paper, campaigns.paper) builds the header, citations, signatures and Nơi
nhận; each module of this package adds its body. A document that lacks what NĐ 30/2020 requires raises
DocumentIncomplete (the download view shows its message).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.template.loader import render_to_string
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table

from awards.models import Dossier, Nominee, RoundKind
from campaigns.models import AwardFormKind, AwardTarget, Campaign, Unit
from campaigns.orgchart import dated_units
from emulation.lib.paper import DocumentIncomplete, Paper, glue_last_words
from emulation.lib.paper_docx import FILL, Word, clean
from emulation.lib.pdf import render_pdf

__all__ = [
    "FILL",
    "AwardWord",
    "DocumentIncomplete",
    "Group",
    "award_phrase",
    "blocks",
    "campaign_phrase",
    "clean",
    "count_phrase",
    "name_units_as_of",
    "position_unit",
    "render_paper_pdf",
    "round_phrase",
    "trich_yeu",
    "who",
]


def blocks(text: str) -> list[str]:
    """A text field as paragraphs: split on blank lines; single line breaks stay inside a paragraph."""
    text = clean(text).replace("\r\n", "\n").replace("\r", "\n").strip()
    return [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]


def trich_yeu(text: str) -> str:
    """A trích yếu whose last two words never part at a line break ("… tỉnh Bình / Phước")."""
    return glue_last_words(" ".join(text.split()))


def render_paper_pdf(template: str, doc: object, paper: Paper) -> bytes:
    """A document's PDF from its template, with `doc` (its facts) and `paper` (the layer's parts)."""
    return render_pdf(render_to_string(template, {"doc": doc, "paper": paper}))


# --- Phrases ------------------------------------------------------------------------------------------------


def campaign_phrase(campaign: Campaign | None) -> str:
    """phong trào thi đua “Chuyển đổi số giai đoạn 2022 - 2025” trên địa bàn tỉnh Bình Phước: the campaign named
    by its name (Campaign.movement_name), never "phong trào thi đua “Phát động phong trào thi đua …”"."""
    if campaign is None:
        return "các phong trào thi đua"
    name = campaign.movement_name
    if name is None:
        title = " ".join(clean(campaign.title).split()).rstrip(".")
        name = re.sub(r"^(phát động|triển khai|tổ chức)\s+", "", title, flags=re.IGNORECASE)
        if re.match(r"^phong trào\b", name, re.IGNORECASE):
            return name[0].lower() + name[1:]
    name = clean(name)
    return f"phong trào thi đua {name}" if "“" in name else f"phong trào thi đua “{name}”"


def round_phrase(dossier: Dossier) -> str:
    """sơ kết năm 2023, bình xét cuối năm 2023 (never "bình xét cuối năm năm 2023")."""
    year = dossier.year
    return {
        RoundKind.SO_KET: f"sơ kết năm {year}",
        RoundKind.TONG_KET: f"tổng kết năm {year}",
        RoundKind.NAM: f"bình xét cuối năm {year}",
        RoundKind.DOT_XUAT: f"khen thưởng đột xuất năm {year}",
    }.get(dossier.round_kind, f"năm {year}")


def name_units_as_of(nominees: Sequence[Nominee], day) -> None:
    """Give each nominee's dossier unit and collective the names they had on the document's `day` (one bulk read):
    a 2023 decision keeps "Sở Thông tin và Truyền thông tỉnh Bình Phước" after the merger. The copies are never
    saved (campaigns.orgchart.dated_copy)."""
    units = {n.dossier.unit_id: n.dossier.unit for n in nominees}
    units.update({n.collective_unit_id: n.collective_unit for n in nominees if n.collective_unit_id})
    dated = dated_units(units.values(), day)
    for nominee in nominees:
        nominee.dossier.unit = dated[nominee.dossier.unit_id]
        if nominee.collective_unit_id:
            nominee.collective_unit = dated[nominee.collective_unit_id]


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


def who(nominees: Sequence[Nominee]) -> str:
    """các tập thể, cá nhân — or only the kind the list holds ("cá nhân" alone for one person)."""
    kinds = {n.kind for n in nominees}
    many = "các " if len(nominees) > 1 else ""
    if kinds == {AwardTarget.TAP_THE}:
        return f"{many}tập thể"
    if kinds == {AwardTarget.CA_NHAN}:
        return f"{many}cá nhân"
    return "các tập thể, cá nhân"


def count_phrase(nominees: Sequence[Nominee]) -> str:
    collectives = sum(1 for n in nominees if n.kind == AwardTarget.TAP_THE)
    people = len(nominees) - collectives
    parts = [f"{collectives:02d} tập thể" if collectives else "", f"{people:02d} cá nhân" if people else ""]
    return " và ".join(p for p in parts if p)


# --- The DOCX writer's award parts ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    """Rows of a table under a heading row that spans it ("Năm 2022", "6 tháng đầu năm 2023")."""

    label: str
    rows: list[list[str]]


Block = tuple[str, str, str]  # title (may hold a line break), note, name


class AwardWord(Word):
    """The layer's Word with what award documents add: tables whose rows are grouped under spanning headings
    (the results of Mẫu 07, the votes of a Biên bản by award form), signature blocks kept with the text before
    them, and signatures printed as a form prints them."""

    def mark(self) -> int:
        """A position in the body; `keep_from(mark)` keeps everything written after it with what follows."""
        return len(self.doc.element.body)

    def keep_from(self, mark: int) -> None:
        """Keep the paragraphs written since `mark` (table cells included) on the page of what follows them:
        a signature block never stands alone on a last page."""
        for element in list(self.doc.element.body)[mark:]:
            for paragraph in element.iter(qn("w:p")):
                properties = paragraph.get_or_add_pPr()
                if properties.find(qn("w:keepNext")) is None:
                    properties.insert_element_before(OxmlElement("w:keepNext"), *_AFTER_KEEP_NEXT)
            for row in element.iter(qn("w:tr")):
                row_properties = row.get_or_add_trPr()
                if row_properties.find(qn("w:cantSplit")) is None:
                    no_split = OxmlElement("w:cantSplit")
                    no_split.set(qn("w:val"), "true")
                    row_properties.append(no_split)

    def grouped_table(
        self,
        headers: list[str],
        groups: Sequence[Group],
        widths_mm: list[float],
        *,
        center: tuple[int, ...] = (),
        size: float = 12,
    ) -> Table:
        """A bordered table whose rows stand under group headings spanning the table (bold, merged cells)."""
        rows: list[list[str]] = []
        headings: list[int] = []
        for group in groups:
            headings.append(len(rows))
            rows.append([group.label] + [""] * (len(headers) - 1))
            rows.extend(group.rows)
        table = self.table(headers, rows, widths_mm, center=center, size=size)
        for index in headings:
            cells = table.rows[index + 1].cells
            merged = cells[0].merge(cells[-1])
            for paragraph in merged.paragraphs[1:]:
                paragraph._element.getparent().remove(paragraph._element)
            paragraph = merged.paragraphs[0]
            for run in paragraph.runs:
                run.bold = True
            paragraph.paragraph_format.keep_with_next = True
        return table

    def form_signatures(self, left: Block | None, right: Block | None, *, centred: bool = False) -> None:
        """Signatures of a form (Mẫu 07, tóm tắt): titles, notes and names, names level."""
        self.signatures(left, right, centred=centred)

    def person_lines(self, lines: Sequence[str], *, size: float = 13) -> None:
        """A list of people, one per line, without first-line indent (the members of a council)."""
        for line in lines:
            self.para(line, indent=False, size=size, space_after=0)
        if lines:
            self.para("", space_after=0, size=6)


# Elements that follow w:keepNext in a w:pPr (ECMA-376 order).
_AFTER_KEEP_NEXT = tuple(
    "w:keepLines w:pageBreakBefore w:framePr w:widowControl w:numPr w:suppressLineNumbers w:pBdr w:shd w:tabs "
    "w:suppressAutoHyphens w:kinsoku w:wordWrap w:overflowPunct w:topLinePunct w:autoSpaceDE w:autoSpaceDN "
    "w:bidi w:adjustRightInd w:snapToGrid w:spacing w:ind w:contextualSpacing w:mirrorIndents w:suppressOverlap "
    "w:jc w:textDirection w:textAlignment w:textboxTightWrap w:outlineLvl w:divId w:cnfStyle w:rPr w:sectPr "
    "w:pPrChange".split()
)
