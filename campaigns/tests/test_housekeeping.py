"""Housekeeping: inactive accounts are locked every night; the audit trail is pruned after 12 months at least."""

from __future__ import annotations

import datetime
import io
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from axes.models import AccessFailureLog, AccessLog
from django.conf import settings
from django.core.management import CommandError, call_command

from campaigns.models import CampaignEvent, Unit, User
from campaigns.tasks import disable_inactive_accounts
from campaigns.tests.factories import UserFactory, make_campaign

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime.datetime(2025, 9, 1, 9, 0, tzinfo=TZ)


def _days_ago(days: int) -> datetime.datetime:
    return NOW - datetime.timedelta(days=days)


def _user(username: str, *, joined: int, last_login: int | None, **fields) -> User:
    user = UserFactory(username=username, **fields)
    User.objects.filter(pk=user.pk).update(
        date_joined=_days_ago(joined), last_login=None if last_login is None else _days_ago(last_login)
    )
    return user


@pytest.fixture
def accounts(db):
    return {
        "gone": _user("gone", joined=400, last_login=50),
        "recent": _user("recent", joined=400, last_login=10),
        "never_old": _user("never_old", joined=50, last_login=None),
        "never_new": _user("never_new", joined=10, last_login=None),
        "old_admin": _user("old_admin", joined=400, last_login=60, is_superuser=True, is_staff=True),
        "breakglass": _user("breakglass", joined=400, last_login=300, is_superuser=True, is_staff=True),
        "locked": _user("locked", joined=400, last_login=200, is_active=False),
    }


def _active(username: str) -> bool:
    return User.objects.get(username=username).is_active


# --- inactive accounts ----------------------------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_unused_accounts_are_locked_superusers_too_except_the_exempt(accounts, settings):
    settings.ACCOUNT_INACTIVE_DAYS = 45
    settings.ACCOUNT_INACTIVE_EXEMPT = ["breakglass"]
    locked = disable_inactive_accounts.delay().get()
    assert locked == ["gone", "never_old", "old_admin"]
    assert {name: _active(name) for name in accounts} == {
        "gone": False,
        "recent": True,
        "never_old": False,
        "never_new": True,
        "old_admin": False,
        "breakglass": True,
        "locked": False,
    }


@time_machine.travel(NOW, tick=False)
def test_a_lock_is_recorded_in_the_history_by_the_system_and_not_repeated(accounts, settings):
    settings.ACCOUNT_INACTIVE_DAYS = 45
    disable_inactive_accounts()
    record = accounts["gone"].history.order_by("-history_id").first()
    assert record.history_change_reason == "Tự động khóa: không đăng nhập 45 ngày"
    assert record.history_user is None and record.history_date == NOW and record.is_active is False
    before = accounts["gone"].history.count()
    assert disable_inactive_accounts() == []  # idempotent: a locked account is not selected again
    assert accounts["gone"].history.count() == before


@time_machine.travel(NOW, tick=False)
def test_zero_days_turns_it_off(accounts, settings):
    settings.ACCOUNT_INACTIVE_DAYS = 0
    assert disable_inactive_accounts() == []
    assert _active("gone")


@time_machine.travel(NOW, tick=False)
def test_the_command_can_list_first_and_then_lock(accounts, settings):
    settings.ACCOUNT_INACTIVE_DAYS = 45
    out = io.StringIO()
    call_command("disable_inactive_accounts", "--dry-run", "--days", "100", stdout=out)
    assert "Sẽ khóa 1 tài khoản không đăng nhập 100 ngày.\n  breakglass\n" in out.getvalue()
    assert _active("breakglass") and _active("old_admin")
    out = io.StringIO()
    call_command("disable_inactive_accounts", stdout=out)
    assert "Đã khóa 4 tài khoản không đăng nhập 45 ngày." in out.getvalue()
    assert not _active("breakglass")


def test_beat_runs_it_every_night():
    entry = settings.CELERY_BEAT_SCHEDULE["disable-inactive-accounts"]
    assert entry["task"] == "campaigns.tasks.disable_inactive_accounts"


# --- audit retention ---------------------------------------------------------------------------------------------


def _sign_in_logs() -> None:
    AccessLog.objects.create(username="a", ip_address="10.0.0.1", user_agent="t", path_info="/dang-nhap/")
    AccessFailureLog.objects.create(username="a", ip_address="10.0.0.1", user_agent="t", path_info="/dang-nhap/")


@pytest.fixture
def old_and_new_trail(world):
    """Two years ago: a unit renamed, a sign-in, a failed sign-in, a campaign event. Last month: the same."""
    unit = world.phong_a
    with time_machine.travel(NOW - datetime.timedelta(days=730), tick=False):
        unit.name = "Tên cũ"
        unit.save()
        _sign_in_logs()
        campaign = make_campaign(world.so_a)
        CampaignEvent.objects.create(campaign=campaign, action="Phát động")
    with time_machine.travel(NOW - datetime.timedelta(days=30), tick=False):
        unit.name = "Tên mới"
        unit.save()
        _sign_in_logs()
        CampaignEvent.objects.create(campaign=campaign, action="Sơ kết")
    return unit


@time_machine.travel(NOW, tick=False)
def test_prune_deletes_history_and_sign_in_logs_older_than_a_year_and_keeps_events(old_and_new_trail):
    unit = old_and_new_trail
    history_before = Unit.history.count()
    old_history = Unit.history.filter(history_date__lt=NOW - datetime.timedelta(days=365)).count()
    assert old_history >= 1
    out = io.StringIO()
    call_command("prune_audit", stdout=out)
    assert Unit.history.count() == history_before - old_history
    assert set(unit.history.values_list("name", flat=True)) >= {"Tên mới"}
    assert "Tên cũ" not in set(unit.history.values_list("name", flat=True))
    assert AccessLog.objects.count() == 1 and AccessFailureLog.objects.count() == 1
    assert CampaignEvent.objects.count() == 2  # the legal record stays
    text = out.getvalue()
    assert "nhật ký đăng nhập (AccessLog): 1" in text and "đăng nhập sai (AccessFailureLog): 1" in text
    assert "Removed" in text  # simple-history's clean_old_history did the history part


@time_machine.travel(NOW, tick=False)
def test_prune_dry_run_only_counts(old_and_new_trail):
    history_before = Unit.history.count()
    out = io.StringIO()
    call_command("prune_audit", "--dry-run", "--older-than-days", "400", stdout=out)
    assert Unit.history.count() == history_before
    assert AccessLog.objects.count() == 2
    assert "Sẽ xóa" in out.getvalue() and "nhật ký đăng nhập (AccessLog): 1" in out.getvalue()


def test_prune_refuses_less_than_twelve_months(db):
    with pytest.raises(CommandError, match="at least 12 months"):
        call_command("prune_audit", "--older-than-days", "364")


# --- warning before the lock ------------------------------------------------------------------------------------


def test_the_default_period_outlasts_the_half_year_between_two_reports():
    # 15/6 → 15/12 is 183 days: an account used for every report is never locked by default.
    assert settings.ACCOUNT_INACTIVE_DAYS == 200 and settings.ACCOUNT_INACTIVE_WARN_DAYS == 14


@pytest.fixture
def soon_locked(db, settings):
    settings.ACCOUNT_INACTIVE_DAYS, settings.ACCOUNT_INACTIVE_WARN_DAYS = 200, 14
    settings.ACCOUNT_INACTIVE_EXEMPT = ["breakglass"]
    settings.CSRF_TRUSTED_ORIGINS = ["https://thidua.example.gov.vn"]
    return {
        "soon": _user("soon", joined=400, last_login=190),
        "soon_never": _user("soon_never", joined=195, last_login=None),
        "fresh": _user("fresh", joined=400, last_login=180),
        "gone": _user("gone", joined=400, last_login=210),
        "breakglass": _user("breakglass", joined=400, last_login=190),
        "no_email": _user("no_email", joined=400, last_login=190, email=""),
    }


@time_machine.travel(NOW, tick=False)
def test_people_whose_account_will_be_locked_within_the_warning_days_get_one_email(soon_locked, mailoutbox):
    locked = disable_inactive_accounts.delay().get()
    assert locked == ["gone"]
    assert sorted(m.to[0] for m in mailoutbox) == ["soon@example.invalid", "soon_never@example.invalid"]
    mail = next(m for m in mailoutbox if m.to == ["soon@example.invalid"])
    locks_on = (NOW - datetime.timedelta(days=190) + datetime.timedelta(days=200)).strftime("%d/%m/%Y")
    assert mail.subject == f"Tài khoản của bạn trên Cổng thi đua – khen thưởng sẽ bị khóa ngày {locks_on}"
    assert "Tài khoản “soon”" in mail.body and "không đăng nhập quá 200 ngày" in mail.body
    assert f"sẽ bị khóa từ ngày {locks_on}" in mail.body
    assert "https://thidua.example.gov.vn/tai-khoan/dang-nhap/" in mail.body
    assert _active("soon") and _active("no_email")

    disable_inactive_accounts.delay().get()  # the next night (or a second beat): no second e-mail
    assert len(mailoutbox) == 2


def test_a_new_stretch_of_inactivity_gets_a_new_warning(soon_locked, mailoutbox):
    with time_machine.travel(NOW, tick=False):
        disable_inactive_accounts()
    assert len(mailoutbox) == 2
    later = NOW + datetime.timedelta(days=5)
    User.objects.filter(username="soon").update(last_login=later)  # signed in after the warning
    with time_machine.travel(later + datetime.timedelta(days=190), tick=False):
        disable_inactive_accounts()
    assert [m.to for m in mailoutbox[2:]] == [["soon@example.invalid"]]


@time_machine.travel(NOW, tick=False)
def test_an_email_that_cannot_be_sent_is_tried_again_the_next_night(soon_locked, mailoutbox, monkeypatch):
    from django.core import mail

    real_send = mail.EmailMessage.send

    def flaky(message, *args, **kwargs):
        if message.to == ["soon@example.invalid"]:
            raise ConnectionRefusedError("SMTP down")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(mail.EmailMessage, "send", flaky)
    assert disable_inactive_accounts() == ["gone"]  # the lock is not held up by the e-mail
    assert [m.to for m in mailoutbox] == [["soon_never@example.invalid"]]
    monkeypatch.setattr(mail.EmailMessage, "send", real_send)
    disable_inactive_accounts()
    assert [m.to for m in mailoutbox] == [["soon_never@example.invalid"], ["soon@example.invalid"]]


@time_machine.travel(NOW, tick=False)
def test_the_command_says_who_would_be_warned_and_sends_nothing_on_a_dry_run(soon_locked, mailoutbox):
    out = io.StringIO()
    call_command("disable_inactive_accounts", "--dry-run", stdout=out)
    assert "Sẽ gửi thư báo sắp khóa (trước 14 ngày) cho 2 tài khoản.\n  soon\n  soon_never\n" in out.getvalue()
    assert mailoutbox == [] and _active("gone")


@time_machine.travel(NOW, tick=False)
def test_prune_dry_run_says_what_would_be_removed_not_what_was(old_and_new_trail):
    out = io.StringIO()
    call_command("prune_audit", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "Removed" not in text
    assert re.search(r"^Sẽ xóa [1-9]\d* bản ghi lịch sử của campaigns\.Unit$", text, re.MULTILINE), text
    assert Unit.history.filter(name="Tên cũ").exists()
