"""Production choices read from the environment: media storage and log format (a fresh process each)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

PROBE = """
import json
import django
from django.conf import settings
django.setup()
from django.core.files.storage import storages
s = storages["default"]
print(json.dumps({
    "class": f"{type(s).__module__}.{type(s).__name__}",
    "bucket": getattr(s, "bucket_name", None),
    "endpoint": getattr(s, "endpoint_url", None),
    "secret": getattr(s, "secret_key", None),
    "acl": getattr(s, "default_acl", None),
    "querystring_auth": getattr(s, "querystring_auth", None),
    "log_format": settings.LOG_FORMAT,
    "x_accel": settings.DOWNLOADS_X_ACCEL_PREFIX,
}))
"""


def _probe(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "S3_", "MEDIA_", "LOG_", "DEBUG"))}
    clean.update(
        DJANGO_SETTINGS_MODULE="emulation.settings", SECRET_KEY="x" * 60, ALLOWED_HOSTS="thidua.example", **env
    )
    return subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def _ok(**env: str) -> dict:
    result = _probe(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_media_on_the_local_disk_by_default():
    found = _ok()
    assert found["class"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert found["log_format"] == "json" and found["x_accel"] == ""


def test_media_storage_s3_yields_a_private_s3_backend_with_the_secret_from_a_file(tmp_path):
    secret = tmp_path / "s3-secret"
    secret.write_text("not-a-real-secret\n")
    found = _ok(
        MEDIA_STORAGE="s3",
        S3_BUCKET="thidua-media",
        S3_ENDPOINT_URL="https://s3.example.invalid",
        AWS_ACCESS_KEY_ID="key-id",
        S3_SECRET_ACCESS_KEY_FILE=str(secret),
    )
    assert found["class"] == "storages.backends.s3.S3Storage"
    assert found["bucket"] == "thidua-media" and found["endpoint"] == "https://s3.example.invalid"
    assert found["secret"] == "not-a-real-secret"
    assert found["acl"] == "private" and found["querystring_auth"] is True


def test_s3_without_a_bucket_or_an_unknown_storage_stops_start_up():
    result = _probe(MEDIA_STORAGE="s3")
    assert result.returncode != 0 and "needs AWS_STORAGE_BUCKET_NAME" in result.stderr
    result = _probe(MEDIA_STORAGE="nfs")
    assert result.returncode != 0 and "MEDIA_STORAGE='nfs' is not one of" in result.stderr


def test_log_format_is_text_in_debug_and_checked():
    assert _ok(DEBUG="1")["log_format"] == "text"
    assert _ok(LOG_FORMAT="text")["log_format"] == "text"
    result = _probe(LOG_FORMAT="xml")
    assert result.returncode != 0 and "LOG_FORMAT='xml'" in result.stderr


def test_x_accel_prefix_loses_its_trailing_slash():
    assert _ok(DOWNLOADS_X_ACCEL_PREFIX="/protected-media/")["x_accel"] == "/protected-media"
