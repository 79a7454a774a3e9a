"""Two real Celery workers on one Redis queue share a batch of report jobs, and each report is produced exactly
once: one attempt, one PDF and one XLSX, no duplicate row. Needs PostgreSQL (the workers are other processes)
and Redis: CI runs it, never skips it."""

from __future__ import annotations

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
REPORTS = 8
pytestmark = [
    pytest.mark.django_db(transaction=True),
    # test_settings makes tasks eager; send_task goes to the broker regardless, which is what this test wants.
    pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored"),
]


def _env(media: Path, redis_url: str) -> dict[str, str]:
    db = connection.settings_dict
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("PYTEST")},
        "DJANGO_SETTINGS_MODULE": "emulation.settings",
        "SECRET_KEY": "worker-test-secret-key-" + "x" * 40,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "REDIS_URL": redis_url,
        "MEDIA_ROOT": str(media),
        "STATIC_ROOT": str(media / "static"),
        # The production visibility timeout (an hour) stays: a job still running is never handed to the other
        # worker. The sweep for a dead worker's jobs runs every second, as in test_worker.py: even then nothing
        # is redelivered while its worker is alive.
        "CELERY_UNACKED_RESTORE_INTERVAL": "1",
        "CELERY_UNACKED_RESTORE_THROTTLE": "1",
    }


def _start_worker(name: str, queue: str, env: dict[str, str], log: Path) -> subprocess.Popen:
    """A prefork worker with one process, in its own process group (stopped by its id, with its pool)."""
    with log.open("wb") as out:
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
                "-n",
                f"{name}@%h",
                "-Q",
                queue,
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _stop(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)


def _wait(predicate, timeout: float, step: float = 0.2) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(step)
    return False


def test_two_workers_share_a_batch_and_produce_each_report_once(world, redis_url, tmp_path):
    if connection.vendor != "postgresql":
        if IN_CI:
            pytest.fail("CI must run this on PostgreSQL")
        pytest.skip("the workers are other processes: needs PostgreSQL (CI)")
    from emulation.celery import app

    setup = make_setup(world)
    queue = f"test-spread-{uuid.uuid4().hex[:8]}"
    app.conf.broker_url = redis_url
    env = _env(tmp_path, redis_url)
    # A production worker renders PDFs from the collected, hashed static files, as deployed. Collected while
    # the workers start (they read the static manifest at their first PDF, after the jobs are sent).
    collect = subprocess.Popen([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env)
    logs = {name: tmp_path / f"{name}.log" for name in ("w1", "w2")}
    workers = [_start_worker(name, queue, env, log) for name, log in logs.items()]
    try:
        assert collect.wait(timeout=300) == 0, "collectstatic failed"
        # Both must be consuming before the batch goes out, or the first one up could take every job.
        ready = _wait(lambda: all(" ready." in log.read_text(errors="replace") for log in logs.values()), 60)
        assert ready, "\n".join(log.read_text(errors="replace")[-2000:] for log in logs.values())
        reports = [
            Report.objects.create(
                campaign=setup.campaign, period=setup.period, requested_by=world.office, version=i + 1
            )
            for i in range(REPORTS)
        ]
        for report in reports:
            app.send_task("emulation.reports.tasks.generate_report", args=[report.pk], queue=queue)
        finished = _wait(lambda: Report.objects.filter(status__in=["xong", "loi"]).count() == REPORTS, 90)
        assert finished, "\n".join(log.read_text(errors="replace")[-3000:] for log in logs.values())
    finally:
        if collect.poll() is None:
            collect.kill()
            collect.wait(timeout=10)
        for worker in workers:
            _stop(worker)

    done = list(Report.objects.filter(campaign=setup.campaign).order_by("version"))
    assert len(done) == REPORTS
    assert sorted(r.version for r in done) == list(range(1, REPORTS + 1))  # no duplicate rows
    assert all(r.status == "xong" and r.attempts == 1 for r in done), [(r.status, r.attempts) for r in done]
    assert all(r.pdf_file and r.xlsx_file and r.pdf_sha256 and r.xlsx_sha256 for r in done)
    # one PDF and one XLSX per report on disk: no second run left files behind
    files = sorted(p.relative_to(tmp_path).as_posix() for p in (tmp_path / "reports").rglob("*") if p.is_file())
    assert files == sorted([r.pdf_file.name for r in done] + [r.xlsx_file.name for r in done])
    # both workers took work, and the report says which one produced it
    names = {r.worker.split("@", 1)[0] for r in done}
    assert names == {"w1", "w2"}, [r.worker for r in done]
    for name, log in logs.items():
        produced = sum(r.worker.startswith(f"{name}@") for r in done)
        assert log.read_text(errors="replace").count("succeeded in") == produced
