"""A real browser against a real server: Debian's chromium, headless, driven by Playwright.

The app runs in a werkzeug server thread on 127.0.0.1 with a free port. Every page is watched: any request
to another host is blocked and fails the test. The suite skips, saying why, where chromium or the
`playwright` package is missing; `.ci/run` installs chromium so CI always runs it.
"""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from servers import ThreadedServer

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"the browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the browser tests need the playwright package")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def live_server(app):
    server = ThreadedServer(app)
    yield server
    server.stop()


@pytest.fixture
def browser_page(browser):
    """A fresh browser context whose requests may only go to 127.0.0.1; the test fails otherwise."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    foreign = []

    def guard(route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("request", lambda request: None if urlsplit(request.url).hostname == "127.0.0.1"
            else foreign.append(request.url))
    yield page
    context.close()
    assert foreign == [], f"requests left 127.0.0.1: {foreign}"


@pytest.fixture
def screenshot(browser_page):
    """Save a full-page screenshot under test-artifacts/ (not committed)."""

    def take(name):
        ARTIFACTS.mkdir(exist_ok=True)
        browser_page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    return take
