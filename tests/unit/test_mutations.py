"""Mutation tests: each defect class, injected into one step of a kit page, is flagged at
exactly that step, and no other step of the page (in either cloud) becomes flagged.

The defect classes are those of the delivered Danish article: a verb inside the bold, a
word of the sentence inside the bold, a label left out of the bold, a word that is no
label put in bold, two labels of a path run together, a link that covers part of a label,
a garbled label, a malformed moniker fence; and a label left in English (the published
translations' defect). Each is written into the page's text on one
line (line numbers stay), and the page is checked in process, every step executed: the
runner carrying on from each step's intent is what keeps the other steps clean.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from walkthrough.checker.check import check_text
from walkthrough.checker.inprocess_driver import InProcessDriver
from walkthrough.steps import extract, grammar
from walkthrough.steps.vocabulary import Vocabulary, from_catalog

ROOT = Path(__file__).resolve().parents[2]
PAGES = {
    "en": ROOT / "docs/en/manage-self-service-purchases-users.md",
    "da": ROOT / "docs/da/manage-self-service-purchases-users.md",
}
VERB = {"en": "choose", "da": "vælg"}
CONTROL_WORD = {"en": "button", "da": "knappen"}
# Steps mutated per class and page: the first, one in the middle, the last (SSP_MUTANTS=0:
# every step a defect of the class fits).
PER_CLASS = int(os.environ.get("SSP_MUTANTS", "3"))
DRIVER = InProcessDriver()

# A label as the pages write it: bold, in a Markdown link, or bold in an HTML link.
_MARKED = r"(?:\[\*\*{0}\*\*\]\([^)]*\)|<a [^>]*>\*\*{0}\*\*</a>|\*\*{0}\*\*)"


def _labels(line: str, vocab: Vocabulary) -> list[str]:
    found = re.findall(r"\*\*([^*]+)\*\*", line)
    return [t for t in found if any(e.is_control for e in vocab.exact(t))]


def _replace_marked(line: str, label: str, new: str) -> str:
    return re.sub(_MARKED.format(re.escape(label)), lambda _: new, line, count=1)


def verb_in_bold(line: str, lang: str, vocab: Vocabulary) -> str | None:
    labels = _labels(line, vocab)
    return (
        line.replace(f"**{labels[-1]}**", f"**{VERB[lang]} {labels[-1]}**", 1) if labels else None
    )


def word_in_bold(line: str, lang: str, vocab: Vocabulary) -> str | None:
    labels = _labels(line, vocab)
    if not labels:
        return None
    word = CONTROL_WORD[lang]
    inside = f"{labels[-1]} {word}" if lang == "en" else f"{word} {labels[-1]}"
    return line.replace(f"**{labels[-1]}**", f"**{inside}**", 1)


def out_of_bold(line: str, lang: str, vocab: Vocabulary) -> str | None:
    labels = [
        t for t in _labels(line, vocab) if not re.search(rf"[.!?:]\s*\*\*{re.escape(t)}", line)
    ]
    return _replace_marked(line, labels[-1], labels[-1]) if labels else None


def non_label_in_bold(line: str, lang: str, vocab: Vocabulary) -> str | None:
    rules = grammar.load(lang)
    assert rules is not None
    body = re.sub(r"\*\*[^*]+\*\*|<[^>]+>|\[[^\]]*\]\([^)]*\)", " ", line)
    for word in reversed(re.findall(r"[^\W\d_]{5,}", body)):
        known = rules.is_verb(word) or rules.is_surrounding(word) or vocab.closest(word)
        in_label = any(word.casefold() in e.label.casefold() for e in vocab.entries)
        if not (known or in_label):
            return re.sub(rf"\b{re.escape(word)}\b", f"**{word}**", line, count=1)
    return None


def merged_labels(line: str, lang: str, vocab: Vocabulary) -> str | None:
    labels = _labels(line, vocab)
    for first, second in itertools.pairwise(labels):
        pattern = rf"\*\*{re.escape(first)}\*\* > " + _MARKED.format(re.escape(second))
        merged = f"**{first}{second}**"
        if found := re.search(pattern, line):
            return line[: found.start()] + merged + line[found.end() :]
    return None


def partial_link(line: str, lang: str, vocab: Vocabulary) -> str | None:
    labels = _labels(line, vocab)
    if " > " not in line or len(labels) < 2:
        return None
    head, _, rest = labels[-1].partition(" ")
    if not rest:  # as in the delivered article: the link covers the label's first word
        return None
    new = f"[{head.lower()}](https://go.microsoft.com/fwlink/p/?linkid=1) {rest}"
    return _replace_marked(line, labels[-1], new)


def garbled_label(line: str, lang: str, vocab: Vocabulary) -> str | None:
    labels = [t for t in _labels(line, vocab) if max(len(w) for w in t.split()) >= 6]
    if not labels:
        return None
    label = labels[-1]
    word = max(label.split(), key=len)
    swapped = word[:2] + word[3] + word[2] + word[4:]
    return line.replace(f"**{label}**", f"**{label.replace(word, swapped, 1)}**", 1)


def untranslated_label(line: str, lang: str, vocab: Vocabulary) -> str | None:
    """A label left in English, as bilingual and machine-translated exports do."""
    if lang == "en":
        return None
    english = from_catalog("en")
    for label in reversed(_labels(line, vocab)):
        entry = next(e for e in vocab.exact(label) if e.is_control)
        found = english.by_key(entry.key)
        if found is not None and found.label != label:
            return line.replace(f"**{label}**", f"**{found.label}**", 1)
    return None


MUTATORS: dict[str, tuple[Callable[..., str | None], set[str]]] = {
    "verb-in-bold": (verb_in_bold, {"bold-verb"}),
    "word-in-bold": (word_in_bold, {"bold-extra-word"}),
    "label-out-of-bold": (out_of_bold, {"label-not-bold"}),
    "non-label-in-bold": (non_label_in_bold, {"bold-not-label"}),
    "merged-labels": (merged_labels, {"label-merged"}),
    "partial-link": (partial_link, {"link-partial"}),
    "garbled-label": (garbled_label, {"label-unknown", "label-case"}),
    "untranslated-label": (untranslated_label, {"label-untranslated"}),
}


def _spread(items: list[tuple[int, str]]) -> list[tuple[int, str]]:
    if PER_CLASS == 0 or len(items) <= PER_CLASS:
        return items
    picks = {0, len(items) // 2, len(items) - 1}
    return [items[i] for i in sorted(picks)]


def mutants() -> Iterator[object]:
    for lang, path in PAGES.items():
        text = path.read_text("utf-8")
        lines = text.splitlines(keepends=True)
        vocab = from_catalog(lang)
        steps = sorted(extract.steps_by_line(extract.article(text, path=str(path))))
        for defect, (mutate, codes) in MUTATORS.items():
            if (lang, defect) == ("en", "untranslated-label"):
                continue  # English is what the others leave untranslated
            found = []
            for number in steps:
                new = mutate(lines[number - 1], lang, vocab)
                if new is not None and new != lines[number - 1]:
                    found.append((number, new))
            assert found, f"{lang}: no step to inject {defect} into"
            for number, new in _spread(found):
                mutated = "".join([*lines[: number - 1], new, *lines[number:]])
                yield pytest.param(lang, number, mutated, codes, id=f"{lang}-{defect}-{number}")
        fences = [i + 1 for i, line in enumerate(lines) if line.startswith("::: moniker range=")]
        for fence in _spread([(f, "") for f in fences]):
            number = fence[0]
            step = next(n for n in steps if n > number)
            broken = lines[number - 1].replace("::: moniker", ":: moniker", 1)
            mutated = "".join([*lines[: number - 1], broken, *lines[number:]])
            yield pytest.param(
                lang, step, mutated, {"fence-malformed"}, id=f"{lang}-malformed-fence-{number}"
            )


def flagged(text: str, lang: str) -> dict[int, set[str]]:
    report = check_text(text, str(PAGES[lang]), driver=DRIVER)
    out: dict[int, set[str]] = {}
    for procedure in report.procedures:
        for step in procedure.steps:
            if step.flagged:
                out.setdefault(step.line, set()).update(f.code for f in step.findings)
    return out


@pytest.mark.parametrize("lang", list(PAGES))
def test_the_kit_pages_have_no_flagged_step(lang: str) -> None:
    assert flagged(PAGES[lang].read_text("utf-8"), lang) == {}


@pytest.mark.parametrize(("lang", "line", "text", "codes"), list(mutants()))
def test_a_defect_is_flagged_at_exactly_its_step(
    lang: str, line: int, text: str, codes: set[str]
) -> None:
    found = flagged(text, lang)
    assert set(found) == {line}, f"flagged steps {found}, expected only line {line}"
    assert found[line] & codes, f"line {line}: {found[line]}, expected one of {codes}"
