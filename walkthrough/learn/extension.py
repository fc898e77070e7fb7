"""Learn Markdown for Python-Markdown: moniker zones, alerts and heading anchors.

Registered in ``mkdocs.yml`` as ``walkthrough.learn``; see :mod:`walkthrough.learn`.
"""

from __future__ import annotations

from typing import Any

from markdown import Markdown
from markdown.extensions import Extension

from .alerts import AlertTreeprocessor, QuotePreprocessor
from .anchors import AnchorTreeprocessor
from .monikers import DEFAULT_MONIKERS
from .render import (
    Rendering,
    ZonePostprocessor,
    ZonePreprocessor,
    ZoneTreeprocessor,
    honour_list_start,
)
from .zones import Scan


class LearnExtension(Extension):  # type: ignore[misc]  # Python-Markdown is untyped
    """Learn Markdown. After a conversion, :attr:`scan` holds the page's lines and findings."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "monikers": [list(DEFAULT_MONIKERS), "The product's monikers, in range order"],
            "log": [True, "Log diagnostics (`mkdocs build --strict` fails on them)"],
            "list_start": [True, "Number ordered lists from their first item, as Learn does"],
        }
        super().__init__(**kwargs)
        self.state = Rendering()

    @property
    def scan(self) -> Scan | None:
        return self.state.scan

    def extendMarkdown(self, md: Markdown) -> None:
        """
        Register the processors.

        | Class                  | Registry         | Name                | Priority |
        | ---------------------- | ---------------- | ------------------- | :------: |
        | `ZonePreprocessor`     | `preprocessors`  | `learn_zones`       | `28`     |
        | `QuotePreprocessor`    | `preprocessors`  | `learn_quotes`      | `27`     |
        | `ZoneTreeprocessor`    | `treeprocessors` | `learn_zones`       | `30`     |
        | `AlertTreeprocessor`   | `treeprocessors` | `learn_alerts`      | `29`     |
        | `AnchorTreeprocessor`  | `treeprocessors` | `learn_anchors`     | `7`      |
        | `ZonePostprocessor`    | `postprocessors` | `learn_zones`       | `25`     |

        The preprocessors run after ``normalize_whitespace`` (30), whose lines are still the
        source's lines, and before ``fenced_code_block`` (25) and ``html_block`` (20) join
        them. The zone and alert treeprocessors read raw text, before ``inline`` (20); the
        anchors need the stashed inline HTML, after ``attr_list`` (8) and before ``toc`` (5).
        The postprocessor follows ``raw_html`` (30), which restores HTML that may hold
        markers. With ``list_start``, the ``olist`` block processor honours start numbers.
        """
        md.registerExtension(self)
        monikers = [str(m) for m in self.getConfig("monikers")]
        log = bool(self.getConfig("log"))
        md.preprocessors.register(
            ZonePreprocessor(md, self.state, monikers, log=log), "learn_zones", 28
        )
        md.preprocessors.register(QuotePreprocessor(md), "learn_quotes", 27)
        md.treeprocessors.register(ZoneTreeprocessor(md, self.state), "learn_zones", 30)
        md.treeprocessors.register(AlertTreeprocessor(md), "learn_alerts", 29)
        md.treeprocessors.register(AnchorTreeprocessor(md), "learn_anchors", 7)
        md.postprocessors.register(ZonePostprocessor(md, self.state), "learn_zones", 25)
        if self.getConfig("list_start"):
            honour_list_start(md)


def makeExtension(**kwargs: Any) -> LearnExtension:
    return LearnExtension(**kwargs)
