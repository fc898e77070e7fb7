"""Material's search: on pages with simulators it starts after them (so that it does not
slow their boot: walkthrough/assets/search-later.js), and at once when the reader goes to
the search box; on every kind of page, in every language, it answers. Each test has a
browser context of its own: a search left open would cover the page of the tests that
share one."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from simulator.markets import LANGUAGES
from walkthrough.plugin.languages import home
from walkthrough.site_server import ALL_SIMULATORS_READY

pytestmark = pytest.mark.e2e

READY = "[data-simulator][data-ready]"
ARTICLE = "/manage-self-service-purchases-users/"
#: Every kind of page: home, the article, the simulator's own page, the 404 page.
KINDS = ("", "manage-self-service-purchases-users/", "simulator/", "404.html")
#: A word of the article's own prose (not a label) in each language, and so in its search
#: index. Japanese and Chinese are written without spaces: the index must be cut into words
#: (Material's own segmentation) for these to be found.
WORD = {
    "en": "invoices",
    "da": "faktureringsprofil",
    "fr": "abonnement",
    "ar": "المحاكي",
    "ja": "シミュレーター",
    "zh": "模拟器",
}


def started_by(page: Any) -> str | None:
    reason: str | None = page.evaluate("window.__sspSearch.startedBy")
    return reason


def search(page: Any, words: str, timeout: float | None = None) -> Any:
    """Type ``words`` as a person does: Material reads the box on a key's keyup (or when its
    worker is ready, or focus moves), not on ``fill``'s input event; filled into a box that
    already had the focus, after the worker was ready, they were never searched for."""
    box = page.locator(".md-search__input")
    box.press_sequentially(words)
    # Playwright types a character no key of a US keyboard makes (Arabic, Japanese,
    # Chinese) as inserted text, with no keyup; a person's input method ends with a key.
    box.press("End")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=timeout)
    return results


def test_search_answers_on_every_kind_of_page(own_context: Any) -> None:
    """On a page with no simulator, Material once got a stand-in already gone (a bare
    object: "Illegal invocation" on every call) and never answered."""
    page = own_context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    unanswered = []
    for lang in LANGUAGES:
        base = home(lang.code)
        article = base + KINDS[1]
        for kind in KINDS:
            page.goto(base + kind)
            page.locator(".md-search__input").click()
            try:
                results = search(page, WORD[lang.code], timeout=20_000)
            except PlaywrightTimeoutError:
                unanswered.append((base + kind, "no answer"))
                continue
            links = results.locator("a.md-search-result__link").evaluate_all(
                "els => els.map(a => new URL(a.href).pathname)"
            )
            if article not in links:
                unanswered.append((base + kind, links))
    assert unanswered == [], unanswered
    assert errors == []


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
