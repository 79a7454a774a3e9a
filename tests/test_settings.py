"""Production settings fail closed and pass Django's deployment checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "SECRET_KEY_FILE", "DEBUG", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    clean.update(DJANGO_SETTINGS_MODULE="emulation.settings", **env)
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120)


def test_production_refuses_to_start_without_secret_key():
    result = _run(["manage.py", "check"])
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_secret_key_can_come_from_a_file(tmp_path):
    key_file = tmp_path / "secret"
    key_file.write_text(secrets.token_urlsafe(50))
    result = _run(["manage.py", "check"], SECRET_KEY_FILE=str(key_file))
    assert result.returncode == 0, result.stderr


def test_a_misspelt_boolean_stops_start_up():
    result = _run(["manage.py", "check"], SECRET_KEY=secrets.token_urlsafe(50), DEBUG="yes please")
    assert result.returncode != 0
    assert "DEBUG='yes please' is not a boolean" in result.stderr


def test_check_deploy_passes_with_production_settings():
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="thidua.example.gov.vn",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_debug_is_off_unless_asked(settings):
    # The test settings import the real module with no DEBUG in the environment.
    assert settings.DEBUG is False
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
