"""The step checker's rule tables are what their modules' docstrings say they are."""

from __future__ import annotations

import re
from types import ModuleType

import pytest

from walkthrough.steps import codes, path_rules, span_rules

TABLES = {
    "span_rules": (span_rules, [rule.__name__ for rule in span_rules.SPAN_RULES]),
    "path_rules": (path_rules, [rule.__name__ for rule in path_rules.PATH_RULES]),
}


def _rows(module: ModuleType) -> list[str]:
    return [
        line.strip() for line in (module.__doc__ or "").splitlines() if line.startswith("    _")
    ]


@pytest.mark.parametrize("name", TABLES)
def test_the_docstring_lists_the_rules_in_their_order(name: str) -> None:
    module, rules = TABLES[name]
    assert [row.split()[0] for row in _rows(module)] == rules


@pytest.mark.parametrize("name", TABLES)
def test_the_docstring_names_only_codes_that_exist(name: str) -> None:
    module, _ = TABLES[name]
    named = {code for row in _rows(module) for code in re.findall(r"\b[a-z]+(?:-[a-z]+)+\b", row)}
    assert named and named <= set(codes.CODES)
