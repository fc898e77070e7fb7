"""What an article is made of, for the step checker: procedures, steps and their references.

Everything here is a frozen dataclass built by ``extract`` and read by ``verdicts`` and the
runner; line numbers are always the source file's (1-based), whatever CRLF, front matter or
moniker zones the file has.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from walkthrough.learn.diagnostics import Diagnostic

SegmentKind = Literal["text", "bold", "link", "sep"]
StepKind = Literal["step", "alternative", "substep"]


@dataclass(frozen=True)
class Segment:
    """A run of a step's inline text: plain, bold, link text, or a path separator ``>``.

    ``bold`` and ``link`` may both hold (``**[Billing](url)**``); ``href`` is the link target.
    """

    kind: SegmentKind
    text: str
    bold: bool = False
    href: str | None = None

    @property
    def marked(self) -> bool:
        """Bold or link text: what a writer marks as a UI reference."""
        return self.kind in ("bold", "link")


@dataclass(frozen=True)
class Annotation:
    """``<!-- ssp: key=value ... -->`` on a step: what the prose cannot say.

    ``target``: which subscription, product, profile, method or invoice (scenario id or
    name); ``users``: which people; ``value``: what to enter or pick; ``expect``: outcome
    conditions checked after the step; ``skip``: why the step is not checkable.
    """

    target: str | None = None
    users: tuple[str, ...] = ()
    value: str | None = None
    expect: tuple[str, ...] = ()
    skip: str | None = None
    errors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Step:
    line: int
    text: str  # the step's visible text, inline markup resolved (bold shown as **x**)
    segments: tuple[Segment, ...]
    kind: StepKind = "step"
    number: int | None = None  # the list number as written ("1." -> 1)
    annotation: Annotation | None = None
    alternatives: tuple[Step, ...] = ()
    after_malformed_fence: int | None = None  # line of a broken ``::: moniker`` before it


@dataclass(frozen=True)
class Procedure:
    title: str
    line: int
    anchor: str | None
    moniker: str
    steps: tuple[Step, ...]
    procedure_id: str | None = None  # the id in procedures.yml, when matched

    def all_steps(self) -> tuple[Step, ...]:
        """Steps and their alternatives, in source order."""
        out: list[Step] = []
        for step in self.steps:
            out.append(step)
            out.extend(step.alternatives)
        return tuple(out)


@dataclass(frozen=True)
class Article:
    path: str
    locale: str  # the kit's id: "en", "da"; or the tag as written when unsupported
    monikers: tuple[str, ...]
    procedures: tuple[Procedure, ...]
    diagnostics: tuple[Diagnostic, ...] = field(default=())
    line_count: int = 0
