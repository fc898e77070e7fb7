"""Moniker zones: which source lines each cloud sees.

Uses ``walkthrough.learn.scan`` (the Learn extension's parser) when it is installed, so
the checker and the site agree on zones; until then, a minimal splitter of
``::: moniker range="..."`` / ``::: moniker-end``. Either way the checker also notes
fence-like lines that are not valid fences (``:: moniker range=...``): the step after
such a line is reported, since a reader of either cloud may see it.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .model import Diagnostic

MONIKERS = ("o365-worldwide", "o365-21vianet")
_OPEN = re.compile(r"^\s{0,3}:::\s*moniker\s+range\s*=\s*\"([^\"]*)\"\s*$")
_END = re.compile(r"^\s{0,3}:::\s*moniker-end\s*$")
_FENCE_LIKE = re.compile(r"^\s*:+\s*moniker\b")


@dataclass(frozen=True)
class Zones:
    visible: dict[str, tuple[tuple[int, str], ...]]  # moniker -> (line, text) it shows
    diagnostics: tuple[Diagnostic, ...]
    declared: bool  # the article has at least one moniker zone
    malformed: tuple[int, ...]  # lines that look like fences but are not

    def for_moniker(self, moniker: str) -> list[tuple[int, str]]:
        return list(self.visible.get(moniker, ()))


def _range_monikers(expression: str, monikers: Sequence[str]) -> frozenset[str]:
    named = {token.lstrip("=") for token in re.split(r"\s*\|\|\s*|\s+", expression) if token}
    return frozenset(m for m in monikers if m in named)


def malformed_fences(numbered: Sequence[tuple[int, str]]) -> tuple[int, ...]:
    return tuple(
        n
        for n, text in numbered
        if _FENCE_LIKE.match(text) and not (_OPEN.match(text) or _END.match(text))
    )


def _own_scan(
    numbered: Sequence[tuple[int, str]], path: str, monikers: Sequence[str]
) -> tuple[list[tuple[int, str, frozenset[str]]], list[Diagnostic], bool]:
    everyone = frozenset(monikers)
    out: list[tuple[int, str, frozenset[str]]] = []
    diagnostics: list[Diagnostic] = []
    current: frozenset[str] | None = None
    opened_at = 0
    declared = False
    for n, text in numbered:
        if opening := _OPEN.match(text):
            declared = True
            if current is not None:
                diagnostics.append(
                    Diagnostic(
                        path,
                        n,
                        "error",
                        "moniker-nested",
                        f"a moniker zone opens inside the one opened on line {opened_at}; "
                        "close it with '::: moniker-end' first",
                    )
                )
            current, opened_at = _range_monikers(opening.group(1), monikers), n
            continue
        if _END.match(text):
            if current is None:
                diagnostics.append(
                    Diagnostic(
                        path,
                        n,
                        "error",
                        "moniker-end-unmatched",
                        "'::: moniker-end' without an open zone; is the opening fence "
                        "written '::: moniker range=\"...\"' (three colons)?",
                    )
                )
            current = None
            continue
        out.append((n, text, everyone if current is None else current))
    if current is not None:
        diagnostics.append(
            Diagnostic(
                path,
                opened_at,
                "error",
                "moniker-unclosed",
                "this moniker zone is never closed; add '::: moniker-end'",
            )
        )
    return out, diagnostics, declared


def _learn_scan_source() -> Any:
    try:
        module = importlib.import_module("walkthrough.learn")
    except ImportError:
        return None
    return getattr(module, "scan_source", None)


def scan(
    text: str,
    numbered: Sequence[tuple[int, str]],
    path: str,
    monikers: Sequence[str] = MONIKERS,
) -> Zones:
    """Zones of an article: ``text`` is the whole file, ``numbered`` its body lines as
    (source line, text) pairs."""
    malformed = malformed_fences(numbered)
    learn = _learn_scan_source()
    if learn is not None:
        result = learn(text, path=path, monikers=tuple(monikers))
        visible = {
            m: tuple((int(line.number), str(line.text)) for line in result.for_moniker(m))
            for m in monikers
        }
        diagnostics = tuple(
            Diagnostic(path, int(d.line), d.severity, str(d.code), str(d.message))
            for d in result.diagnostics
        )
        return Zones(visible, diagnostics, bool(result.zones) or bool(malformed), malformed)
    own, own_diagnostics, declared = _own_scan(numbered, path, monikers)
    own_diagnostics += [
        Diagnostic(
            path,
            n,
            "error",
            "fence-malformed",
            "this line looks like a moniker fence but is not one; write "
            "'::: moniker range=\"...\"' or '::: moniker-end' (three colons)",
        )
        for n in malformed
    ]
    own_diagnostics.sort(key=lambda d: d.line)
    visible = {m: tuple((n, t) for n, t, seen in own if m in seen) for m in monikers}
    return Zones(visible, tuple(own_diagnostics), declared or bool(malformed), malformed)
