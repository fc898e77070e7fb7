"""The simulator in Chromium for the e2e tests, driven through the step checker's browser driver.

``BrowserDriver`` (one per test worker, on the worker's shared page: the ``driver`` fixture
of tests/conftest.py) opens the standalone page in the test module's ``setting`` (a page
load only for another language: another cloud or scenario re-mounts, Python stays booted)
and starts from the scenario with the Reset simulator button. It finds controls as a
person does, by role and exact accessible name: labels come from ``simulator.controls`` in
the page's language (never written here), names that are data (a product, a person, a
card) from the scenario.

What is here is thin: acts are the driver's (each checked to be done, or refused when the
test says so), locators are the driver's (``by_role``, unresolved, for ``expect`` to wait
on), and the accessibility walk reads Chromium's own tree (what a screen reader gets)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import Locator, expect

from simulator.controls import CONTROLS
from simulator.i18n import Formats, translations
from simulator.markets import Cloud
from simulator.model import card_name
from walkthrough.checker.browser_driver import BrowserDriver
from walkthrough.checker.driver import Outcome

LANGS = ("en", "da")


@dataclass(frozen=True)
class Setting:
    """What the standalone page is opened with (its id names the test)."""

    lang: str
    cloud: Cloud = Cloud.WORLDWIDE
    scenario: str = "default"

    def __str__(self) -> str:
        cloud = self.cloud.value.removeprefix("o365-")
        return "-".join(filter(None, (self.lang, cloud, self.scenario.replace("default", ""))))


PURCHASER = [Setting(lang, cloud) for lang in LANGS for cloud in Cloud]


# Words.
def tr(driver: BrowserDriver, msgid: str) -> str:
    """A message of the catalog in the page's language (for text that is not a label)."""
    return translations(driver.settings.lang).gettext(msgid)


def number(driver: BrowserDriver, value: int) -> str:
    return Formats(driver.settings.lang).integer(value)


# Locators, for assertions that wait.
def control(driver: BrowserDriver, key: str, within: Locator | None = None) -> Locator:
    """Control ``key`` of ``simulator.controls``: its role and exact label."""
    return driver.by_role(CONTROLS[key].role, driver.label(key), within=within)


def named(driver: BrowserDriver, role: str, name: str, within: Locator | None = None) -> Locator:
    return driver.by_role(role, name, within=within)


def dialog(driver: BrowserDriver) -> Locator:
    return driver.by_role("dialog")


def status(driver: BrowserDriver) -> Locator:
    return driver.by_role("status")


def row(driver: BrowserDriver, name: str) -> Locator:
    """The table row headed by ``name`` (a product, a person, a card), chips aside."""
    header = re.compile(rf"^{re.escape(name)}(\s|$)")
    return driver.by_role("row").filter(has=driver.page.get_by_role("rowheader", name=header))


def alert_beside(driver: BrowserDriver, box: Locator) -> Locator:
    """The alert that describes ``box`` (its aria-describedby), checked to be an alert."""
    expect(box).to_have_attribute("aria-invalid", "true")
    described = box.get_attribute("aria-describedby") or ""
    alert = driver.root.locator(f"#{described}")
    expect(alert).to_have_attribute("role", "alert")
    expect(alert).to_be_visible()
    return alert


def total_shown(driver: BrowserDriver) -> Locator:
    """The Total licenses figure on a subscription's details."""
    name = re.compile(f"^{re.escape(driver.label('field.total_licenses'))}$")
    return driver.root.locator("dt", has_text=name).locator("xpath=following-sibling::dd")


# Acts, through the driver.
def done(outcome: Outcome, *, refused: bool = False) -> Outcome:
    """``outcome``, checked: done, or (``refused``) refused by the simulator with an alert."""
    assert outcome.status == ("failed" if refused else "ok"), outcome.observed
    return outcome


def press(
    driver: BrowserDriver, key: str, within: Locator | None = None, *, refused: bool = False
) -> Outcome:
    """Click control ``key``, shown once on the screen (or ``within``)."""
    found = driver.control(key, within=within)
    assert len(found) == 1, f"{key}: {len(found)} named {driver.label(key)!r}"
    return done(driver.activate(found[0]), refused=refused)


def choose(
    driver: BrowserDriver,
    name: str,
    role: str = "button",
    within: Locator | None = None,
    *,
    refused: bool = False,
) -> Outcome:
    """Click the element named ``name`` (a product, a person, a card), shown once."""
    found = driver.find(role, name, within=within)
    assert len(found) == 1, f"{len(found)} {role}s named {name!r}"
    return done(driver.activate(found[0]), refused=refused)


def type_in(driver: BrowserDriver, key: str, text: str, *, keys: bool = False) -> None:
    """Type ``text`` over what field ``key`` holds; ``keys``: key by key (each keystroke of
    a type-ahead box is an event and a re-render)."""
    role, name = CONTROLS[key].role, driver.label(key)
    done(driver.type_keys(role, name, text) if keys else driver.fill(role, name, text))
    expect(control(driver, key)).to_have_value(text)


def go(driver: BrowserDriver, key: str) -> None:
    """Billing (opened if it is closed), then one of its pages."""
    done(driver.go_to([("button", driver.label("nav.billing")), ("link", driver.label(key))]))
    expect(control(driver, key)).to_have_attribute("aria-current", "page")


def open_details(driver: BrowserDriver, subscription: str) -> None:
    product = driver.portal.subscription(subscription).product
    go(driver, "nav.your_products")
    press(driver, "tab.products")
    choose(driver, product)
    expect(named(driver, "heading", product)).to_be_visible()


def profile_page(driver: BrowserDriver) -> Locator:
    """manage-payment-details' first steps: Bills & payments > Billing profiles > a profile;
    the profile's Payment method section."""
    profile = driver.portal.billing_profiles[0]
    go(driver, "nav.bills_payments")
    press(driver, "tab.billing_profiles")
    choose(driver, profile.name)
    expect(control(driver, "section.payment_method")).to_be_visible()
    section = named(driver, "region", driver.label("section.payment_method"))  # under its heading
    expect(section).to_be_visible()
    return section


CARD = {  # a new card that passes every check (a Mastercard test number)
    "field.card_number": "5555 5555 5555 4444",
    "field.name_on_card": "Mette Larsen",
    "field.expiration": "09/30",
    "field.security_code": "123",
    "field.address": "Strandvejen 12, 2900 Hellerup",
}


def fill_card(driver: BrowserDriver, card: dict[str, str]) -> None:
    for key, value in card.items():
        type_in(driver, key, value)


# The accessibility contract, read from Chromium's accessibility tree.
NAV = ["nav.billing", "nav.your_products", "nav.licenses", "nav.bills_payments"]
PER_ROW = {"action.more_actions"}


@dataclass
class AXNode:
    role: str
    name: str
    row: int  # the nearest row's index in AXTree.rows, or -1


@dataclass
class AXTree:
    """The non-ignored accessibility nodes under the simulator (its toolbar included)."""

    nodes: list[AXNode] = field(default_factory=list)
    rows: int = 0

    def count(self, role: str, name: str) -> int:
        return sum(1 for n in self.nodes if (n.role, n.name) == (role, name))


def ax_tree(element: Locator, cdp: Any) -> AXTree:
    """Chromium's accessibility tree under ``element``."""
    element.evaluate("e => e.setAttribute('data-ax-scope', '')")
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    found = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "[data-ax-scope]"})
    backend = cdp.send("DOM.describeNode", {"nodeId": found["nodeId"]})["node"]["backendNodeId"]
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    by_id = {n["nodeId"]: n for n in nodes}
    start = next(n for n in nodes if n.get("backendDOMNodeId") == backend)
    tree = AXTree()

    def walk(node: dict[str, Any], row: int) -> None:
        role = node.get("role", {}).get("value", "")
        if not node.get("ignored"):
            if role == "row":
                row = tree.rows
                tree.rows += 1
            tree.nodes.append(AXNode(role, node.get("name", {}).get("value", ""), row))
        for child in node.get("childIds", []):
            if child in by_id:
                walk(by_id[child], row)

    walk(start, -1)
    return tree


Expected = Sequence[str | tuple[str, str]]  # a control's key, or (role, key) for another role
Do = Callable[[BrowserDriver], object]
Step = tuple[str, Sequence[Do], Expected]  # a screen: how to get there from the last, its controls


def check_screen(
    driver: BrowserDriver, cdp: Any, screen: str, expected: Expected, seen: set[str]
) -> None:
    tree = ax_tree(driver.element, cdp)
    for item in expected:
        role, key = item if isinstance(item, tuple) else (CONTROLS[item].role, item)
        found = tree.count(role, driver.label(key))
        assert found == 1, f"{screen}: {role} {driver.label(key)!r} ({key}) found {found} times"
        if role == CONTROLS[key].role:
            seen.add(key)
    labels = {(c.role, driver.label(c.key)): c.key for c in CONTROLS.values() if c.role}
    counts = Counter((n.role, n.name) for n in tree.nodes if (n.role, n.name) in labels)
    twice = {pair: n for pair, n in counts.items() if n > 1 and labels[pair] not in PER_ROW}
    assert not twice, f"{screen}: named twice on the screen: {twice}"
    for row in range(tree.rows):
        in_row = Counter((n.role, n.name) for n in tree.nodes if n.row == row)
        doubled = {pair: n for pair, n in in_row.items() if pair in labels and n > 1}
        assert not doubled, f"{screen}: named twice in one row: {doubled}"
    more = CONTROLS["action.more_actions"]
    per_row = Counter(
        n.row for n in tree.nodes if (n.role, n.name) == (more.role, driver.label(more.key))
    )
    assert all(n == 1 for n in per_row.values()) and -1 not in per_row, f"{screen}: {per_row}"
    seen.update(labels[pair] for pair in counts)


def walk(driver: BrowserDriver, steps: Iterator[Step]) -> set[str]:
    """Go through ``steps``, checking each screen; the keys of the controls seen."""
    seen: set[str] = set()
    cdp = driver.page.context.new_cdp_session(driver.page)
    try:
        for screen, actions, expected in steps:
            for action in actions:
                action(driver)
                driver.settle()
            check_screen(driver, cdp, screen, expected, seen)
    finally:
        cdp.detach()
    return seen


# A walk through the purchaser's screens and panes (each a Step), for walkers that check
# something on each: Chromium's tree (test_screens_roles_in_chromium), axe (test_accessibility).
CARD_FIELDS = [
    "field.card_number",
    "field.name_on_card",
    "field.expiration",
    "field.security_code",
    "field.address",
]


def purchaser_walk(driver: BrowserDriver) -> Iterator[Step]:
    portal = driver.portal
    bi, automate = portal.subscription("powerbi-pro"), portal.subscription("power-automate")
    profile = portal.billing_profiles[0]
    bills = ["tab.invoices", "tab.payment_methods", "tab.billing_profiles", *NAV]
    periods = ["control.period", "period.past_3_months", "period.past_6_months"]
    periods.append("period.date_range")

    def pressing(key: str) -> Do:
        return lambda d: press(d, key)

    yield "products", [], ["control.reset", "tab.products", "control.filter", *NAV]
    yield "filter menu", [pressing("control.filter")], ["filter.self_service"]
    yield (
        "More actions menu",
        [pressing("control.filter"), lambda d: press(d, "action.more_actions", row(d, bi.product))],
        ["action.cancel_subscription"],
    )
    yield (
        "Cancel subscription pane",
        [pressing("action.cancel_subscription")],
        [
            ("dialog", "action.cancel_subscription"),
            "field.cancel_reason",
            "field.feedback",
            "action.save",
            "action.cancel",
            "control.reset",
        ],
    )
    yield (
        "subscription details",
        [pressing("action.cancel"), lambda d: choose(d, bi.product)],
        ["action.buy_licenses", "action.remove_licenses", *NAV],
    )
    for pane in ("action.buy_licenses", "action.remove_licenses"):
        yield (
            f"{pane} pane",
            [pressing(pane)],
            [("dialog", pane), "field.total_licenses", "action.save", "action.cancel"],
        )
        yield f"after {pane}", [pressing("action.cancel")], ["action.buy_licenses"]
    yield "Licenses", [lambda d: go(d, "nav.licenses")], NAV
    yield (
        "license details",
        [lambda d: choose(d, automate.product)],
        ["action.assign_licenses", "action.unassign_licenses", *NAV],
    )
    yield (
        "Assign pane with results",
        [
            pressing("action.assign_licenses"),
            lambda d: type_in(d, "field.find_user", "an", keys=True),
        ],
        ["pane.assign_licenses_to_users", "field.find_user", "action.assign", "action.cancel"],
    )
    yield (
        "Assign pane, assigned",
        [lambda d: d.activate(d.find("option")[0]), pressing("action.assign")],
        ["pane.assign_licenses_to_users", "action.close"],
    )
    yield (
        "Unassign licenses box",
        [
            pressing("action.close"),
            lambda d: done(d.click("checkbox", portal.person("elena-skov").name)),
            pressing("action.unassign_licenses"),
        ],
        [("dialog", "action.unassign_licenses"), "action.unassign", "action.cancel"],
    )
    yield (
        "Invoices",
        [pressing("action.cancel"), lambda d: go(d, "nav.bills_payments")],
        bills + periods,
    )
    yield (
        "Invoices, a date range",
        [lambda d: d.select("combobox", d.label("control.period"), d.label("period.date_range"))],
        bills + periods,
    )
    yield "Payment methods", [pressing("tab.payment_methods")], ["action.add_payment_method"]
    yield (
        "a payment method's pane",
        [lambda d: choose(d, card_name(portal.card("card-1")))],
        ["action.edit", "action.cancel", "control.reset"],
    )
    yield (
        "Edit pane",
        [pressing("action.edit")],
        [*CARD_FIELDS[1:], "action.save", "action.cancel"],
    )
    yield (
        "Add a payment method pane",
        [pressing("action.cancel"), pressing("action.add_payment_method")],
        [("dialog", "action.add_payment_method"), *CARD_FIELDS, "action.add", "action.cancel"],
    )
    yield "Billing profiles", [pressing("action.cancel"), pressing("tab.billing_profiles")], bills
    yield (
        "a billing profile",
        [lambda d: choose(d, profile.name)],
        ["section.payment_method", "action.edit", "action.replace", *bills],
    )
    yield (
        "Replace pane",
        [pressing("action.replace")],
        [*CARD_FIELDS, "action.save", "action.cancel"],
    )
    yield (
        "a refused card",
        [lambda d: press(d, "action.save", refused=True)],
        [*CARD_FIELDS, "action.save"],
    )
