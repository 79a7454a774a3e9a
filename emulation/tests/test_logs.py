"""Log lines of every process: JSON (or text) from one formatter, ISO 8601 times with their offset, gunicorn's own
lines included. (The processes themselves, started as the systemd units start them: tests/test_deploy.py.)"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from emulation.lib.logs import JsonFormatter, TextFormatter, iso_time

ROOT = Path(__file__).resolve().parent.parent.parent
ISO_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$")


def _record(name: str = "emulation.test", **extra) -> logging.LogRecord:
    record = logging.LogRecord(name, logging.INFO, __file__, 1, "Đã lưu %s", ("số liệu",), None)
    record.__dict__.update(extra)
    return record


def test_the_time_is_iso_8601_with_the_offset_of_the_process_zone():
    stamp = time.time()
    text = iso_time(stamp)
    assert ISO_TIME.match(text), text
    # The same instant, whatever the zone it is written in.
    assert abs(dt.datetime.fromisoformat(text).timestamp() - stamp) < 0.001


def test_a_json_line_has_time_level_logger_message_and_a_request_id_even_outside_a_request():
    line = json.loads(JsonFormatter().format(_record()))
    assert line["message"] == "Đã lưu số liệu" and line["level"] == "INFO" and line["logger"] == "emulation.test"
    assert ISO_TIME.match(line["time"]) and line["request_id"] == "-"
    assert json.loads(JsonFormatter().format(_record(request_id="abc123ef")))["request_id"] == "abc123ef"


def test_a_text_line_has_the_same_time():
    line = TextFormatter().format(_record())
    time_part, rest = line.split(" ", 1)
    assert ISO_TIME.match(time_part) and rest == "INFO emulation.test [-] Đã lưu số liệu"


GUNICORN_PROBE = """
import json, logging, sys
sys.argv = ["gunicorn", "-c", "deploy/gunicorn.conf.py", "emulation.wsgi"]
from gunicorn.app.wsgiapp import WSGIApplication
app = WSGIApplication()
log = app.cfg.logger_class(app.cfg)
log.info("Listening at: %s", "http://127.0.0.1:8000")
log.error("Worker (pid:%s) was sent SIGKILL!", 42)
"""


@pytest.mark.parametrize("log_format", ["json", "text"])
def test_gunicorns_own_lines_use_the_portals_format(log_format):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "LOG_", "DEBUG"))}
    done = subprocess.run(
        [sys.executable, "-c", GUNICORN_PROBE],
        cwd=ROOT,
        env={**env, "LOG_FORMAT": log_format},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 2, lines
    if log_format == "json":
        first, second = (json.loads(line) for line in lines)
        assert first["logger"] == "gunicorn.error" and first["message"] == "Listening at: http://127.0.0.1:8000"
        assert second["level"] == "ERROR" and ISO_TIME.match(second["time"]) and second["request_id"] == "-"
    else:
        assert lines[0].split(" ", 1)[1] == "INFO gunicorn.error [-] Listening at: http://127.0.0.1:8000"


def test_the_settings_use_these_formatters_and_send_errors_to_admins_only_when_there_are_admins(settings):
    assert settings.LOGGING["formatters"]["json"]["()"] == "emulation.lib.logs.JsonFormatter"
    assert settings.LOGGING["formatters"]["plain"]["()"] == "emulation.lib.logs.TextFormatter"
    assert settings.ADMINS == [] and settings.LOGGING["root"]["handlers"] == ["console"]
    # Django's own handlers for "django" (a second console, a second mail) are replaced: one line per record.
    assert settings.LOGGING["loggers"]["django"] == {"level": "INFO"}
