"""A step's inline segments as tokens: the words, punctuation and ``>`` the rules look at.

Each token keeps the segment it came from and whether that segment is marked (bold or
link text), so a rule can tell a label the writer marked from the words around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Segment

_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|&|[.,:;!?()]")
_BREAK = frozenset(".,:;!?()")


@dataclass(frozen=True)
class Tok:
    kind: str  # "word", "punct" or "sep"
    text: str
    seg: int
    marked: bool
    link: bool


def tokens(parts: tuple[Segment, ...]) -> list[Tok]:
    out: list[Tok] = []
    for index, seg in enumerate(parts):
        if seg.kind == "sep":
            out.append(Tok("sep", ">", index, False, False))
            continue
        for match in _TOKEN.finditer(seg.text):
            kind = "punct" if match.group() in _BREAK else "word"
            out.append(Tok(kind, match.group(), index, seg.marked, seg.kind == "link"))
    return out
