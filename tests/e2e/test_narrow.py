"""A phone's width, 360 px: every action of the portal is reachable without scrolling sideways.

Tables whose columns do not fit become cards (a container query on the screen region:
walkthrough/assets/simulator.css), the tabs and the top bar wrap, the frame clips rather
than scrolls. On every screen, for the purchaser in each language and for the admin, each
visible control and table cell lies inside the page's width and the simulator's frame;
the article and the simulator's page are no wider than the screen."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from portal import LANGS, Setting, choose, go, press, row

from walkthrough.checker.browser_driver import BrowserDriver
from walkthrough.plugin.languages import home
from walkthrough.site_server import ALL_SIMULATORS_READY

pytestmark = pytest.mark.e2e

DOCS = Path(__file__).resolve().parents[2] / "docs"
WIDTH = 360
PHONE = {"width": WIDTH, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
#: What lies outside the page's width or the simulator's frame, left to right: visible
#: controls and table cells (a table's headers, hidden while it shows cards, aside).
OUTSIDE = """sim => {
  const frame = sim.getBoundingClientRect();
  const left = Math.max(frame.left, 0);
  const right = Math.min(frame.right, document.documentElement.clientWidth);
  const shown = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden"
    && !(e.closest("thead") && getComputedStyle(e.closest("thead")).position === "absolute");
  return [...sim.querySelectorAll(
      ".ssp-sim-root button, .ssp-sim-root a, .ssp-sim-root input, .ssp-sim-root select, " +
      ".ssp-sim-root th, .ssp-sim-root td, .ssp-sim-toolbar button")]
    .filter(shown)
    .map(e => [e, e.getBoundingClientRect()])
    .filter(([, r]) => r.left < left - 0.5 || r.right > right + 0.5)
    .map(([e, r]) => [e.tagName.toLowerCase(), `"${e.textContent.trim().slice(0, 30)}"`,
      `${Math.round(r.left)}..${Math.round(r.right)}`,
      `(frame ${Math.round(left)}..${Math.round(right)})`].join(" "));
}"""
#: The open menu's box and the frame's, top to bottom: [menu top, bottom, frame top, bottom].
MENU_AND_FRAME = """sim => {
  const menu = sim.querySelector(".ssp-sim-root [role=menu]").getBoundingClientRect();
  const frame = sim.getBoundingClientRect();
  return [menu.top, menu.bottom, frame.top, frame.bottom];
}"""

Screen = tuple[str, Callable[[BrowserDriver], object]]


@pytest.fixture(
    scope="module",
    params=[*(Setting(lang) for lang in LANGS), Setting("en", scenario="admin-view")],
    ids=str,
)
def setting(request: Any) -> Setting:
    param: Setting = request.param
    return param


@pytest.fixture
def phone(driver: BrowserDriver) -> Iterator[BrowserDriver]:
    """The module's simulator on a screen 360 px wide (the page's width is restored after)."""
    before = driver.page.viewport_size
    driver.page.set_viewport_size(PHONE)
    try:
        yield driver
    finally:
        if before:
            driver.page.set_viewport_size(before)


def outside(driver: BrowserDriver) -> list[str]:
    driver.settle()
    found: list[str] = driver.element.evaluate(OUTSIDE)
    return found


def menu_of(product: str) -> Callable[[BrowserDriver], object]:
    """Open (or close) the More actions menu of ``product``'s row."""
    return lambda d: press(d, "action.more_actions", row(d, product))


def screens(driver: BrowserDriver) -> Iterator[Screen]:
    """Every screen of the role's: Your products (its menus, a product's details), Licenses
    (a product's users), each tab of Bills & payments."""
    portal = driver.portal
    products = [s.product for s in portal.visible_subscriptions]
    yield "Your products", lambda d: go(d, "nav.your_products")
    yield "filter menu", lambda d: press(d, "control.filter")
    yield "filter menu closed", lambda d: press(d, "control.filter")
    if not portal.is_admin:
        for product in products:
            yield f"{product}'s menu", menu_of(product)
        yield "menu closed", menu_of(products[-1])
        yield "details", lambda d: choose(d, products[0])
    yield "Licenses", lambda d: go(d, "nav.licenses")
    if not portal.is_admin:
        yield "a product's users", lambda d: choose(d, products[-1])
    yield "Bills & payments", lambda d: go(d, "nav.bills_payments")
    for tab in ("tab.payment_methods", "tab.billing_profiles", "tab.invoices"):
        yield tab, functools.partial(press, key=tab)


def test_every_screen_fits_the_width(phone: BrowserDriver) -> None:
    found = outside(phone)
    for name, act in screens(phone):
        act(phone)
        found += [f"{name}: {f}" for f in outside(phone)]
    assert found == [], "\n".join(found)


def test_cards_are_read_as_the_table(phone: BrowserDriver) -> None:
    """Shown as cards, a table is still a table to a screen reader: its column headers, and
    cells read once (the label drawn above each cell is not part of its name)."""
    go(phone, "nav.your_products")
    table = phone.root.get_by_role("table").first
    assert table.locator("tbody tr").first.evaluate("r => getComputedStyle(r).display") == "grid"
    labels = set(table.locator("td[data-label]").evaluate_all("s => s.map(c => c.dataset.label)"))
    tree = table.aria_snapshot()
    assert labels and all(f'columnheader "{label}"' in tree for label in labels), tree
    assert not [label for label in labels if f'cell "{label}' in tree], tree


@pytest.mark.parametrize("setting", [Setting(lang) for lang in LANGS], ids=str)  # purchasers
def test_each_rows_menu_within_the_frame(phone: BrowserDriver, setting: Setting) -> None:
    """The More actions menu of every row, the last one's too, opens inside the frame (which
    clips what leaves it), on a phone (cards) and on a desktop (a table, where the menu
    below the last row was cut off). On the article's Cancel a subscription simulator,
    whose frame ends below the table (the simulator's own page is taller than it)."""
    phone.start(
        locale=setting.lang,
        moniker=setting.cloud.value,
        procedure="cancel-subscription",
        scenario=setting.scenario,
        article=str(DOCS / setting.lang / "manage-self-service-purchases-users.md"),
    )
    go(phone, "nav.your_products")
    cut = []
    for size in (PHONE, DESKTOP):
        phone.page.set_viewport_size(size)
        for sub in phone.portal.visible_subscriptions:
            more = row(phone, sub.product)
            press(phone, "action.more_actions", more)
            top, bottom, frame_top, frame_bottom = phone.element.evaluate(MENU_AND_FRAME)
            if top < frame_top or bottom > frame_bottom:
                cut.append((size["width"], sub.product, round(bottom), round(frame_bottom)))
            press(phone, "action.more_actions", more)  # closes it
    assert cut == []


@pytest.mark.parametrize("page", ["manage-self-service-purchases-users/", "simulator/"])
@pytest.mark.parametrize("lang", LANGS)
def test_pages_are_no_wider_than_the_screen(own_context: Any, lang: str, page: str) -> None:
    """The article (nine simulators) and the simulator's page, at 360 px: nothing wider than
    the screen, every simulator's controls inside its frame."""
    tab = own_context.new_page()
    tab.set_viewport_size(PHONE)
    tab.goto(home(lang) + page)
    tab.wait_for_function(ALL_SIMULATORS_READY, timeout=120_000)
    assert tab.evaluate("document.documentElement.scrollWidth") <= WIDTH
    found = [f for sim in tab.locator("[data-simulator]").all() for f in sim.evaluate(OUTSIDE)]
    assert found == [], "\n".join(found)
