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
