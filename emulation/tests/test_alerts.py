"""Errors that reach an operator: ADMINS (e-mail) and SENTRY_DSN, both off by default (a fresh process each)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

PROBE = """
import json, logging
import django
from django.conf import settings
django.setup()
import sentry_sdk
from emulation.reports.services import operators_alerted
client = sentry_sdk.get_client()
logging.getLogger("emulation.probe").error("Lỗi thử: %s", "không tạo được báo cáo")
from django.core import mail
print(json.dumps({
    "admins": settings.ADMINS,
    "root_handlers": [type(h).__name__ for h in logging.getLogger().handlers],
    "sentry": client.is_active(),
    "pii": client.options.get("send_default_pii") if client.is_active() else None,
    "body": client.options.get("max_request_body_size") if client.is_active() else None,
    "told": operators_alerted(),
    "mails": [(m.subject, m.to) for m in getattr(mail, "outbox", [])],
}))
"""


def _probe(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("ADMINS", "SENTRY_", "DEBUG", "PYTEST"))}
    clean.update(
        DJANGO_SETTINGS_MODULE="emulation.settings",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="thidua.example",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        **env,
    )
    # locmem's outbox exists only once the test utilities set it up.
    code = "from django.core import mail; mail.outbox = []\n" + PROBE
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def _ok(**env: str) -> dict:
    result = _probe(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_by_default_nobody_is_told_and_the_report_message_says_so():
    found = _ok()
    assert found["admins"] == [] and found["root_handlers"] == ["StreamHandler"]
    assert found["sentry"] is False and found["told"] == "" and found["mails"] == []


def test_admins_get_every_error_by_email():
    found = _ok(ADMINS="Tổ quản trị <quantri@example.gov.vn>, b@example.gov.vn")
    assert found["admins"] == [["Tổ quản trị", "quantri@example.gov.vn"], ["", "b@example.gov.vn"]]
    assert "AdminEmailHandler" in found["root_handlers"] and found["told"] == "thư điện tử"
    ((subject, to),) = found["mails"]
    assert "Lỗi thử: không tạo được báo cáo" in subject and to == ["quantri@example.gov.vn", "b@example.gov.vn"]


def test_admins_must_be_addresses():
    result = _probe(ADMINS="Tổ quản trị")
    assert result.returncode != 0 and "ADMINS must be e-mail addresses" in result.stderr


def test_a_sentry_dsn_turns_sentry_on_without_personal_data():
    # A DSN of a local address nobody listens on: the SDK starts; nothing needs to arrive for this test.
    found = _ok(SENTRY_DSN="http://public@127.0.0.1:9/1")
    assert found["sentry"] is True and found["pii"] is False and found["body"] == "never"
    assert found["told"] == "hệ thống theo dõi lỗi"
