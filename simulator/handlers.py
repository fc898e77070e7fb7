"""Commands in, a new portal out: one plain function per command, found in one table.

``handle(portal, command)`` returns the new :class:`~simulator.model.Portal` or raises
:class:`~simulator.errors.Rejected`; the portal passed in is immutable, so a refused
command changes nothing. ``ask(portal, query)`` answers a query with plain data.

Checks run in a fixed order, so a command with several problems gets the first one:
the role (:data:`MAY_CHANGE`), then what the command names (unknown id, someone else's),
then the model's own rules (status, counts, card fields). Handlers never trust a field's
type: the screens and the step checker send what a person typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from . import errors
from .commands import (
    AddPaymentMethod,
    AssignLicenses,
    CancelSubscription,
    Command,
    EditPaymentMethod,
    FindPeople,
    ListInvoices,
    ListProducts,
    Query,
    ReplacePaymentMethod,
    SetTotalLicenses,
    UnassignLicenses,
)
from .errors import Rejected
from .i18n import read_whole
from .model import (
    BillingProfile,
    Card,
    InvoicePeriod,
    Person,
    Portal,
    ProductFilter,
    Role,
    Subscription,
    card_brand,
    check_address,
    check_expiration,
    check_group_size,
    check_holder,
    check_number,
    check_security_code,
)

#: Which roles may run commands: the admin has a read-only view of everything.
MAY_CHANGE: dict[Role, bool] = {Role.PURCHASER: True, Role.ADMIN: False}


def handle(portal: Portal, command: Command) -> Portal:
    """Run ``command`` on ``portal``: the new portal, or :class:`Rejected`."""
    handler = HANDLERS.get(type(command))
    if handler is None:
        raise TypeError(f"{command!r} is not a portal command; commands are {list(HANDLERS)}")
    if not MAY_CHANGE[portal.role]:
        raise Rejected(errors.READ_ONLY)
    return handler(portal, command)


# Look-ups that turn an unknown id or someone else's thing into a Rejected.
def _own_subscription(portal: Portal, subscription_id: object) -> Subscription:
    try:
        sub = portal.subscription(str(subscription_id))
    except KeyError:
        raise Rejected(errors.NO_SUCH_SUBSCRIPTION, {"subscription": subscription_id}) from None
    if not sub.self_service or sub.purchaser != portal.signed_in:
        raise Rejected(errors.NOT_YOUR_SUBSCRIPTION, {"product": sub.product})
    return sub


def _own_card(portal: Portal, card_id: object) -> Card:
    try:
        card = portal.card(str(card_id))
    except KeyError:
        raise Rejected(errors.NO_SUCH_PAYMENT_METHOD, {"payment_method": card_id}) from None
    if card.owner != portal.signed_in:
        raise Rejected(errors.NOT_YOUR_BILLING, {"name": f"{card.brand} •••• {card.last4}"})
    return card


def _own_profile(portal: Portal, profile_id: object) -> BillingProfile:
    try:
        profile = portal.billing_profile(str(profile_id))
    except KeyError:
        raise Rejected(errors.NO_SUCH_BILLING_PROFILE, {"billing_profile": profile_id}) from None
    if profile.owner != portal.signed_in:
        raise Rejected(errors.NOT_YOUR_BILLING, {"name": profile.name})
    return profile


def _people(portal: Portal, ids: tuple[str, ...]) -> list[Person]:
    people = []
    for person_id in ids:
        try:
            people.append(portal.person(person_id))
        except KeyError:
            raise Rejected(
                errors.NOT_IN_ORGANIZATION, {"person": person_id}, field="field.find_user"
            ) from None
    return people


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


# The handlers.
def set_total_licenses(portal: Portal, cmd: SetTotalLicenses) -> Portal:
    sub = _own_subscription(portal, cmd.subscription)
    total = _whole_number(cmd.total)
    if total is None:
        sub.accepting("remove" if sub.accepts("remove") else "buy")
        raise Rejected(errors.TOTAL_NOT_A_NUMBER, field="field.total_licenses")
    return portal.with_subscription(sub.set_total(total, cmd.change))


def _whole_number(value: object) -> int | None:
    """An int, or the text of one as typed (``i18n.read_whole``: "105", " 1 05 ", "-1");
    None for anything else. (The screens read the page's grouping separator before.)"""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        return read_whole(value)
    return None


def assign_licenses(portal: Portal, cmd: AssignLicenses) -> Portal:
    sub = _own_subscription(portal, cmd.subscription)
    sub.accepting("assign")
    check_group_size(len(cmd.people))
    return portal.with_subscription(sub.assign(_people(portal, cmd.people)))


def unassign_licenses(portal: Portal, cmd: UnassignLicenses) -> Portal:
    sub = _own_subscription(portal, cmd.subscription)
    sub.accepting("unassign")
    people = []
    for person_id in cmd.people:
        try:
            people.append(portal.person(person_id))
        except KeyError:
            people.append(Person(id=person_id, name=person_id, email=""))
    return portal.with_subscription(sub.unassign(people))


def cancel_subscription(portal: Portal, cmd: CancelSubscription) -> Portal:
    sub = _own_subscription(portal, cmd.subscription)
    return portal.with_subscription(
        sub.cancel(_text(cmd.reason), _text(cmd.feedback), portal.today)
    )


def _new_card(
    portal: Portal, number: object, name: object, expiration: object, code: object, address: object
) -> Card:
    """A card from a form (checks in the form's order); keeps the last 4 digits only."""
    holder = check_holder(_text(name))
    digits = check_number(_text(number))
    month, year = check_expiration(_text(expiration), portal.today)
    check_security_code(_text(code))
    where = check_address(_text(address))
    return Card(
        id=portal.next_card_id(),
        brand=card_brand(digits),
        last4=digits[-4:],
        holder=holder,
        expiry_month=month,
        expiry_year=year,
        address=where,
        owner=portal.signed_in,
    )


def edit_payment_method(portal: Portal, cmd: EditPaymentMethod) -> Portal:
    card = _own_card(portal, cmd.payment_method)
    holder = check_holder(_text(cmd.name))
    month, year = check_expiration(_text(cmd.expiration), portal.today)
    check_security_code(_text(cmd.security_code))
    where = check_address(_text(cmd.address))
    edited = replace(card, holder=holder, expiry_month=month, expiry_year=year, address=where)
    return portal.with_card(edited)


def add_payment_method(portal: Portal, cmd: AddPaymentMethod) -> Portal:
    card = _new_card(portal, cmd.number, cmd.name, cmd.expiration, cmd.security_code, cmd.address)
    return portal.with_card(card)


def replace_payment_method(portal: Portal, cmd: ReplacePaymentMethod) -> Portal:
    profile = _own_profile(portal, cmd.billing_profile)
    card = _new_card(portal, cmd.number, cmd.name, cmd.expiration, cmd.security_code, cmd.address)
    return portal.with_card(card).with_billing_profile(replace(profile, payment_method=card.id))


HANDLERS: dict[type[Any], Callable[[Portal, Any], Portal]] = {
    SetTotalLicenses: set_total_licenses,
    AssignLicenses: assign_licenses,
    UnassignLicenses: unassign_licenses,
    CancelSubscription: cancel_subscription,
    EditPaymentMethod: edit_payment_method,
    AddPaymentMethod: add_payment_method,
    ReplacePaymentMethod: replace_payment_method,
}


# Queries: plain data out; a bad period or date range is a Rejected too.
def ask(portal: Portal, query: Query) -> tuple[Any, ...]:
    """Answer ``query`` on ``portal`` (any role may ask)."""
    answer = QUERIES.get(type(query))
    if answer is None:
        raise TypeError(f"{query!r} is not a portal query; queries are {list(QUERIES)}")
    return answer(portal, query)


def list_products(portal: Portal, query: ListProducts) -> tuple[Subscription, ...]:
    try:
        shown = ProductFilter(query.filter)
    except ValueError:
        shown = ProductFilter.ALL
    return portal.products(shown)


def find_people(portal: Portal, query: FindPeople) -> tuple[Person, ...]:
    exclude: tuple[str, ...] = ()
    if query.subscription is not None:
        try:
            exclude = portal.subscription(str(query.subscription)).assigned
        except KeyError:
            raise Rejected(
                errors.NO_SUCH_SUBSCRIPTION, {"subscription": query.subscription}
            ) from None
    limit = query.limit if isinstance(query.limit, int) else 10
    return portal.find_people(_text(query.text), exclude=exclude, limit=limit)


def list_invoices(portal: Portal, query: ListInvoices) -> tuple[Any, ...]:
    start, end = invoice_period(portal.today, query.period, query.start, query.end)
    return portal.invoices_between(start, end)


def invoice_period(
    today: date, period: object, start: object = None, end: object = None
) -> tuple[date, date]:
    """The first and last day a period covers, both included.

    "Past N months" covers the days after the same day N months ago, up to today: with
    monthly invoices on a fixed day, past 3 months shows 3 of them and past 6 shows 6.
    """
    try:
        chosen = InvoicePeriod(str(period))
    except ValueError:
        raise Rejected(errors.PERIOD_UNKNOWN, field="control.period") from None
    if chosen is InvoicePeriod.PAST_3_MONTHS:
        return months_before(today, 3) + _ONE_DAY, today
    if chosen is InvoicePeriod.PAST_6_MONTHS:
        return months_before(today, 6) + _ONE_DAY, today
    example = {"example": months_before(today, 1).isoformat()}
    first = _date(start)
    if first is None:
        raise Rejected(errors.START_DATE_INVALID, example, field="field.start_date")
    last = _date(end)
    if last is None:
        raise Rejected(errors.END_DATE_INVALID, example, field="field.end_date")
    if first > last:
        raise Rejected(
            errors.RANGE_REVERSED, {"start": first, "end": last}, field="field.start_date"
        )
    return first, last


_ONE_DAY = timedelta(days=1)


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (clamped to the month's last day)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    following = date(year + month // 12, month % 12 + 1, 1)  # `calendar` costs 30 ms in Pyodide
    return date(year, month, min(day.day, (following - _ONE_DAY).day))


def _date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


QUERIES: dict[type[Any], Callable[[Portal, Any], tuple[Any, ...]]] = {
    ListProducts: list_products,
    FindPeople: find_people,
    ListInvoices: list_invoices,
}
