"""Real Celery worker processes for the tests that need them: a worker killed mid-job (tests/test_worker.py), two
workers sharing a batch (tests/test_workers_spread.py), the report journey (tests/browser/test_report_journey.py),
a job losing its database and a worker killed with the default settings and beat (tests/test_report_recovery.py),
a worker with a media folder of its own (tests/test_healthz.py).

A worker runs with the production settings (emulation.settings) against the test database and Redis, consuming
only a queue of the test's own, in a process group of its own: stopping or killing the group stops its pool too,
and nothing else on the machine. It renders PDFs from collected, hashed static files, as deployed; they are
collected once per test session (the `collected_static` fixture of the root conftest).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection

from conftest import IN_CI

ROOT = Path(__file__).resolve().parent.parent
SECRET_KEY = "worker-test-secret-key-" + "x" * 40


def require_postgresql() -> None:
    """A worker is another process: it sees the test's rows only on PostgreSQL. CI must run these tests."""
    if connection.vendor != "postgresql":
        if IN_CI:
            pytest.fail("CI must run this on PostgreSQL")
        pytest.skip("the worker is another process: needs PostgreSQL (CI)")


def new_queue(prefix: str = "test") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def base_env(**extra: str) -> dict[str, str]:
    """The environment of a production-configured process, without pytest's variables."""
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("PYTEST")},
        "DJANGO_SETTINGS_MODULE": "emulation.settings",
        "SECRET_KEY": SECRET_KEY,
        **extra,
    }


def collect_static(static_root: Path) -> None:
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=base_env(STATIC_ROOT=str(static_root), DATABASE_URL=f"sqlite:///{static_root}/unused.sqlite3"),
        check=True,
        timeout=300,
    )


def worker_env(
    *, media: Path, static_root: Path, redis_url: str, fast_redelivery: bool = True, **extra: str
) -> dict[str, str]:
    """The worker's environment: the test database, Redis, the test's media folder, the collected static files.

    `fast_redelivery`: a dead worker's job is looked for every second (kombu's default sweep is every 100 s);
    False keeps every Celery setting at the production default."""
    db = connection.settings_dict
    restore = {"CELERY_UNACKED_RESTORE_INTERVAL": "1", "CELERY_UNACKED_RESTORE_THROTTLE": "1"}
    if not fast_redelivery:
        restore = {}
    return base_env(
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        REDIS_URL=redis_url,
        MEDIA_ROOT=str(media),
        STATIC_ROOT=str(static_root),
        **restore,
        **extra,
    )


def private_redis_url(redis_url: str, db: int = 13) -> str:
    """The same Redis server, another database number. kombu keeps one index of unacknowledged jobs per Redis
    database, and any worker restores the entries older than its own visibility timeout: a worker of another test
    run with a 3 s timeout would hand back a killed job long before the production hour. A test that measures
    recovery with the defaults keeps its jobs where no such worker looks."""
    parts = urlsplit(redis_url)
    return urlunsplit(parts._replace(path=f"/{db}"))


def start_beat(env: dict[str, str], log: Path, schedule: Path) -> subprocess.Popen:
    """Celery beat with the production schedule (its jobs go to the env's CELERY_QUEUE), in its own group."""
    command = [sys.executable, "-m", "celery", "-A", "emulation", "beat", "--loglevel=INFO", f"--schedule={schedule}"]
    with log.open("ab") as out:
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def start_worker(
    queue: str, env: dict[str, str], log: Path, *, name: str = "w", pool: str = "prefork"
) -> subprocess.Popen:
    """A worker with one pool process consuming only `queue`, its output in `log`, in its own process group."""
    command = [sys.executable, "-m", "celery", "-A", "emulation", "worker", f"--pool={pool}", "--concurrency=1"]
    command += ["-n", f"{name}@%h", "-Q", queue, "--loglevel=INFO"]
    command += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
    with log.open("ab") as out:
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def kill_worker(worker: subprocess.Popen) -> None:
    """kill -9 the worker and its pool process: its job is left unacknowledged, as in a crash."""
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(timeout=10)


def stop_worker(worker: subprocess.Popen) -> None:
    """A warm shutdown, then a kill if it hangs."""
    if worker.poll() is not None:
        return
    os.killpg(worker.pid, signal.SIGTERM)
    try:
        worker.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)


def wait_for(predicate: Callable[[], bool], timeout: float, step: float = 0.1) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(step)
    return False


def log_text(log: Path) -> str:
    return log.read_text(errors="replace") if log.exists() else ""
