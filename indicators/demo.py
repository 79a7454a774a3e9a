"""Demo targets and figures for two seed campaigns. Run after campaigns' demo and `load_indicators()`.

- Seed 003 (Bình Phước, “Chuyển đổi số giai đoạn 2022 - 2025”): the plan's chỉ tiêu đến năm 2025 (mục III) and its
  tiêu chuẩn per level (mục IV.1: 90 % sở, ban, ngành – 80 % huyện – 60 % xã), the 2022 task of mục V.1, and a few
  2023 milestones the Văn phòng sets so the 2023 periods have something to measure.
- Seed 004 (Bắc Kạn 2022): its thirteen chỉ tiêu and two nhiệm vụ, for 2022.
- Figures for seed 003, entered and sent through indicators.services by the units' own people: the 2023 6-month
  period has Phòng BCVT approved, Trung tâm CNTT&TT sent late and waiting, VNPT in draft, and Phòng CNTT (the demo
  staff's unit) not started; the 2022 annual period has Phòng BCVT and Trung tâm CNTT&TT approved, for a trend.
  The services stamp today's date; the submissions are then dated as the story goes (2022–2023), quá hạn included.

Where a target is the province's figure (DVC toàn trình, kinh tế số, FTTH…), it applies to the one unit that reports
it, not to every participant: a phòng does not report the province's GRDP, and totals over units would be wrong.
Per-agency figures (hồ sơ công việc, văn bản điện tử, kỹ năng số) apply per level.

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

d = datetime.date
VN = datetime.timezone(datetime.timedelta(hours=7))


def at(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=VN)


# --- People: the demo units' own accounts (campaigns.demo's people hold roles in Phòng CNTT only) -------------

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
]

REVIEWER = "vanphong.bp"  # Văn phòng Sở TT&TT Bình Phước (campaigns.demo)


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


GTE, GT = Comparator.GTE, Comparator.GT
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
PROVINCE_BY = {
    CNTT_BP: "số liệu toàn tỉnh do Phòng CNTT tổng hợp",
    BCVT_BP: "số liệu toàn tỉnh do Phòng BCVT tổng hợp từ các doanh nghiệp",
    TTCNTT_BP: "số liệu toàn tỉnh do Trung tâm CNTT&TT (vận hành các nền tảng) báo cáo",
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
        note="Chỉ tiêu (13) năm 2022: tăng từ 02 bậc trở lên so với năm 2021",
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


# --- Figures ------------------------------------------------------------------------------------------------------


def r(numerator: int, denominator: int, note: str = "") -> dict[str, Any]:
    return {"numerator": numerator, "denominator": denominator, "note": note}


def done(day: datetime.date, note: str = "") -> dict[str, Any]:
    return {"done": True, "done_on": day, "note": note}


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

SUBMISSIONS_003: list[DemoSubmission] = [
    # Annual 2022: two units, approved, so that the dashboard has a trend.
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
]


# --- Loading ------------------------------------------------------------------------------------------------------


@transaction.atomic
def load() -> None:
    """Create the demo accounts, targets and submissions that do not exist yet."""
    _people()
    users = {u.username: u for u in User.objects.filter(username__in=_usernames())}
    seed_003 = _campaign(SEED_003_OWNER, SEED_003_TITLE)
    seed_004 = _campaign(SEED_004_OWNER, SEED_004_TITLE)
    _targets(seed_003, TARGETS_003)
    _targets(seed_004, TARGETS_004)
    for spec in SUBMISSIONS_003:
        _submission(seed_003, spec, users)


def _usernames() -> set[str]:
    names = {REVIEWER}
    for spec in SUBMISSIONS_003:
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
            note=row.note,
            order=order * 10,
        )
        target.full_clean()
        target._change_reason = LOAD_REASON
        target.save()


def _submission(campaign: Campaign, spec: DemoSubmission, users: dict[str, User]) -> None:
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
        submission = services.submission_approve(submission=submission, user=users[REVIEWER])
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
        sent = {"submitted_at": spec.submitted_at, "is_late": late}
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
