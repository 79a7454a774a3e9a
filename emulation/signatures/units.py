"""The optional rule "signed by a certificate of the sending unit", checked loosely and shown as a warning only.

A certificate names its holder's organisation (O, sometimes OU); the portal names units its own way ("Sở TT&TT
tỉnh A", "Phòng CNTT"). Both are compared without accents, with the usual abbreviations written out, against the
sending unit and the units above it (a phòng's Tờ trình is often signed with the Sở's certificate). A mismatch is
a hint for the reviewer, never a refusal: certificates are issued to legal entities whose names change
(the 2025 mergers) faster than certificates are renewed.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

from django.conf import settings
from django.db import models

from campaigns.orgchart import chain_on
from campaigns.scope import ancestor_paths
from emulation.lib.search import strip_accents

ABBREVIATIONS = {
    "tt&tt": "thong tin va truyen thong",
    "tttt": "thong tin va truyen thong",
    "kh&cn": "khoa hoc va cong nghe",
    "khcn": "khoa hoc va cong nghe",
    "cntt": "cong nghe thong tin",
    "bcvt": "buu chinh vien thong",
    "ubnd": "uy ban nhan dan",
    "vh&tt": "van hoa va thong tin",
}
_OWNER_UNIT = {
    "awards.dossier": lambda o: o.unit,
    "awards.nominee": lambda o: o.dossier.unit,
    "awards.decision": lambda o: o.owner,
    "campaigns.campaign": lambda o: o.owner,
}


def normalise(text: str) -> str:
    text = strip_accents(text or "") or ""
    for short, full in ABBREVIATIONS.items():
        text = re.sub(rf"(?<![a-z0-9]){re.escape(short)}(?![a-z0-9])", full, text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def names_match(unit_names: Iterable[str], certificate_names: Iterable[str]) -> bool:
    """Loosely: one name contains the other, once both are normalised."""
    units = [n for n in (normalise(u) for u in unit_names) if len(n) >= 4]
    certs = [n for n in (normalise(c) for c in certificate_names) if len(n) >= 4]
    return any(u in c or c in u for u in units for c in certs)


def _day(value: str | None) -> datetime.date | None:
    try:
        return datetime.datetime.fromisoformat(value).date() if value else None
    except ValueError:
        return None


def applies(owner: models.Model, field: str) -> bool:
    return f"{owner._meta.label_lower}.{field}" in settings.SIGNATURE_SENDING_UNIT_FIELDS


def sending_unit_warnings(owner: models.Model, field: str, signatures: list[dict]) -> list[str]:
    """For each signature whose certificate names no unit on the sender's line: a warning to show."""
    if not signatures or not applies(owner, field):
        return []
    unit_of = _OWNER_UNIT.get(owner._meta.label_lower)
    unit = unit_of(owner) if unit_of else None
    if unit is None:
        return []
    line = type(unit).objects.filter(path__in=ancestor_paths(unit.path)).values_list("name", "short_name")
    names = [n for pair in line for n in pair if n]
    warnings = []
    for sig in signatures:
        cert_names = [sig.get("organization", ""), sig.get("unit", "")]
        # The names the units had on the signing day too: a 2023 Tờ trình is signed by the Sở TT&TT of 2023.
        signed_on = _day(sig.get("signing_time"))
        then = [n for u in chain_on(unit, signed_on) for n in (u.name, u.short_name) if n] if signed_on else []
        if any(cert_names) and not names_match([*names, *then], cert_names):
            shown = " – ".join(n for n in cert_names if n)
            warnings.append(
                f"Lưu ý: chứng thư của {sig.get('signer') or 'người ký'} mang tên “{shown}”, không khớp với đơn vị "
                f"gửi “{unit.name}” hay đơn vị cấp trên (chỉ là cảnh báo, cần cán bộ kiểm tra)."
            )
    return warnings
