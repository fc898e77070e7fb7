"""The admin's read-only view in Chromium (the admin-view scenario): view-subscriptions as the
article describes it, nothing that changes a purchase, every screen's accessibility
contract, and the filter menu by keyboard. Both languages, both clouds."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from test_screens_procedures import LANGS, Setting, Sim, card_button, open_sim
from test_screens_roles_in_chromium import NAV, Do, Step, walk

from simulator.controls import CONTROLS
from simulator.markets import Cloud

pytestmark = pytest.mark.e2e

ADMIN = [Setting(lang, cloud, "admin-view") for lang in LANGS for cloud in Cloud]
CHANGING = [k for k in CONTROLS if k.startswith("action.") and k != "action.cancel"]


@pytest.fixture(scope="module", params=ADMIN, ids=str)
def setting(request: Any) -> Setting:
    return request.param


@pytest.fixture
def sim(site_page: Page, setting: Setting) -> Sim:
    return open_sim(site_page, setting)


def test_view_subscriptions(sim: Sim) -> None:
    """view-subscriptions: Your products, Products tab, the filter icon, Self-service."""
    portal = sim.portal
    sim.go("nav.your_products")
    sim.press("tab.products")
    for sub in portal.subscriptions:
        expect(sim.row(sub.product)).to_have_count(1)
    for column in (
        "Product",
        "Purchased by",
        "Subscriptions purchased",
        "Expires",
        "Purchase price",
        "Assigned users",
    ):
        expect(sim.named("columnheader", sim.tr(column))).to_be_visible()
    sim.press("control.filter")
    sim.press("filter.self_service")
    for sub in portal.subscriptions:
        expect(sim.row(sub.product)).to_have_count(1 if sub.self_service else 0)
    purchaser = portal.person(portal.subscription("powerbi-pro").purchaser or "")
    expect(sim.row(portal.subscription("powerbi-pro").product)).to_contain_text(purchaser.name)
    sim.press("control.filter")
    expect(sim.control("filter.self_service")).to_have_attribute("aria-checked", "true")
    sim.press("filter.self_service")  # off again: everything
    for sub in portal.subscriptions:
        expect(sim.row(sub.product)).to_have_count(1)


def test_nothing_changes_a_purchase(sim: Sim) -> None:
    def none_here() -> None:
        sim.settle()
        for key in CHANGING:
            expect(sim.control(key)).to_have_count(0)

    none_here()
    sim.go("nav.licenses")
    sim.choose(sim.portal.subscription("powerbi-pro").product)
    expect(sim.named("checkbox", sim.portal.person("mette-larsen").name)).to_have_count(0)
    none_here()
    sim.go("nav.bills_payments")
    for tab in ("tab.invoices", "tab.payment_methods", "tab.billing_profiles"):
        sim.press(tab)
        none_here()
    sim.choose(sim.portal.billing_profiles[0].name)
    none_here()


def admin_walk(sim: Sim) -> Iterator[Step]:
    portal = sim.portal
    bills = ["tab.invoices", "tab.payment_methods", "tab.billing_profiles", *NAV]

    def press(key: str) -> Do:
        return lambda s: s.press(key)

    yield "products", [], ["control.reset", "tab.products", "control.filter", *NAV]
    yield "filter menu", [press("control.filter")], ["filter.self_service"]
    yield "Licenses", [press("control.filter"), lambda s: s.go("nav.licenses")], NAV
    yield (
        "license details",
        [lambda s: s.choose(portal.subscription("powerbi-pro").product)],
        NAV,
    )
    yield "Invoices", [lambda s: s.go("nav.bills_payments")], [*bills, "control.period"]
    yield "Payment methods", [press("tab.payment_methods")], bills
    yield (
        "a payment method",
        [lambda s: s.choose(card_button(s, "card-1"))],
        ["action.close", "control.reset"],
    )
    yield "Billing profiles", [press("action.close"), press("tab.billing_profiles")], bills
    yield (
        "a billing profile",
        [lambda s: s.choose(portal.billing_profiles[0].name)],
        ["section.payment_method", *bills],
    )


def test_every_admin_screen_names_its_controls(sim: Sim) -> None:
    walk(sim, admin_walk(sim))


def test_filter_menu_by_keyboard(sim: Sim) -> None:
    """Arrow keys move between the menu's items; Enter chooses; Escape closes."""
    keyboard = sim.page.keyboard
    central = sim.named("menuitemcheckbox", sim.tr("Bought centrally"))
    sim.control("control.filter").focus()
    keyboard.press("Enter")
    sim.settle()
    items = [sim.control("filter.self_service"), central]
    expect(items[0]).to_be_focused()
    for key, focused in (("ArrowDown", 1), ("ArrowDown", 0), ("ArrowUp", 1), ("Home", 0)):
        keyboard.press(key)
        expect(items[focused]).to_be_focused()
    keyboard.press("End")
    keyboard.press("Enter")  # Bought centrally
    sim.settle()
    expect(sim.control("control.filter")).to_be_focused()
    for sub in sim.portal.subscriptions:
        expect(sim.row(sub.product)).to_have_count(0 if sub.self_service else 1)
    keyboard.press("Enter")
    sim.settle()
    expect(central).to_have_attribute("aria-checked", "true")
    keyboard.press("Escape")
    sim.settle()
    expect(central).to_have_count(0)
    expect(sim.control("control.filter")).to_be_focused()
    expect(sim.control("control.filter")).to_have_attribute("aria-expanded", "false")
