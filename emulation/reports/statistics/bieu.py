"""The statistics biểu of the thi đua – khen thưởng field (TĐKT) in the Bộ Nội vụ's statistical reporting regime,
Thông tư 02/2023/TT-BNV of 23/3/2023, as data: each biểu's code, title, period, due date, rows and columns, and for
each row and column the rule that selects from the register (AwardRecord) or the campaigns (Campaign).

WHERE THE LAYOUT COMES FROM — read before trusting it (issue 19):
- The circular's own text (its Phụ lục of biểu mẫu) could not be found with the search tools: no copy of Thông tư
  02/2023/TT-BNV is stored in the corpora (searched: "Thông tư 02/2023/TT-BNV chế độ báo cáo thống kê ngành Nội vụ",
  "0601.N/BNV-TĐKT", "Số phong trào thi đua", "Số lượng khen thưởng cấp nhà nước", and others).
- What was found is a SECONDARY source: the report templates of an open-source TĐKT portal, repository
  lifephongphanmem/thiduakhenthuong, resources/views/BaoCao/TT022023/Mau0601.blade.php, Mau0602.blade.php,
  Mau0603.blade.php (and Mau0604: the number of TĐKT organisations, which the register cannot answer). They print
  "Biểu số: 0601.N/BNV-TĐKT … Ban hành theo Thông tư số 2/2023/TT-BNV ngày 23/3/2023", the rows with their mã số,
  the columns, and "Ngày nhận báo cáo: Ngày 15 tháng 12 năm báo cáo" (0601, 0602; 0603's line is commented out
  there). The older regime (Thông tư 03/2018/TT-BNV) numbered the same biểu 0701–0703.
- So every biểu below carries `verified=False` and the PDF, the workbook and the page say "CHƯA ĐỐI CHIẾU với văn
  bản gốc". An administrator must compare them with the official text before the figures are sent.
- The regime moved on: Thông tư 18/2025/TT-BNV (08/10/2025) "Quy định Chế độ báo cáo thống kê ngành Nội vụ"
  (luatvietnam.vn) replaces it; its biểu are not encoded here. `valid_from`/`valid_to` say which years a layout is for.

Rows the register cannot answer (leaders by tier, doanh nhân, hộ gia đình, awards outside campaigns) have
`rule=None`: their cells are left empty and the row's note says why — never a zero that claims "none".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q

from campaigns.models import AwardTarget, CampaignKind, UnitLevel

CIRCULAR = (
    "Thông tư số 02/2023/TT-BNV ngày 23/3/2023 của Bộ trưởng Bộ Nội vụ quy định chế độ báo cáo thống kê ngành Nội vụ"
)
ISSUED_BY = "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023"
SOURCE = (
    "Bố cục biểu lấy từ nguồn thứ cấp (mẫu báo cáo TT02/2023 của phần mềm mã nguồn mở "
    "lifephongphanmem/thiduakhenthuong, resources/views/BaoCao/TT022023/Mau0601–0603.blade.php); "
    "CHƯA ĐỐI CHIẾU với văn bản gốc của Thông tư 02/2023/TT-BNV."
)
UNVERIFIED = "CHƯA ĐỐI CHIẾU"
VALID_FROM = datetime.date(2023, 1, 1)  # CHƯA ĐỐI CHIẾU: the circular's entry into force is not in the corpora
VALID_TO = None  # Thông tư 18/2025/TT-BNV replaces it; the date it applies from is not verified either


@dataclass(frozen=True)
class Column:
    code: str  # the column's number in the biểu: "1", "2" …
    label: str
    # AwardForm codes (prefixes) counted in this column; the total column counts every column's forms.
    forms: tuple[str, ...] = ()
    total: bool = False
    # For the campaigns' biểu: which campaigns the column takes.
    rule: Q | None = None
    note: str = ""


@dataclass(frozen=True)
class Row:
    code: str  # mã số: "01" …; "" for a group heading
    label: str
    unit: str = ""  # đơn vị tính
    rule: Q | None = None  # None on a counted row: the register cannot answer, cells stay empty
    heading: bool = False
    bold: bool = False
    note: str = ""

    @property
    def answerable(self) -> bool:
        return not self.heading and self.rule is not None


@dataclass(frozen=True)
class Bieu:
    code: str  # "0603.N/BNV-TĐKT"
    slug: str  # "0603": in URLs and sheet names
    title: str
    subject: str  # "awards" (AwardRecord) or "campaigns" (Campaign)
    period: str  # "Năm"
    due: str  # "Ngày 15 tháng 12 năm báo cáo"
    unit_of_measure: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    formula: str = ""  # the total column's formula as printed: "1=(2+3+4)"
    verified: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)
    valid_from: datetime.date | None = VALID_FROM
    valid_to: datetime.date | None = VALID_TO

    def row(self, code: str) -> Row | None:
        return next((r for r in self.rows if r.code == code and not r.heading), None)

    def column(self, code: str) -> Column | None:
        return next((c for c in self.columns if c.code == code), None)


# --- Rules shared by the award biểu -----------------------------------------------------------------------------

TAP_THE = Q(kind=AwardTarget.TAP_THE)
CA_NHAN = Q(kind=AwardTarget.CA_NHAN)
# Đột xuất: a campaign launched đột xuất, or a dossier of an đột xuất round in any campaign.
DOT_XUAT = Q(campaign__kind=CampaignKind.DOT_XUAT) | Q(nominee__dossier__round_kind="dot_xuat")
EVERYTHING = Q(pk__isnull=False)
NOT_HELD = "Cổng chưa ghi thông tin này trong sổ khen thưởng: để trống, điền tay nếu có."
OUTSIDE = (
    "Cổng chỉ quản lý khen thưởng theo phong trào thi đua; hình thức này ngoài phạm vi: để trống, điền tay nếu có."
)


def _target_rows(first: int, number: str = "1") -> tuple[Row, ...]:
    """ "Chia theo đối tượng khen thưởng": the same rows in 0602 and 0603, numbered from `first`."""
    n = iter(range(first, first + 9))

    def code() -> str:
        return f"{next(n):02d}"

    return (
        Row("", f"{number}. Chia theo đối tượng khen thưởng", heading=True, bold=True),
        Row(code(), "- Tập thể", "Tập thể", TAP_THE),
        Row(
            code(),
            "Trong đó: Doanh nghiệp",
            "Doanh nghiệp",
            TAP_THE & Q(nominee__collective_unit__level=UnitLevel.DOANH_NGHIEP),
            note="Tập thể là đơn vị cấp “Doanh nghiệp” trong cây đơn vị.",
        ),
        Row(code(), "- Hộ gia đình", "Hộ", None, note="Sổ khen thưởng không có đối tượng hộ gia đình."),
        Row(code(), "- Cá nhân", "Người", CA_NHAN),
        Row(code(), "+ Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên", "Người", None, note=NOT_HELD),
        Row(code(), "+ Lãnh đạo cấp vụ, sở, ngành và tương đương", "Người", None, note=NOT_HELD),
        Row(code(), "+ Doanh nhân", "Người", None, note=NOT_HELD),
        Row(
            code(),
            "+ Các cấp lãnh đạo khác từ phó phòng trở lên",
            "Người",
            CA_NHAN & Q(nominee__is_leader=True),
            note="Cá nhân ghi “Là lãnh đạo (từ Phó trưởng phòng trở lên)” trong hồ sơ; Cổng không tách lãnh đạo "
            "cấp sở, cấp tỉnh nên các trường hợp đó cũng được đếm ở dòng này.",
        ),
    )


def _direct_row(code: str) -> Row:
    return Row(
        code,
        "+ Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu (công nhân, nông dân,...)",
        "Người",
        CA_NHAN & Q(nominee__is_leader=False),
        note="Cá nhân không ghi là lãnh đạo trong hồ sơ đề nghị.",
    )


def _method_rows(first: int, number: str = "2") -> tuple[Row, ...]:
    """ "Chia theo phương thức khen thưởng", numbered from `first`."""
    n = iter(range(first, first + 7))

    def code() -> str:
        return f"{next(n):02d}"

    return (
        Row("", f"{number}. Chia theo phương thức khen thưởng", heading=True, bold=True),
        Row(
            code(),
            "- Thường xuyên",
            rule=Q(campaign__kind=CampaignKind.THUONG_XUYEN) & ~DOT_XUAT,
            note="Khen thưởng trong phong trào thi đua thường xuyên (hằng năm), trừ đợt đột xuất.",
        ),
        Row(
            code(),
            "- Chuyên đề",
            rule=Q(campaign__kind=CampaignKind.CHUYEN_DE) & ~DOT_XUAT,
            note="Khen thưởng trong phong trào thi đua theo đợt, chuyên đề, trừ đợt đột xuất.",
        ),
        Row(code(), "- Đột xuất", rule=DOT_XUAT, note="Phong trào đột xuất, hoặc hồ sơ của đợt đột xuất."),
        Row(code(), "- Đối ngoại", note=OUTSIDE),
        Row(code(), "- Cống hiến", note=OUTSIDE),
        Row(code(), "- Niên hạn", note=OUTSIDE),
        Row(code(), "- Kháng chiến", note=OUTSIDE),
    )


# --- 0603: khen thưởng cấp bộ, cấp tỉnh ---------------------------------------------------------------------------

COLUMNS_0603 = (
    Column("2", "Bằng khen", ("bang-khen-chu-tich-ubnd-tinh", "bang-khen-bo-truong", "bang-khen-bo-")),
    Column("3", "Chiến sĩ thi đua cấp bộ, cấp tỉnh", ("chien-si-thi-dua-cap-tinh", "chien-si-thi-dua-cap-bo")),
    Column(
        "4",
        "Cờ thi đua của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương",
        ("co-thi-dua-ubnd-tinh", "co-thi-dua-bo"),
    ),
    Column(
        "5",
        "Huy hiệu (kỷ niệm chương) của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương",
        ("ky-niem-chuong", "huy-hieu"),
    ),
)

BIEU_0603 = Bieu(
    code="0603.N/BNV-TĐKT",
    slug="0603",
    title="SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
    subject="awards",
    period="Năm",
    due=f"Ngày 15 tháng 12 năm báo cáo ({UNVERIFIED}: nguồn thứ cấp không in dòng này cho biểu 0603)",
    unit_of_measure="",
    columns=(Column("1", "Tổng số", total=True), *COLUMNS_0603),
    formula="1=(2+3+4+5)",
    rows=(
        Row("01", "Tổng số", rule=EVERYTHING, bold=True),
        *_target_rows(2),
        _direct_row("10"),
        *_method_rows(11),
    ),
    notes=(
        "Cột 2–5 đếm theo mã hình thức trong danh mục: Bằng khen của Chủ tịch UBND tỉnh, của Bộ trưởng; Chiến sĩ "
        "thi đua cấp tỉnh, cấp bộ; Cờ thi đua của UBND tỉnh, của Bộ; Kỷ niệm chương. Danh hiệu “Tập thể lao động "
        "xuất sắc” không có cột riêng trong biểu nên không được đếm.",
        "Nguồn thứ cấp đánh số nhóm dòng “1.” rồi “3.” (không có “2.”); ở đây đánh số liên tục.",
    ),
)

# --- 0602: khen thưởng cấp nhà nước -----------------------------------------------------------------------------

COLUMNS_0602 = (
    Column("2", "Các loại huân chương, huy chương", ("huan-chuong", "huy-chuong")),
    Column("3", "Giải thưởng Hồ Chí Minh", ("giai-thuong-ho-chi-minh",)),
    Column("4", "Giải thưởng Nhà nước", ("giai-thuong-nha-nuoc",)),
    Column(
        "5",
        "Danh hiệu vinh dự nhà nước",
        ("ba-me-viet-nam-anh-hung", "anh-hung", "nha-giao-", "thay-thuoc-", "nghe-si-", "nghe-nhan-"),
    ),
    Column("6", "Cờ thi đua của Chính phủ", ("co-thi-dua-chinh-phu",)),
    Column("7", "Bằng khen của Thủ tướng Chính phủ", ("bang-khen-thu-tuong",)),
    Column("8", "Danh hiệu “Chiến sĩ thi đua toàn quốc”", ("chien-si-thi-dua-toan-quoc",)),
)

BIEU_0602 = Bieu(
    code="0602.N/BNV-TĐKT",
    slug="0602",
    title="SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC",
    subject="awards",
    period="Năm",
    due="Ngày 15 tháng 12 năm báo cáo",
    unit_of_measure="",
    columns=(Column("1", "Tổng số", total=True), *COLUMNS_0602),
    formula="",
    rows=(
        Row("1", "Tổng số", rule=EVERYTHING, bold=True),
        Row("", "1. Chia theo đơn vị ban hành tờ trình Thủ tướng Chính phủ về khen thưởng", heading=True, bold=True),
        Row("2", "- Bộ, ban, ngành, đoàn thể Trung ương", "Bộ, ngành", Q(unit__level=UnitLevel.BO)),
        Row("3", "- Tỉnh, thành phố trực thuộc Trung ương", "Tỉnh, TP", ~Q(unit__level=UnitLevel.BO)),
        *(
            Row(r.code.lstrip("0") if r.code else "", r.label, r.unit, r.rule, r.heading, r.bold, r.note)
            for r in _target_rows(6, "2")
        ),
        Row(
            "14",
            _direct_row("14").label,
            "Người",
            _direct_row("14").rule,
            note=_direct_row("14").note,
        ),
        *(
            Row(r.code.lstrip("0") if r.code else "", r.label, r.unit, r.rule, r.heading, r.bold, r.note)
            for r in _method_rows(15, "3")
        ),
    ),
    notes=(
        "Nguồn thứ cấp tách từng hình thức và tập thể/cá nhân thành cột riêng (cột 2, 5, 7, 9); ở đây mỗi nhóm một "
        "cột, tập thể/cá nhân ở các dòng; cột 9 “Các hình thức khen thưởng khác” không lập.",
        "Đếm theo mã hình thức trong danh mục (huan-chuong…, bang-khen-thu-tuong…, co-thi-dua-chinh-phu…).",
    ),
)

# --- 0601: số phong trào thi đua ----------------------------------------------------------------------------------

# Launched by the province's or the ministry's head ("Cơ quan ban hành" names the UBND or the Bộ), or by the Bộ.
# Plain contains, in the spellings offices use: SQLite folds the case of ASCII letters only.
BOARD = (
    Q(owner__level=UnitLevel.BO)
    | Q(issuer__contains="ban nhân dân")
    | Q(issuer__contains="BAN NHÂN DÂN")
    | Q(issuer__contains="UBND")
    | Q(issuer__contains="Bộ trưởng")
    | Q(issuer__contains="BỘ TRƯỞNG")
    | Q(issuer__startswith="Bộ ")
    | Q(issuer__startswith="BỘ ")
)
CLUSTER = Q(issuer_cluster__isnull=False)
HIGHER = BOARD & ~CLUSTER
YEAR = datetime.timedelta(days=364)
DAY = datetime.timedelta(days=1)  # end − start of 01/01 – 31/12 (365 in a leap year)

BIEU_0601 = Bieu(
    code="0601.N/BNV-TĐKT",
    slug="0601",
    title="SỐ PHONG TRÀO THI ĐUA",
    subject="campaigns",
    period="Năm",
    due="Ngày 15 tháng 12 năm báo cáo",
    unit_of_measure="Phong trào",
    columns=(
        Column("1", "Tổng số", total=True),
        Column(
            "2",
            "Cấp Trung ương (Hội đồng Thi đua - Khen thưởng Trung ương)",
            rule=None,
            note="Cổng không quản lý phong trào do Hội đồng Thi đua – Khen thưởng Trung ương phát động.",
        ),
        Column(
            "3",
            "Cấp bộ, ban ngành đoàn thể trung ương, tỉnh, thành phố trực thuộc Trung ương",
            rule=HIGHER,
            note="Phong trào do Bộ quản lý, hoặc do UBND tỉnh, Bộ trưởng ban hành (theo “Cơ quan ban hành”).",
        ),
        Column(
            "4",
            "Cơ quan, tổ chức, đơn vị",
            rule=~HIGHER,
            note="Phong trào do Sở, đơn vị hoặc cụm, khối thi đua phát động.",
        ),
    ),
    formula="1=(2+3+4)",
    rows=(
        Row("01", "Tổng số", rule=EVERYTHING, bold=True),
        Row("", "1. Chia theo phạm vi tổ chức thi đua", heading=True, bold=True),
        Row("02", "- Toàn quốc", rule=None, note="Cổng không quản lý phong trào phạm vi toàn quốc."),
        Row(
            "03",
            "- Bộ, ban, ngành đoàn thể, địa phương",
            rule=HIGHER,
        ),
        Row("04", "- Cụm, khối thi đua do Hội đồng Thi đua - Khen thưởng các cấp tổ chức", rule=CLUSTER),
        Row("05", "- Cơ quan, tổ chức, đơn vị", rule=~HIGHER & ~CLUSTER),
        Row("", "2. Chia theo thời hạn thi đua", heading=True, bold=True),
        Row("06", "- Dưới 1 năm", rule=Q(span__lt=YEAR)),
        Row("07", "- 1 năm", rule=Q(span__gte=YEAR, span__lte=YEAR + DAY)),
        Row("08", "- Từ 1 năm đến dưới 3 năm", rule=Q(span__gt=YEAR + DAY, span__lt=3 * YEAR + DAY)),
        Row("09", "- Từ 3 năm đến dưới 5 năm", rule=Q(span__gte=3 * YEAR + DAY, span__lt=5 * YEAR + 2 * DAY)),
        Row("10", "- Từ 5 năm trở lên", rule=Q(span__gte=5 * YEAR + 2 * DAY)),
        Row("", "3. Chia theo phương thức tổ chức phong trào thi đua", heading=True, bold=True),
        Row("11", "- Thi đua theo chuyên đề", rule=Q(kind__in=[CampaignKind.CHUYEN_DE, CampaignKind.DOT_XUAT])),
        Row("12", "- Thi đua thường xuyên hàng năm", rule=Q(kind=CampaignKind.THUONG_XUYEN)),
    ),
    notes=(
        "Đếm các phong trào (không tính bản dự thảo) ban hành trong kỳ (ngày ban hành; chưa có thì ngày bắt đầu) "
        "do đơn vị trong phạm vi báo cáo quản lý. Thời hạn = từ ngày bắt đầu đến ngày kết thúc. Phong trào đột xuất "
        "được tính vào “theo chuyên đề”.",
    ),
)

BIEU: tuple[Bieu, ...] = (BIEU_0601, BIEU_0602, BIEU_0603)


def bieu_by_slug(slug: str) -> Bieu | None:
    return next((b for b in BIEU if b.slug == slug), None)


def range_label(date_from: datetime.date, date_to: datetime.date) -> str:
    """ "năm 2023", or "từ 01/01/2023 đến 30/06/2023"."""
    if (date_from.month, date_from.day, date_to.month, date_to.day) == (1, 1, 12, 31) and (
        date_from.year == date_to.year
    ):
        return f"năm {date_from.year}"
    return f"từ {date_from:%d/%m/%Y} đến {date_to:%d/%m/%Y}"
