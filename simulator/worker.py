"""The Pyodide edge: the only module the page's worker calls. JSON in, JSON out.

Instances are keyed by the page's element id, so a page with several simulators (one per
procedure) keeps them apart, and instant navigation can re-mount without re-importing.

The page saves each instance's state (``simulator.state``: the scenario's data as the
portal has changed it, and where the reader is) after every event and hands it back on
mount. A state that cannot be used (damaged, of another version, or changes that no longer
make a valid scenario) is not fatal: the instance starts from its scenario and the answer
says so (``"restored": false`` and why), never a crash or a blank simulator.
"""

from __future__ import annotations

import gc
import json
import sys
from dataclasses import dataclass, field, replace
from typing import Any

from . import guide, scenario, state
from .app import App
from .i18n import N_, translations
from .markets import Cloud
from .model import Portal, Role
from .protocol import Event
from .ui import SCREENS, Settings, uid_for

#: What a practised procedure changed, when the portal said nothing (a view, a filter).
PRACTICE_DONE = N_("You did every step of this procedure.")
UNKNOWN_SETTING = N_("%(value)s is not a %(name)s the simulator knows. Use one of: %(known)s.")
#: Guided practice that cannot start: what went wrong, and that the reader's work is intact.
PRACTICE_FAILED = N_(
    "Guided practice could not start: %(why)s Your work in the simulator is as it was."
)
PRACTICE_DATA = N_(
    "the page's guide data for this procedure cannot be read. Reload the page; if this "
    "happens again, the page needs to be built again."
)
PRACTICE_STEP = N_("this procedure has no step %(step)s, only steps 1 to %(count)s.")
PRACTICE_REPLAY = N_(
    "the simulator could not redo the steps before step %(step)s. Start from step 1."
)


@dataclass
class _Instance:
    settings: Settings
    app: App
    shown: dict[str, str] = field(default_factory=dict)  # the regions the page shows
    events: int = 0  # handled since the mount (see _settle)
    _patch: tuple[Portal, dict[str, Any]] | None = None  # the last portal's changes
    practice: guide.Practice | None = None  # guided practice, while the learner practises
    summary: str = ""  # what the practised procedure changed, once it is done

    def remember(self, portal: Portal, changes: dict[str, Any]) -> None:
        """``portal``'s changes are known (a fresh or a restored instance): a mount need not
        take them again (a page's nine simulators re-mount after instant navigation)."""
        self._patch = (portal, changes)

    def state(self) -> str:
        """The state to save (the changes are taken again only when the portal changed)."""
        portal, ui = self.app.portal, self.app.ui
        if self._patch is None or self._patch[0] is not portal:
            changes = state.capture(portal, ui, self.settings.scenario).patch
            self._patch = (portal, changes)
        at = None
        if self.practice is not None:
            at = state.Position(self.practice.pid, self.practice.step + 1, self.practice.act)
        saved = state.State(self.settings.scenario, self._patch[1], state.view_of(ui), at)
        return state.encode(saved)


_instances: dict[str, _Instance] = {}


def _settle() -> None:
    """In Pyodide, take what has lived so far (modules, templates compiled on first use, the
    scenario) out of the cycle collector's sight: rescanning it on every click was more
    than half of a click's Python time (bench/bench_click.py). Called on mount and after 1,
    2, 4, 8... events, so what stays unfrozen is at most the recent half."""
    if sys.platform == "emscripten":
        gc.freeze()


def _answer(instance: _Instance, **extra: Any) -> str:
    """The whole portal: ``{"html", "state", **extra}``."""
    instance.shown = instance.app.regions()
    html = instance.app.frame(instance.shown)
    answer = {"html": html, "state": instance.state(), "guide": _guide(instance), **extra}
    return json.dumps(answer)


def _changes(instance: _Instance) -> str:
    """What an event changed: ``{"html": null, "regions": {name: html}, "state"}`` with the
    regions (``App.regions``) that differ from what the page shows, or the whole portal
    (``_answer``) when a pane opens or closes, which changes the frame."""
    regions = instance.app.regions()
    shown = instance.shown
    if not shown or bool(shown["pane"]) != bool(regions["pane"]):
        return _answer(instance)
    instance.shown = regions
    changed = {name: html for name, html in regions.items() if html != shown[name]}
    answer = {"html": None, "regions": changed, "state": instance.state()}
    return json.dumps({**answer, "guide": _guide(instance)})


def _app(key: str, settings: Settings) -> App:
    return App(settings, uid=uid_for(key, settings.cloud))


class SettingsError(ValueError):
    """Settings a person typed (the standalone page's URL) that name nothing: the message,
    in the page's language, lists what would work; ``param`` is the address's parameter and
    ``choices`` its values that would."""

    def __init__(self, message: str, param: str, choices: tuple[str, ...]) -> None:
        super().__init__(message)
        self.param, self.choices = param, choices


#: A value longer than this is shortened in messages (the rest is the reader's typing).
SHOWN_VALUE = 40


def check_settings(raw: dict[str, Any]) -> None:
    """Raise SettingsError for a scenario, view, role or screen the simulator lacks."""
    lang = str(raw.get("lang") or "en")
    known = {
        "scenario": ("scenario", scenario.scenario_ids()),
        "cloud": ("view", tuple(c.value for c in Cloud)),
        "role": ("role", tuple(r.value for r in Role)),
        "screen": ("screen", SCREENS),
    }
    for key, (name, values) in known.items():
        value = raw.get(key)
        if value and value not in values:
            shown = str(value)
            if len(shown) > SHOWN_VALUE:
                shown = shown[: SHOWN_VALUE - 1] + "…"
            text = translations(lang).gettext(UNKNOWN_SETTING)
            message = text % {"value": shown, "name": name, "known": ", ".join(values)}
            raise SettingsError(message, name, values)


def mount(
    key: str,
    settings_json: str,
    state_json: str = "",
    built: bool = False,
    resume: bool = True,
    link: str = "",
) -> str:
    """Create the instance ``key``, restoring ``state_json`` (a saved state) when it fits.

    Returns ``{"html", "state", "restored", "practice"}``: ``restored`` is null when there
    was nothing to restore, false (with ``why``) when a saved state could not be used;
    ``practice`` is where the restored state was in guided practice (``{"id", "step",
    "act"}``, or null: the page resumes it with ``practise``). The saved
    portal always comes back; the saved screen only with ``resume`` (the page's address
    named no screen: the address chooses where to start, never whether to keep). Settings
    that name nothing give ``{"error": message, "param", "choices"}`` instead, in the
    page's language: the address's parameter at fault and the values that would work.

    ``link``: a share link's token (``state.to_link``). The instance then starts from the
    link's scenario, with ``state_json`` (the work saved since the link was opened) or else
    the link's state; a link that cannot be used gives the settings' scenario and
    ``notice``, the reason in the page's language.

    ``built``: the page still shows the screen the build rendered for these settings. With
    nothing to restore, that is the very HTML this instance would render (the same
    templates, data and ids: ``uid_for``), so ``html`` is null and the page keeps its DOM:
    after instant navigation, a page's simulators are ready without rendering anything.
    """
    raw = json.loads(settings_json)
    try:
        check_settings(raw)
    except SettingsError as exc:
        return json.dumps({"error": str(exc), "param": exc.param, "choices": exc.choices})
    settings = Settings.from_dict(raw)
    notice = ""
    shared: state.State | None = None
    if link:
        try:
            shared = state.from_link(link)
            if shared.scenario not in scenario.scenario_ids():
                raise state.StateError(f"no scenario {shared.scenario!r} here", state.LINK_INVALID)
            state.restore(shared, replace(settings, scenario=shared.scenario))
        except state.StateError as error:
            notice = translations(settings.lang).gettext(error.reason)
            shared, state_json = None, ""
        else:
            settings = replace(settings, scenario=shared.scenario)
    instance = _Instance(settings, _app(key, settings))
    instance.remember(instance.app.portal, {})  # the scenario as it starts: no changes
    restored: bool | None = None
    why = ""
    if shared is not None and not state_json:
        state_json = state.encode(shared)
    practising: dict[str, Any] | None = None
    if state_json:
        try:
            saved = state.decode(state_json)
            portal, ui = state.restore(saved, settings)
        except state.StateError as error:
            restored, why = False, str(error)
        else:
            restored = True
            practising = saved.practice.to_dict() if saved.practice else None
            instance.app.portal = instance.app.with_role(portal)
            instance.remember(instance.app.portal, saved.patch)
            if resume:
                instance.app.ui = ui
            try:
                instance.app.render()
            except Exception:  # a saved view the portal no longer fits: the settings' screen
                instance.app.ui = instance.app.first_ui()
    _instances[key] = instance
    _settle()
    if built and restored is None and not notice:  # (the first click answers the whole portal)
        return json.dumps({"html": None, "state": instance.state(), "restored": None})
    return _answer(instance, restored=restored, why=why, notice=notice, practice=practising)


def dispatch(key: str, event_json: str) -> str:
    """Apply one DOM event to instance ``key``; returns what changed (``_changes``), and,
    while the learner practises, the guide's judgement of the event (``_guide``)."""
    instance = _instances[key]
    event = Event.from_dict(json.loads(event_json))
    instance.app.handle(event)
    instance.events += 1
    if instance.events & (instance.events - 1) == 0:
        _settle()
    if instance.practice is not None:
        _judge(instance, event)
    return _changes(instance)


def _judge(instance: _Instance, event: Event) -> None:
    practice = instance.practice
    assert practice is not None
    was_done = practice.done
    instance.practice = guide.judge(practice, event, instance.app)
    if instance.practice.done and not was_done:
        app = instance.app
        instance.summary = app.ui.status or app.translate(PRACTICE_DONE)


def _guide(instance: _Instance) -> dict[str, Any] | None:
    """Where the learner is: the current step (1-based), the steps done, the hint, where to
    point (``guide.pointer``), and, once done, what changed."""
    practice = instance.practice
    if practice is None:
        return None
    return {
        "id": practice.pid,
        "step": min(practice.step, len(practice.steps) - 1) + 1,
        "act": practice.act,
        "count": len(practice.steps),
        "done": practice.done,
        "hint": practice.hint,
        "pointer": guide.pointer(practice, instance.app),
        "summary": instance.summary if practice.done else "",
    }


def practise(key: str, guide_json: str, step: int = 1, act: int = 0, fresh: bool = True) -> str:
    """Start practising the procedure ``guide_json`` (the page's guide data) on instance
    ``key`` at ``step`` (1-based): from the procedure's start, the steps before it replayed
    through events that do them (``guide.replay``). ``fresh`` False: resume at ``step`` and
    ``act`` on the state the instance was mounted with (a reload). Answers the whole portal.

    Guide data that cannot be read, a step the procedure lacks, or steps that cannot be
    replayed answer ``{"error": message}`` in the page's language, and the instance is left
    as it was (the reader's state and screen)."""
    instance = _instances[key]
    try:
        steps, pid = _guide_data(guide_json)
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return _practice_failed(instance, instance.app.translate(PRACTICE_DATA))
    last = len(steps) + (0 if fresh else 1)  # a resumed practice may be done
    if not 1 <= step <= last:
        why = instance.app.translate(PRACTICE_STEP, step=step, count=len(steps))
        return _practice_failed(instance, why)
    upto = step - 1
    if fresh:
        fresh_instance = _fresh(key, instance.settings)
        try:
            guide.replay(steps, upto, fresh_instance.app)
        except (guide.ReplayError, ValueError, TypeError, KeyError, AttributeError):
            _instances[key] = instance  # the reader's state, untouched
            return _practice_failed(instance, instance.app.translate(PRACTICE_REPLAY, step=step))
        instance = fresh_instance
        practice = guide.Practice(pid, steps, step=upto)
    else:
        practice = guide.Practice(pid, steps, step=upto, act=max(0, act))
    instance.practice = guide.settle(practice, instance.app)
    instance.summary = instance.app.translate(PRACTICE_DONE) if instance.practice.done else ""
    return _answer(instance)


def _guide_data(guide_json: str) -> tuple[tuple[guide.Step, ...], str]:
    """The steps and procedure id of the page's guide data; ValueError when it has none."""
    raw = json.loads(guide_json)
    steps = guide.load_steps(guide_json)
    pid = raw.get("id")
    if not steps or not isinstance(pid, str) or not state.PROCEDURE_ID.fullmatch(pid):
        raise ValueError("guide data without a procedure or steps")
    return steps, pid


def _practice_failed(instance: _Instance, why: str) -> str:
    return json.dumps({"error": instance.app.translate(PRACTICE_FAILED, why=why)})


def stop_practice(key: str) -> str:
    """Leave guided practice, keeping the portal as it is; answers ``{"state"}``."""
    instance = _instances[key]
    instance.practice = None
    return json.dumps({"state": instance.state(), "guide": None})


def _fresh(key: str, settings: Settings) -> _Instance:
    fresh = _Instance(settings, _app(key, settings))
    fresh.remember(fresh.app.portal, {})
    _instances[key] = fresh
    _settle()
    return fresh


def saved_state(key: str) -> str:
    """``{"state"}``: instance ``key``'s state as the page saves it (the browser driver reads
    its postconditions from it)."""
    return json.dumps({"state": _instances[key].state()})


def reset(key: str) -> str:
    """Back to the scenario as it starts; returns ``{"html", "state"}``. While practising,
    back to step 1 of the procedure."""
    instance = _instances[key]
    fresh = _fresh(key, instance.settings)
    if instance.practice is not None:
        steps = instance.practice.steps
        fresh.practice = guide.settle(guide.Practice(instance.practice.pid, steps), fresh.app)
    return _answer(fresh)


def support(request_json: str) -> str:
    """The support page's form (``simulator.support``): ``{"op", "lang", "cloud", "state",
    ...}`` -> ``{"form", "state"}`` (and ``"error", "field"`` for a refused value).

    ops: ``form`` (the form of ``state``, or of the default scenario), ``start`` (the
    packaged ``scenario`` as it starts), ``edit`` (``field`` set to ``value``), ``open``
    (a share link's ``link``: its state, or the default one and ``notice``), ``link`` (the
    share link's token of ``state``, and ``long``, what to say when it is long), ``yaml``
    (the scenario file of ``state``), ``load`` (the state of a scenario file's text
    ``yaml``, or ``problems`` as ``line: field: problem`` and ``state`` unchanged)."""
    from . import support as form

    request = json.loads(request_json)
    lang, cloud = str(request.get("lang") or "en"), Cloud(request.get("cloud") or Cloud.WORLDWIDE)
    op = request.get("op")
    try:
        current = state.decode(request.get("state") or "")
    except state.StateError:
        current = state.State("default", {}, {})
    answer: dict[str, Any] = {}
    if op == "start":
        current = form.start(str(request.get("scenario")))
    elif op == "open":
        try:
            current = state.from_link(str(request.get("link") or ""))
            state.restore(current, Settings(lang=lang, cloud=cloud, scenario=current.scenario))
        except state.StateError as error:
            current = state.State("default", {}, {})
            answer["notice"] = translations(lang).gettext(error.reason)
    elif op == "link":
        token = state.to_link(current)
        answer["link"] = token
        answer["long"] = translations(lang).gettext(state.LINK_LONG)
        answer["limit"] = state.LINK_WARN
    elif op == "yaml":
        answer["yaml"] = form.yaml_text(current)
    elif op == "load":
        current, problems = form.load(str(request.get("yaml") or ""), current, lang=lang)
        if problems:
            answer |= {"problems": problems, "not_read": translations(lang).gettext(form.NOT_READ)}
        else:
            answer["read"] = translations(lang).gettext(form.READ)
    elif op == "edit":
        field, value = str(request.get("field")), str(request.get("value"))
        try:
            current = form.edit(current, field, value, lang=lang, cloud=cloud)
        except form.SupportError as error:
            answer |= {"error": str(error), "field": error.field}
            html = form.form(current, lang=lang, cloud=cloud, error=error, typed=value)
            return json.dumps({**answer, "form": html, "state": state.encode(current)})
    html = form.form(current, lang=lang, cloud=cloud)
    return json.dumps({**answer, "form": html, "state": state.encode(current)})
