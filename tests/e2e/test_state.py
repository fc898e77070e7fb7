"""State in the browser: saved per simulator, kept over a reload, Reset, bad storage."""

from __future__ import annotations

from typing import Any

import pytest

from simulator.controls import CONTROLS
from simulator.i18n import translations

pytestmark = pytest.mark.e2e

LICENSES = CONTROLS["nav.licenses"].label("en")  # the link, and its page's heading
YOUR_PRODUCTS = CONTROLS["nav.your_products"].label("en")  # the first page's heading
RESET = CONTROLS["control.reset"]
NOT_RESTORED = translations("en").gettext(
    "Your earlier changes could not be restored, so the simulator starts from the beginning."
)

READY = "[data-simulator][data-ready]"


def open_home(page: Any) -> Any:
    page.goto("/")
    page.wait_for_selector(READY)
    return page.locator(READY).first


def reload(page: Any) -> Any:
    page.reload()
    page.wait_for_selector(READY)
    return page.locator(READY).first


def saved_keys(page: Any) -> list[str]:
    keys: list[str] = page.evaluate(
        "Object.keys(localStorage).filter(k => k.startsWith('ssp.sim|'))"
    )
    return keys


def test_reload_keeps_state_and_reset_restores_the_scenario(site_page: Any) -> None:
    sim = open_home(site_page)
    sim.get_by_role("link", name=LICENSES, exact=True).click()
    sim.get_by_role("heading", name=LICENSES, exact=True).wait_for()

    sim = reload(site_page)
    assert sim.get_by_role("heading", name=LICENSES, exact=True).is_visible()

    sim.get_by_role(RESET.role, name=RESET.label("en")).click()
    sim.get_by_role("heading", name=YOUR_PRODUCTS).wait_for()
    sim = reload(site_page)
    assert sim.get_by_role("heading", name=YOUR_PRODUCTS).is_visible()


def test_corrupted_storage_recovers_with_a_notice(site_page: Any) -> None:
    open_home(site_page)
    (key,) = [k for k in saved_keys(site_page) if k.split("|")[1] == "/"]
    site_page.evaluate("k => localStorage.setItem(k, '{broken')", key)

    sim = reload(site_page)
    status = sim.locator(".ssp-sim-status")
    assert status.is_visible()
    assert NOT_RESTORED in status.inner_text()
    assert sim.get_by_role("heading", name=YOUR_PRODUCTS).is_visible()
    # The broken entry is set aside for support and replaced by a fresh, valid state.
    assert site_page.evaluate("k => JSON.parse(localStorage.getItem(k)).patch", key) == {}
    aside = site_page.evaluate(
        "k => Object.keys(localStorage).filter(s => s.startsWith('ssp.setaside|') && s.endsWith(k))"
        ".map(s => localStorage.getItem(s))",
        key,
    )
    assert aside == ["{broken"]
