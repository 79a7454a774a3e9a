"""Permission-matrix rows for the people registers (merged into tests/test_permissions.py by `_app_rows`).

Initiatives: read by whoever reads the unit; added and edited by the unit's cán bộ and lãnh đạo and by Văn phòng
Sở. Ratings: read likewise; entered, imported and sent by the unit's lãnh đạo only; approved or returned by Văn
phòng Sở. Province B's people get 404 for province A's rows; a reader who may not write gets 403.
"""

import datetime

from campaigns.people import AnnualRating, Initiative, RatingSheet, RatingStatus
from tests.matrix import ONLY_A, Row, expect

YEAR = 2025


def _initiative(world) -> Initiative:
    if not hasattr(world, "_initiative"):
        world._initiative = Initiative.objects.create(
            unit=world.phong_a,
            year=YEAR,
            title="Sáng kiến thử của phòng A",
            author_names="Người dùng thử",
            decision_number="12/QĐ-STTTT",
            decision_date=datetime.date(YEAR, 12, 1),
            decision_issuer="Giám đốc Sở TT&TT tỉnh A",
            level="co_so",
        )
    return world._initiative


def _sheet(world) -> RatingSheet:
    """Phòng A's list of the year, sent to the office."""
    if not hasattr(world, "_sheet"):
        sheet = RatingSheet.objects.create(unit=world.phong_a, year=YEAR, status=RatingStatus.DA_GUI)
        AnnualRating.objects.create(sheet=sheet, full_name="Người dùng thử", rating="xuat_sac")
        world._sheet = sheet
    return world._sheet


def _sheet_kwargs(world) -> dict:
    _sheet(world)
    return {"unit_pk": world.phong_a.pk, "year": YEAR}


def _sheet_state(world):
    sheet = RatingSheet.objects.get(pk=_sheet(world).pk)
    return sheet.status, sheet.version, list(sheet.rows.values_list("full_name", "rating"))


# Who may add an initiative somewhere: a unit's own cán bộ or lãnh đạo, or a Văn phòng Sở (of any province: its own).
ADDERS = expect(302, 200, board=403, council=403)
# Who may edit phòng A's initiative.
EDITORS_A = expect(302, 200, board=403, council=403, **ONLY_A)
# Only phòng A's head enters its ratings; its staff, the office, the board and the council read them.
HEAD_A = expect(302, 403, head=400, **ONLY_A)
OFFICE_A = expect(302, 403, office=400, **ONLY_A)

ROWS = {
    "campaigns:initiative_list": Row(),
    "campaigns:initiative_create": Row(
        get=ADDERS,
        post=ADDERS,  # an empty form comes back with its errors (200), nothing saved
        unchanged=lambda w: Initiative.objects.count(),
        may_change=(),
    ),
    "campaigns:initiative_detail": Row(kwargs=lambda w: {"pk": _initiative(w).pk}, get=expect(302, 200, **ONLY_A)),
    "campaigns:initiative_edit": Row(
        kwargs=lambda w: {"pk": _initiative(w).pk},
        get=EDITORS_A,
        post=EDITORS_A,
        unchanged=lambda w: Initiative.objects.get(pk=_initiative(w).pk).title,
        may_change=(),
    ),
    "campaigns:rating_list": Row(),
    "campaigns:rating_sheet": Row(
        kwargs=_sheet_kwargs,
        get=expect(302, 200, **ONLY_A),
        post=HEAD_A,  # no rows posted: refused with a message (400)
        unchanged=_sheet_state,
        may_change=(),
    ),
    "campaigns:rating_template": Row(kwargs=_sheet_kwargs, get=expect(302, 200, **ONLY_A)),
    "campaigns:rating_import": Row(
        kwargs=_sheet_kwargs,
        get=expect(302, 405),
        post=HEAD_A,  # no file: refused with a message (400)
        unchanged=_sheet_state,
        may_change=(),
    ),
    "campaigns:rating_send": Row(
        kwargs=_sheet_kwargs,
        get=expect(302, 405),
        post=expect(302, 403, head=302, **ONLY_A),  # already sent: back to the page with the reason
        unchanged=_sheet_state,
        may_change=(),
    ),
    "campaigns:rating_review": Row(
        kwargs=_sheet_kwargs,
        get=expect(302, 405),
        post=OFFICE_A,  # returning without a reason: refused (400)
        unchanged=_sheet_state,
        may_change=(),
    ),
}
