"""The portal's screens driven in-process, as the page's script would drive them.

Each test drives the app through the step checker's ``InProcessDriver`` (``screens``):
controls found by role and accessible name (the names of ``simulator.controls``, in the
page's language), the event a click or keystroke on that control sends dispatched, and the
rendered screen and the portal's state checked.
"""

from __future__ import annotations

import re

import pytest
from screens import (
    LANGS,
    alerts,
    choose,
    done,
    go,
    one,
    press,
    start,
    statuses,
    tr,
    type_in,
)

from simulator import app, errors, handlers
from simulator.actions import CARD_FIELDS
from simulator.app import App
from simulator.commands import AddPaymentMethod, SetTotalLicenses
from simulator.errors import Rejected
from simulator.i18n import Formats, translations
from simulator.markets import Cloud
from simulator.model import MAX_LICENSES, Status, TotalChange, card_name
from simulator.protocol import Event, EventError
from simulator.ui import Settings
from walkthrough.checker.inprocess_driver import InProcessDriver


@pytest.mark.parametrize("lang", LANGS)
def test_nav_has_billing_button_and_links(lang: str) -> None:
    d = start(lang)
    billing = one(d, "nav.billing")
    assert d.attr(billing, "aria-expanded") == "true"
    for key in ("nav.your_products", "nav.licenses", "nav.bills_payments"):
        one(d, key)
    press(d, "nav.licenses")
    assert d.app.ui.screen == "licenses"


@pytest.mark.parametrize("lang", LANGS)
def test_filter_self_service(lang: str) -> None:
    d = start(lang, scenario="admin-view")
    one(d, "tab.products")
    assert "Microsoft 365 Business Standard" in d.html
    press(d, "control.filter")
    item = one(d, "filter.self_service")
    assert d.attr(item, "aria-checked") == "false" and d.attr(item, "autofocus") is not None
    press(d, "filter.self_service")
    assert "Microsoft 365 Business Standard" not in d.html
    press(d, "control.filter")
    assert d.attr(one(d, "filter.self_service"), "aria-checked") == "true"


def open_pane(d: InProcessDriver, key: str, subscription: str = "powerbi-pro") -> None:
    choose(d, d.portal.subscription(subscription).product)
    press(d, key)


@pytest.mark.parametrize("lang", LANGS)
def test_buy_licenses_105(lang: str) -> None:
    d = start(lang)
    open_pane(d, "action.buy_licenses")
    dialog = d.find("dialog", d.label("action.buy_licenses"))
    assert len(dialog) == 1
    assert '<div class="ssp-main" inert' in d.html  # the screen behind the pane
    spin = one(d, "field.total_licenses")
    assert d.attr(spin, "autofocus") is not None and d.attr(spin, "value") == "100"
    type_in(d, "field.total_licenses", "105")
    press(d, "action.save")
    assert d.app.portal.subscription("powerbi-pro").total_licenses == 105
    assert d.app.ui.pane == ""
    assert any("105" in s for s in statuses(d))
    assert d.attr(one(d, "action.buy_licenses"), "autofocus") is not None


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("value", ["abc", "0", "96", ""])
def test_rejected_totals_change_nothing(lang: str, value: str) -> None:
    d = start(lang)
    before = d.app.portal
    open_pane(d, "action.remove_licenses")
    type_in(d, "field.total_licenses", value)
    press(d, "action.save", refused=True)
    assert d.app.portal == before
    spin = one(d, "field.total_licenses")
    assert d.attr(spin, "value") == value and d.attr(spin, "aria-invalid") == "true"
    error = d.tree.ids[d.attr(spin, "aria-describedby") or ""]
    assert d.attr(error, "role") == "alert" and error.text() == alerts(d)[0]
    if lang == "da":
        total = d.label("field.total_licenses")
        assert total in error.text() or total.split()[0].lower() in error.text()
    press(d, "action.cancel")
    assert d.app.ui.pane == "" and d.app.portal == before


@pytest.mark.parametrize(
    ("lang", "typed", "saved"),
    [("en", "1 05", 105), ("en", "1,050", 1050), ("da", "1 05", 105), ("da", "1.050", 1050)],
)
def test_the_saved_total_is_announced_as_the_page_writes_numbers(
    lang: str, typed: str, saved: int
) -> None:
    d = start(lang)
    open_pane(d, "action.buy_licenses")
    type_in(d, "field.total_licenses", typed)
    press(d, "action.save")
    assert d.app.portal.subscription("powerbi-pro").total_licenses == saved
    shown = tr(d, "%(product)s now has %(total)s licenses.") % {
        "product": "Power BI Pro",
        "total": Formats(lang).integer(saved),
    }
    assert statuses(d) == [shown]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("pane", "typed", "message"),
    [
        ("action.buy_licenses", "99", errors.BUY_LOWERS),
        ("action.buy_licenses", "100", errors.TOTAL_UNCHANGED),
        ("action.buy_licenses", "1,05", errors.TOTAL_NOT_A_NUMBER),
        ("action.buy_licenses", "9" * 20, errors.TOTAL_ABOVE_MAX),
        ("action.buy_licenses", "9" * 100, errors.TOTAL_ABOVE_MAX),
        ("action.buy_licenses", "-1", errors.TOTAL_BELOW_ONE),
        ("action.remove_licenses", "101", errors.REMOVE_RAISES),
        ("action.remove_licenses", "10001", errors.TOTAL_ABOVE_MAX),
    ],
)
def test_each_pane_does_what_it_says_or_says_why_not(
    lang: str, pane: str, typed: str, message: str
) -> None:
    d = start(lang)
    before = d.app.portal
    open_pane(d, pane)
    spin = one(d, "field.total_licenses")
    assert d.attr(spin, "aria-valuemax") == str(MAX_LICENSES)
    type_in(d, "field.total_licenses", typed)
    press(d, "action.save", refused=True)
    assert d.app.portal == before
    change = TotalChange.BUY if pane == "action.buy_licenses" else TotalChange.REMOVE
    command = SetTotalLicenses("powerbi-pro", typed, change)
    with pytest.raises(Rejected) as refused:
        handlers.handle(before, command)
    assert refused.value.message == message
    spin = one(d, "field.total_licenses")
    error = d.tree.ids[d.attr(spin, "aria-describedby") or ""]
    assert error.text() == refused.value.text(lang)
    assert d.attr(spin, "value") == typed
    number = Formats(lang).read_integer(typed)  # the value as the page reads it, or none
    assert d.attr(spin, "aria-valuenow") == (None if number is None else str(number))


@pytest.mark.parametrize("lang", LANGS)
def test_cancel_subscription(lang: str) -> None:
    d = start(lang)
    more = d.click("button", d.label("action.more_actions"), target="visio-plan-2")
    assert done(more).used_target  # the row of visio-plan-2, one of several
    press(d, "action.cancel_subscription")
    assert len(d.find("dialog", d.label("action.cancel_subscription"))) == 1
    one(d, "field.cancel_reason")
    one(d, "field.feedback")
    type_in(d, "field.feedback", "Too dear")
    press(d, "action.save", refused=True)  # no reason yet
    assert d.app.portal.subscription("visio-plan-2").status is Status.ACTIVE
    assert alerts(d) and "Too dear" in d.html
    done(d.select("radiogroup", d.label("field.cancel_reason"), "too-expensive"))
    press(d, "action.save")
    sub = d.app.portal.subscription("visio-plan-2")
    assert sub.status is Status.CANCELLED and sub.cancellation is not None
    assert sub.cancellation.feedback == "Too dear"
    assert statuses(d)


def license_details(d: InProcessDriver, subscription: str = "powerbi-pro") -> None:
    go(d, "nav.licenses")
    choose(d, d.portal.subscription(subscription).product)


@pytest.mark.parametrize("lang", LANGS)
def test_assign_licenses(lang: str) -> None:
    d = start(lang)
    license_details(d)
    press(d, "action.assign_licenses")
    assert len(d.find("dialog", d.label("pane.assign_licenses_to_users"))) == 1
    assert d.attr(one(d, "field.find_user"), "autofocus") is not None
    free = d.app.portal.subscription("powerbi-pro").free_licenses
    type_in(d, "field.find_user", "jonas")
    options = d.find("option")
    tree = d.tree
    assert options and all(tree.name(n).startswith("Jonas ") for n in options)
    assert all("@" not in tree.name(n) for n in options)
    person = d.attr(options[0], "data-person")
    done(d.activate(options[0]))
    assert d.app.ui.chosen == (person,)
    press(d, "action.assign")
    assert person in d.app.portal.subscription("powerbi-pro").assigned
    assert d.app.portal.subscription("powerbi-pro").free_licenses == free - 1
    press(d, "action.close")
    assert d.app.ui.pane == ""


def find_note(d: InProcessDriver) -> str:
    """The Assign search's live region: its text, checked to be a polite status."""
    note = d.tree.ids[f"{d.app.uid}-find-note"]
    assert (d.attr(note, "role"), d.attr(note, "aria-live")) == ("status", "polite")
    return note.text()


@pytest.mark.parametrize("lang", LANGS)
def test_the_assign_search_says_why_nobody_is_offered(lang: str) -> None:
    d = start(lang)
    license_details(d)
    press(d, "action.assign_licenses")
    assert find_note(d) == ""  # nothing typed yet
    pbi = d.portal.subscription("powerbi-pro")
    ahmed = next(p for p in d.portal.members if p.name.startswith("Ahmed R"))
    guest = d.portal.guests[0]
    assert ahmed.id in pbi.assigned and d.portal.people_matching("Ahmed R") == (ahmed,)
    for typed, message in [
        ("zzqx", app.NOBODY_MATCHES),
        (guest.name, app.ONLY_GUESTS_MATCH),
        ("  Ahmed   R ", app.ALL_LICENSED),
    ]:
        type_in(d, "field.find_user", typed)
        assert d.find("option") == []
        assert find_note(d) == tr(d, message) % {"text": " ".join(typed.split())}
    type_in(d, "field.find_user", "jonas")
    assert d.find("option") and find_note(d) == ""


def test_the_assign_search_counts_the_chosen() -> None:
    d = start()
    license_details(d, "power-automate")
    press(d, "action.assign_licenses")
    jonas = d.portal.person("jonas-berg")
    type_in(d, "field.find_user", "Jonas B")
    choose(d, jonas.name, role="option")
    type_in(d, "field.find_user", "Jonas B")
    assert d.portal.people_matching("Jonas B") == (jonas,)
    assert find_note(d) == tr(d, app.ALL_CHOSEN_OR_LICENSED) % {"text": "Jonas B"}


def test_assign_nobody_is_refused() -> None:
    d = start()
    license_details(d)
    press(d, "action.assign_licenses")
    before = d.app.portal
    press(d, "action.assign", refused=True)
    assert d.app.portal == before and alerts(d)


@pytest.mark.parametrize("lang", LANGS)
def test_unassign_licenses(lang: str) -> None:
    d = start(lang)
    license_details(d)
    press(d, "action.unassign_licenses", refused=True)  # nobody selected
    assert alerts(d) and d.app.ui.pane == ""
    done(d.pick(None, ["ali-yilmaz", "wei-lund"]))  # ticked in the list of users
    press(d, "action.unassign_licenses")
    assert len(d.find("dialog", d.label("action.unassign_licenses"))) == 1
    press(d, "action.unassign")
    assigned = d.app.portal.subscription("powerbi-pro").assigned
    assert "ali-yilmaz" not in assigned and "wei-lund" not in assigned
    unassigned = translations(lang).ngettext(
        "The license of %(count)s person is unassigned.",
        "The licenses of %(count)s people are unassigned.",
        2,
    ) % {"count": Formats(lang).integer(2)}
    assert any(unassigned in s for s in statuses(d))


@pytest.mark.parametrize("lang", LANGS)
def test_bills_tabs(lang: str) -> None:
    d = start(lang)
    go(d, "nav.bills_payments")
    for key in ("tab.invoices", "tab.payment_methods", "tab.billing_profiles"):
        press(d, key)
        assert d.attr(one(d, key), "aria-selected") == "true"


CHANGING = {"open-pane", "open-assign", "open-unassign", "edit-card", "replace-card", "add-card"}


@pytest.mark.parametrize("lang", LANGS)
def test_admin_view_is_read_only(lang: str) -> None:
    d = start(lang, scenario="admin-view")
    tree = d.tree
    head = [n.text() for n in tree.nodes if n.tag == "th" and n.attrs.get("scope") == "col"]
    assert len(head) == 6
    assert {
        r.attrs["data-subscription"]
        for r in tree.nodes
        if r.tag == "tr" and r.attrs.get("data-subscription")
    } == {s.id for s in d.app.portal.subscriptions}
    press(d, "control.filter")
    choose(d, tr(d, "Bought centrally"), role="menuitemcheckbox")
    shown = {s.id for s in d.app.portal.subscriptions if not s.self_service}
    rows = {
        n.attrs["data-subscription"]
        for n in d.tree.nodes
        if n.tag == "tr" and n.attrs.get("data-subscription")
    }
    assert rows == shown
    screens: list[str] = []
    for key in ("nav.your_products", "nav.licenses", "nav.bills_payments"):
        go(d, key)
        screens.append(d.html)
    press(d, "nav.licenses")
    first = d.find("rowheader")[0]  # the first subscription's details
    done(d.activate(d.find("button", within=first)[0]))
    screens.append(d.html)
    for html in screens:
        actions = set(re.findall(r'data-action="([^"]+)"', html))
        assert not actions & CHANGING, actions & CHANGING


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("cloud", list(Cloud))
@pytest.mark.parametrize("screen", ["products", "licenses", "bills"])
def test_every_screen_renders(lang: str, cloud: Cloud, screen: str) -> None:
    d = start(lang, cloud, screen=screen)
    for key in ("nav.billing", "nav.your_products", "nav.licenses", "nav.bills_payments"):
        one(d, key)


@pytest.mark.parametrize("lang", LANGS)
def test_invoice_period(lang: str) -> None:
    d = start(lang)
    go(d, "nav.bills_payments")
    period = one(d, "control.period")
    labels = [d.label(k) for k in ("period.past_3_months", "period.past_6_months")]
    assert [o.text() for o in d.find("option", within=period)][:2] == labels
    rows3 = d.html.count('<tr><th scope="row">')
    done(d.select("combobox", d.label("control.period"), "past_6_months"))
    assert d.app.ui.period == "past_6_months"
    assert d.html.count('<tr><th scope="row">') >= rows3
    done(d.select("combobox", d.label("control.period"), "date_range"))
    assert not alerts(d)
    d.fill("textbox", tr(d, "Start date"), "2026-10-01")
    d.fill("textbox", tr(d, "End date"), "2026-01-01")
    assert alerts(d)


CARD = {
    "field.card_number": "5555 5555 5555 4444",
    "field.name_on_card": "Mette Larsen",
    "field.expiration": "09/30",
    "field.security_code": "123",
    "field.address": "Strandvejen 12, 2900 Hellerup",
}


def fill_card(d: InProcessDriver, skip: tuple[str, ...] = ()) -> None:
    for key, value in CARD.items():
        if key not in skip and d.control(key):
            type_in(d, key, value)


def profile_page(d: InProcessDriver) -> None:
    go(d, "nav.bills_payments")
    press(d, "tab.billing_profiles")
    choose(d, d.portal.billing_profile("profile-1").name)


@pytest.mark.parametrize("lang", LANGS)
def test_manage_payment_details_replace(lang: str) -> None:
    d = start(lang)
    profile_page(d)
    one(d, "section.payment_method")
    press(d, "action.replace")
    fill_card(d)
    type_in(d, "field.card_number", "1234")
    before = d.app.portal
    press(d, "action.save", refused=True)
    assert d.app.portal == before
    number = one(d, "field.card_number")
    assert d.attr(number, "aria-invalid") == "true" and d.attr(number, "value") == "1234"
    type_in(d, "field.card_number", CARD["field.card_number"])
    press(d, "action.save")
    profile = d.app.portal.billing_profile("profile-1")
    assert d.app.portal.card(profile.payment_method).last4 == "4444"
    assert profile.payment_method not in {c.id for c in before.cards}
    assert statuses(d)


@pytest.mark.parametrize("lang", LANGS)
def test_manage_payment_details_edit(lang: str) -> None:
    d = start(lang)
    profile_page(d)
    press(d, "action.edit")
    assert d.attr(one(d, "field.name_on_card"), "value") == "Mette Larsen"
    assert not d.control("field.card_number")
    type_in(d, "field.expiration", "13/30")
    type_in(d, "field.security_code", "123")
    before = d.app.portal
    press(d, "action.save", refused=True)
    assert d.app.portal == before and alerts(d)
    type_in(d, "field.expiration", "10/31")
    press(d, "action.save")
    assert d.app.portal.card("card-1").expiration == "10/31"


@pytest.mark.parametrize("lang", LANGS)
def test_update_payment_method(lang: str) -> None:
    d = start(lang)
    go(d, "nav.bills_payments")
    press(d, "tab.payment_methods")
    choose(d, card_name(d.portal.card("card-2")))
    press(d, "action.edit")
    type_in(d, "field.name_on_card", "M. Larsen")
    type_in(d, "field.security_code", "321")
    press(d, "action.save")
    assert d.app.portal.card("card-2").holder == "M. Larsen"


@pytest.mark.parametrize("lang", LANGS)
def test_add_payment_method(lang: str) -> None:
    d = start(lang)
    go(d, "nav.bills_payments")
    press(d, "tab.payment_methods")
    press(d, "action.add_payment_method")
    assert len(d.find("dialog", d.label("action.add_payment_method"))) == 1
    fill_card(d, skip=("field.security_code",))
    count = len(d.app.portal.cards)
    press(d, "action.add", refused=True)
    assert len(d.app.portal.cards) == count
    assert d.attr(one(d, "field.address"), "value") == CARD["field.address"]
    type_in(d, "field.security_code", "123")
    press(d, "action.add")
    assert len(d.app.portal.cards) == count + 1 and d.app.ui.pane == ""


CARD_LIMITS = {"field.card_number": 23, "field.name_on_card": 100, "field.address": 200}
BAD_CARD_FIELDS = [  # what is typed past maxlength (a script, a paste) is checked all the same
    ("field.card_number", "4111 1111 1111 1111 1111 1111", errors.CARD_NUMBER_TOO_LONG),
    ("field.card_number", "0000 0000 0000 0000", errors.CARD_BRAND_UNKNOWN),
    ("field.card_number", "5555 5555 5555 44", errors.CARD_LENGTH_WRONG),
    ("field.name_on_card", "N" * 101, errors.CARD_NAME_TOO_LONG),
    ("field.name_on_card", "\u202e\x00\u2066", errors.CARD_NAME_REQUIRED),
    ("field.address", "A" * 201, errors.CARD_ADDRESS_TOO_LONG),
    ("field.address", "\x00\x07\u200f", errors.CARD_ADDRESS_REQUIRED),
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("key", "typed", "message"), BAD_CARD_FIELDS)
def test_card_fields_are_checked_beside_the_field(
    lang: str, key: str, typed: str, message: str
) -> None:
    d = start(lang)
    go(d, "nav.bills_payments")
    press(d, "tab.payment_methods")
    press(d, "action.add_payment_method")
    for limited, most in CARD_LIMITS.items():
        assert d.attr(one(d, limited), "maxlength") == str(most)
    for unlimited in ("field.expiration", "field.security_code"):
        assert d.attr(one(d, unlimited), "maxlength") is None
    fill_card(d)
    type_in(d, key, typed)
    before = d.app.portal
    press(d, "action.add", refused=True)
    assert d.app.portal == before
    field = one(d, key)
    assert d.attr(field, "aria-invalid") == "true"
    error = d.tree.ids[d.attr(field, "aria-describedby") or ""]
    form = {name: CARD[k] for name, k in zip(CARD_FIELDS, CARD, strict=True)}
    form[CARD_FIELDS[list(CARD).index(key)]] = typed
    with pytest.raises(Rejected) as refused:
        handlers.handle(before, AddPaymentMethod(**form))
    assert refused.value.message == message
    assert error.text() == refused.value.text(lang)


@pytest.mark.parametrize("lang", LANGS)
def test_a_21st_person_is_refused(lang: str) -> None:
    d = start(lang)
    license_details(d, "power-automate")
    press(d, "action.assign_licenses")
    before = d.app.portal
    automate = d.portal.subscription("power-automate")
    candidates = [p for p in d.portal.members if p.id not in automate.assigned][:21]
    picked = [d.pick(None, [person.id]) for person in candidates]  # typed, then chosen
    assert len(picked) == 21
    assert [p.status for p in picked] == ["ok"] * 20 + ["failed"]
    assert len(d.app.ui.chosen) == 20
    combo = one(d, "field.find_user")
    assert d.attr(combo, "aria-invalid") == "true"
    assert d.tree.ids[d.attr(combo, "aria-describedby") or ""].text() == alerts(d)[0]
    assert "20" in alerts(d)[0]
    assert d.app.portal == before


def test_a_double_click_on_save_is_harmless() -> None:
    d = start()
    open_pane(d, "action.buy_licenses")
    type_in(d, "field.total_licenses", "105")
    save = one(d, "action.save")
    d.activate(save)
    d.activate(save)  # the second click of a double click arrives after the pane closed
    assert d.app.portal.subscription("powerbi-pro").total_licenses == 105
    app = d.app  # clicks on controls the screen no longer has: events no control sends
    for action in ("save-total", "save-cancel", "assign", "unassign", "save-card"):
        app.handle(Event("click", action))
    assert app.portal.subscription("powerbi-pro").total_licenses == 105


def test_focus_goes_to_the_field_in_error() -> None:
    d = start()
    go(d, "nav.bills_payments")
    press(d, "tab.payment_methods")
    press(d, "action.add_payment_method")
    fill_card(d, skip=("field.security_code",))
    press(d, "action.add", refused=True)
    focused = [n for n in d.tree.nodes if "autofocus" in n.attrs]
    assert focused == [one(d, "field.security_code")]


def test_another_click_closes_an_open_menu() -> None:
    d = start()
    press(d, "control.filter")
    choose(d, d.portal.subscription("powerbi-pro").product)
    assert not d.app.ui.filter_open
    press(d, "nav.your_products")
    row = next(r for r in d.find("row") if d.control("action.more_actions", within=r))
    press(d, "action.more_actions", within=row)
    assert d.app.ui.menu_for
    press(d, "control.filter")
    assert not d.app.ui.menu_for and d.app.ui.filter_open


def test_role_setting_overrides_the_scenario() -> None:
    settings = Settings.from_dict({"lang": "da", "scenario": "default", "role": "admin"})
    app = App(settings)
    assert app.portal.is_admin
    assert 'data-action="open-pane"' not in app.render()
    assert not App(Settings.from_dict({"role": ""})).portal.is_admin
    with pytest.raises(EventError):
        Settings.from_dict({"role": "owner"})


@pytest.mark.parametrize("lang", LANGS)
def test_expired_and_disabled_subscriptions_are_shown_and_kept(lang: str) -> None:
    """The lifecycle after expiry on screen: each status named beside its product, and
    (kit) buying more of an expired subscription refused with its reason, in the language."""
    d = start(lang, scenario="lapsed-subscriptions")
    assert tr(d, "Expired") in d.html and tr(d, "Disabled") in d.html
    before = d.app.portal
    choose(d, before.subscription("visio-plan-2").product)
    press(d, "action.buy_licenses")
    type_in(d, "field.total_licenses", "12")
    press(d, "action.save", refused=True)
    assert d.app.portal == before
    assert tr(d, errors.EXPIRED) % {"product": "Visio Plan 2"} in alerts(d)
