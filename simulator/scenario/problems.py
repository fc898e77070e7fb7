"""What is wrong in a scenario, and how it is said: a field path and what to do about it.

Every message names the field (:func:`format_path`: ``subscriptions[1].total_licenses``)
and says, in plain words, what to write instead; :func:`shown` puts a value the way its
author wrote it, :func:`did_you_mean` finds the name they probably meant.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

PathItem = str | int
FieldPath = tuple[PathItem, ...]


def format_path(path: Sequence[PathItem]) -> str:
    """``("subscriptions", 1, "total_licenses")`` -> ``subscriptions[1].total_licenses``."""
    out = ""
    for item in path:
        out += f"[{item}]" if isinstance(item, int) else (f".{item}" if out else item)
    return out or "scenario"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a scenario: where (a field path) and what to do, in plain words."""

    path: FieldPath
    message: str  # in English
    msgid: str = ""  # the catalog's message, when the problem has one (rules between fields)
    values: tuple[tuple[str, str], ...] = ()

    def text(self, lang: str) -> str:
        """The message in ``lang`` (English when the catalog has no translation)."""
        if not self.msgid:
            return self.message
        from ..i18n import translations

        return translations(lang).gettext(self.msgid) % dict(self.values)

    @property
    def field(self) -> str:
        return format_path(self.path)

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class ScenarioError(ValueError):
    """A scenario is malformed: which file, which field, what is wrong."""

    def __init__(
        self, source: str, field: str, problem: str, problems: Sequence[Problem] = ()
    ) -> None:
        self.source, self.field, self.problem = source, field, problem
        self.problems = tuple(problems) or (Problem((field,), problem),)
        lines = [f"{source}: {p}" for p in self.problems]
        super().__init__("\n".join(lines))

    @classmethod
    def of(cls, source: str, problems: Sequence[Problem]) -> ScenarioError:
        first = problems[0]
        return cls(source, first.field, first.message, problems)


def shown(value: object) -> str:
    """A value as the scenario's author wrote it, for messages."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, Mapping):
        return "a group of fields"
    if isinstance(value, list):
        return "a list"
    return str(value)


def did_you_mean(word: str, candidates: Iterable[str]) -> list[str]:
    """The candidate closest to ``word``, if any is close (for "did you mean")."""
    import difflib  # only on a mistake: importing it costs 40 ms of every boot in Pyodide

    return difflib.get_close_matches(word, list(candidates), n=1)
