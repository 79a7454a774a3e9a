"""A real Celery worker on Redis: a report job whose worker is killed (kill -9) mid-way is redelivered and
finishes once. Needs PostgreSQL (the worker is another process) and Redis: CI runs it, never skips it."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from conftest import IN_CI
from emulation.reports.models import Report
from indicators.tests.factories import make_setup

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db(transaction=True)


def _worker(queue: str, media: Path, redis_url: str) -> subprocess.Popen:
    db = connection.settings_dict
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PYTEST")},
        "DJANGO_SETTINGS_MODULE": "emulation.settings",
        "SECRET_KEY": "worker-test-secret-key-" + "x" * 40,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "REDIS_URL": redis_url,
        "MEDIA_ROOT": str(media),
        "STATIC_ROOT": str(media / "static"),
        # Redeliver a dead worker's job after 3 s, and look for such jobs every second (kombu's default sweep is
        # every 100 s: a restarted worker whose first sweep came too early would wait longer than the test).
        "CELERY_VISIBILITY_TIMEOUT": "3",
        "CELERY_UNACKED_RESTORE_INTERVAL": "1",
        "CELERY_UNACKED_RESTORE_THROTTLE": "1",
    }
    if not (media / "static" / "staticfiles.json").exists():
        # A production worker renders PDFs from the collected, hashed static files, as deployed.
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=300,
        )
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "emulation",
            "worker",
            "--pool=prefork",
            "--concurrency=1",
            "-Q",
            queue,
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def _signal_workers(queue: str, sig: int) -> None:
    """Signal the worker and its pool processes (they share the command line naming the test queue)."""
    subprocess.run(["pkill", f"-{int(sig)}", "-f", queue], check=False)


def _wait(predicate, timeout: float, step: float = 0.02) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(step)
    return False


def test_a_killed_worker_s_job_is_redelivered_and_finishes_once(world, redis_url, tmp_path, settings):
    if connection.vendor != "postgresql":
        if IN_CI:
            pytest.fail("CI must run this on PostgreSQL")
        pytest.skip("the worker is another process: needs PostgreSQL (CI)")
    from emulation.celery import app

    setup = make_setup(world)
    queue = f"test-{uuid.uuid4().hex[:8]}"
    app.conf.broker_url = redis_url
    for attempt in range(3):
        report = Report.objects.create(
            campaign=setup.campaign, period=setup.period, requested_by=world.office, version=attempt + 1
        )
        worker = _worker(queue, tmp_path, redis_url)
        try:
            app.send_task("emulation.reports.tasks.generate_report", args=[report.pk], queue=queue)
            started = _wait(lambda: Report.objects.get(pk=report.pk).status != "cho", timeout=60)
            assert started, "the worker never took the job"
            if Report.objects.get(pk=report.pk).status == "dang_chay":
                # kill -9 the worker and its pool process mid-way: the job is not acknowledged. (The prefork pool
                # runs the event loop that restores unacknowledged jobs; the solo pool does not.)
                _signal_workers(queue, signal.SIGKILL)
                worker.wait(timeout=10)
                break
        finally:
            if worker.poll() is None:
                _signal_workers(queue, signal.SIGTERM)
                worker.wait(timeout=30)
    else:
        pytest.fail("the job always finished before it could be killed")
    killed = Report.objects.get(pk=report.pk)
    assert killed.status == "dang_chay" and not killed.pdf_file

    restarted = _worker(queue, tmp_path, redis_url)
    try:
        assert _wait(lambda: Report.objects.get(pk=report.pk).status == "xong", timeout=90, step=0.2), (
            restarted.stdout.read1().decode(errors="replace") if restarted.stdout else ""
        )
    finally:
        _signal_workers(queue, signal.SIGTERM)
        restarted.wait(timeout=30)
    done = Report.objects.get(pk=report.pk)
    assert done.attempts == 2 and done.pdf_file and done.pdf_sha256
    assert Report.objects.filter(campaign=setup.campaign, version=done.version).count() == 1
