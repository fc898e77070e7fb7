"""A procedure's guided practice, from the checker's intents: per step, the acts a learner
does (``simulator.guide.Act``), as JSON-able data the page embeds.

Nothing here is written per page or per language: every act comes from the intent the
checker infers for the step (``checker.check.intents``), its controls named by key; where
a step names no control or value ("Choose the subscription ..."), the procedure's facts
fill in (``checker.facts``), as they do for the checker. Alternatives ("**Buy licenses**
or **Remove licenses**", the payment-method bullets) are alternatives of one act.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from simulator.controls import CONTROLS
from simulator.guide import OPTIONS, ROWS, Act
from simulator.model import Portal
from walkthrough.checker import facts
from walkthrough.checker.screen import target_id

from .intent import Action, Intent
from .model import Procedure, Step

#: The one choice a pane offers (the kit has one radiogroup: the reason for canceling).
CHOICE = next(k for k, c in CONTROLS.items() if c.role == "radiogroup")


def _people(portal: Portal, users: Sequence[str]) -> tuple[str, ...]:
    return tuple(
        next((p.id for p in portal.people if user in (p.id, p.name)), user) for user in users
    )


def _form(procedure_id: str, choice: str | None) -> tuple[tuple[str, str, bool], ...]:
    """The pane's form as the checker fills it before Save or Add (``facts.FORM``)."""
    defaults = facts.DEFAULTS.get(procedure_id, facts.Defaults())
    changes = facts.CHANGES.get(procedure_id, {})
    out = []
    for key, value in facts.FORM.items():
        if key == CHOICE:
            value = choice or defaults.value or value
        if not value:
            continue
        out.append((key, changes.get(key, value), key in changes))
    return tuple(out)


def _acts(
    intent: Intent, step: Step, portal: Portal, procedure_id: str, choice: str | None
) -> list[Act]:
    """The acts of one step's intent, in the order the checker's runner does them."""
    acts: list[Act] = []
    target = target_id(portal, intent.target) if intent.target else None
    used = False
    if intent.users:
        acts.append(Act("people", users=_people(portal, intent.users)))
    # Where the step happens first ("In the **X** pane, choose **Y**"), as the runner does.
    pending: list[Action] = sorted(intent.actions, key=lambda a: not a.context)
    filled = False
    while pending:
        action = pending.pop(0)
        keys = tuple(c.key for c in action.controls)
        if action.kind == "within" or action.context:
            acts.append(Act("within", keys[:1]))
        elif action.kind == "go_to":
            acts.append(Act("go", keys))
        elif action.kind == "fill":
            acts.append(Act("fill", keys[:1], action.value))
            filled = True
        elif action.kind == "select":
            acts.append(Act("choose", keys[:1], action.value))
        elif keys[0] in OPTIONS:  # "choose **Past 3 months** and then **Past 6 months**"
            options = list(keys)
            while pending and pending[0].controls[0].key in OPTIONS and not pending[0].context:
                options.extend(c.key for c in pending.pop(0).controls)
            asked = options[1:] if len(options) > 1 else options
            acts.append(Act("select", tuple(asked)))
        else:
            if keys[0] in facts.SUBMIT and not filled:
                acts.append(Act("complete", fields=_form(procedure_id, choice)))
            row = target if any(k in ROWS for k in keys) else None
            used = used or row is not None
            acts.append(Act("click", keys if action.any_of else keys[:1], target=row))
    if target and not used:
        acts.append(Act("pick", target=target))
    value = step.annotation.value if step.annotation else None
    placed = any(a.kind in ("fill", "select") and a.value for a in intent.actions)
    if value and not placed:
        acts.append(Act("choose", (CHOICE,), value))
    return acts


def _fallback(procedure_id: str, at: int, portal: Portal) -> tuple[list[Act], int]:
    """For a step naming nothing: the script's next step when it only picks (its target or
    people from the procedure's facts), as the checker's runner carries on."""
    script = facts.SCRIPTS.get(procedure_id, ())
    index = facts.match(script, frozenset(), at)
    if index is None:
        return [], at
    defaults = facts.DEFAULTS.get(procedure_id, facts.Defaults())
    acts = []
    for act in script[index]:
        if act.kind == "pick" and act.value == "$users":
            acts.append(Act("people", users=_people(portal, defaults.users)))
        elif act.kind == "pick" and defaults.target:
            acts.append(Act("pick", target=target_id(portal, defaults.target)))
        elif act.kind == "choose" and defaults.value:
            acts.append(Act("choose", (CHOICE,), defaults.value))
    return acts, index


def steps(procedure: Procedure, intents: dict[int, Intent], portal: Portal) -> list[dict[str, Any]]:
    """The guide's steps of ``procedure`` (``intents`` by line; ``portal``: the scenario
    as it starts, to name targets by id): ``[{"n", "line", "text", "acts"}]``."""
    pid = procedure.procedure_id or ""
    out: list[dict[str, Any]] = []
    at = -1
    choice: str | None = None
    for number, step in enumerate(procedure.steps, start=1):
        intent = intents[step.line]
        acts = _acts(intent, step, portal, pid, choice)
        keys = frozenset(k for a in acts for k in a.keys)
        matched = facts.match(facts.SCRIPTS.get(pid, ()), keys, at) if keys else None
        if not any(a.kind in ("pick", "people", "choose") for a in acts) and not keys:
            acts, matched = _fallback(pid, at, portal)
        at = max(at, matched if matched is not None else at)
        alternatives = [s for s in step.alternatives if s.kind == "alternative"]
        others: list[str] = []
        for alternative in alternatives:
            for act in _acts(intents[alternative.line], alternative, portal, pid, choice):
                if act.kind == "click":
                    others.extend(k for k in act.keys if k not in others)
        if others:
            acts.append(Act("click", tuple(others)))
        choice = next((a.value for a in acts if a.kind == "choose"), choice)
        out.append(
            {
                "n": step.number or number,
                "line": step.line,
                "text": step.text,
                "acts": [a.to_dict() for a in acts],
            }
        )
    return out
