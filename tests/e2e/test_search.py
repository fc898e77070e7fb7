"""Material's search on pages with simulators: it starts after them (so it does not slow
their boot), and at once when the reader goes to the search box."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.e2e

READY = "[data-simulator][data-ready]"
ARTICLE = "/manage-self-service-purchases-users/"


def _search(page: Any, words: str) -> Any:
    """The results for ``words``, which must come well before the search worker's own
    deadline (10 s, search-worker.js): what started the search is what the test says."""
    page.locator(".md-search__input").fill(words)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=5_000)
    return results


def test_search_finds_the_article_once_the_simulators_are_ready(site_page: Any) -> None:
    site_page.goto(ARTICLE)
    site_page.wait_for_selector(READY)
    results = _search(site_page, "invoices")
    assert results.count() >= 1
    assert "simulator" not in results.first.inner_text().lower()


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
