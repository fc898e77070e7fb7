"""Material's search on pages with simulators: it starts after them (so that it does not
slow their boot: overrides/assets/ssp/search-later.js), and at once when the reader goes
to the search box. Each test has a browser context of its own: a search left open would
cover the page of the tests that share one."""

from __future__ import annotations

from typing import Any

import pytest

from walkthrough.site_server import ALL_SIMULATORS_READY

pytestmark = pytest.mark.e2e

READY = "[data-simulator][data-ready]"
ARTICLE = "/manage-self-service-purchases-users/"


def started_by(page: Any) -> str | None:
    reason: str | None = page.evaluate("window.__sspSearch.startedBy")
    return reason


def search(page: Any, words: str) -> Any:
    """Type ``words`` as a person does: Material reads the box on a key's keyup (or when its
    worker is ready, or focus moves), not on ``fill``'s input event; filled into a box that
    already had the focus, after the worker was ready, they were never searched for."""
    page.locator(".md-search__input").press_sequentially(words)
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    return results


def test_search_starts_once_the_simulators_are_ready(own_context: Any) -> None:
    page = own_context.new_page()
    page.goto(ARTICLE)
    page.wait_for_function(ALL_SIMULATORS_READY)
    page.wait_for_function("() => window.__sspSearch.startedBy !== null")
    assert started_by(page) == "simulators"
    results = search(page, "invoices")
    assert results.count() >= 1
    assert "invoice" in results.first.inner_text().lower()


def test_search_does_not_wait_for_a_simulator_still_booting(own_context: Any) -> None:
    """Python is held back (its runtime's download gets no answer until the end): the
    search box works all the same, started by the reader going to it."""
    held: list[Any] = []
    own_context.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    page = own_context.new_page()
    page.goto(ARTICLE)
    page.wait_for_load_state()
    assert started_by(page) is None  # held back while the simulators boot
    page.locator(".md-search__input").click()
    assert started_by(page) == "reader"
    results = search(page, "invoices")
    assert results.count() >= 1
    assert page.locator(READY).count() == 0  # the simulators are still waiting
    for route in held:
        route.abort()
