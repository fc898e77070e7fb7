"""Reading an article: its lines (CRLF or not), its front matter and its locale.

The locale is the kit's id (``en``, ``da``): ``--locale`` wins, then the front matter's
``ms.contentlocale`` (``da-DK`` -> ``da``), then a path segment like ``da-DK/`` or
``/da/``, then English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

_FRONT_KEY = re.compile(r"^([A-Za-z0-9_.-]+)\s*:\s*(.*?)\s*$")
_LOCALE_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class Source:
    path: str
    lines: tuple[str, ...]  # without line endings; lines[0] is line 1
    front_matter: dict[str, str]
    body_start: int  # the first line (1-based) after the front matter

    def numbered(self) -> list[tuple[int, str]]:
        """(line number, text) for every line after the front matter."""
        return [(n, self.lines[n - 1]) for n in range(self.body_start, len(self.lines) + 1)]


def split_lines(text: str) -> tuple[str, ...]:
    """Lines of ``text`` with CRLF, CR and LF all ending a line; a BOM is dropped."""
    text = text.removeprefix("\ufeff")
    return tuple(re.split(r"\r\n|\r|\n", text)) if text else ()


def parse(text: str, path: str = "<string>") -> Source:
    lines = split_lines(text)
    front: dict[str, str] = {}
    start = 1
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() in ("---", "..."):
                start = index + 2
                break
            match = _FRONT_KEY.match(lines[index])
            if match:
                front[match.group(1)] = match.group(2).strip().strip("\"'")
    return Source(path=path, lines=lines, front_matter=front, body_start=start)


def locale_id(tag: str) -> str:
    """The kit's locale id for a language tag: ``da-DK`` -> ``da``, ``EN_us`` -> ``en``.

    A string that is not a language tag comes back lower-cased, for the caller to reject.
    """
    tag = tag.strip()
    match = _LOCALE_TAG.match(tag)
    return match.group(1).lower() if match else tag.lower()


def detect_locale(source: Source, override: str | None = None) -> tuple[str, str]:
    """(locale id, where it came from) for ``source``."""
    if override:
        return locale_id(override), "--locale"
    written = source.front_matter.get("ms.contentlocale") or source.front_matter.get("locale")
    if written:
        return locale_id(written), "ms.contentlocale"
    for part in reversed(PurePath(source.path).parts[:-1]):
        if _LOCALE_TAG.match(part) and (len(part) == 2 or "-" in part):
            return locale_id(part), "the file's folder"
    return "en", "default"
