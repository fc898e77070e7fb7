"""A static file server for the built site, for tests, benchmarks and the browser driver.

Python's ``http.server`` with the MIME types Pyodide needs (``.mjs``, ``.wasm``), quiet
logs, and a record of every request path so tests can assert what a page fetched.

Material's instant navigation only takes over links listed in ``sitemap.xml``, whose URLs
carry the build's ``site_url`` (port included). The server rewrites that origin to its
own in the sitemaps it serves, as if the site had been built for this address; without
it every link would be a full reload and Pyodide would boot again on each page. Material
reads the sitemap after the page has loaded, and a link clicked before that is a page
load: ``INSTANT_NAVIGATION_READY`` is true once it has been read.

The server answers from the same machine, where a download costs nothing: ``emulate_link``
gives a page the link of a reader instead.
"""

from __future__ import annotations

import functools
import io
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, cast

MIME = {
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".whl": "application/zip",
    ".zip": "application/zip",
}


SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's site_url, what ``make serve`` uses

#: For ``page.wait_for_function`` (a function: the site's CSP forbids evaluating a string):
#: the page has simulators, and every one of them is ready.
ALL_SIMULATORS_READY = """() => { const s = document.querySelectorAll('[data-simulator]');
  return s.length > 0 && [...s].every(e => e.hasAttribute('data-ready')); }"""

#: For ``page.wait_for_function``: Material's instant navigation has its sitemap (see above;
#: a simulator can be ready sooner), received 100 ms ago: Material reads it in the tasks
#: after it arrives.
INSTANT_NAVIGATION_READY = """() => performance.getEntriesByType('resource').some(
  e => /\\/sitemap\\.xml$/.test(e.name) && performance.now() - e.responseEnd > 100)"""


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **MIME}  # noqa: RUF012
    requests: list[str]

    def send_head(self) -> Any:
        if not self.path.split("?")[0].endswith("sitemap.xml"):
            return super().send_head()
        path = Path(self.translate_path(self.path))
        if not path.is_file():
            return super().send_head()
        server = cast(ThreadingHTTPServer, self.server)
        host, port = str(server.server_address[0]), server.server_port
        body = path.read_bytes().replace(SITE_URL.encode(), f"http://{host}:{port}/".encode())
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        self.requests.append(self.path)
        super().end_headers()


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser closed while a download was under way (a test or bench closing its
        # context once the simulator is ready, say): nothing the output should show.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@contextmanager
def serve_directory(root: Path, *, host: str = "127.0.0.1") -> Iterator[tuple[str, list[str]]]:
    """Serve ``root`` on a free port; yields (base URL, list of requested paths)."""
    requests: list[str] = []
    handler = type("Handler", (_Handler,), {"requests": requests})
    server = _Server((host, 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_port}", requests
    finally:
        server.shutdown()
        server.server_close()


def emulate_link(context: Any, page: Any, *, mbps: float, latency_ms: float = 20) -> None:
    """Give ``page`` (and the workers it starts) a link of ``mbps`` megabits per second.

    Chromium's network emulation, through a DevTools session of Playwright's ``context``:
    the bench server answers from the same machine, where a download costs nothing.
    """
    throughput = mbps * 1e6 / 8  # bytes per second
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": latency_ms,
            "downloadThroughput": throughput,
            "uploadThroughput": throughput,
        },
    )
