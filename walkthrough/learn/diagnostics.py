"""Diagnostics: what is wrong in a Learn Markdown file, where, and what to write instead.

The codes are stable; the step checker and writers' tools may match on them. Each code's
name, severity and what it is reported for are :data:`CODES`; the writers' table of every
code (``walkthrough/steps/CODES.md``) is generated from it and the checker's own codes.

Recovery never hides text: a malformed fence stays visible as text and the lines after it
belong to every cloud; only a well-formed zone restricts its lines to its clouds.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]

CODES: dict[str, tuple[str, Severity, str]] = {
    "LEARN001": ("fence-colons", "error", 'not three colons: `:: moniker range="..."`'),
    "LEARN002": ("range-quotes", "error", "a range in single, curly or no quotes"),
    "LEARN003": ("range-equals-spacing", "error", 'spaces around `=`: `range = "..."`'),
    "LEARN004": ("fence-syntax", "error", "other malformed fences: no range, extra text"),
    "LEARN005": ("zone-unclosed", "error", "a zone without its `::: moniker-end`"),
    "LEARN006": ("zone-end-stray", "error", "a `::: moniker-end` that closes no zone"),
    "LEARN007": ("zone-nested", "error", "a zone opened inside another zone"),
    "LEARN008": ("moniker-unknown", "error", "a moniker the product does not have"),
    "LEARN009": ("range-syntax", "error", 'a range off the grammar: `range=">="`'),
    "LEARN010": ("zone-empty-for-page", "warning", "a range selecting none of the page's clouds"),
    "LEARN011": ("alert-marker-not-alone", "warning", "text after the marker: `> [!NOTE] Text`"),
    "LEARN012": ("alert-unknown-type", "warning", "a type that is not one of the five"),
    "LEARN013": (
        "moniker-retired",
        "warning",
        'a range naming a retired cloud: `range="o365-germany"` (shown in no cloud)',
    ),
    "LEARN014": (
        "fence-keyword",
        "error",
        "a keyword translated, reordered or replaced: `:: モニカー range=`, "
        '`:: نطاق moniker=`, `::: moniker område=`, `::: zone drejepunkt="..."`',
    ),
}

# Under "mkdocs." so that `mkdocs build --strict` counts our warnings and errors.
log = logging.getLogger("mkdocs.plugins.ssp_learn")
_LEVELS = {"error": logging.ERROR, "warning": logging.WARNING, "info": logging.INFO}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding, at a 1-based line of the source file (front matter included)."""

    path: str
    line: int
    severity: Severity
    code: str
    message: str

    @classmethod
    def of(cls, code: str, *, path: str, line: int, message: str) -> Diagnostic:
        """A diagnostic with the severity its code has in :data:`CODES`."""
        return cls(path=path, line=line, severity=CODES[code][1], code=code, message=message)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.code} {self.message}"


def report(diagnostics: Iterable[Diagnostic]) -> None:
    """Log each diagnostic at its severity, as ``path:line: CODE message``."""
    for diagnostic in diagnostics:
        log.log(_LEVELS[diagnostic.severity], "%s", diagnostic)
