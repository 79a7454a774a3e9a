"""Housekeeping: inactive accounts are locked every night; the audit trail is pruned after 12 months at least."""

from __future__ import annotations

import datetime
import io
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
