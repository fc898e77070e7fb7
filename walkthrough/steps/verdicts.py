"""Static verdicts on one step: its findings and its intent, without running anything.

A bold span must be exactly a control's label; a control the step names must be in bold;
a navigation path ``A > B`` must be labels, each marked; the portal's name and other
running text are not controls (codes in ``codes.py``). The step is read as tokens
(``tokens``) and judged in this order, each stage leaving alone what an earlier one used:

    stage                         codes                                  rules
    the line before the step      fence-malformed                        analyse
    navigation paths              label-merged, link-partial,            path_rules.PATH_RULES
                                  path-broken, label-not-bold,
                                  label-unknown
    bold spans and marked links   portal-in-bold, bold-misplaced,        span_rules.SPAN_RULES
                                  bold-verb, bold-extra-word,
                                  label-case, label-merged,
                                  label-unknown, bold-not-label
    labels left out of the bold   label-not-bold                         _unbolded
    the step's annotation         annotation-invalid,                    analyse
                                  annotation-conflict
    nothing to check              no-reference                           analyse

Suggestions are the closest labels after removing the grammar's surrounding words and
splitting merged words (``suggestions``). The intent is the actions of every stage in the
order of the prose, with the values the prose (or the annotation) gives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .codes import Finding
from .grammar import Grammar
from .intent import Action, Intent, action_for
from .model import Annotation, Step
from .path_rules import judge_paths
from .span_rules import judge_spans
from .tokens import Lexicon, has_cjk, tokens
from .vocabulary import Vocabulary
from .work import Outcome, Work


@dataclass(frozen=True)
class Verdict:
    findings: tuple[Finding, ...]
    intent: Intent

    @property
    def failed(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    @property
    def flagged(self) -> bool:
        return self.failed or any(f.suggestion for f in self.findings)


# -- labels left out of the bold ----------------------------------------------------------


_OPENING_CLOSING = (("[", "]"), ("「", "」"), ("“", "”"), ('"', '"'), ("『", "』"))


def _marked_in_text(work: Work, seg: int, label: str) -> bool:
    """Whether the segment writes ``label`` beside a label mark (``[保存]``, ``“保存”``): in
    Japanese and Chinese, the sign that the writer meant a label, not a word."""
    text = work.step.segments[seg].text
    # One mark is enough where the other is in the next segment ("编辑 **"。**), but the
    # label must end (or start) there: "[ライセンスの合計]" does not mark ライセンス.
    label = re.escape(label)
    return any(
        re.search(
            rf"{re.escape(a)}{label}(?:{re.escape(b)}|\s|$)|(?:^|\s){label}{re.escape(b)}", text
        )
        for a, b in _OPENING_CLOSING
    )


def _unbolded(work: Work) -> None:
    """A control's label in plain words (``label-not-bold``), longest labels first, in words
    no path or span used: written exactly, except at a sentence's start (where it may be an
    ordinary word), or in any case after a word naming a kind of control or a "(". A script
    without case (Arabic) cannot tell a label from a word of the sentence by its capital:
    only after a control word or a "(". In Japanese and Chinese, only a label written
    beside label marks ([保存], “保存”)."""
    toks = work.toks
    present = {t.text.casefold() for t in toks if t.kind == "word" and not t.marked}
    controls = [
        e for e in work.vocab.entries if e.is_control and e.label.split()[0].casefold() in present
    ]
    for entry in sorted(controls, key=lambda e: -len(e.label.split())):
        size = len(entry.label.split())
        target = [w for w in entry.label.split()]
        for i in range(len(toks) - size + 1):
            window = toks[i : i + size]
            if any(
                t.kind != "word" or t.marked or (i + n) in work.consumed
                for n, t in enumerate(window)
            ):
                continue
            texts = [t.text for t in window]
            unspaced = has_cjk(entry.label)
            if unspaced and not _marked_in_text(work, window[0].seg, entry.label):
                continue  # unspaced script: a label word inside a sentence is a word
            prev = toks[i - 1] if i > 0 else None
            sentence_start = prev is None or prev.text in ".!?:"
            named = unspaced or (
                prev is not None
                and (prev.text == "(" or prev.text.casefold() in work.grammar.control_words)
            )
            caseless = entry.label.lower() == entry.label.upper()  # Arabic: no case
            if texts == target and not sentence_start and not caseless:
                pass
            elif not ([t.casefold() for t in texts] == [w.casefold() for w in target] and named):
                continue
            finding = Finding(
                "label-not-bold",
                f"the step names the control '{entry.label}' but it is not in bold",
                f"write **{entry.label}**",
            )
            outcome = Outcome((finding,), action_for(entry, None), tuple(range(i, i + size)))
            work.record(i, i + size - 1, outcome)


# -- the intent ---------------------------------------------------------------------------


def _as_context(work: Work, start: int, end: int, action: Action) -> Action:
    """A click whose label has a control word beside it (or inside its bold) is context."""
    if action.kind != "click" or len(action.controls) != 1:
        return action
    label = {w.casefold() for w in action.controls[0].label.split()}
    near = work.toks[max(start - 1, 0) : end + 2]
    if any(
        t.kind == "word"
        and t.text.casefold() in work.grammar.control_words
        and t.text.casefold() not in label
        for t in near
    ):
        return Action(action.kind, action.controls, action.value, action.any_of, context=True)
    return action


def _alternatives(work: Work, ordered: list[tuple[int, int, Action]]) -> list[Action]:
    """The actions in order, "**A** or **B**" joined into one ``any_of`` click."""
    out: list[Action] = []
    previous: int | None = None
    for start, end, action in ordered:
        if out and previous is not None and action.kind == "click" and out[-1].kind == "click":
            between = [t for t in work.toks[previous + 1 : start] if t.kind != "sep"]
            if len(between) == 1 and between[0].text.casefold() in work.grammar.alternatives:
                out[-1] = Action("click", out[-1].controls + action.controls, any_of=True)
                previous = end
                continue
        out.append(action)
        previous = end
    return out


def _fence(line: int) -> Finding:
    return Finding(
        "fence-malformed",
        f"line {line} before this step looks like a moniker fence "
        "but is not one, so this step shows in every cloud",
        f"write the fence as '::: moniker range=\"...\"' (three colons, the keywords in "
        f"English; line {line}'s diagnostic gives the fence to write)",
    )


def _annotation(annotation: Annotation | None, values: tuple[str, ...]) -> list[Finding]:
    """What is wrong with the step's annotation: its errors, a value the prose contradicts."""
    if annotation is None:
        return []
    out = [Finding("annotation-invalid", error, None) for error in annotation.errors]
    if annotation.value is not None and values and annotation.value not in values:
        out.append(
            Finding(
                "annotation-conflict",
                f"the annotation's value {annotation.value!r} differs from the prose's "
                f"{values[0]!r}; the prose wins",
                None,
            )
        )
    return out


def _intent(work: Work, annotation: Annotation | None, values: tuple[str, ...]) -> Intent:
    """The actions in the order of the prose, each field or group given the step's value."""
    value = values[0] if values else annotation.value if annotation else None
    placed = [(a, b, _as_context(work, a, b, action)) for a, b, action in work.actions]
    actions = [
        Action(a.kind, a.controls, value, a.any_of)
        if a.kind in ("fill", "select") and a.value is None
        else a
        for a in _alternatives(work, sorted(placed, key=lambda pa: pa[0]))
    ]
    return Intent(
        actions=tuple(actions),
        target=annotation.target if annotation else None,
        users=annotation.users if annotation else (),
        values=values,
        expect=annotation.expect if annotation else (),
        skip=annotation.skip if annotation else None,
    )


_LEXICONS: dict[tuple[int, int], tuple[Grammar, Vocabulary, Lexicon]] = {}


def lexicon(grammar: Grammar, vocab: Vocabulary) -> Lexicon:
    """What a run of unspaced script (Japanese, Chinese) is cut at: the labels, the verbs
    and the surrounding words of the locale (kept per grammar and vocabulary: a Grammar
    holds dicts, so it is no cache key)."""
    kept = _LEXICONS.get((id(grammar), id(vocab)))
    if kept is not None and kept[0] is grammar and kept[1] is vocab:
        return kept[2]
    verbs = [p for phrases in grammar.verbs.values() for p in phrases]
    words = [*grammar.control_words, *grammar.small_words, *grammar.alternatives]
    found = Lexicon.of([*vocab.labels, *verbs, *words])
    _LEXICONS[(id(grammar), id(vocab))] = (grammar, vocab, found)
    return found


def analyse(step: Step, grammar: Grammar, vocab: Vocabulary) -> Verdict:
    """The findings and the intent of ``step`` in a locale with ``grammar`` and ``vocab``."""
    work = Work(step, grammar, vocab, tokens(step.segments, lexicon(grammar, vocab)))
    if step.after_malformed_fence:
        work.findings.append(_fence(step.after_malformed_fence))
    judge_paths(work)
    judge_spans(work)
    _unbolded(work)
    annotation = step.annotation
    values = grammar.values(" ".join(t.text if t.kind != "sep" else ">" for t in work.toks))
    work.findings.extend(_annotation(annotation, values))
    intent = _intent(work, annotation, values)
    picks = annotation is not None and bool(annotation.target or annotation.users)
    if not intent.actions and not work.findings and not picks:
        work.findings.append(
            Finding(
                "no-reference",
                "nothing to check: the step names no control "
                "(add an annotation if it should be checked)",
            )
        )
    return Verdict(tuple(work.findings), intent)
