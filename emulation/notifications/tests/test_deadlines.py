"""Deadline reminders from the daily job: 7 days and 1 day before a period's due date or a campaign's dossier
deadline, and the day after; only units that have not sent; once per unit, step and person."""

from __future__ import annotations

import datetime as dt

import pytest

from awards import services as award_services
from awards.tests.factories import make_dossier
from emulation.notifications import tasks
from emulation.notifications.deadlines import deadlines_notify, step
from emulation.notifications.models import Kind, Notification

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("days_left", "expected"),
    [
        (8, None),
        (7, "truoc-7"),
        (2, "truoc-7"),
        (1, "truoc-1"),
        (0, "truoc-1"),
        (-1, "sau-1"),
        (-3, "sau-1"),
        (-4, None),
    ],
)
def test_steps(days_left, expected):
    today = dt.date(2025, 6, 1)
    found = step(today + dt.timedelta(days=days_left), today)
    assert (found and found[0]) == expected


def _to(user, kind=Kind.HAN_SO_LIEU):
    return list(Notification.objects.filter(recipient=user, kind=kind).order_by("pk"))


def test_period_reminders_go_to_units_that_have_not_sent(setup, world, sent):
    # Phòng A sent; phòng A2 (expected too: the campaign is open to Sở A's units) has no staff but its head.
    from campaigns.tests.factories import UserFactory, grant

    a2_head = UserFactory(username="lanhdao.a2")
    grant(a2_head, world.phong_a2, "lanh_dao")
    due = setup.period.due_date
    week_before = due - dt.timedelta(days=7)
    deadlines_notify(today=week_before)
    deadlines_notify(today=week_before + dt.timedelta(days=1))  # the same step: once
    [reminder] = _to(a2_head)
    assert reminder.period_id == setup.period.pk and reminder.link == f"/ky-bao-cao/{setup.period.pk}/"
    assert "còn 7 ngày đến hạn 15/06/2023" in reminder.text and "Phòng BCVT tỉnh A chưa gửi" in reminder.text
    assert not _to(world.staff) and not _to(world.head) and not _to(world.outsider)
    deadlines_notify(today=due - dt.timedelta(days=1))
    assert "ngày mai (15/06/2023) là hạn" in _to(a2_head)[1].text
    deadlines_notify(today=due + dt.timedelta(days=1))
    assert "đã quá hạn 15/06/2023" in _to(a2_head)[2].text
    [office] = _to(world.office)
    assert office.text.startswith("1 đơn vị chưa gửi số liệu báo cáo 6 tháng đầu năm 2023")
    assert len(_to(a2_head)) == 3


def test_dossier_deadline_reminders_and_the_office_s_summary(world, time_machine):
    time_machine.move_to(dt.datetime(2025, 11, 23, 9, 0, tzinfo=dt.UTC))  # sending checks the deadline
    dossier = make_dossier(world)
    campaign = dossier.campaign
    campaign.dossier_deadline = dt.date(2025, 11, 30)
    campaign.save()
    deadlines_notify(today=dt.date(2025, 11, 23))
    [staff] = _to(world.staff, Kind.HAN_HO_SO)
    assert "Nhắc nộp hồ sơ đề nghị khen thưởng" in staff.text and staff.campaign_id == campaign.pk
    assert len(_to(world.head, Kind.HAN_HO_SO)) == 1
    award_services.dossier_send(dossier=dossier, user=world.head)
    deadlines_notify(today=dt.date(2025, 11, 29))
    assert len(_to(world.staff, Kind.HAN_HO_SO)) == 1  # sent meanwhile: no second reminder
    deadlines_notify(today=dt.date(2025, 12, 1))
    [office] = _to(world.office, Kind.HAN_HO_SO)
    assert (
        "Đã hết hạn nộp hồ sơ khen thưởng" in office.text and "1 đơn vị đã gửi hồ sơ, 1 đơn vị chưa gửi" in office.text
    )


def test_the_daily_job_reminds_and_mails(setup, world, mailoutbox, time_machine, committed):
    from campaigns.tests.factories import UserFactory, grant

    a2_staff = UserFactory(username="canbo.a2")
    grant(a2_staff, world.phong_a2, "can_bo")
    time_machine.move_to(dt.datetime(2023, 6, 8, 7, 0, tzinfo=dt.UTC))
    with committed():
        result = tasks.daily_notifications.apply().get()
    # Phòng A and A2 have not sent: their staff and head; and the 15/06 report has no signer (Sở A has none): the
    # office, a week ahead (emulation/tests/test_report_documents.py tests that notice).
    assert result["reminders"] == 4
    people = (world.staff, world.head, a2_staff, world.office)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(u.email for u in people)
    assert tasks.daily_notifications.apply().get()["reminders"] == 0
