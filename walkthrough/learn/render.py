"""Moniker zones in HTML: ``<div class="moniker-zone" data-moniker="o365-worldwide">``.

The preprocessor scans the page (reporting its diagnostics) and replaces each fence of a
well-formed zone by a marker paragraph (a broken fence stays, as a paragraph of text);
the treeprocessor then wraps what lies between a zone's two markers, wherever the block
parser put them (usually siblings; a zone that starts inside a list item and ends
outside it gets one wrapper per level). Children of a list are tagged in place rather
than wrapped, so ``<ol>`` only ever holds ``<li>``.

``data-moniker`` lists the zone's clouds that are also the page's, separated by spaces
(select with ``[data-moniker~="o365-21vianet"]``); it is empty for a zone the page never
shows. A zone whose range is invalid is reported and rendered unwrapped: every cloud.

Markers the tree does not hold (a fence inside a raw HTML block) become raw ``<div>`` tags
in the postprocessor, so no content is dropped and no marker leaks into the page.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown import Markdown, util
from markdown.blockprocessors import OListProcessor
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from .context import current_page
from .diagnostics import report
from .zones import Scan, Zone, scan

CLASS = "moniker-zone"
LIST_TAGS = frozenset({"ol", "ul"})


@dataclass
class Rendering:
    """What the preprocessor found, for the later stages of the same conversion."""

    scan: Scan | None = None
    attrs: dict[int, dict[str, str]] = field(default_factory=dict)  # zone index -> attributes

    def open_tag(self, index: int) -> str:
        attrs = self.attrs[index]
        return f'<div class="{CLASS}" data-moniker="{attrs["data-moniker"]}">'


def marker(index: int, edge: str) -> str:
    return f"{util.STX}learn-zone:{index}:{edge}{util.ETX}"


class ZonePreprocessor(Preprocessor):  # type: ignore[misc]  # Python-Markdown is untyped
    """Scan, report, and put a marker paragraph in place of each well-formed fence."""

    def __init__(self, md: Markdown, state: Rendering, monikers: Sequence[str], *, log: bool):
        super().__init__(md)
        self.state = state
        self.monikers = tuple(monikers)
        self.log = log

    def run(self, lines: list[str]) -> list[str]:
        page = current_page()
        found = scan(
            "\n".join(lines),
            path=page.path,
            monikers=self.monikers,
            line_offset=page.line_offset,
            page_range=page.moniker_range,
            page_range_line=page.moniker_range_line,
        )
        self.state.scan = found
        self.state.attrs = {}
        if self.log:
            report(found.diagnostics)
        edges = {
            i: self.edge(line.text, line.text.lstrip(" "))
            for i, line in enumerate(found.lines)
            if line.broken
        }
        for index, zone in enumerate(found.zones):
            first, last = zone.start - page.line_offset - 1, zone.end - page.line_offset - 1
            if zone.monikers is None:
                edges[first] = edges[last] = [""]
                continue
            self.state.attrs[index] = {"class": CLASS, "data-moniker": self.tokens(zone)}
            edges[first] = self.edge(lines[first], marker(index, "start"))
            edges[last] = self.edge(lines[last], marker(index, "end"))
        return [out for i, line in enumerate(lines) for out in edges.get(i, [line])]

    def tokens(self, zone: Zone) -> str:
        return " ".join(m for m in self.monikers if zone.monikers and m in zone.monikers)

    @staticmethod
    def edge(fence: str, mark: str) -> list[str]:
        """A marker (or a broken fence's text) alone in its block, indented like the fence
        (a zone in a list item), so that every fence ends the paragraph it follows."""
        indent = fence[: len(fence) - len(fence.lstrip(" "))]
        return ["", indent + mark, ""]


class ZoneTreeprocessor(Treeprocessor):  # type: ignore[misc]  # Python-Markdown is untyped
    """Wrap the content between each zone's markers; drop the markers."""

    MARKER = re.compile(rf"^{util.STX}learn-zone:(?P<index>\d+):(?P<edge>start|end){util.ETX}$")

    def __init__(self, md: Markdown, state: Rendering):
        super().__init__(md)
        self.state = state

    def run(self, root: etree.Element) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}
        found: dict[tuple[int, str], etree.Element] = {}
        for p in root.iter("p"):
            if len(p) == 0 and p.text and (m := self.MARKER.match(p.text.strip())):
                found[(int(m["index"]), m["edge"])] = p
        for index, attrs in self.state.attrs.items():
            start, end = found.get((index, "start")), found.get((index, "end"))
            if start is None or end is None:
                continue  # left to the postprocessor
            for parent, run in self.runs(start, end, parents):
                self.tag(parent, run, attrs)
            for mark in (start, end):
                parents[mark].remove(mark)

    @staticmethod
    def runs(
        start: etree.Element, end: etree.Element, parents: dict[etree.Element, etree.Element]
    ) -> list[tuple[etree.Element, list[etree.Element]]]:
        """The sibling runs that lie between ``start`` and ``end`` in document order."""
        up_start, up_end = [start], [end]
        while up_start[-1] in parents:
            up_start.append(parents[up_start[-1]])
        while up_end[-1] in parents:
            up_end.append(parents[up_end[-1]])
        common = next(node for node in up_start if node in up_end)
        top_start = up_start[up_start.index(common) - 1]
        top_end = up_end[up_end.index(common) - 1]
        runs = []
        for node in up_start[: up_start.index(top_start)]:
            siblings = list(parents[node])
            runs.append((parents[node], siblings[siblings.index(node) + 1 :]))
        children = list(common)
        runs.append((common, children[children.index(top_start) + 1 : children.index(top_end)]))
        for node in up_end[: up_end.index(top_end)]:
            siblings = list(parents[node])
            runs.append((parents[node], siblings[: siblings.index(node)]))
        return [(parent, run) for parent, run in runs if run]

    @staticmethod
    def tag(parent: etree.Element, run: list[etree.Element], attrs: dict[str, str]) -> None:
        if parent.tag in LIST_TAGS:
            for item in run:
                classes = f"{item.get('class', '')} {CLASS}".strip()
                item.set("class", classes)
                item.set("data-moniker", attrs["data-moniker"])
            return
        wrapper = etree.Element("div", attrs)
        parent.insert(list(parent).index(run[0]), wrapper)
        for child in run:
            parent.remove(child)
            wrapper.append(child)


class ZonePostprocessor(Postprocessor):  # type: ignore[misc]  # Python-Markdown is untyped
    """Turn markers the tree did not hold into raw ``<div>`` tags."""

    MARKER = re.compile(
        rf"(?:<p>)?{util.STX}learn-zone:(?P<index>\d+):(?P<edge>start|end){util.ETX}(?:</p>)?"
    )

    def __init__(self, md: Markdown, state: Rendering):
        super().__init__(md)
        self.state = state

    def run(self, text: str) -> str:
        def tag(m: re.Match[str]) -> str:
            index = int(m["index"])
            if index not in self.state.attrs:
                return ""
            return self.state.open_tag(index) if m["edge"] == "start" else "</div>"

        return self.MARKER.sub(tag, text)


def honour_list_start(md: Markdown) -> None:
    """Number an ordered list from its first item (``2.`` gives ``<ol start="2">``), as Learn
    does: a list that goes on after a zone wrapping step 1 keeps its numbering."""
    blocks = md.parser.blockprocessors
    if "olist" in blocks and isinstance(blocks["olist"], OListProcessor):
        blocks["olist"].LAZY_OL = False
