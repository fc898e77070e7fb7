"""Checking files: extraction, static verdicts, the runner, into a ``Report``."""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from simulator.controls import CONTROLS
from walkthrough.learn.diagnostics import Diagnostic
from walkthrough.steps import extract, grammar, inline, verdicts, vocabulary
from walkthrough.steps.codes import Finding
from walkthrough.steps.intent import Intent
from walkthrough.steps.locale import locale_of
from walkthrough.steps.model import Article, Procedure, Step
from walkthrough.steps.report import FileReport, ProcedureReport, Report, StepReport
from walkthrough.steps.span_rules import untranslated
from walkthrough.steps.vocabulary import (
    CatalogNotCompiled,
    Vocabulary,
    VocabularyError,
    english_control,
    from_catalog,
)

from .driver import Driver, NullDriver
from .runner import run_procedure
from .shard import assign

VocabularyLoader = Callable[[str], Vocabulary]
_SIMULATOR = re.compile(r"<div\b([^>]*\bdata-simulator\b[^>]*)>", re.I)
_ATTR = re.compile(r'data-([\w-]+)(?:="([^"]*)")?')


class UsageError(ValueError):
    """A path the checker cannot use (missing, unreadable, or a folder without articles), or
    a kit whose catalogs and grammars are not compiled: the message says what to do."""


def articles(paths: Sequence[str]) -> list[tuple[Path, bool]]:
    """The Markdown files named by ``paths`` (folders are searched recursively), each with
    whether it was named itself (True) or found in a folder."""
    out: list[tuple[Path, bool]] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(path.rglob("*.md"))
            if not found:
                raise UsageError(
                    f"{name}: a folder with no .md file; give articles or folders of them"
                )
            out.extend((p, False) for p in found)
        elif path.is_file():
            out.append((path, True))
        else:
            raise UsageError(f"{name}: no such file or folder")
    return out


def simulators(text: str) -> dict[str, dict[str, str]]:
    """The article's simulators by procedure id: ``{"scenario", "screen"}`` of each
    ``<div data-simulator data-procedure=...>`` (the kit's pages have one per procedure)."""
    out: dict[str, dict[str, str]] = {}
    for match in _SIMULATOR.finditer(text):
        attrs = {k: html.unescape(v or "") for k, v in _ATTR.findall(match.group(1))}
        if attrs.get("procedure"):
            out[attrs["procedure"]] = {
                "scenario": attrs.get("scenario") or "default",
                "screen": attrs.get("screen") or "products",
            }
    return out


@dataclass(frozen=True, slots=True)
class _Extracted:
    """One file as last checked: its text and its extraction."""

    text: str
    article: Article


_FILES: dict[tuple[str, str | None, tuple[str, ...] | None], _Extracted] = {}


def _article(text: str, path: str, locale: str | None, monikers: tuple[str, ...] | None) -> Article:
    """``path`` extracted, once per text: ``mkdocs serve`` re-checks unchanged pages, and so
    does a second check of a docs set in one process. One entry per file, replaced when its
    text changes, so a docs set larger than a bounded cache is not extracted again on every
    pass (bench/bench_docset.py, 6,000 files: with a 4,096-entry LRU cache, and verdicts
    forgotten past 20,000, the second pass checked 9,700 steps per CPU second, no faster
    than the first; with both kept, 16,300, for 53 MiB more at the peak: 283 -> 336 MiB)."""
    key = (path, locale, monikers)
    entry = _FILES.get(key)
    if entry is None or entry.text != text:
        article = extract.article(text, path=path, locale=locale, monikers=monikers)
        entry = _FILES[key] = _Extracted(text, article)
    return entry.article


#: Every step's verdict: as many as the distinct steps checked in this process, a docs
#: set's (many repeat: the same step at the same line in several files), and the steps an
#: edit moved in a ``mkdocs serve`` session (tens per edit).
_VERDICTS: dict[tuple[Step, str, Vocabulary], verdicts.Verdict] = {}


def _analyse(step: Step, rules: grammar.Grammar, vocab: Vocabulary) -> verdicts.Verdict:
    """A step's static verdict, once per step and locale (a pure function of them; the
    grammar is ``grammar.load``'s, one per locale)."""
    key = (step, rules.locale, vocab)
    verdict = _VERDICTS.get(key)
    if verdict is None:
        verdict = _VERDICTS[key] = verdicts.analyse(step, rules, vocab)
    return verdict


def clear_caches() -> None:
    """Forget what earlier checks kept (extraction, verdicts, segments, label similarities):
    the next check is a first pass (bench/bench_checker.py measures one)."""
    _FILES.clear()
    _VERDICTS.clear()
    inline.segments.cache_clear()
    vocabulary.clear_caches()


def _leftover_english(step: Step, locale: str) -> tuple[Finding, ...]:
    """In an article the kit cannot check (a language it does not have yet), the labels
    left in English in its bold and link text: bilingual exports keep only the target text
    (``steps.inline``), so what is English there was never translated."""
    if locale_of(locale) == "en":
        return ()
    out = []
    for seg in step.segments:
        if seg.kind == "link" or seg.bold:
            text = " ".join(seg.text.split())
            if entry := english_control(text):
                out.append(untranslated(text, entry, None))
    return tuple(out)


def check_text(
    text: str,
    path: str,
    *,
    locale: str | None = None,
    monikers: Sequence[str] | None = None,
    driver: Driver | None = None,
    vocabulary: VocabularyLoader = from_catalog,
    select: Callable[[Procedure], bool] | None = None,
) -> FileReport:
    """``text``'s report; ``select``: run only the procedures it accepts (pytest's items)."""
    found = _article(text, path, locale, tuple(monikers) if monikers else None)
    if select is not None:
        found = replace(found, procedures=tuple(p for p in found.procedures if select(p)))
    diagnostics = list(found.diagnostics)
    vocab: Vocabulary | None = None
    try:
        rules = grammar.load(found.locale)
    except grammar.GrammarError as error:
        rules = None
        diagnostics.insert(0, Diagnostic(path, 1, "error", "grammar-invalid", str(error)))
    except grammar.GrammarsNotCompiled as error:  # would check nothing, and say all is well
        raise UsageError(str(error)) from error
    try:
        vocab = vocabulary(found.locale)
    except CatalogNotCompiled as error:
        raise UsageError(str(error)) from error
    except VocabularyError as error:
        diagnostics.insert(0, Diagnostic(path, 1, "warning", "locale-unsupported", str(error)))
    if vocab is not None and rules is None:
        diagnostics.insert(
            0,
            Diagnostic(
                path,
                1,
                "warning",
                "locale-unsupported",
                f"the kit has no step grammar for {found.locale!r} "
                f"(locales/{found.locale}/grammar.yml); steps are extracted but not checked",
            ),
        )
    runner = driver or NullDriver()
    executed = runner.name != "static"
    if vocab is None or rules is None:  # no step could be run, whatever it asks
        why = f"no catalog or step grammar for {found.locale!r}" if executed else ""
        procedures = tuple(
            ProcedureReport(
                p.title,
                p.line,
                p.moniker,
                p.procedure_id,
                tuple(
                    StepReport(
                        s.line, s.text, "unchecked", _leftover_english(s, found.locale), not_run=why
                    )
                    for s in p.all_steps()
                ),
            )
            for p in found.procedures
        )
        return FileReport(path, found.locale, tuple(diagnostics), procedures, checked=False)
    by_line = extract.steps_by_line(found)
    judged = {line: _analyse(step, rules, vocab) for line, step in by_line.items()}
    placed = simulators(text)
    reports: list[ProcedureReport] = []
    exercised: set[str] = set()
    for procedure in found.procedures:
        settings = {**placed.get(procedure.procedure_id or "", {}), "article": path}
        results = run_procedure(runner, procedure, judged, found.locale, settings)
        for result in results:
            if executed:  # coverage from what the driver did
                exercised.update(result.exercised)
            else:  # static mode: from what the steps name
                exercised.update(c.key for a in result.intent.actions for c in a.controls)
        reports.append(
            ProcedureReport(
                procedure.title,
                procedure.line,
                procedure.moniker,
                procedure.procedure_id,
                tuple(
                    StepReport(
                        r.step.line,
                        r.step.text,
                        r.status,
                        r.findings,
                        r.artifacts,
                        "; ".join(a.describe() for a in r.intent.actions),
                        r.not_run,
                    )
                    for r in results
                ),
            )
        )
    return FileReport(path, found.locale, tuple(diagnostics), tuple(reports), frozenset(exercised))


def intents(
    text: str, path: str, locale: str | None = None
) -> tuple[str, list[tuple[Procedure, dict[int, Intent]]]]:
    """The article's locale, and each procedure with the intents of its steps (by line),
    as the checker infers them (the guided practice's source: ``steps.guide``). Raises
    ``UsageError`` when the kit has no grammar or vocabulary for the article's locale."""
    found = _article(text, path, locale, None)
    try:
        rules = grammar.load(found.locale)
        vocab = from_catalog(found.locale)
    except (grammar.GrammarError, grammar.GrammarsNotCompiled, VocabularyError) as error:
        raise UsageError(f"{path}: no intents in {found.locale!r}: {error}") from error
    if rules is None:
        raise UsageError(f"{path}: the kit has no step grammar for {found.locale!r}")
    by_line = extract.steps_by_line(found)
    return found.locale, [
        (p, {s.line: _analyse(by_line[s.line], rules, vocab).intent for s in p.all_steps()})
        for p in found.procedures
    ]


def check_file(path: Path, **options: object) -> FileReport:
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError as error:
        raise UsageError(f"{path}: cannot read it ({error.strerror})") from error
    return check_text(text, str(path), **options)  # type: ignore[arg-type]


def check_paths(
    paths: Sequence[str],
    *,
    locale: str | None = None,
    monikers: Sequence[str] | None = None,
    driver: Driver | None = None,
    vocabulary: VocabularyLoader = from_catalog,
    shard: tuple[int, int] | None = None,
    durations: Mapping[str, float] | None = None,
    timings: dict[str, float] | None = None,
) -> Report:
    """The report of every article ``paths`` name; ``shard``: (I, N), only the files shard
    I of N checks (``shard.assign``, balanced by ``durations``); ``timings``: filled with
    each file's checking time, in seconds (``--store-durations``)."""
    found = articles(paths)
    if shard is not None:
        index, count = shard
        chosen = assign([str(p) for p, _ in found], count, durations)
        found = [item for item, s in zip(found, chosen, strict=True) if s == index - 1]
    files: list[FileReport] = []
    for path, named in found:
        started = time.perf_counter()
        report = check_file(
            path, locale=locale, monikers=monikers, driver=driver, vocabulary=vocabulary
        )
        files.append(_named(report) if named else report)
        if timings is not None:
            timings[str(path)] = time.perf_counter() - started
    return Report(tuple(files), ALL_CONTROLS)


#: The controls a step can use, in ``simulator.controls`` order (coverage).
ALL_CONTROLS = tuple(k for k, c in CONTROLS.items() if c.role)


def _named(report: FileReport) -> FileReport:
    """A file named on the command line in which no step is found fails: checking it has
    checked nothing (found in a folder, such a file, an index page, is only listed)."""
    if report.procedures:
        return report
    diagnostics = tuple(
        Diagnostic(
            d.path,
            d.line,
            "error",
            "no-steps",
            "no step found in a file named on the command line (a procedure is a heading "
            "followed by a numbered list); name an article, or its folder",
        )
        if d.code == "no-procedures"
        else d
        for d in report.diagnostics
    )
    return replace(report, diagnostics=diagnostics)
