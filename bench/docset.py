"""A synthetic docs set made from the kit's pages, with the findings it must produce.

``generate(root, pages)`` writes ``pages`` articles in every kit language
(``simulator.markets.CODES``) under ``root/docs/<lang>/``, made from that language's
``docs/<lang>/manage-self-service-purchases-users.md``: its procedures (each ``##``
section, with its ``###`` sub-sections and its simulator) in another order, some left out,
prose between them that names no control, CRLF line ends or a byte order mark on some;
and, on some pages, one injected defect whose
findings are known exactly (:data:`DEFECTS`). It returns each page with those findings,
``(line, code)`` pairs: what ``ssp-kit check`` must report on the page, no more and no
less (info findings aside). The same seed gives the same docs set.

    python -m bench.docset OUT 100      write 100 pages per language under OUT/docs/
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from simulator.markets import CODES
from walkthrough.steps.report import FileReport, Report

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "manage-self-service-purchases-users.md"
_FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)
_STEP_LABEL = re.compile(r"^([ \t]*\d+\.[ \t].*?\*\*)([A-ZÆØÅ])([^*\n]*\*\*)", re.M)
_ZONE_START = re.compile(r"^::: moniker range=\"o365-worldwide\"$", re.M)

Findings = frozenset[tuple[int, str]]


@dataclass(frozen=True)
class Page:
    path: Path  # relative to the docs set's root: docs/<lang>/page-0042.md
    text: str
    expected: Findings  # (line, code) of every warning and error the checker must report
    defect: str | None = None  # the name of the injected defect, if any


@dataclass(frozen=True)
class _Source:
    front: str  # the front matter, ``---`` lines included
    preamble: list[str]  # the body before the first procedure
    sections: list[list[str]]  # each ``##`` section, heading first


@cache
def _source(lang: str) -> _Source:
    text = (ROOT / "docs" / lang / ARTICLE).read_text("utf-8")
    front = _FRONT.match(text)
    assert front is not None, f"docs/{lang}/{ARTICLE} has no front matter"
    body = text[front.end() :].split("\n")
    starts = [i for i, line in enumerate(body) if line.startswith("## ")]
    sections = [body[a:b] for a, b in zip(starts, [*starts[1:], len(body)], strict=True)]
    return _Source(front.group(), body[: starts[0]], sections)


def cased_labels(text: str) -> list[re.Match[str]]:
    """The places of the label-case defect in ``text``: a step's bold label, its first letter
    (group 2) a capital. Arabic, Japanese, Chinese have no letter case, so none."""
    return [m for m in _STEP_LABEL.finditer(text) if m.group(2).lower() != m.group(2)]


def _lowercase_a_label(lines: list[str], first: int, rng: random.Random) -> Findings | None:
    """``**Billing**`` -> ``**billing**`` in one step: label-case on that step's line."""
    text = "\n".join(lines)
    found = cased_labels(text)
    if not found:
        return None
    m = rng.choice(found)
    line = text.count("\n", 0, m.start()) + first
    lines[:] = (text[: m.start(2)] + m.group(2).lower() + text[m.end(2) :]).split("\n")
    return frozenset({(line, "label-case")})


def _break_a_fence(lines: list[str], first: int, rng: random.Random) -> Findings | None:
    """``::: moniker`` -> ``:: moniker`` (the delivered article's defect): LEARN001 at the
    fence, LEARN006 at the ``moniker-end`` it leaves alone, fence-malformed on the step."""
    text = "\n".join(lines)
    found = list(_ZONE_START.finditer(text))
    if not found:
        return None
    m = rng.choice(found)
    index = text.count("\n", 0, m.start())
    end = next(i for i in range(index + 1, len(lines)) if lines[i] == "::: moniker-end")
    step = next(i for i in range(index + 1, end) if re.match(r"\s*\d+\.\s", lines[i]))
    lines[index] = lines[index][1:]
    return frozenset(
        {(first + index, "LEARN001"), (first + end, "LEARN006"), (first + step, "fence-malformed")}
    )


#: The defects a page may get: name -> what it does to the page's lines (from the line
#: number of ``lines[0]``) and the findings it causes, or None when the page offers no place.
DEFECTS: dict[str, Callable[[list[str], int, random.Random], Findings | None]] = {
    "label-case": _lowercase_a_label,
    "fence-malformed": _break_a_fence,
}


def page(
    lang: str, number: int, *, seed: int = 0, defect_rate: float = 0.2, defect: str | None = None
) -> Page:
    """Page ``number`` of ``lang``: the procedures reordered, some dropped, prose between,
    some pages with CRLF line ends or a byte order mark;
    one defect of :data:`DEFECTS` on a ``defect_rate`` share of pages (``defect``: this one,
    on this page, wherever the page offers a place for it)."""
    source = _source(lang)
    rng = random.Random(f"{seed}:{lang}:{number}")
    sections = list(source.sections)
    rng.shuffle(sections)
    if defect is None:  # a forced defect keeps every section: every place it could go
        sections = [s for s in sections if rng.random() > 0.2] or sections[:1]
    front = source.front.replace("\ntitle: ", f"\ntitle: ({number}) ", 1)
    lines = [*front.rstrip("\n").split("\n"), *source.preamble]
    for section in sections:
        if rng.random() < 0.3:
            lines += [f"Generated page {number}, section {len(lines)}.", ""]
        lines += section
    name = rng.choice(sorted(DEFECTS)) if rng.random() < defect_rate else None
    name = defect or name
    expected: Findings = frozenset()
    if name is not None:
        found = DEFECTS[name](lines, 1, rng)
        name, expected = (name, found) if found is not None else (None, frozenset())
    path = Path("docs") / lang / f"page-{number:04d}.md"
    newline = "\r\n" if rng.random() < 0.2 else "\n"  # Windows line ends: the same lines
    bom = "\ufeff" if rng.random() < 0.1 else ""  # a byte order mark: the same text
    return Page(path, bom + newline.join(lines), expected, name)


def reported(report: FileReport) -> Findings:
    """(line, code) of every warning and error ``report`` holds, steps and file alike."""
    found = {(d.line, d.code) for d in report.diagnostics if d.severity != "info"}
    for procedure in report.procedures:
        for step in procedure.steps:
            found |= {(step.line, f.code) for f in step.findings if f.severity != "info"}
    return frozenset(found)


def unexpected(pages: list[Page], root: Path, report: Report) -> list[str]:
    """The pages of ``report`` (checked under ``root``) whose findings are not exactly
    their page's expected ones."""
    expected = {str(root / p.path): p.expected for p in pages}
    return [f.path for f in report.files if reported(f) != expected.get(f.path)]


def generate(root: Path, pages: int, *, seed: int = 0) -> list[Page]:
    """Write ``pages`` pages in every kit language under ``root``; returns them."""
    out = [page(lang, n, seed=seed) for lang in CODES for n in range(pages)]
    for item in out:
        target = root / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(item.text.encode("utf-8"))  # line ends as they are
    return out


if __name__ == "__main__":
    written = generate(Path(sys.argv[1]), int(sys.argv[2]))
    print(f"wrote {len(written)} pages under {sys.argv[1]}/docs/")
