"""What both drivers do the same way: from a step's intent to acts on the screen.

``ScreenDriver`` implements the ``Driver`` protocol once, over a few primitives that each
driver provides for its own kind of element handle (a parsed ``a11y.Node`` in process, a
Playwright ``Locator`` in the browser): find by role and exact name, click, fill, tick,
choose an option, read an attribute or a value, list the alerts. Everything a step's
meaning depends on is decided here, so the two drivers cannot disagree on it:

- a navigation path clicks each control in turn, but leaves an expanded group as it is
  (``Billing`` when its pages already show);
- a label that is the title of the open pane ("In the **Cancel subscription** pane") is
  where the reader already is;
- a control that only shows in a closed menu is found by opening the menus on screen
  (the filter icon's **Self-service**, a row's **More actions**), the target's row first;
- a label several rows share (**More actions**) is the one in the row of the step's
  target (``target=``), and then the target counts as chosen;
- an option of a select is chosen with the select, a radio or checkbox is ticked;
- a click after which the portal shows a new alert was refused: the step fails with it;
- people (``users=``) are ticked in a list that names them, or found through the open
  pane's search box; a target is opened by the button that names it.

Beside the protocol, the screen as a person finds it, for the tests that drive the
simulator through a driver (and for the logic here): ``label`` and ``control`` (a control
of ``simulator.controls`` by its key), ``find`` (by role and exact name), ``attr`` (what an
element says of itself), ``activate`` (click an element already found).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache

from simulator import scenario
from simulator.controls import CONTROLS
from simulator.markets import Cloud
from simulator.model import Portal, card_name
from simulator.ui import Settings

from .driver import Outcome

OK = Outcome("ok")


@cache
def initial_portal(name: str, lang: str, cloud: Cloud) -> Portal:
    """The scenario as it starts (cached: every driver reads names and first values here)."""
    return scenario.load(name, lang=lang, cloud=cloud)


class ScreenDriver[H](ABC):
    """The ``Driver`` protocol over a screen of handles ``H``; see the module's docstring."""

    name = "screen"

    def __init__(self) -> None:
        self.settings = Settings()
        self.procedure: str | None = None
        self.article: str | None = None

    # -- primitives ----------------------------------------------------------------------

    @abstractmethod
    def _open(self, settings: Settings) -> None:
        """Show a fresh simulator with ``settings`` (the procedure's)."""

    @abstractmethod
    def _find(self, role: str, name: str | None, within: H | None = None) -> list[H]:
        """Visible, reachable elements with ``role`` and exact ``name`` (None: any name)."""

    @abstractmethod
    def _attr(self, handle: H, attr: str) -> str | None: ...

    @abstractmethod
    def _click(self, handle: H) -> None:
        """Click it and let the simulator answer."""

    @abstractmethod
    def _type(self, handle: H, value: str) -> None:
        """Replace the field's text with ``value`` (one input event), let it answer."""

    @abstractmethod
    def _tick(self, handle: H, on: bool) -> None:
        """Check or uncheck a checkbox or radio."""

    @abstractmethod
    def _checked(self, handle: H) -> bool: ...

    @abstractmethod
    def _value(self, handle: H) -> str: ...

    @abstractmethod
    def _choose_option(self, select: H, option: H) -> None:
        """Choose ``option`` of the select ``select`` (a change event)."""

    @abstractmethod
    def _tag(self, handle: H) -> str:
        """The element's tag name, lower case."""

    @abstractmethod
    def _select_of(self, option: H) -> H | None:
        """The ``<select>`` an option belongs to, if any."""

    @abstractmethod
    def _section_of(self, heading: H) -> H | None:
        """The section a heading titles."""

    @abstractmethod
    def _in_item(self, handle: H, target: str) -> bool:
        """Whether it belongs to the row (or card) of ``target`` (a scenario id)."""

    @abstractmethod
    def _menu_openers(self, expanded: bool = False) -> list[H]:
        """Visible buttons that open a menu, closed ones (or the ``expanded`` ones), in
        document order."""

    @abstractmethod
    def _alerts(self) -> list[str]: ...

    @abstractmethod
    def _describe(self) -> str:
        """What the screen shows, for a failure's message."""

    def _evidence(self) -> tuple[str, ...]:
        """Files that show a failure (the browser's screenshot); none in process."""
        return ()

    # -- the protocol --------------------------------------------------------------------

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
        self.procedure = procedure
        self.article = article
        self.settings = Settings(
            lang=locale, cloud=Cloud(moniker), scenario=scenario, screen=screen
        )
        self._begin()
        self._open(self.settings)

    def reset(self) -> None:
        self._open(self.settings)

    def _begin(self) -> None:
        """A procedure starts (``reset`` restarts the same one): the browser's trace."""
        return None

    def close(self) -> None:
        return None

    def capture(self) -> tuple[str, ...]:
        """Evidence of a failure (the runner asks once per failing step and goal)."""
        return self._evidence()

    @property
    def portal(self) -> Portal:
        s = self.settings
        return initial_portal(s.scenario, s.lang, s.cloud)

    def go_to(self, path: Sequence[tuple[str, str]]) -> Outcome:
        for index, (role, name) in enumerate(path):
            last = index == len(path) - 1
            found = self._find(role, name)
            if not found:
                return self._failed(f"no {role} '{name}' to go to")
            if len(found) > 1:
                return self._failed(f"{len(found)} {role}s named '{name}'")
            if not last and self._attr(found[0], "aria-expanded") == "true":
                continue  # a group that already shows its pages
            outcome = self.activate(found[0])
            if outcome.status != "ok":
                return outcome
        return _touched(OK, *path)

    def click(
        self, role: str, name: str, *, within: str | None = None, target: str | None = None
    ) -> Outcome:
        if not self._find(role, name) and self._find("dialog", name):
            return _touched(OK, (role, name))  # "In the **X** pane": the reader is in it
        found, used, problem = self._one(role, name, within, target)
        if problem is not None:
            return problem
        handle = found[0]
        if role == "option" and (select := self._select_of(handle)) is not None:
            outcome = self._act(lambda: self._choose_option(select, handle))
        elif role in ("checkbox", "radio"):
            outcome = self._act(lambda: self._tick(handle, True))
        else:
            outcome = self.activate(handle)
        return _touched(replace(outcome, used_target=used), (role, name))

    def fill(self, role: str, name: str, value: str, *, within: str | None = None) -> Outcome:
        found, _, problem = self._one(role, name, within, None)
        if problem is not None:
            return problem
        return _touched(self._act(lambda: self._type(found[0], value)), (role, name))

    def select(self, role: str, name: str, option: str, *, within: str | None = None) -> Outcome:
        found, _, problem = self._one(role, name, within, None)
        if problem is not None:
            return problem
        return _touched(self._pick_in(found[0], option, name), (role, name))

    def locate(self, role: str, name: str) -> Outcome:
        """A pane, section or heading (``role`` dialog/region/heading); for a control of
        another role named as a place ("the **X** pane"), only a pane or region."""
        if role not in ("dialog", "region", "heading"):  # a context: no message needed
            found = self._region(name, headings=False) is not None
            return _touched(OK, (role, name)) if found else Outcome("failed", f"no pane '{name}'")
        if self._region(name) is not None:
            return _touched(OK, (role, name))
        return self._failed(f"no pane or section '{name}' is open")

    def pick(self, target: str | None, users: Sequence[str] = ()) -> Outcome:
        touched: list[tuple[str, str]] = []
        for user in users:
            outcome = self._pick_person(user)
            if outcome.status != "ok":
                return outcome
            touched.extend(outcome.touched)
        if target:
            return self._open_target(target)
        return _touched(OK, *touched)

    def choose(self, value: str, *, within: str | None = None) -> Outcome:
        scope = self._scope(within)
        groups = self._find("radiogroup", None, scope)
        if len(groups) == 1:
            named = [
                (c.role, self.label(c.key))
                for c in CONTROLS.values()
                if c.role == "radiogroup" and self.control(c.key, within=scope)
            ]
            return _touched(self._pick_in(groups[0], value, ""), *named)
        return Outcome("unsupported", f"no single choice on the screen for the value '{value}'")

    def complete(self, facts: Sequence[tuple[str, str, str, bool]]) -> Outcome:
        """Fill the open pane's fields from facts: (role, name, value, overwrite); a field
        that is not there, or that holds a value and is not to be overwritten, is left.
        ``touched``: the fields it filled."""
        filled: list[tuple[str, str]] = []
        for role, name, value, overwrite in facts:
            found = self._find(role, name, self._pane())
            if len(found) != 1:
                continue
            if role == "radiogroup":
                radios = self._find("radio", None, found[0])
                if radios and not any(self._checked(r) for r in radios):
                    self._pick_in(found[0], value, name)
                    filled.append((role, name))
            elif overwrite or not self._value(found[0]).strip():
                self._type(found[0], value)
                filled.append((role, name))
        return _touched(OK, *filled)

    def query(self, name: str, target: str | None = None) -> str | None:
        return None

    # -- the screen as a person finds it: for tests, and for acts on controls by key -------

    def label(self, key: str) -> str:
        """The label of ``simulator.controls``' control ``key`` in the driver's language:
        exactly the control's accessible name on the screen."""
        return CONTROLS[key].label(self.settings.lang)

    def find(self, role: str, name: str | None = None, *, within: H | None = None) -> list[H]:
        """The visible, reachable elements with ``role`` and exact accessible ``name`` (None:
        any name), inside ``within`` (an element found before; None: the whole simulator)."""
        return self._find(role, name, within)

    def control(self, key: str, *, within: H | None = None) -> list[H]:
        """The elements that are control ``key`` of ``simulator.controls``: its role and its
        label in the driver's language (exactly one, on a screen that shows it)."""
        return self._find(CONTROLS[key].role, self.label(key), within)

    def attr(self, handle: H, name: str) -> str | None:
        """Attribute ``name`` of an element found with ``find`` or ``control``, as the page
        has it (``aria-expanded``, ``aria-invalid``, an input's drawn ``value``)."""
        return self._attr(handle, name)

    def activate(self, handle: H) -> Outcome:
        """Click an element already found (where a role and a name are not enough to say
        which: a row's own control); like ``click``, a new alert means it was refused."""
        return self._act(lambda: self._click(handle))

    # -- the shared logic ------------------------------------------------------------------

    def _failed(self, message: str) -> Outcome:
        return Outcome("failed", f"{message}; the screen shows {self._describe()}")

    def _act(self, do: Callable[[], None]) -> Outcome:
        before = set(self._alerts())
        try:
            do()
        except ActionError as error:
            return self._failed(str(error))
        refused = [a for a in self._alerts() if a not in before]
        if refused:
            return Outcome("failed", f"the simulator refused it: \u201c{refused[0]}\u201d")
        return OK

    def _region(self, name: str, *, headings: bool = True) -> H | None:
        for role in ("dialog", "region"):
            found = self._find(role, name)
            if len(found) == 1:
                return found[0]
        if not headings:
            return None
        headings_found = self._find("heading", name)
        if len(headings_found) == 1:
            return self._section_of(headings_found[0]) or headings_found[0]
        return None

    def _scope(self, within: str | None) -> H | None:
        if within is not None and (region := self._region(within)) is not None:
            return region
        return self._pane()

    def _pane(self) -> H | None:
        """The open pane (found afresh: an act redraws the screen)."""
        panes = self._find("dialog", None)
        return panes[0] if len(panes) == 1 else None

    def _one(
        self, role: str, name: str, within: str | None, target: str | None
    ) -> tuple[list[H], bool, Outcome | None]:
        """The one element a step means: (found, the target chose it, problem or None)."""
        region = self._region(within) if within else None
        found = self._find(role, name, region)
        if not found and region is not None:
            found = self._find(role, name)
        if not found:
            found = self._reveal(role, name, target)
        if not found:
            where = f" in '{within}'" if within else ""
            return found, False, self._failed(f"no {role} named '{name}'{where}")
        if len(found) > 1 and target:
            mine = [h for h in found if self._in_item(h, self._target_id(target))]
            if len(mine) == 1:
                return mine, True, None
        return found[:1], False, None  # rows alike (More actions): any will do

    def _reveal(self, role: str, name: str, target: str | None) -> list[H]:
        """Open the menus on screen one at a time until ``name`` shows (None: no menu has it,
        and every menu is closed again)."""
        openers = self._menu_openers()
        if target:
            tid = self._target_id(target)
            openers.sort(key=lambda h: not self._in_item(h, tid))
        for opener in openers[:6]:
            self._click(opener)
            found = self._find(role, name)
            if found:
                return found
            for still_open in self._menu_openers(expanded=True):
                self._click(still_open)
        return []

    def _pick_in(self, group: H, option: str, group_name: str) -> Outcome:
        """Choose ``option`` (a name or a value) in a radiogroup or a select; "" the first."""
        if self._tag(group) == "select":
            options = self._find("option", option or None, group)
            if not options:
                every = self._find("option", None, group)
                options = [o for o in every if self._attr(o, "value") == option]
            if not options:
                return self._failed(f"'{group_name}' has no option '{option}'")
            return self._act(lambda: self._choose_option(group, options[0]))
        radios = self._find("radio", None, group)
        chosen = [r for r in radios if not option or self._attr(r, "value") == option]
        chosen = chosen or self._find("radio", option, group)
        if not chosen:
            return self._failed(f"'{group_name}' has no choice '{option}'")
        return self._act(lambda: self._tick(chosen[0], True))

    def _target_id(self, target: str) -> str:
        """A target as written (an id, or a name as shown) -> its scenario id."""
        return target_id(self.portal, target)

    def _target_names(self, target: str) -> list[str]:
        portal = self.portal
        tid = self._target_id(target)
        names = [s.product for s in portal.subscriptions if s.id == tid]
        names += [card_name(c) for c in portal.cards if c.id == tid]
        names += [p.name for p in portal.billing_profiles if p.id == tid]
        names += [i.number for i in portal.invoices if i.number == tid]
        return names or [target]

    def _open_target(self, target: str) -> Outcome:
        names = self._target_names(target)
        for name in names:
            buttons = self._find("button", name)
            if len(buttons) > 1:
                buttons = [b for b in buttons if self._in_item(b, self._target_id(target))]
            if buttons:
                return self.activate(buttons[0])
        for name in names:  # already open: its page or pane is titled with it
            if self._find("heading", name) or self._find("dialog", name):
                return OK
        return self._failed(f"'{names[0]}' is not on the screen to choose")

    def _pick_person(self, user: str) -> Outcome:
        person = next((p for p in self.portal.people if user in (p.id, p.name)), None)
        name = person.name if person else user
        boxes = self._find("checkbox", name)
        if boxes:
            if self._checked(boxes[0]):
                return OK
            return self._act(lambda: self._tick(boxes[0], True))
        label = self.label("field.find_user")
        search = self.control("field.find_user", within=self._pane())
        if not search:
            return self._failed(f"nowhere to choose {name}")
        outcome = self._act(lambda: self._type(search[0], name))
        if outcome.status != "ok":
            return outcome
        options = self._find("option", name, self._pane())
        if not options:
            return self._failed(f"typing '{name}' finds no one called {name}")
        return _touched(self.activate(options[0]), ("combobox", label))


def target_id(portal: Portal, target: str) -> str:
    """A target as a step writes it (a scenario id, or a name as shown) -> its scenario id."""
    for sub in portal.subscriptions:
        if target in (sub.id, sub.product):
            return sub.id
    for card in portal.cards:
        if target in (card.id, card_name(card)):
            return card.id
    for profile in portal.billing_profiles:
        if target in (profile.id, profile.name):
            return profile.id
    return target


def _touched(outcome: Outcome, *controls: tuple[str, str]) -> Outcome:
    """``outcome``, saying which (role, name) controls it used, when it went well."""
    if outcome.status != "ok" or not controls:
        return outcome
    return replace(outcome, touched=(*outcome.touched, *controls))


class ActionError(RuntimeError):
    """An act the screen would not take (the element went away, it is disabled)."""
