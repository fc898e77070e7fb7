"""The rules for a bold span or a marked link: one table, the first rule that matches wins.

Each rule reads the span (and the step around it) and returns its :class:`Outcome`, or None
to let the next rule look. A span inside a navigation path takes its action from the
path (``path_rules``): only its findings are kept.

    rule             code                          catches
    _label           (none)                        exactly a control's label: its action
    _portal          portal-in-bold                the portal's name, running text in bold
    _misplaced       bold-misplaced                a bold that cuts across a label
    _extra_words     bold-verb, bold-extra-word    a label in bold with a verb or a word of
                                                   the sentence ("**choose Save**")
    _case            label-case                    a label in the wrong case
    _untranslated    label-untranslated            the English label in another language
    _in_path         bold-not-label                a word of the sentence in bold in a path
                                                   (the path reports the rest)
    _merged          label-merged                  labels run together ("**BillingLicenses**")
    _unknown         label-unknown                 no label, but one is close
    _not_label       bold-not-label                anything else in bold

Links in running text (a portal address, another article) are not spans: they are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass

from .codes import Finding
from .intent import Action, action_for
from .suggestions import bold, control, fragments_of, regroup, strip, strip_surrounding
from .vocabulary import Entry, english_control
from .work import Outcome, Rule, Work, first_match

_WINDOW = 4  # words either side of a bold that a label cut across may reach


@dataclass(slots=True)  # not frozen, as Outcome: one per span of every step
class Span:
    """A marked segment of the step: its word tokens, text and words, and whether it is
    inside a path (its action is then the path's)."""

    tokens: list[int]
    text: str  # the segment's text, whitespace collapsed
    words: list[str]
    in_path: bool
    exact: tuple[Entry, ...]  # the entries whose label is exactly ``text``


def _by_role(work: Work, entries: tuple[Entry, ...], first: int, last: int) -> Entry:
    """Of the controls that share a label (Japanese 支払い方法: the Payment methods tab and
    the Payment method heading) written at tokens ``first..last``, the one whose role a
    word beside it names (タブ: tab); else the first of ``entries``."""
    controls = [e for e in entries if e.is_control]
    if len(controls) > 1:
        near = work.toks[max(first - 2, 0) : last + 3]
        roles = {work.grammar.role_named(t.text) for t in near if t.kind == "word"}
        chosen = next((e for e in controls if e.role in roles), None)
        if chosen is not None:
            return chosen
    return entries[0]


def _label(work: Work, span: Span) -> Outcome | None:
    if not span.exact or not span.exact[0].is_control:
        return None
    entry = _by_role(work, span.exact, span.tokens[0], span.tokens[-1])
    return Outcome(action=action_for(entry, None))


def _portal(work: Work, span: Span) -> Outcome | None:
    if not span.exact or span.exact[0].is_control:
        return None
    finding = Finding(
        "portal-in-bold",
        f"'{span.text}' is the portal's name in running text, not a control",
        f"write {span.text} without bold",
    )
    return Outcome((finding,))


def _window(work: Work, first: int, last: int) -> tuple[list[int], list[int]]:
    """The plain words just before ``first`` and just after ``last``, up to ``_WINDOW``."""
    toks = work.toks
    before: list[int] = []
    i = first - 1
    while i >= 0 and len(before) < _WINDOW and toks[i].kind == "word" and not toks[i].marked:
        before.insert(0, i)
        i -= 1
    after: list[int] = []
    i = last + 1
    while i < len(toks) and len(after) < _WINDOW and toks[i].kind == "word" and not toks[i].marked:
        after.append(i)
        i += 1
    return before, after


def _across(work: Work, span: list[int]) -> tuple[Entry, list[int]] | None:
    """The longest control label made of words that straddle an edge of ``span``."""
    before, after = _window(work, span[0], span[-1])
    combined = before + span
    combined += after
    lo, hi = len(before), len(before) + len(span) - 1
    best: tuple[int, Entry, list[int]] | None = None
    for i in range(len(combined)):
        for j in range(i, len(combined)):
            if not (i < lo or j > hi) or j < lo or i > hi:
                continue
            shared = work.vocab.folded(" ".join(work.toks[k].text for k in combined[i : j + 1]))
            entry = _by_role(work, shared, combined[i], combined[j]) if shared else control(shared)
            if entry and entry.is_control and (best is None or j - i > best[0]):
                best = (j - i, entry, combined[i : j + 1])
    return (best[1], best[2]) if best else None


def _misplaced(work: Work, span: Span) -> Outcome | None:
    found = None if span.in_path else _across(work, span.tokens)
    if found is None:
        return None
    entry, used = found
    finding = Finding(
        "bold-misplaced",
        f"the bold '{span.text}' cuts across the label '{entry.label}'",
        f"write **{entry.label}** with the whole label in bold",
    )
    return Outcome(
        (finding,), action_for(entry, None), tuple(k for k in used if k not in span.tokens)
    )


def _inner_label(work: Work, words: list[str]) -> tuple[int, int, Entry] | None:
    """The longest run ``words[a:b]`` that is a label, every word outside it the sentence's."""
    best: tuple[int, int, Entry] | None = None
    for a in range(len(words)):
        for b in range(len(words), a, -1):
            outside = words[:a] + words[b:]
            if not outside or not all(
                work.grammar.is_surrounding(w) or work.grammar.is_verb(w) for w in outside
            ):
                continue
            found = control(work.vocab.folded(" ".join(words[a:b])))
            if found and (best is None or b - a > best[1] - best[0]):
                best = (a, b, found)
    return best


def _extra_words(work: Work, span: Span) -> Outcome | None:
    if work.vocab.folded(span.text):
        return None  # the whole bold is a label in another case (_case): French **annuler
        # l’abonnement** is the pane's title, not Annuler (Cancel) and a word of the sentence
    inner = _inner_label(work, span.words)
    if inner is None:
        return None
    a, b, entry = inner
    words = span.words
    outside = words[:a] + words[b:]
    verbs = [w for w in outside if work.grammar.is_verb(w) and not work.grammar.is_surrounding(w)]
    code = "bold-verb" if verbs else "bold-extra-word"
    what = "the verb" if verbs else "the word"
    moved = " ".join(verbs or outside)
    fixed = " ".join([*words[:a], f"**{entry.label}**", *words[b:]])
    finding = Finding(
        code,
        f"{what} '{moved}' is inside the bold '{span.text}'; only the label '{entry.label}' is",
        f"move '{moved}' out of the bold: {fixed}",
    )
    return Outcome((finding,), action_for(entry, None))


def _case(work: Work, span: Span) -> Outcome | None:
    folded = work.vocab.folded(span.text)
    if not folded:
        return None
    finding = Finding(
        "label-case",
        f"'{span.text}' differs from the label '{folded[0].label}' in case",
        f"write **{folded[0].label}**",
    )
    return Outcome((finding,), action_for(folded[0], None))


def untranslated(text: str, entry: Entry, translated: Entry | None) -> Finding:
    """``label-untranslated``: ``text`` is ``entry``'s English label; ``translated`` is the
    same control in the article's language, when the kit has that language."""
    return Finding(
        "label-untranslated",
        f"'{text}' is the portal's English label, left untranslated",
        f"write **{translated.label}**" if translated else None,
    )


def _untranslated(work: Work, span: Span) -> Outcome | None:
    if work.vocab.lang == "en":
        return None
    english = english_control(span.text)
    if english is None:
        return None
    translated = work.vocab.by_key(english.key)
    action = action_for(translated, None) if translated else None
    return Outcome((untranslated(span.text, english, translated),), action)


def _in_path(work: Work, span: Span) -> Outcome | None:
    if not span.in_path:
        return None
    if strip(span.words, work.grammar):
        return Outcome()  # part of an item the path judged
    finding = Finding(
        "bold-not-label",
        f"'{span.text}' is a word of the sentence, not a label, inside the path",
        f"take '{span.text}' out of the bold",
    )
    return Outcome((finding,))


def _merged(work: Work, span: Span) -> Outcome | None:
    merged = [w for w in span.words if len(work.vocab.split_merged(w)) > 1]
    if not merged:
        return None
    suggested = regroup(fragments_of(span.words, work.grammar, work.vocab), work.vocab)
    if not suggested:
        return None
    parts = " + ".join(work.vocab.split_merged(merged[0]))
    finding = Finding(
        "label-merged",
        f"'{span.text}' runs labels together ({parts})",
        f"did you mean {bold(suggested)}",
    )
    return Outcome((finding,), Action("go_to", suggested))


def _unknown(work: Work, span: Span) -> Outcome | None:
    stripped = " ".join(strip(span.words, work.grammar))
    lenient = " ".join(strip_surrounding(span.words, work.grammar))
    candidates = [c for c in dict.fromkeys((lenient, stripped, span.text)) if c]
    scored = [(work.vocab.ratio(c, e), e) for c in candidates for e in work.vocab.closest(c)]
    close = tuple(e for _, e in sorted(scored, key=lambda pair: -pair[0]))
    if not close:
        return None
    finding = Finding(
        "label-unknown",
        f"'{span.text}' is not a label of the portal",
        f"did you mean **{close[0].label}**",
    )
    return Outcome((finding,), action_for(close[0], None))


def _not_label(work: Work, span: Span) -> Outcome:
    stripped = strip(span.words, work.grammar)
    finding = Finding(
        "bold-not-label",
        f"'{span.text}' is in bold but no control is called that",
        f"take '{span.text}' out of the bold" if not stripped else None,
    )
    return Outcome((finding,))


SPAN_RULES: tuple[Rule[Span], ...] = (
    _label,
    _portal,
    _misplaced,
    _extra_words,
    _case,
    _untranslated,
    _in_path,
    _merged,
    _unknown,
    _not_label,
)


def judge_spans(work: Work) -> None:
    """Every marked segment of the step through :data:`SPAN_RULES` (after the paths)."""
    spans: dict[int, list[int]] = {}
    for k, tok in enumerate(work.toks):
        if tok.kind == "word" and tok.marked:
            spans.setdefault(tok.seg, []).append(k)
    for index, indices in spans.items():
        seg = work.step.segments[index]
        in_path = index in work.path_segs
        if seg.kind == "link" and not seg.bold and not in_path:
            continue  # a link in running text (a portal address, another article)
        text = " ".join(seg.text.split())
        words = [work.toks[k].text for k in indices]
        span = Span(indices, text, words, in_path, work.vocab.exact(text))
        outcome = first_match(SPAN_RULES, work, span)
        work.record(indices[0], indices[-1], outcome, act=not in_path)
