"""Two real Celery workers on one Redis queue share a batch of report jobs, and each report is produced exactly
once: one attempt, one PDF and one XLSX, no duplicate row. Needs PostgreSQL (the workers are other processes)
and Redis: CI runs it, never skips it."""

from __future__ import annotations

import pytest

from emulation.reports.models import Report
from indicators.tests.factories import make_setup
from tests.workers import log_text, new_queue, require_postgresql, start_worker, stop_worker, wait_for, worker_env

REPORTS = 8
pytestmark = [
    pytest.mark.django_db(transaction=True),
    # test_settings makes tasks eager; send_task goes to the broker regardless, which is what this test wants.
    pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored"),
]


def test_two_workers_share_a_batch_and_produce_each_report_once(world, redis_url, tmp_path, collected_static):
    require_postgresql()
    from emulation.celery import app

    setup = make_setup(world)
    queue = new_queue("test-spread")
    app.conf.broker_url = redis_url
    # The production visibility timeout (an hour) stays: a job still running is never handed to the other worker.
    env = worker_env(media=tmp_path, static_root=collected_static, redis_url=redis_url)
    logs = {name: tmp_path / f"{name}.log" for name in ("w1", "w2")}
    workers = [start_worker(queue, env, log, name=name) for name, log in logs.items()]
    try:
        # Both must be consuming before the batch goes out, or the first one up could take every job.
        ready = wait_for(lambda: all(" ready." in log_text(log) for log in logs.values()), 60, step=0.2)
        assert ready, "\n".join(log_text(log)[-2000:] for log in logs.values())
        reports = [
            Report.objects.create(
                campaign=setup.campaign,
                period=setup.period,
                requested_by=world.office,
                version=i + 1,
                signer_title="GIÁM ĐỐC",  # a report without a named signer is refused, not produced
                signer_name="Nguyễn Văn Ký",
            )
            for i in range(REPORTS)
        ]
        for report in reports:
            app.send_task("emulation.reports.tasks.generate_report", args=[report.pk], queue=queue)
        finished = wait_for(lambda: Report.objects.filter(status__in=["xong", "loi"]).count() == REPORTS, 90, 0.2)
        assert finished, "\n".join(log_text(log)[-3000:] for log in logs.values())
    finally:
        for worker in workers:
            stop_worker(worker)

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
        assert log_text(log).count("succeeded in") == produced
