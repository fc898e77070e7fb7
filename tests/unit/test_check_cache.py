"""What the checker keeps between checks in one process (walkthrough.checker.check): each
file's extraction and verdicts while its text is unchanged, one entry per file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from walkthrough.checker import check
from walkthrough.steps import extract

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = (ROOT / "docs" / "en" / "manage-self-service-purchases-users.md").read_text("utf-8")


@pytest.fixture
def extractions(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The paths extracted from here on (nothing kept from earlier tests)."""
    check.clear_caches()
    seen: list[str] = []
    real = extract.article

    def counted(text: str, **options: object) -> object:
        seen.append(str(options["path"]))
        return real(text, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(extract, "article", counted)
    yield seen
    check.clear_caches()


def test_an_unchanged_file_is_not_extracted_again(extractions: list[str]) -> None:
    first = check.check_text(ARTICLE, "a.md")
    again = check.check_text(ARTICLE, "a.md")
    assert again == first
    assert extractions == ["a.md"]


def test_a_changed_file_is_extracted_again_and_its_report_is_the_new_texts(
    extractions: list[str],
) -> None:
    before = check.check_text(ARTICLE, "a.md")
    changed = ARTICLE.replace("**Your products**", "**Your prodcts**", 1)
    after = check.check_text(changed, "a.md")
    assert extractions == ["a.md", "a.md"]
    assert after != before
    codes = {f.code for p in after.procedures for s in p.steps for f in s.findings}
    assert "label-unknown" in codes


def test_one_entry_per_file_however_often_it_changes(extractions: list[str]) -> None:
    for n in range(30):
        check.check_text(f"{ARTICLE}\n<!-- edit {n} -->\n", "a.md")
        check.check_text(ARTICLE, f"page-{n % 3}.md")
    assert len(check._FILES) == 4  # a.md and page-0..2.md, not one per text checked
    assert len(extractions) == 30 + 3
