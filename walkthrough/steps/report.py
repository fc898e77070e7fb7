"""The checker's report and its three formats: text (for writers), JSON, JUnit XML.

JSON shape (keys exactly)::

    {"files": [{"path", "locale",
                "diagnostics": [{"line", "severity", "code", "message"}],
                "procedures": [{"title", "line", "moniker",
                                "steps": [{"line", "text", "status": "pass|fail|unchecked",
                                           "not_run",
                                           "findings": [{"code", "message", "suggestion"}]}]}]}],
     "summary": {"steps", "passed", "failed", "unchecked", "not_run"},
     "coverage": {"unexercised_controls", "steps_without_reference"}}

Lines are the source file's; ``suggestion`` is a string (empty when there is none);
``unexercised_controls`` lists control keys, ``steps_without_reference`` "path:line".

A step's ``not_run`` says why an unchecked step could not be run (an unsupported language,
a driver that could not start or cannot do what it asks); it is empty for a step that ran,
failed statically, has nothing to check, or was not meant to run (the static driver, a
``skip=`` annotation). ``summary.not_run`` counts such steps: a check that could not run
them has not passed (exit 1, unless ``ssp-kit check --allow-unchecked``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any
from xml.etree import ElementTree as ET

from walkthrough.learn.diagnostics import Diagnostic

from .codes import Finding


@dataclass(frozen=True)
class StepReport:
    line: int
    text: str
    status: str
    findings: tuple[Finding, ...]
    artifacts: tuple[str, ...] = ()  # a failure's screenshot and trace (browser driver)
    expected: str = ""  # what the step asks, as actions ("click Save; fill Total = 105")
    not_run: str = ""  # why it could not be run, when it should have been (module docstring)

    @property
    def flagged(self) -> bool:
        return self.status == "fail" or any(f.suggestion for f in self.findings)


@dataclass(frozen=True)
class ProcedureReport:
    title: str
    line: int
    moniker: str
    procedure_id: str | None
    steps: tuple[StepReport, ...]


@dataclass(frozen=True)
class FileReport:
    path: str
    locale: str
    diagnostics: tuple[Diagnostic, ...]
    procedures: tuple[ProcedureReport, ...]
    exercised: frozenset[str] = frozenset()  # control keys the steps use
    checked: bool = True  # False when the locale has no catalog or grammar


@dataclass(frozen=True)
class Report:
    files: tuple[FileReport, ...]
    all_controls: tuple[str, ...]

    def steps(self) -> list[StepReport]:
        return [s for f in self.files for p in f.procedures for s in p.steps]

    @property
    def summary(self) -> dict[str, int]:
        steps = self.steps()
        return {
            "steps": len(steps),
            "passed": sum(s.status == "pass" for s in steps),
            "failed": sum(s.status == "fail" for s in steps),
            "unchecked": sum(s.status == "unchecked" for s in steps),
            "not_run": sum(bool(s.not_run) for s in steps),
        }

    def not_run(self) -> Counter[str]:
        """How many steps could not be run, by why."""
        return Counter(s.not_run for s in self.steps() if s.not_run)

    @property
    def coverage(self) -> dict[str, list[str]]:
        used = set().union(*(f.exercised for f in self.files)) if self.files else set()
        without = {
            f"{f.path}:{s.line}"
            for f in self.files
            for p in f.procedures
            for s in p.steps
            if any(x.code == "no-reference" for x in s.findings)
        }
        return {
            "unexercised_controls": [k for k in self.all_controls if k not in used],
            "steps_without_reference": sorted(without, key=_path_line),
        }

    def passed(self, *, allow_unchecked: bool = False) -> bool:
        """Nothing failed, no error diagnostic, and every step that should run ran (unless
        ``allow_unchecked``): exit code 0. A check that checked nothing has not passed."""
        summary = self.summary
        return (
            summary["failed"] == 0
            and (allow_unchecked or summary["not_run"] == 0)
            and not any(d.severity == "error" for f in self.files for d in f.diagnostics)
        )


def _path_line(item: str) -> tuple[str, int]:
    path, _, line = item.rpartition(":")
    return path, int(line) if line.isdigit() else 0


def to_dict(report: Report) -> dict[str, Any]:
    return {
        "files": [
            {
                "path": f.path,
                "locale": f.locale,
                "diagnostics": [
                    {"line": d.line, "severity": d.severity, "code": d.code, "message": d.message}
                    for d in f.diagnostics
                ],
                "procedures": [
                    {
                        "title": p.title,
                        "line": p.line,
                        "moniker": p.moniker,
                        "steps": [
                            {
                                "line": s.line,
                                "text": s.text,
                                "status": s.status,
                                "not_run": s.not_run,
                                "findings": [
                                    {
                                        "code": x.code,
                                        "message": x.message,
                                        "suggestion": x.suggestion or "",
                                    }
                                    for x in s.findings
                                ],
                            }
                            for s in p.steps
                        ],
                    }
                    for p in f.procedures
                ],
            }
            for f in report.files
        ],
        "summary": report.summary,
        "coverage": report.coverage,
    }


def to_json(report: Report) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n"


def to_text(report: Report, *, verbose: bool = False) -> str:
    """One line per finding, ``path:line: severity code: message (suggestion)``; each
    step once even when several clouds show it; then the summary."""
    out: list[str] = []
    for f in report.files:
        for d in f.diagnostics:
            out.append(f"{f.path}:{d.line}: {d.severity} {d.code}: {d.message}")
        seen: dict[tuple[int, str, str], list[str]] = {}
        order: list[tuple[int, str, str, str]] = []
        for p in f.procedures:
            for s in p.steps:
                for x in s.findings:
                    if x.severity == "info" and not verbose:
                        continue
                    key = (s.line, x.code, x.message)
                    if key not in seen:
                        seen[key] = []
                        hint = f" -> {x.suggestion}" if x.suggestion else ""
                        order.append((s.line, x.severity, x.code, f"{x.message}{hint}"))
                    seen[key].append(p.moniker)
        for line, severity, code, message in sorted(order, key=lambda o: o[0]):
            out.append(f"{f.path}:{line}: {severity} {code}: {message}")
    out.append(summary_line(report.summary, report.coverage, report.not_run()))
    return "\n".join(out) + "\n"


def summary_line(
    totals: dict[str, int], coverage: dict[str, list[str]], not_run: Counter[str]
) -> str:
    """The text report's last line: the counts, and why steps could not be run."""
    why = ""
    if totals["not_run"]:
        reasons = "; ".join(f"{reason} ({n})" for reason, n in not_run.most_common())
        why = f" ({totals['not_run']} could not be run: {reasons})"
    return (
        f"{totals['steps']} steps: {totals['passed']} passed, {totals['failed']} failed, "
        f"{totals['unchecked']} unchecked{why}; {len(coverage['unexercised_controls'])} "
        f"controls no step uses, {len(coverage['steps_without_reference'])} steps with "
        "nothing to check"
    )


def to_junit(report: Report) -> str:
    """One test suite per file, one test case per step and cloud, named as the doc reads."""
    suites = ET.Element("testsuites", name="ssp-kit check")
    for f in report.files:
        steps = [(p, s) for p in f.procedures for s in p.steps]
        errors = [d for d in f.diagnostics if d.severity == "error"]
        suite = ET.SubElement(
            suites,
            "testsuite",
            name=f.path,
            tests=str(len(steps) + len(errors)),
            failures=str(sum(s.status == "fail" for _, s in steps)),
            errors=str(sum(bool(s.not_run) for _, s in steps) + len(errors)),
            skipped=str(sum(s.status == "unchecked" and not s.not_run for _, s in steps)),
        )
        for p, s in steps:
            case = ET.SubElement(
                suite,
                "testcase",
                classname=f"{f.locale}/{p.moniker}/{p.title}",
                name=f"{f.path}:{s.line} {s.text}",
            )
            details = "\n".join(
                f"{x.code}: {x.message}" + (f" -> {x.suggestion}" if x.suggestion else "")
                for x in s.findings
            )
            if s.status == "fail":
                failure = ET.SubElement(
                    case, "failure", message=details.splitlines()[0] if details else "failed"
                )
                failure.text = details
            elif s.not_run:  # a check that could not run it has not passed
                ET.SubElement(case, "error", message=f"could not be run: {s.not_run}")
            elif s.status == "unchecked":
                ET.SubElement(case, "skipped", message=details or "not executed (static mode)")
        for d in errors:
            case = ET.SubElement(
                suite, "testcase", classname=f.path, name=f"{f.path}:{d.line} {d.code}"
            )
            ET.SubElement(case, "error", message=d.message)
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


FORMATS = {"text": to_text, "json": to_json, "junit": to_junit}


class MergeError(ValueError):
    """Reports that cannot be joined (not the checker's JSON, a file in two of them)."""


def from_dict(data: dict[str, Any]) -> Report:
    """A report read back from its JSON (what JUnit needs: no coverage, no artifacts)."""
    return Report(
        tuple(
            FileReport(
                f["path"],
                f["locale"],
                tuple(
                    Diagnostic(f["path"], d["line"], d["severity"], d["code"], d["message"])
                    for d in f["diagnostics"]
                ),
                tuple(
                    ProcedureReport(
                        p["title"],
                        p["line"],
                        p["moniker"],
                        None,
                        tuple(
                            StepReport(
                                s["line"],
                                s["text"],
                                s["status"],
                                tuple(
                                    Finding(x["code"], x["message"], x["suggestion"] or None)
                                    for x in s["findings"]
                                ),
                                not_run=s["not_run"],
                            )
                            for s in p["steps"]
                        ),
                    )
                    for p in f["procedures"]
                ),
            )
            for f in data["files"]
        ),
        (),
    )


def merge(reports: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The JSON reports of a run's shards (``ssp-kit check --shard I/N``) as the one an
    unsharded run writes: files in the order a folder is checked, totals summed, a control
    unexercised when no shard exercised it."""
    try:
        files = [f for r in reports for f in r["files"]]
        paths = [f["path"] for f in files]
        twice = sorted({p for p in paths if paths.count(p) > 1})
        if twice:
            raise MergeError(
                f"{twice[0]} is in more than one report: merge the reports of one run's shards"
            )
        first = reports[0]["coverage"]["unexercised_controls"] if reports else []
        unexercised = [
            k for k in first if all(k in r["coverage"]["unexercised_controls"] for r in reports)
        ]
        without = {i for r in reports for i in r["coverage"]["steps_without_reference"]}
        summary = {key: sum(r["summary"][key] for r in reports) for key in reports[0]["summary"]}
    except (KeyError, TypeError, IndexError) as error:
        raise MergeError(
            f"not a report of ssp-kit check --format json (no {error}); give the JSON reports "
            "of the shards"
        ) from error
    return {
        "files": sorted(files, key=lambda f: PurePath(f["path"]).parts),
        "summary": summary,
        "coverage": {
            "unexercised_controls": unexercised,
            "steps_without_reference": sorted(without, key=_path_line),
        },
    }
