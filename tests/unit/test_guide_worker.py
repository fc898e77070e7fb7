"""The worker's guided practice: start, judge every event, Back to step N (a replay from
the procedure's start), resume, reset, stop."""

from __future__ import annotations

import json
from typing import Any

from guides import page_guides

from simulator import worker
from simulator.markets import Cloud

SETTINGS = json.dumps({"lang": "en", "cloud": "o365-worldwide", "scenario": "default"})
KEY = "sim-guide-test"


def buy() -> str:
    data = page_guides("en")[0]["buy-or-reduce-licenses"][Cloud.WORLDWIDE.value]
    return json.dumps(data)


def call(result: str) -> dict[str, Any]:
    answer: dict[str, Any] = json.loads(result)
    return answer


def click(action: str, fields: dict[str, str] | None = None, **data: str) -> str:
    return json.dumps({"type": "click", "action": action, "data": data, "fields": fields or {}})


def started(step: int = 1) -> dict[str, Any]:
    worker.mount(KEY, SETTINGS)
    return call(worker.practise(KEY, buy(), step))


def test_practice_starts_at_step_one_pointing_at_its_control() -> None:
    answer = started()
    assert answer["guide"]["step"] == 1 and answer["guide"]["count"] == 4
    assert {"action": "go", "screen": "products"} in answer["guide"]["pointer"]


def test_the_right_events_advance_to_done_with_what_changed() -> None:
    started()
    steps = [
        click("go", screen="products"),
        click("open-subscription", subscription="powerbi-pro"),
        click("open-pane", pane="buy", subscription="powerbi-pro"),
        click("save-total", {"total": "105"}),
    ]
    for number, event in enumerate(steps, start=1):
        answer = call(worker.dispatch(KEY, event))
        assert not answer["guide"]["hint"], number
    assert answer["guide"]["done"]
    assert answer["guide"]["summary"] == "Power BI Pro now has 105 licenses."


def test_a_wrong_event_gives_a_hint_and_leaves_the_step_current() -> None:
    started(3)
    answer = call(worker.dispatch(KEY, click("close-subscription")))
    assert answer["guide"]["step"] == 3
    assert answer["guide"]["hint"] == (
        "This step asks for **Buy licenses** or **Remove licenses**."
    )
    answer = call(worker.dispatch(KEY, click("go", screen="licenses")))
    assert answer["guide"]["hint"] == (
        "This step asks for **Buy licenses** or **Remove licenses**; you chose **Licenses**."
    )
    assert answer["guide"]["step"] == 3


def test_a_step_given_in_the_address_replays_the_steps_before_it() -> None:
    answer = started(3)
    assert answer["guide"]["step"] == 3
    assert "Power BI Pro" in answer["html"]  # step 2 opened it
    back = call(worker.practise(KEY, buy(), 2))
    assert back["guide"]["step"] == 2
    assert json.loads(back["state"])["view"]["detail"] == ""


def test_reset_goes_back_to_step_one_and_stop_keeps_the_state() -> None:
    started(3)
    assert call(worker.reset(KEY))["guide"]["step"] == 1
    started(4)
    stopped = call(worker.stop_practice(KEY))
    assert stopped["guide"] is None
    assert json.loads(stopped["state"])["view"]["pane"] == "buy"
    assert call(worker.dispatch(KEY, click("close-pane")))["guide"] is None


def test_a_reload_resumes_at_the_step_on_the_state_it_was_mounted_with() -> None:
    saved = started(4)["state"]
    worker.mount(KEY, SETTINGS, saved)
    answer = call(worker.practise(KEY, buy(), 4, 0, False))
    assert answer["guide"]["step"] == 4
    assert json.loads(answer["state"])["view"]["pane"] == "buy"
