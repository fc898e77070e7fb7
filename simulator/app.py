"""One simulator instance: the portal's state, what is on screen, events in, HTML out.

An event is plain data, the same whether it comes from a click in the browser (through
``simulator.worker``) or from the step checker's in-process driver.

Actions (``data-action`` names) and what they carry:

    go (screen), nav-toggle
    products: filter-toggle, filter-self-service, filter-central (admin),
        open-subscription (subscription),
        close-subscription, more-actions (subscription), open-pane (pane, subscription),
        save-total [fields: total], save-cancel [fields: reason, feedback], close-pane
    licenses: open-license-subscription (subscription), close-license-subscription,
        open-assign, find-person (input) [fields: find], choose-person (person),
        unchoose-person (person), assign, open-unassign [fields: selected], unassign
    bills: bills-tab (tab), invoice-period (change) [fields: period, start, end],
        open-profile (profile), close-profile, open-card (card), edit-card (card),
        replace-card (profile), add-card, save-card [fields: number, name, expiration,
        security_code, address]
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from markupsafe import Markup

from . import handlers, scenario, views
from .commands import (
    AddPaymentMethod,
    AssignLicenses,
    CancelSubscription,
    Command,
    EditPaymentMethod,
    FindPeople,
    ListInvoices,
    ReplacePaymentMethod,
    SetTotalLicenses,
    UnassignLicenses,
)
from .controls import CONTROLS
from .errors import NOBODY_SELECTED, Rejected
from .i18n import N_, Formats, translations
from .markets import Cloud, cloud_info
from .model import (
    CANCEL_REASONS,
    InvoicePeriod,
    Portal,
    ProductFilter,
    Role,
    check_group_size,
)
from .protocol import Event, EventError, FieldValue

SCREENS = ("products", "licenses", "bills")
#: The portal's parts that a click may change on their own (App.regions).
REGIONS = ("topbar", "nav", "main", "pane")
BILLS_TABS = ("invoices", "payment_methods", "billing_profiles")
SUB_PANES = ("buy", "remove", "cancel", "assign", "unassign")

# Success messages (announced with role="status").
TOTAL_SAVED = N_("%(product)s now has %(total)s licenses.")
CANCELLED_OK = N_("%(product)s is cancelled.")
CARD_SAVED = N_("Your changes to %(card)s are saved.")
CARD_ADDED = N_("%(card)s is added to your payment methods.")
CARD_REPLACED = N_("%(profile)s is now paid with %(card)s.")
CARD_FIELDS = ("number", "name", "expiration", "security_code", "address")

#: The invoice period selector's options: value -> label msgid (controls.py's period.*).
PERIODS: dict[str, str] = {
    InvoicePeriod.PAST_3_MONTHS.value: CONTROLS["period.past_3_months"].msgid,
    InvoicePeriod.PAST_6_MONTHS.value: CONTROLS["period.past_6_months"].msgid,
    InvoicePeriod.DATE_RANGE.value: CONTROLS["period.date_range"].msgid,
}

_INSTANCES = itertools.count(1)


@dataclass(frozen=True)
class Settings:
    """What an instance is: chosen by the page (or the standalone page's URL)."""

    lang: str = "en"
    cloud: Cloud = Cloud.WORLDWIDE
    scenario: str = "default"
    screen: str = "products"
    role: str = ""  # "purchaser" or "admin" overrides the scenario's role; "" keeps it

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        try:
            settings = cls(
                lang=str(data.get("lang", "en")),
                cloud=Cloud(data.get("cloud", Cloud.WORLDWIDE)),
                scenario=str(data.get("scenario", "default")),
                screen=str(data.get("screen", "products")),
                role=str(data.get("role") or ""),
            )
        except ValueError as exc:
            raise EventError(f"bad simulator settings {data!r}: {exc}") from exc
        if settings.screen not in SCREENS:
            raise EventError(f"unknown screen {settings.screen!r}; screens are {SCREENS}")
        if settings.role and settings.role not in tuple(Role):
            raise EventError(f"unknown role {settings.role!r}; roles are {tuple(Role)}")
        return settings


@dataclass(frozen=True)
class UI:
    """What is on screen (not the portal's data)."""

    screen: str
    cloud: Cloud
    nav_open: bool = True
    filter_open: bool = False
    product_filter: ProductFilter = ProductFilter.ALL
    menu_for: str = ""  # the subscription whose More actions menu is open
    detail: str = ""  # the subscription shown (Your products or Licenses)
    pane: str = ""  # a template of panes/, or "" when no pane is open
    pane_for: str = ""  # the subscription the pane acts on
    values: dict[str, FieldValue] = field(default_factory=dict)  # fields typed in the pane
    chosen: tuple[str, ...] = ()  # people picked in the Assign pane
    selected: tuple[str, ...] = ()  # people ticked on a subscription's Licenses page
    assigned_done: bool = False  # after Assign: the pane shows Close
    error: str = ""  # a translated message, shown beside error_field (or at the pane's top)
    error_field: str = ""
    status: str = ""  # a translated success message
    focus: str = ""  # what gets autofocus when no pane is open (the control that opened it)
    bills_tab: str = "invoices"
    profile: str = ""  # the billing profile shown on the Billing profiles tab
    period: str = InvoicePeriod.PAST_3_MONTHS.value
    start: str = ""  # the date range's first day, as typed (ISO)
    end: str = ""


def may_show_alert(ui: UI) -> bool:
    """Whether the screen of ``ui`` can hold a ``role="alert"``: the templates draw one only
    for ``ui.error``, and on Bills & payments for the invoice period. The in-process checker
    does not render a screen that cannot (tests/unit/test_checker_alerts.py holds the
    templates to this)."""
    return bool(ui.error) or ui.screen == "bills"


def uid_for(key: str, cloud: Cloud) -> str:
    """The ids' prefix of simulator ``key`` (the page element's id) in ``cloud``: the same at
    build time and in the browser, so the page can keep the screen it was built with."""
    return f"{key}-{cloud.value}"


class App:
    def __init__(self, settings: Settings, *, uid: str | None = None) -> None:
        self.settings = settings
        self.portal: Portal = scenario.load(
            settings.scenario, lang=settings.lang, cloud=settings.cloud
        )
        if settings.role:
            self.portal = replace(self.portal, role=Role(settings.role))
        self.ui = UI(screen=settings.screen, cloud=settings.cloud)
        self.uid = uid or f"ssp{next(_INSTANCES)}"
        self._chrome: dict[tuple[bool, bool, str], tuple[str, str]] = {}  # see regions()
        self._frames: dict[bool, list[str]] = {}  # see frame()

    # Events.
    def handle(self, event: Event) -> None:
        method = _ACTIONS.get(event.action)
        if method is None:
            raise EventError(f"unknown action {event.action!r} in event {event!r}")
        if event.action not in ("more-actions", "filter-toggle"):
            self._set(menu_for="", filter_open=False)  # any other click closes an open menu
        if not self.ui.pane:
            # Focus is moved once, by the event that means it; a later redraw leaves it where
            # the user put it. (While a pane is open, ``focus`` is the control to return to.)
            self._set(focus="")
        method(self, event)

    def _tr(self, message: str, **values: Any) -> str:
        text = translations(self.settings.lang).gettext(message)
        return text % values if values else text

    def _counted(self, what: str, count: int) -> str:
        """The success message of assigning or unassigning ``count`` licenses."""
        ngettext = translations(self.settings.lang).ngettext
        shown = {"count": Formats(self.settings.lang).integer(count)}
        if what == "assigned":
            text = ngettext(
                "A license is assigned to %(count)s person.",
                "Licenses are assigned to %(count)s people.",
                count,
            )
        else:
            text = ngettext(
                "The license of %(count)s person is unassigned.",
                "The licenses of %(count)s people are unassigned.",
                count,
            )
        return text % shown

    def _set(self, **changes: Any) -> None:
        ui = self.ui
        if any(getattr(ui, name) != value for name, value in changes.items()):
            self.ui = replace(ui, **changes)  # (most clicks close a menu that is not open)

    def _run(self, command: Command, ok: str, **values: Any) -> bool:
        """Run ``command``; on success close the pane and announce ``ok``; else show why.

        Numbers in ``values`` are formatted as the page's language writes them.
        """
        fmt = Formats(self.settings.lang)
        shown = {k: fmt.integer(v) if isinstance(v, int) else v for k, v in values.items()}
        try:
            self.portal = handlers.handle(self.portal, command)
        except Rejected as rejected:
            self._set(error=rejected.text(self.settings.lang), error_field=rejected.field or "")
            return False
        self._set(
            pane="",
            values={},
            error="",
            error_field="",
            status=self._tr(ok, **shown),
        )
        return True

    def _subscription_of(self, event: Event) -> str:
        sub = event.data.get("subscription", "")
        try:
            self.portal.subscription(sub)
        except KeyError:
            raise EventError(f"unknown subscription {sub!r} in event {event!r}") from None
        return sub

    def _go(self, event: Event) -> None:
        screen = event.data.get("screen")
        if screen not in SCREENS:
            raise EventError(f"'go' to unknown screen {screen!r}; screens are {SCREENS}")
        self.ui = UI(screen=screen, cloud=self.ui.cloud, nav_open=self.ui.nav_open)

    def _nav_toggle(self, event: Event) -> None:
        self._set(nav_open=not self.ui.nav_open)

    def _filter_toggle(self, event: Event) -> None:
        # Open: focus goes to the menu's first item; closed (Escape, a second click): back
        # to the filter icon.
        opening = not self.ui.filter_open
        self._set(filter_open=opening, menu_for="", status="", focus="" if opening else "filter")

    def _filter_self_service(self, event: Event) -> None:
        self._toggle_filter(ProductFilter.SELF_SERVICE)

    def _filter_central(self, event: Event) -> None:
        self._toggle_filter(ProductFilter.CENTRAL)

    def _toggle_filter(self, chosen: ProductFilter) -> None:
        on = self.ui.product_filter is chosen
        self._set(
            product_filter=ProductFilter.ALL if on else chosen,
            filter_open=False,
            focus="filter",
        )

    def _open_subscription(self, event: Event) -> None:
        sub = self._subscription_of(event)
        self._set(
            detail=sub, menu_for="", filter_open=False, status="", selected=(), focus="detail"
        )

    def _close_subscription(self, event: Event) -> None:
        self._set(detail="", status="", selected=(), focus=f"sub-{self.ui.detail}")

    def _more_actions(self, event: Event) -> None:
        sub = self._subscription_of(event)
        closing = self.ui.menu_for == sub
        self._set(
            menu_for="" if closing else sub,
            filter_open=False,
            status="",
            focus=f"more-{sub}" if closing else "",
        )

    def _open_pane(self, event: Event) -> None:
        pane = event.data.get("pane", "")
        if pane not in ("buy", "remove", "cancel"):
            raise EventError(f"unknown pane {pane!r} in event {event!r}")
        sub = self._subscription_of(event)
        values: dict[str, FieldValue] = {}
        if pane != "cancel":
            values["total"] = str(self.portal.subscription(sub).total_licenses)
        self._set(
            pane=pane,
            pane_for=sub,
            values=values,
            menu_for="",
            error="",
            error_field="",
            status="",
            focus=f"pane-{pane}" if pane != "cancel" else f"more-{sub}",
        )

    def _close_pane(self, event: Event) -> None:
        self._set(pane="", values={}, error="", error_field="", chosen=(), assigned_done=False)

    def _save_total(self, event: Event) -> None:
        if self.ui.pane not in ("buy", "remove"):
            return  # a late click on a pane that has closed (a double click)
        total = event.fields.get("total", "")
        self._set(values={"total": total})
        sub = self.portal.subscription(self.ui.pane_for)
        command = SetTotalLicenses(sub.id, _text(total))
        self._run(command, TOTAL_SAVED, product=sub.product, total=_whole(total))

    def _save_cancel(self, event: Event) -> None:
        if self.ui.pane != "cancel":
            return  # a late click on a pane that has closed (a double click)
        reason = _text(event.fields.get("reason"))
        feedback = _text(event.fields.get("feedback"))
        values: dict[str, FieldValue] = {"feedback": feedback}
        if reason:
            values["reason"] = reason
        self._set(values=values)
        sub = self.portal.subscription(self.ui.pane_for)
        self._run(CancelSubscription(sub.id, reason, feedback), CANCELLED_OK, product=sub.product)

    def _bills_tab(self, event: Event) -> None:
        tab = event.data.get("tab", "")
        if tab not in BILLS_TABS:
            raise EventError(f"unknown tab {tab!r}; tabs are {BILLS_TABS}")
        self._set(bills_tab=tab, profile="", status="", focus=f"tab-{tab}")

    def _invoice_period(self, event: Event) -> None:
        period = _text(event.fields.get("period")) or InvoicePeriod.PAST_3_MONTHS.value
        self._set(
            period=period,
            start=_text(event.fields.get("start")),
            end=_text(event.fields.get("end")),
            focus=f"invoice-{event.data.get('which') or 'period'}",
        )

    def _invoices(self) -> tuple[tuple[Any, ...], Rejected | None]:
        """The Invoices tab's rows under its period, or why the period is refused."""
        ui = self.ui
        if ui.period == InvoicePeriod.DATE_RANGE and not (ui.start or ui.end):
            return (), None
        try:
            return handlers.ask(self.portal, ListInvoices(ui.period, ui.start, ui.end)), None
        except Rejected as rejected:
            return (), rejected

    # Payment methods and billing profiles.
    def _open_profile(self, event: Event) -> None:
        profile = event.data.get("profile", "")
        try:
            self.portal.billing_profile(profile)
        except KeyError:
            raise EventError(f"unknown billing profile {profile!r} in event {event!r}") from None
        self._set(profile=profile, status="", focus="detail")

    def _close_profile(self, event: Event) -> None:
        self._set(profile="", status="", focus=f"profile-{self.ui.profile}")

    def _card_of(self, event: Event) -> str:
        card = event.data.get("card", "")
        try:
            self.portal.card(card)
        except KeyError:
            raise EventError(f"unknown payment method {card!r} in event {event!r}") from None
        return card

    def _open_card(self, event: Event) -> None:
        card = self._card_of(event)
        self._set(pane="card", pane_for=card, values={}, error="", status="", focus=f"card-{card}")

    def _edit_card(self, event: Event) -> None:
        card = self.portal.card(self._card_of(event))
        values: dict[str, FieldValue] = {
            "name": card.holder,
            "expiration": card.expiration,
            "address": card.address,
        }
        focus = self.ui.focus if self.ui.pane == "card" else "edit-card"
        self._set(pane="edit", pane_for=card.id, values=values, error="", status="", focus=focus)

    def _replace_card(self, event: Event) -> None:
        profile = event.data.get("profile", self.ui.profile)
        self._set(
            pane="replace", pane_for=profile, values={}, error="", status="", focus="replace-card"
        )

    def _open_add_card(self, event: Event) -> None:
        self._set(pane="add", pane_for="", values={}, error="", status="", focus="add-card")

    def _card_form(self, event: Event) -> dict[str, str]:
        form = {name: _text(event.fields.get(name)) for name in CARD_FIELDS}
        self._set(values={k: v for k, v in form.items() if k in _card_fields(self.ui.pane)})
        return form

    def _save_card(self, event: Event) -> None:
        if self.ui.pane not in ("edit", "replace", "add"):
            return  # a late click on a pane that has closed (a double click)
        form = self._card_form(event)
        before = {c.id for c in self.portal.cards}
        if self.ui.pane == "edit":
            card = self.portal.card(self.ui.pane_for)
            command: Command = EditPaymentMethod(
                card.id, form["name"], form["expiration"], form["security_code"], form["address"]
            )
            self._run(command, CARD_SAVED, card=_card_name(card))
        elif self.ui.pane == "replace":
            profile = self.portal.billing_profile(self.ui.pane_for)
            command = ReplacePaymentMethod(
                profile.id,
                form["number"],
                form["name"],
                form["expiration"],
                form["security_code"],
                form["address"],
            )
            if self._run(command, CARD_REPLACED, profile=profile.name, card=""):
                new = self.portal.card(self.portal.billing_profile(profile.id).payment_method)
                self._set(
                    status=self._tr(CARD_REPLACED, profile=profile.name, card=_card_name(new))
                )
        else:
            command = AddPaymentMethod(
                form["number"],
                form["name"],
                form["expiration"],
                form["security_code"],
                form["address"],
            )
            if self._run(command, CARD_ADDED, card=""):
                new = next(c for c in self.portal.cards if c.id not in before)
                self._set(status=self._tr(CARD_ADDED, card=_card_name(new)))

    # Licenses.
    def _open_assign(self, event: Event) -> None:
        if not self.ui.detail:
            return  # a late click: the subscription's page has closed
        self._set(
            pane="assign",
            pane_for=self.ui.detail,
            values={},
            chosen=(),
            assigned_done=False,
            error="",
            error_field="",
            status="",
            focus="assign",
        )

    def _find_person(self, event: Event) -> None:
        self._set(values={"find": _text(event.fields.get("find"))})

    def _choose_person(self, event: Event) -> None:
        person = event.data.get("person", "")
        try:
            self.portal.person(person)
        except KeyError:
            raise EventError(f"unknown person {person!r} in event {event!r}") from None
        if person in self.ui.chosen:
            return
        try:
            check_group_size(len(self.ui.chosen) + 1)
        except Rejected as rejected:
            self._set(error=rejected.text(self.settings.lang), error_field=rejected.field or "")
            return
        self._set(chosen=(*self.ui.chosen, person), values={}, error="", error_field="")

    def _unchoose_person(self, event: Event) -> None:
        person = event.data.get("person", "")
        self._set(chosen=tuple(p for p in self.ui.chosen if p != person))

    def _assign(self, event: Event) -> None:
        if self.ui.pane != "assign" or self.ui.assigned_done:
            return  # a late click on a pane that has closed (a double click)
        done = self._counted("assigned", len(self.ui.chosen))
        if self._run(AssignLicenses(self.ui.pane_for, self.ui.chosen), done):
            # The pane stays open with Close, as in the portal.
            self._set(pane="assign", assigned_done=True, chosen=())

    def _open_unassign(self, event: Event) -> None:
        if not self.ui.detail:
            return  # a late click: the subscription's page has closed
        picked = event.fields.get("selected", [])
        selected = tuple([picked] if isinstance(picked, str) else picked)
        if not selected:
            self._set(selected=(), error=self._tr(NOBODY_SELECTED), error_field="", status="")
            return
        self._set(
            pane="unassign",
            pane_for=self.ui.detail,
            selected=selected,
            error="",
            error_field="",
            status="",
            focus="unassign",
        )

    def _unassign(self, event: Event) -> None:
        if self.ui.pane != "unassign":
            return  # a late click on a pane that has closed (a double click)
        done = self._counted("unassigned", len(self.ui.selected))
        if self._run(UnassignLicenses(self.ui.pane_for, self.ui.selected), done):
            self._set(selected=())

    # Rendering.
    def _assigned_people(self, subscription: str) -> tuple[Any, ...]:
        """The people holding a license of ``subscription``, in the order they got it."""
        people = {p.id: p for p in self.portal.people}
        held = self.portal.subscription(subscription).assigned
        return tuple(people[p] for p in held if p in people)

    def render(self) -> str:
        """The whole portal: its frame around ``regions()``."""
        return self.frame(self.regions())

    def frame(self, regions: dict[str, str]) -> str:
        """The portal's frame around ``regions`` (as ``regions()`` gives them).

        The frame depends only on whether a pane is open: it is rendered once each way,
        with a marker in each region's place, and then filled in (a Jinja render per
        call was a fifth of the whole portal's render, which the step checker does on
        every step)."""
        key = bool(self.ui.pane)
        pieces = self._frames.get(key)
        if pieces is None:
            marked = {name: Markup(f"\x00{name}\x00") for name in REGIONS}
            html = views.render(self.settings.lang, "portal.html", ui=self.ui, regions=marked)
            pieces = self._frames[key] = html.split("\x00")
        # Odd pieces name a region; even ones are the frame's own markup.
        return "".join(regions[p] if i % 2 else p for i, p in enumerate(pieces))

    def regions(self) -> dict[str, str]:
        """The portal's parts that change on their own, by name (``REGIONS``): ``pane`` is
        "" when no pane is open. The top bar and the navigation depend on little and are
        rendered once per state of theirs (most clicks change neither)."""
        ui = self.ui
        lang = self.settings.lang
        key = (bool(ui.pane), ui.nav_open, ui.screen)
        chrome = self._chrome.get(key)
        if chrome is None:
            values = {
                "ui": ui,
                "uid": self.uid,
                "portal_address": cloud_info(ui.cloud).portal_address,
            }
            chrome = self._chrome[key] = (
                views.render(lang, "regions/topbar.html", **values),
                views.render(lang, "regions/nav.html", **values),
            )
        context = self._context()
        return {
            "topbar": chrome[0],
            "nav": chrome[1],
            "main": views.render(lang, "regions/main.html", **context),
            "pane": views.render(lang, f"panes/{ui.pane}.html", **context) if ui.pane else "",
        }

    def _context(self) -> dict[str, Any]:
        """What the screens and panes are rendered from."""
        ui = self.ui
        portal = self.portal
        results: tuple[Any, ...] = ()
        if ui.pane == "assign" and not ui.assigned_done:
            try:
                results = handlers.ask(
                    portal, FindPeople(_text(ui.values.get("find")), subscription=ui.pane_for)
                )
            except Rejected:
                results = ()
            results = tuple(p for p in results if p.id not in ui.chosen)
        invoices, invoice_error = self._invoices() if ui.screen == "bills" else ((), None)
        return dict(
            ui=ui,
            uid=self.uid,
            portal=portal,
            subscriptions=portal.products(ui.product_filter),
            self_service_only=ui.product_filter is ProductFilter.SELF_SERVICE,
            central_only=ui.product_filter is ProductFilter.CENTRAL,
            license_subscriptions=tuple(s for s in portal.visible_subscriptions if s.self_service),
            detail=portal.subscription(ui.detail) if ui.detail else None,
            detail_people=self._assigned_people(ui.detail) if ui.detail else (),
            pane_sub=portal.subscription(ui.pane_for) if ui.pane in SUB_PANES else None,
            pane_card=portal.card(ui.pane_for) if ui.pane in ("card", "edit") else None,
            pane_profile=portal.billing_profile(ui.pane_for) if ui.pane == "replace" else None,
            results=results,
            chosen=tuple(portal.person(p) for p in ui.chosen),
            reasons=CANCEL_REASONS,
            invoices=invoices,
            invoice_error=invoice_error.text(self.settings.lang) if invoice_error else "",
            invoice_error_field=(invoice_error.field or "") if invoice_error else "",
            periods=PERIODS,
            profile=portal.billing_profile(ui.profile) if ui.profile else None,
            card_fields=_card_fields(ui.pane),
            card_name=_card_name,
        )


def _text(value: FieldValue | None) -> str:
    return value if isinstance(value, str) else ""


def _card_name(card: Any) -> str:
    return f"{card.brand} \u2022\u2022\u2022\u2022 {card.last4}"


def _card_fields(pane: str) -> tuple[str, ...]:
    """The fields of a card pane, in the order they appear."""
    if pane == "edit":
        return ("name", "expiration", "security_code", "address")
    return CARD_FIELDS


def _whole(value: FieldValue | None) -> int | str:
    text = _text(value).strip()
    return int(text) if text.isascii() and text.isdigit() else text


_ACTIONS: dict[str, Callable[[App, Event], None]] = {
    "go": App._go,
    "nav-toggle": App._nav_toggle,
    "filter-toggle": App._filter_toggle,
    "filter-self-service": App._filter_self_service,
    "filter-central": App._filter_central,
    "open-subscription": App._open_subscription,
    "close-subscription": App._close_subscription,
    "open-license-subscription": App._open_subscription,
    "close-license-subscription": App._close_subscription,
    "more-actions": App._more_actions,
    "open-pane": App._open_pane,
    "close-pane": App._close_pane,
    "save-total": App._save_total,
    "save-cancel": App._save_cancel,
    "open-assign": App._open_assign,
    "find-person": App._find_person,
    "choose-person": App._choose_person,
    "unchoose-person": App._unchoose_person,
    "assign": App._assign,
    "open-unassign": App._open_unassign,
    "unassign": App._unassign,
    "bills-tab": App._bills_tab,
    "invoice-period": App._invoice_period,
    "open-profile": App._open_profile,
    "close-profile": App._close_profile,
    "open-card": App._open_card,
    "edit-card": App._edit_card,
    "replace-card": App._replace_card,
    "add-card": App._open_add_card,
    "save-card": App._save_card,
}
