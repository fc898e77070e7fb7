"""The driver protocol: how the runner acts on the simulator, whatever runs it.

Two drivers will implement it: in-process (renders the app's HTML in CPython, finds
each element by role and accessible name, acts by building ``simulator.events.Event``s)
and browser (Playwright, ``get_by_role(role, name=label, exact=True)``). ``NullDriver`` is
the static mode: every action answers ``unsupported``, so steps are reported unchecked
unless their static findings fail them.

Semantics shared by every driver:
- Names are exact accessible names (labels from the catalog), roles ARIA roles.
- ``within`` is the accessible name of a dialog or region to search in (None: the page).
- An action that cannot be done returns ``Outcome("failed", observed=...)`` saying what
  the screen showed instead; it never raises for a user-level failure, and a failed
  action leaves the state as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

OutcomeStatus = Literal["ok", "failed", "unsupported"]


@dataclass(frozen=True)
class Outcome:
    status: OutcomeStatus
    observed: str = ""  # what the simulator showed, for a failure's message
    artifacts: tuple[str, ...] = ()  # screenshot, trace: paths kept for failures only


UNSUPPORTED = Outcome("unsupported")


class Driver(Protocol):
    name: str

    def start(
        self, *, locale: str, moniker: str, procedure: str | None, scenario: str = "default"
    ) -> None:
        """Open the simulator fresh (scenario state, language, cloud) for one procedure."""

    def reset(self) -> None:
        """Restore the scenario's state, keeping language and cloud."""

    def go_to(self, path: Sequence[tuple[str, str]]) -> Outcome:
        """Follow a navigation path of (role, name) controls from anywhere in the portal."""

    def click(self, role: str, name: str, *, within: str | None = None) -> Outcome:
        """Activate the control with ``role`` and exact accessible ``name``."""

    def fill(self, role: str, name: str, value: str, *, within: str | None = None) -> Outcome:
        """Type ``value`` into the field (spinbutton, textbox, combobox)."""

    def select(self, role: str, name: str, option: str, *, within: str | None = None) -> Outcome:
        """Choose ``option`` in a group or list (radiogroup, combobox, listbox)."""

    def pick(self, target: str | None, users: Sequence[str] = ()) -> Outcome:
        """Choose what the prose names but cannot label: a subscription, product, billing
        profile, payment method or invoice (``target``), or people (``users``)."""

    def query(self, name: str, target: str | None = None) -> str | None:
        """A fact of the current state for postconditions (``subscription.total_licenses``),
        as text; None when the driver cannot tell."""

    def close(self) -> None:
        """Release what ``start`` opened."""


class NullDriver:
    """Static mode: nothing is executed, every action is ``unsupported``."""

    name = "static"

    def start(
        self, *, locale: str, moniker: str, procedure: str | None, scenario: str = "default"
    ) -> None:
        return None

    def reset(self) -> None:
        return None

    def go_to(self, path: Sequence[tuple[str, str]]) -> Outcome:
        return UNSUPPORTED

    def click(self, role: str, name: str, *, within: str | None = None) -> Outcome:
        return UNSUPPORTED

    def fill(self, role: str, name: str, value: str, *, within: str | None = None) -> Outcome:
        return UNSUPPORTED

    def select(self, role: str, name: str, option: str, *, within: str | None = None) -> Outcome:
        return UNSUPPORTED

    def pick(self, target: str | None, users: Sequence[str] = ()) -> Outcome:
        return UNSUPPORTED

    def query(self, name: str, target: str | None = None) -> str | None:
        return None

    def close(self) -> None:
        return None
