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
from playwright.sync_api import Locator, Page, expect
from test_screens_procedures import LANGS, Setting, Sim, open_details, open_sim, total_shown

pytestmark = pytest.mark.e2e

MAX_TABS = 40


@pytest.fixture(scope="module", params=[Setting(lang) for lang in LANGS], ids=str)
def setting(request: Any) -> Setting:
    return request.param


@pytest.fixture
def sim(site_page: Page, setting: Setting) -> Sim:
    sim = open_sim(site_page, setting)
    sim.control("control.reset", within=sim.element).focus()
    return sim


def focused(locator: Locator) -> bool:
    return bool(locator.evaluate("el => el === document.activeElement"))


def tab_to(sim: Sim, target: Locator, *, back: bool = False) -> None:
    """Press Tab (Shift+Tab) until ``target`` has the focus."""
    for _ in range(MAX_TABS):
        if target.count() == 1 and focused(target):
            return
        sim.page.keyboard.press("Shift+Tab" if back else "Tab")
    raise AssertionError(f"{MAX_TABS} presses of Tab did not reach {target}")


def key(sim: Sim, name: str) -> None:
    sim.page.keyboard.press(name)
    sim.settle()


def active_inside(locator: Locator) -> bool:
    return bool(locator.evaluate("el => el.contains(document.activeElement)"))


def test_buy_licenses_by_keyboard(sim: Sim) -> None:
    """buy-or-reduce-licenses by keyboard; the pane holds the focus; Escape closes it."""
    product = sim.portal.subscription("powerbi-pro").product
    tab_to(sim, sim.control("nav.your_products"))
    key(sim, "Enter")
    tab_to(sim, sim.control("tab.products"))
    key(sim, "Enter")
    tab_to(sim, sim.named("button", product))
    key(sim, "Enter")
    expect(sim.named("heading", product)).to_be_focused()  # the details' title, announced
    tab_to(sim, sim.control("action.buy_licenses"))
    key(sim, "Space")
    pane = sim.named("dialog", sim.label("action.buy_licenses"))
    expect(sim.control("field.total_licenses")).to_be_focused()
    for behind in ("main", "nav"):  # the page behind the pane is inert
        expect(sim.root.locator(behind)).to_have_attribute("inert", "")
    for _ in range(4):  # Tab and Shift+Tab go round the pane, never behind it
        sim.page.keyboard.press("Tab")
        assert active_inside(pane)
    for _ in range(4):
        sim.page.keyboard.press("Shift+Tab")
        assert active_inside(pane)
    tab_to(sim, sim.control("field.total_licenses"))
    sim.page.keyboard.press("ControlOrMeta+a")
    sim.page.keyboard.type("105")
    tab_to(sim, sim.control("action.save"))
    key(sim, "Enter")
    expect(sim.dialog).to_have_count(0)
    expect(sim.control("action.buy_licenses")).to_be_focused()  # focus back to the opener
    expect(total_shown(sim)).to_have_text(sim.number(105))

    tab_to(sim, sim.control("action.remove_licenses"))
    key(sim, "Enter")
    expect(sim.control("field.total_licenses")).to_be_focused()
    sim.page.keyboard.type("1")
    key(sim, "Escape")  # closes without saving
    expect(sim.dialog).to_have_count(0)
    expect(sim.control("action.remove_licenses")).to_be_focused()
    expect(total_shown(sim)).to_have_text(sim.number(105))


def test_assign_licenses_by_keyboard(sim: Sim) -> None:
    """assign-licenses by keyboard: type, arrow down to a result, Enter; Assign; Close."""
    automate = sim.portal.subscription("power-automate")
    jonas, ravi = sim.portal.person("jonas-berg"), sim.portal.person("ravi-patel")
    tab_to(sim, sim.control("nav.licenses"))
    key(sim, "Space")  # a link follows on Space too
    expect(sim.control("nav.licenses")).to_have_attribute("aria-current", "page")
    tab_to(sim, sim.named("button", automate.product))
    key(sim, "Enter")
    tab_to(sim, sim.control("action.assign_licenses"))
    key(sim, "Enter")
    box = sim.control("field.find_user")
    pane = sim.control("pane.assign_licenses_to_users")
    expect(box).to_be_focused()

    sim.page.keyboard.type("Jonas B")
    sim.settle()
    expect(box).to_have_value("Jonas B")
    key(sim, "ArrowDown")
    option = sim.named("option", jonas.name, within=pane)
    expect(option).to_be_focused()
    key(sim, "ArrowUp")  # from the first result back to the box
    expect(box).to_be_focused()
    key(sim, "ArrowDown")
    key(sim, "Enter")
    expect(box).to_be_focused()
    expect(pane.get_by_role("listitem").filter(has_text=jonas.name)).to_have_count(1)

    sim.page.keyboard.type("Om")
    sim.settle()
    expect(pane.get_by_role("option").first).to_be_visible()
    key(sim, "Escape")  # clears the search; the pane stays
    expect(box).to_have_value("")
    expect(box).to_be_focused()
    expect(pane.get_by_role("option")).to_have_count(0)

    sim.page.keyboard.type("Ravi P")
    sim.settle()
    key(sim, "ArrowDown")
    expect(sim.named("option", ravi.name, within=pane)).to_be_focused()
    key(sim, "Space")
    tab_to(sim, sim.control("action.assign"))
    key(sim, "Enter")
    expect(sim.control("action.close")).to_be_focused()
    key(sim, "Enter")
    expect(sim.dialog).to_have_count(0)
    expect(sim.control("action.assign_licenses")).to_be_focused()
    for person in (jonas, ravi):
        expect(sim.row(person.name)).to_have_count(1)


def test_cancel_subscription_by_keyboard(sim: Sim) -> None:
    """cancel-subscription by keyboard; Escape closes the More actions menu first."""
    visio = sim.portal.subscription("visio-plan-2")
    row = sim.row(visio.product)
    more = sim.control("action.more_actions", within=row)
    tab_to(sim, more)
    key(sim, "Enter")
    expect(sim.control("action.cancel_subscription")).to_be_focused()
    key(sim, "ArrowDown")  # one item: it stays
    expect(sim.control("action.cancel_subscription")).to_be_focused()
    key(sim, "Escape")
    expect(sim.control("action.cancel_subscription")).to_have_count(0)
    expect(more).to_be_focused()
    expect(more).to_have_attribute("aria-expanded", "false")

    key(sim, "Enter")
    key(sim, "Enter")  # Cancel subscription
    radios = sim.control("field.cancel_reason").get_by_role("radio")
    expect(radios.first).to_be_focused()
    key(sim, "ArrowDown")  # the next reason, chosen
    expect(radios.nth(1)).to_be_checked()
    tab_to(sim, sim.control("field.feedback"))
    sim.page.keyboard.type("Not needed now.")
    tab_to(sim, sim.control("action.save"))
    key(sim, "Enter")
    expect(sim.dialog).to_have_count(0)
    expect(row).to_contain_text(sim.tr("Cancelled"))
    expect(more).to_be_focused()


def test_arrow_keys_move_between_tabs(sim: Sim) -> None:
    """Bills & payments: one Tab stop for the tabs; arrows move, Enter/Space choose."""
    invoices, methods, profiles = (
        sim.control(k) for k in ("tab.invoices", "tab.payment_methods", "tab.billing_profiles")
    )
    tab_to(sim, sim.control("nav.bills_payments"))
    key(sim, "Enter")
    tab_to(sim, invoices)
    key(sim, "ArrowRight")
    expect(methods).to_be_focused()
    expect(methods).to_have_attribute("aria-selected", "false")
    key(sim, "Enter")
    expect(methods).to_have_attribute("aria-selected", "true")
    expect(methods).to_be_focused()
    expect(sim.control("action.add_payment_method")).to_be_visible()
    for name, then in (("ArrowRight", profiles), ("ArrowRight", invoices), ("ArrowLeft", profiles)):
        key(sim, name)
        expect(then).to_be_focused()
    key(sim, "Home")
    expect(invoices).to_be_focused()
    key(sim, "End")
    expect(profiles).to_be_focused()
    key(sim, "Space")
    expect(profiles).to_have_attribute("aria-selected", "true")
    sim.page.keyboard.press("Tab")  # out of the tab list: not onto another tab
    for tab in (invoices, methods, profiles):
        expect(tab).not_to_be_focused()
    sim.page.keyboard.press("Shift+Tab")
    expect(profiles).to_be_focused()


FOCUS_RING = """el => {
  const style = getComputedStyle(el);
  const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const name = el.getAttribute('aria-label') || el.textContent.trim() || el.id;
  return { ring, name: name || el.tagName };
}"""


def rings(sim: Sim, stop: Locator) -> list[str]:
    """Tab from the focus through the simulator to ``stop``: what had no visible ring."""
    missing = []
    for _ in range(MAX_TABS):
        sim.page.keyboard.press("Tab")
        result = sim.page.evaluate(f"({FOCUS_RING})(document.activeElement)")
        if not result["ring"]:
            missing.append(result["name"])
        if focused(stop):
            return missing
    raise AssertionError(f"{MAX_TABS} presses of Tab did not reach {stop}")


def test_focus_is_visible_everywhere(sim: Sim) -> None:
    """Every control Tab reaches shows a focus ring: screens, menus, panes, results."""
    missing = rings(sim, sim.named("button", sim.portal.subscription("power-automate").product))
    sim.press("control.filter")  # the menu, by Tab from its button
    sim.control("control.filter").focus()
    missing += rings(sim, sim.control("filter.self_service"))
    open_details(sim, "powerbi-pro")
    sim.control("action.buy_licenses").focus()
    key(sim, "Enter")
    missing += rings(sim, sim.control("action.cancel"))
    key(sim, "Escape")
    sim.go("nav.licenses")
    sim.choose(sim.portal.subscription("power-automate").product)
    sim.press("action.assign_licenses")
    sim.page.keyboard.type("an")
    sim.settle()
    missing += rings(sim, sim.control("action.cancel"))
    sim.press("action.cancel")
    sim.go("nav.bills_payments")
    sim.control("nav.bills_payments").focus()
    missing += rings(sim, sim.control("control.period"))
    assert missing == []


UNCOVERED = """el => {
  const r = el.getBoundingClientRect();
  return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === el;
}"""


def test_a_pane_opening_out_of_sight_is_scrolled_into_view(sim: Sim) -> None:
    """On a small phone screen the pane's top can be above the window: it is brought in."""
    page = sim.page
    size = page.viewport_size
    page.set_viewport_size({"width": 360, "height": 420})
    try:
        open_details(sim, "powerbi-pro")
        buy = sim.control("action.buy_licenses")
        buy.evaluate("el => el.scrollIntoView({ block: 'start' })")
        top = sim.root.locator(".ssp-body").evaluate("el => el.getBoundingClientRect().top")
        assert top < 0  # the pane will open above the window
        buy.focus()
        key(sim, "Enter")
        field = sim.control("field.total_licenses")
        expect(field).to_be_focused()
        expect(field).to_be_in_viewport()
        title = sim.named("heading", sim.label("action.buy_licenses"))
        expect(title).to_be_in_viewport()
        assert field.evaluate(UNCOVERED)  # not under the site's sticky header
        key(sim, "Escape")
    finally:
        if size:
            page.set_viewport_size(size)
