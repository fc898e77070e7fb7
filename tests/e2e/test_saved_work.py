"""Saved work survives ordinary use: addresses, typing, damaged storage, two tabs, reloads.

Each test opens pages in a context of its own (``own_context``): saved work is the very
thing under test, so nothing may leak from or to other tests. The simulator is driven
through the step checker's browser driver, resumed as the reader left it after each load.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from portal import choose, dialog, go, press, type_in

from simulator.i18n import translations
from simulator.markets import Cloud
from simulator.ui import Settings
from walkthrough.checker.browser_driver import BrowserDriver

pytestmark = pytest.mark.e2e

STANDALONE = "/simulator/"
ARTICLE = "/manage-self-service-purchases-users/"
UNSAVED = "Your changes can’t be saved in this browser, so they last only until you leave the site."
NOT_RESTORED = (
    "Your earlier changes could not be restored, so the simulator starts from the beginning."
)
SYNCED = "The simulator now shows the changes you made in another tab."
BLOCKED = """Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };"""
FLUSH = "() => window.dispatchEvent(new Event('pagehide'))"  # the page's saves, written now


def message(msgid: str) -> str:
    return translations("en").gettext(msgid)


Opener = Callable[..., BrowserDriver]


@pytest.fixture
def open_sim(own_context: Any, base_url: str, site_dir: Path) -> Iterator[Opener]:
    """``open_sim(address, page=None)``: load ``address`` (in a new tab of the test's own
    context, or in ``page``) and drive its simulator as the saved work left it."""
    drivers: list[BrowserDriver] = []

    def opener(address: str, page: Any = None) -> BrowserDriver:
        page = page or own_context.new_page()
        page.goto(address)
        driver = BrowserDriver(page, base_url, site=site_dir, results=None)
        driver.resume(Settings())
        drivers.append(driver)
        return driver

    yield opener
    for driver in drivers:
        driver.shutdown()


def buy(driver: BrowserDriver, subscription: str, total: int) -> None:
    """Your products > the subscription > Buy licenses > Total licenses > Save."""
    product = driver.portal.subscription(subscription).product
    go(driver, "nav.your_products")
    choose(driver, product)
    press(driver, "action.buy_licenses")
    type_in(driver, "field.total_licenses", str(total))
    press(driver, "action.save")


def total_of(driver: BrowserDriver, subscription: str) -> int:
    """The subscription's total, from the simulator's own state."""
    return int(driver.query("subscription.total_licenses", subscription) or 0)


def storage(page: Any) -> dict[str, str]:
    values: dict[str, str] = page.evaluate(
        "() => Object.fromEntries(Object.keys(localStorage).map(k => [k, localStorage.getItem(k)]))"
    )
    return values


def notice(driver: BrowserDriver) -> Any:
    return driver.element.locator(".ssp-sim-status")


@pytest.mark.parametrize(
    "query", ["?screen=bills", "?screen=licenses", "?role=admin", "?role=purchaser"]
)
def test_an_address_never_wipes_the_saved_work(open_sim: Opener, query: str) -> None:
    driver = open_sim(STANDALONE)
    buy(driver, "powerbi-pro", 105)
    page = driver.page
    driver = open_sim(STANDALONE + query, page)
    assert total_of(driver, "powerbi-pro") == 105
    if "screen" in query:
        main = driver.root.locator(".ssp-main")
        expect(main).to_have_attribute("data-screen", query.split("=")[1])
    driver = open_sim(STANDALONE, page)
    assert total_of(driver, "powerbi-pro") == 105
    expect(notice(driver)).to_be_hidden()


def test_long_typing_keeps_the_saved_work_and_its_size(open_sim: Opener) -> None:
    driver = open_sim(STANDALONE)
    buy(driver, "powerbi-pro", 105)
    go(driver, "nav.licenses")
    choose(driver, driver.portal.subscription("power-automate").product)
    press(driver, "action.assign_licenses")
    for _ in range(10):
        type_in(driver, "field.find_user", "someone who is not in this organization", keys=True)
    saved = [v for k, v in storage(driver.page).items() if k.startswith("ssp.sim|")]
    assert saved and all(len(v) < 4_000 for v in saved)
    driver = open_sim(STANDALONE, driver.page)
    assert total_of(driver, "powerbi-pro") == 105


def test_storage_that_refuses_is_said_once_and_the_work_goes_on_in_memory(
    own_context: Any, open_sim: Opener
) -> None:
    own_context.add_init_script(BLOCKED)
    driver = open_sim(STANDALONE)
    buy(driver, "powerbi-pro", 105)
    expect(notice(driver)).to_contain_text(message(UNSAVED))
    # Instant navigation keeps the page's script, and with it the work kept in memory.
    page = driver.page
    page.wait_for_function(
        """() => performance.getEntriesByType('resource').some(
        e => /\\/sitemap\\.xml$/.test(e.name) && performance.now() - e.responseEnd > 100)"""
    )
    page.locator("a.md-header__button.md-logo").click()
    page.wait_for_url(re.compile(r"/$"))
    page.go_back()
    driver.resume(Settings())
    assert total_of(driver, "powerbi-pro") == 105


@pytest.mark.parametrize(
    "damaged",
    ["[1]", "[null]", '["x"]', "[" * 20_000 + "]" * 20_000, '{"v": 2}', "null", "{broken"],
    ids=["numbers", "a-null", "a-string", "deep", "half-a-state", "null", "not-json"],
)
def test_a_damaged_saved_value_is_set_aside_and_reset_always_works(
    open_sim: Opener, damaged: str
) -> None:
    page = open_sim(STANDALONE).page
    key = next(k for k in storage(page) if k.startswith("ssp.sim|/simulator/"))
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, damaged])
    driver = open_sim(STANDALONE, page)
    expect(notice(driver)).to_contain_text(message(NOT_RESTORED))
    text = driver.element.inner_text()
    assert "Traceback" not in text and "/lib/python" not in text
    aside = [v for k, v in storage(page).items() if k.startswith("ssp.setaside|")]
    assert aside == [damaged]
    reset = driver.by_role("button", driver.label("control.reset"), within=driver.element)
    expect(reset).to_be_enabled()
    reset.click()
    driver.settle()
    page.evaluate(FLUSH)
    driver = open_sim(STANDALONE, page)  # and the next load starts cleanly
    expect(notice(driver)).to_be_hidden()


def test_the_restore_notice_goes_once_the_reader_acts(open_sim: Opener) -> None:
    page = open_sim(STANDALONE).page
    key = next(k for k in storage(page) if k.startswith("ssp.sim|/simulator/"))
    page.evaluate("k => localStorage.setItem(k, '{broken')", key)
    driver = open_sim(STANDALONE, page)
    expect(notice(driver)).to_be_visible()
    go(driver, "nav.licenses")
    expect(notice(driver)).to_be_hidden()


def test_two_tabs_see_each_others_saves(open_sim: Opener) -> None:
    first, second = open_sim(STANDALONE), open_sim(STANDALONE)
    buy(first, "powerbi-pro", 105)
    first.page.evaluate(FLUSH)
    expect(notice(second)).to_contain_text(message(SYNCED))
    second.resume(Settings())
    assert total_of(second, "powerbi-pro") == 105
    buy(second, "visio-plan-2", 12)
    second.page.evaluate(FLUSH)
    first = open_sim(STANDALONE, first.page)  # A reloads: its 105 and B's 12 are both there
    assert total_of(first, "powerbi-pro") == 105 and total_of(first, "visio-plan-2") == 12


def test_storage_never_holds_a_card_number_or_security_code(open_sim: Opener) -> None:
    driver = open_sim(STANDALONE)
    go(driver, "nav.bills_payments")
    press(driver, "tab.payment_methods")
    press(driver, "action.add_payment_method")
    card = {
        "field.card_number": "4111 1111 1111 1111",
        "field.name_on_card": "Mette Larsen",
        "field.expiration": "12/30",
        "field.security_code": "737",
        "field.address": "Strandvejen 12, 2900 Hellerup",
    }
    for key, value in card.items():
        type_in(driver, key, value)
    driver.page.evaluate(FLUSH)  # saved while the pane is still being filled in
    assert not any("737" in v or "1111 1111" in v for v in storage(driver.page).values())
    press(driver, "action.add")
    driver.page.evaluate(FLUSH)
    everything = json.dumps(storage(driver.page))
    assert "4111" not in everything and "737" not in everything


def test_a_reload_with_a_pane_open_puts_focus_back_in_it(open_sim: Opener) -> None:
    driver = open_sim(STANDALONE)
    choose(driver, driver.portal.subscription("powerbi-pro").product)
    press(driver, "action.buy_licenses")
    driver.page.evaluate(FLUSH)
    driver = open_sim(STANDALONE, driver.page)
    expect(dialog(driver)).to_be_visible()
    driver.page.wait_for_function("() => !!document.activeElement.closest('.ssp-pane')")
    driver.page.keyboard.press("Escape")
    driver.settle()
    expect(dialog(driver)).to_have_count(0)


@pytest.mark.parametrize("view", ["bogus", "o365-gcc", "<script>alert(1)</script>", "x" * 300])
def test_an_unknown_view_is_explained_with_links_to_the_views(own_context: Any, view: str) -> None:
    page = own_context.new_page()
    page.goto(f"{STANDALONE}?view={view}")
    status = page.locator("[data-simulator] .ssp-sim-status")
    # Said once the simulator's Python has read the address: after a boot, slow under load.
    expect(status).to_have_class(re.compile("ssp-sim-failed"), timeout=60_000)
    text = status.inner_text()
    assert "is not a view" in text and len(text) < 400
    assert status.get_by_role("button").count() == 0  # no Try again that could only fail
    expect(status.locator("progress")).to_be_hidden()
    links = status.get_by_role("link")
    assert links.all_inner_texts() == [c.value for c in Cloud]
    box, viewport = status.bounding_box(), page.viewport_size
    assert box is not None and viewport is not None and box["width"] <= viewport["width"]
    links.first.click()
    page.wait_for_selector("[data-simulator][data-ready]")


def test_an_unknown_view_on_an_article_page_is_explained(own_context: Any) -> None:
    page = own_context.new_page()
    page.goto(f"{ARTICLE}?view=o365-gcc")
    explained = page.locator(".ssp-unknown-view")
    expect(explained).to_contain_text("o365-gcc")
    expect(explained.get_by_role("link")).to_have_count(len(Cloud))
