"""A real Chromium (Debian's package) driven by Playwright, and axe-core for accessibility.

Without Chromium or axe-core the browser tests skip, loudly, except where
SMEWG_REQUIRE_BROWSER_TESTS is set (CI): there a missing browser fails the run.
"""

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PASSWORD, load_demo_catalogue

# Playwright's sync API runs an event loop in the test's thread; the ORM calls these tests make
# between page actions are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
OUTPUT = ROOT / "test-output" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _missing() -> str | None:
    if os.environ.get("SMEWG_SKIP_BROWSER_TESTS"):
        return "SMEWG_SKIP_BROWSER_TESTS is set"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is not installed (apt-get install chromium)"
    if not AXE.exists():
        return "axe-core is not installed (npm install)"
    return None


@pytest.fixture(scope="session")
def browser():
    missing = _missing()
    if missing:
        if os.environ.get("SMEWG_REQUIRE_BROWSER_TESTS"):
            pytest.fail(f"Browser tests are required here, but {missing}.")
        pytest.skip(f"BROWSER TESTS SKIPPED: {missing}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(transactional_db, live_server):
    """The live server with the catalogue and accounts (transactional tests start empty)."""
    load_demo_catalogue()
    return live_server


@pytest.fixture
def page(browser, site) -> Iterator:
    context = browser.new_context(viewport=DESKTOP, base_url=site.url)
    # axe-core arrives as a script the browser evaluates on every new document, outside the
    # page's Content-Security-Policy (a <script> tag added to the page would be refused by it).
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    refused = watch_for_csp_violations(page)
    yield page
    context.close()
    if refused:
        pytest.fail("The Content-Security-Policy refused something:\n" + "\n".join(refused))


def watch_for_csp_violations(page) -> list[str]:
    """Chromium reports every resource, script or style the policy refuses on the console."""
    refused: list[str] = []

    def listen(message) -> None:
        if "Content Security Policy" in message.text:
            refused.append(f"{page.url}: {message.text}")

    page.on("console", listen)
    return refused


def sign_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def screenshot(page, name: str) -> Path:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    path = OUTPUT / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def axe_violations(page, *, allowed: frozenset[str] = frozenset()) -> list[dict]:
    """Serious and critical WCAG 2.x A/AA violations axe-core finds on the page, but for the
    rules `allowed` (each with its reason where it is passed)."""
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}
        })"""
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"} and v["id"] not in allowed
    ]


def assert_accessible(page, *, allowed: frozenset[str] = frozenset()) -> None:
    violations = axe_violations(page, allowed=allowed)
    assert violations == [], json.dumps(violations, indent=1)
