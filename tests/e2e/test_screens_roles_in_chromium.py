"""The accessibility contract in Chromium: every screen walked, read from Chromium's own
accessibility tree (what a screen reader gets), in both languages.

On each screen and pane a learner can reach, every control of ``simulator.controls`` (the
repository's copy of ui-labels.tsv) that the screen shows has the table's role and, as
accessible name, exactly its label in the page's language; no two controls on the screen
share a role and a name, except per-row buttons (More actions), which are unique within
their row. Content behind an open pane is inert, so it is not in the tree. The walks
together show every control of the table.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from test_screens_procedures import Setting, Sim, card_button, open_sim

from simulator.controls import CONTROLS
from simulator.markets import Cloud

pytestmark = pytest.mark.e2e

TABLE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "ui-labels.tsv"
NAV = ["nav.billing", "nav.your_products", "nav.licenses", "nav.bills_payments"]
CARD_FIELDS = [
    "field.card_number",
    "field.name_on_card",
    "field.expiration",
    "field.security_code",
    "field.address",
]
PER_ROW = {"action.more_actions"}


@dataclass
class AXNode:
    role: str
    name: str
    row: int  # the nearest row's index in Tree.rows, or -1


@dataclass
class Tree:
    """The non-ignored accessibility nodes under the simulator (its toolbar included)."""

    nodes: list[AXNode] = field(default_factory=list)
    rows: int = 0

    def count(self, role: str, name: str) -> int:
        return sum(1 for n in self.nodes if (n.role, n.name) == (role, name))


def ax_tree(page: Page, cdp: Any) -> Tree:
    element = page.locator("[data-simulator]")
    element.evaluate("e => e.setAttribute('data-ax-scope', '')")
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    found = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "[data-ax-scope]"})
    backend = cdp.send("DOM.describeNode", {"nodeId": found["nodeId"]})["node"]["backendNodeId"]
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    by_id = {n["nodeId"]: n for n in nodes}
    start = next(n for n in nodes if n.get("backendDOMNodeId") == backend)
    tree = Tree()

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
Do = Callable[[Sim], object]
Step = tuple[str, Sequence[Do], Expected]  # a screen: how to get there from the last, its controls


def check_screen(sim: Sim, cdp: Any, screen: str, expected: Expected, seen: set[str]) -> None:
    tree = ax_tree(sim.page, cdp)
    for item in expected:
        role, key = item if isinstance(item, tuple) else (CONTROLS[item].role, item)
        found = tree.count(role, sim.label(key))
        assert found == 1, f"{screen}: {role} {sim.label(key)!r} ({key}) found {found} times"
        if role == CONTROLS[key].role:
            seen.add(key)
    labels = {(c.role, c.label(sim.lang)): c.key for c in CONTROLS.values() if c.role}
    counts = Counter((n.role, n.name) for n in tree.nodes if (n.role, n.name) in labels)
    twice = {pair: n for pair, n in counts.items() if n > 1 and labels[pair] not in PER_ROW}
    assert not twice, f"{screen}: named twice on the screen: {twice}"
    for row in range(tree.rows):
        in_row = Counter((n.role, n.name) for n in tree.nodes if n.row == row)
        doubled = {pair: n for pair, n in in_row.items() if pair in labels and n > 1}
        assert not doubled, f"{screen}: named twice in one row: {doubled}"
    more = CONTROLS["action.more_actions"]
    per_row = Counter(
        n.row for n in tree.nodes if (n.role, n.name) == (more.role, sim.label(more.key))
    )
    assert all(n == 1 for n in per_row.values()) and -1 not in per_row, f"{screen}: {per_row}"
    seen.update(labels[pair] for pair in counts)


def purchaser_walk(sim: Sim) -> Iterator[Step]:
    portal = sim.portal
    bi, automate = portal.subscription("powerbi-pro"), portal.subscription("power-automate")
    profile = portal.billing_profiles[0]
    bills = ["tab.invoices", "tab.payment_methods", "tab.billing_profiles", *NAV]
    periods = ["control.period", "period.past_3_months", "period.past_6_months"]
    periods.append("period.date_range")

    def press(key: str) -> Do:
        return lambda s: s.press(key)

    yield "products", [], ["control.reset", "tab.products", "control.filter", *NAV]
    yield "filter menu", [press("control.filter")], ["filter.self_service"]
    yield (
        "More actions menu",
        [press("control.filter"), lambda s: s.press("action.more_actions", s.row(bi.product))],
        ["action.cancel_subscription"],
    )
    yield (
        "Cancel subscription pane",
        [press("action.cancel_subscription")],
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
        [press("action.cancel"), lambda s: s.choose(bi.product)],
        ["action.buy_licenses", "action.remove_licenses", *NAV],
    )
    for pane in ("action.buy_licenses", "action.remove_licenses"):
        yield (
            f"{pane} pane",
            [press(pane)],
            [("dialog", pane), "field.total_licenses", "action.save", "action.cancel"],
        )
        yield f"after {pane}", [press("action.cancel")], ["action.buy_licenses"]
    yield "Licenses", [lambda s: s.go("nav.licenses")], NAV
    yield (
        "license details",
        [lambda s: s.choose(automate.product)],
        ["action.assign_licenses", "action.unassign_licenses", *NAV],
    )
    yield (
        "Assign pane with results",
        [press("action.assign_licenses"), lambda s: s.type("field.find_user", "an", keys=True)],
        ["pane.assign_licenses_to_users", "field.find_user", "action.assign", "action.cancel"],
    )
    yield (
        "Assign pane, assigned",
        [lambda s: s.root.get_by_role("option").first.click(), press("action.assign")],
        ["pane.assign_licenses_to_users", "action.close"],
    )
    yield (
        "Unassign licenses box",
        [
            press("action.close"),
            lambda s: s.named("checkbox", portal.person("elena-skov").name).check(),
            press("action.unassign_licenses"),
        ],
        [("dialog", "action.unassign_licenses"), "action.unassign", "action.cancel"],
    )
    yield (
        "Invoices",
        [press("action.cancel"), lambda s: s.go("nav.bills_payments")],
        bills + periods,
    )
    yield (
        "Invoices, a date range",
        [lambda s: s.control("control.period").select_option(label=s.label("period.date_range"))],
        bills + periods,
    )
    yield "Payment methods", [press("tab.payment_methods")], ["action.add_payment_method"]
    yield (
        "a payment method's pane",
        [lambda s: s.choose(card_button(s, "card-1"))],
        ["action.edit", "action.cancel", "control.reset"],
    )
    yield (
        "Edit pane",
        [press("action.edit")],
        [*CARD_FIELDS[1:], "action.save", "action.cancel"],
    )
    yield (
        "Add a payment method pane",
        [press("action.cancel"), press("action.add_payment_method")],
        [("dialog", "action.add_payment_method"), *CARD_FIELDS, "action.add", "action.cancel"],
    )
    yield "Billing profiles", [press("action.cancel"), press("tab.billing_profiles")], bills
    yield (
        "a billing profile",
        [lambda s: s.choose(profile.name)],
        ["section.payment_method", "action.edit", "action.replace", *bills],
    )
    yield "Replace pane", [press("action.replace")], [*CARD_FIELDS, "action.save", "action.cancel"]
    yield "a refused card", [press("action.save")], [*CARD_FIELDS, "action.save"]


def walk(sim: Sim, steps: Iterator[Step]) -> set[str]:
    seen: set[str] = set()
    cdp = sim.page.context.new_cdp_session(sim.page)
    try:
        for screen, actions, expected in steps:
            for action in actions:
                action(sim)
                sim.settle()
            check_screen(sim, cdp, screen, expected, seen)
    finally:
        cdp.detach()
    return seen


@pytest.mark.parametrize("setting", [Setting("en"), Setting("da", Cloud.VIANET)], ids=str)
def test_every_screen_names_its_controls(site_page: Page, setting: Setting) -> None:
    sim = open_sim(site_page, setting)
    seen = walk(sim, purchaser_walk(sim))
    missing = {k for k, c in CONTROLS.items() if c.role} - seen
    assert missing == set(), missing
    expect(sim.dialog).to_have_count(1)


def test_controls_match_the_reference_table() -> None:
    """simulator.controls is the table: same keys, roles and English and Danish labels."""
    if not TABLE.is_file():
        pytest.skip(f"no {TABLE}")
    with TABLE.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file, delimiter="\t"))
    table = {r["key"]: (r["role"].replace("-", ""), r["en"], r["da"]) for r in rows}
    ours = {k: (c.role, c.label("en"), c.label("da")) for k, c in CONTROLS.items()}
    assert ours == table
