"""Line context the scanner and the preprocessors need: literal lines and list items.

Learn's Markdown (CommonMark) shows a ``::: moniker`` line inside a code block as code and
hides one inside ``<!-- ... -->``; neither opens a zone, so the scanner skips them. A line
indented 4 spaces or more is a fence only inside a list item (elsewhere it is code, or
the paragraph's text), so the scanner needs to know which list item a line belongs to.
"""

from __future__ import annotations

import re


class LiteralLines:
    """Feed lines in order; :meth:`step` says whether each one is literal."""

    CODE_FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")
    COMMENT_OPEN = re.compile(r"^[ \t]{0,3}<!--")

    def __init__(self) -> None:
        self.fence: str | None = None
        self.comment = False
        self.comment_opened = False  # the last line opened a comment (an HTML block)

    def step(self, line: str) -> bool:
        """True when ``line`` belongs to a code block or comment, delimiters included."""
        self.comment_opened = False
        if self.fence is not None:
            stripped = line.strip()
            if stripped.startswith(self.fence) and not stripped.strip(self.fence[0]):
                self.fence = None
            return True
        if self.comment:
            self.comment = "-->" not in line
            return True
        if m := self.CODE_FENCE.match(line):
            self.fence = m["fence"]
            return True
        if m := self.COMMENT_OPEN.match(line):
            self.comment = "-->" not in line[m.end() :]
            self.comment_opened = True  # an HTML block: it ends the paragraph and the list
            return True
        return False


class ListItems:
    """Feed lines in order; :meth:`step` gives the indentation of the list item a line
    belongs to, or None outside lists. As in Python-Markdown, a list starts after a blank
    line (not inside a paragraph), and unindented text after a blank line ends it."""

    ITEM = re.compile(r"^(?P<indent> *)(?:\d+[.)]|[-*+])(?: +\S|$)")

    def __init__(self) -> None:
        self.item: int | None = None
        self.blank = True

    def step(self, line: str) -> int | None:
        if not line.strip():
            self.blank = True
            return self.item
        if (m := self.ITEM.match(line)) and (self.blank or self.item is not None):
            self.item = len(m["indent"])
        elif self.blank and not line.startswith(" "):
            self.item = None
        self.blank = False
        return self.item

    def fence(self, indent: int) -> None:
        """A fence line at ``indent``, which rendering sets off with blank lines: left of
        its item's content it ends the list (or the nested list it is under)."""
        if self.item is not None and indent < self.item + 4:
            self.item = None if indent < 4 else (indent - 4) // 4 * 4
        self.blank = True
