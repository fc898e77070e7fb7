"""The labels an article may name, per locale, read from ``simulator.controls``.

One vocabulary: each entry is a control of ``CONTROLS`` with its label translated by the
compiled catalog, so the checker and the screens can never disagree. Also here: finding
the closest labels to a text that matches none (``closest``) and splitting words that run
two labels together (``split_merged``: "Faktureringslicenser" -> Fakturering, licenser).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from simulator.controls import CONTROLS
from simulator.markets import CODES

from .scripts import CJK

LINKS = ("s", "e", "")  # linking letters between the parts of a compound word
CAMEL = re.compile(r"(?<=[a-zæøåäöüß])(?=[A-ZÆØÅÄÖÜ])")
#: Marks some languages write around a label (Japanese **[課金]**, Chinese “计费”, 「…」),
#: and the CJK punctuation a bold may take in with it: not part of the label.
MARKS = '[]「」『』【】“”"、。，：；'
#: A space between two CJK characters is where the text was cut into words, not a space
#: of the label (Japanese and Chinese labels have none there).
_CJK_SPACE = re.compile(f"(?<=[{CJK}]) (?=[{CJK}])")


class VocabularyError(LookupError):
    """No usable catalog for a locale; the message says why and what to do."""


class CatalogNotCompiled(VocabularyError):
    """The kit has a catalog for the locale but it is not compiled (a source checkout
    before its first build): nothing can be checked until it is."""


@dataclass(frozen=True)
class Entry:
    key: str
    role: str  # "" for names in running text (the portal), never a control
    label: str

    @property
    def is_control(self) -> bool:
        return bool(self.role)


@dataclass(frozen=True)
class Vocabulary:
    lang: str
    entries: tuple[Entry, ...]

    def exact(self, text: str) -> tuple[Entry, ...]:
        """The entries whose label is ``text``, the marks around a label aside."""
        text = unmark(text)
        return tuple(e for e in self.entries if e.label == text)

    def folded(self, text: str) -> tuple[Entry, ...]:
        key = _fold(text)
        return tuple(e for e in self.entries if _fold(e.label) == key)

    def by_key(self, key: str) -> Entry | None:
        return next((e for e in self.entries if e.key == key), None)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(e.label for e in self.entries)

    def closest(self, text: str, n: int = 3, cutoff: float = 0.75) -> tuple[Entry, ...]:
        """Entries whose label is closest to ``text`` (case-insensitive), best first."""
        folded = {_fold(e.label): e for e in self.entries if e.is_control}
        names = difflib.get_close_matches(_fold(text), list(folded), n=n, cutoff=cutoff)
        return tuple(folded[name] for name in names)

    def ratio(self, text: str, entry: Entry) -> float:
        return _ratio(_fold(text), _fold(entry.label))

    def split_merged(self, word: str) -> tuple[str, ...]:
        """``word`` cut where labels run together, or ``(word,)`` when it cannot be.

        First at a lower-to-upper case change ("betalingerFaktureringsprofiler"), then
        where a single-word label ends and another begins, with an optional linking
        letter ("Fakturering" + "s" + "licenser").
        """
        parts: list[str] = []
        for piece in CAMEL.split(word):
            parts.extend(self._split_compound(piece))
        return tuple(parts)

    def _split_compound(self, piece: str) -> list[str]:
        if len(piece) < 6 or self.folded(piece):
            return [piece]
        singles = sorted(
            (e.label for e in self.entries if e.is_control and " " not in e.label),
            key=len,
            reverse=True,
        )
        folded = piece.casefold()
        for label in singles:
            head = label.casefold()
            if not folded.startswith(head) or len(folded) - len(head) < 3:
                continue
            for link in LINKS:
                rest = piece[len(head) :]
                if not rest.casefold().startswith(link) or len(rest) - len(link) < 3:
                    continue
                tail = rest[len(link) :]
                if self.folded(tail) or self.closest(tail, n=1, cutoff=0.8):
                    return [piece[: len(head)], *self._split_compound(tail)]
        return [piece]


def unmark(text: str) -> str:
    """``text`` without the marks around it (``[課金]`` -> ``課金``), spaces collapsed."""
    return " ".join(text.strip().strip(MARKS).strip().split())


def _fold(text: str) -> str:
    return _CJK_SPACE.sub("", " ".join(unmark(text).casefold().split()))


@lru_cache(maxsize=65_536)
def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def clear_caches() -> None:
    """Forget the label similarities computed so far (a benchmark's first pass)."""
    _ratio.cache_clear()


@cache
def from_catalog(lang: str) -> Vocabulary:
    """Every control's label in ``lang`` from the compiled catalog.

    Raises VocabularyError when the kit has no catalog for ``lang`` or when it translates
    none of the labels (a catalog not yet filled in); CatalogNotCompiled when it is not
    compiled.
    """
    if lang not in CODES:
        raise VocabularyError(
            f"the kit has no catalog for locale {lang!r} (it has {', '.join(CODES)}); "
            "steps are extracted but not checked"
        )
    try:
        entries = tuple(Entry(c.key, c.role, c.label(lang)) for c in CONTROLS.values())
    except FileNotFoundError as error:
        raise CatalogNotCompiled(
            f"the catalog for {lang!r} is not compiled (no {error.filename}): run "
            "`make setup` (or `python -m walkthrough.bundle.package_data`) in the kit's "
            "source checkout"
        ) from error
    if lang != "en" and all(e.label == CONTROLS[e.key].msgid for e in entries):
        raise VocabularyError(
            f"the catalog for {lang!r} translates none of the {len(entries)} control labels; "
            f"fill in locales/{lang}/LC_MESSAGES/simulator.po (make catalogs) and compile it"
        )
    return Vocabulary(lang, entries)


def english_control(text: str) -> Entry | None:
    """The control whose English label ``text`` is (marks aside), or None: a label an
    article in another language left untranslated."""
    return next((e for e in from_catalog("en").exact(text) if e.is_control), None)
