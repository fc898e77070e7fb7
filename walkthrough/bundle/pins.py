"""What ships to readers' browsers besides the simulator, pinned by version and hash.

A rebuild must never ship something else: ``wheels.third_party_wheels`` fetches exactly
these files from PyPI and refuses one whose sha256 differs.

Jinja2 ships as PyPI's wheel (pure Python). MarkupSafe ships as a pure-Python wheel built
here without its C speedups (Pyodide cannot load PyPI's CPython wheels), from PyPI's
sdist: the sdist is what is pinned, and the wheel is rebuilt from nothing else.

To move a pin: ``pip download --no-deps --only-binary :all: jinja2==X`` (``--no-binary
:all: markupsafe==X`` for the sdist), compare ``sha256sum`` of the file with the one PyPI
lists for that release, change the version, file and hash here together, build the site
and run ``tests/site``. The CPython side (``pyproject.toml``) may run another release of
the same series; the browser runs these.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Pin:
    name: str  # the distribution, as pip names it
    version: str
    file: str  # the file fetched from PyPI
    sha256: str  # of that file, as PyPI lists it
    binary: bool  # a wheel (True) or an sdist to build (False)


JINJA2 = Pin(
    "jinja2",
    "3.1.6",
    "jinja2-3.1.6-py3-none-any.whl",
    "85ece4451f492d0c13c5dd7c13a64681a86afae63a5f347908daf103ce6d2f67",
    binary=True,
)
MARKUPSAFE = Pin(
    "markupsafe",
    "3.0.4",
    "markupsafe-3.0.4.tar.gz",
    "2e9ad7dd851bf45fab9f75cbff4cb493fee9979e8d8c7c9c3ee119022518edd6",
    binary=False,
)
