"""Right to left in Chromium, verified by where things are, not by screenshots: on the
Arabic pages the portal's navigation is on the right of its screen and a pane opens from
the left; in English, the other way round (the same stylesheet, in logical properties);
a card's name, written left to right, keeps its order inside the Arabic page (isolated).

Arabic is the kit's one right-to-left language (``simulator.markets``); English is the
control. Positions are the elements' boxes as Chromium lays them out."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import FloatRect, Locator, expect
from portal import (
    Setting,
    choose,
    control,
    dialog,
    go,
    named,
    number,
    open_details,
    press,
    tr,
)

from simulator.markets import LANGUAGES
from simulator.model import card_name
from walkthrough.checker.browser_driver import BrowserDriver

pytestmark = pytest.mark.e2e

RTL = tuple(lang.code for lang in LANGUAGES if lang.direction == "rtl")


@pytest.fixture(scope="module", params=[Setting("ar"), Setting("en")], ids=str)
def setting(request: Any) -> Setting:
    param: Setting = request.param
    return param


# The x of the first character of ``part`` inside ``element``'s text.
X_OF = """(e, part) => {
  const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const i = n.data.indexOf(part);
    if (i < 0) continue;
    const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + part.length);
    return r.getBoundingClientRect().x;
  }
  return null;
}"""


def box(locator: Locator) -> FloatRect:
    found = locator.bounding_box()
    assert found is not None, f"{locator} is not laid out"
    return found


def right(b: FloatRect) -> float:
    return b["x"] + b["width"]


def test_the_page_has_the_languages_direction(driver: BrowserDriver) -> None:
    expected = "rtl" if driver.settings.lang in RTL else "ltr"
    assert driver.page.evaluate("getComputedStyle(document.body).direction") == expected
    assert driver.root.evaluate("e => getComputedStyle(e).direction") == expected


def test_the_navigation_is_on_the_reading_side(driver: BrowserDriver) -> None:
    go(driver, "nav.your_products")
    portal, nav = box(driver.root), box(named(driver, "group", tr(driver, "Navigation")))
    tab = box(control(driver, "tab.products"))
    if driver.settings.lang in RTL:
        assert nav["x"] > tab["x"], (nav, tab)  # the screen to its left
        assert abs(right(nav) - right(portal)) <= 2, (nav, portal)
    else:
        assert nav["x"] < tab["x"], (nav, tab)
        assert abs(nav["x"] - portal["x"]) <= 2, (nav, portal)


def test_a_pane_opens_from_the_side_away_from_the_navigation(driver: BrowserDriver) -> None:
    open_details(driver, "powerbi-pro")
    press(driver, "action.buy_licenses")
    pane = dialog(driver)
    expect(pane).to_be_visible()
    portal, opened = box(driver.root), box(pane)
    if driver.settings.lang in RTL:
        assert abs(opened["x"] - portal["x"]) <= 2, (opened, portal)  # from the left edge
        assert right(opened) < right(portal) - 10
    else:
        assert abs(right(opened) - right(portal)) <= 2, (opened, portal)
        assert opened["x"] > portal["x"] + 10
    press(driver, "action.cancel", within=pane)


def test_a_product_name_does_not_take_the_number_after_it(driver: BrowserDriver) -> None:
    """ "<product> · 3 available": isolated, the product does not pull the 3 into its own
    left-to-right run, so in Arabic the 3 reads after it (to its left), beside its word."""
    sub = driver.portal.subscription("power-automate")
    go(driver, "nav.licenses")
    choose(driver, sub.product)
    press(driver, "action.assign_licenses")
    pane = dialog(driver)
    expect(pane).to_be_visible()
    count = number(driver, sub.free_licenses)  # the pane's first number: the product's line
    product, free = pane.evaluate(X_OF, sub.product), pane.evaluate(X_OF, count)
    assert product is not None and free is not None
    if driver.settings.lang in RTL:
        assert free < product, (free, product)
    else:
        assert free > product, (free, product)
    press(driver, "action.cancel", within=pane)


def test_a_card_name_keeps_its_left_to_right_order(driver: BrowserDriver) -> None:
    go(driver, "nav.bills_payments")
    press(driver, "tab.payment_methods")
    card = driver.portal.payment_methods[0]
    link = named(driver, "button", card_name(card))
    expect(link).to_be_visible()
    brand, digits = link.evaluate(X_OF, card.brand), link.evaluate(X_OF, card.last4)
    assert brand is not None and digits is not None
    assert brand < digits, "the brand is left of the last four digits, in every language"
    choose(driver, card_name(card))  # it is a control like any other
