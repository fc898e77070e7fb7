"""Language in Chromium: the language selector keeps the page (and its section and cloud).
Search in each language: tests/e2e/test_search.py."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from simulator.i18n import translations
from simulator.markets import CLOUDS

pytestmark = pytest.mark.e2e

ARTICLE = {
    "en": "/manage-self-service-purchases-users/",
    **{
        code: f"/{code}/manage-self-service-purchases-users/"
        for code in ("da", "fr", "ar", "ja", "zh")
    },
}
TITLE = {
    "en": "Manage self-service purchases (users)",
    "da": "Administrer selvbetjeningskøb (brugere)",
}
LANGUAGE_BUTTON = {"en": "Select language", "da": "Vælg sprog"}  # Material's own words
SELECTOR = {lang: translations(lang).gettext("Cloud") for lang in ("en", "da")}  # its label
VIANET = "o365-21vianet"


def switch_language(page: Any, here: str, to: str) -> None:
    page.get_by_role("button", name=LANGUAGE_BUTTON[here]).click()  # opens Material's list
    page.locator(f".md-select__link[hreflang={to}]").click()
    page.wait_for_function("lang => document.documentElement.lang === lang", arg=to)


@pytest.mark.parametrize(("start", "to"), [("en", "da"), ("da", "en")])
def test_language_switch_lands_on_the_same_page(site_page: Any, start: str, to: str) -> None:
    site_page.goto(ARTICLE[start] + "#cancel-a-subscription")
    switch_language(site_page, start, to)
    assert site_page.evaluate("location.pathname") == ARTICLE[to]
    # The same place on it: the section in view (Material's navigation.tracking rewrites
    # the address's hash to whichever heading is at the top as the simulators mount).
    expect(site_page.locator("#cancel-a-subscription")).to_be_in_viewport()
    assert site_page.get_by_role("heading", level=1).inner_text().rstrip("¶").strip() == TITLE[to]


def test_language_switch_from_home_lands_on_home(site_page: Any) -> None:
    site_page.goto("/da/")
    switch_language(site_page, "da", "en")
    assert site_page.evaluate("location.pathname") == "/"


def test_language_switch_keeps_the_cloud_and_translates_the_selector(site_page: Any) -> None:
    site_page.goto(ARTICLE["en"])
    site_page.get_by_role("combobox", name=SELECTOR["en"], exact=True).select_option(VIANET)
    switch_language(site_page, "en", "da")
    select = site_page.get_by_role("combobox", name=SELECTOR["da"], exact=True)
    assert select.input_value() == VIANET
    assert [o.strip() for o in select.locator("option").all_inner_texts()] == [
        translations("da").gettext(c.name) for c in CLOUDS
    ]
    assert site_page.evaluate("document.documentElement.dataset.cloud") == VIANET
    select.select_option("o365-worldwide")


def test_the_chinese_page_opens_on_21vianet_for_a_reader_who_never_chose(site_page: Any) -> None:
    """Simplified Chinese is 21Vianet's market (simulator.markets: its default cloud); the
    default applies only while the reader has chosen no cloud (storage cleared per test)."""
    site_page.goto(ARTICLE["zh"])
    assert site_page.evaluate("document.documentElement.dataset.cloud") == VIANET
    site_page.goto(ARTICLE["ja"])  # every other language opens on the worldwide cloud
    assert site_page.evaluate("document.documentElement.dataset.cloud") == "o365-worldwide"
    select = site_page.get_by_role("combobox", name=translations("ja").gettext("Cloud"))
    select.select_option("o365-worldwide")  # a choice, now: it wins over the default
    site_page.goto(ARTICLE["zh"])
    assert site_page.evaluate("document.documentElement.dataset.cloud") == "o365-worldwide"
