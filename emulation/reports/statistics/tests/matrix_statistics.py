"""Permission-matrix rows for the TĐKT statistics pages (tests/test_permissions.py reads them through `_app_rows`).

A finished statistics report of Sở A (Thông tư 02/2023/TT-BNV): read by those who read Sở A — its Văn phòng, Ban
TĐKT, the council — and 404 to everyone else (phòng A's people read their phòng only; province B's people nothing).
The request page answers everyone signed in; asking is for Văn phòng Sở and Ban TĐKT (403 for the others; Sở B's
office cannot pick Sở A, so its form is shown again with the error: 200)."""

from __future__ import annotations

import datetime as dt

from tests.matrix import Row, expect

READERS_OF_SO_A = expect(302, 404, office=200, board=200, council=200)


def _statistics(world):
    from django.core.files.base import ContentFile

    from emulation.reports.models import Report

    if not hasattr(world, "_statistics"):
        report = Report.objects.create(
            kind="thong_ke", unit=world.so_a, date_from=dt.date(2023, 1, 1), date_to=dt.date(2023, 12, 31),
            requested_by=world.office, status="xong", progress=100,
        )  # fmt: skip
        report.pdf_file.save("thong-ke.pdf", ContentFile(b"%PDF-1.7 thong ke"), save=False)
        report.xlsx_file.save("thong-ke.xlsx", ContentFile(b"PK thong ke"), save=True)
        world._statistics = report
    return world._statistics


def _count(world):
    from emulation.reports.models import Report

    return Report.objects.filter(kind="thong_ke").count()


ROWS: dict[str, Row] = {
    "reports:statistics": Row(
        post=expect(302, 403, office=302, board=302, office_b=200),
        post_data=lambda w: {
            "scope": f"don-vi:{w.so_a.pk}",
            "year": "2023",
            "count_by": "quyet_dinh",
            "signer_title": "GIÁM ĐỐC",
            "signer_name": "Nguyễn Văn Ký",
        },  # fmt: skip
        unchanged=_count,
        may_change=("office", "board"),
    ),
    "reports:statistics_table": Row(kwargs=lambda w: {"pk": _statistics(w).pk}, get=READERS_OF_SO_A),
    "reports:statistics_cell": Row(
        kwargs=lambda w: {"pk": _statistics(w).pk, "bieu": "0603", "row": "01", "column": "1"}, get=READERS_OF_SO_A
    ),
}
