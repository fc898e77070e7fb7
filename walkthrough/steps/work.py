"""One step being judged: what the rules read, and what they decided so far.

The rules (``path_rules``, ``span_rules``) only read a :class:`Work` and return an
:class:`Outcome`; :meth:`Work.record` is the one place an outcome changes it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .codes import Finding
from .grammar import Grammar
from .intent import Action
from .model import Step
from .tokens import Tok
from .vocabulary import Vocabulary


@dataclass(slots=True)  # not frozen: one per span and path, and frozen ones are slower to build
class Outcome:
    """What a rule decided: the findings to report, the action the step asks for there (None:
    none from this rule), and the tokens outside its own that it used up (``used``: no other
    rule reports them again)."""

    findings: tuple[Finding, ...] = ()
    action: Action | None = None
    used: tuple[int, ...] = ()


type Rule[T] = Callable[[Work, T], Outcome | None]


@dataclass
class Work:
    step: Step
    grammar: Grammar
    vocab: Vocabulary
    toks: list[Tok]
    findings: list[Finding] = field(default_factory=list)
    actions: list[tuple[int, int, Action]] = field(default_factory=list)  # first, last token
    consumed: set[int] = field(default_factory=set)  # plain tokens a rule has accounted for
    path_segs: set[int] = field(default_factory=set)  # marked segments inside a path

    def record(self, first: int, last: int, outcome: Outcome, *, act: bool = True) -> None:
        """Keep ``outcome``, its action (unless ``act`` is False) at tokens ``first..last``."""
        self.consumed.update(outcome.used)
        self.findings.extend(outcome.findings)
        if act and outcome.action is not None:
            self.actions.append((first, last, outcome.action))


def first_match[T](rules: Sequence[Rule[T]], work: Work, subject: T) -> Outcome:
    """The outcome of the first of ``rules`` that matches ``subject`` (the last matches all)."""
    for rule in rules:
        outcome = rule(work, subject)
        if outcome is not None:
            return outcome
    raise AssertionError("a rule table must end with a rule that matches everything")
