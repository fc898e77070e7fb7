"""The standard library the site ships is trimmed (walkthrough/bundle/bytecode.py): only
what Pyodide's start-up, the simulator, Jinja2 and MarkupSafe can import. The build itself
runs a reader's session in the site's Pyodide and fails on a module it lacks; this reads
every ``import`` written in the shipped packages' sources and finds each in the zip."""

from __future__ import annotations

import ast
import zipfile
from collections.abc import Iterator
from pathlib import Path

import jinja2
import markupsafe

import simulator
from walkthrough.bundle.bytecode import STDLIB
from walkthrough.bundle.runtime import node_pyodide

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = [Path(str(m.__file__)).parent for m in (simulator, jinja2, markupsafe)]


def _imports(tree: ast.AST) -> Iterator[str]:
    """Every absolute module name an import statement of ``tree`` names, with its parents."""
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        for name in names:
            parts = name.split(".")
            yield from (".".join(parts[: i + 1]) for i in range(len(parts)))


def _modules(zip_path: Path) -> set[str]:
    """The module names a zip of the standard library holds."""
    with zipfile.ZipFile(zip_path) as zf:
        names = [n[:-3] for n in zf.namelist() if n.endswith(".py")]
    return {n.removesuffix("/__init__").replace("/", ".") for n in names}


def test_every_module_the_shipped_packages_import_is_in_the_site_stdlib(site_dir: Path) -> None:
    shipped = _modules(site_dir / "assets" / "pyodide" / STDLIB)
    published = _modules(node_pyodide(ROOT) / STDLIB)
    # Names the published zip lacks are built in, of another package, or attributes
    # (``from os import path``): trimming cannot have lost them.
    wanted = {
        (name, str(path.relative_to(package.parent)))
        for package in PACKAGES
        for path in package.rglob("*.py")
        for name in _imports(ast.parse(path.read_bytes()))
        if name in published
    }
    missing = sorted((name, where) for name, where in wanted if name not in shipped)
    assert not missing, f"imported but not shipped in {STDLIB}: {missing}"
    assert wanted, "no import found: the test reads nothing"


def test_the_site_stdlib_is_trimmed(site_dir: Path) -> None:
    shipped = _modules(site_dir / "assets" / "pyodide" / STDLIB)
    published = _modules(node_pyodide(ROOT) / STDLIB)
    assert shipped < published
    # What a page cannot run is gone; what Pyodide's start-up and the simulator load stays.
    assert not shipped & {"unittest", "pdb", "doctest", "multiprocessing", "email", "_pyrepl"}
    assert {"json", "encodings.utf_8", "pyodide.ffi", "_pyodide._base"} <= shipped
