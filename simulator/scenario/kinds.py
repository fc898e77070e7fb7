"""Kinds of values: each reads one YAML/JSON value or says, in plain words, what to write.

A :class:`Kind` pairs what a value looks like ("a whole number, like 10", for messages)
with its reader; a reader returns the value normalized or raises :class:`Bad` with the
message. The kinds the schema uses are the constants at the end (``TEXT``, ``WHOLE``...)
and :func:`one_of` for a fixed set of words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from .problems import did_you_mean, shown


class Bad(Exception):
    """A value a reader can't take; ``message`` says what to write instead."""

    def __init__(self, message: str) -> None:
        self.message = message


@dataclass(frozen=True)
class Kind:
    """A kind of value: what it looks like (for messages) and how to read it."""

    what: str  # "a whole number, like 10": completes "should be ..." and "add ..."
    read: Callable[[object], object]


def _not(what: str, value: object, hint: str = "") -> Bad:
    return Bad(f"should be {what}, not {shown(value)}.{hint}")


#: Control characters (but tab and line feed): never part of a scenario's text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _no_control(value: str) -> str:
    found = _CONTROL.search(value)
    if found:
        raise Bad(
            f"holds a control character (U+{ord(found.group()):04X}), which text here can't "
            "hold. Delete it (it is invisible in most editors: retype the value)."
        )
    return value


def _text(value: object) -> str:
    if isinstance(value, str) and value.strip():
        return _no_control(value.strip())
    if isinstance(value, str) or value is None:
        raise Bad("is empty. Write some text after the colon.")
    raise _not("text", value, " Put it in quotes to keep it as text.")


def _optional_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return _no_control(value.strip())
    raise _not("text", value, " Put it in quotes to keep it as text.")


ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def _id(value: object) -> str:
    if isinstance(value, str) and ID_PATTERN.match(value):
        return value
    if isinstance(value, str):
        raise Bad(
            f"{shown(value)} can't be an id: use letters, digits, '.', '-' and '_' only, "
            "with no spaces, like mette-larsen."
        )
    raise _not("an id, like mette-larsen", value)


def _whole(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        raise Bad(f"should be a whole number without quotes: write {value.strip()}, not '{value}'.")
    raise _not("a whole number, like 10", value)


def _date(value: object) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise Bad(
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
        raise Bad(f'should be an amount of 0 or more, like "14.00", not {shown(value)}.')
    if amount != amount.quantize(Decimal("0.01")):
        raise Bad(f'{shown(value)} has more than 2 decimals. Round it to cents, like "14.99".')
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
        close = did_you_mean(str(value), allowed)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        raise Bad(f"should be one of {', '.join(allowed)}, not {shown(value)}.{hint}")

    return read


def _last4(value: object) -> str:
    if isinstance(value, str) and len(value) == 4 and value.isascii() and value.isdigit():
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        raise Bad(
            'should be the last 4 digits in quotes, like "4242": without quotes YAML reads '
            "them as a number and drops leading zeros."
        )
    raise _not('the last 4 digits of the card number, in quotes, like "4242"', value)


def _between(low: int, high: int, what: str) -> Callable[[object], int]:
    def read(value: object) -> int:
        number = _whole(value)
        if not low <= number <= high:
            raise Bad(f"should be {what} from {low} to {high}, not {number}.")
        return number

    return read


def _email(value: object) -> str:
    text = _text(value)
    local, at, domain = text.partition("@")
    if not at or not local or "." not in domain or "@" in domain or " " in text:
        raise Bad(
            f"{shown(value)} is not an email address. Write one like anne.jensen@contoso.com."
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


def one_of(options: Iterable[str]) -> Kind:
    """The kind of a value that must be one of ``options`` (an enum's, say)."""
    allowed = tuple(str(o) for o in options)
    return Kind(f"one of {', '.join(allowed)}", _choice(allowed))
