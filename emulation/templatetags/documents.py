"""Filters for administrative documents in the layout of Nghị định 30/2020/NĐ-CP (Phụ lục I).

{% load documents %}
{{ campaign.issued_on|ngay_van_ban }}                          → ngày 05 tháng 02 năm 2025
{{ campaign.number|so_ky_hieu:campaign.document_type }}        → Số: 18/KH-UBND, or Số:      /KH-… for a draft
"""

from __future__ import annotations

import datetime
import re

from django import template
from django.utils import timezone

register = template.Library()

# Blanks left for the number and the date of a draft, filled in by hand when the document is signed and issued.
# The template keeps them with `white-space: pre` (class doc-blank), as HTML would otherwise collapse them.
BLANK = "     "

# Abbreviations of document types in a số ký hiệu (Nghị định 30/2020, Phụ lục III).
ABBREVIATIONS = {
    "báo cáo": "BC",
    "biên bản": "BB",
    "chương trình": "CTr",
    "hướng dẫn": "HD",
    "kế hoạch": "KH",
    "quyết định": "QĐ",
    "thông báo": "TB",
    "tờ trình": "TTr",
}


@register.filter
def ngay_van_ban(value: datetime.date | None) -> str:
    """ngày 05 tháng 02 năm 2025, ngày 26 tháng 5 năm 2022: day < 10 and months 1–2 take a leading 0."""
    if not value:
        return f"ngày{BLANK}tháng{BLANK}năm{BLANK}"
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


@register.filter
def so_ky_hieu(number: str | None, document_type: str = "") -> str:
    """Số: 18/KH-UBND; a number below 10 takes a leading 0 (5/KH-UBND → 05/KH-UBND); blank → Số:      /KH-…

    `document_type` is the type's name (Kế hoạch) or its abbreviation (KH); it only matters for a blank number.
    """
    number = (number or "").strip()
    if number:
        return "Số: " + re.sub(r"^(\d)(?=\D|$)", r"0\1", number)
    kind = (document_type or "").strip()
    abbreviation = ABBREVIATIONS.get(kind.lower(), kind if kind in ABBREVIATIONS.values() else "")
    return f"Số:{BLANK} /{abbreviation}-…" if abbreviation else f"Số:{BLANK} /…"
