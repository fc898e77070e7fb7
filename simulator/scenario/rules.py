"""The rules between fields: ids that exist, counts that fit, dates in order.

They run on the walk's normalized data (a field whose value was bad is None and is left
alone here) and report through the walk, so one check lists every problem.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..model import SELF_SERVICE_PRODUCTS, PersonKind, Status
from .problems import FieldPath, format_path
from .walk import Walk


class Rules:
    """What must hold between fields: ids that exist, counts that fit, dates in order."""

    def __init__(self, data: dict[str, Any], walk: Walk) -> None:
        self.data, self.walk = data, walk
        self.people: dict[str, dict[str, Any]] = {}
        self.subs: dict[str, dict[str, Any]] = {}
        self.cards: dict[str, dict[str, Any]] = {}

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
                self.walk.bad(
                    (*path, i, field),
                    f"'{value}' is already the {field} of {format_path((*path, seen[folded]))}. "
                    f"Give each {what} its own {field}.",
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
        numbers: dict[str, FieldPath] = {}
        for i, profile in profiles:
            self.profile(("billing_profiles", i), profile, today, numbers)

    def subscription(self, path: FieldPath, sub: dict[str, Any], today: date | None) -> None:
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
        if status in (Status.EXPIRED, Status.DISABLED) and expires and today and expires > today:
            self.walk.bad(
                (*path, "status"),
                f"is {status}, but the subscription expires on {expires.isoformat()}, after "
                f"today ({today.isoformat()}). A subscription is {status} only once its term "
                "has ended: set expires on or before today, or status: active.",
            )
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
        self,
        path: FieldPath,
        profile: dict[str, Any],
        today: date | None,
        numbers: dict[str, FieldPath],
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
        self,
        path: FieldPath,
        invoice: dict[str, Any],
        today: date | None,
        numbers: dict[str, FieldPath],
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
