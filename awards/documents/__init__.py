"""The award documents the portal writes, one module each: the nominee's Báo cáo thành tích (`mau07`), the
dossier's tóm tắt thành tích (`summary`), the Biên bản of the council's meeting (`minutes`), and the Quyết định
khen thưởng or Tờ trình đề nghị (`decision`) — as DOCX (for the unit to edit and sign) and as PDF.

Each is built on the document layer (emulation.lib.paper, campaigns.paper): header, citations as of the
document's date, signature blocks and Nơi nhận are the layer's; each module supplies the body. A document that
lacks a signer's title and name or its Nơi nhận raises DocumentIncomplete with a Vietnamese message.
"""

from awards.documents.common import FILL, DocumentIncomplete, award_phrase, blocks, clean, position_unit
from awards.documents.decision import (
    decision_facts,
    render_decision_docx,
    render_decision_html,
    render_decision_pdf,
)
from awards.documents.mau07 import (
    indicator_results,
    render_report_docx,
    render_report_html,
    render_report_pdf,
    report_facts,
)
from awards.documents.minutes import minutes_facts, render_minutes_docx, render_minutes_html, render_minutes_pdf
from awards.documents.summary import render_summary_docx, render_summary_html, render_summary_pdf, summary_facts

__all__ = [
    "FILL",
    "DocumentIncomplete",
    "award_phrase",
    "blocks",
    "clean",
    "decision_facts",
    "indicator_results",
    "minutes_facts",
    "position_unit",
    "render_decision_docx",
    "render_decision_html",
    "render_decision_pdf",
    "render_minutes_docx",
    "render_minutes_html",
    "render_minutes_pdf",
    "render_report_docx",
    "render_report_html",
    "render_report_pdf",
    "render_summary_docx",
    "render_summary_html",
    "render_summary_pdf",
    "report_facts",
    "summary_facts",
]
