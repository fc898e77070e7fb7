"""Turn simulator placeholders in a page's HTML into simulators showing their first screen.

A page asks for a simulator with a raw HTML element in its Markdown:

    <div data-simulator data-procedure="assign-licenses" data-screen="licenses"></div>

Attributes (all optional): ``data-procedure`` (an id of procedures.yml), ``data-scenario``
(default ``default``), ``data-screen`` (default ``products``), ``data-cloud`` (default the
first of the page's clouds), ``data-standalone`` (the simulator page: settings come from the
URL, ``?scenario=&view=&role=&screen=``). The page's language comes from the build.

The support page asks for its form and two simulators with ``<div data-support></div>``.
"""

from __future__ import annotations

import html
import re
from typing import Any

from simulator.embed import render_frame, render_support
from simulator.markets import Cloud
from simulator.protocol import EventError
from simulator.ui import Settings

_PLACEHOLDER = re.compile(r"<div\b(?P<attrs>[^>]*\bdata-simulator\b[^>]*)>\s*</div>", re.I)
#: The support page's form and simulators (``<div data-support></div>``).
_SUPPORT = re.compile(r"<div\s+data-support\s*>\s*</div>", re.I)
_ATTR = re.compile(r'(data-[\w-]+)(?:="([^"]*)")?')


class EmbedError(ValueError):
    """A placeholder the plugin cannot turn into a simulator."""


def expand(
    page_html: str, *, lang: str, page: str, guides: dict[str, dict[str, Any]] | None = None
) -> str:
    """``page_html`` with every placeholder replaced by its rendered simulator; a
    procedure's simulator carries its guided practice from ``guides`` (by procedure id,
    then cloud), the standalone simulator all of them."""
    every = [guide for by_cloud in (guides or {}).values() for guide in by_cloud.values()]
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        attrs = {k: html.unescape(v or "") for k, v in _ATTR.findall(match.group("attrs"))}
        procedure = attrs.get("data-procedure") or None
        try:
            settings = Settings.from_dict(
                {
                    "lang": lang,
                    "cloud": attrs.get("data-cloud") or Cloud.WORLDWIDE,
                    "scenario": attrs.get("data-scenario") or "default",
                    "screen": attrs.get("data-screen") or "products",
                }
            )
        except EventError as exc:
            raise EmbedError(f"{page}: simulator #{count}: {exc}") from exc
        key = f"sim-{procedure or count}"
        standalone = "data-standalone" in attrs
        own = [g for g in every if g["id"] == procedure]
        return render_frame(
            key,
            settings,
            procedure=procedure,
            standalone=standalone,
            guides=every if standalone else own,
        )

    page_html = _SUPPORT.sub(lambda _: render_support(lang), page_html)
    return _PLACEHOLDER.sub(replace, page_html)
