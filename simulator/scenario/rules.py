"""The rules between fields: ids that exist, counts that fit, dates in order.

They run on the walk's normalized data (a field whose value was bad is None and is left
alone here) and report through the walk, so one check lists every problem.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..i18n import N_
from ..model import MAX_LICENSES, SELF_SERVICE_PRODUCTS, PersonKind, Status
from .problems import FieldPath, format_path
from .walk import Walk

# Who can't be a guest, by the field that names them (catalog msgids).
GUEST_SIGNED_IN = N_("'%(id)s' is a guest, and guests can't be signed in here. Choose a member.")
GUEST_PAYS = N_("'%(id)s' is a guest, and guests can't pay here. Choose a member.")
GUEST_ASSIGNED = N_(
    "'%(id)s' is a guest, and licenses can be assigned only to members. Choose a member."
)
GUEST_BUYS = N_(
    "'%(id)s' is a guest, and guests can't buy self-service subscriptions. Choose a member."
)


class Rules:
    """What must hold between fields: ids that exist, counts that fit, dates in order."""

    def __init__(self, data: dict[str, Any], walk: Walk) -> None:
        self.data, self.walk = data, walk
        self.people: dict[str, dict[str, Any]] = {}
        self.subs: dict[str, dict[str, Any]] = {}
        self.cards: dict[str, dict[str, Any]] = {}

    def bad(self, path: FieldPath, msgid: str, **values: object) -> None:
        """A problem at ``path``: the catalog's ``msgid`` with ``values`` (shown in English
        here, in the reader's language by :meth:`Problem.text`)."""
        self.walk.bad(path, msgid, {name: str(value) for name, value in values.items()})

    def items(self, key: str) -> list[tuple[int, dict[str, Any]]]:
        return [(i, x) for i, x in enumerate(self.data.get(key) or []) if isinstance(x, dict)]

    def unique(
        self, field: str, path: FieldPath, items: list[tuple[int, dict[str, Any]]], what: str
    ) -> dict[str, dict[str, Any]]:
        seen: dict[str, int] = {}
        out: dict[str, dict[str, Any]] = {}
        for i, item in items:
            value = item.get(field)
            if value is None:
                continue
            folded = value.casefold() if field == "email" else value
            if folded in seen:
                self.bad(
                    (*path, i, field),
                    N_(
                        "'%(value)s' is already the %(field)s of %(other)s. Give each %(what)s "
                        "its own %(field)s."
                    ),
                    value=value,
                    field=field,
                    other=format_path((*path, seen[folded])),
                    what=what,
                )
                continue
            seen[folded] = i
            out[value] = item
        return out

    def person(self, path: FieldPath, person_id: str | None, role: str) -> dict[str, Any] | None:
        """The person ``person_id`` must exist and, for every ``role`` here, be a member."""
        if person_id is None:
            return None
        person = self.people.get(person_id)
        if person is None:
            self.bad(
                path,
                N_(
                    "'%(id)s' is not the id of anyone under people. Use the id of a person listed"
                    " there, or add that person to people."
                ),
                id=person_id,
            )
            return None
        if person.get("kind") == PersonKind.GUEST:
            self.bad(path, role, id=person_id)
        return person

    def run(self) -> None:
        data = self.data
        today: date | None = data.get("today")
        self.people = self.unique("id", ("people",), self.items("people"), "person")
        self.unique("email", ("people",), self.items("people"), "person")
        self.person(("signed_in",), data.get("signed_in"), GUEST_SIGNED_IN)
        subs = self.items("subscriptions")
        self.subs = self.unique("id", ("subscriptions",), subs, "subscription")
        for i, sub in subs:
            self.subscription(("subscriptions", i), sub, today)
        cards = self.items("payment_methods")
        self.cards = self.unique("id", ("payment_methods",), cards, "card")
        for i, card in cards:  # an owner left out is signed_in, checked above
            self.person(("payment_methods", i, "owner"), card.get("owner"), GUEST_PAYS)
        profiles = self.items("billing_profiles")
        self.unique("id", ("billing_profiles",), profiles, "billing profile")
        numbers: dict[str, FieldPath] = {}
        for i, profile in profiles:
            self.profile(("billing_profiles", i), profile, today, numbers)

    def subscription(self, path: FieldPath, sub: dict[str, Any], today: date | None) -> None:
        total, assigned = sub.get("total_licenses"), sub.get("assigned")
        if total is not None and total < 1:
            self.bad(
                (*path, "total_licenses"),
                N_(
                    "must be at least 1, not %(total)s: a subscription has at least one license. "
                    "To show a subscription that has ended, keep its total and set status: "
                    "cancelled."
                ),
                total=total,
            )
        if total is not None and total > MAX_LICENSES:
            self.walk.bad(
                (*path, "total_licenses"),
                f"must be at most {MAX_LICENSES}, not {total}: the kit's portal sells at most "
                f"{MAX_LICENSES} licenses of one subscription. Lower total_licenses.",
            )
        if isinstance(assigned, list):
            seen: set[str] = set()
            for j, person_id in enumerate(assigned):
                if person_id is None:
                    continue
                if person_id in seen:
                    self.bad(
                        (*path, "assigned", j),
                        N_("'%(id)s' is listed twice. List each person once."),
                        id=person_id,
                    )
                    continue
                seen.add(person_id)
                self.person((*path, "assigned", j), person_id, GUEST_ASSIGNED)
            if total is not None and total >= 1 and len(assigned) > total:
                self.bad(
                    (*path, "assigned"),
                    N_(
                        "lists %(count)s people, more than total_licenses (%(total)s). Raise "
                        "total_licenses or remove people from assigned."
                    ),
                    count=len(assigned),
                    total=total,
                )
        product, self_service = sub.get("product"), sub.get("self_service")
        if self_service and product is not None and product not in SELF_SERVICE_PRODUCTS:
            self.bad(
                (*path, "product"),
                N_(
                    "'%(product)s' can't be bought self-service; the self-service products are "
                    "%(products)s. For a subscription bought centrally, add self_service: false."
                ),
                product=product,
                products=", ".join(SELF_SERVICE_PRODUCTS),
            )
        if self_service is False and sub.get("purchaser") is not None:
            self.bad(
                (*path, "purchaser"),
                N_(
                    "a subscription bought centrally (self_service: false) has no purchaser. "
                    "Remove purchaser, or set self_service: true."
                ),
            )
        elif self_service:  # a purchaser left out is signed_in, checked above
            self.person(
                (*path, "purchaser"),
                sub.get("purchaser"),
                GUEST_BUYS,
            )
        purchased, expires = sub.get("purchased"), sub.get("expires")
        if purchased and today and purchased > today:
            self.bad(
                (*path, "purchased"),
                N_(
                    "%(date)s is after today (%(today)s). A subscription is bought on or before "
                    "today."
                ),
                date=purchased.isoformat(),
                today=today.isoformat(),
            )
        if purchased and expires and expires <= purchased:
            self.bad(
                (*path, "expires"),
                N_(
                    "%(date)s is not after purchased (%(purchased)s). A subscription expires "
                    "after it is bought, usually a year later."
                ),
                date=expires.isoformat(),
                purchased=purchased.isoformat(),
            )
        status, cancellation = sub.get("status"), sub.get("cancellation")
        if status in (Status.EXPIRED, Status.DISABLED) and expires and today and expires > today:
            self.bad(
                (*path, "status"),
                N_(
                    "is %(status)s, but the subscription expires on %(date)s, after today "
                    "(%(today)s). A subscription is %(status)s only once its term has ended: set "
                    "expires on or before today, or status: active."
                ),
                status=status,
                date=expires.isoformat(),
                today=today.isoformat(),
            )
        if cancellation and status != Status.CANCELLED:
            self.bad(
                (*path, "cancellation"),
                N_(
                    "only a cancelled subscription has a cancellation. Add status: cancelled, or "
                    "remove cancellation."
                ),
            )
        when = cancellation.get("date") if isinstance(cancellation, dict) else None
        if when and today and when > today:
            self.bad(
                (*path, "cancellation", "date"),
                N_("%(date)s is after today (%(today)s). Use a date on or before today."),
                date=when.isoformat(),
                today=today.isoformat(),
            )

    def profile(
        self,
        path: FieldPath,
        profile: dict[str, Any],
        today: date | None,
        numbers: dict[str, FieldPath],
    ) -> None:
        owner = profile.get("owner") or self.data.get("signed_in")
        self.person((*path, "owner"), profile.get("owner"), GUEST_PAYS)
        card_id = profile.get("payment_method")
        card = self.cards.get(card_id) if card_id else None
        if card_id and card is None:
            if self.cards:
                self.bad(
                    (*path, "payment_method"),
                    N_(
                        "'%(id)s' is not the id of a card under payment_methods. Use one of those"
                        " ids (%(ids)s), or add the card."
                    ),
                    id=card_id,
                    ids=", ".join(self.cards),
                )
            else:
                self.bad(
                    (*path, "payment_method"),
                    N_(
                        "'%(id)s' is not the id of a card under payment_methods, which lists none"
                        " yet. Add the card there."
                    ),
                    id=card_id,
                )
        elif card is not None and (card.get("owner") or self.data.get("signed_in")) != owner:
            self.bad(
                (*path, "payment_method"),
                N_(
                    "'%(id)s' belongs to someone else. A billing profile is paid with a card of "
                    "its owner: set the card's owner, or choose another card."
                ),
                id=card_id,
            )
        for j, invoice in enumerate(profile.get("invoices") or []):
            if isinstance(invoice, dict):
                self.invoice((*path, "invoices", j), invoice, today, numbers)

    def invoice(
        self,
        path: FieldPath,
        invoice: dict[str, Any],
        today: date | None,
        numbers: dict[str, FieldPath],
    ) -> None:
        number = invoice.get("number")
        if number is not None and number in numbers:
            self.bad(
                (*path, "number"),
                N_(
                    "'%(number)s' is already the number of %(other)s. Give each invoice its own "
                    "number."
                ),
                number=number,
                other=format_path(numbers[number]),
            )
        elif number is not None:
            numbers[number] = path
        when = invoice.get("date")
        if when and today and when > today:
            self.bad(
                (*path, "date"),
                N_("%(date)s is after today (%(today)s). Invoices are dated on or before today."),
                date=when.isoformat(),
                today=today.isoformat(),
            )
        lines = invoice.get("lines")
        if isinstance(lines, list) and not lines:
            self.bad((*path, "lines"), N_("is empty. Add at least one line."))
        seen: set[str] = set()
        for k, line in enumerate(lines or []):
            if not isinstance(line, dict):
                continue
            sub_id, quantity = line.get("subscription"), line.get("quantity")
            if sub_id is not None and sub_id not in self.subs:
                self.bad(
                    (*path, "lines", k, "subscription"),
                    N_(
                        "'%(id)s' is not the id of a subscription under subscriptions. Use one of"
                        " those ids."
                    ),
                    id=sub_id,
                )
            elif sub_id is not None and sub_id in seen:
                self.bad(
                    (*path, "lines", k, "subscription"),
                    N_("'%(id)s' has two lines on this invoice. Merge them into one."),
                    id=sub_id,
                )
            if sub_id is not None:
                seen.add(sub_id)
            if quantity is not None and quantity < 1:
                self.bad(
                    (*path, "lines", k, "quantity"),
                    N_("must be at least 1, not %(quantity)s: a line bills at least one license."),
                    quantity=quantity,
                )
