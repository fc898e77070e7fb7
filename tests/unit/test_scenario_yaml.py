"""Scenario data as a file and back: every packaged scenario written out (``yaml_out.dump``,
pure Python) and read again (``walkthrough.scenarios``) is the same data, and what a
hostile file holds (markup, control characters, a huge text, aliases that expand) is shown
as text or refused with its line and what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from simulator import scenario
from simulator.app import App
from simulator.markets import Cloud
from simulator.scenario import yaml_in
from simulator.scenario.yaml_out import dump
from simulator.ui import Settings
from walkthrough.scenarios import MAX_TEXT, check_text, parse

IDS = scenario.scenario_ids()


@pytest.mark.parametrize("scenario_id", IDS)
def test_every_packaged_scenario_round_trips(scenario_id: str) -> None:
    data = scenario.load_data(scenario_id)
    text = dump(data, comment=f"Scenario {scenario_id}")
    assert parse(text)[0] == data
    assert check_text(text, f"{scenario_id}.yml", scenario_id) == []


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
@example("A\n")  # a plain-looking text with a final line break
def test_any_text_comes_back_as_the_same_text(text: str) -> None:
    data = {"organization": text, "people": [{"id": "a", "name": text}], "tags": [text, text]}
    assert parse(dump(data))[0] == data


def _scenario(old: str, new: str) -> str:
    text = dump(scenario.load_data("default"))
    assert old in text
    return text.replace(old, new, 1)


def test_markup_is_only_text_on_screen() -> None:
    script = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    text = _scenario("organization: Contoso", f"organization: '{script}'")
    assert check_text(text, "f.yml") == []
    portal = scenario.build_portal(parse(text)[0], lang="en", cloud=Cloud.WORLDWIDE, source="f")
    app = App(Settings(), uid="t")
    app.portal = portal
    html = app.render()
    assert "&lt;script&gt;" in html and "<script>" not in html and "<img" not in html


@pytest.mark.parametrize(
    ("hostile", "line", "words"),
    [
        ("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a]\n", 1, "alias"),
        ("today: 2026-11-24\norganization: 'Con\x01toso'\n", 2, "control character (U+0001)"),
        ('today: 2026-11-24\norganization: "Con\\x01toso"\n', 2, "control character (U+0001)"),
        ("description: " + "x" * (10 * 1024 * 1024) + "\n", 1, f"({MAX_TEXT:,})"),
    ],
    ids=["alias bomb", "raw control character", "escaped control character", "10 MB"],
)
def test_hostile_files_are_refused_with_line_and_advice(
    hostile: str, line: int, words: str
) -> None:
    findings = check_text(hostile, "f.yml")
    assert findings, "accepted"
    assert any(f.line == line and words in f.problem for f in findings), findings


SOURCES = sorted((Path(__file__).resolve().parents[2] / "simulator" / "scenarios").glob("*.yml"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_the_browsers_reader_reads_every_scenario_as_pyyaml_does(path: Path) -> None:
    text = path.read_text("utf-8")
    assert yaml_in.parse(text)[0] == parse(text)[0]
    data = scenario.load_data(path.stem)
    assert yaml_in.parse(dump(data))[0] == data


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40), st.integers(), st.booleans())
def test_the_browsers_reader_reads_back_what_is_written(text: str, n: int, flag: bool) -> None:
    data = {"organization": text, "n": n, "flag": flag, "people": [{"id": "a", "name": text}],
            "tags": [text, n], "price": {"USD": text}}  # fmt: skip
    assert yaml_in.parse(dump(data))[0] == data


@pytest.mark.parametrize(
    ("hostile", "line", "words"),
    [
        ("a: &a [x, x, x, x]\nb: [*a, *a]\n", 1, "alias"),
        ("today: 2026-11-24\norganization: !!python/object x\n", 2, "tag"),
        ("today: 2026-11-24\norganization: 'Con\x01toso'\n", 2, "U+0001"),
        ("description: " + "x" * (10 * 1024 * 1024) + "\n", 1, f"({MAX_TEXT:,})"),
        ("people: [{id: a\n", 1, "never closes"),
    ],
    ids=["alias", "tag", "control character", "10 MB", "unclosed"],
)
def test_the_browsers_reader_refuses_hostile_text(hostile: str, line: int, words: str) -> None:
    with pytest.raises(yaml_in.YamlError) as info:
        yaml_in.parse(hostile)
    assert info.value.line == line and words in str(info.value)
