"""Accessibility with axe-core (npm's, in node_modules): no critical, serious or moderate
finding on any page in its first state (once its simulators are ready), and none with each
of the portal's panes open, in every language.

axe is injected into the page, which the site's Content-Security-Policy forbids: the
browser context of this module alone bypasses the CSP (``bypass_csp``); the site's policy
is not changed, and every other test runs under it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import axe
import pytest
from portal import Setting, purchaser_walk

from simulator.markets import LANGUAGES
from walkthrough.checker.browser_driver import BrowserDriver
from walkthrough.plugin.languages import home
from walkthrough.site_server import ALL_SIMULATORS_READY

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
#: Every kind of page, by its address in a language's folder (the admin's read-only view
#: of the simulator's page too: its own table and notes).
PAGES = (
    "",
    "manage-self-service-purchases-users/",
    "simulator/",
    "simulator/?role=admin&scenario=admin-view",
    "support/",
    "404.html",
)


@pytest.fixture(scope="module")
def axe_page(browser: Any, base_url: str) -> Iterator[Any]:
    with axe.axe_page(browser, base_url) as page:
        yield page


def test_every_page_in_its_first_state(axe_page: Any) -> None:
    found = []
    for lang in LANGUAGES:
        base = home(lang.code)
        for kind in PAGES:
            axe_page.goto(base + kind)
            if axe_page.locator("[data-simulator]").count():
                axe_page.wait_for_function(ALL_SIMULATORS_READY, timeout=120_000)
            found += [f"{base + kind}: {f}" for f in axe.findings(axe_page)]
    assert found == [], "\n".join(found)


#: The languages the portal's screens and panes are walked in: English, Danish, and Arabic
#: for right to left. The others differ from these in words only, and every page of every
#: language is checked in its first state above; a walk takes about 15 s a language.
WALKED = ("en", "da", "ar")


@pytest.mark.parametrize("lang", WALKED)
def test_every_screen_and_pane_of_the_portal(axe_page: Any, base_url: str, lang: str) -> None:
    """The purchaser's walk (tests/e2e/portal.py): every screen, menu and pane on the way."""
    driver = BrowserDriver(axe_page, base_url, site=ROOT / "site", docs=ROOT / "docs", results=None)
    setting = Setting(lang)
    driver.start(locale=lang, moniker=setting.cloud.value, procedure=None, scenario="default")
    found = []
    try:
        for screen, actions, _ in purchaser_walk(driver):
            for action in actions:
                action(driver)
                driver.settle()
            found += [f"{screen}: {f}" for f in axe.findings(axe_page)]
    finally:
        driver.shutdown()
    assert found == [], "\n".join(found)
