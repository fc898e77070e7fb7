"""The finding codes are described in one place, and the writers' table is made from it."""

from __future__ import annotations

import re
from pathlib import Path

from walkthrough.learn.diagnostics import CODES as LEARN_CODES
from walkthrough.steps import codes

ROOT = Path(__file__).resolve().parents[2]


def test_codes_md_is_generated_from_the_code_tables() -> None:
    assert codes.MARKDOWN.read_text("utf-8") == codes.markdown(), (
        "walkthrough/steps/CODES.md is out of date: run `python -m walkthrough.steps.codes`"
    )


def test_every_code_the_checker_reports_is_described() -> None:
    """Every code literal the checker's sources pass to a Finding or a Diagnostic."""
    used: set[str] = set()
    for path in (ROOT / "walkthrough").rglob("*.py"):
        text = path.read_text("utf-8")
        used |= set(
            re.findall(r'(?:Finding|Diagnostic)\(\s*(?:[^,()]+,\s*){0,3}"([a-z]+-[a-z-]+)"', text)
        )
    assert used, "no code found: the pattern no longer matches the sources"
    assert used <= set(codes.CODES) | set(LEARN_CODES)
