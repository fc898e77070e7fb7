"""The in-process driver: the simulator's ``App`` in CPython, driven through its HTML.

Each act renders the screen, finds the element by role and accessible name
(``a11y.Tree``), and sends the ``Event`` the page's script would send for it
(``dom``); queries read ``App.portal``. Nothing is looked up by key or template: a label
the screen does not give its control is not found here either.

Speed (the build checks every page on save): the app is deterministic, so a screen is a
function of the settings and the events since; the driver keeps that graph, and a path
already walked (every procedure starts with "go to **Billing** > ...") costs a dictionary
lookup instead of a render and a parse.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator import guide
from simulator.app import App
from simulator.guide import Act
from simulator.model import Portal
from simulator.protocol import Event, EventError
from simulator.ui import UI, Settings

from .a11y import Node, Tree
from .dom import Live, change_event, click_event, input_event, option_value
from .screen import ActionError, ScreenDriver

#: Input types for which typing also sends a change event (Playwright's ``fill``).
CHANGE_ON_FILL = frozenset({"date", "time", "month", "week", "datetime-local", "color", "range"})
ITEM_ATTRS = ("data-subscription", "data-card", "data-profile")
EventKey = tuple[object, ...]


@dataclass(frozen=True)
class _State:
    portal: Portal
    ui: UI


def _key(event: Event) -> EventKey:
    fields = tuple(
        sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in event.fields.items())
    )
    return (event.type, event.action, tuple(sorted(event.data.items())), fields)


class InProcessDriver(ScreenDriver[Node]):
    name = "inprocess"

    def __init__(self, *, max_states: int = 50_000, max_trees: int = 2_000) -> None:
        super().__init__()
        self.live = Live()
        self._apps: dict[Settings, App] = {}
        self._roots: dict[Settings, int] = {}
        self._states: list[_State] = []
        self._edges: dict[tuple[int, EventKey], int] = {}
        self._trees: dict[str, Tree] = {}  # by HTML: two paths to the same screen
        self._views: dict[int, Tree] = {}  # by state
        self._pages: dict[int, str] = {}  # by state: the rendered HTML
        self._max_states = max_states
        self._max_trees = max_trees
        self._app: App | None = None
        self._at = -1
        self.stats = {"events": 0, "renders": 0, "parses": 0}

    # -- state --------------------------------------------------------------------------

    @property
    def app(self) -> App:
        """The app in the current state (portal and screen)."""
        if self._app is None:
            raise RuntimeError("the in-process driver has not been started")
        state = self._states[self._at]
        self._app.portal, self._app.ui = state.portal, state.ui
        return self._app

    def _open(self, settings: Settings) -> None:
        if len(self._states) > self._max_states:
            self._apps.clear()
            self._roots.clear()
            self._states.clear()
            self._edges.clear()
            self._views.clear()
            self._pages.clear()
        app = self._apps.get(settings)
        if app is None:
            app = self._apps[settings] = App(settings)
            app.uid = "ssp0"
        if settings not in self._roots:
            self._roots[settings] = len(self._states)
            self._states.append(_State(app.portal, app.ui))
        self._app = app
        self._at = self._roots[settings]
        self.live.clear()

    def _dispatch(self, event: Event) -> None:
        edge = (self._at, _key(event))
        following = self._edges.get(edge)
        if following is None:
            app = self.app
            try:
                app.handle(event)
            except EventError as error:
                raise ActionError(f"the simulator could not handle it ({error})") from error
            self.stats["events"] += 1
            following = len(self._states)
            self._states.append(_State(app.portal, app.ui))
            self._edges[edge] = following
        self._at = following
        self.live.clear()

    @property
    def tree(self) -> Tree:
        """The current screen, rendered and parsed (once per state)."""
        tree = self._views.get(self._at)
        if tree is None:
            html = self.html
            tree = self._trees.get(html)
            if tree is None:
                tree = Tree(html)
                self.stats["parses"] += 1
            if len(self._views) > self._max_trees:
                self._views.clear()
                self._trees.clear()
            self._trees[html] = self._views[self._at] = tree
        return tree

    @property
    def html(self) -> str:
        """The current screen's HTML (rendered once per state)."""
        html = self._pages.get(self._at)
        if html is None:
            if len(self._pages) > self._max_trees:
                self._pages.clear()
            html = self._pages[self._at] = self.app.render()
            self.stats["renders"] += 1
        return html

    # -- primitives ---------------------------------------------------------------------

    def _find(self, role: str, name: str | None, within: Node | None = None) -> list[Node]:
        return self.tree.find(role, name, within)

    def _attr(self, handle: Node, attr: str) -> str | None:
        return handle.attrs.get(attr)

    def _click(self, handle: Node) -> None:
        event = click_event(self.tree, self.live, handle)
        if event is not None:
            self._dispatch(event)

    def _type(self, handle: Node, value: str) -> None:
        tree = self.tree
        self.live.values[id(handle)] = value
        typed = input_event(tree, self.live, handle)
        changed = (
            change_event(tree, self.live, handle)
            if handle.attrs.get("type") in CHANGE_ON_FILL
            else None
        )
        if typed is not None:
            self._dispatch(typed)
        if changed is not None:
            self._dispatch(changed)

    def _tick(self, handle: Node, on: bool) -> None:
        tree = self.tree
        self.live.set_checked(tree, handle, on)
        for event in (click_event(tree, self.live, handle), change_event(tree, self.live, handle)):
            if event is not None:
                self._dispatch(event)
                return

    def _checked(self, handle: Node) -> bool:
        return self.live.is_checked(handle)

    def _value(self, handle: Node) -> str:
        return self.live.value(handle)

    def _tag(self, handle: Node) -> str:
        return handle.tag

    def _choose_option(self, select: Node, option: Node) -> None:
        tree = self.tree
        self.live.values[id(select)] = option_value(option)
        for event in (input_event(tree, self.live, select), change_event(tree, self.live, select)):
            if event is not None:
                self._dispatch(event)

    def _select_of(self, option: Node) -> Node | None:
        return next((a for a in option.ancestors() if a.tag == "select"), None)

    def _section_of(self, heading: Node) -> Node | None:
        return next((a for a in heading.ancestors() if a.role in ("region", "dialog")), None)

    def _in_item(self, handle: Node, target: str) -> bool:
        node: Node | None = handle
        while node is not None:
            if any(node.attrs.get(a) == target for a in ITEM_ATTRS):
                return True
            node = node.parent
        return False

    def _menu_openers(self, expanded: bool = False) -> list[Node]:
        state = "true" if expanded else "false"
        return [
            n
            for n in self.tree.find("button")
            if n.attrs.get("aria-haspopup") in ("menu", "true")
            and n.attrs.get("aria-expanded") == state
        ]

    def _alerts(self) -> list[str]:
        # A screen is parsed only when a control is looked for on it: most screens after
        # an act show no alert, and finding that out in the HTML's text spares a parse
        # (the checker's first pass: 1,140 steps/s without it, 1,310 with, in one run).
        if self._at not in self._views and 'role="alert"' not in self.html:
            return []
        return self.tree.alerts()

    def _describe(self) -> str:
        return self.tree.describe()

    # -- guided practice: a learner's acts, judged by ``simulator.guide.does`` -----------------

    def practise(self, act: Act) -> bool:
        """Do ``act`` as a learner would: through the element on screen whose event ``does``
        it (``simulator.guide``: the predicate the worker judges a learner with). A fill or
        a form is typed into its fields, judged when its pane's button sends them. False
        when no element on screen does it."""
        if act.kind in ("within", "people", "choose") and guide.holds(act, self.app):
            return True
        if act.kind in ("fill", "complete"):
            for name, value, overwrite in guide.typing(act):
                for node in self._fields(name):
                    if overwrite or not self.live.value(node).strip():
                        self.live.values[id(node)] = value
            return True
        for _ in range(len(act.keys) + 3):  # a path, a menu to open, a name to type first
            if self._does(act):
                return True
            if not self._toward(act):
                return False
        return False

    def _fields(self, name: str) -> list[Node]:
        return [n for n in self.tree.fields if n.attrs.get("data-field") == name and not n.hidden]

    def _reachable(self) -> list[Node]:
        return [
            n
            for n in self.tree.nodes
            if not n.hidden and not any("inert" in a.attrs for a in (n, *n.ancestors()))
        ]

    def _events(self) -> list[tuple[Node, Event]]:
        """Every event a learner can send from the screen: a click on each control, a
        change of each radio and checkbox (ticked)."""
        tree, out = self.tree, list[tuple[Node, Event]]()
        for node in self._reachable():
            if "data-action" in node.attrs:
                event = click_event(tree, self.live, node)
                if event is not None:
                    out.append((node, event))
            elif (
                node.attrs.get("type") in ("radio", "checkbox")
                and "data-change-action" in node.attrs
            ):
                ticked = Live(dict(self.live.values), dict(self.live.checked))
                ticked.set_checked(tree, node, True)
                event = change_event(tree, ticked, node)
                if event is not None:
                    out.append((node, event))
            elif node.tag == "option" and (select := self._select_of(node)) is not None:
                chosen = Live(dict(self.live.values), dict(self.live.checked))
                chosen.values[id(select)] = option_value(node)
                event = change_event(tree, chosen, select)
                if event is not None:
                    out.append((node, event))
        return out

    def _does(self, act: Act) -> bool:
        """Send the first event on screen that does ``act``; the others are undone."""
        for _, event in self._events():
            start, live = self._at, (dict(self.live.values), dict(self.live.checked))
            self._dispatch(event)
            if guide.does(event, act, self.app):
                return True
            self._at = start
            self.live.values, self.live.checked = live
        return False

    def _toward(self, act: Act) -> bool:
        """One event that brings ``act`` within reach: a link of its path, the menu its
        control is in, a person's name typed into the search box."""
        for _, event in self._events():
            if guide.leads(event, act):
                self._dispatch(event)
                return True
        names = guide.searching(act, self.app)
        for node in self._fields("find")[:1]:
            if names:
                self.live.values[id(node)] = names[0]
                typed = input_event(self.tree, self.live, node)
                if typed is not None:
                    self._dispatch(typed)
                    return True
        return False

    # -- facts ----------------------------------------------------------------------------

    def query(self, name: str, target: str | None = None) -> str | None:
        app = self.app
        tid = self._target_id(target) if target else ""
        return portal_fact(name, tid, app.portal, app.ui, self.portal)


def portal_fact(name: str, tid: str, portal: Portal, ui: UI, first: Portal) -> str | None:
    """A postcondition's fact (``steps.procedures``) from the simulator's state; ``first`` is
    the scenario as it started, ``tid`` the target's id ("": what is on screen)."""
    if name == "products.filter":
        return str(ui.product_filter.value).replace("-", "_")
    if name.startswith("subscription."):
        sid = tid or ui.detail or ui.pane_for
        try:
            sub, before = portal.subscription(sid), first.subscription(sid)
        except KeyError:
            return None
        field = name.split(".", 1)[1]
        if field == "total_licenses":
            return str(sub.total_licenses)
        if field == "assigned_users":
            return ",".join(sub.assigned)
        if field == "unassigned_users":
            return ",".join(p for p in before.assigned if p not in sub.assigned)
        if field == "status":
            return str(sub.status.value)
        return None
    if name == "billing_profile.payment_method_changed":
        pid = tid or ui.profile
        try:
            now, then = portal.billing_profile(pid), first.billing_profile(pid)
            card_now, card_then = portal.card(now.payment_method), first.card(then.payment_method)
        except KeyError:
            return None
        return _bool(now.payment_method != then.payment_method or card_now != card_then)
    if name == "payment_method.changed":
        try:
            return _bool(portal.card(tid or ui.pane_for) != first.card(tid or ui.pane_for))
        except KeyError:
            return None
    if name == "payment_methods.added":
        return str(len(portal.cards) - len(first.cards))
    if name == "invoices.period":
        return str(ui.period)
    if name == "bills.tab":
        return str(ui.bills_tab) if ui.screen == "bills" else ""
    return None


def _bool(value: bool) -> str:
    return "true" if value else "false"


def make_driver() -> InProcessDriver:
    return InProcessDriver()
