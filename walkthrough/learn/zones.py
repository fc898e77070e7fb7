"""The scanner: which source line shows in which cloud, and what is malformed.

A *well-formed zone* is a well-formed ``::: moniker range="..."`` followed by the next
well-formed ``::: moniker-end``; only its lines are restricted to its clouds (the range's
monikers that are also the page's). Everything else shows in every cloud of the page:

- a malformed fence line is reported and stays text; so are a zone start inside a zone
  (zones do not nest: the outer zone goes on until the next ``moniker-end``) and a
  ``moniker-end`` that closes nothing;
- an unclosed zone is reported and its lines show in every cloud;
- a zone whose range is invalid (unknown moniker, bad grammar) is reported and shows in
  every cloud; a valid range selecting none of the page's clouds is reported and hidden;
- a range naming a retired cloud (``o365-germany``, ``simulator.markets.RETIRED_CLOUDS``)
  is reported as such (a warning) and never shows in that cloud: a zone only for it shows
  in none of the kit's clouds.

Lines in fenced code blocks and HTML comments are literal (see :mod:`.literal`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from simulator.markets import retired_cloud

from .alerts import AlertLine
from .diagnostics import Diagnostic
from .fences import Fence, FenceParser
from .literal import ListItems, LiteralLines
from .monikers import DEFAULT_MONIKERS, RangeError, UnknownMonikerError, named, parse_range


@dataclass(frozen=True, slots=True)
class Line:
    """A source line; ``monikers`` None means every cloud of the page (outside zones)."""

    number: int
    text: str
    monikers: frozenset[str] | None
    fence: bool = False  # a fence of a well-formed zone: markup, shown in no cloud
    broken: bool = False  # a fence-like line that opens or closes nothing: shown as text


@dataclass(frozen=True, slots=True)
class Zone:
    """A well-formed zone; ``monikers`` None when its range is invalid (every cloud)."""

    start: int
    end: int
    expr: str
    monikers: frozenset[str] | None


@dataclass(frozen=True)
class Scan:
    path: str
    monikers: tuple[str, ...]  # the product's ordered monikers
    page_monikers: frozenset[str]  # the page's clouds (front matter ``monikerRange``)
    lines: list[Line]
    zones: list[Zone]
    diagnostics: list[Diagnostic]

    def visible(self, line: Line, moniker: str) -> bool:
        """Whether ``line`` shows in cloud ``moniker``."""
        if line.fence or moniker not in self.page_monikers:
            return False
        return line.monikers is None or moniker in line.monikers

    def for_moniker(self, moniker: str) -> list[Line]:
        """The lines a reader of cloud ``moniker`` sees, in order."""
        return [line for line in self.lines if self.visible(line, moniker)]


def scan(
    text: str,
    *,
    path: str = "<string>",
    monikers: Sequence[str] = DEFAULT_MONIKERS,
    line_offset: int = 0,
    page_range: str | None = None,
    page_range_line: int | None = None,
) -> Scan:
    """Scan a Markdown body (no front matter) whose first line is source line offset + 1.

    ``monikers`` is the product's ordered list; ``page_range`` the page's ``monikerRange``.
    """
    return _Scanner(path, tuple(monikers), line_offset).run(text, page_range, page_range_line)


class _Scanner:
    def __init__(self, path: str, monikers: tuple[str, ...], line_offset: int) -> None:
        self.path = path
        self.monikers = monikers
        self.offset = line_offset
        self.diagnostics: list[Diagnostic] = []
        self.page: frozenset[str] = frozenset(monikers)
        self.zones: list[Zone] = []
        self.fences: set[int] = set()  # rows of fence-like lines that are not code
        self.opened: tuple[int, Fence] | None = None
        self.broken: tuple[int, str] | None = None  # a start that opened nothing

    def report(self, code: str, index: int, message: str) -> None:
        line = self.offset + index + 1
        self.diagnostics.append(Diagnostic.of(code, path=self.path, line=line, message=message))

    def run(self, text: str, page_range: str | None, page_range_line: int | None) -> Scan:
        self.page = self.page_monikers(page_range, page_range_line)
        rows = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.read(rows)
        lines = [
            Line(self.offset + i + 1, row, None, broken=i in self.fences)
            for i, row in enumerate(rows)
        ]
        for zone in self.zones:
            first, last = zone.start - self.offset - 1, zone.end - self.offset - 1
            lines[first] = Line(zone.start, rows[first], frozenset(), fence=True)
            lines[last] = Line(zone.end, rows[last], frozenset(), fence=True)
            for i in range(first + 1, last):
                lines[i] = replace(lines[i], monikers=zone.monikers)
        self.diagnostics.sort(key=lambda d: d.line)
        return Scan(self.path, self.monikers, self.page, lines, self.zones, self.diagnostics)

    @property
    def live(self) -> frozenset[str]:
        """The product's monikers but the retired clouds': where anything can show."""
        return frozenset(m for m in self.monikers if retired_cloud(m) is None)

    def page_monikers(self, expr: str | None, line: int | None) -> frozenset[str]:
        if expr is None:
            return self.live
        index = (line or self.offset + 1) - self.offset - 1
        try:
            selected = frozenset(parse_range(expr, self.monikers))
        except RangeError as error:
            code = "LEARN008" if isinstance(error, UnknownMonikerError) else "LEARN009"
            message = f"front matter `monikerRange`: {error} (the page shows in every cloud)"
            self.report(code, index, message)
            return self.live
        self.retired(expr, selected & self.live, index, "front matter `monikerRange`", "page")
        return selected & self.live

    def retired(self, expr: str, shown: frozenset[str], index: int, what: str, it: str) -> None:
        """Report each retired cloud ``expr`` names (LEARN013): ``it`` (the zone, the page)
        shows in ``shown``, never in a retired cloud."""
        for name in dict.fromkeys(named(expr)):
            cloud = retired_cloud(name)
            if cloud is None:
                continue
            where = (
                f"the {it} shows in none of the kit's clouds; delete the {it}"
                if not shown
                else f"delete `{name}` from the range"
            )
            self.report(
                "LEARN013",
                index,
                f"{what} `{expr}`: `{cloud.moniker}` is {cloud.name}, a cloud closed in "
                f"{cloud.closed}; {where}",
            )

    def read(self, rows: list[str]) -> None:
        """Check alert markers and fences, line by line, outside code and comments."""
        literal, lists = LiteralLines(), ListItems()
        previous = ""
        for i, row in enumerate(rows):
            if literal.step(row):
                if literal.comment_opened:  # at the margin, it ends a list as Markdown does
                    lists.fence(len(row) - len(row.lstrip(" ")))
                previous = ""
                continue
            number = self.offset + i + 1
            if alert := AlertLine.check(row, previous, path=self.path, number=number):
                self.diagnostics.append(alert)
            previous = row
            item = lists.step(row)
            if (fence := FenceParser.parse(row)) is None:
                if zone := FenceParser.zone_problem(row):  # reported; the kit keeps it as text
                    self.report("LEARN014", i, zone)
                continue
            indent = len(row.expandtabs(4)) - len(row.expandtabs(4).lstrip())
            if indent >= 4 and (item is None or indent - item >= 8):
                where = "its list item's" if item is not None else "the margin"
                problem = f"moniker fence indented {indent} spaces past {where}, read as code"
                fence = replace(fence, problems=(*fence.problems, ("LEARN004", problem)))
                self.diagnostics.append(fence.diagnostic(path=self.path, line=number))
                continue
            lists.fence(indent)
            self.fences.add(i)
            self.place(i, fence)
        if self.opened is not None:
            self.report(
                "LEARN005",
                self.opened[0],
                f"zone `{self.opened[1].expr}` has no `::: moniker-end`; add `::: moniker-end` "
                f"after its last line (meanwhile every line after it shows in every cloud)",
            )

    def place(self, i: int, fence: Fence) -> None:
        """Open or close a zone with this fence, or report why it does neither."""
        number = self.offset + i + 1
        if not fence.ok:
            self.diagnostics.append(fence.diagnostic(path=self.path, line=number))
            if fence.kind == "start":
                self.broken = (number, "is malformed")
        elif fence.kind == "start" and self.opened is None:
            self.opened = (i, fence)
        elif fence.kind == "start" and self.opened is not None:
            self.report(
                "LEARN007",
                i,
                f"`{fence.suggestion}` inside the zone opened at line "
                f"{self.offset + self.opened[0] + 1} (zones do not nest); close that zone "
                f"with `::: moniker-end` before this line",
            )
            self.broken = (number, "is inside another zone")
        elif self.opened is None:
            hint = ""
            if self.broken:
                hint = f" (the zone start at line {self.broken[0]} {self.broken[1]})"
            self.report("LEARN006", i, f"`::: moniker-end` closes no zone{hint}; delete it")
            self.broken = None
        else:
            start = self.offset + self.opened[0] + 1
            self.zones.append(self.zone(self.opened[1], start, number))
            self.fences -= {self.opened[0], i}
            if self.broken and self.broken[0] < start:
                self.broken = None
            self.opened = None

    def zone(self, fence: Fence, start: int, end: int) -> Zone:
        """A well-formed zone, its range checked against the product and the page."""
        index = start - self.offset - 1
        try:
            selected = frozenset(parse_range(fence.expr, self.monikers))
        except RangeError as error:
            code = "LEARN008" if isinstance(error, UnknownMonikerError) else "LEARN009"
            self.report(code, index, f"{error} (the zone shows in every cloud)")
            return Zone(start, end, fence.expr, None)
        self.retired(fence.expr, selected & self.page, index, "range", "zone")
        if not selected & self.page and not any(map(retired_cloud, named(fence.expr))):
            clouds = ", ".join(m for m in self.monikers if m in self.page)
            self.report(
                "LEARN010",
                index,
                f"range `{fence.expr}` selects none of this page's clouds ({clouds}), so the "
                f"zone never shows; delete the zone or fix its range",
            )
        return Zone(start, end, fence.expr, selected & self.page)
