"""The portal's screens driven in-process, as the page's script would drive them.

Each test builds an :class:`App`, renders it, finds controls by role and accessible name
(the names of ``simulator.controls``, in the page's language), dispatches the
:class:`Event` a click or keystroke on that control sends, and checks the HTML and the
portal's state.
"""

from __future__ import annotations

import re

import pytest

from simulator.app import App
from simulator.controls import CONTROLS
from simulator.markets import Cloud
from simulator.model import Status
from simulator.protocol import Event, EventError, FieldValue
from simulator.ui import Settings
from walkthrough.checker.a11y import Node, Tree
from walkthrough.checker.dom import Live, click_event, fields_of, input_event


class _Typed(Live):
    """What a test typed and ticked, by field name (and value), kept across redraws."""

    def __init__(self, typed: dict[str, FieldValue], checked: set[str]) -> None:
        super().__init__()
        self.typed = typed
        self.ticked = checked

    def value(self, node: Node) -> str:
        name = node.attrs.get("data-field", "")
        return str(self.typed[name]) if name in self.typed else super().value(node)

    def is_checked(self, node: Node) -> bool:
        if node.attrs.get("type") == "radio":
            return self.typed.get(node.attrs.get("data-field", "")) == node.attrs.get("value")
        return node.attrs.get("value", "on") in self.ticked


def label(key: str, lang: str) -> str:
    return CONTROLS[key].label(lang)


class Driver:
    """Clicks and types as the page's script does: events with data-* and fields."""

    def __init__(self, lang: str = "en", cloud: Cloud = Cloud.WORLDWIDE, **kw: str) -> None:
        self.lang = lang
        self.app = App(Settings(lang=lang, cloud=cloud, **kw))
        self.typed: dict[str, FieldValue] = {}
        self.checked: set[str] = set()

    @property
    def tree(self) -> Tree:
        return Tree(self.app.render())

    def one(self, key: str, within: Node | None = None, tree: Tree | None = None) -> Node:
        tree = tree or self.tree
        control = CONTROLS[key]
        found = tree.find(control.role, control.label(self.lang), within)
        assert len(found) == 1, (
            f"{key}: {len(found)} {control.role} named {control.label(self.lang)!r}"
        )
        return found[0]

    def fields(self) -> dict[str, FieldValue]:
        return fields_of(self.tree, _Typed(self.typed, self.checked))

    def click(self, node: Node) -> None:
        event = click_event(self.tree, _Typed(self.typed, self.checked), node)
        assert event is not None, f"{node!r} has no data-action"
        self.app.handle(event)

    def press(self, key: str, within: Node | None = None) -> None:
        self.click(self.one(key, within))

    def type(self, key: str, text: str) -> None:
        tree = self.tree
        node = self.one(key, tree=tree)
        self.typed[node.attrs["data-field"]] = text
        event = input_event(tree, _Typed(self.typed, self.checked), node)
        if event is not None:
            self.app.handle(event)

    def go(self, screen: str) -> None:
        self.press(
            {"products": "nav.your_products", "licenses": "nav.licenses"}.get(
                screen, "nav.bills_payments"
            )
        )


def by_text(tree: Tree, role: str, text: str) -> Node:
    found = [
        n for n in tree.nodes if n.role == role and not n.hidden and tree.name(n).startswith(text)
    ]
    assert found, f"no {role} starting {text!r}"
    return found[0]


def alerts(tree: Tree) -> list[str]:
    return [n.text() for n in tree.nodes if n.role == "alert" and not n.hidden]


def statuses(tree: Tree) -> list[str]:
    return [n.text() for n in tree.nodes if n.role == "status" and not n.hidden]


LANGS = ["en", "da"]


@pytest.mark.parametrize("lang", LANGS)
def test_nav_has_billing_button_and_links(lang: str) -> None:
    d = Driver(lang)
    billing = d.one("nav.billing")
    assert billing.attrs["aria-expanded"] == "true"
    for key in ("nav.your_products", "nav.licenses", "nav.bills_payments"):
        d.one(key)
    d.press("nav.licenses")
    assert d.app.ui.screen == "licenses"


@pytest.mark.parametrize("lang", LANGS)
def test_filter_self_service(lang: str) -> None:
    d = Driver(lang, scenario="admin-view")
    d.one("tab.products")
    assert "Microsoft 365 Business Standard" in d.app.render()
    d.press("control.filter")
    item = d.one("filter.self_service")
    assert item.attrs["aria-checked"] == "false" and "autofocus" in item.attrs
    d.press("filter.self_service")
    assert "Microsoft 365 Business Standard" not in d.app.render()
    d.press("control.filter")
    assert d.one("filter.self_service").attrs["aria-checked"] == "true"


def open_pane(d: Driver, key: str, product: str = "Power BI Pro") -> None:
    d.click(by_text(d.tree, "button", product))
    d.press(key)


@pytest.mark.parametrize("lang", LANGS)
def test_buy_licenses_105(lang: str) -> None:
    d = Driver(lang)
    open_pane(d, "action.buy_licenses")
    tree = d.tree
    dialog = tree.find("dialog", label("action.buy_licenses", lang))
    assert len(dialog) == 1
    assert tree.find("main", "") == [] and 'main class="ssp-main" inert' in d.app.render()
    spin = d.one("field.total_licenses", tree=tree)
    assert "autofocus" in spin.attrs and spin.attrs["value"] == "100"
    d.type("field.total_licenses", "105")
    d.press("action.save")
    assert d.app.portal.subscription("powerbi-pro").total_licenses == 105
    assert d.app.ui.pane == ""
    tree = d.tree
    assert any("105" in s for s in statuses(tree))
    assert "autofocus" in d.one("action.buy_licenses", tree=tree).attrs


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("value", ["abc", "0", "96", ""])
def test_rejected_totals_change_nothing(lang: str, value: str) -> None:
    d = Driver(lang)
    before = d.app.portal
    open_pane(d, "action.remove_licenses")
    d.type("field.total_licenses", value)
    d.press("action.save")
    assert d.app.portal == before
    tree = d.tree
    spin = d.one("field.total_licenses", tree=tree)
    assert spin.attrs["value"] == value and spin.attrs["aria-invalid"] == "true"
    error = tree.ids[spin.attrs["aria-describedby"]]
    assert error.attrs["role"] == "alert" and error.text() == alerts(tree)[0]
    if lang == "da":
        assert "Licenser i alt" in error.text() or "licenser" in error.text()
    d.press("action.cancel")
    assert d.app.ui.pane == "" and d.app.portal == before


@pytest.mark.parametrize("lang", LANGS)
def test_cancel_subscription(lang: str) -> None:
    d = Driver(lang)
    tree = d.tree
    row = [
        n
        for n in tree.nodes
        if n.tag == "tr" and n.attrs.get("data-subscription") == "visio-plan-2"
    ]
    assert len(row) == 1
    d.click(d.one("action.more_actions", within=row[0], tree=tree))
    d.press("action.cancel_subscription")
    tree = d.tree
    assert len(tree.find("dialog", label("action.cancel_subscription", lang))) == 1
    d.one("field.cancel_reason", tree=tree)
    d.one("field.feedback", tree=tree)
    d.type("field.feedback", "Too dear")
    d.press("action.save")  # no reason yet
    assert d.app.portal.subscription("visio-plan-2").status is Status.ACTIVE
    tree = d.tree
    assert alerts(tree) and "Too dear" in d.app.render()
    d.typed["reason"] = "too-expensive"
    d.press("action.save")
    sub = d.app.portal.subscription("visio-plan-2")
    assert sub.status is Status.CANCELLED and sub.cancellation is not None
    assert sub.cancellation.feedback == "Too dear"
    assert statuses(d.tree)


@pytest.mark.parametrize("lang", LANGS)
def test_assign_licenses(lang: str) -> None:
    d = Driver(lang)
    d.go("licenses")
    d.click(by_text(d.tree, "button", "Power BI Pro"))
    d.press("action.assign_licenses")
    tree = d.tree
    assert len(tree.find("dialog", label("pane.assign_licenses_to_users", lang))) == 1
    assert "autofocus" in d.one("field.find_user", tree=tree).attrs
    free = d.app.portal.subscription("powerbi-pro").free_licenses
    d.type("field.find_user", "jonas")
    options = [n for n in d.tree.nodes if n.role == "option"]
    tree = d.tree
    assert options and all(tree.name(n).startswith("Jonas ") for n in options)
    assert all("@" not in tree.name(n) for n in options)
    d.click(options[0])
    person = options[0].attrs["data-person"]
    assert d.app.ui.chosen == (person,)
    d.press("action.assign")
    assert person in d.app.portal.subscription("powerbi-pro").assigned
    assert d.app.portal.subscription("powerbi-pro").free_licenses == free - 1
    d.press("action.close")
    assert d.app.ui.pane == ""


def test_assign_nobody_is_refused() -> None:
    d = Driver()
    d.go("licenses")
    d.click(by_text(d.tree, "button", "Power BI Pro"))
    d.press("action.assign_licenses")
    before = d.app.portal
    d.press("action.assign")
    assert d.app.portal == before and alerts(d.tree)


@pytest.mark.parametrize("lang", LANGS)
def test_unassign_licenses(lang: str) -> None:
    d = Driver(lang)
    d.go("licenses")
    d.click(by_text(d.tree, "button", "Power BI Pro"))
    d.press("action.unassign_licenses")  # nobody selected
    assert alerts(d.tree) and d.app.ui.pane == ""
    d.checked = {"ali-yilmaz", "wei-lund"}
    d.press("action.unassign_licenses")
    tree = d.tree
    assert len(tree.find("dialog", label("action.unassign_licenses", lang))) == 1
    d.press("action.unassign")
    assigned = d.app.portal.subscription("powerbi-pro").assigned
    assert "ali-yilmaz" not in assigned and "wei-lund" not in assigned
    assert any(" 2 " in s and ("people" in s or "personer" in s) for s in statuses(d.tree))


@pytest.mark.parametrize("lang", LANGS)
def test_bills_tabs(lang: str) -> None:
    d = Driver(lang)
    d.go("bills")
    for key in ("tab.invoices", "tab.payment_methods", "tab.billing_profiles"):
        d.press(key)
        assert d.one(key).attrs["aria-selected"] == "true"


CHANGING = {"open-pane", "open-assign", "open-unassign", "edit-card", "replace-card", "add-card"}


@pytest.mark.parametrize("lang", LANGS)
def test_admin_view_is_read_only(lang: str) -> None:
    d = Driver(lang, scenario="admin-view")
    tree = d.tree
    head = [n.text() for n in tree.nodes if n.tag == "th" and n.attrs.get("scope") == "col"]
    assert len(head) == 6
    assert {
        r.attrs["data-subscription"]
        for r in tree.nodes
        if r.tag == "tr" and r.attrs.get("data-subscription")
    } == {s.id for s in d.app.portal.subscriptions}
    d.press("control.filter")
    d.click(next(n for n in d.tree.nodes if n.attrs.get("data-action") == "filter-central"))
    shown = {s.id for s in d.app.portal.subscriptions if not s.self_service}
    rows = {
        n.attrs["data-subscription"]
        for n in d.tree.nodes
        if n.tag == "tr" and n.attrs.get("data-subscription")
    }
    assert rows == shown
    screens: list[str] = []
    for screen in ("products", "licenses", "bills"):
        d.go(screen)
        screens.append(d.app.render())
    d.press("nav.licenses")
    d.click(
        next(n for n in d.tree.nodes if n.attrs.get("data-action") == "open-license-subscription")
    )
    screens.append(d.app.render())
    for html in screens:
        actions = set(re.findall(r'data-action="([^"]+)"', html))
        assert not actions & CHANGING, actions & CHANGING


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("cloud", list(Cloud))
@pytest.mark.parametrize("screen", ["products", "licenses", "bills"])
def test_every_screen_renders(lang: str, cloud: Cloud, screen: str) -> None:
    d = Driver(lang, cloud, screen=screen)
    tree = d.tree
    for key in ("nav.billing", "nav.your_products", "nav.licenses", "nav.bills_payments"):
        d.one(key, tree=tree)


def options(tree: Tree, select: Node) -> list[str]:
    return [n.text() for n in select.walk() if n.tag == "option"]


@pytest.mark.parametrize("lang", LANGS)
def test_invoice_period(lang: str) -> None:
    d = Driver(lang)
    d.go("bills")
    tree = d.tree
    period = d.one("control.period", tree=tree)
    labels = [label(k, lang) for k in ("period.past_3_months", "period.past_6_months")]
    assert options(tree, period)[:2] == labels
    rows3 = d.app.render().count('<tr><th scope="row">')
    d.typed["period"] = "past_6_months"
    d.app.handle(Event("change", "invoice-period", {"which": "period"}, d.fields()))
    assert d.app.ui.period == "past_6_months"
    assert d.app.render().count('<tr><th scope="row">') >= rows3
    d.typed["period"] = "date_range"
    d.app.handle(Event("change", "invoice-period", {"which": "period"}, d.fields()))
    assert not alerts(d.tree)
    d.typed.update(start="2026-10-01", end="2026-01-01")
    d.app.handle(Event("change", "invoice-period", {"which": "end"}, d.fields()))
    assert alerts(d.tree)


CARD = {
    "number": "5555 5555 5555 4444",
    "name": "Mette Larsen",
    "expiration": "09/30",
    "security_code": "123",
    "address": "Strandvejen 12, 2900 Hellerup",
}


def fill_card(d: Driver, skip: tuple[str, ...] = ()) -> None:
    keys = {
        "number": "field.card_number",
        "name": "field.name_on_card",
        "expiration": "field.expiration",
        "security_code": "field.security_code",
        "address": "field.address",
    }
    tree = d.tree
    for name, key in keys.items():
        if name in skip:
            continue
        if tree.find("textbox", label(key, d.lang)):
            d.type(key, CARD[name])


@pytest.mark.parametrize("lang", LANGS)
def test_manage_payment_details_replace(lang: str) -> None:
    d = Driver(lang)
    d.go("bills")
    d.press("tab.billing_profiles")
    d.click(by_text(d.tree, "button", "Mette Larsen"))
    d.one("section.payment_method")
    d.press("action.replace")
    fill_card(d)
    d.typed["number"] = "1234"
    before = d.app.portal
    d.press("action.save")
    assert d.app.portal == before
    number = d.one("field.card_number")
    assert number.attrs["aria-invalid"] == "true" and number.attrs["value"] == "1234"
    d.typed["number"] = CARD["number"]
    d.press("action.save")
    profile = d.app.portal.billing_profile("profile-1")
    assert d.app.portal.card(profile.payment_method).last4 == "4444"
    assert profile.payment_method not in {c.id for c in before.cards}
    assert statuses(d.tree)


@pytest.mark.parametrize("lang", LANGS)
def test_manage_payment_details_edit(lang: str) -> None:
    d = Driver(lang)
    d.go("bills")
    d.press("tab.billing_profiles")
    d.click(by_text(d.tree, "button", "Mette Larsen"))
    d.press("action.edit")
    assert d.one("field.name_on_card").attrs["value"] == "Mette Larsen"
    assert not d.tree.find("textbox", label("field.card_number", lang))
    d.type("field.expiration", "13/30")
    d.type("field.security_code", "123")
    before = d.app.portal
    d.press("action.save")
    assert d.app.portal == before and alerts(d.tree)
    d.type("field.expiration", "10/31")
    d.press("action.save")
    assert d.app.portal.card("card-1").expiration == "10/31"


@pytest.mark.parametrize("lang", LANGS)
def test_update_payment_method(lang: str) -> None:
    d = Driver(lang)
    d.go("bills")
    d.press("tab.payment_methods")
    d.click(by_text(d.tree, "button", "Mastercard"))
    d.press("action.edit")
    d.type("field.name_on_card", "M. Larsen")
    d.type("field.security_code", "321")
    d.press("action.save")
    assert d.app.portal.card("card-2").holder == "M. Larsen"


@pytest.mark.parametrize("lang", LANGS)
def test_add_payment_method(lang: str) -> None:
    d = Driver(lang)
    d.go("bills")
    d.press("tab.payment_methods")
    d.press("action.add_payment_method")
    assert len(d.tree.find("dialog", label("action.add_payment_method", lang))) == 1
    fill_card(d, skip=("security_code",))
    count = len(d.app.portal.cards)
    d.press("action.add")
    assert len(d.app.portal.cards) == count
    assert d.one("field.address").attrs["value"] == CARD["address"]
    d.type("field.security_code", "123")
    d.press("action.add")
    assert len(d.app.portal.cards) == count + 1 and d.app.ui.pane == ""


@pytest.mark.parametrize("lang", LANGS)
def test_a_21st_person_is_refused(lang: str) -> None:
    d = Driver(lang)
    d.go("licenses")
    d.click(by_text(d.tree, "button", "Power Automate"))
    d.press("action.assign_licenses")
    before = d.app.portal
    picked = 0
    for letter in "abcdefghijklmnoprstuvwy":
        d.type("field.find_user", letter)
        for option in [n for n in d.tree.nodes if n.role == "option"]:
            if picked == 21:
                break
            d.click(option)
            picked += 1
    assert picked == 21
    assert len(d.app.ui.chosen) == 20
    tree = d.tree
    combo = d.one("field.find_user", tree=tree)
    assert combo.attrs["aria-invalid"] == "true"
    assert tree.ids[combo.attrs["aria-describedby"]].text() == alerts(tree)[0]
    assert "20" in alerts(tree)[0]
    assert d.app.portal == before


def test_a_double_click_on_save_is_harmless() -> None:
    d = Driver()
    open_pane(d, "action.buy_licenses")
    d.type("field.total_licenses", "105")
    save = d.one("action.save")
    d.click(save)
    d.click(save)  # the second click of a double click arrives after the pane closed
    assert d.app.portal.subscription("powerbi-pro").total_licenses == 105
    for action in ("save-total", "save-cancel", "assign", "unassign", "save-card"):
        d.app.handle(Event("click", action))
    assert d.app.portal.subscription("powerbi-pro").total_licenses == 105


def test_focus_goes_to_the_field_in_error() -> None:
    d = Driver()
    d.go("bills")
    d.press("tab.payment_methods")
    d.press("action.add_payment_method")
    fill_card(d, skip=("security_code",))
    d.press("action.add")
    tree = d.tree
    focused = [n for n in tree.nodes if "autofocus" in n.attrs]
    assert focused == [d.one("field.security_code", tree=tree)]


def test_another_click_closes_an_open_menu() -> None:
    d = Driver()
    d.press("control.filter")
    d.click(by_text(d.tree, "button", "Power BI Pro"))
    assert not d.app.ui.filter_open
    d.press("nav.your_products")
    row = next(n for n in d.tree.nodes if n.tag == "tr" and n.attrs.get("data-subscription"))
    d.click(d.one("action.more_actions", within=row))
    assert d.app.ui.menu_for
    d.press("control.filter")
    assert not d.app.ui.menu_for and d.app.ui.filter_open


def test_role_setting_overrides_the_scenario() -> None:
    settings = Settings.from_dict({"lang": "da", "scenario": "default", "role": "admin"})
    app = App(settings)
    assert app.portal.is_admin
    assert 'data-action="open-pane"' not in app.render()
    assert not App(Settings.from_dict({"role": ""})).portal.is_admin
    with pytest.raises(EventError):
        Settings.from_dict({"role": "owner"})
