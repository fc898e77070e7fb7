"""Options of the ``ssp-kit`` MkDocs plugin."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class SspKitConfig(Config):
    enabled = opt.Type(bool, default=True)

    # Run every step of each page in process and warn about the flagged ones (serve, build).
    check = opt.Type(bool, default=True)

    # Where the site serves the Pyodide runtime, the wheels and the kit's scripts.
    pyodide_dir = opt.Type(str, default="assets/pyodide")
    assets_dir = opt.Type(str, default="assets/ssp")

    # Content-Security-Policy as a meta tag in every page.
    csp = opt.Type(bool, default=True)

    # Memory snapshot of the booted simulator, made with Node (private Pyodide API; the
    # page falls back to the plain boot). A cold load boots the plain way and prefetches
    # the snapshot after ready; a later visit boots from it (simulator-worker.js:
    # chooseBoot). `?ssp-boot=plain` or `?ssp-boot=snapshot` forces one.
    snapshot = opt.Type(bool, default=True)

    # `<file>.br` and `<file>.gz` beside each large asset, at the best settings, for a host
    # that sends them with Content-Encoding (`make preview` does); not under `mkdocs serve`.
    precompress = opt.Type(bool, default=True)
