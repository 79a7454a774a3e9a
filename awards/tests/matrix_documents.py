"""Permission-matrix rows for the award documents (merged into tests/test_permissions.py), and the award world
they are built on — also used by test_documents.py.

Who reads what follows the selectors: the dossier here is a draft (nháp), so it, its files and its nominees' Mẫu 07
are read by phòng A's own staff and head and by Văn phòng Sở (which may accept a failed check on a draft) — Ban
TĐKT and the Hội đồng get 404 until it is sent (every state and role: tests/test_permissions.py,
test_dossiers_by_state); a meeting or a decision belongs to the Sở, so phòng A's staff and head, who read only
phòng A, do not see it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.base import ContentFile

from tests.matrix import DRAFT_DOSSIER_READERS, Row, expect


@dataclass
class AwardWorld:
    campaign: object
    dossier: object
    person: object  # a Nominee: a person with prior awards
    collective: object  # a Nominee: a collective
    meeting: object
    decision: object  # a Quyết định conferring the Sở's own form
    to_trinh: object  # a Tờ trình forwarding a higher form


def award_world(world) -> AwardWorld:
    """A draft dossier of phòng A with two nominees and its files, a council meeting with votes, a Quyết định
    and a Tờ trình. Built once per test and kept on the world object."""
    if hasattr(world, "_award_world"):
        return world._award_world
    from awards.models import Decision, Dossier, Meeting, MeetingMember, Nominee, PriorAward, Vote
    from campaigns.models import AwardForm
    from campaigns.tests.factories import make_campaign

    campaign = make_campaign(world.so_a, title="Chuyển đổi số giai đoạn 2022 - 2025")
    bang_khen = AwardForm.objects.create(
        code="bk-ubnd-tinh",
        name="Bằng khen của Chủ tịch UBND tỉnh",
        kind="hinh_thuc",
        target="ca_nhan",
        authority="Chủ tịch UBND tỉnh",
        legal_basis="Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
    )
    giay_khen = AwardForm.objects.create(
        code="gk-giam-doc-so",
        name="Giấy khen của Giám đốc Sở",
        kind="hinh_thuc",
        target="tap_the",
        authority="Giám đốc Sở",
    )
    dossier = Dossier.objects.create(
        campaign=campaign,
        unit=world.phong_a,
        round_kind="tong_ket",
        year=2025,
        submission_number="12/TTr-CNTT",
        submission_date=dt.date(2025, 11, 20),
        submission_signer="Lê Thị Hoa",
    )
    dossier.submission_file.save("tt.pdf", ContentFile(b"%PDF-1.4 to trinh"), save=False)
    dossier.submission_file_name = "Tờ trình số 12.pdf"
    dossier.minutes_file.save("bb.pdf", ContentFile(b"%PDF-1.4 bien ban"), save=False)
    dossier.minutes_file_name = "Biên bản họp.pdf"
    dossier.save()
    person = Nominee(
        dossier=dossier,
        kind="ca_nhan",
        award_form=bang_khen,
        full_name="Nguyễn Văn An",
        birth_date=dt.date(1985, 3, 12),
        gender="nam",
        hometown="Xã Tân Lập, huyện Đồng Phú, tỉnh Bình Phước",
        residence="Phường Tân Phú, thành phố Đồng Xoài",
        position="Phó Trưởng phòng",
        work_unit="Phòng CNTT tỉnh A",
        education="Kỹ sư Công nghệ thông tin",
        academic_title="Thạc sĩ",
        rating="xuat_sac",
        duties="Phụ trách công tác chuyển đổi số và an toàn thông tin của Sở.",
        achievements="Tham mưu triển khai nền tảng số dùng chung.\n\nĐưa 100 % thủ tục hành chính lên trực tuyến.",
        measures="Áp dụng phương pháp quản lý dự án linh hoạt.",
        initiative="Sáng kiến “Số hóa hồ sơ một cửa” được công nhận năm 2024.",
        summary="Hoàn thành xuất sắc nhiệm vụ 2 năm liên tục; 01 sáng kiến cấp tỉnh.",
        order=1,
    )
    person.signed_report.save("m07.pdf", ContentFile(b"%PDF-1.4 mau 07"), save=False)
    person.signed_report_name = "Mẫu 07 – Nguyễn Văn An.pdf"
    person.save()
    PriorAward.objects.create(
        nominee=person,
        year=2023,
        is_title=True,
        name="Chiến sĩ thi đua cơ sở",
        decision="QĐ 45/QĐ-STTTT ngày 10/12/2023",
    )
    PriorAward.objects.create(
        nominee=person, year=2024, is_title=False, name="Giấy khen của Giám đốc Sở", decision="QĐ 88/QĐ-STTTT"
    )
    collective = Nominee.objects.create(
        dossier=dossier,
        kind="tap_the",
        award_form=giay_khen,
        full_name="Phòng Công nghệ thông tin",
        collective_unit=world.phong_a,
        members_total=12,
        members_excellent=4,
        members_good=8,
        members_disciplined=0,
        characteristics="Phòng có 12 công chức, trong đó 3 thạc sĩ.",
        duties="Tham mưu quản lý nhà nước về công nghệ thông tin.",
        achievements="Hoàn thành 100 % chỉ tiêu được giao.",
        summary="Tập thể lao động tiên tiến năm 2024.",
        order=2,
    )
    meeting = Meeting.objects.create(
        owner=world.so_a,
        campaign=campaign,
        held_on=dt.date(2025, 12, 5),
        members_total=11,
        members_present=10,
        chair="Trần Văn Bình",
        secretary="Phạm Thu Hà",
        location="Phòng họp Sở TT&TT tỉnh A",
        started_at=dt.time(8, 0),
        ended_at=dt.time(9, 45),
        minutes_number="03",
    )
    # The attendance the Biên bản lists: 11 members (one absent, voting in writing) and a secretary who is not one.
    MeetingMember.objects.create(
        meeting=meeting, name="Trần Văn Bình", position="Giám đốc Sở, Chủ tịch Hội đồng", role="chu_tri", order=1
    )
    for order in range(2, 11):
        MeetingMember.objects.create(
            meeting=meeting, name=f"Thành viên {order:02d}", position="Trưởng phòng, Ủy viên", order=order
        )
    MeetingMember.objects.create(
        meeting=meeting,
        name="Đỗ Văn Vắng",
        position="Phó Giám đốc Sở, Ủy viên",
        present=False,
        written_vote=True,
        order=11,
    )
    MeetingMember.objects.create(
        meeting=meeting,
        name="Phạm Thu Hà",
        position="Chuyên viên Văn phòng Sở",
        role="thu_ky",
        is_member=False,
        order=12,
    )
    Vote.objects.create(
        meeting=meeting, nominee=person, votes_for=10, votes_against=1, threshold_percent=Decimal(90), passed=True
    )
    Vote.objects.create(
        meeting=meeting, nominee=collective, votes_for=9, votes_against=1, threshold_percent=Decimal(80), passed=True
    )
    decision = Decision.objects.create(
        owner=world.so_a,
        kind="quyet_dinh",
        number="125/QĐ-STTTT",
        signed_on=dt.date(2025, 12, 15),
        signer="Hoàng Minh Châu",
        signer_position="Giám đốc",
        issuer="Sở Thông tin và Truyền thông",
        created_by=world.office,
    )
    decision.nominees.set([collective])
    decision.file.save("qd.pdf", ContentFile(b"%PDF-1.4 quyet dinh"), save=True)
    to_trinh = Decision.objects.create(
        owner=world.so_a,
        kind="to_trinh",
        number="130/TTr-STTTT",
        signed_on=dt.date(2025, 12, 16),
        signer="Hoàng Minh Châu",
        signer_position="Giám đốc",
        issuer="Sở Thông tin và Truyền thông",
        created_by=world.office,
    )
    to_trinh.nominees.set([person])
    world._award_world = AwardWorld(campaign, dossier, person, collective, meeting, decision, to_trinh)
    return world._award_world


def _dossier(world) -> dict:
    return {"pk": award_world(world).dossier.pk}


def _person(world) -> dict:
    return {"pk": award_world(world).person.pk}


def _meeting(world) -> dict:
    return {"pk": award_world(world).meeting.pk}


def _decision(world) -> dict:
    return {"pk": award_world(world).decision.pk}


UNIT_READERS = DRAFT_DOSSIER_READERS  # a draft: the dossier's own unit and Văn phòng Sở
SO_READERS = expect(302, 404, office=200, board=200, council=200)  # the Sở's own records

ROWS = {
    "awards:report_docx": Row(kwargs=_person, get=UNIT_READERS),
    "awards:report_pdf": Row(kwargs=_person, get=UNIT_READERS),
    "awards:summary_docx": Row(kwargs=_dossier, get=UNIT_READERS),
    "awards:summary_pdf": Row(kwargs=_dossier, get=UNIT_READERS),
    "awards:dossier_file": Row(kwargs=lambda w: {**_dossier(w), "which": "to-trinh"}, get=UNIT_READERS),
    "awards:nominee_signed_report": Row(kwargs=_person, get=UNIT_READERS),
    "awards:minutes_docx": Row(kwargs=_meeting, get=SO_READERS),
    "awards:minutes_pdf": Row(kwargs=_meeting, get=SO_READERS),
    "awards:decision_docx": Row(kwargs=_decision, get=SO_READERS),
    "awards:decision_pdf": Row(kwargs=_decision, get=SO_READERS),
    "awards:decision_file": Row(kwargs=_decision, get=SO_READERS),
}
