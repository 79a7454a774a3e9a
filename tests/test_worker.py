"""A real Celery worker on Redis: a report job whose worker is killed (kill -9) mid-way is redelivered and
finishes once. Needs PostgreSQL (the worker is another process) and Redis: CI runs it, never skips it."""

import pytest

from emulation.reports.models import Report
from indicators.tests.factories import make_setup
from tests.workers import (
    kill_worker,
    log_text,
    new_queue,
    require_postgresql,
    start_worker,
    stop_worker,
    wait_for,
    worker_env,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # test_settings makes tasks eager; send_task goes to the broker regardless, which is what this test wants.
    pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored"),
]


def test_a_killed_worker_s_job_is_redelivered_and_finishes_once(world, redis_url, tmp_path, collected_static):
    require_postgresql()
    from emulation.celery import app

    setup = make_setup(world)
    queue = new_queue()
    app.conf.broker_url = redis_url
    # Redeliver a dead worker's job after 3 s (production: an hour, above the task's time limit).
    env = worker_env(media=tmp_path, static_root=collected_static, redis_url=redis_url, CELERY_VISIBILITY_TIMEOUT="3")
    log = tmp_path / "worker.log"
    for attempt in range(3):
        report = Report.objects.create(
            campaign=setup.campaign,
            period=setup.period,
            requested_by=world.office,
            version=attempt + 1,
            signer_title="GIÁM ĐỐC",  # a report without a named signer is refused, not produced
            signer_name="Nguyễn Văn Ký",
        )
        worker = start_worker(queue, env, log)
        try:
            app.send_task("emulation.reports.tasks.generate_report", args=[report.pk], queue=queue)
            started = wait_for(lambda: Report.objects.get(pk=report.pk).status != "cho", timeout=60, step=0.02)
            assert started, "the worker never took the job\n" + log_text(log)[-3000:]
            if Report.objects.get(pk=report.pk).status == "dang_chay":
                # kill -9 the worker and its pool process mid-way: the job is not acknowledged. (The prefork pool
                # runs the event loop that restores unacknowledged jobs; the solo pool does not.)
                kill_worker(worker)
                break
        finally:
            stop_worker(worker)
    else:
        pytest.fail("the job always finished before it could be killed")
    killed = Report.objects.get(pk=report.pk)
    assert killed.status == "dang_chay" and not killed.pdf_file

    restarted = start_worker(queue, env, log)
    try:
        finished = wait_for(lambda: Report.objects.get(pk=report.pk).status == "xong", timeout=90, step=0.2)
        assert finished, log_text(log)[-3000:]
    finally:
        stop_worker(restarted)
    done = Report.objects.get(pk=report.pk)
    assert done.attempts == 2 and done.pdf_file and done.pdf_sha256
    assert Report.objects.filter(campaign=setup.campaign, version=done.version).count() == 1
