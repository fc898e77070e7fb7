"""One line at a time: is it a moniker fence, is it well formed, and what should it say?

A line is *fence-like* when it starts (after indentation) with colons and the word
``moniker`` or ``moniker-end``; other ``:::`` lines (``::: zone``, ``:::image:::``) are text.
A fence-like line is well formed when it reads exactly

    ::: moniker range="<range>"
    ::: moniker-end

(case-insensitive, any indentation, trailing spaces allowed). Anything else is reported
with the well-formed line to write instead. Whether ``<range>`` itself is valid is the
scanner's business (it knows the product's monikers and the page's clouds).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar, Literal

from .diagnostics import Diagnostic


@dataclass(frozen=True, slots=True)
class Fence:
    """A fence-like line; ``problems`` is empty when it is well formed."""

    kind: Literal["start", "end"]
    expr: str
    problems: tuple[tuple[str, str], ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def suggestion(self) -> str:
        """The well-formed line a writer should write instead."""
        if self.kind == "end":
            return "::: moniker-end"
        return f'::: moniker range="{self.expr or "..."}"'

    def diagnostic(self, *, path: str, line: int) -> Diagnostic:
        """The problems of a malformed fence, as one diagnostic coded by the first."""
        what = "; ".join(problem for _, problem in self.problems)
        message = f"{what}; write `{self.suggestion}`"
        return Diagnostic.of(self.problems[0][0], path=path, line=line, message=message)


class FenceParser:
    """Classify lines; the regexes are the grammar of a fence line."""

    LIKE = re.compile(
        r"^[ \t]*(?P<colons>:+)[ \t]*(?P<word>moniker-end|moniker)(?![\w-])(?P<rest>.*)$",
        re.IGNORECASE,
    )
    RANGE = re.compile(
        r"^[ \t]+range(?P<before>[ \t]*)=(?P<after>[ \t]*)(?P<value>.*?)[ \t]*$", re.IGNORECASE
    )
    DOUBLE_QUOTED = re.compile(r'^"(?P<inner>[^"]*)"(?P<trail>.*)$')
    OTHER_QUOTED = re.compile(r"^(?P<quote>['‘’“”„«»])(?P<inner>.*?)['‘’“”„«»\"](?P<trail>.*)$")
    QUOTE_NAMES: ClassVar[dict[str, str]] = {
        "'": "single quotes",
        "‘": "curly quotes",
        "’": "curly quotes",
    }

    @classmethod
    def parse(cls, line: str) -> Fence | None:
        """The fence on ``line``, or None when the line is not fence-like."""
        m = cls.LIKE.match(line)
        if m is None:
            return None
        problems: list[tuple[str, str]] = []
        colons = len(m["colons"])
        if colons != 3:
            problems.append(("LEARN001", f"moniker fence with {colons} colons instead of 3"))
        if m["word"].lower() == "moniker-end":
            if m["rest"].strip():
                problems.append(("LEARN004", f"text `{m['rest'].strip()}` after `moniker-end`"))
            return Fence("end", "", tuple(problems))
        expr = cls._range(m["rest"], problems)
        return Fence("start", expr, tuple(problems))

    @classmethod
    def _range(cls, rest: str, problems: list[tuple[str, str]]) -> str:
        """The range's text, noting what is wrong with how it is written."""
        m = cls.RANGE.match(rest)
        if m is None:
            found = f"`{rest.strip()}` instead of a range" if rest.strip() else "no range"
            problems.append(("LEARN004", f"moniker fence with {found}"))
            return ""
        if m["before"] or m["after"]:
            problems.append(("LEARN003", "spaces around `=` in `range=`"))
        value = m["value"]
        if quoted := cls.DOUBLE_QUOTED.match(value):
            inner, trail = quoted["inner"], quoted["trail"]
        elif quoted := cls.OTHER_QUOTED.match(value):
            inner, trail = quoted["inner"], quoted["trail"]
            name = cls.QUOTE_NAMES.get(quoted["quote"], "curly quotes")
            problems.append(("LEARN002", f"range in {name} instead of straight double quotes"))
        else:
            inner, trail = value, ""
            problems.append(("LEARN002", "range without double quotes"))
        if trail.strip():
            problems.append(("LEARN004", f"text `{trail.strip()}` after the range"))
        return inner.strip()
