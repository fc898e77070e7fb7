"""The portal's numbers, money and dates equal what Babel prints, in every language.

``simulator.i18n.Formats`` runs in the browser without Babel, from what the build took
out of Babel (``formats.json``): these tests hold it to Babel itself for every language
of the one list and every currency, so a language whose currency has no minor unit (yen)
or whose locale writes numbers its own way (Arabic, French) is shown as Babel shows it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal
from hypothesis import given
from hypothesis import strategies as st

from simulator.i18n import Formats
from simulator.markets import CURRENCIES, LANGUAGES

AMOUNTS = st.decimals(min_value=0, max_value=10_000_000, places=2)


@given(amount=AMOUNTS)
def test_money_is_babels_in_every_language_and_currency(amount: Decimal) -> None:
    for lang in LANGUAGES:
        for currency in CURRENCIES:
            expected = format_currency(amount, currency, locale=lang.cldr)
            assert Formats(lang.code).money(amount, currency) == expected, (lang.code, currency)


def test_yen_has_no_decimals() -> None:
    shown = Formats("en").money(Decimal("2100.40"), "JPY")
    assert shown == format_currency(Decimal("2100"), "JPY", locale="en_US")
    assert "." not in shown


@given(value=st.integers(min_value=0, max_value=10**9))
def test_integers_are_babels(value: int) -> None:
    for lang in LANGUAGES:
        assert Formats(lang.code).integer(value) == format_decimal(value, locale=lang.cldr)


@given(day=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_dates_are_babels(day: date) -> None:
    for lang in LANGUAGES:
        assert Formats(lang.code).date(day) == format_date(day, "medium", locale=lang.cldr)
