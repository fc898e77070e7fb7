"""The wheels' Python, and the standard library a boot imports, compiled for the site's
Pyodide, by that Pyodide (see bytecode.mjs).

Pyodide spends most of the simulator's import compiling Jinja2 and the simulator from
source, and its first mount compiling the templates. Wheels that carry ``__pycache__``
(unchecked-hash ``.pyc``, valid whatever the unpacked files' times) and the templates
compiled (``simulator/_data/jinja``, read by ``simulator.views.Precompiled``) skip both.
The sources stay in the wheels: tracebacks show their lines, and Python falls back to
them if the bytecode does not fit.

The npm package's ``python_stdlib.zip`` holds sources only: each boot compiled the 150
standard modules that Pyodide's start-up and the simulator import, which was most of
``loadPyodide`` (in Node, 4.0 s against 1.3 s with them compiled). The site's copy gets
their ``.pyc`` beside the sources, where zipimport looks first.

It also holds far more than a reader's Python can import. The site's copy keeps the
modules Pyodide's start-up loads, those the wheels can reach (modulefinder, in the site's
Pyodide), and an allow-list of modules imported by name (bytecode.mjs: ALLOWED, and
NOT_FOLLOWED for what a page cannot run): 231 of the zip's 614 entries, 1.0 of its 2.5 MB
of sources. The same script then runs a reader's session (every screen, role and pane in
every language and cloud): a module it loads that is not kept fails the build
(StdlibIncomplete), naming it, rather than a reader finding it.

Optional, like the memory snapshot: without Node, or when compiling fails, the wheels ship
as source and the site works the same, a little slower to start.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

from . import node
from .wheelfile import with_files, write_entry

SCRIPT = Path(__file__).with_name("bytecode.mjs")


class BytecodeError(RuntimeError):
    """The wheels could not be compiled; the message says why (they still work as source)."""


class StdlibIncomplete(RuntimeError):
    """A module the simulator loads would be missing from the trimmed standard library: not
    optional, the build fails with the message (which module, where to allow it)."""


#: bytecode.mjs's exit status when the trimmed standard library lacks a loaded module.
INCOMPLETE = 3


def _fingerprint(wheels: Sequence[Path], runtime: Path) -> str:
    digest = hashlib.sha256(SCRIPT.read_bytes())
    digest.update(Path(__file__).read_bytes())
    digest.update((runtime / "pyodide.mjs").read_bytes())  # names the Pyodide version
    for wheel in sorted(wheels):
        digest.update(wheel.name.encode())
        digest.update(wheel.read_bytes())
    return digest.hexdigest()[:16]


STDLIB = "python_stdlib.zip"
KEPT = "python_stdlib.kept"  # bytecode.mjs: the zip's entries the site ships, one a line


def compile_wheels(
    wheels: Sequence[Path], runtime: Path, *, cache: Path, stdlib: Path | None = None
) -> None:
    """Replace each of ``wheels`` by its compiled form, and ``stdlib`` (the site's copy of
    ``runtime``'s standard library) by one with the modules a boot imports compiled,
    using the Pyodide in ``runtime`` (the project's ``node_modules/pyodide``); the results
    are kept in ``cache`` (the project's ``build/bytecode``) by what they are made of."""
    cached = cache / _fingerprint(wheels, runtime)
    if not cached.is_dir():
        cache.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=cache) as work:
            added, done = Path(work) / "added", Path(work) / "done"
            try:
                node.run(SCRIPT, str(runtime), str(added), *map(str, wheels))
            except node.NodeError as error:
                if error.returncode == INCOMPLETE:
                    raise StdlibIncomplete(str(error)) from error
                raise BytecodeError(str(error)) from error
            try:
                for wheel in wheels:
                    with_files(wheel, added / wheel.name, done / wheel.name)
            except ValueError as error:  # a wheel without its RECORD
                raise BytecodeError(str(error)) from error
            kept = (added / KEPT).read_text(encoding="utf-8").split()
            with_compiled(runtime / STDLIB, added / STDLIB, done / STDLIB, kept=kept)
            try:
                done.rename(cached)
            except OSError:  # another build made it meanwhile
                if not cached.is_dir():
                    raise
    for wheel in wheels:
        shutil.copyfile(cached / wheel.name, wheel)
    if stdlib is not None:
        shutil.copyfile(cached / STDLIB, stdlib)


def with_compiled(
    archive: Path, extra: Path, target: Path, *, kept: Sequence[str] | None = None
) -> Path:
    """Write ``target``: the entries of the zip ``archive`` named in ``kept`` (all of them
    when None), plus every file under ``extra`` (at the same path in the zip)."""
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(target, "w") as out:
        names = set(source.namelist())
        keep = names if kept is None else set(kept)
        unknown = sorted(keep - names)
        if unknown:
            raise BytecodeError(f"{archive.name} has no {', '.join(unknown[:5])}")
        for info in source.infolist():
            if info.filename in keep:
                out.writestr(info, source.read(info))
        for path in sorted(p for p in extra.rglob("*") if p.is_file()):
            name = path.relative_to(extra).as_posix()
            if name in names:
                raise BytecodeError(f"{archive.name} already holds {name}")
            write_entry(out, name, path.read_bytes())
    return target
