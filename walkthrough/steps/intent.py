"""What a step asks the reader to do, as driver-ready actions.

Built from the step's references (resolved through the vocabulary), the grammar's verbs
and values, and the step's annotation. A reference that fails a check still contributes
its best suggestion, so the runner can carry on from the state the step intends.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .vocabulary import Entry

ActionKind = Literal["go_to", "click", "fill", "select", "within"]
FILL_ROLES = frozenset({"spinbutton", "textbox", "combobox"})
CONTEXT_ROLES = frozenset({"dialog", "heading"})


@dataclass(frozen=True)
class Action:
    """One thing to do: ``go_to`` a path of controls; ``click`` a control (``any_of``:
    one of several); ``fill`` a field with ``value``; ``select`` ``value`` in a group;
    ``within`` a pane or section, for the actions after it.

    ``context``: the label stands next to a word naming a kind of control ("In the
    **Unassign licenses** box", "i dialogboksen **Fjern tildeling af licenser**"), so it may
    name where the step happens rather than what to click: the runner does it first, as
    the pane the reader is in when that pane is open, else as a click."""

    kind: ActionKind
    controls: tuple[Entry, ...]
    value: str | None = None
    any_of: bool = False
    context: bool = False

    def describe(self) -> str:
        names = (" or " if self.any_of else " > ").join(c.label for c in self.controls)
        return f"{self.kind} {names}" + (f" = {self.value}" if self.value is not None else "")


@dataclass(frozen=True)
class Intent:
    actions: tuple[Action, ...] = ()
    target: str | None = None
    users: tuple[str, ...] = ()
    values: tuple[str, ...] = ()
    expect: tuple[str, ...] = ()
    skip: str | None = None


def action_for(entry: Entry, value: str | None) -> Action:
    if entry.role in FILL_ROLES:
        return Action("fill", (entry,), value)
    if entry.role == "radiogroup":
        return Action("select", (entry,), value)
    if entry.role in CONTEXT_ROLES:
        return Action("within", (entry,))
    return Action("click", (entry,))
