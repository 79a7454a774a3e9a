"""The queries PostgreSQL spent longer planning than running are prepared (emulation.lib.db), and nothing a user
sees changes: the same rows, the same number of queries, the same 404 for another unit's report."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import Role
from campaigns.tests.factories import UserFactory, grant
from emulation.lib.db import prepared_statements, prepares
from emulation.notifications import selectors as notification_selectors
from emulation.notifications.models import Kind, Notification
from indicators import services
from indicators.tests.factories import make_setup

ROOT = Path(__file__).resolve().parent.parent.parent


def _prepared_on_this_connection() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def _needs_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's (CI runs on it)")


@pytest.mark.django_db
def test_on_postgresql_the_block_prepares_and_ordinary_queries_are_not(world):
    _needs_postgresql()
    assert prepares()
    with prepared_statements():
        for _ in range(2):
            assert Notification.objects.filter(recipient=world.staff, read_at__isnull=True).count() == 0
    prepared = _prepared_on_this_connection()
    assert any('"notifications_notification"' in sql and "$1" in sql for sql in prepared)
    # The query log still has the statements (tests read it: which tables did a request write?).
    with CaptureQueriesContext(connection) as captured, prepared_statements():
        for _ in range(2):
            Notification.objects.filter(recipient=world.staff, read_at__isnull=True).count()
    assert len(captured) == 2
    assert all('"notifications_notification"' in query["sql"] for query in captured.captured_queries)
    # Outside the block, Django's usual client-side binding: nothing more is prepared.
    before = len(prepared)
    list(Notification.objects.filter(recipient=world.head))
    assert len(_prepared_on_this_connection()) == before


@pytest.mark.django_db
def test_the_bell_is_prepared_and_counts_exactly_as_the_orm(world, login):
    setup = make_setup(world)
    submission = services.submission_open(period=setup.period, unit=world.phong_a, user=world.staff)
    Notification.objects.create(
        recipient=world.staff,
        submission=submission,
        kind=Kind.SO_LIEU_TRA_LAI,
        text="Trả lại",
        link="/",
        event_key="thu:1",
    )
    Notification.objects.create(
        recipient=world.staff, period=setup.period, kind=Kind.HAN_SO_LIEU, text="Nhắc hạn", link="/", event_key="thu:2"
    )
    expected = notification_selectors.notifications_visible_to(user=world.staff).filter(read_at__isnull=True).count()
    assert expected == 2
    for _ in range(3):  # after a few runs PostgreSQL may keep one plan: the number must not move
        with CaptureQueriesContext(connection) as captured:
            assert notification_selectors.unread_count(user=world.staff) == expected
        assert len(captured) == 1
    page = login(world.staff).get(reverse("campaigns:unit_list")).content.decode()
    assert 'data-unread="2"' in page
    if connection.vendor == "postgresql":
        assert any("notifications_notification" in sql for sql in _prepared_on_this_connection())


@pytest.mark.django_db
def test_the_prepared_lookup_of_a_report_still_hides_another_units(world, login):
    setup = make_setup(world)
    own = services.submission_open(period=setup.period, unit=world.phong_a, user=world.staff)
    stranger = UserFactory(username="canbo-khac")
    grant(stranger, world.phong_b, Role.CAN_BO)
    other = services.submission_open(period=setup.period, unit=world.phong_b, user=stranger)
    client = login(world.staff)
    for _ in range(3):
        assert client.get(reverse("indicators:submission_detail", args=[own.pk])).status_code == 200
        assert client.get(reverse("indicators:submission_detail", args=[other.pk])).status_code == 404
    # The stranger's own lookup, of the same shape, is answered by the same prepared statement with their grants.
    assert login(stranger).get(reverse("indicators:submission_detail", args=[other.pk])).status_code == 200
    assert login(stranger).get(reverse("indicators:submission_detail", args=[own.pk])).status_code == 404


def test_a_pooler_in_transaction_mode_can_turn_them_off():
    probe = (
        "import django; from django.conf import settings; django.setup(); "
        "print(settings.DATABASES['default'].get('OPTIONS', {}).get('prepare_threshold', 'none'))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DB_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="emulation.settings",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="thidua.example",
        DATABASE_URL="postgres://u@db.example:5432/thidua",
    )

    def threshold(**extra: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", probe], cwd=ROOT, env={**env, **extra}, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    assert threshold() == "0"
    assert threshold(DB_PREPARED_STATEMENTS="0") == "none"
