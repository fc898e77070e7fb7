"""Share links in Chromium: a view changed on the standalone page, carried by its link
(``#state=``), is the same view when the link is opened again (compared as Chromium's
accessibility tree), in both languages and clouds; a bad link says so and the reader's own
saved work is left as it was."""

from __future__ import annotations

import json
from typing import Any

import pytest
from portal import LANGS, PURCHASER, Setting, ax_tree, go, open_details, press, tr, type_in

from simulator import state
from walkthrough.checker.browser_driver import STATE, BrowserDriver
from walkthrough.share import page_path

pytestmark = pytest.mark.e2e

READY = "[data-simulator][data-ready]"


def tree(driver: BrowserDriver) -> list[tuple[str, str]]:
    cdp = driver.page.context.new_cdp_session(driver.page)
    try:
        return [(n.role, n.name) for n in ax_tree(driver.root, cdp).nodes]
    finally:
        cdp.detach()


def open_link(page: Any, lang: str, cloud: str, token: str) -> None:
    page.goto(f"{page_path(lang)}?view={cloud}#{state.LINK_PARAM}={token}")
    page.wait_for_selector(READY, timeout=180_000)


@pytest.mark.parametrize("setting", PURCHASER, ids=str)
def test_a_link_reproduces_the_view(driver: BrowserDriver, setting: Setting) -> None:
    open_details(driver, "powerbi-pro")
    press(driver, "action.buy_licenses")
    type_in(driver, "field.total_licenses", "104")
    press(driver, "action.save")
    go(driver, "nav.licenses")
    before = tree(driver)
    shared = state.decode(driver.page.evaluate(STATE, "[data-simulator]"))
    assert shared.patch == {"subscriptions": {"powerbi-pro": {"total_licenses": 104}}}
    driver.page.evaluate("localStorage.clear()")
    open_link(driver.page, setting.lang, setting.cloud.value, state.to_link(shared))
    driver.resume(driver.settings)
    assert tree(driver) == before
    again = state.decode(driver.page.evaluate(STATE, "[data-simulator]"))
    assert (again.scenario, again.patch) == (shared.scenario, shared.patch)


@pytest.mark.parametrize("setting", [Setting(lang) for lang in LANGS], ids=str)
def test_a_bad_link_says_so_and_keeps_the_readers_work(
    driver: BrowserDriver, setting: Setting
) -> None:
    open_details(driver, "powerbi-pro")
    press(driver, "action.buy_licenses")
    type_in(driver, "field.total_licenses", "103")
    press(driver, "action.save")
    driver.page.wait_for_timeout(200)
    own = {
        k: v
        for k, v in json.loads(driver.page.evaluate("JSON.stringify({...localStorage})")).items()
        if k.startswith("ssp.sim|")
    }
    assert own
    good = state.to_link(state.State("default", {"organization": "Fabrikam"}, {}))
    open_link(driver.page, setting.lang, "o365-worldwide", good[: len(good) // 2])
    notice = driver.page.locator("[data-simulator] .ssp-sim-status")
    assert tr(driver, state.LINK_DAMAGED) in notice.inner_text()
    stored = json.loads(driver.page.evaluate("JSON.stringify({...localStorage})"))
    assert {k: stored.get(k) for k in own} == own


@pytest.mark.parametrize("setting", [Setting("en")], ids=str)
def test_the_language_selector_keeps_a_link_and_its_work(
    driver: BrowserDriver, setting: Setting
) -> None:
    token = state.to_link(state.State("default", {"organization": "Fabrikam"}, {}))
    driver.page.evaluate("localStorage.clear()")
    open_link(driver.page, "en", "o365-worldwide", token)
    driver.resume(driver.settings)
    open_details(driver, "powerbi-pro")
    press(driver, "action.buy_licenses")
    type_in(driver, "field.total_licenses", "102")
    press(driver, "action.save")
    driver.page.locator("a.md-select__link[hreflang=da]").first.dispatch_event("click")
    driver.page.wait_for_url(f"**{page_path('da')}*", timeout=180_000)
    driver.page.wait_for_selector(READY, timeout=180_000)
    there = state.decode(driver.page.evaluate(STATE, "[data-simulator]"))
    assert there.patch == {
        "organization": "Fabrikam",
        "subscriptions": {"powerbi-pro": {"total_licenses": 102}},
    }
