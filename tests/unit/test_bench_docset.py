"""The synthetic docs set of ``bench/``: its pages are checked, and the findings of its
injected defects are exactly the known ones (and a page without one has none)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import docset
from simulator.markets import CODES
from walkthrough.checker.check import check_paths, check_text
from walkthrough.checker.inprocess_driver import InProcessDriver

DRIVER = InProcessDriver()


#: Languages whose script has no letter case: a label cannot be written in the wrong case.
CASELESS = frozenset({"ar", "ja", "zh"})
PLACES = [
    (lang, defect)
    for lang in CODES
    for defect in sorted(docset.DEFECTS)
    if not (defect == "label-case" and lang in CASELESS)
]


@pytest.mark.parametrize(("lang", "defect"), PLACES)
def test_each_defect_gives_exactly_its_findings(lang: str, defect: str) -> None:
    for number in range(3):
        page = docset.page(lang, number, defect=defect)
        assert page.defect == defect and page.expected
        report = check_text(page.text, str(page.path), driver=DRIVER)
        assert docset.reported(report) == page.expected, (number, page.expected)


@pytest.mark.parametrize("lang", sorted(set(CODES) - CASELESS))
def test_every_label_lowercased_is_reported_as_label_case_alone(lang: str) -> None:
    """Every place the label-case defect can go, not only where the seed puts it: French
    **annuler l’abonnement** is the pane's title in the wrong case, not the Cancel button
    (Annuler) with a word of the sentence in bold."""
    text = (docset.ROOT / "docs" / lang / docset.ARTICLE).read_text("utf-8")
    places = docset.cased_labels(text)
    assert len(places) > 10
    for m in places:
        changed = text[: m.start(2)] + m.group(2).lower() + text[m.end(2) :]
        line = text.count("\n", 0, m.start()) + 1
        report = check_text(changed, f"docs/{lang}/{docset.ARTICLE}", driver=DRIVER)
        assert docset.reported(report) == {(line, "label-case")}, m.group(0)


@pytest.mark.parametrize("lang", sorted(CASELESS & set(CODES)))
def test_a_caseless_script_gets_no_label_case_defect(lang: str) -> None:
    page = docset.page(lang, 0, defect="label-case")
    assert page.defect is None and page.expected == frozenset()


def test_a_docs_set_reports_exactly_what_was_injected(tmp_path: Path) -> None:
    pages = docset.generate(tmp_path, 8)
    assert {p.path.parts[1] for p in pages} == set(CODES) and len(pages) == 8 * len(CODES)
    report = check_paths([str(tmp_path / "docs")], driver=DRIVER)
    assert docset.unexpected(pages, tmp_path, report) == []
    assert any(p.defect for p in pages) and any(not p.defect for p in pages)
    assert any("\r\n" in p.text for p in pages) and any(p.text[0] == "\ufeff" for p in pages)
    assert sum(bool(p.expected) for p in pages) == sum(
        bool(docset.reported(f)) for f in report.files
    )


def test_pages_are_perturbed_and_the_same_seed_gives_the_same_set() -> None:
    first = [docset.page("en", n) for n in range(6)]
    assert [p.text for p in first] == [docset.page("en", n).text for n in range(6)]
    assert first[0].text != docset.page("en", 0, seed=1).text
    headings = {tuple(line for line in p.text.split("\n") if line.startswith("## ")) for p in first}
    assert len(headings) > 1  # procedures in other orders, some left out
