"""From an article's text to its procedures and steps, for each moniker (cloud).

A procedure is a heading and the ordered list under it (until the next heading); a step
is an item of that list; its indented bullets are alternatives (either one will do), its
indented numbered items sub-steps. Lines continuing a step (indented, or lazily following
it) belong to it; notes (``> [!NOTE]``) and code blocks do not. Line numbers are the
source file's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from walkthrough.learn import Scan, read_source, scan_read
from walkthrough.learn.diagnostics import Diagnostic
from walkthrough.learn.fences import FenceParser
from walkthrough.learn.monikers import KIT_MONIKERS

from . import annotations as annotation_syntax
from . import inline, procedures
from .locale import detect_locale
from .model import Article, Procedure, Step, StepKind

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_ORDERED = re.compile(r"^(\s*)(\d{1,9})[.)](?:\s+(.*))?$")
_BULLET = re.compile(r"^(\s*)[-*+](?:\s+(.*))?$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_QUOTE = re.compile(r"^\s*>")
_ANCHOR = re.compile(r"""<a\s+(?:name|id)\s*=\s*["']([^"']+)["'][^>]*>\s*(?:</a>)?""", re.I)
_ATTR_ID = re.compile(r"\s*\{#([\w-]+)[^}]*\}\s*$")


@dataclass
class _Draft:
    line: int
    kind: StepKind
    number: int | None
    lines: list[str]
    after_fence: int | None = None
    children: list[_Draft] = field(default_factory=list)
    content_indent: int = 3  # where the item's text starts: deeper numbered items are children

    def build(self) -> Step:
        joined = " ".join(part.strip() for part in self.lines)
        visible, bodies = inline.split_annotations(joined)
        segs = inline.segments(visible)
        return Step(
            line=self.line,
            text=inline.render(segs),
            segments=segs,
            kind=self.kind,
            number=self.number,
            annotation=annotation_syntax.parse(bodies),
            alternatives=tuple(c.build() for c in self.children),
            after_malformed_fence=self.after_fence,
        )


@dataclass
class _Section:
    title: str
    line: int
    anchor: str | None
    steps: list[_Draft] = field(default_factory=list)


def heading(text: str) -> tuple[str, str | None]:
    """(title, anchor) of a heading's text: ``<a name="x"></a>Title`` or ``Title {#x}``."""
    anchor = None
    if found := _ANCHOR.search(text):
        anchor = found.group(1)
    if found := _ATTR_ID.search(text):
        anchor = anchor or found.group(1)
        text = text[: found.start()]
    text = _ANCHOR.sub("", text)
    return inline.render(inline.segments(text)).replace("**", ""), anchor


def sections(numbered: Sequence[tuple[int, str]], malformed: Sequence[int] = ()) -> list[_Section]:
    """The headings and their steps among ``numbered`` (the lines one moniker sees)."""
    out: list[_Section] = []
    current: _Section | None = None
    step: _Draft | None = None  # the step (or child) that takes continuation lines
    top: _Draft | None = None
    in_code = False
    pending_fence: int | None = None
    blank_before = False
    skip = set(malformed)
    for n, text in numbered:
        if _FENCE.match(text):
            in_code = not in_code
            step = None
            continue
        if in_code:
            continue
        if n in skip:
            pending_fence = n
            continue
        if not text.strip():
            blank_before = True
            continue
        if found := _HEADING.match(text):
            title, anchor = heading(found.group(2))
            current = _Section(title, n, anchor)
            out.append(current)
            step = top = None
            blank_before = False
            continue
        ordered, bullet = _ORDERED.match(text), _BULLET.match(text)
        item = ordered or bullet
        indent = len(item.group(1).expandtabs(4)) if item else 0
        nested = top is not None and (indent >= top.content_indent if ordered else indent >= 2)
        if item and top is not None and nested:
            kind: StepKind = "substep" if ordered else "alternative"
            number = int(ordered.group(2)) if ordered else None
            body = (ordered.group(3) if ordered else bullet.group(2) if bullet else "") or ""
            step = _Draft(n, kind, number, [body], pending_fence)
            top.children.append(step)
        elif ordered:
            if current is None:
                current = _Section("", n, None)
                out.append(current)
            top = step = _Draft(
                n,
                "step",
                int(ordered.group(2)),
                [ordered.group(3) or ""],
                pending_fence,
                content_indent=indent + len(ordered.group(2)) + 2,
            )
            current.steps.append(top)
        elif bullet:
            step = top = None
        elif _QUOTE.match(text):
            step = None
        elif step is not None and (not blank_before or text.startswith(("  ", "\t"))):
            step.lines.append(text)
        else:
            step = None
        if item:
            pending_fence = None
        blank_before = False
    return out


def article(
    text: str,
    *,
    path: str = "<string>",
    locale: str | None = None,
    monikers: Sequence[str] | None = None,
) -> Article:
    """Every procedure of ``text`` for each moniker: all the clouds the article declares
    zones for, or only the first when it has none, or those asked for."""
    src = read_source(text, path)
    lang, _ = detect_locale(src, locale)
    scanned = scan_read(src)
    malformed = _malformed_fences(scanned)
    declared = bool(scanned.zones or malformed)
    kit = KIT_MONIKERS
    chosen = tuple(monikers) if monikers else (kit if declared else kit[:1])
    found: list[Procedure] = []
    diagnostics: list[Diagnostic] = list(scanned.diagnostics)
    for moniker in chosen:
        visible = [(line.number, line.text) for line in scanned.for_moniker(moniker)]
        parts = [s for s in sections(visible, malformed) if s.steps]
        ids = procedures.match([s.anchor or procedures.slug(s.title) for s in parts])
        for section, procedure_id in zip(parts, ids, strict=True):
            found.append(
                Procedure(
                    title=section.title or "(steps before any heading)",
                    line=section.line,
                    anchor=section.anchor,
                    moniker=moniker,
                    steps=tuple(d.build() for d in section.steps),
                    procedure_id=procedure_id,
                )
            )
    if not found:
        diagnostics.append(
            Diagnostic(
                path,
                src.line_offset + 1,
                "info",
                "no-procedures",
                "no procedure found: a procedure is a heading followed by a numbered list",
            )
        )
    return Article(path, lang, chosen, tuple(found), tuple(diagnostics), src.line_count)


def _malformed_fences(scanned: Scan) -> tuple[int, ...]:
    """Lines that look like a moniker fence but are not one: the step after such a line
    shows in every cloud, which its finding says."""
    found: list[int] = []
    for line in scanned.lines:
        fence = FenceParser.parse(line.text) if line.broken else None
        if fence is not None and not fence.ok:
            found.append(line.number)
    return tuple(found)


def steps_by_line(found: Article) -> dict[int, Step]:
    """Each distinct step (and alternative) of ``found`` by its line."""
    out: dict[int, Step] = {}
    for proc in found.procedures:
        for s in proc.all_steps():
            out.setdefault(s.line, replace(s, alternatives=()))
    return out
