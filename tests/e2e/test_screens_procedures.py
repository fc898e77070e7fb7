"""Every procedure of the article, done in Chromium on the built standalone page.

Each test does one procedure of ../shared/reference/procedures.yml the way a learner
does: real clicks and typing, every control found by its role and its exact accessible
name, the label read from ``simulator.controls`` in the page's language (never written
here). Both languages, both clouds. Names that are data (a product, a person, a card) come
from the scenario.

The page is shared by a test worker's tests, and driven through the step checker's browser
driver (``portal``): a new URL boots Python again (seconds), so a test navigates only when
its settings differ from the page's, then starts from the scenario with the Reset
simulator button.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect
from portal import (
    CARD,
    PURCHASER,
    Setting,
    choose,
    control,
    dialog,
    done,
    fill_card,
    go,
    named,
    number,
    open_details,
    press,
    profile_page,
    row,
    status,
    total_shown,
    tr,
    type_in,
)

from simulator.i18n import Formats
from simulator.markets import Cloud
from simulator.model import card_name
from walkthrough.checker.browser_driver import BrowserDriver

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module", params=PURCHASER, ids=str)
def setting(request: Any) -> Setting:
    param: Setting = request.param
    return param


# The procedures.
def test_view_subscriptions_purchaser(driver: BrowserDriver) -> None:
    """view-subscriptions, as the purchaser: their own purchases, filtered to self-service."""
    go(driver, "nav.your_products")
    press(driver, "tab.products")
    expect(control(driver, "tab.products")).to_have_attribute("aria-selected", "true")
    press(driver, "control.filter")
    press(driver, "filter.self_service")
    expect(control(driver, "control.filter")).to_be_focused()
    for sub in driver.portal.visible_subscriptions:
        expect(row(driver, sub.product)).to_have_count(1)
    press(driver, "control.filter")
    expect(control(driver, "filter.self_service")).to_have_attribute("aria-checked", "true")


def test_buy_then_reduce_licenses(driver: BrowserDriver) -> None:
    """buy-or-reduce-licenses: 100 + 5 more is a new total of 105; then back to 100."""
    open_details(driver, "powerbi-pro")
    expect(total_shown(driver)).to_have_text(number(driver, 100))
    press(driver, "action.buy_licenses")
    expect(dialog(driver)).to_have_count(1)
    expect(control(driver, "field.total_licenses")).to_be_focused()
    type_in(driver, "field.total_licenses", "105")
    press(driver, "action.save")
    expect(dialog(driver)).to_have_count(0)
    expect(total_shown(driver)).to_have_text(number(driver, 105))
    expect(status(driver)).to_contain_text(number(driver, 105))
    expect(control(driver, "action.buy_licenses")).to_be_focused()

    press(driver, "action.remove_licenses")
    type_in(driver, "field.total_licenses", "100")
    press(driver, "action.save")
    expect(dialog(driver)).to_have_count(0)
    expect(total_shown(driver)).to_have_text(number(driver, 100))
    expect(control(driver, "action.remove_licenses")).to_be_focused()


def test_assign_licenses(driver: BrowserDriver) -> None:
    """assign-licenses: type a name, pick it from the results, twice; Assign, then Close."""
    automate = driver.portal.subscription("power-automate")
    jonas, ravi = driver.portal.person("jonas-berg"), driver.portal.person("ravi-patel")
    go(driver, "nav.licenses")
    choose(driver, automate.product)
    press(driver, "action.assign_licenses")
    pane = control(driver, "pane.assign_licenses_to_users")
    expect(pane).to_be_visible()
    expect(control(driver, "field.find_user")).to_be_focused()
    for person, typed in ((jonas, "Jonas B"), (ravi, "Ravi")):
        type_in(driver, "field.find_user", typed, keys=True)  # each key re-renders: none lost
        expect(control(driver, "field.find_user")).to_have_attribute("aria-expanded", "true")
        choose(driver, person.name, role="option", within=pane)
        expect(control(driver, "field.find_user")).to_have_value("")
        expect(pane.get_by_role("listitem").filter(has_text=person.name)).to_have_count(1)
    press(driver, "action.assign")
    expect(control(driver, "action.close")).to_be_focused()
    expect(pane.get_by_role("status")).to_be_visible()
    press(driver, "action.close")
    expect(dialog(driver)).to_have_count(0)
    expect(control(driver, "action.assign_licenses")).to_be_focused()
    for person in (jonas, ravi):
        expect(row(driver, person.name)).to_have_count(1)
    shown = tr(driver, "%(assigned)s of %(total)s assigned") % {
        "assigned": number(driver, len(automate.assigned) + 2),
        "total": number(driver, automate.total_licenses),
    }
    expect(driver.root).to_contain_text(shown)


def test_unassign_licenses(driver: BrowserDriver) -> None:
    """unassign-licenses: select users, Unassign licenses, confirm with Unassign."""
    automate = driver.portal.subscription("power-automate")
    elena = driver.portal.person("elena-skov")
    go(driver, "nav.licenses")
    choose(driver, automate.product)
    expect(row(driver, elena.name)).to_have_count(1)
    done(driver.click("checkbox", elena.name))
    press(driver, "action.unassign_licenses")
    box = named(driver, "dialog", driver.label("action.unassign_licenses"))
    expect(box).to_be_visible()
    expect(control(driver, "action.unassign")).to_be_focused()
    press(driver, "action.unassign")
    expect(dialog(driver)).to_have_count(0)
    expect(row(driver, elena.name)).to_have_count(0)
    expect(row(driver, driver.portal.person("mette-larsen").name)).to_have_count(1)
    expect(status(driver)).to_be_visible()


def test_cancel_subscription(driver: BrowserDriver) -> None:
    """cancel-subscription: More actions on the row, Cancel subscription, a reason, Save."""
    visio = driver.portal.subscription("visio-plan-2")
    go(driver, "nav.your_products")
    press(driver, "tab.products")
    visio_row = row(driver, visio.product)
    press(driver, "action.more_actions", within=visio_row)
    expect(control(driver, "action.cancel_subscription")).to_be_focused()
    press(driver, "action.cancel_subscription")
    pane = named(driver, "dialog", driver.label("action.cancel_subscription"))
    expect(pane).to_be_visible()
    (reasons,) = driver.control("field.cancel_reason")
    done(driver.activate(driver.find("radio", within=reasons)[1]))
    type_in(driver, "field.feedback", "We use Visio Plan 1 now.")
    press(driver, "action.save")
    expect(dialog(driver)).to_have_count(0)
    expect(visio_row).to_contain_text(tr(driver, "Cancelled"))
    expect(status(driver)).to_contain_text(visio.product)
    expect(control(driver, "action.more_actions", within=visio_row)).to_be_focused()


def test_manage_payment_details_edit(driver: BrowserDriver) -> None:
    """manage-payment-details with Edit: the profile's card gets a new expiration date."""
    section = profile_page(driver)
    press(driver, "action.edit", within=section)
    pane = dialog(driver)
    expect(control(driver, "field.card_number", within=pane)).to_have_count(0)  # it stays
    type_in(driver, "field.expiration", "10/31")
    type_in(driver, "field.security_code", "123")
    press(driver, "action.save", within=pane)
    expect(dialog(driver)).to_have_count(0)
    expect(section).to_contain_text("10/31")
    expect(control(driver, "action.edit")).to_be_focused()


def test_manage_payment_details_replace(driver: BrowserDriver) -> None:
    """manage-payment-details with Replace: the profile is paid with a new card."""
    section = profile_page(driver)
    press(driver, "action.replace", within=section)
    fill_card(driver, CARD)
    press(driver, "action.save", within=dialog(driver))
    expect(dialog(driver)).to_have_count(0)
    expect(section).to_contain_text("4444")
    expect(section).to_contain_text("09/30")
    expect(control(driver, "action.replace")).to_be_focused()


def test_update_payment_method(driver: BrowserDriver) -> None:
    """update-payment-method: Payment methods tab, a method, Edit, changes, Save."""
    go(driver, "nav.bills_payments")
    press(driver, "tab.payment_methods")
    name = card_name(driver.portal.card("card-2"))
    choose(driver, name)
    press(driver, "action.edit", within=dialog(driver))
    type_in(driver, "field.name_on_card", "M. Larsen")
    type_in(driver, "field.security_code", "321")
    type_in(driver, "field.address", "Vestergade 3, 8000 Aarhus")
    press(driver, "action.save", within=dialog(driver))
    expect(dialog(driver)).to_have_count(0)
    expect(row(driver, name)).to_contain_text("M. Larsen")
    expect(named(driver, "button", name)).to_be_focused()


def test_add_payment_method(driver: BrowserDriver) -> None:
    """add-payment-method: Add a payment method, the new card's details, Add."""
    go(driver, "nav.bills_payments")
    press(driver, "tab.payment_methods")
    rows = driver.by_role("row")
    before = rows.count()
    press(driver, "action.add_payment_method")
    pane = named(driver, "dialog", driver.label("action.add_payment_method"))
    expect(pane).to_be_visible()
    fill_card(driver, CARD)
    press(driver, "action.add", within=pane)
    expect(dialog(driver)).to_have_count(0)
    expect(rows).to_have_count(before + 1)
    expect(driver.by_role("table")).to_contain_text("4444")
    expect(control(driver, "action.add_payment_method")).to_be_focused()


def invoice_numbers(driver: BrowserDriver) -> list[str]:
    driver.settle()
    return [
        text
        for text in driver.by_role("table").get_by_role("rowheader").all_inner_texts()
        if text.strip()
    ]


def test_view_invoices(driver: BrowserDriver) -> None:
    """view-invoices: Invoices tab; none older than 3 months until the period is changed."""
    go(driver, "nav.bills_payments")
    press(driver, "tab.invoices")
    period = control(driver, "control.period")
    expect(period.get_by_role("option", selected=True)).to_have_text(
        driver.label("period.past_3_months")
    )
    recent = invoice_numbers(driver)
    assert recent and "G026084421" not in recent  # August: older than 3 months

    select = driver.label("control.period")
    done(driver.select("combobox", select, driver.label("period.past_6_months")))
    expect(named(driver, "rowheader", "G026084421")).to_be_visible()
    six = invoice_numbers(driver)
    assert set(recent) < set(six)

    done(driver.select("combobox", select, driver.label("period.date_range")))
    driver.fill("textbox", tr(driver, "Start date"), "2026-04-01")  # (an alert: no end yet)
    done(driver.fill("textbox", tr(driver, "End date"), "2026-05-31"))
    expect(named(driver, "rowheader", "G026054328")).to_be_visible()  # May 10
    expect(named(driver, "rowheader", "G026114514")).to_have_count(0)  # November


def test_views_differ_by_cloud(driver: BrowserDriver) -> None:
    """The two clouds: the portal's address and the currency."""
    address = {Cloud.WORLDWIDE: "admin.microsoft.com", Cloud.VIANET: "partner.microsoftonline.cn"}
    expect(driver.root.locator(".ssp-address")).to_contain_text(address[driver.settings.cloud])
    price = driver.portal.subscription("powerbi-pro")
    shown = Formats(driver.settings.lang).money(price.price_per_license, price.currency)
    expect(row(driver, price.product)).to_contain_text(shown)
