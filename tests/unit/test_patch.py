"""simulator.patch: a keyed merge patch between two scenario data."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from simulator import patch

_VALUES = st.one_of(
    st.integers(-5, 200),
    st.text(max_size=6),
    st.booleans(),
    st.lists(st.text(max_size=3), max_size=3),
)
_IDS = st.sampled_from(["a", "b", "c", "d"])


@st.composite
def _record(draw: st.DrawFn) -> dict[str, Any]:
    fields: dict[str, Any] = draw(
        st.dictionaries(st.sampled_from(["name", "total", "kind", "x"]), _VALUES, max_size=4)
    )
    if draw(st.booleans()):
        fields["lines"] = draw(
            st.lists(
                st.fixed_dictionaries({"subscription": _IDS, "quantity": st.integers(1, 9)}),
                max_size=3,
                unique_by=lambda line: line["subscription"],
            )
        )
    return fields


@st.composite
def _data(draw: st.DrawFn) -> dict[str, Any]:
    data: dict[str, Any] = draw(st.dictionaries(st.sampled_from(["today", "role", "org"]), _VALUES))
    for name in ("people", "subscriptions", "payment_methods"):
        ids = draw(st.lists(_IDS, unique=True, max_size=4))
        data[name] = [{"id": ident, **draw(_record())} for ident in ids]
    return data


def _by_id(data: Any) -> Any:
    """``data`` with its records in id order: a patch keeps the base's order of records
    (the simulator changes records in place and adds new ones at the end)."""
    if isinstance(data, dict):
        return {k: _by_id(v) for k, v in data.items()}
    if isinstance(data, list) and data and all(isinstance(x, dict) for x in data):
        return sorted(
            (_by_id(x) for x in data), key=lambda x: str(x.get("id", x.get("subscription")))
        )
    return data


@settings(max_examples=300, deadline=None)
@given(_data(), _data())
def test_applying_the_diff_gives_the_other_data(
    before: dict[str, Any], after: dict[str, Any]
) -> None:
    changes = patch.diff(before, after)
    assert _by_id(patch.apply(before, changes)) == _by_id(after)
    assert patch.diff(before, before) == {}


@given(_data())
def test_apply_leaves_its_input_alone(data: dict[str, Any]) -> None:
    copy = repr(data)
    patch.apply(data, {"people": {"a": None, "z": {"name": "Zoe"}}})
    assert repr(data) == copy


def test_a_patch_names_only_the_record_that_changed() -> None:
    before = {"subscriptions": [{"id": "a", "total": 1}, {"id": "b", "total": 2}]}
    after = {"subscriptions": [{"id": "a", "total": 1}, {"id": "b", "total": 5}]}
    assert patch.diff(before, after) == {"subscriptions": {"b": {"total": 5}}}
    added = {"subscriptions": [*after["subscriptions"], {"id": "c", "total": 1}]}
    assert patch.diff(after, added) == {"subscriptions": {"c": {"total": 1}}}
    assert patch.apply(after, patch.diff(after, added)) == added  # new records come last
    assert patch.apply(after, patch.diff(after, added)) == added  # new records come last
    assert patch.apply(after, {"subscriptions": {"a": None}}) == {
        "subscriptions": [{"id": "b", "total": 5}]
    }
