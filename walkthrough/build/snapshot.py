"""A memory snapshot of the booted simulator, for a faster cold start (see snapshot.mjs).

Made with Node, which runs the same Pyodide the site serves. It is optional: without Node,
or when making it fails, the build goes on and the page boots the plain way.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

from .wheels import Bundle

SCRIPT = Path(__file__).with_name("snapshot.mjs")
NAME = "snapshot.bin.gz"
CACHE = Path(__file__).resolve().parents[2] / "build" / "snapshot"


class SnapshotError(RuntimeError):
    """The snapshot could not be made; the message says why (the site still works)."""


def _fingerprint(bundle: Bundle) -> str:
    digest = hashlib.sha256(SCRIPT.read_bytes())
    for path in (*sorted(bundle.wheels), bundle.root / "pyodide.asm.wasm"):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def make_snapshot(bundle: Bundle) -> Path:
    """Write ``snapshot.bin.gz`` beside the wheels (cached by what it is made of)."""
    node = shutil.which("node")
    if node is None:
        raise SnapshotError("no `node` on PATH: the page will boot without a snapshot")
    cached = CACHE / f"{_fingerprint(bundle)}.gz"
    if not cached.is_file():
        CACHE.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(".partial")
        result = subprocess.run(
            [node, str(SCRIPT), str(bundle.root), str(partial)],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        if result.returncode:
            tail = (result.stderr or result.stdout).strip().splitlines()[-5:]
            raise SnapshotError("making the snapshot failed:\n" + "\n".join(tail))
        partial.replace(cached)
    target = bundle.root / NAME
    shutil.copyfile(cached, target)
    return target
