"""The plan's text on the campaign page as the plan's documents print it.

{% load plans %}
{% for text in campaign.purpose|paragraphs %}<p>{{ text|linebreaksbr }}</p>{% endfor %}   bullets kept apart
{% for text in campaign|citations %}<p>{{ text }}</p>{% endfor %}                          "Thực hiện Kế hoạch số …"
{% plan_missing campaign as missing %}                                                   what keeps it from printing
"""

from __future__ import annotations

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from campaigns import documents
from campaigns.models import Campaign

register = template.Library()


@register.filter
def paragraphs(text: str) -> list[str]:
    return documents.paragraphs(text)


# A ký hiệu or a date ("18/KH-UBND", "26/2020/QĐ-UBND", "10/01/2023", "(Quý IV/2023)") is never split at its "/"
# or "-" across two lines.
_NUMBER = re.compile(r"[^\s/]+(?:/[^\s/]+)+/?")


@register.filter
def keep_numbers(text: str) -> SafeString:
    """The text escaped, line breaks as <br>, numbers with a slash kept on one line."""
    escaped = escape(text or "")
    kept = _NUMBER.sub(
        lambda m: f'<span class="doc-nowrap">{m.group(0)}</span>' if re.search(r"\d", m.group(0)) else m.group(0),
        escaped,
    )
    return mark_safe(kept.replace("\n", "<br>"))  # noqa: S308 — built from escaped text only


@register.filter
def citations(campaign: Campaign) -> list[str]:
    return documents.citation_paragraphs(map(documents.cited_text, campaign.legal_bases.all()))


@register.simple_tag
def plan_missing(campaign: Campaign) -> list[str]:
    return documents.plan_missing(campaign)
