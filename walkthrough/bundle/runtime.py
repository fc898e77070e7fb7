"""The Pyodide runtime, copied from ``node_modules/pyodide`` (``npm ci``) into the site."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NODE_PYODIDE = ROOT / "node_modules" / "pyodide"
# What a browser needs; the npm package's own lock file is replaced by the site's.
FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")


class RuntimeMissing(FileNotFoundError):
    """``npm ci`` has not run: the message says so."""


def copy_runtime(target: Path) -> list[Path]:
    missing = [name for name in FILES if not (NODE_PYODIDE / name).is_file()]
    if missing:
        raise RuntimeMissing(
            f"the Pyodide runtime is missing from {NODE_PYODIDE} ({', '.join(missing)}): "
            "run `npm ci` (or `make setup`) in the repository root"
        )
    target.mkdir(parents=True, exist_ok=True)
    copied = []
    for name in FILES:
        dest = target / name
        src = NODE_PYODIDE / name
        if not dest.exists() or dest.stat().st_size != src.stat().st_size:
            shutil.copy2(src, dest)
        copied.append(dest)
    return copied
