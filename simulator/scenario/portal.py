"""From checked data to a :class:`~simulator.model.Portal`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..markets import Cloud, currency_for
from ..model import (
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
from .checks import checked
from .problems import ScenarioError


def normalize(data: object, *, source: str) -> dict[str, Any]:
    """``data`` checked, with every field written out (defaults filled in, dates and amounts
    read); ScenarioError, naming ``source``, when it has problems."""
    normalized, problems = checked(data)
    if problems or normalized is None:
        raise ScenarioError.of(source, problems)
    return normalized


def build_portal(data: Mapping[str, Any], *, lang: str, cloud: Cloud, source: str) -> Portal:
    """The portal a scenario describes, in the currency of ``lang`` and ``cloud``."""
    normalized = normalize(data, source=source)
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
