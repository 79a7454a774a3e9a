"""Shared vocabulary of the permission matrix (tests/test_permissions.py): personas, expected codes, rows.

Apps keep their own rows in `<app>/tests/matrix_*.py` (a ROWS dict built with these helpers).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

PERSONAS = ["anonymous", "staff", "head", "outsider", "office", "office_b", "board", "council"]


def expect(anonymous: int, default: int, **overrides: int) -> dict[str, int]:
    codes = {persona: default for persona in PERSONAS}
    codes["anonymous"] = anonymous
    codes.update(overrides)
    return codes


SIGNED_IN = expect(302, 200)
PUBLIC = expect(200, 200)
ONLY_A = dict(outsider=404, office_b=404)  # objects of province A: province B's people get 404


@dataclass
class Row:
    kwargs: Callable[[object], dict] = lambda world: {}
    get: dict[str, int] = field(default_factory=lambda: SIGNED_IN)
    post: dict[str, int] | None = None
    post_data: Callable[[object], dict] = lambda world: {}
    unchanged: Callable[[object], object] | None = None  # what must not change when a POST is refused
    may_change: tuple[str, ...] = ("office",)  # personas whose POST is allowed to change it


# --- By state (the read table of campaigns.scope) -------------------------------------------------------------
# Phòng A's figures and dossiers are read by state as well as by unit. Besides the personas above, the state matrix
# asks the roles the table distinguishes: Quản trị at the Bộ, the lãnh đạo of Sở A (above phòng A), phòng A's head
# who also sits on Sở A's council, and phòng A2's head who sits on it (tests/test_permissions.py makes them).
STATE_PERSONAS = [*PERSONAS, "admin", "so_head", "head_on_council", "council_a2"]

# The groups of states, in the order a dossier goes through them; each group adds readers to the one before.
DRAFT, RETURNED, WITH_OFFICE, SENT = "nháp", "trả lại", "chờ Văn phòng", "đã gửi"
_READERS_FROM = {
    DRAFT: ("staff", "head", "head_on_council"),  # the unit's own people only
    RETURNED: ("office", "admin"),  # the office that reviews it (and returned it)
    WITH_OFFICE: ("board", "so_head"),  # those above the unit who read what was sent
    SENT: ("council", "council_a2"),  # the council, once it is before the council / figures once sent
}


def reads_in(group: str, *, office_reads_drafts: bool = False) -> dict[str, int]:
    """GET codes for an object of phòng A in a state of `group`: 200 for its readers, 404 for everyone else
    (another province's people included), the sign-in page for the anonymous. office_reads_drafts: dossiers,
    whose drafts Văn phòng Sở (and Quản trị) open to accept a failed check (campaigns.scope, note ¹)."""
    order = list(_READERS_FROM)
    readers = {p for g in order[: order.index(group) + 1] for p in _READERS_FROM[g]}
    if office_reads_drafts:
        readers |= set(_READERS_FROM[RETURNED])
    return {p: 302 if p == "anonymous" else 200 if p in readers else 404 for p in STATE_PERSONAS}


# Rows on a draft object. Draft figures: phòng A's cán bộ and lãnh đạo only. A draft dossier: also Văn phòng Sở.
DRAFT_READERS = {p: code for p, code in reads_in(DRAFT).items() if p in PERSONAS}
DRAFT_DOSSIER_READERS = {p: code for p, code in reads_in(DRAFT, office_reads_drafts=True).items() if p in PERSONAS}
