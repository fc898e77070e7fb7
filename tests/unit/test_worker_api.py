"""simulator.worker: the worker's entry points, and state saved as a replayable log."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from simulator import worker
from simulator.embed import render_frame
from simulator.ui import Settings

SETTINGS = json.dumps({"lang": "en", "cloud": "o365-worldwide", "scenario": "default"})


def go(screen: str) -> str:
    return json.dumps({"type": "click", "action": "go", "data": {"screen": screen}})


def call(result: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(result)
    return data


def screen(html: str) -> str:
    """The screen a rendered portal, or its main region, shows."""
    found = re.search(r'<main class="ssp-main"[^>]* data-screen="(\w+)"', html)
    assert found, html
    return found.group(1)


def test_mount_without_state_starts_the_scenario() -> None:
    answer = call(worker.mount("a", SETTINGS))
    assert answer["restored"] is None
    assert screen(answer["html"]) == "products"
    assert json.loads(answer["state"])["events"] == []


def test_saved_log_replays_to_the_same_screen_and_state() -> None:
    worker.mount("a", SETTINGS)
    saved = call(worker.dispatch("a", go("licenses")))["state"]
    again = call(worker.mount("b", SETTINGS, saved))
    assert again["restored"] is True
    assert screen(again["html"]) == "licenses"
    assert again["state"] == saved


@pytest.mark.parametrize(
    "saved",
    [
        "{not json",
        json.dumps({"version": 0, "settings": {}, "events": []}),  # an older version
        json.dumps([1, 2, 3]),
        json.dumps({"version": worker.STATE_VERSION, "events": "x"}),
        json.dumps(
            {
                "version": worker.STATE_VERSION,
                "settings": json.loads(SETTINGS) | {"screen": "products"},
                "events": [{"type": "click", "action": "no-such-action"}],
            }
        ),
    ],
    ids=["garbage", "older-version", "not-an-object", "no-log", "unknown-event"],
)
def test_unusable_state_is_discarded_with_a_notice(saved: str) -> None:
    answer = call(worker.mount("c", SETTINGS, saved))
    assert answer["restored"] is False
    assert screen(answer["html"]) == "products"
    assert json.loads(answer["state"])["events"] == []


def test_state_of_other_settings_is_not_restored() -> None:
    worker.mount("d", SETTINGS)
    saved = call(worker.dispatch("d", go("bills")))["state"]
    danish = json.dumps({"lang": "da", "cloud": "o365-worldwide", "scenario": "default"})
    assert call(worker.mount("e", danish, saved))["restored"] is False


def test_reset_returns_to_the_scenario() -> None:
    worker.mount("f", SETTINGS)
    worker.dispatch("f", go("licenses"))
    answer = call(worker.reset("f"))
    assert screen(answer["html"]) == "products"
    assert json.loads(answer["state"])["events"] == []


def test_a_log_too_long_to_keep_is_not_saved(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker, "MAX_EVENTS", 2)
    worker.mount("g", SETTINGS)
    for screen in ("licenses", "bills"):
        assert call(worker.dispatch("g", go(screen)))["state"]
    assert call(worker.dispatch("g", go("products")))["state"] == ""


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ({"scenario": "nope"}, ["nope is not a scenario", "default", "admin-view"]),
        ({"cloud": "o365-mars"}, ["o365-mars is not a view", "o365-21vianet"]),
        ({"role": "owner"}, ["owner is not a role", "purchaser, admin"]),
        ({"screen": "home"}, ["home is not a screen", "products, licenses, bills"]),
        ({"lang": "da", "scenario": "x"}, ["Simulatoren kender ikke scenario x", "default"]),
    ],
)
def test_unknown_settings_name_what_would_work(raw: dict[str, str], words: list[str]) -> None:
    answer = call(worker.mount("h", json.dumps(raw)))
    assert set(answer) == {"error"}
    for word in words:
        assert word in answer["error"]


@pytest.mark.parametrize("lang", ["en", "da"])
@pytest.mark.parametrize("cloud", ["o365-worldwide", "o365-21vianet"])
@pytest.mark.parametrize("screen", ["products", "licenses", "bills"])
def test_the_built_screen_is_what_a_fresh_mount_renders(lang: str, cloud: str, screen: str) -> None:
    """What lets the page keep its built DOM (mount's `built`): the build's first screen,
    in every cloud it is built for, is byte for byte the browser's first render."""
    settings = Settings.from_dict({"lang": lang, "cloud": "o365-worldwide", "screen": screen})
    frame = render_frame("sim-demo", settings)
    raw = json.dumps({"lang": lang, "cloud": cloud, "scenario": "default", "screen": screen})
    assert call(worker.mount("sim-demo", raw))["html"] in frame


def test_a_mount_on_the_built_screen_renders_nothing() -> None:
    answer = call(worker.mount("a", SETTINGS, "", True))
    assert answer["html"] is None
    assert answer["restored"] is None
    after = call(worker.dispatch("a", go("licenses")))  # the instance is there all the same
    assert screen(after["html"]) == "licenses"  # the whole portal: nothing rendered before
    assert screen(call(worker.dispatch("a", go("bills")))["regions"]["main"]) == "bills"


def test_a_restored_state_is_rendered_even_on_the_built_screen() -> None:
    worker.mount("a", SETTINGS)
    saved = call(worker.dispatch("a", go("licenses")))["state"]
    assert screen(call(worker.mount("a", SETTINGS, saved, True))["html"]) == "licenses"
    assert call(worker.mount("a", SETTINGS, "{not json", True))["html"] is not None


def click(action: str, **data: str) -> str:
    return json.dumps({"type": "click", "action": action, "data": data})


def test_a_click_answers_with_the_regions_it_changed() -> None:
    worker.mount("a", SETTINGS)
    answer = call(worker.dispatch("a", go("licenses")))
    assert answer["html"] is None
    assert set(answer["regions"]) == {"nav", "main"}  # the current link, the screen
    assert 'aria-current="page">Licenses<' in answer["regions"]["nav"]
    assert set(call(worker.dispatch("a", go("licenses")))["regions"]) == set()
    worker.dispatch("a", go("products"))
    assert set(call(worker.dispatch("a", click("filter-toggle")))["regions"]) == {"main"}


def test_a_pane_opening_or_closing_answers_with_the_whole_portal() -> None:
    worker.mount("a", SETTINGS)
    sub = worker._instances["a"].app.portal.subscriptions[0].id
    opened = call(worker.dispatch("a", click("open-pane", pane="buy", subscription=sub)))
    assert 'role="dialog"' in opened["html"] and "regions" not in opened
    closed = call(worker.dispatch("a", click("close-pane")))
    assert 'role="dialog"' not in closed["html"]


@pytest.mark.parametrize("lang", ["en", "da"])
def test_the_regions_answered_bring_the_page_to_the_whole_render(lang: str) -> None:
    """What the page does with an answer (whole portal, or changed regions over what it
    shows) always ends on the portal as a whole render would show it."""
    settings = json.dumps({"lang": lang, "cloud": "o365-21vianet", "scenario": "default"})
    worker.mount("a", settings)
    instance = worker._instances["a"]
    page = dict(instance.app.regions())
    sub = instance.app.portal.subscriptions[0].id
    events = [
        go("licenses"),
        click("open-license-subscription", subscription=sub),
        click("close-license-subscription"),
        go("bills"),
        click("bills-tab", tab="payment_methods"),
        click("nav-toggle"),
        click("nav-toggle"),
        go("products"),
        click("more-actions", subscription=sub),
        click("open-pane", pane="cancel", subscription=sub),
        click("close-pane"),
        click("open-subscription", subscription=sub),
        click("open-pane", pane="buy", subscription=sub),
        json.dumps({"type": "click", "action": "save-total", "fields": {"total": "x"}}),
        click("close-pane"),
    ]
    for event in events:
        answer = call(worker.dispatch("a", event))
        if answer["html"] is None:
            for html in answer["regions"].values():  # one element each: the page parses
                assert html.startswith("<") and html.endswith(">")  # them all at once
            page.update(answer["regions"])
            assert instance.app.frame(page) == instance.app.render()
        else:
            assert answer["html"] == instance.app.render()
            page = dict(instance.app.regions())
