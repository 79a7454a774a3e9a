"""The cluster's ranking, by the rule the page states (RULE). Pure: totals in, ordered rows out.

Rule, in order:
1. more total points (điểm cộng counted, điểm trừ deducted);
2. more points in group I (the first group of the table: the results of the political tasks — nhiệm vụ chính trị,
   chỉ tiêu chuyên môn — weigh most, so the member that did better there leads);
3. fewer penalty points (a member with fewer violations leads);
4. the cluster meeting's decision, recorded as an order among the members still tied.
Members still tied after 3 with no decision of the meeting share a rank and are flagged: the meeting must decide
before the ranking is agreed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

RULE = (
    "Xếp hạng theo tổng điểm; nếu bằng điểm, đơn vị có điểm nhóm I (kết quả thực hiện nhiệm vụ, chỉ tiêu) cao hơn "
    "xếp trên; nếu vẫn bằng, đơn vị có ít điểm trừ hơn xếp trên; nếu vẫn bằng, Hội nghị Cụm quyết định thứ tự."
)


@dataclass(frozen=True)
class Total:
    unit_id: int
    name: str
    total: Decimal
    first_group: Decimal
    penalty: Decimal  # as a positive number: how many points were deducted
    position: int | None = None  # the meeting's order among the tied, when it decided


@dataclass(frozen=True)
class Ranked:
    rank: int
    total: Total
    tied: bool = False  # shares its rank: the meeting has to decide
    decided_by_meeting: bool = False


def _key(t: Total) -> tuple:
    return (-t.total, -t.first_group, t.penalty)


def rank(totals: Iterable[Total]) -> list[Ranked]:
    ordered = sorted(totals, key=lambda t: (*_key(t), t.position if t.position is not None else 10_000, t.name))
    result: list[Ranked] = []
    for index, total in enumerate(ordered):
        tied_with = [o for o in ordered if o is not total and _key(o) == _key(total)]
        if not tied_with:
            result.append(Ranked(rank=index + 1, total=total))
            continue
        group = [total, *tied_with]
        decided = all(o.position is not None for o in group) and len({o.position for o in group}) == len(group)
        if decided:
            result.append(Ranked(rank=index + 1, total=total, decided_by_meeting=True))
        else:
            first = min(ordered.index(o) for o in group)
            result.append(Ranked(rank=first + 1, total=total, tied=True))
    return result


def undecided(ranked: list[Ranked]) -> list[Ranked]:
    return [r for r in ranked if r.tied]


def with_positions(totals: Iterable[Total], positions: dict[int, int]) -> list[Total]:
    return [replace(t, position=positions.get(t.unit_id)) for t in totals]


def tie_notes(rows: Iterable[tuple[int, str, Decimal, Decimal, Decimal]]) -> dict[int, str]:
    """Why members level on total points stand in that order: which step of the rule parted them.
    rows: (unit id, name, total, group I points, penalty points)."""
    rows = list(rows)
    notes: dict[int, str] = {}
    for unit_id, _name, total, first, penalty in rows:
        level = [r for r in rows if r[0] != unit_id and r[2] == total]
        if not level:
            continue
        names = ", ".join(r[1] for r in level)
        if all(r[3] != first for r in level):
            notes[unit_id] = f"Bằng tổng điểm với {names}: xếp theo điểm nhóm I"
        elif all(r[3] != first or r[4] != penalty for r in level):
            notes[unit_id] = f"Bằng tổng điểm và điểm nhóm I với {names}: xếp theo điểm trừ"
        else:
            notes[unit_id] = f"Bằng điểm với {names} theo mọi tiêu chí: Hội nghị Cụm quyết định thứ tự"
    return notes
