"""Template filters for administrative documents (Nghị định 30/2020/NĐ-CP, Phụ lục I): thin wrappers over the
document layer, `emulation.lib.paper`, which is the one place these are written.

{% load documents %}
{{ campaign.issued_on|ngay_van_ban }}                          → ngày 05 tháng 02 năm 2025
{{ campaign.number|so_ky_hieu:campaign.document_type }}        → Số: 18/KH-UBND, or Số:      /KH-… for a draft
"""

from __future__ import annotations

import datetime

from django import template

from emulation.lib import paper

register = template.Library()


@register.filter
def ngay_van_ban(value: datetime.date | None) -> str:
    return paper.ngay_van_ban(value)


@register.filter
def so_ky_hieu(number: str | None, document_type: str = "") -> str:
    """The number line when only the type is known (the issuer's part left to fill): Số:      /KH-…"""
    kind = paper.abbreviation(document_type)
    return paper.number_line(number or "", f"{kind}-…" if kind else "")
