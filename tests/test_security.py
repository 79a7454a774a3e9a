"""Security settings on real responses, and user text that must stay text in the files the portal makes.

Already asserted elsewhere (not repeated here): `check --deploy --fail-level WARNING` with production settings
(tests/test_settings.py); CSP, nosniff and X-Frame-Options on the login page under test settings
(tests/test_pages.py); lockout after 5 failures with its Vietnamese message, idle timeout and the sliding expiry
(tests/test_auth.py); the safe XLSX writer (indicators/tests/test_excel.py, awards/tests/test_register.py,
emulation/tests/test_reports_render.py); the PDF fetcher refusing file:, http: and ../ URLs
(campaigns/tests/test_plan_pdf.py).

Here: the production values are read from the real settings module in a fresh process (DEBUG off, SECRET_KEY
set), applied to this process, and checked on the headers and cookies of real responses; and text typed into the
portal's forms ends up as text in the XLSX and fetches nothing in the PDF.
"""

from __future__ import annotations

import io
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "MatKhau@2025"

PRODUCTION_NAMES = [
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SECURE_REDIRECT_EXEMPT",
    "X_FRAME_OPTIONS",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_AGE",
    "SESSION_SAVE_EVERY_REQUEST",
    "SESSION_REFRESH_SECONDS",
    "SESSION_EXPIRE_AT_BROWSER_CLOSE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_SAMESITE",
    "CONTENT_SECURITY_POLICY",
]

PROBE = f"""
import json
from django.conf import settings
print(json.dumps({{name: getattr(settings, name) for name in {PRODUCTION_NAMES!r}}}))
"""


@pytest.fixture(scope="module")
def production() -> dict:
    """The security settings production gets: the real module, no DEBUG, a SECRET_KEY, nothing else set."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SECRET_KEY", "DEBUG", "SECURE_", "SESSION_", "CSRF_", "BEHIND_TLS"))
    }
    env.update(DJANGO_SETTINGS_MODULE="emulation.settings", SECRET_KEY=secrets.token_urlsafe(50))
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def as_production(production, settings):
    for name, value in production.items():
        setattr(settings, name, value)
    return production


def test_production_turns_the_protections_on(production):
    assert production["DEBUG"] is False
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert production["SESSION_COOKIE_SECURE"] and production["CSRF_COOKIE_SECURE"]
    assert production["SESSION_COOKIE_HTTPONLY"]
    assert production["SESSION_COOKIE_SAMESITE"] in ("Lax", "Strict")
    # The idle timeout slides with activity: the session is rewritten at least every minute of use
    # (tests/test_auth.py checks the behaviour).
    assert production["SESSION_COOKIE_AGE"] == 30 * 60 and 0 < production["SESSION_REFRESH_SECONDS"] <= 60


def test_plain_http_is_sent_to_https_except_the_health_check(as_production, client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 301 and response["Location"].startswith("https://")
    assert client.get(reverse("healthz")).status_code != 301


def test_headers_on_a_real_https_response(as_production, client, db):
    response = client.get(reverse("login"), secure=True)
    assert response.status_code == 200
    hsts = response["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts and "includeSubDomains" in hsts and "preload" in hsts
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    csp = {d.split()[0]: d.split()[1:] for d in response["Content-Security-Policy"].split(";") if d.strip()}
    assert csp["default-src"] == ["'self'"] and csp["script-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_a_signed_in_page_also_carries_them(as_production, client, world):
    client.force_login(world.staff)
    response = client.get(reverse("home"), secure=True)
    assert response.status_code == 200
    assert "Strict-Transport-Security" in response and "Content-Security-Policy" in response
    assert response["X-Content-Type-Options"] == "nosniff" and response["Referrer-Policy"] == "same-origin"


def test_session_and_csrf_cookies_are_secure_httponly_and_same_site(as_production, client, db):
    from campaigns.tests.factories import UserFactory

    UserFactory(username="nguyenvana")
    page = client.get(reverse("login"), secure=True)
    csrf = page.cookies["csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax"
    response = client.post(
        reverse("login"),
        {"username": "nguyenvana", "password": PASSWORD, "csrfmiddlewaretoken": csrf.value},
        secure=True,
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    # Ends with the browser and, idle, after 30 minutes: no max-age beyond the idle limit.
    assert session["max-age"] in ("", 1800)


def test_the_lockout_page_in_production_is_vietnamese_and_keeps_the_headers(as_production, client, db):
    from campaigns.tests.factories import UserFactory

    UserFactory(username="nguyenvana")
    for attempt in range(5):
        client.post(reverse("login"), {"username": "nguyenvana", "password": f"sai-{attempt}"}, secure=True)
    response = client.post(reverse("login"), {"username": "nguyenvana", "password": PASSWORD}, secure=True)
    assert response.status_code == 429
    assert "tạm khóa" in response.content.decode()
    assert response["X-Content-Type-Options"] == "nosniff" and "Content-Security-Policy" in response


# --- user text in the files the portal makes --------------------------------------------------------------------

FORMULAS = [
    '=HYPERLINK("http://example.invalid/x","Bấm vào đây")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
]


@pytest.mark.parametrize("typed", FORMULAS)
def test_a_formula_typed_into_the_submission_form_is_text_in_the_downloaded_xlsx(typed, world, login):
    from openpyxl import load_workbook

    from indicators.models import Submission
    from tests.test_permissions import _setup

    _, submission, _ = _setup(world)
    value = submission.values.order_by("pk").first()
    client = login(world.staff)
    url = reverse("indicators:submission_detail", args=[submission.pk])
    version = Submission.objects.get(pk=submission.pk).version
    response = client.post(url, {"version": version, f"v{value.pk}-note": typed})
    assert response.status_code == 302

    content = client.get(reverse("indicators:submission_excel", args=[submission.pk])).content
    cells = [c for ws in load_workbook(io.BytesIO(content)).worksheets for row in ws.iter_rows() for c in row]
    # The template's own formulas (the computed rate) are fine; none may carry what was typed.
    assert not [c.coordinate for c in cells if c.data_type == "f" and typed[1:] in str(c.value)]
    typed_cells = [c for c in cells if c.value == typed]
    assert typed_cells and all(c.data_type == "s" and c.quotePrefix for c in typed_cells)


def test_markup_typed_into_a_nominee_form_fetches_nothing_in_the_pdf(world, login, monkeypatch):
    from awards.tests.matrix_dossiers import _dossier
    from emulation.lib import pdf
    from tests.test_fuzz_forms import form_fields

    asked: list[str] = []
    served: list[str] = []
    real_fetch = pdf.StaticFilesFetcher.fetch

    def spy(self, url, headers=None):
        asked.append(url)
        response = real_fetch(self, url, headers)
        served.append(url)
        return response

    monkeypatch.setattr(pdf.StaticFilesFetcher, "fetch", spy)
    nominee = _dossier(world).nominees.order_by("pk").first()
    client = login(world.staff)
    url = reverse("awards:nominee_edit", args=[nominee.pk])
    data, _ = form_fields(client, url, url)
    evil = (
        '<img src="file:///etc/passwd"> <img src="http://example.invalid/x.png"> '
        '<link rel="stylesheet" href="https://example.invalid/a.css"> <iframe src="file:///etc/shadow"></iframe>'
    )
    data.update(achievements=evil, duties=evil)
    assert client.post(url, data).status_code == 302

    response = client.get(reverse("awards:report_pdf", args=[nominee.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    assert all(u.startswith(pdf.BASE_URL + "static/") for u in served), served
    assert not [u for u in asked if "passwd" in u or "shadow" in u or "example.invalid" in u], asked
