"""The browser driver: Playwright in Chromium, on the built site.

Controls are found as a person finds them: ``get_by_role(role, name=label, exact=True)``
inside the simulator (leaving out what an open pane makes inert). The kit's own pages are
checked on their page, in the simulator placed under the procedure
(``[data-procedure=ID]``); any other article on the standalone simulator page,
``/simulator/?scenario=&view=&screen=`` (``/da/simulator/`` in Danish).

Pyodide boots once per page load, so the driver loads as little as it can: a procedure on
the same page and cloud presses the simulator's **Reset simulator**; another cloud of the
same page goes through the page's cloud selector (``__sspCloud.setCloud``), another
standalone setting rewrites the address and re-mounts (``__ssp.remount``); only another
page or language loads a page. After every act the driver waits until the page's worker
has answered every request (``__ssp.pending``).

Postconditions are read from the screen (the subscription's details, the people listed, a
row's "Cancelled", the payment method shown, the period chosen), against the scenario's
first state; when the screen does not show the fact, from the simulator's own saved log
(localStorage), replayed in CPython. Failures keep a screenshot of the simulator, and the
procedure's Playwright trace, under ``test-results/`` (nothing is kept for a pass).
"""

from __future__ import annotations

import json
import os
import re
from contextlib import ExitStack, suppress
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from simulator.app import App
from simulator.controls import CONTROLS
from simulator.i18n import translations
from simulator.model import card_name
from simulator.protocol import Event
from simulator.ui import Settings
from walkthrough.site_server import INSTANT_NAVIGATION_READY

from .a11y import Tree
from .check import UsageError
from .inprocess_driver import portal_fact
from .screen import ActionError, ScreenDriver

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SITE = ROOT / "site"
RESULTS = ROOT / "test-results"
SETTLED = "() => !window.__ssp || window.__ssp.pending.size === 0"
REACHABLE = "els => els.map(e => !e.closest('[inert]'))"
IN_ITEM = """(e, t) => { for (let n = e; n; n = n.parentElement) {
  for (const a of ['subscription', 'card', 'profile']) if (n.dataset && n.dataset[a] === t)
    return true; } return false; }"""
SWITCH_CLOUD = "c => { if (!window.__sspCloud) return false; __sspCloud.setCloud(c); return true }"
INSTANT = """href => { const a = document.createElement('a'); a.href = href;
  document.body.append(a); a.click(); a.remove(); }"""
ARRIVED = """p => location.pathname === p && !!document.querySelector('[data-simulator]')"""
ALERTS = """s => [...document.querySelector(s).querySelectorAll('[role=alert]')]
  .filter(a => a.checkVisibility()).map(a => a.innerText.replace(/\\s+/g, ' ').trim())"""
Locator = Any  # playwright.sync_api.Locator (typed loosely: Playwright is a test extra)


class BrowserDriver(ScreenDriver[Locator]):
    name = "browser"

    def __init__(
        self,
        page: Any,
        base_url: str,
        *,
        site: Path = SITE,
        docs: Path = DOCS,
        results: Path | None = RESULTS,
        trace: bool = False,
        timeout_ms: float = 30_000,
    ) -> None:
        super().__init__()
        self.page = page
        self.base_url = base_url.rstrip("/")
        self.site = site
        self.docs = docs.resolve()
        self.results = results
        self.trace = trace
        self.timeout_ms = timeout_ms
        self._sim: Locator | None = None
        self._selector = "[data-simulator]"
        self._run = 0
        self._broken = False
        self._tracing = False
        self._chunk = False
        self._own: ExitStack | None = None
        self.stats = {"loads": 0, "instant": 0, "remounts": 0, "resets": 0}
        self._found: dict[tuple[str, str | None, str], list[Locator]] = {}
        self._alerts_now: list[str] | None = None

    # -- where the procedure's simulator is ---------------------------------------------

    def page_of(self, article: str | None) -> str | None:
        """The built page of a kit article (``docs/da/x.md`` -> ``/da/x/``), or None."""
        if not article:
            return None
        try:
            rel = Path(article).resolve().relative_to(self.docs)
        except ValueError:
            return None
        if len(rel.parts) < 2 or rel.suffix != ".md":
            return None
        lang, *rest = rel.with_suffix("").parts
        if rest[-1] == "index":
            rest = rest[:-1]
        prefix = "" if lang == "en" else f"/{lang}"
        url = prefix + "/" + "".join(f"{p}/" for p in rest)
        return url if (self.site / url.lstrip("/") / "index.html").is_file() else None

    def _has_simulator(self, url: str, procedure: str) -> bool:
        built = (self.site / url.lstrip("/") / "index.html").read_text("utf-8", errors="replace")
        return f'data-procedure="{procedure}"' in built

    def _begin(self) -> None:
        self._finish_trace()
        self._run += 1
        self._broken = False
        self._start_trace()

    def _open(self, settings: Settings) -> None:
        self._found.clear()
        self._alerts_now = None
        page_url = self.page_of(self.article)
        if page_url and self.procedure and self._has_simulator(page_url, self.procedure):
            self._open_page(page_url, settings)
        else:
            self._open_standalone(settings)
        sim = self._sim
        assert sim is not None
        reset = CONTROLS["control.reset"].label(settings.lang)
        sim.get_by_role("button", name=reset, exact=True).click()
        self.stats["resets"] += 1
        self._settle()

    def _here(self) -> tuple[str, str]:
        url = self.page.url
        if not url.startswith(self.base_url):
            return "", ""
        parts = urlsplit(url)
        return parts.path, parts.query

    def _open_page(self, url: str, settings: Settings) -> None:
        cloud = settings.cloud.value
        selector = f'[data-simulator][data-procedure="{self.procedure}"]'
        address = f"{self.base_url}{url}?{urlencode({'view': cloud})}"
        if self._here()[0] != url:
            self._navigate(url, address)
        if self.page.evaluate("document.documentElement.dataset.cloud") != cloud:
            if self.page.evaluate(SWITCH_CLOUD, cloud):  # the page's cloud selector: re-mounts
                self.stats["remounts"] += 1
            else:
                self.page.goto(address)
                self.stats["loads"] += 1
        self._sim, self._selector = self.page.locator(selector), selector
        self._ready(selector, cloud, address)

    def _open_standalone(self, settings: Settings) -> None:
        path = "/simulator/" if settings.lang == "en" else f"/{settings.lang}/simulator/"
        query = urlencode(
            {"scenario": settings.scenario, "view": settings.cloud.value, "screen": settings.screen}
        )
        address = f"{self.base_url}{path}?{query}"
        selector = "[data-simulator][data-standalone]"
        if self._here()[0] != path:
            self._navigate(f"{path}?{query}", address)
        elif self._here()[1] != query:  # other settings: re-mount, Python stays booted
            self.page.evaluate(
                "([q, s]) => { history.replaceState(history.state, '', '?' + q);"
                " window.__ssp.remount(document.querySelector(s)); }",
                [query, selector],
            )
            self.stats["remounts"] += 1
        self._sim, self._selector = self.page.locator(selector), selector
        self._ready(selector, settings.cloud.value, address)

    def _navigate(self, target: str, address: str) -> None:
        """Go to ``target`` (a path and query): by Material's instant navigation when the page
        is on the site in the same language (the page, and Pyodide, stay), else load
        ``address``."""
        here, path = self._here()[0], urlsplit(target).path
        instant = bool(here) and _language(here) == _language(path)
        if instant and self.page.evaluate("() => !!window.document$ && !!window.__ssp"):
            try:
                self.page.wait_for_function(INSTANT_NAVIGATION_READY, timeout=self.timeout_ms)
                self.page.evaluate(INSTANT, target)
                self.page.wait_for_function(ARRIVED, arg=path, timeout=self.timeout_ms)
                self.stats["instant"] += 1
                return
            except Exception:  # not taken over (no sitemap, a link outside it): load it
                pass
        self.page.goto(address)
        self.stats["loads"] += 1

    def _ready(self, selector: str, cloud: str, address: str) -> None:
        """Wait for the simulator to be mounted in ``cloud``; load ``address`` afresh once if
        it does not come (a worker that died, a page left half-navigated by another test)."""
        check = (
            "([s, c]) => { const e = document.querySelector(s);"
            " return e && 'ready' in e.dataset && e.dataset.cloudActive === c; }"
        )
        try:
            self.page.wait_for_function(check, arg=[selector, cloud], timeout=60_000)
        except Exception:
            self.page.goto(address)
            self.stats["loads"] += 1
            self.page.wait_for_function(check, arg=[selector, cloud], timeout=90_000)

    @property
    def root(self) -> Locator:
        if self._sim is None:
            raise RuntimeError("the browser driver has not been started")
        return self._sim.locator(".ssp-sim-root")

    def _settle(self) -> None:
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
        scope = within if within is not None else self.root
        if name is None:
            found = self._reachable(scope.get_by_role(role))
        else:
            found = self._reachable(scope.get_by_role(role, name=name, exact=True))
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
        self._settle()

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

    # -- facts: what the screen shows --------------------------------------------------

    def query(self, name: str, target: str | None = None) -> str | None:
        tid = self._target_id(target) if target else ""
        try:
            shown = self._read_screen(name, tid)
        except Exception:
            shown = None
        if shown is not None:
            return shown
        app = self._replayed()
        if app is None:
            return None
        return portal_fact(name, tid, app.portal, app.ui, self.portal)

    def _read_screen(self, name: str, tid: str) -> str | None:
        tree = Tree(self.root.inner_html())
        gettext = translations(self.settings.lang).gettext
        first = self.portal
        texts = {n.text() for n in tree.nodes if not n.hidden and n.tag in ("span", "p")}
        if name == "products.filter":
            if gettext("Showing self-service purchases only") in texts:
                return "self_service"
            if gettext("Showing central purchases only") in texts:
                return "central"
            tab = CONTROLS["tab.products"].label(self.settings.lang)
            return "all" if tree.find("tab", tab) else None
        if name.startswith("subscription.") and tid:
            return self._read_subscription(tree, name.split(".", 1)[1], tid)
        if name == "billing_profile.payment_method_changed" and tid:
            heading = CONTROLS["section.payment_method"].label(self.settings.lang)
            regions = tree.find("region", heading)
            profile = first.billing_profile(tid)
            if not regions or not tree.find("heading", profile.name):
                return None
            card = first.card(profile.payment_method)
            before = f"{card_name(card)} · {card.holder} · {card.expiration}"
            lines = [n.text() for n in regions[0].walk() if n.tag == "p"]
            return "true" if lines and not lines[0].startswith(before) else "false"
        if name == "payment_method.changed" and tid:
            card = first.card(tid)
            row = self._row_of(tree, card_name(card))
            if row is None:
                return None
            cells = [c.text() for c in row if c.tag == "td"]
            return "true" if cells[:2] != [card.holder, card.expiration] else "false"
        if name == "payment_methods.added":
            rows = [n for n in tree.nodes if n.attrs.get("data-action") == "open-card"]
            return str(len(rows) - len(first.cards)) if rows else None
        if name == "bills.tab":
            tabs = [n for n in tree.find("tab") if n.attrs.get("aria-selected") == "true"]
            return tabs[0].attrs.get("data-tab", "") if tabs else ""
        if name == "invoices.period":
            label = CONTROLS["control.period"].label(self.settings.lang)
            found = self.root.get_by_role("combobox", name=label, exact=True)
            return str(found.input_value()) if found.count() == 1 else None
        return None

    def _row_of(self, tree: Tree, name: str) -> list[Any] | None:
        for button in tree.find("button", name):
            row = next((a for a in button.ancestors() if a.tag == "tr"), None)
            if row is not None:
                return [c for c in row.children if not isinstance(c, str)]
        return None

    def _read_subscription(self, tree: Tree, field: str, tid: str) -> str | None:
        lang = self.settings.lang
        gettext = translations(lang).gettext
        sub = self.portal.subscription(tid)
        detail = bool(tree.find("heading", sub.product))
        if field == "total_licenses" and detail:
            terms = [
                n for n in tree.nodes if n.tag == "dt" and n.text() == gettext("Total licenses")
            ]
            if terms and terms[0].parent is not None:
                values = [n.text() for n in terms[0].parent.walk() if n.tag == "dd"]
                return re.sub(r"\D", "", values[0]) if values else None
        if field in ("assigned_users", "unassigned_users") and detail:
            names = {tree.name(n) for n in tree.find("checkbox")}
            shown = [p.id for p in self.portal.people if p.name in names]
            if field == "assigned_users":
                return ",".join(shown)
            return ",".join(p for p in sub.assigned if p not in shown)
        if field == "status":
            rows = [
                n for n in tree.nodes if n.tag == "tr" and n.attrs.get("data-subscription") == tid
            ]
            if rows:
                chip = gettext("Cancelled")
                return "cancelled" if chip in rows[0].text() else "active"
        return None

    def _replayed(self) -> App | None:
        """The simulator's own state: its saved event log, replayed in CPython."""
        if self._sim is None:
            return None
        key = self._sim.evaluate(
            "e => Object.keys(localStorage).find(k => k.startsWith("
            "['ssp.sim', location.pathname, e.id, ''].join('|')))"
        )
        raw = self.page.evaluate("k => localStorage.getItem(k)", key) if key else None
        if not raw:
            return None
        data = json.loads(raw)
        app = App(Settings.from_dict(data.get("settings", {})))
        for event in data.get("events", []):
            app.handle(Event.from_dict(event))
        return app


def _language(path: str) -> str:
    """The language folder a site path is in ("" for the default language's pages)."""
    first = path.strip("/").split("/")[0]
    return first if len(first) == 2 else ""


def _shown(path: Path) -> str:
    """A kept file as the report shows it: relative to the repository when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def make_driver(*, site: Path | None = None, trace: bool = False) -> BrowserDriver:
    """A browser driver with its own server, Chromium and page (``ssp-kit check``), on
    ``site`` (default: ``$SSP_SITE``, else the repository's site/ that ``make build``
    writes)."""
    site = site or Path(os.environ.get("SSP_SITE", SITE))
    if not (site / "index.html").is_file():
        raise UsageError(
            f"the browser driver runs the built site, and {site} has none: run make build"
        )
    from playwright.sync_api import sync_playwright

    from walkthrough.chromium import LAUNCH_ARGS, find_chromium
    from walkthrough.site_server import serve_directory

    chromium = find_chromium()
    if chromium is None:
        raise UsageError("no Chromium found: run make setup-browser")
    stack = ExitStack()
    base_url, _ = stack.enter_context(serve_directory(site))
    playwright = stack.enter_context(sync_playwright())
    browser = playwright.chromium.launch(executable_path=chromium, args=list(LAUNCH_ARGS))
    stack.callback(browser.close)
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    driver = BrowserDriver(page, base_url, site=site, results=None, trace=trace)
    driver._own = stack
    return driver
