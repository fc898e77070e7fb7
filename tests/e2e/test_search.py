"""Material's search on pages with simulators: it starts after them (so it does not slow
their boot), and at once when the reader goes to the search box."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.e2e

READY = "[data-simulator][data-ready]"
ARTICLE = "/manage-self-service-purchases-users/"
# A function, not an expression: the page's CSP forbids evaluating a string.
ALL_READY = (
    "() => [...document.querySelectorAll('[data-simulator]')].every(e => e.dataset.ready === '')"
)


def _search(page: Any, words: str) -> Any:
    """The results for ``words``; the page's go started the search, not the search
    worker's own deadline (search-worker.js)."""
    page.locator(".md-search__input").fill(words)
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    assert page.evaluate("window.__ssp.searchStartedBy") == "go"
    return results


def test_search_finds_the_article_once_the_simulators_are_ready(
    browser: Any, base_url: str
) -> None:
    context = browser.new_context(base_url=base_url)  # its own: the search stays open
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(ARTICLE)
        page.wait_for_function(ALL_READY)
        results = _search(page, "invoices")
        assert results.count() >= 1
        assert "simulator" not in results.first.inner_text().lower()
    finally:
        context.close()


def test_search_does_not_wait_for_a_simulator_still_booting(browser: Any, base_url: str) -> None:
    """Python is held back (its runtime's download never answers until the end): the
    search box works all the same, started by the reader going to it."""
    context = browser.new_context(base_url=base_url)
    held: list[Any] = []
    context.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(ARTICLE)
        page.locator(".md-search__input").click()
        results = _search(page, "invoices")
        assert results.count() >= 1
        assert page.locator(READY).count() == 0  # the simulators are still waiting
        for route in held:
            route.continue_()
    finally:
        context.close()
