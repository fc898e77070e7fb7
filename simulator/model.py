"""The portal's data and its rules: plain frozen dataclasses, no I/O, no clock.

Everything the simulator knows about one organization on one day is a :class:`Portal`.
Values never change in place: a verb returns a new value, or raises
:class:`~simulator.errors.Rejected` and leaves everything as it was.

What lives here: the data (people, subscriptions, cards, billing profiles, invoices), the
rules a subscription or a card keeps by itself (:data:`ACCEPTS` is the table of what a
subscription accepts in each status), and the derived values the screens show. What does
not: who may run which command, and looking things up by id; that is
``simulator.handlers``. Rules marked (kit) are this kit's choices, not the real portal's:

- (kit) Total licenses is a whole number from 1 to :data:`MAX_LICENSES` (10,000) for one
  subscription, never below the number of assigned licenses; Buy licenses only raises
  it and Remove licenses only lowers it (:class:`TotalChange`).
- (kit) A card number is at most :data:`MAX_CARD_TYPED` characters as typed, of a brand
  the portal takes, as long as that brand's numbers are (:data:`CARD_LENGTHS`), with a
  right Luhn check digit; a name on card is at most :data:`MAX_CARD_NAME` characters, an
  address :data:`MAX_CARD_ADDRESS`, both counted once :func:`printable` has cleaned them.
- (kit) What a subscription accepts in each status (:data:`ACCEPTS`): the article says
  nothing of it.

A subscription's lifecycle is Microsoft 365's: active, then, once its term ends without
renewal, expired (a grace period: its users keep their licenses), then disabled (its
users lose access), then deleted (gone from the portal, so not a status here). A
subscription the purchaser cancels is cancelled.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache

from . import errors
from .errors import Rejected
from .i18n import N_


class Role(StrEnum):
    """Who is signed in: the purchaser changes their purchases; the admin only reads."""

    PURCHASER = "purchaser"
    ADMIN = "admin"


class Status(StrEnum):
    """Where a subscription is in its lifecycle: active -> expired -> disabled (-> deleted)."""

    ACTIVE = "active"
    EXPIRED = "expired"  # the term has ended: a grace period, its users keep access
    DISABLED = "disabled"  # after the grace period: its users have lost access
    CANCELLED = "cancelled"


#: How the screens name each status (catalog msgids).
STATUS_LABELS: dict[Status, str] = {
    Status.ACTIVE: N_("Active"),
    Status.EXPIRED: N_("Expired"),
    Status.DISABLED: N_("Disabled"),
    Status.CANCELLED: N_("Cancelled"),
}


class PersonKind(StrEnum):
    MEMBER = "member"
    GUEST = "guest"


class InvoiceStatus(StrEnum):
    PAID = "paid"
    DUE = "due"


class ProductFilter(StrEnum):
    """The Products tab's filter (the filter icon's menu)."""

    ALL = "all"
    SELF_SERVICE = "self-service"
    CENTRAL = "central"


class InvoicePeriod(StrEnum):
    """The Invoices tab's period selector; past 3 months is the default."""

    PAST_3_MONTHS = "past_3_months"
    PAST_6_MONTHS = "past_6_months"
    DATE_RANGE = "date_range"


SELF_SERVICE_PRODUCTS = (
    "Power BI Pro",
    "Power Apps per user",
    "Power Automate per user",
    "Project Plan 1",
    "Project Plan 3",
    "Visio Plan 1",
    "Visio Plan 2",
)
MAX_ASSIGN_AT_ONCE = 20
MAX_FEEDBACK = 1000  # (kit)
MAX_LICENSES = 10_000  # (kit) the most licenses one subscription has


class TotalChange(StrEnum):
    """Which way a pane changes Total licenses: Buy licenses raises it, Remove lowers it."""

    BUY = "buy"
    REMOVE = "remove"


#: Reasons offered in the Cancel subscription pane (kit): code -> label msgid.
CANCEL_REASONS: dict[str, str] = {
    "too-expensive": N_("It costs too much"),
    "not-used": N_("We don't use it enough"),
    "switching": N_("We're switching to another product"),
    "bought-by-mistake": N_("I bought it by mistake"),
    "other": N_("Other"),
}

#: What a subscription accepts in each status: the verbs below check this table first.
#: ``buy`` and ``remove`` are a new total above or below the current one.
#: (kit) An expired subscription (its grace period) only gives back: licenses can be
#: removed and unassigned, not bought, assigned or cancelled (it is already ending).
#: (kit) A disabled subscription is frozen, as is a cancelled one: it cannot be resized,
#: assigned or cancelled.
VERBS = frozenset({"buy", "remove", "assign", "unassign", "cancel"})
ACCEPTS: dict[Status, frozenset[str]] = {
    Status.ACTIVE: VERBS,
    Status.EXPIRED: frozenset({"remove", "unassign"}),
    Status.DISABLED: frozenset(),
    Status.CANCELLED: frozenset(),
}

#: Why a subscription in a status refuses a verb (catalog msgids); an active one refuses none.
REFUSALS: dict[Status, str] = {
    Status.EXPIRED: errors.EXPIRED,
    Status.DISABLED: errors.DISABLED,
    Status.CANCELLED: errors.CANCELLED,
}


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    email: str
    kind: PersonKind = PersonKind.MEMBER

    @property
    def is_guest(self) -> bool:
        return self.kind is PersonKind.GUEST


@dataclass(frozen=True)
class Cancellation:
    reason: str  # a key of CANCEL_REASONS
    feedback: str
    date: date


@dataclass(frozen=True)
class Subscription:
    id: str
    product: str
    total_licenses: int
    assigned: tuple[str, ...]  # person ids, in the order they were assigned
    price_per_license: Decimal
    currency: str
    purchased: date
    expires: date
    purchaser: str | None = None  # a person id; None when bought centrally
    self_service: bool = True
    status: Status = Status.ACTIVE
    cancellation: Cancellation | None = None

    @property
    def assigned_count(self) -> int:
        return len(self.assigned)

    @property
    def free_licenses(self) -> int:
        return self.total_licenses - len(self.assigned)

    @property
    def is_cancelled(self) -> bool:
        return self.status is Status.CANCELLED

    @property
    def status_label(self) -> str:
        """The status as the screens name it (a msgid); "" while active, which is not shown."""
        return "" if self.status is Status.ACTIVE else STATUS_LABELS[self.status]

    def accepts(self, verb: str) -> bool:
        """Whether :data:`ACCEPTS` allows ``verb`` in this status."""
        return verb in ACCEPTS[self.status]

    def accepting(self, verb: str) -> None:
        """Refuse ``verb`` unless :data:`ACCEPTS` allows it in this status."""
        if verb not in VERBS:
            raise ValueError(f"{verb!r} is not one of the verbs of ACCEPTS: {sorted(VERBS)}")
        if not self.accepts(verb):
            raise Rejected(REFUSALS[self.status], {"product": self.product})

    def set_total(self, total: int, change: TotalChange | None = None) -> Subscription:
        """Buy more or remove licenses: ``total`` is the new total, not a difference.

        ``change`` is the pane's direction (None: either way). Checks in this order: at
        least 1, at most :data:`MAX_LICENSES`, not the total it has, the pane's direction,
        not below the assigned licenses.
        """
        raising = change is TotalChange.BUY or (change is None and total > self.total_licenses)
        self.accepting("buy" if raising else "remove")
        where = "field.total_licenses"
        if total < 1:
            raise Rejected(errors.TOTAL_BELOW_ONE, {"product": self.product}, field=where)
        if total > MAX_LICENSES:
            raise Rejected(errors.TOTAL_ABOVE_MAX, {"max": MAX_LICENSES}, field=where)
        now = {"product": self.product, "total": self.total_licenses}
        if total == self.total_licenses:
            raise Rejected(errors.TOTAL_UNCHANGED, {**now, **errors.TOTAL_PANES}, field=where)
        if change is TotalChange.BUY and total < self.total_licenses:
            raise Rejected(errors.BUY_LOWERS, {**now, **errors.TOTAL_PANES}, field=where)
        if change is TotalChange.REMOVE and total > self.total_licenses:
            raise Rejected(errors.REMOVE_RAISES, {**now, **errors.TOTAL_PANES}, field=where)
        if total < len(self.assigned):
            raise Rejected(
                errors.TOTAL_BELOW_ASSIGNED,
                {"assigned": len(self.assigned)},
                field="field.total_licenses",
            )
        return replace(self, total_licenses=total)

    def assign(self, people: Iterable[Person]) -> Subscription:
        """Give each of ``people`` a license: members only, each once, at most 20 at a time."""
        self.accepting("assign")
        chosen = tuple(people)
        check_group_size(len(chosen))
        seen: set[str] = set()
        for person in chosen:
            if person.id in seen:
                raise Rejected(errors.CHOSEN_TWICE, {"name": person.name}, field="field.find_user")
            seen.add(person.id)
            if person.is_guest:
                raise Rejected(errors.GUEST, {"name": person.name}, field="field.find_user")
            if person.id in self.assigned:
                raise Rejected(
                    errors.ALREADY_ASSIGNED,
                    {"name": person.name, "product": self.product},
                    field="field.find_user",
                )
        if len(chosen) > self.free_licenses:
            raise Rejected(
                errors.NOT_ENOUGH_FREE,
                {"free": max(self.free_licenses, 0), "count": len(chosen)},
                field="field.find_user",
            )
        return replace(self, assigned=self.assigned + tuple(p.id for p in chosen))

    def unassign(self, people: Iterable[Person]) -> Subscription:
        """Take the license back from each of ``people``."""
        self.accepting("unassign")
        chosen = tuple(people)
        if not chosen:
            raise Rejected(errors.NOBODY_SELECTED)
        seen: set[str] = set()
        for person in chosen:
            if person.id in seen:
                raise Rejected(errors.CHOSEN_TWICE, {"name": person.name})
            seen.add(person.id)
            if person.id not in self.assigned:
                raise Rejected(errors.NOT_ASSIGNED, {"name": person.name, "product": self.product})
        return replace(self, assigned=tuple(p for p in self.assigned if p not in seen))

    def cancel(self, reason: str, feedback: str, today: date) -> Subscription:
        """Cancel: a reason is required, feedback is optional; the result is frozen."""
        self.accepting("cancel")
        if reason not in CANCEL_REASONS:
            raise Rejected(errors.REASON_REQUIRED, field="field.cancel_reason")
        feedback = feedback.strip()
        if len(feedback) > MAX_FEEDBACK:
            raise Rejected(errors.FEEDBACK_TOO_LONG, {"max": MAX_FEEDBACK}, field="field.feedback")
        return replace(
            self,
            status=Status.CANCELLED,
            cancellation=Cancellation(reason=reason, feedback=feedback, date=today),
        )


def check_group_size(count: int) -> None:
    """One assign operation takes 1 to 20 people."""
    if count < 1:
        raise Rejected(errors.NOBODY_CHOSEN, field="field.find_user")
    if count > MAX_ASSIGN_AT_ONCE:
        raise Rejected(
            errors.TOO_MANY_AT_ONCE,
            {"max": MAX_ASSIGN_AT_ONCE, "count": count},
            field="field.find_user",
        )


@dataclass(frozen=True)
class Card:
    """A payment card as the portal keeps it: never the full number nor the security code."""

    id: str
    brand: str
    last4: str
    holder: str
    expiry_month: int
    expiry_year: int
    address: str
    owner: str  # a person id

    def expired(self, today: date) -> bool:
        """A card is good through the last day of its expiry month."""
        return (self.expiry_year, self.expiry_month) < (today.year, today.month)

    @property
    def expiration(self) -> str:
        """MM/YY, as the card and the Expiration date field write it."""
        return f"{self.expiry_month:02d}/{self.expiry_year % 100:02d}"


def card_name(card: Card) -> str:
    """How the portal names a card: its brand and last four digits."""
    return f"{card.brand} \u2022\u2022\u2022\u2022 {card.last4}"


@dataclass(frozen=True)
class BillingProfile:
    id: str
    name: str
    owner: str  # a person id
    payment_method: str  # a card id


@dataclass(frozen=True)
class InvoiceLine:
    subscription: str
    product: str
    quantity: int
    amount: Decimal


@dataclass(frozen=True)
class Invoice:
    number: str
    date: date
    billing_profile: str
    currency: str
    status: InvoiceStatus
    lines: tuple[InvoiceLine, ...]

    @property
    def amount(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal("0.00"))


@dataclass(frozen=True)
class Portal:
    """Everything the simulator knows about one organization on one day."""

    today: date
    subscriptions: tuple[Subscription, ...] = field(default_factory=tuple)
    organization: str = "Contoso"
    signed_in: str = ""  # a person id
    role: Role = Role.PURCHASER
    currency: str = "USD"
    people: tuple[Person, ...] = field(default_factory=tuple)
    cards: tuple[Card, ...] = field(default_factory=tuple)
    billing_profiles: tuple[BillingProfile, ...] = field(default_factory=tuple)
    invoices: tuple[Invoice, ...] = field(default_factory=tuple)  # newest first

    # Look-ups: KeyError for an unknown id (the handlers turn it into a Rejected).
    def subscription(self, subscription_id: str) -> Subscription:
        return _by_id(self.subscriptions, subscription_id)

    def person(self, person_id: str) -> Person:
        return _by_id(self.people, person_id)

    def card(self, card_id: str) -> Card:
        return _by_id(self.cards, card_id)

    def billing_profile(self, profile_id: str) -> BillingProfile:
        return _by_id(self.billing_profiles, profile_id)

    def invoice(self, number: str) -> Invoice:
        for invoice in self.invoices:
            if invoice.number == number:
                return invoice
        raise KeyError(number)

    # What the signed-in person sees.
    @property
    def me(self) -> Person:
        return self.person(self.signed_in)

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    def _mine(self, owner: str | None) -> bool:
        return self.is_admin or owner == self.signed_in

    @property
    def visible_subscriptions(self) -> tuple[Subscription, ...]:
        """The purchaser's own purchases; for the admin, every subscription."""
        return tuple(s for s in self.subscriptions if self._mine(s.purchaser))

    def products(self, shown: ProductFilter = ProductFilter.ALL) -> tuple[Subscription, ...]:
        """The Products tab's rows under its filter."""
        rows = self.visible_subscriptions
        if shown is ProductFilter.SELF_SERVICE:
            return tuple(s for s in rows if s.self_service)
        if shown is ProductFilter.CENTRAL:
            return tuple(s for s in rows if not s.self_service)
        return rows

    @property
    def members(self) -> tuple[Person, ...]:
        return tuple(p for p in self.people if not p.is_guest)

    @property
    def guests(self) -> tuple[Person, ...]:
        return tuple(p for p in self.people if p.is_guest)

    @property
    def payment_methods(self) -> tuple[Card, ...]:
        """The Payment methods tab: the signed-in person's cards (every card, for the admin)."""
        return tuple(c for c in self.cards if self._mine(c.owner))

    @property
    def visible_billing_profiles(self) -> tuple[BillingProfile, ...]:
        return tuple(b for b in self.billing_profiles if self._mine(b.owner))

    def invoices_between(self, start: date, end: date) -> tuple[Invoice, ...]:
        """Visible invoices dated from ``start`` to ``end``, both included; newest first."""
        profiles = {b.id for b in self.visible_billing_profiles}
        return tuple(
            i for i in self.invoices if i.billing_profile in profiles and start <= i.date <= end
        )

    def people_matching(self, text: str) -> tuple[Person, ...]:
        """Everyone, members and guests, whose name or email ``text`` matches as type-ahead
        matches (:meth:`find_people`), unfiltered: what the Assign search says "nobody is
        offered" from. Sorted by name."""
        words = _fold(text).split()
        if not words:
            return ()
        found = [p for p in self.people if all(_starts_a_word(w, p) for w in words)]
        found.sort(key=lambda p: (_fold(p.name), p.email))
        return tuple(found)

    def find_people(
        self, text: str, *, exclude: Iterable[str] = (), limit: int = 10
    ) -> tuple[Person, ...]:
        """Type-ahead over the organization's members (guests are never offered, kit).

        Every word typed must begin a word of the person's name or email, ignoring case
        and accents ("sor" finds Søren); ``exclude`` is person ids to leave out.
        """
        left_out = set(exclude)
        found = [p for p in self.people_matching(text) if not p.is_guest and p.id not in left_out]
        return tuple(found[: max(limit, 0)])

    # Verbs on the whole portal: a new Portal with one thing replaced.
    def with_subscription(self, sub: Subscription) -> Portal:
        subs = tuple(sub if s.id == sub.id else s for s in self.subscriptions)
        return replace(self, subscriptions=subs)

    def with_card(self, card: Card) -> Portal:
        if any(c.id == card.id for c in self.cards):
            return replace(self, cards=tuple(card if c.id == card.id else c for c in self.cards))
        return replace(self, cards=(*self.cards, card))

    def with_billing_profile(self, profile: BillingProfile) -> Portal:
        profiles = tuple(profile if b.id == profile.id else b for b in self.billing_profiles)
        return replace(self, billing_profiles=profiles)

    def next_card_id(self) -> str:
        taken = {c.id for c in self.cards}
        n = len(self.cards) + 1
        while f"card-{n}" in taken:
            n += 1
        return f"card-{n}"


def _by_id[T: (Person, Subscription, Card, BillingProfile)](items: tuple[T, ...], key: str) -> T:
    for item in items:
        if item.id == key:
            return item
    raise KeyError(key)


_FOLD = str.maketrans({"ø": "o", "æ": "ae", "å": "a", "ß": "ss", "ł": "l", "đ": "d"})


def _fold(text: str) -> str:
    """Lower case without accents: what type-ahead compares."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=4096)
def _searchable(person: Person) -> tuple[str, str]:
    """The folded email, and the folded words of the name and email each after a space
    (type-ahead's index: " jakob sorensen jakob sorensen contoso com")."""
    email = _fold(person.email)
    return email, "".join(f" {w}" for w in _WORD.findall(_fold(person.name)) + _WORD.findall(email))


def _starts_a_word(word: str, person: Person) -> bool:
    """``word`` begins a word of the name or of the email, or the email itself. (A typed
    word has no blank, so " word" found in the index is the start of one of its words.)"""
    email, words = _searchable(person)
    return email.startswith(word) or f" {word}" in words


# Cards (kit): the checks of domain-facts.md, each with its own message and field.
_EXPIRATION = re.compile(r"^\s*(\d{1,2})\s*/\s*(\d{2}|\d{4})\s*$")


#: (kit) How many digits a card number of each brand the portal takes has (what the
#: networks issue; illustrative, not exhaustive). The brands are :func:`card_brand`'s.
CARD_LENGTHS: dict[str, frozenset[int]] = {
    "Visa": frozenset({13, 16, 19}),
    "Mastercard": frozenset({16}),
    "American Express": frozenset({15}),
    "Discover": frozenset({16, 19}),
    "JCB": frozenset({16, 17, 18, 19}),
    "UnionPay": frozenset({16, 17, 18, 19}),
}
MAX_CARD_TYPED = 23  # (kit) 19 digits and 4 spaces between groups
MAX_CARD_NAME = 100  # (kit)
MAX_CARD_ADDRESS = 200  # (kit)


def card_brand(digits: str) -> str:
    """The card network from the number's first digits (illustrative, not exhaustive);
    "Card" for a number of no brand the portal takes (:data:`CARD_LENGTHS`)."""
    if digits.startswith("4"):
        return "Visa"
    if digits[:2] in {"34", "37"}:
        return "American Express"
    if digits[:2] in {"51", "52", "53", "54", "55"} or "2221" <= digits[:4] <= "2720":
        return "Mastercard"
    if digits.startswith("62"):
        return "UnionPay"
    if digits.startswith(("6011", "65")):
        return "Discover"
    if "3528" <= digits[:4] <= "3589":
        return "JCB"
    return "Card"


def luhn_ok(digits: str) -> bool:
    if not digits.isascii() or not digits.isdigit() or not 12 <= len(digits) <= 19:
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


#: Bidirectional controls (embeddings, overrides, isolates, marks): invisible, they can
#: make a name read backwards, and nothing printable is made of them.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


def printable(text: str) -> str:
    """``text`` as a person can read it: control characters (NUL among them), unpaired
    surrogates and bidi controls removed, runs of blanks (line breaks, tabs) made one
    space, no blank at either end. "" when nothing printable is left."""
    kept = []
    for ch in text:
        if ch.isspace():
            kept.append(" ")
        elif ch not in _BIDI and unicodedata.category(ch) not in ("Cc", "Cs"):
            kept.append(ch)
    return " ".join("".join(kept).split())


def _printable_field(text: str, required: str, too_long: str, limit: int, field: str) -> str:
    cleaned = printable(text)
    if not cleaned:
        raise Rejected(required, field=field)
    if len(cleaned) > limit:
        raise Rejected(too_long, {"max": limit}, field=field)
    return cleaned


def check_holder(holder: str) -> str:
    """The name on card, printable (:func:`printable`) and at most :data:`MAX_CARD_NAME`."""
    return _printable_field(
        holder,
        errors.CARD_NAME_REQUIRED,
        errors.CARD_NAME_TOO_LONG,
        MAX_CARD_NAME,
        "field.name_on_card",
    )


def check_number(number: str) -> str:
    """The digits of a valid card number (spaces and hyphens between groups are fine).

    Checks in order: at most :data:`MAX_CARD_TYPED` characters as typed, digits and
    separators only, a brand the portal takes, a length that brand has, the Luhn digit.
    """
    where = "field.card_number"
    if len(number) > MAX_CARD_TYPED:
        raise Rejected(errors.CARD_NUMBER_TOO_LONG, {"max": MAX_CARD_TYPED}, field=where)
    digits = re.sub(r"[ -]", "", number)
    if not (digits.isascii() and digits.isdigit()):
        raise Rejected(errors.CARD_NUMBER_INVALID, field=where)
    brand = card_brand(digits)
    if brand not in CARD_LENGTHS:
        raise Rejected(errors.CARD_BRAND_UNKNOWN, {"brands": ", ".join(CARD_LENGTHS)}, field=where)
    if len(digits) not in CARD_LENGTHS[brand]:
        raise Rejected(
            errors.CARD_LENGTH_WRONG, {"brand": brand, "count": len(digits)}, field=where
        )
    if not luhn_ok(digits):
        raise Rejected(errors.CARD_NUMBER_INVALID, field=where)
    return digits


def check_expiration(expiration: str, today: date) -> tuple[int, int]:
    """``MM/YY`` (or ``MM/YYYY``) not before this month -> (month, year)."""
    match = _EXPIRATION.match(expiration)
    if not match or not 1 <= int(match.group(1)) <= 12:
        raise Rejected(errors.CARD_EXPIRATION_FORMAT, field="field.expiration")
    month, year = int(match.group(1)), int(match.group(2))
    if year < 100:
        year += 2000
    if (year, month) < (today.year, today.month):
        raise Rejected(
            errors.CARD_EXPIRED, {"expiration": expiration.strip()}, field="field.expiration"
        )
    return month, year


def check_security_code(code: str) -> None:
    code = code.strip()
    if not (code.isascii() and code.isdigit() and len(code) in (3, 4)):
        raise Rejected(errors.CARD_SECURITY_CODE, field="field.security_code")


def check_address(address: str) -> str:
    """The billing address, printable and at most :data:`MAX_CARD_ADDRESS` characters."""
    return _printable_field(
        address,
        errors.CARD_ADDRESS_REQUIRED,
        errors.CARD_ADDRESS_TOO_LONG,
        MAX_CARD_ADDRESS,
        "field.address",
    )
