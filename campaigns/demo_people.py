"""Demo rows of the people registers: approved yearly ratings and recognised initiatives.

Built from what the demo already holds, so that it follows the award demo whatever nominees it seeds: every
unit with a person proposed in a dossier gets an approved rating list for 2022–2024 (each nominee rated as their
Mẫu 07 declares, the unit's accounts alongside), and every nominee whose Mẫu 07 names an initiative gets that
initiative in the register with a recognising decision. A nominee whose Mẫu 07 names none has none: under the
rules of 2023 a Chiến sĩ thi đua cơ sở proposal for them is refused with "Chưa có sáng kiến được công nhận …";
under those of 2024 the approved "hoàn thành xuất sắc nhiệm vụ" stands in for it (Luật 2022).

For the pages: Phòng CNTT Bình Phước has no list for the current year (its head, lanhdao.bp, is asked to enter
it), Phòng Bưu chính – Viễn thông has sent its list of the current year (Văn phòng Sở, vanphong.bp, reviews it).
Idempotent: a sheet or an initiative that exists is left as it is.
"""

from __future__ import annotations

import datetime
import re

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from campaigns.models import Role, RoleAssignment, Unit, User
from campaigns.people import AnnualRating, Initiative, InitiativeLevel, RatingLevel, RatingSheet, RatingStatus
from campaigns.people import name_key as key_of

YEARS = (2022, 2023, 2024, 2025)
REASON = "Dữ liệu mẫu"
QUOTED = re.compile(r"[“\"]([^”\"]{8,300})[”\"]")


def _office_of(unit: Unit) -> User | None:
    paths = [unit.path[:i] for i in range(Unit.steplen, len(unit.path) + 1, Unit.steplen)]
    row = (
        RoleAssignment.objects.filter(role=Role.VAN_PHONG, unit__path__in=paths)
        .select_related("user")
        .order_by("-unit__depth")
        .first()
    )
    return row.user if row else None


def _head_of(unit: Unit) -> User | None:
    row = RoleAssignment.objects.filter(role=Role.LANH_DAO, unit=unit).select_related("user").first()
    return row.user if row else None


def _people(unit: Unit, nominees: list) -> list[tuple[str, str, str, User | None]]:
    """(full name, chức vụ, rating, account): the unit's accounts, then its nominees (as their Mẫu 07 says)."""
    rows: dict[str, tuple[str, str, str, User | None]] = {}
    for assignment in RoleAssignment.objects.filter(unit=unit).select_related("user").order_by("role", "pk"):
        user = assignment.user
        name = str(user)
        rating = RatingLevel.XUAT_SAC if assignment.role == Role.LANH_DAO else RatingLevel.TOT
        rows.setdefault(key_of(name), (name, user.position, rating, user))
    for nominee in nominees:
        rating = nominee.rating or RatingLevel.XUAT_SAC
        account = nominee.person
        rows[key_of(nominee.full_name)] = (nominee.full_name, nominee.position, rating, account)
    return list(rows.values())


def _sheet(unit: Unit, year: int, people, status: str, *, entered_by, reviewed_by) -> None:
    if RatingSheet.objects.filter(unit=unit, year=year).exists() or not people:
        return
    now = timezone.now()
    sheet = RatingSheet(
        unit=unit,
        year=year,
        status=status,
        entered_by=entered_by,
        sent_at=now if status != RatingStatus.NHAP else None,
        reviewed_by=reviewed_by if status == RatingStatus.DA_DUYET else None,
        reviewed_at=now if status == RatingStatus.DA_DUYET else None,
    )
    sheet._change_reason = REASON
    sheet.save()
    for order, (name, position, rating, account) in enumerate(people, start=1):
        AnnualRating(
            sheet=sheet, full_name=name, position=position or "", rating=rating, person=account, order=order
        ).save()


def _initiative(unit: Unit, year: int, title: str, authors: list[tuple[str, User | None]], number: int, **extra):
    if Initiative.objects.filter(unit=unit, title=title).exists():
        return
    so = unit if unit.level == "so" else Unit.objects.get_parent(unit)
    issuer = extra.pop("issuer", f"Giám đốc {so.name}" if so is not None else unit.name)
    symbol = extra.pop("symbol", (so.symbol or "STTTT") if so is not None else "STTTT")
    initiative = Initiative(
        unit=unit,
        year=year,
        title=title,
        author_names="\n".join(name for name, _user in authors),
        decision_number=f"{number}/QĐ-{symbol}",
        decision_date=datetime.date(year, 12, 10),
        decision_issuer=issuer,
        level=extra.pop("level", InitiativeLevel.CO_SO),
        scope_of_effect=extra.pop("scope_of_effect", "Áp dụng tại đơn vị, tiết kiệm thời gian xử lý hồ sơ."),
        **extra,
    )
    initiative.full_clean()
    initiative._change_reason = REASON
    initiative.save()
    initiative.authors.set([user for _name, user in authors if user is not None])


@transaction.atomic
def load() -> None:
    # awards sits to the right of campaigns (imports go one way): the demo reads its nominees through the registry.
    Nominee = apps.get_model("awards", "Nominee")
    nominees = list(
        Nominee.objects.filter(kind="ca_nhan").select_related("dossier__unit", "person").order_by("dossier_id", "pk")
    )
    by_unit: dict[int, list] = {}
    for nominee in nominees:
        by_unit.setdefault(nominee.dossier.unit_id, []).append(nominee)
    for code in ("binh-phuoc-cntt", "binh-phuoc-bcvt", "bac-kan-cntt"):
        unit = Unit.objects.filter(code=code).first()
        if unit is not None:
            by_unit.setdefault(unit.pk, [])
    this_year = timezone.localdate().year
    for unit in Unit.objects.filter(pk__in=by_unit).order_by("path"):
        people = _people(unit, by_unit[unit.pk])
        head, office = _head_of(unit), _office_of(unit)
        for year in YEARS:
            if year < this_year:
                _sheet(unit, year, people, RatingStatus.DA_DUYET, entered_by=head, reviewed_by=office)
        if unit.code == "binh-phuoc-bcvt":
            _sheet(unit, this_year, people, RatingStatus.DA_GUI, entered_by=head, reviewed_by=None)

    # Initiatives named in the Mẫu 07 of the seeded nominees, recognised by their Sở at the end of the year before
    # the round (so that they count for it).
    for number, nominee in enumerate(nominees, start=101):
        match = QUOTED.search(nominee.initiative or "")
        if not match:
            continue
        year = nominee.dossier.year - 1
        _initiative(nominee.dossier.unit, year, match.group(1).strip(), [(nominee.full_name, nominee.person)], number)

    cntt = Unit.objects.filter(code="binh-phuoc-cntt").first()
    if cntt is not None:
        an = User.objects.filter(username="canbo.bp").first()
        binh = User.objects.filter(username="lanhdao.bp").first()
        _initiative(
            cntt,
            2023,
            "Quy trình số hóa hồ sơ thi đua, khen thưởng của Sở trên cổng thông tin",
            [(str(an) if an else "Nguyễn Văn An", an), (str(binh) if binh else "Trần Thị Bình", binh)],
            87,
        )
        _initiative(
            cntt,
            2024,
            "Bảng theo dõi chỉ tiêu chuyển đổi số cấp xã cập nhật tự động",
            [(str(binh) if binh else "Trần Thị Bình", binh)],
            95,
            level=InitiativeLevel.TINH,
            issuer="Chủ tịch Ủy ban nhân dân tỉnh Bình Phước",
            symbol="UBND",
            scope_of_effect="Được Chủ tịch UBND tỉnh công nhận hiệu quả áp dụng, có khả năng nhân rộng trong tỉnh.",
        )
    bac_kan = Unit.objects.filter(code="bac-kan-cntt").first()
    if bac_kan is not None:
        giang = User.objects.filter(username="canbo.bk").first()
        _initiative(
            bac_kan,
            2023,
            "Phần mềm tổng hợp báo cáo số liệu thông tin cơ sở",
            [(str(giang) if giang else "Đỗ Thị Giang", giang)],
            44,
        )
