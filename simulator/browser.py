"""The Pyodide edge: the only module the page's worker calls. JSON in, JSON out.

Instances are keyed by the page's element id, so a page with several simulators (one per
procedure) keeps them apart, and instant navigation can re-mount without re-importing.
"""

from __future__ import annotations

import json

from .app import App, Settings
from .events import Event

_instances: dict[str, App] = {}


def mount(key: str, settings_json: str, state_json: str = "") -> str:
    """Create (or re-create) the instance ``key``; returns ``{"html": ...}``.

    ``state_json`` is what the page saved of this instance earlier (unused until state
    persistence lands; accepted so the page's protocol does not change).
    """
    del state_json
    app = App(Settings.from_dict(json.loads(settings_json)))
    _instances[key] = app
    return json.dumps({"html": app.render()})


def dispatch(key: str, event_json: str) -> str:
    """Apply one DOM event to instance ``key``; returns ``{"html": ...}``."""
    app = _instances[key]
    app.handle(Event.from_dict(json.loads(event_json)))
    return json.dumps({"html": app.render()})
