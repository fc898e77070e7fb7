"""simulator.worker: the worker's entry points, and the state the page saves."""

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
    found = re.search(r'class="ssp-main"[^>]* data-screen="(\w+)"', html)
    assert found, html
    return found.group(1)


def changes(answer: dict[str, Any]) -> dict[str, Any]:
    """The changes to the scenario's data that a saved state holds."""
    saved: dict[str, Any] = json.loads(answer["state"])
    return dict(saved["patch"])


def click(action: str, fields: dict[str, Any] | None = None, **data: str) -> str:
    return json.dumps({"type": "click", "action": action, "data": data, "fields": fields or {}})


def buy(key: str, total: str) -> dict[str, Any]:
    """Buy licenses for Power BI Pro up to ``total``, as the page sends it."""
    worker.dispatch(key, click("open-subscription", subscription="powerbi-pro"))
    worker.dispatch(key, click("open-pane", pane="buy", subscription="powerbi-pro"))
    return call(worker.dispatch(key, click("save-total", {"total": total})))


def test_mount_without_state_starts_the_scenario() -> None:
    answer = call(worker.mount("a", SETTINGS))
    assert answer["restored"] is None
    assert screen(answer["html"]) == "products"
    assert changes(answer) == {}


def test_a_saved_state_comes_back_with_its_screen() -> None:
    worker.mount("a", SETTINGS)
    buy("a", "105")
    saved = call(worker.dispatch("a", go("licenses")))["state"]
    again = call(worker.mount("b", SETTINGS, saved))
    assert again["restored"] is True
    assert screen(again["html"]) == "licenses"
    assert again["state"] == saved
    assert changes(again) == {"subscriptions": {"powerbi-pro": {"total_licenses": 105}}}


@pytest.mark.parametrize("address", ["screen", "role"])
def test_the_address_chooses_where_to_start_never_whether_to_keep(address: str) -> None:
    """?screen= or ?role= in the page's address: the saved portal comes back all the same."""
    worker.mount("a", SETTINGS)
    saved = buy("a", "105")["state"]
    named = {"screen": {"screen": "bills"}, "role": {"role": "admin"}}[address]
    settings = json.dumps(json.loads(SETTINGS) | named)
    again = call(worker.mount("b", settings, saved, False, address != "screen"))
    assert again["restored"] is True
    assert changes(again) == {"subscriptions": {"powerbi-pro": {"total_licenses": 105}}}
    if address == "screen":
        assert screen(again["html"]) == "bills"


@pytest.mark.parametrize(
    "saved",
    [
        "{not json",
        json.dumps({"version": 1, "settings": {}, "events": []}),  # the saved log of before
        json.dumps([1, 2, 3]),
        json.dumps([None]),
        json.dumps(["x"]),
        "[" * 100_000 + "]" * 100_000,  # deeper than json.loads can go
        json.dumps({"v": 2, "scenario": "default", "patch": "x", "view": {}}),
        json.dumps({"v": 2, "scenario": "../etc", "patch": {}, "view": {}}),
        json.dumps(
            {"v": 2, "scenario": "default", "patch": {"subscriptions": {"x": 1}}, "view": {}}
        ),
        json.dumps({"v": 2, "scenario": "default", "patch": {"today": "yesterday"}, "view": {}}),
    ],
    ids=[
        "garbage",
        "older-version",
        "a-list",
        "a-null-in-a-list",
        "a-string-in-a-list",
        "too-deep",
        "patch-not-a-mapping",
        "a-path-for-a-scenario",
        "a-record-that-is-no-record",
        "an-invalid-date",
    ],
)
def test_an_unusable_state_starts_the_scenario_and_says_why(saved: str) -> None:
    answer = call(worker.mount("c", SETTINGS, saved))
    assert answer["restored"] is False and answer["why"]
    assert screen(answer["html"]) == "products"
    assert changes(answer) == {}


def test_a_state_of_another_scenario_is_not_restored() -> None:
    worker.mount("d", SETTINGS)
    saved = buy("d", "105")["state"]
    other = json.dumps(json.loads(SETTINGS) | {"scenario": "expired-card"})
    assert call(worker.mount("e", other, saved))["restored"] is False


def test_reset_returns_to_the_scenario() -> None:
    worker.mount("f", SETTINGS)
    buy("f", "105")
    answer = call(worker.reset("f"))
    assert screen(answer["html"]) == "products"
    assert changes(answer) == {}


def test_typing_does_not_grow_the_saved_state() -> None:
    """What is saved is the portal's state, not the reader's keystrokes."""
    worker.mount("g", SETTINGS)
    worker.dispatch("g", go("licenses"))
    worker.dispatch("g", click("open-license-subscription", subscription="power-automate"))
    first = call(worker.dispatch("g", click("open-assign")))["state"]
    typed = ""
    for char in "Jonas Berg from the sales team " * 40:
        typed += char
        answer = call(
            worker.dispatch(
                "g",
                json.dumps(
                    {"type": "input", "action": "find-person", "fields": {"find": typed[-60:]}}
                ),
            )
        )
    assert len(answer["state"]) < len(first) + 100


def test_a_card_number_and_security_code_are_never_in_the_state() -> None:
    worker.mount("h", SETTINGS)
    worker.dispatch("h", go("bills"))
    worker.dispatch("h", click("bills-tab", tab="payment_methods"))
    worker.dispatch("h", click("add-card"))
    card = {
        "number": "4111 1111 1111 1111",
        "name": "Mette Larsen",
        "expiration": "12/30",
        "security_code": "737",
        "address": "Strandvejen 12",
    }
    refused = call(worker.dispatch("h", click("save-card", card | {"address": ""})))
    added = call(worker.dispatch("h", click("save-card", card)))
    for answer in (refused, added):
        assert "4111" not in answer["state"] and "737" not in answer["state"]
    assert "1111" in json.dumps(changes(added))  # the last four digits are the portal's


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
    """The address's parameter at fault comes back with the values that would work."""
    answer = call(worker.mount("h", json.dumps(raw)))
    assert set(answer) == {"error", "param", "choices"}
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


def test_a_long_unknown_value_is_shortened_in_the_message() -> None:
    answer = call(worker.mount("h", json.dumps({"cloud": "o365-" + "x" * 500})))
    assert answer["param"] == "view" and "o365-21vianet" in answer["choices"]
    assert len(answer["error"]) < 200 and "…" in answer["error"]
