"""Templates compiled ahead of time (simulator.views.Precompiled): used when they fit the
template and the Python, ignored otherwise, never a wrong screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import pytest

from simulator import views


def _env(directory: Path, source: str, *, write: bool = False) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.DictLoader({"page.html": source}),
        bytecode_cache=views.Precompiled(directory, write=write),
    )


def _no_compiling(env: jinja2.Environment, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the template was compiled, not loaded")

    monkeypatch.setattr(env, "compile", refuse)


def test_a_precompiled_template_is_loaded_not_compiled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _env(tmp_path, "Hello {{ name }}", write=True).get_template("page.html")
    env = _env(tmp_path, "Hello {{ name }}")
    _no_compiling(env, monkeypatch)
    assert env.get_template("page.html").render(name="Ada") == "Hello Ada"


def test_an_entry_for_another_source_is_ignored(tmp_path: Path) -> None:
    _env(tmp_path, "Old {{ name }}", write=True).get_template("page.html")
    assert _env(tmp_path, "New {{ name }}").get_template("page.html").render(name="A") == "New A"


def test_an_entry_from_another_python_is_ignored(tmp_path: Path) -> None:
    key = views.Precompiled(tmp_path).get_cache_key("page.html")
    (tmp_path / f"{key}.cache").write_bytes(b"j2 not this python's bytecode")
    assert _env(tmp_path, "Hi {{ name }}").get_template("page.html").render(name="B") == "Hi B"


def test_reading_never_writes(tmp_path: Path) -> None:
    _env(tmp_path, "x").get_template("page.html")
    assert list(tmp_path.iterdir()) == []


def test_entries_are_keyed_by_template_name() -> None:
    """The build and the browser unpack the templates to different paths."""
    cache = views.Precompiled(Path())
    assert cache.get_cache_key("a.html", "/build/a.html") == cache.get_cache_key("a.html")
    assert cache.get_cache_key("a.html") != cache.get_cache_key("b.html")


def test_precompile_writes_every_template_of_every_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = views.precompile(tmp_path)
    assert names == views.environment("en").list_templates()
    assert len(list(tmp_path.glob("*.cache"))) == len(names)
    for lang in ("en", "da"):
        env = views._environment(lang, views.Precompiled(tmp_path))
        _no_compiling(env, monkeypatch)
        for name in names:
            env.get_template(name)
