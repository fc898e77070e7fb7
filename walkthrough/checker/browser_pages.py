"""Where a procedure's simulator is on the built site, and how the browser driver gets there.

The kit's own pages are checked on their page, in the simulator placed under the procedure
(``[data-procedure=ID]``); any other article on the standalone simulator page,
``/simulator/?scenario=&view=&screen=`` (``/da/simulator/`` in Danish).

Pyodide boots once per page load, so as little is loaded as can be: a procedure on the
same page and cloud only needs the simulator reset (the driver's part); another cloud of
the same page goes through the page's cloud selector (``__sspCloud.setCloud``), another
standalone setting rewrites the address and re-mounts (``__ssp.remount``); another page
of the same language is reached by Material's instant navigation; only another language
loads a page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from simulator.ui import Settings
from walkthrough.share import page_path
from walkthrough.site_server import INSTANT_NAVIGATION_READY

SWITCH_CLOUD = "c => { if (!window.__sspCloud) return false; __sspCloud.setCloud(c); return true }"
INSTANT = """href => { const a = document.createElement('a'); a.href = href;
  document.body.append(a); a.click(); a.remove(); }"""
ARRIVED = """p => location.pathname === p && !!document.querySelector('[data-simulator]')"""
MOUNTED = """([s, c]) => { const e = document.querySelector(s);
  return e && 'ready' in e.dataset && e.dataset.cloudActive === c; }"""


class SitePages:
    """The pages of the site at ``base_url`` (built into ``site`` from ``docs``), in ``page``."""

    def __init__(self, page: Any, base_url: str, *, site: Path, docs: Path, timeout_ms: float):
        self.page = page
        self.base_url = base_url.rstrip("/")
        self.site = site
        self.docs = docs.resolve()
        self.timeout_ms = timeout_ms
        self.stats = {"loads": 0, "instant": 0, "remounts": 0, "resets": 0}

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

    def open(self, article: str | None, procedure: str | None, settings: Settings) -> str:
        """Show the simulator of ``procedure`` mounted with ``settings``; its CSS selector."""
        url = self.page_of(article)
        if url and procedure and self._has_simulator(url, procedure):
            return self._open_page(url, procedure, settings)
        return self._open_standalone(settings)

    def _has_simulator(self, url: str, procedure: str) -> bool:
        built = (self.site / url.lstrip("/") / "index.html").read_text("utf-8", errors="replace")
        return f'data-procedure="{procedure}"' in built

    def _here(self) -> tuple[str, str]:
        url = self.page.url
        if not url.startswith(self.base_url):
            return "", ""
        parts = urlsplit(url)
        return parts.path, parts.query

    def _open_page(self, url: str, procedure: str, settings: Settings) -> str:
        cloud = settings.cloud.value
        selector = f'[data-simulator][data-procedure="{procedure}"]'
        address = f"{self.base_url}{url}?{urlencode({'view': cloud})}"
        if self._here()[0] != url:
            self._navigate(url, address)
        if self.page.evaluate("document.documentElement.dataset.cloud") != cloud:
            if self.page.evaluate(SWITCH_CLOUD, cloud):  # the page's cloud selector: re-mounts
                self.stats["remounts"] += 1
            else:
                self.page.goto(address)
                self.stats["loads"] += 1
        self._ready(selector, cloud, address)
        return selector

    def _open_standalone(self, settings: Settings) -> str:
        path = page_path(settings.lang)
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
        self._ready(selector, settings.cloud.value, address)
        return selector

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
        try:
            self.page.wait_for_function(MOUNTED, arg=[selector, cloud], timeout=60_000)
        except Exception:
            self.page.goto(address)
            self.stats["loads"] += 1
            self.page.wait_for_function(MOUNTED, arg=[selector, cloud], timeout=90_000)


def _language(path: str) -> str:
    """The language folder a site path is in ("" for the default language's pages)."""
    first = path.strip("/").split("/")[0]
    return first if len(first) == 2 else ""
