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
