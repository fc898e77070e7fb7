"""What a simulator instance is, and what it shows: its settings and its screen state.

``Settings`` are chosen by the page (or the standalone page's URL) and never change for an
instance; ``UI`` is what is on screen besides the portal's data (the screen, the open
menu or pane, what is typed in it, the last message), replaced by every event.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .markets import Cloud
from .model import InvoicePeriod, ProductFilter, Role
from .protocol import EventError, FieldValue

SCREENS = ("products", "licenses", "bills")
#: The portal's parts that change on their own (``App.regions``): a click answers with
#: those it changed.
REGIONS = ("topbar", "nav", "main", "pane")
BILLS_TABS = ("invoices", "payment_methods", "billing_profiles")
#: Panes that act on a subscription (``UI.pane_for`` is its id).
SUB_PANES = ("buy", "remove", "cancel", "assign", "unassign")


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


def uid_for(key: str, cloud: Cloud) -> str:
    """The ids' prefix of simulator ``key`` (the page element's id) in ``cloud``: the same at
    build time and in the browser, so the page can keep the screen it was built with."""
    return f"{key}-{cloud.value}"
