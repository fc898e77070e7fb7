"""axe-core on the support page with a refused value shown (an error tied to its field):
no critical, serious or moderate finding, in English and Danish, the form and both portals
(the page in its first state is in test_accessibility's every page, in every language)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import axe
import pytest

from walkthrough.share import page_path

pytestmark = pytest.mark.e2e

READY = """() => !!document.querySelector('[data-support][data-ready]') &&
  [...document.querySelectorAll('[data-simulator]')].every(e => 'ready' in e.dataset)"""


@pytest.fixture(scope="module")
def axe_page(browser: Any, base_url: str) -> Iterator[Any]:
    with axe.axe_page(browser, base_url, timeout=180_000) as page:
        yield page


@pytest.mark.parametrize("lang", ["en", "da"])
def test_no_findings_on_the_support_page_with_a_refused_value(axe_page: Any, lang: str) -> None:
    axe_page.goto(page_path(lang, "support"))
    axe_page.wait_for_function(READY, timeout=180_000)
    box = axe_page.locator("[name='subscriptions.0.total_licenses']")
    box.fill("many")
    box.press("Tab")
    axe_page.wait_for_selector("[aria-invalid=true]")
    found = axe.findings(axe_page)
    assert found == [], "\n".join(found)
