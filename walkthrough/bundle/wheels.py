"""Wheels for Pyodide and the lock file that names them.

The browser installs three pure-Python wheels: ``simulator`` (with its compiled package
data), Jinja2 and MarkupSafe built without its C speedups. They are listed in a
``pyodide-lock.json`` written with pyodide-lock's own API (what ``pyodide lockfile
add-wheels`` runs), so the page's worker fetches exactly those files, checked against
the hashes the lock gives.

The third-party files are pinned by version and hash (``pins.py``), fetched from PyPI once
and kept in the project's ``build/wheels``; the simulator wheel is rebuilt every build
from the ``simulator`` package that is imported (it is small, and it is written directly
with ``zipfile``: no build backend, no isolated environment, and the same bytes for the
same files).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pyodide_lock import PyodideLockSpec
from pyodide_lock.spec import InfoSpec
from pyodide_lock.utils import add_wheels_to_spec

import simulator

from . import bytecode
from .pins import JINJA2, MARKUPSAFE, Pin
from .runtime import node_pyodide
from .wheelfile import record_line, write_entry


class WheelError(RuntimeError):
    """A wheel could not be built or fetched; the message says which and how to fix it."""


@dataclass(frozen=True)
class Bundle:
    """What the site serves for Pyodide: the wheels and their lock file, under ``root``."""

    root: Path
    wheels: tuple[Path, ...]
    lock: Path
    #: Why the wheels ship as source rather than compiled (see bytecode.py), if they do.
    source_only: str | None = None


def sources_fingerprint(runtime: Path) -> str:
    """A hash of everything the bundle is made from: the simulator package with its
    compiled data (catalogs, formats, scenarios), and the version of the Pyodide runtime
    in ``runtime``."""
    digest = hashlib.sha256()
    src = Path(simulator.__file__).parent
    for path in sorted(src.rglob("*")):
        relative = path.relative_to(src)
        if path.is_file() and _ships(relative, keep_sources=True):
            digest.update(str(relative).encode())
            digest.update(path.read_bytes())
    digest.update((runtime / "package.json").read_bytes())
    return digest.hexdigest()


def _ships(relative: Path, *, keep_sources: bool = False) -> bool:
    """Whether a file of the simulator package goes to the browser.

    Not bytecode, and not the scenarios' YAML sources: the browser reads their JSON form
    in ``_data/scenarios`` (PyYAML stays at build time).
    """
    if "__pycache__" in relative.parts or relative.suffix == ".pyc":
        return False
    return keep_sources or relative.parts[0] != "scenarios"


def build_simulator_wheel(out: Path) -> Path:
    """A reproducible ``simulator-<version>-py3-none-any.whl`` of the imported ``simulator``
    package, with its compiled package data."""
    version = simulator.__version__
    src = Path(simulator.__file__).parent
    if not (src / "_data" / "formats.json").is_file():
        raise WheelError(
            f"the simulator's data is not compiled (no {src / '_data' / 'formats.json'}): "
            "run `make setup` (or `python -m walkthrough.bundle.package_data`) in the "
            "kit's source checkout"
        )
    files = sorted(p for p in src.rglob("*") if p.is_file() and _ships(p.relative_to(src)))
    dist_info = f"simulator-{version}.dist-info"
    major, minor = JINJA2.version.split(".")[:2]
    meta = (
        "Metadata-Version: 2.1\n"
        f"Name: simulator\nVersion: {version}\n"
        "Summary: The ssp-kit billing portal simulator (runs in Pyodide)\n"
        f"Requires-Dist: jinja2>={major}.{minor}\n"
    ).encode()
    wheel_meta = (
        b"Wheel-Version: 1.0\nGenerator: ssp-kit\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    )
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"simulator-{version}-py3-none-any.whl"
    records = []
    with zipfile.ZipFile(path, "w") as zf:
        for file in files:
            name = "simulator/" + file.relative_to(src).as_posix()
            data = file.read_bytes()
            write_entry(zf, name, data)
            records.append(record_line(name, data))
        for name, data in ((f"{dist_info}/METADATA", meta), (f"{dist_info}/WHEEL", wheel_meta)):
            write_entry(zf, name, data)
            records.append(record_line(name, data))
        records.append(f"{dist_info}/RECORD,,")
        write_entry(zf, f"{dist_info}/RECORD", ("\n".join(records) + "\n").encode())
    return path


def _pip(*args: str, cache: Path, env: dict[str, str] | None = None) -> None:
    cmd = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", *args]
    result = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if result.returncode:
        raise WheelError(
            f"`{' '.join(cmd)}` failed:\n{result.stderr.strip()}\n"
            "The first build fetches Jinja2's wheel and MarkupSafe's sdist from PyPI; check "
            f"that PyPI is reachable, or put the pinned files (walkthrough/bundle/pins.py) in "
            f"{cache}"
        )


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _pinned(pin: Pin, cache: Path) -> Path:
    """``pin``'s file in ``cache``, fetched from PyPI if it is not there, and checked
    against the pinned hash every time (a file put there by hand too)."""
    path = cache / pin.file
    if not path.is_file():
        only = "--only-binary" if pin.binary else "--no-binary"
        _pip("download", "--no-deps", only, ":all:", f"{pin.name}=={pin.version}",
             "-d", str(cache), cache=cache)  # fmt: skip
        if not path.is_file():
            found = ", ".join(sorted(p.name for p in cache.glob(f"{pin.name}-*"))) or "nothing"
            raise WheelError(
                f"`pip download {pin.name}=={pin.version}` wrote {found} into {cache}, not "
                f"{pin.file}: check the file name pinned in walkthrough/bundle/pins.py"
            )
    digest = _sha256(path)
    if digest != pin.sha256:
        raise WheelError(
            f"{path} has sha256 {digest}, not the {pin.sha256} pinned for {pin.name} "
            f"{pin.version} (walkthrough/bundle/pins.py): the site must not ship it. Delete "
            "the file and build again; if PyPI serves it again, find out why before "
            "moving the pin"
        )
    return path


def third_party_wheels(cache: Path) -> list[Path]:
    """Jinja2's wheel as released, and MarkupSafe's built from its sdist without C (pure
    Python), both as pinned; kept in ``cache`` (the project's ``build/wheels``)."""
    cache.mkdir(parents=True, exist_ok=True)
    jinja = _pinned(JINJA2, cache)
    sdist = _pinned(MARKUPSAFE, cache)
    # Kept beside the hash of the sdist it is built from: a new pin builds a new wheel.
    built = cache / f"built-{MARKUPSAFE.sha256[:16]}"
    markupsafe = built / f"markupsafe-{MARKUPSAFE.version}-py3-none-any.whl"
    if not markupsafe.is_file():
        # CC=/bin/false makes MarkupSafe's optional C extension fail, so it falls back to
        # its pure-Python implementation and a py3-none-any wheel that Pyodide can use.
        env = {**os.environ, "CC": "/bin/false"}
        _pip("wheel", "--no-deps", "--no-cache-dir", str(sdist), "-w", str(built),
             cache=cache, env=env)  # fmt: skip
    if not markupsafe.is_file():
        found = ", ".join(sorted(p.name for p in built.glob("*.whl"))) or "nothing"
        raise WheelError(
            f"building {sdist} without C gave {found} in {built}, not the pure-Python "
            f"{markupsafe.name}: delete {built} and build again"
        )
    return [jinja, markupsafe]


def write_lock(wheels: list[Path], out_dir: Path, runtime: Path) -> Path:
    """``pyodide-lock.json`` in ``out_dir`` listing exactly ``wheels`` (which sit beside it),
    with their dependencies resolved among them.

    The npm package's own lock (in ``runtime``) lists ~350 packages whose files it does
    not ship; we keep its ``info`` (Python and ABI versions) and start from no packages,
    so the site's lock names only what the site serves.
    """
    base = json.loads((runtime / "pyodide-lock.json").read_text(encoding="utf-8"))
    empty = PyodideLockSpec(info=InfoSpec.from_dict(base["info"]), packages={})
    try:
        spec = add_wheels_to_spec(empty, wheels, base_path=out_dir)
    except RuntimeError as error:  # a wheel for another Python, a dependency not served
        raise WheelError(f"cannot list the wheels in pyodide-lock.json: {error}") from error
    lock = out_dir / "pyodide-lock.json"
    spec.to_json(lock)
    return lock


def bundle(out_dir: Path, project: Path) -> Bundle:
    """Build or fetch the wheels into ``out_dir``, compile them (and the runtime's standard
    library, already there) for the Pyodide of ``project`` (its ``node_modules/pyodide``)
    when Node can, and write the lock file beside them. ``project``'s ``build/`` keeps
    what is fetched and compiled."""
    runtime = node_pyodide(project)
    out_dir.mkdir(parents=True, exist_ok=True)
    wheels = [build_simulator_wheel(out_dir)]
    for wheel in third_party_wheels(project / "build" / "wheels"):
        target = out_dir / wheel.name
        shutil.copy2(wheel, target)
        wheels.append(target)
    source_only = None
    try:
        bytecode.compile_wheels(
            wheels, runtime, cache=project / "build" / "bytecode", stdlib=out_dir / bytecode.STDLIB
        )
    except bytecode.BytecodeError as exc:
        source_only = str(exc)
    lock = write_lock(wheels, out_dir, runtime)
    return Bundle(root=out_dir, wheels=tuple(wheels), lock=lock, source_only=source_only)
