"""The page script's side of the event protocol, in Python: what a click, a keystroke or a
change on a rendered element sends to ``App.handle``.

``walkthrough/assets/simulator.js`` builds ``simulator.protocol.Event``s from DOM events; the
in-process driver (and the screen tests) build the same events from the same HTML, so the
two can only differ where the browser computes something this module does not:

click   ``target.closest("[data-action]")`` inside the portal; no such element, no event.
        ``data``: the element's ``data-*`` attributes but ``data-action`` (``dataOf``).
input   ``closest("[data-input-action]")``; ``data`` without ``input-action`` and ``field``.
change  ``closest("[data-change-action]")``; ``data`` without ``change-action`` and ``field``.
fields  every ``[data-field]`` of the portal (``fieldsOf``): a checked radio's value; a
        checkbox: "on" when it is alone with that field name and checked, else the list of
        the checked ones' values (empty when none is); any other control: its value.

A ``Live`` holds what the person changed since the portal was last drawn (typed text,
ticked boxes, a chosen option): the browser keeps that in the DOM until the next event's
answer replaces it, and so does ``Live`` (``clear`` after every event).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from simulator.protocol import Event, EventType, FieldValue

from .a11y import Node, Tree


@dataclass
class Live:
    """Values changed in the page since it was drawn, by element (``id()`` of the node)."""

    values: dict[int, str] = field(default_factory=dict)
    checked: dict[int, bool] = field(default_factory=dict)

    def clear(self) -> None:
        self.values.clear()
        self.checked.clear()

    def value(self, node: Node) -> str:
        if id(node) in self.values:
            return self.values[id(node)]
        return drawn_value(node)

    def is_checked(self, node: Node) -> bool:
        return self.checked.get(id(node), "checked" in node.attrs)

    def set_checked(self, tree: Tree, node: Node, on: bool) -> None:
        """Tick or untick ``node``; a radio unticks the others of its group."""
        if on and node.attrs.get("type") == "radio" and "name" in node.attrs:
            for other in tree.nodes:
                if other is not node and other.attrs.get("name") == node.attrs["name"]:
                    self.checked[id(other)] = False
        self.checked[id(node)] = on


def drawn_value(node: Node) -> str:
    """A control's value as drawn: an input's ``value``, a textarea's text, a select's
    selected option (else its first)."""
    if node.tag == "textarea":
        return "".join(c for c in node.children if isinstance(c, str))
    if node.tag == "select":
        options = [n for n in node.walk() if n.tag == "option"]
        chosen = next((o for o in options if "selected" in o.attrs), None)
        chosen = chosen or (options[0] if options else None)
        return option_value(chosen) if chosen else ""
    return node.attrs.get("value", "")


def option_value(option: Node) -> str:
    return option.attrs.get("value", option.text())


def data_of(node: Node, skip: tuple[str, ...]) -> dict[str, str]:
    """``dataOf``: the element's ``data-*`` attributes without the prefix, but ``skip``."""
    return {
        key[5:]: value
        for key, value in node.attrs.items()
        if key.startswith("data-") and key[5:] not in skip
    }


def fields_of(tree: Tree, live: Live) -> dict[str, FieldValue]:
    """``fieldsOf``: the current value of every ``[data-field]`` control."""
    fields: dict[str, FieldValue] = {}
    counts: dict[str, int] = {}
    for node in tree.fields:
        counts[node.attrs["data-field"]] = counts.get(node.attrs["data-field"], 0) + 1
    for node in tree.fields:
        name = node.attrs["data-field"]
        kind = node.attrs.get("type", "") if node.tag == "input" else ""
        if kind == "radio":
            if live.is_checked(node):
                fields[name] = node.attrs.get("value", "on")
        elif kind == "checkbox":
            if counts[name] > 1:
                current = fields.setdefault(name, [])
                if isinstance(current, list) and live.is_checked(node):
                    current.append(node.attrs.get("value", "on"))
            elif live.is_checked(node):
                fields[name] = "on"
        elif node.tag in ("input", "select", "textarea", "button", "output"):
            fields[name] = live.value(node)
    return fields


def _event(tree: Tree, live: Live, node: Node, kind: EventType, attr: str) -> Event | None:
    target = node.closest(attr)
    if target is None:
        return None
    skip = ("action",) if kind == "click" else (attr[5:], "field")
    return Event(kind, target.attrs[attr], data_of(target, skip), fields_of(tree, live))


def click_event(tree: Tree, live: Live, node: Node) -> Event | None:
    """What a click on ``node`` sends (None: nothing, the element has no action)."""
    return _event(tree, live, node, "click", "data-action")


def input_event(tree: Tree, live: Live, node: Node) -> Event | None:
    """What typing into ``node`` sends (None: the field has no ``data-input-action``)."""
    return _event(tree, live, node, "input", "data-input-action")


def change_event(tree: Tree, live: Live, node: Node) -> Event | None:
    """What changing ``node`` sends (None: the field has no ``data-change-action``)."""
    return _event(tree, live, node, "change", "data-change-action")
