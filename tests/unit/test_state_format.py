"""simulator.state: what the page saves, read back whatever storage hands over."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from simulator import state, worker

SETTINGS = json.dumps({"lang": "en", "cloud": "o365-worldwide", "scenario": "default"})

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=30,
)
_NAMES = st.sampled_from(
    [
        "v",
        "scenario",
        "patch",
        "view",
        "subscriptions",
        "powerbi-pro",
        "total_licenses",
        "screen",
        "values",
        "people",
        "today",
        "payment_methods",
        "chosen",
        "pane",
    ]
)
_SHAPED = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.sampled_from(["default", "bills", "x", ""]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_NAMES, inner, max_size=4),
    max_leaves=25,
)


def _mount(saved: str) -> dict[str, Any]:
    answer: dict[str, Any] = json.loads(worker.mount("fuzz", SETTINGS, saved))
    return answer


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        _JSON,
        _SHAPED,
        st.builds(
            lambda p, v: {"v": 2, "scenario": "default", "patch": p, "view": v}, _SHAPED, _SHAPED
        ),
    )
)
def test_any_saved_value_mounts_a_working_simulator(value: Any) -> None:
    """Whatever storage holds: the simulator mounts, from the scenario if it must, says
    whether it restored, and its next state is a state it can read back."""
    answer = _mount(json.dumps(value))
    assert "error" not in answer and answer["html"]
    assert answer["restored"] in (True, False)
    assert answer["restored"] or answer["why"]
    again = _mount(answer["state"])
    assert again["restored"] is True


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_read_or_refused_with_a_reason(text: str) -> None:
    try:
        state.decode(text)
    except state.StateError as error:
        assert str(error)


def test_deep_nesting_is_refused_before_it_is_parsed() -> None:
    for text in ("[" * 5000 + "]" * 5000, '{"a":' * 5000 + "1" + "}" * 5000):
        try:
            state.decode(text)
        except state.StateError as error:
            assert "deeper" in str(error)
        else:
            raise AssertionError("a deep text was read")


_BASE = {"v": 2, "scenario": "default", "patch": {}, "view": {}}


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        _JSON,
        st.fixed_dictionaries(
            {"id": _JSON | st.from_regex(state.PROCEDURE_ID, fullmatch=True), "step": _JSON},
            optional={"act": _JSON | st.integers(-2, 200)},
        ),
    )
)
def test_any_practice_value_is_a_place_in_a_procedure_or_refused(value: Any) -> None:
    """A state's practice (where a learner is in guided practice) is read like the rest:
    a place in a procedure, kept as it was written, or refused with a reason."""
    text = json.dumps({**_BASE, "practice": value})
    try:
        read = state.decode(text)
    except state.StateError as error:
        assert "practice" in str(error)
        return
    if value is None:
        assert read.practice is None
        return
    at = read.practice
    assert at is not None and state.PROCEDURE_ID.fullmatch(at.id)
    assert 1 <= at.step <= state.MAX_STEP and 0 <= at.act <= state.MAX_STEP
    assert state.decode(state.encode(read)) == read


@given(
    st.from_regex(state.PROCEDURE_ID, fullmatch=True),
    st.integers(1, state.MAX_STEP),
    st.integers(0, state.MAX_STEP),
)
def test_a_practice_position_is_saved_and_read_back_as_one_value(
    pid: str, step: int, act: int
) -> None:
    saved = state.State("default", {}, {"screen": "products"}, state.Position(pid, step, act))
    assert state.decode(state.encode(saved)) == saved


def test_a_state_saved_before_practice_was_part_of_it_is_read_as_not_practising() -> None:
    assert state.decode(json.dumps(_BASE)).practice is None
    assert "practice" not in json.loads(state.encode(state.decode(json.dumps(_BASE))))
