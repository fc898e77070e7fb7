"""The model's data, verbs and derived values, without the handlers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from simulator import errors
from simulator.errors import Rejected
from simulator.model import (
    ACCEPTS,
    MAX_ASSIGN_AT_ONCE,
    MAX_LICENSES,
    REFUSALS,
    STATUS_LABELS,
    VERBS,
    Card,
    Person,
    PersonKind,
    Portal,
    ProductFilter,
    Role,
    Status,
    Subscription,
    TotalChange,
    card_brand,
    check_expiration,
    luhn_ok,
    printable,
)

TODAY = date(2026, 11, 24)


def sub(total: int = 5, assigned: tuple[str, ...] = ("a",), **kw: object) -> Subscription:
    fields: dict[str, object] = {
        "id": "s",
        "product": "Visio Plan 2",
        "total_licenses": total,
        "assigned": assigned,
        "price_per_license": Decimal("15.00"),
        "currency": "USD",
        "purchased": date(2026, 1, 1),
        "expires": date(2027, 1, 1),
        "purchaser": "me",
    }
    fields.update(kw)
    return Subscription(**fields)  # type: ignore[arg-type]


def member(pid: str) -> Person:
    return Person(pid, pid.title(), f"{pid}@contoso.com")


def test_free_licenses_is_total_minus_assigned() -> None:
    assert sub(total=5, assigned=("a", "b")).free_licenses == 3
    assert sub(total=5, assigned=("a", "b")).assigned_count == 2


def test_set_total_returns_a_new_subscription_and_keeps_the_old_one() -> None:
    old = sub(total=5)
    new = old.set_total(105)
    assert (old.total_licenses, new.total_licenses) == (5, 105)


@pytest.mark.parametrize("total", [0, -1])
def test_set_total_below_one_is_refused(total: int) -> None:
    with pytest.raises(Rejected) as info:
        sub().set_total(total)
    assert (info.value.message, info.value.values) == (
        errors.TOTAL_BELOW_ONE,
        {"product": "Visio Plan 2"},
    )
    assert info.value.field == "field.total_licenses"


def test_set_total_below_assigned_is_refused_but_equal_is_fine() -> None:
    s = sub(total=5, assigned=("a", "b", "c"))
    assert s.set_total(3).total_licenses == 3
    with pytest.raises(Rejected) as info:
        s.set_total(2)
    assert (info.value.message, info.value.values) == (errors.TOTAL_BELOW_ASSIGNED, {"assigned": 3})


@pytest.mark.parametrize(
    ("total", "change", "message"),
    [
        # The checks' order: below 1, above the bound, unchanged, direction, below assigned.
        (0, TotalChange.BUY, errors.TOTAL_BELOW_ONE),
        (MAX_LICENSES + 1, TotalChange.REMOVE, errors.TOTAL_ABOVE_MAX),
        (5, TotalChange.BUY, errors.TOTAL_UNCHANGED),
        (5, None, errors.TOTAL_UNCHANGED),
        (2, TotalChange.BUY, errors.BUY_LOWERS),  # also below the assigned 3
        (6, TotalChange.REMOVE, errors.REMOVE_RAISES),
        (2, TotalChange.REMOVE, errors.TOTAL_BELOW_ASSIGNED),
        (2, None, errors.TOTAL_BELOW_ASSIGNED),
    ],
)
def test_set_total_checks_in_order(total: int, change: TotalChange | None, message: str) -> None:
    with pytest.raises(Rejected) as info:
        sub(total=5, assigned=("a", "b", "c")).set_total(total, change)
    assert (info.value.message, info.value.field) == (message, "field.total_licenses")


@pytest.mark.parametrize(
    ("total", "change"),
    [(6, TotalChange.BUY), (MAX_LICENSES, TotalChange.BUY), (4, TotalChange.REMOVE), (3, None)],
)
def test_set_total_in_the_panes_direction(total: int, change: TotalChange | None) -> None:
    assert sub(total=5, assigned=("a", "b", "c")).set_total(total, change).total_licenses == total


def test_assign_appends_in_order() -> None:
    s = sub(total=5, assigned=("a",)).assign([member("b"), member("c")])
    assert s.assigned == ("a", "b", "c")


def test_assign_limits_and_capacity() -> None:
    s = sub(total=100, assigned=())
    many = [member(f"p{i}") for i in range(MAX_ASSIGN_AT_ONCE + 1)]
    assert s.assign(many[:MAX_ASSIGN_AT_ONCE]).assigned_count == MAX_ASSIGN_AT_ONCE
    with pytest.raises(Rejected) as info:
        s.assign(many)
    assert info.value.values == {"max": 20, "count": 21}
    with pytest.raises(Rejected) as info:
        sub(total=2, assigned=("a",)).assign([member("b"), member("c")])
    assert (info.value.message, info.value.values) == (
        errors.NOT_ENOUGH_FREE,
        {"free": 1, "count": 2},
    )


def test_assign_refuses_guests() -> None:
    guest = Person("g", "Gus", "g@fabrikam.com", PersonKind.GUEST)
    with pytest.raises(Rejected) as info:
        sub().assign([guest])
    assert (info.value.message, info.value.values) == (errors.GUEST, {"name": "Gus"})


def test_unassign_keeps_the_others_in_order() -> None:
    s = sub(total=5, assigned=("a", "b", "c")).unassign([member("b")])
    assert s.assigned == ("a", "c")


def test_cancel_freezes_the_subscription() -> None:
    s = sub().cancel("not-used", "  moved on ", TODAY)
    assert s.status is Status.CANCELLED and s.is_cancelled
    assert s.cancellation is not None
    assert (s.cancellation.reason, s.cancellation.feedback, s.cancellation.date) == (
        "not-used",
        "moved on",
        TODAY,
    )
    verbs: list[Callable[[], object]] = [
        lambda: s.set_total(9),
        lambda: s.assign([member("z")]),
        lambda: s.unassign([member("a")]),
        lambda: s.cancel("other", "", TODAY),
    ]
    for verb in verbs:
        with pytest.raises(Rejected) as info:
            verb()
        assert (info.value.message, info.value.values) == (
            errors.CANCELLED,
            {"product": "Visio Plan 2"},
        )


def test_the_status_table_names_every_status() -> None:
    assert set(ACCEPTS) == set(Status)
    assert ACCEPTS[Status.CANCELLED] == frozenset()
    assert set(STATUS_LABELS) == set(Status)
    refusing = {status for status, verbs in ACCEPTS.items() if verbs != VERBS}
    assert set(REFUSALS) == refusing


def test_an_expired_subscription_only_gives_back() -> None:
    """(kit) In its grace period a subscription's licenses can be removed and unassigned;
    nothing can be bought, assigned or cancelled."""
    s = sub(total=5, assigned=("a", "b"), status=Status.EXPIRED)
    assert s.set_total(3).total_licenses == 3
    assert s.unassign([member("a")]).assigned == ("b",)
    refused: list[Callable[[], object]] = [
        lambda: s.set_total(6),
        lambda: s.assign([member("z")]),
        lambda: s.cancel("other", "", TODAY),
    ]
    for verb in refused:
        with pytest.raises(Rejected) as info:
            verb()
        assert (info.value.message, info.value.values) == (
            errors.EXPIRED,
            {"product": "Visio Plan 2"},
        )
    assert s.status_label == STATUS_LABELS[Status.EXPIRED]


def test_a_disabled_subscription_is_frozen() -> None:
    s = sub(total=5, assigned=("a",), status=Status.DISABLED)
    verbs: list[Callable[[], object]] = [
        lambda: s.set_total(9),
        lambda: s.set_total(2),
        lambda: s.assign([member("z")]),
        lambda: s.unassign([member("a")]),
        lambda: s.cancel("other", "", TODAY),
    ]
    for verb in verbs:
        with pytest.raises(Rejected) as info:
            verb()
        assert info.value.message == errors.DISABLED
    assert s.status_label == STATUS_LABELS[Status.DISABLED]
    assert sub().status_label == ""


def test_an_unknown_verb_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="not one of the verbs"):
        sub().accepting("set_total")


@pytest.mark.parametrize(
    ("number", "ok"),
    [
        ("4111111111111111", True),
        ("5555555555554444", True),
        ("378282246310005", True),
        ("4111111111111112", False),
        ("411111111111111a", False),
        ("4242", False),
        ("٤١١١١١١١١١١١١١١١", False),  # Arabic-Indic digits are digits, not card digits
    ],
)
def test_luhn(number: str, ok: bool) -> None:
    assert luhn_ok(number) is ok


@pytest.mark.parametrize(
    ("digits", "brand"),
    [
        ("4111111111111111", "Visa"),
        ("5555555555554444", "Mastercard"),
        ("2221000000000009", "Mastercard"),
        ("378282246310005", "American Express"),
        ("6011111111111117", "Discover"),
        ("6200000000000005", "UnionPay"),
        ("3530111333300000", "JCB"),
        ("9999999999999995", "Card"),
    ],
)
def test_card_brand(digits: str, brand: str) -> None:
    assert card_brand(digits) == brand


def test_card_expiry_is_the_end_of_its_month() -> None:
    card = Card("c", "Visa", "4242", "M", 11, 2026, "Street 1", "me")
    assert not card.expired(date(2026, 11, 30))
    assert card.expired(date(2026, 12, 1))
    assert card.expiration == "11/26"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("11/26", (11, 2026)), ("1/2030", (1, 2030)), (" 08 / 29 ", (8, 2029))],
)
def test_expiration_formats(text: str, expected: tuple[int, int]) -> None:
    assert check_expiration(text, TODAY) == expected


def test_products_filter_and_visibility(portal: Portal) -> None:
    mine = portal.products()
    assert [s.id for s in mine] == ["powerbi-pro", "visio-plan-2", "power-automate"]
    assert portal.products(ProductFilter.SELF_SERVICE) == mine
    assert portal.products(ProductFilter.CENTRAL) == ()
    admin = replace(portal, role=Role.ADMIN)
    assert [s.id for s in admin.products(ProductFilter.CENTRAL)] == ["m365-business-standard"]
    assert len(admin.products()) == 4


def test_find_people_folds_case_and_accents(portal: Portal) -> None:
    assert "jakob-sorensen" in [p.id for p in portal.find_people("SOR", limit=50)]
    assert "jakob-sorensen" in [p.id for p in portal.find_people("Sør", limit=50)]
    assert [p.id for p in portal.find_people("jakob sør")] == ["jakob-sorensen"]
    assert [p.id for p in portal.find_people("mette.larsen@")] == ["mette-larsen"]


def test_people_matching_is_everyone_unfiltered(portal: Portal) -> None:
    guest = portal.guests[0]
    assert portal.people_matching(guest.name) == (guest,)
    assert portal.find_people(guest.name) == ()
    ahmeds = portal.people_matching("ahmed")
    assert len(ahmeds) > 1 and all(p.name.startswith("Ahmed") for p in ahmeds)
    assert portal.find_people("ahmed", exclude=[ahmeds[0].id], limit=50) == ahmeds[1:]
    assert portal.people_matching("  ") == ()


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Mette\x00Larsen", "MetteLarsen"),
        ("\u202eMette\u202c  \t Larsen\r\n", "Mette Larsen"),
        ("\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u202a\u202b\u202d", ""),
        ("\ud83d Ann", "Ann"),  # an unpaired surrogate
        ("Ærø\u00a0Østergård", "Ærø Østergård"),
    ],
)
def test_printable(typed: str, kept: str) -> None:
    assert printable(typed) == kept


def test_find_people_offers_members_only(portal: Portal) -> None:
    for guest in portal.guests:
        assert guest not in portal.find_people(guest.name, limit=200)
    assert portal.find_people("   ") == ()
    assert len(portal.find_people("a", limit=3)) == 3
    assert portal.find_people("mette", exclude=["mette-larsen"]) == ()


def test_next_card_id_is_unused(portal: Portal) -> None:
    assert portal.next_card_id() == "card-3"
    assert portal.next_card_id() not in {c.id for c in portal.cards}


def test_lookups_raise_key_error(portal: Portal) -> None:
    for lookup in (portal.subscription, portal.person, portal.card, portal.billing_profile):
        with pytest.raises(KeyError):
            lookup("nope")
    with pytest.raises(KeyError):
        portal.invoice("nope")


def test_invoice_amount_is_the_sum_of_its_lines(portal: Portal) -> None:
    newest = portal.invoices[0]
    assert newest.amount == sum(line.amount for line in newest.lines)
    assert newest.lines[0].amount == Decimal("14.00") * 100
    assert [i.date for i in portal.invoices] == sorted(
        (i.date for i in portal.invoices), reverse=True
    )
