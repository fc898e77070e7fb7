"""Learn-flavoured Markdown: moniker zones, alerts and heading anchors, with diagnostics.

For MkDocs (``mkdocs.yml``)::

    markdown_extensions:
      - walkthrough.learn      # options: monikers, log, list_start
    plugins:
      - ssp-learn              # tells the extension each page's path, lines, language, clouds

As data, for the step checker::

    from walkthrough.learn import scan_source
    found = scan_source(text, path="da/manage.md")   # front matter included
    found.diagnostics          # [Diagnostic(path, line, severity, code, message)]
    found.for_moniker("o365-21vianet")   # [Line(number, text, monikers, fence)]

Diagnostic codes: :mod:`walkthrough.learn.diagnostics`. Range grammar:
:mod:`walkthrough.learn.monikers`.
"""

from __future__ import annotations

from collections.abc import Sequence

from .context import PageContext, current_page, rendering
from .diagnostics import CODES, Diagnostic
from .extension import LearnExtension, makeExtension
from .monikers import DEFAULT_MONIKERS, RangeError, UnknownMonikerError, parse_range
from .source import Source, read_source
from .zones import Line, Scan, Zone, scan


def scan_source(
    source: str, *, path: str = "<string>", monikers: Sequence[str] = DEFAULT_MONIKERS
) -> Scan:
    """Scan a whole file: its front matter gives the page's ``monikerRange`` and the
    body's line offset, so every line number is the file's."""
    return scan_read(read_source(source, path), monikers=monikers)


def scan_read(source: Source, *, monikers: Sequence[str] = DEFAULT_MONIKERS) -> Scan:
    """Scan a file already read (:func:`read_source`)."""
    return scan(
        source.body,
        path=source.path,
        monikers=monikers,
        line_offset=source.line_offset,
        page_range=source.moniker_range,
        page_range_line=source.moniker_range_line,
    )


__all__ = [
    "CODES",
    "DEFAULT_MONIKERS",
    "Diagnostic",
    "LearnExtension",
    "Line",
    "PageContext",
    "RangeError",
    "Scan",
    "Source",
    "UnknownMonikerError",
    "Zone",
    "current_page",
    "makeExtension",
    "parse_range",
    "read_source",
    "rendering",
    "scan",
    "scan_read",
    "scan_source",
]
