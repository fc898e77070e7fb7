"""A customer's view of the portal as a share link or a capture: ``ssp-kit link`` and
``ssp-kit screenshot``.

A view is a scenario file plus where to look at it (language, cloud, role, screen, an open
pane). Its share link is the standalone simulator page of its language with the cloud and
role in the query and the state (``simulator.state.to_link``) in the fragment, which the
browser never sends to a server. A capture opens that very link on the built site in
Chromium, with every request outside the local server refused, and writes a PNG of the
viewport or a self-contained HTML snapshot (no script, styles inlined, nothing fetched).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from simulator import scenario, state
from simulator.i18n import translations
from simulator.markets import CODES, Cloud
from simulator.ui import SCREENS

from .scenarios import check_text, parse

#: What ``ssp-kit screenshot`` waits for, at most (Pyodide boots on a loaded machine).
CAPTURE_TIMEOUT_MS = 180_000

#: A snapshot of the page as it is shown (walkthrough/assets/snapshot.js, which the support
#: page's Capture button runs too): no script, styles inlined, nothing to load.
SNAPSHOT = "() => window.__sspSnapshot()"


class ShareError(ValueError):
    """A view that cannot be shared: the message says what is wrong and what to do."""


@dataclass(frozen=True)
class View:
    """Where to look at a scenario: the page's language, the cloud, the role, the screen,
    and a pane open on it (``target``: the subscription, card or profile it acts on)."""

    lang: str = "en"
    cloud: Cloud = Cloud.WORLDWIDE
    role: str = ""
    screen: str = "products"
    pane: str = ""
    target: str = ""

    def ui(self) -> dict[str, Any]:
        """The view as a state's view (``simulator.state``)."""
        shown: dict[str, Any] = {"screen": self.screen}
        if self.pane:
            shown |= {"pane": self.pane, "pane_for": self.target}
        return shown


def page_path(lang: str, page: str = "simulator") -> str:
    """The path of a page from the site's root: the default language at the root
    (``/simulator/``), the others under their code (``/da/simulator/``)."""
    return f"/{page}/" if lang == CODES[0] else f"/{lang}/{page}/"


def state_of_file(path: Path) -> state.State:
    """The state a scenario file describes, whole: as its changes to the packaged scenario
    of the same name, or to the default one. ShareError lists the file's problems."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ShareError(f"{path}: can't read the file: {error}") from None
    findings = check_text(text, str(path))
    if findings:
        raise ShareError("\n".join(str(f) for f in findings))
    data, _ = parse(text)
    base = path.stem if path.stem in scenario.scenario_ids() else "default"
    return state.of_data(data, base, {})


def link(shared: state.State, view: View, *, base: str = "") -> str:
    """The share link of ``shared`` seen as ``view``: a path from the site's root, or a full
    URL under ``base``."""
    if view.screen not in SCREENS:
        raise ShareError(f"--screen {view.screen!r}: use one of {', '.join(SCREENS)}.")
    if view.lang not in CODES:
        raise ShareError(f"--locale {view.lang!r}: use one of {', '.join(CODES)}.")
    query = {"view": view.cloud.value} | ({"role": view.role} if view.role else {})
    token = state.to_link(state.State(shared.scenario, shared.patch, view.ui()))
    path = f"{page_path(view.lang)}?{urlencode(query)}#{state.LINK_PARAM}={token}"
    return base.rstrip("/") + path if base else path


def long_link_warning(address: str, lang: str) -> str:
    """What to say of a link too long to travel well ("" for one that is fine)."""
    if len(address) <= state.LINK_WARN:
        return ""
    text = translations(lang).gettext(state.LINK_LONG)
    return text % {"length": f"{len(address):,}"}


@contextmanager
def _chromium(site: Path, width: int, height: int) -> Iterator[tuple[Any, str]]:
    """A page of a Chromium with no network but a local server of ``site``."""
    from .chromium import NoChromium, site_browser

    try:
        with site_browser(site) as (_, browser, base_url):
            context = browser.new_context(viewport={"width": width, "height": height})
            context.route(
                "**/*",
                lambda route: (
                    route.continue_() if route.request.url.startswith(base_url) else route.abort()
                ),
            )
            yield context.new_page(), base_url
    except NoChromium as error:
        raise ShareError(str(error)) from None


def capture(
    address: str, *, site: Path, out: Path, fmt: str = "png", width: int = 1280, height: int = 800
) -> None:
    """Open ``address`` (a share link's path) on the built ``site`` and write what it shows
    to ``out``: a PNG of ``width`` x ``height`` pixels, or a self-contained HTML snapshot."""
    from .site_server import ALL_SIMULATORS_READY

    if not (site / "index.html").is_file():
        raise ShareError(f"{site} holds no built site: run make build, or pass --site DIR")
    with _chromium(site, width, height) as (page, base_url):
        page.goto(base_url.rstrip("/") + address)
        page.wait_for_function(ALL_SIMULATORS_READY, timeout=CAPTURE_TIMEOUT_MS)
        if fmt == "html":
            out.write_text(page.evaluate(SNAPSHOT), encoding="utf-8")
        else:  # the simulator at the top of the picture
            page.evaluate("() => document.querySelector('[data-simulator]').scrollIntoView()")
            page.screenshot(path=str(out), full_page=False)


def view_of_args(args: Any) -> View:
    """The View of ``ssp-kit link`` / ``screenshot``'s options."""
    pane, _, target = (getattr(args, "pane", None) or "").partition(":")
    return View(
        lang=args.locale,
        cloud=Cloud(args.cloud),
        role=args.role or "",
        screen=args.screen,
        pane=pane,
        target=target,
    )


def run_link(args: Any) -> int:
    """``ssp-kit link``: print the share link (and warn on stderr when it is long)."""
    try:
        address = link(state_of_file(Path(args.scenario)), view_of_args(args), base=args.base)
    except ShareError as error:
        print(error, file=sys.stderr)
        return 1
    print(address)
    warning = long_link_warning(address, args.locale)
    if warning:
        print(warning, file=sys.stderr)
    return 0


def run_screenshot(args: Any) -> int:
    """``ssp-kit screenshot``: capture the view from the built site."""
    try:
        address = link(state_of_file(Path(args.scenario)), view_of_args(args))
        capture(
            address,
            site=Path(args.site),
            out=Path(args.output),
            fmt=args.format,
            width=args.width,
            height=args.height,
        )
    except ShareError as error:
        print(error, file=sys.stderr)
        return 1
    print(args.output)
    return 0
