"""A real browser against a real server: Debian's chromium (never a downloaded browser) driven by Python
playwright, on a uvicorn server over a migrated SQLite file holding the demo directory.

Without chromium or axe-core (npm ci in tests/e2e) the tests are skipped with the reason; under CI=true,
where .ci/run installs both, they fail instead.
"""

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.server import ROOT, running_server

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 360, "height": 740}


def require(path: Path, message: str) -> None:
    if path.exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message}: the browser tests are required under CI=true", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def chromium() -> Path:
    require(CHROMIUM, f"No chromium at {CHROMIUM} (apt-get install chromium; .ci/run does)")
    return CHROMIUM


@pytest.fixture(scope="session")
def axe_script() -> Path:
    require(AXE, f"No axe-core at {AXE} (run `npm ci` in tests/e2e; .ci/run does)")
    return AXE


@pytest.fixture(scope="session")
def site(chromium: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a server on a free port, over a fresh SQLite file migrated and seeded with the demo."""
    database = tmp_path_factory.mktemp("e2e") / "directory.db"
    url = f"sqlite+aiosqlite:///{database}"
    # In a process of its own, as `make run` migrates: the browser's event loop runs in this one.
    env = {**os.environ, "DATABASE_URL": url, "ENVIRONMENT": "test"}
    subprocess.run([sys.executable, "-m", "app", "migrate"], cwd=ROOT, env=env, check=True, timeout=120)
    with running_server(url) as base_url:
        yield base_url


@pytest.fixture
def browser(chromium: Path) -> Iterator[Browser]:
    """One browser per test: playwright's sync API keeps an event loop running in this thread while it is
    open, and the rest of the suite (pytest-asyncio, asyncio.run in fixtures) needs that thread free."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium), args=LAUNCH_ARGS, headless=True)
        yield launched
        launched.close()


@contextmanager
def phone_tab(browser: Browser, site: str, *, bypass_csp: bool = False) -> Iterator[Page]:
    """A phone-sized tab set to Spanish (the browser's Accept-Language), with nothing kept from other tests."""
    context = browser.new_context(viewport=PHONE, base_url=site, locale="es", bypass_csp=bypass_csp)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def page(browser: Browser, site: str) -> Iterator[Page]:
    """A tab under the pages' own Content-Security-Policy, as a reader's browser applies it."""
    with phone_tab(browser, site) as tab:
        yield tab


@pytest.fixture
def axe_page(browser: Browser, site: str) -> Iterator[Page]:
    """A tab that lets axe-core in: the site's policy allows no script, the injected one included."""
    with phone_tab(browser, site, bypass_csp=True) as tab:
        yield tab
