"""The admin's read-only view in Chromium (the admin-view scenario): view-subscriptions as the
article describes it, nothing that changes a purchase, every screen's accessibility
contract, and the filter menu by keyboard. Both languages, both clouds."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect
from portal import LANGS, NAV, Do, Setting, Step, choose, control, go, named, press, row, tr, walk

from simulator.controls import CONTROLS
from simulator.markets import Cloud
from simulator.model import card_name
from walkthrough.checker.browser_driver import BrowserDriver

pytestmark = pytest.mark.e2e

ADMIN = [Setting(lang, cloud, "admin-view") for lang in LANGS for cloud in Cloud]
CHANGING = [k for k in CONTROLS if k.startswith("action.") and k != "action.cancel"]


@pytest.fixture(scope="module", params=ADMIN, ids=str)
def setting(request: Any) -> Setting:
    param: Setting = request.param
    return param


def test_view_subscriptions(driver: BrowserDriver) -> None:
    """view-subscriptions: Your products, Products tab, the filter icon, Self-service."""
    portal = driver.portal
    go(driver, "nav.your_products")
    press(driver, "tab.products")
    for sub in portal.subscriptions:
        expect(row(driver, sub.product)).to_have_count(1)
    for column in (
        "Product",
        "Purchased by",
        "Subscriptions purchased",
        "Expires",
        "Purchase price",
        "Assigned users",
    ):
        expect(named(driver, "columnheader", tr(driver, column))).to_be_visible()
    press(driver, "control.filter")
    press(driver, "filter.self_service")
    for sub in portal.subscriptions:
        expect(row(driver, sub.product)).to_have_count(1 if sub.self_service else 0)
    purchaser = portal.person(portal.subscription("powerbi-pro").purchaser or "")
    expect(row(driver, portal.subscription("powerbi-pro").product)).to_contain_text(purchaser.name)
    press(driver, "control.filter")
    expect(control(driver, "filter.self_service")).to_have_attribute("aria-checked", "true")
    press(driver, "filter.self_service")  # off again: everything
    for sub in portal.subscriptions:
        expect(row(driver, sub.product)).to_have_count(1)


def test_nothing_changes_a_purchase(driver: BrowserDriver) -> None:
    def none_here() -> None:
        driver.settle()
        for key in CHANGING:
            expect(control(driver, key)).to_have_count(0)

    none_here()
    go(driver, "nav.licenses")
    choose(driver, driver.portal.subscription("powerbi-pro").product)
    expect(named(driver, "checkbox", driver.portal.person("mette-larsen").name)).to_have_count(0)
    none_here()
    go(driver, "nav.bills_payments")
    for tab in ("tab.invoices", "tab.payment_methods", "tab.billing_profiles"):
        press(driver, tab)
        none_here()
    choose(driver, driver.portal.billing_profiles[0].name)
    none_here()


def admin_walk(driver: BrowserDriver) -> Iterator[Step]:
    portal = driver.portal
    bills = ["tab.invoices", "tab.payment_methods", "tab.billing_profiles", *NAV]

    def pressing(key: str) -> Do:
        return lambda d: press(d, key)

    yield "products", [], ["control.reset", "tab.products", "control.filter", *NAV]
    yield "filter menu", [pressing("control.filter")], ["filter.self_service"]
    yield "Licenses", [pressing("control.filter"), lambda d: go(d, "nav.licenses")], NAV
    yield (
        "license details",
        [lambda d: choose(d, portal.subscription("powerbi-pro").product)],
        NAV,
    )
    yield "Invoices", [lambda d: go(d, "nav.bills_payments")], [*bills, "control.period"]
    yield "Payment methods", [pressing("tab.payment_methods")], bills
    yield (
        "a payment method",
        [lambda d: choose(d, card_name(portal.card("card-1")))],
        ["action.close", "control.reset"],
    )
    yield "Billing profiles", [pressing("action.close"), pressing("tab.billing_profiles")], bills
    yield (
        "a billing profile",
        [lambda d: choose(d, portal.billing_profiles[0].name)],
        ["section.payment_method", *bills],
    )


def test_every_admin_screen_names_its_controls(driver: BrowserDriver) -> None:
    walk(driver, admin_walk(driver))


def test_filter_menu_by_keyboard(driver: BrowserDriver) -> None:
    """Arrow keys move between the menu's items; Enter chooses; Escape closes."""
    keyboard = driver.page.keyboard
    central = named(driver, "menuitemcheckbox", tr(driver, "Bought centrally"))
    control(driver, "control.filter").focus()
    keyboard.press("Enter")
    driver.settle()
    items = [control(driver, "filter.self_service"), central]
    expect(items[0]).to_be_focused()
    for key, focused in (("ArrowDown", 1), ("ArrowDown", 0), ("ArrowUp", 1), ("Home", 0)):
        keyboard.press(key)
        expect(items[focused]).to_be_focused()
    keyboard.press("End")
    keyboard.press("Enter")  # Bought centrally
    driver.settle()
    expect(control(driver, "control.filter")).to_be_focused()
    for sub in driver.portal.subscriptions:
        expect(row(driver, sub.product)).to_have_count(0 if sub.self_service else 1)
    keyboard.press("Enter")
    driver.settle()
    expect(central).to_have_attribute("aria-checked", "true")
    keyboard.press("Escape")
    driver.settle()
    expect(central).to_have_count(0)
    expect(control(driver, "control.filter")).to_be_focused()
    expect(control(driver, "control.filter")).to_have_attribute("aria-expanded", "false")
