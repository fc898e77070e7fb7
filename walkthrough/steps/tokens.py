"""A step's inline segments as tokens: the words, punctuation and ``>`` the rules look at.

Each token keeps the segment it came from and whether that segment is marked (bold or
link text), so a rule can tell a label the writer marked from the words around it.

Japanese and Chinese write no spaces between words, so a run of their script is one match
of the word pattern: :func:`tokens` cuts it, with a :class:`Lexicon` (the locale's labels,
verbs and surrounding words), at the phrases it contains, longest first at each position
("ライセンスの購入を選択します" -> ライセンスの購入 | を選択します); characters no phrase
covers stay together as one word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Segment
from .scripts import CJK

_CJK_CHAR = re.compile(f"[{CJK}]")
_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|&|[.,:;!?()]|[、。，：；！？（）]")
_BREAK = frozenset(".,:;!?()、。，：；！？（）")


@dataclass(frozen=True)
class Tok:
    kind: str  # "word", "punct" or "sep"
    text: str
    seg: int
    marked: bool
    link: bool


@dataclass(frozen=True)
class Lexicon:
    """The phrases a run of unspaced script is cut at, longest first."""

    phrases: tuple[str, ...]

    @classmethod
    def of(cls, phrases: Iterable[str]) -> Lexicon:
        unspaced = {p.casefold() for p in phrases if p and " " not in p and has_cjk(p)}
        return cls(tuple(sorted(unspaced, key=len, reverse=True)))

    def cut(self, word: str) -> list[str]:
        """``word`` cut at the phrases it contains (characters outside any kept together)."""
        if not self.phrases or not has_cjk(word):
            return [word]
        out: list[str] = []
        rest = ""
        i = 0
        folded = word.casefold()
        while i < len(word):
            found = next((p for p in self.phrases if folded.startswith(p, i)), None)
            if found is None:
                rest += word[i]
                i += 1
                continue
            if rest:
                out.append(rest)
                rest = ""
            out.append(word[i : i + len(found)])
            i += len(found)
        if rest:
            out.append(rest)
        return out


def has_cjk(text: str) -> bool:
    return _CJK_CHAR.search(text) is not None


def tokens(parts: tuple[Segment, ...], lexicon: Lexicon | None = None) -> list[Tok]:
    out: list[Tok] = []
    for index, seg in enumerate(parts):
        if seg.kind == "sep":
            out.append(Tok("sep", ">", index, False, False))
            continue
        for match in _TOKEN.finditer(seg.text):
            if match.group() in _BREAK:
                out.append(Tok("punct", match.group(), index, seg.marked, seg.kind == "link"))
                continue
            pieces = lexicon.cut(match.group()) if lexicon else [match.group()]
            out.extend(Tok("word", p, index, seg.marked, seg.kind == "link") for p in pieces)
    return out
