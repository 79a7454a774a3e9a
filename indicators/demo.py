"""Demo targets and figures for the four seed campaigns that set numbers. Run after campaigns' demo and
`load_indicators()`.

Targets — every number the seed texts set, with the section it comes from in the target's note; where the text is
vague (no year, no denominator, no unit named) the note says so and says how it was read:
- Seed 000 (Sở TT&TT Bình Phước, “Đẩy mạnh phát triển kết cấu hạ tầng…”, 04/2023), mục II.1: postal points and
  digital addresses, platform accounts, security levels and the cyber drill, press and radio in remote areas,
  commune radio stations and the smart-loudspeaker project.
- Seed 002 (Chỉ thị 103/CT-BTTTT, the Bộ's 2022 emulation): digital-technology enterprises per 1.000 people (0,7),
  their growth (10 % – 20 %) and the UN e-government ranking (top 80); national figures, reported by the Bộ.
- Seed 003 (Bình Phước, “Chuyển đổi số giai đoạn 2022 - 2025”): the plan's chỉ tiêu đến năm 2025 (mục III) and its
  tiêu chuẩn per level (mục IV.1: 90 % sở, ban, ngành – 80 % huyện – 60 % xã), the sector figures of mục II.3.9
  (banking, industrial zones with automatic monitoring), the 2022 task of mục V.1, and a few 2023 milestones the
  Văn phòng sets so the 2023 periods have something to measure.
- Seed 004 (Bắc Kạn 2022): its thirteen chỉ tiêu and two nhiệm vụ, for 2022; the DTI target carries its 2021
  reference rank (`baseline`, illustrative: the text gives none).

Figures — every target that applies to a participating unit has one, sent or approved so that the dashboard shows
it, and every comparator (≥, >, ≤, khoảng, tăng bậc, hoàn thành trước ngày) is met somewhere and missed somewhere.
They are illustrative (each figure's note says “số liệu minh họa”), at realistic sizes: households in the hundreds
of thousands, population and bank transactions in the millions. Entered and sent through indicators.services by
the units' own people:
- Seed 003: the 2023 6-month period has Phòng BCVT and Phòng VH&TT Bù Đăng approved, Trung tâm CNTT&TT sent late
  and waiting, Phòng TTBC-XB sent and waiting, VNPT in draft, and Phòng CNTT (the demo staff's unit) not started;
  the 2022 annual period has six units approved, for a trend; Phòng CNTT's 2023 annual report is approved.
- Seed 000: the 2023 annual period, four phòng (Phòng TTBC-XB sent late and waiting).
- Seed 002: the Bộ's 6-month and annual figures of 2022, approved by its Vụ Thi đua – Khen thưởng.
- Seed 004: the 2022 annual figures of the four phòng that hold targets, approved; Phòng CNTT, whose collective
  the Bắc Kạn award dossier comes from, meets every one of its targets (DTI: from hạng 47 to hạng 44), having
  missed several at the 6-month report.
The services stamp today's date; the submissions are then dated as the story goes (2022–2023), quá hạn included.

Where a target is the province's figure (DVC toàn trình, kinh tế số, FTTH…), it applies to the one unit that reports
it, not to every participant: a phòng does not report the province's GRDP, and totals over units would be wrong.
Per-agency figures (hồ sơ công việc, văn bản điện tử, kỹ năng số) apply per level.

Targets of the level "sở" and "xã" (seed 003, mục IV.1) have no participant in the demo tree (the campaign's
participants are the units under the Sở, none of them a xã), so they have no figure.

Idempotent: a target is looked up by (campaign, indicator, scope, year) and a submission by (period, unit); what
exists is left alone, so an administrator's edits survive a second run and no row is added.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import transaction
from django.utils import timezone

from campaigns.demo import DEMO_PASSWORD, DemoLogin
from campaigns.models import Campaign, Role, RoleAssignment, Unit, UnitLevel, User
from indicators import services
from indicators.models import (
    AppliesTo,
    Comparator,
    Indicator,
    Submission,
    SubmissionEvent,
    SubmissionStatus,
    Target,
    Value,
)

LOAD_REASON = "Nạp dữ liệu mẫu"

SEED_003_OWNER = "stttt-binh-phuoc"
SEED_003_TITLE = "Phát động phong trào thi đua “Chuyển đổi số giai đoạn 2022 - 2025” trên địa bàn tỉnh Bình Phước"
SEED_004_OWNER = "stttt-bac-kan"
SEED_004_TITLE = "Triển khai phong trào thi đua thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2022"
SEED_000_OWNER = "stttt-binh-phuoc"
SEED_000_TITLE = (
    "Triển khai phong trào thi đua “Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, "
    "chống lãng phí” trong ngành Thông tin và Truyền thông"
)
SEED_002_OWNER = "bo-tttt"
SEED_002_TITLE = (
    "Phát động phong trào thi đua năm 2022 với chủ đề “Toàn ngành Thông tin và Truyền thông thi đua đổi mới, sáng "
    "tạo, đi đầu thực hiện chuyển đổi số để phát triển bền vững”"
)

d = datetime.date
VN = datetime.timezone(datetime.timedelta(hours=7))


def at(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=VN)


# --- People: the demo units' own accounts (campaigns.demo's people hold roles in Phòng CNTT only) -------------
# A unit's head (lãnh đạo) both enters and sends where the unit has no cán bộ account. lanhdao.bk is also declared in
# awards.demo (its dossier's signer): the figures of 2022 come first, so it is created here.

DEMO_LOGINS = [
    DemoLogin(
        "canbo.bcvt",
        "Ngô Thị Hạnh",
        "Chuyên viên Phòng Bưu chính – Viễn thông",
        ((Role.CAN_BO, "binh-phuoc-bcvt"),),
    ),
    DemoLogin(
        "lanhdao.bcvt",
        "Bùi Văn Khánh",
        "Trưởng phòng Bưu chính – Viễn thông",
        ((Role.LANH_DAO, "binh-phuoc-bcvt"),),
    ),
    DemoLogin(
        "lanhdao.ttcntt",
        "Đặng Thị Lan",
        "Giám đốc Trung tâm Công nghệ thông tin và Truyền thông",
        ((Role.LANH_DAO, "binh-phuoc-ttcntt"),),
    ),
    DemoLogin(
        "canbo.vnpt",
        "Trịnh Văn Minh",
        "Chuyên viên VNPT Bình Phước",
        ((Role.CAN_BO, "binh-phuoc-vnpt"),),
    ),
    DemoLogin("lanhdao.vnpt", "Lâm Quốc Bảo", "Giám đốc VNPT Bình Phước", ((Role.LANH_DAO, "binh-phuoc-vnpt"),)),
    DemoLogin(
        "lanhdao.ttbcxb",
        "Đinh Thị Thu Hà",
        "Trưởng phòng Thông tin – Báo chí – Xuất bản",
        ((Role.LANH_DAO, "binh-phuoc-ttbcxb"),),
    ),
    DemoLogin("lanhdao.thanhtra", "Mai Văn Tâm", "Chánh Thanh tra Sở", ((Role.LANH_DAO, "binh-phuoc-thanh-tra"),)),
    DemoLogin(
        "lanhdao.dongxoai",
        "Lý Thị Hoa",
        "Trưởng phòng Văn hóa và Thông tin thành phố Đồng Xoài",
        ((Role.LANH_DAO, "binh-phuoc-dong-xoai"),),
    ),
    DemoLogin(
        "lanhdao.budang",
        "Điểu Văn Sơn",
        "Trưởng phòng Văn hóa và Thông tin huyện Bù Đăng",
        ((Role.LANH_DAO, "binh-phuoc-bu-dang"),),
    ),
    DemoLogin("lanhdao.bk", "Nông Văn Hùng", "Trưởng phòng Công nghệ thông tin", ((Role.LANH_DAO, "bac-kan-cntt"),)),
    DemoLogin(
        "lanhdao.bcvt.bk",
        "Hà Văn Long",
        "Trưởng phòng Bưu chính – Viễn thông",
        ((Role.LANH_DAO, "bac-kan-bcvt"),),
    ),
    DemoLogin(
        "lanhdao.ttbcxb.bk",
        "Lường Thị Nga",
        "Trưởng phòng Thông tin – Báo chí – Xuất bản",
        ((Role.LANH_DAO, "bac-kan-ttbcxb"),),
    ),
    DemoLogin(
        "lanhdao.ttcntt.bk",
        "Ma Văn Thành",
        "Giám đốc Trung tâm Công nghệ thông tin và Truyền thông",
        ((Role.LANH_DAO, "bac-kan-ttcntt"),),
    ),
    DemoLogin(
        "lanhdao.bo",
        "Trương Minh Đức",
        "Thứ trưởng Bộ Thông tin và Truyền thông",
        ((Role.LANH_DAO, "bo-tttt"),),
    ),
    DemoLogin(
        "vanphong.bo",
        "Nguyễn Thị Thanh",
        "Chuyên viên Vụ Thi đua – Khen thưởng, Bộ Thông tin và Truyền thông",
        ((Role.VAN_PHONG, "bo-tttt"),),
    ),
]

# Who approves: the Văn phòng of the campaign's owner (campaigns.demo for the two Sở, above for the Bộ).
REVIEWER = "vanphong.bp"  # Văn phòng Sở TT&TT Bình Phước
REVIEWER_BK = "vanphong.bk"  # Văn phòng Sở TT&TT Bắc Kạn
REVIEWER_BO = "vanphong.bo"  # Vụ Thi đua – Khen thưởng, Bộ TT&TT


# --- Targets ----------------------------------------------------------------------------------------------------


class T(NamedTuple):
    indicator: str  # Indicator.code
    comparator: str
    value: Decimal | None = None
    value_max: Decimal | None = None
    due_on: datetime.date | None = None
    level: str = ""  # applies to a level
    unit: str = ""  # applies to one unit (Unit.code)
    year: int | None = None
    note: str = ""
    baseline: Decimal | None = None  # a rank-improvement target's reference rank


GTE, GT, LTE, RANGE = Comparator.GTE, Comparator.GT, Comparator.LTE, Comparator.RANGE
SO, PHONG, HUYEN, XA = UnitLevel.SO, UnitLevel.PHONG, UnitLevel.HUYEN, UnitLevel.XA

HUNDRED = Decimal(100)

BY_2025 = "Đến năm 2025 (mục III.{part})"
PHONG_WHY = "các phòng, đơn vị thuộc Sở có cấp “phòng” nên cần dòng riêng, cùng mức của sở, ban, ngành"
LEVEL_IV = {
    SO: "Tiêu chuẩn sở, ban, ngành (mục IV.1.1)",
    PHONG: f"Tiêu chuẩn sở, ban, ngành (mục IV.1.1): {PHONG_WHY}",
    HUYEN: "Tiêu chuẩn cấp huyện (mục IV.1.2)",
    XA: "Tiêu chuẩn cấp xã (mục IV.1.3)",
}
INTERIM_2023 = "Mốc năm 2023 do Văn phòng Sở đặt để theo dõi tiến độ (văn bản chỉ nêu chỉ tiêu đến năm 2025)"

CNTT_BP, BCVT_BP, TTCNTT_BP = "binh-phuoc-cntt", "binh-phuoc-bcvt", "binh-phuoc-ttcntt"
TTBCXB_BP, THANH_TRA_BP, VNPT_BP = "binh-phuoc-ttbcxb", "binh-phuoc-thanh-tra", "binh-phuoc-vnpt"
DONG_XOAI, BU_DANG = "binh-phuoc-dong-xoai", "binh-phuoc-bu-dang"
PROVINCE_BY = {
    CNTT_BP: "số liệu toàn tỉnh do Phòng CNTT tổng hợp",
    BCVT_BP: "số liệu toàn tỉnh do Phòng BCVT tổng hợp từ các doanh nghiệp",
    TTCNTT_BP: "số liệu toàn tỉnh do Trung tâm CNTT&TT (vận hành các nền tảng) báo cáo",
    TTBCXB_BP: "số liệu toàn tỉnh do Phòng TTBC-XB tổng hợp",
}


def _province(indicator: str, comparator: str, value: int | str, unit: str, part: int, **kw: Any) -> T:
    """A province figure of mục III, reported by the one unit that holds it."""
    note = f"{BY_2025.format(part=part)}; {PROVINCE_BY[unit]}"
    return T(indicator, comparator, Decimal(value), unit=unit, note=note, **kw)


def _levels(indicator: str, values: dict[str, int], *, standard: bool, note: str = "") -> list[T]:
    """One target per level. The Sở's phòng are level "phong": they get the sở, ban, ngành row's value.

    standard: the level's own tiêu chuẩn (mục IV.1) sets it; otherwise it is a chỉ tiêu of mục III for all agencies.
    """
    rows = []
    for level, value in values.items():
        if standard:
            text = f"{note}; {LEVEL_IV[level]}" if note else LEVEL_IV[level]
        else:
            text = f"{note}; {PHONG_WHY}" if level == PHONG else note
        rows.append(T(indicator, GTE, Decimal(value), level=level, note=text))
    return rows


NO_YEAR_003 = "văn bản không nêu năm, lấy hết phong trào (2025)"
PARTS_NOTE = (
    "Đến năm 2025 (mục III.2): “tỷ trọng kinh tế số của mỗi ngành” 7 - 10% GRDP; văn bản không nói rõ “ngành”, danh "
    "mục hiểu là từng bộ phận kinh tế số; số liệu toàn tỉnh do Phòng CNTT tổng hợp"
)


def _bank(indicator: str, value: int, words: str) -> T:
    """A banking figure of mục II.3.9: the province's banks, compiled by Phòng CNTT from the Ngân hàng Nhà nước."""
    note = (
        f"Mục II.3.9, lĩnh vực Tài chính – Ngân hàng: {words}; {NO_YEAR_003}; số liệu ngành ngân hàng trên địa bàn, "
        "Phòng CNTT tổng hợp từ Ngân hàng Nhà nước chi nhánh tỉnh"
    )
    return T(indicator, GTE, Decimal(value), unit=CNTT_BP, note=note)


AGENCIES_100 = {SO: 100, PHONG: 100, HUYEN: 100, XA: 100}
AGENCY_STAFF = "Đến năm 2025 (mục III.1); cán bộ, công chức, viên chức của từng cơ quan"

TARGETS_003: list[T] = [
    # III.1 Chính phủ số. TTHC: the province's figure (Phòng CNTT) and each huyện's own TTHC.
    # Each is followed by its 2023 milestone: in 2023 the year's target wins over the campaign-wide one for the
    # same indicator and unit (services.targets_for), and sits next to it in the form.
    _province("dvc-truc-tuyen-toan-trinh", GTE, 100, CNTT_BP, 1),
    T("dvc-truc-tuyen-toan-trinh", GTE, Decimal(82), unit=CNTT_BP, year=2023, note=INTERIM_2023),
    T("dvc-truc-tuyen-toan-trinh", GTE, HUNDRED, level=HUYEN, note="Đến năm 2025 (mục III.1); TTHC cấp huyện"),
    T("dvc-truc-tuyen-toan-trinh", GTE, Decimal(82), level=HUYEN, year=2023, note=INTERIM_2023),
    _province("ho-so-tthc-truc-tuyen", GTE, 80, CNTT_BP, 1),
    T("ho-so-tthc-truc-tuyen", GTE, Decimal(25), unit=CNTT_BP, year=2023, note=INTERIM_2023),
    T("ho-so-tthc-truc-tuyen", GTE, Decimal(80), level=HUYEN, note="Đến năm 2025 (mục III.1); hồ sơ TTHC cấp huyện"),
    T("ho-so-tthc-truc-tuyen", GTE, Decimal(25), level=HUYEN, year=2023, note=INTERIM_2023),
    _province("dvc-thiet-ke-lai", GTE, 100, TTCNTT_BP, 1),
    _province("dvc-dinh-danh-xac-thuc", GTE, 100, TTCNTT_BP, 1),
    _province("co-quan-mo-du-lieu", GTE, 100, CNTT_BP, 1),
    _province("quan-tri-tong-the", GTE, 100, TTCNTT_BP, 1),
    *_levels("van-ban-dien-tu", AGENCIES_100, standard=True, note="Mục III.1"),
    *_levels("bao-cao-tren-he-thong", {SO: 100, PHONG: 100}, standard=False, note="Đến năm 2025 (mục III.1)"),
    *_levels("bao-cao-tren-he-thong", {HUYEN: 100, XA: 100}, standard=True),
    T(
        "kiem-tra-tren-moi-truong-so",
        GTE,
        Decimal(50),
        unit="binh-phuoc-thanh-tra",
        note="Đến năm 2025 (mục III.1); hoạt động kiểm tra của Sở, Thanh tra Sở báo cáo",
    ),
    *_levels("ky-nang-so-co-ban", AGENCIES_100, standard=False, note=AGENCY_STAFF),
    *_levels("ky-nang-phan-tich-du-lieu", {SO: 50, PHONG: 50, HUYEN: 50, XA: 50}, standard=False, note=AGENCY_STAFF),
    # IV.1 Tiêu chuẩn thi đua per level: 90 % sở, ban, ngành (and the Sở's phòng), 80 % huyện, 60 % xã.
    *_levels("ho-so-cong-viec-tren-mang", {SO: 90, PHONG: 90, HUYEN: 80, XA: 60}, standard=True),
    *_levels("csdl-dung-chung-lgsp", {SO: 70}, standard=True),
    # III.2 Kinh tế số.
    _province("kinh-te-so-grdp", GTE, 20, CNTT_BP, 2),
    *[
        T(code, RANGE, Decimal(7), Decimal(10), unit=CNTT_BP, note=PARTS_NOTE)
        for code in ("kinh-te-so-ict-grdp", "kinh-te-so-internet-grdp", "kinh-te-so-nganh-grdp")
    ],
    _province("dn-nho-va-vua-nen-tang-so", GTE, 80, CNTT_BP, 2),
    _province("dn-hoa-don-dien-tu", GTE, 100, CNTT_BP, 2),
    _province("dn-hop-dong-dien-tu", GTE, 80, CNTT_BP, 2),
    _province("tmdt-ban-le", GT, 10, CNTT_BP, 2),
    # III.3 Xã hội số.
    _province("ho-gia-dinh-thiet-bi-thong-minh", GTE, 100, BCVT_BP, 3),
    _province("ftth-ho-gia-dinh", GT, 80, BCVT_BP, 3),
    T(
        "ftth-ho-gia-dinh",
        GT,
        Decimal(80),
        unit="binh-phuoc-vnpt",
        note="Đến năm 2025 (mục III.3); chỉ tiêu của tỉnh áp cho vùng phủ mạng của doanh nghiệp",
    ),
    _province("ftth-xa", GTE, 100, BCVT_BP, 3),
    T(
        "ftth-xa",
        GTE,
        HUNDRED,
        unit="binh-phuoc-vnpt",
        note="Đến năm 2025 (mục III.3); chỉ tiêu của tỉnh áp cho mạng của doanh nghiệp",
    ),
    _province("tai-khoan-thanh-toan-dien-tu", GT, 50, CNTT_BP, 3),
    _province("tai-khoan-ngan-hang-15-tuoi", Comparator.RANGE, 65, CNTT_BP, 3, value_max=Decimal(70)),
    # II.3.9, the banking paragraph (no year: the campaign's end, 2025) and the industrial zones of lĩnh vực Tài nguyên.
    _bank("dvc-ngan-hang-muc-4", 100, "100%"),
    _bank("ho-so-cong-viec-ngan-hang", 90, "90%"),
    _bank("kiem-tra-giam-sat-ngan-hang-so", 50, "ít nhất 50%"),
    _bank("nghiep-vu-ngan-hang-so", 50, "ít nhất 50%"),
    _bank("nguoi-truong-thanh-thanh-toan-dien-tu", 50, "ít nhất 50%"),
    _bank("giai-ngan-so-hoa", 50, "ít nhất 50%"),
    _bank("giao-dich-kenh-so", 70, "ít nhất 70%"),
    _bank("ho-so-cong-viec-to-chuc-tin-dung", 70, "ít nhất 70%"),
    T(
        "kcn-quan-trac-tu-dong",
        GTE,
        HUNDRED,
        unit=CNTT_BP,
        note=f"Mục II.3.9, lĩnh vực Tài nguyên: 100% khu, cụm công nghiệp; {NO_YEAR_003}; {PROVINCE_BY[CNTT_BP]}",
    ),
    # V.1: every unit issues its own plan of the campaign within 6/2022.
    T(
        "ke-hoach-phat-dong-thi-dua",
        Comparator.DONE_BY,
        due_on=d(2022, 6, 30),
        year=2022,
        note="Mục V.1: 100% cơ quan, đơn vị, địa phương ban hành, hoàn thành trong tháng 6/2022",
    ),
    # More 2023 milestones, and the 2023 task.
    T("xa-dai-truyen-thanh-cntt-vt", GTE, Decimal(70), level=HUYEN, year=2023, note=f"{INTERIM_2023}; xã của huyện"),
    T(
        "xa-dai-truyen-thanh-cntt-vt",
        GTE,
        Decimal(70),
        unit="binh-phuoc-ttbcxb",
        year=2023,
        note=f"{INTERIM_2023}; số liệu toàn tỉnh do Phòng TTBC-XB tổng hợp",
    ),
    T(
        "ke-hoach-chuyen-doi-so-nam",
        Comparator.DONE_BY,
        due_on=d(2023, 3, 31),
        year=2023,
        note="Ban hành kế hoạch chuyển đổi số năm 2023 (nội dung thi đua II.3.2); hạn do Văn phòng Sở đặt",
    ),
]

# Seed 004 assigns its chỉ tiêu to the whole Sở; each goes to the phòng of its lĩnh vực (our reading: the text
# names no phòng).
BK_NOTE = "Chỉ tiêu {n} năm 2022 của Sở; giao phòng phụ trách lĩnh vực"
BK_TTBCXB, BK_BCVT, BK_CNTT, BK_TTCNTT = "bac-kan-ttbcxb", "bac-kan-bcvt", "bac-kan-cntt", "bac-kan-ttcntt"
DTI_2021_BK = Decimal(47)  # illustrative: the plan names no rank


def _bk(n: int, indicator: str, value: int, unit: str) -> T:
    return T(indicator, GTE, Decimal(value), unit=unit, year=2022, note=BK_NOTE.format(n=f"({n})"))


TARGETS_004: list[T] = [
    _bk(1, "xa-co-tram-truyen-thanh-hoat-dong", 100, BK_TTBCXB),
    _bk(2, "xa-tram-truyen-thanh-hoat-dong-tot", 96, BK_TTBCXB),
    _bk(3, "xa-dai-truyen-thanh-cntt-vt", 90, BK_TTBCXB),
    _bk(4, "phu-song-3g-4g-thon-ban", 100, BK_BCVT),
    _bk(5, "phu-song-5g-trung-tam", 10, BK_BCVT),
    _bk(6, "ngam-hoa-cap-vien-thong", 25, BK_BCVT),
    _bk(7, "diem-buu-chinh-co-nguoi-phuc-vu", 100, BK_BCVT),
    _bk(8, "bcci-tthc-cap-tinh", 50, BK_BCVT),
    _bk(9, "bcci-tthc-cap-huyen", 50, BK_BCVT),
    _bk(10, "dvc-truc-tuyen-toan-trinh", 82, BK_CNTT),
    _bk(11, "ho-so-tthc-truc-tuyen", 25, BK_CNTT),
    _bk(12, "hop-truc-tuyen", 5, BK_TTCNTT),
    T(
        "dti-thu-hang",
        Comparator.IMPROVE,
        Decimal(2),
        unit=BK_CNTT,
        year=2022,
        note="Chỉ tiêu (13) năm 2022: tăng từ 02 bậc trở lên so với năm 2021. Thứ hạng mốc năm 2021 (hạng 47) là số "
        "liệu minh họa: văn bản không ghi thứ hạng năm 2021",
        baseline=DTI_2021_BK,
    ),
    # The two nhiệm vụ carry no date: the emulation period ends 31/12/2022.
    T(
        "de-an-chuyen-doi-so",
        Comparator.DONE_BY,
        due_on=d(2022, 12, 31),
        unit=BK_CNTT,
        year=2022,
        note="Nhiệm vụ (1): Đề án giai đoạn 2021-2025, định hướng 2030; văn bản không ghi hạn, lấy hết năm thi đua",
    ),
    T(
        "danh-muc-csdl-chuyen-nganh",
        Comparator.DONE_BY,
        due_on=d(2022, 12, 31),
        unit=BK_CNTT,
        year=2022,
        note="Nhiệm vụ (2): theo Nghị định 47/2020/NĐ-CP; văn bản không ghi hạn, lấy hết năm thi đua",
    ),
]


# Seed 000 (II.1) gives no year for most of its figures (the plan runs 2022 – 2030, phase 1 to 2025): they apply to
# every period. The commune radio figures are "đến năm 2025": kept campaign-wide like seed 003's mục III, since the
# Sở's 2025 reports never happened (merged into Sở KH&CN in 2025), the note saying when they are due.
NO_YEAR_000 = "văn bản không nêu năm đạt"


def _infra(indicator: str, value: int, unit: str, what: str, when: str = NO_YEAR_000, **kw: Any) -> T:
    """A figure of seed 000's mục II.1, the province's, reported by the one unit that holds it."""
    return T(indicator, GTE, Decimal(value), unit=unit, note=f"Mục II.1, {what}; {when}; {PROVINCE_BY[unit]}", **kw)


TARGETS_000: list[T] = [
    _infra("xa-co-diem-buu-chinh-co-nguoi-phuc-vu", 100, BCVT_BP, "hạ tầng bưu chính: 100% xã"),
    _infra("diem-buu-chinh-ket-noi-internet", 100, BCVT_BP, "hạ tầng bưu chính: 100% điểm có người phục vụ"),
    _infra("ho-gia-dinh-dia-chi-so", 100, BCVT_BP, "hạ tầng bưu chính: 100% hộ gia đình"),
    _infra("dn-buu-chinh-bao-cao-truc-tuyen", 100, BCVT_BP, "hạ tầng bưu chính: 100% doanh nghiệp"),
    _infra(
        "tai-khoan-nen-tang-so",
        50,
        TTCNTT_BP,
        "kinh tế số, xã hội số: “ít nhất 50%”, văn bản không nêu mẫu số (danh mục: dân số)",
    ),
    _infra("httt-phe-duyet-cap-do", 100, CNTT_BP, "an toàn, an ninh mạng: 100% hệ thống thông tin"),
    _infra(
        "dien-tap-attt",
        1,
        CNTT_BP,
        "an toàn, an ninh mạng: “01 đợt diễn tập thực chiến”",
        "văn bản không nêu kỳ, danh mục tính mỗi năm",
    ),
    _infra("bao-chi-vung-sau-vung-xa", 100, TTBCXB_BP, "hạ tầng báo chí: 100% người dân vùng sâu, vùng xa, biên giới"),
    _infra("ptth-vung-sau-vung-xa", 70, TTBCXB_BP, "phát thanh, truyền hình: “70% trở lên”"),
    _infra("xa-co-dai-truyen-thanh", 100, TTBCXB_BP, "thông tin cơ sở: 100% xã, phường", "đến năm 2025"),
    _infra(
        "dai-truyen-thanh-chuyen-doi-cntt-vt",
        70,
        TTBCXB_BP,
        "thông tin cơ sở: 70% đài có dây/không dây FM chuyển đổi",
        "đến năm 2025",
    ),
    T(
        "du-an-loa-truyen-thanh-thong-minh",
        Comparator.DONE_BY,
        unit=TTBCXB_BP,
        note="Mục II.1, thông tin cơ sở: hoàn thành dự án đầu tư công Hệ thống loa truyền thanh thông minh; văn bản "
        "không ghi hạn hoàn thành",
    ),
]

# Seed 002's figures are the country's (“Việt Nam”, “toàn Ngành”): the Bộ reports them.
BO = "bo-tttt"
BO_REPORTS = "số liệu cả nước do Bộ tổng hợp"

TARGETS_002: list[T] = [
    T(
        "dn-cong-nghe-so-tren-1000-dan",
        GTE,
        Decimal("0.7"),
        unit=BO,
        year=2022,
        note=f"Lĩnh vực Công nghiệp ICT: “Năm 2022, tỷ lệ doanh nghiệp công nghệ số trên 1.000 dân đạt 0,7”; "
        f"{BO_REPORTS}",
    ),
    T(
        "tang-truong-dn-cong-nghe-so",
        RANGE,
        Decimal(10),
        Decimal(20),
        unit=BO,
        year=2022,
        note=f"Lĩnh vực Công nghiệp ICT, năm 2022: “tốc độ phát triển doanh nghiệp công nghệ số Việt Nam từ 10% - "
        f"20%”; {BO_REPORTS}",
    ),
    T(
        "egdi-thu-hang",
        LTE,
        Decimal(80),
        unit=BO,
        year=2022,
        note="Lĩnh vực Ứng dụng CNTT: “đến hết năm 2022, Việt Nam vào nhóm 80 quốc gia dẫn đầu” về Chính phủ điện tử, "
        "Chính phủ số theo xếp hạng của Liên Hợp Quốc",
    ),
]


# --- Figures ------------------------------------------------------------------------------------------------------

ILLUSTRATIVE = "số liệu minh họa"


def _illustrative(note: str) -> str:
    """Every demo figure says it is made up, after whatever else its note says."""
    return f"{note} ({ILLUSTRATIVE})" if note else ILLUSTRATIVE.capitalize()


def r(numerator: int, denominator: int, note: str = "") -> dict[str, Any]:
    return {"numerator": numerator, "denominator": denominator, "note": _illustrative(note)}


def n(value: int | Decimal, note: str = "") -> dict[str, Any]:
    """A count, ratio or rank typed as one number."""
    return {"value": value, "note": _illustrative(note)}


def done(day: datetime.date, note: str = "") -> dict[str, Any]:
    return {"done": True, "done_on": day, "note": _illustrative(note)}


def not_done(note: str = "") -> dict[str, Any]:
    return {"done": False, "note": _illustrative(note)}


@dataclass(frozen=True)
class DemoSubmission:
    kind: str  # PeriodKind
    year: int
    unit: str
    figures: dict[str, dict[str, Any]]  # Indicator.code → figure as typed
    entered_by: str
    entered_at: datetime.datetime
    submitted_by: str = ""
    submitted_at: datetime.datetime | None = None
    approved_at: datetime.datetime | None = None
    note: str = ""


FROM_OPERATORS = "Tổng hợp từ báo cáo của VNPT, Viettel, MobiFone, FPT Telecom trên địa bàn tỉnh"
FROM_NHNN = "Theo Ngân hàng Nhà nước chi nhánh tỉnh"
STATISTICS = "Theo Cục Thống kê tỉnh, giá hiện hành (tỷ đồng)"

SUBMISSIONS_003: list[DemoSubmission] = [
    # Annual 2022: six units approved, so that the dashboard has a trend and every campaign-wide target a figure.
    DemoSubmission(
        "nam",
        2022,
        BCVT_BP,
        {
            "ho-so-cong-viec-tren-mang": r(412, 486),
            "van-ban-dien-tu": r(596, 640),
            "bao-cao-tren-he-thong": r(11, 14),
            "ky-nang-so-co-ban": r(8, 9),
            "ky-nang-phan-tich-du-lieu": r(6, 9),
            "ftth-ho-gia-dinh": r(198_450, 268_900, FROM_OPERATORS),
            "ftth-xa": r(102, 111),
            "ho-gia-dinh-thiet-bi-thong-minh": r(205_300, 268_900, FROM_OPERATORS),
            "ke-hoach-phat-dong-thi-dua": done(d(2022, 6, 20), "Kế hoạch số 12/KH-BCVT ngày 20/6/2022"),
        },
        "canbo.bcvt",
        at(2022, 12, 5),
        "lanhdao.bcvt",
        at(2022, 12, 9, 15, 30),
        at(2022, 12, 20, 10),
    ),
    DemoSubmission(
        "nam",
        2022,
        TTCNTT_BP,
        {
            "ho-so-cong-viec-tren-mang": r(286, 331),
            "van-ban-dien-tu": r(402, 437),
            "bao-cao-tren-he-thong": r(7, 9),
            "ky-nang-so-co-ban": r(17, 21),
            "ky-nang-phan-tich-du-lieu": r(13, 21),
            "dvc-thiet-ke-lai": r(742, 1_186),
            "dvc-dinh-danh-xac-thuc": r(98_400, 142_700),
            "quan-tri-tong-the": r(98, 142),
            "ke-hoach-phat-dong-thi-dua": done(d(2022, 7, 5), "Ban hành chậm do kiện toàn lãnh đạo Trung tâm"),
        },
        "lanhdao.ttcntt",
        at(2022, 12, 8),
        "lanhdao.ttcntt",
        at(2022, 12, 14, 16),
        at(2022, 12, 21, 9, 30),
    ),
    # Phòng CNTT reports the province's figures of mục III and II.3.9 (the 2025 targets, most not met yet).
    DemoSubmission(
        "nam",
        2022,
        CNTT_BP,
        {
            "dvc-truc-tuyen-toan-trinh": r(1_012, 1_186),
            "ho-so-tthc-truc-tuyen": r(96_420, 412_800),
            "co-quan-mo-du-lieu": r(12, 21),
            "kinh-te-so-grdp": r(9_850, 76_840, STATISTICS),
            "kinh-te-so-ict-grdp": r(1_920, 76_840, STATISTICS),
            "kinh-te-so-internet-grdp": r(2_310, 76_840, STATISTICS),
            "kinh-te-so-nganh-grdp": r(5_620, 76_840, STATISTICS),
            "dn-nho-va-vua-nen-tang-so": r(3_420, 7_860),
            "dn-hoa-don-dien-tu": r(8_652, 8_652, "Theo Cục Thuế tỉnh"),
            "dn-hop-dong-dien-tu": r(2_950, 8_652),
            "tmdt-ban-le": r(5_480, 61_200),
            "tai-khoan-thanh-toan-dien-tu": r(612_400, 1_024_600),
            "tai-khoan-ngan-hang-15-tuoi": r(511_300, 752_600, FROM_NHNN),
            "dvc-ngan-hang-muc-4": r(6, 8, FROM_NHNN),
            "ho-so-cong-viec-ngan-hang": r(2_140, 2_315, FROM_NHNN),
            "kiem-tra-giam-sat-ngan-hang-so": r(9, 22, FROM_NHNN),
            "nghiep-vu-ngan-hang-so": r(38, 64, FROM_NHNN),
            "nguoi-truong-thanh-thanh-toan-dien-tu": r(402_800, 752_600, FROM_NHNN),
            "giai-ngan-so-hoa": r(41_250, 96_800, FROM_NHNN),
            "giao-dich-kenh-so": r(48_620_000, 63_150_000, FROM_NHNN),
            "ho-so-cong-viec-to-chuc-tin-dung": r(58_300, 87_900, FROM_NHNN),
            "kcn-quan-trac-tu-dong": r(9, 24, "Theo Sở Tài nguyên và Môi trường"),
            "ho-so-cong-viec-tren-mang": r(318, 352),
            "van-ban-dien-tu": r(472, 481),
            "bao-cao-tren-he-thong": r(9, 11),
            "ky-nang-so-co-ban": r(11, 12),
            "ky-nang-phan-tich-du-lieu": r(7, 12),
            "ke-hoach-phat-dong-thi-dua": done(d(2022, 6, 15), "Kế hoạch số 07/KH-CNTT ngày 15/6/2022"),
        },
        "canbo.bp",
        at(2022, 12, 6),
        "lanhdao.bp",
        at(2022, 12, 13, 16),
        at(2022, 12, 20, 14),
    ),
    DemoSubmission(
        "nam",
        2022,
        THANH_TRA_BP,
        {
            "kiem-tra-tren-moi-truong-so": r(7, 18),
            "ho-so-cong-viec-tren-mang": r(143, 151),
            "van-ban-dien-tu": r(205, 205),
            "bao-cao-tren-he-thong": r(6, 6),
            "ky-nang-so-co-ban": r(5, 5),
            "ky-nang-phan-tich-du-lieu": r(2, 5),
            "ke-hoach-phat-dong-thi-dua": done(d(2022, 6, 24)),
        },
        "lanhdao.thanhtra",
        at(2022, 12, 7),
        "lanhdao.thanhtra",
        at(2022, 12, 12, 10),
        at(2022, 12, 19, 9),
    ),
    DemoSubmission(
        "nam",
        2022,
        VNPT_BP,
        {
            "ftth-ho-gia-dinh": r(156_700, 268_900, "Vùng phủ FTTH trên mạng VNPT Bình Phước"),
            "ftth-xa": r(104, 111),
            "ke-hoach-phat-dong-thi-dua": done(d(2022, 6, 28)),
        },
        "canbo.vnpt",
        at(2022, 12, 8),
        "lanhdao.vnpt",
        at(2022, 12, 14, 11),
        at(2022, 12, 21, 15),
    ),
    # A huyện: sent a day late (quá hạn), approved.
    DemoSubmission(
        "nam",
        2022,
        DONG_XOAI,
        {
            "dvc-truc-tuyen-toan-trinh": r(214, 268),
            "ho-so-tthc-truc-tuyen": r(8_960, 41_350),
            "ho-so-cong-viec-tren-mang": r(1_840, 2_210),
            "van-ban-dien-tu": r(3_125, 3_290),
            "bao-cao-tren-he-thong": r(14, 15),
            "ky-nang-so-co-ban": r(58, 64),
            "ky-nang-phan-tich-du-lieu": r(27, 64),
            "ke-hoach-phat-dong-thi-dua": done(d(2022, 6, 29)),
        },
        "lanhdao.dongxoai",
        at(2022, 12, 9),
        "lanhdao.dongxoai",
        at(2022, 12, 16, 8, 30),
        at(2022, 12, 22, 10),
    ),
    # 6 months 2023 (due 15/06/2023): Phòng BCVT on time and approved.
    DemoSubmission(
        "sau_thang",
        2023,
        BCVT_BP,
        {
            "ho-so-cong-viec-tren-mang": r(238, 262),
            "van-ban-dien-tu": r(331, 352),
            "bao-cao-tren-he-thong": r(12, 14),
            "ky-nang-so-co-ban": r(9, 10),
            "ky-nang-phan-tich-du-lieu": r(7, 10),
            "ftth-ho-gia-dinh": r(214_600, 271_300, FROM_OPERATORS),
            "ftth-xa": r(105, 111),
            "ho-gia-dinh-thiet-bi-thong-minh": r(219_800, 271_300, FROM_OPERATORS),
            "ke-hoach-chuyen-doi-so-nam": done(d(2023, 3, 15), "Kế hoạch số 05/KH-BCVT ngày 15/3/2023"),
        },
        "canbo.bcvt",
        at(2023, 6, 8),
        "lanhdao.bcvt",
        at(2023, 6, 12, 14),
        at(2023, 6, 19, 10),
    ),
    # Trung tâm CNTT&TT: sent after the due date, waiting for the Văn phòng.
    DemoSubmission(
        "sau_thang",
        2023,
        TTCNTT_BP,
        {
            "ho-so-cong-viec-tren-mang": r(171, 187),
            "van-ban-dien-tu": r(226, 241),
            "bao-cao-tren-he-thong": r(8, 9),
            "ky-nang-so-co-ban": r(19, 21),
            "ky-nang-phan-tich-du-lieu": r(14, 21),
            "dvc-thiet-ke-lai": r(903, 1_214),
            "dvc-dinh-danh-xac-thuc": r(151_200, 188_500),
            "quan-tri-tong-the": r(117, 142),
            "ke-hoach-chuyen-doi-so-nam": done(d(2023, 3, 28)),
        },
        "lanhdao.ttcntt",
        at(2023, 6, 28),
        "lanhdao.ttcntt",
        at(2023, 7, 3, 16, 45),
        note="Gửi chậm do chờ số liệu định danh điện tử từ Công an tỉnh.",
    ),
    # VNPT: a draft, one figure still missing.
    DemoSubmission(
        "sau_thang",
        2023,
        "binh-phuoc-vnpt",
        {
            "ftth-ho-gia-dinh": r(168_900, 271_300, "Vùng phủ FTTH trên mạng VNPT Bình Phước"),
            "ke-hoach-chuyen-doi-so-nam": done(d(2023, 2, 10)),
        },
        "canbo.vnpt",
        at(2023, 6, 14),
        note="Đang tổng hợp số xã có hạ tầng cáp quang từ các Trung tâm viễn thông huyện.",
    ),
    # A huyện against the 2023 milestones: approved, some met and some not (its plan came after 31/3).
    DemoSubmission(
        "sau_thang",
        2023,
        BU_DANG,
        {
            "dvc-truc-tuyen-toan-trinh": r(226, 271),
            "ho-so-tthc-truc-tuyen": r(3_870, 17_420),
            "ho-so-cong-viec-tren-mang": r(962, 1_240),
            "van-ban-dien-tu": r(1_402, 1_455),
            "bao-cao-tren-he-thong": r(13, 15),
            "ky-nang-so-co-ban": r(71, 83),
            "ky-nang-phan-tich-du-lieu": r(44, 83),
            "xa-dai-truyen-thanh-cntt-vt": r(12, 16, "12/16 xã, thị trấn của huyện"),
            "ke-hoach-chuyen-doi-so-nam": done(d(2023, 4, 12), "Ban hành sau hạn 31/3/2023"),
        },
        "lanhdao.budang",
        at(2023, 6, 9),
        "lanhdao.budang",
        at(2023, 6, 13, 15),
        at(2023, 6, 20, 9),
    ),
    # Phòng TTBC-XB: sent on time, waiting for the Văn phòng.
    DemoSubmission(
        "sau_thang",
        2023,
        TTBCXB_BP,
        {
            "xa-dai-truyen-thanh-cntt-vt": r(76, 111, "Tổng hợp từ Phòng VH&TT các huyện, thị xã, thành phố"),
            "ho-so-cong-viec-tren-mang": r(97, 109),
            "van-ban-dien-tu": r(141, 146),
            "bao-cao-tren-he-thong": r(5, 6),
            "ky-nang-so-co-ban": r(7, 7),
            "ky-nang-phan-tich-du-lieu": r(4, 7),
            "ke-hoach-chuyen-doi-so-nam": done(d(2023, 3, 30)),
        },
        "lanhdao.ttbcxb",
        at(2023, 6, 12),
        "lanhdao.ttbcxb",
        at(2023, 6, 14, 16),
    ),
    # Annual 2023: Phòng CNTT against the 2023 milestones (its 6-month report is still open for the demo staff).
    DemoSubmission(
        "nam",
        2023,
        CNTT_BP,
        {
            "dvc-truc-tuyen-toan-trinh": r(1_034, 1_198),
            "ho-so-tthc-truc-tuyen": r(141_900, 438_500),
            "co-quan-mo-du-lieu": r(15, 21),
            "kinh-te-so-grdp": r(11_420, 81_960, STATISTICS),
            "kinh-te-so-ict-grdp": r(2_130, 81_960, STATISTICS),
            "kinh-te-so-internet-grdp": r(2_790, 81_960, STATISTICS),
            "kinh-te-so-nganh-grdp": r(6_500, 81_960, STATISTICS),
            "dn-nho-va-vua-nen-tang-so": r(4_180, 8_240),
            "dn-hoa-don-dien-tu": r(9_105, 9_105, "Theo Cục Thuế tỉnh"),
            "dn-hop-dong-dien-tu": r(3_960, 9_105),
            "tmdt-ban-le": r(6_870, 64_500),
            "tai-khoan-thanh-toan-dien-tu": r(655_900, 1_031_200),
            "tai-khoan-ngan-hang-15-tuoi": r(541_800, 759_300, FROM_NHNN),
            "dvc-ngan-hang-muc-4": r(7, 8, FROM_NHNN),
            "ho-so-cong-viec-ngan-hang": r(2_290, 2_380, FROM_NHNN),
            "kiem-tra-giam-sat-ngan-hang-so": r(12, 23, FROM_NHNN),
            "nghiep-vu-ngan-hang-so": r(41, 64, FROM_NHNN),
            "nguoi-truong-thanh-thanh-toan-dien-tu": r(436_700, 759_300, FROM_NHNN),
            "giai-ngan-so-hoa": r(52_800, 101_400, FROM_NHNN),
            "giao-dich-kenh-so": r(57_380_000, 70_940_000, FROM_NHNN),
            "ho-so-cong-viec-to-chuc-tin-dung": r(65_100, 90_200, FROM_NHNN),
            "kcn-quan-trac-tu-dong": r(13, 24, "Theo Sở Tài nguyên và Môi trường"),
            "ho-so-cong-viec-tren-mang": r(341, 366),
            "van-ban-dien-tu": r(498, 503),
            "bao-cao-tren-he-thong": r(10, 11),
            "ky-nang-so-co-ban": r(12, 12),
            "ky-nang-phan-tich-du-lieu": r(9, 12),
            "ke-hoach-chuyen-doi-so-nam": done(d(2023, 3, 20), "Kế hoạch số 03/KH-CNTT ngày 20/3/2023"),
        },
        "canbo.bp",
        at(2023, 12, 5),
        "lanhdao.bp",
        at(2023, 12, 12, 15),
        at(2023, 12, 19, 10),
    ),
]

# Seed 000: the annual report of 2023, the plan's first year (issued 04/2023).
SUBMISSIONS_000: list[DemoSubmission] = [
    DemoSubmission(
        "nam",
        2023,
        BCVT_BP,
        {
            "xa-co-diem-buu-chinh-co-nguoi-phuc-vu": r(111, 111, "Theo Bưu điện tỉnh và các doanh nghiệp bưu chính"),
            "diem-buu-chinh-ket-noi-internet": r(186, 203),
            "ho-gia-dinh-dia-chi-so": r(184_250, 271_300, "Theo nền tảng địa chỉ số quốc gia"),
            "dn-buu-chinh-bao-cao-truc-tuyen": r(14, 14),
        },
        "canbo.bcvt",
        at(2023, 12, 4),
        "lanhdao.bcvt",
        at(2023, 12, 11, 14),
        at(2023, 12, 18, 9),
    ),
    DemoSubmission(
        "nam",
        2023,
        TTCNTT_BP,
        {"tai-khoan-nen-tang-so": r(562_400, 1_031_200, "Tài khoản trên các nền tảng số do Trung tâm vận hành")},
        "lanhdao.ttcntt",
        at(2023, 12, 6),
        "lanhdao.ttcntt",
        at(2023, 12, 13, 10),
        at(2023, 12, 18, 15),
    ),
    DemoSubmission(
        "nam",
        2023,
        CNTT_BP,
        {
            "httt-phe-duyet-cap-do": r(118, 126),
            "dien-tap-attt": n(1, "Diễn tập thực chiến an toàn, an ninh mạng tháng 9/2023"),
        },
        "canbo.bp",
        at(2023, 12, 7),
        "lanhdao.bp",
        at(2023, 12, 14, 9),
        at(2023, 12, 19, 14),
    ),
    DemoSubmission(
        "nam",
        2023,
        TTBCXB_BP,
        {
            "bao-chi-vung-sau-vung-xa": r(162_300, 162_300),
            "ptth-vung-sau-vung-xa": r(131_500, 162_300),
            "xa-co-dai-truyen-thanh": r(108, 111),
            "dai-truyen-thanh-chuyen-doi-cntt-vt": r(46, 104),
            "du-an-loa-truyen-thanh-thong-minh": not_done("Dự án đang thi công, dự kiến nghiệm thu năm 2024"),
        },
        "lanhdao.ttbcxb",
        at(2023, 12, 15),
        "lanhdao.ttbcxb",
        at(2023, 12, 19, 16),
        note="Gửi chậm do chờ kết quả khảo sát vùng sâu, vùng xa của Đài Phát thanh – Truyền hình tỉnh.",
    ),
]

# Seed 002: the Bộ's figures of 2022, at mid-year and at the end of the year.
SUBMISSIONS_002: list[DemoSubmission] = [
    DemoSubmission(
        "sau_thang",
        2022,
        BO,
        {
            "dn-cong-nghe-so-tren-1000-dan": n(Decimal("0.68")),
            "tang-truong-dn-cong-nghe-so": r(2_870, 64_300, "Sáu tháng đầu năm"),
            "egdi-thu-hang": n(88, "Xếp hạng của kỳ khảo sát gần nhất"),
        },
        "lanhdao.bo",
        at(2022, 6, 8),
        "lanhdao.bo",
        at(2022, 6, 13, 15),
        at(2022, 6, 20, 10),
    ),
    DemoSubmission(
        "nam",
        2022,
        BO,
        {
            "dn-cong-nghe-so-tren-1000-dan": n(Decimal("0.71")),
            "tang-truong-dn-cong-nghe-so": r(5_950, 64_300),
            "egdi-thu-hang": n(79),
        },
        "lanhdao.bo",
        at(2022, 12, 6),
        "lanhdao.bo",
        at(2022, 12, 12, 15),
        at(2022, 12, 19, 10),
    ),
]

# Seed 004 (Bắc Kạn 2022): Phòng CNTT misses several targets at mid-year and meets all of them by the end of the year;
# the other phòng meet some. Its Văn phòng approves.
SUBMISSIONS_004: list[DemoSubmission] = [
    DemoSubmission(
        "sau_thang",
        2022,
        BK_CNTT,
        {
            "dvc-truc-tuyen-toan-trinh": r(1_046, 1_326),
            "ho-so-tthc-truc-tuyen": r(17_950, 71_400),
            "dti-thu-hang": n(47, "Chưa có xếp hạng DTI năm 2022: giữ hạng năm 2021"),
            "de-an-chuyen-doi-so": not_done("Dự thảo Đề án đang lấy ý kiến các sở, ngành"),
            "danh-muc-csdl-chuyen-nganh": not_done(),
        },
        "canbo.bk",
        at(2022, 6, 6),
        "lanhdao.bk",
        at(2022, 6, 10, 15),
        at(2022, 6, 17, 9),
    ),
    DemoSubmission(
        "nam",
        2022,
        BK_CNTT,
        {
            "dvc-truc-tuyen-toan-trinh": r(1_108, 1_326),
            "ho-so-tthc-truc-tuyen": r(41_870, 152_300),
            "dti-thu-hang": n(44, "Tăng 03 bậc so với năm 2021 (hạng 47)"),
            "de-an-chuyen-doi-so": done(d(2022, 6, 29), "Đề án được UBND tỉnh phê duyệt ngày 29/6/2022"),
            "danh-muc-csdl-chuyen-nganh": done(d(2022, 11, 18), "Danh mục ban hành ngày 18/11/2022"),
        },
        "canbo.bk",
        at(2022, 12, 5),
        "lanhdao.bk",
        at(2022, 12, 9, 16),
        at(2022, 12, 16, 10),
    ),
    DemoSubmission(
        "nam",
        2022,
        BK_BCVT,
        {
            "phu-song-3g-4g-thon-ban": r(1_372, 1_403, "Tổng hợp từ VNPT, Viettel, MobiFone trên địa bàn tỉnh"),
            "phu-song-5g-trung-tam": r(1, 8, "Sóng 5G thử nghiệm tại thành phố Bắc Kạn"),
            "ngam-hoa-cap-vien-thong": r(48, 176),
            "diem-buu-chinh-co-nguoi-phuc-vu": r(122, 122),
            "bcci-tthc-cap-tinh": r(512, 968),
            "bcci-tthc-cap-huyen": r(146, 312),
        },
        "lanhdao.bcvt.bk",
        at(2022, 12, 6),
        "lanhdao.bcvt.bk",
        at(2022, 12, 12, 10),
        at(2022, 12, 19, 9),
    ),
    DemoSubmission(
        "nam",
        2022,
        BK_TTBCXB,
        {
            "xa-co-tram-truyen-thanh-hoat-dong": n(104, "104/108 xã, phường, thị trấn"),
            "xa-tram-truyen-thanh-hoat-dong-tot": r(101, 108),
            "xa-dai-truyen-thanh-cntt-vt": r(99, 108),
        },
        "lanhdao.ttbcxb.bk",
        at(2022, 12, 7),
        "lanhdao.ttbcxb.bk",
        at(2022, 12, 13, 15),
        at(2022, 12, 19, 14),
    ),
    DemoSubmission(
        "nam",
        2022,
        BK_TTCNTT,
        {"hop-truc-tuyen": r(86, 1_240, "Theo nhật ký hệ thống hội nghị truyền hình trực tuyến của tỉnh")},
        "lanhdao.ttcntt.bk",
        at(2022, 12, 12),
        "lanhdao.ttcntt.bk",
        at(2022, 12, 16, 9),
        at(2022, 12, 21, 10),
        note="Gửi chậm một ngày do nghỉ bù.",
    ),
]


# --- Loading ------------------------------------------------------------------------------------------------------


class Seed(NamedTuple):
    owner: str  # Unit.code of the campaign's owner
    title: str
    targets: list[T]
    submissions: list[DemoSubmission]
    reviewer: str  # the owner's Văn phòng, who approves


SEEDS: list[Seed] = [
    Seed(SEED_000_OWNER, SEED_000_TITLE, TARGETS_000, SUBMISSIONS_000, REVIEWER),
    Seed(SEED_002_OWNER, SEED_002_TITLE, TARGETS_002, SUBMISSIONS_002, REVIEWER_BO),
    Seed(SEED_003_OWNER, SEED_003_TITLE, TARGETS_003, SUBMISSIONS_003, REVIEWER),
    Seed(SEED_004_OWNER, SEED_004_TITLE, TARGETS_004, SUBMISSIONS_004, REVIEWER_BK),
]


@transaction.atomic
def load() -> None:
    """Create the demo accounts, targets and submissions that do not exist yet."""
    _people()
    users = {u.username: u for u in User.objects.filter(username__in=_usernames())}
    for seed in SEEDS:
        campaign = _campaign(seed.owner, seed.title)
        _targets(campaign, seed.targets)
        for spec in seed.submissions:
            _submission(campaign, spec, users, reviewer=seed.reviewer)


def _usernames() -> set[str]:
    names = set()
    for seed in SEEDS:
        names.add(seed.reviewer)
        for spec in seed.submissions:
            names |= {spec.entered_by, spec.submitted_by}
    return names - {""}


def _people() -> None:
    for login in DEMO_LOGINS:
        user, created = User.objects.get_or_create(
            username=login.username,
            defaults={
                "full_name": login.full_name,
                "position": login.position,
                "email": f"{login.username}@example.invalid",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        for role, code in login.grants:
            RoleAssignment.objects.get_or_create(user=user, unit=Unit.objects.get(code=code), role=role)


def _campaign(owner: str, title: str) -> Campaign:
    campaign = Campaign.objects.filter(owner__code=owner, title=title).first()
    if campaign is None:
        raise LookupError(f"Seed campaign “{title}” not found: run campaigns.demo_campaigns.load() first.")
    return campaign


def _targets(campaign: Campaign, rows: list[T]) -> None:
    indicators = {i.code: i for i in Indicator.objects.filter(code__in={row.indicator for row in rows})}
    missing = {row.indicator for row in rows} - set(indicators)
    if missing:
        raise LookupError(f"Indicators {sorted(missing)} not found: run indicators.catalogue.load_indicators() first.")
    units = {u.code: u for u in Unit.objects.filter(code__in={row.unit for row in rows if row.unit})}
    for order, row in enumerate(rows, start=1):
        applies_to = AppliesTo.UNIT if row.unit else AppliesTo.LEVEL if row.level else AppliesTo.ALL
        unit = units[row.unit] if row.unit else None
        key = dict(
            campaign=campaign, indicator=indicators[row.indicator], applies_to=applies_to, level=row.level, unit=unit
        )
        if Target.objects.filter(**key, year=row.year).exists():
            continue
        target = Target(
            **key,
            year=row.year,
            comparator=row.comparator,
            value=row.value,
            value_max=row.value_max,
            due_on=row.due_on,
            baseline=row.baseline,
            note=row.note,
            order=order * 10,
        )
        target.full_clean()
        target._change_reason = LOAD_REASON
        target.save()


def _submission(campaign: Campaign, spec: DemoSubmission, users: dict[str, User], *, reviewer: str) -> None:
    period = campaign.reporting_periods.get(kind=spec.kind, year=spec.year)
    unit = Unit.objects.get(code=spec.unit)
    if Submission.objects.filter(period=period, unit=unit).exists():
        return
    enterer = users[spec.entered_by]
    submission = services.submission_open(period=period, unit=unit, user=enterer)
    ids = {v.target.indicator.code: v.pk for v in submission.values.select_related("target__indicator")}
    unknown = set(spec.figures) - set(ids)
    if unknown:
        raise LookupError(f"{unit.code}: no target for {sorted(unknown)} in {period}.")
    submission = services.submission_save(
        submission=submission,
        user=enterer,
        version=submission.version,
        figures={ids[code]: figure for code, figure in spec.figures.items()},
        note=spec.note or None,
    )
    if spec.submitted_by:
        submission = services.submission_submit(submission=submission, user=users[spec.submitted_by])
    if spec.approved_at:
        submission = services.submission_approve(submission=submission, user=users[reviewer])
    _date_as_in_the_story(submission, spec)


def _date_as_in_the_story(submission: Submission, spec: DemoSubmission) -> None:
    """The services stamp today; the demo story happened in 2022–2023, so its dates are set back to then.

    quá hạn is decided as submission_submit decides it, on the (story's) sending day against the period's due date.
    The history rows (who, when) move with the submission so the page's log tells the same story.
    """
    pk = submission.pk
    last = spec.approved_at or spec.submitted_at or spec.entered_at
    fields: dict[str, Any] = {"created_at": spec.entered_at, "updated_at": last}
    sent: dict[str, Any] = {}
    if spec.submitted_at:
        late = timezone.localdate(spec.submitted_at) > submission.period.due_date
        sent = {"submitted_at": spec.submitted_at, "first_submitted_at": spec.submitted_at, "is_late": late}
    reviewed = {"reviewed_at": spec.approved_at} if spec.approved_at else {}
    Submission.objects.filter(pk=pk).update(**fields, **sent, **reviewed)

    history = Submission.history.model.objects.filter(id=pk)
    history.filter(status=SubmissionStatus.NHAP).update(history_date=spec.entered_at)
    if spec.submitted_at:
        history.filter(status=SubmissionStatus.DA_GUI).update(history_date=spec.submitted_at, **sent)
        SubmissionEvent.objects.filter(submission_id=pk, to_status=SubmissionStatus.DA_GUI).update(at=spec.submitted_at)
    if spec.approved_at:
        history.filter(status=SubmissionStatus.DA_DUYET).update(history_date=spec.approved_at, **sent, **reviewed)
        SubmissionEvent.objects.filter(submission_id=pk, to_status=SubmissionStatus.DA_DUYET).update(
            at=spec.approved_at
        )
    Value.history.model.objects.filter(submission_id=pk).update(history_date=spec.entered_at)
