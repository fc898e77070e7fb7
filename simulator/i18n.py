"""Catalogs and locale formats, compiled at build time into the package data.

``_data/locale/<lang>/LC_MESSAGES/simulator.mo`` are gettext catalogs compiled by Babel
from ``locales/<lang>/LC_MESSAGES/simulator.po``; ``_data/formats.json`` holds, per locale,
what Babel knows about its numbers, currencies and dates. Babel itself stays at build
time: this module only reads those files, so it is small enough for the browser.
"""

from __future__ import annotations

import gettext
import json
import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from functools import cache
from pathlib import Path
from typing import Any

DOMAIN = "simulator"


def N_(message: str) -> str:
    """Mark ``message`` for the catalogs without translating it here (translated on display)."""
    return message


class Msgid(str):
    """A msgid among a message's values (a button's label, say): translated on display."""

    __slots__ = ()


def _data_dir() -> Path:
    return Path(__file__).parent / "_data"


@cache
def translations(lang: str) -> gettext.GNUTranslations:
    """The compiled catalog for ``lang``; a missing catalog is a build error, not English."""
    from .markets import language  # (markets marks its names with N_, from here)

    language(lang)  # LookupError for a language the kit does not have
    path = _data_dir() / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    with path.open("rb") as fp:
        return gettext.GNUTranslations(fp)


@cache
def _formats() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((_data_dir() / "formats.json").read_text("utf-8"))
    return data


_FIELD = re.compile(r"'[^']*'|d{1,2}|M{1,4}|y+|E{1,4}")
_MINUS = ("-", "\u2212")  # hyphen-minus, and the minus sign some keyboards type


def read_whole(text: str, group: str = "") -> int | None:
    """The whole number a person typed, or None when ``text`` is not one.

    The one reader of a typed number. Blanks are ignored wherever they are (spaces,
    no-break and thin spaces: "1 05" is 105); ``group``, the page's grouping separator,
    only between groups of three digits ("1,050" is 1050 on an English page, "1,05" is
    refused: it may be a decimal); a leading minus is read ("-1" is -1, so that the reader
    is told the lowest total, not that it is no number); digits are ASCII only.
    """
    compact = "".join(ch for ch in text if not ch.isspace())
    negative = compact.startswith(_MINUS)
    if negative:
        compact = compact[1:]
    groups = compact.split(group) if group and not group.isspace() else [compact]
    if not all(g.isascii() and g.isdigit() for g in groups):
        return None
    if len(groups) > 1 and not (len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
        return None
    digits = "".join(groups).lstrip("0") or "0"
    if len(digits) > 4000:  # int() refuses longer text; such a number is out of any range
        return None
    return -int(digits) if negative else int(digits)


@dataclass(frozen=True)
class Formats:
    """Numbers, money and dates in one locale, as Babel would print them."""

    lang: str

    @property
    def _data(self) -> dict[str, Any]:
        data: dict[str, Any] = _formats()[self.lang]
        return data

    def integer(self, value: int) -> str:
        return self._group(str(abs(value)), sign=value < 0)

    def read_integer(self, text: str) -> int | None:
        """A whole number as a person types it on a page in this locale (:func:`read_whole`)."""
        return read_whole(text, self._data["group"])

    def money(self, amount: Decimal, currency: str) -> str:
        digits: int = self._data["currency_digits"].get(currency, 2)  # JPY: 0
        quantized = amount.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_EVEN)
        whole, _, cents = f"{abs(quantized):f}".partition(".")
        number = self._group(whole, sign=False)
        if digits:
            number += self._data["decimal"] + cents.ljust(digits, "0")
        symbol = self._data["currencies"].get(currency, currency)
        pattern: str = self._data["currency_pattern"]
        text = pattern.replace("¤", symbol).replace("#", number, 1)
        return ("-" if quantized < 0 else "") + text

    def date(self, value: date) -> str:
        months: list[str] = self._data["months_abbr"]

        def field(match: re.Match[str]) -> str:
            token = match.group(0)
            if token.startswith("'"):
                return token[1:-1] or "'"
            kind, width = token[0], len(token)
            if kind == "d":
                return f"{value.day:0{width}d}"
            if kind == "M":
                if width >= 3:
                    return months[value.month - 1]
                return f"{value.month:0{width}d}"
            if kind == "y":
                return f"{value.year % 100:02d}" if width == 2 else str(value.year)
            return token

        return _FIELD.sub(field, self._data["date_pattern"])

    def _group(self, digits: str, *, sign: bool) -> str:
        group: str = self._data["group"]
        parts: list[str] = []
        while len(digits) > 3:
            digits, tail = digits[:-3], digits[-3:]
            parts.insert(0, tail)
        parts.insert(0, digits)
        return ("-" if sign else "") + group.join(parts)
