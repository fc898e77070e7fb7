"""The Pyodide edge: the only module the page's worker calls. JSON in, JSON out.

Instances are keyed by the page's element id, so a page with several simulators (one per
procedure) keeps them apart, and instant navigation can re-mount without re-importing.

State the page saves: the simulator is deterministic (no clock, no randomness), so an
instance's state is its settings plus the events it has handled. The page stores that
log in localStorage after every event and hands it back on mount; replaying it restores
the portal and the screen exactly. A log that is from another version, that belongs to
other settings, or that no longer replays is discarded, and the answer says so
(``"restored": false``), never a crash or a blank simulator.
"""

from __future__ import annotations

import gc
import json
import sys
from dataclasses import asdict, dataclass, field
from typing import Any

from . import scenario
from .app import App
from .i18n import N_, translations
from .markets import Cloud
from .model import Role
from .protocol import Event, EventError
from .ui import SCREENS, Settings, uid_for

UNKNOWN_SETTING = N_("%(value)s is not a %(name)s the simulator knows. Use one of: %(known)s.")

#: Bump when events or scenarios change meaning: older saved logs are then discarded.
STATE_VERSION = 1
#: A longer log is not saved (the page then forgets the instance on reload).
MAX_EVENTS = 2000


@dataclass
class _Instance:
    settings: Settings
    app: App
    events: list[dict[str, Any]] = field(default_factory=list)
    _dumped: list[str] = field(default_factory=list)  # each event's JSON, written once
    shown: dict[str, str] = field(default_factory=dict)  # the regions the page shows

    def record(self, raw: dict[str, Any]) -> None:
        self.events.append(raw)
        self._dumped.append(json.dumps(raw))

    def state(self) -> str:
        """The saved state: json.dumps of {version, settings, events}, byte for byte, without
        encoding the whole log again on every click (it grows with each keystroke)."""
        if len(self.events) > MAX_EVENTS:
            return ""
        head = json.dumps(
            {"version": STATE_VERSION, "settings": asdict(self.settings), "events": []}
        )
        return head[: -len("]}")] + ", ".join(self._dumped) + "]}"


_instances: dict[str, _Instance] = {}


def _settle() -> None:
    """In Pyodide, take what has lived so far (modules, templates compiled on first use, the
    scenario, the log) out of the cycle collector's sight: rescanning it on every click
    was more than half of a click's Python time (bench/bench_click.py). Called on mount
    and after 1, 2, 4, 8... events, so what stays unfrozen is at most the recent half."""
    if sys.platform == "emscripten":
        gc.freeze()


def _answer(instance: _Instance, **extra: Any) -> str:
    """The whole portal: ``{"html", "state", **extra}``."""
    instance.shown = instance.app.regions()
    html = instance.app.frame(instance.shown)
    return json.dumps({"html": html, "state": instance.state(), **extra})


def _changes(instance: _Instance) -> str:
    """What an event changed: ``{"html": null, "regions": {name: html}, "state"}`` with the
    regions (``App.regions``) that differ from what the page shows, or the whole portal
    (``_answer``) when a pane opens or closes, which changes the frame. Parsing and
    morphing only the screen a click changed, not the navigation and top bar around it,
    is a third of the page's share of a click (bench/bench_click.py)."""
    regions = instance.app.regions()
    shown = instance.shown
    if not shown or bool(shown["pane"]) != bool(regions["pane"]):
        return _answer(instance)
    instance.shown = regions
    changed = {name: html for name, html in regions.items() if html != shown[name]}
    return json.dumps({"html": None, "regions": changed, "state": instance.state()})


def _app(key: str, settings: Settings) -> App:
    return App(settings, uid=uid_for(key, settings.cloud))


def _replay(key: str, settings: Settings, state_json: str) -> _Instance:
    """An instance rebuilt from a saved log; raises ValueError if it does not fit."""
    data = json.loads(state_json)
    if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
        raise ValueError("saved state is from another version")
    if data.get("settings") != json.loads(json.dumps(asdict(settings))):
        raise ValueError("saved state belongs to other settings")
    events = data.get("events")
    if not isinstance(events, list):
        raise ValueError("saved state has no event log")
    instance = _Instance(settings, _app(key, settings))
    for raw in events:
        instance.app.handle(Event.from_dict(raw))
        instance.record(raw)
    return instance


class SettingsError(ValueError):
    """Settings a person typed (the standalone page's URL) that name nothing: the message,
    in the page's language, lists what would work."""


def check_settings(raw: dict[str, Any]) -> None:
    """Raise SettingsError for a scenario, view, role or screen the simulator lacks."""
    lang = str(raw.get("lang") or "en")
    known = {
        "scenario": ("scenario", scenario.scenario_ids()),
        "cloud": ("view", tuple(Cloud)),
        "role": ("role", tuple(Role)),
        "screen": ("screen", SCREENS),
    }
    for key, (name, values) in known.items():
        value = raw.get(key)
        if value and value not in values:
            text = translations(lang).gettext(UNKNOWN_SETTING)
            raise SettingsError(
                text % {"value": value, "name": name, "known": ", ".join(map(str, values))}
            )


def mount(key: str, settings_json: str, state_json: str = "", built: bool = False) -> str:
    """Create the instance ``key``, restoring ``state_json`` (a saved log) when it fits.

    Returns ``{"html", "state", "restored"}``; ``restored`` is null when there was nothing
    to restore, false when a saved state had to be discarded. Settings that name nothing
    give ``{"error": message}`` instead, in the page's language.

    ``built``: the page still shows the screen the build rendered for these settings. With
    nothing to restore, that is the very HTML this instance would render (the same
    templates, data and ids: ``uid_for``), so ``html`` is null and the page keeps its DOM:
    after instant navigation, a page's simulators are ready without rendering anything.
    """
    raw = json.loads(settings_json)
    try:
        check_settings(raw)
    except SettingsError as exc:
        return json.dumps({"error": str(exc)})
    settings = Settings.from_dict(raw)
    restored: bool | None = None
    instance = None
    if state_json:
        try:
            instance = _replay(key, settings, state_json)
            restored = True
        except (ValueError, KeyError, TypeError, EventError):
            restored = False
    if instance is None:
        instance = _Instance(settings, _app(key, settings))
    _instances[key] = instance
    _settle()
    if built and restored is None:  # (the first click then answers the whole portal)
        return json.dumps({"html": None, "state": instance.state(), "restored": None})
    return _answer(instance, restored=restored)


def dispatch(key: str, event_json: str) -> str:
    """Apply one DOM event to instance ``key``; returns what changed (``_changes``)."""
    instance = _instances[key]
    raw = json.loads(event_json)
    instance.app.handle(Event.from_dict(raw))
    instance.record(raw)
    if len(instance.events) & (len(instance.events) - 1) == 0:
        _settle()
    return _changes(instance)


def state(key: str) -> str:
    """``{"state"}``: instance ``key``'s saved state, as the page stores it (the browser
    driver reads its postconditions from it)."""
    return json.dumps({"state": _instances[key].state()})


def reset(key: str) -> str:
    """Back to the scenario as it starts; returns ``{"html", "state"}``."""
    instance = _instances[key]
    fresh = _Instance(instance.settings, _app(key, instance.settings))
    _instances[key] = fresh
    _settle()
    return _answer(fresh)
