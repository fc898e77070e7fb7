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
from pathlib import Path

import pytest
from playwright.sync_api import expect
from portal import Setting, dialog, purchaser_walk, walk

from simulator.controls import CONTROLS
from simulator.markets import Cloud
from walkthrough.checker.browser_driver import BrowserDriver

pytestmark = pytest.mark.e2e

TABLE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "ui-labels.tsv"


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
