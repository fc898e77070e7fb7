"""Each command and each rule through ``handle``: the new state, or the message id and values.

A refused command must leave the portal as it was: ``refused`` checks that every time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from simulator import errors
from simulator.commands import (
    AddPaymentMethod,
    AssignLicenses,
    CancelSubscription,
    Command,
    EditPaymentMethod,
    ReplacePaymentMethod,
    SetTotalLicenses,
    UnassignLicenses,
)
from simulator.controls import CONTROLS
from simulator.errors import Rejected
from simulator.handlers import HANDLERS, handle
from simulator.i18n import Formats, read_whole
from simulator.markets import CODES
from simulator.model import (
    CARD_LENGTHS,
    MAX_FEEDBACK,
    MAX_LICENSES,
    Portal,
    Role,
    Status,
    TotalChange,
)

VALID_CARD: dict[str, str] = {
    "number": "4111 1111 1111 1111",
    "name": "Mette Larsen",
    "expiration": "08/29",
    "security_code": "123",
    "address": "Strandvejen 12, 2900 Hellerup",
}


def refused(portal: Portal, command: Command) -> Rejected:
    """The Rejected ``command`` raises; the portal must be unchanged."""
    before = (portal.subscriptions, portal.cards, portal.billing_profiles, portal.invoices)
    with pytest.raises(Rejected) as info:
        handle(portal, command)
    assert (portal.subscriptions, portal.cards, portal.billing_profiles, portal.invoices) == before
    return info.value


def free_members(portal: Portal, sub_id: str, n: int) -> tuple[str, ...]:
    taken = set(portal.subscription(sub_id).assigned)
    return tuple(p.id for p in portal.members if p.id not in taken)[:n]


# Role and ownership: checked before anything else.
ALL_COMMANDS: list[Command] = [
    SetTotalLicenses("powerbi-pro", 105),
    AssignLicenses("power-automate", ("jonas-berg",)),
    UnassignLicenses("powerbi-pro", ("mette-larsen",)),
    CancelSubscription("power-automate", "not-used"),
    EditPaymentMethod("card-1", "Mette Larsen", "08/29", "123", "Street 1"),
    AddPaymentMethod(**VALID_CARD),
    ReplacePaymentMethod("profile-1", **VALID_CARD),
]


def test_every_command_has_a_handler() -> None:
    assert {type(c) for c in ALL_COMMANDS} == set(HANDLERS)


@pytest.mark.parametrize("command", ALL_COMMANDS, ids=lambda c: type(c).__name__)
def test_the_purchaser_can_run_every_command(portal: Portal, command: Command) -> None:
    assert handle(portal, command) != portal


@pytest.mark.parametrize("command", ALL_COMMANDS, ids=lambda c: type(c).__name__)
def test_the_admin_changes_nothing(portal_of: Callable[..., Portal], command: Command) -> None:
    admin = portal_of("admin-view")
    error = refused(admin, command)
    assert (error.message, error.values) == (errors.READ_ONLY, {})


def test_the_admin_is_refused_even_for_nonsense(portal_of: Callable[..., Portal]) -> None:
    error = refused(portal_of("admin-view"), SetTotalLicenses("nope", "x"))
    assert error.message == errors.READ_ONLY


def test_not_a_command_is_a_type_error(portal: Portal) -> None:
    with pytest.raises(TypeError):
        handle(portal, "assign")  # type: ignore[arg-type]


def test_unknown_subscription(portal: Portal) -> None:
    error = refused(portal, SetTotalLicenses("nope", 5))
    assert (error.message, error.values) == (errors.NO_SUCH_SUBSCRIPTION, {"subscription": "nope"})


def test_a_central_subscription_is_not_the_purchasers(portal: Portal) -> None:
    error = refused(portal, SetTotalLicenses("m365-business-standard", 30))
    assert (error.message, error.values) == (
        errors.NOT_YOUR_SUBSCRIPTION,
        {"product": "Microsoft 365 Business Standard"},
    )


def test_someone_elses_purchase(portal_of: Callable[..., Portal]) -> None:
    ravi = replace(portal_of("admin-view"), signed_in="ravi-patel", role=Role.PURCHASER)
    error = refused(ravi, AssignLicenses("powerbi-pro", ("jonas-berg",)))
    assert (error.message, error.values) == (
        errors.NOT_YOUR_SUBSCRIPTION,
        {"product": "Power BI Pro"},
    )
    assert handle(ravi, SetTotalLicenses("project-plan-1", 6)) != ravi


# Set total licenses (buy more, remove).
def test_buy_five_more_licenses_the_articles_example(portal: Portal) -> None:
    after = handle(portal, SetTotalLicenses("powerbi-pro", 105))
    assert after.subscription("powerbi-pro").total_licenses == 105
    assert after.subscription("powerbi-pro").assigned == portal.subscription("powerbi-pro").assigned
    assert after.subscription("visio-plan-2") == portal.subscription("visio-plan-2")


def test_remove_licenses_down_to_the_assigned_count(portal: Portal) -> None:
    after = handle(portal, SetTotalLicenses("powerbi-pro", 97))
    assert after.subscription("powerbi-pro").free_licenses == 0


@pytest.mark.parametrize("text", ["105", " 105 ", "1 05", "105\u00a0"])
def test_total_as_typed_in_the_spin_button(portal: Portal, text: str) -> None:
    assert (
        handle(portal, SetTotalLicenses("powerbi-pro", text))
        .subscription("powerbi-pro")
        .total_licenses
        == 105
    )


@pytest.mark.parametrize("change", [None, TotalChange.BUY, TotalChange.REMOVE])
def test_the_same_total_is_nothing_to_save(portal: Portal, change: TotalChange | None) -> None:
    error = refused(portal, SetTotalLicenses("powerbi-pro", " 1 00", change))
    assert (error.message, error.values["total"], error.field) == (
        errors.TOTAL_UNCHANGED,
        100,
        "field.total_licenses",
    )
    assert CONTROLS["action.cancel"].label("da") in error.text("da")  # the button's label


@pytest.mark.parametrize(
    ("total", "change", "message"),
    [
        (99, TotalChange.BUY, errors.BUY_LOWERS),
        (101, TotalChange.REMOVE, errors.REMOVE_RAISES),
        (1, TotalChange.BUY, errors.BUY_LOWERS),  # the direction before the assigned count
        (0, TotalChange.REMOVE, errors.TOTAL_BELOW_ONE),
        (MAX_LICENSES + 1, TotalChange.REMOVE, errors.TOTAL_ABOVE_MAX),
        ("9" * 20, TotalChange.BUY, errors.TOTAL_ABOVE_MAX),
        ("9" * 100, TotalChange.BUY, errors.TOTAL_ABOVE_MAX),
        ("-" + "9" * 100, TotalChange.BUY, errors.TOTAL_BELOW_ONE),
        (96, TotalChange.REMOVE, errors.TOTAL_BELOW_ASSIGNED),
    ],
)
def test_each_pane_does_what_it_says(
    portal: Portal, total: int | str, change: TotalChange, message: str
) -> None:
    assert refused(portal, SetTotalLicenses("powerbi-pro", total, change)).message == message


def test_the_wrong_pane_names_the_right_one(portal: Portal) -> None:
    error = refused(portal, SetTotalLicenses("powerbi-pro", 99, TotalChange.BUY))
    for lang in CODES:  # the buttons as the screens label them
        shown = error.text(lang)
        buy, remove = (
            CONTROLS[k].label(lang) for k in ("action.buy_licenses", "action.remove_licenses")
        )
        assert shown.startswith(buy) and remove in shown and Formats(lang).integer(100) in shown


@pytest.mark.parametrize(
    ("total", "change"), [(MAX_LICENSES, TotalChange.BUY), (1, None), (97, TotalChange.REMOVE)]
)
def test_totals_within_the_bounds(portal: Portal, total: int, change: TotalChange | None) -> None:
    portal = (
        handle(
            portal,
            UnassignLicenses("powerbi-pro", portal.subscription("powerbi-pro").assigned[:96]),
        )
        if total == 1
        else portal
    )
    after = handle(portal, SetTotalLicenses("powerbi-pro", total, change))
    assert after.subscription("powerbi-pro").total_licenses == total


@pytest.mark.parametrize(
    ("typed", "group", "number"),
    [
        ("105", ",", 105),
        ("1 05", ",", 105),
        ("\u00a01\u202f0\u20095 ", ",", 105),  # no-break, narrow no-break and thin spaces
        ("1,050", ",", 1050),
        ("1.050", ".", 1050),  # a Danish page
        ("12,345,678", ",", 12345678),
        ("-1", ",", -1),
        ("\u22121", ",", -1),
        ("007", ",", 7),
        ("1,05", ",", None),  # may be a decimal
        ("1.050", ",", None),
        ("1,0500", ",", None),
        ("1234,567", ",", None),
        (",105", ",", None),
        ("105,", ",", None),
        ("", ",", None),
        ("-", ",", None),
        ("--1", ",", None),
        ("1-", ",", None),
        ("١٠٥", ",", None),  # Arabic-Indic digits
        ("１０５", ",", None),  # full-width digits
        ("10.5", "", None),
        ("1e3", ",", None),
    ],
)
def test_one_reader_of_typed_numbers(typed: str, group: str, number: int | None) -> None:
    assert read_whole(typed, group) == number


def test_the_page_reads_numbers_as_it_writes_them() -> None:
    for lang in CODES:
        fmt = Formats(lang)
        for value in (1, 105, 1050, 10_000, 1_234_567):
            assert fmt.read_integer(fmt.integer(value)) == value


def test_total_below_assigned(portal: Portal) -> None:
    error = refused(portal, SetTotalLicenses("powerbi-pro", 96))
    assert (error.message, error.values, error.field) == (
        errors.TOTAL_BELOW_ASSIGNED,
        {"assigned": 97},
        "field.total_licenses",
    )


@pytest.mark.parametrize("total", [0, -5, "0", "-1"])
def test_total_below_one(portal: Portal, total: Any) -> None:
    error = refused(portal, SetTotalLicenses("power-automate", total))
    assert (error.message, error.values) == (
        errors.TOTAL_BELOW_ONE,
        {"product": "Power Automate per user"},
    )


@pytest.mark.parametrize("total", ["", "abc", "10.5", "1e3", "١٠", True, None, 10.0, [5]])
def test_total_not_a_whole_number(portal: Portal, total: Any) -> None:
    error = refused(portal, SetTotalLicenses("powerbi-pro", total))
    assert (error.message, error.values, error.field) == (
        errors.TOTAL_NOT_A_NUMBER,
        {},
        "field.total_licenses",
    )


# Assign licenses.
def test_assign(portal: Portal) -> None:
    people = free_members(portal, "powerbi-pro", 3)
    after = handle(portal, AssignLicenses("powerbi-pro", people))
    sub = after.subscription("powerbi-pro")
    assert sub.assigned[-3:] == people
    assert sub.free_licenses == 0


def test_assign_accepts_a_list(portal: Portal) -> None:
    people = list(free_members(portal, "power-automate", 2))
    after = handle(portal, AssignLicenses("power-automate", people))  # type: ignore[arg-type]
    assert after.subscription("power-automate").assigned_count == 4


def test_assign_nobody(portal: Portal) -> None:
    error = refused(portal, AssignLicenses("powerbi-pro", ()))
    assert (error.message, error.values, error.field) == (
        errors.NOBODY_CHOSEN,
        {},
        "field.find_user",
    )


def test_assign_more_than_twenty_at_a_time(portal: Portal) -> None:
    bigger = handle(portal, SetTotalLicenses("powerbi-pro", 200))
    people = free_members(bigger, "powerbi-pro", 21)
    error = refused(bigger, AssignLicenses("powerbi-pro", people))
    assert (error.message, error.values) == (errors.TOO_MANY_AT_ONCE, {"max": 20, "count": 21})
    assert handle(bigger, AssignLicenses("powerbi-pro", people[:20])) != bigger


def test_assign_someone_twice_in_one_go(portal: Portal) -> None:
    error = refused(portal, AssignLicenses("power-automate", ("jonas-berg", "jonas-berg")))
    assert (error.message, error.values) == (errors.CHOSEN_TWICE, {"name": "Jonas Berg"})


def test_assign_someone_outside_the_organization(portal: Portal) -> None:
    error = refused(portal, AssignLicenses("power-automate", ("jonas-berg", "eve")))
    assert (error.message, error.values) == (errors.NOT_IN_ORGANIZATION, {"person": "eve"})


def test_assign_a_guest(portal: Portal) -> None:
    error = refused(portal, AssignLicenses("power-automate", ("carlos-mendes",)))
    assert (error.message, error.values) == (errors.GUEST, {"name": "Carlos Mendes"})


def test_assign_someone_who_has_one(portal: Portal) -> None:
    error = refused(portal, AssignLicenses("power-automate", ("mette-larsen",)))
    assert (error.message, error.values) == (
        errors.ALREADY_ASSIGNED,
        {"name": "Mette Larsen", "product": "Power Automate per user"},
    )


def test_assign_more_than_the_free_licenses(portal: Portal) -> None:
    people = free_members(portal, "powerbi-pro", 4)
    error = refused(portal, AssignLicenses("powerbi-pro", people))
    assert (error.message, error.values) == (errors.NOT_ENOUGH_FREE, {"free": 3, "count": 4})


def test_assign_with_no_free_license(portal_of: Callable[..., Portal]) -> None:
    full = portal_of("no-free-licenses")
    for sub in full.products():
        error = refused(full, AssignLicenses(sub.id, free_members(full, sub.id, 1)))
        assert (error.message, error.values) == (errors.NOT_ENOUGH_FREE, {"free": 0, "count": 1})


def test_buy_more_then_assign(portal_of: Callable[..., Portal]) -> None:
    full = portal_of("no-free-licenses")
    more = handle(full, SetTotalLicenses("visio-plan-2", 11))
    after = handle(more, AssignLicenses("visio-plan-2", free_members(more, "visio-plan-2", 1)))
    assert after.subscription("visio-plan-2").free_licenses == 0


# Unassign licenses.
def test_unassign(portal: Portal) -> None:
    after = handle(portal, UnassignLicenses("visio-plan-2", ("mette-larsen",)))
    sub = after.subscription("visio-plan-2")
    assert "mette-larsen" not in sub.assigned and sub.free_licenses == 1


def test_unassign_nobody(portal: Portal) -> None:
    error = refused(portal, UnassignLicenses("visio-plan-2", ()))
    assert (error.message, error.values) == (errors.NOBODY_SELECTED, {})


def test_unassign_someone_without_a_license(portal: Portal) -> None:
    error = refused(portal, UnassignLicenses("power-automate", ("jonas-berg",)))
    assert (error.message, error.values) == (
        errors.NOT_ASSIGNED,
        {"name": "Jonas Berg", "product": "Power Automate per user"},
    )
    error = refused(portal, UnassignLicenses("power-automate", ("eve",)))
    assert (error.message, error.values) == (
        errors.NOT_ASSIGNED,
        {"name": "eve", "product": "Power Automate per user"},
    )


def test_unassign_someone_twice(portal: Portal) -> None:
    error = refused(portal, UnassignLicenses("visio-plan-2", ("mette-larsen", "mette-larsen")))
    assert (error.message, error.values) == (errors.CHOSEN_TWICE, {"name": "Mette Larsen"})


def test_unassign_then_remove_licenses(portal: Portal) -> None:
    sub = portal.subscription("power-automate")
    after = handle(portal, UnassignLicenses("power-automate", sub.assigned))
    assert (
        handle(after, SetTotalLicenses("power-automate", 1))
        .subscription("power-automate")
        .total_licenses
        == 1
    )


# Cancel subscription.
def test_cancel(portal: Portal) -> None:
    after = handle(portal, CancelSubscription("power-automate", "too-expensive", "Budget cut"))
    sub = after.subscription("power-automate")
    assert sub.status is Status.CANCELLED
    assert sub.cancellation is not None
    assert (sub.cancellation.reason, sub.cancellation.feedback, sub.cancellation.date) == (
        "too-expensive",
        "Budget cut",
        portal.today,
    )
    assert sub.assigned == portal.subscription("power-automate").assigned


def test_cancel_feedback_is_optional(portal: Portal) -> None:
    after = handle(portal, CancelSubscription("power-automate", "other"))
    assert after.subscription("power-automate").is_cancelled


@pytest.mark.parametrize("reason", ["", "  ", "because", None])
def test_cancel_needs_a_reason(portal: Portal, reason: Any) -> None:
    error = refused(portal, CancelSubscription("power-automate", reason))
    assert (error.message, error.values, error.field) == (
        errors.REASON_REQUIRED,
        {},
        "field.cancel_reason",
    )


def test_cancel_feedback_too_long(portal: Portal) -> None:
    cmd = CancelSubscription("power-automate", "other", "x" * (MAX_FEEDBACK + 1))
    error = refused(portal, cmd)
    assert (error.message, error.values) == (errors.FEEDBACK_TOO_LONG, {"max": MAX_FEEDBACK})
    assert handle(portal, replace(cmd, feedback="x" * MAX_FEEDBACK)) != portal


@pytest.mark.parametrize(
    "command",
    [
        SetTotalLicenses("power-automate", 10),
        AssignLicenses("power-automate", ("jonas-berg",)),
        UnassignLicenses("power-automate", ("mette-larsen",)),
        CancelSubscription("power-automate", "other"),
        SetTotalLicenses("power-automate", "not a number"),
    ],
    ids=lambda c: type(c).__name__,
)
def test_a_cancelled_subscription_is_frozen(
    portal_of: Callable[..., Portal], command: Command
) -> None:
    cancelled = portal_of("cancelled-subscription")
    error = refused(cancelled, command)
    assert (error.message, error.values) == (
        errors.CANCELLED,
        {"product": "Power Automate per user"},
    )


# Payment methods (kit card checks, in the form's order).
def test_add_payment_method_keeps_only_the_last_four_digits(portal: Portal) -> None:
    after = handle(portal, AddPaymentMethod(**VALID_CARD))
    card = after.card("card-3")
    assert (card.brand, card.last4, card.holder, card.expiry_month, card.expiry_year) == (
        "Visa",
        "1111",
        "Mette Larsen",
        8,
        2029,
    )
    assert card.owner == "mette-larsen" and card in after.payment_methods
    assert "4111111111111111" not in repr(after) and "4111 1111" not in repr(after)
    assert "123" not in repr(AddPaymentMethod(**VALID_CARD))


def test_edit_payment_method(portal_of: Callable[..., Portal]) -> None:
    expired = portal_of("expired-card")
    assert expired.card("card-1").expired(expired.today)
    cmd = EditPaymentMethod("card-1", " Mette  Larsen ", "09/30", "1234", "Vej 1, 8000 Aarhus")
    card = handle(expired, cmd).card("card-1")
    assert (card.holder, card.expiry_month, card.expiry_year, card.address) == (
        "Mette Larsen",
        9,
        2030,
        "Vej 1, 8000 Aarhus",
    )
    assert (card.last4, card.brand) == ("4242", "Visa")
    assert not card.expired(expired.today)


def test_replace_payment_method(portal_of: Callable[..., Portal]) -> None:
    expired = portal_of("expired-card")
    after = handle(expired, ReplacePaymentMethod("profile-1", **VALID_CARD))
    profile = after.billing_profile("profile-1")
    assert profile.payment_method == "card-3"
    assert after.card("card-1") == expired.card("card-1")  # the old card stays
    assert len(after.cards) == len(expired.cards) + 1


CARD_MISTAKES = [
    ({"name": ""}, errors.CARD_NAME_REQUIRED, {}, "field.name_on_card"),
    ({"name": "   "}, errors.CARD_NAME_REQUIRED, {}, "field.name_on_card"),
    ({"number": "4111 1111 1111 1112"}, errors.CARD_NUMBER_INVALID, {}, "field.card_number"),
    ({"number": ""}, errors.CARD_NUMBER_INVALID, {}, "field.card_number"),
    (
        {"number": "4242"},
        errors.CARD_LENGTH_WRONG,
        {"brand": "Visa", "count": 4},
        "field.card_number",
    ),
    ({"number": "4111 1111 1111 111a"}, errors.CARD_NUMBER_INVALID, {}, "field.card_number"),
    ({"number": "０４１１１"}, errors.CARD_NUMBER_INVALID, {}, "field.card_number"),  # full-width
    (
        {"number": "4111 1111 1111 1111 1111"},
        errors.CARD_NUMBER_TOO_LONG,
        {"max": 23},
        "field.card_number",
    ),
    ({"number": "4" * 24}, errors.CARD_NUMBER_TOO_LONG, {"max": 23}, "field.card_number"),
    (
        {"number": "0000 0000 0000 0000"},
        errors.CARD_BRAND_UNKNOWN,
        {"brands": ", ".join(CARD_LENGTHS)},
        "field.card_number",
    ),
    (
        {"number": "9999 9999 9999 9995"},
        errors.CARD_BRAND_UNKNOWN,
        {"brands": ", ".join(CARD_LENGTHS)},
        "field.card_number",
    ),
    (
        {"number": "5555 5555 5555 4444 4"},
        errors.CARD_LENGTH_WRONG,
        {"brand": "Mastercard", "count": 17},
        "field.card_number",
    ),
    (
        {"number": "3782 822463 10005 1"},
        errors.CARD_LENGTH_WRONG,
        {"brand": "American Express", "count": 16},
        "field.card_number",
    ),
    (
        {"number": "4111 1111 1111 11"},
        errors.CARD_LENGTH_WRONG,
        {"brand": "Visa", "count": 14},
        "field.card_number",
    ),
    ({"name": "\x00\x01\x1b"}, errors.CARD_NAME_REQUIRED, {}, "field.name_on_card"),
    ({"name": "\u202e\u2066\u200f\u061c"}, errors.CARD_NAME_REQUIRED, {}, "field.name_on_card"),
    ({"name": "\ud800 \udfff"}, errors.CARD_NAME_REQUIRED, {}, "field.name_on_card"),
    ({"name": "M" * 101}, errors.CARD_NAME_TOO_LONG, {"max": 100}, "field.name_on_card"),
    ({"address": "\t\n\u202d\x00"}, errors.CARD_ADDRESS_REQUIRED, {}, "field.address"),
    ({"address": "A" * 201}, errors.CARD_ADDRESS_TOO_LONG, {"max": 200}, "field.address"),
    ({"expiration": "2029-08"}, errors.CARD_EXPIRATION_FORMAT, {}, "field.expiration"),
    ({"expiration": "13/29"}, errors.CARD_EXPIRATION_FORMAT, {}, "field.expiration"),
    ({"expiration": "00/29"}, errors.CARD_EXPIRATION_FORMAT, {}, "field.expiration"),
    ({"expiration": ""}, errors.CARD_EXPIRATION_FORMAT, {}, "field.expiration"),
    ({"expiration": "10/26"}, errors.CARD_EXPIRED, {"expiration": "10/26"}, "field.expiration"),
    ({"expiration": "12/2025"}, errors.CARD_EXPIRED, {"expiration": "12/2025"}, "field.expiration"),
    ({"security_code": "12"}, errors.CARD_SECURITY_CODE, {}, "field.security_code"),
    ({"security_code": "12345"}, errors.CARD_SECURITY_CODE, {}, "field.security_code"),
    ({"security_code": "abc"}, errors.CARD_SECURITY_CODE, {}, "field.security_code"),
    ({"address": ""}, errors.CARD_ADDRESS_REQUIRED, {}, "field.address"),
]


@pytest.mark.parametrize(("change", "message", "values", "field"), CARD_MISTAKES)
@pytest.mark.parametrize("kind", ["add", "replace", "edit"])
def test_card_checks(
    portal: Portal,
    kind: str,
    change: dict[str, str],
    message: str,
    values: dict[str, str],
    field: str,
) -> None:
    form = {**VALID_CARD, **change}
    command: Command
    if kind == "add":
        command = AddPaymentMethod(**form)
    elif kind == "replace":
        command = ReplacePaymentMethod("profile-1", **form)
    else:
        if "number" in change:
            return  # the number of a card can't be edited
        form.pop("number")
        command = EditPaymentMethod("card-1", **form)
    error = refused(portal, command)
    assert (error.message, error.values, error.field) == (message, values, field)


@pytest.mark.parametrize(
    "number",
    [
        "4111 1111 1111 1111",  # Visa, 16
        "4222 2222 2222 2",  # Visa, 13
        "4111 1111 1111 1111 003",  # Visa, 19
        "5555-5555-5555-4444",  # Mastercard
        "3782 822463 10005",  # American Express, 15
        "6011 1111 1111 1117",  # Discover
        "3530 1113 3330 0000",  # JCB
        "6200 0000 0000 0005",  # UnionPay
    ],
)
def test_card_lengths_each_brand_has(portal: Portal, number: str) -> None:
    after = handle(portal, AddPaymentMethod(**{**VALID_CARD, "number": number}))
    digits = number.replace(" ", "").replace("-", "")
    assert after.card("card-3").last4 == digits[-4:]
    assert len(digits) in CARD_LENGTHS[after.card("card-3").brand]


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("  Mette\x00 \u202eLarsen\u202c ", "Mette Larsen"),
        ("Mette\tLarsen\n", "Mette Larsen"),
        ("\u2066Åse\u2069   Østergaard", "Åse Østergaard"),
        ("M" * 100, "M" * 100),
        ("  " + "M" * 100 + "\x00  ", "M" * 100),  # counted once cleaned
    ],
)
def test_names_and_addresses_are_kept_printable(portal: Portal, typed: str, kept: str) -> None:
    after = handle(portal, AddPaymentMethod(**{**VALID_CARD, "name": typed, "address": typed}))
    card = after.card("card-3")
    assert (card.holder, card.address) == (kept, kept)
    edited = handle(portal, EditPaymentMethod("card-1", typed, "08/29", "123", typed))
    assert (edited.card("card-1").holder, edited.card("card-1").address) == (kept, kept)


def test_this_month_is_not_in_the_past(portal: Portal) -> None:
    assert portal.today.month == 11 and portal.today.year == 2026
    after = handle(portal, AddPaymentMethod(**{**VALID_CARD, "expiration": "11/26"}))
    assert after.card("card-3").expiration == "11/26"


def test_card_checks_run_in_the_forms_order(portal: Portal) -> None:
    error = refused(portal, AddPaymentMethod("", "", "", "", ""))
    assert error.message == errors.CARD_NAME_REQUIRED


def test_card_fields_of_the_wrong_type_are_refused(portal: Portal) -> None:
    error = refused(portal, AddPaymentMethod(4111111111111111, "M", "08/29", 123, "A"))  # type: ignore[arg-type]
    assert error.message == errors.CARD_NUMBER_INVALID


def test_unknown_payment_method_and_profile(portal: Portal) -> None:
    error = refused(portal, EditPaymentMethod("card-9", "M", "08/29", "123", "A"))
    assert (error.message, error.values) == (
        errors.NO_SUCH_PAYMENT_METHOD,
        {"payment_method": "card-9"},
    )
    error = refused(portal, ReplacePaymentMethod("profile-9", **VALID_CARD))
    assert (error.message, error.values) == (
        errors.NO_SUCH_BILLING_PROFILE,
        {"billing_profile": "profile-9"},
    )


def test_someone_elses_card_and_profile(portal_of: Callable[..., Portal]) -> None:
    ravi = replace(portal_of("admin-view"), signed_in="ravi-patel", role=Role.PURCHASER)
    error = refused(ravi, EditPaymentMethod("card-1", "M", "08/29", "123", "A"))
    assert (error.message, error.values) == (errors.NOT_YOUR_BILLING, {"name": "Visa •••• 4242"})
    error = refused(ravi, ReplacePaymentMethod("profile-1", **VALID_CARD))
    assert (error.message, error.values) == (errors.NOT_YOUR_BILLING, {"name": "Mette Larsen"})
    assert [c.id for c in ravi.payment_methods] == ["card-3"]


@pytest.mark.parametrize("total", ["9" * 5000, "-" + "9" * 5000])
def test_absurdly_long_totals_are_refused_not_crashed(portal: Portal, total: str) -> None:
    assert refused(portal, SetTotalLicenses("powerbi-pro", total)).message == (
        errors.TOTAL_NOT_A_NUMBER
    )
