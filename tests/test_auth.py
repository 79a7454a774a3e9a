"""Sign-in: Vietnamese pages, lockout after 5 failures, idle timeout, every attempt recorded."""

import datetime as dt

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core import mail
from django.urls import reverse

from campaigns.tests.factories import UserFactory

PASSWORD = "MatKhau@2025"


@pytest.fixture
def person(db):
    return UserFactory(username="nguyenvana", email="nguyenvana@example.invalid")


def _sign_in(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_page_is_in_vietnamese(client, db):
    response = client.get(reverse("login"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Đăng nhập" in body and "Tên đăng nhập" in body and "Mật khẩu" in body and "Quên mật khẩu?" in body
    assert '<html lang="vi">' in body


def test_wrong_password_keeps_username_and_says_why(client, person):
    response = _sign_in(client, "nguyenvana", "sai-mat-khau")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in body
    assert 'value="nguyenvana"' in body


def test_successful_sign_in_is_recorded_and_lands_on_home(client, person):
    response = _sign_in(client, "nguyenvana", PASSWORD)
    assert response.status_code == 302 and response.url == reverse("home")
    assert AccessLog.objects.filter(username="nguyenvana").count() == 1


def test_failed_sign_ins_are_recorded(client, person):
    _sign_in(client, "nguyenvana", "sai-1")
    _sign_in(client, "nguyenvana", "sai-2")
    assert AccessFailureLog.objects.filter(username="nguyenvana").count() == 2


def test_lockout_after_five_failures_even_with_the_right_password(client, person):
    for attempt in range(5):
        _sign_in(client, "nguyenvana", f"sai-{attempt}")
    response = _sign_in(client, "nguyenvana", PASSWORD)
    assert response.status_code == 429
    assert "tạm khóa" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(username="nguyenvana").failures_since_start >= 5


def test_four_failures_do_not_lock(client, person):
    for attempt in range(4):
        _sign_in(client, "nguyenvana", f"sai-{attempt}")
    response = _sign_in(client, "nguyenvana", PASSWORD)
    assert response.status_code == 302


def test_lockout_of_one_account_does_not_lock_another(client, person):
    UserFactory(username="tranthib")
    for attempt in range(5):
        _sign_in(client, "nguyenvana", f"sai-{attempt}")
    assert _sign_in(client, "tranthib", PASSWORD).status_code == 302


def test_idle_session_ends_after_30_minutes(client, person):
    start = dt.datetime(2025, 6, 15, 8, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as clock:
        _sign_in(client, "nguyenvana", PASSWORD)
        assert client.get(reverse("home")).status_code == 200
        clock.move_to(start + dt.timedelta(minutes=31))
        response = client.get(reverse("home"))
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_activity_keeps_the_session_alive(client, person):
    start = dt.datetime(2025, 6, 15, 8, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as clock:
        _sign_in(client, "nguyenvana", PASSWORD)
        for minutes in (20, 40, 60):
            clock.move_to(start + dt.timedelta(minutes=minutes))
            assert client.get(reverse("home")).status_code == 200, f"signed out at {minutes} minutes"


def test_the_session_is_rewritten_at_most_once_a_minute_and_still_slides(client, person):
    from django.contrib.sessions.models import Session

    start = dt.datetime(2025, 6, 15, 8, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as clock:
        _sign_in(client, "nguyenvana", PASSWORD)
        client.get(reverse("home"))

        def expiry():
            return Session.objects.get(session_key=client.session.session_key).expire_date

        written = expiry()
        clock.move_to(start + dt.timedelta(seconds=30))
        client.get(reverse("home"))
        assert expiry() == written, "no session write within the minute"
        clock.move_to(start + dt.timedelta(minutes=29))
        client.get(reverse("home"))
        assert expiry() == start + dt.timedelta(minutes=29 + 30), "the idle timeout slid with the activity"
        clock.move_to(start + dt.timedelta(minutes=58))
        assert client.get(reverse("home")).status_code == 200, "still signed in 29 minutes after the last request"


def test_password_reset_sends_a_vietnamese_email(client, person):
    response = client.post(reverse("password_reset"), {"email": "nguyenvana@example.invalid"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Đặt lại mật khẩu Cổng thi đua – khen thưởng"
    assert "/tai-khoan/dat-lai-mat-khau/" in mail.outbox[0].body


def test_password_change_enforces_validators(client, person):
    client.force_login(person)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.check_password(PASSWORD)
    assert "Mật khẩu" in response.content.decode()


def test_logout_is_a_post_and_ends_the_session(client, person):
    client.force_login(person)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def _lock_for_inactivity(user, days: int = 200) -> None:
    from campaigns.services import inactive_reason

    user.is_active = False
    user._change_reason = inactive_reason(days)
    user.save(update_fields=["is_active"])


def test_an_account_locked_for_inactivity_is_told_so_with_the_right_password(client, person):
    _lock_for_inactivity(person)
    response = _sign_in(client, "nguyenvana", PASSWORD)
    body = response.content.decode()
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert "Tài khoản này đã bị tự động khóa vì không đăng nhập 200 ngày liền" in body
    assert "Văn phòng Sở" in body and "mật khẩu không đúng" not in body


def test_a_locked_account_with_a_wrong_password_reveals_nothing(client, person):
    _lock_for_inactivity(person)
    body = _sign_in(client, "nguyenvana", "sai-mat-khau").content.decode()
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in body and "khóa vì không đăng nhập" not in body
    assert AccessFailureLog.objects.filter(username="nguyenvana").count() == 1


def test_an_account_disabled_by_an_administrator_is_told_it_is_disabled(client, person):
    person.is_active = False
    person.save()
    body = _sign_in(client, "nguyenvana", PASSWORD).content.decode()
    assert "Tài khoản này đã bị vô hiệu hóa. Vui lòng liên hệ quản trị." in body
    assert "không đăng nhập" not in body


def test_telling_a_locked_account_writes_nothing(client, person):
    _lock_for_inactivity(person)
    rows, password = person.history.count(), person.password
    _sign_in(client, "nguyenvana", PASSWORD)
    person.refresh_from_db()
    assert person.history.count() == rows and person.password == password and not person.is_active
