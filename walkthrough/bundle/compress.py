"""Precompressed copies of the site's pages and large assets: ``<file>.br`` and
``<file>.gz`` beside each, so that a static host (or ``make preview``,
walkthrough/site_server.py) sends them with ``Content-Encoding`` instead of compressing on
the fly at a fast, poor setting, or not at all.

Made at build time with the best settings (brotli quality 11 with a 16 MB window; gzip
by zopfli, whose deflate is 3% smaller than zlib's level 9 and reads the same), which are
slow (a minute and a half for the 9.6 MB wasm on a busy machine): each result is kept in
the project's ``build/compressed`` by the hash of what it compresses, so only a file that
changed is compressed again.

The standard library's zip compresses each of its files on its own; its ``.br`` and
``.gz`` compress the same entries stored (the same zip, only without deflate), which
compresses across files: zipimport reads either.
"""

from __future__ import annotations

import copy
import gzip
import hashlib
import io
import json
import shutil
import zipfile
from collections.abc import Iterable
from pathlib import Path

import brotli
import zopfli.gzip

#: What a host should send compressed: the pages and the search index, the runtime (wasm,
#: JavaScript), the standard library's zip, the wheels, the lock file, the scripts and
#: styles. (The memory snapshot is gzipped by snapshot.mjs itself: the page decompresses
#: it, on any host. The sitemaps are left to the host, which compresses XML as it sends it,
#: as the site server does with those it rewrites.)
SUFFIXES = (".html", ".wasm", ".mjs", ".js", ".css", ".zip", ".whl", ".json")
MIN_SIZE = 1024  # smaller files gain less than a compressed response's overhead
BEST = 11
#: zopfli's passes over each block: for the wasm, three took 9.3 s against 8.2 for one, to
#: be 0.1% smaller (3,411,090 bytes against 3,415,020; zlib's level 9: 3,528,803).
ZOPFLI_ITERATIONS = 1
#: Encodings, in the order a server prefers them, and the suffix of their files.
ENCODINGS = {"br": ".br", "gzip": ".gz"}


def encode(data: bytes, encoding: str, *, fast: bool = False) -> bytes:
    """``data`` in ``encoding`` (a key of ENCODINGS), at the best setting, or with ``fast``
    at the setting a host uses to compress as it sends (brotli 5, gzip 6: tens of times
    faster); the same bytes for the same input (gzip: no time, no file name)."""
    if encoding == "br":
        return bytes(brotli.compress(data, quality=5 if fast else BEST, lgwin=24))
    if fast:
        return gzip.compress(data, compresslevel=6, mtime=0)
    return bytes(zopfli.gzip.compress(data, numiterations=ZOPFLI_ITERATIONS))


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


#: Beside the runtime: the size each precompressed file decodes to (``{name: bytes}``).
#: With ``Content-Encoding`` a response's ``Content-Length`` is the encoded size, while
#: the page's fetch hands over the decoded bytes: the worker's progress bar counts those
#: against this (simulator-worker.js).
DECODED_SIZES = "decoded-sizes.json"


def precompress(files: Iterable[Path], *, cache: Path) -> dict[Path, int]:
    """Write ``<file>.br`` and ``<file>.gz`` beside each of ``files``; each is kept in
    ``cache`` by the hash of the file and of this module (its settings). Returns the
    size each file's copies decode to."""
    salt = hashlib.sha256(Path(__file__).read_bytes()).digest()
    decoded: dict[Path, int] = {}
    for path in files:
        data = path.read_bytes()
        key = hashlib.sha256(salt + data).hexdigest()[:24]
        # The standard library's zip: its entries stored, compressed as a whole (the
        # page's wheels are checked by hash and must stay byte for byte).
        body = stored(data) if path.name == "python_stdlib.zip" else data
        decoded[path] = len(body)
        for encoding, suffix in ENCODINGS.items():
            cached = cache / f"{key}{suffix}"
            if not cached.is_file():
                encoded = encode(body, encoding)
                cache.mkdir(parents=True, exist_ok=True)
                partial = cached.with_suffix(".partial")
                partial.write_bytes(encoded)
                partial.replace(cached)
            target = path.with_name(path.name + suffix)
            # unchanged files keep their time: a browser's revalidation finds them so
            if not target.is_file() or target.read_bytes() != cached.read_bytes():
                shutil.copyfile(cached, target)
    return decoded


def write_decoded_sizes(folder: Path, decoded: dict[Path, int]) -> None:
    """``folder``'s DECODED_SIZES: the decoded size of each of its own files in
    ``decoded`` (what ``precompress`` returned)."""
    sizes = {path.name: size for path, size in sorted(decoded.items()) if path.parent == folder}
    text = json.dumps(sizes, indent=1, sort_keys=True) + "\n"
    target = folder / DECODED_SIZES
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
