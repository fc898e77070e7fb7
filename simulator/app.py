"""One simulator instance: the portal's state, what is on screen, events in, HTML out.

An event is plain data (``simulator.protocol``), the same whether it comes from a click in
the browser (through ``simulator.worker``) or from the step checker's in-process driver.
What each action does is ``simulator.actions.ACTIONS``; this module holds the instance
those handlers change, and renders it.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import Any

from markupsafe import Markup

from . import handlers, scenario, views
from .actions import ACTIONS, KEEP_MENU, card_fields, text
from .commands import Command, FindPeople, ListInvoices
from .controls import CONTROLS
from .errors import Rejected
from .i18n import N_, Formats, translations
from .markets import cloud_info, language
from .model import (
    CANCEL_REASONS,
    MAX_CARD_ADDRESS,
    MAX_CARD_NAME,
    MAX_CARD_TYPED,
    MAX_LICENSES,
    Invoice,
    InvoicePeriod,
    Portal,
    ProductFilter,
    Role,
    card_name,
)
from .protocol import Event, EventError
from .ui import REGIONS, SUB_PANES, UI, Settings

#: The invoice period selector's options: value -> label msgid (controls.py's period.*).
PERIODS: dict[str, str] = {
    InvoicePeriod.PAST_3_MONTHS.value: CONTROLS["period.past_3_months"].msgid,
    InvoicePeriod.PAST_6_MONTHS.value: CONTROLS["period.past_6_months"].msgid,
    InvoicePeriod.DATE_RANGE.value: CONTROLS["period.date_range"].msgid,
}

#: The card fields' ``maxlength`` (the expiry date has none: cutting what is typed there
#: would change the date silently; the model checks it).
CARD_LIMITS: dict[str, int] = {
    "number": MAX_CARD_TYPED,
    "name": MAX_CARD_NAME,
    "address": MAX_CARD_ADDRESS,
}

#: Why the Assign search offers nobody (its live region; "" while it offers someone).
NOBODY_MATCHES = N_("Nobody in your organization matches “%(text)s”.")
ONLY_GUESTS_MATCH = N_(
    "Only guests match “%(text)s”, and licenses are for members of your organization."
)
ALL_LICENSED = N_("Everyone who matches “%(text)s” already has a license.")
ALL_CHOSEN_OR_LICENSED = N_("Everyone who matches “%(text)s” is chosen or already has a license.")

_INSTANCES = itertools.count(1)


class App:
    def __init__(self, settings: Settings, *, uid: str | None = None) -> None:
        self.settings = settings
        self.portal = self.with_role(
            scenario.load(settings.scenario, lang=settings.lang, cloud=settings.cloud)
        )
        self.ui = self.first_ui()
        self.uid = uid or f"ssp{next(_INSTANCES)}"

    def with_role(self, portal: Portal) -> Portal:
        """``portal`` as the settings' role sees it (the scenario's own role when none)."""
        return replace(portal, role=Role(self.settings.role)) if self.settings.role else portal

    def first_ui(self) -> UI:
        """The screen an instance starts on."""
        return UI(screen=self.settings.screen, cloud=self.settings.cloud)

    # -- events ---------------------------------------------------------------------------

    def handle(self, event: Event) -> None:
        handler = ACTIONS.get(event.action)
        if handler is None:
            raise EventError(f"unknown action {event.action!r} in event {event!r}")
        if event.action not in KEEP_MENU:
            self.set(menu_for="", filter_open=False)  # any other click closes an open menu
        if not self.ui.pane:
            # Focus is moved once, by the event that means it; a later redraw leaves it where
            # the user put it. (While a pane is open, ``focus`` is the control to return to.)
            self.set(focus="")
        handler(self, event)

    def set(self, **changes: Any) -> None:
        """Change what is on screen (``UI``'s fields)."""
        self.ui = replace(self.ui, **changes)

    def translate(self, message: str, **values: Any) -> str:
        """``message`` (a msgid) in the instance's language, filled with ``values``. In a
        right-to-left language each value is isolated (FSI ... PDI): a product or a card
        name, written left to right, keeps its order and does not take the numbers and
        punctuation around it into its own run."""
        translated = translations(self.settings.lang).gettext(message)
        if values and language(self.settings.lang).direction == "rtl":
            values = {k: f"\u2068{v}\u2069" for k, v in values.items()}
        return translated % values if values else translated

    def counted(self, what: str, count: int) -> str:
        """The success message of assigning or unassigning ``count`` licenses."""
        ngettext = translations(self.settings.lang).ngettext
        shown = {"count": Formats(self.settings.lang).integer(count)}
        if what == "assigned":
            message = ngettext(
                "A license is assigned to %(count)s person.",
                "Licenses are assigned to %(count)s people.",
                count,
            )
        else:
            message = ngettext(
                "The license of %(count)s person is unassigned.",
                "The licenses of %(count)s people are unassigned.",
                count,
            )
        return message % shown

    def run(self, command: Command, ok: str, **values: Any) -> bool:
        """Run ``command``; on success close the pane and announce ``ok``; else show why.

        Numbers in ``values`` are formatted as the page's language writes them.
        """
        fmt = Formats(self.settings.lang)
        shown = {k: fmt.integer(v) if isinstance(v, int) else v for k, v in values.items()}
        try:
            self.portal = handlers.handle(self.portal, command)
        except Rejected as rejected:
            self.set(error=rejected.text(self.settings.lang), error_field=rejected.field or "")
            return False
        self.set(pane="", values={}, error="", error_field="", status=self.translate(ok, **shown))
        return True

    # -- rendering --------------------------------------------------------------------------

    def render(self) -> str:
        """The whole portal: its frame around ``regions()``."""
        return self.frame(self.regions())

    def frame(self, regions: dict[str, str]) -> str:
        """The portal's frame around ``regions`` (as ``regions()`` gives them)."""
        marked = {name: Markup(html) for name, html in regions.items()}
        return views.render(self.settings.lang, "portal.html", ui=self.ui, regions=marked)

    def regions(self) -> dict[str, str]:
        """The portal's parts that change on their own, by name (``REGIONS``); ``pane`` is
        "" when no pane is open."""
        lang, ui = self.settings.lang, self.ui
        context = self._context()
        out = {
            name: views.render(lang, f"regions/{name}.html", **context)
            for name in REGIONS
            if name != "pane"
        }
        out["pane"] = views.render(lang, f"panes/{ui.pane}.html", **context) if ui.pane else ""
        return out

    def _invoices(self) -> tuple[tuple[Invoice, ...], Rejected | None]:
        """The Invoices tab's rows under its period, or why the period is refused."""
        ui = self.ui
        if ui.period == InvoicePeriod.DATE_RANGE and not (ui.start or ui.end):
            return (), None
        try:
            return handlers.ask(self.portal, ListInvoices(ui.period, ui.start, ui.end)), None
        except Rejected as rejected:
            return (), rejected

    def _find_note(self, typed: str, offered: tuple[Any, ...]) -> str:
        """Why the Assign search offers nobody, or "" (it offers someone, or nothing is
        typed). The text is shown with its blanks tidied: the same search says the same."""
        if offered or not typed.split():
            return ""
        matching = self.portal.people_matching(typed)
        shown = {"text": " ".join(typed.split())}
        members = [p for p in matching if not p.is_guest]
        if not matching:
            return self.translate(NOBODY_MATCHES, **shown)
        if not members:
            return self.translate(ONLY_GUESTS_MATCH, **shown)
        if any(p.id in self.ui.chosen for p in members):
            return self.translate(ALL_CHOSEN_OR_LICENSED, **shown)
        return self.translate(ALL_LICENSED, **shown)

    def _context(self) -> dict[str, Any]:
        """What the screens and panes are rendered from."""
        ui, portal, lang = self.ui, self.portal, self.settings.lang
        results: tuple[Any, ...] = ()
        find_note = ""
        if ui.pane == "assign" and not ui.assigned_done:
            try:
                found = FindPeople(text(ui.values.get("find")), subscription=ui.pane_for)
                results = handlers.ask(portal, found)
            except Rejected:
                results = ()
            results = tuple(p for p in results if p.id not in ui.chosen)
            find_note = self._find_note(text(ui.values.get("find")), results)
        invoices, invoice_error = self._invoices() if ui.screen == "bills" else ((), None)
        detail = portal.subscription(ui.detail) if ui.detail else None
        people = {p.id: p for p in portal.people}
        return dict(
            ui=ui,
            uid=self.uid,
            portal=portal,
            portal_address=cloud_info(ui.cloud).portal_address,
            subscriptions=portal.products(ui.product_filter),
            self_service_only=ui.product_filter is ProductFilter.SELF_SERVICE,
            central_only=ui.product_filter is ProductFilter.CENTRAL,
            license_subscriptions=tuple(s for s in portal.visible_subscriptions if s.self_service),
            detail=detail,
            detail_people=tuple(people[p] for p in detail.assigned if p in people)
            if detail
            else (),
            pane_sub=portal.subscription(ui.pane_for) if ui.pane in SUB_PANES else None,
            pane_card=portal.card(ui.pane_for) if ui.pane in ("card", "edit") else None,
            pane_profile=portal.billing_profile(ui.pane_for) if ui.pane == "replace" else None,
            results=results,
            find_note=find_note,
            chosen=tuple(portal.person(p) for p in ui.chosen),
            reasons=CANCEL_REASONS,
            invoices=invoices,
            invoice_error=invoice_error.text(lang) if invoice_error else "",
            invoice_error_field=(invoice_error.field or "") if invoice_error else "",
            periods=PERIODS,
            profile=portal.billing_profile(ui.profile) if ui.profile else None,
            card_fields=card_fields(ui.pane),
            card_limits=CARD_LIMITS,
            card_name=card_name,
            max_licenses=MAX_LICENSES,
        )
