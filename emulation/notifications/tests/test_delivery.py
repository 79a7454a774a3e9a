"""E-mail delivery: a mail server that is down never breaks the page (the notification stays, the message waits
for another attempt), the job retries with a growing delay, and one message is sent once whoever runs it."""

from __future__ import annotations

import datetime as dt
import socket
from unittest import mock

import pytest
from celery.exceptions import Retry
from django.core import mail as django_mail
from django.urls import reverse
from django.utils import timezone

from emulation.notifications import mail, tasks
from emulation.notifications.models import Delivery, Kind, Notification

SMTP = "django.core.mail.backends.smtp.EmailBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_down(settings):
    settings.EMAIL_BACKEND = SMTP
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", _closed_port(), 2
    return settings


@pytest.mark.django_db(transaction=True)
def test_smtp_down_does_not_break_the_return_and_the_mail_is_sent_later(sent, world, login, smtp_down, mailoutbox):
    response = login(world.office).post(
        reverse("indicators:submission_review", args=[sent.pk, "tra-lai"]), {"reason": "Thiếu minh chứng"}
    )
    assert response.status_code == 302
    assert response.url == reverse("indicators:submission_detail", args=[sent.pk])
    assert login(world.office).get(response.url).status_code == 200
    # The notifications are there; their e-mails wait, each with the time of its next attempt.
    assert Notification.objects.filter(kind=Kind.SO_LIEU_TRA_LAI).count() == 2
    waiting = list(Delivery.objects.all())
    assert len(waiting) == 2 and all(d.status == "loi" and d.attempts == 1 for d in waiting)
    assert all(d.next_attempt_at > timezone.now() and "Connection refused" in d.error for d in waiting)
    assert mailoutbox == []
    # Not due yet: the sweep leaves them; once due and the server is back, each goes once.
    assert mail.deliveries_retry() == []
    smtp_down.EMAIL_BACKEND = LOCMEM
    later = timezone.now() + dt.timedelta(hours=1)
    assert len(mail.deliveries_retry(now=later)) == 2
    assert mail.deliveries_retry(now=later) == []
    assert sorted(m.to[0] for m in django_mail.outbox) == sorted([world.staff.email, world.head.email])
    assert set(Delivery.objects.values_list("status", "attempts")) == {("da_gui", 2)}


@pytest.mark.django_db
def test_a_worker_retries_with_a_growing_delay(returned, smtp_down):
    delivery = Delivery.objects.first()
    Delivery.objects.update(status="cho", attempts=0)
    # Outside the in-process mode the job asks Celery to run it again later (here: the retry call is observed).
    with mock.patch.object(tasks.send_emails, "retry", return_value=Retry("gửi lại")) as retry:
        with pytest.raises(Retry):
            tasks.send_emails.run([delivery.pk])
    retry.assert_called_once_with(args=[[delivery.pk]], countdown=mail.backoff(1))
    assert mail.backoff(1) == 120 and mail.backoff(3) == 480 and mail.backoff(20) == 6 * 3600
    # In-process (no Redis) the job returns at once and leaves the message to the sweep.
    result = tasks.send_emails.apply(args=[[delivery.pk]]).get()
    assert result == {"sent": 0, "failed": 1}


@pytest.mark.django_db
def test_a_message_is_given_up_after_the_last_attempt(returned, smtp_down, settings):
    settings.NOTIFY_EMAIL_MAX_ATTEMPTS = 2
    delivery = Delivery.objects.first()
    Delivery.objects.filter(pk=delivery.pk).update(status="loi", attempts=1)
    mail.deliveries_send([delivery.pk])
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == ("ngung", 2, None)
    assert mail.deliveries_send([delivery.pk]) == []  # nothing more to claim


@pytest.mark.django_db
def test_a_message_claimed_twice_is_sent_once(returned, mailoutbox):
    delivery = Delivery.objects.first()
    count = len(mailoutbox)
    assert delivery.status == "da_gui"
    Delivery.objects.filter(pk=delivery.pk).update(status="cho")
    mail.deliveries_send([delivery.pk, delivery.pk])
    mail.deliveries_send([delivery.pk])
    assert len(mailoutbox) == count + 1


@pytest.mark.django_db
def test_the_sweep_sends_what_a_dead_worker_or_a_lost_job_left(returned, mailoutbox):
    now = timezone.now()
    first, second = Delivery.objects.order_by("pk")
    Delivery.objects.filter(pk=first.pk).update(status="dang_gui", claimed_at=now - dt.timedelta(minutes=30))
    Delivery.objects.filter(pk=second.pk).update(status="cho", created_at=now - dt.timedelta(minutes=10))
    mailoutbox.clear()
    assert sorted(mail.deliveries_retry(now=now)) == [first.pk, second.pk]
    assert len(mailoutbox) == 2
