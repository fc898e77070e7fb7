"""Both drivers give the same verdicts on the same documents, in Chromium.

The kit's pages are compared procedure by procedure by their browser items
(``pages.toml::browser::...``, each asserts its verdicts equal the in-process ones); here
the defective documents: the delivered Danish article as it is, and a fixture of steps
that read well but fail in the simulator (a control not on screen yet, steps out of order,
a value the portal refuses, a label of no control). Both run on the standalone simulator
page, as any article from outside the kit does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from walkthrough.checker.check import check_paths
from walkthrough.checker.inprocess_driver import InProcessDriver
from walkthrough.steps.report import Report

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests/fixtures/seed/da-DK/manage-self-service-purchases-users.md"
BROKEN = Path(__file__).parent / "fixtures/en/broken-steps.md"


def verdicts(report: Report) -> dict[tuple[str, int, int], tuple[str, tuple[str, ...]]]:
    return {
        (p.moniker, p.line, s.line): (s.status, tuple(sorted(f.code for f in s.findings)))
        for f in report.files
        for p in f.procedures
        for s in p.steps
    }


@pytest.mark.parametrize(
    "document",
    [
        pytest.param(SEED, id="seed-da", marks=pytest.mark.xdist_group("checker-da")),
        pytest.param(BROKEN, id="broken-en", marks=pytest.mark.xdist_group("checker-en")),
    ],
)
def test_browser_and_in_process_agree(checker_browser: Any, document: Path) -> None:
    in_process = verdicts(check_paths([str(document)], driver=InProcessDriver()))
    kept, checker_browser.results = checker_browser.results, None  # failures expected
    try:
        in_browser = verdicts(check_paths([str(document)], driver=checker_browser))
    finally:
        checker_browser.results = kept
    assert in_browser.keys() == in_process.keys()
    differ = {
        k: (in_browser[k], in_process[k]) for k in in_process if in_browser[k] != in_process[k]
    }
    assert not differ, f"browser vs in process: {differ}"
    # The documents are defective, and found so: some steps fail in the simulator itself.
    statuses = [status for status, _ in in_process.values()]
    assert "fail" in statuses and "pass" in statuses
