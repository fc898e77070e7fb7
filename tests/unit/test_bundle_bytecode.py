"""Compiling the wheels for Pyodide is optional: without Node the wheels ship as source,
and the lock still lists them (the compiled wheels themselves are checked in tests/site)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from walkthrough.bundle import bytecode, node, wheelfile
from walkthrough.bundle.runtime import node_pyodide

RUNTIME = node_pyodide(Path(__file__).resolve().parents[2])


def _wheel(path: Path, files: dict[str, bytes]) -> Path:
    lines = [wheelfile.record_line(name, data) for name, data in files.items()]
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in files.items():
            wheelfile.write_entry(zf, name, data)
        wheelfile.write_entry(zf, "demo-1.dist-info/RECORD", "\n".join(lines).encode())
    return path


def test_without_node_the_wheels_are_left_as_they_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wheel = _wheel(tmp_path / "demo-1-py3-none-any.whl", {"demo/__init__.py": b"x = 1\n"})
    before = wheel.read_bytes()
    monkeypatch.setattr("walkthrough.bundle.node.shutil.which", lambda name: None)
    with pytest.raises(bytecode.BytecodeError, match="no `node` on PATH"):
        bytecode.compile_wheels([wheel], RUNTIME, cache=tmp_path / "cache")
    assert wheel.read_bytes() == before


def test_with_files_adds_them_and_records_them(tmp_path: Path) -> None:
    wheel = _wheel(tmp_path / "demo-1-py3-none-any.whl", {"demo/__init__.py": b"x = 1\n"})
    extra = tmp_path / "extra"
    (extra / "demo" / "__pycache__").mkdir(parents=True)
    (extra / "demo" / "__pycache__" / "__init__.cpython-314.pyc").write_bytes(b"code")
    out = wheelfile.with_files(wheel, extra, tmp_path / "out" / wheel.name)
    with zipfile.ZipFile(out) as zf:
        record = zf.read("demo-1.dist-info/RECORD").decode().splitlines()
        assert zf.read("demo/__pycache__/__init__.cpython-314.pyc") == b"code"
    assert record == [
        wheelfile.record_line("demo/__init__.py", b"x = 1\n"),
        wheelfile.record_line("demo/__pycache__/__init__.cpython-314.pyc", b"code"),
        "demo-1.dist-info/RECORD,,",
    ]


def test_the_same_contents_give_the_same_bytes(tmp_path: Path) -> None:
    wheel = _wheel(tmp_path / "demo-1-py3-none-any.whl", {"demo/__init__.py": b"x = 1\n"})
    extra = tmp_path / "extra"
    extra.mkdir()
    first = wheelfile.with_files(wheel, extra, tmp_path / "a" / wheel.name).read_bytes()
    assert wheelfile.with_files(wheel, extra, tmp_path / "b" / wheel.name).read_bytes() == first


def test_with_compiled_keeps_the_archive_and_adds_the_bytecode(tmp_path: Path) -> None:
    archive = tmp_path / "python_stdlib.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("pickle.py", b"x = 1\n")
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "pickle.pyc").write_bytes(b"code")
    out = bytecode.with_compiled(archive, extra, tmp_path / "out.zip")
    with zipfile.ZipFile(out) as zf:
        assert {n: zf.read(n) for n in zf.namelist()} == {
            "pickle.py": b"x = 1\n",
            "pickle.pyc": b"code",
        }
    (extra / "pickle.py").write_bytes(b"other")
    with pytest.raises(bytecode.BytecodeError, match=r"already holds pickle\.py"):
        bytecode.with_compiled(archive, extra, tmp_path / "again.zip")


def _stdlib(path: Path, names: list[str]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name in names:
            wheelfile.write_entry(zf, name, f"# {name}\n".encode())
    return path


def test_with_compiled_keeps_only_the_kept_entries(tmp_path: Path) -> None:
    archive = _stdlib(tmp_path / "stdlib.zip", ["json/", "json/__init__.py", "pdb.py", "os.py"])
    extra = tmp_path / "extra"
    (extra / "json").mkdir(parents=True)
    (extra / "json" / "__init__.pyc").write_bytes(b"code")
    kept = ["json/", "json/__init__.py", "os.py"]
    out = bytecode.with_compiled(archive, extra, tmp_path / "out.zip", kept=kept)
    with zipfile.ZipFile(out) as zf:
        assert sorted(zf.namelist()) == sorted([*kept, "json/__init__.pyc"])


def test_with_compiled_refuses_a_kept_entry_the_zip_lacks(tmp_path: Path) -> None:
    archive = _stdlib(tmp_path / "stdlib.zip", ["os.py"])
    (tmp_path / "extra").mkdir()
    with pytest.raises(bytecode.BytecodeError, match=r"stdlib\.zip has no json\.py"):
        bytecode.with_compiled(archive, tmp_path / "extra", tmp_path / "o.zip", kept=["json.py"])


def test_a_module_missing_from_the_trimmed_stdlib_fails_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not optional like the rest of compiling: bytecode.mjs's exit status 3 (a module a
    session loaded is not kept) is StdlibIncomplete, which the plugin does not swallow."""
    wheel = _wheel(tmp_path / "demo-1-py3-none-any.whl", {"demo/__init__.py": b"x = 1\n"})

    def incomplete(*args: str) -> None:
        raise node.NodeError("the trimmed standard library lacks decimal", bytecode.INCOMPLETE)

    monkeypatch.setattr(node, "run", incomplete)
    with pytest.raises(bytecode.StdlibIncomplete, match="lacks decimal"):
        bytecode.compile_wheels([wheel], RUNTIME, cache=tmp_path / "cache")
