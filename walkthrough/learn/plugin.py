"""The ``ssp-learn`` MkDocs plugin: tell the Learn extension which page it renders.

    on_page_markdown   set the page's context: source path, body line offset, language,
                       ``monikerRange`` (MkDocs has stripped the front matter by now)
    on_page_content    clear it once the page is rendered

Both run at the default priority: they change nothing, and MkDocs renders a page's
Markdown only after every plugin's ``on_page_markdown`` for that page.
"""

from __future__ import annotations

import logging
from contextvars import Token
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.pages import Page

from .config import LearnPluginConfig
from .context import PageContext, enter_page, leave_page
from .source import read_source

log = logging.getLogger("mkdocs.plugins.ssp_learn")


class LearnPlugin(BasePlugin[LearnPluginConfig]):
    def __init__(self) -> None:
        self._token: Token[PageContext | None] | None = None

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Any
    ) -> str | None:
        if not self.config.enabled:
            return None
        self._leave()
        self._token = enter_page(page_context(page, config))
        return None

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Any
    ) -> str | None:
        self._leave()
        return None

    def _leave(self) -> None:
        if self._token is not None:
            leave_page(self._token)
            self._token = None


def page_context(page: Page, config: MkDocsConfig) -> PageContext:
    """What the extension needs to know about ``page``; see :class:`PageContext`."""
    language = getattr(page.file, "locale", None) or config.theme.get("language") or "en"
    try:
        source = read_source(page.file.content_string, page.file.src_uri)
    except (OSError, UnicodeDecodeError, AssertionError) as error:
        log.debug("ssp-learn: %s: no source (%s); line numbers start at the body", page, error)
        return PageContext(path=page.file.src_uri, language=str(language))
    return PageContext(
        path=page.file.src_uri,
        line_offset=source.line_offset,
        language=str(language),
        moniker_range=source.moniker_range,
        moniker_range_line=source.moniker_range_line,
    )
