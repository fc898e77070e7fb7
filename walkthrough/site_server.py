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

It serves the build as a static host does (``make preview``: ``python -m
walkthrough.site_server site``): a file with a precompressed ``<file>.br`` or ``<file>.gz``
beside it (walkthrough/bundle/compress.py) is sent as that, with ``Content-Encoding``,
when the request's ``Accept-Encoding`` allows it (``negotiate``), and a sitemap it
rewrote is compressed as it is sent (a host compresses XML on the fly); every answer says
``Cache-Control: no-cache``, so a browser keeps what it downloaded and asks whether it
changed (``Last-Modified``, answered ``304 Not Modified``) rather than download it again
or use it after a new build, except a file whose name carries its content's hash
(``cache_control``), which a browser keeps without asking again, as a host configured
for such files says.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email.utils import formatdate, parsedate_to_datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, cast

from .bundle import compress

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


#: A file name that carries its content's hash (Material's ``bundle.a5f9d56c.min.js``):
#: a new build gives new contents a new name, so the file never changes under it.
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8,}\.(?:min\.)?(?:js|css)$")
#: What the server says of such a file: keep it, never ask again (a second visit sends
#: no request for it); of every other file: keep it, ask whether it changed each time.
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"


def cache_control(path: str) -> str:
    """``Cache-Control`` for a request's path (its query aside)."""
    return IMMUTABLE if FINGERPRINTED.search(path.split("?")[0]) else REVALIDATE


#: The encodings the server has files for, in the order it prefers them, and their suffix.
ENCODINGS = compress.ENCODINGS


def _weights(accept_encoding: str) -> dict[str, float]:
    """``Accept-Encoding``'s codings (lower case) and their weights (RFC 9110, 12.5.3); an
    entry that does not parse counts as not acceptable."""
    weights: dict[str, float] = {}
    for entry in accept_encoding.split(","):
        coding, *params = (part.strip() for part in entry.split(";"))
        if not coding:
            continue
        weight = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value.strip())
                except ValueError:
                    weight = 0.0
                if not 0.0 <= weight <= 1.0:  # also NaN
                    weight = 0.0
        weights[coding.lower()] = weight
    return weights


def negotiate(accept_encoding: str | None, available: tuple[str, ...]) -> str | None:
    """Which of ``available`` (codings, in the server's order of preference) to send for
    a request's ``Accept-Encoding``, or None for the file as it is.

    The acceptable coding of highest weight, ties going to the server's preference; none
    when the request has no such header (RFC 9110 allows any, a static host sends the
    file as it is), or the file as it is weighs more.
    """
    if accept_encoding is None:
        return None
    weights = _weights(accept_encoding)
    star = weights.get("*", 0.0)
    identity = weights.get("identity", star if "*" in weights else 1.0)
    best, chosen = identity, None
    for coding in available:
        weight = weights.get(coding, star)
        if weight > 0 and (weight > best or (chosen is None and weight == best)):
            best, chosen = weight, coding
    return chosen


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **MIME}  # noqa: RUF012
    requests: list[str]
    encodings: tuple[str, ...]

    def send_head(self) -> Any:
        if not self.path.split("?")[0].endswith("sitemap.xml"):
            return self._encoded() or super().send_head()
        path = Path(self.translate_path(self.path))
        if not path.is_file():
            return super().send_head()
        server = cast(ThreadingHTTPServer, self.server)
        host, port = str(server.server_address[0]), server.server_port
        body = path.read_bytes().replace(SITE_URL.encode(), f"http://{host}:{port}/".encode())
        # rewritten here, so compressed here, as a host compresses XML as it sends it
        coding = negotiate(self.headers.get("Accept-Encoding"), self.encodings)
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        if coding:
            body = compress.encode(body, coding, fast=True)
            self.send_header("Content-Encoding", coding)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def _encoded(self) -> Any:
        """Send the precompressed form of the file asked for, if there is one the request
        accepts (headers, and the file to copy for a GET); None otherwise."""
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path /= "index.html"  # a page's address: its folder
        if not path.is_file():
            return None
        encodings = tuple(c for c in self.encodings if _sibling(path, ENCODINGS[c]).is_file())
        coding = negotiate(self.headers.get("Accept-Encoding"), encodings)
        if coding is None:
            return None
        encoded = _sibling(path, ENCODINGS[coding])
        stat = encoded.stat()
        since = self.headers.get("If-Modified-Since")
        if since and "If-None-Match" not in self.headers:
            try:
                if int(stat.st_mtime) <= parsedate_to_datetime(since).timestamp():
                    self.send_response(304)
                    self.end_headers()
                    return io.BytesIO(b"")
            except (TypeError, ValueError, OverflowError):
                pass
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", coding)
        self.send_header("Content-Length", str(stat.st_size))
        self.send_header("Last-Modified", formatdate(stat.st_mtime, usegmt=True))
        self.end_headers()
        return encoded.open("rb")

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        self.requests.append(self.path)
        self.send_header("Cache-Control", cache_control(self.path))
        self.send_header("Vary", "Accept-Encoding")
        super().end_headers()


def _sibling(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser closed while a download was under way (a test or bench closing its
        # context once the simulator is ready, say): nothing the output should show.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@contextmanager
def serve_directory(
    root: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    encodings: tuple[str, ...] = tuple(ENCODINGS),
) -> Iterator[tuple[str, list[str]]]:
    """Serve ``root`` on ``port`` (0: a free one); yields (base URL, list of requested
    paths). ``encodings``: the precompressed files it may send (none: only files as
    they are; ``("gzip",)``: a host without brotli)."""
    requests: list[str] = []
    handler = type("Handler", (_Handler,), {"requests": requests, "encodings": encodings})
    server = _Server((host, port), functools.partial(handler, directory=str(root)))
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


def main(argv: list[str] | None = None) -> None:
    """``make preview``: serve a built site as a static host does, until interrupted."""
    parser = argparse.ArgumentParser(
        prog="python -m walkthrough.site_server", description=main.__doc__
    )
    parser.add_argument("site", type=Path, nargs="?", default=Path("site"), help="the built site")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        parser.error(f"{args.site} holds no built site (no index.html): run `make build` first")
    with serve_directory(args.site, port=args.port) as (base, _):
        print(f"Serving {args.site} at {base}/ as a static host does (brotli, gzip); Ctrl+C stops")
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
