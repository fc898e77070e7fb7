"""``ssp-kit check --shard I/N`` and ``ssp-kit report merge``: every file in exactly one
shard, the same one each run, balanced by stored durations; the shards' reports merged
equal one unsharded run's (JSON and JUnit)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench import docset
from walkthrough.checker import shard
from walkthrough.checker.check import check_paths
from walkthrough.checker.inprocess_driver import InProcessDriver
from walkthrough.cli import main
from walkthrough.steps.report import from_dict, merge, to_dict, to_junit

ROOT = Path(__file__).resolve().parents[2]
DRIVER = InProcessDriver()

names = st.lists(
    st.from_regex(r"docs/[a-z]{2}/[a-z0-9-]{1,12}\.md", fullmatch=True), unique=True, max_size=40
)


@given(names, st.integers(1, 8), st.data())
def test_every_file_in_exactly_one_shard_whatever_the_order(
    paths: list[str], count: int, data: st.DataObject
) -> None:
    timed = data.draw(st.lists(st.sampled_from(paths), unique=True) if paths else st.just([]))
    durations = {p: data.draw(st.floats(0.001, 100)) for p in timed}
    chosen = shard.assign(paths, count, durations)
    assert len(chosen) == len(paths) and all(0 <= s < count for s in chosen)
    # The same files in another order: each keeps its shard (stable, not positional).
    shuffled = data.draw(st.permutations(paths))
    again = dict(zip(shuffled, shard.assign(shuffled, count, durations), strict=True))
    assert again == dict(zip(paths, chosen, strict=True))


@given(names, names, st.integers(1, 8))
def test_new_files_move_no_other_file(paths: list[str], new: list[str], count: int) -> None:
    added = paths + [p for p in new if p not in paths]
    assert shard.assign(added, count)[: len(paths)] == shard.assign(paths, count)


@given(
    st.dictionaries(
        st.from_regex(r"[a-z0-9]{1,8}\.md", fullmatch=True), st.floats(0.001, 100), min_size=1
    ),
    st.integers(1, 6),
)
def test_stored_durations_balance_the_shards(durations: dict[str, float], count: int) -> None:
    paths = sorted(durations)
    chosen = shard.assign(paths, count, durations)
    load = [0.0] * count
    for path, index in zip(paths, chosen, strict=True):
        load[index] += durations[path]
    assert max(load) - min(load) <= max(durations.values()) + 1e-9  # longest first, to the least


@pytest.fixture(scope="module")
def docs_set(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("docset")
    docset.generate(root, 4)
    return root / "docs"


def test_three_shards_merged_equal_one_run(docs_set: Path) -> None:
    whole = check_paths([str(docs_set)], driver=DRIVER)
    parts = [check_paths([str(docs_set)], driver=DRIVER, shard=(i, 3)) for i in (1, 2, 3)]
    shards = [[f.path for f in p.files] for p in parts]
    every = [path for paths in shards for path in paths]
    assert sorted(every) == sorted(f.path for f in whole.files)  # each exactly once
    assert all(shards)
    merged = merge([to_dict(p) for p in parts])
    assert merged == to_dict(whole)
    assert to_junit(from_dict(merged)) == to_junit(whole)


def test_the_command_line_shards_stores_durations_and_merges(
    docs_set: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    durations = tmp_path / "durations.json"
    main(["check", str(docs_set), "--format", "json", "--store-durations", str(durations)])
    whole = capsys.readouterr().out
    stored = json.loads(durations.read_text("utf-8"))
    assert set(stored) == {p.as_posix() for p in docs_set.rglob("*.md")}
    reports = []
    for i in (1, 2, 3):
        code = main(
            [
                *("check", str(docs_set), "--format", "json", "--shard", f"{i}/3"),
                *("--durations-file", str(durations)),
            ]
        )
        reports.append(tmp_path / f"shard-{i}.json")
        reports[-1].write_text(capsys.readouterr().out, "utf-8")
        assert code in (0, 1)
    out, junit = tmp_path / "merged.json", tmp_path / "merged.xml"
    code = main(["report", "merge", *map(str, reports), "-o", str(out), "--junit", str(junit)])
    assert json.loads(out.read_text("utf-8")) == json.loads(whole)
    assert code == 1  # the docs set has injected defects: merged, they still fail
    assert junit.read_text("utf-8").count("<testcase") == whole.count('"status"') + sum(
        1 for f in json.loads(whole)["files"] for d in f["diagnostics"] if d["severity"] == "error"
    )


@pytest.mark.parametrize("value", ["0/3", "4/3", "1", "a/b", "1/0"])
def test_a_bad_shard_is_a_usage_error(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(ROOT / "docs/en"), "--shard", value])
    err = capsys.readouterr().err
    assert code == 2 and f"--shard {value!r}: write I/N" in err


def test_merge_refuses_a_file_twice_and_what_is_not_a_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["check", str(ROOT / "docs/en"), "--format", "json"])
    report = tmp_path / "a.json"
    report.write_text(capsys.readouterr().out, "utf-8")
    out = tmp_path / "out.json"
    assert main(["report", "merge", str(report), str(report), "-o", str(out)]) == 2
    assert "is in more than one report" in capsys.readouterr().err
    other = tmp_path / "b.json"
    other.write_text('{"files": []}', "utf-8")
    assert main(["report", "merge", str(other), "-o", str(out)]) == 2
    assert "not a report of ssp-kit check --format json" in capsys.readouterr().err
    assert not out.exists()


def test_a_durations_file_that_cannot_be_used_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "durations.json"
    broken.write_text("[1, 2]", "utf-8")
    article = str(ROOT / "docs/en")
    assert main(["check", article, "--shard", "1/2", "--durations-file", str(broken)]) == 2
    assert "a durations file maps each path to seconds" in capsys.readouterr().err
    unwritable = tmp_path / "no-such-folder" / "durations.json"
    assert main(["check", article, "--store-durations", str(unwritable)]) == 2
    assert f"ssp-kit check: error: {unwritable}: " in capsys.readouterr().err
