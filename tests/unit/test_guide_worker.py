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


def _licenses_open() -> str:
    """An instance the reader has moved on (the Licenses screen): its state."""
    worker.mount(KEY, SETTINGS)
    return str(call(worker.dispatch(KEY, click("go", screen="licenses")))["state"])


def _failed(answer: dict[str, Any], why: str) -> None:
    assert set(answer) == {"error"}
    text = str(worker.PRACTICE_FAILED) % {"why": why}
    assert answer["error"] == text


def test_a_step_the_procedure_lacks_is_refused_and_the_readers_state_stays() -> None:
    before = _licenses_open()
    for step in (0, 5, 99, -1):
        answer = call(worker.practise(KEY, buy(), step))
        _failed(answer, str(worker.PRACTICE_STEP) % {"step": step, "count": 4})
    assert call(worker.saved_state(KEY))["state"] == before
    assert call(worker.dispatch(KEY, click("go", screen="products")))["guide"] is None


def test_guide_data_that_cannot_be_read_is_refused_and_the_readers_state_stays() -> None:
    before = _licenses_open()
    damaged = [
        "{",
        "[]",
        "null",
        json.dumps({"id": "buy-or-reduce-licenses", "steps": []}),
        json.dumps({"id": "buy-or-reduce-licenses", "steps": [{"text": "no number"}]}),
        json.dumps({"steps": json.loads(buy())["steps"]}),
        buy()[:-40],
    ]
    for data in damaged:
        _failed(call(worker.practise(KEY, data, 1)), str(worker.PRACTICE_DATA))
    assert call(worker.saved_state(KEY))["state"] == before


def test_steps_that_cannot_be_replayed_are_refused_and_the_readers_state_stays() -> None:
    before = _licenses_open()
    data = json.loads(buy())
    # a value to type with no button to send it
    data["steps"][0]["acts"] = [{"k": "fill", "keys": ["field.total_licenses"], "v": "7"}]
    answer = call(worker.practise(KEY, json.dumps(data), 3))
    _failed(answer, str(worker.PRACTICE_REPLAY) % {"step": 3})
    assert call(worker.saved_state(KEY))["state"] == before


def test_the_state_carries_where_the_learner_is_and_a_mount_gives_it_back() -> None:
    answer = started(3)
    saved = json.loads(answer["state"])
    assert saved["practice"] == {"id": "buy-or-reduce-licenses", "step": 3, "act": 0}
    mounted = call(worker.mount(KEY, SETTINGS, answer["state"]))
    assert mounted["practice"] == saved["practice"]
    resumed = call(worker.practise(KEY, buy(), 3, 0, False))
    assert resumed["guide"]["step"] == 3
    stopped = call(worker.stop_practice(KEY))
    assert "practice" not in json.loads(stopped["state"])
    assert call(worker.mount(KEY, SETTINGS, stopped["state"]))["practice"] is None
