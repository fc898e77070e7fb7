"""Scenarios as data -> a portal state, with a check that says what to fix and where.

A scenario is the state a page (or a support call) starts from: who is signed in and as
what, the organization's people, the subscriptions, cards, billing profiles and invoices,
and "today". Scenario files are YAML in ``simulator/scenarios/`` (the id is the file
name); the build converts them to JSON in the package data, so PyYAML never runs in the
browser. This module works on the parsed data only, so the build, the CLI
(``ssp-kit scenario validate``) and the browser's loader share one check:

    :func:`check` -> a list of :class:`Problem` (field path + what to do), empty if fine
    :func:`build_portal` -> a :class:`~simulator.model.Portal`, or :class:`ScenarioError`

The fields each part of a scenario has are the :data:`RECORDS` table below.
"""

from __future__ import annotations

import json
import pathlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from ..markets import CURRENCIES, Cloud, currency_for
from ..model import (
    CANCEL_REASONS,
    SELF_SERVICE_PRODUCTS,
    BillingProfile,
    Cancellation,
    Card,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    Person,
    PersonKind,
    Portal,
    Role,
    Status,
    Subscription,
)

PathItem = str | int
Path = tuple[PathItem, ...]


def format_path(path: Sequence[PathItem]) -> str:
    """``("subscriptions", 1, "total_licenses")`` -> ``subscriptions[1].total_licenses``."""
    out = ""
    for item in path:
        out += f"[{item}]" if isinstance(item, int) else (f".{item}" if out else item)
    return out or "scenario"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a scenario: where (a field path) and what to do, in plain words."""

    path: Path
    message: str

    @property
    def field(self) -> str:
        return format_path(self.path)

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class ScenarioError(ValueError):
    """A scenario is malformed: which file, which field, what is wrong."""

    def __init__(
        self, source: str, field: str, problem: str, problems: Sequence[Problem] = ()
    ) -> None:
        self.source, self.field, self.problem = source, field, problem
        self.problems = tuple(problems) or (Problem((field,), problem),)
        lines = [f"{source}: {p}" for p in self.problems]
        super().__init__("\n".join(lines))

    @classmethod
    def of(cls, source: str, problems: Sequence[Problem]) -> ScenarioError:
        first = problems[0]
        return cls(source, first.field, first.message, problems)


# Values: each kind parses one YAML/JSON value or says, in plain words, what to write.
class _Bad(Exception):
    def __init__(self, message: str) -> None:
        self.message = message


def _shown(value: object) -> str:
    """A value as the scenario's author wrote it, for messages."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, Mapping):
        return "a group of fields"
    if isinstance(value, list):
        return "a list"
    return str(value)


@dataclass(frozen=True)
class Kind:
    """A kind of value: what it looks like (for messages) and how to read it."""

    what: str  # "a whole number, like 10": completes "should be ..." and "add ..."
    read: Callable[[object], object]


def _not(what: str, value: object, hint: str = "") -> _Bad:
    return _Bad(f"should be {what}, not {_shown(value)}.{hint}")


def _text(value: object) -> str:
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, str) or value is None:
        raise _Bad("is empty. Write some text after the colon.")
    raise _not("text", value, " Put it in quotes to keep it as text.")


def _optional_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    raise _not("text", value, " Put it in quotes to keep it as text.")


ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
SCENARIO_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _id(value: object) -> str:
    if isinstance(value, str) and ID_PATTERN.match(value):
        return value
    if isinstance(value, str):
        raise _Bad(
            f"{_shown(value)} can't be an id: use letters, digits, '.', '-' and '_' only, "
            "with no spaces, like mette-larsen."
        )
    raise _not("an id, like mette-larsen", value)


def _whole(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        raise _Bad(
            f"should be a whole number without quotes: write {value.strip()}, not '{value}'."
        )
    raise _not("a whole number, like 10", value)


def _date(value: object) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise _Bad(
                f"'{value}' is not a real date (check the month and the day). Write dates as "
                "YYYY-MM-DD, like 2026-11-24."
            ) from None
    raise _not("a date written YYYY-MM-DD, like 2026-11-24", value)


def _money(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise _not('an amount, like "14.00"', value)
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        raise _not('an amount, like "14.00"', value) from None
    if not amount.is_finite() or amount < 0:
        raise _Bad(f'should be an amount of 0 or more, like "14.00", not {_shown(value)}.')
    if amount != amount.quantize(Decimal("0.01")):
        raise _Bad(f'{_shown(value)} has more than 2 decimals. Round it to cents, like "14.99".')
    return amount.quantize(Decimal("0.01"))


def _bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise _not("true or false", value)


def _choice(options: Iterable[str]) -> Callable[[object], str]:
    allowed = tuple(str(o) for o in options)

    def read(value: object) -> str:
        if isinstance(value, str) and value in allowed:
            return value
        close = _close(str(value), allowed)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        raise _Bad(f"should be one of {', '.join(allowed)}, not {_shown(value)}.{hint}")

    return read


def _last4(value: object) -> str:
    if isinstance(value, str) and len(value) == 4 and value.isascii() and value.isdigit():
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        raise _Bad(
            'should be the last 4 digits in quotes, like "4242": without quotes YAML reads '
            "them as a number and drops leading zeros."
        )
    raise _not('the last 4 digits of the card number, in quotes, like "4242"', value)


def _between(low: int, high: int, what: str) -> Callable[[object], int]:
    def read(value: object) -> int:
        number = _whole(value)
        if not low <= number <= high:
            raise _Bad(f"should be {what} from {low} to {high}, not {number}.")
        return number

    return read


def _email(value: object) -> str:
    text = _text(value)
    local, at, domain = text.partition("@")
    if not at or not local or "." not in domain or "@" in domain or " " in text:
        raise _Bad(
            f"{_shown(value)} is not an email address. Write one like anne.jensen@contoso.com."
        )
    return text


TEXT = Kind("some text", _text)
OPTIONAL_TEXT = Kind("some text (or nothing)", _optional_text)
ID = Kind("an id, like mette-larsen", _id)
WHOLE = Kind("a whole number, like 10", _whole)
DATE = Kind("a date written YYYY-MM-DD, like 2026-11-24", _date)
MONEY = Kind('an amount in quotes, like "14.00"', _money)
BOOL = Kind("true or false", _bool)
EMAIL = Kind("an email address, like anne.jensen@contoso.com", _email)
LAST4 = Kind('the last 4 digits of the card number, in quotes, like "4242"', _last4)
MONTH = Kind("a month number from 1 to 12", _between(1, 12, "a month number"))
YEAR = Kind("a year, like 2028", _between(2000, 2099, "a year"))


def _choice_kind(options: Iterable[str]) -> Kind:
    allowed = tuple(str(o) for o in options)
    return Kind(f"one of {', '.join(allowed)}", _choice(allowed))


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
            "role": Field(_choice_kind(Role), "role: purchaser (or admin)", False, "purchaser"),
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
            "kind": Field(_choice_kind(PersonKind), "kind: member (or guest)", False, "member"),
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
            "status": Field(_choice_kind(Status), "status: active", False, "active"),
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
            "reason": Field(_choice_kind(CANCEL_REASONS), "reason: not-used"),
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
            "status": Field(_choice_kind(InvoiceStatus), "status: paid (or due)"),
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


class _Walk:
    """Reads raw data against RECORDS: normalized data (None where a value is bad)."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def bad(self, path: Path, message: str) -> None:
        self.problems.append(Problem(path, message))

    def value(self, raw: object, kind: Kind | ListOf | str, path: Path, example: str = "") -> Any:
        if isinstance(kind, str):
            return self.record(raw, RECORDS[kind], path, example)
        if isinstance(kind, ListOf):
            return self.list(raw, kind, path)
        try:
            return kind.read(raw)
        except _Bad as bad:
            self.bad(path, bad.message)
            return None

    def list(self, raw: object, kind: ListOf, path: Path) -> list[Any] | None:
        if raw is None:
            return []
        if not isinstance(raw, list):
            hint = ""
            if kind.item is ID and isinstance(raw, int) and not isinstance(raw, bool):
                hint = (
                    " Write the ids of the people, like [mette-larsen, anne-jensen], not how many."
                )
            self.bad(
                path,
                f"should be a list of {kind.what} (each on its own line starting with '- ', or "
                f"[a, b] on one line), not {_shown(raw)}.{hint}",
            )
            return None
        return [self.value(item, kind.item, (*path, i)) for i, item in enumerate(raw)]

    def record(
        self, raw: object, record: Record, path: Path, example: str = ""
    ) -> dict[str, Any] | None:
        names = ", ".join(record.fields)
        if not isinstance(raw, Mapping):
            like = f" Write it like: {example}" if example else ""
            self.bad(
                path,
                f"should be {record.name}: a group of fields ({names}), not {_shown(raw)}.{like}",
            )
            return None
        out: dict[str, Any] = {}
        for key in raw:
            if key in record.fields:
                continue
            if not path and key == "id":
                self.bad(
                    ("id",),
                    "is not needed: a scenario's id is its file name (default.yml is "
                    "'default'). Remove it.",
                )
                continue
            if record.unknown:
                self.bad((*path, str(key)), record.unknown.format(key=key))
                continue
            close = _close(str(key), record.fields)
            hint = f"Did you mean '{close[0]}'? " if close else ""
            self.bad(
                (*path, str(key)),
                f"'{key}' is not a field of {record.name}. {hint}Remove it or correct its "
                f"name; the fields are: {names}.",
            )
        for name, spec in record.fields.items():
            if name not in raw:
                if spec.required:
                    self.bad(
                        (*path, name), f"is missing. Add it to {record.name}, like: {spec.example}"
                    )
                out[name] = spec.default
                continue
            out[name] = self.value(raw[name], spec.kind, (*path, name), spec.example)
        return out


def check_id(scenario_id: str) -> str | None:
    """Why ``scenario_id`` (a file name without extension) can't name a scenario, or None."""
    if SCENARIO_ID.match(scenario_id):
        return None
    return (
        f"the file name '{scenario_id}' can't be a scenario id: name the file with lowercase "
        "letters, digits and hyphens, like no-free-licenses.yml."
    )


def check(data: object) -> list[Problem]:
    """Every problem in a parsed scenario (empty when it is fine)."""
    return _read(data)[1]


def _read(data: object) -> tuple[dict[str, Any] | None, list[Problem]]:
    if data is None:
        return None, [
            Problem(
                (),
                "the file is empty. A scenario has fields like today:, organization:, "
                "signed_in:, people: and subscriptions:; start from a copy of "
                "simulator/scenarios/default.yml.",
            )
        ]
    walk = _Walk()
    normalized = walk.record(data, RECORDS["scenario"], ())
    if normalized is not None:
        _Rules(normalized, walk).run()
    return normalized, walk.problems


class _Rules:
    """What must hold between fields: ids that exist, counts that fit, dates in order."""

    def __init__(self, data: dict[str, Any], walk: _Walk) -> None:
        self.data, self.walk = data, walk
        self.people: dict[str, dict[str, Any]] = {}
        self.subs: dict[str, dict[str, Any]] = {}
        self.cards: dict[str, dict[str, Any]] = {}

    def items(self, key: str) -> list[tuple[int, dict[str, Any]]]:
        return [(i, x) for i, x in enumerate(self.data.get(key) or []) if isinstance(x, dict)]

    def unique(
        self, field: str, path: Path, items: list[tuple[int, dict[str, Any]]], what: str
    ) -> dict[str, dict[str, Any]]:
        seen: dict[str, int] = {}
        out: dict[str, dict[str, Any]] = {}
        for i, item in items:
            value = item.get(field)
            if value is None:
                continue
            folded = value.casefold() if field == "email" else value
            if folded in seen:
                self.walk.bad(
                    (*path, i, field),
                    f"'{value}' is already the {field} of {format_path((*path, seen[folded]))}. "
                    f"Give each {what} its own {field}.",
                )
                continue
            seen[folded] = i
            out[value] = item
        return out

    def person(self, path: Path, person_id: str | None, role: str) -> dict[str, Any] | None:
        """The person ``person_id`` must exist and, for every ``role`` here, be a member."""
        if person_id is None:
            return None
        person = self.people.get(person_id)
        if person is None:
            self.walk.bad(
                path,
                f"'{person_id}' is not the id of anyone under people. Use the id of a person "
                "listed there, or add that person to people.",
            )
            return None
        if person.get("kind") == PersonKind.GUEST:
            self.walk.bad(path, f"'{person_id}' is a guest, and {role}. Choose a member.")
        return person

    def run(self) -> None:
        data = self.data
        today: date | None = data.get("today")
        self.people = self.unique("id", ("people",), self.items("people"), "person")
        self.unique("email", ("people",), self.items("people"), "person")
        self.person(("signed_in",), data.get("signed_in"), "guests can't be signed in here")
        subs = self.items("subscriptions")
        self.subs = self.unique("id", ("subscriptions",), subs, "subscription")
        for i, sub in subs:
            self.subscription(("subscriptions", i), sub, today)
        cards = self.items("payment_methods")
        self.cards = self.unique("id", ("payment_methods",), cards, "card")
        for i, card in cards:  # an owner left out is signed_in, checked above
            self.person(("payment_methods", i, "owner"), card.get("owner"), "guests can't pay here")
        profiles = self.items("billing_profiles")
        self.unique("id", ("billing_profiles",), profiles, "billing profile")
        numbers: dict[str, Path] = {}
        for i, profile in profiles:
            self.profile(("billing_profiles", i), profile, today, numbers)

    def subscription(self, path: Path, sub: dict[str, Any], today: date | None) -> None:
        total, assigned = sub.get("total_licenses"), sub.get("assigned")
        if total is not None and total < 1:
            self.walk.bad(
                (*path, "total_licenses"),
                f"must be at least 1, not {total}: a subscription has at least one license. "
                "To show a subscription that has ended, keep its total and set "
                "status: cancelled.",
            )
        if isinstance(assigned, list):
            seen: set[str] = set()
            for j, person_id in enumerate(assigned):
                if person_id is None:
                    continue
                if person_id in seen:
                    self.walk.bad(
                        (*path, "assigned", j),
                        f"'{person_id}' is listed twice. List each person once.",
                    )
                    continue
                seen.add(person_id)
                self.person(
                    (*path, "assigned", j), person_id, "licenses can be assigned only to members"
                )
            if total is not None and total >= 1 and len(assigned) > total:
                self.walk.bad(
                    (*path, "assigned"),
                    f"lists {len(assigned)} people, more than total_licenses ({total}). Raise "
                    "total_licenses or remove people from assigned.",
                )
        product, self_service = sub.get("product"), sub.get("self_service")
        if self_service and product is not None and product not in SELF_SERVICE_PRODUCTS:
            self.walk.bad(
                (*path, "product"),
                f"'{product}' can't be bought self-service; the self-service products are "
                f"{', '.join(SELF_SERVICE_PRODUCTS)}. For a subscription bought centrally, "
                "add self_service: false.",
            )
        if self_service is False and sub.get("purchaser") is not None:
            self.walk.bad(
                (*path, "purchaser"),
                "a subscription bought centrally (self_service: false) has no purchaser. "
                "Remove purchaser, or set self_service: true.",
            )
        elif self_service:  # a purchaser left out is signed_in, checked above
            self.person(
                (*path, "purchaser"),
                sub.get("purchaser"),
                "guests can't buy self-service subscriptions",
            )
        purchased, expires = sub.get("purchased"), sub.get("expires")
        if purchased and today and purchased > today:
            self.walk.bad(
                (*path, "purchased"),
                f"{purchased.isoformat()} is after today ({today.isoformat()}). A subscription "
                "is bought on or before today.",
            )
        if purchased and expires and expires <= purchased:
            self.walk.bad(
                (*path, "expires"),
                f"{expires.isoformat()} is not after purchased ({purchased.isoformat()}). "
                "A subscription expires after it is bought, usually a year later.",
            )
        status, cancellation = sub.get("status"), sub.get("cancellation")
        if cancellation and status != Status.CANCELLED:
            self.walk.bad(
                (*path, "cancellation"),
                "only a cancelled subscription has a cancellation. Add status: cancelled, "
                "or remove cancellation.",
            )
        when = cancellation.get("date") if isinstance(cancellation, dict) else None
        if when and today and when > today:
            self.walk.bad(
                (*path, "cancellation", "date"),
                f"{when.isoformat()} is after today ({today.isoformat()}). Use a date on or "
                "before today.",
            )

    def profile(
        self, path: Path, profile: dict[str, Any], today: date | None, numbers: dict[str, Path]
    ) -> None:
        owner = profile.get("owner") or self.data.get("signed_in")
        self.person((*path, "owner"), profile.get("owner"), "guests can't pay here")
        card_id = profile.get("payment_method")
        card = self.cards.get(card_id) if card_id else None
        if card_id and card is None:
            self.walk.bad(
                (*path, "payment_method"),
                f"'{card_id}' is not the id of a card under payment_methods. Use one of "
                f"those ids ({', '.join(self.cards) or 'there are none yet'}), or add the card.",
            )
        elif card is not None and (card.get("owner") or self.data.get("signed_in")) != owner:
            self.walk.bad(
                (*path, "payment_method"),
                f"'{card_id}' belongs to someone else. A billing profile is paid with a card "
                "of its owner: set the card's owner, or choose another card.",
            )
        for j, invoice in enumerate(profile.get("invoices") or []):
            if isinstance(invoice, dict):
                self.invoice((*path, "invoices", j), invoice, today, numbers)

    def invoice(
        self, path: Path, invoice: dict[str, Any], today: date | None, numbers: dict[str, Path]
    ) -> None:
        number = invoice.get("number")
        if number is not None and number in numbers:
            self.walk.bad(
                (*path, "number"),
                f"'{number}' is already the number of {format_path(numbers[number])}. Give "
                "each invoice its own number.",
            )
        elif number is not None:
            numbers[number] = path
        when = invoice.get("date")
        if when and today and when > today:
            self.walk.bad(
                (*path, "date"),
                f"{when.isoformat()} is after today ({today.isoformat()}). Invoices are dated "
                "on or before today.",
            )
        lines = invoice.get("lines")
        if isinstance(lines, list) and not lines:
            self.walk.bad((*path, "lines"), "is empty. Add at least one line.")
        seen: set[str] = set()
        for k, line in enumerate(lines or []):
            if not isinstance(line, dict):
                continue
            sub_id, quantity = line.get("subscription"), line.get("quantity")
            if sub_id is not None and sub_id not in self.subs:
                self.walk.bad(
                    (*path, "lines", k, "subscription"),
                    f"'{sub_id}' is not the id of a subscription under subscriptions. Use one "
                    "of those ids.",
                )
            elif sub_id is not None and sub_id in seen:
                self.walk.bad(
                    (*path, "lines", k, "subscription"),
                    f"'{sub_id}' has two lines on this invoice. Merge them into one.",
                )
            if sub_id is not None:
                seen.add(sub_id)
            if quantity is not None and quantity < 1:
                self.walk.bad(
                    (*path, "lines", k, "quantity"),
                    f"must be at least 1, not {quantity}: a line bills at least one license.",
                )


# From checked data to a Portal.
def build_portal(data: Mapping[str, Any], *, lang: str, cloud: Cloud, source: str) -> Portal:
    """The portal a scenario describes, in the currency of ``lang`` and ``cloud``."""
    normalized, problems = _read(data)
    if problems or normalized is None:
        raise ScenarioError.of(source, problems)
    currency = currency_for(lang, Cloud(cloud))
    me: str = normalized["signed_in"]
    people = tuple(
        Person(id=p["id"], name=p["name"], email=p["email"], kind=PersonKind(p["kind"]))
        for p in normalized["people"]
    )
    subs = tuple(_subscription(s, currency, me) for s in normalized["subscriptions"])
    prices = {s.id: s.price_per_license for s in subs}
    products = {s.id: s.product for s in subs}
    cards = tuple(
        Card(
            id=c["id"],
            brand=c["brand"],
            last4=c["last4"],
            holder=c["name"],
            expiry_month=c["expiry_month"],
            expiry_year=c["expiry_year"],
            address=c["address"],
            owner=c["owner"] or me,
        )
        for c in normalized["payment_methods"]
    )
    profiles = tuple(
        BillingProfile(
            id=b["id"], name=b["name"], owner=b["owner"] or me, payment_method=b["payment_method"]
        )
        for b in normalized["billing_profiles"]
    )
    invoices = [
        Invoice(
            number=i["number"],
            date=i["date"],
            billing_profile=b["id"],
            currency=currency,
            status=InvoiceStatus(i["status"]),
            lines=tuple(
                InvoiceLine(
                    subscription=line["subscription"],
                    product=products[line["subscription"]],
                    quantity=line["quantity"],
                    amount=prices[line["subscription"]] * line["quantity"],
                )
                for line in i["lines"]
            ),
        )
        for b in normalized["billing_profiles"]
        for i in b["invoices"]
    ]
    invoices.sort(key=lambda i: (i.date, i.number), reverse=True)
    return Portal(
        today=normalized["today"],
        subscriptions=subs,
        organization=normalized["organization"],
        signed_in=me,
        role=Role(normalized["role"]),
        currency=currency,
        people=people,
        cards=cards,
        billing_profiles=profiles,
        invoices=tuple(invoices),
    )


def _subscription(s: dict[str, Any], currency: str, me: str) -> Subscription:
    cancellation = s["cancellation"]
    return Subscription(
        id=s["id"],
        product=s["product"],
        total_licenses=s["total_licenses"],
        assigned=tuple(s["assigned"]),
        price_per_license=s["price"][currency],
        currency=currency,
        purchased=s["purchased"],
        expires=s["expires"],
        purchaser=(s["purchaser"] or me) if s["self_service"] else None,
        self_service=s["self_service"],
        status=Status(s["status"]),
        cancellation=Cancellation(
            reason=cancellation["reason"],
            feedback=cancellation["feedback"],
            date=cancellation["date"],
        )
        if cancellation
        else None,
    )


# The packaged scenarios (JSON written by walkthrough.bundle.package_data).
def _packaged() -> pathlib.Path:
    return pathlib.Path(__file__).parent.parent / "_data" / "scenarios"  # simulator/_data


def _close(word: str, candidates: Iterable[str]) -> list[str]:
    """The candidate closest to ``word``, if any is close (for "did you mean")."""
    import difflib  # only on a mistake: importing it costs 40 ms of every boot in Pyodide

    return difflib.get_close_matches(word, list(candidates), n=1)


def scenario_ids() -> tuple[str, ...]:
    """The ids of the packaged scenarios, default first."""
    ids = sorted(
        p.name.removesuffix(".json") for p in _packaged().iterdir() if p.name.endswith(".json")
    )
    return tuple(sorted(ids, key=lambda i: i != "default"))


def load_data(scenario_id: str) -> dict[str, Any]:
    """The parsed data of the packaged scenario ``scenario_id``."""
    if check_id(scenario_id) is not None or scenario_id not in scenario_ids():
        raise LookupError(f"no scenario {scenario_id!r}; the scenarios are {scenario_ids()}")
    data: dict[str, Any] = json.loads((_packaged() / f"{scenario_id}.json").read_text("utf-8"))
    return data


@cache
def load(scenario_id: str, *, lang: str, cloud: Cloud) -> Portal:
    """The packaged scenario ``scenario_id`` for a language and cloud.

    Cached: a Portal is immutable (commands return new ones), and every simulator of a
    page starts from the same few, so a re-mount after instant navigation costs no parsing.
    """
    return build_portal(
        load_data(scenario_id), lang=lang, cloud=cloud, source=f"{scenario_id}.json"
    )


__all__ = [
    "RECORDS",
    "Problem",
    "ScenarioError",
    "build_portal",
    "check",
    "check_id",
    "format_path",
    "load",
    "load_data",
    "scenario_ids",
]
