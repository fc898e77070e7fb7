"""The support page in Chromium: a change of each kind of form field reaches both
simulators; a refused value is said beside its field in the page's language and the
simulators keep the last valid state; Copy link opens the same view on the simulator page
(compared as Chromium's accessibility tree); a damaged link says so."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from portal import AXTree, ax_tree

from simulator import patch, scenario, state, support
from simulator.i18n import translations
from simulator.scenario.yaml_out import dump
from walkthrough.checker.browser_driver import STATE
from walkthrough.share import page_path

pytestmark = pytest.mark.e2e

TIMEOUT = 180_000
READY = """() => !!document.querySelector('[data-support][data-ready]') &&
  [...document.querySelectorAll('[data-simulator]')].every(e => 'ready' in e.dataset)"""
#: One field of each kind, a valid new value, and where the data holds it.
FIELDS = [
    ("today", "2026-12-01"),
    ("organization", "Fabrikam A/S"),
    ("subscriptions.0.total_licenses", "130"),
    ("subscriptions.1.assigned", "4"),
    ("subscriptions.0.holders", "Signe Skov, Jonas Berg"),
    ("subscriptions.2.price", "17.25"),
    ("subscriptions.2.expires", "2027-09-01"),
    ("subscriptions.2.status", "cancelled"),
    ("payment_methods.0.last4", "0005"),
    ("billing_profiles.0.invoices.0.status", "paid"),
]


def open_support(page: Any, lang: str, fragment: str = "") -> None:
    page.goto(page_path(lang, "support") + fragment)
    page.wait_for_function(READY, timeout=TIMEOUT)


def frame_data(page: Any, role: str) -> dict[str, Any]:
    """The scenario data the simulator of ``role`` holds."""
    saved = state.decode(page.evaluate(STATE, f"[data-support-role={role}] [data-simulator]"))
    return patch.apply(state.base_data(saved.scenario), saved.patch)


def change(page: Any, name: str, value: str) -> None:
    box = page.locator(f"[name='{name}']")
    if box.evaluate("e => e.tagName") == "SELECT":
        box.select_option(value)
    else:
        box.fill(value)
        box.press("Tab")


def held(data: dict[str, Any], name: str) -> str:
    if name.endswith("holders"):
        names = {p["id"]: p["name"] for p in data["people"]}
        return ", ".join(names[i] for i in held_ids(data, name.replace("holders", "assigned")))
    value: Any = data
    for part in name.split("."):
        value = value[int(part)] if part.isdigit() else value[part]
    if name.endswith("assigned"):
        return str(len(value))
    if name.endswith("price"):
        return str(value["USD"])
    return str(value)


def held_ids(data: dict[str, Any], name: str) -> list[str]:
    value: Any = data
    for part in name.split("."):
        value = value[int(part)] if part.isdigit() else value[part]
    return list(value)


def test_each_kind_of_field_reaches_both_simulators(site_page: Any) -> None:
    open_support(site_page, "en")
    frames = [f"[data-support-role={role}] [data-simulator]" for role in ("purchaser", "admin")]
    for name, value in FIELDS:
        before = [site_page.locator(f).get_attribute("data-saved-state") for f in frames]
        change(site_page, name, value)
        for frame, was in zip(frames, before, strict=True):
            site_page.wait_for_function(
                "([s, was]) => document.querySelector(s)?.dataset.savedState !== was",
                arg=[frame, was],
                timeout=TIMEOUT,
            )
        for role in ("purchaser", "admin"):
            assert held(frame_data(site_page, role), name) == value, (name, role)
    topbar = site_page.locator("[data-support-role=admin] .ssp-topbar")
    assert "Fabrikam A/S" in topbar.inner_text()


@pytest.mark.parametrize("lang", ["en", "da"])
def test_a_refused_value_is_said_beside_its_field(site_page: Any, lang: str) -> None:
    open_support(site_page, lang)
    before = frame_data(site_page, "purchaser")
    change(site_page, "subscriptions.0.total_licenses", "many")
    box = site_page.locator("[name='subscriptions.0.total_licenses']")
    site_page.wait_for_function(
        "s => document.querySelector(s)?.getAttribute('aria-invalid') === 'true'",
        arg="[name='subscriptions.0.total_licenses']",
        timeout=TIMEOUT,
    )
    error = site_page.locator(f"#{box.get_attribute('aria-describedby')}")
    assert error.inner_text() == translations(lang).gettext(support.NOT_WHOLE)
    assert box.input_value() == "many"
    assert frame_data(site_page, "purchaser") == before


def shown(tree: AXTree) -> list[tuple[str, str]]:
    """The tree's roles and names, but the boxes of wrapped lines (the frames are narrower
    than the simulator page)."""
    return [(n.role, n.name) for n in tree.nodes if n.role != "InlineTextBox"]


@pytest.mark.parametrize(("lang", "cloud"), [("da", "o365-21vianet"), ("en", "o365-worldwide")])
def test_copy_link_opens_the_same_view(site_page: Any, lang: str, cloud: str) -> None:
    site_page.goto(page_path(lang, "support"))
    site_page.evaluate("c => localStorage.setItem('ssp.cloud', c)", cloud)
    open_support(site_page, lang)
    site_page.evaluate("c => window.__sspCloud?.setCloud(c)", cloud)
    change(site_page, "subscriptions.0.total_licenses", "125")
    site_page.wait_for_function(
        "s => document.querySelector(s)?.dataset.savedState?.includes('125')",
        arg="[data-support-role=purchaser] [data-simulator]",
        timeout=TIMEOUT,
    )
    site_page.get_by_role("button", name=translations(lang).gettext("Copy link")).click()
    link = site_page.locator("[data-support-link]")
    site_page.wait_for_function("s => !!document.querySelector(s).value", arg="#support-link")
    address = link.input_value()
    assert f"{page_path(lang)}?view=" in address and "#state=2." in address
    cdp = site_page.context.new_cdp_session(site_page)
    frame = site_page.locator("[data-support-role=purchaser] .ssp-sim-root")
    before = shown(ax_tree(frame, cdp))
    site_page.goto(address)
    site_page.wait_for_selector("[data-simulator][data-ready]", timeout=TIMEOUT)
    cdp = site_page.context.new_cdp_session(site_page)
    after = shown(ax_tree(site_page.locator(".ssp-sim-root"), cdp))
    assert after == before


def test_a_damaged_link_says_so_and_shows_the_default(site_page: Any) -> None:
    good = state.to_link(state.State("default", {"organization": "Fabrikam"}, {}))
    open_support(site_page, "da", f"#state={good[:30]}")
    status = site_page.locator("[data-support-status]")
    expect(status).to_have_text(translations("da").gettext(state.LINK_DAMAGED), timeout=TIMEOUT)
    shown_state = site_page.locator("[data-support]").get_attribute("data-state")
    assert json.loads(shown_state or "{}")["patch"] == {}


def test_capture_downloads_the_view_as_a_self_contained_file(site_page: Any) -> None:
    open_support(site_page, "en")
    change(site_page, "organization", "Fabrikam Capture")
    site_page.wait_for_function(
        "s => document.querySelector(s)?.dataset.savedState?.includes('Fabrikam Capture')",
        arg="[data-support-role=admin] [data-simulator]",
        timeout=TIMEOUT,
    )
    with site_page.expect_download() as download:
        site_page.get_by_role("button", name=translations("en").gettext("Capture")).click()
    text = Path(download.value.path()).read_text("utf-8")
    assert "<script" not in text.lower() and "Content-Security-Policy" in text
    assert text.count("Fabrikam Capture") >= 3  # the form and both simulators


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a: &a [x]\nb: [*a, *a]\n", "1: scenario: uses a YAML anchor"),
        ("today: 2026-11-24\norganization: '<img src=x onerror=alert(1)>'\n", "1: signed_in:"),
    ],
    ids=["alias", "markup"],
)
def test_a_hostile_file_is_listed_as_text_and_the_state_kept(
    site_page: Any, text: str, words: str
) -> None:
    open_support(site_page, "da")
    change(site_page, "organization", "Kept A/S")
    frame = "[data-support-role=purchaser] [data-simulator]"
    site_page.wait_for_function(
        "s => document.querySelector(s)?.dataset.savedState?.includes('Kept A/S')",
        arg=frame,
        timeout=TIMEOUT,
    )
    before = frame_data(site_page, "purchaser")
    site_page.locator("details.ssp-support-file > summary").click()
    site_page.locator("[data-support-yaml-text]").fill(text)
    site_page.locator("[data-support-read]").click()
    problems = site_page.locator("#support-yaml-problems[role=alert]")
    problems.wait_for(timeout=TIMEOUT)
    assert translations("da").gettext(support.NOT_READ) in problems.inner_text()
    assert words in problems.inner_text()
    assert site_page.locator("#support-yaml-problems img").count() == 0
    assert frame_data(site_page, "purchaser") == before
    assert site_page.locator("[name=organization]").input_value() == "Kept A/S"


def test_a_pasted_file_reaches_both_simulators(site_page: Any) -> None:
    open_support(site_page, "en")
    text = dump(scenario.load_data("expired-card")).replace("Contoso", "Northwind", 1)
    site_page.locator("details.ssp-support-file > summary").click()
    site_page.locator("[data-support-yaml-text]").fill(text)
    site_page.locator("[data-support-read]").click()
    for role in ("purchaser", "admin"):
        site_page.wait_for_function(
            "s => document.querySelector(s)?.dataset.savedState?.includes('Northwind')",
            arg=f"[data-support-role={role}] [data-simulator]",
            timeout=TIMEOUT,
        )
    assert site_page.locator("[name=organization]").input_value() == "Northwind"


def test_language_and_cloud_change_without_losing_the_state(site_page: Any) -> None:
    open_support(site_page, "en")
    change(site_page, "organization", "Travels A/S")
    frame = "[data-support-role=admin] [data-simulator]"
    site_page.wait_for_function(
        "s => document.querySelector(s)?.dataset.savedState?.includes('Travels A/S')",
        arg=frame,
        timeout=TIMEOUT,
    )
    site_page.locator("#sf-cloud").select_option("o365-21vianet")
    site_page.wait_for_function(
        "s => document.querySelector(s)?.dataset.cloudActive === 'o365-21vianet' &&"
        " 'ready' in document.querySelector(s).dataset",
        arg=frame,
        timeout=TIMEOUT,
    )
    assert "CN¥" in site_page.locator(frame).inner_text()
    assert frame_data(site_page, "admin")["organization"] == "Travels A/S"
    site_page.locator("#sf-language").select_option(label="Dansk")
    site_page.wait_for_url("**/da/support/", timeout=TIMEOUT)
    site_page.wait_for_function(READY, timeout=TIMEOUT)
    assert site_page.locator("[name=organization]").input_value() == "Travels A/S"
    assert frame_data(site_page, "admin")["organization"] == "Travels A/S"


def test_a_narrow_screen_shows_one_role_at_a_time(site_page: Any) -> None:
    wide = site_page.viewport_size
    site_page.set_viewport_size({"width": 700, "height": 900})
    try:
        open_support(site_page, "en")
        purchaser = site_page.locator("[data-support-role=purchaser]")
        admin = site_page.locator("[data-support-role=admin]")
        assert purchaser.is_visible() and not admin.is_visible()
        toggle = site_page.locator("[data-support-toggle]")
        toggle.click()
        assert admin.is_visible() and not purchaser.is_visible()
        assert toggle.get_attribute("aria-pressed") == "true"
    finally:
        site_page.set_viewport_size(wide or {"width": 1280, "height": 720})
    assert purchaser.is_visible() and admin.is_visible()  # side by side again
