"""Faults under load: a Celery worker killed mid-report, Redis stopped, PostgreSQL restarted during a surge and
during a report, all workers stopped, a worker host with a media folder of its own.

    .venv/bin/python benchmarks/faults.py --database-url postgres://postgres@127.0.0.1:5433/bench_faults \\
        --pg-restart "su postgres -c '/usr/lib/postgresql/15/bin/pg_ctl -D /tmp/surgepg/data -l /tmp/surgepg/log \\
        -m fast -w restart'"

Builds the same province as surge.py (in the database of --database-url, dropped first), starts gunicorn,
a Redis of its own on a spare port, Celery beat (the production schedule: the report sweep every
REPORT_SWEEP_SECONDS) and Celery workers, every Celery and report setting at its production default
(--fast-redelivery: a 3 s visibility timeout instead, as the figures of before the sweep were taken), then:

1. kill -9 of the worker (and its pool process) while it produces a report; a new worker finishes it, once;
2. Redis stopped: the home page and the submission form still work, a save is still acknowledged, and a
   report request says in Vietnamese that the queue is down; Redis back: a new request is produced;
3. PostgreSQL restarted (--pg-restart, a shell command) --restart-at seconds into a surge of --users units
   for --seconds: requests fail for a moment, then recover; the exactly-once check of surge.py runs after.
   Then restarted again while a worker produces a report: the report ends produced or failed, never running;
4. all workers stopped: /healthz says no worker answered, the report page says so in Vietnamese; a worker
   started again produces the waiting report;
5. a worker whose MEDIA_ROOT is not the web's (a second host without the shared folder): /healthz and
   `check --deploy` name it; its report's page says the files cannot be read here, and a download is a 404
   without an attachment header, not recorded.

--pg-restart restarts the whole server of --database-url: point both at a PostgreSQL of your own (README,
"Load and faults"), never at one that other people's tests use. Without --pg-restart, fault 3 is skipped.
Not a test: it prints what happened.
"""

# ruff: noqa: E402, S603, S602 - surge's import sets up the path; we start and signal our own processes
from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import uuid

import surge  # benchmarks/surge.py: the services, the province, the client and the check
import urllib3

# --fast-redelivery: kombu hands a dead worker's job back after 3 s (the tests' setting). Off by default: the
# production hour, and the report sweep does the recovery.
FAST_REDELIVERY = dict(
    CELERY_VISIBILITY_TIMEOUT="3", CELERY_UNACKED_RESTORE_INTERVAL="1", CELERY_UNACKED_RESTORE_THROTTLE="1"
)
NO_WORKER = "Hiện không có máy xử lý nào đang hoạt động nên báo cáo chưa được tạo."
FILES_MISSING = "máy chủ này không đọc được tệp của báo cáo"


def wait(predicate, timeout: float, step: float = 0.05) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(step)
    return False


def start_worker(env: dict[str, str], name: str, log: str) -> subprocess.Popen:
    """A prefork worker (the pool runs the loop that restores a dead worker's jobs) on the default queue, alone in
    its process group. Our Redis is ours alone: every worker and beat use its default queue, as deployed."""
    with open(log, "ab") as out:
        return subprocess.Popen(
            [
                sys.executable, "-m", "celery", "-A", "emulation", "worker", "--pool=prefork", "--concurrency=1",
                "-n", f"{name}@%h", "--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat",
            ],
            cwd=surge.ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip


def start_beat(env: dict[str, str], log: str) -> subprocess.Popen:
    schedule = surge.WORK / f"beat-{uuid.uuid4().hex[:8]}"
    with open(log, "ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "emulation", "beat", "--loglevel=INFO", f"--schedule={schedule}"],
            cwd=surge.ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip


def wait_ready(log: str, timeout: float = 90) -> bool:
    return wait(lambda: " ready." in open(log, errors="replace").read(), timeout, step=0.2)


def new_report(province: surge.Province):
    from emulation.reports.models import Report

    version = Report.objects.filter(campaign_id=province.campaign, period_id=province.period).count() + 1
    return Report.objects.create(
        campaign_id=province.campaign, period_id=province.period, requested_by_id=surge.user_pk(province.office),
        version=version, signer_title="GIÁM ĐỐC", signer_name="Nguyễn Văn Thử",
    )  # fmt: skip


def send_job(pk: int) -> None:
    from emulation.celery import app

    app.send_task("emulation.reports.tasks.generate_report", args=[pk])


def catch_running(env: dict[str, str], province: surge.Province, name: str, log: str):
    """Start a worker and send report jobs until one is caught 'dang_chay'; returns (report, worker, taken) with
    the worker still running, or None."""
    for attempt in range(1, 6):
        worker = start_worker(env, f"{name}{attempt}", log)
        if not wait_ready(log):
            print(f"   the worker did not start (log: {log})")
            surge.stop(worker)
            return None
        report = new_report(province)
        sent = time.monotonic()
        send_job(report.pk)
        if not wait(lambda pk=report.pk: report_state(pk).status != "cho", timeout=60, step=0.02):
            print(f"   the worker never took the job (log: {log})")
            surge.stop(worker)
            return None
        if report_state(report.pk).status == "dang_chay":
            return report, worker, time.monotonic() - sent
        print(f"   attempt {attempt}: the report finished before it could be interrupted; again")
        surge.stop(worker)
    print("   the job always finished before it could be interrupted")
    return None


def outcome(pk: int) -> str:
    final = report_state(pk)
    return (
        f"status '{final.status}', sends {final.sends}, attempts {final.attempts}, worker {final.worker or '-'}, "
        f"PDF {bool(final.pdf_file)}" + (f", error “{final.error}”" if final.error else "")
    )


def report_state(pk: int):
    from django.db import close_old_connections

    from emulation.reports.models import Report

    close_old_connections()
    return Report.objects.get(pk=pk)


# --- 1. kill -9 the worker mid-report ---------------------------------------------------------------------------


def fault_worker(env: dict[str, str], province: surge.Province, fast: bool) -> None:
    from django.conf import settings

    from emulation.reports.models import Report

    print("\n1. kill -9 of the Celery worker while it produces a report")
    if fast:
        print("   (--fast-redelivery: visibility timeout 3 s, restore sweep every second)")
    else:
        print(
            f"   (defaults: visibility timeout {settings.CELERY_BROKER_TRANSPORT_OPTIONS['visibility_timeout']} s; "
            f"report sweep every {settings.REPORT_SWEEP_SECONDS} s, stale after {settings.REPORT_STALE_SECONDS} s)"
        )
    log = str(surge.WORK / f"worker-kill-{uuid.uuid4().hex[:6]}.log")
    caught = catch_running(env, province, "killed", log)
    if caught is None:
        return
    report, worker, taken = caught
    surge.stop(worker, signal.SIGKILL)  # the worker and its pool process, by process group
    killed_at = time.monotonic()
    killed = report_state(report.pk)
    print(f"   job taken {taken:.1f} s after sending; killed (SIGKILL) while 'dang_chay' at {killed.progress} %")
    restarted = start_worker(env, "replacement", log)
    try:
        done = wait(lambda: report_state(report.pk).status in ("xong", "loi"), timeout=600, step=0.2)
        after = time.monotonic() - killed_at
    finally:
        surge.stop(restarted)
    final = report_state(report.pk)
    rows = Report.objects.filter(campaign_id=province.campaign, period_id=province.period, version=final.version)
    print(
        f"   after the kill: status '{killed.status}', attempts {killed.attempts}, "
        f"PDF {'yes' if killed.pdf_file else 'no'}"
    )
    how = "the sweep queued it again" if final.sends > 1 else "kombu redelivered the job"
    print(
        f"   new worker: status '{final.status}' {after:.1f} s after the kill "
        f"({'finished' if done else 'NOT finished'}; {how}), sends {final.sends}, "
        f"attempts {final.attempts}, rows for this version {rows.count()}, PDF {bool(final.pdf_file)} "
        f"(sha256 {final.pdf_sha256[:12]}…), Excel {bool(final.xlsx_file)}"
    )
    ok = done and final.status == "xong" and final.attempts == 2 and rows.count() == 1 and final.pdf_file
    print("   => " + ("OK: finished once after the restart" if ok else "FAILED"))


# --- 2. Redis down -----------------------------------------------------------------------------------------------


def fault_redis(
    env: dict[str, str], province: surge.Province, server: surge.Server, cookies: dict, redis_port: int, redis
):
    from emulation.reports.services import QUEUE_DOWN

    print(f"\n2. Redis stopped (our own redis-server on port {redis_port})")
    stats = surge.Stats()
    seat = province.seats[-1]  # a unit of its own: fault 3's check must not see this save
    staff = surge.Browser(server.port, stats, cookies[seat.head])
    office = surge.Browser(server.port, stats, cookies[province.office])
    surge.stop(redis)
    print(f"   redis-server stopped (SIGTERM); port {redis_port} answers: {surge.wait_port(redis_port, 0.5)}")

    def timed(label: str, call) -> surge.Reply:
        started = time.monotonic()
        try:
            reply = call()
        except urllib3.exceptions.HTTPError as exc:
            print(f"   {label:<44} connection error {type(exc).__name__} after {time.monotonic() - started:.2f} s")
            raise
        print(f"   {label:<44} HTTP {reply.status} in {time.monotonic() - started:.2f} s")
        return reply

    timed("home page (Văn phòng Sở)", lambda: office.get("home", "/"))
    timed("healthz", lambda: office.get("healthz", "/healthz"))
    form = timed("submission form (cán bộ)", lambda: staff.get("form", f"/bao-cao-so-lieu/{seat.submission}/"))
    user = surge.SurgeUser(seat, server.port, stats, cookies, cookies[province.office], send_every=10)
    after = user.save(staff, form, "save")
    print(f"   save of the form: {'acknowledged (302)' if user.ledger.acked else 'NOT acknowledged'}")
    fresh = timed(
        "sign-in of another user", lambda: surge.login(server.port, stats, province.seats[1].staff).get("h", "/")
    )
    del after, fresh
    page = office.get("reports", f"/phong-trao/{province.campaign}/bao-cao/")
    fields = {
        "csrfmiddlewaretoken": surge.csrf(page.body),
        "period": str(province.period),
        "signer_title": "GIÁM ĐỐC",
        "signer_name": "Nguyễn Văn Thử",
    }
    reply = timed(
        "report request (POST)", lambda: office.post("request", f"/phong-trao/{province.campaign}/bao-cao/", fields)
    )
    detail = office.get("report", reply.location) if reply.status == 302 else reply
    said = QUEUE_DOWN in detail.body.replace("&#x27;", "'")
    match = re.search(r'alert-danger" role="alert">([^<]*)', detail.body)
    print(f"   report page says the queue is down: {said} — “{match.group(1).strip() if match else ''}”")
    errors = {k: n for k, n in stats.errors().items() if not k.startswith("healthz")}  # 503 there is its job
    print(f"   server errors while Redis was down: {sum(errors.values())} {dict(errors) if errors else ''}")
    redis = surge.start_redis(redis_port)
    started = time.monotonic()
    reply = office.post("request", f"/phong-trao/{province.campaign}/bao-cao/", fields)
    pk = int(reply.location.rstrip("/").rsplit("/", 1)[1]) if reply.status == 302 else None
    state = report_state(pk).status if pk else "?"
    print(
        f"   Redis back: a new request answers HTTP {reply.status} in {time.monotonic() - started:.2f} s, report "
        f"status '{state}' (queued: 'cho')"
    )
    ok = said and not errors and user.ledger.acked and state == "cho"
    print("   => " + ("OK: pages work, the report says so in Vietnamese, requests queue again" if ok else "FAILED"))
    return redis


# --- 3. PostgreSQL restart during a surge ------------------------------------------------------------------------


def fault_postgres(province: surge.Province, server: surge.Server, cookies: dict, args) -> None:
    print(
        f"\n3. PostgreSQL restarted {args.restart_at:.0f} s into a surge of {args.users} units for {args.seconds:.0f} s"
    )
    stats = surge.Stats()
    office = cookies[province.office]
    users = [
        surge.SurgeUser(seat, server.port, stats, cookies, office, args.send_every)
        for seat in province.seats[: args.users]
    ]
    restart: dict[str, float] = {}

    def restart_later() -> None:
        time.sleep(args.restart_at)
        restart["start"] = time.monotonic()
        # Not a pipe: the restarted postmaster would hold it open. Its output goes to a file of ours.
        with open(surge.WORK / "pg-restart.log", "ab") as log:
            done = subprocess.run(args.pg_restart, shell=True, stdout=log, stderr=subprocess.STDOUT, timeout=120)
        restart["end"] = time.monotonic()
        restart["rc"] = done.returncode

    restarter = threading.Thread(target=restart_later)
    restarter.start()
    wall = surge.run_threads(lambda u, deadline: u.run(deadline), users, args.seconds)
    restarter.join()
    surge.print_stats("   surge with the restart", stats, wall)
    if "start" not in restart:
        print("   the restart did not run")
        return
    print(
        f"   restart command: exit {restart['rc']}, {restart['end'] - restart['start']:.1f} s "
        f"(from {restart['start'] - stats.origin:.1f} s to {restart['end'] - stats.origin:.1f} s into the run)"
    )
    print("   timeline (second: outcomes):")
    for second in sorted(stats.timeline):
        counts = stats.timeline[second]
        if set(counts) != {"ok"} or abs(second - args.restart_at) <= 2:
            print(f"     {second:>3} s: " + ", ".join(f"{k} {n}" for k, n in sorted(counts.items())))
    if stats.failed:
        first, last = min(stats.failed), max(stats.failed)
        print(
            f"   {len(stats.failed)} failed requests between {first - stats.origin:.1f} s and "
            f"{last - stats.origin:.1f} s; "
            f"recovered {last - restart['start']:.1f} s after the restart began"
        )
    else:
        print("   no request failed")
    surge.print_check(surge.check_exactly_once(users))


def fault_postgres_report(env: dict[str, str], province: surge.Province, args) -> None:
    print("\n3b. PostgreSQL restarted while a worker produces a report")
    log = str(surge.WORK / f"worker-pg-{uuid.uuid4().hex[:6]}.log")
    caught = catch_running(env, province, "pg", log)
    if caught is None:
        return
    report, worker, _ = caught
    try:
        at = report_state(report.pk).progress
        started = time.monotonic()
        with open(surge.WORK / "pg-restart.log", "ab") as out:
            done = subprocess.run(args.pg_restart, shell=True, stdout=out, stderr=subprocess.STDOUT, timeout=120)
        took = time.monotonic() - started
        print(f"   restarted at {at} % (exit {done.returncode}, {took:.1f} s)")
        states = []

        def settled() -> bool:
            try:
                state = report_state(report.pk).status
            except Exception:  # noqa: BLE001 - the database may still be starting
                return False
            if not states or states[-1] != state:
                states.append(state)
            return state in ("xong", "loi")

        ended = wait(settled, timeout=300, step=0.2)
        print(
            f"   {time.monotonic() - started:.1f} s after the restart began: {outcome(report.pk)}; states seen: "
            + " → ".join(states)
        )
        print("   => " + ("OK: ended, not left running" if ended else "FAILED: still running"))
    finally:
        surge.stop(worker)


# --- 4. all workers stopped --------------------------------------------------------------------------------------


def fault_no_worker(env, province, server, cookies) -> None:
    from django.conf import settings

    from emulation import workers

    print("\n4. all workers stopped")
    stats = surge.Stats()
    office = surge.Browser(server.port, stats, cookies[province.office])
    # The killed worker of fault 1 could not take itself off the list: its heartbeat has to go stale first.
    gone = wait(lambda: not workers.alive(workers.heartbeats()), timeout=settings.WORKER_STALE_SECONDS + 30, step=1)
    print(f"   no live heartbeat left: {gone}")
    health = office.get("healthz", "/healthz")
    strict = office.get("healthz", "/healthz?strict=1")
    check = json.loads(health.body)["checks"].get("worker")
    print(f"   /healthz: HTTP {health.status} {json.loads(health.body)['status']!r}, worker {check}")
    print(f"   /healthz?strict=1: HTTP {strict.status}")
    page = office.get("reports", f"/phong-trao/{province.campaign}/bao-cao/")
    fields = {
        "csrfmiddlewaretoken": surge.csrf(page.body),
        "period": str(province.period),
        "signer_title": "GIÁM ĐỐC",
        "signer_name": "Nguyễn Văn Thử",
    }
    reply = office.post("request", f"/phong-trao/{province.campaign}/bao-cao/", fields)
    pk = int(reply.location.rstrip("/").rsplit("/", 1)[1])
    detail = office.get("report", reply.location)
    said = NO_WORKER in detail.body
    print(f"   report requested (HTTP {reply.status}), status '{report_state(pk).status}'; page says no worker: {said}")
    log = str(surge.WORK / f"worker-back-{uuid.uuid4().hex[:6]}.log")
    started = time.monotonic()
    worker = start_worker(env, "back", log)
    try:
        done = wait(lambda: report_state(pk).status in ("xong", "loi"), timeout=180, step=0.2)
        print(f"   worker started again: report {outcome(pk)} {time.monotonic() - started:.1f} s later")
        health = office.get("healthz", "/healthz")
        print(f"   /healthz now: HTTP {health.status} {json.loads(health.body)['status']!r}")
    finally:
        surge.stop(worker)
    ok = gone and health.status == 200 and strict.status == 503 and said and done
    print(
        "   => " + ("OK: health and the page say it; the report is produced once a worker is back" if ok else "FAILED")
    )


# --- 5. a worker host with a media folder of its own ---------------------------------------------------------------


def fault_unshared_media(env, province, server, cookies) -> None:
    from emulation import workers
    from emulation.reports.models import ReportDownload

    print("\n5. a worker whose MEDIA_ROOT is not the web's (a second host without the shared folder)")
    stats = surge.Stats()
    office = surge.Browser(server.port, stats, cookies[province.office])
    other = surge.WORK / "media-of-host-b"
    log = str(surge.WORK / f"worker-host-b-{uuid.uuid4().hex[:6]}.log")
    worker = start_worker({**env, "MEDIA_ROOT": str(other)}, "host-b", log)
    try:
        seen = wait(lambda: any(e["hostname"].startswith("host-b@") for e in workers.heartbeats()), 90, step=0.5)
        health = office.get("healthz", "/healthz")
        body = json.loads(health.body)
        print(f"   worker heartbeat seen: {seen}; /healthz HTTP {health.status} {body['status']!r}, media "
              f"{body['checks'].get('media')}")  # fmt: skip
        check = subprocess.run(
            [sys.executable, "manage.py", "check", "--deploy"], cwd=surge.ROOT, env=env, capture_output=True,
            text=True, timeout=120,
        )  # fmt: skip
        found = [line for line in (check.stdout + check.stderr).splitlines() if "reports.W001" in line]
        print(f"   manage.py check --deploy: {found[0].strip() if found else 'no reports.W001'}")
        page = office.get("reports", f"/phong-trao/{province.campaign}/bao-cao/")
        fields = {
            "csrfmiddlewaretoken": surge.csrf(page.body),
            "period": str(province.period),
            "signer_title": "GIÁM ĐỐC",
            "signer_name": "Nguyễn Văn Thử",
        }
        reply = office.post("request", f"/phong-trao/{province.campaign}/bao-cao/", fields)
        pk = int(reply.location.rstrip("/").rsplit("/", 1)[1])
        done = wait(lambda: report_state(pk).status in ("xong", "loi"), timeout=180, step=0.2)
        print(f"   report produced by host-b: {outcome(pk)} ({'done' if done else 'NOT done'})")
        detail = office.get("report", reply.location)
        print(f"   report page says the files cannot be read here: {FILES_MISSING in detail.body}")
        # Browser keeps no headers: a plain request with the office's cookies.
        pool = urllib3.HTTPConnectionPool("127.0.0.1", server.port, retries=False, timeout=30)
        cookie = "; ".join(f"{k}={v}" for k, v in cookies[province.office].items())
        download = pool.request("GET", f"/bao-cao/{pk}/tai/pdf/", headers={"Cookie": cookie}, redirect=False)
        print(
            f"   download: HTTP {download.status}, Content-Disposition "
            f"{download.headers.get('Content-Disposition', '(none)')!r}, recorded downloads "
            f"{ReportDownload.objects.filter(report_id=pk).count()}"
        )
        ok = (
            seen and body["checks"].get("media", {}).get("ok") is False and found and done
            and FILES_MISSING in detail.body and download.status == 404
            and "Content-Disposition" not in download.headers
            and not ReportDownload.objects.filter(report_id=pk).exists()
        )  # fmt: skip
        print("   => " + ("OK: detected, told, nothing saved as a file, nothing recorded" if ok else "FAILED"))
    finally:
        surge.stop(worker)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5433/bench_faults")
    parser.add_argument("--pg-restart", help="shell command restarting the PostgreSQL of --database-url")
    parser.add_argument("--users", type=int, default=30, help="units in the fault-3 surge (default 30)")
    parser.add_argument("--seconds", type=float, default=30, help="length of the fault-3 surge (default 30)")
    parser.add_argument("--restart-at", type=float, default=10, help="seconds into the surge (default 10)")
    parser.add_argument("--send-every", type=int, default=10)
    parser.add_argument(
        "--fast-redelivery", action="store_true", help="visibility timeout 3 s (the figures before the sweep)"
    )
    parser.add_argument(
        "--only", choices=("worker", "redis", "postgres", "noworker", "media"), action="append", help="run only these"
    )
    args = parser.parse_args()
    only = set(args.only or ("worker", "redis", "postgres", "noworker", "media"))

    surge.WORK.mkdir(exist_ok=True)
    redis_port = surge.free_port()
    redis = surge.start_redis(redis_port)
    redis_url = f"redis://127.0.0.1:{redis_port}/0"
    celery = FAST_REDELIVERY if args.fast_redelivery else {}
    # The office asks for a report in several faults within minutes: no per-person limit here.
    extra = {**celery, "REPORT_RATE_LIMIT": "0"}
    server = beat = None
    try:
        env = {**surge.prepare(args.database_url, redis_url), **extra}
        os.environ.update(extra)
        province = surge.build(args.users + 1)  # the last unit is fault 2's
        from django.db import connection

        connection.close()
        server = surge.Server(env, workers=2 * (os.cpu_count() or 1), threads=4, name="faults-gunicorn")
        server.start()
        beat = start_beat(env, str(surge.WORK / "beat.log"))
        names = [s.head for s in province.seats] + [province.office]
        cookies, _, took = surge.login_all(server.port, names, parallel=8)
        print(f"{len(names)} people signed in through the login form in {took:.1f} s; gunicorn on {server.port}")
        if "worker" in only:
            fault_worker(env, province, args.fast_redelivery)
        if "redis" in only:
            redis = fault_redis(env, province, server, cookies, redis_port, redis)
        if "postgres" in only:
            if args.pg_restart:
                fault_postgres(province, server, cookies, args)
                fault_postgres_report(env, province, args)
            else:
                print("\n3. PostgreSQL restart skipped: give --pg-restart (a PostgreSQL of your own)")
        if "noworker" in only:
            fault_no_worker(env, province, server, cookies)
        if "media" in only:
            fault_unshared_media(env, province, server, cookies)
        logged = server.tracebacks()
        print(f"\nServer log ({server.log}): " + (", ".join(f"{k} ×{n}" for k, n in logged.items()) or "no exception"))
    finally:
        if server:
            server.stop()
        surge.stop(beat)
        surge.stop(redis)


if __name__ == "__main__":
    main()
