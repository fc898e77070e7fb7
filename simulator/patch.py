"""The changes between two scenario data, and applying them: a keyed merge patch.

Scenario data (what a scenario file holds) is mappings, lists and values. A patch is an
RFC 7396 merge patch over a *keyed* view of the data, where a list of records that have
ids (people, subscriptions, cards, billing profiles by ``id``; invoices by ``number``;
invoice lines by ``subscription``) is a mapping from id to record: so a patch names the
one record that changed, not the whole list. A key whose value is ``None`` in the patch is
removed; any other list (the people a license is assigned to) is replaced whole.

The patch is what a saved state and a share link carry (``simulator.state``): small for
a few changes, and meaningful on any copy of the site that has the same scenario.
"""

from __future__ import annotations

from typing import Any

#: The field that identifies the records of a list, by the list's name.
RECORD_IDS: dict[str, str] = {
    "people": "id",
    "subscriptions": "id",
    "payment_methods": "id",
    "billing_profiles": "id",
    "invoices": "number",
    "lines": "subscription",
}

Data = dict[str, Any]


def _keyed(name: str, value: Any) -> Any:
    """``value`` (the field ``name`` of a record) with its lists of records keyed by id."""
    key = RECORD_IDS.get(name)
    records = isinstance(value, list) and all(
        isinstance(item, dict) and isinstance(item.get(key), str) for item in value
    )
    if key is not None and records:
        return {
            item[key]: _keyed_record({k: v for k, v in item.items() if k != key}) for item in value
        }
    if isinstance(value, dict):
        return _keyed_record(value)
    return value


def _keyed_record(record: Data) -> Data:
    return {name: _keyed(name, value) for name, value in record.items()}


def _listed(name: str, value: Any) -> Any:
    """The inverse of ``_keyed``: lists of records in their order."""
    key = RECORD_IDS.get(name)
    if key is not None and isinstance(value, dict):
        return [{key: ident, **_listed_record(record)} for ident, record in value.items()]
    if isinstance(value, dict):
        return _listed_record(value)
    return value


def _listed_record(record: Data) -> Data:
    return {name: _listed(name, value) for name, value in record.items()}


def _merge_diff(before: Any, after: Any) -> Any:
    """The merge patch that turns ``before`` into ``after`` (both keyed)."""
    if not (isinstance(before, dict) and isinstance(after, dict)):
        return after
    patch: Data = {}
    for name, value in after.items():
        if name not in before:
            patch[name] = value
        elif before[name] != value:
            patch[name] = _merge_diff(before[name], value)
    for name in before:
        if name not in after:
            patch[name] = None
    return patch


def _merge_apply(target: Any, patch: Any) -> Any:
    if not isinstance(patch, dict):
        return patch
    out: Data = dict(target) if isinstance(target, dict) else {}
    for name, value in patch.items():
        if value is None:
            out.pop(name, None)
        else:
            out[name] = _merge_apply(out.get(name), value)
    return out


def diff(before: Data, after: Data) -> Data:
    """The patch that turns scenario data ``before`` into ``after`` ({} when equal)."""
    patch = _merge_diff(_keyed_record(before), _keyed_record(after))
    return patch if isinstance(patch, dict) else {}


def apply(data: Data, patch: Data) -> Data:
    """``data`` with ``patch`` applied (``data`` is left as it was)."""
    if not isinstance(patch, dict):
        raise ValueError(f"a patch is a mapping of changes, not {type(patch).__name__}")
    merged = _merge_apply(_keyed_record(data), patch)
    return _listed_record(merged)
