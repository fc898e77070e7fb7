"""A static file server for the built site, for tests, benchmarks and the browser driver.

Python's ``http.server`` with the MIME types Pyodide needs (``.mjs``, ``.wasm``), quiet
logs, and a record of every request path so tests can assert what a page fetched.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

MIME = {
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".whl": "application/zip",
    ".zip": "application/zip",
}


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **MIME}
    requests: list[str]

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        self.requests.append(self.path)
        super().end_headers()


@contextmanager
def serve_directory(root: Path, *, host: str = "127.0.0.1") -> Iterator[tuple[str, list[str]]]:
    """Serve ``root`` on a free port; yields (base URL, list of requested paths)."""
    requests: list[str] = []
    handler = type("Handler", (_Handler,), {"requests": requests})
    server = ThreadingHTTPServer((host, 0), functools.partial(handler, directory=str(root)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_port}", requests
    finally:
        server.shutdown()
        server.server_close()
