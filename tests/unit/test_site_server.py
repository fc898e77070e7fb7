"""walkthrough.site_server's file server: what tests and benchmarks rely on it for."""

from __future__ import annotations

import gzip
import socket
import struct
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import brotli
import pytest
from hypothesis import given
from hypothesis import strategies as st

from walkthrough.site_server import SITE_URL, negotiate, serve_directory


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "big.wasm").write_bytes(b"\0" * 4_000_000)
    (tmp_path / "sitemap.xml").write_text(f"<loc>{SITE_URL}page/</loc>", encoding="utf-8")
    return tmp_path


def test_serves_wasm_as_wasm_and_records_the_request(root: Path) -> None:
    with (
        serve_directory(root) as (base, requests),
        urllib.request.urlopen(f"{base}/big.wasm") as response,
    ):
        assert response.headers["Content-Type"] == "application/wasm"
    assert requests == ["/big.wasm"]


def test_sitemap_carries_the_servers_own_origin(root: Path) -> None:
    with (
        serve_directory(root) as (base, _),
        urllib.request.urlopen(f"{base}/sitemap.xml") as response,
    ):
        assert response.read().decode() == f"<loc>{base}/page/</loc>"


def test_a_client_gone_mid_download_is_not_reported(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with serve_directory(root) as (base, _):
        host, port = base.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port))) as client:
            # Reset on close, as a browser closing its context does mid-download.
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            client.sendall(b"GET /big.wasm HTTP/1.1\r\nHost: here\r\n\r\n")
            client.recv(100)
        with urllib.request.urlopen(f"{base}/sitemap.xml") as response:  # still serving
            assert response.status == 200
    assert "Traceback" not in capsys.readouterr().err


# --- precompressed files and Accept-Encoding (walkthrough.site_server.negotiate) ---

CODINGS = ("br", "gzip")
coding_names = st.sampled_from(["br", "gzip", "identity", "*", "deflate", "zstd", "BR", "Gzip"])
weights = st.one_of(
    st.none(),
    st.sampled_from(["0", "1", "0.5", "0.001", "1.0", "0.000", "2", "-1", "x", "nan", ""]),
)


@st.composite
def accept_encodings(draw: st.DrawFn) -> str:
    entries = draw(st.lists(st.tuples(coding_names, weights), max_size=6))
    spaces = draw(st.sampled_from(["", " ", "  "]))
    return f",{spaces}".join(
        name if weight is None else f"{name}{spaces};{spaces}q={weight}" for name, weight in entries
    )


def _weight_of(header: str, coding: str) -> float:
    """The weight ``header`` gives ``coding``, read independently of the server's parser
    (an entry naming it, else ``*``, else 0)."""
    named, star = None, None
    for entry in header.split(","):
        name, _, params = entry.strip().partition(";")
        value = params.strip().removeprefix("q=").strip() if params else "1"
        try:
            weight = float(value)
        except ValueError:
            weight = 0.0
        weight = weight if 0 <= weight <= 1 else 0.0
        if name.strip().lower() == coding:
            named = weight
        elif name.strip() == "*":
            star = weight
    return named if named is not None else (star if star is not None else 0.0)


@given(accept_encodings(), st.sets(st.sampled_from(CODINGS)))
def test_negotiate_sends_only_an_acceptable_available_coding_of_highest_weight(
    header: str, available: set[str]
) -> None:
    offered = tuple(c for c in CODINGS if c in available)
    chosen = negotiate(header, offered)
    if chosen is None:
        return
    assert chosen in offered
    assert _weight_of(header, chosen) > 0
    assert all(_weight_of(header, other) <= _weight_of(header, chosen) for other in offered)


@given(accept_encodings())
def test_negotiate_prefers_brotli_when_both_weigh_the_same(header: str) -> None:
    if _weight_of(header, "br") == _weight_of(header, "gzip") > 0 and negotiate(header, CODINGS):
        assert negotiate(header, CODINGS) == "br"


@given(st.text(max_size=40), st.sets(st.sampled_from(CODINGS)))
def test_negotiate_never_fails_on_any_header(header: str, available: set[str]) -> None:
    assert negotiate(header, tuple(available)) in (None, *available)


def test_negotiate_examples() -> None:
    assert negotiate(None, CODINGS) is None  # no header: the file as it is
    assert negotiate("", CODINGS) is None
    assert negotiate("gzip, deflate, br, zstd", CODINGS) == "br"  # Chromium's
    assert negotiate("gzip, deflate", CODINGS) == "gzip"
    assert negotiate("br;q=0, gzip", CODINGS) == "gzip"
    assert negotiate("*", CODINGS) == "br"
    assert negotiate("*;q=0, identity", CODINGS) is None
    assert negotiate("gzip;q=0.5, identity", CODINGS) is None  # identity weighs more
    assert negotiate("br", ("gzip",)) is None


@pytest.fixture
def compressed(tmp_path: Path) -> Path:
    (tmp_path / "app.js").write_bytes(b"plain")
    (tmp_path / "app.js.br").write_bytes(b"brotli")
    (tmp_path / "app.js.gz").write_bytes(b"gzipped")
    return tmp_path


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:  # 304
        return error.code, dict(error.headers), b""


def test_serves_the_precompressed_file_the_request_accepts(compressed: Path) -> None:
    with serve_directory(compressed) as (base, _):
        status, headers, body = _get(f"{base}/app.js", **{"Accept-Encoding": "gzip, br"})
        assert (status, headers["Content-Encoding"], body) == (200, "br", b"brotli")
        assert headers["Content-Type"] == "text/javascript"
        assert headers["Vary"] == "Accept-Encoding"
        _, headers, body = _get(f"{base}/app.js", **{"Accept-Encoding": "gzip"})
        assert (headers["Content-Encoding"], body) == ("gzip", b"gzipped")
        _, headers, body = _get(f"{base}/app.js")
        assert ("Content-Encoding" not in headers, body) == (True, b"plain")
    with serve_directory(compressed, encodings=("gzip",)) as (base, _):  # a host without br
        _, headers, body = _get(f"{base}/app.js", **{"Accept-Encoding": "gzip, br"})
        assert (headers["Content-Encoding"], body) == ("gzip", b"gzipped")


def test_a_browser_revalidates_and_gets_not_modified(compressed: Path) -> None:
    with serve_directory(compressed) as (base, _):
        for accept in ("br", "identity"):
            _, headers, _ = _get(f"{base}/app.js", **{"Accept-Encoding": accept})
            assert headers["Cache-Control"] == "no-cache"
            since = headers["Last-Modified"]
            status, _, body = _get(
                f"{base}/app.js", **{"Accept-Encoding": accept, "If-Modified-Since": since}
            )
            assert (status, body) == (304, b""), accept


def test_a_file_named_by_its_hash_is_kept_without_asking_again(tmp_path: Path) -> None:
    """Material's hashed assets: a second visit sends no request for them."""
    (tmp_path / "bundle.a5f9d56c.min.js").write_bytes(b"hashed")
    (tmp_path / "main.57a0d79d.min.css").write_bytes(b"hashed")
    (tmp_path / "simulator.js").write_bytes(b"named")
    with serve_directory(tmp_path) as (base, _):
        for name in ("bundle.a5f9d56c.min.js", "main.57a0d79d.min.css"):
            _, headers, _ = _get(f"{base}/{name}?v=1")
            assert headers["Cache-Control"] == "public, max-age=31536000, immutable", name
        _, headers, _ = _get(f"{base}/simulator.js")
        assert headers["Cache-Control"] == "no-cache"


def test_a_page_is_sent_compressed_at_its_folders_address(tmp_path: Path) -> None:
    (tmp_path / "da").mkdir()
    (tmp_path / "da" / "index.html").write_bytes(b"<p>Hej</p>")
    (tmp_path / "da" / "index.html.gz").write_bytes(b"gzipped")
    with serve_directory(tmp_path) as (base, _):
        _, headers, body = _get(f"{base}/da/", **{"Accept-Encoding": "gzip"})
        assert (headers["Content-Encoding"], body) == ("gzip", b"gzipped")
        assert headers["Content-Type"] == "text/html"
        _, headers, body = _get(f"{base}/da/")
        assert ("Content-Encoding" not in headers, body) == (True, b"<p>Hej</p>")


@pytest.mark.parametrize(
    ("accept", "decode"), [("br", brotli.decompress), ("gzip", gzip.decompress)]
)
def test_the_rewritten_sitemap_is_compressed_as_a_host_sends_xml(
    root: Path, accept: str, decode: Callable[[bytes], bytes]
) -> None:
    with serve_directory(root) as (base, _):
        _, headers, body = _get(f"{base}/sitemap.xml", **{"Accept-Encoding": accept})
    assert headers["Content-Encoding"] == accept
    assert decode(body).decode() == f"<loc>{base}/page/</loc>"
