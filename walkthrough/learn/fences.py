"""One line at a time: is it a moniker fence, is it well formed, and what should it say?

A line is *fence-like* when it starts (after indentation) with colons and the word
``moniker`` or ``moniker-end``; other ``:::`` lines (``::: zone``, ``:::image:::``) are text.
A fence-like line is well formed when it reads exactly

    ::: moniker range="<range>"
    ::: moniker-end

(case-insensitive, any indentation, trailing spaces allowed). Anything else is reported
with the well-formed line to write instead. Whether ``<range>`` itself is valid is the
scanner's business (it knows the product's monikers and the page's clouds).

Machine translation also translates and reorders a fence's keywords: ``:: モニカー
range="o365-worldwide"`` (ja-JP), ``:: نطاق moniker="o365-worldwide"`` (ar-SA), ``:::
moniker område="o365-worldwide"``. A colon line is a moniker fence whose keywords were
translated (LEARN014, with the fence to write) when the word ``moniker`` is anywhere on it,
or when one of its ``key="value"`` attributes has a value naming only the docset's monikers
(``simulator.markets.MONIKERS``), or when it is a single ``word-end`` or ``moniker-word``.
A ``::: zone`` fence (Learn's pivots, which the kit does not select) is reported when its
attribute is not ``pivot`` or ``target``, or a ``pivot="..."`` follows another word; it
stays text either way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar, Literal

from simulator.markets import MONIKERS

from .diagnostics import Diagnostic
from .monikers import named


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
        codes = [code for code, _ in self.problems]  # translated keywords first: the cause
        code = "LEARN014" if "LEARN014" in codes else codes[0]
        return Diagnostic.of(code, path=path, line=line, message=message)


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

    COLON_LINE = re.compile(r"^[ \t]*(?P<colons>:+)[ \t]*(?P<body>[^:\s].*?)[ \t]*$")
    ATTR = re.compile(
        r"(?P<key>[^\s=\"'“”„«»‘’]+)[ \t]*=[ \t]*"
        r"(?P<value>\"[^\"]*\"|'[^']*'|[‘’“”„«»][^‘’“”„«»]*[‘’“”„«»]|[^\s\"']+)"
    )
    ZONE_KEYS = frozenset({"pivot", "target"})

    @classmethod
    def parse(cls, line: str) -> Fence | None:
        """The fence on ``line``, or None when the line is not fence-like."""
        m = cls.LIKE.match(line)
        if m is None:
            return cls._translated(line)
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
    def _translated(cls, line: str) -> Fence | None:
        """A moniker fence whose keywords were translated or reordered, or None."""
        m = cls.COLON_LINE.match(line)
        if m is None or m["body"].endswith(":::"):  # ``:::image ... :::`` and friends
            return None
        body = m["body"]
        attrs = [
            (a["key"], a["value"].strip("\"'‘’“”„«»").strip()) for a in cls.ATTR.finditer(body)
        ]
        words = cls.ATTR.sub(" ", body).split()
        ranges = [value for _, value in attrs if _names_monikers(value)]
        said = any(w.casefold() == "moniker" for w in words) or any(
            k.casefold() == "moniker" for k, _ in attrs
        )
        word = words[0].casefold() if len(words) == 1 and not attrs else ""
        end = word.endswith("-end") or word.startswith("moniker-")  # ``moniker-slut``
        if word == "zone-end":
            return None
        if not (ranges or said or end):
            return None
        problems: list[tuple[str, str]] = [
            ("LEARN014", f"moniker fence `{body}` with its keywords translated or reordered")
        ]
        if len(m["colons"]) != 3:
            problems.append(
                ("LEARN001", f"moniker fence with {len(m['colons'])} colons instead of 3")
            )
        if end:
            return Fence("end", "", tuple(problems))
        expr = ranges[0] if ranges else attrs[0][1] if attrs else ""
        return Fence("start", expr, tuple(problems))

    @classmethod
    def zone_problem(cls, line: str) -> str | None:
        """What is wrong with a ``::: zone`` fence whose keyword was translated, or None
        (not a zone fence, or a well-formed one)."""
        m = cls.COLON_LINE.match(line)
        if m is None or m["body"].endswith(":::"):
            return None
        attrs = [(a["key"], a["value"]) for a in cls.ATTR.finditer(m["body"])]
        words = cls.ATTR.sub(" ", m["body"]).split()
        if not attrs or len(attrs) > 1:
            return None
        (key, value), first = attrs[0], words[0].casefold() if words else ""
        if first == "zone" and len(words) == 1 and key.casefold() not in cls.ZONE_KEYS:
            wrote = f"`{key}` instead of `pivot`"
        elif key.casefold() == "pivot" and first != "zone":
            wrote = f"`{' '.join(words) or '(nothing)'}` instead of `zone`"
        else:
            return None
        value = value.strip("\"'‘’“”„«»")
        return (
            f"zone fence with its keyword translated or reordered ({wrote}); "
            f'write `::: zone pivot="{value}"`'
        )

    @classmethod
    def _range(cls, rest: str, problems: list[tuple[str, str]]) -> str:
        """The range's text, noting what is wrong with how it is written."""
        m = cls.RANGE.match(rest)
        if m is None and (attr := cls.ATTR.fullmatch(rest.strip())):  # ``område="..."``
            key = attr["key"]
            problems.append(("LEARN014", f"moniker fence with `{key}` instead of `range`"))
            return attr["value"].strip("\"'‘’“”„«»").strip()
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


def _names_monikers(value: str) -> bool:
    """Whether ``value`` names monikers of the docset, and only them (a range's value)."""
    names = named(value)
    known = {m.casefold() for m in MONIKERS}
    return bool(names) and all(n.casefold() in known for n in names)
