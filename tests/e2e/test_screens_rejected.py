"""Bad input, tried in Chromium as a new user would: refused beside the field, nothing lost.

For each refusal the page shows the localized message as an alert tied to the field
(``aria-describedby``, ``aria-invalid``), keeps what was typed, and - checked on screen
after the pane is cancelled - the portal's state is what it was. The expected message is
the model's own refusal in the page's language, so the test checks the right words too.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect
from test_screens_procedures import (
    CARD,
    LANGS,
    Setting,
    Sim,
    fill_card,
    open_details,
    open_sim,
    profile_page,
    total_shown,
)

from simulator import handlers
from simulator.commands import AddPaymentMethod, Command, SetTotalLicenses
from simulator.errors import Rejected
from simulator.model import check_group_size

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module", params=[Setting(lang) for lang in LANGS], ids=str)
def setting(request: Any) -> Setting:
    return request.param


@pytest.fixture
def sim(site_page: Page, setting: Setting) -> Sim:
    return open_sim(site_page, setting)


def refusal(sim: Sim, command: Command) -> str:
    """What the model says, in the page's language, when it refuses ``command``."""
    with pytest.raises(Rejected) as refused:
        handlers.handle(sim.portal, command)
    return refused.value.text(sim.lang)


@pytest.mark.parametrize(
    ("pane", "typed"),
    [
        ("action.buy_licenses", "abc"),  # letters
        ("action.buy_licenses", "0"),
        ("action.remove_licenses", "96"),  # fewer than the 97 assigned
        ("action.remove_licenses", ""),
    ],
)
def test_total_licenses_refused(sim: Sim, pane: str, typed: str) -> None:
    open_details(sim, "powerbi-pro")
    sim.press(pane)
    field = sim.control("field.total_licenses")
    field.fill(typed)
    sim.press("action.save")
    alert = sim.alert_beside(field)
    expect(alert).to_have_text(refusal(sim, SetTotalLicenses("powerbi-pro", typed)))
    expect(sim.dialog).to_have_count(1)
    expect(field).to_have_value(typed)
    expect(field).to_be_focused()
    sim.press("action.cancel")
    expect(sim.dialog).to_have_count(0)
    expect(total_shown(sim)).to_have_text(sim.number(100))


def test_a_21st_person_is_refused(sim: Sim) -> None:
    automate = sim.portal.subscription("power-automate")
    sim.go("nav.licenses")
    sim.choose(automate.product)
    sim.press("action.assign_licenses")
    pane = sim.control("pane.assign_licenses_to_users")
    box = sim.control("field.find_user")
    candidates = [p for p in sim.portal.members if p.id not in automate.assigned][:21]
    for person in candidates:
        box.fill(person.name)
        sim.settle()
        sim.choose(person.name, role="option", within=pane)
    chosen = pane.get_by_role("list").get_by_role("listitem")
    expect(chosen).to_have_count(20)
    with pytest.raises(Rejected) as refused:
        check_group_size(21)
    expect(sim.alert_beside(box)).to_have_text(refused.value.text(sim.lang))
    expect(chosen.filter(has_text=candidates[-1].name)).to_have_count(0)
    sim.press("action.cancel")
    expect(sim.dialog).to_have_count(0)
    for person in candidates:
        expect(sim.row(person.name)).to_have_count(0)
    assigned = sim.tr("%(assigned)s of %(total)s assigned") % {
        "assigned": sim.number(len(automate.assigned)),
        "total": sim.number(automate.total_licenses),
    }
    expect(sim.root).to_contain_text(assigned)


BAD_CARDS = {  # field -> what is typed there (the other fields are good)
    "field.card_number": "4111 1111 1111 1112",  # fails the Luhn check
    "field.expiration": "01/20",  # in the past
    "field.security_code": "12",
    "field.name_on_card": "",
    "field.address": "",
}


@pytest.mark.parametrize("bad", list(BAD_CARDS))
def test_invalid_card_is_refused(sim: Sim, bad: str) -> None:
    sim.go("nav.bills_payments")
    sim.press("tab.payment_methods")
    rows = sim.root.get_by_role("row")
    before = rows.count()
    sim.press("action.add_payment_method")
    pane = sim.dialog
    card = {**CARD, bad: BAD_CARDS[bad]}
    fill_card(sim, card, pane)
    sim.press("action.add", within=pane)
    field = sim.control(bad, within=pane)
    command = AddPaymentMethod(
        number=card["field.card_number"],
        name=card["field.name_on_card"],
        expiration=card["field.expiration"],
        security_code=card["field.security_code"],
        address=card["field.address"],
    )
    expect(sim.alert_beside(field)).to_have_text(refusal(sim, command))
    expect(field).to_be_focused()
    for key, value in card.items():  # nothing typed is lost
        expect(sim.control(key, within=pane)).to_have_value(value)
    sim.press("action.cancel", within=pane)
    expect(sim.dialog).to_have_count(0)
    expect(rows).to_have_count(before)


def test_invalid_edit_keeps_the_card(sim: Sim) -> None:
    card = sim.portal.card(sim.portal.billing_profiles[0].payment_method)
    section = profile_page(sim)
    sim.press("action.edit", within=section)
    sim.type("field.expiration", "13/30", within=sim.dialog)
    sim.type("field.security_code", "123", within=sim.dialog)
    sim.press("action.save", within=sim.dialog)
    sim.alert_beside(sim.control("field.expiration"))
    sim.press("action.cancel", within=sim.dialog)
    expect(section).to_contain_text(card.expiration)


def test_cancel_without_a_reason_is_refused(sim: Sim) -> None:
    visio = sim.portal.subscription("visio-plan-2")
    sim.go("nav.your_products")
    row = sim.row(visio.product)
    sim.press("action.more_actions", within=row)
    sim.press("action.cancel_subscription")
    sim.press("action.save")
    reasons = sim.control("field.cancel_reason")
    sim.alert_beside(reasons)
    sim.press("action.cancel")
    expect(row).not_to_contain_text(sim.tr("Cancelled"))


def test_unassign_with_nobody_selected_is_refused(sim: Sim) -> None:
    sim.go("nav.licenses")
    sim.choose(sim.portal.subscription("power-automate").product)
    rows = sim.root.get_by_role("row")
    before = rows.count()
    sim.press("action.unassign_licenses")
    expect(sim.dialog).to_have_count(0)
    expect(sim.root.get_by_role("alert")).to_be_visible()
    expect(rows).to_have_count(before)
