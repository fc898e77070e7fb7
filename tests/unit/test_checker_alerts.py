"""The in-process driver skips rendering screens that cannot hold an alert
(``simulator.app.may_show_alert``); every screen the checker reaches on the kit's pages and
on the delivered Danish article (whose broken steps lead to refused inputs) holds the
templates to it."""

from __future__ import annotations

from pathlib import Path

from simulator.app import UI, may_show_alert
from simulator.markets import Cloud
from walkthrough.checker.check import check_paths
from walkthrough.checker.inprocess_driver import InProcessDriver

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = [ROOT / "docs/en", ROOT / "docs/da", ROOT / "tests/fixtures/seed/da-DK"]


def test_no_screen_shows_an_alert_that_may_show_alert_rules_out() -> None:
    driver = InProcessDriver()
    check_paths([str(p) for p in ARTICLES], driver=driver)
    states = driver._states
    assert len(states) > 100
    app = driver.app
    with_errors = 0
    for state in states:
        app.portal, app.ui = state.portal, state.ui
        html = app.render()
        with_errors += bool(state.ui.error)
        if not may_show_alert(state.ui):
            assert 'role="alert"' not in html, state.ui
    assert with_errors  # refused inputs were among them


def test_an_error_may_show_an_alert() -> None:
    world = Cloud.WORLDWIDE
    assert may_show_alert(UI(screen="products", cloud=world, error="Enter a number."))
    assert may_show_alert(UI(screen="bills", cloud=world))
    assert not may_show_alert(UI(screen="licenses", cloud=world))
