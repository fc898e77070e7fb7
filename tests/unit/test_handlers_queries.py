"""Queries (products, people, invoices) and the messages' text in each language."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator import errors
from simulator.commands import FindPeople, ListInvoices, ListProducts
from simulator.errors import Rejected
from simulator.handlers import ask, invoice_period, months_before
from simulator.model import InvoicePeriod, Portal, ProductFilter, Role

ROOT = Path(__file__).resolve().parents[2]


# Products.
def test_list_products_for_the_purchaser(portal: Portal) -> None:
    assert [s.id for s in ask(portal, ListProducts())] == [
        "powerbi-pro",
        "visio-plan-2",
        "power-automate",
    ]
    assert ask(portal, ListProducts(ProductFilter.CENTRAL)) == ()
    assert ask(portal, ListProducts("self-service")) == ask(portal, ListProducts())


def test_list_products_for_the_admin(portal_of: Callable[..., Portal]) -> None:
    admin = portal_of("admin-view")
    everything = ask(admin, ListProducts())
    self_service = ask(admin, ListProducts(ProductFilter.SELF_SERVICE))
    central = ask(admin, ListProducts(ProductFilter.CENTRAL))
    assert {s.purchaser for s in self_service} == {"mette-larsen", "ravi-patel"}
    assert [s.product for s in central] == ["Microsoft 365 Business Standard"]
    assert len(everything) == len(self_service) + len(central)


def test_an_unknown_filter_shows_everything(portal: Portal) -> None:
    assert ask(portal, ListProducts("nonsense")) == ask(portal, ListProducts())


# Find people (type-ahead).
def test_find_people_leaves_out_guests_and_people_with_the_license(portal: Portal) -> None:
    found = ask(portal, FindPeople("mette", subscription="powerbi-pro"))
    assert found == ()
    assert [p.id for p in ask(portal, FindPeople("mette"))] == ["mette-larsen"]
    assert ask(portal, FindPeople("carlos")) == ()
    assert ask(portal, FindPeople("fabrikam")) == ()


def test_find_people_limit_and_order(portal: Portal) -> None:
    found = ask(portal, FindPeople("jonas", limit=50))
    assert len(found) > 1
    assert [p.name for p in found] == sorted(p.name for p in found)
    assert len(ask(portal, FindPeople("a", limit=5))) == 5
    assert ask(portal, FindPeople("")) == ()


def test_find_people_for_an_unknown_subscription(portal: Portal) -> None:
    with pytest.raises(Rejected) as info:
        ask(portal, FindPeople("a", subscription="nope"))
    assert (info.value.message, info.value.values) == (
        errors.NO_SUCH_SUBSCRIPTION,
        {"subscription": "nope"},
    )


# Invoices.
def test_past_3_and_6_months(portal: Portal) -> None:
    assert len(ask(portal, ListInvoices())) == 3
    assert len(ask(portal, ListInvoices(InvoicePeriod.PAST_6_MONTHS))) == 6
    assert ask(portal, ListInvoices("past_3_months")) == ask(portal, ListInvoices())


def test_only_old_invoices(portal_of: Callable[..., Portal]) -> None:
    old = portal_of("old-invoices")
    assert ask(old, ListInvoices()) == ()
    assert len(ask(old, ListInvoices(InvoicePeriod.PAST_6_MONTHS))) == 3
    everything = ask(old, ListInvoices("date_range", "2020-01-01", old.today))
    assert len(everything) == len(old.invoices) == 6


def test_date_range_includes_both_ends(portal: Portal) -> None:
    found = ask(portal, ListInvoices("date_range", date(2026, 9, 10), "2026-10-10"))
    assert [i.date for i in found] == [date(2026, 10, 10), date(2026, 9, 10)]
    assert len(ask(portal, ListInvoices("date_range", "2026-10-10", "2026-10-10"))) == 1


def test_date_range_start_after_end(portal: Portal) -> None:
    with pytest.raises(Rejected) as info:
        ask(portal, ListInvoices("date_range", "2026-10-11", "2026-10-10"))
    assert (info.value.message, info.value.values, info.value.field) == (
        errors.RANGE_REVERSED,
        {"start": date(2026, 10, 11), "end": date(2026, 10, 10)},
        "field.start_date",
    )


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (None, "2026-10-10", errors.START_DATE_INVALID),
        ("2026-02-30", "2026-10-10", errors.START_DATE_INVALID),
        ("2026-01-01", "", errors.END_DATE_INVALID),
        ("2026-01-01", 20261010, errors.END_DATE_INVALID),
    ],
)
def test_date_range_needs_dates(portal: Portal, start: Any, end: Any, message: str) -> None:
    with pytest.raises(Rejected) as info:
        ask(portal, ListInvoices("date_range", start, end))
    assert (info.value.message, info.value.values) == (message, {"example": "2026-10-24"})


def test_unknown_period(portal: Portal) -> None:
    with pytest.raises(Rejected) as info:
        ask(portal, ListInvoices("last_year"))
    assert (info.value.message, info.value.values) == (errors.PERIOD_UNKNOWN, {})


def test_period_bounds() -> None:
    today = date(2026, 11, 24)
    assert invoice_period(today, "past_3_months") == (date(2026, 8, 25), today)
    assert invoice_period(today, "past_6_months") == (date(2026, 5, 25), today)
    assert months_before(date(2026, 5, 31), 3) == date(2026, 2, 28)
    assert months_before(date(2026, 2, 15), 3) == date(2025, 11, 15)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)), st.integers(0, 240))
def test_months_before_is_the_same_day_or_the_months_last(day: date, months: int) -> None:
    index = day.year * 12 + day.month - 1 - months
    year, month = index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    assert months_before(day, months) == date(year, month, min(day.day, last))


def test_the_purchaser_sees_only_their_invoices(portal_of: Callable[..., Portal]) -> None:
    admin = portal_of("admin-view")
    mette = replace(admin, signed_in="mette-larsen", role=Role.PURCHASER)
    wide = ListInvoices("date_range", "2000-01-01", "2100-01-01")
    assert {i.billing_profile for i in ask(mette, wide)} == {"profile-1"}
    assert {i.billing_profile for i in ask(admin, wide)} == {"profile-1", "profile-2"}


def test_not_a_query_is_a_type_error(portal: Portal) -> None:
    with pytest.raises(TypeError):
        ask(portal, "invoices")  # type: ignore[arg-type]


# Messages.
MESSAGES = {
    name: value for name, value in vars(errors).items() if name.isupper() and isinstance(value, str)
}
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def test_rejected_text_in_english() -> None:
    error = Rejected(errors.NOT_ENOUGH_FREE, {"free": 3, "count": 4})
    assert error.text("en") == (
        "Not enough free licenses: 3 free, 4 chosen. Buy more licenses before you assign them."
    )
    assert str(error) == error.text("en")
    assert error == Rejected(errors.NOT_ENOUGH_FREE, {"free": 3, "count": 4})


def _po(lang: str) -> dict[str, str]:
    from babel.messages.pofile import read_po

    with (ROOT / "locales" / lang / "LC_MESSAGES" / "simulator.po").open("rb") as fp:
        catalog = read_po(fp, locale=lang)
    return {
        m.id: m.string
        for m in catalog
        if isinstance(m.id, str) and m.id and isinstance(m.string, str)
    }


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_every_message_is_translated_with_the_same_placeholders(name: str) -> None:
    danish = _po("da").get(MESSAGES[name])
    assert danish, f"{name} has no Danish translation: run make catalogs, then translate it"
    assert sorted(PLACEHOLDER.findall(danish)) == sorted(PLACEHOLDER.findall(MESSAGES[name]))
    assert _po("en").get(MESSAGES[name]) == MESSAGES[name]


def test_date_range_accepts_datetimes(portal: Portal) -> None:
    from datetime import datetime

    found = ask(portal, ListInvoices("date_range", datetime(2026, 10, 1, 12), date(2026, 10, 31)))
    assert [i.date for i in found] == [date(2026, 10, 10)]
