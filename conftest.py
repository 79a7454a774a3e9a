"""Shared fixtures: a small world of units and the personas of DOMAIN.md.

In CI (CI=true) the suite must run on PostgreSQL and Redis: a missing service fails the run, never skips.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from campaigns.models import Role, Unit, UnitLevel, User
from campaigns.tests.factories import UserFactory, grant, make_unit

IN_CI = os.environ.get("CI", "").lower() == "true"


_SESSION_STARTED = [0.0]


def pytest_sessionstart(session):
    import time

    _SESSION_STARTED[0] = time.time() - 1
    if not IN_CI:
        return
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    if engine != "django.db.backends.postgresql":
        pytest.exit(f"CI must run on PostgreSQL (DATABASE_URL), not {engine}", returncode=1)
    if not settings.REDIS_URL:
        pytest.exit("CI must run with REDIS_URL set", returncode=1)


def pytest_terminal_summary(terminalreporter):
    shots = Path(__file__).resolve().parent / "artifacts" / "screenshots"
    started = _SESSION_STARTED[0]
    if shots.is_dir() and any(p.stat().st_mtime >= started for p in shots.iterdir()):
        terminalreporter.write_line(f"Screenshots of the browser tests (artifact): {shots}")


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """Static files collected once per run, as a deployed worker has them (tests/workers.py)."""
    from tests.workers import collect_static

    static_root = tmp_path_factory.mktemp("static")
    collect_static(static_root)
    return static_root


@pytest.fixture
def redis_url(settings) -> str:
    """The Redis this run uses: a test that needs it fails in CI when it is missing, and skips only locally."""
    import redis

    url = settings.REDIS_URL or os.environ.get("REDIS_URL")
    if not url:
        if IN_CI:
            pytest.fail("REDIS_URL is not set in CI")
        pytest.skip("REDIS_URL not set (make test without Redis); CI runs this against a real Redis")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        if IN_CI:
            pytest.fail(f"Redis at {url} is not reachable in CI: {exc}")
        pytest.skip(f"Redis at {url} not reachable")
    return url


@dataclass
class World:
    bo: Unit
    so_a: Unit  # Sở of province A
    phong_a: Unit  # a phòng of Sở A: the staff's and head's unit
    phong_a2: Unit  # another phòng of Sở A
    so_b: Unit  # Sở of province B
    phong_b: Unit  # a phòng of Sở B
    staff: User  # cán bộ of phong_a
    head: User  # lãnh đạo of phong_a
    office: User  # Văn phòng Sở A
    board: User  # Ban TĐKT of province A (read-only)
    council: User  # thành viên Hội đồng TĐKT of Sở A
    outsider: User  # cán bộ of phong_b (another province)
    office_b: User  # Văn phòng Sở B
    admin: User  # quản trị at the Bộ


@pytest.fixture
def world(db) -> World:
    bo = make_unit(None, name="Bộ Thông tin và Truyền thông", level=UnitLevel.BO)
    so_a = make_unit(bo, name="Sở TT&TT tỉnh A", level=UnitLevel.SO, province="Tỉnh A")
    phong_a = make_unit(so_a, name="Phòng CNTT tỉnh A", province="Tỉnh A")
    phong_a2 = make_unit(so_a, name="Phòng BCVT tỉnh A", province="Tỉnh A")
    so_b = make_unit(bo, name="Sở TT&TT tỉnh B", level=UnitLevel.SO, province="Tỉnh B")
    phong_b = make_unit(so_b, name="Phòng CNTT tỉnh B", province="Tỉnh B")
    people = {
        name: UserFactory(username=name)
        for name in ["staff", "head", "office", "board", "council", "outsider", "office_b", "admin"]
    }
    grant(people["staff"], phong_a, Role.CAN_BO)
    grant(people["head"], phong_a, Role.LANH_DAO)
    grant(people["office"], so_a, Role.VAN_PHONG)
    grant(people["board"], so_a, Role.BAN_TDKT)
    grant(people["council"], so_a, Role.HOI_DONG)
    grant(people["outsider"], phong_b, Role.CAN_BO)
    grant(people["office_b"], so_b, Role.VAN_PHONG)
    grant(people["admin"], bo, Role.QUAN_TRI)
    people["admin"].is_staff = True
    people["admin"].save()
    refreshed = {
        f: Unit.objects.get(pk=u.pk)
        for f, u in dict(bo=bo, so_a=so_a, phong_a=phong_a, phong_a2=phong_a2, so_b=so_b, phong_b=phong_b).items()
    }
    return World(**refreshed, **people)


@pytest.fixture
def login(client):
    """login(user) → the test client signed in as that user (None: anonymous)."""

    def _login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return _login
