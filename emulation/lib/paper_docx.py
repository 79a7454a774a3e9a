"""The DOCX side of the document layer (`emulation.lib.paper`): python-docx in the layout of NĐ 30/2020.

`Word.letterhead(header)`, `Word.title(paper)` and `Word.closing(paper)` print a Paper's parts exactly as the
HTML partials in templates/documents/ do; a document adds its body with `para`, `section` and `table`.
User text stays text: it is written as runs, XML-invalid characters removed.
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from emulation.lib.paper import Header, Paper

FILL = "…………………"  # a blank line left to be completed by hand on the printed form

# Characters XML 1.0 refuses (python-docx would raise on them); tab and newline stay.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(value: object) -> str:
    return _XML_INVALID.sub("", str(value)) if value is not None else ""


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

    def letterhead(self, header: Header) -> None:
        """The header block of NĐ 30/2020: cơ quan chủ quản over cơ quan ban hành and Số | Quốc hiệu, tiêu ngữ,
        địa danh and date."""
        left_mm, right_mm = 70, TEXT_WIDTH_MM - 70
        table = self._grid(1, [left_mm, right_mm], borders=False)
        left, right = table.rows[0].cells
        compact = {"align": "center", "indent": False, "space_after": 0}
        if header.parent_line:
            self.para(header.parent_line, size=13, container=left, **compact)
        self.para(header.issuer_line, bold=True, size=13, container=left, **compact)
        self._rule(left, width_mm=22, total_mm=left_mm)
        if header.number_line:
            self.para(header.number_line, size=13, container=left, **compact)
        self.para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12, container=right, **compact)
        # NĐ 30: the rule under the tiêu ngữ is as long as the text — an underline is exactly that.
        self.para("Độc lập - Tự do - Hạnh phúc", bold=True, underline=True, size=13, container=right, **compact)
        self.para(header.place_date, italic=True, container=right, space_before=8, **compact)
        self._drop_first_paragraphs(table)
        self.para("", space_after=6)

    def title(self, paper: Paper) -> None:
        """The type of document and its trích yếu."""
        self.heading(paper.kind, paper.summary)

    def closing(self, paper: Paper) -> None:
        """Signatures and Nơi nhận: the issuer's signature bottom right with Nơi nhận bottom left; other signatures
        (a Biên bản's thư ký and chủ trì) side by side above Nơi nhận."""
        if len(paper.signatures) > 1:
            blocks = [(s.title, s.note, s.name) for s in paper.signatures]
            self.signatures(blocks[0], blocks[1])
            if paper.needs_recipients:
                self.recipients(paper.recipient_lines)
            return
        signer = paper.signer
        block = (signer.title, signer.note, signer.name) if signer else None
        lines = paper.recipient_lines if (paper.needs_recipients or paper.recipients) else []
        self.footer(lines, block)

    def recipients(self, lines: list[str]) -> None:
        compact = {"align": "left", "indent": False, "space_after": 0}
        self.para("Nơi nhận:", bold=True, italic=True, size=12, **compact)
        for line in lines:
            self.para(f"- {line}", size=11, **compact)

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

    def footer(self, recipients: list[str], signer: Block | None) -> None:
        """Nơi nhận (bottom left) and the signature block (bottom right)."""
        table = self._grid(1, [70, TEXT_WIDTH_MM - 70], borders=False)
        left, right = table.rows[0].cells
        compact = {"align": "left", "indent": False, "space_after": 0}
        if recipients:
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
