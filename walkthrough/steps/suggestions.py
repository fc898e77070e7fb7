"""From the words a step wrote to the labels it meant.

The sentence's own words are stripped from either end (the grammar's verbs and
surrounding words), words that run two labels together are split, and the fragments are
regrouped into the labels that best cover them: the suggestions of ``label-merged``,
``link-partial``, ``path-broken`` and the intent that carries on from a wrong step.
"""

from __future__ import annotations

from collections.abc import Sequence

from .grammar import Grammar
from .vocabulary import Entry, Vocabulary


def bold(entries: Sequence[Entry]) -> str:
    """``entries`` as a path of bold labels: ``**A** > **B**``."""
    return " > ".join(f"**{e.label}**" for e in entries)


def control(entries: tuple[Entry, ...]) -> Entry | None:
    """The first control among ``entries``, else the first entry (the portal's name)."""
    return next((e for e in entries if e.is_control), entries[0] if entries else None)


def strip(words: list[str], grammar: Grammar) -> list[str]:
    """``words`` without the verbs and surrounding words at either end."""
    start, end = 0, len(words)
    while start < end and (grammar.is_surrounding(words[start]) or grammar.is_verb(words[start])):
        start += 1
    while end > start and (
        grammar.is_surrounding(words[end - 1]) or grammar.is_verb(words[end - 1])
    ):
        end -= 1
    return words[start:end]


def strip_surrounding(words: list[str], grammar: Grammar) -> list[str]:
    """``words`` without the surrounding (non-verb) words at either end."""
    start, end = 0, len(words)
    while start < end and grammar.is_surrounding(words[start]):
        start += 1
    while end > start and grammar.is_surrounding(words[end - 1]):
        end -= 1
    return words[start:end]


def fragments_of(words: list[str], grammar: Grammar, vocab: Vocabulary) -> list[str]:
    """``words`` stripped, each split where labels run together."""
    out: list[str] = []
    for word in strip(words, grammar):
        out.extend(vocab.split_merged(word))
    return out


def regroup(fragments: list[str], vocab: Vocabulary, cutoff: float = 0.8) -> tuple[Entry, ...]:
    """The labels that best cover ``fragments`` in order (some may be left out).

    The slow part of a verdict (every control against every run of up to five fragments):
    callers ask only when the step is not already written right.
    """
    controls = [e for e in vocab.entries if e.is_control]
    empty: tuple[Entry, ...] = ()
    best: list[tuple[float, tuple[Entry, ...]]] = [(0.0, empty)] + [(-1.0, empty)] * len(fragments)
    for i in range(len(fragments)):
        score, chosen = best[i]
        if score < 0:
            continue
        if score > best[i + 1][0]:
            best[i + 1] = (score, chosen)
        for j in range(i + 1, min(len(fragments), i + 5) + 1):
            joined = " ".join(fragments[i:j])
            for entry in controls:
                ratio = vocab.ratio(joined, entry)
                if ratio >= cutoff and score + ratio * len(joined) > best[j][0]:
                    best[j] = (score + ratio * len(joined), (*chosen, entry))
    return best[-1][1]
