"""The runner: a procedure's steps, as intents, through a driver; verdicts per step.

A step fails when it has an error finding (static) or an action fails (driver); passes
when every action was done; is unchecked when nothing could be executed (static mode, a
step naming no control, an unsupported locale). After a failing step the runner carries
on with the step's intent (its best suggestions), so every later step is judged on its
own. Postconditions of the procedure (``steps.procedures.POSTCONDITIONS``) and the
steps' ``expect`` annotations are checked when the driver can ``query`` the state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from walkthrough.steps import annotations as annotation_syntax
from walkthrough.steps.codes import Finding
from walkthrough.steps.intent import Action, Intent
from walkthrough.steps.model import Procedure, Step
from walkthrough.steps.procedures import POSTCONDITIONS
from walkthrough.steps.verdicts import Verdict

from .driver import Driver, Outcome

Status = str  # "pass" | "fail" | "unchecked"


@dataclass(frozen=True)
class StepResult:
    step: Step
    status: Status
    findings: tuple[Finding, ...]
    intent: Intent


def _perform(driver: Driver, action: Action, within: str | None) -> Outcome:
    first = action.controls[0]
    if action.kind == "go_to":
        return driver.go_to([(c.role, c.label) for c in action.controls])
    if action.kind == "fill":
        if action.value is None:
            return Outcome("unsupported", "no value to enter: give one in the prose or value=")
        return driver.fill(first.role, first.label, action.value, within=within)
    if action.kind == "select":
        if action.value is None:
            return Outcome("unsupported", "no option to select: give one with value=")
        return driver.select(first.role, first.label, action.value, within=within)
    return driver.click(first.role, first.label, within=within)


def _holds(driver: Driver, condition: str, target: str | None) -> Finding | None:
    match = annotation_syntax.EXPECT.match(condition)
    if not match:
        return None
    name, op, wanted = match.groups()
    actual = driver.query(name, target)
    if actual is None:
        return None
    ok = {
        "==": actual == wanted,
        "!=": actual != wanted,
        "contains": wanted in actual,
        ">=": _number(actual) >= _number(wanted),
        "<=": _number(actual) <= _number(wanted),
    }[op]
    if ok:
        return None
    return Finding(
        "postcondition-failed", f"expected {name} {op} {wanted}, the simulator has {actual}"
    )


def _number(text: str) -> float:
    found = re.search(r"-?\d+(?:\.\d+)?", text.replace(",", "."))
    return float(found.group()) if found else float("nan")


def run_step(
    driver: Driver, step: Step, verdict: Verdict, within: str | None
) -> tuple[StepResult, str | None]:
    findings = list(verdict.findings)
    intent = verdict.intent
    outcomes: list[Outcome] = []
    if intent.skip is None:
        if intent.target or intent.users:
            outcomes.append(driver.pick(intent.target, intent.users))
        for action in intent.actions:
            if action.kind == "within":
                within = action.controls[0].label
                continue
            outcomes.append(_perform(driver, action, within))
        for condition in intent.expect:
            if failed := _holds(driver, condition, intent.target):
                findings.append(failed)
    for outcome in outcomes:
        if outcome.status == "failed":
            findings.append(
                Finding("driver-failed", outcome.observed or "the simulator refused the action")
            )
    if any(f.severity == "error" for f in findings):
        status = "fail"
    elif outcomes and all(o.status == "ok" for o in outcomes) and intent.actions:
        status = "pass"
    else:
        status = "unchecked"
    return StepResult(step, status, tuple(findings), intent), within


def run_procedure(
    driver: Driver, procedure: Procedure, verdicts: dict[int, Verdict], locale: str
) -> list[StepResult]:
    """Results for every step and alternative of ``procedure`` (``verdicts`` by line)."""
    driver.start(locale=locale, moniker=procedure.moniker, procedure=procedure.procedure_id)
    results: list[StepResult] = []
    values: list[str] = []
    target: str | None = None
    users: tuple[str, ...] = ()
    try:
        for step in procedure.steps:
            within: str | None = None
            result, within = run_step(driver, step, verdicts[step.line], within)
            results.append(result)
            values.extend(
                result.intent.values or ([a.value for a in result.intent.actions if a.value])
            )
            target = result.intent.target or target
            users = result.intent.users or users
            for index, alternative in enumerate(step.alternatives):
                verdict = verdicts[alternative.line]
                if index == 0:
                    alt, within = run_step(driver, alternative, verdict, within)
                else:  # only the first alternative is executed; the others are judged statically
                    alt = StepResult(
                        alternative,
                        "fail" if verdict.failed else "unchecked",
                        verdict.findings,
                        verdict.intent,
                    )
                results.append(alt)
        conditions = POSTCONDITIONS.get(procedure.procedure_id or "", ())
        last = results[-1] if results else None
        for condition in conditions:
            filled = (
                condition.replace("$value", values[-1] if values else "")
                .replace("$target", target or "")
                .replace("$users", ",".join(users))
            )
            if last is not None and (failed := _holds(driver, filled, target)):
                results[-1] = StepResult(last.step, "fail", (*last.findings, failed), last.intent)
    finally:
        driver.close()
    return results
