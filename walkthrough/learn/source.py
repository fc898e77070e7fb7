"""A Markdown file as MkDocs reads it: front matter, body, and the body's first line.

The one reader of an article's source, shared by the Learn extension (through the
``ssp-learn`` plugin: MkDocs has stripped the front matter by the time Markdown runs) and
the step checker, so that both number lines alike: every line number they report is the
file's, front matter included. The front matter is parsed by MkDocs' own ``get_data``
(YAML between ``---`` lines, else MultiMarkdown ``key: value`` lines), as the site does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from mkdocs.utils.meta import get_data

_RANGE_KEY = re.compile(r"^monikerRange[ \t]*:", re.MULTILINE | re.IGNORECASE)


@dataclass(frozen=True)
class Source:
    """``line_offset``: the file's lines before the body (front matter and blank lines)."""

    path: str
    body: str
    meta: dict[str, Any]
    line_offset: int
    moniker_range: str | None  # front matter ``monikerRange``; None: every cloud
    moniker_range_line: int | None  # its line in the file

    def numbered(self) -> list[tuple[int, str]]:
        """(line number in the file, text) of every line of the body."""
        return [(self.line_offset + i + 1, line) for i, line in enumerate(self.body.split("\n"))]

    @property
    def line_count(self) -> int:
        return self.line_offset + self.body.count("\n") + 1

    def meta_text(self, *keys: str) -> str | None:
        """The first of ``keys`` the front matter has, as text (None when none is there)."""
        for key in keys:
            value = self.meta.get(key)
            if value is not None and str(value).strip():
                return str(value).strip()
        return None


def read_source(text: str, path: str = "<string>") -> Source:
    """``text`` split as MkDocs splits it (CRLF and CR end lines too; a BOM is dropped)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    body, meta = get_data(text)
    offset = text.count("\n") - body.count("\n")
    value = meta.get("monikerRange", meta.get("monikerrange"))  # YAML, MultiMarkdown
    line = None
    if value is not None and (m := _RANGE_KEY.search(text, 0, len(text) - len(body))):
        line = text.count("\n", 0, m.start()) + 1
    return Source(path, body, meta, offset, None if value is None else str(value), line)
