"""The Pyodide runtime, copied from a project's ``node_modules/pyodide`` (``npm ci``) into
the site."""

from __future__ import annotations

import shutil
from pathlib import Path

# What a browser needs; the npm package's own lock file is replaced by the site's.
FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")


class RuntimeMissing(FileNotFoundError):
    """``npm ci`` has not run: the message says so."""


def node_pyodide(project: Path) -> Path:
    """Where ``npm ci`` puts the runtime in ``project`` (the folder with package.json)."""
    return project / "node_modules" / "pyodide"


def copy_runtime(target: Path, project: Path) -> list[Path]:
    """Copy the runtime of ``project`` into ``target`` (files it already has are kept)."""
    source = node_pyodide(project)
    missing = [name for name in FILES if not (source / name).is_file()]
    if missing:
        raise RuntimeMissing(
            f"the Pyodide runtime is missing from {source} ({', '.join(missing)}): "
            f"run `npm ci` (or `make setup`) in {project}"
        )
    target.mkdir(parents=True, exist_ok=True)
    copied = []
    for name in FILES:
        dest = target / name
        src = source / name
        if not dest.exists() or dest.stat().st_size != src.stat().st_size:
            shutil.copy2(src, dest)
        copied.append(dest)
    return copied
