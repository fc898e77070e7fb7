"""The rules for a navigation path ``A > B > C``: one table, the first rule that matches wins.

A path is a chain of ``>`` with the words between them (its items). Before the rules, the
labels it means are found: the items themselves when each is exactly a control's label in
bold, else the labels that best cover its words (``suggestions.regroup``). A path with no
label anywhere is running text ("A > B" of another product) and is left alone; any other
path uses up its words, so no span or plain-label finding reports them again, and goes to
the labels it means.

    rule             code                          catches
    _marked_labels   (none)                        every item a label in bold: go there
    _merged          label-merged (+ path-broken)  labels run together in an item
    _partial         link-partial (+ path-broken)  an item marked only in part
    _broken          path-broken                   a ``>`` with nothing beside it
    _not_bold        label-not-bold                an item that is a label, not marked
    _unknown         label-unknown                 a marked item that is no label
    _labels          (none)                        anything else (the spans report it)

A merged or partly marked item beside a broken ``>`` reports both, the suggestion once.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from .codes import Finding
from .intent import Action
from .suggestions import bold, control, fragments_of, regroup, strip
from .vocabulary import Entry
from .work import Outcome, Rule, Work, first_match


@dataclass(slots=True)  # not frozen, as Outcome: one per path of every step
class Path:
    """A chain of ``>`` (``chain``: their tokens), its items and the labels it means."""

    chain: list[int]
    items: list[list[int]]  # the word tokens of each item, left to right (may be empty)
    words: list[list[str]]
    exact: list[Entry | None]  # each item's label, when it is one whole marked label
    suggested: tuple[Entry, ...]

    @property
    def written(self) -> str:
        return " > ".join(" ".join(w) for w in self.words)

    @property
    def suggestion(self) -> str:
        return f"did you mean {bold(self.suggested)}"

    @property
    def go_to(self) -> Action:
        return Action("go_to", self.suggested)

    def gap(self, suggestion: str | None = None) -> tuple[Finding, ...]:
        """``path-broken`` when a ``>`` has nothing (or an empty link) beside it; beside
        another finding, without the suggestion that one makes."""
        if all(self.items):
            return ()
        message = f"the path '{self.written}' has a '>' with nothing (or an empty link) beside it"
        return (Finding("path-broken", message, suggestion),)


def _marked_labels(work: Work, path: Path) -> Outcome | None:
    if not all(path.exact):
        return None
    return Outcome(action=Action("go_to", tuple(e for e in path.exact if e)))


def _merged(work: Work, path: Path) -> Outcome | None:
    merged = [w for item in path.words for w in item if len(work.vocab.split_merged(w)) > 1]
    if not merged:
        return None
    parts = " + ".join("/".join(work.vocab.split_merged(w)) for w in merged)
    message = f"the path '{path.written}' runs labels together ({parts})"
    return Outcome((Finding("label-merged", message, path.suggestion), *path.gap()), path.go_to)


def _partial(work: Work, path: Path) -> Outcome | None:
    toks = work.toks
    partial = next(
        (
            i
            for i, item in enumerate(path.items)
            if any(toks[k].marked for k in item) and not all(toks[k].marked for k in item)
        ),
        None,
    )
    if partial is None:
        return None
    link = " ".join(toks[k].text for k in path.items[partial] if toks[k].marked)
    written_item = " ".join(path.words[partial])
    named = work.vocab.folded(written_item)
    label = named[0].label if named else written_item
    message = f"the marked text '{link}' is only part of the label '{label}'"
    return Outcome((Finding("link-partial", message, path.suggestion), *path.gap()), path.go_to)


def _broken(work: Work, path: Path) -> Outcome | None:
    gap = path.gap(path.suggestion)
    return Outcome(gap, path.go_to) if gap else None


def _not_bold(work: Work, path: Path) -> Outcome | None:
    toks = work.toks
    if not any(item and not any(toks[k].marked for k in item) for item in path.items):
        return None
    message = f"the path '{path.written}' names labels that are not in bold"
    return Outcome((Finding("label-not-bold", message, path.suggestion),), path.go_to)


def _unknown(work: Work, path: Path) -> Outcome | None:
    """A marked item that is no label, nor a label with words of the sentence around it."""
    for entry, words in zip(path.exact, path.words, strict=True):
        text = " ".join(words)
        stripped = " ".join(strip(words, work.grammar))
        if entry is None and stripped and not work.vocab.folded(stripped):
            message = f"'{text}' in the path '{path.written}' is not a label of the portal"
            return Outcome((Finding("label-unknown", message, path.suggestion),), path.go_to)
    return None


def _labels(work: Work, path: Path) -> Outcome:
    return Outcome(action=path.go_to)


PATH_RULES: tuple[Rule[Path], ...] = (
    _marked_labels,
    _merged,
    _partial,
    _broken,
    _not_bold,
    _unknown,
    _labels,
)


# -- finding the paths ----------------------------------------------------------------------


def _left_item(work: Work, sep: int) -> list[int]:
    """The item before the ``>`` at ``sep``: its marked words, else plain words back to a
    verb or a surrounding word."""
    toks, out = work.toks, list[int]()
    i = sep - 1
    if i >= 0 and toks[i].kind == "word" and toks[i].marked:
        while i >= 0 and toks[i].kind == "word" and toks[i].marked:
            out.insert(0, i)
            i -= 1
    else:
        while i >= 0 and toks[i].kind == "word" and not toks[i].marked:
            if work.grammar.is_surrounding(toks[i].text) or work.grammar.is_verb(toks[i].text):
                break
            out.insert(0, i)
            i -= 1
    return out


def _right_item(work: Work, sep: int) -> list[int]:
    """The item after the last ``>``: its marked words (and up to three plain words that
    complete them to a label), else plain words up to a verb."""
    toks, out = work.toks, []
    i = sep + 1
    if i < len(toks) and toks[i].kind == "word" and toks[i].marked:
        while i < len(toks) and toks[i].kind == "word" and toks[i].marked:
            out.append(i)
            i += 1
        marked_text = " ".join(toks[k].text for k in out)
        glue: list[int] = []
        while i < len(toks) and toks[i].kind == "word" and len(glue) < 3:
            glue.append(i)
            text = " ".join([marked_text, *(toks[k].text for k in glue)])
            if work.vocab.folded(text):
                out.extend(glue)
                break
            i += 1
        return out
    while i < len(toks) and toks[i].kind == "word" and not work.grammar.is_verb(toks[i].text):
        out.append(i)
        i += 1
    return out


def _chains(work: Work) -> list[list[int]]:
    """The ``>`` tokens, grouped into chains (no punctuation between two of a chain)."""
    toks = work.toks
    chains: list[list[int]] = []
    for sep in (i for i, t in enumerate(toks) if t.kind == "sep"):
        if chains and all(t.kind != "punct" for t in toks[chains[-1][-1] + 1 : sep]):
            chains[-1].append(sep)
        else:
            chains.append([sep])
    return chains


def _items(work: Work, chain: list[int]) -> list[list[int]]:
    items = [_left_item(work, chain[0])]
    items += [
        [k for k in range(a + 1, b) if work.toks[k].kind == "word"]
        for a, b in itertools.pairwise(chain)
    ]
    items.append(_right_item(work, chain[-1]))
    return items


def _exact(work: Work, item: list[int]) -> Entry | None:
    """The label ``item`` is, when it is one whole marked segment and exactly a label."""
    segs = {work.toks[k].seg for k in item}
    if len(segs) != 1 or not all(work.toks[k].marked for k in item):
        return None
    text = " ".join(work.step.segments[next(iter(segs))].text.split())
    return control(work.vocab.exact(text))


def _path(work: Work, chain: list[int]) -> Path | None:
    """The path at ``chain``, or None when no label is anywhere in it."""
    items = _items(work, chain)
    words = [[work.toks[k].text for k in item] for item in items]
    exact = [_exact(work, item) for item in items]
    if all(e is not None and e.is_control for e in exact):
        suggested = tuple(e for e in exact if e)
    else:  # only then are suggestions needed (regroup is the slow part)
        fragments = [f for item in words for f in fragments_of(item, work.grammar, work.vocab)]
        suggested = regroup(fragments, work.vocab)
    return Path(chain, items, words, exact, suggested) if suggested else None


def judge_paths(work: Work) -> None:
    """Every path of the step through :data:`PATH_RULES` (before the spans: a span inside a
    path takes its action from the path)."""
    for chain in _chains(work):
        path = _path(work, chain)
        if path is None:
            continue  # no label anywhere: running text such as "A > B" of another product
        for item in path.items:
            work.consumed.update(k for k in item if not work.toks[k].marked)
            work.path_segs.update(work.toks[k].seg for k in item if work.toks[k].marked)
        position = path.items[0][0] if path.items[0] else chain[0]
        work.record(position, chain[-1], first_match(PATH_RULES, work, path))
