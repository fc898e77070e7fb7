"""walkthrough.site_server's file server: what tests and benchmarks rely on it for."""

from __future__ import annotations

import socket
import struct
import urllib.request
from pathlib import Path

import pytest

from walkthrough.site_server import SITE_URL, serve_directory


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
