"""Which of the kit's languages an article is written in.

``--locale`` wins, then the front matter's ``ms.contentlocale`` (``da-DK``), then a folder
of the file's path named like a language (``da-DK/``, ``/da/``), then English. A tag is
read through the one language list (``simulator.markets.language_for_tag``); one the kit
has no language for is kept as written, for the checker to report as unsupported.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from simulator.markets import language_for_tag
from walkthrough.learn.source import Source

_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


def locale_of(tag: str) -> str:
    """The kit's language code for ``tag``, or the tag itself when the kit has none."""
    found = language_for_tag(tag)
    return found.code if found else tag.strip()


def detect_locale(source: Source, override: str | None = None) -> tuple[str, str]:
    """(language code, where it came from) for ``source``."""
    if override:
        return locale_of(override), "--locale"
    written = source.meta_text("ms.contentlocale", "locale")
    if written:
        return locale_of(written), "ms.contentlocale"
    for part in reversed(PurePath(source.path).parts[:-1]):
        if _TAG.match(part) and language_for_tag(part):
            return locale_of(part), "the file's folder"
    return "en", "default"
