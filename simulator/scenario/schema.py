"""The schema of a scenario: the fields of each of its parts (:data:`RECORDS`).

Each part (the scenario, a person, a subscription...) is a :class:`Record` of fields; a
field has a kind of value (``kinds``), a list of values or records (:class:`ListOf`), or
another record (named by its key in :data:`RECORDS`), and an example line for messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..markets import CURRENCIES
from ..model import CANCEL_REASONS, InvoiceStatus, PersonKind, Role, Status
from .kinds import (
    BOOL,
    DATE,
    EMAIL,
    ID,
    LAST4,
    MONEY,
    MONTH,
    OPTIONAL_TEXT,
    TEXT,
    WHOLE,
    YEAR,
    Kind,
    one_of,
)


@dataclass(frozen=True)
class ListOf:
    item: Kind | str  # a Kind, or the name of a record in RECORDS
    what: str  # the items, plural: "people", "person ids"


@dataclass(frozen=True)
class Field:
    kind: Kind | ListOf | str  # a str names a record in RECORDS
    example: str  # what a correct line looks like, for "is missing" messages
    required: bool = True
    default: Any = None


@dataclass(frozen=True)
class Record:
    """The fields of one part of a scenario, named for messages ("a subscription")."""

    name: str
    fields: dict[str, Field]
    unknown: str = ""  # a message for a field that is not one of ``fields``, if special


RECORDS: dict[str, Record] = {
    "scenario": Record(
        "a scenario",
        {
            "description": Field(
                OPTIONAL_TEXT, "description: What this scenario is for.", False, ""
            ),
            "today": Field(DATE, "today: 2026-11-24"),
            "organization": Field(TEXT, "organization: Contoso"),
            "signed_in": Field(ID, "signed_in: mette-larsen (the id of a person under people)"),
            "role": Field(one_of(Role), "role: purchaser (or admin)", False, "purchaser"),
            "people": Field(ListOf("person", "people"), "people: followed by a list of people"),
            "subscriptions": Field(
                ListOf("subscription", "subscriptions"),
                "subscriptions: followed by a list of subscriptions",
            ),
            "payment_methods": Field(
                ListOf("payment_method", "cards"), "payment_methods: [...]", False, []
            ),
            "billing_profiles": Field(
                ListOf("billing_profile", "billing profiles"), "billing_profiles: [...]", False, []
            ),
        },
    ),
    "person": Record(
        "a person",
        {
            "id": Field(ID, "id: anne-jensen"),
            "name": Field(TEXT, "name: Anne Jensen"),
            "email": Field(EMAIL, "email: anne.jensen@contoso.com"),
            "kind": Field(one_of(PersonKind), "kind: member (or guest)", False, "member"),
        },
    ),
    "subscription": Record(
        "a subscription",
        {
            "id": Field(ID, "id: powerbi-pro"),
            "product": Field(TEXT, "product: Power BI Pro"),
            "total_licenses": Field(WHOLE, "total_licenses: 10"),
            "assigned": Field(
                ListOf(ID, "person ids"), "assigned: [anne-jensen, mikkel-holm]", False, []
            ),
            "price": Field("price", 'price: {USD: "14.00", DKK: "98.50", CNY: "95.00"}'),
            "purchased": Field(DATE, "purchased: 2026-02-10"),
            "expires": Field(DATE, "expires: 2027-02-10"),
            "self_service": Field(BOOL, "self_service: true", False, True),
            "purchaser": Field(ID, "purchaser: mette-larsen", False, None),
            "status": Field(one_of(Status), "status: active", False, "active"),
            "cancellation": Field(
                "cancellation", "cancellation: {date: 2026-11-02, reason: not-used}", False, None
            ),
        },
    ),
    "price": Record(
        "a price",
        {code: Field(MONEY, f'{code}: "14.00"') for code in CURRENCIES},
        unknown="'{key}' is not a currency the simulator uses: prices are in "
        + ", ".join(CURRENCIES)
        + ". Remove {key}.",
    ),
    "cancellation": Record(
        "a cancellation",
        {
            "date": Field(DATE, "date: 2026-11-02"),
            "reason": Field(one_of(CANCEL_REASONS), "reason: not-used"),
            "feedback": Field(OPTIONAL_TEXT, "feedback: We moved to another tool.", False, ""),
        },
    ),
    "payment_method": Record(
        "a payment method",
        {
            "id": Field(ID, "id: card-1"),
            "brand": Field(TEXT, "brand: Visa"),
            "last4": Field(LAST4, 'last4: "4242"'),
            "name": Field(TEXT, "name: Mette Larsen (the name on the card)"),
            "expiry_month": Field(MONTH, "expiry_month: 8"),
            "expiry_year": Field(YEAR, "expiry_year: 2028"),
            "address": Field(TEXT, "address: Strandvejen 12, 2900 Hellerup"),
            "owner": Field(ID, "owner: mette-larsen", False, None),
        },
    ),
    "billing_profile": Record(
        "a billing profile",
        {
            "id": Field(ID, "id: profile-1"),
            "name": Field(TEXT, "name: Mette Larsen's billing profile"),
            "owner": Field(ID, "owner: mette-larsen", False, None),
            "payment_method": Field(ID, "payment_method: card-1 (an id under payment_methods)"),
            "invoices": Field(ListOf("invoice", "invoices"), "invoices: [...]", False, []),
        },
    ),
    "invoice": Record(
        "an invoice",
        {
            "number": Field(ID, "number: G026111001"),
            "date": Field(DATE, "date: 2026-11-10"),
            "status": Field(one_of(InvoiceStatus), "status: paid (or due)"),
            "lines": Field(
                ListOf("invoice_line", "invoice lines"),
                "lines: [{subscription: powerbi-pro, quantity: 100}]",
            ),
        },
    ),
    "invoice_line": Record(
        "an invoice line",
        {
            "subscription": Field(ID, "subscription: powerbi-pro"),
            "quantity": Field(WHOLE, "quantity: 100"),
        },
    ),
}
