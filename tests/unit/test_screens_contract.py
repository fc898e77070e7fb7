"""The accessibility contract on every screen and pane, in both languages and clouds.

In each state a learner can reach, every control of ``simulator.controls`` that the
screen shows has the role of ui-labels.tsv and, as accessible name, exactly its label in
the page's language, and no two visible controls share a role and a name (More actions is
unique within its row). Controls behind an open pane are inert and do not count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
from screens import choose, done, go, one, press, start, type_in

from simulator.controls import CONTROLS
from simulator.markets import Cloud
from simulator.model import card_name
from walkthrough.checker.a11y import Node, Tree
from walkthrough.checker.inprocess_driver import InProcessDriver

Step = Callable[[InProcessDriver], object]


def products_row(d: InProcessDriver) -> Node:
    """The first row of a subscription (the first with a More actions button)."""
    return next(r for r in d.find("row") if d.control("action.more_actions", within=r))


def detail(d: InProcessDriver) -> None:
    choose(d, d.portal.subscription("powerbi-pro").product)


def licenses_detail(d: InProcessDriver) -> None:
    go(d, "nav.licenses")
    detail(d)


def profile(d: InProcessDriver) -> None:
    go(d, "nav.bills_payments")
    press(d, "tab.billing_profiles")
    choose(d, d.portal.billing_profile("profile-1").name)


STATES: dict[str, tuple[list[Step], list[str]]] = {
    "products": ([], ["tab.products", "control.filter"]),
    "filter": ([lambda d: press(d, "control.filter")], ["filter.self_service"]),
    "more": (
        [lambda d: press(d, "action.more_actions", within=products_row(d))],
        ["action.cancel_subscription"],
    ),
    "details": ([detail], ["action.buy_licenses", "action.remove_licenses"]),
    "buy": (
        [detail, lambda d: press(d, "action.buy_licenses")],
        ["field.total_licenses", "action.save", "action.cancel"],
    ),
    "cancel": (
        [
            lambda d: press(d, "action.more_actions", within=products_row(d)),
            lambda d: press(d, "action.cancel_subscription"),
        ],
        ["field.cancel_reason", "field.feedback", "action.save", "action.cancel"],
    ),
    "licenses": ([lambda d: go(d, "nav.licenses")], []),
    "license-detail": ([licenses_detail], ["action.assign_licenses", "action.unassign_licenses"]),
    "assign": (
        [
            licenses_detail,
            lambda d: press(d, "action.assign_licenses"),
            lambda d: type_in(d, "field.find_user", "a"),
        ],
        ["field.find_user", "action.assign", "action.cancel"],
    ),
    "unassign": (
        [
            licenses_detail,
            lambda d: done(d.pick(None, ["ali-yilmaz"])),
            lambda d: press(d, "action.unassign_licenses"),
        ],
        ["action.unassign", "action.cancel"],
    ),
    "bills": (
        [lambda d: go(d, "nav.bills_payments")],
        ["tab.invoices", "tab.payment_methods", "tab.billing_profiles", "control.period"],
    ),
    "profile": (
        [profile],
        ["section.payment_method", "action.edit", "action.replace"],
    ),
    "replace": (
        [profile, lambda d: press(d, "action.replace")],
        [
            "field.card_number",
            "field.name_on_card",
            "field.expiration",
            "field.security_code",
            "field.address",
            "action.save",
            "action.cancel",
        ],
    ),
    "edit": (
        [profile, lambda d: press(d, "action.edit")],
        ["field.name_on_card", "field.expiration", "field.security_code", "field.address"],
    ),
    "payment-methods": (
        [lambda d: go(d, "nav.bills_payments"), lambda d: press(d, "tab.payment_methods")],
        ["action.add_payment_method"],
    ),
    "card": (
        [
            lambda d: go(d, "nav.bills_payments"),
            lambda d: press(d, "tab.payment_methods"),
            lambda d: choose(d, card_name(d.portal.card("card-1"))),
        ],
        ["action.edit", "action.cancel"],
    ),
    "add": (
        [
            lambda d: go(d, "nav.bills_payments"),
            lambda d: press(d, "tab.payment_methods"),
            lambda d: press(d, "action.add_payment_method"),
        ],
        ["field.card_number", "field.security_code", "action.add", "action.cancel"],
    ),
}
NAV = ["nav.billing", "nav.your_products", "nav.licenses", "nav.bills_payments"]


def visible_controls(tree: Tree, lang: str) -> Counter[tuple[str, str]]:
    """(role, name) of every visible element whose name is a control's label."""
    labels = {(c.role, c.label(lang)) for c in CONTROLS.values() if c.role}
    seen: Counter[tuple[str, str]] = Counter()
    for node in tree.nodes:
        if node.hidden or not node.role:
            continue
        key = (node.role, tree.name(node))
        if key in labels:
            seen[key] += 1
    return seen


@pytest.mark.parametrize("cloud", list(Cloud))
@pytest.mark.parametrize("lang", ["en", "da"])
@pytest.mark.parametrize("state", list(STATES))
def test_controls_are_named_and_unique(state: str, lang: str, cloud: Cloud) -> None:
    steps, expected = STATES[state]
    d = start(lang, cloud)
    for step in steps:
        step(d)
    tree = d.tree
    pane_open = bool(d.app.ui.pane)
    for key in expected + ([] if pane_open else NAV):
        one(d, key)
    more = CONTROLS["action.more_actions"]
    dupes = {
        key: n
        for key, n in visible_controls(tree, lang).items()
        if n > 1 and key != (more.role, more.label(lang))
    }
    assert not dupes, f"{state}: controls named twice: {dupes}"
    for row in (n for n in tree.nodes if n.tag == "tr" and not n.hidden):
        assert len(d.find(more.role, more.label(lang), within=row)) <= 1


@pytest.mark.parametrize("lang", ["en", "da"])
def test_open_pane_makes_the_page_inert_and_takes_focus(lang: str) -> None:
    d = start(lang)
    detail(d)
    press(d, "action.buy_licenses")
    tree = d.tree
    dialogs = [n for n in tree.nodes if n.role == "dialog"]
    assert len(dialogs) == 1 and dialogs[0].attrs["aria-labelledby"]
    focused = [n for n in tree.nodes if "autofocus" in n.attrs]
    assert len(focused) == 1 and focused[0] in list(dialogs[0].walk())
    assert all(n.hidden for n in tree.nodes if n.tag in ("main", "nav"))


REFERENCES = ("aria-controls", "aria-describedby", "aria-labelledby")


@pytest.mark.parametrize("lang", ["en", "da"])
@pytest.mark.parametrize("state", list(STATES))
def test_every_id_an_aria_attribute_names_exists(state: str, lang: str) -> None:
    """An id that aria-controls, -describedby or -labelledby names is on the screen (the
    Filter button named its menu while the menu was closed, and so not there)."""
    steps, _ = STATES[state]
    d = start(lang)
    for step in steps:
        step(d)
    tree = d.tree
    dangling = [
        (node.tag, attr, ref)
        for node in tree.nodes
        for attr in REFERENCES
        for ref in node.attrs.get(attr, "").split()
        if ref not in tree.ids
    ]
    assert dangling == [], f"{state}: {dangling}"


@pytest.mark.parametrize("lang", ["en", "da"])
def test_each_more_actions_button_is_described_by_its_rows_product(lang: str) -> None:
    """Every row's button is named "More actions" (the article's word, how the checker finds
    it); its description is the row's product, so a screen reader tells them apart."""
    d = start(lang)
    tree = d.tree
    more = CONTROLS["action.more_actions"]
    rows = [r for r in d.find("row") if d.control("action.more_actions", within=r)]
    assert rows
    for row in rows:
        (button,) = d.find(more.role, more.label(lang), within=row)
        (header,) = [n for n in row.walk() if n.role == "rowheader"]
        described = [tree.ids[i] for i in button.attrs.get("aria-describedby", "").split()]
        product = next(s.product for s in d.portal.subscriptions if s.product in header.text())
        assert [n.text() for n in described] == [product], row
