"""Golden tests of the Learn extension: Markdown in, HTML and diagnostics out.

Each ``tests/fixtures/learn/<name>.md`` is rendered as MkDocs would render it (front
matter stripped, the extension told the page's path, line offset, language and
``monikerRange``) and compared with ``<name>.html`` and ``<name>.diagnostics``; a
mismatch shows a diff. The delivered Danish article (``tests/fixtures/seed/``, kept
unchanged) has its expected output in ``tests/fixtures/learn/delivered-da-DK.*``.

After a deliberate change, regenerate and review the diff::

    LEARN_GOLDEN=update .venv/bin/python -m pytest tests/unit/test_learn_golden.py
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path

import markdown
import pytest

from walkthrough.learn import CODES, LearnExtension, PageContext, read_source, rendering

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "learn"
DELIVERED = FIXTURES.parent / "seed" / "da-DK" / "manage-self-service-purchases-users.md"
UPDATE = os.environ.get("LEARN_GOLDEN") == "update"


@dataclass(frozen=True)
class Case:
    source: Path
    expected: Path  # without suffix
    path: str  # as diagnostics name it


CASES = [Case(md, md.with_suffix(""), md.name) for md in sorted(FIXTURES.glob("*.md"))]
CASES.append(Case(DELIVERED, FIXTURES / "delivered-da-DK", f"da-DK/{DELIVERED.name}"))


def render(case: Case) -> tuple[str, str]:
    """The fixture's HTML and its diagnostics, one ``path:line: CODE message`` a line."""
    source = read_source(case.source.read_text(encoding="utf-8"))
    language = source.meta.get("locale") or source.meta.get("ms.contentlocale") or "en"
    page = PageContext(
        path=case.path,
        line_offset=source.line_offset,
        language=str(language),
        moniker_range=source.moniker_range,
        moniker_range_line=source.moniker_range_line,
    )
    extension = LearnExtension(log=False)
    md = markdown.Markdown(extensions=[extension, "toc", "tables", "fenced_code"])
    with rendering(page):
        html = md.convert(source.body)
    assert extension.scan is not None
    return html + "\n", "".join(f"{d}\n" for d in extension.scan.diagnostics)


def compare(expected_path: Path, actual: str) -> None:
    if UPDATE:
        expected_path.write_text(actual, encoding="utf-8")
        return
    expected = expected_path.read_text(encoding="utf-8") if expected_path.exists() else ""
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"{expected_path.name} (expected)",
            tofile=f"{expected_path.name} (actual)",
        )
        pytest.fail("".join(diff), pytrace=False)


def expected(case: Case, suffix: str) -> str:
    return case.expected.with_suffix(suffix).read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c.expected.name for c in CASES])
def test_fixture(case: Case) -> None:
    html, diagnostics = render(case)
    compare(case.expected.with_suffix(".html"), html)
    compare(case.expected.with_suffix(".diagnostics"), diagnostics)


def test_every_code_has_a_fixture() -> None:
    reported = {
        line.split(": ", 1)[1].split(" ", 1)[0]
        for case in CASES
        for line in expected(case, ".diagnostics").splitlines()
    }
    assert reported == set(CODES)


def test_rendering_fixtures_are_clean() -> None:
    """Fixtures not named ``diag-*`` (the delivered article aside) report nothing."""
    clean = [c for c in CASES if not c.expected.name.startswith(("diag-", "delivered-"))]
    assert clean
    for case in clean:
        assert expected(case, ".diagnostics") == "", case.expected.name
