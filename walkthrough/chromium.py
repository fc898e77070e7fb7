"""Find a Chromium to drive: ``$SSP_CHROMIUM``, Debian's, or another on PATH; launch it
with the kit's flags (``launch``), on a server of the built site (``site_browser``).

``python -m walkthrough.chromium`` prints it (empty output and exit 1 when none), which
is how ``scripts/bootstrap.sh`` decides whether to install Debian's ``chromium``.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")

# Flags for a closed network: without the background ones Chromium keeps trying (and
# failing) to reach Google's services.
LAUNCH_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def find_chromium() -> str | None:
    env = os.environ.get("SSP_CHROMIUM")
    if env:
        return env if Path(env).is_file() else None
    for candidate in CANDIDATES:
        found = candidate if Path(candidate).is_file() else shutil.which(candidate)
        if found:
            return found
    return None


class NoChromium(RuntimeError):
    """There is no Chromium to drive; the message says how to get one."""

    def __init__(self) -> None:
        super().__init__("no Chromium found: run `make setup-browser` (installs Debian's chromium)")


def launch(playwright: Any) -> Any:
    """A Chromium of Playwright's ``playwright`` (``sync_playwright()``), with LAUNCH_ARGS:
    Playwright cannot download its own browsers here. Raises NoChromium."""
    chromium = find_chromium()
    if chromium is None:
        raise NoChromium
    return playwright.chromium.launch(executable_path=chromium, args=list(LAUNCH_ARGS))


@contextmanager
def site_browser(site: Path) -> Iterator[tuple[Any, Any, str]]:
    """A Chromium (``launch``) and a server of the built ``site`` as a static host serves
    it (``site_server``), both stopped on leaving: yields (Playwright, the browser, the
    site's base URL). Raises NoChromium."""
    if find_chromium() is None:  # said before starting anything
        raise NoChromium
    from playwright.sync_api import sync_playwright

    from .site_server import serve_directory

    with serve_directory(site) as (base_url, _), sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            yield playwright, browser, base_url
        finally:
            browser.close()


if __name__ == "__main__":
    path = find_chromium()
    if path:
        print(path)
    sys.exit(0 if path else 1)
