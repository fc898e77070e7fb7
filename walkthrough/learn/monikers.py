"""Learn's moniker range grammar, over one product's ordered list of monikers.

    range  := and ( "||" and )*          OR: content shows where any alternative holds
    and    := term ( whitespace term )*  AND: every term holds
    term   := [ "=" | "<" | "<=" | ">" | ">=" ] moniker

A term without an operator means ``=``; ``<`` and friends compare positions in the ordered
list (``o365-worldwide < o365-21vianet``). Whitespace may separate an operator from its
moniker (real articles write ``range="<= tfs-2018"``). Monikers are case-insensitive.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Sequence

from simulator.markets import CLOUDS, MONIKERS

#: The docset's monikers in range order, retired clouds included (simulator.markets).
DEFAULT_MONIKERS: tuple[str, ...] = MONIKERS
#: The clouds the kit serves: where a page and its zones can show.
KIT_MONIKERS: tuple[str, ...] = tuple(c.cloud.value for c in CLOUDS)


class RangeError(ValueError):
    """A range that does not follow the grammar; the message says what to write instead."""


class UnknownMonikerError(RangeError):
    """A range naming a moniker the product does not have."""

    def __init__(self, moniker: str, monikers: Sequence[str]) -> None:
        self.moniker = moniker
        known = ", ".join(monikers)
        super().__init__(f"unknown moniker `{moniker}`; known monikers: {known}")


class _Tokens:
    """Split a range into ``||``, operators and monikers."""

    TOKEN = re.compile(r"(?P<or>\|\|)|(?P<op><=|>=|=|<|>)|(?P<name>[^\s|<>=]+)")
    SPACE = re.compile(r"\s+")

    @classmethod
    def split(cls, expr: str) -> list[tuple[str, str]]:
        tokens: list[tuple[str, str]] = []
        pos = 0
        while pos < len(expr):
            if space := cls.SPACE.match(expr, pos):
                pos = space.end()
                continue
            m = cls.TOKEN.match(expr, pos)
            if m is None or m.lastgroup is None:
                raise RangeError(f"unexpected `{expr[pos]}` in range `{expr}`; write `||` for OR")
            tokens.append((m.lastgroup, m.group(m.lastgroup)))
            pos = m.end()
        return tokens


_COMPARE: dict[str, Callable[[int, int], bool]] = {
    "=": operator.eq,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def _term(op: str, name: str, order: Sequence[str]) -> set[str]:
    index = order.index(name)
    return {m for i, m in enumerate(order) if _COMPARE[op](i, index)}


def _alternatives(expr: str, tokens: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Group tokens into alternatives of (operator, moniker) terms, checking the grammar."""
    alternatives: list[list[tuple[str, str]]] = [[]]
    op: str | None = None
    for kind, text in tokens:
        if kind == "or":
            if op is not None or not alternatives[-1]:
                raise RangeError(f"`||` without a moniker before it in range `{expr}`")
            alternatives.append([])
        elif kind == "op":
            if op is not None:
                raise RangeError(
                    f"`{op}` followed by `{text}` in range `{expr}`; write one operator "
                    f"before each moniker, e.g. `{text}o365-worldwide`"
                )
            op = text
        else:
            alternatives[-1].append((op or "=", text))
            op = None
    if op is not None:
        raise RangeError(f"`{op}` without a moniker in range `{expr}`; write e.g. `{op}moniker`")
    if not alternatives[-1]:
        what = "empty range" if len(alternatives) == 1 else f"`||` at the end of `{expr}`"
        raise RangeError(f"{what}; write e.g. `o365-worldwide || o365-21vianet`")
    return alternatives


def named(expr: str) -> list[str]:
    """The monikers ``expr`` names, as written (whatever the grammar says of it)."""
    try:
        return [text for kind, text in _Tokens.split(expr) if kind == "name"]
    except RangeError:
        return []


def parse_range(expr: str, monikers: Sequence[str] = DEFAULT_MONIKERS) -> set[str]:
    """The monikers (spelled as in ``monikers``) that ``expr`` selects.

    ``monikers`` is the product's whole ordered list, not a page's subset: comparators
    are positions in it. Raises :class:`RangeError` (or :class:`UnknownMonikerError`).
    """
    order = [m.lower() for m in monikers]
    selected: set[str] = set()
    for alternative in _alternatives(expr, _Tokens.split(expr)):
        terms: set[str] | None = None
        for op, name in alternative:
            if name.lower() not in order:
                raise UnknownMonikerError(name, monikers)
            matched = _term(op, name.lower(), order)
            terms = matched if terms is None else terms & matched
        selected |= terms or set()
    return {m for m in monikers if m.lower() in selected}
