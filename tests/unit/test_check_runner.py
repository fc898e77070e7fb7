"""The runner with the in-process driver: every step executed, judged on its own.

The delivered Danish article keeps its verdicts when its steps really run: every defective
step is flagged and no correct one is, because after a failing step the runner carries on
from what the step meant (the procedure's script and facts). Alternatives are each run;
a value the portal refuses fails the step and the procedure's postcondition; coverage
comes from what the driver did.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.controls import CONTROLS
from walkthrough.checker.check import check_paths, check_text
from walkthrough.checker.inprocess_driver import InProcessDriver
from walkthrough.steps.report import FileReport, Report

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests/fixtures/seed/da-DK/manage-self-service-purchases-users.md"
BROKEN = ROOT / "tests/docs/fixtures/en/broken-steps.md"
KIT = ROOT / "docs/en/manage-self-service-purchases-users.md"
DRIVER = InProcessDriver()

# The seed's steps (tests/unit/test_steps_seed.py reads the article line by line).
SEED_DEFECTS = {40, 46, 48, 54, 60, 64, 72, 78, 83, 92, 98, 104, 110, 116, 118, 119, 124,
                126, 133, 135, 140, 141, 142, 146, 147}  # fmt: skip
SEED_CORRECT = {62, 63, 81, 82, 86, 101, 102, 103, 120, 125, 127, 128, 129, 134, 136}


def check(path: Path) -> FileReport:
    return check_text(path.read_text("utf-8"), str(path), driver=DRIVER)


def by_line(report: FileReport) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for procedure in report.procedures:
        for step in procedure.steps:
            out.setdefault(step.line, []).append(step.status)
    return out


def test_the_seed_run_flags_every_defect_and_no_correct_step() -> None:
    report = check(SEED)
    flagged = {s.line for p in report.procedures for s in p.steps if s.flagged}
    assert flagged >= SEED_DEFECTS
    assert not flagged & SEED_CORRECT
    statuses = by_line(report)
    # Correct steps that name a control pass in the simulator, even right after a defect.
    for line in (63, 82, 86, 103, 120, 127, 128, 129, 134, 136):
        assert set(statuses[line]) == {"pass"}, (line, statuses[line])
    # Steps naming nothing where the procedure picks ("Vælg det abonnement ...") pick the
    # procedure's own subscription, people or profile: a verdict, never flagged.
    for line in (81, 101, 102, 125):
        assert set(statuses[line]) == {"pass"}


def test_steps_that_read_well_but_fail_in_the_simulator() -> None:
    report = check(BROKEN)
    steps = {s.line: s for p in report.procedures for s in p.steps}
    observed = {n: " ".join(f.message for f in s.findings) for n, s in steps.items()}
    remove = CONTROLS["action.remove_licenses"].label("en")
    assert steps[14].status == "fail" and f"no button named '{remove}'" in observed[14]
    assert steps[16].status == "pass"  # judged from the state its own step 15 meant
    assert steps[17].status == "fail" and "refused it" in observed[17]
    assert "expected subscription.total_licenses == 2" in observed[17]
    assert steps[23].status == "fail" and steps[24].status == "pass"
    assert [s.status for n, s in sorted(steps.items()) if 25 <= n <= 26] == ["pass", "pass"]
    assert {f.code for f in steps[31].findings} == {"bold-verb"} and steps[32].status == "pass"
    assert {f.code for f in steps[36].findings} == {"label-unknown"}


MANAGE = """---
ms.contentlocale: en-US
---
## <a name="manage-your-payment-details"></a>Manage your payment details

1. Go to **Billing** > **Bills & payments** > **Billing profiles**.
2. Choose a billing profile. <!-- ssp: target=profile-1 -->
3. Under **Payment method**, do one of the following:
    - To change it, choose **Edit**.
    - To pay with another card, choose **Replace**.
4. Fill in the card details, then choose **Save**.
"""

BUY = """---
ms.contentlocale: en-US
---
## <a name="how-to-buy-more-or-reduce-licenses"></a>Buy more licenses

1. Go to **Billing** > **Your products**.
2. On the **Products** tab, choose the subscription. <!-- ssp: target=powerbi-pro -->
3. Choose **Buy licenses**.
4. In **Total licenses**, enter {value}, then choose **Save**.
"""


def test_each_alternative_runs_and_reaches_the_goal() -> None:
    report = check_text(MANAGE, "manage.md", driver=DRIVER)
    assert [(s.line, s.status) for p in report.procedures for s in p.steps] == [
        (6, "pass"), (7, "pass"), (8, "pass"), (9, "pass"), (10, "pass"), (11, "pass")
    ]  # fmt: skip
    # The form facts (``facts.FORM``) stand for what the reader types in a pane: a Save is
    # done with them whether or not the step says "fill in" (the prose is not judged on it).
    terse = MANAGE.replace("Fill in the card details, then choose", "Choose")
    assert check_text(terse, "manage.md", driver=DRIVER).procedures[0].steps[-1].status == "pass"


@pytest.mark.parametrize(("value", "status"), [("120", "pass"), ("2", "fail")])
def test_the_procedure_goal_is_its_postcondition(value: str, status: str) -> None:
    report = check_text(BUY.format(value=value), "buy.md", driver=DRIVER)
    last = report.procedures[0].steps[-1]
    assert last.status == status
    if status == "fail":  # 97 people hold a license: the portal refuses 2, the goal is missed
        assert {f.code for f in last.findings} == {"driver-failed", "postcondition-failed"}


def test_coverage_comes_from_what_was_executed() -> None:
    executed = check_paths([str(KIT)], driver=DRIVER).coverage["unexercised_controls"]
    static = check_paths([str(KIT)], driver=None).coverage["unexercised_controls"]
    # "Choose Buy licenses or Remove licenses": the run chose Buy licenses.
    assert "action.remove_licenses" in executed and "action.remove_licenses" not in static
    # "fill in the card details": the fields were filled, though no step names them.
    assert "field.card_number" in static and "field.card_number" not in executed


def test_a_driver_that_cannot_start_leaves_the_static_verdicts() -> None:
    class Broken(InProcessDriver):
        def _open(self, settings: object) -> None:
            raise RuntimeError("no simulator here")

    report = check_text(BUY.format(value="105"), "buy.md", driver=Broken())
    steps = report.procedures[0].steps
    assert [s.status for s in steps] == ["fail", "unchecked", "unchecked", "unchecked"]
    assert steps[0].findings[-1].message == (
        "the inprocess driver could not start: no simulator here"
    )
    # The steps after it could not be run: the check has not passed.
    assert [s.not_run for s in steps] == ["", *["inprocess driver could not start"] * 3]
    assert check_paths_report(report).passed() is False
    assert check_paths_report(report).passed(allow_unchecked=True) is False  # step 1 failed


def check_paths_report(report: FileReport) -> Report:
    return Report((report,), ())
