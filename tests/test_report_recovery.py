"""Reports end well when their worker or their database goes away, with real workers, real beat and PostgreSQL:

- the database refuses connections and drops the worker's mid-job: the job reconnects and queues the report
  again, which then finishes — it never stays "Đang tạo";
- a worker killed with SIGKILL (host crash, OOM), every setting at its default (visibility timeout an hour): the
  sweep on beat queues the report again and another worker finishes it within REPORT_STALE_SECONDS +
  REPORT_SWEEP_SECONDS + the job's time, the figure docs/deploy.md gives.

Needs PostgreSQL (the worker is another process) and Redis: CI runs it, never skips it.
"""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.db import connection

from emulation.reports.models import Report
from indicators.tests.factories import make_setup
from tests.workers import (
    kill_worker,
    log_text,
    new_queue,
    private_redis_url,
    require_postgresql,
    start_beat,
    start_worker,
    stop_worker,
    wait_for,
    worker_env,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored"),
]
# Picking the job up and producing the test's small report on a loaded 2-core machine.
JOB_SECONDS = 45


def _status(pk: int) -> str:
    return Report.objects.values_list("status", flat=True).get(pk=pk)


def _start_mid_job(setup, world, broker: str, queue: str, log, start) -> tuple[Report, object]:
    """Send report jobs until one is caught running ('dang_chay'); returns it and its worker, still running."""
    from emulation.celery import app

    for attempt in range(3):
        # A named signer: a report without one is refused, not produced (the document layer).
        report = Report.objects.create(
            campaign=setup.campaign,
            period=setup.period,
            requested_by=world.office,
            version=attempt + 1,
            signer_title="GIÁM ĐỐC",
            signer_name="Nguyễn Văn Ký",
        )
        worker = start()
        # An explicit connection: the app's producer pool may still point at another test's broker URL.
        with app.connection_for_write(broker) as conn:
            app.send_task("emulation.reports.tasks.generate_report", args=[report.pk], queue=queue, connection=conn)
        taken = wait_for(lambda pk=report.pk: _status(pk) != "cho", timeout=60, step=0.02)
        assert taken, "the worker never took the job\n" + log_text(log)[-3000:]
        if _status(report.pk) == "dang_chay":
            return report, worker
        stop_worker(worker)
    pytest.fail("the job always finished before it could be interrupted")


def _database_outage(seconds: float) -> None:
    """What a PostgreSQL restart does to the worker, on the test database only: new connections are refused and
    the open ones (the worker's; not this test's) are cut, for `seconds`. PostgreSQL refuses to close the
    database one is connected to, so this goes through the server's maintenance database."""
    import psycopg

    db = connection.settings_dict
    name, mine = db["NAME"], connection.cursor().connection.info.backend_pid
    with psycopg.connect(
        host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, user=db["USER"], password=db["PASSWORD"] or None,
        dbname="postgres", autocommit=True,
    ) as admin:  # fmt: skip
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        try:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> %s",
                [name, mine],
            )
            time.sleep(seconds)
        finally:
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')


def test_a_job_whose_database_goes_away_mid_job_is_queued_again_and_finishes(
    world, redis_url, tmp_path, collected_static
):
    require_postgresql()
    setup = make_setup(world)
    queue = new_queue("test-dbdrop")
    env = worker_env(media=tmp_path, static_root=collected_static, redis_url=redis_url, CELERY_QUEUE=queue)
    log = tmp_path / "worker.log"
    workers = []

    def start():
        workers.append(start_worker(queue, env, log))
        return workers[-1]

    try:
        report, _ = _start_mid_job(setup, world, redis_url, queue, log, start)
        _database_outage(3)
        ended = wait_for(lambda: _status(report.pk) in ("xong", "loi"), timeout=120, step=0.2)
        assert ended, f"still '{_status(report.pk)}'\n" + log_text(log)[-4000:]
    finally:
        for worker in workers:
            stop_worker(worker)
    done = Report.objects.get(pk=report.pk)
    # Queued again by the job's own error path (no beat runs here), then produced once.
    assert (done.status, done.sends, done.attempts, done.claim) == ("xong", 2, 2, ""), log_text(log)[-4000:]
    assert done.pdf_file and done.pdf_sha256
    assert f"report {report.pk} failed" in log_text(log)  # the database error, logged with its traceback


def test_a_worker_killed_with_sigkill_is_replaced_within_the_documented_time_with_the_defaults(
    world, redis_url, tmp_path, collected_static
):
    require_postgresql()
    setup = make_setup(world)
    queue = new_queue("test-sigkill")
    redis = private_redis_url(redis_url)
    # Every Celery and report setting at its default: only the queue is the test's own.
    env = worker_env(
        media=tmp_path, static_root=collected_static, redis_url=redis, fast_redelivery=False, CELERY_QUEUE=queue
    )
    assert not any(k.startswith(("REPORT_", "CELERY_VISIBILITY", "CELERY_UNACKED")) for k in env)
    log = tmp_path / "worker.log"
    beat = start_beat(env, tmp_path / "beat.log", tmp_path / "beat-schedule")
    processes = [beat]

    def start():
        processes.append(start_worker(queue, env, log, name="w1"))
        return processes[-1]

    try:
        report, worker = _start_mid_job(setup, world, redis, queue, log, start)
        kill_worker(worker)
        killed_at = time.monotonic()
        assert _status(report.pk) == "dang_chay"
        processes.append(start_worker(queue, env, log, name="w2"))
        documented = settings.REPORT_STALE_SECONDS + settings.REPORT_SWEEP_SECONDS
        finished = wait_for(lambda: _status(report.pk) == "xong", timeout=documented + JOB_SECONDS, step=0.5)
        elapsed = time.monotonic() - killed_at
        assert finished, log_text(log)[-4000:] + log_text(tmp_path / "beat.log")[-2000:]
    finally:
        for process in reversed(processes):
            stop_worker(process)
    done = Report.objects.get(pk=report.pk)
    # The sweep queued it again (sends 2): not kombu's redelivery, which waits an hour with the defaults.
    assert (done.status, done.sends, done.attempts) == ("xong", 2, 2)
    assert done.worker.startswith("w2@") and done.pdf_file and done.pdf_sha256
    assert Report.objects.filter(campaign=setup.campaign, version=done.version).count() == 1
    print(f"killed → finished: {elapsed:.1f} s (documented: {documented} s + the job)")
