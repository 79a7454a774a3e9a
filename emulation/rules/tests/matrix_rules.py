"""Permission-matrix rows for the "Danh mục và quy định" pages (emulation.rules.access).

Readers: Văn phòng Sở, Ban TĐKT, the council, Quản trị. A unit's cán bộ and lãnh đạo (staff, head, outsider) have
no use for these pages: 403 everywhere. The row of these rows is province A's leaders' cap: Văn phòng Sở A keeps
it; Sở B's office does not find it (404); Ban TĐKT and the council of province A read it but change nothing (403).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tests.matrix import Row, expect

KIND = "ty-le-lanh-dao"
NOT_READERS = dict(staff=403, head=403, outsider=403)
READERS = expect(302, 200, **NOT_READERS)
ADD = expect(302, 403, office=200, office_b=200)
ROW_READ = expect(302, 200, office_b=404, **NOT_READERS)
ROW_CHANGE = expect(302, 403, office=200, office_b=404)
ROW_POST = expect(302, 403, office=302, office_b=404)


def _form():
    from campaigns.models import AwardForm

    return AwardForm.objects.get_or_create(
        code="bang-khen-ma-tran",
        valid_from=None,
        defaults={"name": "Bằng khen ma trận", "kind": "hinh_thuc", "target": "ca_nhan", "authority": "Chủ tịch"},
    )[0]


def _cap(world):
    """Province A's leaders' cap from 2024, open-ended, used by nothing."""
    from awards.models import LeaderShareRule

    return LeaderShareRule.objects.get_or_create(
        award_form=_form(),
        province="A",
        defaults={"max_percent": Decimal(40), "legal_basis": "QĐ thử của tỉnh A", "valid_from": dt.date(2024, 1, 1)},
    )[0]


def _row(world) -> dict:
    return {"kind": KIND, "pk": _cap(world).pk}


def _caps(world) -> list:
    from awards.models import LeaderShareRule

    return list(LeaderShareRule.objects.order_by("pk").values_list("pk", "province", "max_percent", "valid_to"))


def _new_cap(world) -> dict:
    return {
        "award_form": _form().pk,
        "province": "A",
        "max_percent": "35",
        "legal_basis": "QĐ mới của tỉnh A",
        "valid_from": "01/01/2020",
        "valid_to": "31/12/2020",
        "reason": "Bổ sung quy định năm 2020",
    }


def _replacement(world) -> dict:
    return {**_new_cap(world), "valid_from": "01/01/2027", "valid_to": "", "reason": "Tỉnh sửa quy định"}


ROWS: dict[str, Row] = {
    "rules:kinds": Row(get=READERS),
    "rules:list": Row(kwargs=lambda w: {"kind": KIND}, get=READERS),
    # Sở B's office may add its own province's rows: province A is not among its choices (400).
    "rules:add": Row(
        kwargs=lambda w: {"kind": KIND},
        get=ADD,
        post=expect(302, 403, office=302, office_b=400),
        post_data=_new_cap,
        unchanged=_caps,
    ),
    "rules:end": Row(
        kwargs=_row,
        get=ROW_CHANGE,
        post=ROW_POST,
        post_data=lambda w: {"valid_to": "31/12/2026", "reason": "Hết hiệu lực"},
        unchanged=_caps,
    ),
    "rules:replace": Row(kwargs=_row, get=ROW_CHANGE, post=ROW_POST, post_data=_replacement, unchanged=_caps),
    "rules:delete": Row(
        kwargs=_row,
        get=ROW_CHANGE,
        post=ROW_POST,
        post_data=lambda w: {"reason": "Nhập nhầm"},
        unchanged=_caps,
    ),
    "rules:history": Row(kwargs=_row, get=ROW_READ),
}
