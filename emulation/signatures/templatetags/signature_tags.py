"""The signature badge beside a stored file: {% signature_badge dossier "submission_file" %}; for a page of rows,
{% signature_checks rows "awards.decision" "file" "decision_id" as checks %} then
{% signature_badge_from checks r.decision_id %} (one query for the page)."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

from emulation.signatures import selectors, units
from emulation.signatures.models import CheckStatus

register = template.Library()

COVERAGE = {
    "ENTIRE_FILE": "Toàn bộ tệp",
    "ENTIRE_REVISION": "Phiên bản đã ký; tệp có phần được thêm vào sau khi ký",
    "CONTIGUOUS_BLOCK_FROM_START": "Một phần tệp",
    "UNCLEAR": "Không xác định",
}


def _moment(value: str | None):
    if not value:
        return None
    try:
        return timezone.localtime(dt.datetime.fromisoformat(value))
    except (TypeError, ValueError):
        return None


def _rows(check) -> list[dict]:
    rows = []
    for sig in check.signatures if check else []:
        rows.append(
            {
                **sig,
                "status_label": CheckStatus(sig["status"]).label if sig.get("status") in CheckStatus.values else "",
                "good": sig.get("status") == CheckStatus.HOP_LE,
                "signing_time": _moment(sig.get("signing_time")),
                "valid_from": _moment(sig.get("valid_from")),
                "valid_to": _moment(sig.get("valid_to")),
                "coverage_label": COVERAGE.get(sig.get("coverage", ""), ""),
            }
        )
    return rows


@register.inclusion_tag("signatures/_badge.html")
def signature_badge(owner, field: str, compact: bool = False) -> dict:
    check = selectors.check_for(owner=owner, field=field)
    warnings = units.sending_unit_warnings(owner, field, check.signatures) if check else []
    return {"check": check, "rows": _rows(check), "compact": compact, "warnings": warnings}


@register.simple_tag
def signature_checks(rows, model_label: str, field: str, attribute: str = "pk") -> dict:
    return selectors.checks_by_id(model_label=model_label, ids=[getattr(r, attribute, None) for r in rows], field=field)


@register.inclusion_tag("signatures/_badge.html")
def signature_badge_from(checks: dict, object_id, compact: bool = True) -> dict:
    check = checks.get(object_id) if checks else None
    return {"check": check, "rows": _rows(check), "compact": compact}
