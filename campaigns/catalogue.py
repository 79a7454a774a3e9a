"""The starting catalogues an administrator then keeps: lĩnh vực and danh hiệu / hình thức khen thưởng.

Idempotent and keyed on codes: a row whose code exists is left as it is, so an administrator's later edits (a new
name, a new version with other validity dates) are never overwritten by running the load again.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from django.db import transaction

from campaigns.models import AwardForm, AwardFormKind, AwardTarget, Sector

LOAD_REASON = "Nạp danh mục ban đầu"

SECTORS: list[tuple[str, str]] = [
    ("buu-chinh", "Bưu chính"),
    ("vien-thong", "Viễn thông"),
    ("cntt-chuyen-doi-so", "Công nghệ thông tin – chuyển đổi số"),
    ("an-toan-thong-tin", "An toàn thông tin"),
    ("bao-chi-xuat-ban", "Báo chí – xuất bản"),
    ("phat-thanh-truyen-hinh", "Phát thanh – truyền hình"),
    ("thong-tin-co-so-doi-ngoai", "Thông tin cơ sở – thông tin đối ngoại"),
    ("tiet-kiem-chong-lang-phi", "Thực hành tiết kiệm, chống lãng phí"),
    ("cong-tac-chung", "Công tác chung (xây dựng Đảng, đoàn thể, cải cách hành chính, thi đua – khen thưởng)"),
]

# The law as it stands since 01/01/2024 (DOMAIN.md, "The law moves"); the campaigns of 2022–2023 were run under
# the Luật of 2003 and Nghị định 91/2017, which an administrator records as older versions of these rows.
LAW = "Luật Thi đua, khen thưởng 2022 (số 06/2022/QH15); Nghị định 98/2023/NĐ-CP"
LAW_NOTE = " (từ 01/07/2025: Nghị định 152/2025/NĐ-CP)"

GIAM_DOC_SO = "Giám đốc Sở"
CHU_TICH_TINH = "Chủ tịch UBND tỉnh"
CHU_TICH_HUYEN = "Chủ tịch UBND huyện"
BO_TRUONG = "Bộ trưởng Bộ Thông tin và Truyền thông"

# The district level was abolished with the provincial mergers of 01/07/2025 (DOMAIN.md): its Chủ tịch confers
# nothing after 30/06/2025. The Bộ's and the Sở's own forms stay open-ended: DOMAIN.md gives no date for their
# mergers, so an administrator closes them from the official text.
END_OF_DISTRICTS = datetime.date(2025, 6, 30)


class AwardFormRow(NamedTuple):
    code: str
    name: str
    kind: str
    target: str
    authority: str
    valid_to: datetime.date | None = None


HINH_THUC, DANH_HIEU = AwardFormKind.HINH_THUC, AwardFormKind.DANH_HIEU
TAP_THE, CA_NHAN = AwardTarget.TAP_THE, AwardTarget.CA_NHAN

AWARD_FORMS: list[AwardFormRow] = [
    AwardFormRow("giay-khen-giam-doc-so-tap-the", "Giấy khen của Giám đốc Sở", HINH_THUC, TAP_THE, GIAM_DOC_SO),
    AwardFormRow("giay-khen-giam-doc-so-ca-nhan", "Giấy khen của Giám đốc Sở", HINH_THUC, CA_NHAN, GIAM_DOC_SO),
    AwardFormRow(
        "giay-khen-chu-tich-ubnd-huyen-tap-the",
        "Giấy khen của Chủ tịch UBND huyện",
        HINH_THUC,
        TAP_THE,
        CHU_TICH_HUYEN,
        END_OF_DISTRICTS,
    ),
    AwardFormRow(
        "giay-khen-chu-tich-ubnd-huyen-ca-nhan",
        "Giấy khen của Chủ tịch UBND huyện",
        HINH_THUC,
        CA_NHAN,
        CHU_TICH_HUYEN,
        END_OF_DISTRICTS,
    ),
    AwardFormRow(
        "bang-khen-chu-tich-ubnd-tinh-tap-the", "Bằng khen của Chủ tịch UBND tỉnh", HINH_THUC, TAP_THE, CHU_TICH_TINH
    ),
    AwardFormRow(
        "bang-khen-chu-tich-ubnd-tinh-ca-nhan", "Bằng khen của Chủ tịch UBND tỉnh", HINH_THUC, CA_NHAN, CHU_TICH_TINH
    ),
    AwardFormRow(
        "bang-khen-bo-truong-tap-the",
        "Bằng khen của Bộ trưởng Bộ Thông tin và Truyền thông",
        HINH_THUC,
        TAP_THE,
        BO_TRUONG,
    ),
    AwardFormRow(
        "bang-khen-bo-truong-ca-nhan",
        "Bằng khen của Bộ trưởng Bộ Thông tin và Truyền thông",
        HINH_THUC,
        CA_NHAN,
        BO_TRUONG,
    ),
    AwardFormRow("lao-dong-tien-tien", "Lao động tiên tiến", DANH_HIEU, CA_NHAN, GIAM_DOC_SO),
    AwardFormRow("chien-si-thi-dua-co-so", "Chiến sĩ thi đua cơ sở", DANH_HIEU, CA_NHAN, GIAM_DOC_SO),
    AwardFormRow("chien-si-thi-dua-cap-tinh", "Chiến sĩ thi đua cấp tỉnh", DANH_HIEU, CA_NHAN, CHU_TICH_TINH),
    AwardFormRow("tap-the-lao-dong-tien-tien", "Tập thể lao động tiên tiến", DANH_HIEU, TAP_THE, GIAM_DOC_SO),
    AwardFormRow("tap-the-lao-dong-xuat-sac", "Tập thể lao động xuất sắc", DANH_HIEU, TAP_THE, CHU_TICH_TINH),
    AwardFormRow("co-thi-dua-ubnd-tinh", "Cờ thi đua của UBND tỉnh", DANH_HIEU, TAP_THE, CHU_TICH_TINH),
    AwardFormRow("co-thi-dua-bo", "Cờ thi đua của Bộ Thông tin và Truyền thông", DANH_HIEU, TAP_THE, BO_TRUONG),
]


@transaction.atomic
def load_catalogue() -> None:
    """Create the lĩnh vực and award forms that do not exist yet (by code)."""
    for order, (code, name) in enumerate(SECTORS, start=1):
        if Sector.objects.filter(code=code).exists():
            continue
        sector = Sector(code=code, name=name, order=order)
        sector.full_clean()
        sector.save()
    for order, row in enumerate(AWARD_FORMS, start=1):
        # Any version of the code counts: an administrator may have added a dated version since.
        if AwardForm.objects.filter(code=row.code).exists():
            continue
        form = AwardForm(
            code=row.code,
            name=row.name,
            kind=row.kind,
            target=row.target,
            authority=row.authority,
            legal_basis=LAW + LAW_NOTE,
            order=order * 10,
            valid_to=row.valid_to,
        )
        form.full_clean()
        form._change_reason = LOAD_REASON
        form.save()
