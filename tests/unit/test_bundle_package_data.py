"""The package data is compiled from a project's sources into the folder it is given: the
build backend's wheel (setup.py) and a source checkout alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.markets import CODES
from walkthrough.bundle import package_data
from walkthrough.steps.grammar import GrammarError

ROOT = Path(__file__).resolve().parents[2]


def test_build_writes_every_data_file_under_the_folder_it_is_given(tmp_path: Path) -> None:
    data = package_data.build(ROOT, tmp_path)
    assert data == tmp_path / "simulator" / "_data"
    for lang in CODES:
        assert (data / "locale" / lang / "LC_MESSAGES" / "simulator.mo").is_file()
    assert set(json.loads((data / "formats.json").read_text("utf-8"))) == set(CODES)
    scenarios = {p.stem for p in (ROOT / "simulator" / "scenarios").glob("*.yml")}
    assert {p.stem for p in (data / "scenarios").glob("*.json")} == scenarios
    grammars = tmp_path / "walkthrough" / "_data" / "grammar"
    for source in (ROOT / "locales").glob("*/grammar.yml"):
        assert (grammars / f"{source.parent.name}.yml").read_bytes() == source.read_bytes()


def test_a_folder_that_is_not_the_checkout_says_what_to_name(tmp_path: Path) -> None:
    with pytest.raises(package_data.SourcesMissing, match="no such folder") as error:
        package_data.build(tmp_path)
    assert str(tmp_path / "locales") in str(error.value)
    assert "python -m walkthrough.bundle.package_data PATH" in str(error.value)
    assert package_data.main([str(tmp_path)]) == 2


def test_a_grammar_without_the_documented_shape_fails_the_build(tmp_path: Path) -> None:
    bad = tmp_path / "locales" / "en" / "grammar.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text("verbs:\n  jump: [hop]\n", "utf-8")
    with pytest.raises(GrammarError, match=r"unknown action kinds \['jump'\]") as error:
        package_data.copy_grammars(tmp_path, tmp_path / "out")
    assert str(bad) in str(error.value)


def test_only_the_checkout_the_kit_is_imported_from_is_compiled_on_the_fly(
    tmp_path: Path,
) -> None:
    assert package_data.is_checkout(ROOT)
    (tmp_path / "simulator").mkdir()
    (tmp_path / "locales").mkdir()
    assert not package_data.is_checkout(tmp_path)
