"""The step checker while writing: ``mkdocs serve`` and ``mkdocs build`` run every step of
a page through the in-process driver and warn about the flagged ones.

One warning per flagged step and finding, as ``ssp-kit check`` prints it (path and line
of the source file, code, message, suggestion), so a writer sees a broken step on save;
``--strict`` turns them into a failed build. Steps with nothing to check are not warned
about (``no-reference`` is info). The driver and its screen graph live for the whole
``mkdocs serve`` session, so a re-check after a save costs milliseconds; a page whose
text has not changed is not checked again, its warnings are given again.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from walkthrough.checker.check import check_text
from walkthrough.checker.inprocess_driver import InProcessDriver
from walkthrough.steps.report import FileReport

from . import guides

GUIDE = "\0guide:"  # marks a guide's warning among the page's (given as "ssp-kit guide")

_DRIVER = InProcessDriver()
#: page path -> (hash of its text, warnings, guided practice: ``guides.build``)
_SEEN: dict[str, tuple[str, list[str], guides.Guides]] = {}
_LANGUAGES: dict[str, str] = {}  # page path -> the language it was checked in


def flagged(report: FileReport) -> list[str]:
    """``path:line: code: message (-> suggestion)`` for each flagged step, once per step
    and finding whatever the number of clouds showing it."""
    lines: dict[tuple[int, str, str], str] = {}
    for procedure in report.procedures:
        for step in procedure.steps:
            if not step.flagged:
                continue
            for finding in step.findings:
                if finding.severity == "info":
                    continue
                hint = f" -> {finding.suggestion}" if finding.suggestion else ""
                key = (step.line, finding.code, finding.message)
                lines.setdefault(
                    key, f"{report.path}:{step.line}: {finding.code}: {finding.message}{hint}"
                )
    return [lines[k] for k in sorted(lines)]


def check_page(source: Path, shown_as: str, language: str, log: logging.Logger) -> int:
    """Check the page ``source`` (reported as ``shown_as``; in its ``ms.contentlocale``,
    else the site's ``language`` for it); warn for its flagged steps. Returns how many
    warnings it gave."""
    try:
        text = source.read_text("utf-8-sig")
    except OSError:
        return 0
    digest = hashlib.sha256(f"{language}\n{text}".encode()).hexdigest()
    _LANGUAGES[shown_as] = language
    seen = _SEEN.get(shown_as)
    if seen is not None and seen[0] == digest:
        warnings = seen[1]  # unchanged since the last rebuild: the same verdicts
    else:
        try:
            locale = None if "ms.contentlocale" in text else language
            report = check_text(text, shown_as, locale=locale, driver=_DRIVER)
            practice, unguided = guides.build(text, shown_as, locale, report)
        except Exception as error:  # a bug of the checker must not hide the page
            log.warning("ssp-kit check: %s: the step checker failed: %s", shown_as, error)
            return 1
        warnings = flagged(report) + [f"{GUIDE}{line}" for line in unguided]
        _SEEN[shown_as] = (digest, warnings, practice)
    for line in warnings:
        if line.startswith(GUIDE):
            log.warning("ssp-kit guide: %s", line.removeprefix(GUIDE))
        else:
            log.warning("ssp-kit check: %s", line)
    return len(warnings)


def guides_of(shown_as: str, *, language: str | None = None) -> guides.Guides:
    """The guided practice of the page checked as ``shown_as`` (none when it was not);
    with ``language``, of every page checked in that language (the standalone simulator
    page offers them all; MkDocs checks every page before it writes one)."""
    if language is None:
        seen = _SEEN.get(shown_as)
        return seen[2] if seen is not None else {}
    every: guides.Guides = {}
    for page, (_, _, found) in _SEEN.items():
        if _LANGUAGES.get(page) == language:
            for pid, by_cloud in found.items():
                every.setdefault(pid, {}).update(by_cloud)
    return every
