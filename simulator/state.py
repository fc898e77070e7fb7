"""One versioned format for a simulator's state: what the page saves and resumes, and what
a share link carries.

A state is the packaged scenario it starts from (by id), the changes made to that
scenario's data since (``simulator.patch``: the portal's state in the terms of a scenario
file, so a saved state is bounded by the portal's size, never by what the reader typed),
where the reader is (the screen, what is open on it and typed in it) and, while they
practise a procedure (``simulator.guide``), where they are in it. It never holds
more than the portal keeps: no card number, no security code (``SECRET_FIELDS``), even
while they are being typed.

Encoded as JSON (``{"v", "scenario", "patch", "view"}``, and ``"practice"``: ``{"id",
"step", "act"}`` while practising; a state without it is not practising, as states saved
before practice was part of the format are read). Anything read back (from
storage, from a link) is checked before it is used: ``decode`` refuses text that is too
long or too deep, of another version, or of the wrong shape, with a ``StateError`` whose
message says why, in plain words; ``restore`` refuses changes that make an invalid
scenario. The caller then starts from the scenario and says so; nothing is fatal.

A share link carries the same JSON in the address's fragment (``#state=``, which the
browser never sends to the server): ``to_link`` writes ``<version>.<base64url of the
zlib-compressed JSON>``, ``from_link`` reads it back or raises a ``StateError`` whose
``reason`` is a catalog message for the reader (damaged, from a newer version).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import zlib
from dataclasses import dataclass, fields, replace
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any, TypeGuard

from . import patch, scenario
from .i18n import N_
from .model import Portal, ProductFilter
from .ui import SCREENS, UI, Settings

VERSION = 2
#: A saved state longer than this is not read (a few kilobytes is usual).
MAX_TEXT = 256 * 1024
#: Deeper nesting than this is not read (scenario data is 6 levels deep).
MAX_DEPTH = 16
#: What is typed into these fields is never kept: the portal keeps only a card's last digits.
SECRET_FIELDS = frozenset({"number", "security_code"})
#: What the view does not keep: messages of the last event and where focus goes.
TRANSIENT = frozenset({"error", "error_field", "status", "focus", "cloud"})


#: A share link longer than this (in characters) is better sent as a scenario file.
LINK_WARN = 8000
#: The fragment's parameter that holds a shared state.
LINK_PARAM = "state"
_LINK_BODY = re.compile(r"^[A-Za-z0-9_-]*$")

# What the reader is told when a share link cannot be opened (catalog msgids).
LINK_DAMAGED = N_(
    "This link is incomplete or damaged, so the simulator shows its first scenario. Ask "
    "for the link again, or for the scenario file."
)
LINK_NEWER = N_(
    "This link was made by a newer version of the kit, so the simulator shows its first "
    "scenario. Open it on the site it was made on, or ask for the scenario file."
)
LINK_INVALID = N_(
    "The changes in this link do not make a valid scenario here, so the simulator shows "
    "its first scenario. Ask for the scenario file, which says what is wrong."
)
LINK_LONG = N_(
    "This link is %(length)s characters long: some mail and chat tools cut links that "
    "long. Send the scenario file instead (Download YAML)."
)


class StateError(ValueError):
    """A saved or shared state that cannot be used; the message says why (plain English,
    for logs and support) and ``reason`` what the reader is told (a catalog msgid)."""

    def __init__(self, message: str, reason: str = LINK_DAMAGED) -> None:
        super().__init__(message)
        self.reason = reason


#: A procedure's id (``walkthrough.steps.procedures``): what a practice position may name.
PROCEDURE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")
#: More steps or acts than any procedure has: a position beyond them is not read.
MAX_STEP = 100


@dataclass(frozen=True)
class Position:
    """Where a learner is in guided practice: procedure ``id``, ``step`` (1-based; one past
    the last: done) and ``act`` within the step (0-based)."""

    id: str
    step: int
    act: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "step": self.step, "act": self.act}


@dataclass(frozen=True)
class State:
    scenario: str
    patch: dict[str, Any]
    view: dict[str, Any]
    practice: Position | None = None


# -- from an instance -------------------------------------------------------------------


def capture(portal: Portal, ui: UI, scenario_id: str) -> State:
    """The state of an instance showing ``portal`` and ``ui``, started from ``scenario_id``."""
    base = base_data(scenario_id)
    return State(scenario_id, patch.diff(base, _plain(portal_data(portal, base))), view_of(ui))


def of_data(data: Any, scenario_id: str, view: dict[str, Any]) -> State:
    """A state holding scenario ``data`` whole (a file's), as its changes to the packaged
    scenario ``scenario_id``; ScenarioError when ``data`` is not a valid scenario."""
    normalized = _plain(scenario.normalize(data, source="the scenario"))
    return State(scenario_id, patch.diff(base_data(scenario_id), normalized), view)


def view_of(ui: UI) -> dict[str, Any]:
    """Where the reader is: ``ui`` without messages, focus, or a secret being typed."""
    view: dict[str, Any] = {}
    for name in (f.name for f in fields(UI)):
        if name in TRANSIENT:
            continue
        value = getattr(ui, name)
        if name == "values":
            value = {k: v for k, v in value.items() if k not in SECRET_FIELDS}
        elif isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, ProductFilter):
            value = value.value
        view[name] = value
    return view


def encode(state: State) -> str:
    data = {"v": VERSION, "scenario": state.scenario, "patch": state.patch, "view": state.view}
    if state.practice is not None:
        data["practice"] = state.practice.to_dict()
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def to_link(state: State) -> str:
    """``state`` as a share link's token: ``<version>.<base64url(zlib(JSON))>``."""
    packed = zlib.compress(encode(state).encode("utf-8"), 9)
    return f"{VERSION}." + base64.urlsafe_b64encode(packed).rstrip(b"=").decode("ascii")


def from_link(token: str) -> State:
    """The state a share link's token holds; StateError (with its ``reason``) otherwise."""
    if not isinstance(token, str) or not token.strip():
        raise StateError("the link holds no state")
    version, dot, body = token.strip().partition(".")
    if not dot or not version.isascii() or not version.isdigit() or len(version) > 6:
        raise StateError("the link's state has no version")
    if int(version) > VERSION:
        raise StateError(f"the link is of version {version}, newer than {VERSION}", LINK_NEWER)
    if int(version) != VERSION:
        raise StateError(f"the link is of version {version}, not {VERSION}")
    if len(body) > MAX_TEXT or not _LINK_BODY.match(body):
        raise StateError("the link's state is not base64url text of a usable length")
    try:
        packed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (ValueError, binascii.Error):
        raise StateError("the link's state is cut off (its base64 is incomplete)") from None
    unpacker = zlib.decompressobj()
    try:
        raw = unpacker.decompress(packed, MAX_TEXT + 1)
    except zlib.error as error:
        raise StateError(f"the link's state is damaged ({error})") from None
    if len(raw) > MAX_TEXT or unpacker.unconsumed_tail:
        raise StateError("the link's state unpacks to more than any state")
    if not unpacker.eof:
        raise StateError("the link's state is cut off")
    try:
        return decode(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise StateError("the link's state is not UTF-8 text") from None


# -- back to an instance ----------------------------------------------------------------


def decode(text: str) -> State:
    """The state ``text`` holds; StateError when it cannot be one."""
    if not isinstance(text, str) or not text.strip():
        raise StateError("there is no saved state")
    if len(text) > MAX_TEXT:
        raise StateError(f"the saved state is {len(text):,} characters long, more than any state")
    if _depth(text) > MAX_DEPTH:
        raise StateError("the saved state is nested deeper than any state")
    try:
        data = json.loads(text)
    except ValueError as error:
        raise StateError(f"the saved state is not JSON ({error})") from None
    if not isinstance(data, dict):
        raise StateError(f"the saved state is {type(data).__name__}, not a mapping")
    if data.get("v") != VERSION:
        raise StateError(f"the saved state is of version {data.get('v')!r}, not {VERSION}")
    state_scenario, changes, view = data.get("scenario"), data.get("patch"), data.get("view")
    if not isinstance(state_scenario, str) or scenario.check_id(state_scenario) is not None:
        raise StateError(f"the saved state names no scenario it can start from: {state_scenario!r}")
    if not isinstance(changes, dict) or not isinstance(view, dict):
        raise StateError("the saved state lacks its changes or its view")
    return State(state_scenario, changes, view, position(data.get("practice")))


def position(raw: Any) -> Position | None:
    """The practice position ``raw`` (a decoded ``"practice"``) names; None for none;
    StateError when it names no place in a procedure."""
    if raw is None:
        return None
    if not isinstance(raw, dict) or set(raw) - {"id", "step", "act"}:
        raise StateError("the saved practice is not a place in a procedure")
    pid, step, act = raw.get("id"), raw.get("step"), raw.get("act", 0)
    if not isinstance(pid, str) or not PROCEDURE_ID.fullmatch(pid):
        raise StateError(f"the saved practice names no procedure: {str(pid)[:40]!r}")
    if not _number(step, 1) or not _number(act, 0):
        raise StateError(
            f"the saved practice's step is not a number from 1 to {MAX_STEP}, "
            f"or its act one from 0 to {MAX_STEP}"
        )
    return Position(pid, step, act)


def _number(value: Any, least: int) -> TypeGuard[int]:
    return type(value) is int and least <= value <= MAX_STEP


def restore(state: State, settings: Settings) -> tuple[Portal, UI]:
    """The portal and screen ``state`` describes, for an instance with ``settings``.

    StateError when its scenario is not this instance's or its changes make an invalid
    scenario. A view that does not fit (a screen that is gone) is replaced by the settings'
    first screen: the portal's data is what must not be lost.
    """
    if state.scenario != settings.scenario:
        raise StateError(
            f"the saved state starts from the scenario {state.scenario!r}, "
            f"not {settings.scenario!r}"
        )
    try:
        data = patch.apply(base_data(state.scenario), state.patch)
        portal = scenario.build_portal(
            data, lang=settings.lang, cloud=settings.cloud, source="the saved state"
        )
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as error:
        raise StateError(
            f"the saved changes do not make a valid scenario: {error}", LINK_INVALID
        ) from None
    return portal, ui_of(state.view, settings)


def ui_of(view: dict[str, Any], settings: Settings) -> UI:
    """``view`` as a UI (what it holds of the wrong type is left out; an unknown screen
    gives the settings' screen)."""
    start = UI(screen=settings.screen, cloud=settings.cloud)
    kept: dict[str, Any] = {}
    for f in fields(UI):
        if f.name in TRANSIENT or f.name not in view:
            continue
        value, default = view[f.name], getattr(start, f.name)
        if f.name == "product_filter":
            value = ProductFilter(value) if value in tuple(ProductFilter) else default
        elif f.name == "values":
            value = _values(value)
        elif isinstance(default, tuple):
            value = tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()
        elif type(value) is not type(default):
            continue
        kept[f.name] = value
    ui = replace(start, **kept)
    return ui if ui.screen in SCREENS else replace(ui, screen=settings.screen)


def _values(value: Any) -> dict[str, str | list[str]]:
    if not isinstance(value, dict):
        return {}
    out: dict[str, str | list[str]] = {}
    for name, typed in value.items():
        if not isinstance(name, str) or name in SECRET_FIELDS:
            continue
        if isinstance(typed, str):
            out[name] = typed
        elif isinstance(typed, list) and all(isinstance(t, str) for t in typed):
            out[name] = list(typed)
    return out


def _depth(text: str) -> int:
    """How deep ``text``'s brackets nest, outside strings (json.loads recurses that deep:
    in Pyodide a deep enough text exhausts the stack and breaks the interpreter)."""
    deepest = depth = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


# -- a portal as scenario data ----------------------------------------------------------


@cache
def base_data(scenario_id: str) -> dict[str, Any]:
    """The packaged scenario's data as ``portal_data`` writes data: every field written out,
    dates and amounts as text (what the changes are taken against)."""
    data: dict[str, Any] = _plain(
        scenario.normalize(scenario.load_data(scenario_id), source=scenario_id)
    )
    return data


def portal_data(portal: Portal, base: dict[str, Any]) -> dict[str, Any]:
    """``portal`` in the terms of a scenario file, on top of ``base`` (the data it started
    from: what the portal does not hold itself, such as the prices in other currencies)."""
    me = portal.signed_in
    base_subs = {s["id"]: s for s in base.get("subscriptions", [])}

    def owner(person: str | None, written: Any) -> Any:
        return written if person == me and written is None else person

    subscriptions = []
    for sub in portal.subscriptions:
        before = base_subs.get(sub.id, {})
        price = dict(before.get("price") or {})
        price[sub.currency] = f"{sub.price_per_license:.2f}"
        cancellation = sub.cancellation
        subscriptions.append(
            {
                "id": sub.id,
                "product": sub.product,
                "total_licenses": sub.total_licenses,
                "assigned": list(sub.assigned),
                "price": price,
                "purchased": sub.purchased.isoformat(),
                "expires": sub.expires.isoformat(),
                "self_service": sub.self_service,
                "purchaser": owner(sub.purchaser, before.get("purchaser"))
                if sub.self_service
                else None,
                "status": sub.status.value,
                "cancellation": {
                    "date": cancellation.date.isoformat(),
                    "reason": cancellation.reason,
                    "feedback": cancellation.feedback,
                }
                if cancellation
                else None,
            }
        )
    base_cards = {c["id"]: c for c in base.get("payment_methods", [])}
    base_profiles = {b["id"]: b for b in base.get("billing_profiles", [])}
    return {
        **base,
        "today": portal.today.isoformat(),
        "organization": portal.organization,
        "signed_in": me,
        "people": [
            {"id": p.id, "name": p.name, "email": p.email, "kind": p.kind.value}
            for p in portal.people
        ],
        "subscriptions": subscriptions,
        "payment_methods": [
            {
                "id": c.id,
                "brand": c.brand,
                "last4": c.last4,
                "name": c.holder,
                "expiry_month": c.expiry_month,
                "expiry_year": c.expiry_year,
                "address": c.address,
                "owner": owner(c.owner, base_cards.get(c.id, {}).get("owner")),
            }
            for c in portal.cards
        ],
        "billing_profiles": [
            {
                "id": b.id,
                "name": b.name,
                "owner": owner(b.owner, base_profiles.get(b.id, {}).get("owner")),
                "payment_method": b.payment_method,
                "invoices": [
                    {
                        "number": i.number,
                        "date": i.date.isoformat(),
                        "status": i.status.value,
                        "lines": [
                            {"subscription": line.subscription, "quantity": line.quantity}
                            for line in i.lines
                        ],
                    }
                    for i in portal.invoices
                    if i.billing_profile == b.id
                ],
            }
            for b in portal.billing_profiles
        ],
    }


def _plain(value: Any) -> Any:
    """Scenario data as a file writes it: dates and amounts as text, and a field with no
    value (None) left out, as a file leaves it out."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return value
