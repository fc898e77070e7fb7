"""walkthrough/bundle/compress.py: the .br and .gz copies the build writes beside pages and
large assets, kept by content hash so that a rebuild compresses only what changed."""

from __future__ import annotations

import gzip
import io
import json
import os
import zipfile
from pathlib import Path

import brotli
import pytest

from walkthrough.bundle import compress


def test_writes_a_brotli_and_a_gzip_copy_that_decode_to_the_file(tmp_path: Path) -> None:
    asset = tmp_path / "site" / "app.js"
    page = tmp_path / "site" / "da" / "index.html"
    page.parent.mkdir(parents=True)
    asset.write_bytes(b"console.log('x');\n" * 200)
    page.write_bytes(b"<p>Hej</p>\n" * 200)
    (tmp_path / "site" / "tiny.js").write_bytes(b"1")  # below MIN_SIZE: left alone
    (tmp_path / "site" / "sitemap.xml").write_bytes(b"<url/>" * 500)  # as MkDocs wrote it
    files = compress.candidates(tmp_path / "site")
    assert files == [asset, page]
    compress.precompress(files, cache=tmp_path / "cache")
    for file in files:
        for suffix, decode in ((".br", brotli.decompress), (".gz", gzip.decompress)):
            assert decode(file.with_name(file.name + suffix).read_bytes()) == file.read_bytes()


def test_a_file_compressed_before_is_taken_from_the_cache_and_keeps_its_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asset = tmp_path / "app.wasm"
    asset.write_bytes(bytes(range(256)) * 64)
    compress.precompress([asset], cache=tmp_path / "cache")
    br = tmp_path / "app.wasm.br"
    os.utime(br, (1_000_000, 1_000_000))

    def slow(data: bytes, encoding: str) -> bytes:
        raise AssertionError(f"compressed again ({encoding})")

    monkeypatch.setattr(compress, "encode", slow)
    compress.precompress([asset], cache=tmp_path / "cache")
    # unchanged: a browser's revalidation (If-Modified-Since) gets 304 after a rebuild
    assert br.stat().st_mtime == 1_000_000


def test_the_standard_librarys_copies_hold_its_entries_stored(tmp_path: Path) -> None:
    stdlib = tmp_path / "python_stdlib.zip"
    with zipfile.ZipFile(stdlib, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("json/__init__.py", "import re\n" * 100)
        zf.writestr("os.py", "import sys\n" * 100)
    compress.precompress([stdlib], cache=tmp_path / "cache")
    decoded = brotli.decompress((tmp_path / "python_stdlib.zip.br").read_bytes())
    with zipfile.ZipFile(io.BytesIO(decoded)) as zf, zipfile.ZipFile(stdlib) as original:
        assert [(i.filename, i.compress_type) for i in zf.infolist()] == [
            ("json/__init__.py", zipfile.ZIP_STORED),
            ("os.py", zipfile.ZIP_STORED),
        ]
        assert all(zf.read(n) == original.read(n) for n in original.namelist())


def test_the_decoded_sizes_are_listed_beside_the_runtime(tmp_path: Path) -> None:
    """With Content-Encoding a response's length is the encoded one; the worker's progress
    bar counts decoded bytes against DECODED_SIZES (the stored zip's for the library)."""
    stdlib = tmp_path / "python_stdlib.zip"
    with zipfile.ZipFile(stdlib, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("os.py", "import sys\n" * 100)
    wasm = tmp_path / "pyodide.asm.wasm"
    wasm.write_bytes(bytes(range(256)) * 64)
    (tmp_path / "other").mkdir()
    elsewhere = tmp_path / "other" / "app.js"
    elsewhere.write_bytes(b"console.log('x');\n" * 200)
    decoded = compress.precompress([stdlib, wasm, elsewhere], cache=tmp_path / "cache")
    compress.write_decoded_sizes(tmp_path, decoded)
    sizes = json.loads((tmp_path / compress.DECODED_SIZES).read_text(encoding="utf-8"))
    assert sizes == {
        "python_stdlib.zip": len(
            brotli.decompress((tmp_path / "python_stdlib.zip.br").read_bytes())
        ),
        "pyodide.asm.wasm": wasm.stat().st_size,
    }
    assert sizes["python_stdlib.zip"] == len(
        gzip.decompress((tmp_path / "python_stdlib.zip.gz").read_bytes())
    )
    assert sizes["python_stdlib.zip"] != stdlib.stat().st_size  # stored, not deflated
