"""How a to-do's date is shown: its due date and how late (or how long left), or how long it has waited.

{% load todo %}
{% han period.due_date %}          → "Hạn 15/12/2026 · còn 10 ngày", "Quá hạn 25 ngày (hạn 10/11/2026)", "Hạn hôm nay"
{% cho submission.submitted_at %}  → "Chờ 12 ngày"
"""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone

register = template.Library()


def _day(value) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


@register.inclusion_tag("_due.html")
def han(due, today=None) -> dict:
    due = _day(due)
    today = _day(today) or timezone.localdate()
    if due is None:
        return {"due": None}
    delta = (due - today).days
    return {"due": due, "late": -delta if delta < 0 else 0, "left": delta if delta > 0 else 0, "today": delta == 0}


@register.inclusion_tag("_waiting.html")
def cho(since, today=None) -> dict:
    since = _day(since)
    today = _day(today) or timezone.localdate()
    return {"days": max(0, (today - since).days) if since else None}
