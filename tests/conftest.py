"""Fixtures shared by every test folder.

    unit/       CPython only, seconds.
    site/       read the built site (``make build`` or built here on first use).
    e2e/        drive the built site in Chromium through pytest-playwright.
    installed/  the wheel installed into a fresh virtualenv, run from another folder.

The e2e fixtures follow pytest-playwright's: ``browser_type_launch_args`` is overridden to
use Debian's Chromium with flags for a closed network, and one page is shared per test
worker (``site_page``), because a fresh context downloads the 9.6 MB wasm again. The
simulator on that page is driven through the step checker's browser driver
(``browser_driver``; ``driver``: started in the test module's ``setting``).
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

from walkthrough.chromium import LAUNCH_ARGS, find_chromium
from walkthrough.site_server import serve_directory

if TYPE_CHECKING:
    from walkthrough.checker.browser_driver import BrowserDriver

ROOT = Path(__file__).resolve().parents[1]
SITE = Path(os.environ.get("SSP_SITE", ROOT / "site"))


def _build_site() -> None:
    """Build the site once for all workers (a file lock serialises pytest-xdist's workers)."""
    SITE.parent.mkdir(parents=True, exist_ok=True)
    with open(SITE.parent / ".ssp-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (SITE / "index.html").is_file():
            return
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(SITE)]
        subprocess.run(cmd, cwd=ROOT, env=env, check=True)


def pytest_configure(config: pytest.Config) -> None:
    """The simulator reads compiled catalogs and scenarios (simulator/_data), the checker
    compiled grammars (walkthrough/_data), which a fresh clone lacks until a build: compile
    them once, before any test imports them."""
    with open(ROOT / ".ssp-data.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        from walkthrough.bundle import package_data

        package_data.build(ROOT)


@pytest.fixture(scope="session")
def site_dir() -> Path:
    if not (SITE / "index.html").is_file():
        _build_site()
    return SITE


@pytest.fixture(scope="session")
def site_server(site_dir: Path) -> Iterator[tuple[str, list[str]]]:
    with serve_directory(site_dir) as served:
        yield served


@pytest.fixture(scope="session")
def base_url(site_server: tuple[str, list[str]]) -> str:
    return site_server[0]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    chromium = find_chromium()
    if chromium is None:
        pytest.fail("no Chromium found: run `make setup-browser` (installs Debian's chromium)")
    return {**browser_type_launch_args, "executable_path": chromium, "args": list(LAUNCH_ARGS)}


class Outside:
    """Requests the browser tried to send anywhere but the local site server."""

    def __init__(self, base_url: str) -> None:
        self.host = urlsplit(base_url).netloc
        self.urls: list[str] = []

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in ("data", "blob", "about") or parts.netloc == self.host


@pytest.fixture(scope="session")
def outside_requests(base_url: str) -> Outside:
    return Outside(base_url)


@pytest.fixture(scope="session")
def site_context(browser: Any, base_url: str, outside_requests: Outside) -> Iterator[Any]:
    """One browser context per worker; any request to another host is aborted and recorded."""
    context = browser.new_context(base_url=base_url)

    def guard(route: Any) -> None:
        url = route.request.url
        if outside_requests.allowed(url):
            route.continue_()
        else:
            outside_requests.urls.append(url)
            route.abort()

    context.route("**/*", guard)
    context.add_init_script(
        "window.__cspViolations = [];"
        "document.addEventListener('securitypolicyviolation', e =>"
        " window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    yield context
    context.close()


@pytest.fixture(scope="session")
def site_page(site_context: Any) -> Any:
    """The page every e2e test of a worker shares: Pyodide boots once per worker."""
    page = site_context.new_page()
    page.set_default_timeout(60_000)
    return page


@pytest.fixture(scope="session")
def browser_driver(site_page: Any, base_url: str, site_dir: Path) -> Iterator[BrowserDriver]:
    """The step checker's browser driver on the worker's shared page (nothing kept on a
    failure: a test's own assertion says what went wrong)."""
    from walkthrough.checker.browser_driver import BrowserDriver

    driver = BrowserDriver(site_page, base_url, site=site_dir, docs=ROOT / "docs", results=None)
    yield driver
    driver.shutdown()


@pytest.fixture
def driver(browser_driver: BrowserDriver, setting: Any) -> BrowserDriver:
    """The standalone simulator in the test module's ``setting`` (``tests/e2e/portal.py``'s
    ``Setting``), at the scenario's start."""
    browser_driver.start(
        locale=setting.lang,
        moniker=setting.cloud.value,
        procedure=None,
        scenario=setting.scenario,
    )
    return browser_driver


@pytest.fixture
def own_context(browser: Any, base_url: str) -> Iterator[Any]:
    """A browser context of the test's own (empty cache, no saved state), for a test that
    routes requests, boots cold or leaves the page in a state others must not share; a
    cold boot in it downloads the runtime again, so keep these few."""
    context = browser.new_context(base_url=base_url)
    context.set_default_timeout(60_000)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture(autouse=True)
def _fresh_storage(request: pytest.FixtureRequest) -> None:
    """Each e2e test starts with no saved simulator state or cloud choice: the page is
    shared per worker, its localStorage too, and tests must not depend on their order."""
    if "site_page" not in request.fixturenames:
        return
    page = request.getfixturevalue("site_page")
    if page.url.startswith(request.getfixturevalue("base_url")):
        page.evaluate("localStorage.clear()")
