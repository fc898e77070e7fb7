"""What the screens send back: the event protocol between the DOM and ``App.handle``.

One protocol for both sides that drive the simulator, so they cannot disagree: the page's
script (``walkthrough/assets/simulator.js``) builds these events from real DOM events, and
the step checker's in-process driver builds them from the same rendered HTML.

Markup (in the templates):
    ``data-action="NAME"`` on a clickable element (button, link, tab, menu item, option,
        radio, checkbox): a click sends ``Event(type="click", action=NAME, data=...)``,
        ``data`` being the element's other ``data-*`` attributes, without the prefix
        (``data-subscription="x"`` -> ``{"subscription": "x"}``).
    ``data-field="NAME"`` on a form control (input, textarea, select, a radiogroup's
        radios, a checkbox): its current value travels in every event's ``fields``:
        text for text-like inputs and selects, the checked radio's ``value`` for radios
        sharing a name (absent when none is checked), ``"on"``/absent for checkboxes.
        A field holding a list (several checkboxes with the same ``data-field``) sends the
        ``value`` attributes of the checked ones, as a list.
    ``data-input-action="NAME"`` on a text field: every keystroke sends
        ``Event(type="input", action=NAME, data=..., fields=...)`` (type-ahead search).
    ``data-change-action="NAME"`` on a select: a change sends ``type="change"``.

Python owns every value: a re-render writes back the field values it was sent, so
nothing typed is lost when the screen is redrawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

EventType = Literal["click", "input", "change"]
FieldValue = str | list[str]


class EventError(ValueError):
    """An event the simulator cannot understand: a bug in a caller, not a user mistake."""


@dataclass(frozen=True)
class Event:
    type: EventType
    action: str
    data: dict[str, str] = field(default_factory=dict)
    fields: dict[str, FieldValue] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Event:
        kind = raw.get("type", "click")
        if kind not in ("click", "input", "change"):
            raise EventError(f"event type {kind!r} is not click, input or change: {raw!r}")
        action = raw.get("action")
        if not isinstance(action, str) or not action:
            raise EventError(f"event without an action: {raw!r}")
        data = {str(k): str(v) for k, v in dict(raw.get("data") or {}).items()}
        fields: dict[str, FieldValue] = {}
        for name, value in dict(raw.get("fields") or {}).items():
            fields[str(name)] = [str(v) for v in value] if isinstance(value, list) else str(value)
        return cls(type=kind, action=action, data=data, fields=fields)
