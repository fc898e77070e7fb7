"""Guided practice: what a step asks, whether an event does it, and where to point.

A procedure's guide is data computed at build time from the step checker's intents
(``walkthrough.steps.guide``): per step, its acts, each naming controls by their key in
``simulator.controls``, a value, a target or people. Nothing here is written per page or
per language. This module holds, in one place:

- ``SENDS``: what each control sends when it is used (the protocol's action and data), the
  one table behind judging an event, pointing at an element and replaying a step;
- ``does(event, act, app)``: whether ``event`` (already handled by ``app``) does ``act``.
  The worker judges a learner's event with it; ``example`` builds, for the in-process
  replay (Back to step N, a deep link), an event that ``does`` the act;
- ``Practice``: where a learner is in a procedure (step, act, hint), advanced by ``judge``.

Act kinds: ``go`` (a path of controls; its last one counts), ``click`` (one of ``keys``;
``target`` chooses between rows), ``fill`` (a field; ``value`` None: any accepted value),
``select`` (one of the options ``keys``), ``choose`` (``value`` in a radiogroup), ``pick``
(open ``target``), ``people`` (``users`` chosen; none named: anyone), ``complete`` (the
pane's form, ``fields``, accepted by its primary button), ``within`` (a pane or section:
held by the screen, never pointed at unless it is a tab).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from .actions import PANE_FIELDS, card_fields
from .controls import CONTROLS
from .i18n import N_
from .model import CANCEL_REASONS, card_name
from .protocol import Event, FieldValue

if TYPE_CHECKING:
    from .app import App
    from .ui import UI

Signature = tuple[str, dict[str, str]]

#: What each control sends (``data-action`` and the data that tell it apart), by key; a
#: control sending one of several actions (Save in different panes) has several.
SENDS: dict[str, tuple[Signature, ...]] = {
    "nav.billing": (("nav-toggle", {}),),
    "nav.your_products": (("go", {"screen": "products"}),),
    "nav.licenses": (("go", {"screen": "licenses"}),),
    "nav.bills_payments": (("go", {"screen": "bills"}),),
    "control.filter": (("filter-toggle", {}),),
    "filter.self_service": (("filter-self-service", {}),),
    "action.buy_licenses": (("open-pane", {"pane": "buy"}),),
    "action.remove_licenses": (("open-pane", {"pane": "remove"}),),
    "action.save": (("save-total", {}), ("save-cancel", {}), ("save-card", {})),
    "action.assign_licenses": (("open-assign", {}),),
    "action.assign": (("assign", {}),),
    "action.close": (("close-pane", {}),),
    "action.cancel": (("close-pane", {}),),
    "action.unassign_licenses": (("open-unassign", {}),),
    "action.unassign": (("unassign", {}),),
    "action.more_actions": (("more-actions", {}),),
    "action.cancel_subscription": (("open-pane", {"pane": "cancel"}),),
    "tab.billing_profiles": (("bills-tab", {"tab": "billing_profiles"}),),
    "tab.payment_methods": (("bills-tab", {"tab": "payment_methods"}),),
    "tab.invoices": (("bills-tab", {"tab": "invoices"}),),
    "action.edit": (("edit-card", {}),),
    "action.replace": (("replace-card", {}),),
    "action.add_payment_method": (("add-card", {}),),
    "action.add": (("save-card", {}),),
    "control.reset": (),
}

#: Form controls by key: their ``data-field``.
FIELDS: dict[str, str] = {
    "field.total_licenses": "total",
    "field.cancel_reason": "reason",
    "field.feedback": "feedback",
    "field.card_number": "number",
    "field.name_on_card": "name",
    "field.expiration": "expiration",
    "field.security_code": "security_code",
    "field.address": "address",
    "field.find_user": "find",
    "control.period": "period",
}

#: An option of a select, by key: (the select's key, the option's value).
OPTIONS: dict[str, tuple[str, str]] = {
    "period.past_3_months": ("control.period", "past_3_months"),
    "period.past_6_months": ("control.period", "past_6_months"),
    "period.date_range": ("control.period", "date_range"),
}

#: Where a control shows only inside a menu: the control that opens the menu.
OPENERS: dict[str, str] = {
    "filter.self_service": "control.filter",
    "action.cancel_subscription": "action.more_actions",
}

#: Controls each row of a list has: a step's target says which row.
ROWS = frozenset({"action.more_actions", "action.cancel_subscription"})

#: Places (a screen, tab, pane or section) by key: whether the screen shows them.
PLACES: dict[str, Callable[[UI], bool]] = {
    "nav.your_products": lambda ui: ui.screen == "products",
    "nav.licenses": lambda ui: ui.screen == "licenses",
    "nav.bills_payments": lambda ui: ui.screen == "bills",
    "tab.products": lambda ui: ui.screen == "products" and not ui.detail,
    "tab.billing_profiles": lambda ui: ui.screen == "bills" and ui.bills_tab == "billing_profiles",
    "tab.payment_methods": lambda ui: ui.screen == "bills" and ui.bills_tab == "payment_methods",
    "tab.invoices": lambda ui: ui.screen == "bills" and ui.bills_tab == "invoices",
    "pane.assign_licenses_to_users": lambda ui: ui.pane == "assign",
    "action.cancel_subscription": lambda ui: ui.pane == "cancel",
    "action.add_payment_method": lambda ui: ui.pane == "add",
    "action.unassign_licenses": lambda ui: ui.pane == "unassign",
    "section.payment_method": lambda ui: ui.screen == "bills" and bool(ui.profile),
}

#: The actions that open an item of a list, by the data naming the item.
OPENS: dict[str, str] = {
    "open-subscription": "subscription",
    "open-license-subscription": "subscription",
    "open-card": "card",
    "open-profile": "profile",
}

#: Events that never count against a step: opening a menu or the navigation group, typing
#: in a search box, a field's value kept as it is typed or ticked.
NEUTRAL = frozenset({"more-actions", "filter-toggle", "nav-toggle", "find-person", "typed"})

# The callout's hints (the labels inside are the page's own).
ASKS_CHOSE = N_("This step asks for %(asked)s; you chose %(chosen)s.")
ASKS = N_("This step asks for %(asked)s.")
ASKS_ENTERED = N_("This step asks for %(asked)s in %(field)s; you entered %(entered)s.")
OR = N_("%(first)s or %(second)s")


@dataclass(frozen=True)
class Act:
    """One thing a step asks (see the module's docstring for the kinds)."""

    kind: str
    keys: tuple[str, ...] = ()
    value: str | None = None
    target: str | None = None
    users: tuple[str, ...] = ()
    fields: tuple[tuple[str, str, bool], ...] = ()  # complete: (key, value, overwrite)

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Act:
        return cls(
            kind=str(raw["k"]),
            keys=tuple(str(k) for k in raw.get("keys", ())),
            value=None if raw.get("v") is None else str(raw["v"]),
            target=None if raw.get("t") is None else str(raw["t"]),
            users=tuple(str(u) for u in raw.get("u", ())),
            fields=tuple((str(k), str(v), bool(o)) for k, v, o in raw.get("f", ())),
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"k": self.kind}
        if self.keys:
            out["keys"] = list(self.keys)
        if self.value is not None:
            out["v"] = self.value
        if self.target is not None:
            out["t"] = self.target
        if self.users:
            out["u"] = list(self.users)
        if self.fields:
            out["f"] = [list(f) for f in self.fields]
        return out


@dataclass(frozen=True)
class Step:
    """One numbered step of the article: its number, line, text and acts."""

    number: int
    line: int
    text: str
    acts: tuple[Act, ...]

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Step:
        acts = tuple(Act.from_dict(a) for a in raw.get("acts", ()))
        return cls(int(raw["n"]), int(raw.get("line", 0)), str(raw.get("text", "")), acts)


# -- judging ------------------------------------------------------------------------------


def _sends(event: Event, key: str) -> bool:
    """Whether ``event`` is what control ``key`` sends."""
    for action, data in SENDS.get(key, ()):
        if event.action == action and all(event.data.get(k) == v for k, v in data.items()):
            return True
    if key in OPTIONS:
        select, value = OPTIONS[key]
        return event.action == "invoice-period" and event.fields.get(FIELDS[select]) == value
    return False


def _same(typed: object, wanted: str) -> bool:
    """A typed value is the value asked for (spaces and case aside)."""
    if not isinstance(typed, str):
        return False
    return "".join(typed.split()).casefold() == "".join(wanted.split()).casefold()


def holds(act: Act, app: App) -> bool:
    """Whether the screen already shows what ``act`` asks (a place, people chosen)."""
    ui = app.ui
    if act.kind == "within":
        place = PLACES.get(act.keys[0]) if act.keys else None
        return place is None or place(ui)
    if act.kind == "people":
        have = set(ui.chosen) | set(ui.selected)
        return bool(have) and set(act.users) <= have
    if act.kind == "choose" and act.keys:
        return _same(ui.values.get(FIELDS.get(act.keys[0], "")), act.value or "")
    return False


def does(event: Event, act: Act, app: App) -> bool:
    """Whether ``event``, which ``app`` has just handled, does ``act``: the one predicate
    the worker judges a learner with and the in-process replay is checked by."""
    accepted = not app.ui.error
    kind = act.kind
    if kind in ("click", "go"):
        keys = act.keys[-1:] if kind == "go" else act.keys
        if not any(_sends(event, k) for k in keys):
            return False
        if act.target and "subscription" in event.data:
            return event.data["subscription"] == act.target and accepted
        return accepted
    if kind == "select":
        return any(_sends(event, k) for k in act.keys) and accepted
    if kind == "fill":
        typed = event.fields.get(FIELDS.get(act.keys[0], "")) if act.keys else None
        if not _submits(event) or typed is None:
            return False
        return accepted if act.value is None else _same(typed, act.value)
    if kind == "complete":
        return _submits(event) and accepted
    if kind == "pick":
        name = OPENS.get(event.action)
        return name is not None and event.data.get(name) == act.target
    if kind in ("people", "choose", "within"):
        return holds(act, app)
    return False


def _submits(event: Event) -> bool:
    """A pane's primary button (its form's values travel with it)."""
    return any(_sends(event, k) for k in ("action.save", "action.add"))


# -- a learner's place in a procedure -----------------------------------------------------


@dataclass(frozen=True)
class Practice:
    """Where a learner is: procedure ``pid``, ``step`` (0-based; == len: done), ``act``
    within it, and the hint of the last wrong event ("" none)."""

    pid: str
    steps: tuple[Step, ...]
    step: int = 0
    act: int = 0
    hint: str = ""

    @property
    def done(self) -> bool:
        return self.step >= len(self.steps)

    @property
    def current(self) -> Act | None:
        if self.done:
            return None
        acts = self.steps[self.step].acts
        return acts[self.act] if self.act < len(acts) else None


def settle(practice: Practice, app: App) -> Practice:
    """Past the acts the screen already shows (a step with nothing left is done)."""
    while not practice.done:
        acts = practice.steps[practice.step].acts
        if practice.act >= len(acts):
            practice = replace(practice, step=practice.step + 1, act=0)
            continue
        act = acts[practice.act]
        if act.kind in ("within", "people", "choose") and holds(act, app):
            practice = replace(practice, act=practice.act + 1)
            continue
        break
    return practice


def judge(practice: Practice, event: Event, app: App) -> Practice:
    """``practice`` after ``event`` (handled by ``app``): the acts it does are done, the
    screen's own state settles the rest; a wrong event gives a hint, a neutral one nothing."""
    practice = replace(practice, hint="")
    if practice.done:
        return practice
    matched = False
    while (act := practice.current) is not None and does(event, act, app):
        matched = True
        practice = settle(replace(practice, act=practice.act + 1), app)
        if practice.act == 0:  # a new step: it waits for an event of its own
            break
    if matched:
        return practice
    practice = settle(practice, app)
    if practice.current is None or event.action in NEUTRAL or _ahead(practice, event):
        return practice
    if app.ui.error:  # refused: the portal's own message, beside its field, says why
        return practice
    return replace(practice, hint=hint(practice.current, event, app))


def leads(event: Event, act: Act) -> bool:
    """Whether ``event`` brings ``act`` within reach without doing it: a link of its path,
    the menu its control shows in (in the target's row)."""
    if act.kind == "go":
        return any(_sends(event, k) for k in act.keys[:-1])
    openers = [OPENERS[k] for k in act.keys if k in OPENERS]
    if act.kind == "click" and any(_sends(event, k) for k in openers):
        return not act.target or event.data.get("subscription") == act.target
    return False


def searching(act: Act, app: App) -> list[str]:
    """The names to type into the search box to find ``act``'s people."""
    if act.kind != "people":
        return []
    return [p.name for p in app.portal.people if p.id in act.users and p.id not in app.ui.chosen]


def typing(act: Act) -> list[tuple[str, str, bool]]:
    """What a fill or complete act types: (data-field, value, overwrite)."""
    if act.kind == "fill" and act.keys:
        return [(FIELDS[act.keys[0]], act.value or "", True)] if act.value else []
    return [(FIELDS[k], v, o) for k, v, o in act.fields if k in FIELDS]


def _ahead(practice: Practice, event: Event) -> bool:
    """An event on a control the current act leads to (a step of a navigation path, a
    field being typed)."""
    act = practice.current
    if act is None:
        return False
    if act.kind == "go" and any(_sends(event, k) for k in act.keys[:-1]):
        return True
    return act.kind in ("fill", "complete", "people", "choose") and event.type != "click"


def _bold(text: str) -> str:
    return f"**{text}**"


def asked(act: Act, app: App) -> str:
    """What ``act`` asks for, in the app's language (labels in bold)."""
    lang = app.settings.lang
    if act.kind in ("pick",) and act.target:
        return _bold(_item_name(app, act.target))
    if act.kind == "people":
        names = [p.name for p in app.portal.people if p.id in act.users]
        return ", ".join(_bold(n) for n in names) or _bold(CONTROLS["field.find_user"].label(lang))
    if act.kind == "choose" and act.value:
        return _bold(app.translate(CANCEL_REASONS.get(act.value, act.value)))
    keys = act.keys[-1:] if act.kind == "go" else act.keys
    if act.kind == "complete":  # the pane's fields the form fills
        here = PANE_FIELDS.get(app.ui.pane, card_fields(app.ui.pane))
        keys = tuple(k for k, _, _ in act.fields if FIELDS.get(k) in here)
    labels = [_bold(CONTROLS[k].label(lang)) for k in keys if k in CONTROLS]
    if not labels:
        return ""
    if act.kind == "complete":
        return ", ".join(labels)
    text = labels[0]
    for other in labels[1:]:
        text = app.translate(OR, first=text, second=other)
    if act.kind == "fill" and act.value is not None:
        return _bold(act.value)
    return text


def chosen(event: Event, app: App) -> str:
    """The control (or item) ``event`` came from, in bold, or "" when the kit cannot name it."""
    name = OPENS.get(event.action)
    if name is not None:
        return _bold(_item_name(app, event.data.get(name, "")))
    if event.action == "close-pane":  # Cancel (Close shows only where it is asked for)
        return _bold(CONTROLS["action.cancel"].label(app.settings.lang))
    for key in SENDS:
        if _sends(event, key):
            return _bold(CONTROLS[key].label(app.settings.lang))
    return ""


def hint(act: Act, event: Event, app: App) -> str:
    """The callout's hint for a wrong ``event`` while ``act`` is current."""
    what = asked(act, app)
    if act.kind == "fill" and act.value is not None and act.keys and _submits(event):
        typed = event.fields.get(FIELDS.get(act.keys[0], ""))
        if isinstance(typed, str):
            label = _bold(CONTROLS[act.keys[0]].label(app.settings.lang))
            return app.translate(ASKS_ENTERED, asked=what, field=label, entered=_bold(typed))
    other = chosen(event, app)
    if other and other != what:
        return app.translate(ASKS_CHOSE, asked=what, chosen=other)
    return app.translate(ASKS, asked=what)


def _item_name(app: App, item: str) -> str:
    portal = app.portal
    for sub in portal.subscriptions:
        if sub.id == item:
            return sub.product
    for card in portal.cards:
        if card.id == item:
            return card_name(card)
    for profile in portal.billing_profiles:
        if profile.id == item:
            return profile.name
    return item


# -- pointing and replaying ---------------------------------------------------------------


def pointer(practice: Practice, app: App) -> list[dict[str, str]]:
    """Where to point, most specific first: the page marks the first candidate on screen
    (and, for a field, whose value is not yet the one asked for) with
    ``data-guide="current"``. A candidate is ``{"action", "data"...}`` for an element that
    sends an event, or ``{"field", "value", "when"}`` for a form control."""
    if practice.done:
        return []
    acts = practice.steps[practice.step].acts[practice.act :]
    out: list[dict[str, str]] = []
    for act in acts:
        out.extend(_candidates(act, app))
        if act.kind not in ("fill", "complete", "within", "choose"):
            break
    return out


def _element(key: str, extra: dict[str, str] | None = None) -> list[dict[str, str]]:
    if key in OPTIONS:
        select, value = OPTIONS[key]
        return [{"field": FIELDS[select], "value": value, "when": "differs"}]
    return [{"action": action, **data, **(extra or {})} for action, data in SENDS.get(key, ())]


def _candidates(act: Act, app: App) -> list[dict[str, str]]:
    ui = app.ui
    kind = act.kind
    if kind == "go":
        out: list[dict[str, str]] = []
        for key in reversed(act.keys):
            if key == "nav.billing" and ui.nav_open:
                continue
            out.extend(_element(key))
        return out
    if kind in ("click", "select"):
        extra = {"subscription": act.target} if act.target and kind == "click" else None
        out = [c for key in act.keys for c in _element(key, extra if key in ROWS else None)]
        for key in act.keys:
            if key in OPENERS:
                opener = OPENERS[key]
                out.extend(_element(opener, extra if opener in ROWS else None))
        return out
    if kind == "fill" and act.keys:
        name = FIELDS.get(act.keys[0], "")
        return [
            {"field": name, "value": act.value or "", "when": "differs" if act.value else "empty"}
        ]
    if kind == "complete":
        return [
            {"field": FIELDS[key], "value": value, "when": "differs" if overwrite else "empty"}
            for key, value, overwrite in act.fields
            if key in FIELDS
        ]
    if kind == "choose" and act.keys:
        return [
            {"field": FIELDS.get(act.keys[0], ""), "value": act.value or "", "when": "unchecked"}
        ]
    if kind == "pick" and act.target:
        return [{"action": action, name: act.target} for action, name in OPENS.items()]
    if kind == "people":
        out = []
        people = {p.id: p.name for p in app.portal.people}
        for user in act.users:
            out.append({"action": "choose-person", "person": user})
            out.append({"field": "selected", "value": user, "when": "unchecked"})
            out.append({"field": "find", "value": people.get(user, user), "when": "differs"})
        return out
    if kind == "within" and act.keys and act.keys[0].startswith("tab."):
        return _element(act.keys[0])
    return []


def examples(act: Act, app: App, fields: dict[str, str]) -> list[Event]:
    """Events that do ``act`` from the screen ``app`` shows (for the in-process replay);
    ``fields``: values a fill or complete act leaves for the next submit."""
    ui = app.ui
    kind = act.kind
    if kind == "fill" and act.keys:
        fields[FIELDS[act.keys[0]]] = act.value or _current(app, act.keys[0])
        return []
    if kind == "complete":
        for key, value, overwrite in act.fields:
            name = FIELDS.get(key, "")
            current = str(ui.values.get(name, "") or "")
            if name and name not in fields and (overwrite or not current):
                fields[name] = value
        return []
    if kind == "go":
        keys = [k for k in act.keys if not (k == "nav.billing" and ui.nav_open)]
        return [_event(k, {}) for k in keys if SENDS.get(k)]
    if kind in ("click", "select"):
        key = act.keys[0]
        if key in OPTIONS:
            select, value = OPTIONS[key]
            return [Event("change", "invoice-period", {"which": "period"}, {FIELDS[select]: value})]
        data = dict(SENDS[key][0][1])
        target = act.target or ui.detail or ui.menu_for
        if SENDS[key][0][0] in ("open-pane", "more-actions"):
            data["subscription"] = target
        if key in ("action.edit",):
            data["card"] = ui.pane_for or _profile_card(app)
        if key == "action.replace":
            data["profile"] = ui.profile
        action = SENDS[key][0][0]
        if key in ("action.save", "action.add"):
            action = {"buy": "save-total", "remove": "save-total", "cancel": "save-cancel"}.get(
                ui.pane, "save-card"
            )
        sent: dict[str, FieldValue] = {**ui.values, **fields}
        if ui.detail and not ui.pane:
            sent["selected"] = list(ui.selected)
        fields.clear()
        return [Event("click", action, data, sent)]
    if kind == "pick" and act.target:
        return [_open(app, act.target)]
    if kind == "people":
        users = act.users or tuple(p.id for p in app.portal.people[:1])
        if ui.pane == "assign":
            return [Event("click", "choose-person", {"person": u}) for u in users]
        return [Event("change", "typed", {}, {"selected": list(users)})]
    if kind == "choose" and act.keys:
        return [Event("change", "typed", {}, {FIELDS[act.keys[0]]: act.value or ""})]
    if kind == "within" and act.keys and act.keys[0].startswith("tab."):
        return [_event(act.keys[0], {})]
    return []


def _event(key: str, extra: dict[str, str]) -> Event:
    action, data = SENDS[key][0]
    return Event("click", action, {**data, **extra})


def _current(app: App, key: str) -> str:
    return str(app.ui.values.get(FIELDS[key], "") or "")


def _profile_card(app: App) -> str:
    if app.ui.profile:
        return app.portal.billing_profile(app.ui.profile).payment_method
    return ""


def _open(app: App, item: str) -> Event:
    portal = app.portal
    if any(s.id == item for s in portal.subscriptions):
        action = "open-license-subscription" if app.ui.screen == "licenses" else "open-subscription"
        return Event("click", action, {"subscription": item})
    if any(c.id == item for c in portal.cards):
        return Event("click", "open-card", {"card": item})
    return Event("click", "open-profile", {"profile": item})


class ReplayError(RuntimeError):
    """A step's acts could not be replayed: the guide and the simulator disagree (a bug)."""


def replay(steps: tuple[Step, ...], upto: int, app: App) -> None:
    """Do steps ``0..upto-1`` on ``app`` (at the procedure's start) through events that
    ``does`` each act: the state a learner reaches by following them."""
    practice = settle(Practice("", steps), app)
    while not practice.done and practice.step < upto:
        act = practice.current
        assert act is not None
        pending: dict[str, str] = {}
        sent = examples(act, app, pending)
        while not sent and pending:  # a fill: its values go with the step's submit
            practice = replace(practice, act=practice.act + 1)
            following = practice.current
            if following is None:
                raise ReplayError(f"step {practice.step + 1}: a value with no button to send it")
            sent = examples(following, app, pending)
        if not sent:
            practice = settle(replace(practice, act=practice.act + 1), app)
            continue
        before = practice
        for event in sent:
            app.handle(event)
            practice = judge(practice, event, app)
        if practice == before or practice.hint:
            raise ReplayError(
                f"step {before.step + 1}: {sent[-1].action} did not do its act ({app.ui.error})"
            )


def load_steps(guide_json: str) -> tuple[Step, ...]:
    """A procedure's steps from the guide data the page embeds."""
    raw = json.loads(guide_json)
    return tuple(Step.from_dict(s) for s in raw.get("steps", ()))
