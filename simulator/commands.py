"""What a person asks the portal to do (commands) or to show (queries): frozen dataclasses.

Commands have imperative names and change the portal (``simulator.handlers.handle``);
queries only read it (``simulator.handlers.ask``). Their fields hold what the screens
collect, as the screens collect it: a total of licenses may arrive as the text of the
spin button, card fields as typed. The handlers check everything; a command never
validates itself, so a command with nonsense in it still exists and is refused politely.

The card number and security code are kept out of ``repr`` and never reach the state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .model import InvoicePeriod, ProductFilter, TotalChange


def _people(value: object) -> tuple[str, ...]:
    """A tuple of person ids from whatever a caller passed (lists become tuples)."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, (list, tuple, set, frozenset)):
        return tuple(str(v) for v in value)
    return ()


@dataclass(frozen=True)
class SetTotalLicenses:
    """Buy licenses or Remove licenses: ``total`` is the new total (100 + 5 more -> 105).

    ``change`` is the pane it comes from (Buy raises the total, Remove lowers it); None
    allows either way.
    """

    subscription: str
    total: int | str
    change: TotalChange | None = None


@dataclass(frozen=True)
class AssignLicenses:
    """Assign licenses to users: up to 20 people picked from the type-ahead results."""

    subscription: str
    people: tuple[str, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "people", _people(self.people))


@dataclass(frozen=True)
class UnassignLicenses:
    """Unassign licenses from the selected users."""

    subscription: str
    people: tuple[str, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "people", _people(self.people))


@dataclass(frozen=True)
class CancelSubscription:
    """Cancel subscription: ``reason`` is a key of ``model.CANCEL_REASONS``; feedback optional."""

    subscription: str
    reason: str
    feedback: str = ""


@dataclass(frozen=True)
class EditPaymentMethod:
    """Edit a card: the number stays; name, expiration, security code and address change."""

    payment_method: str
    name: str
    expiration: str  # MM/YY
    security_code: str = field(repr=False)
    address: str


@dataclass(frozen=True)
class AddPaymentMethod:
    """Add a payment method (a card) to the signed-in person's payment methods."""

    number: str = field(repr=False)
    name: str
    expiration: str  # MM/YY
    security_code: str = field(repr=False)
    address: str


@dataclass(frozen=True)
class ReplacePaymentMethod:
    """Replace a billing profile's payment method with a new card (added to the methods)."""

    billing_profile: str
    number: str = field(repr=False)
    name: str
    expiration: str  # MM/YY
    security_code: str = field(repr=False)
    address: str


Command = (
    SetTotalLicenses
    | AssignLicenses
    | UnassignLicenses
    | CancelSubscription
    | EditPaymentMethod
    | AddPaymentMethod
    | ReplacePaymentMethod
)


@dataclass(frozen=True)
class ListProducts:
    """The Products tab's rows under the filter (self-service, central, or all)."""

    filter: ProductFilter | str = ProductFilter.ALL


@dataclass(frozen=True)
class FindPeople:
    """Type-ahead in the Assign pane: members whose name or email words start as typed.

    With ``subscription``, people who already have its license are left out.
    """

    text: str
    subscription: str | None = None
    limit: int = 10


@dataclass(frozen=True)
class ListInvoices:
    """The Invoices tab under its period; ``start``/``end`` only for a date range.

    Dates may be ``date`` values or ISO text (``2026-05-01``) from a date field.
    """

    period: InvoicePeriod | str = InvoicePeriod.PAST_3_MONTHS
    start: date | str | None = None
    end: date | str | None = None


Query = ListProducts | FindPeople | ListInvoices
