"""Material's search, started after the page's simulators (see assets/search-worker.js)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

#: The wrapper, installed beside Material's own search worker.
WORKER = "ssp-search-worker.js"
SOURCE = Path(__file__).resolve().parents[1] / "assets" / "search-worker.js"
# Material's __config: "search": "<prefix>assets/javascripts/workers/search.<hash>.min.js"
_SEARCH = re.compile(r'("search": ?"(?:[^"]*/)?workers/)(search\.[\w.-]+\.js)(")')


def defer(page_html: str) -> str:
    """``page_html`` with Material's search worker replaced by the wrapper that starts it
    once the simulators are ready."""
    return _SEARCH.sub(lambda m: f"{m[1]}{WORKER}?worker={m[2]}{m[3]}", page_html, count=1)


def install(site: Path) -> None:
    """Put the wrapper beside Material's search worker (if the theme wrote one)."""
    workers = site / "assets" / "javascripts" / "workers"
    if workers.is_dir():
        shutil.copyfile(SOURCE, workers / WORKER)
