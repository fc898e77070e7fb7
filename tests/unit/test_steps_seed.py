"""The delivered Danish article, checked as it is: every defect flagged, nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.controls import CONTROLS
from walkthrough.checker.check import check_text
from walkthrough.steps import extract, grammar, verdicts
from walkthrough.steps.vocabulary import Vocabulary, from_catalog

# The Danish article exactly as the user delivered it, kept unchanged as a fixture.
SEED = (
    Path(__file__).resolve().parents[1]
    / "fixtures/seed/da-DK/manage-self-service-purchases-users.md"
)

# Our reading of the article, line by line: the steps with a defect, and the codes that
# must be among their findings.
DEFECTS: dict[int, set[str]] = {
    40: {"bold-extra-word", "link-partial"},
    46: {"bold-extra-word", "link-partial"},
    48: {"bold-verb"},
    54: {"bold-extra-word", "link-partial"},
    60: {"bold-extra-word", "link-partial"},
    64: {"bold-misplaced"},
    72: {"label-merged", "fence-malformed", "path-broken"},
    78: {"label-merged", "path-broken"},
    83: {"bold-misplaced", "label-not-bold"},
    92: {"label-merged", "fence-malformed", "path-broken"},
    98: {"label-merged", "path-broken"},
    104: {"bold-extra-word", "bold-misplaced"},
    110: {"bold-extra-word", "link-partial"},
    116: {"bold-extra-word", "link-partial"},
    118: {"bold-not-label", "label-not-bold"},
    119: {"bold-misplaced"},
    124: {"label-merged", "path-broken"},
    126: {"label-unknown", "label-not-bold"},
    133: {"label-merged", "bold-not-label"},
    135: {"bold-not-label", "label-not-bold"},
    140: {"label-merged", "bold-not-label"},
    141: {"bold-verb"},
    142: {"bold-extra-word"},
    146: {"label-merged", "bold-not-label"},
    147: {"label-unknown", "bold-verb", "bold-misplaced", "label-not-bold"},
}
CORRECT = {62, 63, 81, 82, 86, 101, 102, 103, 120, 125, 127, 128, 129, 134, 136}


def da(key: str) -> str:
    """Control ``key``'s label in Danish, the article's language."""
    return CONTROLS[key].label("da")


def path(*keys: str) -> str:
    return " > ".join(f"**{da(key)}**" for key in keys)


SUGGESTIONS = {
    40: f"did you mean {path('nav.billing', 'nav.your_products')}",
    72: f"did you mean {path('nav.billing', 'nav.licenses')}",
    124: f"did you mean {path('nav.billing', 'nav.bills_payments', 'tab.billing_profiles')}",
    133: f"did you mean {path('nav.billing', 'nav.bills_payments')}",
    64: f"write **{da('field.total_licenses')}** with the whole label in bold",
    119: f"write **{da('action.cancel_subscription')}** with the whole label in bold",
}


@pytest.fixture(scope="module")
def danish() -> Vocabulary:
    return from_catalog("da")  # compiled by pytest_configure (tests/conftest.py)


@pytest.fixture(scope="module")
def judged(danish: Vocabulary) -> dict[int, verdicts.Verdict]:
    found = extract.article(SEED.read_text("utf-8"), path=str(SEED))
    rules = grammar.load("da")
    assert rules is not None
    return {n: verdicts.analyse(s, rules, danish) for n, s in extract.steps_by_line(found).items()}


def test_every_defective_step_is_flagged_with_its_codes(
    judged: dict[int, verdicts.Verdict],
) -> None:
    for line, codes in DEFECTS.items():
        verdict = judged[line]
        assert verdict.flagged, f"line {line} not flagged"
        assert codes <= {f.code for f in verdict.findings}, (line, verdict.findings)


def test_no_correct_step_is_flagged(judged: dict[int, verdicts.Verdict]) -> None:
    assert {line for line, v in judged.items() if v.flagged} == set(DEFECTS)
    for line in CORRECT:
        assert not judged[line].flagged, (line, judged[line].findings)
        assert all(f.severity == "info" for f in judged[line].findings)


def test_suggestions_name_the_real_labels(judged: dict[int, verdicts.Verdict]) -> None:
    for line, suggestion in SUGGESTIONS.items():
        assert suggestion in {f.suggestion for f in judged[line].findings}, judged[line].findings


def test_intent_carries_on_from_the_suggestion(judged: dict[int, verdicts.Verdict]) -> None:
    described = [a.describe() for a in judged[64].intent.actions]
    assert described == [f"fill {da('field.total_licenses')} = 105", f"click {da('action.save')}"]
    assert [a.describe() for a in judged[63].intent.actions] == [
        f"click {da('action.buy_licenses')} or {da('action.remove_licenses')}"
    ]
    assert judged[72].intent.actions[0].describe() == (
        f"go_to {da('nav.billing')} > {da('nav.licenses')}"
    )


def test_the_report_counts_both_clouds(danish: Vocabulary) -> None:
    report = check_text(SEED.read_text("utf-8"), str(SEED), vocabulary=lambda _: danish)
    assert report.locale == "da"
    assert {p.moniker for p in report.procedures} == {"o365-worldwide", "o365-21vianet"}
    failed = {s.line for p in report.procedures for s in p.steps if s.status == "fail"}
    assert failed == set(DEFECTS)
    assert all(s.status != "pass" for p in report.procedures for s in p.steps)
