"""Tóm tắt thành tích: the dossier's list of nominees with a summary of each one's achievements, sent with the
unit's Tờ trình. An annex, not an issued document: no Số and no Nơi nhận; signed by the unit's head."""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string

from awards.documents.common import (
    AwardWord,
    award_phrase,
    blocks,
    campaign_phrase,
    clean,
    count_phrase,
    name_units_as_of,
    position_unit,
    render_paper_pdf,
    round_phrase,
    trich_yeu,
)
from awards.models import Dossier, Nominee
from campaigns.paper import header_for
from emulation.lib.paper import Paper, Signature
from emulation.lib.vn import format_date

TEMPLATE = "awards/doc_summary.html"
HEAD = "Thủ trưởng đơn vị"


@dataclass(frozen=True)
class SummaryRow:
    name: str
    unit: str
    form: str
    summary: str


@dataclass
class Summary:
    dossier: Dossier
    paper: Paper
    attached_to: str  # (Kèm theo Tờ trình số … ngày … của …)
    rows: list[SummaryRow]
    total: str


def summary_facts(dossier: Dossier) -> Summary:
    dossier = Dossier.objects.select_related("unit", "campaign").get(pk=dossier.pk)
    nominees: list[Nominee] = list(dossier.nominees.select_related("award_form", "collective_unit", "dossier__unit"))
    for nominee in nominees:
        nominee.dossier = dossier
    name_units_as_of(nominees, dossier.submission_date)  # the names on the Tờ trình's date
    unit = dossier.unit
    head = dossier.submission_signer or unit.head_name
    paper = Paper(
        header=header_for(unit, doc_type="Tóm tắt thành tích", day=dossier.submission_date, with_number=False),
        summary=trich_yeu(
            f"Của các tập thể, cá nhân đề nghị khen thưởng trong {campaign_phrase(dossier.campaign)}, "
            f"{round_phrase(dossier)}"
        ),
        signatures=[Signature(position=HEAD, name=head)],
        needs_recipients=False,
    )
    attached = ""
    if dossier.submission_number or dossier.submission_date:
        number = f" số {clean(dossier.submission_number)}" if dossier.submission_number else ""
        day = f" ngày {format_date(dossier.submission_date)}" if dossier.submission_date else ""
        attached = f"(Kèm theo Tờ trình{number}{day} của {unit.name})"
    rows = [SummaryRow(n.full_name, position_unit(n), award_phrase(n), "\n".join(blocks(n.summary))) for n in nominees]
    return Summary(dossier, paper, attached, rows, f"Tổng số: {count_phrase(nominees) or 'không có ai'}.")


def _facts(dossier: Dossier) -> Summary:
    summary = summary_facts(dossier)
    summary.paper.check("tóm tắt thành tích")
    return summary


def render_summary_html(dossier: Dossier) -> str:
    summary = _facts(dossier)
    return render_to_string(TEMPLATE, {"doc": summary, "paper": summary.paper})


def render_summary_pdf(dossier: Dossier) -> bytes:
    summary = _facts(dossier)
    return render_paper_pdf(TEMPLATE, summary, summary.paper)


def render_summary_docx(dossier: Dossier) -> bytes:
    """The dossier's list of nominees with a summary of each one's achievements, sent with the Tờ trình."""
    doc = _facts(dossier)
    word = AwardWord(title=f"Tóm tắt thành tích – {doc.dossier.unit.name}")
    word.letterhead(doc.paper.header)
    word.heading("TÓM TẮT THÀNH TÍCH", doc.paper.summary)
    if doc.attached_to:
        word.para(doc.attached_to, italic=True, align="center", indent=False)
    word.table(
        ["TT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Hình thức đề nghị", "Tóm tắt thành tích"],
        [[str(i), r.name, r.unit, r.form, r.summary] for i, r in enumerate(doc.rows, start=1)],
        [10, 35, 35, 30, 55],
        center=(0,),
    )
    closing = word.mark()
    word.para(doc.total, indent=False)
    word.keep_from(closing)
    signer = doc.paper.signer
    word.form_signatures(None, (signer.title, "(Ký, đóng dấu)", signer.name))
    return word.bytes()
