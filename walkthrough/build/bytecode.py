"""The wheels' Python compiled for the site's Pyodide, by that Pyodide (see bytecode.mjs).

Pyodide spends most of the simulator's import compiling Jinja2 and the simulator from
source, and its first mount compiling the templates. Wheels that carry ``__pycache__``
(unchecked-hash ``.pyc``, valid whatever the unpacked files' times) and the templates
compiled (``simulator/_data/jinja``, read by ``simulator.views.Precompiled``) skip both.
The sources stay in the wheels: tracebacks show their lines, and Python falls back to
them if the bytecode does not fit.

Optional, like the memory snapshot: without Node, or when compiling fails, the wheels ship
as source and the site works the same, a little slower to start.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from . import node
from .wheelfile import with_files

SCRIPT = Path(__file__).with_name("bytecode.mjs")
ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "build" / "bytecode"
NODE_PYODIDE = ROOT / "node_modules" / "pyodide"


class BytecodeError(RuntimeError):
    """The wheels could not be compiled; the message says why (they still work as source)."""


def _fingerprint(wheels: Sequence[Path], runtime: Path) -> str:
    digest = hashlib.sha256(SCRIPT.read_bytes())
    digest.update((runtime / "pyodide.mjs").read_bytes())  # names the Pyodide version
    for wheel in sorted(wheels):
        digest.update(wheel.name.encode())
        digest.update(wheel.read_bytes())
    return digest.hexdigest()[:16]


def compile_wheels(wheels: Sequence[Path], runtime: Path = NODE_PYODIDE) -> None:
    """Replace each of ``wheels`` by its compiled form, using the Pyodide in ``runtime``
    (cached in ``build/bytecode`` by what it is made of)."""
    cached = CACHE / _fingerprint(wheels, runtime)
    if not cached.is_dir():
        CACHE.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=CACHE) as work:
            added, done = Path(work) / "added", Path(work) / "done"
            try:
                node.run(SCRIPT, str(runtime), str(added), *map(str, wheels))
            except node.NodeError as error:
                raise BytecodeError(str(error)) from error
            try:
                for wheel in wheels:
                    with_files(wheel, added / wheel.name, done / wheel.name)
            except ValueError as error:  # a wheel without its RECORD
                raise BytecodeError(str(error)) from error
            try:
                done.rename(cached)
            except OSError:  # another build made it meanwhile
                if not cached.is_dir():
                    raise
    for wheel in wheels:
        shutil.copyfile(cached / wheel.name, wheel)

