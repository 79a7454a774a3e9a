"""Demo award dossiers (hồ sơ đề nghị khen thưởng) for two seed campaigns, written through awards.services by the
people whose role it is. Run after campaigns' and indicators' demo loaders and `load_vote_rules()`.

Seed 003 (Bình Phước, “Chuyển đổi số giai đoạn 2022 - 2025”), sơ kết Quý IV/2023:
- Phòng Bưu chính – Viễn thông went through the whole flow: sent, received, returned with comments on a nominee's
  Mẫu 07 and on the Biên bản, corrected, sent again, accepted; the Sở's Hội đồng TĐKT (15 members, 13 present)
  voted on its three nominees (two passed, one did not); a Quyết định of the Giám đốc Sở conferred the Giấy khen,
  and the Sở's Tờ trình for the Bằng khen came back with the Chủ tịch UBND tỉnh's decision. So the award register
  (sổ khen thưởng) has entries, and canbo.bcvt's award history shows the Bằng khen.
- Trung tâm CNTT&TT: sent and being reviewed by the Văn phòng Sở (đang thẩm định).
- Phòng CNTT (the demo staff's unit): a draft with five individuals for the Bằng khen, three of them leaders, so
  the 40 % cap of QĐ 26/2020/QĐ-UBND fails on the checklist.

Seed 004 (Bắc Kạn 2022), bình xét cuối năm: Phòng CNTT's dossier sent (đã gửi). The campaign's deadline
(14/01/2023) has passed by now, so the Văn phòng Sở's exception with its reason shows on the dossier.

The council meets in January 2024: the vote rules loaded by `load_vote_rules()` apply from 01/01/2024 (Nghị định
98/2023), and a sơ kết of Quý IV/2023 is voted on early in the next year.

The services stamp today's date; each step is then dated as the story goes (events, comments, history rows).
Idempotent: when seed 003's campaign has any dossier, nothing is loaded.
"""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max

from awards import services
from awards.models import (
    AwardStandard,
    CheckOverride,
    Comment,
    Decision,
    DecisionKind,
    Dossier,
    DossierEvent,
    Gender,
    Meeting,
    MeetingMember,
    MemberRole,
    Nominee,
    PriorAward,
    Rating,
    RoundKind,
    Vote,
)
from campaigns.demo import DEMO_PASSWORD, DemoLogin
from campaigns.models import (
    AwardForm,
    AwardTarget,
    Campaign,
    LegalDocument,
    LegalTopic,
    MilestoneKind,
    Role,
    RoleAssignment,
    Signer,
    Unit,
    User,
)
from indicators.demo import SEED_003_OWNER, SEED_003_TITLE, SEED_004_OWNER, SEED_004_TITLE, at

d = datetime.date

# --- People: Bắc Kạn has a cán bộ and a Văn phòng in campaigns.demo; a unit head is needed to send ------------

DEMO_LOGINS = [
    DemoLogin(
        "lanhdao.bk",
        "Nông Văn Hùng",
        "Trưởng phòng Công nghệ thông tin",
        ((Role.LANH_DAO, "bac-kan-cntt"),),
    ),
]

# The Sở's Hội đồng TĐKT meets on the sơ kết early in 2024, under the rules in force from 01/01/2024.
MEETING_DAY = d(2024, 1, 10)

REVIEWER_BP = "vanphong.bp"
REVIEWER_BK = "vanphong.bk"

BANG_KHEN = "bang-khen-chu-tich-ubnd-tinh-ca-nhan"
GIAY_KHEN = "giay-khen-giam-doc-so-ca-nhan"

SO_BP = "Sở Thông tin và Truyền thông tỉnh Bình Phước"
SO_BK = "Sở Thông tin và Truyền thông tỉnh Bắc Kạn"
GD_BP = f"Giám đốc {SO_BP}"
GD_BK = f"Giám đốc {SO_BK}"


# --- Minimal PDFs (the services check uploads by their first bytes) ---------------------------------------------


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return plain.encode("ascii", "ignore").decode("ascii")


def pdf_bytes(title: str) -> bytes:
    """A one-page PDF whose page shows `title` (without accents: the standard fonts have no Vietnamese)."""
    text = _ascii(title).replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 14 Tf 72 770 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _pdf(file_name: str, title: str) -> ContentFile:
    return ContentFile(pdf_bytes(title), name=file_name)


# --- The story's clock --------------------------------------------------------------------------------------------


class _Clock:
    """Rows written by the services since the last step get the step's time (they were stamped "now")."""

    STAMPED = (
        (DossierEvent, "at"),
        (Comment, "created_at"),
        (CheckOverride, "at"),
        (Decision, "created_at"),
        (Dossier.history.model, "history_date"),
        (Nominee.history.model, "history_date"),
        (Meeting.history.model, "history_date"),
        (MeetingMember.history.model, "history_date"),
        (Vote.history.model, "history_date"),
        (Decision.history.model, "history_date"),
    )

    def __init__(self) -> None:
        self._marks = {model: self._top(model) for model, _ in self.STAMPED}

    @staticmethod
    def _top(model) -> int:
        return model._default_manager.aggregate(top=Max("pk"))["top"] or 0

    def stamp(self, when: datetime.datetime, dossier: Dossier | None = None, *, sent: bool = False) -> None:
        for model, name in self.STAMPED:
            model._default_manager.filter(pk__gt=self._marks[model]).update(**{name: when})
            self._marks[model] = self._top(model)
        if dossier is not None:
            fields: dict[str, Any] = {"status_changed_at": when}
            if sent:
                fields["submitted_at"] = when
            Dossier.objects.filter(pk=dossier.pk).update(**fields)
            if sent:
                Dossier.history.model.objects.filter(id=dossier.pk, history_date=when).update(submitted_at=when)


# --- What the units propose -----------------------------------------------------------------------------------


class Prior(NamedTuple):
    year: int
    is_title: bool
    name: str
    decision: str


class Person(NamedTuple):
    key: str  # how the story refers to this nominee
    full_name: str
    award_form: str  # AwardForm.code
    gender: str
    birth_date: datetime.date
    position: str
    is_leader: bool
    hometown: str
    residence: str
    education: str
    duties: str
    achievements: str
    summary: str
    academic_title: str = ""
    initiative: str = ""
    rating: str = Rating.XUAT_SAC
    account: str = ""  # username when the person has a portal account
    prior: tuple[Prior, ...] = ()


@dataclass(frozen=True)
class DossierSpec:
    unit: str  # Unit.code
    drafted_by: str
    drafted_at: datetime.datetime
    submission_number: str
    submission_date: datetime.date
    submission_signer: str
    minutes_date: datetime.date
    minutes_members_total: int
    minutes_members_present: int
    nominees: list[Person] = field(default_factory=list)
    note: str = ""


def _qd(number: str, day: str, issuer: str) -> str:
    return f"Quyết định số {number} ngày {day} của {issuer}"


BP_DX = "phường Tân Phú, thành phố Đồng Xoài, tỉnh Bình Phước"

BCVT = DossierSpec(
    unit="binh-phuoc-bcvt",
    drafted_by="canbo.bcvt",
    drafted_at=at(2023, 12, 4, 8, 30),
    submission_number="18/TTr-BCVT",
    submission_date=d(2023, 12, 5),
    submission_signer="Bùi Văn Khánh",
    minutes_date=d(2023, 12, 4),
    minutes_members_total=6,
    minutes_members_present=6,
    note="Sơ kết phong trào thi đua “Chuyển đổi số giai đoạn 2022 - 2025”, Quý IV/2023.",
    nominees=[
        Person(
            key="hanh",
            full_name="Ngô Thị Hạnh",
            award_form=BANG_KHEN,
            gender=Gender.NU,
            birth_date=d(1988, 3, 14),
            position="Chuyên viên",
            is_leader=False,
            hometown="xã Thanh Lương, thị xã Bình Long, tỉnh Bình Phước",
            residence=BP_DX,
            education="Kỹ sư Điện tử – Viễn thông",
            account="canbo.bcvt",
            initiative=(
                "Sáng kiến “Cơ sở dữ liệu hạ tầng viễn thông thụ động trên bản đồ số tỉnh Bình Phước”, được Hội "
                "đồng sáng kiến Sở công nhận năm 2023."
            ),
            duties=(
                "Tham mưu quản lý nhà nước về viễn thông: thẩm định, kiểm tra hạ tầng viễn thông thụ động; theo dõi "
                "phát triển hạ tầng băng rộng cố định và di động; tổng hợp số liệu của các doanh nghiệp viễn thông "
                "trên địa bàn tỉnh."
            ),
            achievements=(
                "Hoàn thành xuất sắc nhiệm vụ được giao. Theo dõi, tổng hợp các chỉ tiêu xã hội số (mục III.3) của "
                "Kế hoạch phát động phong trào thi đua “Chuyển đổi số giai đoạn 2022 - 2025”: 6 tháng đầu năm 2023, "
                "105/111 xã (94,6 %) có hạ tầng cáp quang (năm 2022: 102/111); 214.600/271.300 hộ gia đình (79,1 %) "
                "có cáp quang; 219.800/271.300 hộ (81,0 %) sử dụng phương tiện kết nối thông minh. Tổng hợp đúng hạn "
                "báo cáo của VNPT, Viettel, MobiFone, FPT Telecom. Xây dựng cơ sở dữ liệu hạ tầng viễn thông thụ "
                "động trên bản đồ số, phục vụ cấp phép và dùng chung hạ tầng."
            ),
            summary=(
                "Chuyên viên Phòng BCVT, hoàn thành xuất sắc nhiệm vụ năm 2023; có sáng kiến được công nhận; "
                "tham mưu đạt và vượt các chỉ tiêu hạ tầng số của phong trào (94,6 % xã có cáp quang)."
            ),
            prior=(
                Prior(2021, True, "Lao động tiên tiến", _qd("12/QĐ-STTTT", "18/01/2022", GD_BP)),
                Prior(2022, True, "Chiến sĩ thi đua cơ sở", _qd("09/QĐ-STTTT", "16/01/2023", GD_BP)),
                Prior(2022, False, "Giấy khen của Giám đốc Sở", _qd("10/QĐ-STTTT", "16/01/2023", GD_BP)),
            ),
        ),
        Person(
            key="thang",
            full_name="Lương Văn Thắng",
            award_form=GIAY_KHEN,
            gender=Gender.NAM,
            birth_date=d(1979, 8, 22),
            position="Phó trưởng phòng",
            is_leader=True,
            hometown="xã Tân Tiến, huyện Đồng Phú, tỉnh Bình Phước",
            residence="phường Tân Bình, thành phố Đồng Xoài, tỉnh Bình Phước",
            education="Kỹ sư Điện tử – Viễn thông",
            academic_title="Thạc sĩ",
            duties=(
                "Giúp Trưởng phòng phụ trách lĩnh vực viễn thông và Internet; chỉ đạo công tác chuyển đổi số, "
                "ứng dụng CNTT trong hoạt động của Phòng."
            ),
            # What the Văn phòng found too thin; the corrected text is CORRECTED_THANG.
            achievements="Hoàn thành tốt các nhiệm vụ được giao, tham mưu lãnh đạo Sở phát triển hạ tầng viễn thông.",
            summary=(
                "Phó trưởng phòng BCVT, hoàn thành xuất sắc nhiệm vụ năm 2023; chỉ đạo Phòng đạt các chỉ tiêu "
                "chính quyền số của phong trào."
            ),
            prior=(Prior(2022, True, "Lao động tiên tiến", _qd("09/QĐ-STTTT", "16/01/2023", GD_BP)),),
        ),
        Person(
            key="trang",
            full_name="Phan Thị Thu Trang",
            award_form=GIAY_KHEN,
            gender=Gender.NU,
            birth_date=d(1993, 11, 5),
            position="Chuyên viên",
            is_leader=False,
            hometown="xã Đức Liễu, huyện Bù Đăng, tỉnh Bình Phước",
            residence=BP_DX,
            education="Cử nhân Quản trị kinh doanh",
            duties="Tham mưu quản lý bưu chính, dịch vụ bưu chính công ích; theo dõi tiếp nhận, trả kết quả TTHC qua "
            "dịch vụ bưu chính công ích.",
            achievements=(
                "Hoàn thành xuất sắc nhiệm vụ được giao. Phối hợp Bưu điện tỉnh đẩy mạnh tiếp nhận hồ sơ, trả kết "
                "quả TTHC qua dịch vụ bưu chính công ích; tổng hợp kịp thời báo cáo định kỳ lĩnh vực bưu chính."
            ),
            summary="Chuyên viên Phòng BCVT, hoàn thành xuất sắc nhiệm vụ năm 2023.",
        ),
    ],
)

CORRECTED_THANG = (
    "Hoàn thành xuất sắc nhiệm vụ được giao. Chỉ đạo Phòng hoàn thành các chỉ tiêu chính quyền số 6 tháng đầu năm "
    "2023 (số liệu đã được Văn phòng Sở duyệt): 238/262 hồ sơ công việc (90,8 %) xử lý trên môi trường mạng, đạt "
    "chỉ tiêu 90 %; 331/352 văn bản, báo cáo (94,0 %) gửi nhận dưới dạng điện tử có ký số; 12/14 chế độ báo cáo "
    "định kỳ thực hiện trên hệ thống thông tin báo cáo; 9/10 công chức của Phòng có kỹ năng số cơ bản. Tham mưu "
    "Kế hoạch chuyển đổi số năm 2023 của Phòng (số 05/KH-BCVT ngày 15/3/2023), ban hành trước hạn 31/3/2023."
)

TTCNTT = DossierSpec(
    unit="binh-phuoc-ttcntt",
    drafted_by="lanhdao.ttcntt",
    drafted_at=at(2023, 12, 8, 14, 0),
    submission_number="27/TTr-TTCNTT",
    submission_date=d(2023, 12, 11),
    submission_signer="Đặng Thị Lan",
    minutes_date=d(2023, 12, 8),
    minutes_members_total=7,
    minutes_members_present=7,
    nominees=[
        Person(
            key="vinh",
            full_name="Hồ Quang Vinh",
            award_form=BANG_KHEN,
            gender=Gender.NAM,
            birth_date=d(1990, 6, 17),
            position="Chuyên viên kỹ thuật",
            is_leader=False,
            hometown="xã Minh Hưng, huyện Chơn Thành, tỉnh Bình Phước",
            residence="phường Tân Xuân, thành phố Đồng Xoài, tỉnh Bình Phước",
            education="Kỹ sư Công nghệ thông tin",
            initiative=(
                "Giải pháp “Tự động điền sẵn dữ liệu biểu mẫu dịch vụ công trực tuyến từ kho dữ liệu công dân”, "
                "được Hội đồng sáng kiến Sở công nhận năm 2023."
            ),
            duties="Quản trị, vận hành Cổng dịch vụ công và Hệ thống thông tin giải quyết TTHC tỉnh.",
            achievements=(
                "Hoàn thành xuất sắc nhiệm vụ được giao. Thiết kế lại 903/1.214 dịch vụ công trực tuyến (74,4 %) "
                "theo hướng điền sẵn dữ liệu; 151.200/188.500 tài khoản sử dụng DVC trực tuyến (80,2 %) được định "
                "danh, xác thực điện tử thông suốt (6 tháng đầu năm 2023)."
            ),
            summary="Kỹ sư Trung tâm CNTT&TT, có sáng kiến được công nhận; đóng góp chính vào việc thiết kế lại "
            "dịch vụ công trực tuyến của tỉnh.",
            prior=(Prior(2022, True, "Lao động tiên tiến", _qd("09/QĐ-STTTT", "16/01/2023", GD_BP)),),
        ),
        Person(
            key="anh",
            full_name="Lâm Thị Ngọc Ánh",
            award_form=BANG_KHEN,
            gender=Gender.NU,
            birth_date=d(1992, 2, 29),
            position="Chuyên viên",
            is_leader=False,
            hometown="phường An Lộc, thị xã Bình Long, tỉnh Bình Phước",
            residence=BP_DX,
            education="Cử nhân Hệ thống thông tin quản lý",
            duties="Hỗ trợ các cơ quan triển khai nền tảng quản trị tổng thể, hệ thống quản lý văn bản và điều hành.",
            achievements=(
                "Hoàn thành xuất sắc nhiệm vụ được giao. Hướng dẫn 117/142 cơ quan nhà nước thực hiện chỉ đạo, điều "
                "hành và quản trị nội bộ trên nền tảng quản trị tổng thể; tổ chức 24 lớp tập huấn kỹ năng số cho cán "
                "bộ, công chức cấp xã."
            ),
            summary="Chuyên viên Trung tâm CNTT&TT, hoàn thành xuất sắc nhiệm vụ năm 2023.",
        ),
        Person(
            key="tuan",
            full_name="Trương Minh Tuấn",
            award_form=GIAY_KHEN,
            gender=Gender.NAM,
            birth_date=d(1982, 10, 9),
            position="Phó Giám đốc Trung tâm",
            is_leader=True,
            hometown="xã Tân Lập, huyện Đồng Phú, tỉnh Bình Phước",
            residence="phường Tân Đồng, thành phố Đồng Xoài, tỉnh Bình Phước",
            education="Kỹ sư Công nghệ thông tin",
            academic_title="Thạc sĩ",
            duties="Phụ trách kỹ thuật, hạ tầng Trung tâm dữ liệu và an toàn thông tin của tỉnh.",
            achievements=(
                "Hoàn thành xuất sắc nhiệm vụ được giao. Chỉ đạo vận hành an toàn Trung tâm dữ liệu tỉnh, nền tảng "
                "LGSP; không để xảy ra sự cố mất an toàn thông tin nghiêm trọng."
            ),
            summary="Phó Giám đốc Trung tâm CNTT&TT, hoàn thành xuất sắc nhiệm vụ năm 2023.",
        ),
    ],
)

CNTT_DUTIES = "Tham mưu quản lý nhà nước về công nghệ thông tin, chuyển đổi số, chính quyền số của tỉnh."

CNTT = DossierSpec(
    unit="binh-phuoc-cntt",
    drafted_by="canbo.bp",
    drafted_at=at(2023, 12, 11, 9, 0),
    submission_number="21/TTr-CNTT",
    submission_date=d(2023, 12, 12),
    submission_signer="Trần Thị Bình",
    minutes_date=d(2023, 12, 11),
    minutes_members_total=7,
    minutes_members_present=7,
    note="Dự thảo: chờ lãnh đạo Phòng rà soát trước khi gửi.",
    nominees=[
        Person(
            key="binh",
            full_name="Trần Thị Bình",
            award_form=BANG_KHEN,
            gender=Gender.NU,
            birth_date=d(1980, 4, 12),
            position="Trưởng phòng",
            is_leader=True,
            hometown="xã Tiến Hưng, thành phố Đồng Xoài, tỉnh Bình Phước",
            residence=BP_DX,
            education="Kỹ sư Công nghệ thông tin",
            academic_title="Thạc sĩ",
            account="lanhdao.bp",
            duties="Trưởng phòng, phụ trách chung; " + CNTT_DUTIES[0].lower() + CNTT_DUTIES[1:],
            achievements=(
                "Hoàn thành xuất sắc nhiệm vụ được giao. Tham mưu UBND tỉnh triển khai Kế hoạch phát động phong "
                "trào thi đua “Chuyển đổi số giai đoạn 2022 - 2025”; chủ trì theo dõi các chỉ tiêu chính phủ số "
                "(dịch vụ công trực tuyến toàn trình, hồ sơ TTHC xử lý trực tuyến) của tỉnh."
            ),
            summary="Trưởng phòng CNTT, hoàn thành xuất sắc nhiệm vụ năm 2023.",
            prior=(
                Prior(2022, True, "Chiến sĩ thi đua cơ sở", _qd("09/QĐ-STTTT", "16/01/2023", GD_BP)),
                Prior(
                    2021,
                    False,
                    "Bằng khen của Chủ tịch UBND tỉnh",
                    _qd("402/QĐ-UBND", "10/3/2022", "Chủ tịch UBND tỉnh Bình Phước"),
                ),
            ),
        ),
        Person(
            key="hieu",
            full_name="Đinh Công Hiếu",
            award_form=BANG_KHEN,
            gender=Gender.NAM,
            birth_date=d(1983, 9, 3),
            position="Phó trưởng phòng",
            is_leader=True,
            hometown="xã Lộc Thái, huyện Lộc Ninh, tỉnh Bình Phước",
            residence="phường Tân Thiện, thành phố Đồng Xoài, tỉnh Bình Phước",
            education="Kỹ sư Công nghệ thông tin",
            duties="Phó trưởng phòng, phụ trách chính quyền số và an toàn thông tin.",
            achievements=(
                "Hoàn thành xuất sắc nhiệm vụ được giao. Chỉ đạo kết nối các hệ thống thông tin của tỉnh qua nền tảng "
                "LGSP; tổ chức diễn tập ứng cứu sự cố an toàn thông tin mạng năm 2023."
            ),
            summary="Phó trưởng phòng CNTT, hoàn thành xuất sắc nhiệm vụ năm 2023.",
        ),
        Person(
            key="linh",
            full_name="Võ Thị Mỹ Linh",
            award_form=BANG_KHEN,
            gender=Gender.NU,
            birth_date=d(1986, 12, 20),
            position="Phó trưởng phòng",
            is_leader=True,
            hometown="xã Thành Tâm, huyện Chơn Thành, tỉnh Bình Phước",
            residence=BP_DX,
            education="Cử nhân Tin học",
            duties="Phó trưởng phòng, phụ trách kinh tế số và xã hội số.",
            achievements=(
                "Hoàn thành xuất sắc nhiệm vụ được giao. Tham mưu triển khai Tổ công nghệ số cộng đồng tại các xã, "
                "phường, thị trấn; hướng dẫn doanh nghiệp nhỏ và vừa sử dụng nền tảng số."
            ),
            summary="Phó trưởng phòng CNTT, hoàn thành xuất sắc nhiệm vụ năm 2023.",
        ),
        Person(
            key="an",
            full_name="Nguyễn Văn An",
            award_form=BANG_KHEN,
            gender=Gender.NAM,
            birth_date=d(1991, 7, 25),
            position="Chuyên viên",
            is_leader=False,
            hometown="xã Phú Riềng, huyện Phú Riềng, tỉnh Bình Phước",
            residence="phường Tân Phú, thành phố Đồng Xoài, tỉnh Bình Phước",
            education="Kỹ sư Công nghệ thông tin",
            account="canbo.bp",
            duties="Theo dõi dịch vụ công trực tuyến, tổng hợp số liệu chuyển đổi số của các sở, ngành, địa phương.",
            achievements=(
                "Hoàn thành xuất sắc nhiệm vụ được giao. Tổng hợp đúng hạn số liệu các chỉ tiêu của phong trào; hỗ "
                "trợ các huyện rà soát thủ tục hành chính đủ điều kiện cung cấp dịch vụ công trực tuyến toàn trình."
            ),
            summary="Chuyên viên Phòng CNTT, hoàn thành xuất sắc nhiệm vụ năm 2023.",
        ),
        Person(
            key="oanh",
            full_name="Huỳnh Thị Kim Oanh",
            award_form=BANG_KHEN,
            gender=Gender.NU,
            birth_date=d(1995, 1, 18),
            position="Chuyên viên",
            is_leader=False,
            hometown="xã Thiện Hưng, huyện Bù Đốp, tỉnh Bình Phước",
            residence=BP_DX,
            education="Cử nhân Khoa học máy tính",
            duties="Theo dõi an toàn thông tin, chữ ký số chuyên dùng của các cơ quan nhà nước trên địa bàn tỉnh.",
            achievements=(
                "Hoàn thành xuất sắc nhiệm vụ được giao. Hướng dẫn các cơ quan cấp, gia hạn chứng thư số chuyên dùng; "
                "theo dõi tỷ lệ văn bản điện tử có ký số của các sở, ngành."
            ),
            summary="Chuyên viên Phòng CNTT, hoàn thành xuất sắc nhiệm vụ năm 2023.",
        ),
    ],
)

BK_RES = "phường Đức Xuân, thành phố Bắc Kạn, tỉnh Bắc Kạn"

BAC_KAN = DossierSpec(
    unit="bac-kan-cntt",
    drafted_by="canbo.bk",
    drafted_at=at(2023, 1, 9, 14, 0),
    submission_number="04/TTr-CNTT",
    submission_date=d(2023, 1, 12),
    submission_signer="Nông Văn Hùng",
    minutes_date=d(2023, 1, 11),
    minutes_members_total=5,
    minutes_members_present=5,
    note="Hồ sơ bản giấy đã gửi qua văn thư Sở ngày 13/01/2023.",
    nominees=[
        Person(
            key="giang",
            full_name="Đỗ Thị Giang",
            award_form=GIAY_KHEN,
            gender=Gender.NU,
            birth_date=d(1990, 5, 8),
            position="Chuyên viên",
            is_leader=False,
            hometown="xã Cẩm Giàng, huyện Bạch Thông, tỉnh Bắc Kạn",
            residence=BK_RES,
            education="Kỹ sư Công nghệ thông tin",
            account="canbo.bk",
            duties="Theo dõi dịch vụ công trực tuyến và chỉ số chuyển đổi số (DTI) của tỉnh.",
            achievements=(
                "Hoàn thành xuất sắc nhiệm vụ được giao. Tham mưu rà soát, nâng tỷ lệ thủ tục hành chính cung cấp "
                "dịch vụ công trực tuyến toàn trình (chỉ tiêu (10) năm 2022 của Sở: ≥ 82 %); tổng hợp hồ sơ chấm "
                "điểm chỉ số DTI năm 2022 của tỉnh."
            ),
            summary="Chuyên viên Phòng CNTT, hoàn thành xuất sắc nhiệm vụ năm 2022.",
            prior=(Prior(2021, True, "Lao động tiên tiến", _qd("08/QĐ-STTTT", "20/01/2022", GD_BK)),),
        ),
        Person(
            key="tung",
            full_name="Hoàng Văn Tùng",
            award_form=GIAY_KHEN,
            gender=Gender.NAM,
            birth_date=d(1984, 11, 30),
            position="Phó trưởng phòng",
            is_leader=True,
            hometown="xã Quảng Khê, huyện Ba Bể, tỉnh Bắc Kạn",
            residence="phường Sông Cầu, thành phố Bắc Kạn, tỉnh Bắc Kạn",
            education="Kỹ sư Điện tử – Tin học",
            duties="Phó trưởng phòng, phụ trách cơ sở dữ liệu và nền tảng số của tỉnh.",
            achievements=(
                "Hoàn thành xuất sắc nhiệm vụ được giao. Tham mưu xây dựng Đề án chuyển đổi số giai đoạn 2021 - "
                "2025, định hướng đến năm 2030 và danh mục cơ sở dữ liệu chuyên ngành theo Nghị định 47/2020/NĐ-CP "
                "(nhiệm vụ (1) và (2) của Kế hoạch)."
            ),
            summary="Phó trưởng phòng CNTT, hoàn thành xuất sắc nhiệm vụ năm 2022.",
        ),
        Person(
            key="mai",
            full_name="Triệu Thị Mai",
            award_form=GIAY_KHEN,
            gender=Gender.NU,
            birth_date=d(1994, 3, 2),
            position="Chuyên viên",
            is_leader=False,
            hometown="xã Đồng Thắng, huyện Chợ Đồn, tỉnh Bắc Kạn",
            residence=BK_RES,
            education="Cử nhân Công nghệ thông tin",
            duties="Hỗ trợ các cơ quan sử dụng hệ thống hội nghị truyền hình trực tuyến và hệ thống quản lý văn bản.",
            achievements=(
                "Hoàn thành xuất sắc nhiệm vụ được giao. Hỗ trợ kỹ thuật các cuộc họp trực tuyến của tỉnh; hướng dẫn "
                "cán bộ cấp xã sử dụng chữ ký số trên hệ thống quản lý văn bản và điều hành."
            ),
            summary="Chuyên viên Phòng CNTT, hoàn thành xuất sắc nhiệm vụ năm 2022.",
        ),
    ],
)

# Phòng CNTT itself, proposed for the Giấy khen tập thể: it met every chỉ tiêu of 2022 it holds (DTI included: from
# hạng 47 to 44, three places against the two asked), which the campaign's own standard (§III.2: 100 % chỉ tiêu)
# reads from its approved figures through the one evaluation.
BAC_KAN_COLLECTIVE = {
    "kind": AwardTarget.TAP_THE,
    "award_form": "giay-khen-giam-doc-so-tap-the",
    "full_name": "Phòng Công nghệ thông tin, Sở Thông tin và Truyền thông tỉnh Bắc Kạn",
    "members_total": 6,
    "members_excellent": 3,
    "members_good": 3,
    "members_disciplined": 0,
    "characteristics": "Phòng có 06 công chức (01 trưởng phòng, 01 phó trưởng phòng, 04 chuyên viên), tham mưu "
    "Giám đốc Sở về công nghệ thông tin, chuyển đổi số, dịch vụ công trực tuyến và cơ sở dữ liệu của tỉnh.",
    "duties": "Tham mưu thực hiện các chỉ tiêu (10), (11) và (13), nhiệm vụ (1) và (2) của Kế hoạch năm 2022.",
    "achievements": "Hoàn thành 100 % chỉ tiêu được giao năm 2022 (kết quả theo số liệu đã duyệt trên cổng).",
    "measures": "Rà soát, tái cấu trúc quy trình thủ tục hành chính; hướng dẫn tại chỗ các cơ quan cấp huyện.",
    "summary": "Tập thể hoàn thành xuất sắc nhiệm vụ năm 2022, hoàn thành 100 % chỉ tiêu được giao.",
}

# Phòng BCVT's year-end bình xét of 2023 (seed 003's campaign, round "Bình xét cuối năm"): the titles the Giám đốc
# Sở confers. Lao động tiên tiến follows its own path — the unit's bình xét with its Biên bản, the Sở's council
# reviewing the list without a ballot threshold, the Giám đốc deciding — and Chiến sĩ thi đua cơ sở is voted on
# by secret ballot (≥ 80 % of the council's total membership).
LDTT = "lao-dong-tien-tien"
CSTDCS = "chien-si-thi-dua-co-so"
HANH = next(p for p in BCVT.nominees if p.key == "hanh")
TRANG = next(p for p in BCVT.nominees if p.key == "trang")
THANG = next(p for p in BCVT.nominees if p.key == "thang")
BCVT_YEAR = DossierSpec(
    unit="binh-phuoc-bcvt",
    drafted_by="canbo.bcvt",
    drafted_at=at(2023, 12, 20, 8, 30),
    submission_number="24/TTr-BCVT",
    submission_date=d(2023, 12, 21),
    submission_signer="Bùi Văn Khánh",
    minutes_date=d(2023, 12, 20),
    minutes_members_total=6,
    minutes_members_present=6,
    note="Bình xét danh hiệu thi đua năm 2023 của Phòng Bưu chính – Viễn thông (Biên bản họp ngày 20/12/2023).",
    nominees=[
        HANH._replace(key="hanh-ldtt", award_form=LDTT, prior=()),
        HANH._replace(key="hanh-cstdcs", award_form=CSTDCS, prior=()),
        TRANG._replace(key="trang-ldtt", award_form=LDTT),
        THANG._replace(key="thang-ldtt", award_form=LDTT, achievements=CORRECTED_THANG),
    ],
)
HANH_INITIATIVE = {
    "year": 2023,
    "title": "Cơ sở dữ liệu hạ tầng viễn thông thụ động trên bản đồ số tỉnh Bình Phước",
    "author_names": "Ngô Thị Hạnh",
    "decision_number": "112/QĐ-STTTT",
    "decision_date": d(2023, 11, 20),
    "decision_issuer": "Sở Thông tin và Truyền thông tỉnh Bình Phước",
    "level": "co_so",
    "scope_of_effect": "Áp dụng tại Sở trong cấp phép, dùng chung hạ tầng viễn thông thụ động.",
    "note": "Dữ liệu demo (minh họa).",
}

# Bắc Kạn's council of January 2023, under the rules of that date (Nghị định 91/2017): a Giấy khen passes with
# more than half of the council's total membership.
BK_MEETING_DAY = d(2023, 1, 18)
BK_COUNCIL = [
    ("Hà Văn Tiến", "Giám đốc Sở, Chủ tịch Hội đồng", MemberRole.CHU_TRI, True, True),
    ("Lục Văn Thành", "Phó Giám đốc Sở, Phó Chủ tịch Hội đồng", MemberRole.THANH_VIEN, True, True),
    ("Ma Thị Huyền", "Chánh Văn phòng Sở, Ủy viên Thường trực", MemberRole.THANH_VIEN, True, True),
    ("Nông Văn Hùng", "Trưởng phòng Công nghệ thông tin, Ủy viên", MemberRole.THANH_VIEN, True, True),
    ("Hoàng Thị Lý", "Trưởng phòng Bưu chính – Viễn thông, Ủy viên", MemberRole.THANH_VIEN, True, True),
    ("Triệu Văn Sinh", "Chánh Thanh tra Sở, Ủy viên", MemberRole.THANH_VIEN, True, True),
    ("Đàm Thị Nga", "Chủ tịch Công đoàn cơ sở, Ủy viên", MemberRole.THANH_VIEN, True, False),
    ("La Thị Hương", "Chuyên viên Văn phòng Sở", MemberRole.THU_KY, False, True),
]


BK_OVERRIDE = (
    "Đơn vị đã gửi hồ sơ bản giấy qua văn thư Sở ngày 13/01/2023 (trong hạn, theo sổ công văn đến); bản điện tử "
    "gửi bổ sung sau hạn. Văn phòng Sở chấp nhận."
)


# --- Loading ----------------------------------------------------------------------------------------------------


@transaction.atomic
def load() -> None:
    """Create the demo dossiers, council vote and decisions, unless seed 003 already has dossiers."""
    _people()
    seed_003 = _campaign(SEED_003_OWNER, SEED_003_TITLE)
    _organisation_basis(seed_003.owner)
    if seed_003.dossiers.exists():
        return
    seed_004 = _campaign(SEED_004_OWNER, SEED_004_TITLE)
    so_ket = seed_003.milestones.get(kind=MilestoneKind.SO_KET)
    for code in (BANG_KHEN, GIAY_KHEN):
        if services.vote_rule_for(_award_form(code, MEETING_DAY), MEETING_DAY) is None:
            raise LookupError(f"No vote rule for “{code}”: run awards.catalogue.load_vote_rules() first.")
    _plan_standards(seed_004)
    users = {u.username: u for u in User.objects.filter(username__in=_usernames())}
    clock = _Clock()

    round_003 = {"campaign": seed_003, "round_kind": RoundKind.SO_KET, "year": so_ket.due_date.year}
    _full_flow(clock, users, _draft(clock, users, BCVT, milestone=so_ket, **round_003))
    _waiting_for_review(clock, users, _draft(clock, users, TTCNTT, milestone=so_ket, **round_003))
    _draft(clock, users, CNTT, milestone=so_ket, **round_003)
    bac_kan = _draft(clock, users, BAC_KAN, campaign=seed_004, round_kind=RoundKind.NAM, year=2022)
    bac_kan = _collective(clock, users, BAC_KAN, bac_kan, BAC_KAN_COLLECTIVE)
    _sent_after_deadline(clock, users, bac_kan)
    _decided_under_2023_rules(clock, users, Dossier.objects.get(pk=bac_kan.pk))
    year_end = _draft(clock, users, BCVT_YEAR, campaign=seed_003, round_kind=RoundKind.NAM, year=2023)
    _year_end_titles(clock, users, year_end)


# The basis of the Giám đốc Sở's authority that a Quyết định cites ("Căn cứ Quyết định số … của UBND tỉnh … quy
# định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở …"). The real decision of Bình Phước could not be
# verified: this row is illustrative, and its note says so.
ORGANISATION_BASIS = {
    "topic": LegalTopic.TO_CHUC,
    "doc_type": "Quyết định",
    "number": "38/2021/QĐ-UBND",
    "issued_on": d(2021, 9, 15),
    "issuer": "UBND tỉnh Bình Phước",
    "title": "quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Thông tin và Truyền thông tỉnh "
    "Bình Phước",
    "province": "Bình Phước",
    "valid_from": d(2021, 9, 25),
    "note": "MINH HỌA (dữ liệu demo): số, ngày và trích yếu CHƯA ĐỐI CHIẾU với văn bản thật của UBND tỉnh Bình "
    "Phước. Quản trị viên thay bằng quyết định hiện hành trước khi dùng.",
}


def _organisation_basis(so: Unit) -> None:
    fields = dict(ORGANISATION_BASIS)
    LegalDocument.objects.get_or_create(
        doc_type=fields.pop("doc_type"),
        number=fields.pop("number"),
        issuer=fields.pop("issuer"),
        defaults={**fields, "unit": so},
    )


def _plan_standards(campaign: Campaign) -> None:
    """Seed 004 sets its own standards for the Giấy khen of the Giám đốc Sở (§III.2): kept with the campaign, so
    that they stay its rules whatever the general standards become."""
    basis = f"{campaign.title[:120]} – mục III.2 Tiêu chuẩn khen thưởng"
    rows = {
        "ca_nhan": {"min_rating": "xuat_sac", "no_discipline": True},
        "tap_the": {
            "targets_achieved_percent": 100,
            "members_all_good": True,
            "members_excellent_min": 1,
            "no_discipline": True,
        },
    }
    for target, fields in rows.items():
        form = _award_form(f"giay-khen-giam-doc-so-{target.replace('_', '-')}", campaign.start_date)
        AwardStandard.objects.get_or_create(
            campaign=campaign, award_form=form, target=target, defaults={"legal_basis": basis, **fields}
        )


def _usernames() -> set[str]:
    names = {REVIEWER_BP, REVIEWER_BK, "lanhdao.bcvt", "lanhdao.bk"}
    for spec in (BCVT, TTCNTT, CNTT, BAC_KAN, BCVT_YEAR):
        names.add(spec.drafted_by)
        names |= {p.account for p in spec.nominees if p.account}
    return names


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


def _award_form(code: str, day: datetime.date) -> AwardForm:
    form = AwardForm.objects.valid_on(day).filter(code=code).first() or AwardForm.objects.filter(code=code).first()
    if form is None:
        raise LookupError(f"Award form “{code}” not found: run campaigns.catalogue.load_catalogue() first.")
    return form


def _slug(text: str) -> str:
    return "-".join(_ascii(text).replace("/", "-").split())


def _report(spec: DossierSpec, person: Person, version: int = 1) -> ContentFile:
    suffix = f"-lan-{version}" if version > 1 else ""
    return _pdf(
        f"Bao-cao-thanh-tich-{_slug(person.full_name)}{suffix}.pdf",
        f"Bao cao thanh tich (Mau 07) - {person.full_name} - {spec.submission_number}",
    )


def _minutes(spec: DossierSpec, version: int = 1) -> ContentFile:
    suffix = f"-lan-{version}" if version > 1 else ""
    return _pdf(
        f"Bien-ban-hop-xet-{spec.minutes_date:%d-%m-%Y}{suffix}.pdf",
        f"Bien ban hop Hoi dong TDKT ngay {spec.minutes_date:%d/%m/%Y}",
    )


def _draft(clock: _Clock, users: dict[str, User], spec: DossierSpec, **round_: Any) -> Dossier:
    """The unit's staff draft the dossier: the round, the Tờ trình and Biên bản, each nominee's Mẫu 07."""
    drafter = users[spec.drafted_by]
    unit = Unit.objects.get(code=spec.unit)
    dossier = services.dossier_create(unit=unit, user=drafter, **round_)
    Dossier.objects.filter(pk=dossier.pk).update(created_at=spec.drafted_at)
    clock.stamp(spec.drafted_at, dossier)
    dossier = services.dossier_update(
        dossier=dossier,
        user=drafter,
        version=dossier.version,
        data={
            "submission_number": spec.submission_number,
            "submission_date": spec.submission_date,
            "submission_signer": spec.submission_signer,
            "minutes_date": spec.minutes_date,
            "minutes_members_total": spec.minutes_members_total,
            "minutes_members_present": spec.minutes_members_present,
            "note": spec.note,
        },
        submission_upload=_pdf(
            f"To-trinh-{_slug(spec.submission_number)}.pdf",
            f"To trinh so {spec.submission_number} ngay {spec.submission_date:%d/%m/%Y}",
        ),
        minutes_upload=_minutes(spec),
    )
    clock.stamp(spec.drafted_at + datetime.timedelta(minutes=10))
    day = dossier.milestone.due_date if dossier.milestone_id else datetime.date(dossier.year, 12, 31)
    work_unit = f"{unit.name}, {Unit.objects.get_parent(unit).name}"
    for order, person in enumerate(spec.nominees, start=1):
        nominee = services.nominee_save(
            dossier=dossier,
            user=drafter,
            data={
                "kind": AwardTarget.CA_NHAN,
                "award_form": _award_form(person.award_form, day),
                "person": users[person.account] if person.account else None,
                "full_name": person.full_name,
                "birth_date": person.birth_date,
                "gender": person.gender,
                "hometown": person.hometown,
                "residence": person.residence,
                "position": person.position,
                "work_unit": work_unit,
                "education": person.education,
                "academic_title": person.academic_title,
                "is_leader": person.is_leader,
                "rating": person.rating,
                "initiative": person.initiative,
                "duties": person.duties,
                "achievements": person.achievements,
                "summary": person.summary,
                "order": order,
            },
            report_upload=_report(spec, person),
        )
        for prior in person.prior:
            row = PriorAward(nominee=nominee, **prior._asdict())
            row.full_clean()
            row.save()
        clock.stamp(spec.drafted_at + datetime.timedelta(minutes=10 + 15 * order))
        dossier.refresh_from_db()
    return dossier


def _collective(
    clock: _Clock, users: dict[str, User], spec: DossierSpec, dossier: Dossier, data: dict[str, Any]
) -> Dossier:
    """The unit proposes itself (a collective nominee) with its Báo cáo thành tích."""
    unit = Unit.objects.get(code=spec.unit)
    day = dossier.milestone.due_date if dossier.milestone_id else datetime.date(dossier.year, 12, 31)
    services.nominee_save(
        dossier=dossier,
        user=users[spec.drafted_by],
        data={
            **data,
            "award_form": _award_form(data["award_form"], day),
            "collective_unit": unit,
            "order": len(spec.nominees) + 1,
        },
        report_upload=_pdf(
            f"Bao-cao-thanh-tich-tap-the-{_slug(unit.name)}.pdf",
            f"Bao cao thanh tich tap the (Mau 07) - {spec.submission_number}",
        ),
    )
    clock.stamp(spec.drafted_at + datetime.timedelta(minutes=10 + 15 * (len(spec.nominees) + 1)))
    dossier.refresh_from_db()
    return dossier


def _nominee(dossier: Dossier, key: str, spec: DossierSpec) -> Nominee:
    name = next(p.full_name for p in spec.nominees if p.key == key)
    return dossier.nominees.get(full_name=name)


def _full_flow(clock: _Clock, users: dict[str, User], dossier: Dossier) -> None:
    """Phòng BCVT: the whole road from sending to the register."""
    head, staff, office = users["lanhdao.bcvt"], users[BCVT.drafted_by], users[REVIEWER_BP]
    thang = _nominee(dossier, "thang", BCVT)

    dossier = services.dossier_send(dossier=dossier, user=head)
    clock.stamp(at(2023, 12, 6, 15, 10), dossier, sent=True)
    dossier = services.dossier_receive(dossier=dossier, user=office)
    clock.stamp(at(2023, 12, 7, 8, 15), dossier)
    dossier = services.dossier_request_changes(
        dossier=dossier,
        user=office,
        comments=[
            {
                "target": "nominee",
                "nominee": thang,
                "text": "Báo cáo thành tích của ông Lương Văn Thắng (mục II.2) chưa nêu kết quả cụ thể, có số liệu, "
                "của các nhiệm vụ được giao năm 2023; đề nghị bổ sung và gửi lại bản đã ký.",
            },
            {
                "target": "bien_ban",
                "text": "Biên bản họp chưa ghi kết quả biểu quyết đối với từng cá nhân được đề nghị; đề nghị bổ sung.",
            },
        ],
    )
    clock.stamp(at(2023, 12, 8, 10, 30), dossier)

    # The unit corrects what was asked.
    services.nominee_save(
        dossier=dossier,
        user=staff,
        nominee=thang,
        data={"achievements": CORRECTED_THANG},
        report_upload=_report(BCVT, next(p for p in BCVT.nominees if p.key == "thang"), version=2),
    )
    clock.stamp(at(2023, 12, 11, 14, 0))
    dossier.refresh_from_db()
    dossier = services.dossier_update(
        dossier=dossier,
        user=staff,
        version=dossier.version,
        data={"note": BCVT.note + " Đã bổ sung theo ý kiến thẩm định của Văn phòng Sở ngày 08/12/2023."},
        minutes_upload=_minutes(BCVT, version=2),
    )
    clock.stamp(at(2023, 12, 11, 14, 20))

    dossier = services.dossier_send(dossier=dossier, user=head)
    clock.stamp(at(2023, 12, 12, 9, 0), dossier, sent=True)
    dossier = services.dossier_receive(dossier=dossier, user=office)
    clock.stamp(at(2023, 12, 13, 8, 0), dossier)
    dossier = services.dossier_accept(dossier=dossier, user=office)
    clock.stamp(at(2023, 12, 14, 16, 0), dossier)

    # The Sở's council: 15 members, 13 present; a simple majority of the whole membership (8) passes. The Giám
    # đốc (Chủ tịch Hội đồng) is away: the Phó Giám đốc, Phó Chủ tịch Hội đồng, chairs.
    owner = dossier.campaign.owner
    meeting = services.meeting_create(
        owner=owner,
        campaign=dossier.campaign,
        user=office,
        data={
            "held_on": MEETING_DAY,
            "members_total": 15,
            "members_present": 13,
            "location": "Phòng họp Sở Thông tin và Truyền thông tỉnh Bình Phước",
            "started_at": datetime.time(8, 0),
            "ended_at": datetime.time(10, 30),
            "minutes_number": "01",
            "note": "Thành viên vắng mặt: đi công tác, không có phiếu biểu quyết bằng văn bản.",
        },
        members=[
            {"name": name, "position": position, "role": role, "is_member": member, "present": present}
            for name, position, role, member, present in COUNCIL_BP
        ],
    )
    clock.stamp(at(2024, 1, 8, 15, 0))
    hanh, trang = _nominee(dossier, "hanh", BCVT), _nominee(dossier, "trang", BCVT)
    services.meeting_record_votes(
        meeting=meeting, user=office, votes={hanh.pk: (13, 0), thang.pk: (11, 2), trang.pk: (6, 7)}
    )
    clock.stamp(at(MEETING_DAY.year, MEETING_DAY.month, MEETING_DAY.day, 10, 30), dossier)

    # The Giám đốc Sở confers the Giấy khen; the Bằng khen goes up to the Chủ tịch UBND tỉnh. The Phó Giám đốc
    # signs both "KT. GIÁM ĐỐC" (campaigns.demo's signers).
    deputy = Signer.objects.filter(unit=owner, name="Phạm Thị Dung").first()
    services.decision_create(
        owner=owner,
        user=office,
        kind=DecisionKind.QUYET_DINH,
        data={"number": "25/QĐ-STTTT", "signed_on": d(2024, 1, 15), "signer_ref": deputy, "issuer": owner.name},
        nominees=[thang],
        upload=_pdf("Quyet-dinh-25-QD-STTTT.pdf", "Quyet dinh so 25/QD-STTTT ngay 15/01/2024"),
    )
    clock.stamp(at(2024, 1, 15, 15, 0), dossier)
    proposal = services.decision_create(
        owner=owner,
        user=office,
        kind=DecisionKind.TO_TRINH,
        data={"number": "09/TTr-STTTT", "signed_on": d(2024, 1, 15), "signer_ref": deputy, "issuer": owner.name},
        nominees=[hanh],
        upload=_pdf("To-trinh-09-TTr-STTTT.pdf", "To trinh so 09/TTr-STTTT ngay 15/01/2024"),
    )
    clock.stamp(at(2024, 1, 15, 15, 20))
    services.decision_record_higher(
        decision=proposal,
        user=office,
        number="318/QĐ-UBND",
        signed_on=d(2024, 2, 26),
        issuer="UBND tỉnh Bình Phước",
    )
    clock.stamp(at(2024, 2, 28, 9, 0))


# The Sở's Hội đồng TĐKT as the Biên bản lists it: (name, chức vụ, role, council member, present). Illustrative
# names, except the signers of campaigns.demo (the Giám đốc, and the Phó Giám đốc who chairs: hoidong.bp) and the
# unit heads who signed their units' Tờ trình.
COUNCIL_BP = [
    ("Nguyễn Hoài Nam", "Giám đốc Sở, Chủ tịch Hội đồng", MemberRole.THANH_VIEN, True, False),
    ("Phạm Thị Dung", "Phó Giám đốc Sở, Phó Chủ tịch Hội đồng", MemberRole.CHU_TRI, True, True),
    ("Đỗ Minh Quang", "Phó Giám đốc Sở, Ủy viên", MemberRole.THANH_VIEN, True, True),
    ("Lý Thanh Hà", "Chánh Văn phòng Sở, Ủy viên Thường trực", MemberRole.THANH_VIEN, True, True),
    ("Hoàng Văn Sơn", "Chánh Thanh tra Sở, Ủy viên", MemberRole.THANH_VIEN, True, True),
    ("Bùi Văn Khánh", "Trưởng phòng Bưu chính – Viễn thông, Ủy viên", MemberRole.THANH_VIEN, True, True),
    ("Trần Thị Bình", "Trưởng phòng Công nghệ thông tin, Ủy viên", MemberRole.THANH_VIEN, True, True),
    ("Mai Thị Thu", "Trưởng phòng Thông tin – Báo chí – Xuất bản, Ủy viên", MemberRole.THANH_VIEN, True, True),
    (
        "Đặng Thị Lan",
        "Giám đốc Trung tâm Công nghệ thông tin và Truyền thông, Ủy viên",
        MemberRole.THANH_VIEN,
        True,
        True,
    ),
    ("Vũ Thị Hồng", "Chủ tịch Công đoàn cơ sở Sở, Ủy viên", MemberRole.THANH_VIEN, True, True),
    ("Lâm Quốc Bảo", "Bí thư Chi đoàn Sở, Ủy viên", MemberRole.THANH_VIEN, True, True),
    ("Tạ Thị Ngân", "Phó Chánh Văn phòng Sở, Ủy viên", MemberRole.THANH_VIEN, True, True),
    ("Châu Văn Lộc", "Phó Chánh Thanh tra Sở, Ủy viên", MemberRole.THANH_VIEN, True, True),
    ("Phùng Thị Yến", "Kế toán trưởng Văn phòng Sở, Ủy viên", MemberRole.THANH_VIEN, True, True),
    ("Kiều Văn Định", "Phó trưởng phòng Thông tin – Báo chí – Xuất bản, Ủy viên", MemberRole.THANH_VIEN, True, False),
    ("Lê Văn Cường", "Chuyên viên Văn phòng Sở", MemberRole.THU_KY, False, True),
]


def _waiting_for_review(clock: _Clock, users: dict[str, User], dossier: Dossier) -> None:
    """Trung tâm CNTT&TT: sent by its head, taken up by the Văn phòng Sở."""
    dossier = services.dossier_send(dossier=dossier, user=users["lanhdao.ttcntt"])
    clock.stamp(at(2023, 12, 12, 16, 40), dossier, sent=True)
    dossier = services.dossier_receive(dossier=dossier, user=users[REVIEWER_BP])
    clock.stamp(at(2023, 12, 14, 8, 30), dossier)


def _sent_after_deadline(clock: _Clock, users: dict[str, User], dossier: Dossier) -> None:
    """Bắc Kạn: past the campaign's deadline, the Văn phòng accepts the exception, then the head sends."""
    services.check_override(dossier=dossier, user=users[REVIEWER_BK], code="deadline", reason=BK_OVERRIDE)
    clock.stamp(at(2023, 1, 16, 8, 30))
    dossier = services.dossier_send(dossier=dossier, user=users["lanhdao.bk"])
    clock.stamp(at(2023, 1, 16, 9, 15), dossier, sent=True)


def _decided_under_2023_rules(clock: _Clock, users: dict[str, User], dossier: Dossier) -> None:
    """Bắc Kạn's dossier goes to the end under the rules of January 2023: found valid, the Sở's council votes
    (the vote rule of Nghị định 91/2017's time), the Giám đốc Sở confers the Giấy khen; the amounts are those of
    the lương cơ sở in force that day (1.490.000 đ). Triệu Thị Mai does not reach half the council: refused."""
    office, so = users[REVIEWER_BK], dossier.campaign.owner
    dossier = services.dossier_receive(dossier=dossier, user=office)
    clock.stamp(at(2023, 1, 16, 14, 0), dossier)
    dossier = services.dossier_accept(dossier=dossier, user=office)
    clock.stamp(at(2023, 1, 17, 9, 30), dossier)
    meeting = services.meeting_create(
        owner=so,
        campaign=dossier.campaign,
        user=office,
        data={
            "held_on": BK_MEETING_DAY,
            "members_total": 7,
            "members_present": 6,
            "location": "Phòng họp Sở Thông tin và Truyền thông tỉnh Bắc Kạn",
            "started_at": datetime.time(14, 0),
            "ended_at": datetime.time(15, 30),
            "minutes_number": "01",
        },
        members=[
            {"name": name, "position": position, "role": role, "is_member": member, "present": present}
            for name, position, role, member, present in BK_COUNCIL
        ],
    )
    clock.stamp(at(2023, 1, 17, 16, 0))
    people = {n.full_name: n for n in dossier.nominees.all()}
    giang, tung, mai = (people[p.full_name] for p in BAC_KAN.nominees)
    collective = dossier.nominees.get(kind=AwardTarget.TAP_THE)
    services.meeting_record_votes(
        meeting=meeting,
        user=office,
        votes={giang.pk: (6, 0), tung.pk: (5, 1), mai.pk: (3, 3), collective.pk: (6, 0)},
    )
    clock.stamp(at(2023, 1, 18, 15, 30), dossier)
    director = Signer.objects.filter(unit=so, name="Hà Văn Tiến").first()
    services.decision_create(
        owner=so,
        user=office,
        kind=DecisionKind.QUYET_DINH,
        data={"number": "07/QĐ-STTTT", "signed_on": d(2023, 1, 19), "signer_ref": director, "issuer": so.name},
        nominees=[giang, tung, collective],
        upload=_pdf("Quyet-dinh-07-QD-STTTT.pdf", "Quyet dinh so 07/QD-STTTT ngay 19/01/2023"),
    )
    clock.stamp(at(2023, 1, 19, 16, 0), dossier)


def _year_end_titles(clock: _Clock, users: dict[str, User], dossier: Dossier) -> None:
    """Phòng BCVT's Lao động tiên tiến list and its Chiến sĩ thi đua cơ sở, to the Giám đốc Sở's Quyết định."""
    from campaigns.people import Initiative

    initiative, _ = Initiative.objects.get_or_create(
        unit=dossier.unit, title=HANH_INITIATIVE["title"], defaults=HANH_INITIATIVE
    )
    hanh_cstdcs = dossier.nominees.get(award_form__code=CSTDCS)
    hanh_cstdcs.initiatives.add(initiative)
    head, office = users["lanhdao.bcvt"], users[REVIEWER_BP]
    dossier = services.dossier_send(dossier=dossier, user=head)
    clock.stamp(at(2023, 12, 22, 9, 0), dossier, sent=True)
    dossier = services.dossier_receive(dossier=dossier, user=office)
    clock.stamp(at(2023, 12, 26, 8, 30), dossier)
    dossier = services.dossier_accept(dossier=dossier, user=office)
    clock.stamp(at(2023, 12, 27, 10, 0), dossier)
    meeting = Meeting.objects.get(owner=dossier.campaign.owner, campaign=dossier.campaign, held_on=MEETING_DAY)
    listed = {n.pk: True for n in dossier.nominees.filter(award_form__code=LDTT)}
    services.meeting_record_votes(
        meeting=meeting,
        user=office,
        votes={hanh_cstdcs.pk: (13, 0)},
        ballots={hanh_cstdcs.pk: (13, 13, 13)},
        agreed=listed,
    )
    clock.stamp(at(MEETING_DAY.year, MEETING_DAY.month, MEETING_DAY.day, 10, 45), dossier)
    owner = dossier.campaign.owner
    director = Signer.objects.filter(unit=owner, name="Nguyễn Hoài Nam").first()
    services.decision_create(
        owner=owner,
        user=office,
        kind=DecisionKind.QUYET_DINH,
        data={"number": "27/QĐ-STTTT", "signed_on": d(2024, 1, 16), "signer_ref": director, "issuer": owner.name},
        nominees=list(dossier.nominees.all()),
        upload=_pdf("Quyet-dinh-27-QD-STTTT.pdf", "Quyet dinh so 27/QD-STTTT ngay 16/01/2024"),
    )
    clock.stamp(at(2024, 1, 16, 15, 0), dossier)
