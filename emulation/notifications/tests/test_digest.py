"""Each person chooses per kind: an e-mail at once, the daily digest, or none; the portal shows every notification
whatever the choice. The digest groups a person's waiting notifications into one e-mail, once a day."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from emulation.notifications import mail, services
from emulation.notifications.models import Delivery, EmailChoice, Kind, Notification
from indicators import services as indicator_services

pytestmark = pytest.mark.django_db


def _choose(user, **choices):
    services.preferences_save(user=user, choices=choices)


def test_off_daily_and_at_once(sent, world, committed, mailoutbox):
    _choose(world.staff, so_lieu_tra_lai=EmailChoice.TAT)
    _choose(world.head, so_lieu_tra_lai=EmailChoice.HANG_NGAY)
    with committed():
        indicator_services.submission_return(submission=sent, user=world.office, reason="Sai")
    # Both see it in the portal; nobody got an e-mail yet.
    assert Notification.objects.filter(kind=Kind.SO_LIEU_TRA_LAI).count() == 2
    assert mailoutbox == []
    off = Notification.objects.get(recipient=world.staff)
    assert off.email == "tat" and off.email_done_at and off.delivery is None
    mail.digests_send(day=timezone.localdate())
    [digest] = mailoutbox
    assert digest.to == [world.head.email] and "1 thông báo" in digest.subject
    assert "Sai" in digest.body
    assert Delivery.objects.get().digest


def test_at_once_is_one_mail_per_event(sent, world, committed, mailoutbox):
    _choose(world.staff, so_lieu_duyet=EmailChoice.NGAY)  # the default for an approval is the digest
    with committed():
        indicator_services.submission_approve(submission=sent, user=world.office)
    assert [m.to for m in mailoutbox] == [[world.staff.email]]
    assert mailoutbox[0].subject == "[Thi đua – Khen thưởng] Số liệu được duyệt"
    mail.digests_send()
    assert len(mailoutbox) == 2 and mailoutbox[1].to == [world.head.email]  # the head kept the default


def test_the_digest_groups_kinds_and_goes_once_a_day(sent, world, committed, mailoutbox):
    _choose(world.staff, so_lieu_tra_lai=EmailChoice.HANG_NGAY, so_lieu_mo_lai=EmailChoice.HANG_NGAY)
    with committed():
        returned = indicator_services.submission_return(submission=sent, user=world.office, reason="Lần một")
    fixed = indicator_services.submission_save(
        submission=returned, user=world.staff, version=returned.version, figures=_figures(returned)
    )
    with committed():
        approved = indicator_services.submission_approve(
            submission=indicator_services.submission_submit(submission=fixed, user=world.head), user=world.office
        )
    with committed():
        indicator_services.submission_reopen(submission=approved, user=world.office, reason="Lần hai")
    mailoutbox.clear()
    today = timezone.localdate()
    made = mail.digests_send(day=today)
    staff_mail = next(m for m in mailoutbox if m.to == [world.staff.email])
    # The return was read when the head sent again: left out. The approval and the reopening are grouped by kind.
    assert "Số liệu được duyệt (1):" in staff_mail.body
    assert "Số liệu đã duyệt được mở lại để sửa (1):" in staff_mail.body
    assert "Lần hai" in staff_mail.body and "Lần một" not in staff_mail.body
    assert staff_mail.subject == f"[Thi đua – Khen thưởng] 2 thông báo ngày {today:%d/%m/%Y}"
    # The head kept the defaults: the reopening went at once, the approval waits in his own digest.
    assert len(made) == 2
    head_mail = next(m for m in mailoutbox if m.to == [world.head.email])
    assert "Số liệu được duyệt (1):" in head_mail.body and "mở lại" not in head_mail.body
    sent_count = len(mailoutbox)
    assert mail.digests_send(day=today) == []
    assert len(mailoutbox) == sent_count
    assert not Notification.objects.filter(email="hang_ngay", email_done_at__isnull=True).exists()


def _figures(submission):
    from .conftest import figures

    return figures(submission, count="125")


def test_a_notification_written_after_today_s_digest_waits_for_tomorrow_s(sent, world, committed, mailoutbox):
    _choose(world.staff, so_lieu_tra_lai=EmailChoice.HANG_NGAY, so_lieu_duyet=EmailChoice.HANG_NGAY)
    with committed():
        returned = indicator_services.submission_return(submission=sent, user=world.office, reason="Sai")
    today = timezone.localdate()
    assert len(mail.digests_send(day=today)) == 1
    fixed = indicator_services.submission_save(
        submission=returned, user=world.staff, version=returned.version, figures=_figures(returned)
    )
    with committed():
        indicator_services.submission_approve(
            submission=indicator_services.submission_submit(submission=fixed, user=world.head), user=world.office
        )

    def recipients(made):
        return [Delivery.objects.get(pk=pk).recipient for pk in made]

    # The staff had today's digest already: the approval waits for tomorrow's. The head's first digest goes today.
    assert recipients(mail.digests_send(day=today)) == [world.head]
    assert recipients(mail.digests_send(day=today + dt.timedelta(days=1))) == [world.staff]


def test_preferences_are_per_person_and_kind(world):
    _choose(world.staff, han_so_lieu=EmailChoice.TAT)
    from emulation.notifications.selectors import email_choices, preferences_of

    assert preferences_of(user=world.staff)["han_so_lieu"] == "tat"
    assert preferences_of(user=world.head)["han_so_lieu"] == "ngay"
    assert email_choices(users=[world.staff, world.head], kind="han_so_lieu") == {
        world.staff.pk: "tat",
        world.head.pk: "ngay",
    }
    _choose(world.staff, han_so_lieu=EmailChoice.NGAY)  # back to the default: kept as the person's choice
    assert preferences_of(user=world.staff)["han_so_lieu"] == "ngay"
