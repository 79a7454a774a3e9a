"""Deployment as documented (docs/deploy.md), run the way an operator would:

- the compose configuration renders after the doc's own steps, with deploy/env.example as shipped, and every
  `*_FILE` a container is told to read is a secret it is given;
- the systemd units' commands, with the example env and the files the doc creates, migrate, start web (checked
  through /healthz), a worker and beat — and every line those processes write is one JSON object with an ISO 8601
  time and offset (LOG_FORMAT=json);
- nginx's site file: a Vietnamese 413 page, a JSON access log carrying the request id, no /metrics from outside;
- the worker's start check refuses a host where collectstatic did not run.

The tools (docker-compose to render the file, nginx, PostgreSQL and Redis) are installed and started by .ci/run:
without them these tests skip locally and fail in CI.
"""

from __future__ import annotations

import http.server
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import IN_CI

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
DOC = ROOT / "docs" / "deploy.md"
VENV_BIN = Path(sys.executable).parent
ISO_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$")
# Celery writes this on shutdown with a raw write, bypassing logging (celery/celery#8101); documented in deploy.md.
CELERY_RAW_SHUTDOWN = "worker: Warm shutdown (MainProcess)"


def _need(tool: str) -> str:
    found = shutil.which(tool) or (f"/usr/sbin/{tool}" if Path(f"/usr/sbin/{tool}").exists() else None)
    if not found:
        if IN_CI:
            pytest.fail(f"{tool} is missing in CI (.ci/run installs it)")
        pytest.skip(f"{tool} is not installed (apt-get install {tool})")
    return found


def doc_block(heading: str) -> str:
    """The first ```sh block under the `## heading` of docs/deploy.md."""
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index(f"\n## {heading}\n") :]
    start = section.index("```sh\n") + len("```sh\n")
    return section[start : section.index("\n```", start)]


def environment_file(path: Path) -> dict[str, str]:
    """NAME=value lines as systemd's EnvironmentFile reads them (no shell: spaces and `<` stay in the value)."""
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        name, _, value = line.partition("=")
        values[name.strip()] = value.strip()
    return values


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(predicate, timeout: float, step: float = 0.2) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(step)
    return False


# --- deploy/env.example ---------------------------------------------------------------------------------------


def test_env_example_names_only_files_the_doc_creates_and_has_no_trailing_comments():
    example = DEPLOY / "env.example"
    env = environment_file(example)
    created = set(re.findall(r"> (/etc/emulation/\w+)$", doc_block("One machine (systemd)"), re.MULTILINE))
    assert created == {"/etc/emulation/secret_key", "/etc/emulation/database_url"}
    wanted = {name: path for name, path in env.items() if name.endswith("_FILE")}
    assert wanted and set(wanted.values()) <= created, f"files no step of docs/deploy.md creates: {wanted}"
    # A comment after a value becomes part of it for systemd: not in a value, nor in an example one would uncomment.
    for line in example.read_text(encoding="utf-8").splitlines():
        setting = re.match(r"^(?:# )?([A-Z][A-Z0-9_]*)=(.*)$", line)
        if setting:
            assert " #" not in setting.group(2), line


# --- Docker Compose -------------------------------------------------------------------------------------------


def compose_command() -> list[str]:
    """`docker compose` (v2) when the Docker CLI has it, else Debian's docker-compose 1.29: only `config` runs here,
    which needs no Docker engine."""
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True, text=True, check=False)
        if probe.returncode == 0:
            return ["docker", "compose"]
    return [_need("docker-compose")]


def _compose(argv_line: str, cwd: Path) -> subprocess.CompletedProcess:
    words = shlex.split(argv_line)
    assert words[:2] == ["docker", "compose"], argv_line
    return subprocess.run(compose_command() + words[2:], cwd=cwd, capture_output=True, text=True, timeout=120)


def _service_secrets(service: dict) -> set[str]:
    return {s if isinstance(s, str) else s["source"] for s in service.get("secrets", [])}


def test_compose_config_renders_after_the_docs_steps_with_the_example_env(tmp_path):
    import yaml

    compose_command()  # skip early without the tool
    shutil.copytree(DEPLOY, tmp_path / "deploy", ignore=shutil.ignore_patterns("env", "secrets", "certs"))
    workdir = tmp_path / "deploy"
    lines = doc_block("Docker Compose").splitlines()
    first_compose = next(i for i, line in enumerate(lines) if line.startswith("docker compose"))
    config_line = lines[first_compose]
    assert " config" in config_line, "the doc checks the configuration before `up`"

    # Before the doc's first step: compose cannot read ./env, as the doc says.
    missing = _compose(config_line.split("#")[0], workdir)
    assert missing.returncode != 0 and "env" in (missing.stdout + missing.stderr).lower()

    # The doc's steps as written, up to its first `docker compose` command (which is the check).
    steps = "\n".join(lines[:first_compose])
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", steps], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (workdir / "env").read_text() == (DEPLOY / "env.example").read_text()
    checked = _compose(config_line.split("#")[0], workdir)
    assert checked.returncode == 0, checked.stdout + checked.stderr

    def render(*extra: str) -> dict:
        line = "docker compose -p emulation -f compose.yaml " + " ".join(extra) + " --profile nginx config"
        rendered = _compose(line, workdir)
        assert rendered.returncode == 0, rendered.stdout + rendered.stderr
        return yaml.safe_load(rendered.stdout)

    def check_app_services(config: dict) -> None:
        given = {name for name, secret in config["secrets"].items() if Path(secret["file"]).is_file()}
        for name in ("migrate", "web", "worker", "beat"):
            service = config["services"][name]
            env = service["environment"]
            assert "SECRET_KEY" not in env and "DATABASE_URL" not in env, "NAME would win over NAME_FILE"
            assert env["LOG_FORMAT"] == "json"
            for variable, path in env.items():
                if variable.endswith("_FILE"):
                    secret = path.removeprefix("/run/secrets/")
                    assert path.startswith("/run/secrets/") and secret in _service_secrets(service), (name, variable)
                    assert secret in given, f"{name}: {variable} names a secret whose file the doc does not create"
        for name in ("worker", "beat"):
            command = config["services"][name]["command"]
            command = command if isinstance(command, list) else shlex.split(command)
            assert "--quiet" in command, "Celery's banner is not a log line"

    plain = render()
    assert "EMAIL_HOST_PASSWORD_FILE" not in plain["services"]["web"]["environment"]
    check_app_services(plain)
    assert {"postgres", "redis", "migrate", "web", "worker", "beat", "nginx"} <= set(plain["services"])

    # The SMTP add-on, after the doc's step for it.
    (workdir / "secrets" / "smtp_password").write_text("mat-khau-smtp\n")
    with_smtp = render("-f compose.smtp.yaml")
    assert with_smtp["services"]["worker"]["environment"]["EMAIL_HOST_PASSWORD_FILE"] == "/run/secrets/smtp_password"
    check_app_services(with_smtp)


# --- systemd: the units' commands with the example env ----------------------------------------------------------


def unit_commands(name: str) -> dict[str, list[str]]:
    commands: dict[str, list[str]] = {}
    for line in (DEPLOY / "systemd" / f"emulation-{name}.service").read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("=")
        if key in {"ExecStartPre", "ExecStart", "ExecStartPost"}:
            commands.setdefault(key, []).append(value)
    return commands


def as_systemd_runs_it(line: str, *, env: dict[str, str], state: Path, hostname: str) -> list[str]:
    """A unit's command line on this checkout: /srv/emulation/app is the repository, its .venv this venv, `%H`
    the host name, /var/lib/emulation the StateDirectory, and `$NAME` the variable's words (systemd's rules)."""
    argv = []
    for word in shlex.split(line):
        if re.fullmatch(r"\$[A-Z_][A-Z0-9_]*", word):
            argv += env.get(word[1:], "").split()
            continue
        word = word.replace("/srv/emulation/app/.venv/bin/", f"{VENV_BIN}/").replace("/srv/emulation/app", str(ROOT))
        argv.append(word.replace("%H", hostname).replace("/var/lib/emulation", str(state)))
    return argv


class Service:
    """One long-running process of a unit, in a process group of its own, its output in a file."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str], log: Path):
        self.name, self.log = name, log
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                argv, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_for_line(self, fragment: str, timeout: float) -> None:
        if not wait_for(lambda: fragment in self.text() or self.process.poll() is not None, timeout):
            pytest.fail(f"{self.name}: no '{fragment}' within {timeout} s:\n{self.text()[-3000:]}")
        assert fragment in self.text(), f"{self.name} exited:\n{self.text()[-3000:]}"

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


@pytest.fixture
def fresh_database():
    """A new, empty PostgreSQL database (the doc's `createdb`), dropped afterwards."""
    from tests.workers import require_postgresql

    require_postgresql()
    import psycopg
    from django.db import connection

    db = connection.settings_dict
    params = {"host": db["HOST"] or "127.0.0.1", "port": db["PORT"] or 5432, "user": db["USER"]}
    params |= {"password": db["PASSWORD"]} if db["PASSWORD"] else {}
    name = f"deploytest_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    yield f"postgres://{auth}@{params['host']}:{params['port']}/{name}"
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _json_lines(service: Service, *, allowed: frozenset[str] = frozenset()) -> list[dict]:
    records = []
    for line in service.text().splitlines():
        if not line.strip() or line.strip() in allowed:
            continue
        try:
            record = json.loads(line)
        except ValueError:
            pytest.fail(f"{service.name} wrote a line that is not JSON: {line!r}")
        assert ISO_TIME.match(record["time"]), record
        assert record["level"] and record["logger"] and "request_id" in record, record
        records.append(record)
    return records


def test_systemd_units_start_with_the_example_env_and_log_json(tmp_path, fresh_database, redis_url, collected_static):
    """docs/deploy.md "One machine (systemd)" on this machine: /etc/emulation and /srv/emulation live in tmp_path.

    What differs from a real host, and why: the web binds a free port instead of 8000 (GUNICORN_BIND,
    HEALTHCHECK_URL) and runs one process; the worker runs one pool process on a queue and Redis database of its
    own (CELERY_WORKER_OPTS, CELERY_QUEUE, REDIS_URL) so as not to meet other tests' jobs; STATIC_ROOT is the
    session's `collectstatic` (the doc's `run collectstatic`, done once per test run); /metrics is opened to the
    test (METRICS_ALLOWED_IPS)."""
    etc, srv, state = tmp_path / "etc" / "emulation", tmp_path / "srv" / "emulation", tmp_path / "state"
    for folder in (etc, srv / "media", state):
        folder.mkdir(parents=True)

    # The doc's configuration step: the env file as shipped, and the secret files it writes.
    block = doc_block("One machine (systemd)")
    for line in block.splitlines():
        target = re.search(r"> /etc/emulation/(\w+)$", line)
        if not target:
            continue
        if target.group(1) == "database_url":
            (etc / "database_url").write_text(fresh_database + "\n")
        else:
            command = line.replace("/etc/emulation/", f"{etc}/")
            subprocess.run(["bash", "-euo", "pipefail", "-c", command], check=True, cwd=tmp_path)
    env = {
        name: value.replace("/etc/emulation/", f"{etc}/").replace("/srv/emulation/", f"{srv}/")
        for name, value in environment_file(DEPLOY / "env.example").items()
    }
    port, queue = free_port(), f"deploytest-{uuid.uuid4().hex[:8]}"
    redis_parts = urlsplit(redis_url)
    env |= {
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "HEALTHCHECK_URL": f"http://127.0.0.1:{port}/healthz",
        "WEB_CONCURRENCY": "1",
        "CELERY_WORKER_OPTS": "--concurrency=1 --without-mingle --without-gossip",
        "CELERY_QUEUE": queue,
        "REDIS_URL": f"{redis_parts.scheme}://{redis_parts.netloc}/13",
        "STATIC_ROOT": str(collected_static),
        "METRICS_ALLOWED_IPS": "127.0.0.1",
    }
    # systemd starts a service with its EnvironmentFile and little else.
    process_env = {"PATH": os.environ["PATH"], "LANG": "C.UTF-8", "HOME": str(srv), **env}
    if os.geteuid() == 0:
        # CI runs as root: Celery warns about it before logging is set up. The units run as `emulation`.
        process_env["PYTHONWARNINGS"] = "ignore::UserWarning:celery.platforms"

    # The doc's `run …` steps (createsuperuser asks questions; collectstatic: see above).
    for line in block.splitlines():
        if not line.startswith("run "):
            continue
        args = shlex.split(line.split("#")[0])[1:]
        if args[0] in {"createsuperuser", "collectstatic"}:
            continue
        done = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=process_env, capture_output=True, text=True
        )
        assert done.returncode == 0, f"run {' '.join(args)}:\n{done.stdout}{done.stderr}"

    hostname = f"deploytest-{uuid.uuid4().hex[:6]}"
    services: list[Service] = []

    def start(unit: str, ready: str) -> Service:
        commands = unit_commands(unit)
        for line in commands.get("ExecStartPre", []):
            argv = as_systemd_runs_it(line, env=env, state=state, hostname=hostname)
            pre = subprocess.run(argv, cwd=ROOT, env=process_env, capture_output=True, text=True)
            assert pre.returncode == 0, f"{unit} ExecStartPre {argv}:\n{pre.stdout}{pre.stderr}"
        (line,) = commands["ExecStart"]
        argv = as_systemd_runs_it(line, env=env, state=state, hostname=hostname)
        service = Service(unit, argv, process_env, tmp_path / f"{unit}.log")
        services.append(service)
        service.wait_for_line(ready, timeout=45)
        for line in commands.get("ExecStartPost", []):
            argv = as_systemd_runs_it(line, env=env, state=state, hostname=hostname)
            post = subprocess.run(argv, cwd=ROOT, env=process_env, capture_output=True, text=True)
            assert post.returncode == 0, f"{unit} ExecStartPost {argv}:\n{post.stdout}{post.stderr}"
        return service

    try:
        web = start("web", "Booting worker")
        worker = start("worker", "ready.")
        beat = start("beat", "beat: Starting")

        def get(path: str):
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}{path}",
                headers={"Host": env["ALLOWED_HOSTS"].split(",")[0], "X-Forwarded-Proto": "https"},
            )
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - our own server
                return response.status, response.read().decode()

        status, body = get("/tai-khoan/dang-nhap/")
        assert status == 200 and "Đăng nhập" in body
        status, body = get("/healthz")
        health = json.loads(body)
        assert status == 200 and health["status"] == "ok", health
        # gunicorn's processes add up their counters (multiprocess mode, deploy/gunicorn.conf.py).
        status, body = get("/metrics")
        assert status == 200
        assert re.search(r'^emulation_http_requests_total\{[^}]*view="login"[^}]*\} [1-9]', body, re.MULTILINE), body
    finally:
        for service in reversed(services):
            service.stop()

    web_lines = _json_lines(web)
    assert any(r["logger"] == "gunicorn.error" and "Listening at" in r["message"] for r in web_lines), web_lines
    assert any(r["logger"] == "emulation.request" and r["path"] == "/tai-khoan/dang-nhap/" for r in web_lines)
    worker_lines = _json_lines(worker, allowed=frozenset({CELERY_RAW_SHUTDOWN}))
    assert any(r["message"].endswith("ready.") for r in worker_lines), worker_lines
    beat_lines = _json_lines(beat)
    assert any(r["logger"] == "celery.beat" and "Starting" in r["message"] for r in beat_lines), beat_lines


# --- nginx ----------------------------------------------------------------------------------------------------


class _Backend(http.server.BaseHTTPRequestHandler):
    seen: list[dict] = []

    def do_GET(self):  # noqa: N802 - http.server's name
        type(self).seen.append({"path": self.path, "request_id": self.headers.get("X-Request-ID")})
        body = b"ok"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *args):
        pass


def _https(port: int, request: bytes) -> tuple[int, dict[str, str], str]:
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        with context.wrap_socket(raw, server_hostname="thidua.example.gov.vn") as tls:
            tls.sendall(request)
            data = b""
            while True:
                try:
                    chunk = tls.recv(65536)
                except (ssl.SSLError, ConnectionResetError):
                    break
                if not chunk:
                    break
                data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return int(lines[0].split()[1]), headers, body.decode("utf-8", errors="replace")


def test_nginx_site_refuses_large_uploads_in_vietnamese_logs_json_with_the_request_id_and_hides_metrics(tmp_path):
    nginx = _need("nginx")
    certs, logs, media = tmp_path / "certs", tmp_path / "logs", tmp_path / "media"
    for folder in (certs, logs, media, tmp_path / "temp"):
        folder.mkdir()
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=thidua.example.gov.vn"]
        + ["-keyout", str(certs / "privkey.pem"), "-out", str(certs / "fullchain.pem")],
        check=True,
        capture_output=True,
    )
    backend = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Backend)
    threading.Thread(target=backend.serve_forever, daemon=True).start()
    http_port, https_port = free_port(), free_port()

    site = (DEPLOY / "nginx" / "emulation.conf").read_text(encoding="utf-8")
    site = re.sub(r"^\s*listen \[::\]:.*$", "", site, flags=re.MULTILINE)
    site = site.replace("listen 80;", f"listen 127.0.0.1:{http_port};")
    site = site.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
    site = site.replace("/etc/ssl/emulation/", f"{certs}/").replace("/var/log/nginx/", f"{logs}/")
    site = site.replace("/srv/emulation/media/", f"{media}/")
    assert f"127.0.0.1:{https_port} ssl" in site and str(logs) in site
    (tmp_path / "site.conf").write_text(site, encoding="utf-8")
    kinds = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    temp_paths = " ".join(f"{kind}_temp_path {tmp_path}/temp/{kind};" for kind in kinds)
    (tmp_path / "nginx.conf").write_text(
        f"""
pid {tmp_path}/nginx.pid;
error_log {logs}/main.error.log;
events {{ worker_connections 64; }}
http {{
    {temp_paths}
    access_log {logs}/other.access.log;
    upstream emulation_web {{ server 127.0.0.1:{backend.server_address[1]}; }}
    include {tmp_path}/site.conf;
}}
""",
        encoding="utf-8",
    )
    base = [nginx, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-e", str(logs / "startup.log")]
    tested = subprocess.run([*base, "-t"], capture_output=True, text=True)
    assert tested.returncode == 0, tested.stderr
    server = subprocess.Popen([*base, "-g", "daemon off;"], stderr=subprocess.PIPE, start_new_session=True)
    try:
        assert wait_for(lambda: _port_open(https_port), 10), "nginx did not start"
        # Over the limit: refused from the headers alone, with the Vietnamese page; the portal never sees it.
        status, headers, body = _https(
            https_port,
            b"POST /ho-so/1/sua/ HTTP/1.1\r\nHost: thidua.example.gov.vn\r\n"
            b"Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 23068672\r\nConnection: close\r\n\r\n",
        )
        assert status == 413
        assert headers["content-type"] == "text/html; charset=utf-8"
        assert "Tệp gửi lên quá lớn" in body and "20 MB" in body and '<html lang="vi">' in body
        # /metrics is for the scraper on the private side only.
        status, _, _ = _https(
            https_port, b"GET /metrics HTTP/1.1\r\nHost: thidua.example.gov.vn\r\nConnection: close\r\n\r\n"
        )
        assert status == 404
        assert _Backend.seen == []
        # A page: proxied with nginx's request id, which its JSON access line carries too.
        status, _, body = _https(
            https_port, b"GET / HTTP/1.1\r\nHost: thidua.example.gov.vn\r\nConnection: close\r\n\r\n"
        )
        assert status == 200 and body == "ok"
        (seen,) = _Backend.seen
        assert re.fullmatch(r"[0-9a-f]{32}", seen["request_id"])
        access = logs / "emulation.access.log"
        assert wait_for(lambda: access.exists() and access.read_text().count("\n") >= 3, 5)
        lines = [json.loads(line) for line in access.read_text(encoding="utf-8").splitlines()]
        assert [line["status"] for line in lines] == [413, 404, 200]
        page = lines[-1]
        assert page["request_id"] == seen["request_id"] and page["uri"] == "/" and page["logger"] == "nginx.access"
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", page["time"])
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
        backend.shutdown()
        _Backend.seen = []


def _get(path: bytes) -> bytes:
    return b"GET " + path + b" HTTP/1.1\r\nHost: thidua.example.gov.vn\r\nConnection: close\r\n\r\n"


def _port_open(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


# --- healthcheck.py --direct ------------------------------------------------------------------------------------


def test_direct_health_check_refuses_a_host_without_collected_static_files(tmp_path, collected_static):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_", "REDIS_", "STATIC_"))},
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
    }
    missing = subprocess.run(
        [sys.executable, "deploy/healthcheck.py", "--direct"],
        cwd=ROOT,
        env={**env, "STATIC_ROOT": str(tmp_path / "not-collected")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert missing.returncode == 1
    assert "staticfiles.json is missing: run `manage.py collectstatic`" in missing.stderr
    present = subprocess.run(
        [sys.executable, "deploy/healthcheck.py", "--direct"],
        cwd=ROOT,
        env={**env, "STATIC_ROOT": str(collected_static)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert present.returncode == 0, present.stdout + present.stderr
    assert '"static": {"ok": true}' in present.stdout
