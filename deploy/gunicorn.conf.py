"""gunicorn settings for the portal: `gunicorn -c deploy/gunicorn.conf.py emulation.wsgi`.

Sized from the machine unless the environment says otherwise (docs/deploy.md, "Sizing"):
- WEB_CONCURRENCY worker processes (default: CPU cores + 1). Processes, because the heavy pages (the dashboard,
  the plan and award PDFs rendered in the request) are CPU-bound Python and the GIL serialises threads.
- GUNICORN_THREADS threads per process (default 4, the gthread worker): a request mostly waits on PostgreSQL, and
  a few threads per process keep the cores busy at a fraction of the memory of more processes.
- A worker is recycled after MAX_REQUESTS (± jitter) requests, so memory kept by WeasyPrint or fragmentation does
  not grow without bound.

The access log is off: emulation.middleware.RequestLogMiddleware writes one line per request with the user,
status, duration and request id. gunicorn's own lines (start, workers booted or killed, timeouts) go to stderr
(journald, docker logs) in the application's format: with LOG_FORMAT=json each is one JSON object with an
ISO 8601 time and offset, like every other line (emulation/lib/logs.py).

Metrics (/metrics, emulation/metrics.py): the request counters of all worker processes are added up through
prometheus_client's multiprocess mode, in PROMETHEUS_MULTIPROC_DIR (a fresh private directory by default).
"""

import multiprocessing
import os
import shutil
import sys
import tempfile
from pathlib import Path

from gunicorn.glogging import Logger

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from emulation.lib.logs import formatter  # noqa: E402 - needs the line above


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
workers = _int("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1)
worker_class = "gthread"
threads = _int("GUNICORN_THREADS", 4)

# A request that takes longer than this is killed (and logged): keep nginx's proxy_read_timeout above it.
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = 5  # nginx keeps connections to us open (upstream keepalive)

max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = max_requests // 10

# Only the reverse proxy may say the request came over HTTPS or from which address (X-Forwarded-*).
# One machine: nginx on 127.0.0.1. Compose or another host: its address (or "*" on a private network only).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
capture_output = True


class PortalLogger(Logger):
    """gunicorn's logger with the application's formatter (LOG_FORMAT), for its error and access lines."""

    def setup(self, cfg) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.setFormatter(formatter())


logger_class = PortalLogger


def on_starting(server) -> None:
    """The metrics directory of this gunicorn (made before any worker forks, so they all inherit it), emptied:
    counters of a previous run must not be added to this one's. Environment variables, not module globals: a
    reload (HUP) reads this file again in the same master."""
    if "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="emulation-metrics-")
        os.environ["EMULATION_METRICS_DIR_TEMPORARY"] = "1"
    directory = Path(os.environ["PROMETHEUS_MULTIPROC_DIR"])
    directory.mkdir(parents=True, exist_ok=True)
    for stale in directory.glob("*.db"):
        stale.unlink()


def child_exit(server, worker) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server) -> None:
    if os.environ.get("EMULATION_METRICS_DIR_TEMPORARY"):
        shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)


# Heartbeat files in memory, not on a container's overlay disk (a slow disk makes gunicorn kill healthy workers).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
# The run-time control socket (gunicornc) is not used; don't create one in the service user's home.
control_socket_disable = True
proc_name = "emulation-web"
