"""simulator.browser: the worker's entry points, and state saved as a replayable log."""

from __future__ import annotations

import json
from typing import Any

import pytest

from simulator import browser
from simulator.app import Settings
from simulator.embed import render_frame

SETTINGS = json.dumps({"lang": "en", "cloud": "o365-worldwide", "scenario": "default"})


def go(screen: str) -> str:
    return json.dumps({"type": "click", "action": "go", "data": {"screen": screen}})


def call(result: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(result)
    return data


def test_mount_without_state_starts_the_scenario() -> None:
    answer = call(browser.mount("a", SETTINGS))
    assert answer["restored"] is None
    assert 'data-screen="products"' in answer["html"]
    assert json.loads(answer["state"])["events"] == []


def test_saved_log_replays_to_the_same_screen_and_state() -> None:
    browser.mount("a", SETTINGS)
    saved = call(browser.dispatch("a", go("licenses")))["state"]
    again = call(browser.mount("b", SETTINGS, saved))
    assert again["restored"] is True
    assert 'data-screen="licenses"' in again["html"]
    assert again["state"] == saved


@pytest.mark.parametrize(
    "saved",
    [
        "{not json",
        json.dumps({"version": 0, "settings": {}, "events": []}),  # an older version
        json.dumps([1, 2, 3]),
        json.dumps({"version": browser.STATE_VERSION, "events": "x"}),
        json.dumps(
            {
                "version": browser.STATE_VERSION,
                "settings": json.loads(SETTINGS) | {"screen": "products"},
                "events": [{"type": "click", "action": "no-such-action"}],
            }
        ),
    ],
    ids=["garbage", "older-version", "not-an-object", "no-log", "unknown-event"],
)
def test_unusable_state_is_discarded_with_a_notice(saved: str) -> None:
    answer = call(browser.mount("c", SETTINGS, saved))
    assert answer["restored"] is False
    assert 'data-screen="products"' in answer["html"]
    assert json.loads(answer["state"])["events"] == []


def test_state_of_other_settings_is_not_restored() -> None:
    browser.mount("d", SETTINGS)
    saved = call(browser.dispatch("d", go("bills")))["state"]
    danish = json.dumps({"lang": "da", "cloud": "o365-worldwide", "scenario": "default"})
    assert call(browser.mount("e", danish, saved))["restored"] is False


def test_reset_returns_to_the_scenario() -> None:
    browser.mount("f", SETTINGS)
    browser.dispatch("f", go("licenses"))
    answer = call(browser.reset("f"))
    assert 'data-screen="products"' in answer["html"]
    assert json.loads(answer["state"])["events"] == []


def test_a_log_too_long_to_keep_is_not_saved(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(browser, "MAX_EVENTS", 2)
    browser.mount("g", SETTINGS)
    for screen in ("licenses", "bills"):
        assert call(browser.dispatch("g", go(screen)))["state"]
    assert call(browser.dispatch("g", go("products")))["state"] == ""


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
    answer = call(browser.mount("h", json.dumps(raw)))
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
    assert call(browser.mount("sim-demo", raw))["html"] in frame


def test_a_mount_on_the_built_screen_renders_nothing() -> None:
    answer = call(browser.mount("a", SETTINGS, "", True))
    assert answer["html"] is None
    assert answer["restored"] is None
    after = call(browser.dispatch("a", go("licenses")))  # the instance is there all the same
    assert 'data-screen="licenses"' in after["html"]


def test_a_restored_state_is_rendered_even_on_the_built_screen() -> None:
    browser.mount("a", SETTINGS)
    saved = call(browser.dispatch("a", go("licenses")))["state"]
    assert 'data-screen="licenses"' in call(browser.mount("a", SETTINGS, saved, True))["html"]
    assert call(browser.mount("a", SETTINGS, "{not json", True))["html"] is not None
