"""Precompressed copies of the site's large assets: ``<file>.br`` and ``<file>.gz`` beside
each, so that a static host (or ``make preview``, walkthrough/site_server.py) sends them
with ``Content-Encoding`` instead of compressing on the fly at a fast, poor setting, or
not at all.

Made at build time with the best settings (brotli quality 11 with a 16 MB window, gzip
level 9), which are slow (a minute and a half for the 9.6 MB wasm on a busy machine):
each result is kept in the project's ``build/compressed`` by the hash of what it
compresses, so only a file that changed is compressed again.

The standard library's zip compresses each of its files on its own; its ``.br`` and
``.gz`` compress the same entries stored (the same zip, only without deflate), which
compresses across files: zipimport reads either.
"""

from __future__ import annotations

import copy
import gzip
import hashlib
import io
import shutil
import zipfile
from collections.abc import Iterable
from pathlib import Path

import brotli

#: What a host should send compressed: the runtime (wasm, JavaScript), the standard
#: library's zip, the wheels, the lock file, the kit's scripts and styles. (The memory
#: snapshot is gzipped by snapshot.mjs itself: the page decompresses it, on any host.)
SUFFIXES = (".wasm", ".mjs", ".js", ".css", ".zip", ".whl", ".json")
MIN_SIZE = 1024  # smaller files gain less than a compressed response's overhead
BEST = 11
#: Encodings, in the order a server prefers them, and the suffix of their files.
ENCODINGS = {"br": ".br", "gzip": ".gz"}


def _brotli(data: bytes) -> bytes:
    return bytes(brotli.compress(data, quality=BEST, lgwin=24))


def _gzip(data: bytes) -> bytes:
    out = io.BytesIO()
    # mtime 0 and no file name: the same bytes for the same input
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9, mtime=0, filename="") as gz:
        gz.write(data)
    return out.getvalue()


def stored(data: bytes) -> bytes:
    """The zip ``data`` with every entry stored rather than deflated."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            entry = copy.copy(info)
            entry.compress_type = zipfile.ZIP_STORED
            target.writestr(entry, source.read(info))
    return out.getvalue()


def candidates(root: Path) -> list[Path]:
    """The files under ``root`` worth precompressing."""
    return sorted(
        path
        for path in root.rglob("*")
        if path.is_file() and path.suffix in SUFFIXES and path.stat().st_size >= MIN_SIZE
    )


def precompress(files: Iterable[Path], *, cache: Path) -> None:
    """Write ``<file>.br`` and ``<file>.gz`` beside each of ``files``; each is kept in
    ``cache`` by the hash of the file and of this module (its settings)."""
    salt = hashlib.sha256(Path(__file__).read_bytes()).digest()
    for path in files:
        data = path.read_bytes()
        key = hashlib.sha256(salt + data).hexdigest()[:24]
        for encoding, suffix in ENCODINGS.items():
            cached = cache / f"{key}{suffix}"
            if not cached.is_file():
                # The standard library's zip: its entries stored, compressed as a whole
                # (the page's wheels are checked by hash and must stay byte for byte).
                body = stored(data) if path.name == "python_stdlib.zip" else data
                encoded = _brotli(body) if encoding == "br" else _gzip(body)
                cache.mkdir(parents=True, exist_ok=True)
                partial = cached.with_suffix(".partial")
                partial.write_bytes(encoded)
                partial.replace(cached)
            target = path.with_name(path.name + suffix)
            # unchanged files keep their time: a browser's revalidation finds them so
            if not target.is_file() or target.read_bytes() != cached.read_bytes():
                shutil.copyfile(cached, target)
