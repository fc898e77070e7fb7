"""Bad input, tried in Chromium as a new user would: refused beside the field, nothing lost.

For each refusal the page shows the localized message as an alert tied to the field
(``aria-describedby``, ``aria-invalid``), keeps what was typed, and - checked on screen
after the pane is cancelled - the portal's state is what it was. The expected message is
the model's own refusal in the page's language, so the test checks the right words too.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect
from portal import (
    CARD,
    LANGS,
    Setting,
    alert_beside,
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
    total_shown,
    tr,
    type_in,
)

from simulator import handlers
from simulator.app import NOBODY_MATCHES, ONLY_GUESTS_MATCH
from simulator.commands import AddPaymentMethod, CancelSubscription, Command, SetTotalLicenses
from simulator.errors import Rejected
from simulator.model import (
    CANCEL_REASONS,
    MAX_CARD_ADDRESS,
    MAX_CARD_NAME,
    MAX_FEEDBACK,
    check_group_size,
)
from walkthrough.checker.browser_driver import BrowserDriver

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module", params=[Setting(lang) for lang in LANGS], ids=str)
def setting(request: Any) -> Setting:
    param: Setting = request.param
    return param


def refusal(driver: BrowserDriver, command: Command) -> str:
    """What the model says, in the page's language, when it refuses ``command``."""
    with pytest.raises(Rejected) as refused:
        handlers.handle(driver.portal, command)
    return refused.value.text(driver.settings.lang)


@pytest.mark.parametrize(
    ("pane", "typed"),
    [
        ("action.buy_licenses", "abc"),  # letters
        ("action.buy_licenses", "0"),
        ("action.remove_licenses", "96"),  # fewer than the 97 assigned
        ("action.remove_licenses", ""),
    ],
)
def test_total_licenses_refused(driver: BrowserDriver, pane: str, typed: str) -> None:
    open_details(driver, "powerbi-pro")
    press(driver, pane)
    field = control(driver, "field.total_licenses")
    type_in(driver, "field.total_licenses", typed)
    press(driver, "action.save", refused=True)
    alert = alert_beside(driver, field)
    expect(alert).to_have_text(refusal(driver, SetTotalLicenses("powerbi-pro", typed)))
    expect(dialog(driver)).to_have_count(1)
    expect(field).to_have_value(typed)
    expect(field).to_be_focused()
    press(driver, "action.cancel")
    expect(dialog(driver)).to_have_count(0)
    expect(total_shown(driver)).to_have_text(number(driver, 100))


def test_a_21st_person_is_refused(driver: BrowserDriver) -> None:
    automate = driver.portal.subscription("power-automate")
    go(driver, "nav.licenses")
    choose(driver, automate.product)
    press(driver, "action.assign_licenses")
    pane = control(driver, "pane.assign_licenses_to_users")
    box = control(driver, "field.find_user")
    candidates = [p for p in driver.portal.members if p.id not in automate.assigned][:21]
    for person in candidates:
        type_in(driver, "field.find_user", person.name)
        last = person == candidates[-1]
        choose(driver, person.name, role="option", within=pane, refused=last)
    chosen = pane.get_by_role("list").get_by_role("listitem")
    expect(chosen).to_have_count(20)
    with pytest.raises(Rejected) as refused:
        check_group_size(21)
    expect(alert_beside(driver, box)).to_have_text(refused.value.text(driver.settings.lang))
    expect(chosen.filter(has_text=candidates[-1].name)).to_have_count(0)
    press(driver, "action.cancel")
    expect(dialog(driver)).to_have_count(0)
    for person in candidates:
        expect(row(driver, person.name)).to_have_count(0)
    assigned = tr(driver, "%(assigned)s of %(total)s assigned") % {
        "assigned": number(driver, len(automate.assigned)),
        "total": number(driver, automate.total_licenses),
    }
    expect(driver.root).to_contain_text(assigned)


WATCH = """note => {
  note.sspSeen = true;  // the same element must stay: morphing never replaces it
  window.sspNoteTexts = [];
  new MutationObserver(() => window.sspNoteTexts.push(note.textContent)).observe(note, {
    childList: true, characterData: true, subtree: true,
  });
}"""


def test_the_search_says_once_why_nobody_is_offered(driver: BrowserDriver) -> None:
    """The Assign search's live region: the reason when nobody is offered, said once."""
    go(driver, "nav.licenses")
    choose(driver, driver.portal.subscription("powerbi-pro").product)
    press(driver, "action.assign_licenses")
    pane = control(driver, "pane.assign_licenses_to_users")
    note = pane.locator("[id$='-find-note']")
    expect(note).to_have_attribute("role", "status")
    expect(note).to_have_attribute("aria-live", "polite")
    type_in(driver, "field.find_user", "zzqx")
    nobody = tr(driver, NOBODY_MATCHES) % {"text": "zzqx"}
    expect(note).to_have_text(nobody)
    note.evaluate(WATCH)
    type_in(driver, "field.find_user", "zzqx ")  # re-rendered, the same search
    type_in(driver, "field.find_user", " zzqx")
    expect(note).to_have_text(nobody)
    assert note.evaluate("() => window.sspNoteTexts") == []  # not announced again
    guest = driver.portal.guests[0]
    type_in(driver, "field.find_user", guest.name)
    guests = tr(driver, ONLY_GUESTS_MATCH) % {"text": guest.name}
    expect(note).to_have_text(guests)
    texts = note.evaluate("() => window.sspNoteTexts")
    assert [t for i, t in enumerate(texts) if i == 0 or t != texts[i - 1]] == [guests]
    assert note.evaluate("el => el.sspSeen === true")
    type_in(driver, "field.find_user", "jonas")
    expect(pane.get_by_role("option").first).to_be_visible()
    expect(note).to_have_text("")
    press(driver, "action.cancel")


BAD_CARDS = [  # (field, what is typed there); the other fields are good
    ("field.card_number", "4111 1111 1111 1112"),  # fails the Luhn check
    ("field.card_number", "0000 0000 0000 0000"),  # no brand the portal takes
    ("field.card_number", "5555 5555 5555 44"),  # too short for a Mastercard
    ("field.card_number", "4111 1111 1111 1111 1111 1111"),  # over maxlength
    ("field.expiration", "01/20"),  # in the past
    ("field.security_code", "12"),
    ("field.name_on_card", ""),
    ("field.name_on_card", "\u202e\u2066\x07"),  # nothing printable
    ("field.name_on_card", "N" * (MAX_CARD_NAME + 1)),  # over maxlength
    ("field.address", ""),
    ("field.address", "A" * (MAX_CARD_ADDRESS + 1)),  # over maxlength
]


@pytest.mark.parametrize(("bad", "typed"), BAD_CARDS)
def test_invalid_card_is_refused(driver: BrowserDriver, bad: str, typed: str) -> None:
    go(driver, "nav.bills_payments")
    press(driver, "tab.payment_methods")
    rows = driver.by_role("row")
    before = rows.count()
    press(driver, "action.add_payment_method")
    pane = dialog(driver)
    card = {**CARD, bad: typed}
    field = control(driver, bad, within=pane)
    limit = int(field.get_attribute("maxlength") or 0)
    if limit and len(typed) > limit:  # what a script or an old browser lets through
        field.evaluate("el => el.removeAttribute('maxlength')")
    fill_card(driver, card)
    press(driver, "action.add", within=pane, refused=True)
    command = AddPaymentMethod(
        number=card["field.card_number"],
        name=card["field.name_on_card"],
        expiration=card["field.expiration"],
        security_code=card["field.security_code"],
        address=card["field.address"],
    )
    expect(alert_beside(driver, field)).to_have_text(refusal(driver, command))
    expect(field).to_be_focused()
    for key, value in card.items():  # nothing typed is lost
        expect(control(driver, key, within=pane)).to_have_value(value)
    press(driver, "action.cancel", within=pane)
    expect(dialog(driver)).to_have_count(0)
    expect(rows).to_have_count(before)


def test_invalid_edit_keeps_the_card(driver: BrowserDriver) -> None:
    card = driver.portal.card(driver.portal.billing_profiles[0].payment_method)
    section = profile_page(driver)
    press(driver, "action.edit", within=section)
    type_in(driver, "field.expiration", "13/30")
    type_in(driver, "field.security_code", "123")
    press(driver, "action.save", within=dialog(driver), refused=True)
    alert_beside(driver, control(driver, "field.expiration"))
    press(driver, "action.cancel", within=dialog(driver))
    expect(section).to_contain_text(card.expiration)


def test_cancel_without_a_reason_is_refused(driver: BrowserDriver) -> None:
    visio = driver.portal.subscription("visio-plan-2")
    go(driver, "nav.your_products")
    visio_row = row(driver, visio.product)
    press(driver, "action.more_actions", within=visio_row)
    press(driver, "action.cancel_subscription")
    press(driver, "action.save", refused=True)
    reasons = control(driver, "field.cancel_reason")
    alert_beside(driver, reasons)
    press(driver, "action.cancel")
    expect(visio_row).not_to_contain_text(tr(driver, "Cancelled"))


@pytest.mark.parametrize(
    ("reason", "feedback"),
    [
        ("", "We use it less than we hoped."),  # no reason chosen
        ("not-used", "x" * (MAX_FEEDBACK + 1)),  # feedback too long
    ],
    ids=["no-reason", "long-feedback"],
)
def test_refused_cancel_keeps_what_was_typed(
    driver: BrowserDriver, reason: str, feedback: str
) -> None:
    visio = driver.portal.subscription("visio-plan-2")
    go(driver, "nav.your_products")
    press(driver, "action.more_actions", within=row(driver, visio.product))
    press(driver, "action.cancel_subscription")
    if reason:
        done(driver.choose(tr(driver, CANCEL_REASONS[reason])))
    type_in(driver, "field.feedback", feedback)
    press(driver, "action.save", refused=True)
    wrong = "field.feedback" if reason else "field.cancel_reason"
    expected = refusal(driver, CancelSubscription(visio.id, reason, feedback))
    expect(alert_beside(driver, control(driver, wrong))).to_have_text(expected)
    expect(control(driver, "field.feedback")).to_have_value(feedback)
    pane = dialog(driver)
    for code, msgid in CANCEL_REASONS.items():
        radio = named(driver, "radio", tr(driver, msgid), within=pane)
        if code == reason:
            expect(radio).to_be_checked()
        else:
            expect(radio).not_to_be_checked()
    press(driver, "action.cancel")


def test_unassign_with_nobody_selected_is_refused(driver: BrowserDriver) -> None:
    go(driver, "nav.licenses")
    choose(driver, driver.portal.subscription("power-automate").product)
    rows = driver.by_role("row")
    before = rows.count()
    press(driver, "action.unassign_licenses", refused=True)
    expect(dialog(driver)).to_have_count(0)
    expect(driver.by_role("alert")).to_be_visible()
    expect(rows).to_have_count(before)
