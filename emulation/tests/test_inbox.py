"""The inbox (emulation.inbox): for each role, the items it must list — exactly those, nothing of another unit or
province —, each a link to the page where the work is done; its query count whatever the number of items; the
home page and the navigation's badges."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awards.models import Decision, Dossier, Meeting, Nominee, Vote
from campaigns.models import Role, User
from campaigns.tests.factories import UserFactory, grant, make_campaign, make_unit
from emulation.inbox import inbox_for
from emulation.reports.models import Report, ReportDownload
from indicators.models import Indicator, Submission, Target, Value

TODAY = dt.date(2025, 12, 1)
# Campaigns whose awards are still being decided but that no longer ask for figures.
CLOSED = "ket_thuc"  # the 6-month report (15/06) is overdue, the annual one (15/12) due in 14 days


def _when(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))


def _periods(campaign):
    return campaign.reporting_periods.get(kind="sau_thang"), campaign.reporting_periods.get(kind="nam")


def _submission(period, unit, status, **fields) -> Submission:
    if status in ("da_gui", "da_duyet"):
        fields.setdefault("submitted_at", _when(period.due_date))
    return Submission.objects.create(period=period, unit=unit, status=status, **fields)


def _dossier(campaign, unit, status, **fields) -> Dossier:
    fields.setdefault("round_kind", "nam")
    fields.setdefault("year", 2025)
    return Dossier.objects.create(campaign=campaign, unit=unit, status=status, **fields)


def _nominee(dossier, name) -> Nominee:
    from awards.tests.factories import make_award_form

    return Nominee.objects.create(dossier=dossier, kind="ca_nhan", award_form=make_award_form(), full_name=name)


def _meeting(owner, campaign, held_on) -> Meeting:
    return Meeting.objects.create(owner=owner, campaign=campaign, held_on=held_on, members_total=9, members_present=9)


def _to_trinh(owner, user, number) -> Decision:
    return Decision.objects.create(
        owner=owner, kind="to_trinh", number=number, signed_on=TODAY, signer="Nguyễn Văn Ký", issuer=owner.name,
        created_by=user,
    )  # fmt: skip


def _report(campaign, period, status, **fields) -> Report:
    if status == "xong":
        fields.setdefault("finished_at", timezone.now())
    return Report.objects.create(campaign=campaign, period=period, status=status, **fields)


def _url(name, *args, query: str = "") -> str:
    return reverse(name, args=args) + query


def _entry(unit, period) -> str:
    return f"{reverse('indicators:data_entry')}?don_vi={unit.pk}&ky={period.pk}"


@pytest.fixture
def scene(world):
    """Sở A's campaign of 2025 (its two phòng report), and noise the inbox of Sở A's people must never show:
    the same kinds of work in province B, and another phòng's drafts and returns."""
    campaign = make_campaign(world.so_a, title="Phong trào tỉnh A 2025")
    other = make_campaign(world.so_b, title="Phong trào tỉnh B 2025")
    q1, q2 = _periods(other)
    _submission(q1, world.phong_b, "tra_lai", return_reason="Sai số liệu")
    _submission(q2, world.phong_b, "da_gui")
    _dossier(other, world.phong_b, "yeu_cau_bo_sung")
    _dossier(other, world.phong_b, "da_gui")
    _nominee(_dossier(other, world.phong_b, "hop_le"), "Người tỉnh B")
    _meeting(world.so_b, other, TODAY + dt.timedelta(days=3))
    _to_trinh(world.so_b, world.office_b, "09/TTr-STTTT-B")
    _report(other, q1, "xong")
    _report(other, q2, "loi", error="Lỗi tỉnh B")
    p1, _ = _periods(campaign)
    _submission(p1, world.phong_a2, "tra_lai", return_reason="Phòng khác")
    _dossier(campaign, world.phong_a2, "yeu_cau_bo_sung", round_kind="so_ket")
    _dossier(campaign, world.phong_a2, "nhap", round_kind="dot_xuat")
    return campaign


def _staff(world, campaign):
    p1, p2 = _periods(campaign)
    returned = _submission(
        p1,
        world.phong_a,
        "tra_lai",
        return_reason="Thiếu minh chứng",
        reviewed_by=world.office,
        reviewed_at=_when(TODAY),
    )
    indicator = Indicator.objects.create(code="ti-le", name="Tỷ lệ xã có đài", measure="count", entry="number")
    target = Target.objects.create(campaign=campaign, indicator=indicator, comparator="gte", value=1)
    Value.objects.create(submission=returned, target=target, value=1, returned=True, return_comment="Số xã chưa đúng")
    changes = _dossier(campaign, world.phong_a, "yeu_cau_bo_sung")
    _dossier(campaign, world.phong_a, "nhap", round_kind="dot_xuat")  # a draft: the head signs it, not the staff
    expected = {
        ("so_lieu_tra_lai", _url("indicators:submission_detail", returned.pk)),
        ("nhap_so_lieu", _entry(world.phong_a, p2)),
        ("ho_so_bo_sung", _url("awards:dossier_detail", changes.pk)),
    }
    return world.staff, expected


def _head(world, campaign):
    p1, p2 = _periods(campaign)
    draft = _submission(p1, world.phong_a, "nhap")
    dossier = _dossier(campaign, world.phong_a, "nhap")
    expected = {
        ("so_lieu_cho_gui", _url("indicators:submission_detail", draft.pk)),
        ("ho_so_cho_gui", _url("awards:dossier_detail", dossier.pk)),
        ("nhap_so_lieu", _entry(world.phong_a, p2)),
        ("dang_ky", _url("campaigns:registration_create", campaign.pk)),
        # In December the head enters the unit's xếp loại of the year (campaigns.people_services).
        ("xep_loai_can_nhap", _url("campaigns:rating_sheet", world.phong_a.pk, TODAY.year)),
    }
    return world.head, expected


def _office(world, campaign):
    p1, p2 = _periods(campaign)
    older = _submission(p1, world.phong_a, "da_gui", submitted_at=_when(dt.date(2025, 7, 1)))
    newer = _submission(p2, world.phong_a2, "da_gui", submitted_at=_when(dt.date(2025, 11, 20)))
    received = _dossier(campaign, world.phong_a, "da_gui")
    appraised = _dossier(campaign, world.phong_a2, "dang_tham_dinh", round_kind="so_ket")
    valid_in = make_campaign(world.so_a, title="Phong trào có hồ sơ hợp lệ", status=CLOSED)
    _nominee(_dossier(valid_in, world.phong_a, "hop_le"), "Nguyễn Văn Hợp Lệ")
    meeting = _meeting(world.so_a, make_campaign(world.so_a, title="Phong trào đã lập phiên họp", status=CLOSED), TODAY)
    voted_in = make_campaign(world.so_a, title="Phong trào đã biểu quyết", status=CLOSED)
    passed = _nominee(_dossier(voted_in, world.phong_a, "da_xet"), "Trần Thị Đạt")
    Vote.objects.create(
        meeting=_meeting(world.so_a, voted_in, dt.date(2025, 11, 1)),
        nominee=passed, votes_for=9, votes_against=0, threshold_percent=80, passed=True,
    )  # fmt: skip
    forwarded = _to_trinh(world.so_a, world.office, "12/TTr-STTTT")
    failed = _report(campaign, p1, "loi", error="Không tạo được báo cáo")
    _report(campaign, p2, "loi", error="Lỗi cũ")
    _report(campaign, p2, "xong", version=2)  # a later success: the earlier failure is done with
    expected = {
        ("so_lieu_cho_duyet", _url("indicators:submission_detail", older.pk)),
        ("so_lieu_cho_duyet", _url("indicators:submission_detail", newer.pk)),
        ("chua_bao_cao", _url("indicators:campaign_progress", campaign.pk, query=f"?ky={p1.pk}#tinh-hinh-gui")),
        ("ho_so_cho_xu_ly", _url("awards:dossier_detail", received.pk)),
        ("ho_so_cho_xu_ly", _url("awards:dossier_detail", appraised.pk)),
        ("hoi_dong_chuan_bi", _url("awards:meeting_create", query=f"?phong_trao={valid_in.pk}")),
        ("hoi_dong_chuan_bi", _url("awards:meeting_detail", meeting.pk)),
        ("quyet_dinh", _url("awards:decision_create")),
        ("quyet_dinh", _url("awards:decision_detail", forwarded.pk)),
        ("bao_cao_loi", _url("reports:report_detail", failed.pk)),
    }
    return world.office, expected


def _council(world, campaign):
    _nominee(_dossier(campaign, world.phong_a, "hop_le"), "Lê Văn Một")
    _nominee(_dossier(campaign, world.phong_a2, "hop_le", round_kind="so_ket"), "Lê Văn Hai")
    coming = _meeting(world.so_a, campaign, TODAY + dt.timedelta(days=5))
    _meeting(world.so_a, campaign, TODAY - dt.timedelta(days=30))  # held: nothing left for the members
    waiting = make_campaign(world.so_a, title="Phong trào chờ lập phiên họp")
    _nominee(_dossier(waiting, world.phong_a, "hop_le"), "Phạm Thị Chờ")
    expected = {
        ("hoi_dong", _url("awards:meeting_detail", coming.pk)),
        ("hoi_dong", _url("awards:campaign_dossiers", waiting.pk, query="?trang_thai=hop_le")),
    }
    return world.council, expected


def _board(world, campaign):
    p1, p2 = _periods(campaign)
    fresh = _report(campaign, p2, "xong")
    read = _report(campaign, p1, "xong")
    ReportDownload.objects.create(report=read, user=world.board, kind="pdf")
    forwarded = _to_trinh(world.so_a, world.office, "15/TTr-STTTT")
    expected = {
        ("bao_cao_moi", _url("reports:report_detail", fresh.pk)),
        ("to_trinh", _url("awards:decision_detail", forwarded.pk)),
    }
    return world.board, expected


@pytest.mark.parametrize("build", [_staff, _head, _office, _council, _board], ids=lambda f: f.__name__[1:])
def test_each_role_sees_exactly_its_own_work(world, scene, build):
    user, expected = build(world, scene)
    inbox = inbox_for(User.objects.get(pk=user.pk), today=TODAY)
    listed = {(section.key, item.url) for section in inbox.sections for item in section.items}
    assert listed == expected
    assert inbox.total == len(expected)


def test_returned_figures_carry_the_reviewers_comments(world, scene):
    user, _ = _staff(world, scene)
    item = inbox_for(user, today=TODAY).section("so_lieu_tra_lai").items[0]
    assert item.details == ("Lý do trả lại (" + world.office.display_name + "): Thiếu minh chứng",
                            "Tỷ lệ xã có đài: Số xã chưa đúng")  # fmt: skip
    assert item.due == dt.date(2025, 6, 15)


def test_figures_waiting_for_review_come_oldest_first_with_the_days_waiting(world, scene):
    user, _ = _office(world, scene)
    items = inbox_for(user, today=TODAY).section("so_lieu_cho_duyet").items
    assert [i.since.date() for i in items] == [dt.date(2025, 7, 1), dt.date(2025, 11, 20)]


def test_units_not_reported_are_named_with_how_many_of_how_many(world, scene):
    user, _ = _office(world, scene)
    [item] = inbox_for(user, today=TODAY).section("chua_bao_cao").items
    assert item.title == "Báo cáo 6 tháng đầu năm 2025: 1/2 đơn vị chưa gửi"
    assert item.details == ("Phòng BCVT tỉnh A",) and item.due == dt.date(2025, 6, 15)


def test_the_council_sees_how_many_nominees_are_to_vote_on(world, scene):
    user, _ = _council(world, scene)
    meeting_item = next(i for i in inbox_for(user, today=TODAY).section("hoi_dong").items if "Phiên họp" in i.title)
    assert meeting_item.title.endswith("2 người, tập thể cần biểu quyết")


def test_a_person_holding_no_role_has_an_empty_inbox(db):
    assert inbox_for(UserFactory(), today=TODAY).sections == []


# --- A fixed number of queries ---------------------------------------------------------------------------------


def _pending(world, campaigns: int, units: int) -> None:
    """campaigns × units pending items of every kind for Sở A's office and phòng A's staff: a sent submission and a
    sent dossier per unit and campaign (office), and each campaign's periods to report (staff)."""
    phongs = [world.phong_a] + [make_unit(world.so_a, name=f"Phòng thêm {i:03d}") for i in range(units - 1)]
    grant(UserFactory(), phongs[-1], Role.CAN_BO)
    for c in range(campaigns):
        campaign = make_campaign(world.so_a, title=f"Phong trào số {c:03d}", participants=phongs)
        p1, _ = _periods(campaign)
        Submission.objects.bulk_create(
            Submission(period=p1, unit=u, status="da_gui", submitted_at=_when(p1.due_date)) for u in phongs
        )
        Dossier.objects.bulk_create(
            Dossier(campaign=campaign, unit=u, round_kind="nam", year=2025, status="da_gui") for u in phongs
        )


def _queries(user_pk: int) -> int:
    user = User.objects.get(pk=user_pk)
    with CaptureQueriesContext(connection) as queries:
        inbox_for(user, today=TODAY)
    return len(queries)


def test_the_inbox_takes_the_same_number_of_queries_for_5_and_200_pending_items(world):
    _pending(world, campaigns=1, units=5)
    few = {who.pk: _queries(who.pk) for who in (world.office, world.staff, world.head)}
    assert inbox_for(world.office, today=TODAY).count("so_lieu_cho_duyet", "ho_so_cho_xu_ly") == 2 * 5
    _pending(world, campaigns=10, units=20)
    office = inbox_for(User.objects.get(pk=world.office.pk), today=TODAY)
    assert office.count("so_lieu_cho_duyet") >= 200 and office.count("ho_so_cho_xu_ly") >= 200
    assert {who: _queries(who) for who in few} == few


# --- Pages -----------------------------------------------------------------------------------------------------


@pytest.fixture
def on_today():
    """The pages read today's date: travel to TODAY."""
    import time_machine

    with time_machine.travel(_when(TODAY), tick=False):
        yield


@pytest.mark.usefixtures("on_today")
def test_home_lists_the_items_as_links_with_their_due_dates(world, scene, login):
    _staff(world, scene)
    body = login(world.staff).get(reverse("home")).content.decode()
    assert "Số liệu bị trả lại" in body and "Kỳ báo cáo cần nhập số liệu" in body
    assert "Sửa và gửi lại" in body and "Quá hạn" in body and "Thiếu minh chứng" in body
    assert "tỉnh B" not in body and "Phòng khác" not in body


@pytest.mark.usefixtures("on_today")
def test_the_navigation_badges_count_the_inbox(world, scene, login):
    _office(world, scene)
    client = login(world.office)
    assert 'hx-get="/viec-can-lam/dem/"' in client.get(reverse("home")).content.decode()
    badges = client.get(reverse("inbox_badges")).content.decode()
    total = inbox_for(world.office).total
    assert f'id="dem-viec" hx-swap-oob="true" class="badge rounded-pill text-bg-warning ms-1">{total}<' in badges
    assert 'id="dem-ho-so" hx-swap-oob="true" class="badge rounded-pill text-bg-warning ms-1">2<' in badges
    assert 'id="dem-nhap"' not in badges  # the office enters no figures: no such link in its navigation


def test_the_badges_need_a_signed_in_user(client):
    response = client.get(reverse("inbox_badges"))
    assert response.status_code == 302


def test_the_entry_badge_counts_figures_only(world, scene):
    user, _ = _head(world, scene)
    inbox = inbox_for(user, today=TODAY)
    # A draft to send, a period to start; not the dossier, nor December's xếp loại.
    assert inbox.entry_count == 2 and inbox.total == 5


def test_office_is_told_which_sent_dossier_waits_for_an_exception(world):
    """A dossier sent with a failed check Văn phòng Sở may accept says so on the office's home page, until the
    office decides it (accepts with a reason); a check already accepted, or of an older sending, is not counted."""
    from awards.models import CheckOverride, CheckResult

    campaign = make_campaign(world.so_a, title="Phong trào có ngoại lệ")
    dossier = _dossier(campaign, world.phong_a, "da_gui", status_changed_at=timezone.now())
    now = timezone.now()
    for sending, code, ok, overridable in [
        (1, "han-nop", False, True),  # an older sending: not counted
        (2, "han-nop", False, True),
        (2, "ty-le-lanh-dao", False, True),
        (2, "tai-lieu", True, False),
    ]:
        CheckResult.objects.create(
            dossier=dossier, sending=sending, code=code, label=code, ok=ok, overridable=overridable, judged_at=now
        )

    def details():
        section = inbox_for(world.office, today=TODAY).section("ho_so_cho_xu_ly")
        return next(i for i in section.items if i.url == reverse("awards:dossier_detail", args=[dossier.pk])).details

    assert details() == ("2 kiểm tra chưa đạt chờ chấp nhận ngoại lệ hoặc yêu cầu bổ sung",)
    CheckOverride.objects.create(dossier=dossier, code="han-nop", reason="Gửi trễ do mất điện", user=world.office)
    assert details() == ("1 kiểm tra chưa đạt chờ chấp nhận ngoại lệ hoặc yêu cầu bổ sung",)
    CheckOverride.objects.create(dossier=dossier, code="ty-le-lanh-dao", reason="Đã xem xét", user=world.office)
    assert details() == ()
