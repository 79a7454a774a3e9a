"""Headless Chromium (Debian's package) driven by Playwright against pytest-django's live server.

Never `playwright install`: the browser is /usr/bin/chromium. Without it the tests skip locally and fail in CI.
Every key page of a journey is checked with axe-core (node_modules/axe-core, installed by `make vendor`).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import IN_CI

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Impacts that fail a journey; "minor" and "moderate" findings are printed only.
AXE_FAILING = tuple(os.environ.get("AXE_FAILING", "serious,critical").split(","))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        if IN_CI:
            pytest.fail(f"{CHROMIUM} is missing in CI (.ci/run installs Debian's chromium)")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls of fixtures are still synchronous.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def make_page(browser):
    """make_page(**context options) → a page in a new browser context, closed after the test. The portal's
    Content-Security-Policy allows no script but its own files; bypass_csp lets the `axe` fixture inject axe-core
    (the portal's own scripts run as they do without it)."""
    contexts = []

    def _make(**options):
        options.setdefault("locale", "vi-VN")
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(bypass_csp=True, **options)
        context.set_default_timeout(15_000)  # a page of the portal answers in well under a second
        contexts.append(context)
        return context.new_page()

    yield _make
    for context in contexts:
        context.close()


@pytest.fixture
def page(make_page):
    return make_page()


@pytest.fixture
def screenshot():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def _shot(page, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        print(f"screenshot: {path}")
        return path

    return _shot


_AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.join(" ")),
  }));
}"""


@pytest.fixture
def axe():
    """axe(page, name) runs axe-core on the page as it is now and fails on serious or critical violations,
    naming each rule, its impact and the elements it found."""
    if not AXE.exists():
        if IN_CI:
            pytest.fail(f"{AXE} is missing in CI (make vendor installs axe-core)")
        pytest.skip("axe-core is not installed (npm install)")

    def _check(page, name: str) -> list[dict]:
        page.wait_for_load_state()
        if not page.evaluate("typeof window.axe === 'object'"):
            page.add_script_tag(path=str(AXE))
        violations = page.evaluate(_AXE_RUN)
        for v in violations:
            print(f"axe [{name}] {v['impact']}: {v['id']} – {v['help']}: {', '.join(v['nodes'][:5])}")
        failing = [v for v in violations if v["impact"] in AXE_FAILING]
        assert not failing, f"accessibility violations on {name} ({page.url}):\n" + "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"]) for v in failing
        )
        return violations

    return _check
