"""The 15/6 report of a Sở merged on 01/07/2025 (issue 16): dated 2023 it is Sở Thông tin và Truyền thông tỉnh Bình
Phước's, under UBND tỉnh Bình Phước; issued in 2026 for the same campaign it is the successor's — "UBND TỈNH ĐỒNG NAI
/ SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Đồng Nai, ngày …" — while the units reported on keep their names of the period. The
first pages are saved as PNG (artifacts/documents/) for a person to look at."""

from __future__ import annotations

import datetime as dt

from campaigns.tests.orgchart_factories import bình_phước_into_đồng_nai, rename
from emulation.reports.names import report_file_stem
from emulation.reports.render import render_report_pdf
from emulation.tests.test_report_documents import _data, _read, province  # noqa: F401 (the fixture)
from tests.paper import assert_paper

IN_2026 = dt.date(2026, 6, 15)


def test_a_2023_report_keeps_bình_phước_and_a_2026_one_is_issued_by_đồng_nai_s_sở(province, world):  # noqa: F811
    merger = bình_phước_into_đồng_nai(world, old_signer=False)
    rename(merger.phong, on=dt.date(2026, 1, 1), name="Phòng Chuyển đổi số", short_name="Phòng CĐS")

    before = _read(render_report_pdf(_data(province, world)), "merger-report-2023")
    assert_paper(
        before,
        parent="UBND TỈNH BÌNH PHƯỚC",
        issuer="SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        number="Số: /BC-STTTT",
        signer=("KT. GIÁM ĐỐC", "Phạm Thị Dung"),
    )
    assert "Bình Phước, ngày 15 tháng 6 năm 2023" in before
    assert "Đồng Nai" not in before and "KHOA HỌC" not in before

    after = _read(render_report_pdf(_data(province, world, day=IN_2026)), "merger-report-2026")
    assert_paper(
        after,
        parent="UBND TỈNH ĐỒNG NAI",
        issuer="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        number="Số: /BC-SKHCN",
        signer=("GIÁM ĐỐC", "Trần Văn Đông"),
    )
    assert "Đồng Nai, ngày 15 tháng 6 năm 2026" in after
    assert "UBND TỈNH BÌNH PHƯỚC" not in after
    # The period is 2023's: the phòng reported on keeps its 2023 name, not its 2026 one.
    assert "Phòng Chuyển đổi số" not in after

    assert "SoTTTT-BinhPhuoc" in report_file_stem(campaign=province.campaign, period=province.period)
