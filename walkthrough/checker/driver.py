"""The driver protocol: how the runner acts on the simulator, whatever runs it.

Two drivers implement it, both through ``screen.ScreenDriver`` (the logic they share):
in-process (``inprocess``: renders the app's HTML in CPython, finds each element by role
and accessible name, acts by building ``simulator.protocol.Event``s) and browser
(``browser``: Playwright, ``get_by_role(role, name=label, exact=True)``). ``NullDriver``
is the static mode: every action answers ``unsupported``, so steps are reported unchecked
unless their static findings fail them.

Semantics shared by every driver:
- Names are exact accessible names (labels from the catalog), roles ARIA roles.
- ``within`` is the accessible name of a dialog or region to search in (None: the page).
- An action that cannot be done returns ``Outcome("failed", observed=...)`` saying what
  the screen showed instead; it never raises for a user-level failure, and a failed
  action leaves the state as it was.
- ``target`` on a click: the scenario id (or shown name) of the item the step is about;
  it decides between controls several rows share, and ``Outcome.used_target`` says so.
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
    used_target: bool = False  # the step's target chose between controls of several rows
    touched: tuple[tuple[str, str], ...] = ()  # (role, name) of the controls it used


UNSUPPORTED = Outcome("unsupported")


class Driver(Protocol):
    name: str

    def start(
        self,
        *,
        locale: str,
        moniker: str,
        procedure: str | None,
        scenario: str = "default",
        screen: str = "products",
        article: str | None = None,
    ) -> None:
        """Open the simulator fresh (scenario state, language, cloud, first screen) for one
        procedure of ``article`` (its path: the browser uses the page's own simulator)."""

    def reset(self) -> None:
        """Restore the scenario's state, keeping language and cloud."""

    def go_to(self, path: Sequence[tuple[str, str]]) -> Outcome:
        """Follow a navigation path of (role, name) controls from anywhere in the portal."""

    def click(
        self, role: str, name: str, *, within: str | None = None, target: str | None = None
    ) -> Outcome:
        """Activate the control with ``role`` and exact accessible ``name``."""

    def fill(self, role: str, name: str, value: str, *, within: str | None = None) -> Outcome:
        """Type ``value`` into the field (spinbutton, textbox, combobox)."""

    def select(self, role: str, name: str, option: str, *, within: str | None = None) -> Outcome:
        """Choose ``option`` in a group or list (radiogroup, combobox, listbox)."""

    def pick(self, target: str | None, users: Sequence[str] = ()) -> Outcome:
        """Choose what the prose names but cannot label: a subscription, product, billing
        profile, payment method or invoice (``target``), or people (``users``)."""

    def choose(self, value: str, *, within: str | None = None) -> Outcome:
        """Choose ``value`` (an option's name or value) in the one choice the open pane or
        section offers: what "choose why you are canceling <!-- ssp: value=... -->" means."""

    def locate(self, role: str, name: str) -> Outcome:
        """Check that the pane or section ``name`` is on screen (a step's "In the X pane")."""

    def complete(self, facts: Sequence[tuple[str, str, str, bool]]) -> Outcome:
        """Fill the open pane's fields the steps left empty: (role, name, value, overwrite);
        ``touched`` says which it filled."""

    def capture(self) -> tuple[str, ...]:
        """Files showing the screen now (a screenshot), for a failed postcondition."""

    def query(self, name: str, target: str | None = None) -> str | None:
        """A fact of the current state for postconditions (``subscription.total_licenses``),
        as text; None when the driver cannot tell."""

    def close(self) -> None:
        """Release what ``start`` opened."""


class NullDriver:
    """Static mode: nothing is executed, every action is ``unsupported``."""

    name = "static"

    def start(
        self,
        *,
        locale: str,
        moniker: str,
        procedure: str | None,
        scenario: str = "default",
        screen: str = "products",
        article: str | None = None,
    ) -> None:
        return None

    def reset(self) -> None:
        return None

    def go_to(self, path: Sequence[tuple[str, str]]) -> Outcome:
        return UNSUPPORTED

    def click(
        self, role: str, name: str, *, within: str | None = None, target: str | None = None
    ) -> Outcome:
        return UNSUPPORTED

    def fill(self, role: str, name: str, value: str, *, within: str | None = None) -> Outcome:
        return UNSUPPORTED

    def select(self, role: str, name: str, option: str, *, within: str | None = None) -> Outcome:
        return UNSUPPORTED

    def pick(self, target: str | None, users: Sequence[str] = ()) -> Outcome:
        return UNSUPPORTED

    def choose(self, value: str, *, within: str | None = None) -> Outcome:
        return UNSUPPORTED

    def locate(self, role: str, name: str) -> Outcome:
        return UNSUPPORTED

    def complete(self, facts: Sequence[tuple[str, str, str, bool]]) -> Outcome:
        return UNSUPPORTED

    def capture(self) -> tuple[str, ...]:
        return ()

    def query(self, name: str, target: str | None = None) -> str | None:
        return None

    def close(self) -> None:
        return None
