"""A walk through the portal on a scratch instance, to warm the browser's engine up.

Why: the browser compiles Pyodide's WebAssembly in two tiers, a quick baseline first and
optimized code for the functions that have run a while. A plain boot runs half a second of
Python start-up, which heats the interpreter's hot paths; a boot from the memory snapshot
skips all of that: its first twenty clicks took 6.4 ms each, against 5.0 after this walk
(bench/bench_click.py), and pure-Python loops ran up to three times as slowly in the first
second. After the boot, while the reader reads, the page's worker calls ``step`` until it
answers False; each call handles one event and renders, as a click does, so a reader's
click waits at most for one of them.

Nothing here touches the page's instances or saved states.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from .app import App, Settings
from .markets import Cloud
from .protocol import Event

#: Walks through the portal per language and cloud (340 events). In Chromium, a
#: dispatch kept getting faster for 500 to 800 of them (1.7 ms, then 0.65 in a tight
#: loop); after 68, a click's Python took 1.9-2.0 ms, after 340, 1.6-1.7
#: (bench/bench_click.py). Each step waits for a timer, which Chromium holds back at
#: least 4 ms: the walk takes 2 s, a quarter of it running.
ROUNDS = 10


def _events(app: App) -> Iterator[dict[str, Any]]:
    """One browse of every screen, the way a reader clicks through the article."""
    sub = app.portal.subscriptions[0].id
    for screen in ("licenses", "products"):
        yield {"action": "go", "data": {"screen": screen}}
    yield {"action": "filter-toggle"}
    yield {"action": "filter-toggle"}
    yield {"action": "open-subscription", "data": {"subscription": sub}}
    for pane in ("buy", "cancel"):
        yield {"action": "open-pane", "data": {"pane": pane, "subscription": sub}}
        yield {"action": "close-pane"}
    yield {"action": "close-subscription"}
    yield {"action": "more-actions", "data": {"subscription": sub}}
    yield {"action": "more-actions", "data": {"subscription": sub}}
    yield {"action": "go", "data": {"screen": "bills"}}
    for tab in ("payment_methods", "billing_profiles", "invoices"):
        yield {"action": "bills-tab", "data": {"tab": tab}}
    yield {"action": "go", "data": {"screen": "products"}}


def walk(lang: str) -> Iterator[str]:
    """The walk's screens: each event handled and the portal rendered, as for a click."""
    for _ in range(ROUNDS):
        for cloud in Cloud:
            app = App(Settings(lang=lang, cloud=cloud), uid="warm-up")
            for raw in _events(app):
                app.handle(Event.from_dict(raw))
                html = app.render()
                json.dumps({"html": html, "event": raw})
                yield html


_walks: dict[str, Iterator[str]] = {}


def step(lang: str = "en") -> bool:
    """Handle and render one event of the walk in ``lang``; False once the walk is over."""
    if lang not in _walks:
        _walks[lang] = walk(lang)
    return next(_walks[lang], None) is not None
