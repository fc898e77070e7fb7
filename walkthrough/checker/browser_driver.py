"""The browser driver: Playwright in Chromium, on the built site.

Controls are found as a person finds them: ``get_by_role(role, name=label, exact=True)``
inside the simulator (leaving out what an open pane makes inert). Where the procedure's
simulator is, and how to get there with as few page loads as possible, is
``browser_pages``; after every act the driver waits until the page's worker has answered
every request (``__ssp.pending``).

Postconditions are read from the simulator's own state, as the page's worker holds it
(``__ssp.state``, read back with ``simulator.state``): the same facts the in-process driver reads
(``inprocess_driver.portal_fact``). Failures keep a screenshot of the simulator, and the
procedure's Playwright trace, under ``test-results/`` (nothing is kept for a pass).
"""

from __future__ import annotations

import re
from contextlib import ExitStack, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator import state
from simulator.controls import CONTROLS
from simulator.ui import Settings

from .a11y import Tree
from .browser_pages import SitePages
from .driver import Outcome
from .inprocess_driver import portal_fact
from .screen import ActionError, ScreenDriver, _touched

SETTLED = "() => !window.__ssp || window.__ssp.pending.size === 0"
REACHABLE = "els => els.map(e => !e.closest('[inert]'))"
IN_ITEM = """(e, t) => { for (let n = e; n; n = n.parentElement) {
  for (const a of ['subscription', 'card', 'profile']) if (n.dataset && n.dataset[a] === t)
    return true; } return false; }"""
ALERTS = """s => [...document.querySelector(s).querySelectorAll('[role=alert]')]
  .filter(a => a.checkVisibility()).map(a => a.innerText.replace(/\\s+/g, ' ').trim())"""
STATE = "async s => (await window.__ssp.state(document.querySelector(s))).state"
if TYPE_CHECKING:
    from playwright.sync_api import Locator
else:
    Locator = Any  # Playwright is an optional extra: imported only to check types


class BrowserDriver(ScreenDriver[Locator]):
    name = "browser"

    def __init__(
        self,
        page: Any,
        base_url: str,
        *,
        site: Path = Path("site"),
        docs: Path = Path("docs"),
        results: Path | None = Path("test-results"),
        trace: bool = False,
        timeout_ms: float = 30_000,
        owns: ExitStack | None = None,
    ) -> None:
        """``site``: the built site served at ``base_url``; ``docs``: the pages it was built
        from; ``results``: where a failure's screenshot and trace go (None: nowhere);
        ``owns``: what ``shutdown`` closes (the server and browser of ``browser_session``)."""
        super().__init__()
        self.page = page
        self.pages = SitePages(page, base_url, site=site, docs=docs, timeout_ms=timeout_ms)
        self.stats = self.pages.stats
        self.results = results
        self.trace = trace
        self.timeout_ms = timeout_ms
        self._sim: Locator | None = None
        self._selector = "[data-simulator]"
        self._run = 0
        self._broken = False
        self._tracing = False
        self._chunk = False
        self._own = owns
        self._found: dict[tuple[str, str | None, str], list[Locator]] = {}
        self._alerts_now: list[str] | None = None

    def _begin(self) -> None:
        self._finish_trace()
        self._run += 1
        self._broken = False
        self._start_trace()

    def _open(self, settings: Settings) -> None:
        self._found.clear()
        self._alerts_now = None
        self._selector = self.pages.open(self.article, self.procedure, settings)
        self._sim = self.page.locator(self._selector)
        reset = CONTROLS["control.reset"]
        self.by_role(reset.role, reset.label(settings.lang), within=self.element).click()
        self.stats["resets"] += 1
        self.settle()

    def resume(self, settings: Settings, selector: str = "[data-simulator]") -> None:
        """Drive the simulator ``selector`` the page shows now, as the reader left it (no
        Reset): after the page was reloaded, or in a second tab of the same reader."""
        self.settings = settings
        self._selector = selector
        self._sim = self.page.locator(selector).first
        self.page.wait_for_selector(f"{selector}[data-ready]", timeout=self.timeout_ms)
        self.settle()

    @property
    def element(self) -> Locator:
        """The simulator's element (``[data-simulator]``): the portal and, above it, the
        simulator's own toolbar (Reset simulator)."""
        if self._sim is None:
            raise RuntimeError("the browser driver has not been started")
        return self._sim

    @property
    def root(self) -> Locator:
        """The portal (``.ssp-sim-root``): where controls are found."""
        return self.element.locator(".ssp-sim-root")

    def by_role(
        self, role: str, name: str | None = None, *, within: Locator | None = None
    ) -> Locator:
        """Playwright's locator of the elements with ``role`` and exact accessible ``name``
        (None: any name) in the portal, or ``within``: how ``find`` looks, unresolved and
        unfiltered (what an open pane makes inert is in it), for assertions that wait."""
        scope = within if within is not None else self.root
        if name is None:
            return scope.get_by_role(role)  # type: ignore[arg-type]  # any ARIA role, as str
        return scope.get_by_role(role, name=name, exact=True)  # type: ignore[arg-type]

    def settle(self) -> None:
        """Wait until the page's worker has answered every event sent so far (every act
        does); what was found on the screen before is forgotten. Call it after acting on
        ``page`` directly (a key pressed)."""
        self._found.clear()
        self._alerts_now = None
        if not self.page.evaluate(SETTLED):
            self.page.wait_for_function(SETTLED, timeout=self.timeout_ms, polling=5)

    # -- traces and screenshots ---------------------------------------------------------

    def _slug(self) -> str:
        article = Path(self.article).stem if self.article else "article"
        parts = [article, self.settings.lang, self.settings.cloud.value, self.procedure or "steps"]
        return re.sub(r"[^\w.-]+", "-", "-".join(parts)) + f"-{self._run}"

    def _start_trace(self) -> None:
        if not (self.trace and self.results):
            return
        tracing = self.page.context.tracing
        try:
            if not self._tracing:
                tracing.start(screenshots=True, snapshots=True)
                self._tracing = True
            tracing.start_chunk(title=self._slug())
            self._chunk = True
        except Exception:  # tracing already owned by someone else: go on without it
            self._chunk = False

    def _finish_trace(self) -> None:
        if not self._chunk:
            return
        self._chunk = False
        tracing = self.page.context.tracing
        if self._broken and self.results:
            folder = self.results / self._slug()
            folder.mkdir(parents=True, exist_ok=True)
            tracing.stop_chunk(path=str(folder / "trace.zip"))
        else:
            tracing.stop_chunk()

    def _evidence(self) -> tuple[str, ...]:
        self._broken = True
        if not self.results:
            return ()
        folder = self.results / self._slug()
        folder.mkdir(parents=True, exist_ok=True)
        shot = folder / f"failure-{len(list(folder.glob('failure-*.png'))) + 1}.png"
        try:
            target = self._sim if self._sim is not None else self.page
            target.screenshot(path=str(shot), timeout=5_000)
        except Exception:
            return ()
        found = (_shown(shot),)
        return (*found, _shown(folder / "trace.zip")) if self._chunk else found

    def close(self) -> None:
        self._finish_trace()

    def shutdown(self) -> None:
        """Stop what ``make_driver`` started (browser, server)."""
        self._finish_trace()
        if self._tracing:
            with suppress(Exception):
                self.page.context.tracing.stop()
            self._tracing = False
        if self._own is not None:
            self._own.close()
            self._own = None

    # -- primitives ---------------------------------------------------------------------

    def _reachable(self, locator: Locator) -> list[Locator]:
        flags = locator.evaluate_all(REACHABLE)
        return [locator.nth(i) for i, ok in enumerate(flags) if ok]

    def _find(self, role: str, name: str | None, within: Locator | None = None) -> list[Locator]:
        key = (role, name, repr(within))
        if key in self._found:  # the screen has not changed since (every act clears it)
            return list(self._found[key])
        found = self._reachable(self.by_role(role, name, within=within))
        self._found[key] = found
        return list(found)

    def _attr(self, handle: Locator, attr: str) -> str | None:
        value: str | None = handle.get_attribute(attr, timeout=self.timeout_ms)
        return value

    def _do(self, act: Any, *args: Any, **kwargs: Any) -> None:
        try:
            act(*args, timeout=self.timeout_ms, **kwargs)
        except Exception as error:
            message = str(error).splitlines()[0]
            raise ActionError(f"the browser could not do it ({message})") from error
        self.settle()

    def _click(self, handle: Locator) -> None:
        self._do(handle.click)

    def _type(self, handle: Locator, value: str) -> None:
        self._do(handle.fill, value)

    def _tick(self, handle: Locator, on: bool) -> None:
        self._do(handle.set_checked, on)

    def _checked(self, handle: Locator) -> bool:
        return bool(handle.is_checked(timeout=self.timeout_ms))

    def _value(self, handle: Locator) -> str:
        return str(handle.input_value(timeout=self.timeout_ms))

    def _tag(self, handle: Locator) -> str:
        return str(handle.evaluate("e => e.tagName.toLowerCase()"))

    def _choose_option(self, select: Locator, option: Locator) -> None:
        value = option.get_attribute("value")
        if value is None:
            value = option.inner_text()
        self._do(select.select_option, value=value)

    def _select_of(self, option: Locator) -> Locator | None:
        select = option.locator("xpath=ancestor::select[1]")
        return select if select.count() else None

    def _section_of(self, heading: Locator) -> Locator | None:
        section = heading.locator(
            "xpath=ancestor::*[self::section or @role='region' or @role='dialog'][1]"
        )
        return section if section.count() else None

    def _in_item(self, handle: Locator, target: str) -> bool:
        return bool(handle.evaluate(IN_ITEM, target))

    def _menu_openers(self, expanded: bool = False) -> list[Locator]:
        state = "true" if expanded else "false"
        found = self.root.locator(
            f'button[aria-haspopup="menu"][aria-expanded="{state}"],'
            f' button[aria-haspopup="true"][aria-expanded="{state}"]'
        )
        return [h for h in self._reachable(found) if h.is_visible()]

    def _alerts(self) -> list[str]:
        if self._sim is None:
            return []
        if self._alerts_now is None:  # read once per screen (every act clears it)
            texts: list[str] = self.page.evaluate(ALERTS, self._selector)
            self._alerts_now = [t for t in texts if t]
        return list(self._alerts_now)

    def _describe(self) -> str:
        try:
            return Tree(self.root.inner_html(timeout=self.timeout_ms)).describe()
        except Exception:
            return "nothing (the simulator is not there)"

    # -- keys -------------------------------------------------------------------------------

    def type_keys(self, role: str, name: str, text: str, *, within: str | None = None) -> Outcome:
        """Type ``text`` key by key over what the field holds, as a person types into a
        type-ahead (the search box of the Assign pane): each key is an input event, and the
        simulator answers it while the next ones are typed (``fill`` sends the whole value
        as one). ``within`` as for ``fill``."""
        found, _, problem = self._one(role, name, within, None)
        if problem is not None:
            return problem
        box = found[0]

        def keys() -> None:
            self._do(box.click)
            self._do(box.press, "ControlOrMeta+a")
            self._do(box.press_sequentially, text)

        return _touched(self._act(keys), (role, name))

    # -- facts: the simulator's own state ------------------------------------------------

    def query(self, name: str, target: str | None = None) -> str | None:
        if self._sim is None:
            return None
        saved = self.page.evaluate(STATE, self._selector)
        if not saved:
            return None
        portal, ui = state.restore(state.decode(saved), self.settings)
        tid = self._target_id(target) if target else ""
        return portal_fact(name, tid, portal, ui, self.portal)


def _shown(path: Path) -> str:
    """A kept file as the report shows it: relative to the repository when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
