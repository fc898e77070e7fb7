"""Learn's range grammar: ``||`` OR, whitespace AND, comparators over the ordered list; the
docset's monikers (``simulator.markets.MONIKERS``), a retired cloud's zones among them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.markets import CLOUDS, MONIKERS
from walkthrough.checker.check import check_text
from walkthrough.checker.inprocess_driver import InProcessDriver
from walkthrough.learn import RangeError, UnknownMonikerError, parse_range, scan_source
from walkthrough.steps import extract

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


# Published articles of the era (../shared/articles/ja-JP, ko-KR, nl-NL, sv-SE, zh-CN) carry
# a zone for Microsoft Cloud Deutschland beside the kit's two, for a procedure's first step.
ERA = """\
---
ms.contentlocale: en-US
---
## <a name="how-to-buy-more-or-reduce-licenses"></a>How to buy more or reduce licenses

::: moniker range="o365-worldwide"

1. Go to **Billing** > **Your products**.

::: moniker-end

::: moniker range="o365-germany"

1. Go to **Billing** > **Your products**.

::: moniker-end

::: moniker range="o365-21vianet"

1. Go to **Billing** > **Your products**.
::: moniker-end
2. Choose **Buy licenses**.
"""


def test_the_docsets_monikers_know_the_retired_cloud() -> None:
    assert MONIKERS[: len(CLOUDS)] == tuple(c.cloud.value for c in CLOUDS)
    assert parse_range("o365-germany", MONIKERS) == {"o365-germany"}
    assert parse_range("o365-germany") == {"o365-germany"}  # the default list is the docset's
    assert parse_range(f"<{VN}", MONIKERS) == {WW}  # the kit's clouds keep their order


def test_a_retired_clouds_zone_is_a_warning_at_its_line_and_shows_in_no_cloud() -> None:
    found = scan_source(ERA, path="ja/a.md")
    assert [(d.line, d.code, d.severity) for d in found.diagnostics] == [
        (12, "LEARN013", "warning")
    ]
    assert "Microsoft Cloud Deutschland" in found.diagnostics[0].message
    assert found.page_monikers == BOTH
    germany_step = 14
    assert all(germany_step not in [n.number for n in found.for_moniker(m)] for m in BOTH)


def test_the_first_step_is_checked_once_per_cloud() -> None:
    article = extract.article(ERA, path="ja/a.md")
    assert article.monikers == (WW, VN)
    first_steps = {
        p.moniker: [s.line for s in p.steps if s.number == 1] for p in article.procedures
    }
    assert first_steps == {WW: [8], VN: [20]}
    report = check_text(ERA, "ja/a.md", driver=InProcessDriver())
    lines = [s.line for p in report.procedures for s in p.steps]
    assert lines == [8, 22, 20, 22]  # not the retired cloud's step 14, in either cloud


def test_a_page_for_a_retired_cloud_shows_in_none() -> None:
    found = scan_source("---\nmonikerRange: o365-germany\n---\nText.\n")
    assert found.page_monikers == frozenset()
    assert [(d.line, d.code) for d in found.diagnostics] == [(2, "LEARN013")]
    assert "the page shows in none of the kit's clouds" in found.diagnostics[0].message
