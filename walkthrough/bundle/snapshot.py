"""A memory snapshot of the booted simulator, for a faster cold start (see snapshot.mjs).

Made with Node, which runs the same Pyodide the site serves. It is optional: without Node,
or when making it fails, the build goes on and the page boots the plain way.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from . import node
from .wheels import Bundle

SCRIPT = Path(__file__).with_name("snapshot.mjs")
NAME = "snapshot.bin.gz"


class SnapshotError(RuntimeError):
    """The snapshot could not be made; the message says why (the site still works)."""


def _fingerprint(bundle: Bundle) -> str:
    digest = hashlib.sha256(SCRIPT.read_bytes())
    for path in (*sorted(bundle.wheels), bundle.root / "pyodide.asm.wasm"):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def make_snapshot(bundle: Bundle, *, cache: Path) -> Path:
    """Write ``snapshot.bin.gz`` beside the wheels (kept in ``cache``, the project's
    ``build/snapshot``, by what it is made of)."""
    cached = cache / f"{_fingerprint(bundle)}.gz"
    if not cached.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(".partial")
        try:
            node.run(SCRIPT, str(bundle.root), str(partial))
        except node.NodeError as error:
            raise SnapshotError(str(error)) from error
        partial.replace(cached)
    target = bundle.root / NAME
    shutil.copyfile(cached, target)
    return target
