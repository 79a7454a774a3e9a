"""Faults under load: a Celery worker killed mid-report, Redis stopped, PostgreSQL restarted during a surge.

    .venv/bin/python benchmarks/faults.py --database-url postgres://postgres@127.0.0.1:5433/bench_faults \\
        --pg-restart "su postgres -c '/usr/lib/postgresql/15/bin/pg_ctl -D /tmp/surgepg/data -l /tmp/surgepg/log \\
        -m fast -w restart'"

Builds the same province as surge.py (in the database of --database-url, dropped first), starts gunicorn,
a Redis of its own on a spare port and a Celery worker on a queue of its own, then:

1. kill -9 of the worker (and its pool process) while it produces a report; a new worker finishes it, once;
2. Redis stopped: the home page and the submission form still work, a save is still acknowledged, and a
   report request says in Vietnamese that the queue is down; Redis back: a new request is produced;
3. PostgreSQL restarted (--pg-restart, a shell command) --restart-at seconds into a surge of --users units
   for --seconds: requests fail for a moment, then recover; the exactly-once check of surge.py runs after.

--pg-restart restarts the whole server of --database-url: point both at a PostgreSQL of your own (README,
"Load and faults"), never at one that other people's tests use. Without --pg-restart, fault 3 is skipped.
Not a test: it prints what happened.
"""

# ruff: noqa: E402, S603, S602 - surge's import sets up the path; we start and signal our own processes
from __future__ import annotations

import argparse
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

CELERY = dict(CELERY_VISIBILITY_TIMEOUT="3", CELERY_UNACKED_RESTORE_INTERVAL="1", CELERY_UNACKED_RESTORE_THROTTLE="1")


def wait(predicate, timeout: float, step: float = 0.05) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(step)
    return False


def start_worker(env: dict[str, str], queue: str, log: str) -> subprocess.Popen:
    """A prefork worker (the pool runs the loop that restores a dead worker's jobs), alone in its process group."""
    with open(log, "ab") as out:
        return subprocess.Popen(
            [
                sys.executable, "-m", "celery", "-A", "emulation", "worker", "--pool=prefork", "--concurrency=1",
                "-Q", queue, "-n", f"{queue}@%h", "--loglevel=INFO", "--without-gossip", "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=surge.ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip


def report_state(pk: int):
    from django.db import close_old_connections

    from emulation.reports.models import Report

    close_old_connections()
    return Report.objects.get(pk=pk)


# --- 1. kill -9 the worker mid-report ---------------------------------------------------------------------------


def fault_worker(env: dict[str, str], province: surge.Province) -> None:
    from emulation.celery import app
    from emulation.reports.models import Report

    print("\n1. kill -9 of the Celery worker while it produces a report")
    queue = f"faults-{uuid.uuid4().hex[:8]}"
    log = str(surge.WORK / f"worker-{queue}.log")
    office = surge.user_pk(province.office)
    for attempt in range(1, 6):
        version = Report.objects.filter(campaign_id=province.campaign).count() + 1
        report = Report.objects.create(
            campaign_id=province.campaign, period_id=province.period, requested_by_id=office, version=version
        )
        worker = start_worker(env, queue, log)
        try:
            sent = time.monotonic()
            app.send_task("emulation.reports.tasks.generate_report", args=[report.pk], queue=queue)
            if not wait(lambda pk=report.pk: report_state(pk).status != "cho", timeout=60):
                print(f"   the worker never took the job (log: {log})")
                return
            taken = time.monotonic() - sent
            if report_state(report.pk).status == "dang_chay":
                surge.stop(worker, signal.SIGKILL)  # the worker and its pool process, by process group
                killed_at = time.monotonic()
                print(
                    f"   attempt {attempt}: job taken {taken:.1f} s after sending; killed (SIGKILL) while "
                    f"'dang_chay' at {report_state(report.pk).progress} %"
                )
                break
            print(f"   attempt {attempt}: the report finished before it could be killed; again")
        finally:
            surge.stop(worker)
    else:
        print("   the job always finished before it could be killed")
        return
    killed = report_state(report.pk)
    restarted = start_worker(env, queue, log)
    try:
        done = wait(lambda: report_state(report.pk).status in ("xong", "loi"), timeout=120, step=0.2)
        after = time.monotonic() - killed_at
    finally:
        surge.stop(restarted)
    final = report_state(report.pk)
    rows = Report.objects.filter(campaign_id=province.campaign, period_id=province.period, version=final.version)
    print(
        f"   after the kill: status '{killed.status}', attempts {killed.attempts}, "
        f"PDF {'yes' if killed.pdf_file else 'no'}"
    )
    print(
        f"   new worker: status '{final.status}' {after:.1f} s after the kill "
        f"({'finished' if done else 'NOT finished'}), "
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
    fields = {"csrfmiddlewaretoken": surge.csrf(page.body), "period": str(province.period), "signer_title": "GIÁM ĐỐC"}
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5433/bench_faults")
    parser.add_argument("--pg-restart", help="shell command restarting the PostgreSQL of --database-url")
    parser.add_argument("--users", type=int, default=30, help="units in the fault-3 surge (default 30)")
    parser.add_argument("--seconds", type=float, default=30, help="length of the fault-3 surge (default 30)")
    parser.add_argument("--restart-at", type=float, default=10, help="seconds into the surge (default 10)")
    parser.add_argument("--send-every", type=int, default=10)
    parser.add_argument("--only", choices=("worker", "redis", "postgres"), action="append", help="run only these")
    args = parser.parse_args()
    only = set(args.only or ("worker", "redis", "postgres"))

    surge.WORK.mkdir(exist_ok=True)
    redis_port = surge.free_port()
    redis = surge.start_redis(redis_port)
    redis_url = f"redis://127.0.0.1:{redis_port}/0"
    server = None
    try:
        env = {**surge.prepare(args.database_url, redis_url), **CELERY}
        os.environ.update(CELERY)
        province = surge.build(args.users + 1)  # the last unit is fault 2's
        from django.db import connection

        connection.close()
        server = surge.Server(env, workers=2 * (os.cpu_count() or 1), threads=4, name="faults-gunicorn")
        server.start()
        names = [s.head for s in province.seats] + [province.office]
        cookies, _, took = surge.login_all(server.port, names, parallel=8)
        print(f"{len(names)} people signed in through the login form in {took:.1f} s; gunicorn on {server.port}")
        if "worker" in only:
            fault_worker(env, province)
        if "redis" in only:
            redis = fault_redis(env, province, server, cookies, redis_port, redis)
        if "postgres" in only:
            if args.pg_restart:
                fault_postgres(province, server, cookies, args)
            else:
                print("\n3. PostgreSQL restart skipped: give --pg-restart (a PostgreSQL of your own)")
        logged = server.tracebacks()
        print(f"\nServer log ({server.log}): " + (", ".join(f"{k} ×{n}" for k, n in logged.items()) or "no exception"))
    finally:
        if server:
            server.stop()
        surge.stop(redis)


if __name__ == "__main__":
    main()
