"""The runner: a procedure's steps, as intents, through a driver; verdicts per step.

A step fails when it has an error finding (static) or an act fails (driver); passes when
everything it asks was done; is unchecked when nothing could be executed (static mode, a
step naming no control, an unsupported locale).

Per step, in order: the people it picks (``users=``), its actions in the prose's order
(a "**A** or **B**" click tries A, then B; a pane's Save or Add is preceded by the form
facts, ``facts.FORM``), then its target (``target=``) unless a click already used it to
choose between rows, then a value the prose could not place (``value=``, chosen in the open
pane). Alternatives (``- To ..., choose **Edit**.``) are each executed, one run of the
procedure per alternative; numbered sub-steps run in order after their step.

Carrying on: when a step fails in the driver, or does nothing although it is where the
procedure picks its subscription, the runner resets the simulator and replays the
procedure's script (``facts.SCRIPTS``) up to the step it matches, so every later step is
judged from the state the failing step meant to produce. The procedure's postconditions
(``steps.procedures.POSTCONDITIONS``) and the steps' ``expect`` annotations are checked
when the driver can ``query`` the state.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from walkthrough.steps import annotations as annotation_syntax
from walkthrough.steps.codes import Finding
from walkthrough.steps.intent import Action, Intent
from walkthrough.steps.model import Procedure, Step
from walkthrough.steps.procedures import POSTCONDITIONS
from walkthrough.steps.verdicts import Verdict
from walkthrough.steps.vocabulary import Vocabulary, VocabularyError, from_catalog

from . import facts
from .driver import Driver, Outcome

Status = str  # "pass" | "fail" | "unchecked"


@dataclass(frozen=True)
class StepResult:
    step: Step
    status: Status
    findings: tuple[Finding, ...]
    intent: Intent
    exercised: frozenset[str] = frozenset()  # control keys the driver acted on for it
    artifacts: tuple[str, ...] = ()  # screenshot and trace of a failure (browser)
    not_run: str = ""  # why a step that should have run could not (steps.report)


@dataclass
class _Run:
    """One run of a procedure: the driver, and what the steps have said so far."""

    driver: Driver
    procedure_id: str | None
    vocab: Vocabulary | None
    target: str | None = None
    users: tuple[str, ...] = ()
    values: list[str] = field(default_factory=list)
    choice: str | None = None  # an annotation value the prose could not place
    at: int = -1  # the script step reached
    replayed: bool = False

    @property
    def script(self) -> tuple[facts.Canon, ...]:
        if self.vocab is None or self.driver.name == "static":
            return ()
        return facts.SCRIPTS.get(self.procedure_id or "", ())

    @property
    def defaults(self) -> facts.Defaults:
        return facts.DEFAULTS.get(self.procedure_id or "", facts.Defaults())

    def fact_target(self, always: bool = False) -> str | None:
        """The step's target so far, else the procedure's (after a replay, or ``always``:
        to choose between rows when the article does not say which)."""
        return self.target or (self.defaults.target if self.replayed or always else None)

    def fact_users(self) -> tuple[str, ...]:
        return self.users or (self.defaults.users if self.replayed else ())

    def fact_value(self) -> str | None:
        if self.values:
            return self.values[-1]
        return self.defaults.value if self.replayed else None

    def keys(self, outcome: Outcome) -> set[str]:
        """The control keys of the controls an act used (its ``touched``)."""
        if self.vocab is None or outcome.status != "ok":
            return set()
        by_name = {(e.role, e.label): e.key for e in self.vocab.entries if e.is_control}
        return {by_name[t] for t in outcome.touched if t in by_name}

    def form(self) -> list[tuple[str, str, str, bool]]:
        """(role, label, value, overwrite) for the open pane's fields, before Save or Add."""
        if self.vocab is None:
            return []
        out: list[tuple[str, str, str, bool]] = []
        changes = facts.CHANGES.get(self.procedure_id or "", {})
        for key, value in facts.FORM.items():
            entry = self.vocab.by_key(key)
            if entry is None:
                continue
            if key == "field.cancel_reason":
                value = self.choice or self.defaults.value or value
            out.append((entry.role, entry.label, changes.get(key, value), key in changes))
        return out


def _attempt(run: _Run, call: str, *args: object, **kwargs: object) -> Outcome:
    """A driver call; an exception (a browser timeout) is the act failing, not the run."""
    try:
        outcome: Outcome = getattr(run.driver, call)(*args, **kwargs)
    except Exception as error:  # the driver's own failure: report it on the step
        return Outcome("failed", f"the {run.driver.name} driver failed: {error}".strip())
    return outcome


def _click(
    run: _Run, action: Action, within: str | None, target: str | None
) -> tuple[Outcome, set[str]]:
    first: Outcome | None = None
    for entry in action.controls if action.any_of else action.controls[:1]:
        filled: set[str] = set()
        if entry.key in facts.SUBMIT:  # "fill in the details, then choose Save"
            filled = run.keys(_attempt(run, "complete", run.form()))
        outcome = _attempt(run, "click", entry.role, entry.label, within=within, target=target)
        if outcome.status == "ok":
            return outcome, {entry.key} | filled
        first = first or outcome
    assert first is not None
    return first, set()


def _perform(
    run: _Run, action: Action, within: str | None, target: str | None
) -> tuple[Outcome, set[str]]:
    first = action.controls[0]
    if action.kind == "go_to":
        path = [(c.role, c.label) for c in action.controls]
        outcome = _attempt(run, "go_to", path)
        return outcome, {c.key for c in action.controls} if outcome.status == "ok" else set()
    if action.kind in ("fill", "select"):
        if action.value is None:
            what = "value to enter" if action.kind == "fill" else "option to select"
            return Outcome("unsupported", f"no {what}: give one in the prose or value="), set()
        outcome = _attempt(run, action.kind, first.role, first.label, action.value, within=within)
        return outcome, {first.key} if outcome.status == "ok" else set()
    return _click(run, action, within, target)


def _holds(driver: Driver, condition: str, target: str | None) -> Finding | None:
    match = annotation_syntax.EXPECT.match(condition)
    if not match:
        return None
    name, op, wanted = match.groups()
    try:
        actual = driver.query(name, target)
    except Exception as error:
        return Finding("postcondition-failed", f"could not read {name}: {error}")
    if actual is None:
        return None
    items = {a.strip() for a in actual.split(",")}
    ok = {
        "==": actual == wanted,
        "!=": actual != wanted,
        "contains": all(w.strip() in items for w in wanted.split(",") if w.strip()),
        ">=": _number(actual) >= _number(wanted),
        "<=": _number(actual) <= _number(wanted),
    }[op]
    if ok:
        return None
    return Finding(
        "postcondition-failed", f"expected {name} {op} {wanted}, the simulator has {actual or '-'}"
    )


def _number(text: str) -> float:
    found = re.search(r"-?\d+(?:\.\d+)?", text.replace(",", "."))
    return float(found.group()) if found else float("nan")


def _step(
    run: _Run, step: Step, verdict: Verdict, within: str | None
) -> tuple[StepResult, str | None, list[Outcome]]:
    findings = list(verdict.findings)
    intent = verdict.intent
    outcomes: list[Outcome] = []
    exercised: set[str] = set()
    if intent.skip is None:
        if intent.users:
            outcomes.append(_attempt(run, "pick", None, intent.users))
            exercised |= run.keys(outcomes[-1])
        target = intent.target
        used_target = False
        actions = list(intent.actions)
        for action in [a for a in actions if a.context]:  # "in the X pane", when it is open
            entry = action.controls[0]
            if _attempt(run, "locate", entry.role, entry.label).status == "ok":
                actions.remove(action)
                outcomes.append(Outcome("ok"))
                within = entry.label
                exercised.add(entry.key)
        for action in actions:
            if action.kind == "within":
                entry = action.controls[0]
                outcome = _attempt(run, "locate", entry.role, entry.label)
                outcomes.append(outcome)
                if outcome.status == "ok":
                    within = entry.label
                    exercised.add(entry.key)
                continue
            outcome, keys = _perform(run, action, within, target or run.fact_target(True))
            outcomes.append(outcome)
            exercised |= keys
            used_target |= outcome.used_target
        if target and not used_target:
            outcomes.append(_attempt(run, "pick", target))
        placed = any(a.kind in ("fill", "select") and a.value for a in intent.actions)
        value = step.annotation.value if step.annotation else None
        if value and not placed:
            run.choice = value
            outcomes.append(_attempt(run, "choose", value, within=within))
            exercised |= run.keys(outcomes[-1])
        if not outcomes and not intent.actions and value is None:
            outcomes.extend(_implicit_pick(run))
        for condition in intent.expect:
            if failed := _holds(run.driver, condition, intent.target or run.target):
                findings.append(failed)
        run.target = intent.target or run.target
        run.users = intent.users or run.users
        run.values.extend(intent.values or [a.value for a in intent.actions if a.value])
    artifacts: list[str] = []
    for outcome in outcomes:
        if outcome.status == "failed":
            findings.append(
                Finding("driver-failed", outcome.observed or "the simulator refused the action")
            )
            artifacts.extend(a for a in outcome.artifacts if a not in artifacts)
    if any(o.status == "failed" for o in outcomes):
        with contextlib.suppress(Exception):  # a screenshot, in the browser
            artifacts.extend(a for a in run.driver.capture() if a not in artifacts)
    if any(f.severity == "error" for f in findings):
        status = "fail"
    elif outcomes and all(o.status == "ok" for o in outcomes):
        status = "pass"
    else:
        status = "unchecked"
    not_run = ""
    unsupported = [o for o in outcomes if o.status == "unsupported"]
    if status == "unchecked" and unsupported and run.driver.name != "static":
        # what the driver said it lacked, else that it cannot (static: runs nothing, by design)
        not_run = unsupported[0].observed or f"the {run.driver.name} driver cannot do it"
    result = StepResult(
        step, status, tuple(findings), intent, frozenset(exercised), tuple(artifacts), not_run
    )
    return result, within, outcomes


def _implicit_pick(run: _Run) -> list[Outcome]:
    """A step that names no control where the procedure picks ("Choose the subscription
    ..." in an article without annotations): the procedure's own target or people
    (``facts.DEFAULTS``) are picked, so the step gets a verdict instead of none."""
    index = facts.match(run.script, frozenset(), run.at)
    if index is None:
        return []
    outcomes = []
    for act in run.script[index]:
        if act.kind != "pick":
            return []  # a choice of value: the step must say which
        users = run.defaults.users if act.value == "$users" else ()
        outcomes.append(_attempt(run, "pick", None if users else run.fact_target(True), users))
    return outcomes


def _replay(run: _Run, upto: int, prefer: frozenset[str] = frozenset()) -> None:
    """Reset the simulator and do the procedure's script up to step ``upto`` (of "one
    of" controls, those in ``prefer`` first: the step's own choice)."""
    vocab = run.vocab
    if vocab is None:
        return
    run.replayed = True
    try:
        run.driver.reset()
    except Exception:  # the next step says what the screen shows
        return
    within: str | None = None
    for canon in run.script[: upto + 1]:
        for act in canon:
            entries = [e for e in (vocab.by_key(k) for k in act.keys) if e is not None]
            outcome: Outcome
            if act.kind == "go":
                outcome = _attempt(run, "go_to", [(e.role, e.label) for e in entries])
            elif act.kind == "within":
                outcome = _attempt(run, "locate", entries[0].role, entries[0].label)
                within = entries[0].label
            elif act.kind == "fill":
                value = run.fact_value() or ""
                outcome = _attempt(
                    run, "fill", entries[0].role, entries[0].label, value, within=within
                )
            elif act.kind == "pick":
                users = run.fact_users() if act.value == "$users" else ()
                outcome = _attempt(run, "pick", None if users else run.fact_target(), users)
            elif act.kind == "choose":
                value = run.choice or run.defaults.value or ""
                outcome = _attempt(run, "choose", value, within=within)
            else:
                entries.sort(key=lambda e: e.key not in prefer)
                action = Action("click", tuple(entries), any_of=True)
                outcome, _ = _click(run, action, within, run.fact_target())
            if outcome.status != "ok":
                return


def _group(
    run: _Run, step: Step, verdicts: dict[int, Verdict], branch: int
) -> Iterator[StepResult]:
    """A step, then its sub-steps in order or the alternative this run takes; after each,
    the runner carries on from what it meant (``_carry_on``)."""
    result, within, outcomes = _step(run, step, verdicts[step.line], None)
    _carry_on(run, result, outcomes)
    yield result
    alternatives = [s for s in step.alternatives if s.kind == "alternative"]
    for child in step.alternatives:
        if (
            child.kind == "alternative"
            and child is not alternatives[min(branch, len(alternatives) - 1)]
        ):
            continue
        result, _, outcomes = _step(run, child, verdicts[child.line], within)
        _carry_on(run, result, outcomes)
        yield result


def _carry_on(run: _Run, result: StepResult, outcomes: list[Outcome]) -> None:
    """Bring the simulator where ``result``'s step meant to take it, if it did not get
    there: an act failed, nothing was done, or the step is where the procedure picks
    something and it picked nothing (an article without annotations)."""
    script = run.script
    if not script:
        return
    intent = result.intent
    keys = frozenset(c.key for a in intent.actions for c in a.controls)
    index = facts.match(script, keys, run.at)
    if index is None:
        return
    picks = any(act.kind in ("pick", "choose") for act in script[index])
    picked = bool(intent.target or intent.users) or (
        any(o.status == "ok" for o in outcomes)
        and bool(result.step.annotation and result.step.annotation.value)
    )
    if not outcomes or any(o.status != "ok" for o in outcomes) or (picks and not picked):
        _replay(run, index, prefer=keys)
    run.at = max(run.at, index)


def _once(
    driver: Driver,
    procedure: Procedure,
    verdicts: dict[int, Verdict],
    locale: str,
    branch: int,
    settings: dict[str, str],
) -> tuple[list[StepResult], list[Finding], tuple[str, ...]]:
    try:
        vocab: Vocabulary | None = from_catalog(locale)
    except VocabularyError:
        vocab = None
    run = _Run(driver, procedure.procedure_id, vocab)
    try:
        driver.start(
            locale=locale,
            moniker=procedure.moniker,
            procedure=procedure.procedure_id,
            scenario=settings.get("scenario", "default"),
            screen=settings.get("screen", "products"),
            article=settings.get("article"),
        )
    except Exception as error:  # no simulator: the steps keep their static verdicts
        why = f"{driver.name} driver could not start"
        return _unstarted(procedure, verdicts, why, f"the {why}: {error}")
    results: list[StepResult] = []
    failed: list[Finding] = []
    evidence: tuple[str, ...] = ()
    try:
        for step in procedure.steps:
            results.extend(_group(run, step, verdicts, branch))
        users = ",".join(run.fact_users())
        for condition in POSTCONDITIONS.get(procedure.procedure_id or "", ()):
            filled = (
                condition.replace("$value", run.fact_value() or "")
                .replace("$target", run.fact_target() or "")
                .replace("$users", users)
            )
            if results and (finding := _holds(driver, filled, run.fact_target())):
                failed.append(finding)
        if failed:
            evidence = driver.capture()
    finally:
        driver.close()
    return results, failed, evidence


def runnable(intent: Intent) -> bool:
    """Whether a step asks something of the simulator (not: nothing to check, skipped)."""
    return intent.skip is None and bool(
        intent.actions or intent.target or intent.users or intent.expect
    )


def _unstarted(
    procedure: Procedure, verdicts: dict[int, Verdict], why: str, message: str
) -> tuple[list[StepResult], list[Finding], tuple[str, ...]]:
    """The static verdicts; the first step fails with ``message``, the others that do not
    fail statically could not be run, ``why``."""
    results = []
    for index, step in enumerate(procedure.all_steps()):
        verdict = verdicts[step.line]
        findings = verdict.findings + ((Finding("driver-failed", message),) if index == 0 else ())
        failed = index == 0 or verdict.failed
        status = "fail" if failed else "unchecked"
        not_run = why if status == "unchecked" and runnable(verdict.intent) else ""
        results.append(StepResult(step, status, findings, verdict.intent, not_run=not_run))
    return results, [], ()


def run_procedure(
    driver: Driver,
    procedure: Procedure,
    verdicts: dict[int, Verdict],
    locale: str,
    settings: dict[str, str] | None = None,
) -> list[StepResult]:
    """Results for every step, sub-step and alternative of ``procedure`` (``verdicts`` by
    line), in source order. ``settings``: the simulator's ``scenario`` and first ``screen``
    (the page's own simulator for the procedure), and the ``article``'s path."""
    branches = max(
        [1] + [sum(c.kind == "alternative" for c in s.alternatives) for s in procedure.steps]
    )
    merged: dict[int, StepResult] = {}
    order = [s.line for s in procedure.all_steps()]
    last_line = procedure.steps[-1].line if procedure.steps else None
    unmet: list[tuple[list[Finding], tuple[str, ...]]] = []
    for branch in range(branches):
        results, failed, evidence = _once(
            driver, procedure, verdicts, locale, branch, settings or {}
        )
        for result in results:
            seen = merged.get(result.step.line)
            merged[result.step.line] = result if seen is None else _worse(seen, result)
        unmet.append((failed, evidence))
    # The procedure's goal must be reached by one of its alternatives ("To keep it, choose
    # Cancel" is a way out, not a defect); if none reaches it, the first run says why.
    if unmet and all(failed for failed, _ in unmet) and last_line in merged:
        failed, evidence = unmet[0]
        last = merged[last_line]
        findings = (*last.findings, *(f for f in failed if f not in last.findings))
        merged[last_line] = StepResult(
            last.step, "fail", findings, last.intent, last.exercised, (*last.artifacts, *evidence)
        )
    return [merged[line] for line in order if line in merged]


def _worse(first: StepResult, other: StepResult) -> StepResult:
    """One step's results from two runs: the failing one's findings join the other's."""
    rank = {"fail": 2, "pass": 1, "unchecked": 0}
    findings = (*first.findings, *(f for f in other.findings if f not in first.findings))
    status = max(first.status, other.status, key=lambda s: rank.get(s, 0))
    return StepResult(
        first.step,
        status,
        findings,
        first.intent,
        first.exercised | other.exercised,
        (*first.artifacts, *(a for a in other.artifacts if a not in first.artifacts)),
        (first.not_run or other.not_run) if status == "unchecked" else "",
    )
