"""The page being rendered, as the Markdown extension needs to know it.

MkDocs strips the front matter before Markdown runs and renders pages one at a time, so
the ``ssp-learn`` plugin puts what the extension cannot see (the file's path, where its
body starts, its language and ``monikerRange``) in a context variable just before each
page is rendered. Without it (plain ``markdown.markdown``) the defaults apply.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PageContext:
    """``line_offset``: source lines before the Markdown body (front matter and blanks)."""

    path: str = "<string>"
    line_offset: int = 0
    language: str = "en"
    moniker_range: str | None = None  # front matter ``monikerRange``; None: every cloud
    moniker_range_line: int | None = None  # its line in the source file


_PAGE: ContextVar[PageContext | None] = ContextVar("walkthrough_learn_page", default=None)


def current_page() -> PageContext:
    """The page being rendered, or the defaults."""
    return _PAGE.get() or PageContext()


def enter_page(page: PageContext) -> Token[PageContext | None]:
    return _PAGE.set(page)


def leave_page(token: Token[PageContext | None]) -> None:
    _PAGE.reset(token)


@contextmanager
def rendering(page: PageContext) -> Iterator[PageContext]:
    """Render with ``page`` as the current page (tests, the step checker)."""
    token = enter_page(page)
    try:
        yield page
    finally:
        leave_page(token)
