"""Learn's heading anchors: ``## <a name="view-your-subscriptions"></a>View ...``.

Learn articles link to sections by these names (``#view-your-subscriptions``), not by the
slug of the (translated) heading. The heading takes the anchor's name as its ``id``, so the
table of contents, permalinks and MkDocs' anchor validation all use it; the empty anchor
is dropped. A heading that already has an ``id`` (``{#id}``) keeps it and its anchor.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import util
from markdown.treeprocessors import Treeprocessor

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


class AnchorTreeprocessor(Treeprocessor):  # type: ignore[misc]  # Python-Markdown is untyped
    """Runs after ``inline`` (the anchor is stashed raw HTML by then) and before ``toc``."""

    PLACEHOLDERS = re.compile(
        rf"^(?P<lead>\s*){util.STX}wzxhzdk:(?P<open>\d+){util.ETX}"
        rf"{util.STX}wzxhzdk:(?P<close>\d+){util.ETX}"
    )
    OPEN = re.compile(r"""^<a\s+(?:name|id)\s*=\s*(?P<q>["'])(?P<name>[^"']+)(?P=q)\s*/?>$""")
    CLOSE = re.compile(r"^</a\s*>$")

    def run(self, root: etree.Element) -> None:
        assert self.md is not None
        stash = self.md.htmlStash.rawHtmlBlocks
        for heading in root.iter():
            if heading.tag not in HEADINGS or "id" in heading.attrib or not heading.text:
                continue
            m = self.PLACEHOLDERS.match(heading.text)
            if m is None or max(int(m["open"]), int(m["close"])) >= len(stash):
                continue
            opening, closing = str(stash[int(m["open"])]), str(stash[int(m["close"])])
            if (name := self.OPEN.match(opening.strip())) and self.CLOSE.match(closing.strip()):
                heading.set("id", name["name"])
                heading.text = m["lead"] + heading.text[m.end() :]
