"""``ssp-kit check``: report formats, exit codes, unsupported locales, usage errors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from simulator.controls import CONTROLS
from simulator.i18n import translations
from walkthrough.checker.driver import NullDriver, Outcome
from walkthrough.checker.runner import run_procedure
from walkthrough.cli import main
from walkthrough.steps import extract, grammar, verdicts
from walkthrough.steps.vocabulary import from_catalog

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
EXPORTED = FIXTURES / "da-DK" / "exported-bilingual.md"
GERMAN = FIXTURES / "de-DE" / "unsupported.md"
KIT = FIXTURES / "en" / "kit-style.md"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_exactly_the_documented_keys(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(KIT), "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert set(data) == {"files", "summary", "coverage"}
    (file,) = data["files"]
    assert set(file) == {"path", "locale", "diagnostics", "procedures"} and file["locale"] == "en"
    procedure = file["procedures"][0]
    assert set(procedure) == {"title", "line", "moniker", "steps"}
    step = procedure["steps"][0]
    assert set(step) == {"line", "text", "status", "not_run", "findings"}
    assert step["status"] in ("pass", "fail", "unchecked") and step["not_run"] == ""
    assert set(data["summary"]) == {"steps", "passed", "failed", "unchecked", "not_run"}
    assert set(data["coverage"]) == {"unexercised_controls", "steps_without_reference"}
    assert f"{KIT}:36" in data["coverage"]["steps_without_reference"]
    assert "nav.licenses" in data["coverage"]["unexercised_controls"]
    assert "nav.billing" not in data["coverage"]["unexercised_controls"]


def test_kit_style_article_has_no_flagged_step(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(KIT), str(EXPORTED), "--format", "json")
    data = json.loads(out)
    findings = [
        x for f in data["files"] for p in f["procedures"] for s in p["steps"] for x in s["findings"]
    ]
    assert code == 0 and all(x["code"] == "no-reference" for x in findings), findings
    assert {p["moniker"] for p in data["files"][0]["procedures"]} == {
        "o365-worldwide",
        "o365-21vianet",
    }


def test_defect_fails_with_exit_1_and_a_suggestion(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    article = tmp_path / "a.md"
    article.write_text(
        "---\nms.contentlocale: da-DK\n---\n## T\n\n1. Vælg **vælge Gem**.\n", "utf-8"
    )
    code, out, _ = run(capsys, str(article))
    assert code == 1
    assert f"{article}:6: error bold-verb:" in out and "vælge **Gem**" in out


def test_unsupported_locale_one_diagnostic_all_unchecked_and_not_passed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A check that checked nothing has not passed: exit 1, the summary says why."""
    code, out, _ = run(capsys, str(GERMAN), "--format", "json")
    data = json.loads(out)
    (file,) = data["files"]
    assert code == 1 and file["locale"] == "de-DE"  # as written: the kit has no language for it
    assert [d["code"] for d in file["diagnostics"]] == ["locale-unsupported"]
    steps = [s for p in file["procedures"] for s in p["steps"]]
    assert {s["status"] for s in steps} == {"unchecked"}
    why = "no catalog or step grammar for 'de-DE'"
    assert {s["not_run"] for s in steps} == {why}
    assert data["summary"]["not_run"] == data["summary"]["steps"] == len(steps) > 0
    code, text, _ = run(capsys, str(GERMAN))
    assert code == 1
    assert f"{len(steps)} unchecked ({len(steps)} could not be run: {why} ({len(steps)}));" in text
    assert run(capsys, str(GERMAN), "--allow-unchecked")[0] == 0
    assert run(capsys, str(GERMAN), "--driver", "static")[0] == 0  # runs nothing, by design


def test_not_run_steps_are_junit_errors(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, str(GERMAN), "--format", "junit")
    suite = ET.fromstring(out).find("testsuite")
    assert suite is not None and suite.get("errors") == suite.get("tests") != "0"
    assert suite.get("skipped") == "0"
    errors = suite.findall("testcase/error")
    assert errors and all(e.get("message", "").startswith("could not be run: ") for e in errors)


def test_static_driver_and_nothing_to_check_do_not_count(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Unchecked by design (the static driver), or with nothing to check: exit 0."""
    code, out, _ = run(capsys, str(KIT), "--driver", "static", "--format", "json")
    summary = json.loads(out)["summary"]
    assert code == 0 and summary["unchecked"] > 0 and summary["not_run"] == 0
    code, out, _ = run(capsys, str(KIT), "--format", "json")  # line 36 has nothing to check
    summary = json.loads(out)["summary"]
    assert code == 0 and summary["unchecked"] > 0 and summary["not_run"] == 0


def test_a_step_the_driver_cannot_do_is_not_run(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    article = tmp_path / "a.md"
    total = CONTROLS["field.total_licenses"].label("en")
    article.write_text(f"## T\n\n1. Go to **Billing**.\n2. Enter a number in **{total}**.\n")
    code, out, _ = run(capsys, str(article), "--format", "json")
    steps = [s for p in json.loads(out)["files"][0]["procedures"] for s in p["steps"]]
    assert code == 1
    assert [(s["status"], s["not_run"]) for s in steps][1] == (
        "unchecked",
        "no value to enter: give one in the prose or value=",
    )


def test_a_named_file_without_steps_fails_but_in_a_folder_is_listed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    index = tmp_path / "index.md"
    index.write_text("# Welcome\n\nNo procedure here.\n", "utf-8")
    (tmp_path / "a.md").write_text(KIT.read_text("utf-8"), "utf-8")
    code, out, _ = run(capsys, str(index))
    assert code == 1
    assert f"{index}:1: error no-steps: no step found in a file named on the command line" in out
    code, out, _ = run(capsys, str(tmp_path))
    assert code == 0 and f"{index}:1: info no-procedures: " in out


def test_locale_option_overrides_the_front_matter(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, str(GERMAN), "--locale", "da-DK", "--format", "json")
    assert json.loads(out)["files"][0]["locale"] == "da"


@pytest.mark.parametrize("argv", [["/no/such/article.md"], [str(FIXTURES / "empty-folder")]])
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and not out and err.startswith("ssp-kit check: error: ")


@pytest.fixture
def fresh_caches() -> Iterator[None]:
    """The grammars and catalogs read again before and after the test (they are cached)."""
    caches = (grammar.load, from_catalog, translations)
    for cached in caches:
        cached.cache_clear()
    yield
    for cached in caches:
        cached.cache_clear()


@pytest.mark.usefixtures("fresh_caches")
def test_uncompiled_grammars_are_a_usage_error_naming_the_fix(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A source checkout before its first build must not check nothing and say all is well."""
    monkeypatch.setattr(grammar, "GRAMMARS", tmp_path / "never-written")
    code, out, err = run(capsys, str(KIT))
    assert code == 2 and not out
    assert "step grammars are not compiled" in err and str(tmp_path / "never-written") in err
    assert "make setup" in err and "python -m walkthrough.bundle.package_data" in err


@pytest.mark.usefixtures("fresh_caches")
def test_uncompiled_catalogs_are_a_usage_error_naming_the_fix(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("simulator.i18n._data_dir", lambda: tmp_path)
    code, out, err = run(capsys, str(KIT), "--driver", "static")
    assert code == 2 and not out
    assert "the catalog for 'en' is not compiled" in err
    assert "make setup" in err and "python -m walkthrough.bundle.package_data" in err


def test_bad_option_is_argparse_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["check", str(KIT), "--format", "yaml"])
    assert exit_.value.code == 2


def test_junit_and_text_formats(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, str(KIT), "--format", "junit")
    root = ET.fromstring(out)
    assert root.tag == "testsuites" and len(root.findall(".//testcase")) > 5
    _, text, _ = run(capsys, str(KIT), "--moniker", "o365-21vianet")
    assert text.rstrip().endswith("steps with nothing to check")


class Recorder(NullDriver):
    """Answers every action ``ok`` and records the calls: the runner's side of the protocol."""

    def __init__(self) -> None:
        self.calls: list[tuple[object, ...]] = []

    def go_to(self, path: object) -> Outcome:
        self.calls.append(("go_to", tuple(path)))  # type: ignore[arg-type]
        return Outcome("ok")

    def click(
        self, role: str, name: str, *, within: str | None = None, target: str | None = None
    ) -> Outcome:
        self.calls.append(("click", role, name, within))
        return Outcome("ok")

    def fill(self, role: str, name: str, value: str, *, within: str | None = None) -> Outcome:
        self.calls.append(("fill", role, name, value))
        return Outcome("ok")

    def pick(self, target: str | None, users: object = ()) -> Outcome:
        self.calls.append(("pick", target))
        return Outcome("ok")

    def query(self, name: str, target: str | None = None) -> str | None:
        return "105" if name == "subscription.total_licenses" else None


def test_runner_turns_intents_into_driver_calls() -> None:
    found = extract.article(KIT.read_text("utf-8"), path=str(KIT), monikers=["o365-worldwide"])
    rules = grammar.load("en")
    assert rules is not None
    vocab = from_catalog("en")
    judged = {n: verdicts.analyse(s, rules, vocab) for n, s in extract.steps_by_line(found).items()}
    driver = Recorder()
    results = run_procedure(driver, found.procedures[1], judged, "en")
    assert [r.status for r in results] == ["pass"] * 4
    # The step's clicks in the prose's order, then its target ("On the Products tab, choose
    # the subscription"): the target is picked on the tab the step names.
    label = {key: control.label("en") for key, control in CONTROLS.items()}
    assert driver.calls == [
        ("go_to", (("button", label["nav.billing"]), ("link", label["nav.your_products"]))),
        ("click", "tab", label["tab.products"], None),
        ("pick", "powerbi-pro"),
        ("click", "button", label["action.buy_licenses"], None),
        ("fill", "spinbutton", label["field.total_licenses"], "105"),
        ("click", "button", label["action.save"], None),
    ]


def test_steps_run_in_process_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, str(KIT), "--format", "json")
    statuses = {s["status"] for p in json.loads(out)["files"][0]["procedures"] for s in p["steps"]}
    assert "pass" in statuses
    _, out, _ = run(capsys, str(KIT), "--format", "json", "--driver", "static")
    statuses = {s["status"] for p in json.loads(out)["files"][0]["procedures"] for s in p["steps"]}
    assert "pass" not in statuses


def test_a_step_the_simulator_cannot_do_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    article = tmp_path / "a.md"
    article.write_text(
        "## T\n\n1. Go to **Billing** > **Licenses**.\n2. Choose **Save**.\n", "utf-8"
    )
    code, out, _ = run(capsys, str(article))
    assert code == 1
    assert f"{article}:4: error driver-failed: no button named 'Save'; the screen shows" in out


def test_the_browser_driver_needs_the_built_site(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSP_SITE", str(tmp_path / "site"))
    code, out, err = run(capsys, str(KIT), "--driver", "browser")
    assert code == 2 and not out
    assert err.startswith("ssp-kit check: error: the browser driver runs the built site")
    assert err.rstrip().endswith("run make build")
