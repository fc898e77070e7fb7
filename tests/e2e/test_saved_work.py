"""Saved work survives ordinary use: addresses, typing, damaged storage, two tabs, reloads.

Each test opens pages in a context of its own (``own_context``): saved work is the very
thing under test, so nothing may leak from or to other tests.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from simulator.controls import CONTROLS
from simulator.i18n import translations
from simulator.markets import Cloud

pytestmark = pytest.mark.e2e

READY = "[data-simulator][data-ready]"
UNSAVED = "Your changes can’t be saved in this browser, so they last only until you leave the site."
NOT_RESTORED = (
    "Your earlier changes could not be restored, so the simulator starts from the beginning."
)
STANDALONE = "/simulator/"


def label(key: str) -> str:
    return CONTROLS[key].label("en")


def message(msgid: str) -> str:
    return translations("en").gettext(msgid)


def open_sim(page: Any, address: str) -> Any:
    page.goto(address)
    page.wait_for_selector(READY)
    return page.locator(READY).first


def settle(page: Any) -> None:
    page.wait_for_function("() => window.__ssp.pending.size === 0")


def press(sim: Any, role: str, key: str) -> None:
    sim.get_by_role(role, name=label(key), exact=True).click()
    settle(sim.page)


def buy(sim: Any, product: str, total: int) -> None:
    """Your products > the product > Buy licenses > Total licenses > Save."""
    press(sim, "link", "nav.your_products")
    sim.get_by_role("button", name=product, exact=True).click()
    settle(sim.page)
    press(sim, "button", "action.buy_licenses")
    box = sim.get_by_role("spinbutton", name=label("field.total_licenses"), exact=True)
    box.fill(str(total))
    press(sim, "button", "action.save")
    expect(sim.get_by_role("status")).to_contain_text(f"{product} now has {total} licenses")


def total_of(sim: Any, product: str) -> int:
    """Total licenses of ``product``, from the simulator's own state."""
    page = sim.page
    saved = page.evaluate(
        "async s => (await window.__ssp.state(document.querySelector(s))).state", READY
    )
    changes = json.loads(saved)["patch"].get("subscriptions", {})
    ident = {"Power BI Pro": "powerbi-pro", "Visio Plan 2": "visio-plan-2"}[product]
    return int(changes.get(ident, {}).get("total_licenses", 0))


def storage(page: Any) -> dict[str, str]:
    values: dict[str, str] = page.evaluate(
        "() => Object.fromEntries(Object.keys(localStorage).map(k => [k, localStorage.getItem(k)]))"
    )
    return values


@pytest.fixture
def page(own_context: Any) -> Iterator[Any]:
    page = own_context.new_page()
    yield page
    page.close()


@pytest.mark.parametrize(
    "query", ["?screen=bills", "?screen=licenses", "?role=admin", "?role=purchaser"]
)
def test_an_address_never_wipes_the_saved_work(page: Any, query: str) -> None:
    sim = open_sim(page, STANDALONE)
    buy(sim, "Power BI Pro", 105)
    sim = open_sim(page, STANDALONE + query)
    assert total_of(sim, "Power BI Pro") == 105
    if "screen" in query:
        assert sim.locator("main.ssp-main").get_attribute("data-screen") == query.split("=")[1]
    sim = open_sim(page, STANDALONE)
    assert total_of(sim, "Power BI Pro") == 105
    expect(sim.locator(".ssp-sim-status")).to_be_hidden()


def test_long_typing_keeps_the_saved_work_and_its_size(page: Any) -> None:
    sim = open_sim(page, STANDALONE)
    buy(sim, "Power BI Pro", 105)
    press(sim, "link", "nav.licenses")
    sim.get_by_role("button", name="Power Automate per user", exact=True).click()
    press(sim, "button", "action.assign_licenses")
    box = sim.get_by_role("combobox", name=label("field.find_user"), exact=True)
    for _ in range(10):
        box.fill("")
        box.press_sequentially("someone who is not in this organization at all", delay=0)
        settle(page)
    saved = [v for k, v in storage(page).items() if k.startswith("ssp.sim|")]
    assert saved and all(len(v) < 4_000 for v in saved)
    sim = open_sim(page, STANDALONE)
    assert total_of(sim, "Power BI Pro") == 105


BLOCKED = """Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };"""


def test_storage_that_refuses_is_said_once_and_the_work_goes_on_in_memory(
    own_context: Any,
) -> None:
    own_context.add_init_script(BLOCKED)
    page = own_context.new_page()
    sim = open_sim(page, STANDALONE)
    buy(sim, "Power BI Pro", 105)
    status = sim.locator(".ssp-sim-status")
    expect(status).to_contain_text(message(UNSAVED))
    # Instant navigation keeps the page's script: the work is still there on coming back.
    page.wait_for_function("""() => performance.getEntriesByType('resource').some(
        e => /\\/sitemap\\.xml$/.test(e.name) && performance.now() - e.responseEnd > 100)""")
    page.locator("a.md-header__button.md-logo").click()
    page.wait_for_url(re.compile(r"/$"))
    page.wait_for_selector(READY)
    page.go_back()
    sim = page.locator(READY).first
    page.wait_for_selector(READY)
    assert total_of(sim, "Power BI Pro") == 105


@pytest.mark.parametrize(
    "damaged",
    ["[1]", "[null]", '["x"]', "[" * 20_000 + "]" * 20_000, '{"v": 2}', "null"],
    ids=["numbers", "a-null", "a-string", "deep", "half-a-state", "null"],
)
def test_a_damaged_saved_value_is_set_aside_and_reset_always_works(page: Any, damaged: str) -> None:
    open_sim(page, STANDALONE)
    key = next(k for k in storage(page) if k.startswith("ssp.sim|/simulator/"))
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, damaged])
    sim = open_sim(page, STANDALONE)
    status = sim.locator(".ssp-sim-status")
    expect(status).to_contain_text(message(NOT_RESTORED))
    assert "Traceback" not in sim.inner_text() and "/lib/python" not in sim.inner_text()
    aside = [
        v for k, v in storage(page).items() if k.startswith("ssp.setaside|") and k.endswith(key)
    ]
    assert aside == [damaged]
    reset = sim.get_by_role("button", name=label("control.reset"), exact=True)
    expect(reset).to_be_enabled()
    reset.click()
    settle(page)
    sim = open_sim(page, STANDALONE)  # and the next reload starts cleanly
    expect(sim.locator(".ssp-sim-status")).to_be_hidden()


def test_the_restore_notice_goes_once_the_reader_acts(page: Any) -> None:
    open_sim(page, STANDALONE)
    key = next(k for k in storage(page) if k.startswith("ssp.sim|/simulator/"))
    page.evaluate("k => localStorage.setItem(k, '{broken')", key)
    sim = open_sim(page, STANDALONE)
    expect(sim.locator(".ssp-sim-status")).to_be_visible()
    press(sim, "link", "nav.licenses")
    expect(sim.locator(".ssp-sim-status")).to_be_hidden()


def test_two_tabs_see_each_others_saves(own_context: Any) -> None:
    first, second = own_context.new_page(), own_context.new_page()
    a, b = open_sim(first, STANDALONE), open_sim(second, STANDALONE)
    buy(a, "Power BI Pro", 105)
    second.wait_for_function(
        "() => document.querySelector('[data-simulator]').dataset.savedState.includes('105')"
    )
    b = second.locator(READY).first
    second.wait_for_selector(READY)
    expect(b.locator(".ssp-sim-status")).to_contain_text(
        message("The simulator now shows the changes you made in another tab.")
    )
    buy(b, "Visio Plan 2", 12)
    a = open_sim(first, STANDALONE)  # A reloads: its 105 and B's 12 are both there
    assert total_of(a, "Power BI Pro") == 105 and total_of(a, "Visio Plan 2") == 12


CARD = {"field.card_number": "4111 1111 1111 1111", "field.security_code": "737"}


def test_storage_never_holds_a_card_number_or_security_code(page: Any) -> None:
    sim = open_sim(page, STANDALONE)
    press(sim, "link", "nav.bills_payments")
    press(sim, "tab", "tab.payment_methods")
    press(sim, "button", "action.add_payment_method")
    pane = sim.get_by_role("dialog")
    values = {
        **CARD,
        "field.name_on_card": "Mette Larsen",
        "field.expiration": "12/30",
        "field.address": "Strandvejen 12, 2900 Hellerup",
    }
    for key, value in values.items():
        pane.get_by_role("textbox", name=label(key), exact=True).fill(value)
    page.evaluate("() => window.dispatchEvent(new Event('pagehide'))")  # saved mid-typing
    assert not any("737" in v or "1111 1111" in v for v in storage(page).values())
    press(sim, "button", "action.add")
    page.evaluate("() => window.dispatchEvent(new Event('pagehide'))")
    everything = json.dumps(storage(page))
    assert "4111" not in everything and "737" not in everything


def test_a_reload_with_a_pane_open_puts_focus_back_in_it(page: Any) -> None:
    sim = open_sim(page, STANDALONE)
    sim.get_by_role("button", name="Power BI Pro", exact=True).click()
    settle(page)
    press(sim, "button", "action.buy_licenses")
    page.evaluate("() => window.dispatchEvent(new Event('pagehide'))")
    sim = open_sim(page, STANDALONE)
    pane = sim.get_by_role("dialog")
    expect(pane).to_be_visible()
    page.wait_for_function("() => !!document.activeElement.closest('.ssp-pane')")
    page.keyboard.press("Escape")
    settle(page)
    expect(sim.get_by_role("dialog")).to_have_count(0)


@pytest.mark.parametrize("view", ["bogus", "o365-gcc", "<script>alert(1)</script>", "x" * 300])
def test_an_unknown_view_is_explained_with_links_to_the_views(page: Any, view: str) -> None:
    page.goto(f"{STANDALONE}?view={view}")
    status = page.locator("[data-simulator] .ssp-sim-status")
    expect(status).to_have_class(re.compile("ssp-sim-failed"))
    text = status.inner_text()
    assert "is not a view" in text and len(text) < 400
    assert status.get_by_role("button").count() == 0  # no Try again that could only fail
    expect(status.locator("progress")).to_be_hidden()
    links = status.get_by_role("link")
    assert links.all_inner_texts() == [c.value for c in Cloud]
    box = status.bounding_box()
    assert box is not None and box["width"] <= page.viewport_size["width"]
    links.first.click()
    page.wait_for_selector(READY)


def test_an_unknown_view_on_an_article_page_is_explained(page: Any) -> None:
    page.goto("/manage-self-service-purchases-users/?view=o365-gcc")
    notice = page.locator(".ssp-unknown-view")
    expect(notice).to_contain_text("o365-gcc")
    expect(notice.get_by_role("link")).to_have_count(len(Cloud))
