"""The Bộ's scoring table for the Khối thi đua of the Sở TT&TT, entered as data.

Source: seed 001 (the 2023 programme of Cụm thi đua số 2) names the rules — Quyết định số 2341/QĐ-BTTTT ngày
16/12/2022 của Bộ Thông tin và Truyền thông ban hành Quy định về việc tổ chức phong trào thi đua và bình xét khen
thưởng Khối thi đua Sở Thông tin và Truyền thông các tỉnh, thành phố trực thuộc Trung ương — but its text and its
scoring table could not be found (searched: the stored pages and documents, and the public code index, for the
number, its title and "bảng chấm điểm Khối thi đua Sở TT&TT"). So the groups below follow what seed 001 itself
says the members compete on (mục 2.1–2.6 by lĩnh vực, mục 3 on the emulation movements), and every row whose
points or quota could not be checked against QĐ 2341 says so in its note ("chưa đối chiếu được"). Nothing here is
presented as the Bộ's figure: the Văn phòng Bộ replaces the points from the text when it has it (a criterion
edited later raises its version; scores already given keep theirs).

The quota (Cờ thi đua, Bằng khen per cụm) is equally unverified: the one public account found — Cụm thi đua số 1
(5 Sở) proposing the Bộ's Cờ thi đua for 2 members and a Bằng khen for 1 for 2022 (Báo Cần Thơ, 30/03/2023) — is
cited in the note as what clusters do, not as the rule.

Idempotent: the table is looked up by (organiser, name, valid_from).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction

from campaigns.models import AwardForm, Unit
from emulation.clusters.models import AwardQuota, Criterion, CriterionGroup, ScoringKind, ScoringTable
from indicators.models import Indicator

TABLE_NAME = (
    "Bảng chấm điểm thi đua Khối thi đua Sở Thông tin và Truyền thông các tỉnh, thành phố trực thuộc Trung ương"
)
SOURCE = (
    "Quyết định số 2341/QĐ-BTTTT ngày 16/12/2022 của Bộ Thông tin và Truyền thông ban hành Quy định về việc tổ chức "
    "phong trào thi đua và bình xét khen thưởng Khối thi đua Sở Thông tin và Truyền thông các tỉnh, thành phố trực "
    "thuộc Trung ương"
)
VALID_FROM = datetime.date(2023, 1, 1)
UNVERIFIED = (
    "Điểm chưa đối chiếu được với QĐ 2341/QĐ-BTTTT (chưa tìm thấy văn bản): điểm minh họa, Văn phòng Bộ sửa theo "
    "văn bản."
)
NOT_FOUND = (
    "Chưa tìm thấy toàn văn QĐ 2341/QĐ-BTTTT và bảng điểm kèm theo: nhóm tiêu chí lấy theo nội dung thi đua của "
    "Chương trình phát động năm 2023 của Cụm thi đua số 2 (mục 2, 3); mọi mức điểm, số lượng là minh họa, ghi "
    "“chưa đối chiếu được” ở từng dòng."
)

# (group code, group name, group max, [(code, text, kind, min, max, indicator code, note)])
GROUPS = [
    (
        "I",
        "Thực hiện nhiệm vụ, chỉ tiêu phát triển ngành (Chương trình Cụm 2 năm 2023, mục 2)",
        Decimal(60),
        [
            (
                "1",
                "Bưu chính: hạ tầng, chuyển đổi số trong bưu chính, mã bưu chính Vpostcode, TTHC qua bưu chính "
                "công ích (mục 2.1)",
                ScoringKind.SCALE,
                0,
                8,
                None,
                "",
            ),
            (
                "2",
                "Viễn thông: phủ sóng 4G/5G, tắt sóng 2G theo lộ trình, xóa thôn trắng sóng, dùng chung hạ tầng "
                "(mục 2.2)",
                ScoringKind.SCALE,
                0,
                8,
                None,
                "",
            ),
            (
                "3",
                "Chuyển đổi số: tỷ lệ hồ sơ TTHC được xử lý hoàn toàn trực tuyến đạt chỉ tiêu giao (mục 2.3)",
                ScoringKind.AUTO,
                0,
                10,
                "ho-so-tthc-truc-tuyen",
                "Chấm tự động: đạt hoặc vượt chỉ tiêu theo số liệu đã duyệt của năm thì được điểm tối đa, chưa đạt "
                "hoặc chưa có số liệu đã duyệt thì 0.",
            ),
            (
                "4",
                "Chuyển đổi số: tỷ lệ TTHC cung cấp dịch vụ công trực tuyến toàn trình đạt chỉ tiêu giao (mục 2.3)",
                ScoringKind.AUTO,
                0,
                10,
                "dvc-truc-tuyen-toan-trinh",
                "Chấm tự động như tiêu chí 3.",
            ),
            (
                "5",
                "An toàn, an ninh mạng: có Đội ứng cứu sự cố, triển khai mạng truyền số liệu chuyên dùng (mục 2.4)",
                ScoringKind.YES_NO,
                0,
                8,
                None,
                "",
            ),
            ("6", "Công nghiệp ICT, nội dung số (mục 2.5)", ScoringKind.SCALE, 0, 6, None, ""),
            (
                "7",
                "Báo chí, truyền thông, thông tin cơ sở, thông tin đối ngoại (mục 2.6)",
                ScoringKind.SCALE,
                0,
                10,
                None,
                "",
            ),
        ],
    ),
    (
        "II",
        "Tổ chức phong trào thi đua, công tác thi đua, khen thưởng (mục 3)",
        Decimal(30),
        [
            (
                "8",
                "Ký kết giao ước, ban hành kế hoạch, phát động phong trào thi đua năm",
                ScoringKind.YES_NO,
                0,
                10,
                None,
                "",
            ),
            (
                "9",
                "Phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến (mục 3.3, 3.4)",
                ScoringKind.SCALE,
                0,
                10,
                None,
                "",
            ),
            ("10", "Gửi báo cáo, hồ sơ thi đua của cụm đúng hạn, đầy đủ", ScoringKind.YES_NO, 0, 10, None, ""),
        ],
    ),
    (
        "III",
        "Điểm cộng",
        Decimal(10),
        [
            (
                "11",
                "Mô hình mới, cách làm hay, sáng kiến được cấp có thẩm quyền công nhận; đăng cai hoạt động của cụm",
                ScoringKind.BONUS,
                0,
                10,
                None,
                "",
            ),
        ],
    ),
    (
        "IV",
        "Điểm trừ",
        None,
        [
            (
                "12",
                "Vi phạm: chậm, thiếu báo cáo; cán bộ bị kỷ luật; không tham dự hội nghị của cụm",
                ScoringKind.PENALTY,
                -10,
                0,
                None,
                "",
            ),
        ],
    ),
]

QUOTAS = [
    ("co-thi-dua-bo", 2, Decimal(85)),
    ("bang-khen-bo-truong-tap-the", 2, Decimal(75)),
]
QUOTA_NOTE = (
    "Chưa đối chiếu được với QĐ 2341/QĐ-BTTTT. Tham khảo: Cụm thi đua số 1 (5 Sở TT&TT) đề nghị Cờ thi đua của Bộ "
    "cho 2 đơn vị dẫn đầu và Bằng khen của Bộ trưởng cho 1 đơn vị năm 2022 (Báo Cần Thơ, 30/03/2023); điểm tối "
    "thiểu là minh họa."
)


@transaction.atomic
def load_khoi_so_tttt_table(organiser: Unit) -> ScoringTable:
    table, created = ScoringTable.objects.get_or_create(
        organiser=organiser,
        name=TABLE_NAME,
        valid_from=VALID_FROM,
        defaults={"source": SOURCE, "note": NOT_FOUND},
    )
    if not created:
        return table
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=[r[5] for g in GROUPS for r in g[3] if r[5]])}
    order = 0
    for group_order, (code, name, max_points, rows) in enumerate(GROUPS, start=1):
        group = CriterionGroup.objects.create(
            table=table, code=code, name=name, max_points=max_points, order=group_order
        )
        for row_code, text, kind, low, high, indicator_code, note in rows:
            order += 1
            indicator = indicators.get(indicator_code) if indicator_code else None
            if kind == ScoringKind.AUTO and indicator is None:
                kind, note = (
                    ScoringKind.SCALE,
                    f"Chỉ tiêu {indicator_code} chưa có trong danh mục: chấm theo thang điểm.",
                )
            criterion = Criterion(
                group=group,
                code=row_code,
                text=text,
                kind=kind,
                min_points=Decimal(low),
                max_points=Decimal(high),
                indicator=indicator,
                note=" ".join(part for part in (note, UNVERIFIED) if part),
                order=order,
            )
            criterion.full_clean()
            criterion.save()
    forms = {f.code: f for f in AwardForm.objects.filter(code__in=[q[0] for q in QUOTAS])}
    for quota_order, (form_code, count, min_points) in enumerate(QUOTAS, start=1):
        if form_code in forms:
            AwardQuota.objects.create(
                table=table,
                award_form=forms[form_code],
                max_count=count,
                min_points=min_points,
                order=quota_order,
                note=QUOTA_NOTE,
                valid_from=VALID_FROM,
            )
    return table
