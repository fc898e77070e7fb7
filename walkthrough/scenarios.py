"""Scenario files on disk: YAML in, problems out as ``file:line: field: problem``.

The check itself is ``simulator.scenario.check`` (pure, on parsed data, shared with the
browser's loader); this module adds what only a file has: YAML syntax, keys written
twice, the file name as the scenario's id, and the line each problem is on. Used by
``ssp-kit scenario validate`` and by the build (``walkthrough.bundle.package_data``).

YAML's implicit dates are switched off: ``2026-02-30`` stays text, so the check can say
it is not a real date instead of the parser failing, and YAML and JSON give the same
values.

A file may come from anyone (a customer's situation, pasted on the support page), so
what a scenario never needs is refused before it costs anything: a text longer than
``MAX_TEXT``, anchors and aliases (``&a``, ``*a``: a few lines of them expand to
billions of values), and control characters (YAML's own rule). Markup is only text: the
screens escape it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import yaml

from simulator.scenario import Problem, ScenarioError, check, check_id, format_path, yaml_in

MAX_TEXT = yaml_in.MAX_TEXT


class _Refused(yaml.YAMLError):
    """What a scenario never holds, met while reading: the line and what to do."""

    def __init__(self, line: int, problem: str) -> None:
        super().__init__(problem)
        self.line, self.problem = line, problem


class _Loader(yaml.SafeLoader):
    """SafeLoader without implicit timestamps (dates stay text for the check to read),
    refusing anchors and aliases."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        anchor = getattr(event, "anchor", None)
        if isinstance(event, yaml.AliasEvent) or anchor is not None:
            raise _Refused(
                event.start_mark.line + 1,
                f"uses a YAML anchor or alias ('&{anchor}' or '*{anchor}'), which a scenario "
                "doesn't need and this check doesn't read: write the values out in full.",
            )
        return super().compose_node(parent, index)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Finding:
    """A problem placed in a file."""

    file: str
    line: int
    field: str
    problem: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.problem}"


def parse(text: str) -> tuple[Any, yaml.Node | None]:
    """The data and its node tree (for line numbers); raises ``yaml.YAMLError``."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return data, node


def line_of(node: yaml.Node | None, path: Sequence[str | int]) -> int:
    """The 1-based line of ``path`` in ``node``, or of the nearest part of it that exists."""
    if node is None:
        return 1
    line = node.start_mark.line + 1
    for item in path:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == str(item):
                    child = value
                    line = key.start_mark.line + 1
                    break
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(item, int)
            and 0 <= item < len(node.value)
        ):
            child = node.value[item]
            line = child.start_mark.line + 1
        if child is None:
            return line
        node = child
    return line


def duplicate_keys(node: yaml.Node | None, path: tuple[str | int, ...] = ()) -> list[Finding]:
    """Keys written twice in one mapping (YAML would silently keep the last)."""
    found: list[Finding] = []
    if isinstance(node, yaml.MappingNode):
        first: dict[str, int] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else str(key.value)
            line = key.start_mark.line + 1
            if name in first:
                found.append(
                    Finding(
                        "",
                        line,
                        format_path((*path, name)),
                        f"is written twice (first on line {first[name]}). YAML keeps only the "
                        "last one; delete the one you don't mean.",
                    )
                )
            else:
                first[name] = line
            found += duplicate_keys(value, (*path, name))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            found += duplicate_keys(item, (*path, i))
    return found


def _syntax(error: yaml.YAMLError) -> tuple[int, str]:
    if isinstance(error, _Refused):
        return error.line, f"the file {error.problem}"
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark is not None else 1
    what = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    advice = "Check the indentation (spaces only) and that each field is 'name: value'."
    if "\t" in str(error) or "'\\t'" in str(error):
        advice = "YAML doesn't allow tabs for indentation: indent with spaces."
    elif "expected a single document" in str(error):
        advice = "A scenario file holds one document: remove the extra '---'."
    text = f"{context}, {what}" if context else str(what)
    return line, f"the file is not valid YAML ({text}). {advice}"


def check_text(text: str, file: str, scenario_id: str | None = None) -> list[Finding]:
    """Every problem of one scenario file's text, with its line, in line order."""
    try:
        yaml_in.refuse(text)  # too long, or a control character: before parsing
    except yaml_in.YamlError as error:
        return [Finding(file, error.line, "scenario", str(error))]
    try:
        data, node = parse(text)
    except yaml.YAMLError as error:
        line, problem = _syntax(error)
        return [Finding(file, line, "scenario", problem)]
    findings = [Finding(file, f.line, f.field, f.problem) for f in duplicate_keys(node)]
    if scenario_id is not None and (why := check_id(scenario_id)):
        findings.append(Finding(file, 1, "scenario", why))
    problems: Iterable[Problem] = check(data)
    findings += [Finding(file, line_of(node, p.path), p.field, p.message) for p in problems]
    return sorted(findings, key=lambda f: f.line)


def check_file(path: Path | str) -> list[Finding]:
    """Every problem of the scenario file ``path`` (its id is the file name)."""
    path = Path(path)
    return check_text(path.read_text(encoding="utf-8"), str(path), path.stem)


def raise_for_problems(path: Path | str) -> None:
    """For the build: a bad scenario file fails it, saying where and what to fix."""
    findings = check_file(path)
    if findings:
        problems = [Problem((f.field,), f"line {f.line}: {f.problem}") for f in findings]
        raise ScenarioError.of(str(path), problems)


def validate_files(paths: Iterable[str], out: TextIO, err: TextIO) -> int:
    """``ssp-kit scenario validate``: 0 when every file is fine, 1 otherwise."""
    bad = 0
    count = 0
    for name in paths:
        count += 1
        try:
            findings = check_file(name)
        except (OSError, UnicodeDecodeError) as error:
            print(f"{name}: can't read the file: {error}", file=err)
            bad += 1
            continue
        for finding in findings:
            print(finding, file=out)
        if findings:
            bad += 1
        else:
            print(f"{name}: ok", file=out)
    if bad:
        print(f"{bad} of {count} scenario files need fixing.", file=out)
    return 1 if bad else 0
