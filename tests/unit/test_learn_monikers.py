"""Learn's range grammar: ``||`` OR, whitespace AND, comparators over the ordered list."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from walkthrough.learn import RangeError, UnknownMonikerError, parse_range

WW, VN = "o365-worldwide", "o365-21vianet"
BOTH = {WW, VN}
VERSIONS = ("v1", "v2", "v3", "v4")


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("o365-worldwide", {WW}),
        ("=o365-21vianet", {VN}),
        ("o365-worldwide || o365-21vianet", BOTH),
        ("o365-worldwide||o365-21vianet", BOTH),
        ("<o365-21vianet", {WW}),
        ("<o365-worldwide", set()),
        ("<=o365-21vianet", BOTH),
        (">o365-worldwide", {VN}),
        (">o365-21vianet", set()),
        (">=o365-worldwide", BOTH),
        (">= o365-worldwide", BOTH),  # real articles put a space after the operator
        (">=o365-worldwide <=o365-21vianet", BOTH),
        (">=o365-worldwide >o365-worldwide", {VN}),
        ("o365-worldwide o365-21vianet", set()),  # AND of two different clouds
        ("O365-WorldWide", {WW}),
        ("  o365-21vianet  ", {VN}),
        ("<o365-worldwide || >=o365-21vianet", {VN}),
    ],
)
def test_ranges(expr: str, expected: set[str]) -> None:
    assert parse_range(expr, (WW, VN)) == expected


@pytest.mark.parametrize(
    ("expr", "message"),
    [
        ("", "empty range; write e.g. `o365-worldwide || o365-21vianet`"),
        ("   ", "empty range; write e.g. `o365-worldwide || o365-21vianet`"),
        (">=", "`>=` without a moniker in range `>=`; write e.g. `>=moniker`"),
        ("o365-worldwide ||", "`||` at the end of `o365-worldwide ||`; write e.g. "),
        ("|| o365-worldwide", "`||` without a moniker before it in range `|| o365-worldwide`"),
        ("a | b", "unexpected `|` in range `a | b`; write `||` for OR"),
        ("<= >= v1", "`<=` followed by `>=` in range `<= >= v1`; write one operator"),
    ],
)
def test_syntax_errors_say_what_to_write(expr: str, message: str) -> None:
    with pytest.raises(RangeError) as error:
        parse_range(expr, VERSIONS)
    assert not isinstance(error.value, UnknownMonikerError)
    assert str(error.value).startswith(message)


def test_unknown_moniker_names_it_and_the_known_ones() -> None:
    with pytest.raises(UnknownMonikerError) as error:
        parse_range("o365-worldwide || o365-germany", (WW, VN))
    assert error.value.moniker == "o365-germany"
    assert str(error.value) == (
        "unknown moniker `o365-germany`; known monikers: o365-worldwide, o365-21vianet"
    )


def test_the_order_is_the_products() -> None:
    assert parse_range(">v2 <v4", VERSIONS) == {"v3"}
    assert parse_range("<=v1 || >=v4", VERSIONS) == {"v1", "v4"}


terms = st.tuples(st.sampled_from(["", "=", "<", "<=", ">", ">="]), st.sampled_from(VERSIONS))


def term_text(term: tuple[str, str]) -> str:
    return term[0] + term[1]


@given(st.lists(st.lists(terms, min_size=1, max_size=3), min_size=1, max_size=3))
def test_or_of_ands_is_a_union_of_intersections(alternatives: list[list[tuple[str, str]]]) -> None:
    expr = " || ".join(" ".join(map(term_text, terms)) for terms in alternatives)
    expected: set[str] = set()
    for alternative in alternatives:
        selected = set(VERSIONS)
        for term in alternative:
            selected &= parse_range(term_text(term), VERSIONS)
        expected |= selected
    assert parse_range(expr, VERSIONS) == expected
    assert parse_range(expr.upper(), VERSIONS) == expected
