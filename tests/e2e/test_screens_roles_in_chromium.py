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
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect
from portal import NAV, Do, Setting, Step, choose, dialog, done, go, press, row, type_in, walk

from simulator.controls import CONTROLS
from simulator.markets import Cloud
from simulator.model import card_name
from walkthrough.checker.browser_driver import BrowserDriver

pytestmark = pytest.mark.e2e

TABLE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "ui-labels.tsv"
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


@pytest.mark.parametrize("setting", [Setting("en"), Setting("da", Cloud.VIANET)], ids=str)
def test_every_screen_names_its_controls(driver: BrowserDriver) -> None:
    seen = walk(driver, purchaser_walk(driver))
    missing = {k for k, c in CONTROLS.items() if c.role} - seen
    assert missing == set(), missing
    expect(dialog(driver)).to_have_count(1)


def test_controls_match_the_reference_table() -> None:
    """simulator.controls is the table: same keys, roles and English and Danish labels."""
    if not TABLE.is_file():
        pytest.skip(f"no {TABLE}")
    with TABLE.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file, delimiter="\t"))
    table = {r["key"]: (r["role"].replace("-", ""), r["en"], r["da"]) for r in rows}
    ours = {k: (c.role, c.label("en"), c.label("da")) for k, c in CONTROLS.items()}
    assert ours == table
