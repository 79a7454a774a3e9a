"""Deadline surge: many units saving and sending their figures at once, against gunicorn, PostgreSQL and Redis.

    .venv/bin/python benchmarks/surge.py [--users 100 --seconds 60 --database-url postgres://…/bench_surge]

Creates (drops first) the database named in --database-url, migrates it, builds one Sở with --users units (a
staff member and a head each, and a draft submission for the open annual period), starts gunicorn on loopback
with emulation.bench_settings (the production settings plus /bench/ping/) and a Redis of its own, then:

1. signs each unit's head (with --staff, also its staff member) and Văn phòng Sở in through the login form;
2. for --seconds, each virtual unit loops: it opens the form and saves new figures (with --staff, as the staff
   member); about one time in --send-every the head opens the form and saves and sends, and Văn phòng Sở
   returns the report so that the unit can go on;
3. checks in the database that every acknowledged save is there exactly once (see README, "Load and faults");
4. runs the same number of users for the same time against /bench/ping/ and prints the ratio.

Not a test: nothing asserts a time. The load generator runs on the same machine as the server.
"""

# ruff: noqa: E402, S603, S607 - django.setup() runs before the project's imports; we start our own servers
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import urllib3

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this folder would come first on sys.path and `indicators` would not be the app.
sys.path[0] = str(ROOT)
sys.path.append(str(Path(__file__).resolve().parent))  # so that faults.py can `import surge`

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench_surge"
SHARED_DATABASES = {"emulation", "test_emulation", "postgres", "template0", "template1"}
PASSWORD = "ThiDua@2025-surge"
WORK = Path(tempfile.gettempdir()) / "emulation-surge"  # logs, static files, media
NOTE = re.compile(r"^surge #(\d+)$")  # each save writes "surge #<k>" into every figure's note
SENT = "Đã gửi báo cáo tới Văn phòng Sở."
STALE = "đã được lưu ở nơi khác"
LOCKED = "đã gửi hoặc đã duyệt"
RETURNED = "Đã trả lại báo cáo cho đơn vị."
KEEP_ALIVE = 5  # seconds gunicorn keeps an idle connection
KINDS = ("rate", "number", "rate", "number", "task", "number", "rate", "number")  # the indicators, in order


# --- Services: Redis, database, gunicorn --------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.1)
    return False


def start_redis(port: int) -> subprocess.Popen:
    """A Redis of our own (no persistence), so that stopping it or filling it touches nobody else's."""
    proc = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    if not wait_port(port, 10):
        proc.kill()
        raise SystemExit(f"redis-server did not start on port {port}")
    return proc


def stop(proc: subprocess.Popen | None, sig: int = signal.SIGTERM, timeout: float = 20) -> None:
    """Stop a process this script started, and its process group (gunicorn's and celery's children)."""
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, sig)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def recreate_database(database_url: str) -> None:
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    if not name or name in SHARED_DATABASES:
        raise SystemExit(f"refusing to drop the database {name!r}: name a database of your own in --database-url")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def server_env(database_url: str, redis_url: str, **extra: str) -> dict[str, str]:
    """Production settings (DEBUG off) as a deployment sets them, but plain HTTP on loopback."""
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_"))},
        "DJANGO_SETTINGS_MODULE": "emulation.bench_settings",
        "DEBUG": "0",
        "SECRET_KEY": "surge-benchmark-secret-key-" + "x" * 40,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_ROOT": str(WORK / "static"),
        "MEDIA_ROOT": str(WORK / "media"),
        "LOG_LEVEL": "WARNING",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        **extra,
    }


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=600)


def prepare(database_url: str, redis_url: str) -> dict[str, str]:
    """Fresh database, migrated; collected static files (the manifest storage needs them); Django set up here."""
    env = server_env(database_url, redis_url)
    started = time.perf_counter()
    recreate_database(database_url)
    manage(env, "migrate", "--noinput", "-v0")
    if not (WORK / "static" / "staticfiles.json").exists():
        manage(env, "collectstatic", "--noinput", "-v0")
    os.environ.update(env)
    import django

    django.setup()
    print(f"Database {urlsplit(database_url).path[1:]} created and migrated in {time.perf_counter() - started:.1f} s")
    return env


class Server:
    """gunicorn on a loopback port, as deployed: gthread workers, the project's WSGI app."""

    def __init__(self, env: dict[str, str], workers: int, threads: int, name: str = "gunicorn"):
        self.port = free_port()
        self.log = WORK / f"{name}-{self.port}.log"
        self.args = [
            sys.executable, "-m", "gunicorn", "emulation.wsgi:application",
            "--bind", f"127.0.0.1:{self.port}", "--workers", str(workers), "--threads", str(threads),
            "--worker-class", "gthread", "--timeout", "60", "--graceful-timeout", "5", "--keep-alive", str(KEEP_ALIVE),
            "--error-logfile", str(self.log), "--no-control-socket",
        ]  # fmt: skip
        self.env = env
        self.proc: subprocess.Popen | None = None
        self.workers, self.threads = workers, threads

    def start(self) -> None:
        with open(self.log, "ab") as log:  # Django's own log (a 500's traceback) goes to the workers' stderr
            self.proc = subprocess.Popen(
                self.args, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        pool = urllib3.HTTPConnectionPool("127.0.0.1", self.port, retries=False, timeout=5)
        end = time.monotonic() + 60
        while time.monotonic() < end:
            try:
                if pool.request("GET", "/tai-khoan/dang-nhap/").status == 200:
                    return
            except urllib3.exceptions.HTTPError:
                pass
            time.sleep(0.2)
        raise SystemExit(f"gunicorn did not answer; see {self.log}")

    def stop(self) -> None:
        stop(self.proc)

    def tracebacks(self) -> Counter:
        """Exceptions the server logged (Django logs a 500's traceback through django.request)."""
        if not self.log.exists():
            return Counter()
        found = Counter()
        for line in self.log.read_text(errors="replace").splitlines():
            if line.startswith("{"):  # the JSON log format: the exception's last line, as Python prints it
                try:
                    record = json.loads(line)
                except ValueError:
                    continue
                last = (record.get("exc_info") or "").strip().splitlines()[-1:]
                name = re.match(r"([\w.]+):", last[0]) if last else None
            else:
                name = re.match(r"([\w.]+(?:Error|Exception|Interrupted)):", line)
            if name:
                found[name.group(1)] += 1
        return found


# --- The province ----------------------------------------------------------------------------------------


@dataclass
class UnitSeat:
    """One virtual unit: its people, its submission and its figures' ids and kinds."""

    index: int
    staff: str
    head: str
    submission: int
    values: list[tuple[int, str]]


@dataclass
class Province:
    office: str
    campaign: int
    period: int
    seats: list[UnitSeat]


def build(units: int) -> Province:
    import datetime
    from decimal import Decimal

    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from campaigns.models import Role, RoleAssignment, Unit, UnitLevel, User
    from campaigns.tests.factories import make_campaign, make_unit
    from indicators import services
    from indicators.models import Indicator, Target

    started = time.perf_counter()
    password = make_password(PASSWORD)  # hashed once: the same password for everyone
    year = timezone.localdate().year
    with transaction.atomic():
        bo = make_unit(None, name="Bộ Thông tin và Truyền thông", level=UnitLevel.BO, code="surge-bo")
        so = make_unit(bo, name="Sở TT&TT tỉnh Thử tải", level=UnitLevel.SO, code="surge-so", province="Tỉnh Thử tải")
        office = User.objects.create(username="surge-vanphong", full_name="Văn phòng Sở (thử tải)", password=password)
        RoleAssignment.objects.create(user=office, unit=so, role=Role.VAN_PHONG)
        children = [
            make_unit(so, name=f"Phòng thử tải {i:03d}", code=f"surge-u{i:03d}", province="Tỉnh Thử tải")
            for i in range(units)
        ]
        people = User.objects.bulk_create(
            User(username=f"surge-{who}-{i:03d}", full_name=f"{who} {i:03d}", password=password)
            for i in range(units)
            for who in ("canbo", "lanhdao")
        )
        RoleAssignment.objects.bulk_create(
            RoleAssignment(user=person, unit=children[n // 2], role=(Role.CAN_BO, Role.LANH_DAO)[n % 2])
            for n, person in enumerate(people)
        )
        campaign = make_campaign(
            so, title="Phong trào thử tải", start_date=datetime.date(year, 1, 1), end_date=datetime.date(year, 12, 31)
        )
        for n, kind in enumerate(KINDS, start=1):
            measure = {"rate": "percent", "number": "count", "task": "task"}[kind]
            labels = {"numerator_label": "Số hồ sơ đúng hạn", "denominator_label": "Tổng số hồ sơ"}
            indicator = Indicator.objects.create(
                code=f"surge-{n:02d}",
                name=f"Chỉ tiêu thử tải {n}",
                measure=measure,
                entry=kind,
                order=n,
                **(labels if kind == "rate" else {}),
            )
            Target.objects.create(
                campaign=campaign,
                indicator=indicator,
                order=n,
                comparator="done_by" if kind == "task" else "gte",
                value=None if kind == "task" else Decimal(80 if kind == "rate" else 50),
                due_on=datetime.date(year, 12, 31) if kind == "task" else None,
            )
        period = campaign.reporting_periods.get(kind="nam")
        seats = []
        for i, unit in enumerate(children):
            staff = people[2 * i]
            submission = services.submission_open(period=period, unit=Unit.objects.get(pk=unit.pk), user=staff)
            values = [(v.pk, v.target.indicator.entry) for v in submission.values.select_related("target__indicator")]
            seats.append(UnitSeat(i, staff.username, people[2 * i + 1].username, submission.pk, sorted(values)))
    print(
        f"Built {units} units ({2 * units} people), {len(KINDS)} indicators, {units} draft submissions for "
        f"{period} in {time.perf_counter() - started:.1f} s"
    )
    return Province(office.username, campaign.pk, period.pk, seats)


def user_pk(username: str) -> int:
    from campaigns.models import User

    return User.objects.get(username=username).pk


# --- The client: a browser without JavaScript ------------------------------------------------------------


class Stats:
    """Every request's outcome, by kind; thread-safe."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.status: dict[str, Counter] = defaultdict(Counter)
        self.timeline: dict[int, Counter] = defaultdict(Counter)  # second since start → ok / 5xx / conn …
        self.failed: list[float] = []  # when each 5xx or connection error came back (time.monotonic())
        self.origin = time.monotonic()

    def add(self, kind: str, started: float, outcome: str | int) -> None:
        elapsed = time.monotonic() - started
        bucket = "ok" if isinstance(outcome, int) and outcome < 500 else str(outcome)
        with self.lock:
            self.latency[kind].append(elapsed)
            self.status[kind][outcome] += 1
            self.timeline[int(started + elapsed - self.origin)][bucket] += 1  # when the answer came
            if bucket != "ok":
                self.failed.append(started + elapsed)

    def all_latencies(self) -> list[float]:
        return [x for values in self.latency.values() for x in values]

    def errors(self) -> Counter:
        """Anything but the statuses the page is meant to answer (200, 302 and a form's 400)."""
        out = Counter()
        for kind, counts in self.status.items():
            for outcome, n in counts.items():
                if outcome not in (200, 302):
                    out[f"{kind}: {outcome}"] += n
        return out


@dataclass
class Reply:
    status: int
    body: str
    location: str


class Browser:
    """Cookies, CSRF token from the page, keep-alive connection; every request recorded in `stats`."""

    def __init__(self, port: int, stats: Stats, cookies: dict[str, str] | None = None) -> None:
        self.port = port
        self.pool = self.connect()
        self.last_used = time.monotonic()
        self.stats = stats
        self.cookies = dict(cookies or {})
        self.origin = f"http://127.0.0.1:{port}"

    def connect(self) -> urllib3.HTTPConnectionPool:
        timeout = urllib3.Timeout(connect=5, read=60)
        return urllib3.HTTPConnectionPool("127.0.0.1", self.port, maxsize=1, block=True, retries=False, timeout=timeout)

    def request(self, kind: str, method: str, path: str, fields: dict | None = None, multipart: bool = False) -> Reply:
        if time.monotonic() - self.last_used > KEEP_ALIVE - 1:
            # gunicorn closes a connection idle for --keep-alive seconds; a browser would not reuse it either
            # (without this, a request sent as the server closes it fails with "Remote end closed connection").
            self.pool.close()
            self.pool = self.connect()
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        started = time.monotonic()
        try:
            if method == "GET":
                response = self.pool.request("GET", path, headers=headers, redirect=False)
            else:
                headers["Origin"] = self.origin
                response = self.pool.request(
                    "POST", path, fields=fields, headers=headers, encode_multipart=multipart, redirect=False
                )
        except urllib3.exceptions.HTTPError as exc:
            reason = getattr(exc, "reason", None) or exc
            self.stats.add(kind, started, f"connection error ({type(reason).__name__})")
            raise
        self.stats.add(kind, started, response.status)
        self.last_used = time.monotonic()
        for header in response.headers.getlist("Set-Cookie"):
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if "Max-Age=0" in header or value in ('""', ""):
                self.cookies.pop(name.strip(), None)
            else:
                self.cookies[name.strip()] = value
        return Reply(response.status, response.data.decode("utf-8", "replace"), response.headers.get("Location", ""))

    def get(self, kind: str, path: str) -> Reply:
        return self.request(kind, "GET", path)

    def post(self, kind: str, path: str, fields: dict, multipart: bool = False) -> Reply:
        return self.request(kind, "POST", path, fields, multipart)


def csrf(page: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if not match:
        raise RuntimeError("no CSRF token on the page")
    return match.group(1)


def version_of(page: str) -> str:
    match = re.search(r'name="version" value="(\d+)"', page)
    return match.group(1) if match else ""


def login(port: int, stats: Stats, username: str) -> Browser:
    """Through the real sign-in form: GET it (CSRF cookie and token), POST, expect the redirect home."""
    browser = Browser(port, stats)
    page = browser.get("login GET", "/tai-khoan/dang-nhap/")
    token = csrf(page.body)
    reply = browser.post(
        "login POST",
        "/tai-khoan/dang-nhap/",
        {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD},
    )
    if reply.status != 302 or "sessionid" not in browser.cookies:
        raise RuntimeError(f"sign-in of {username} failed: HTTP {reply.status}")
    return browser


def login_all(port: int, names: list[str], parallel: int) -> tuple[dict[str, dict[str, str]], Stats, float]:
    """Sign everyone in (a few at a time, as they arrive in the morning); returns their cookies."""
    stats, cookies, queue = Stats(), {}, list(names)
    lock = threading.Lock()

    def work() -> None:
        while True:
            with lock:
                if not queue:
                    return
                name = queue.pop()
            cookies[name] = login(port, stats, name).cookies

    started = time.monotonic()
    threads = [threading.Thread(target=work) for _ in range(parallel)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    missing = set(names) - set(cookies)
    if missing:
        raise SystemExit(f"{len(missing)} sign-ins failed")
    return cookies, stats, time.monotonic() - started


# --- The load ------------------------------------------------------------------------------------------------


@dataclass
class Ledger:
    """What the client was told, per unit: acknowledged saves (their counters), sends and returns, and the
    saves whose outcome it never learnt (a 5xx or a dropped connection: they may or may not have committed)."""

    acked: list[int] = field(default_factory=list)
    unknown: list[int] = field(default_factory=list)
    refused: list[int] = field(default_factory=list)  # answered 400: must not be in the database
    sends: int = 0
    sends_unknown: int = 0
    returns: int = 0
    returns_unknown: int = 0
    conflicts: int = 0


def figures(seat: UnitSeat, k: int, rng: random.Random) -> dict[str, str]:
    fields = {}
    for pk, kind in seat.values:
        prefix = f"v{pk}-"
        if kind == "rate":
            denominator = rng.randint(20, 2000)
            fields[prefix + "numerator"] = str(rng.randint(denominator // 2, denominator))
            fields[prefix + "denominator"] = str(denominator)
        elif kind == "task":
            fields[prefix + "done"] = "1"
            fields[prefix + "done_on"] = f"{time.localtime().tm_year}-03-{rng.randint(1, 28):02d}"
            fields[prefix + "value"] = ""
        else:
            fields[prefix + "value"] = f"{rng.randint(10, 5000):,}".replace(",", ".")  # Vietnamese: 1.234
        fields[prefix + "note"] = f"surge #{k}"
    return fields


class SurgeUser:
    """One unit: the staff member saves; now and then the head saves and sends, and Văn phòng returns it."""

    def __init__(self, seat: UnitSeat, port: int, stats: Stats, cookies: dict, office: dict, send_every: int):
        self.seat, self.send_every = seat, send_every
        # The head may save too: without --staff, the head does everything (one sign-in per unit).
        self.staff = Browser(port, stats, cookies[seat.staff if seat.staff in cookies else seat.head])
        self.head = Browser(port, stats, cookies[seat.head])
        self.office = Browser(port, stats, office)
        self.ledger = Ledger()
        self.rng = random.Random(seat.index)  # noqa: S311 - figures, nothing secret
        self.url = f"/bao-cao-so-lieu/{seat.submission}/"
        self.k = 0

    def run(self, deadline: float) -> None:
        page = None
        while time.monotonic() < deadline:
            try:
                if page is None:
                    page = self.staff.get("form GET", self.url)
                    if page.status != 200:
                        page = None
                        time.sleep(0.2)  # the server is failing: do not spin
                        continue
                if self.rng.randrange(self.send_every) == 0:
                    self.send_and_return()
                    page = None
                else:
                    page = self.save(self.staff, page, "save POST")
            except (urllib3.exceptions.HTTPError, RuntimeError):  # RuntimeError: a page without its form
                page = None
                time.sleep(0.2)

    def save(self, who: Browser, page: Reply, kind: str, action: str = "save") -> Reply | None:
        """POST the form with new figures; the redirect's page is the next form. Returns it (None: unknown)."""
        if not version_of(page.body):  # no form: the report was sent and its return lost (a fault run)
            self.give_back()
            return None
        self.k += 1
        k = self.k
        fields = {
            "csrfmiddlewaretoken": csrf(page.body),
            "version": version_of(page.body),
            "note": "",
            "action": action,
        }
        fields.update(figures(self.seat, k, self.rng))
        try:
            reply = who.post(kind, self.url, fields, multipart=True)
        except urllib3.exceptions.HTTPError:
            self.ledger.unknown.append(k)
            raise
        if reply.status == 302:
            self.ledger.acked.append(k)
            after = who.get("form GET", reply.location)
            return after if after.status == 200 else None
        if reply.status == 400 and 'id="submission-form"' in reply.body:  # the form again, with the reason
            self.ledger.refused.append(k)
            if STALE in reply.body:
                self.ledger.conflicts += 1
            elif LOCKED in reply.body:  # sent, but its return was lost (a fault run): Văn phòng returns it again
                self.give_back()
            return None
        self.ledger.unknown.append(k)
        return None

    def send_and_return(self) -> None:
        page = self.head.get("form GET", self.url)
        if page.status != 200:
            return
        try:
            after = self.save(self.head, page, "save+send POST", action="send")
        except urllib3.exceptions.HTTPError:
            self.ledger.sends_unknown += 1
            raise
        if after is None:  # refused (400), or the answer or the page after it was lost: it may have been sent
            self.ledger.sends_unknown += 1
            return
        if SENT not in after.body:  # saved, but the send was refused with a message
            return
        self.ledger.sends += 1
        self.give_back()

    def give_back(self) -> None:
        """Văn phòng Sở returns the sent report, so that the unit can go on saving."""
        page = self.office.get("form GET (Văn phòng)", self.url)
        if page.status != 200:
            return  # the next save is refused as "đã gửi", and Văn phòng tries again then
        match = re.search(r'id="review-form"[^>]*>.*?name="csrfmiddlewaretoken" value="([^"]+)"', page.body, re.S)
        token = match.group(1) if match else csrf(page.body)
        try:
            reply = self.office.post(
                "return POST", self.url + "tra-lai/", {"csrfmiddlewaretoken": token, "reason": "Thử tải: sửa lại"}
            )
        except urllib3.exceptions.HTTPError:
            self.ledger.returns_unknown += 1
            raise
        # The view redirects after a refusal too: the message on the next page says which it was.
        after = self.office.get("form GET (Văn phòng)", reply.location) if reply.status == 302 else None
        if after is not None and RETURNED in after.body:
            self.ledger.returns += 1
        elif after is None or after.status != 200:
            self.ledger.returns_unknown += 1


def run_threads(target, users: list, seconds: float) -> float:
    """Start every user at once, stop them at the deadline (the request in flight finishes); wall time."""
    started = time.monotonic()
    deadline = started + seconds
    threads = [threading.Thread(target=target, args=(u, deadline), daemon=True) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 120)
    return time.monotonic() - started


def run_surge(province: Province, port: int, cookies: dict, args) -> tuple[Stats, list[SurgeUser], float]:
    stats = Stats()
    office = cookies[province.office]
    users = [SurgeUser(seat, port, stats, cookies, office, args.send_every) for seat in province.seats]
    wall = run_threads(lambda u, deadline: u.run(deadline), users, args.seconds)
    return stats, users, wall


def run_ping(province: Province, port: int, cookies: dict, seconds: float) -> tuple[Stats, float]:
    stats = Stats()
    browsers = [Browser(port, stats, cookies.get(seat.staff) or cookies[seat.head]) for seat in province.seats]

    def loop(browser: Browser, deadline: float) -> None:
        while time.monotonic() < deadline:
            try:
                browser.get("ping GET", "/bench/ping/")
            except urllib3.exceptions.HTTPError:
                time.sleep(0.2)

    return stats, run_threads(loop, browsers, seconds)


# --- Figures and the check -------------------------------------------------------------------------------------


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(p / 100 * len(values) + 0.5) - 1))] * 1000


def print_stats(title: str, stats: Stats, wall: float) -> float:
    total = stats.all_latencies()
    rps = len(total) / wall if wall else 0
    print(f"\n{title}: {len(total):,} requests in {wall:.1f} s = {rps:.1f} requests/s")
    print(f"  {'request':<24} {'count':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}  statuses")
    for kind in sorted(stats.latency):
        lat = stats.latency[kind]
        statuses = ", ".join(f"{k}×{n}" for k, n in sorted(stats.status[kind].items(), key=str))
        print(
            f"  {kind:<24} {len(lat):>7} {pct(lat, 50):>8.1f} {pct(lat, 95):>8.1f} {pct(lat, 99):>8.1f} "
            f"{max(lat) * 1000:>8.1f}  {statuses}"
        )
    print(f"  {'all':<24} {len(total):>7} {pct(total, 50):>8.1f} {pct(total, 95):>8.1f} {pct(total, 99):>8.1f}")
    seconds = sorted(s for s in stats.timeline if 0 <= s < wall - 1)  # whole seconds of the phase
    if len(seconds) >= 8:
        # Does the phase slow down as it goes (the figures form once grew with every save)? First and last quarter.
        n = len(seconds) // 4
        first, last = (sum(sum(stats.timeline[s].values()) for s in part) / n for part in (seconds[:n], seconds[-n:]))
        print(f"  throughput, first → last quarter: {first:.1f} → {last:.1f} requests/s ({last / first:.2f}×)")
    errors = stats.errors()
    print(
        f"  errors: {sum(errors.values())}"
        + (f" ({', '.join(f'{k} ×{n}' for k, n in errors.items())})" if errors else "")
    )
    return rps


@dataclass
class Check:
    acked: int = 0
    present_once: int = 0
    missing: int = 0
    duplicated: int = 0
    half_written: int = 0
    refused_but_present: int = 0
    unknown_committed: int = 0
    unknown_absent: int = 0
    not_sent_by_us: int = 0
    version_mismatch: int = 0
    events_mismatch: int = 0
    details: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (
            self.missing
            or self.duplicated
            or self.half_written
            or self.refused_but_present
            or self.not_sent_by_us
            or self.version_mismatch
            or self.events_mismatch
        )


def check_exactly_once(users: list[SurgeUser]) -> Check:
    """An acknowledged save (HTTP 302 to the form) is a save whose counter k the client sent in every figure's
    note. Each save that commits changes every figure, so simple-history keeps one row per figure and save:
    for every acknowledged k there must be exactly one history row per figure, for a refused one (400) none,
    and never some figures of a save without the others. The submission's version moves once per committed
    save, send and return (optimistic lock), and SubmissionEvent holds one row per send and return."""
    from django.db import connection

    from indicators.models import Submission, SubmissionEvent, Value

    connection.close()  # a fresh connection: the old one may predate a restart
    check = Check()
    by_submission = {u.seat.submission: u for u in users}
    rows = Value.history.filter(submission_id__in=list(by_submission), history_type="~").values_list(
        "submission_id", "id", "note"
    )
    seen: dict[int, Counter] = defaultdict(Counter)  # submission → (value, k) → rows
    for submission_id, value_id, note in rows.iterator(chunk_size=10_000):
        match = NOTE.match(note or "")
        if match:
            seen[submission_id][value_id, int(match.group(1))] += 1
    versions = dict(Submission.objects.filter(pk__in=list(by_submission)).values_list("pk", "version"))
    events = Counter(
        SubmissionEvent.objects.filter(submission_id__in=list(by_submission)).values_list("submission_id", "to_status")
    )
    for submission_id, user in by_submission.items():
        counts = seen[submission_id]
        value_ids = [pk for pk, _ in user.seat.values]
        committed = {k for _, k in counts}
        ledger = user.ledger
        check.acked += len(ledger.acked)
        for k in ledger.acked:
            per_value = [counts[v, k] for v in value_ids]
            if all(n == 1 for n in per_value):
                check.present_once += 1
            elif any(n > 1 for n in per_value):
                check.duplicated += 1
                check.details.append(f"submission {submission_id}: save #{k} written {max(per_value)} times")
            if any(n == 0 for n in per_value):
                check.missing += 1
                check.details.append(f"submission {submission_id}: acknowledged save #{k} missing")
        for k in committed:
            if any(counts[v, k] == 0 for v in value_ids):
                check.half_written += 1
                check.details.append(f"submission {submission_id}: save #{k} written for some figures only")
        check.refused_but_present += len(committed & set(ledger.refused))
        check.unknown_committed += len(committed & set(ledger.unknown))
        check.unknown_absent += len(set(ledger.unknown) - committed)
        check.not_sent_by_us += len(committed - set(ledger.acked) - set(ledger.unknown) - set(ledger.refused))
        sends, returns = events[submission_id, "da_gui"], events[submission_id, "tra_lai"]
        if not (ledger.sends <= sends <= ledger.sends + ledger.sends_unknown) or not (
            ledger.returns <= returns <= ledger.returns + ledger.returns_unknown
        ):
            check.events_mismatch += 1
            check.details.append(
                f"submission {submission_id}: {sends} sends / {returns} returns logged, "
                f"{ledger.sends} / {ledger.returns} acknowledged"
            )
        # version 1 after submission_open; +1 per committed save, send and return.
        if versions[submission_id] - 1 != len(committed) + sends + returns:
            check.version_mismatch += 1
            check.details.append(
                f"submission {submission_id}: version {versions[submission_id]}, expected "
                f"{1 + len(committed) + sends + returns}"
            )
    return check


def print_check(check: Check) -> None:
    print(
        f"\nExactly-once check: {check.acked:,} acknowledged saves, {check.present_once:,} in the database exactly "
        f"once; missing {check.missing}, duplicated {check.duplicated}, half-written {check.half_written}, "
        f"refused (400) but written {check.refused_but_present}, written but never sent {check.not_sent_by_us}; "
        f"version arithmetic wrong for {check.version_mismatch} submissions, event log for {check.events_mismatch}"
    )
    if check.unknown_committed or check.unknown_absent:
        print(
            f"  saves answered with an error page (5xx, a bare 400) or no reply: {check.unknown_committed} committed, "
            f"{check.unknown_absent} not committed (either is correct; none may be half-written)"
        )
    for line in check.details[:10]:
        print("  " + line)
    print("  => " + ("OK" if check.ok else "FAILED"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=100, help="virtual units (default 100)")
    parser.add_argument("--seconds", type=float, default=60, help="length of each load phase (default 60)")
    parser.add_argument("--database-url", default=os.environ.get("SURGE_DATABASE_URL", DEFAULT_DATABASE_URL))
    parser.add_argument("--redis-url", help="use this Redis (give a db number of your own) instead of starting one")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1), help="gunicorn workers (2×cores)")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker (default 4)")
    parser.add_argument("--send-every", type=int, default=10, help="one iteration in N saves and sends (default 10)")
    parser.add_argument("--staff", action="store_true", help="the staff member saves, the head only sends")
    parser.add_argument("--no-ping", action="store_true", help="skip the /bench/ping/ baseline")
    args = parser.parse_args()

    WORK.mkdir(exist_ok=True)
    redis = None
    if args.redis_url is None:
        port = free_port()
        redis = start_redis(port)
        args.redis_url = f"redis://127.0.0.1:{port}/0"
    server = None
    try:
        env = prepare(args.database_url, args.redis_url)
        province = build(args.users)
        from django.db import connection

        connection.close()
        server = Server(env, args.workers, args.threads)
        server.start()
        print(
            f"gunicorn: {args.workers} workers × {args.threads} threads (gthread) on 127.0.0.1:{server.port}; "
            f"{os.cpu_count()} cores shared with this load generator; Redis {args.redis_url}; "
            f"load average {os.getloadavg()[0]:.1f}"
        )
        names = [n for s in province.seats for n in ((s.staff, s.head) if args.staff else (s.head,))]
        cookies, login_stats, login_wall = login_all(server.port, names + [province.office], parallel=8)
        print_stats(f"Sign-in of {len(names) + 1} people through the login form (8 at a time)", login_stats, login_wall)

        stats, users, wall = run_surge(province, server.port, cookies, args)
        rps = print_stats(f"Deadline surge: {args.users} units for {args.seconds:.0f} s", stats, wall)
        ledgers = [u.ledger for u in users]
        print(
            f"  acknowledged: {sum(len(x.acked) for x in ledgers):,} saves (including those of the sends), "
            f"{sum(x.sends for x in ledgers)} sends, {sum(x.returns for x in ledgers)} returns; "
            f"{sum(x.conflicts for x in ledgers)} version conflicts"
        )
        check = check_exactly_once(users)
        print_check(check)

        if not args.no_ping:
            ping_stats, ping_wall = run_ping(province, server.port, cookies, args.seconds)
            ping_rps = print_stats(
                f"Minimal view /bench/ping/: {args.users} users for {args.seconds:.0f} s", ping_stats, ping_wall
            )
            surge_all, ping_all = stats.all_latencies(), ping_stats.all_latencies()
            print(
                f"\nRatio surge / minimal view: throughput {rps / ping_rps:.2f}× "
                f"({rps:.1f} / {ping_rps:.1f} requests/s), p50 latency {pct(surge_all, 50) / pct(ping_all, 50):.1f}×, "
                f"p95 {pct(surge_all, 95) / pct(ping_all, 95):.1f}×"
            )
        print(f"\nLoad average at the end: {os.getloadavg()[0]:.1f} (other processes share the machine)")
        logged = server.tracebacks()
        print(f"\nServer log ({server.log}): " + (", ".join(f"{k} ×{n}" for k, n in logged.items()) or "no exception"))
    finally:
        if server:
            server.stop()
        stop(redis)
    shutil.rmtree(WORK / "media", ignore_errors=True)


if __name__ == "__main__":
    main()
