"""What each ``data-action`` of the screens does: :data:`ACTIONS`, one table at the end.

A handler takes the instance (``simulator.app.App``) and the event, and changes the
instance's screen state (``app.set``) or runs a command on the portal (``app.run``: the
pane closes and a success message shows, or the portal's refusal shows beside its field).
A handler never renders; an event that names something the portal does not have is a bug
of the caller (``EventError``), not a user mistake.

The table says, for each action, what the event carries: ``data`` from the element's
``data-*`` attributes, ``fields`` from the screen's ``data-field`` controls.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .commands import (
    AddPaymentMethod,
    AssignLicenses,
    CancelSubscription,
    Command,
    EditPaymentMethod,
    ReplacePaymentMethod,
    SetTotalLicenses,
    UnassignLicenses,
)
from .errors import NOBODY_SELECTED, Rejected
from .i18n import N_, Formats
from .model import InvoicePeriod, ProductFilter, TotalChange, card_name, check_group_size
from .protocol import Event, EventError, FieldValue
from .ui import BILLS_TABS, SCREENS, UI

if TYPE_CHECKING:
    from .app import App

Handler = Callable[["App", Event], None]

# Success messages (announced with role="status").
TOTAL_SAVED = N_("%(product)s now has %(total)s licenses.")
CANCELLED_OK = N_("%(product)s is cancelled.")
CARD_SAVED = N_("Your changes to %(card)s are saved.")
CARD_ADDED = N_("%(card)s is added to your payment methods.")
CARD_REPLACED = N_("%(profile)s is now paid with %(card)s.")
CARD_FIELDS = ("number", "name", "expiration", "security_code", "address")
#: The fields of the panes that are not card forms.
PANE_FIELDS: dict[str, tuple[str, ...]] = {
    "buy": ("total",),
    "remove": ("total",),
    "cancel": ("reason", "feedback"),
    "assign": ("find",),
    "unassign": (),
}


def text(value: FieldValue | None) -> str:
    """A field's value as text (a list of ticked boxes is not text: "")."""
    return value if isinstance(value, str) else ""


def card_fields(pane: str) -> tuple[str, ...]:
    """The fields of a card pane, in the order they appear."""
    if pane == "edit":
        return ("name", "expiration", "security_code", "address")
    return CARD_FIELDS


def _known(app: App, event: Event, name: str, look_up: Callable[[str], object]) -> str:
    """The id ``event`` carries as ``data[name]``, checked with ``look_up``."""
    value = event.data.get(name, "")
    try:
        look_up(value)
    except KeyError:
        raise EventError(f"unknown {name} {value!r} in event {event!r}") from None
    return value


def _subscription(app: App, event: Event) -> str:
    return _known(app, event, "subscription", app.portal.subscription)


# -- navigation and Your products -----------------------------------------------------------


def go(app: App, event: Event) -> None:
    screen = event.data.get("screen")
    if screen not in SCREENS:
        raise EventError(f"'go' to unknown screen {screen!r}; screens are {SCREENS}")
    app.ui = UI(screen=screen, cloud=app.ui.cloud, nav_open=app.ui.nav_open)


def nav_toggle(app: App, event: Event) -> None:
    app.set(nav_open=not app.ui.nav_open)


def filter_toggle(app: App, event: Event) -> None:
    # Open: focus goes to the menu's first item; closed (Escape, a second click): back to
    # the filter icon.
    opening = not app.ui.filter_open
    app.set(filter_open=opening, menu_for="", status="", focus="" if opening else "filter")


def _toggle_filter(app: App, chosen: ProductFilter) -> None:
    on = app.ui.product_filter is chosen
    app.set(product_filter=ProductFilter.ALL if on else chosen, filter_open=False, focus="filter")


def filter_self_service(app: App, event: Event) -> None:
    _toggle_filter(app, ProductFilter.SELF_SERVICE)


def filter_central(app: App, event: Event) -> None:
    _toggle_filter(app, ProductFilter.CENTRAL)


def open_subscription(app: App, event: Event) -> None:
    sub = _subscription(app, event)
    app.set(detail=sub, menu_for="", filter_open=False, status="", selected=(), focus="detail")


def close_subscription(app: App, event: Event) -> None:
    app.set(detail="", status="", selected=(), focus=f"sub-{app.ui.detail}")


def more_actions(app: App, event: Event) -> None:
    sub = _subscription(app, event)
    closing = app.ui.menu_for == sub
    app.set(
        menu_for="" if closing else sub,
        filter_open=False,
        status="",
        focus=f"more-{sub}" if closing else "",
    )


def open_pane(app: App, event: Event) -> None:
    pane = event.data.get("pane", "")
    if pane not in ("buy", "remove", "cancel"):
        raise EventError(f"unknown pane {pane!r} in event {event!r}")
    sub = _subscription(app, event)
    values: dict[str, FieldValue] = {}
    if pane != "cancel":
        values["total"] = str(app.portal.subscription(sub).total_licenses)
    app.set(
        pane=pane,
        pane_for=sub,
        values=values,
        menu_for="",
        error="",
        error_field="",
        status="",
        focus=f"pane-{pane}" if pane != "cancel" else f"more-{sub}",
    )


def close_pane(app: App, event: Event) -> None:
    app.set(pane="", values={}, error="", error_field="", chosen=(), assigned_done=False)


def save_total(app: App, event: Event) -> None:
    if app.ui.pane not in ("buy", "remove"):
        return  # a late click on a pane that has closed (a double click)
    total = event.fields.get("total", "")
    app.set(values={"total": total})
    sub = app.portal.subscription(app.ui.pane_for)
    typed = text(total)
    number = Formats(app.settings.lang).read_integer(typed)  # as the page writes numbers
    change = TotalChange.BUY if app.ui.pane == "buy" else TotalChange.REMOVE
    command = SetTotalLicenses(sub.id, typed if number is None else number, change)
    app.run(command, TOTAL_SAVED, product=sub.product, total=number)


def save_cancel(app: App, event: Event) -> None:
    if app.ui.pane != "cancel":
        return  # a late click on a pane that has closed (a double click)
    reason = text(event.fields.get("reason"))
    feedback = text(event.fields.get("feedback"))
    values: dict[str, FieldValue] = {"feedback": feedback}
    if reason:
        values["reason"] = reason
    app.set(values=values)
    sub = app.portal.subscription(app.ui.pane_for)
    app.run(CancelSubscription(sub.id, reason, feedback), CANCELLED_OK, product=sub.product)


def typed(app: App, event: Event) -> None:
    """A field changed (a radio chosen, a box ticked): the screen keeps what it holds, so
    a guided step learns of it before any button is pressed."""
    if app.ui.pane:
        mine = PANE_FIELDS.get(app.ui.pane, card_fields(app.ui.pane))
        kept = {k: v for k, v in event.fields.items() if k in mine}
        app.set(values={**app.ui.values, **kept})
    elif app.ui.detail and "selected" in event.fields:
        picked = event.fields["selected"]
        app.set(selected=tuple([picked] if isinstance(picked, str) else picked))


# -- Licenses -------------------------------------------------------------------------------


def open_assign(app: App, event: Event) -> None:
    if not app.ui.detail:
        return  # a late click: the subscription's page has closed
    app.set(
        pane="assign",
        pane_for=app.ui.detail,
        values={},
        chosen=(),
        assigned_done=False,
        error="",
        error_field="",
        status="",
        focus="assign",
    )


def find_person(app: App, event: Event) -> None:
    app.set(values={"find": text(event.fields.get("find"))})


def choose_person(app: App, event: Event) -> None:
    person = _known(app, event, "person", app.portal.person)
    if person in app.ui.chosen:
        return
    try:
        check_group_size(len(app.ui.chosen) + 1)
    except Rejected as rejected:
        app.set(error=rejected.text(app.settings.lang), error_field=rejected.field or "")
        return
    app.set(chosen=(*app.ui.chosen, person), values={}, error="", error_field="")


def unchoose_person(app: App, event: Event) -> None:
    person = event.data.get("person", "")
    app.set(chosen=tuple(p for p in app.ui.chosen if p != person))


def assign(app: App, event: Event) -> None:
    if app.ui.pane != "assign" or app.ui.assigned_done:
        return  # a late click on a pane that has closed (a double click)
    done = app.counted("assigned", len(app.ui.chosen))
    if app.run(AssignLicenses(app.ui.pane_for, app.ui.chosen), done):
        # The pane stays open with Close, as in the portal.
        app.set(pane="assign", assigned_done=True, chosen=())


def open_unassign(app: App, event: Event) -> None:
    if not app.ui.detail:
        return  # a late click: the subscription's page has closed
    picked = event.fields.get("selected", [])
    selected = tuple([picked] if isinstance(picked, str) else picked)
    if not selected:
        app.set(selected=(), error=app.translate(NOBODY_SELECTED), error_field="", status="")
        return
    app.set(
        pane="unassign",
        pane_for=app.ui.detail,
        selected=selected,
        error="",
        error_field="",
        status="",
        focus="unassign",
    )


def unassign(app: App, event: Event) -> None:
    if app.ui.pane != "unassign":
        return  # a late click on a pane that has closed (a double click)
    done = app.counted("unassigned", len(app.ui.selected))
    if app.run(UnassignLicenses(app.ui.pane_for, app.ui.selected), done):
        app.set(selected=())


# -- Bills & payments -----------------------------------------------------------------------


def bills_tab(app: App, event: Event) -> None:
    tab = event.data.get("tab", "")
    if tab not in BILLS_TABS:
        raise EventError(f"unknown tab {tab!r}; tabs are {BILLS_TABS}")
    app.set(bills_tab=tab, profile="", status="", focus=f"tab-{tab}")


def invoice_period(app: App, event: Event) -> None:
    period = text(event.fields.get("period")) or InvoicePeriod.PAST_3_MONTHS.value
    app.set(
        period=period,
        start=text(event.fields.get("start")),
        end=text(event.fields.get("end")),
        focus=f"invoice-{event.data.get('which') or 'period'}",
    )


def open_profile(app: App, event: Event) -> None:
    profile = _known(app, event, "profile", app.portal.billing_profile)
    app.set(profile=profile, status="", focus="detail")


def close_profile(app: App, event: Event) -> None:
    app.set(profile="", status="", focus=f"profile-{app.ui.profile}")


def open_card(app: App, event: Event) -> None:
    card = _known(app, event, "card", app.portal.card)
    app.set(pane="card", pane_for=card, values={}, error="", status="", focus=f"card-{card}")


def edit_card(app: App, event: Event) -> None:
    card = app.portal.card(_known(app, event, "card", app.portal.card))
    values: dict[str, FieldValue] = {
        "name": card.holder,
        "expiration": card.expiration,
        "address": card.address,
    }
    focus = app.ui.focus if app.ui.pane == "card" else "edit-card"
    app.set(pane="edit", pane_for=card.id, values=values, error="", status="", focus=focus)


def replace_card(app: App, event: Event) -> None:
    profile = event.data.get("profile", app.ui.profile)
    app.set(pane="replace", pane_for=profile, values={}, error="", status="", focus="replace-card")


def add_card(app: App, event: Event) -> None:
    app.set(pane="add", pane_for="", values={}, error="", status="", focus="add-card")


def save_card(app: App, event: Event) -> None:
    pane = app.ui.pane
    if pane not in ("edit", "replace", "add"):
        return  # a late click on a pane that has closed (a double click)
    form = {name: text(event.fields.get(name)) for name in CARD_FIELDS}
    app.set(values={k: v for k, v in form.items() if k in card_fields(pane)})
    before = {c.id for c in app.portal.cards}
    details = (form["name"], form["expiration"], form["security_code"], form["address"])
    command: Command
    if pane == "edit":
        card = app.portal.card(app.ui.pane_for)
        command = EditPaymentMethod(card.id, *details)
        app.run(command, CARD_SAVED, card=card_name(card))
    elif pane == "replace":
        profile = app.portal.billing_profile(app.ui.pane_for)
        command = ReplacePaymentMethod(profile.id, form["number"], *details)
        if app.run(command, CARD_REPLACED, profile=profile.name, card=""):
            new = app.portal.card(app.portal.billing_profile(profile.id).payment_method)
            app.set(status=app.translate(CARD_REPLACED, profile=profile.name, card=card_name(new)))
    elif app.run(AddPaymentMethod(form["number"], *details), CARD_ADDED, card=""):
        new = next(c for c in app.portal.cards if c.id not in before)
        app.set(status=app.translate(CARD_ADDED, card=card_name(new)))


#: Every ``data-action`` (and ``data-input-action``, ``data-change-action``) of the screens.
ACTIONS: dict[str, Handler] = {
    # Navigation.
    "go": go,  # data: screen (products, licenses, bills)
    "nav-toggle": nav_toggle,
    # Your products.
    "filter-toggle": filter_toggle,
    "filter-self-service": filter_self_service,
    "filter-central": filter_central,  # (the admin's filter)
    "open-subscription": open_subscription,  # data: subscription
    "close-subscription": close_subscription,
    "more-actions": more_actions,  # data: subscription
    "open-pane": open_pane,  # data: pane (buy, remove, cancel), subscription
    "save-total": save_total,  # fields: total
    "save-cancel": save_cancel,  # fields: reason, feedback
    "close-pane": close_pane,
    "typed": typed,  # a change action (radios, checkboxes); fields: the pane's or selected
    # Licenses.
    "open-license-subscription": open_subscription,  # data: subscription
    "close-license-subscription": close_subscription,
    "open-assign": open_assign,
    "find-person": find_person,  # an input action; fields: find
    "choose-person": choose_person,  # data: person
    "unchoose-person": unchoose_person,  # data: person
    "assign": assign,
    "open-unassign": open_unassign,  # fields: selected (person ids)
    "unassign": unassign,
    # Bills & payments.
    "bills-tab": bills_tab,  # data: tab
    "invoice-period": invoice_period,  # a change action; fields: period, start, end
    "open-profile": open_profile,  # data: profile
    "close-profile": close_profile,
    "open-card": open_card,  # data: card
    "edit-card": edit_card,  # data: card
    "replace-card": replace_card,  # data: profile
    "add-card": add_card,
    "save-card": save_card,  # fields: number, name, expiration, security_code, address
}

#: Actions that leave an open menu open (any other closes it).
KEEP_MENU = frozenset({"more-actions", "filter-toggle"})
