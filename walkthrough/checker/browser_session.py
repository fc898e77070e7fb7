"""``ssp-kit check --driver browser``: a browser driver with its own Chromium, on a server of
the built site, that ``shutdown`` stops."""

from __future__ import annotations

import os
from contextlib import ExitStack
from pathlib import Path

from .browser_driver import BrowserDriver
from .check import UsageError


def make_driver(*, site: Path | None = None, trace: bool = False) -> BrowserDriver:
    """A browser driver on ``site`` (default: ``$SSP_SITE``, else ``site/`` in the current
    folder, which ``make build`` writes)."""
    site = site or Path(os.environ.get("SSP_SITE", "site"))
    if not (site / "index.html").is_file():
        raise UsageError(
            f"the browser driver runs the built site, and {site} has none: run make build"
        )
    try:
        import playwright  # noqa: F401
    except ImportError:
        raise UsageError(
            "the browser driver needs Playwright: pip install 'ssp-kit[browser]'"
        ) from None

    from walkthrough.chromium import NoChromium, site_browser

    stack = ExitStack()
    try:
        _, browser, base_url = stack.enter_context(site_browser(site))
    except NoChromium as error:
        raise UsageError(str(error)) from None
    page = browser.new_context(base_url=base_url).new_page()
    return BrowserDriver(page, base_url, site=site, results=None, trace=trace, owns=stack)
