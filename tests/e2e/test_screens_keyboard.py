"""The portal by keyboard alone, in Chromium: Tab, Shift+Tab, Enter, Space, arrows, Escape
and typing; no clicks. Procedures done from start to end this way; focus moving into a
pane when it opens and back to what opened it when it closes; the page behind an open
pane out of reach; Escape closing panes and menus; arrow keys in tabs, menus and the
type-ahead's results; a visible focus ring on everything Tab reaches; and a pane that
opens out of sight scrolled into view.

Each test starts from the Reset simulator button (focused, the one step that is not a
key), the first stop before the portal.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Locator, expect
from portal import (
    LANGS,
    Setting,
    choose,
    control,
    dialog,
    go,
    named,
    number,
    open_details,
    press,
    row,
    total_shown,
    tr,
)

from walkthrough.checker.browser_driver import BrowserDriver

pytestmark = pytest.mark.e2e

MAX_TABS = 40


@pytest.fixture(scope="module", params=[Setting(lang) for lang in LANGS], ids=str)
def setting(request: Any) -> Setting:
    param: Setting = request.param
    return param


@pytest.fixture
def driver(driver: BrowserDriver) -> BrowserDriver:
    """The simulator with the focus on Reset simulator, the first stop before the portal."""
    control(driver, "control.reset", within=driver.element).focus()
    return driver


def focused(locator: Locator) -> bool:
    return bool(locator.evaluate("el => el === document.activeElement"))


def tab_to(driver: BrowserDriver, target: Locator, *, back: bool = False) -> None:
    """Press Tab (Shift+Tab) until ``target`` has the focus."""
    for _ in range(MAX_TABS):
        if target.count() == 1 and focused(target):
            return
        driver.page.keyboard.press("Shift+Tab" if back else "Tab")
    raise AssertionError(f"{MAX_TABS} presses of Tab did not reach {target}")


def key(driver: BrowserDriver, name: str) -> None:
    driver.page.keyboard.press(name)
    driver.settle()


def active_inside(locator: Locator) -> bool:
    return bool(locator.evaluate("el => el.contains(document.activeElement)"))


def test_buy_licenses_by_keyboard(driver: BrowserDriver) -> None:
    """buy-or-reduce-licenses by keyboard; the pane holds the focus; Escape closes it."""
    product = driver.portal.subscription("powerbi-pro").product
    tab_to(driver, control(driver, "nav.your_products"))
    key(driver, "Enter")
    tab_to(driver, control(driver, "tab.products"))
    key(driver, "Enter")
    tab_to(driver, named(driver, "button", product))
    key(driver, "Enter")
    expect(named(driver, "heading", product)).to_be_focused()  # the details' title, announced
    tab_to(driver, control(driver, "action.buy_licenses"))
    key(driver, "Space")
    pane = named(driver, "dialog", driver.label("action.buy_licenses"))
    expect(control(driver, "field.total_licenses")).to_be_focused()
    for behind in (".ssp-main", ".ssp-nav"):  # the page behind the pane is inert
        expect(driver.root.locator(behind)).to_have_attribute("inert", "")
    for _ in range(4):  # Tab and Shift+Tab go round the pane, never behind it
        driver.page.keyboard.press("Tab")
        assert active_inside(pane)
    for _ in range(4):
        driver.page.keyboard.press("Shift+Tab")
        assert active_inside(pane)
    tab_to(driver, control(driver, "field.total_licenses"))
    driver.page.keyboard.press("ControlOrMeta+a")
    driver.page.keyboard.type("105")
    tab_to(driver, control(driver, "action.save"))
    key(driver, "Enter")
    expect(dialog(driver)).to_have_count(0)
    expect(control(driver, "action.buy_licenses")).to_be_focused()  # focus back to the opener
    expect(total_shown(driver)).to_have_text(number(driver, 105))

    tab_to(driver, control(driver, "action.remove_licenses"))
    key(driver, "Enter")
    expect(control(driver, "field.total_licenses")).to_be_focused()
    driver.page.keyboard.type("1")
    key(driver, "Escape")  # closes without saving
    expect(dialog(driver)).to_have_count(0)
    expect(control(driver, "action.remove_licenses")).to_be_focused()
    expect(total_shown(driver)).to_have_text(number(driver, 105))


def test_assign_licenses_by_keyboard(driver: BrowserDriver) -> None:
    """assign-licenses by keyboard: type, arrow down to a result, Enter; Assign; Close."""
    automate = driver.portal.subscription("power-automate")
    jonas, ravi = driver.portal.person("jonas-berg"), driver.portal.person("ravi-patel")
    tab_to(driver, control(driver, "nav.licenses"))
    key(driver, "Space")  # a link follows on Space too
    expect(control(driver, "nav.licenses")).to_have_attribute("aria-current", "page")
    tab_to(driver, named(driver, "button", automate.product))
    key(driver, "Enter")
    tab_to(driver, control(driver, "action.assign_licenses"))
    key(driver, "Enter")
    box = control(driver, "field.find_user")
    pane = control(driver, "pane.assign_licenses_to_users")
    expect(box).to_be_focused()

    driver.page.keyboard.type("Jonas B")
    driver.settle()
    expect(box).to_have_value("Jonas B")
    key(driver, "ArrowDown")
    option = named(driver, "option", jonas.name, within=pane)
    expect(option).to_be_focused()
    key(driver, "ArrowUp")  # from the first result back to the box
    expect(box).to_be_focused()
    key(driver, "ArrowDown")
    key(driver, "Enter")
    expect(box).to_be_focused()
    expect(pane.get_by_role("listitem").filter(has_text=jonas.name)).to_have_count(1)

    driver.page.keyboard.type("Om")
    driver.settle()
    expect(pane.get_by_role("option").first).to_be_visible()
    key(driver, "Escape")  # clears the search; the pane stays
    expect(box).to_have_value("")
    expect(box).to_be_focused()
    expect(pane.get_by_role("option")).to_have_count(0)

    driver.page.keyboard.type("Ravi P")
    driver.settle()
    key(driver, "ArrowDown")
    expect(named(driver, "option", ravi.name, within=pane)).to_be_focused()
    key(driver, "Space")
    tab_to(driver, control(driver, "action.assign"))
    key(driver, "Enter")
    expect(control(driver, "action.close")).to_be_focused()
    key(driver, "Enter")
    expect(dialog(driver)).to_have_count(0)
    expect(control(driver, "action.assign_licenses")).to_be_focused()
    for person in (jonas, ravi):
        expect(row(driver, person.name)).to_have_count(1)


def test_cancel_subscription_by_keyboard(driver: BrowserDriver) -> None:
    """cancel-subscription by keyboard; Escape closes the More actions menu first."""
    visio = driver.portal.subscription("visio-plan-2")
    visio_row = row(driver, visio.product)
    more = control(driver, "action.more_actions", within=visio_row)
    tab_to(driver, more)
    key(driver, "Enter")
    expect(control(driver, "action.cancel_subscription")).to_be_focused()
    key(driver, "ArrowDown")  # one item: it stays
    expect(control(driver, "action.cancel_subscription")).to_be_focused()
    key(driver, "Escape")
    expect(control(driver, "action.cancel_subscription")).to_have_count(0)
    expect(more).to_be_focused()
    expect(more).to_have_attribute("aria-expanded", "false")

    key(driver, "Enter")
    key(driver, "Enter")  # Cancel subscription
    radios = control(driver, "field.cancel_reason").get_by_role("radio")
    expect(radios.first).to_be_focused()
    key(driver, "ArrowDown")  # the next reason, chosen
    expect(radios.nth(1)).to_be_checked()
    tab_to(driver, control(driver, "field.feedback"))
    driver.page.keyboard.type("Not needed now.")
    tab_to(driver, control(driver, "action.save"))
    key(driver, "Enter")
    expect(dialog(driver)).to_have_count(0)
    expect(visio_row).to_contain_text(tr(driver, "Cancelled"))
    expect(more).to_be_focused()


def test_enter_in_total_licenses_saves(driver: BrowserDriver) -> None:
    """Enter in the field submits, as in any form: the pane's Save, with what was typed."""
    open_details(driver, "powerbi-pro")
    press(driver, "action.buy_licenses")
    field = control(driver, "field.total_licenses")
    expect(field).to_be_focused()
    driver.page.keyboard.press("ControlOrMeta+a")
    driver.page.keyboard.type("1 05")
    key(driver, "Enter")
    expect(dialog(driver)).to_have_count(0)
    expect(total_shown(driver)).to_have_text(number(driver, 105))
    saved = tr(driver, "%(product)s now has %(total)s licenses.") % {
        "product": driver.portal.subscription("powerbi-pro").product,
        "total": number(driver, 105),
    }
    expect(driver.by_role("status").filter(has_text=saved)).to_have_count(1)


def test_enter_in_a_refused_total_shows_why(driver: BrowserDriver) -> None:
    open_details(driver, "powerbi-pro")
    press(driver, "action.remove_licenses")
    field = control(driver, "field.total_licenses")
    driver.page.keyboard.press("ControlOrMeta+a")
    driver.page.keyboard.type("101")
    key(driver, "Enter")
    expect(dialog(driver)).to_have_count(1)
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_value("101")
    expect(field).to_be_focused()


def test_enter_in_the_feedback_box_is_a_new_line(driver: BrowserDriver) -> None:
    visio = driver.portal.subscription("visio-plan-2")
    press(driver, "action.more_actions", within=row(driver, visio.product))
    press(driver, "action.cancel_subscription")
    tab_to(driver, control(driver, "field.feedback"))
    driver.page.keyboard.type("Not needed")
    key(driver, "Enter")
    driver.page.keyboard.type("now.")
    expect(dialog(driver)).to_have_count(1)
    expect(control(driver, "field.feedback")).to_have_value("Not needed\nnow.")
    key(driver, "Escape")


def test_enter_in_the_search_assigns(driver: BrowserDriver) -> None:
    automate = driver.portal.subscription("power-automate")
    jonas = driver.portal.person("jonas-berg")
    go(driver, "nav.licenses")
    choose(driver, automate.product)
    press(driver, "action.assign_licenses")
    pane = control(driver, "pane.assign_licenses_to_users")
    box = control(driver, "field.find_user")
    driver.page.keyboard.type("Jonas B")
    driver.settle()
    choose(driver, jonas.name, role="option", within=pane)
    expect(box).to_be_focused()
    key(driver, "Enter")
    expect(control(driver, "action.close")).to_be_focused()  # assigned: the pane says so
    key(driver, "Enter")
    expect(row(driver, jonas.name)).to_have_count(1)


def test_enter_while_an_ime_composes_is_left_alone(driver: BrowserDriver) -> None:
    open_details(driver, "powerbi-pro")
    press(driver, "action.buy_licenses")
    field = control(driver, "field.total_licenses")
    field.fill("105")
    field.dispatch_event("keydown", {"key": "Enter", "isComposing": True, "bubbles": True})
    driver.settle()
    expect(dialog(driver)).to_have_count(1)
    key(driver, "Escape")
    expect(total_shown(driver)).to_have_text(number(driver, 100))


def test_arrow_keys_move_between_tabs(driver: BrowserDriver) -> None:
    """Bills & payments: one Tab stop for the tabs; arrows move, Enter/Space choose."""
    invoices, methods, profiles = (
        control(driver, k) for k in ("tab.invoices", "tab.payment_methods", "tab.billing_profiles")
    )
    tab_to(driver, control(driver, "nav.bills_payments"))
    key(driver, "Enter")
    tab_to(driver, invoices)
    key(driver, "ArrowRight")
    expect(methods).to_be_focused()
    expect(methods).to_have_attribute("aria-selected", "false")
    key(driver, "Enter")
    expect(methods).to_have_attribute("aria-selected", "true")
    expect(methods).to_be_focused()
    expect(control(driver, "action.add_payment_method")).to_be_visible()
    for name, then in (("ArrowRight", profiles), ("ArrowRight", invoices), ("ArrowLeft", profiles)):
        key(driver, name)
        expect(then).to_be_focused()
    key(driver, "Home")
    expect(invoices).to_be_focused()
    key(driver, "End")
    expect(profiles).to_be_focused()
    key(driver, "Space")
    expect(profiles).to_have_attribute("aria-selected", "true")
    driver.page.keyboard.press("Tab")  # out of the tab list: not onto another tab
    for tab in (invoices, methods, profiles):
        expect(tab).not_to_be_focused()
    driver.page.keyboard.press("Shift+Tab")
    expect(profiles).to_be_focused()


FOCUS_RING = """el => {
  const style = getComputedStyle(el);
  const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const name = el.getAttribute('aria-label') || el.textContent.trim() || el.id;
  return { ring, name: name || el.tagName };
}"""


def rings(driver: BrowserDriver, stop: Locator) -> list[str]:
    """Tab from the focus through the simulator to ``stop``: what had no visible ring."""
    missing = []
    for _ in range(MAX_TABS):
        driver.page.keyboard.press("Tab")
        result = driver.page.evaluate(f"({FOCUS_RING})(document.activeElement)")
        if not result["ring"]:
            missing.append(result["name"])
        if focused(stop):
            return missing
    raise AssertionError(f"{MAX_TABS} presses of Tab did not reach {stop}")


def test_focus_is_visible_everywhere(driver: BrowserDriver) -> None:
    """Every control Tab reaches shows a focus ring: screens, menus, panes, results."""
    missing = rings(
        driver, named(driver, "button", driver.portal.subscription("power-automate").product)
    )
    press(driver, "control.filter")  # the menu, by Tab from its button
    control(driver, "control.filter").focus()
    missing += rings(driver, control(driver, "filter.self_service"))
    open_details(driver, "powerbi-pro")
    control(driver, "action.buy_licenses").focus()
    key(driver, "Enter")
    missing += rings(driver, control(driver, "action.cancel"))
    key(driver, "Escape")
    go(driver, "nav.licenses")
    choose(driver, driver.portal.subscription("power-automate").product)
    press(driver, "action.assign_licenses")
    driver.page.keyboard.type("an")
    driver.settle()
    missing += rings(driver, control(driver, "action.cancel"))
    press(driver, "action.cancel")
    go(driver, "nav.bills_payments")
    control(driver, "nav.bills_payments").focus()
    missing += rings(driver, control(driver, "control.period"))
    assert missing == []


UNCOVERED = """el => {
  const r = el.getBoundingClientRect();
  return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === el;
}"""


def test_a_pane_opening_out_of_sight_is_scrolled_into_view(driver: BrowserDriver) -> None:
    """On a small phone screen the pane's top can be above the window: it is brought in."""
    page = driver.page
    size = page.viewport_size
    page.set_viewport_size({"width": 360, "height": 420})
    try:
        open_details(driver, "powerbi-pro")
        buy = control(driver, "action.buy_licenses")
        buy.evaluate("el => el.scrollIntoView({ block: 'start' })")
        top = driver.root.locator(".ssp-body").evaluate("el => el.getBoundingClientRect().top")
        assert top < 0  # the pane will open above the window
        buy.focus()
        key(driver, "Enter")
        field = control(driver, "field.total_licenses")
        expect(field).to_be_focused()
        expect(field).to_be_in_viewport()
        title = named(driver, "heading", driver.label("action.buy_licenses"))
        expect(title).to_be_in_viewport()
        assert field.evaluate(UNCOVERED)  # not under the site's sticky header
        key(driver, "Escape")
    finally:
        if size:
            page.set_viewport_size(size)
