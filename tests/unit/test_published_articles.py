"""The published articles as delivered (``../shared/articles``, through ``published``):
the checker gives a verdict on at least 95 % of the steps of the four languages the kit
has, FINDINGS.md is what its command writes, and the bilingual exports are read for their
target text, their leftover English reported as findings, nothing raised."""

from __future__ import annotations

import pytest
from published import (
    ABSENT,
    ARTICLES,
    BILINGUAL,
    FINDINGS,
    FOUR,
    article,
    findings_markdown,
    report,
)

from walkthrough.steps import extract

pytestmark = pytest.mark.skipif(not ARTICLES.is_dir(), reason=ABSENT)


@pytest.mark.parametrize("tag", FOUR)
def test_a_verdict_on_at_least_95_percent_of_the_steps(tag: str) -> None:
    found = report(tag)
    assert found.checked, found.diagnostics
    steps = [s for p in found.procedures for s in p.steps]
    judged = [s for s in steps if s.status in ("pass", "fail")]
    assert len(judged) >= 0.95 * len(steps), [
        (s.line, s.text) for s in steps if s.status == "unchecked"
    ]


def test_findings_md_is_what_its_command_writes() -> None:
    assert FINDINGS.read_text("utf-8") == findings_markdown(), (
        "regenerate it: .venv/bin/python tests/unit/published.py"
    )


@pytest.mark.parametrize("tag", BILINGUAL)
def test_a_bilingual_export_is_read_for_its_target_text(tag: str) -> None:
    text = article(tag).read_text("utf-8-sig")
    assert "data-ttu-id" in text and "sxs-lookup" in text
    found = extract.article(text, path=str(article(tag)))
    steps = extract.steps_by_line(found).values()
    assert steps
    for step in steps:
        assert "<span" not in step.text and "data-stu-id" not in step.text, step.text
        assert not step.text.startswith(("In the admin center", "Go to")), step.text


@pytest.mark.parametrize("tag", BILINGUAL)
def test_a_bilingual_exports_leftover_english_is_a_finding(tag: str) -> None:
    found = report(tag)  # a language the kit does not have yet: reported, not raised
    assert not found.checked
    codes = {f.code for p in found.procedures for s in p.steps for f in s.findings}
    assert codes <= {"label-untranslated"}


def test_leftover_english_labels_are_found_where_the_exports_have_them() -> None:
    for tag in ("it-IT", "pt-BR"):  # their steps keep "Billing", "Unassign licenses"
        found = report(tag)
        leftover = [f for p in found.procedures for s in p.steps for f in s.findings]
        assert leftover and all(f.code == "label-untranslated" for f in leftover)


def test_the_chinese_articles_english_steps_are_untranslated_labels() -> None:
    found = report("zh-CN")
    codes = {f.code for p in found.procedures for s in p.steps for f in s.findings}
    assert "label-untranslated" in codes
