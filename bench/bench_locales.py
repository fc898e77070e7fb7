"""Site build time as locales are added: the site as it is, then 2, 8 and 32 copies of a locale.

Each copy is the Danish folder (``docs/da``) under a locale code of its own (``da-AA``,
``da-AB``...; mkdocs-static-i18n accepts language-REGION codes), added to the i18n plugin's
languages next to the default English one, in a throwaway project: mkdocs.yml as the repo
has it, with its paths made absolute. Every build is a real ``mkdocs build`` in a fresh
process (strict off: the copies are not in the language selector), timed from start to exit.

    python -m bench.bench_locales

Figures: seconds per build, and seconds per added locale (the slope from 2 to 32 copies).
"""

from __future__ import annotations

import os
import shutil
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parents[1]
COPIES = (2, 8, 32)
SOURCE_LOCALE = "da"


def _codes(n: int) -> list[str]:
    letters = string.ascii_uppercase
    return [f"{SOURCE_LOCALE}-{letters[i // 26]}{letters[i % 26]}" for i in range(n)]


def _config(docs: Path, copies: int) -> dict[str, Any]:
    """mkdocs.yml as MkDocs reads it (its ``!!python/name:`` lists resolved, from the one
    list of languages), for a throwaway project."""
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as file:
        config: dict[str, Any] = yaml_load(file)
    config["docs_dir"] = str(docs)
    config["strict"] = False
    config.pop("watch", None)  # serve only; it validates paths
    theme = config["theme"]
    if "custom_dir" in theme:
        theme["custom_dir"] = str(ROOT / theme["custom_dir"])
    if copies:
        for plugin in config["plugins"]:
            if isinstance(plugin, dict) and "i18n" in plugin:
                languages = plugin["i18n"]["languages"]
                source = next(lang for lang in languages if lang["locale"] == SOURCE_LOCALE)
                others = [lang for lang in languages if lang["locale"] != SOURCE_LOCALE]
                plugin["i18n"]["languages"] = others + [
                    {**source, "locale": code, "name": code} for code in _codes(copies)
                ]
    return config


def _project(where: Path, copies: int) -> Path:
    """A project with the site's pages, and ``copies`` copies of the Danish folder."""
    docs = where / "docs"
    for child in (ROOT / "docs").iterdir():
        if child.is_dir() and copies and child.name == SOURCE_LOCALE:
            for code in _codes(copies):
                shutil.copytree(child, docs / code)
        elif child.is_dir():
            shutil.copytree(child, docs / child.name)
        else:
            docs.mkdir(parents=True, exist_ok=True)
            shutil.copy2(child, docs / child.name)
    for shared in ("node_modules", "build"):  # the Pyodide runtime, and the wheel caches
        if (ROOT / shared).exists():
            (where / shared).symlink_to(ROOT / shared)
    config = where / "mkdocs.yml"
    config.write_text(yaml.safe_dump(_config(docs, copies), allow_unicode=True), "utf-8")
    return config


def build_seconds(copies: int = 0) -> float:
    """One ``mkdocs build`` of the site (``copies=0``) or of English plus ``copies`` locales."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryDirectory(prefix="ssp-bench-") as tmp:
        where = Path(tmp)
        config = _project(where, copies)
        cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config),
               "--site-dir", str(where / "site")]  # fmt: skip
        started = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, env=env, check=True)
        return time.perf_counter() - started


def run() -> dict[str, float]:
    figures = {"site_s": build_seconds(0)}
    for copies in COPIES:
        figures[f"{SOURCE_LOCALE}_x{copies}_s"] = build_seconds(copies)
    first, last = COPIES[0], COPIES[-1]
    slope = (figures[f"{SOURCE_LOCALE}_x{last}_s"] - figures[f"{SOURCE_LOCALE}_x{first}_s"]) / (
        last - first
    )
    figures["s_per_added_locale"] = slope
    return figures


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:24} {value:10.2f}")
