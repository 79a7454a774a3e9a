"""The five seed campaigns (shared/seeds/000–004), every section of the real text held as data.

Run after `campaigns.demo.load()` (units, clusters, people) and `campaigns.catalogue.load_catalogue()` (lĩnh vực,
award forms). Idempotent: a campaign is looked up by (owner, title) and left alone when it exists.

The texts are the sources' own words, paragraphs kept apart by a blank line. Only what is plainly a slip of typing
or of the conversion to text was corrected (a letter, a missing space, markdown marks, a page break in the middle
of a sentence); anything of substance — a number, a date, a name — stays as the source has it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import models, transaction

from campaigns.models import (
    AwardForm,
    AwardQuota,
    Campaign,
    CampaignEvent,
    CampaignKind,
    CampaignStatus,
    Cluster,
    ClusterKind,
    Commitment,
    ContentItem,
    Criterion,
    CriterionLevel,
    LegalBasis,
    Milestone,
    MilestoneKind,
    Phase,
    Registration,
    Responsibility,
    Sector,
    Unit,
    User,
)
from campaigns.services import campaign_generate_calendar, campaign_validate_dates

LOAD_ACTION = "Nạp dữ liệu mẫu từ văn bản gốc"

d = datetime.date


def _p(*paragraphs: str) -> str:
    """Paragraphs of the source, kept apart as in the document."""
    return "\n\n".join(paragraphs)


def _lines(*lines: str) -> str:
    """One entry a line (Nơi nhận)."""
    return "\n".join(lines)


# --- The shape of a plan ------------------------------------------------------------------------------------------


class Basis(NamedTuple):
    verb: str
    doc_type: str  # Kế hoạch, Quyết định, …: the plan cites "Kế hoạch số 18/KH-UBND …", never "số 18/KH-UBND …"
    doc_number: str
    doc_date: datetime.date | None
    issuer: str
    title: str


class PhaseRow(NamedTuple):
    name: str
    start_date: datetime.date
    end_date: datetime.date
    description: str = ""


class MilestoneRow(NamedTuple):
    key: str  # how the quotas below refer to it
    kind: str
    name: str
    due_date: datetime.date
    period_label: str = ""
    description: str = ""


class Content(NamedTuple):
    sector: str | None  # Sector.code
    heading: str
    body: str


class Crit(NamedTuple):
    level: str
    text: str


class Quota(NamedTuple):
    award_form: str  # AwardForm.code
    milestone: str | None  # MilestoneRow.key; None: the whole campaign
    max_collective: int | None = None
    max_individual: int | None = None
    leader_share_max: Decimal | None = None
    rule_source: str = ""
    note: str = ""


class Duty(NamedTuple):
    party: str
    duties: str
    unit: str | None = None  # Unit.code when the party is a unit of the demo tree


class ClusterKey(NamedTuple):
    organiser: str  # Unit.code
    kind: str
    number: int
    year: int


@dataclass(frozen=True)
class Plan:
    owner: str  # Unit.code of the unit whose Văn phòng runs the campaign in the portal
    fields: dict[str, Any]  # Campaign's own fields
    participants_under: str | None = None  # every unit below this one takes part
    cluster: ClusterKey | None = None  # issuing cluster; its members take part
    legal_bases: list[Basis] = field(default_factory=list)
    phases: list[PhaseRow] = field(default_factory=list)
    milestones: list[MilestoneRow] = field(default_factory=list)
    content: list[Content] = field(default_factory=list)
    criteria: list[Crit] = field(default_factory=list)
    quotas: list[Quota] = field(default_factory=list)
    duties: list[Duty] = field(default_factory=list)
    # Demo registrations: unit code → commitments (lĩnh vực code, text, target)
    registrations: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)


BUU_CHINH = "buu-chinh"
VIEN_THONG = "vien-thong"
CNTT = "cntt-chuyen-doi-so"
ATTT = "an-toan-thong-tin"
BAO_CHI = "bao-chi-xuat-ban"
PHAT_THANH = "phat-thanh-truyen-hinh"
TT_CO_SO = "thong-tin-co-so-doi-ngoai"
TIET_KIEM = "tiet-kiem-chong-lang-phi"
CHUNG = "cong-tac-chung"

BO_TTTT = "Bộ Thông tin và Truyền thông"
SO_TTTT = "Sở Thông tin và Truyền thông"
CLUSTER_2 = "Cụm thi đua số 2 – Khối thi đua Sở Thông tin và Truyền thông các tỉnh, thành phố trực thuộc Trung ương"


# --- Seed 000: Sở TT&TT Bình Phước, "Đẩy mạnh phát triển kết cấu hạ tầng …" (04/2023) ---------------------------


def _plan_000() -> Plan:
    theme = "Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, chống lãng phí"
    return Plan(
        owner="stttt-binh-phuoc",
        participants_under="stttt-binh-phuoc",
        fields=dict(
            document_type="Kế hoạch",
            number="",  # "Số: …/KH-STTTT": not filled in the source
            # "ngày … tháng 4 năm 2023": the day is blank. After Kế hoạch 1097/KH-BTTTT of 04/4/2023, which it
            # implements, and inside the "quý II/2023" its own timetable sets: 20/4/2023 is our choice.
            issued_on=d(2023, 4, 20),
            place="Bình Phước",
            parent_body="UBND TỈNH BÌNH PHƯỚC",
            issuer=SO_TTTT,
            kind=CampaignKind.CHUYEN_DE,
            title=_p(
                "Triển khai phong trào thi đua “Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành "
                "tiết kiệm, chống lãng phí” trong ngành Thông tin và Truyền thông",
            ),
            theme=theme,
            introduction=_p(
                "Sở Thông tin và Truyền thông xây dựng kế hoạch phát động phong trào thi đua “Đẩy mạnh phát "
                "triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, chống lãng phí” trong ngành Thông "
                "tin và Truyền thông, như sau:",
            ),
            purpose=_p(
                "Tiếp tục phát huy 10 chữ vàng truyền thống tốt đẹp của ngành Thông tin và Truyền thông “Trung "
                "thành, Dũng cảm, Tận tụy, Sáng tạo, Nghĩa tình” và phương châm hành động “Làm gương, Kỷ cương, "
                "Trọng tâm, Bứt phá”. Nỗ lực phấn đấu với tinh thần “Đoàn kết kỷ cương, chủ động thích ứng, an "
                "toàn hiệu quả, phục hồi phát triển”, thực hiện quyết liệt, linh hoạt, hiệu quả “mục tiêu kép” "
                "vừa phòng, chống dịch bệnh, bảo vệ sức khỏe nhân dân, vừa phục hồi và phát triển kinh tế - xã "
                "hội”. Đồng thời, củng cố niềm tin của người dân, doanh nghiệp, tạo nền tảng vững chắc để đất "
                "nước phát triển nhanh và bền vững, trong đó chú trọng các sáng kiến, thực hành về tăng trưởng "
                "xanh và kinh tế xanh dựa trên nền tảng số, kinh tế số, xã hội số.",
                "Phát huy hiệu quả sức mạnh tập thể; nâng cao chất lượng, hiệu quả công tác tham mưu tổ chức, "
                "triển khai phong trào thi đua yêu nước.",
                "Tiếp tục bồi dưỡng, nêu gương, tổng kết, nhân rộng điển hình tiên tiến có thành tích tiêu biểu, "
                "xuất sắc trong các phong trào thi đua năm 2023 trên các lĩnh vực công tác để biểu dương, khen "
                "thưởng kịp thời, tạo điều kiện để các điển hình tiên tiến được nêu gương, lan tỏa trong ngành "
                "Thông tin và Truyền thông.",
            ),
            requirements=_p(
                "Phát động phong trào thi đua với những hình thức phong phú, hấp dẫn, có chủ đề, tên gọi dễ nhớ, "
                "có tiêu chí thi đua cụ thể, thiết thực. Thông qua các phong trào thi đua lựa chọn các tập thể, "
                "cá nhân tiêu biểu để khen thưởng kịp thời.",
            ),
            # The plan names no scope or subjects of its own; these are the parties of its §VI.1 and closing words.
            scope="Ngành Thông tin và Truyền thông tỉnh Bình Phước.",
            subjects_collective=(
                "Các phòng, đơn vị thuộc Sở; các doanh nghiệp bưu chính, viễn thông; Phòng Văn hóa và Thông tin các "
                "huyện, thị xã, thành phố."
            ),
            subjects_individual="Công chức, viên chức, người lao động.",
            # "Thời gian triển khai thực hiện từ năm 2022 đến năm 2030" (§V).
            start_date=d(2022, 1, 1),
            end_date=d(2030, 12, 31),
            award_text=_p(
                "Giấy khen của Giám đốc Sở Thông tin và Truyền thông; đề nghị các hình thức khen cao hơn.",
            ),
            closing=_p(
                "Trên đây là kế hoạch tổ chức phát động phong trào thi đua “Đẩy mạnh phát triển kết cấu hạ tầng "
                "đồng bộ, hiện đại; thực hành tiết kiệm, chống lãng phí” của ngành Thông tin và Truyền thông, đề "
                "nghị các phòng, đơn vị, công chức, viên chức, người lao động tích cực hưởng ứng thực hiện hiệu "
                "quả./.",
            ),
            recipients=_lines(
                "Vụ TĐKT- Bộ TTTT;",
                "Các đơn vị trong Khối 6;",
                "Thành viên trong Cụm thi đua số 7;",
                "Ban TĐKT tỉnh;",
                "Các phòng, đơn vị thuộc Sở;",
                "Các doanh nghiệp BCVT;",
                "Phòng VH&TT các huyện, thị xã, thành phố;",
                "BGĐ Sở;",
                "Lưu: VT.",
            ),
            signer_title="GIÁM ĐỐC",
            # The source ends on "GIÁM ĐỐC" with no name (an unsigned copy). Illustrative: the demo's Giám đốc of the
            # Sở (campaigns.demo._signers), so that the plan prints with a signature block.
            signer_name="Nguyễn Hoài Nam",
            # Phase 1 was reviewed (sơ kết) in 2025; phase 2 runs to 2030.
            status=CampaignStatus.SO_KET,
        ),
        legal_bases=[
            Basis(
                "Thực hiện",
                "Kế hoạch",
                "18/KH-UBND",
                d(2023, 1, 10),
                "UBND tỉnh Bình Phước",
                f"về việc tổ chức thực hiện Phong trào thi đua “{theme}”",
            ),
            Basis(
                "Thực hiện",
                "Kế hoạch",
                "1097/KH-BTTTT",
                d(2023, 4, 4),
                BO_TTTT,
                f"về triển khai phong trào thi đua “{theme}” trong ngành Thông tin và Truyền thông",
            ),
        ],
        phases=[
            PhaseRow(
                "Giai đoạn 1 (từ 2022 - 2025)",
                d(2022, 1, 1),
                d(2025, 12, 31),
                _p(
                    "Ban hành Kế hoạch tổ chức triển khai thực hiện trong quý II/2023, tổ chức sơ kết, đánh giá, rút "
                    "kinh nghiệm trong năm 2025 để triển khai giai đoạn tiếp theo.",
                ),
            ),
            PhaseRow(
                "Giai đoạn 2 (từ 2026 - 2030)",
                d(2026, 1, 1),
                d(2030, 12, 31),
                _p(
                    "Trên cơ sở sơ kết, đánh giá kết quả việc thực hiện Giai đoạn 1, tiếp tục triển khai Giai đoạn 2 "
                    "và tổng kết vào năm 2030.",
                ),
            ),
        ],
        milestones=[
            MilestoneRow(
                "ban-hanh",
                MilestoneKind.BAN_HANH,
                "Ban hành Kế hoạch tổ chức triển khai thực hiện",
                d(2023, 6, 30),
                "Quý II/2023",
            ),
            MilestoneRow(
                "so-ket",
                MilestoneKind.SO_KET,
                "Sơ kết, đánh giá, rút kinh nghiệm Giai đoạn 1",
                d(2025, 12, 31),
                "Năm 2025",
                "Tổ chức sơ kết, đánh giá, rút kinh nghiệm trong năm 2025 để triển khai giai đoạn tiếp theo.",
            ),
            MilestoneRow(
                "tong-ket", MilestoneKind.TONG_KET, "Tổng kết phong trào thi đua", d(2030, 12, 31), "Năm 2030"
            ),
        ],
        content=[
            # II.1. Thi đua đẩy mạnh phát triển kết cấu hạ tầng thông tin và truyền thông
            Content(
                BUU_CHINH,
                "Thi đua đẩy mạnh phát triển hạ tầng bưu chính",
                _p(
                    "Tiếp tục hoàn thiện các cơ chế, chính sách để phát triển toàn diện và dài hạn với hệ thống các "
                    "quan điểm, tầm nhìn, mục tiêu, nhiệm vụ, cũng như cách thức, biện pháp để hiện thực hóa vai "
                    "trò, vị trí và tầm quan trọng của bưu chính trong thời đại số hiện nay, tỷ lệ xã có điểm bưu "
                    "chính có người phục vụ 100%; tỷ lệ điểm phục vụ bưu chính có người phục vụ có kết nối Internet "
                    "100%, tỷ lệ hộ gia đình có địa chỉ số 100%, tỷ lệ doanh nghiệp bưu chính thực hiện báo cáo trực "
                    "tuyến 100%. Tăng cường công tác kiểm tra hoạt động cung cấp dịch vụ bưu chính KT1 tại địa "
                    "phương để nâng cao chất lượng dịch vụ mạng bưu chính phục vụ cơ quan Đảng, Nhà nước.",
                ),
            ),
            Content(
                VIEN_THONG,
                "Thi đua đẩy mạnh phát triển hạ tầng viễn thông",
                _p(
                    "Thúc đẩy phát triển hạ tầng băng rộng cố định, tăng cường phát triển thuê bao băng rộng cố định "
                    "FTTH tới hộ gia đình; đảm bảo cung cấp dịch vụ truy cập Internet băng thông rộng tốc độ cao "
                    "được phổ cập tới các cơ quan, tổ chức, bệnh viện, trường học; tiến hành phủ sóng toàn diện, "
                    "nhất là vùng sâu, vùng xa, biên giới, vùng đông bào dân tộc thiểu số để tất cả mọi người dân "
                    "đều được hưởng dịch vụ viễn thông.",
                ),
            ),
            Content(
                CNTT,
                "Thi đua đẩy mạnh phát triển hạ tầng kinh tế số, xã hội số",
                _p(
                    "Tiếp tục đẩy mạnh toàn diện chuyển đổi số tại tỉnh trên cả 3 trụ cột: Chính quyền số, kinh tế "
                    "số và xã hội số. Trong đó tập trung các mục tiêu về tạo ra dữ liệu và khai thác dữ liệu; công "
                    "bố và xây dựng các cơ sở dữ liệu của ngành, địa phương tại tỉnh; mở dữ liệu để kết nối chia sẻ; "
                    "đảm bảo an toàn dữ liệu; tiếp tục nâng cao tỷ lệ sử dụng dịch vụ công trực tuyến mức độ 4; nâng "
                    "số lượng tài khoản sử dụng các nền tảng số tại tỉnh lên ít nhất 50%.",
                    "+ Triển khai đầu tư nâng cấp, mở rộng hạ tầng, trang thiết bị, cơ sở dữ liệu (CSDL), ứng dụng "
                    "chuyên ngành theo các hạng mục thành phần của Dự án “Đầu tư thiết bị, phần mềm, cơ sở dữ liệu "
                    "phục vụ xây dựng Chính quyền số, Địa phương thông minh tỉnh Bình Phước giai đoạn 2022-2025” và "
                    "theo chương trình, đề án đã được phê duyệt. Tiếp tục chuẩn hóa, hoàn thiện CSDL công dân, doanh "
                    "nghiệp của tỉnh, kết nối, đồng bộ dữ liệu từ CSDL quốc gia về dân cư, đăng ký doanh nghiệp "
                    "thông qua Nền tảng tích hợp, chia sẻ dữ liệu quốc gia; Xây dựng và phát triển hạ tầng trung tâm "
                    "dữ liệu kết nối đồng bộ, thống nhất, tạo nền tảng phát triển kinh tế số, xã hội số.",
                    "+ Thúc đẩy thanh toán không dùng tiền mặt; triển khai các nền tảng y tế như nền tảng tư vấn, "
                    "khám chữa bệnh và hội chẩn từ xa, hệ thống sức khỏe công dân, hồ sơ bệnh án điện tử...",
                ),
            ),
            Content(
                ATTT,
                "Thi đua phát triển lĩnh vực an toàn, an ninh mạng",
                _p(
                    "+ Tập trung bảo vệ dữ liệu cá nhân; bảo đảm an toàn dữ liệu. Chuyển đổi căn bản về nhận thức và "
                    "cách làm trong an toàn không gian mạng: từ mô hình bảo vệ phân tán sang mô hình bảo vệ tập "
                    "trung; từ bị động ứng cứu sự cố sang chủ động dự báo sớm, cảnh báo sớm, phòng ngừa và ứng phó "
                    "hiệu quả; từ đơn độc bảo vệ, giấu kín thông tin bị tấn công mạng sang chủ động hợp tác, chia sẻ "
                    "thông tin nhằm chủ động phòng ngừa và hỗ trợ xử lý sự cố; tăng cường các biện pháp bảo vệ người "
                    "dân, bảo vệ an toàn cho trẻ em trên môi trường mạng; nâng cao nhận thức, phổ biến kiến thức, "
                    "phổ cập kỹ năng đảm bảo an toàn thông tin cho người dân, tạo lập “niềm tin số” trên môi trường "
                    "mạng.",
                    "+ Nâng cấp Trung tâm giám sát an toàn, an ninh mạng (Security Operation Center - SOC) đảm bảo "
                    "luôn kết nối với Hệ thống hỗ trợ giám sát, điều hành an toàn mạng phục vụ Chính phủ số của quốc "
                    "gia, Hệ thống an ninh mạng phục vụ Chính phủ số của Quốc gia. Thường xuyên giám sát, cảnh báo "
                    "sớm nguy cơ, ngăn chặn kịp thời các sự cố tấn công an toàn thông tin trên địa bàn tỉnh.",
                    "+ Phê duyệt hồ sơ cấp độ an toàn thông tin đối với 100% hệ thống thông tin trên địa bàn tỉnh. "
                    "Thực hiện kiểm tra, đánh giá độc lập an toàn thông tin đối với các hệ thống thông tin cấp độ 3 "
                    "trở lên; tổ chức tập huấn và 01 đợt diễn tập thực chiến an toàn, an ninh mạng trên địa bàn "
                    "tỉnh.",
                ),
            ),
            Content(
                BAO_CHI,
                "Thi đua đẩy mạnh phát triển hạ tầng báo chí",
                _p(
                    "Phấn đấu tỷ lệ 100% người dân ở vùng sâu, vùng xa, biên giới được tiếp cận ít nhất 01 loại hình "
                    "báo chí thiết yếu.",
                ),
            ),
            Content(
                PHAT_THANH,
                "Thi đua đẩy mạnh phát triển hạ tầng phát thanh, truyền hình và thông tin điện tử",
                _p(
                    "Phấn đấu tỷ lệ 70% trở lên người dân vùng sâu, vùng xa, biên giới được nghe, xem các kênh phát "
                    "thanh, truyền hình phục vụ nhiệm vụ chính trị, thông tin tuyên truyền thiết yếu của quốc gia, "
                    "địa phương.",
                ),
            ),
            Content(
                TT_CO_SO,
                "Thi đua đẩy mạnh phát triển hạ tầng thông tin cơ sở",
                _p(
                    "Tiếp tục phấn đấu đến năm 2025, 100% xã, phường có đài truyền thanh; trong đó 70% đài truyền "
                    "thanh có dây/không dây FM chuyển đổi sang truyền thanh ứng dụng công nghệ thông tin - viễn "
                    "thông. Hoàn thành dự án đầu tư công Hệ thống loa truyền thanh thông minh trên địa bàn tỉnh.",
                ),
            ),
            # II.2
            Content(
                TIET_KIEM,
                "Thi đua thực hành tiết kiệm, chống lãng phí",
                _p(
                    "- Thi đua thực hành tiết kiệm, chống lãng phí trong lập, thẩm định, phê duyệt dự toán, quyết "
                    "toán, quản lý, sử dụng kinh phí nhà nước, thực hiện có hiệu quả các nhiệm vụ, giải pháp chủ yếu "
                    "trong các lĩnh vực để khôi phục và phát triển kinh tế - xã hội, phấn đấu thực hiện cao nhất các "
                    "mục tiêu, nhiệm vụ phát triển kinh tế đã được Nghị quyết Đại hội đại biểu toàn quốc lần thứ "
                    "XIII của Đảng và Chính phủ, Thủ tướng Chính phủ và Bộ Thông tin và Truyền thông đề ra.",
                    "- Thi đua thực hành tiết kiệm, chống lãng phí trong mua sắm, xây dựng, quản lý sử dụng tài sản "
                    "nhà nước trong xây dựng hạ tầng, đảm bảo đúng mục đích, đối tượng, định mức, tiêu chuẩn, chế độ "
                    "do cơ quan nhà nước có thẩm quyền ban hành.",
                    "- Thi đua thực hành tiết kiệm, chống lãng phí trong quản lý, khai thác, sử dụng tài nguyên, "
                    "phát triển bền vững quốc gia gắn với bảo vệ môi trường; sử dụng tiến bộ khoa học, công nghệ "
                    "trong khai thác, sử dụng tài nguyên; đảm bảo quản lý, khai thác, sử dụng tài nguyên hợp lý, "
                    "hiệu quả, tiết kiệm, đúng mục đích.",
                    "- Thi đua thực hành tiết kiệm, chống lãng phí trong quản lý, sử dụng vốn và tài sản nhà nước "
                    "tại doanh nghiệp. Đổi mới và nâng cao hiệu quả hoạt động doanh nghiệp nhà nước, sử dụng hiệu "
                    "quả, đa dạng hóa nguồn vốn với cơ cấu vốn hợp lý, tiết kiệm, đúng mục đích; đổi mới sáng tạo, "
                    "quản trị theo chuẩn mực quốc tế.",
                    "- Thi đua thực hành tiết kiệm, chống lãng phí trong hoạt động sản xuất, kinh doanh và tiêu dùng "
                    "của công chức, viên chức và người lao động.",
                    "- Thi đua quản lý, sử dụng hiệu quả lao động và thời gian lao động trong khu vực nhà nước và "
                    "khu vực ngoài nhà nước.",
                ),
            ),
            # III. Giải pháp thực hiện: the plan's own measures, one item each.
            Content(
                None,
                "Giải pháp thực hiện",
                _p(
                    "Đẩy mạnh tuyên truyền chủ trương, đường lối của Đảng, chính sách pháp luật của Nhà nước, nâng "
                    "cao nhận thức của công chức, viên chức và người lao động về xây dựng, phát triển kết cấu hạ "
                    "tầng, đảm bảo an sinh xã hội; nhận thức và ý thức về thực hành tiết kiệm, chống lãng phí, qua "
                    "đó góp phần huy động, phân bổ, sử dụng có hiệu quả các nguồn lực cho phục hồi, phát triển kinh "
                    "tế - xã hội, phấn đấu thực hiện thắng lợi các mục tiêu, nhiệm vụ theo Nghị quyết Đại hội đại "
                    "biểu toàn quốc lần thứ XIII của Đảng giao cho Ngành Thông tin và Truyền thông.",
                ),
            ),
            Content(
                None,
                "Giải pháp thực hiện",
                _p(
                    "Tiếp tục phát huy 10 chữ vàng truyền thống tốt đẹp của ngành Thông tin và Truyền thông “Trung "
                    "thành, Dũng cảm, Tận tụy, Sáng tạo, Nghĩa tình” và phương châm hành động “Làm gương, Kỷ cương, "
                    "Trọng tâm, Bứt phá”, các đơn vị, doanh nghiệp thuộc Bộ Thông tin và Truyền thông khẩn trương "
                    "xây dựng Kế hoạch hành động và quyết tâm hoàn thành tốt kế hoạch đề ra; nỗ lực phấn đấu với "
                    "tinh thần “Đoàn kết kỷ cương, chủ động thích ứng, an toàn hiệu quả, phục hồi phát triển”, thực "
                    "hiện quyết liệt, linh hoạt, hiệu quả “mục tiêu kép” vừa phòng, chống dịch bệnh, bảo vệ sức khỏe "
                    "nhân dân, vừa phục hồi và phát triển kinh tế - xã hội”. Đồng thời, củng cố niềm tin của người "
                    "dân, doanh nghiệp, tạo nền tảng vững chắc để đất nước phát triển nhanh và bền vững; trong đó, "
                    "chú trọng các sáng kiến, thực hành về tăng trưởng xanh và kinh tế xanh dựa trên nền tảng số, "
                    "kinh tế số, xã hội số.",
                ),
            ),
            Content(
                None,
                "Giải pháp thực hiện",
                _p(
                    "Các đơn vị rà soát, hoàn thiện, ban hành các cơ chế, chính sách trong lĩnh vực xây dựng kết cấu "
                    "hạ tầng để đẩy mạnh đầu tư, xây dựng, phát triển kết cấu hạ tầng đồng bộ, chất lượng, hiện đại. "
                    "Đẩy mạnh ứng dụng công nghệ cao; chỉ đạo quyết liệt, hoàn thành sớm các công trình dự án quan "
                    "trọng, các dự án có sức lan tỏa, tạo sự đột phá về phát triển kết cấu hạ tầng kinh tế - xã hội, "
                    "đảm bảo phát triển kết cấu hạ tầng gắn với nhiệm vụ bảo vệ môi trường, ứng phó với biến đổi khí "
                    "hậu và đảm bảo quốc phòng, an ninh.",
                    "Tiếp tục hoàn thiện, ban hành các cơ chế, chính sách trong thực hành tiết kiệm, chống lãng phí "
                    "trong phạm vi ngành Thông tin và Truyền thông xác định mục tiêu, chỉ tiêu tiết kiệm và tổ chức "
                    "thực hiện bảo đảm tiến độ, chất lượng công việc. Thực hiện công khai, minh bạch các hoạt động "
                    "quản lý và sử dụng ngân sách nhà nước, vốn nhà nước, tài sản nhà nước, lao động, thời gian lao "
                    "động và tài nguyên.",
                    "Đẩy mạnh công tác thanh tra, kiểm tra, xử lý vi phạm và công khai việc xử lý vi phạm về thực "
                    "hành tiết kiệm, chống lãng phí trong phạm vi Ngành, lĩnh vực quản lý. Thực hiện kiện toàn, sắp "
                    "xếp tổ chức bộ máy hành chính nhà nước theo hướng tinh gọn, hoạt động hiệu lực, hiệu quả, tinh "
                    "giản biên chế, gắn với cơ cấu lại đội ngũ công chức, viên chức.",
                ),
            ),
            Content(
                None,
                "Giải pháp thực hiện",
                _p(
                    "Tăng cường phát hiện, bồi dưỡng và nhân rộng các điển hình tiên tiến, tạo điều kiện để các điển "
                    "hình tiên tiến tiếp tục phát huy, đóng góp tích cực hơn nữa cho phong trào thi đua, yêu nước. "
                    "Các đơn vị, doanh nghiệp trong Ngành cần xây dựng kế hoạch cụ thể để bồi dưỡng, xây dựng các mô "
                    "hình mới, nhân tố mới điển hình. Các cơ quan báo chí tăng thời lượng, mở chuyên trang, chuyên "
                    "mục, đẩy mạnh tuyên truyền các gương điển hình tiên tiến trong phong trào thi đua để biểu "
                    "dương, tôn vinh, tạo sức lan tỏa trong từng cơ quan, đơn vị, doanh nghiệp toàn Ngành. Tập trung "
                    "khen thưởng công chức, viên chức, doanh nhân, kỹ sư, công nhân có những đề xuất, sáng kiến "
                    "trong nghiên cứu, xây dựng các cơ chế, chính sách và thực hành tiết kiệm, chống lãng phí, trong "
                    "đầu tư, huy động các nguồn lực đầu tư từ khu vực ngoài nhà nước tham gia đầu tư phát triển kết "
                    "cấu hạ tầng hiệu quả.",
                ),
            ),
        ],
        criteria=[
            Crit(
                CriterionLevel.CHUNG,
                _p(
                    "Tích cực thực hiện công tác thực hành tiết kiệm, chống lãng phí hàng năm và dài hạn, trong đó "
                    "xác định rõ mục tiêu, chỉ tiêu, tiêu chí đánh giá tiết kiệm của đơn vị.",
                ),
            ),
            Crit(
                CriterionLevel.CHUNG,
                _p(
                    "Thực hiện tốt các chương trình, kế hoạch tăng cường tư vấn, giám sát độc lập nhằm nâng cao chất "
                    "lượng công trình, rút ngắn tiến độ thực hiện để đưa vào khai thác, sử dụng và quản lý có hiệu "
                    "quả các công trình kết cấu hạ tầng.",
                ),
            ),
            Crit(
                CriterionLevel.CA_NHAN,
                _p(
                    "Có nhiều giải pháp ứng dụng sản phẩm công nghệ số thiết kế, sản xuất trong nước và phương pháp "
                    "quản lý hiện đại trong việc tổ chức xây dựng, khai thác và quản lý các công trình kết cấu hạ "
                    "tầng nhằm đảm bảo chất lượng, hạn chế ô nhiễm môi trường, tiết kiệm năng lượng và sử dụng hiệu "
                    "quả tài nguyên thiên nhiên. Tăng cường tư vấn, giám sát độc lập nhằm nâng cao chất lượng công "
                    "trình, rút ngắn tiến độ thực hiện để đưa vào khai thác, sử dụng và quản lý có hiệu quả các công "
                    "trình kết cấu hạ tầng tại địa phương.",
                ),
            ),
            Crit(
                CriterionLevel.CA_NHAN,
                _p(
                    "Thực hiện có hiệu quả Luật Đầu tư công. Đảm bảo quản lý, sử dụng tài sản công đúng mục đích, "
                    "tiêu chuẩn, định mức theo chế độ quy định.",
                ),
            ),
        ],
        quotas=[
            # "Giấy khen của Giám đốc Sở …; đề nghị các hình thức khen cao hơn": no number is set.
            Quota("giay-khen-giam-doc-so-tap-the", None, note="Kế hoạch không quy định số lượng."),
            Quota("giay-khen-giam-doc-so-ca-nhan", None, note="Kế hoạch không quy định số lượng."),
        ],
        duties=[
            Duty(
                _p(
                    "Lãnh đạo các phòng, đơn vị thuộc Sở; các doanh nghiệp Bưu chính viễn thông; phòng Văn hóa và "
                    "Thông tin các huyện, thị xã, thành phố",
                ),
                _p(
                    "Theo dõi, quán triệt trong công chức, viên chức nắm những nội dung của Kế hoạch này, hưởng ứng "
                    "tham gia thi đua “Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, "
                    "chống lãng phí.",
                ),
            ),
            Duty(
                "Văn phòng Sở",
                _p(
                    "Tham mưu triển khai thực hiện Kế hoạch; kiểm tra đôn đốc việc thực hiện; tổng hợp báo cáo đúng "
                    "quy định.",
                    "Theo dõi, tổng hợp những tập thể, cá nhân có thành tích xuất sắc trong thực hiện phong trào thi "
                    "đua này để bình xét khen thưởng.",
                ),
                unit="binh-phuoc-van-phong",
            ),
        ],
    )


# --- Seed 001: Cụm thi đua số 2, Chương trình phát động thi đua năm 2023 (Lào Cai, 02/2023) ------------------------


def _plan_001() -> Plan:
    return Plan(
        # Lào Cai's Sở is Cụm trưởng in 2023 and signs for the cluster.
        owner="stttt-lao-cai",
        cluster=ClusterKey("bo-tttt", ClusterKind.CUM, 2, 2023),
        fields=dict(
            document_type="Chương trình",
            number="",  # the source shows no number
            # "Lào Cai, ngày … tháng 02 năm 2023": the day is blank; 15/02/2023 is our choice inside that month.
            issued_on=d(2023, 2, 15),
            place="Lào Cai",
            # The source's left header column is lost in the conversion to text: the Khối over the Cụm, as the
            # Cụm's papers are headed.
            parent_body=CLUSTER_2.split(" – ")[1],
            issuer=CLUSTER_2.split(" – ")[0],
            kind=CampaignKind.THUONG_XUYEN,
            title=_p(
                "Phát động phong trào thi đua thực hiện nhiệm vụ, chỉ tiêu phát triển ngành Thông tin và Truyền "
                "thông của Cụm Thi đua số 2 năm 2023",
            ),
            theme=_p(
                "Chủ đề thi đua của Cụm Thi đua số 2 năm 2023 “Toàn ngành Thông tin và Truyền thông tiếp tục thi "
                "đua đổi mới, sáng tạo, đi đầu thực hiện chuyển đổi số để phát triển bền vững”, cụ thể hóa 10 "
                "chữ vàng truyền thống của Ngành là “Trung thành, Dũng cảm, Tận tụy, Sáng tạo, Nghĩa tình” với "
                "phương châm hành động “Làm gương, Kỷ cương, Trọng tâm, Bứt phá”.",
            ),
            introduction=_p(
                "Hưởng ứng các phong trào thi đua do Thủ tướng Chính phủ, Chủ tịch UBND các tỉnh, các Bộ, ban, "
                "ngành phát động và phấn đấu thực hiện thắng lợi Nghị quyết đại hội Đảng các cấp, góp phần tích "
                "cực hoàn thành xuất sắc các nhiệm vụ, chỉ tiêu kế hoạch phát triển kinh tế - xã hội năm 2023. "
                "Cụm thi đua số 2, gồm 07 Sở Thông tin và Truyền thông các tỉnh miền núi, biên giới phía Bắc "
                "gồm: Sơn La, Lai Châu, Điện Biên, Lào Cai, Hà Giang, Cao Bằng, Lạng Sơn tiến hành phát động "
                "phong trào thi đua thực hiện nhiệm vụ, chỉ tiêu năm 2023, như sau:",
                "Năm 2023 là năm giữa nhiệm kỳ, có ý nghĩa quan trọng trong việc đẩy mạnh thực hiện và phấn đấu "
                "hoàn thành mục tiêu của Kế hoạch 05 năm 2021 - 2026, góp phần triển khai các mục tiêu của Chiến "
                "lược phát triển kinh tế - xã hội 10 năm 2021 - 2030. Tiếp tục nêu cao tinh thần quyết tâm phấn "
                "đấu thực hiện tốt các nhiệm vụ được Bộ Thông tin và Truyền thông, Tỉnh ủy, HĐND, UBND các tỉnh "
                "giao và Chỉ thị số 03/CT-BTTTT ngày 16/12/2022 của Bộ Thông tin và Truyền thông về công tác Thi "
                "đua, khen thưởng năm 2023. Phát huy những kết quả đã đạt được, với tinh thần tiên phong, quyết "
                "liệt, quyết tâm hoàn thành xuất sắc nhiệm vụ, 07 Sở Thông tin và Truyền thông Cụm thi đua số 2 "
                "thống nhất phát động phong trào thi đua phấn đấu hoàn thành xuất sắc nhiệm vụ chính trị của "
                "ngành năm 2023 với nội dung:",
            ),
            purpose=_p(
                "Phấn đấu hoàn thành vượt mức các chỉ tiêu, nhiệm vụ, chương trình, đề án, kế hoạch được giao "
                "trên tất cả các lĩnh vực trọng tâm của ngành:",
            ),
            scope=f"{CLUSTER_2}.",
            subjects_collective=(
                "07 Sở Thông tin và Truyền thông các tỉnh miền núi, biên giới phía Bắc gồm: Sơn La, Lai Châu, Điện "
                "Biên, Lào Cai, Hà Giang, Cao Bằng, Lạng Sơn."
            ),
            # The programme covers the year 2023 ("nhiệm vụ, chỉ tiêu năm 2023").
            start_date=d(2023, 1, 1),
            end_date=d(2023, 12, 31),
            closing=_p(
                "Với phương châm đó, Cụm Thi đua số 2 phát huy truyền thống thi đua yêu nước, tăng cường đoàn "
                "kết, chung sức, đồng lòng, phát huy trí tuệ, nỗ lực cao nhất vượt qua khó khăn, thử thách, ra "
                "sức thi đua, quyết tâm phấn đấu hoàn thành xuất sắc các nhiệm vụ được giao năm 2023./.",
            ),
            # The source ends with its text: no Nơi nhận, no signature. Illustrative, so that the programme prints:
            # the Cụm trưởng signs for the Cụm, and the programme goes to the Bộ's Vụ TĐKT and the Cụm's members.
            # The name is invented: campaigns.demo has no signer for Lào Cai, and the source names none.
            recipients=_lines(
                "Vụ Thi đua - Khen thưởng, Bộ TT&TT (b/c);",
                "Sở TT&TT các tỉnh trong Cụm thi đua số 2;",
                "Lưu: VT.",
            ),
            signer_title="TM. CỤM THI ĐUA SỐ 2\nCỤM TRƯỞNG",
            signer_name="Trần Quốc Hưng",
            status=CampaignStatus.KET_THUC,
        ),
        legal_bases=[
            Basis(
                "Thực hiện",
                "Quyết định",
                "2341/QĐ-BTTTT",
                d(2022, 12, 16),
                BO_TTTT,
                "về việc ban hành Quy định về việc tổ chức phong trào thi đua và bình xét khen thưởng Khối thi đua "
                "Sở Thông tin và Truyền thông các tỉnh, thành phố trực thuộc Trung ương",
            ),
            Basis(
                "Thực hiện",
                "Chỉ thị",
                "03/CT-BTTTT",
                d(2022, 12, 16),
                "Bộ trưởng Bộ Thông tin và Truyền thông",
                "về công tác thi đua, khen thưởng năm 2023",
            ),
            Basis(
                "Thực hiện",
                "Chỉ thị",
                "01/CT-BTTTT",
                d(2023, 1, 20),
                BO_TTTT,
                "về định hướng phát triển ngành Thông tin và Truyền thông năm 2023 và giai đoạn 2024-2025",
            ),
            # "Quyết định số ..../QĐ-BTTTT ngày ....": the source leaves the number and the date blank, and so do we.
            Basis(
                "Thực hiện",
                "Quyết định",
                "…/QĐ-BTTTT",
                None,
                BO_TTTT,
                "về việc phân công Cụm trưởng, Cụm phó Cụm thi đua Khối thi đua Sở Thông tin và Truyền thông các "
                "tỉnh, thành phố trực thuộc Trung ương năm 2023",
            ),
        ],
        milestones=[
            MilestoneRow(
                "ban-hanh",
                MilestoneKind.BAN_HANH,
                "Ban hành Chương trình phát động thi đua của Cụm",
                d(2023, 2, 15),
                "Tháng 02/2023",
            ),
        ],
        content=[
            # 2. Mục tiêu thi đua, by lĩnh vực
            Content(
                BUU_CHINH,
                "Về bưu chính",
                _p(
                    "Phát triển hạ tầng bưu chính theo hướng đẩy mạnh chuyển đổi số trong bưu chính; Thực hiện có "
                    "hiệu quả công tác quản lý nhà nước đối với hoạt động bưu chính, tạo lập môi trường cạnh tranh "
                    "lành mạnh. Tổ chức thực hiện các nhiệm vụ kế hoạch đưa sản phẩm hàng hóa lên sàn thương mại "
                    "điện tử. Triển khai, tuyên truyền địa chỉ số (hệ thống mã bưu chính Vpostcode) trên địa bàn "
                    "tỉnh. Tiếp tục triển khai hiệu quả Quyết định số 45/2016/QĐ-TTg ngày 19/10/2016 của Thủ tướng "
                    "Chính phủ về tiếp nhận hồ sơ, trả kết quả giải quyết thủ tục hành chính qua dịch vụ bưu chính "
                    "công ích; Quyết định số 37/2021/QĐ-TTg ngày 26/12/2016 của Thủ tướng Chính phủ về mạng bưu "
                    "chính phục vụ cơ quan Đảng, Nhà nước.",
                ),
            ),
            Content(
                VIEN_THONG,
                "Về viễn thông",
                _p(
                    "Đảm bảo thông tin liên lạc thông suốt phục vụ công tác chỉ đạo của chính quyền và nhu cầu sử "
                    "dụng dịch vụ của người dân. Giám sát hạ tầng kỹ thuật viễn thông thụ động trên nền tảng thông "
                    "tin quản lý GIS; Tăng cường triển khai phủ sóng 4G, triển khai 5G và tắt sóng 2G trên địa bàn "
                    "các tỉnh theo lộ trình;… Định hướng các doanh nghiệp viễn thông tăng cường triển khai thực hiện "
                    "xóa thôn trắng sóng di động; Đẩy mạnh việc dùng chung cơ sở hạ tầng viễn thông thụ động. Quản "
                    "lý hoạt động khuyến mại của doanh nghiệp viễn thông; quản lý giá cước, chất lượng dịch vụ viễn "
                    "thông; mở rộng phạm vi và tần suất đánh giá chất lượng các dịch vụ viễn thông cung cấp,… Tăng "
                    "cường công tác quản lý hoạt động cung cấp dịch vụ thông tin di động (SIM, thẻ, khuyến mại), "
                    "Internet công cộng (điểm cung cấp trò chơi điện tử công cộng); hoạt động cấp phép sử dụng tần "
                    "số và thiết bị vô tuyến điện; …Triển khai hiệu quả các chương trình mục tiêu quốc gia và Chương "
                    "trình cung cấp dịch vụ VTCI đến năm 2025 trên địa bàn tỉnh.",
                ),
            ),
            Content(
                CNTT,
                "Về công nghệ thông tin, chuyển đổi số",
                _p(
                    "Triển khai thực hiện chuyển đổi số một cách toàn diện trên cả 3 trụ cột: Chính quyền số, kinh "
                    "tế số, xã hội số. Phát triển nguồn nhân lực thông tin, truyền thông, ưu tiên phát triển nền "
                    "tảng số để cung cấp dịch vụ theo nhu cầu, ứng dụng công nghệ mới để cung cấp dịch vụ mới cho "
                    "người dân, doanh nghiệp. Thực hiện hướng dẫn, hỗ trợ, đôn đốc triển khai hiệu quả hoạt động của "
                    "Tổ công nghệ số cộng đồng để phổ cập kỹ năng số cho người dân thực hiện chuyển đổi số, phát "
                    "triển kinh tế - xã hội tại địa phương. Nhân rộng mô hình tỉnh điểm, xã điểm về chuyển đổi số "
                    "trên địa bàn các tỉnh. Tăng cường truyền thông về kế hoạch và kết quả thực hiện chuyển đổi số "
                    "của các tỉnh trên các phương tiện truyền thông. Thực hiện tốt vai trò tham mưu, đề xuất với "
                    "tỉnh ban hành các cơ chế, chính sách, dự án, đề án nâng cao chất lượng nguồn nhân lực công nghệ "
                    "thông tin, triển khai có hiệu quả Chiến lược dữ liệu, tạo không gian phát triển tăng trưởng "
                    "kinh tế, xã hội. Thực hiện đạt và vượt tiến độ các mục tiêu theo lộ trình của Chính phủ và UBND "
                    "các tỉnh về chuyển đổi số.",
                ),
            ),
            Content(
                ATTT,
                "Về an toàn, an ninh mạng",
                _p(
                    "Triển khai các giải pháp nâng cao an toàn, an ninh mạng. Triển khai các dịch vụ trên hạ tầng "
                    "mạng truyền số liệu chuyên dùng. Tăng cường các biện pháp bảo vệ người dân, bảo vệ cho trẻ em "
                    "trên môi trường mạng, nâng cao nhận thức, phổ biến kiến thức, phổ cập kỹ năng đảm bảo an toàn "
                    "thông tin cho người dân, tạo lập “Niềm tin số” trên môi trường mạng. Tăng cường hướng dẫn phát "
                    "triển Đội ứng cứu sự cố đảm bảo an toàn thông tin mạng.",
                ),
            ),
            Content(
                CNTT,
                "Về công nghiệp ICT, nội dung số",
                _p(
                    "Từng bước nghiên cứu, đề xuất cơ chế, chính sách, định hướng, hỗ trợ thúc đẩy công nghiệp CNTT, "
                    "các doanh nghiệp cung cấp, triển khai các sản phẩm, nội dung số trên địa bàn tỉnh phù hợp với "
                    "điều kiện, đặc thù của các tỉnh.",
                ),
            ),
            Content(
                BAO_CHI,
                "Về báo chí, truyền thông",
                _p(
                    "Thực hiện tốt chức năng quản lý nhà nước về báo chí, thông tin cơ sở, thông tin đối ngoại, xuất "
                    "bản, in, phát hành; tăng cường hoạt động thông tin đối ngoại. Phát huy vai trò của báo chí, "
                    "tuyên truyền trong đấu tranh với nạn tin giả, tin xấu, độc trên không gian mạng. Đẩy mạnh công "
                    "tác chỉ đạo, định hướng cho các cơ quan báo chí, truyền thông tuyên truyền các chủ trương, "
                    "đường lối của Đảng, chính sách, pháp luật của Nhà nước, kết quả phát triển kinh tế - xã hội, "
                    "bảo đảm an ninh quốc phòng, đưa chủ trương, chính sách đi vào cuộc sống tạo đồng thuận và niềm "
                    "tin xã hội.",
                ),
            ),
            Content(
                CHUNG,
                "Tổ chức các phong trào thi đua do Thủ tướng Chính phủ, Bộ Thông tin và Truyền thông phát động",
                _p(
                    "3.1. Triển khai nghiêm túc các Chỉ thị, Nghị quyết Đảng, gắn phong trào thi đua với việc học "
                    "tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh theo tinh thần Chỉ thị số 34-CT/TW "
                    "ngày 07/4/2014 của Bộ Chính trị về “Tiếp tục đổi mới công tác thi đua, khen thưởng”; Chỉ thị số "
                    "05-CT/TW ngày 15/5/2016 của Bộ Chính trị khóa XII về đẩy mạnh học tập và làm theo tư tưởng, đạo "
                    "đức, phong cách Hồ Chí Minh, làm cho phong trào thi đua phát triển sâu rộng, hiệu quả, thiết "
                    "thực; là động lực phát triển góp phần tích cực vào việc hoàn thành xuất sắc nhiệm vụ năm 2023; "
                    "Tiếp tục triển khai thực hiện có hiệu quả Chỉ thị số 73/CT-BTTTT ngày 25/10/2021 của Bộ Thông "
                    "tin và Truyền thông về tổ chức triển khai thực hiện Chỉ thị số 19/CT-TTg ngày 16/7/2021 của Thủ "
                    "tướng Chính phủ phát động thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội hàng "
                    "năm và Kế hoạch 05 năm (2021 - 2025) theo Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII "
                    "của Đảng. Phát huy tinh thần sáng tạo của mỗi đơn vị, chung sức đồng lòng, quyết tâm phấn đấu "
                    "hoàn thành vượt mức các chỉ tiêu kế hoạch, nhiệm vụ với năng suất, chất lượng, hiệu quả cao "
                    "nhất.",
                    "3.2. Tổ chức các phong trào thi đua đảm bảo hiệu quả, thiết thực với hình thức phong phú, nội "
                    "dung cụ thể theo chủ đề “Đoàn kết, sáng tạo, thi đua xây dựng và bảo vệ Tổ quốc” do Thủ tướng "
                    "Chính phủ phát động tại Đại hội Thi đua yêu nước toàn quốc lần thứ X và các phong trào thi đua "
                    "“Cả nước chung sức xây dựng nông thôn mới” giai đoạn 2021 - 2025, “Cả nước chung tay vì người "
                    "nghèo - Không để ai bị bỏ lại phía sau”, “Cán bộ, công chức, viên chức thi đua thực hiện văn "
                    "hóa công sở”, “Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, thực hành tiết kiệm, chống lãng "
                    "phí”. Tiếp tục phát huy 10 chữ vàng truyền thống tốt đẹp của ngành Thông tin và Truyền thông "
                    "“Trung thành, Dũng cảm, Tận tụy, Sáng tạo, Nghĩa tình” và các phong trào thi đua đặc biệt khác "
                    "của Ngành TT&TT và của tỉnh phát động.",
                    "3.3. Tăng cường phát hiện, bồi dưỡng và nhân rộng các điển hình tiên tiến, tạo điều kiện để các "
                    "điển hình tiên tiến tiếp tục phát huy, đóng góp tích cực hơn nữa cho phong trào thi đua, yêu "
                    "nước và lan tỏa trong từng cơ quan, đơn vị.",
                    "3.4. Xây dựng và triển khai các phong trào thi đua gắn với hoạt động đổi mới, sáng tạo và kịp "
                    "thời khen thưởng, biểu dương các tập thể, cá nhân có thành tích xuất sắc trong các phong trào "
                    "thi đua để khích lệ, động viên cán bộ công chức, viên chức và người lao động phát huy tinh thần "
                    "dám nghĩ, dám làm, dám chịu trách nhiệm; phát hiện, bồi dưỡng và nhân rộng các gương tập thể, "
                    "cá nhân điển hình tiên tiến, các mô hình hoạt động mới, các cách làm hay.",
                    "3.5. Tăng cường tổ chức, triển khai giao lưu văn hóa, văn nghệ, thể thao và các hoạt động an "
                    "sinh xã hội nhằm tạo không khí phấn khởi, vui tươi, đoàn kết trong tập thể lãnh đạo, cán bộ, "
                    "công chức, viên chức và người lao động.",
                ),
            ),
        ],
    )


# --- Seed 002: Bộ trưởng Bộ TT&TT phát động thi đua năm 2022 (Chỉ thị 103/CT-BTTTT, 13/12/2021) -------------------
# The source is the Sở TT&TT An Giang's web rendering of the directive (hence "tỉnh An Giang" and "của Sở" in it,
# kept as they are); the page repeats the whole text twice and signs off "TN", both left out.


def _plan_002() -> Plan:
    theme = (
        "Toàn ngành Thông tin và Truyền thông thi đua đổi mới, sáng tạo, đi đầu thực hiện chuyển đổi số để phát "
        "triển bền vững"
    )
    title = f"Phát động phong trào thi đua năm 2022 với chủ đề “{theme}”"
    goals = "Mục tiêu năm 2022 của toàn Ngành – "
    return Plan(
        owner="bo-tttt",
        participants_under="bo-tttt",
        fields=dict(
            document_type="Chỉ thị",
            number="103/CT-BTTTT",  # "Nguồn: Chỉ thị 103/CT-BTTTT ngày 13/12/2021"
            issued_on=d(2021, 12, 13),
            place="Hà Nội",  # the Bộ's seat; the web rendering drops the header
            parent_body="",
            issuer=BO_TTTT,
            kind=CampaignKind.THUONG_XUYEN,
            title=title,
            theme=theme,
            introduction=f"Bộ trưởng Bộ Thông tin và Truyền thông {title[0].lower()}{title[1:]}",
            purpose=_p(
                "Để thực hiện thắng lợi các nhiệm vụ chính trị được Đảng, Quốc hội, Chính phủ, Thủ tướng Chính "
                "phủ giao và để phong trào thi đua ngành Thông tin và Truyền thông đạt hiệu quả tích cực, yêu "
                "cầu các cơ quan, đơn vị, doanh nghiệp trong toàn Ngành thực hiện tốt các nhiệm vụ trọng tâm "
                "sau:",
            ),
            scope="Toàn ngành Thông tin và Truyền thông.",
            subjects_collective="Các cơ quan, đơn vị, doanh nghiệp trong toàn Ngành.",
            # The directive is dated 13/12/2021 for the emulation year 2022.
            start_date=d(2022, 1, 1),
            end_date=d(2022, 12, 31),
            # Chỉ thị 103/CT-BTTTT is the Bộ trưởng's ("Hà Nội, ngày 13 tháng 12 năm 2021", "CHỈ THỊ về công tác thi
            # đua, khen thưởng năm 2022": its text on thuvienphapluat.vn), and the Bộ trưởng was Nguyễn Mạnh Hùng (so
            # named in the Bộ's news of 2022). The web rendering drops the signature and the Nơi nhận: the Nơi nhận
            # below is illustrative, as the Bộ's directives to the whole Ngành are sent.
            signer_title="BỘ TRƯỞNG",
            signer_name="Nguyễn Mạnh Hùng",
            recipients=_lines(
                "Ban Thi đua - Khen thưởng Trung ương;",
                "Các Thứ trưởng;",
                "Các cơ quan, đơn vị thuộc Bộ;",
                "Sở TT&TT các tỉnh, thành phố trực thuộc Trung ương;",
                "Các doanh nghiệp trong Ngành;",
                "Lưu: VT, TĐKT.",
            ),
            status=CampaignStatus.KET_THUC,
        ),
        milestones=[
            MilestoneRow(
                "tong-ket",
                MilestoneKind.TONG_KET,
                "Tổng kết phong trào thi đua năm 2022",
                d(2022, 12, 31),
                "Năm 2022",
                "Tổ chức sơ kết, tổng kết các phong trào thi đua thường xuyên hằng năm.",
            ),
        ],
        content=[
            Content(
                CHUNG,
                "Tổ chức triển khai phong trào thi đua và công tác khen thưởng tập trung các nội dung",
                _p(
                    "Quán triệt sâu sắc tư tưởng thi đua yêu nước của Chủ tịch Hồ Chí Minh, Chỉ thị số 34-CT/TW ngày "
                    "07/4/2014 của Bộ Chính trị về “Tiếp tục đổi mới công tác thi đua, khen thưởng”; Chỉ thị số "
                    "73/CT-BTTTT ngày 25/10/2021 của Bộ Thông tin và Truyền thông và Kế hoạch 5 năm (2021 - 2025) "
                    "theo Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng; Chỉ thị số 05-CT/TW ngày "
                    "15/5/2016 của Bộ Chính trị khóa XII;",
                    "Tiếp tục thực hiện có hiệu quả các phong trào thi đua “Cả nước chung sức xây dựng nông thôn "
                    "mới” giai đoạn 2021 - 2025, “Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía "
                    "sau”, “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở”. Đồng thời, tiếp tục "
                    "thực hiện có hiệu quả phong trào thi đua đặc biệt “Ngành Thông tin và Truyền thông đoàn kết, "
                    "chung sức, đồng lòng thi đua phòng, chống và chiến thắng đại dịch Covid-19”, “Ngành Thông tin "
                    "và Truyền thông chung sức xây dựng nông thôn mới”; đẩy mạnh thực hiện chuyển đổi số tỉnh An "
                    "Giang một cách toàn diện để xây dựng, phát triển Chính phủ số, nền kinh tế số, xã hội số",
                    "Đẩy mạnh công tác thông tin tuyên truyền, phát hiện, bồi dưỡng và nhân rộng các điển hình tiên "
                    "tiến, các mô hình mới, nhân tố mới, coi đây là nhiệm vụ trọng tâm của công tác thi đua, khen "
                    "thưởng. Quan tâm tạo điều kiện để các điển hình tiên tiến tiếp tục phát huy các thành tích đã "
                    "đạt được, đóng góp tích cực hơn nữa cho phong trào thi đua yêu nước. Tăng cường chỉ đạo các cơ "
                    "quan báo chí tuyên truyền tư tưởng thi đua yêu nước của Chủ tịch Hồ Chí Minh, chủ trương, chính "
                    "sách của Đảng, pháp luật của Nhà nước về thi đua, khen thưởng",
                    "Thực hiện công tác khen thưởng kịp thời, công khai, minh bạch và đúng quy định các tập thể, cá "
                    "nhân có thành tích xuất sắc trong các phong trào thi đua. Chú trọng khen thưởng người lao động "
                    "trực tiếp sản xuất; công tác khen thưởng đột xuất, khen thưởng theo chuyên đề, khuyến khích "
                    "phát triển những nhân tố mới, các sản phẩm, dịch vụ mới có năng suất, chất lượng và hiệu quả "
                    "cao. Thực hiện cải cách hành chính, ứng dụng công nghệ thông tin trong công tác thi đua, khen "
                    "thưởng",
                    "Thực hiện nghiêm túc việc đôn đốc, kiểm tra, đề cao tinh thần trách nhiệm trong công tác thi "
                    "đua, khen thưởng; tổ chức sơ kết, tổng kết các phong trào thi đua thường xuyên hằng năm, phong "
                    "trào thi đua theo chuyên đề, đột xuất",
                    "Tiếp tục củng cố, nâng cao vai trò trách nhiệm của Hội đồng Thi đua - Khen thưởng của Sở. Bồi "
                    "dưỡng chuyên môn, nghiệp vụ nâng cao trình độ, năng lực cho đội ngũ cán bộ làm công tác thi "
                    "đua, khen thưởng trong giai đoạn mới;",
                    "Các tổ chức đoàn thể toàn ngành Thông tin và Truyền thông có kế hoạch vận động đoàn viên hưởng "
                    "ứng và tích cực tham gia các phong trào thi đua, góp phần thực hiện thắng lợi mọi nhiệm vụ được "
                    "giao năm 2022.",
                ),
            ),
            # The source heads this paragraph "Lĩnh vực Bưu chính", but it is the directive's telecom goal (it ends
            # "… mục tiêu phát triển Viễn thông năm 2022"): the postal paragraph is missing from the rendering.
            Content(
                VIEN_THONG,
                goals + "lĩnh vực Viễn thông",
                _p(
                    "Tiếp tục đẩy mạnh triển khai thương mại 5G với các thiết bị Make in Viet Nam; Đẩy mạnh nghiên "
                    "cứu và thúc đẩy triển khai áp dụng các phương pháp chia sẻ hạ tầng tiên tiến; Xây dựng và triển "
                    "khai hệ thống tiếp nhận, giám sát và hỗ trợ xử lý can nhiễu trên cơ sở thu thập và phân tích dữ "
                    "liệu từ các trạm gốc của các doanh nghiệp thông tin di động; Xây dựng Quyết định về Mạng truyền "
                    "số liệu chuyên dùng phục vụ các cơ quan Đảng, Nhà nước và Xây dựng Trung tâm điều hành hạ tầng "
                    "mạng quốc gia;... là các nội dung cơ bản trong mục tiêu phát triển Viễn thông năm 2022;",
                ),
            ),
            Content(
                CNTT,
                goals + "lĩnh vực Ứng dụng công nghệ thông tin",
                _p(
                    "Tiếp tục đẩy nhanh tiến trình chuyển đổi số quốc gia trên cả 3 trụ cột chính phủ số, kinh tế số "
                    "và xã hội số. Trọng tâm là phát triển các nền tảng số để cung cấp dịch vụ theo nhu cầu, ứng "
                    "dụng công nghệ số để cung cấp dịch vụ mới cho người dân; khai mở giá trị mới, tạo ra không gian "
                    "phát triển đối với tăng trưởng kinh tế - xã hội; Phát triển hệ sinh thái số Việt Nam với các "
                    "nền tảng dùng chung, các dịch vụ, mô hình kinh doanh mới; Hoàn thiện môi trường pháp lý cho "
                    "Chính phủ số. Hoàn thành tốt các mục tiêu đề ra tại Quyết định số 942/QĐ-TTg ngày 15/6/2021 của "
                    "Thủ tướng Chính phủ phê duyệt Chiến lược phát triển Chính phủ điện tử hướng tới Chính phủ số "
                    "giai đoạn 2021-2025, định hướng đến năm 2030; Phấn đấu đến hết năm 2022, Việt Nam vào nhóm 80 "
                    "quốc gia dẫn đầu về Chính phủ điện tử, Chính phủ số trong xếp hạng Chính phủ điện tử theo đánh "
                    "giá của Liên Hợp Quốc;",
                ),
            ),
            Content(
                ATTT,
                goals + "lĩnh vực An toàn thông tin mạng",
                _p(
                    "Trên lĩnh vực An toàn thông tin mạng, tập trung đảm bảo an toàn thông tin cho hệ thống điện "
                    "toán đám mây Make in Viet Nam; Đẩy mạnh hoạt động xử lý lừa đảo trực tuyến, tấn công mạng vào "
                    "các thiết bị cá nhân; Xây dựng Chỉ thị của Thủ tướng Chính phủ về triển khai các hoạt động ứng "
                    "cứu khẩn cấp sự cố an toàn thông tin mạng, bảo đảm an toàn thông tin không gian mạng Việt Nam; "
                    "Xây dựng Đề án đưa Việt Nam thành trung tâm phân tích, chia sẻ dữ liệu an toàn thông tin mạng "
                    "trong ASEAN;",
                ),
            ),
            Content(
                CNTT,
                goals + "Kinh tế số",
                _p(
                    "Phát triển Kinh tế số trước hết cần tập trung hoàn thiện thể chế, nhất là Giao dịch điện tử để "
                    "tạo hành lang pháp lý rõ ràng cho các nền tảng trung gian trong giao dịch điện tử; Triển khai "
                    "chiến lược kinh tế số, xã hội số nhằm mục tiêu phát triển kinh tế số giúp mỗi người dân giàu có "
                    "hơn; Triển khai các hoạt động Thúc đẩy chuyển đổi số doanh nghiệp;",
                ),
            ),
            Content(
                CNTT,
                goals + "lĩnh vực Công nghiệp ICT",
                _p(
                    "Nâng cao năng lực làm chủ công nghệ số, nghiên cứu, sáng tạo sản phẩm, dịch vụ công nghệ số; "
                    "tăng cường hợp tác quốc tế, trao đổi công nghệ, thu hút đầu tư, tham gia sâu vào chuỗi giá trị "
                    "sản xuất công nghiệp thế giới; Tập trung phát triển 04 loại doanh nghiệp công nghệ số Việt Nam; "
                    "xây dựng và hoàn thiện cơ chế, chính sách, các chiến lược, chương trình kiến tạo cho phát triển "
                    "công nghiệp công nghệ số; Năm 2022, tỷ lệ doanh nghiệp công nghệ số trên 1.000 dân đạt 0,7; tốc "
                    "độ phát triển doanh nghiệp công nghệ số Việt Nam từ 10% - 20%;",
                ),
            ),
            Content(
                BAO_CHI,
                goals + "lĩnh vực Báo chí, Truyền thông",
                _p(
                    "Hoàn thiện hành lang pháp lý và từng bước luật hóa hoạt động thông tin đối ngoại; Chỉ đạo Đài "
                    "PT-TH đẩy mạnh tuyên truyền các sự kiện chính trị nổi bật của đất nước cũng như chủ trương "
                    "đường lối của Đảng gắn với tình hình thực tiễn tại địa phương; Tăng cường giám sát bằng công "
                    "nghệ để kịp thời nhắc nhở, chấn chỉnh cơ quan báo chí thực hiện đúng quy định của pháp luật, "
                    "các tạp chí hoạt động đúng tính chất chuyên sâu, chuyên ngành; Tăng cường năng lực hoạt động "
                    "của các đơn vị xuất bản, in và phát hành./.",
                ),
            ),
        ],
    )


# --- Seed 003: UBND tỉnh Bình Phước, "Chuyển đổi số giai đoạn 2022 - 2025" (26/05/2022) ----------------------------


def _plan_003() -> Plan:
    law_312 = (
        "về việc triển khai thực hiện Nghị quyết số 04-NQ/TU ngày 18/5/2021 của Ban Chấp hành Đảng bộ tỉnh về chuyển "
        "đổi số năm 2025 trên địa bàn tỉnh Bình Phước"
    )
    priority = "Ưu tiên thi đua chuyển đổi số – "
    targets = "Chỉ tiêu phấn đấu đến năm 2025 – "
    bang_khen_note = (
        "Quan tâm khen thưởng cho các tập thể, cá nhân là người lao động trực tiếp, người không giữ chức vụ lãnh đạo, "
        "quản lý trong các cơ quan, đơn vị, địa phương."
    )
    leaders_40 = Decimal("40")
    return Plan(
        # The Sở runs the provincial plan in the portal (VI.1: chủ trì tham mưu, tổng hợp, báo cáo).
        owner="stttt-binh-phuoc",
        participants_under="stttt-binh-phuoc",
        registrations=DEMO_REGISTRATIONS_003,
        fields=dict(
            document_type="Kế hoạch",
            number="",  # the source shows no "Số:" line
            issued_on=d(2022, 5, 26),
            place="Bình Phước",
            parent_body="",
            issuer="Ủy ban nhân dân tỉnh Bình Phước",
            kind=CampaignKind.CHUYEN_DE,
            title=_p(
                "Phát động phong trào thi đua “Chuyển đổi số giai đoạn 2022 - 2025” trên địa bàn tỉnh Bình Phước",
            ),
            theme="Chuyển đổi số giai đoạn 2022 - 2025",
            introduction=_p(
                "Để đẩy nhanh tiến độ thực hiện Chuyển đổi số giai đoạn 2022 - 2025 trên địa bàn tỉnh, Ủy ban "
                "nhân dân tỉnh ban hành Kế hoạch phát động Phong trào thi đua “Chuyển đổi số giai đoạn 2022 - "
                "2025” trên địa bàn tỉnh, cụ thể như sau:",
            ),
            purpose=_p(
                "- Nhằm phát huy sức mạnh của cả hệ thống chính trị trong việc tuyên truyền, nâng cao nhận thức "
                "về sứ mệnh, sự cần thiết, tính cấp bách của chuyển đổi số trong xã hội và hành động đồng bộ ở "
                "các cấp với sự tham gia của toàn dân thực hiện thắng lợi chương trình chuyển đổi số quốc gia.",
                "- Tổ chức phong trào thi đua thiết thực, hiệu quả phấn đấu đến năm 2025 thực hiện phát triển "
                "Chính phủ số, kinh tế số, xã hội số theo các mục tiêu cơ bản của Quyết định số 749/QĐ-TTg ngày "
                "03/6/2020 của Thủ tướng Chính phủ phê duyệt “Chương trình Chuyển đổi số quốc gia đến 2025, định "
                "hướng đến 2030”; Nghị quyết số 04-NQ/TU ngày 18/5/2021 của Ban Chấp hành Đảng bộ tỉnh về chuyển "
                "đổi số năm 2025 trên địa bàn tỉnh Bình Phước và Kế hoạch số 312/KH-UBND ngày 13/10/2021 của Chủ "
                "tịch Ủy ban nhân dân tỉnh về việc triển khai thực hiện Nghị quyết số 04-NQ/TU ngày 18/5/2021 "
                "của Ban Chấp hành Đảng bộ tỉnh về chuyển đổi số năm 2025 trên địa bàn tỉnh Bình Phước. Qua đó, "
                "góp phần đổi mới căn bản, toàn diện hoạt động quản lý, điều hành của cơ quan quản lý Nhà nước, "
                "hoạt động sản xuất kinh doanh của doanh nghiệp, phương thức sống, làm việc của người dân.",
                "- Thông qua phong trào thi đua, phát huy, khuyến khích tính sáng tạo của các tổ chức và cá "
                "nhân, từ đó đề xuất những giải pháp khắc phục khó khăn để đẩy nhanh tiến độ, thực hiện hoàn "
                "thành các công trình, dự án trọng điểm của tỉnh và phấn đấu đến năm 2025, cơ bản hình thành "
                "chính quyền số, nền kinh tế số và xã hội số trên địa bàn tỉnh, trong đó các hoạt động của chính "
                "quyền cơ bản diễn ra trên không gian mạng; hoàn thiện nền tảng dữ liệu số; quản lý và đảm bảo "
                "an ninh, an toàn các giao dịch trên không gian mạng.",
            ),
            requirements=_p(
                "- Phong trào thi đua phải được triển khai sâu rộng, đồng bộ, xuyên suốt từ tỉnh đến cơ sở với "
                "nội dung, hình thức phong phú, thiết thực và đạt hiệu quả.",
                "- Các cơ quan, đơn vị, địa phương, tổ chức, doanh nghiệp phải coi việc thực hiện phong trào thi "
                "đua là nhiệm vụ quan trọng, luôn song hành trong chỉ đạo, điều hành các hoạt động của đơn vị, "
                "chủ động xây dựng chương trình, kế hoạch đẩy nhanh tiến độ chuyển đổi số theo từng ngành, lĩnh "
                "vực, cơ quan, đơn vị, địa phương.",
                "- Đề cao trách nhiệm, vai trò của người đứng đầu cơ quan, tổ chức, địa phương, doanh nghiệp "
                "trong việc chỉ đạo tổ chức thực hiện phong trào, việc tổ chức thực hiện phong trào thi đua phải "
                "thường xuyên, liên tục, có đôn đốc, kiểm tra, đánh giá định kỳ hàng năm.",
                "- Phong trào thi đua “Chuyển đổi số giai đoạn 2022 - 2025” được tổ chức triển khai thực hiện từ "
                "nay đến hết ngày 31/12/2025. Việc bình xét, lựa chọn và đề nghị khen thưởng phải được thực hiện "
                "từ cơ sở và đảm bảo tính dân chủ, công khai, minh bạch và kịp thời.",
            ),
            scope=_p(
                "Phong trào thi đua “Chuyển đổi số giai đoạn 2022 - 2025” được triển khai trên phạm vi toàn tỉnh.",
            ),
            subjects_collective=_p(
                "Cơ quan, đơn vị, địa phương, doanh nghiệp, tổ chức hợp pháp trên địa bàn tỉnh Bình Phước.",
            ),
            subjects_individual=_p(
                "Cán bộ, công chức, viên chức tại các cơ quan, đơn vị, địa phương, doanh nghiệp, tổ chức hợp "
                "pháp trên địa bàn tỉnh Bình Phước.",
            ),
            # "từ nay đến hết ngày 31/12/2025" (I.2)
            start_date=d(2022, 5, 26),
            end_date=d(2025, 12, 31),
            award_text=_p(
                "- Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho tập thể, cá nhân có thành tích xuất sắc "
                "trong thực hiện phong trào thi đua.",
                "- Tặng Giấy khen của Thủ trưởng cơ quan, đơn vị, doanh nghiệp cho tập thể, cá nhân thực hiện "
                "tốt phong trào thi đua.",
                "- Tặng Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện cho tập thể, cá nhân có thành tích xuất "
                "sắc trong thực hiện phong trào thi đua.",
                "Số lượng khen thưởng:",
                "- Tặng thưởng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh:",
                "+ Sơ kết phong trào thi đua vào năm 2023: Không vượt quá 07 tập thể và 15 cá nhân.",
                "+ Tổng kết phong trào thi đua năm 2025: Không vượt quá 10 tập thể và 20 cá nhân.",
                "- Giấy khen của Thủ trưởng cơ quan, đơn vị, doanh nghiệp (sơ kết, tổng kết phong trào thi đua) "
                "do Thủ trưởng cơ quan, đơn vị, doanh nghiệp quyết định.",
                "- Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện (sơ kết, tổng kết phong trào thi đua) do Chủ "
                "tịch Ủy ban nhân dân cấp huyện quyết định.",
                "Lưu ý:",
                "- Quan tâm khen thưởng cho các tập thể, cá nhân là người lao động trực tiếp, người không giữ "
                "chức vụ lãnh đạo, quản lý trong các cơ quan, đơn vị, địa phương.",
                "- Tỷ lệ đề nghị khen thưởng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho đối tượng là cán bộ "
                "lãnh đạo, quản lý (từ Phó Trưởng phòng và tương đương trở lên) không quá 40% tổng số cá nhân "
                "được đề nghị Ủy ban nhân dân tỉnh khen thưởng (theo quy định tại khoản 5 Điều 11 Quy định về "
                "công tác thi đua, khen thưởng trên địa bàn tỉnh Bình Phước ban hành kèm theo Quyết định số "
                "26/2020/QĐ-UBND ngày 08/10/2020 của Ủy ban nhân dân tỉnh).",
            ),
            dossier_requirements=_p(
                "Thủ tục, hồ sơ đề nghị khen thưởng gồm:",
                "- Tờ trình đề nghị khen thưởng của cơ quan, đơn vị, địa phương trình khen.",
                "- Biên bản họp Hội đồng Thi đua - Khen thưởng của cơ quan, đơn vị, địa phương trình khen.",
                "- Báo cáo thành tích của tập thể, cá nhân đề nghị khen thưởng theo quy định tại Mẫu số 07 Nghị "
                "định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ có xác nhận của cấp trình khen.",
                "- Số lượng hồ sơ đề nghị khen thưởng: 01 bộ.",
            ),
            closing=_p(
                "Trên đây là Kế hoạch phát động Phong trào thi đua “Chuyển đổi số giai đoạn 2022 - 2025” trên "
                "địa bàn tỉnh, đề nghị các cơ quan, đơn vị, địa phương nghiêm túc triển khai thực hiện hiệu "
                "quả./.",
            ),
            recipients=_lines(
                "Ban TĐKT Trung ương (Hà Nội và TP.HCM);",
                "TTTU, TT.HĐND tỉnh;",
                "CT, các PCT UBND tỉnh;",
                "Các sở, ban, ngành, đoàn thể tỉnh;",
                "UBND các huyện, thị xã, thành phố;",
                "Sở Nội vụ;",
                "Các cơ quan báo chí của tỉnh; báo chí hợp tác với tỉnh;",
                "LĐVP, PNC;",
                "Lưu: VT.(H08)",
            ),
            # The source keeps only the name. Trần Tuệ Hiền was Chủ tịch UBND tỉnh Bình Phước (elected 12/2019); the
            # title lines are the demo signer's of the UBND (campaigns.demo._signers) — illustrative, the source
            # does not show whether she signed "TM. ỦY BAN NHÂN DÂN" or otherwise.
            signer_title="TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
            signer_name="Trần Tuệ Hiền",
            # VI.8: "Định kỳ 6 tháng (15/6), hàng năm (15/12)".
            semiannual_due_day=15,
            semiannual_due_month=6,
            annual_due_day=15,
            annual_due_month=12,
            status=CampaignStatus.TONG_KET,
        ),
        legal_bases=[
            Basis(
                "Thực hiện",
                "Quyết định",
                "749/QĐ-TTg",
                d(2020, 6, 3),
                "Thủ tướng Chính phủ",
                "về phê duyệt chương trình Chuyển đổi số quốc gia đến 2025, định hướng đến 2030",
            ),
            Basis(
                "Thực hiện",
                "Quyết định",
                "942/QĐ-TTg",
                d(2021, 6, 15),
                "Thủ tướng Chính phủ",
                "về phê duyệt Chiến lược phát triển Chính phủ điện tử hướng tới Chính phủ số giai đoạn 2021 - 2025, "
                "định hướng đến năm 2030",
            ),
            Basis(
                "Thực hiện",
                "Nghị quyết",
                "04-NQ/TU",
                d(2021, 5, 18),
                "Ban Chấp hành Đảng bộ tỉnh",
                "về chuyển đổi số năm 2025 trên địa bàn tỉnh Bình Phước",
            ),
            Basis("Thực hiện", "Kế hoạch", "312/KH-UBND", d(2021, 10, 13), "Chủ tịch Ủy ban nhân dân tỉnh", law_312),
        ],
        phases=[
            PhaseRow(
                "Năm 2022 - 2023",
                d(2022, 5, 26),
                d(2023, 12, 31),
                _p(
                    "- Năm 2022: Ban hành Kế hoạch phát động phong trào thi đua, yêu cầu 100% các cơ quan, đơn vị, "
                    "địa phương ban hành kế hoạch phát động, triển khai phong trào thi đua trong phạm vi lĩnh vực, "
                    "đối tượng phụ trách (Thời gian hoàn thành trong tháng 6 năm 2022).",
                    "- Năm 2023:",
                    "+ Triển khai sâu rộng phong trào, tổ chức thực hiện các nội dung kế hoạch.",
                    "+ Tổ chức sơ kết phong trào thi đua vào Quý IV/2023.",
                ),
            ),
            PhaseRow(
                "Năm 2024 - 2025",
                d(2024, 1, 1),
                d(2025, 12, 31),
                _p(
                    "- Tiếp tục triển khai phong trào thi đua theo nội dung đã phát động.",
                    "- Tổ chức Tổng kết phong trào thi đua vào Quý IV/2025.",
                ),
            ),
        ],
        milestones=[
            MilestoneRow(
                "ban-hanh",
                MilestoneKind.BAN_HANH,
                "Ban hành Kế hoạch phát động phong trào thi đua",
                d(2022, 5, 26),
                "Năm 2022",
            ),
            MilestoneRow(
                "ke-hoach-don-vi",
                MilestoneKind.KHAC,
                "100% các cơ quan, đơn vị, địa phương ban hành kế hoạch phát động, triển khai phong trào thi đua",
                d(2022, 6, 30),
                "Tháng 6 năm 2022",
                "Trong phạm vi lĩnh vực, đối tượng phụ trách.",
            ),
            MilestoneRow("so-ket", MilestoneKind.SO_KET, "Sơ kết phong trào thi đua", d(2023, 12, 31), "Quý IV/2023"),
            MilestoneRow(
                "tong-ket", MilestoneKind.TONG_KET, "Tổng kết phong trào thi đua", d(2025, 12, 31), "Quý IV/2025"
            ),
        ],
        content=[
            # II.3. Nội dung thi đua
            Content(
                CNTT,
                "",
                _p(
                    "Tăng cường sự lãnh đạo của các cấp ủy, chính quyền, phát huy vai trò của Mặt trận Tổ quốc và "
                    "các tổ chức chính trị - xã hội về chuyển đổi số; nâng cao nhận thức về sự cần thiết và tính cấp "
                    "thiết của chuyển đổi số, gắn tuyên truyền các mục tiêu, nhiệm vụ của chuyển đổi số với các nghị "
                    "quyết, mục tiêu, nhiệm vụ phát triển kinh tế, xã hội, bảo đảm quốc phòng, an ninh của cơ quan, "
                    "đơn vị, địa phương.",
                ),
            ),
            Content(
                CNTT,
                "",
                _p(
                    "Xây dựng chương trình, kế hoạch và đẩy nhanh tiến trình chuyển đổi số theo từng ngành, lĩnh "
                    "vực, cơ quan, đơn vị, địa phương; chủ động rà soát, tham mưu sửa đổi, xây dựng cơ chế chính "
                    "sách của tỉnh nhằm tạo môi trường pháp lý thuận lợi cho chuyển đổi số, thúc đẩy Chính phủ số, "
                    "khuyến khích doanh nghiệp tham gia vào nền kinh tế số phát triển xã hội số.",
                ),
            ),
            Content(
                CNTT,
                "",
                _p(
                    "Tích cực bồi dưỡng kiến thức, kỹ năng về công nghệ số, chuyển đổi số cho đội ngũ cán bộ, công "
                    "chức, viên chức, người lao động; nhất là đội ngũ cán bộ lãnh đạo chủ chốt các cấp, người dân và "
                    "doanh nghiệp; tập trung đào tạo nâng cao chất lượng đội ngũ cán bộ công nghệ thông tin, thu hút "
                    "nguồn nhân lực công nghệ thông tin chất lượng cao tham gia vào quá trình chuyển đổi số của "
                    "tỉnh.",
                ),
            ),
            Content(
                CNTT,
                "",
                _p(
                    "Ưu tiên đảm bảo các nguồn lực để thực hiện các hoạt động chuyển đổi số.",
                ),
            ),
            Content(
                CNTT,
                "",
                _p(
                    "Tăng cường đầu tư, phát triển hạ tầng số, nền tảng số, sẵn sàng thử nghiệm các giải pháp, công "
                    "nghệ mới nhằm đáp ứng yêu cầu và thúc đẩy nhanh tiến trình chuyển đổi số.",
                ),
            ),
            Content(
                CNTT,
                "",
                _p(
                    "Đẩy mạnh nghiên cứu, hợp tác với các doanh nghiệp công nghệ nhằm hình thành các mô hình kinh "
                    "doanh, sản xuất sản phẩm, dịch vụ mới, từng bước ứng dụng công nghệ số, đặc biệt là công nghệ "
                    "chuỗi khối, trí tuệ nhân tạo, dữ liệu lớn... trong tổ chức quản lý, phát triển kinh tế của "
                    "tỉnh.",
                ),
            ),
            Content(
                CNTT,
                "",
                _p(
                    "Tích cực xây dựng và tạo lập dữ liệu mở phục vụ người dân, doanh nghiệp khai thác, truy cập, sử "
                    "dụng, góp phần công khai, minh bạch, phòng, chống tiêu cực, tham nhũng, thúc đẩy phát triển "
                    "kinh tế - xã hội của tỉnh.",
                ),
            ),
            Content(
                ATTT,
                "",
                _p(
                    "Tăng cường đảm bảo an ninh thông tin và an toàn dữ liệu, phòng chống hiệu quả các hoạt động phá "
                    "hoại, thâm nhập hệ thống quản lý, điều hành chính quyền điện tử, kịp thời cảnh báo cũng như xử "
                    "lý các sự cố xảy ra trên địa bàn tỉnh.",
                ),
            ),
            # 3.9. "Chú trọng ưu tiên, đẩy mạnh thi đua chuyển đổi số ở một số lĩnh vực"
            Content(
                CNTT,
                priority + "lĩnh vực Dân cư",
                _p(
                    "Mọi vấn đề liên quan đến công dân đều được kết nối, chia sẻ thông qua mã số định danh công dân "
                    "thông qua căn cước công dân. Triển khai các giải pháp để bổ sung, cập nhật thường xuyên thông "
                    "tin công dân trong cơ sở dữ liệu Quốc gia về dân cư, bảo đảm thông tin luôn “đúng, đủ, sạch, "
                    "sống” một cách bền vững và lâu dài, cung cấp dữ liệu chính xác cho các sở, ban, ngành, địa "
                    "phương; kết nối các hệ thống thông tin của tỉnh với cơ sở dữ liệu Quốc gia về dân cư để giải "
                    "quyết các dịch vụ công trực tuyến trên cổng dịch vụ công của tỉnh phục vụ chính quyền số, kinh "
                    "tế số.",
                ),
            ),
            Content(
                CNTT,
                priority + "lĩnh vực Tài nguyên",
                _p(
                    "Hoàn thành việc đo giải thửa, xây dựng dữ liệu đất đai toàn tỉnh; phát triển ứng dụng chuyên "
                    "ngành, hoàn thiện cơ sở dữ liệu đất đai; hoàn thiện hệ thống bản đồ nền GIS làm nền tảng phát "
                    "triển các dịch vụ số phát triển kinh tế số, xã hội số; lắp đặt hệ thống quan trắc tự động ở "
                    "100% khu, cụm công nghiệp và một số điểm cần thiết.",
                ),
            ),
            Content(
                CNTT,
                priority + "lĩnh vực Giáo dục và Đào tạo",
                _p(
                    "Triển khai các nền tảng dạy và học trực tuyến; số hóa giáo trình, chia sẻ tài nguyên giảng dạy. "
                    "Phát triển các nền tảng kết nối nhà trường và phụ huynh; số hóa, hoàn thiện cơ sở dữ liệu ngành "
                    "Giáo dục và Đào tạo; triển khai đề án trường học thông minh tại các cấp học; xây dựng Cổng "
                    "thông tin điện tử liên thông từ Trường đến Phòng Giáo dục và Đào tạo... đến năm 2025 cơ bản "
                    "hình thành hệ sinh thái số ngành Giáo dục và Đào tạo.",
                ),
            ),
            Content(
                CNTT,
                priority + "lĩnh vực Y tế",
                _p(
                    "Phát triển dữ liệu về y tế, thực hiện số hóa trong ngành Y tế; liên thông chia sẻ dữ liệu với "
                    "các cơ sở y tế trong toàn quốc; triển khai các nền tảng khám chữa bệnh từ xa, cấp đơn thuốc bảo "
                    "hiểm từ xa; kết nối đến các bệnh viện: Chợ Rẫy, Đại học Y dược Thành phố Hồ Chí Minh, các hệ "
                    "thống hỗ trợ từ xa của Trung ương; xây dựng hệ thống chăm sóc sức khoẻ dựa trên nền tảng số, cơ "
                    "sở dữ liệu dân cư; triển khai thí điểm bệnh viện thông minh, hệ thống quản trị y tế thông minh.",
                ),
            ),
            Content(
                CNTT,
                priority + "lĩnh vực Tài chính - Ngân hàng",
                _p(
                    "Ngoài việc thực hiện số hóa theo yêu cầu ngành dọc, thực hiện kết nối với các chủ thẻ có quan "
                    "hệ trong tỉnh để giải quyết các vấn đề trực tuyến liên quan (thông báo thu thuế, nộp phạt, "
                    "thanh toán trực tuyến...).",
                    "- 100% các dịch vụ công đủ điều kiện được nâng cấp lên mức 4; 90% hồ sơ công việc được lưu trữ "
                    "trên môi trường mạng (trừ hồ sơ thuộc bí mật nhà nước); ít nhất 50% hoạt động kiểm tra, giám "
                    "sát được thực hiện trên môi trường số và hệ thống thông tin ngân hàng nhà nước; ít nhất 50% các "
                    "nghiệp vụ ngân hàng cho phép khách hàng thực hiện hoàn toàn trên môi trường số; ít nhất 50% "
                    "người dân trưởng thành sử dụng dịch vụ thanh toán điện tử; ít nhất 50% quyết định giải ngân, "
                    "cho vay của ngân hàng thương mại, công ty tài chính đối với khoản vay nhỏ lẻ, vay tiêu dùng của "
                    "khách hàng cá nhân được thực hiện theo hướng số hóa, tự động; ít nhất 70% số lượng giao dịch "
                    "của khách hàng được thực hiện thông qua các kênh số; ít nhất 70% hồ sơ công việc tại các tổ "
                    "chức tín dụng được xử lý và lưu trữ trên môi trường mạng (trừ hồ sơ thuộc bí mật nhà nước).",
                ),
            ),
            Content(
                CNTT,
                priority + "lĩnh vực Nông nghiệp",
                _p(
                    "Xây dựng cơ sở dữ liệu số hóa về thổ nhưỡng, vùng trồng, chuỗi cung ứng sản xuất, chế biến, "
                    "tiêu thụ sản phẩm nông lâm nghiệp; số hóa lĩnh vực thủy lợi nước sạch nông thôn, chăn nuôi, lâm "
                    "nghiệp... các sản phẩm nông nghiệp chủ lực của tỉnh (điều, cao su, tiêu, cà phê, cây ăn "
                    "trái...), các sản phẩm được chứng nhận OCOP; xây dựng chính sách hỗ trợ các Hợp tác xã, hộ nông "
                    "dân ứng dụng công nghệ 4.0, IOT trong sản xuất, tham gia các sàn thương mại điện tử, truy xuất "
                    "nguồn gốc sản phẩm; hoàn thành thực hiện số hóa trong ngành Nông nghiệp.",
                ),
            ),
            Content(
                CNTT,
                priority + "lĩnh vực Giao thông vận tải",
                _p(
                    "Phát triển các nền tảng quản lý giao thông thông minh, quản lý hạ tầng logistics, quản lý "
                    "phương tiện và giấy phép người điều khiển phương tiện giao thông; Thực hiện số hóa, xây dựng cơ "
                    "sở dữ liệu ngành Giao thông vận tải.",
                ),
            ),
            Content(
                CNTT,
                priority + "lĩnh vực năng lượng",
                _p(
                    "Xây dựng cơ sở dữ liệu về quản lý nhu cầu năng lượng; hoàn thiện hệ thống thu thập dữ liệu thủy "
                    "văn, cảnh báo lũ, cảnh báo xả nước điều tiết hồ chứa thủy điện và xây dựng bản đồ số vùng hạ du "
                    "tại các nhà máy thủy điện trên địa bàn tỉnh; ứng dụng công nghệ số trong lĩnh vực năng lượng "
                    "nhằm quản lý tình hình sản xuất và phục vụ dự báo, giám sát, kiểm tra, điều hành thủy điện.",
                ),
            ),
            Content(
                CNTT,
                priority + "lĩnh vực sản xuất công nghiệp",
                _p(
                    "Xây dựng chính sách khuyến khích chuyển đổi số, tạo ưu đãi cho các doanh nghiệp chuyển đổi số "
                    "và cho các công ty start up về giải pháp công nghệ số để doanh nghiệp logistics có thể mua giải "
                    "pháp hoặc thuê giải pháp từ các doanh nghiệp cung cấp phần mềm để áp dụng; xây dựng cơ sở dữ "
                    "liệu về số hóa ngành công nghiệp; tuyên truyền, phổ biến các chủ trương chính sách về chuyển "
                    "đổi số, hỗ trợ các doanh nghiệp sản xuất công nghiệp chuyển đổi số.",
                ),
            ),
            # III. Chỉ tiêu phấn đấu đến năm 2025
            Content(
                CNTT,
                targets + "Phát triển Chính phủ số, nâng cao hiệu quả, hiệu lực hoạt động",
                _p(
                    "- 100% thủ tục hành chính đủ điều kiện theo quy định của pháp luật được cung cấp dưới hình thức "
                    "dịch vụ công trực tuyến mức độ 4.",
                    "- 100% dịch vụ công trực tuyến được thiết kế, thiết kế lại nhằm tối ưu hóa trải nghiệm người "
                    "dùng, khi sử dụng được điền sẵn dữ liệu mà người dùng đã cung cấp trước đó theo thỏa thuận, phù "
                    "hợp với tiêu chuẩn chất lượng dịch vụ.",
                    "- 100% người dân và doanh nghiệp sử dụng dịch vụ công trực tuyến được định danh và xác thực "
                    "thông suốt, hợp nhất trên tất cả các hệ thống của các cấp chính quyền từ Trung ương đến địa "
                    "phương.",
                    "- Tối thiểu 80% hồ sơ thủ tục hành chính được xử lý hoàn toàn trực tuyến, người dân chỉ phải "
                    "nhập dữ liệu một lần.",
                    "- 100% cơ quan nhà nước cấp tỉnh tham gia mở dữ liệu và cung cấp dữ liệu mở phục vụ phát triển "
                    "Chính phủ số, kinh tế số, xã hội số.",
                    "- 100% hoạt động chỉ đạo, điều hành và quản trị nội bộ của cơ quan nhà nước được thực hiện trên "
                    "nền tảng quản trị tổng thể, thống nhất.",
                    "- 100% văn bản trao đổi giữa các cơ quan nhà nước được thực hiện dưới dạng điện tử, được ký số "
                    "bởi chữ ký số chuyên dùng, trừ văn bản mật theo quy định của pháp luật.",
                    "- 100% công tác báo cáo được thực hiện trên hệ thống thông tin báo cáo quốc gia.",
                    "- 50% hoạt động kiểm tra của cơ quan quản lý nhà nước được thực hiện thông qua môi trường số và "
                    "hệ thống thông tin của cơ quan quản lý.",
                    "- 100% cán bộ, công chức, viên chức được tập huấn, bồi dưỡng, phổ cập kỹ năng số cơ bản; 50% "
                    "cán bộ, công chức, viên chức được tập huấn, bồi dưỡng kỹ năng phân tích, khai thác dữ liệu và "
                    "công nghệ số.",
                ),
            ),
            Content(
                CNTT,
                targets + "Phát triển kinh tế số",
                _p(
                    "- Kinh tế số chiếm 20% GRDP.",
                    "- Đẩy mạnh phát triển công nghiệp công nghệ thông tin và dịch vụ viễn thông (ICT); các hoạt "
                    "động kinh tế số nền tảng trên mạng Internet (Kinh tế số Internet); kinh tế số ngành. Phấn đấu "
                    "đến năm 2025, tỷ trọng kinh tế số của mỗi ngành chiếm tỷ trọng từ 7 - 10% trong tổng GRDP của "
                    "tỉnh.",
                    "- Tỷ lệ doanh nghiệp nhỏ và vừa sử dụng nền tảng số đạt 80%.",
                    "- Tỷ lệ doanh nghiệp dùng hóa đơn điện tử đạt 100%.",
                    "- Tỷ lệ doanh nghiệp sử dụng hợp đồng điện tử đạt 80%.",
                    "- Tỷ trọng doanh thu thương mại điện tử trong tổng mức bán lẻ đạt trên 10%.",
                ),
            ),
            Content(
                CNTT,
                targets + "Phát triển xã hội số",
                _p(
                    "- Mọi người dân và doanh nghiệp sử dụng dịch vụ công trực tuyến sẽ được định danh và lưu giữ "
                    "dưới dạng số hóa làm cơ sở cho việc thực hiện các thủ tục hành chính tiếp theo mà không cần "
                    "cung cấp hồ sơ trước đó.",
                    "- Đẩy mạnh sử dụng phương thức thanh toán trực tuyến không dùng tiền mặt, nhất là các khoản nộp "
                    "cho nhà nước.",
                    "- Các điểm công cộng, đường giao thông, tuyến biên giới, từng khu phố, khu dân cư đều có lắp "
                    "đặt camera giám sát an ninh, trật tự công cộng.",
                    "- Phấn đấu 100% hộ gia đình sử dụng phương tiện kết nối thông minh; khuyến khích người dân áp "
                    "dụng công nghệ thông tin vào mọi lĩnh vực trong cuộc sống; tham gia giám sát hoạt động của các "
                    "cơ quan hành chính, phản ánh hiện trường qua hệ thống Camera.",
                    "- Hạ tầng mạng băng rộng cáp quang phủ trên 80% hộ gia đình, 100% xã.",
                    "- Phổ cập dịch vụ mạng di động 4G/5G và điện thoại di động thông minh.",
                    "- Tỷ lệ dân số có tài khoản thanh toán điện tử trên 50%.",
                    "- Tỷ lệ người dân từ 15 tuổi trở lên có tài khoản giao dịch tại ngân hàng hoặc các tổ chức được "
                    "phép khác đạt từ 65 - 70%.",
                ),
            ),
        ],
        criteria=[
            *[
                Crit(CriterionLevel.SO, text)
                for text in (
                    "Hoàn thành có chất lượng, đúng thời hạn các nhiệm vụ được giao và thực hiện tốt chế độ thông "
                    "tin, báo cáo theo quy định tại Kế hoạch số 312/KH-UBND ngày 13/10/2021 của Chủ tịch Ủy ban nhân "
                    "dân tỉnh về việc triển khai thực hiện Nghị quyết số 04-NQ/TU ngày 18/5/2021 của Ban Chấp hành "
                    "Đảng bộ tỉnh về chuyển đổi số năm 2025 trên địa bàn tỉnh Bình Phước.",
                    "Tổ chức phong trào thi đua thiết thực hiệu quả; có nhiều sáng kiến, giải pháp trong lãnh đạo, "
                    "chỉ đạo thực hiện chuyển đổi số của cơ quan, đơn vị đạt kết quả tốt.",
                    "Thực hiện ứng dụng công nghệ số để tạo ra các sản phẩm, dịch vụ mới trong các ngành, lĩnh vực, "
                    "đáp ứng được các tiêu chuẩn, quy chuẩn kỹ thuật và đảm bảo an toàn, an ninh mạng.",
                    "90% hồ sơ công việc được xử lý trên môi trường mạng (trừ hồ sơ công việc thuộc phạm vi bí mật "
                    "nhà nước).",
                    "100% chế độ báo cáo định kỳ và văn bản hành chính (trừ văn bản Mật) được gửi nhận bằng văn bản "
                    "điện tử.",
                    "Tối thiểu 70% có hệ thống cơ sở dữ liệu dùng chung trên phạm vi toàn tỉnh, kết nối liên thông "
                    "qua nền tảng tích hợp và chia sẻ dữ liệu dùng chung (LGSP), hình thành các cơ sở dữ liệu dùng "
                    "chung cấp tỉnh.",
                )
            ],
            *[
                Crit(CriterionLevel.HUYEN, text)
                for text in (
                    "Hoàn thành có chất lượng, đúng thời hạn các nhiệm vụ được giao và thực hiện tốt chế độ thông "
                    "tin, báo cáo theo quy định tại Kế hoạch số 312/KH-UBND ngày 13/10/2021 của Chủ tịch Ủy ban nhân "
                    "dân tỉnh về việc triển khai thực hiện Nghị quyết số 04-NQ/TU ngày 18/5/2021 của Ban Chấp hành "
                    "Đảng bộ tỉnh về chuyển đổi số năm 2025 trên địa bàn tỉnh Bình Phước.",
                    "Tổ chức phong trào thi đua thiết thực hiệu quả; có nhiều sáng kiến, giải pháp trong lãnh đạo, "
                    "chỉ đạo thực hiện chuyển đổi số của cơ quan, đơn vị đạt kết quả tốt.",
                    "80% hồ sơ công việc tại cấp huyện được xử lý trên môi trường mạng (trừ hồ sơ công việc thuộc "
                    "phạm vi bí mật nhà nước).",
                    "100% chế độ báo cáo định kỳ và văn bản hành chính (trừ văn bản Mật) được gửi nhận bằng văn bản "
                    "điện tử.",
                    "100% báo cáo định kỳ về chỉ tiêu phát triển kinh tế - xã hội được thực hiện trên hệ thống phần "
                    "mềm báo cáo của tỉnh, kết nối với Hệ thống thông tin báo cáo Chính phủ.",
                )
            ],
            *[
                Crit(CriterionLevel.XA, text)
                for text in (
                    "Tổ chức phong trào thi đua thiết thực hiệu quả; có nhiều sáng kiến, giải pháp trong lãnh đạo, "
                    "chỉ đạo thực hiện chuyển đổi số của cơ quan, đơn vị đạt kết quả tốt.",
                    "60% hồ sơ công việc tại cấp xã được xử lý trên môi trường mạng (trừ hồ sơ công việc thuộc phạm "
                    "vi bí mật nhà nước).",
                    "100% chế độ báo cáo định kỳ và văn bản hành chính (trừ văn bản Mật) được gửi nhận bằng văn bản "
                    "điện tử.",
                    "100% báo cáo định kỳ về chỉ tiêu phát triển kinh tế - xã hội được thực hiện trên hệ thống phần "
                    "mềm báo cáo của tỉnh, kết nối với Hệ thống thông tin báo cáo Chính phủ.",
                )
            ],
            Crit(
                CriterionLevel.DOANH_NGHIEP,
                _p(
                    "Thực hiện ứng dụng công nghệ số để tạo ra các sản phẩm, dịch vụ mới trong các ngành, lĩnh vực "
                    "kinh tế - xã hội. Các doanh nghiệp công nghệ thông tin nghiên cứu, phát triển, làm chủ công "
                    "nghệ số, chủ động sản xuất, thực hiện chuyển dịch từ lắp ráp, gia công sang làm sản phẩm theo "
                    "hướng “Made in Việt Nam” - sáng tạo Việt Nam, thiết kế tại Việt Nam và sản xuất tại Việt Nam... "
                    "phục vụ nhu cầu của xã hội, đáp ứng được các tiêu chuẩn, quy chuẩn kỹ thuật và đảm bảo an toàn, "
                    "an ninh mạng.",
                ),
            ),
            *[
                Crit(CriterionLevel.CA_NHAN, text)
                for text in (
                    "Cán bộ, công chức, viên chức phải nỗ lực bám sát cơ sở, có sáng kiến, giải pháp hữu ích trong "
                    "việc xây dựng, ban hành hoặc trình cấp có thẩm quyền ban hành, tổ chức thực hiện, kiểm tra việc "
                    "thực hiện cơ chế, chính sách, hướng dẫn để tạo điều kiện thuận lợi cho quá trình chuyển đổi số "
                    "và phát triển các sản phẩm, dịch vụ, mô hình kinh doanh mới dựa trên công nghệ số, Internet và "
                    "không gian mạng.",
                    "Đối tượng khác (doanh nhân, trí thức, nhà khoa học, các cá nhân ở trong và ngoài nước, người "
                    "Việt Nam định cư ở nước ngoài...) có nhiều đóng góp về công sức, trí tuệ, vật chất, sáng kiến "
                    "vào chuyển đổi số của tỉnh.",
                )
            ],
        ],
        quotas=[
            # IV.3: the numbers are the plan's; the 40 % cap on leaders among individuals is khoản 5 Điều 11 of the
            # provincial rules (QĐ 26/2020/QĐ-UBND ngày 08/10/2020), which the plan cites.
            Quota("bang-khen-chu-tich-ubnd-tinh-tap-the", "so-ket", max_collective=7, note=bang_khen_note),
            Quota(
                "bang-khen-chu-tich-ubnd-tinh-ca-nhan",
                "so-ket",
                max_individual=15,
                leader_share_max=leaders_40,
                rule_source="QĐ 26/2020/QĐ-UBND",
                note=bang_khen_note,
            ),
            Quota("bang-khen-chu-tich-ubnd-tinh-tap-the", "tong-ket", max_collective=10, note=bang_khen_note),
            Quota(
                "bang-khen-chu-tich-ubnd-tinh-ca-nhan",
                "tong-ket",
                max_individual=20,
                leader_share_max=leaders_40,
                rule_source="QĐ 26/2020/QĐ-UBND",
                note=bang_khen_note,
            ),
            # "Giấy khen của Thủ trưởng cơ quan, đơn vị, doanh nghiệp … do Thủ trưởng … quyết định": for the Sở's
            # own units that is the Giám đốc Sở's Giấy khen.
            Quota(
                "giay-khen-giam-doc-so-tap-the",
                None,
                note="Sơ kết, tổng kết phong trào thi đua: số lượng do Thủ trưởng cơ quan, đơn vị quyết định.",
            ),
            Quota(
                "giay-khen-giam-doc-so-ca-nhan",
                None,
                note="Sơ kết, tổng kết phong trào thi đua: số lượng do Thủ trưởng cơ quan, đơn vị quyết định.",
            ),
            Quota(
                "giay-khen-chu-tich-ubnd-huyen-tap-the",
                None,
                note="Sơ kết, tổng kết phong trào thi đua: số lượng do Chủ tịch Ủy ban nhân dân cấp huyện quyết định.",
            ),
            Quota(
                "giay-khen-chu-tich-ubnd-huyen-ca-nhan",
                None,
                note="Sơ kết, tổng kết phong trào thi đua: số lượng do Chủ tịch Ủy ban nhân dân cấp huyện quyết định.",
            ),
        ],
        duties=[
            Duty(
                SO_TTTT,
                _p(
                    "- Phối hợp với Ban Tuyên giáo Tỉnh ủy chỉ đạo các cơ quan truyền thông đẩy mạnh công tác tuyên "
                    "truyền, bám sát cơ sở nhằm phát hiện, biểu dương và nhân rộng những mô hình hay, cách làm mới, "
                    "cách làm sáng tạo của các điển hình tiên tiến trong thực hiện phong trào thi đua.",
                    "- Chủ trì, phối hợp với Ban Thi đua - Khen thưởng tỉnh tham mưu Chủ tịch Ủy ban nhân dân tỉnh "
                    "tổ chức triển khai thực hiện Kế hoạch và đề nghị Chủ tịch Ủy ban nhân dân tỉnh tặng thưởng Bằng "
                    "khen cho các tập thể, cá nhân có thành tích xuất sắc tại Hội nghị sơ kết, tổng kết phong trào "
                    "thi đua.",
                    "- Hướng dẫn, kiểm tra, đôn đốc việc thực hiện Kế hoạch đối với các cơ quan, đơn vị, địa phương.",
                    "- Tổng hợp, báo cáo kết quả triển khai thực hiện phong trào thi đua hàng năm (trước ngày 31/12) "
                    "gửi về Ủy ban nhân dân tỉnh (qua Ban Thi đua - Khen thưởng tỉnh) theo quy định.",
                ),
                unit="stttt-binh-phuoc",
            ),
            Duty(
                "Sở Nội vụ (Ban Thi đua - Khen thưởng tỉnh)",
                _p(
                    "Phối hợp với Sở Thông tin và Truyền thông tham mưu Chủ tịch Ủy ban nhân dân tỉnh tổ chức triển "
                    "khai thực hiện Kế hoạch và thẩm định hồ sơ đề nghị Chủ tịch Ủy ban nhân dân tỉnh tặng thưởng "
                    "Bằng khen cho các tập thể, cá nhân có thành tích xuất sắc tại Hội nghị sơ kết, tổng kết phong "
                    "trào thi đua.",
                ),
            ),
            Duty(
                "Đài Phát thanh - Truyền hình và Báo Bình Phước",
                _p(
                    "Phối hợp với Sở Thông tin và Truyền thông tuyên truyền, mở các chuyên trang, chuyên mục để "
                    "tuyên truyền, nhân rộng các tập thể, cá nhân tiêu biểu, xuất sắc trong thực hiện Phong trào thi "
                    "đua chuyển đổi số trên địa bàn tỉnh.",
                ),
            ),
            Duty(
                "Các sở, ban, ngành, đoàn thể tỉnh",
                _p(
                    "Căn cứ chức năng quản lý nhà nước về ngành, lĩnh vực và nhiệm vụ được giao trong Kế hoạch số "
                    "312/KH-UBND ngày 13/10/2021 của Chủ tịch Ủy ban nhân dân tỉnh về việc triển khai thực hiện Nghị "
                    "quyết số 04-NQ/TU ngày 18/5/2021 của Ban Chấp hành Đảng bộ tỉnh về chuyển đổi số năm 2025 trên "
                    "địa bàn tỉnh Bình Phước và điều kiện cụ thể để xây dựng kế hoạch, hướng dẫn và triển khai tổ "
                    "chức thực hiện đảm bảo nội dung, chất lượng và tiến độ.",
                ),
            ),
            Duty(
                "Ủy ban nhân dân các huyện, thị xã, thành phố",
                _p(
                    "Xây dựng kế hoạch cụ thể để tổ chức Phong trào thi đua trên địa bàn, lồng ghép nội dung về "
                    "chuyển đổi số trong hoạt động của địa phương gắn kết với ứng dụng công nghệ thông tin, chính "
                    "quyền số các cấp, thử nghiệm phát triển dịch vụ đô thị thông minh.",
                ),
            ),
            Duty(
                "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức đoàn thể (đề nghị)",
                _p(
                    "Vận động đoàn viên, hội viên tích cực nâng cao nhận thức về chuyển đổi số và các kỹ năng ứng "
                    "dụng công nghệ số, lựa chọn đảm nhận những nội dung phù hợp với chức năng, nhiệm vụ và khả năng "
                    "của đoàn viên, hội viên trong việc thực hiện chuyển đổi số; gắn Phong trào thi đua với việc "
                    "thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị “Về đẩy mạnh học tập và làm theo "
                    "tư tưởng, đạo đức, phong cách Hồ Chí Minh” cùng với các phong trào, các cuộc vận động khác do "
                    "đoàn thể đang triển khai thực hiện, tạo động lực mới cho việc thực hiện các phong trào thi đua "
                    "yêu nước.",
                ),
            ),
            Duty(
                "Các doanh nghiệp công nghệ thông tin",
                _p(
                    "Tăng cường hỗ trợ về ứng dụng công nghệ cho các cơ quan, đơn vị trên địa bàn tỉnh; phát huy thế "
                    "mạnh của doanh nghiệp để ký kết hợp tác, cung cấp thiết bị, phần mềm và các dịch vụ tiện ích "
                    "khác cho hoạt động chuyển đổi số tại tỉnh.",
                ),
            ),
            # VI.8, the reporting rule; the dates themselves are the campaign's semiannual/annual due days.
            Duty(
                "Tất cả các cơ quan, đơn vị, doanh nghiệp, địa phương",
                _p(
                    "Định kỳ 6 tháng (15/6), hàng năm (15/12), tất cả các cơ quan, đơn vị, doanh nghiệp, địa phương "
                    "gửi báo cáo kết quả thực hiện Phong trào thi đua “Chuyển đổi số giai đoạn 2022 - 2025” trên địa "
                    "bàn tỉnh về Ủy ban nhân dân tỉnh (qua Sở Thông tin và Truyền thông) để làm cơ sở giao chỉ tiêu "
                    "khen thưởng tại Hội nghị sơ kết, tổng kết phong trào thi đua.",
                ),
            ),
        ],
    )


# --- Seed 004: Sở TT&TT Bắc Kạn, thi đua thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2022 (01/2022) --------


def _plan_004() -> Plan:
    return Plan(
        owner="stttt-bac-kan",
        participants_under="stttt-bac-kan",
        fields=dict(
            document_type="Kế hoạch",
            number="",  # "Số: …/KH-STTTT": not filled in the source
            # "ngày … tháng 01 năm 2022": the day is blank. After Quyết định 50/QĐ-UBND of 14/01/2022, which its
            # content cites: 20/01/2022 is our choice.
            issued_on=d(2022, 1, 20),
            place="Bắc Kạn",
            parent_body="UBND TỈNH BẮC KẠN",
            issuer=SO_TTTT,
            kind=CampaignKind.THUONG_XUYEN,
            title=_p(
                "Triển khai phong trào thi đua thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2022",
            ),
            introduction=_p(
                "Sở Thông tin và Truyền thông xây dựng Kế hoạch phát động phong trào thi đua thực hiện nhiệm vụ "
                "phát triển kinh tế - xã hội năm 2022, cụ thể như sau:",
            ),
            # "I. MỤC ĐÍCH, YÊU CẦU" is one undivided section: both paragraphs are kept here.
            purpose=_p(
                "Phát huy nội lực, tinh thần lao động sáng tạo của toàn thể cán bộ, công chức, viên chức nhằm "
                "thực hiện thắng lợi các chỉ tiêu kinh tế - xã hội thuộc lĩnh vực thông tin và truyền thông mà "
                "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XII đã đề ra.",
                "Đổi mới tư duy, hành động tạo chuyển biến mạnh mẽ trong chỉ đạo, điều hành và tổ chức thực hiện "
                "nhiệm vụ; thực hiện tốt mục tiêu kép vừa phòng, chống dịch bệnh Covid-19, vừa phát triển kinh "
                "tế - xã hội hiệu quả; khai thác tốt các tiềm năng, thế mạnh, huy động có hiệu quả mọi nguồn lực "
                "nhằm phát triển lĩnh vực thông tin và truyền thông nhanh, bền vững; kết hợp chặt chẽ giữa phát "
                "triển kinh tế - xã hội với tăng cường củng cố quốc phòng, an ninh, giữ vững an ninh chính trị, "
                "trật tự an toàn xã hội.",
            ),
            subjects_collective=_p(
                "Các phòng, đơn vị thuộc, trực thuộc Sở.",
            ),
            subjects_individual=_p(
                "Cán bộ, công chức, viên chức thuộc Sở.",
            ),
            # IV.1: "Thời gian thi đua: Từ ngày 01/01/2022 đến hết ngày 31/12/2022."
            start_date=d(2022, 1, 1),
            end_date=d(2022, 12, 31),
            award_text=_p(
                "Giấy khen của Giám đốc Sở.",
            ),
            dossier_requirements=_p(
                "a) Thành phần hồ sơ gồm có:",
                "- Tờ trình đề nghị khen thưởng của đơn vị;",
                "- Báo cáo thành tích (bản đầy đủ) kèm theo bản tóm tắt thành tích của tập thể, cá nhân được đề "
                "nghị khen thưởng (mẫu số 07, Phụ lục ban hành kèm theo Nghị định số 91/2017/NĐ-CP ngày "
                "31/7/2017 của Chính phủ)",
                "- Biên bản họp xét khen thưởng của đơn vị.",
                "b. Số lượng hồ sơ: 01 bộ",
                "c. Thời hạn nhận hồ sơ: Trước ngày 15/01/2023.",
            ),
            # "Thời hạn nhận hồ sơ: Trước ngày 15/01/2023": strictly before, so the last day accepted is 14/01/2023.
            dossier_deadline=d(2023, 1, 14),
            organisation=_p(
                "Thời gian thi đua: Từ ngày 01/01/2022 đến hết ngày 31/12/2022.",
            ),
            # The source splits Nơi nhận into "Gửi bản giấy: Lưu: VT, HSTĐKT" and "Gửi bản điện tử: …; Lưu: VT."; one
            # list here, its Lưu keeping both (the document layer prints Nơi nhận as one list).
            recipients=_lines(
                "Ban TĐKT tỉnh (Thay b/c);",
                "GĐ, các PGĐ Sở;",
                "Các phòng, đơn vị thuộc Sở;",
                "Lưu: VT, HSTĐKT.",
            ),
            signer_title="GIÁM ĐỐC",
            signer_name="Hà Văn Tiến",
            status=CampaignStatus.KET_THUC,
        ),
        legal_bases=[
            Basis(
                "Căn cứ",
                "Kế hoạch",
                "17/KH-UBND",
                d(2022, 1, 13),
                "UBND tỉnh Bắc Kạn",
                "về việc phát động thi đua thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2022",
            ),
        ],
        milestones=[
            MilestoneRow(
                "ban-hanh",
                MilestoneKind.BAN_HANH,
                "Ban hành Kế hoạch triển khai phong trào thi đua",
                d(2022, 1, 20),
                "Tháng 01/2022",
            ),
            MilestoneRow(
                "tong-ket",
                MilestoneKind.TONG_KET,
                "Khen thưởng tổng kết phong trào thi đua năm 2022",
                d(2022, 12, 31),
                "Năm 2022",
                "Hồ sơ đề nghị khen thưởng gửi Văn phòng Sở trước ngày 15/01/2023.",
            ),
        ],
        content=[
            Content(
                None,
                "",
                _p(
                    "Phấn đấu hoàn thành và hoàn thành vượt mức các chỉ tiêu, nhiệm vụ phát triển kinh tế - xã hội "
                    "trọng tâm năm 2022 được giao tại Quyết định số 2388/QĐ-UBND ngày 08/12/2021 của UBND tỉnh về "
                    "việc giao chỉ tiêu kế hoạch phát triển kinh tế - xã hội và dự toán ngân sách nhà nước năm 2022; "
                    "Quyết định số 50/QĐ-UBND ngày 14/01/2022 của UBND tỉnh về việc ban hành Chương trình hành động "
                    "thực hiện Kế hoạch phát triển kinh tế - xã hội, đảm bảo quốc phòng – an ninh năm 2022 trên địa "
                    "bàn tỉnh Bắc Kạn; Quyết định số 177/QĐ-STTTT ngày 24/12/2020 của Giám đốc Sở Thông tin và "
                    "Truyền thông về việc giao chỉ tiêu kế hoạch, dự toán chi ngân sách hoạt động Thông tin - Truyền "
                    "thông năm 2022, cụ thể như sau:",
                ),
            ),
            # "* Chỉ tiêu": the thirteen targets, grouped by lĩnh vực and keeping their numbers.
            Content(
                TT_CO_SO,
                "Chỉ tiêu",
                _p(
                    "(1) Số xã, phường có trạm truyền thanh cơ sở hoạt động: 100 xã, phường",
                    "(2) Tỷ lệ xã, phường có trạm truyền thanh cơ sở hoạt động tốt: 96%",
                    "(3) Tỷ lệ xã, phường, thị trấn có đài truyền thanh ứng dụng công nghệ thông tin và viễn thông: "
                    "90%",
                ),
            ),
            Content(
                VIEN_THONG,
                "Chỉ tiêu",
                _p(
                    "(4) Tỷ lệ phủ sóng thông tin di động 3G, 4G tại thôn, bản, tổ dân phố trên địa bàn tỉnh: 100%",
                    "(5) Tỷ lệ phủ sóng thông tin di động 5G tại các trung tâm thị trấn, thành phố trên địa bàn "
                    "tỉnh: 10 %",
                    "(6) Tỷ lệ ngầm hóa mạng cáp viễn thông tại các khu đô thị trên địa bàn tỉnh: 25 %",
                ),
            ),
            Content(
                BUU_CHINH,
                "Chỉ tiêu",
                _p(
                    "(7) Tỷ lệ các điểm bưu chính có người phục vụ: 100%",
                    "(8) Tỷ lệ thủ tục hành chính đã triển khai có phát sinh hồ sơ tiếp nhận hoặc trả kết quả giải "
                    "quyết qua dịch vụ BCCI cấp tỉnh: 50%",
                    "(9) Tỷ lệ thủ tục hành chính đã triển khai có phát sinh hồ sơ tiếp nhận hoặc trả kết quả giải "
                    "quyết qua dịch vụ BCCI cấp huyện: 50%",
                ),
            ),
            Content(
                CNTT,
                "Chỉ tiêu",
                _p(
                    "(10) Tỷ lệ cung cấp dịch vụ công trực tuyến mức độ 4: ≥ 82%",
                    "(11) Tỷ lệ hồ sơ giải quyết dịch vụ công trực tuyến trên tổng số hồ sơ phát sinh: 25%",
                    "(12) Tỷ lệ cuộc họp cấp ủy, chính quyền, đoàn thể (trừ cuộc họp mật) được tổ chức trực tuyến: 5%",
                    "(13) Chỉ số chuyển đổi số cấp tỉnh: Tăng từ 02 bậc trở lên.",
                ),
            ),
            Content(
                CNTT,
                "Nhiệm vụ",
                _p(
                    "(1) Đề án tổng thể về chuyển đổi số tỉnh Bắc Kạn giai đoạn 2021-2025, định hướng đến năm 2030.",
                    "(2) Ban hành danh mục CSDL chuyên ngành của tỉnh theo Nghị định số 47/2020/NĐ-CP ngày 09/4/2020 "
                    "của Chính phủ về quản lý, kết nối và chia sẻ dữ liệu số của các cơ quan nhà nước.",
                ),
            ),
            Content(
                CHUNG,
                "",
                _p(
                    "Tiếp tục triển khai có hiệu quả các phong trào thi đua do Thủ tướng Chính phủ phát động: “Cả "
                    "nước chung sức xây dựng nông thôn mới”; “Doanh nghiệp Việt Nam hội nhập và phát triển”; “Cả "
                    "nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau”; “Cán bộ, công chức, viên chức "
                    "thi đua thực hiện văn hóa công sở”; “Cả nước đoàn kết, chung sức, đồng lòng thi đua phòng, "
                    "chống và chiến thắng đại dịch Covid-19”. Tổ chức các phong trào thi đua theo đợt, theo chuyên "
                    "đề, thi đua lập thành tích chào mừng các ngày lễ lớn của đất nước, của tỉnh, của ngành trong "
                    "năm 2022. Thi đua lao động sáng tạo, đột phá, phát huy sáng kiến với mục tiêu đưa ngành Thông "
                    "tin và Truyền thông phát triển nhanh và bền vững.",
                ),
            ),
            Content(
                CHUNG,
                "",
                _p(
                    "Thi đua xây dựng tổ chức Đảng, chính quyền, đoàn thể trong sạch, vững mạnh, tinh gọn, hoạt động "
                    "hiệu lực, hiệu quả, hoàn thành xuất sắc nhiệm vụ. Gắn các phong trào thi đua với việc đẩy mạnh "
                    "việc học tập, làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh và thực hiện các Chỉ thị, Nghị "
                    "quyết của Đảng, trong đó tập trung xây dựng Đảng trong sạch, vững mạnh, đấu tranh phòng, chống "
                    "tham nhũng, lãng phí, tiêu cực; thi đua xây dựng đội ngũ cán bộ, công chức, viên chức có tâm, "
                    "có tầm, có phẩm chất tốt và trình độ chuyên môn cao, thực hiện tốt nhiệm vụ được giao; phục vụ "
                    "tốt nhất người dân và doanh nghiệp; ứng dụng công nghệ thông tin, xây dựng nền hành chính hiện "
                    "đại, chuyên nghiệp, năng động, sáng tạo. Các tổ chức đoàn thể phát huy tốt vai trò tập hợp, xây "
                    "dựng khối đoàn kết, huy động mọi tiềm năng, nguồn lực, sức sáng tạo của đoàn viên, hội viên góp "
                    "phần tích cực vào thực hiện thắng lợi nhiệm vụ chính trị, chuyên môn được giao của cơ quan, đơn "
                    "vị.",
                ),
            ),
            Content(
                CHUNG,
                "",
                _p(
                    "Thi đua đẩy mạnh thực hiện cải cách hành chính, xây dựng cơ quan hành chính Nhà nước trong "
                    "sạch, vững mạnh, hiện đại, hiệu lực, hiệu quả góp phần nâng cao Chỉ số cải cách hành chính, Chỉ "
                    "số năng lực cạnh tranh, Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh, Chỉ số hài lòng "
                    "của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước. Tập trung đẩy mạnh "
                    "thực hiện chuyển đổi số một cách tổng thể và toàn diện để xây dựng, phát triển chính quyền số, "
                    "kinh tế số, xã hội số. Phấn đấu mỗi cán bộ, công chức, viên chức, người lao động phải trở thành "
                    "nhân tố tiên phong trong xây dựng và phát huy hiệu quả hệ thống chính quyền điện tử hướng tới "
                    "chính quyền số, kinh tế số, xã hội số, chủ động tiếp cận với công nghệ mới, xu hướng mới của "
                    "cách mạng công nghiệp lần thứ 4.",
                    "Coi đây là nhiệm vụ chính trị trọng tâm, cấp bách để đáp ứng yêu cầu nâng cao hiệu lực, hiệu "
                    "quả công tác lãnh đạo, chỉ đạo điều hành, cải cách hành chính để phục vụ người dân và doanh "
                    "nghiệp, hướng tới việc xây dựng một nền hành chính hiện đại, công khai, minh bạch.",
                ),
            ),
            Content(
                CHUNG,
                "",
                _p(
                    "Tăng cường kỷ luật, kỷ cương hành chính, chấn chỉnh lề lối làm việc, nâng cao ý thức, trách "
                    "nhiệm trong thực thi nhiệm vụ, công vụ của cán bộ, công chức, viên chức, người lao động trong "
                    "cơ quan, đơn vị; nâng cao vai trò, trách nhiệm người đứng đầu trong việc kiểm tra, giám sát, "
                    "đôn đốc trong thực hiện nhiệm vụ và thực hiện các quy định của Đảng, pháp luật của Nhà nước, "
                    "nội quy, quy chế của cơ quan, đơn vị. Đẩy mạnh ứng dụng công nghệ thông tin, đổi mới phương "
                    "thức điều hành đảm bảo hiệu lực, hiệu quả.",
                ),
            ),
            Content(
                CHUNG,
                "",
                _p(
                    "Tổ chức tốt việc sơ kết, tổng kết các phong trào thi đua, lựa chọn các tập thể, cá nhân có "
                    "thành tích xuất sắc tiêu biểu để biểu dương, tôn vinh, khen thưởng kịp thời. Chú trọng khen "
                    "thưởng người lao động trực tiếp, khen thưởng đột xuất, khen thưởng theo chuyên đề. Việc biểu "
                    "dương, khen thưởng phải khách quan, công bằng, đúng người, đúng việc, lấy kết quả thực hiện "
                    "nhiệm vụ để đánh giá. Đề cao trách nhiệm của người đứng đầu trong việc phát hiện, biểu dương, "
                    "khen thưởng các tập thể, cá nhân đạt thành tích xuất sắc trong thực hiện nhiệm vụ. Quan tâm "
                    "việc phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến; thường xuyên tuyên truyền nêu gương "
                    "người tốt, việc tốt tạo sức lan tỏa tích cực trong cơ quan, đơn vị.",
                ),
            ),
        ],
        criteria=[
            *[
                Crit(CriterionLevel.CHUNG, text)
                for text in (
                    "Hoàn thành xuất sắc 100% chỉ tiêu, nhiệm vụ được giao trong năm (căn cứ theo Quyết định giao "
                    "chỉ tiêu, nhiệm vụ của cấp có thẩm quyền) và các nhiệm vụ phát sinh đảm bảo đúng tiến độ và "
                    "chất lượng cao, không có nhiệm vụ chậm tiến độ, không đạt kế hoạch giao.",
                    "Lập được thành tích xuất sắc đột xuất trong thực hiện nhiệm vụ.",
                    "100% cá nhân trong tập thể được xếp loại hoàn thành tốt nhiệm vụ trở lên, trong đó, có ít nhất "
                    "01 cá nhân được xếp loại hoàn thành xuất sắc nhiệm vụ; không có cá nhân không hoàn thành nhiệm "
                    "vụ.",
                    "Tích cực tham gia các phong trào thi đua do cơ quan, đơn vị phát động.",
                    "Nội bộ đoàn kết, gương mẫu chấp hành chủ trương, đường lối của Đảng, chính sách, pháp luật của "
                    "Nhà nước, nội quy, quy chế của cơ quan, đơn vị. Không có cá nhân bị kỷ luật từ hình thức cảnh "
                    "cáo trở lên.",
                )
            ],
            *[
                Crit(CriterionLevel.CA_NHAN, text)
                for text in (
                    "Hoàn thành xuất sắc nhiệm vụ được giao, đảm bảo tiến độ và chất lượng cao, không có nhiệm vụ "
                    "chậm tiến độ và không hoàn thành.",
                    "Lập được thành tích xuất sắc đột xuất trong thực hiện nhiệm vụ.",
                    "Có sáng kiến hoặc đề tài nghiên cứu khoa học mang lại hiệu quả cao trong quá trình thực hiện "
                    "nhiệm vụ được cấp có thẩm quyền công nhận.",
                    "Đoàn kết, gương mẫu chấp hành chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà "
                    "nước, các quy định của ngành, nội quy, quy chế của cơ quan, đơn vị. Không bị xử lý kỷ luật từ "
                    "hình thức cảnh cáo trở lên.",
                )
            ],
        ],
        quotas=[
            Quota("giay-khen-giam-doc-so-tap-the", "tong-ket", note="Kế hoạch không quy định số lượng."),
            Quota("giay-khen-giam-doc-so-ca-nhan", "tong-ket", note="Kế hoạch không quy định số lượng."),
        ],
        duties=[
            Duty(
                "Các phòng, đơn vị thuộc, trực thuộc Sở",
                _p(
                    "Các phòng, đơn vị thuộc, trực thuộc Sở phổ biến, quán triệt, tổ chức triển khai thực hiện phong "
                    "trào thi đua đến toàn thể cán bộ, công chức, viên chức, người lao động trong đơn vị. Tổ chức "
                    "thực hiện phong trào thi đua phù hợp với yêu cầu, điều kiện thực tế, gắn với thực hiện các "
                    "nhiệm vụ được giao. Tổ chức bình xét, đề nghị khen thưởng đối với tập thể, cá nhân có thành "
                    "tích xuất sắc trong phong trào thi đua. Chú trọng khen thưởng người lao động trực tiếp.",
                ),
            ),
            Duty(
                "Văn phòng Sở",
                _p(
                    "Văn phòng Sở theo dõi, đôn đốc các đơn vị tổ chức, triển khai, thực hiện phong trào thi đua. "
                    "Tiếp nhận, thẩm định hồ sơ đề nghị khen thưởng của các tập thể, cá nhân, trình Hội đồng thi đua "
                    "- Khen thưởng Sở xem xét, lựa chọn, đề nghị cấp có thẩm quyền khen thưởng./.",
                ),
                unit="bac-kan-van-phong",
            ),
        ],
    )


PLANS = (_plan_000, _plan_001, _plan_002, _plan_003, _plan_004)

# Demo registrations for seed 003: two of the Sở's phòng registered with their own commitments, the Phòng TTBC-XB
# not, so that "who has not registered" shows something. The commitments are written for the demo from the plan's
# targets; they are not part of any source.
DEMO_REGISTRATIONS_003: dict[str, list[tuple[str, str, str]]] = {
    "binh-phuoc-cntt": [
        (
            CNTT,
            "Tham mưu cung cấp 100% thủ tục hành chính đủ điều kiện dưới hình thức dịch vụ công trực tuyến mức độ 4.",
            "100%",
        ),
        (CNTT, "Tối thiểu 80% hồ sơ thủ tục hành chính được xử lý hoàn toàn trực tuyến vào năm 2025.", "≥ 80%"),
        (
            CNTT,
            "90% hồ sơ công việc của Sở được xử lý trên môi trường mạng (trừ hồ sơ công việc thuộc phạm vi bí mật nhà "
            "nước).",
            "90%",
        ),
        (
            ATTT,
            "Tăng cường đảm bảo an ninh thông tin và an toàn dữ liệu cho các hệ thống thông tin dùng chung của tỉnh.",
            "",
        ),
    ],
    "binh-phuoc-bcvt": [
        (VIEN_THONG, "Hạ tầng mạng băng rộng cáp quang phủ trên 80% hộ gia đình, 100% xã.", "> 80% hộ; 100% xã"),
        (VIEN_THONG, "Phổ cập dịch vụ mạng di động 4G/5G và điện thoại di động thông minh.", ""),
        (
            BUU_CHINH,
            "Đẩy mạnh tiếp nhận hồ sơ, trả kết quả giải quyết thủ tục hành chính qua dịch vụ bưu chính công ích.",
            "",
        ),
    ],
}
REGISTERED_BY = "lanhdao.bp"
REGISTERED_AT = datetime.datetime(2022, 6, 20, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))


# --- Loading ------------------------------------------------------------------------------------------------------


def _save(obj: models.Model, **clean: Any) -> models.Model:
    obj.full_clean(**clean)
    obj._change_reason = LOAD_ACTION  # read by django-simple-history
    obj.save()
    return obj


def _award_form(code: str, day: datetime.date) -> AwardForm:
    """The version of the form that applies on the campaign's first day, else any version of the code."""
    return AwardForm.objects.valid_on(day).filter(code=code).first() or AwardForm.objects.get(code=code)


@transaction.atomic
def load() -> list[Campaign]:
    """Create the five seed campaigns that do not exist yet; return all five."""
    return [_load_plan(build()) for build in PLANS]


def _load_plan(plan: Plan) -> Campaign:
    owner = Unit.objects.get(code=plan.owner)
    existing = Campaign.objects.filter(owner=owner, title=plan.fields["title"]).first()
    if existing:
        _complete(existing, plan)
        return existing

    cluster = None
    if plan.cluster:
        cluster = Cluster.objects.get(
            organiser__code=plan.cluster.organiser,
            kind=plan.cluster.kind,
            number=plan.cluster.number,
            year=plan.cluster.year,
        )
    campaign = _save(Campaign(owner=owner, issuer_cluster=cluster, **plan.fields))
    if cluster:
        campaign.participant_clusters.set([cluster])
        campaign.participants.set(cluster.members.all())
    if plan.participants_under:
        top = Unit.objects.get(code=plan.participants_under)
        campaign.participants.set(Unit.objects.filter(path__startswith=top.path, depth__gt=top.depth))

    for order, row in enumerate(plan.legal_bases):
        _save(LegalBasis(campaign=campaign, order=order, **row._asdict()))
    for order, row in enumerate(plan.phases):
        _save(Phase(campaign=campaign, order=order, **row._asdict()))
    milestones = {}
    for order, row in enumerate(plan.milestones):
        values = row._asdict()
        key = values.pop("key")
        milestones[key] = _save(Milestone(campaign=campaign, order=order, **values))
    sectors = {s.code: s for s in Sector.objects.all()}
    for order, row in enumerate(plan.content):
        sector = sectors[row.sector] if row.sector else None
        _save(ContentItem(campaign=campaign, order=order, sector=sector, heading=row.heading, body=row.body))
    for order, row in enumerate(plan.criteria):
        _save(Criterion(campaign=campaign, order=order, level=row.level, text=row.text))
    for order, row in enumerate(plan.quotas):
        values = row._asdict()
        values["award_form"] = _award_form(row.award_form, campaign.start_date)
        values["milestone"] = milestones[row.milestone] if row.milestone else None
        _save(AwardQuota(campaign=campaign, order=order, **values))
    for order, row in enumerate(plan.duties):
        unit = Unit.objects.get(code=row.unit) if row.unit else None
        _save(Responsibility(campaign=campaign, order=order, party=row.party, duties=row.duties, unit=unit))

    campaign_validate_dates(campaign=campaign)
    campaign_generate_calendar(campaign=campaign)
    # No user made this step: the event's user stays empty, which the form-level validation would refuse.
    _save(
        CampaignEvent(campaign=campaign, user=None, action=LOAD_ACTION, to_status=campaign.status),
        exclude=["user"],
    )
    _register(campaign, plan.registrations, sectors)
    return campaign


# What a plan loaded before the document layer may lack to be printed (no signer, no Nơi nhận): filled in when
# still blank, never overwriting what someone has typed since.
DOCUMENT_FIELDS = ("signer_title", "signer_name", "recipients")


def _complete(campaign: Campaign, plan: Plan) -> None:
    blanks = {
        name: plan.fields[name] for name in DOCUMENT_FIELDS if plan.fields.get(name) and not getattr(campaign, name)
    }
    if blanks:
        for name, value in blanks.items():
            setattr(campaign, name, value)
        _save(campaign)


def _register(campaign: Campaign, registrations: dict[str, list[tuple[str, str, str]]], sectors) -> None:
    if not registrations:
        return
    user = User.objects.get(username=REGISTERED_BY)
    for code, commitments in registrations.items():
        unit = Unit.objects.get(code=code)
        if Registration.objects.filter(campaign=campaign, unit=unit).exists():
            continue
        registration = _save(
            Registration(
                campaign=campaign, unit=unit, registered_by=user, note="Đăng ký thi đua giai đoạn 2022 - 2025."
            )
        )
        # registered_at is set on insert; the demo dates it inside the plan's registration month (6/2022).
        Registration.objects.filter(pk=registration.pk).update(registered_at=REGISTERED_AT)
        for order, (sector, text, target) in enumerate(commitments):
            _save(
                Commitment(
                    registration=registration, order=order, sector=sectors[sector], text=text, target_value=target
                )
            )
