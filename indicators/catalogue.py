"""The starting catalogue of chỉ tiêu, which Văn phòng Sở then keeps.

Every indicator named in DOMAIN.md's table and in the seeds (shared/seeds): Bắc Kạn's thirteen chỉ tiêu and two
nhiệm vụ of 2022 (004), Bình Phước's targets of the "Chuyển đổi số giai đoạn 2022 - 2025" plan (003: mục III, the
tiêu chuẩn of mục IV.1 and the sector figures of mục II.3.9 — banking, industrial zones), the infrastructure targets
of the Sở's plan of 04/2023 (000) and the Bộ's 2022 targets (002: digital-technology enterprises per 1.000 people and
their growth, the UN e-government ranking).

A percentage is entered as tử số / mẫu số and the rate computed, so that a province total is Σ tử số / Σ mẫu số
(DOMAIN.md, "Indicator definitions worth knowing"); each rate fixes its denominator here. Where two seeds give the
"same" rate over different denominators (communes or stations; service points or communes), the catalogue holds
two indicators.

Tử số and mẫu số are whole numbers (counts) unless `input_decimals` says otherwise: money in tỷ đồng and lengths in
km may carry decimals.

Idempotent and keyed on codes, like campaigns.catalogue: a row whose code exists is left as it is, so an
administrator's later edits are never overwritten by running the load again.
"""

from __future__ import annotations

from typing import NamedTuple

from django.db import transaction

from campaigns.models import Sector
from indicators.models import Direction, Entry, Indicator, Measure

LOAD_REASON = "Nạp danh mục chỉ tiêu ban đầu"

# Sector codes (campaigns.catalogue.SECTORS).
BUU_CHINH = "buu-chinh"
VIEN_THONG = "vien-thong"
CNTT = "cntt-chuyen-doi-so"
ATTT = "an-toan-thong-tin"
BAO_CHI = "bao-chi-xuat-ban"
PHAT_THANH = "phat-thanh-truyen-hinh"
TT_CO_SO = "thong-tin-co-so-doi-ngoai"
CHUNG = "cong-tac-chung"

# The documents the indicators come from, as a reader of the portal knows them.
KH_003 = "KH thi đua “Chuyển đổi số giai đoạn 2022 - 2025”, UBND tỉnh Bình Phước, 26/5/2022"
KH_004 = "KH thi đua năm 2022, Sở TT&TT Bắc Kạn"
KH_000 = "KH thi đua “Đẩy mạnh phát triển kết cấu hạ tầng…”, Sở TT&TT Bình Phước, 4/2023"
CT_002 = "Chỉ thị 103/CT-BTTTT ngày 13/12/2021 của Bộ trưởng Bộ TT&TT"
NHNN = "Ngân hàng Nhà nước chi nhánh tỉnh"
BANKING = f"{KH_003} (II.3.9, lĩnh vực Tài chính – Ngân hàng)"
TTHC_SYSTEM = "Hệ thống thông tin giải quyết TTHC, Cổng dịch vụ công của tỉnh"

PARTS_003 = (
    "Mục III.2 nêu ba bộ phận của kinh tế số (công nghiệp ICT; kinh tế số nền tảng trên mạng Internet; kinh tế số "
    "ngành) rồi đặt “tỷ trọng kinh tế số của mỗi ngành chiếm tỷ trọng từ 7 - 10% trong tổng GRDP”. Văn bản không nói "
    "“mỗi ngành” là gì: danh mục hiểu là từng bộ phận vừa nêu, mẫu số là GRDP như văn bản ghi (Văn phòng Sở sửa nếu "
    "tỉnh hiểu khác, ví dụ theo ngành kinh tế)."
)
BANKING_PARAGRAPH = (
    "Mục II.3.9 nêu chỉ tiêu này trong đoạn liền sau lĩnh vực Tài chính – Ngân hàng; đoạn văn không ghi cơ quan thực "
    "hiện, danh mục hiểu là ngành ngân hàng trên địa bàn vì các chỉ tiêu cùng đoạn nhắc đến ngân hàng nhà nước và tổ "
    "chức tín dụng."
)

SO_XA = "Tổng số xã, phường, thị trấn"
SO_HO = "Tổng số hộ gia đình"
GRDP = "Tổng sản phẩm trên địa bàn – GRDP (tỷ đồng)"
TY_DONG = 2  # money in tỷ đồng: up to two digits after the comma
CBCCVC = "Tổng số cán bộ, công chức, viên chức của cơ quan"


class Row(NamedTuple):
    code: str
    name: str
    sector: str
    measure: str
    entry: str
    unit_label: str = ""
    numerator_label: str = ""
    denominator_label: str = ""
    direction: str = Direction.HIGHER
    definition: str = ""
    source: str = ""
    decimals: int = 1
    input_decimals: int | None = None  # digits a typed tử số / mẫu số or count may have; None: whole numbers


def rate(
    code: str,
    name: str,
    sector: str,
    numerator: str,
    denominator: str,
    definition: str,
    source: str,
    *,
    input_decimals: int | None = None,
) -> Row:
    """A percentage entered as tử số / mẫu số; the portal computes tử số / mẫu số × 100."""
    return Row(
        code,
        name,
        sector,
        Measure.PERCENT,
        Entry.RATE,
        "%",
        numerator,
        denominator,
        Direction.HIGHER,
        definition,
        source,
        1,
        input_decimals,
    )


def task(code: str, name: str, sector: str, definition: str, source: str) -> Row:
    return Row(code, name, sector, Measure.TASK, Entry.TASK, "", "", "", Direction.HIGHER, definition, source, 0)


INDICATORS: list[Row] = [
    # --- CNTT – chuyển đổi số: Chính phủ số ---------------------------------------------------------------------
    rate(
        "dvc-truc-tuyen-toan-trinh",
        "Tỷ lệ thủ tục hành chính cung cấp dịch vụ công trực tuyến toàn trình (trước đây: mức độ 4)",
        CNTT,
        "Số TTHC cung cấp DVC trực tuyến toàn trình",
        "Số TTHC đủ điều kiện cung cấp DVC trực tuyến toàn trình",
        "Từ Nghị định 42/2022/NĐ-CP, “dịch vụ công trực tuyến mức độ 4” gọi là dịch vụ công trực tuyến toàn trình: "
        "người dân thực hiện toàn bộ quá trình trên môi trường mạng, nhận kết quả trực tuyến hoặc qua dịch vụ bưu "
        "chính công ích; các dịch vụ còn lại là “một phần”. Tử số: số TTHC đang cung cấp trực tuyến toàn trình; mẫu "
        "số: số TTHC đủ điều kiện cung cấp toàn trình theo quy định, tính tại thời điểm báo cáo. Khác với tỷ lệ hồ sơ "
        "xử lý hoàn toàn trực tuyến (tính trên hồ sơ, không tính trên thủ tục).",
        f"{TTHC_SYSTEM}. Chỉ tiêu: {KH_003} (III.1); {KH_004} (chỉ tiêu 10)",
    ),
    rate(
        "ho-so-tthc-truc-tuyen",
        "Tỷ lệ hồ sơ thủ tục hành chính được xử lý hoàn toàn trực tuyến",
        CNTT,
        "Số hồ sơ TTHC xử lý hoàn toàn trực tuyến",
        "Tổng số hồ sơ TTHC",
        "Tử số: số hồ sơ TTHC tiếp nhận và giải quyết hoàn toàn trực tuyến trong kỳ (người dân chỉ nhập dữ liệu một "
        "lần); mẫu số: tổng số hồ sơ TTHC tiếp nhận trong kỳ (trực tiếp, trực tuyến, qua bưu chính). Bắc Kạn 2022 "
        "gọi là “tỷ lệ hồ sơ giải quyết dịch vụ công trực tuyến trên tổng số hồ sơ phát sinh”.",
        f"{TTHC_SYSTEM}. Chỉ tiêu: {KH_003} (III.1); {KH_004} (chỉ tiêu 11)",
    ),
    rate(
        "dvc-thiet-ke-lai",
        "Tỷ lệ dịch vụ công trực tuyến được thiết kế, thiết kế lại để tối ưu trải nghiệm người dùng (điền sẵn dữ liệu)",
        CNTT,
        "Số DVC trực tuyến đã được thiết kế, thiết kế lại",
        "Tổng số DVC trực tuyến đang cung cấp",
        "DVC trực tuyến được thiết kế hoặc thiết kế lại nhằm tối ưu trải nghiệm người dùng, điền sẵn dữ liệu người "
        "dùng đã cung cấp trước đó, phù hợp tiêu chuẩn chất lượng dịch vụ.",
        f"Cổng dịch vụ công của tỉnh. Chỉ tiêu: {KH_003} (III.1)",
    ),
    rate(
        "dvc-dinh-danh-xac-thuc",
        "Tỷ lệ người dân, doanh nghiệp sử dụng DVC trực tuyến được định danh và xác thực điện tử thông suốt",
        CNTT,
        "Số tài khoản sử dụng DVC trực tuyến được định danh, xác thực điện tử",
        "Tổng số tài khoản sử dụng DVC trực tuyến",
        "Tài khoản được định danh, xác thực thông suốt, hợp nhất trên các hệ thống của các cấp chính quyền từ Trung "
        "ương đến địa phương.",
        f"Cổng dịch vụ công của tỉnh. Chỉ tiêu: {KH_003} (III.1)",
    ),
    rate(
        "co-quan-mo-du-lieu",
        "Tỷ lệ cơ quan nhà nước cấp tỉnh tham gia mở dữ liệu và cung cấp dữ liệu mở",
        CNTT,
        "Số cơ quan cấp tỉnh đã cung cấp dữ liệu mở",
        "Tổng số cơ quan nhà nước cấp tỉnh",
        "Cơ quan nhà nước cấp tỉnh đã công bố, cung cấp dữ liệu mở phục vụ phát triển Chính phủ số, kinh tế số, xã "
        "hội số.",
        f"Cổng dữ liệu mở của tỉnh. Chỉ tiêu: {KH_003} (III.1)",
    ),
    rate(
        "quan-tri-tong-the",
        "Tỷ lệ cơ quan nhà nước thực hiện chỉ đạo, điều hành và quản trị nội bộ trên nền tảng quản trị tổng thể, "
        "thống nhất",
        CNTT,
        "Số cơ quan thực hiện trên nền tảng quản trị tổng thể",
        "Tổng số cơ quan nhà nước của tỉnh",
        "Văn bản đặt chỉ tiêu 100% hoạt động chỉ đạo, điều hành và quản trị nội bộ; vì hoạt động không đếm được, "
        "danh mục đo bằng số cơ quan đã đưa toàn bộ hoạt động này lên nền tảng quản trị tổng thể, thống nhất.",
        f"Báo cáo của các cơ quan. Chỉ tiêu: {KH_003} (III.1)",
    ),
    rate(
        "van-ban-dien-tu",
        "Tỷ lệ văn bản hành chính, báo cáo định kỳ gửi nhận dưới dạng điện tử (ký số chuyên dùng)",
        CNTT,
        "Số văn bản, báo cáo gửi nhận dưới dạng điện tử có ký số",
        "Tổng số văn bản, báo cáo gửi nhận (trừ văn bản mật)",
        "Văn bản trao đổi giữa các cơ quan nhà nước và chế độ báo cáo định kỳ gửi, nhận dưới dạng điện tử, ký số bởi "
        "chữ ký số chuyên dùng; không tính văn bản mật.",
        f"Hệ thống quản lý văn bản và điều hành. Chỉ tiêu: {KH_003} (III.1; tiêu chuẩn IV.1.1–1.3)",
    ),
    rate(
        "bao-cao-tren-he-thong",
        "Tỷ lệ chế độ báo cáo định kỳ thực hiện trên hệ thống thông tin báo cáo",
        CNTT,
        "Số chế độ báo cáo định kỳ thực hiện trên hệ thống thông tin báo cáo",
        "Tổng số chế độ báo cáo định kỳ của cơ quan",
        "Chế độ báo cáo (trong đó báo cáo chỉ tiêu phát triển kinh tế - xã hội) thực hiện trên hệ thống phần mềm báo "
        "cáo của tỉnh, kết nối Hệ thống thông tin báo cáo Chính phủ.",
        f"Hệ thống thông tin báo cáo của tỉnh. Chỉ tiêu: {KH_003} (III.1; tiêu chuẩn IV.1.2–1.3)",
    ),
    rate(
        "kiem-tra-tren-moi-truong-so",
        "Tỷ lệ hoạt động kiểm tra của cơ quan quản lý nhà nước thực hiện thông qua môi trường số",
        CNTT,
        "Số cuộc kiểm tra thực hiện qua môi trường số và hệ thống thông tin",
        "Tổng số cuộc kiểm tra",
        "Cuộc kiểm tra thực hiện thông qua môi trường số và hệ thống thông tin của cơ quan quản lý.",
        f"Báo cáo công tác thanh tra, kiểm tra. Chỉ tiêu: {KH_003} (III.1)",
    ),
    rate(
        "ky-nang-so-co-ban",
        "Tỷ lệ cán bộ, công chức, viên chức được tập huấn, bồi dưỡng, phổ cập kỹ năng số cơ bản",
        CNTT,
        "Số CBCCVC đã được tập huấn kỹ năng số cơ bản",
        CBCCVC,
        "Tính lũy kế từ đầu phong trào: người đã được tập huấn, bồi dưỡng kỹ năng số cơ bản trên tổng số cán bộ, công "
        "chức, viên chức hiện có.",
        f"Báo cáo của cơ quan, đơn vị. Chỉ tiêu: {KH_003} (III.1)",
    ),
    rate(
        "ky-nang-phan-tich-du-lieu",
        "Tỷ lệ cán bộ, công chức, viên chức được bồi dưỡng kỹ năng phân tích, khai thác dữ liệu và công nghệ số",
        CNTT,
        "Số CBCCVC đã được bồi dưỡng kỹ năng phân tích, khai thác dữ liệu",
        CBCCVC,
        "Tính lũy kế từ đầu phong trào, trên tổng số cán bộ, công chức, viên chức hiện có.",
        f"Báo cáo của cơ quan, đơn vị. Chỉ tiêu: {KH_003} (III.1)",
    ),
    rate(
        "ho-so-cong-viec-tren-mang",
        "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng",
        CNTT,
        "Số hồ sơ công việc được xử lý trên môi trường mạng",
        "Tổng số hồ sơ công việc (trừ hồ sơ thuộc bí mật nhà nước)",
        "Hồ sơ công việc của cơ quan được lập, xử lý trên môi trường mạng; không tính hồ sơ công việc thuộc phạm vi bí "
        "mật nhà nước. Chỉ tiêu khác nhau theo cấp: 90% sở, ban, ngành; 80% cấp huyện; 60% cấp xã.",
        f"Hệ thống quản lý văn bản và điều hành. Tiêu chuẩn: {KH_003} (IV.1.1–1.3)",
    ),
    rate(
        "csdl-dung-chung-lgsp",
        "Tỷ lệ cơ sở dữ liệu kết nối, chia sẻ qua nền tảng tích hợp, chia sẻ dữ liệu dùng chung (LGSP)",
        CNTT,
        "Số CSDL của cơ quan kết nối, chia sẻ qua LGSP",
        "Tổng số CSDL của cơ quan",
        "Văn bản ghi “tối thiểu 70% có hệ thống cơ sở dữ liệu dùng chung trên phạm vi toàn tỉnh, kết nối liên thông "
        "qua nền tảng tích hợp và chia sẻ dữ liệu dùng chung (LGSP)”; danh mục tính trên các CSDL của cơ quan.",
        f"Nền tảng LGSP của tỉnh. Tiêu chuẩn: {KH_003} (IV.1.1)",
    ),
    rate(
        "hop-truc-tuyen",
        "Tỷ lệ cuộc họp của cấp ủy, chính quyền, đoàn thể (trừ cuộc họp mật) được tổ chức trực tuyến",
        CNTT,
        "Số cuộc họp tổ chức trực tuyến",
        "Tổng số cuộc họp (trừ cuộc họp mật)",
        "Cuộc họp của cấp ủy, chính quyền, đoàn thể tổ chức qua hệ thống hội nghị truyền hình trực tuyến.",
        f"Hệ thống hội nghị truyền hình trực tuyến. Chỉ tiêu: {KH_004} (chỉ tiêu 12)",
    ),
    Row(
        "dti-thu-hang",
        "Thứ hạng Chỉ số chuyển đổi số cấp tỉnh (DTI)",
        CNTT,
        Measure.RANK,
        Entry.RANK,
        "hạng",
        direction=Direction.LOWER,
        definition="Thứ hạng của tỉnh trong bảng xếp hạng DTI cấp tỉnh do Bộ TT&TT công bố hằng năm; hạng càng nhỏ "
        "càng tốt, chỉ tiêu thường là tăng ít nhất N bậc so với năm trước. Phương pháp đánh giá thay đổi năm 2022 "
        "và năm 2025: so sánh thứ hạng giữa hai phương pháp cần ghi chú.",
        source=f"Báo cáo DTI do Bộ TT&TT công bố. Chỉ tiêu: {KH_004} (chỉ tiêu 13)",
        decimals=0,
    ),
    Row(
        "dti-diem",
        "Điểm Chỉ số chuyển đổi số cấp tỉnh (DTI)",
        CNTT,
        Measure.RATIO,
        Entry.NUMBER,
        "điểm",
        definition="Điểm DTI tổng hợp của tỉnh do Bộ TT&TT công bố (thang điểm theo phương pháp của năm đánh giá; "
        "phương pháp thay đổi năm 2022 và năm 2025).",
        source="Báo cáo DTI do Bộ TT&TT công bố",
        decimals=4,
    ),
    Row(
        "egdi-thu-hang",
        "Thứ hạng Chính phủ điện tử của Việt Nam theo đánh giá của Liên Hợp Quốc (EGDI)",
        CNTT,
        Measure.RANK,
        Entry.RANK,
        "hạng",
        direction=Direction.LOWER,
        definition="Thứ hạng của Việt Nam theo Chỉ số phát triển Chính phủ điện tử (EGDI) trong Khảo sát Chính phủ "
        "điện tử của Liên Hợp Quốc, công bố hai năm một lần; hạng càng nhỏ càng tốt. Chỉ tiêu “vào nhóm N quốc gia "
        "dẫn đầu” là thứ hạng không quá N.",
        source=f"Khảo sát Chính phủ điện tử của Liên Hợp Quốc. Chỉ tiêu: {CT_002} (lĩnh vực Ứng dụng CNTT)",
        decimals=0,
    ),
    rate(
        "tai-khoan-nen-tang-so",
        "Tỷ lệ người dân có tài khoản sử dụng các nền tảng số của tỉnh",
        CNTT,
        "Số người có tài khoản sử dụng các nền tảng số của tỉnh",
        "Dân số của tỉnh",
        "Văn bản ghi “nâng số lượng tài khoản sử dụng các nền tảng số tại tỉnh lên ít nhất 50%” mà không nêu mẫu "
        "số; danh mục lấy mẫu số là dân số của tỉnh (Văn phòng Sở điều chỉnh nếu tỉnh tính khác).",
        f"Các nền tảng số của tỉnh. Chỉ tiêu: {KH_000} (II.1)",
    ),
    # --- CNTT – chuyển đổi số: kinh tế số ---------------------------------------------------------------------
    rate(
        "kinh-te-so-grdp",
        "Tỷ trọng kinh tế số trong GRDP",
        CNTT,
        "Giá trị tăng thêm của kinh tế số (tỷ đồng)",
        GRDP,
        "Giá trị tăng thêm của kinh tế số (công nghiệp ICT, kinh tế số nền tảng Internet, kinh tế số ngành) trên GRDP "
        "theo giá hiện hành.",
        f"Cơ quan thống kê tỉnh. Chỉ tiêu: {KH_003} (III.2)",
        input_decimals=TY_DONG,
    ),
    # III.2 names the three parts of the digital economy, then sets "7 - 10%" for "mỗi ngành": read as each part.
    rate(
        "kinh-te-so-ict-grdp",
        "Tỷ trọng kinh tế số ICT (công nghiệp công nghệ thông tin và dịch vụ viễn thông) trong GRDP",
        CNTT,
        "Giá trị tăng thêm của công nghiệp CNTT và dịch vụ viễn thông (tỷ đồng)",
        GRDP,
        f"{PARTS_003} Bộ phận này: công nghiệp công nghệ thông tin và dịch vụ viễn thông (ICT).",
        f"Cơ quan thống kê tỉnh. Chỉ tiêu: {KH_003} (III.2: 7 - 10%)",
        input_decimals=TY_DONG,
    ),
    rate(
        "kinh-te-so-internet-grdp",
        "Tỷ trọng kinh tế số Internet (hoạt động kinh tế số nền tảng trên mạng Internet) trong GRDP",
        CNTT,
        "Giá trị tăng thêm của hoạt động kinh tế số nền tảng trên mạng Internet (tỷ đồng)",
        GRDP,
        f"{PARTS_003} Bộ phận này: các hoạt động kinh tế số nền tảng trên mạng Internet (thương mại điện tử, dịch vụ "
        "số trực tuyến…).",
        f"Cơ quan thống kê tỉnh. Chỉ tiêu: {KH_003} (III.2: 7 - 10%)",
        input_decimals=TY_DONG,
    ),
    rate(
        "kinh-te-so-nganh-grdp",
        "Tỷ trọng kinh tế số ngành (ứng dụng công nghệ số trong các ngành, lĩnh vực) trong GRDP",
        CNTT,
        "Giá trị tăng thêm của kinh tế số trong các ngành, lĩnh vực (tỷ đồng)",
        GRDP,
        f"{PARTS_003} Bộ phận này: kinh tế số ngành (phần giá trị do ứng dụng công nghệ số trong các ngành, lĩnh vực "
        "kinh tế).",
        f"Cơ quan thống kê tỉnh. Chỉ tiêu: {KH_003} (III.2: 7 - 10%)",
        input_decimals=TY_DONG,
    ),
    rate(
        "dn-nho-va-vua-nen-tang-so",
        "Tỷ lệ doanh nghiệp nhỏ và vừa sử dụng nền tảng số",
        CNTT,
        "Số doanh nghiệp nhỏ và vừa sử dụng nền tảng số",
        "Tổng số doanh nghiệp nhỏ và vừa đang hoạt động",
        "Doanh nghiệp nhỏ và vừa đang hoạt động trên địa bàn có sử dụng ít nhất một nền tảng số trong quản trị, sản "
        "xuất, kinh doanh.",
        f"Sở KH&ĐT, cơ quan thuế, khảo sát. Chỉ tiêu: {KH_003} (III.2)",
    ),
    rate(
        "dn-hoa-don-dien-tu",
        "Tỷ lệ doanh nghiệp sử dụng hóa đơn điện tử",
        CNTT,
        "Số doanh nghiệp sử dụng hóa đơn điện tử",
        "Tổng số doanh nghiệp đang hoạt động",
        "Doanh nghiệp đang hoạt động trên địa bàn đã đăng ký và sử dụng hóa đơn điện tử.",
        f"Cơ quan thuế. Chỉ tiêu: {KH_003} (III.2)",
    ),
    rate(
        "dn-hop-dong-dien-tu",
        "Tỷ lệ doanh nghiệp sử dụng hợp đồng điện tử",
        CNTT,
        "Số doanh nghiệp sử dụng hợp đồng điện tử",
        "Tổng số doanh nghiệp đang hoạt động",
        "Doanh nghiệp đang hoạt động trên địa bàn có giao kết hợp đồng điện tử.",
        f"Sở Công Thương, khảo sát. Chỉ tiêu: {KH_003} (III.2)",
    ),
    rate(
        "tmdt-ban-le",
        "Tỷ trọng doanh thu thương mại điện tử trong tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng",
        CNTT,
        "Doanh thu thương mại điện tử (tỷ đồng)",
        "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng (tỷ đồng)",
        "Doanh thu bán lẻ qua thương mại điện tử trong kỳ trên tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu "
        "dùng cùng kỳ.",
        f"Sở Công Thương, cơ quan thống kê. Chỉ tiêu: {KH_003} (III.2)",
        input_decimals=TY_DONG,
    ),
    Row(
        "dn-cong-nghe-so-tren-1000-dan",
        "Số doanh nghiệp công nghệ số trên 1.000 dân",
        CNTT,
        Measure.RATIO,
        Entry.NUMBER,
        "doanh nghiệp/1.000 dân",
        definition="Số doanh nghiệp công nghệ số đang hoạt động chia cho dân số, nhân 1.000.",
        source=f"Sở KH&ĐT, cơ quan thống kê. Chỉ tiêu: {CT_002} (năm 2022: 0,7)",
        decimals=2,
    ),
    rate(
        "tang-truong-dn-cong-nghe-so",
        "Tốc độ phát triển doanh nghiệp công nghệ số (tăng số doanh nghiệp so với cuối năm trước)",
        CNTT,
        "Số doanh nghiệp công nghệ số tăng thêm trong năm (số cuối kỳ trừ số cuối năm trước)",
        "Số doanh nghiệp công nghệ số cuối năm trước",
        "Văn bản ghi “tốc độ phát triển doanh nghiệp công nghệ số Việt Nam từ 10% - 20%” mà không định nghĩa; danh "
        "mục tính theo số lượng doanh nghiệp: số tăng thêm so với cuối năm trước trên số cuối năm trước. Tử số không "
        "âm: năm số doanh nghiệp giảm ghi tử số 0 và nêu số giảm ở ghi chú.",
        f"Sở KH&ĐT, cơ quan thống kê. Chỉ tiêu: {CT_002} (năm 2022: 10% - 20%)",
    ),
    # --- CNTT – chuyển đổi số: xã hội số ----------------------------------------------------------------------
    rate(
        "tai-khoan-thanh-toan-dien-tu",
        "Tỷ lệ dân số có tài khoản thanh toán điện tử",
        CNTT,
        "Số người có tài khoản thanh toán điện tử",
        "Dân số của tỉnh",
        "Người có ít nhất một tài khoản thanh toán điện tử (tài khoản ngân hàng có dịch vụ thanh toán trực tuyến, ví "
        "điện tử, Mobile Money).",
        f"Ngân hàng Nhà nước chi nhánh tỉnh. Chỉ tiêu: {KH_003} (III.3)",
    ),
    rate(
        "tai-khoan-ngan-hang-15-tuoi",
        "Tỷ lệ người dân từ 15 tuổi trở lên có tài khoản giao dịch tại ngân hàng hoặc tổ chức được phép khác",
        CNTT,
        "Số người từ 15 tuổi trở lên có tài khoản giao dịch",
        "Dân số từ 15 tuổi trở lên",
        "Người từ 15 tuổi trở lên có tài khoản giao dịch tại ngân hàng hoặc tổ chức được phép khác; chỉ tiêu là một "
        "khoảng (65 – 70%).",
        f"Ngân hàng Nhà nước chi nhánh tỉnh. Chỉ tiêu: {KH_003} (III.3)",
    ),
    # --- Lĩnh vực ưu tiên (003, mục II.3.9): ngân hàng, tài nguyên ----------------------------------------------
    rate(
        "dvc-ngan-hang-muc-4",
        "Tỷ lệ dịch vụ công đủ điều kiện của ngành ngân hàng được nâng cấp lên mức độ 4 (toàn trình)",
        CNTT,
        "Số dịch vụ công của ngành ngân hàng đã cung cấp mức độ 4 (toàn trình)",
        "Số dịch vụ công của ngành ngân hàng đủ điều kiện nâng cấp lên mức độ 4",
        f"{BANKING_PARAGRAPH} Văn bản ghi “100% các dịch vụ công đủ điều kiện được nâng cấp lên mức 4”; khác với tỷ lệ "
        "TTHC cung cấp DVC trực tuyến toàn trình của tỉnh (mục III.1).",
        f"{NHNN}. Chỉ tiêu: {BANKING}",
    ),
    rate(
        "ho-so-cong-viec-ngan-hang",
        "Tỷ lệ hồ sơ công việc của Ngân hàng Nhà nước chi nhánh tỉnh được lưu trữ trên môi trường mạng",
        CNTT,
        "Số hồ sơ công việc được lưu trữ trên môi trường mạng",
        "Tổng số hồ sơ công việc (trừ hồ sơ thuộc bí mật nhà nước)",
        f"{BANKING_PARAGRAPH} Văn bản ghi “90% hồ sơ công việc được lưu trữ trên môi trường mạng” không nêu cơ quan; "
        "danh mục tính tại Ngân hàng Nhà nước chi nhánh tỉnh, vì hồ sơ của các tổ chức tín dụng có chỉ tiêu riêng "
        "(70%).",
        f"{NHNN}. Chỉ tiêu: {BANKING}",
    ),
    rate(
        "kiem-tra-giam-sat-ngan-hang-so",
        "Tỷ lệ hoạt động kiểm tra, giám sát ngân hàng thực hiện trên môi trường số và hệ thống thông tin ngân hàng "
        "nhà nước",
        CNTT,
        "Số cuộc kiểm tra, giám sát thực hiện trên môi trường số",
        "Tổng số cuộc kiểm tra, giám sát",
        f"{BANKING_PARAGRAPH} Hoạt động kiểm tra, giám sát thực hiện trên môi trường số và hệ thống thông tin "
        "ngân hàng nhà nước (văn bản: ít nhất 50%).",
        f"{NHNN}. Chỉ tiêu: {BANKING}",
    ),
    rate(
        "nghiep-vu-ngan-hang-so",
        "Tỷ lệ nghiệp vụ ngân hàng cho phép khách hàng thực hiện hoàn toàn trên môi trường số",
        CNTT,
        "Số nghiệp vụ khách hàng thực hiện được hoàn toàn trên môi trường số",
        "Tổng số nghiệp vụ ngân hàng cung cấp cho khách hàng",
        f"{BANKING_PARAGRAPH} Nghiệp vụ khách hàng thực hiện từ đầu đến cuối trên môi trường số (văn bản: ít nhất "
        "50%).",
        f"{NHNN}. Chỉ tiêu: {BANKING}",
    ),
    rate(
        "nguoi-truong-thanh-thanh-toan-dien-tu",
        "Tỷ lệ người dân trưởng thành sử dụng dịch vụ thanh toán điện tử",
        CNTT,
        "Số người trưởng thành sử dụng dịch vụ thanh toán điện tử",
        "Dân số trưởng thành (từ 15 tuổi trở lên)",
        f"{BANKING_PARAGRAPH} Văn bản không định nghĩa “người trưởng thành”; danh mục lấy người từ 15 tuổi trở lên như "
        "chỉ tiêu tài khoản giao dịch ngân hàng (mục III.3). Khác với tỷ lệ dân số có tài khoản thanh toán điện tử "
        "(có tài khoản, tính trên toàn bộ dân số).",
        f"{NHNN}. Chỉ tiêu: {BANKING}",
    ),
    rate(
        "giai-ngan-so-hoa",
        "Tỷ lệ quyết định giải ngân, cho vay khoản vay nhỏ lẻ, vay tiêu dùng của khách hàng cá nhân thực hiện theo "
        "hướng số hóa, tự động",
        CNTT,
        "Số quyết định giải ngân, cho vay thực hiện theo hướng số hóa, tự động",
        "Tổng số quyết định giải ngân, cho vay khoản vay nhỏ lẻ, vay tiêu dùng của khách hàng cá nhân",
        f"{BANKING_PARAGRAPH} Quyết định của ngân hàng thương mại, công ty tài chính trên địa bàn (văn bản: ít "
        "nhất 50%).",
        f"{NHNN}. Chỉ tiêu: {BANKING}",
    ),
    rate(
        "giao-dich-kenh-so",
        "Tỷ lệ giao dịch của khách hàng thực hiện qua các kênh số",
        CNTT,
        "Số giao dịch của khách hàng qua các kênh số",
        "Tổng số giao dịch của khách hàng",
        f"{BANKING_PARAGRAPH} Giao dịch của khách hàng tại các tổ chức tín dụng trên địa bàn thực hiện qua kênh số "
        "(Internet banking, ứng dụng di động…) trong kỳ (văn bản: ít nhất 70%).",
        f"{NHNN}. Chỉ tiêu: {BANKING}",
    ),
    rate(
        "ho-so-cong-viec-to-chuc-tin-dung",
        "Tỷ lệ hồ sơ công việc tại các tổ chức tín dụng được xử lý và lưu trữ trên môi trường mạng",
        CNTT,
        "Số hồ sơ công việc được xử lý và lưu trữ trên môi trường mạng",
        "Tổng số hồ sơ công việc của các tổ chức tín dụng (trừ hồ sơ thuộc bí mật nhà nước)",
        f"{BANKING_PARAGRAPH} Hồ sơ công việc tại các tổ chức tín dụng trên địa bàn (văn bản: ít nhất 70%).",
        f"{NHNN}. Chỉ tiêu: {BANKING}",
    ),
    rate(
        "kcn-quan-trac-tu-dong",
        "Tỷ lệ khu, cụm công nghiệp lắp đặt hệ thống quan trắc tự động",
        CNTT,
        "Số khu, cụm công nghiệp đã lắp đặt hệ thống quan trắc tự động",
        "Tổng số khu, cụm công nghiệp trên địa bàn tỉnh",
        "Văn bản ghi “lắp đặt hệ thống quan trắc tự động ở 100% khu, cụm công nghiệp và một số điểm cần thiết”; "
        "“một số điểm cần thiết” không có số nên không tính vào chỉ tiêu.",
        f"Sở Tài nguyên và Môi trường. Chỉ tiêu: {KH_003} (II.3.9, lĩnh vực Tài nguyên)",
    ),
    rate(
        "ho-gia-dinh-thiet-bi-thong-minh",
        "Tỷ lệ hộ gia đình sử dụng phương tiện kết nối thông minh",
        VIEN_THONG,
        "Số hộ gia đình sử dụng phương tiện kết nối thông minh",
        SO_HO,
        "Hộ gia đình có ít nhất một điện thoại di động thông minh hoặc thiết bị kết nối thông minh khác.",
        f"Doanh nghiệp viễn thông, khảo sát. Chỉ tiêu: {KH_003} (III.3)",
    ),
    # --- Viễn thông ---------------------------------------------------------------------------------------------
    rate(
        "ftth-ho-gia-dinh",
        "Tỷ lệ hộ gia đình được phủ hạ tầng mạng băng rộng cáp quang (FTTH)",
        VIEN_THONG,
        "Số hộ gia đình có khả năng kết nối băng rộng cáp quang FTTH",
        SO_HO,
        "Hộ gia đình ở nơi đã có hạ tầng cáp quang tới hộ (FTTH), có thể đăng ký dịch vụ ngay. Khi doanh nghiệp "
        "báo cáo riêng, tử số là hộ trong vùng phủ của mạng doanh nghiệp.",
        f"Doanh nghiệp viễn thông. Chỉ tiêu: {KH_003} (III.3: trên 80%); {KH_000} (II.1)",
    ),
    rate(
        "ftth-xa",
        "Tỷ lệ xã, phường, thị trấn có hạ tầng mạng băng rộng cáp quang",
        VIEN_THONG,
        "Số xã, phường, thị trấn có hạ tầng cáp quang",
        SO_XA,
        "Đơn vị hành chính cấp xã có hạ tầng mạng băng rộng cáp quang đến trung tâm xã.",
        f"Doanh nghiệp viễn thông. Chỉ tiêu: {KH_003} (III.3: 100% xã)",
    ),
    rate(
        "phu-song-3g-4g-thon-ban",
        "Tỷ lệ phủ sóng thông tin di động 3G, 4G tại thôn, bản, tổ dân phố",
        VIEN_THONG,
        "Số thôn, bản, tổ dân phố được phủ sóng 3G, 4G",
        "Tổng số thôn, bản, tổ dân phố",
        "Thôn, bản, tổ dân phố được phủ sóng thông tin di động 3G hoặc 4G.",
        f"Doanh nghiệp viễn thông. Chỉ tiêu: {KH_004} (chỉ tiêu 4)",
    ),
    rate(
        "phu-song-5g-trung-tam",
        "Tỷ lệ phủ sóng thông tin di động 5G tại các trung tâm thị trấn, thành phố",
        VIEN_THONG,
        "Số trung tâm thị trấn, thành phố được phủ sóng 5G",
        "Tổng số trung tâm thị trấn, thành phố",
        "Trung tâm thị trấn, thành phố có sóng 5G thương mại hoặc thử nghiệm.",
        f"Doanh nghiệp viễn thông. Chỉ tiêu: {KH_004} (chỉ tiêu 5)",
    ),
    rate(
        "ngam-hoa-cap-vien-thong",
        "Tỷ lệ ngầm hóa mạng cáp viễn thông tại các khu đô thị",
        VIEN_THONG,
        "Chiều dài cáp viễn thông đã ngầm hóa tại khu đô thị (km)",
        "Tổng chiều dài tuyến cáp viễn thông tại khu đô thị (km)",
        "Tính theo chiều dài tuyến cáp viễn thông tại các khu đô thị trên địa bàn tỉnh.",
        f"Doanh nghiệp viễn thông. Chỉ tiêu: {KH_004} (chỉ tiêu 6)",
        input_decimals=1,
    ),
    # --- Bưu chính ----------------------------------------------------------------------------------------------
    rate(
        "diem-buu-chinh-co-nguoi-phuc-vu",
        "Tỷ lệ các điểm bưu chính có người phục vụ",
        BUU_CHINH,
        "Số điểm phục vụ bưu chính có người phục vụ",
        "Tổng số điểm phục vụ bưu chính",
        "Tính trên các điểm phục vụ bưu chính (khác với tỷ lệ xã có điểm bưu chính có người phục vụ, tính trên xã).",
        f"Doanh nghiệp bưu chính. Chỉ tiêu: {KH_004} (chỉ tiêu 7)",
    ),
    rate(
        "xa-co-diem-buu-chinh-co-nguoi-phuc-vu",
        "Tỷ lệ xã có điểm bưu chính có người phục vụ",
        BUU_CHINH,
        "Số xã có điểm phục vụ bưu chính có người phục vụ",
        SO_XA,
        "Tính trên đơn vị hành chính cấp xã (khác với tỷ lệ các điểm bưu chính có người phục vụ, tính trên điểm).",
        f"Doanh nghiệp bưu chính. Chỉ tiêu: {KH_000} (II.1)",
    ),
    rate(
        "diem-buu-chinh-ket-noi-internet",
        "Tỷ lệ điểm phục vụ bưu chính có người phục vụ có kết nối Internet",
        BUU_CHINH,
        "Số điểm phục vụ bưu chính có người phục vụ có kết nối Internet",
        "Tổng số điểm phục vụ bưu chính có người phục vụ",
        "Điểm phục vụ bưu chính có người phục vụ có kết nối Internet băng rộng.",
        f"Doanh nghiệp bưu chính. Chỉ tiêu: {KH_000} (II.1)",
    ),
    rate(
        "ho-gia-dinh-dia-chi-so",
        "Tỷ lệ hộ gia đình có địa chỉ số",
        BUU_CHINH,
        "Số hộ gia đình được gắn địa chỉ số",
        SO_HO,
        "Hộ gia đình đã được gắn mã địa chỉ số trên nền tảng địa chỉ số quốc gia gắn với bản đồ số.",
        f"Nền tảng địa chỉ số quốc gia. Chỉ tiêu: {KH_000} (II.1)",
    ),
    rate(
        "dn-buu-chinh-bao-cao-truc-tuyen",
        "Tỷ lệ doanh nghiệp bưu chính thực hiện báo cáo trực tuyến",
        BUU_CHINH,
        "Số doanh nghiệp bưu chính thực hiện báo cáo trực tuyến",
        "Tổng số doanh nghiệp bưu chính hoạt động trên địa bàn",
        "Doanh nghiệp bưu chính gửi báo cáo định kỳ qua hệ thống báo cáo trực tuyến.",
        f"Hệ thống báo cáo bưu chính. Chỉ tiêu: {KH_000} (II.1)",
    ),
    rate(
        "bcci-tthc-cap-tinh",
        "Tỷ lệ TTHC cấp tỉnh có phát sinh hồ sơ tiếp nhận hoặc trả kết quả qua dịch vụ bưu chính công ích (BCCI)",
        BUU_CHINH,
        "Số TTHC cấp tỉnh có phát sinh hồ sơ qua dịch vụ BCCI",
        "Số TTHC cấp tỉnh đã triển khai",
        "TTHC cấp tỉnh đã triển khai có phát sinh ít nhất một hồ sơ tiếp nhận hoặc trả kết quả qua dịch vụ bưu chính "
        "công ích trong kỳ.",
        f"Bưu điện tỉnh, {TTHC_SYSTEM}. Chỉ tiêu: {KH_004} (chỉ tiêu 8)",
    ),
    rate(
        "bcci-tthc-cap-huyen",
        "Tỷ lệ TTHC cấp huyện có phát sinh hồ sơ tiếp nhận hoặc trả kết quả qua dịch vụ bưu chính công ích (BCCI)",
        BUU_CHINH,
        "Số TTHC cấp huyện có phát sinh hồ sơ qua dịch vụ BCCI",
        "Số TTHC cấp huyện đã triển khai",
        "TTHC cấp huyện đã triển khai có phát sinh ít nhất một hồ sơ tiếp nhận hoặc trả kết quả qua dịch vụ bưu chính "
        "công ích trong kỳ.",
        f"Bưu điện tỉnh, {TTHC_SYSTEM}. Chỉ tiêu: {KH_004} (chỉ tiêu 9)",
    ),
    # --- Thông tin cơ sở ----------------------------------------------------------------------------------------
    Row(
        "xa-co-tram-truyen-thanh-hoat-dong",
        "Số xã, phường có trạm truyền thanh cơ sở hoạt động",
        TT_CO_SO,
        Measure.COUNT,
        Entry.NUMBER,
        "xã, phường",
        definition="Số đơn vị hành chính cấp xã có trạm (đài) truyền thanh cơ sở đang hoạt động tại thời điểm báo cáo.",
        source=f"Phòng Văn hóa và Thông tin cấp huyện. Chỉ tiêu: {KH_004} (chỉ tiêu 1)",
        decimals=0,
    ),
    rate(
        "xa-tram-truyen-thanh-hoat-dong-tot",
        "Tỷ lệ xã, phường có trạm truyền thanh cơ sở hoạt động tốt",
        TT_CO_SO,
        "Số xã, phường, thị trấn có trạm truyền thanh cơ sở hoạt động tốt",
        SO_XA,
        "Trạm truyền thanh cơ sở hoạt động thường xuyên, thiết bị bảo đảm kỹ thuật.",
        f"Phòng Văn hóa và Thông tin cấp huyện. Chỉ tiêu: {KH_004} (chỉ tiêu 2)",
    ),
    rate(
        "xa-dai-truyen-thanh-cntt-vt",
        "Tỷ lệ xã, phường, thị trấn có đài truyền thanh ứng dụng công nghệ thông tin – viễn thông",
        TT_CO_SO,
        "Số xã có đài truyền thanh ứng dụng CNTT-VT",
        "Tổng số xã",
        "Tính trên xã (mọi đơn vị hành chính cấp xã: xã, phường, thị trấn), không tính trên đài: xã có đài truyền "
        "thanh ứng dụng CNTT-VT theo Thông tư 39/2020/TT-BTTTT. Tỷ lệ tính trên đài là chỉ tiêu “Tỷ lệ đài truyền "
        "thanh đã chuyển đổi sang ứng dụng CNTT – VT”.",
        f"Phòng Văn hóa và Thông tin cấp huyện. Chỉ tiêu: {KH_004} (chỉ tiêu 3)",
    ),
    rate(
        "dai-truyen-thanh-chuyen-doi-cntt-vt",
        "Tỷ lệ đài truyền thanh cấp xã đã chuyển đổi sang truyền thanh ứng dụng CNTT – VT",
        TT_CO_SO,
        "Số đài truyền thanh cấp xã đã chuyển đổi sang ứng dụng CNTT-VT",
        "Tổng số đài truyền thanh cấp xã (có dây, không dây FM)",
        "Tính trên đài, không tính trên xã: đài truyền thanh có dây, không dây FM đã chuyển đổi sang truyền thanh ứng "
        "dụng CNTT-VT (truyền thanh IP) theo Thông tư 39/2020/TT-BTTTT.",
        f"Phòng Văn hóa và Thông tin cấp huyện. Chỉ tiêu: {KH_000} (II.1: 70% đến năm 2025)",
    ),
    rate(
        "xa-co-dai-truyen-thanh",
        "Tỷ lệ xã, phường, thị trấn có đài truyền thanh",
        TT_CO_SO,
        "Số xã, phường, thị trấn có đài truyền thanh",
        SO_XA,
        "Đơn vị hành chính cấp xã có đài truyền thanh (mọi công nghệ).",
        f"Phòng Văn hóa và Thông tin cấp huyện. Chỉ tiêu: {KH_000} (II.1: 100% đến năm 2025)",
    ),
    task(
        "du-an-loa-truyen-thanh-thong-minh",
        "Hoàn thành dự án đầu tư công Hệ thống loa truyền thanh thông minh trên địa bàn tỉnh",
        TT_CO_SO,
        "Dự án được nghiệm thu, đưa vào sử dụng; ghi ngày nghiệm thu.",
        f"Chỉ tiêu: {KH_000} (II.1)",
    ),
    # --- Phát thanh – truyền hình, báo chí --------------------------------------------------------------------
    rate(
        "ptth-vung-sau-vung-xa",
        "Tỷ lệ người dân vùng sâu, vùng xa, biên giới được nghe, xem các kênh phát thanh, truyền hình thiết yếu",
        PHAT_THANH,
        "Số người dân vùng sâu, vùng xa, biên giới được nghe, xem các kênh thiết yếu",
        "Dân số vùng sâu, vùng xa, biên giới",
        "Người dân được nghe, xem các kênh phát thanh, truyền hình phục vụ nhiệm vụ chính trị, thông tin tuyên truyền "
        "thiết yếu của quốc gia, địa phương.",
        f"Đài PT-TH tỉnh, khảo sát. Chỉ tiêu: {KH_000} (II.1: từ 70% trở lên)",
    ),
    rate(
        "bao-chi-vung-sau-vung-xa",
        "Tỷ lệ người dân vùng sâu, vùng xa, biên giới được tiếp cận ít nhất 01 loại hình báo chí thiết yếu",
        BAO_CHI,
        "Số người dân vùng sâu, vùng xa, biên giới được tiếp cận báo chí thiết yếu",
        "Dân số vùng sâu, vùng xa, biên giới",
        "Người dân được tiếp cận ít nhất 01 loại hình báo chí thiết yếu (in, nói, hình, điện tử).",
        f"Khảo sát của Sở. Chỉ tiêu: {KH_000} (II.1: 100%)",
    ),
    # --- An toàn thông tin --------------------------------------------------------------------------------------
    rate(
        "httt-phe-duyet-cap-do",
        "Tỷ lệ hệ thống thông tin được phê duyệt hồ sơ cấp độ an toàn thông tin",
        ATTT,
        "Số hệ thống thông tin đã được phê duyệt hồ sơ cấp độ",
        "Tổng số hệ thống thông tin của các cơ quan trên địa bàn",
        "Hệ thống thông tin đã được cấp có thẩm quyền phê duyệt hồ sơ đề xuất cấp độ an toàn thông tin.",
        f"Sở TT&TT (an toàn thông tin). Chỉ tiêu: {KH_000} (II.1: 100%)",
    ),
    Row(
        "dien-tap-attt",
        "Số đợt diễn tập thực chiến an toàn, an ninh mạng tổ chức trên địa bàn tỉnh",
        ATTT,
        Measure.COUNT,
        Entry.NUMBER,
        "đợt",
        definition="Đợt diễn tập thực chiến an toàn, an ninh mạng do tỉnh tổ chức trong năm.",
        source=f"Sở TT&TT (an toàn thông tin). Chỉ tiêu: {KH_000} (II.1: 01 đợt)",
        decimals=0,
    ),
    # --- Nhiệm vụ -----------------------------------------------------------------------------------------------
    task(
        "de-an-chuyen-doi-so",
        "Ban hành Đề án tổng thể về chuyển đổi số của tỉnh",
        CNTT,
        "Đề án tổng thể về chuyển đổi số (Bắc Kạn: giai đoạn 2021 - 2025, định hướng đến năm 2030) được cấp có thẩm "
        "quyền ban hành; ghi ngày ban hành.",
        f"Nhiệm vụ: {KH_004} (nhiệm vụ 1)",
    ),
    task(
        "danh-muc-csdl-chuyen-nganh",
        "Ban hành danh mục cơ sở dữ liệu chuyên ngành của tỉnh",
        CNTT,
        "Danh mục CSDL chuyên ngành của tỉnh theo Nghị định 47/2020/NĐ-CP về quản lý, kết nối và chia sẻ dữ liệu số "
        "của cơ quan nhà nước được ban hành; ghi ngày ban hành.",
        f"Nhiệm vụ: {KH_004} (nhiệm vụ 2)",
    ),
    task(
        "ke-hoach-chuyen-doi-so-nam",
        "Ban hành kế hoạch chuyển đổi số năm của cơ quan, đơn vị",
        CNTT,
        "Cơ quan, đơn vị ban hành kế hoạch chuyển đổi số của năm; năm và hạn ban hành ghi ở chỉ tiêu của phong trào.",
        f"Nội dung thi đua: {KH_003} (II.3.2)",
    ),
    task(
        "ke-hoach-phat-dong-thi-dua",
        "Ban hành kế hoạch phát động, triển khai phong trào thi đua của cơ quan, đơn vị",
        CHUNG,
        "Cơ quan, đơn vị ban hành kế hoạch phát động, triển khai phong trào thi đua trong phạm vi lĩnh vực, đối tượng "
        "phụ trách; ghi ngày ban hành.",
        f"Tiến độ: {KH_003} (V.1: hoàn thành trong tháng 6/2022)",
    ),
]


@transaction.atomic
def load_indicators() -> None:
    """Create the catalogue's indicators that do not exist yet (by code)."""
    sectors = {s.code: s for s in Sector.objects.all()}
    existing = set(Indicator.objects.values_list("code", flat=True))
    for order, row in enumerate(INDICATORS, start=1):
        if row.code in existing:
            continue
        indicator = Indicator(
            code=row.code,
            name=row.name,
            sector=sectors.get(row.sector),
            measure=row.measure,
            entry=row.entry,
            unit_label=row.unit_label,
            numerator_label=row.numerator_label,
            denominator_label=row.denominator_label,
            direction=row.direction,
            definition=row.definition,
            source=row.source,
            decimals=row.decimals,
            input_decimals=row.input_decimals,
            order=order * 10,
        )
        indicator.full_clean()
        indicator._change_reason = LOAD_REASON
        indicator.save()
