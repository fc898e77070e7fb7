"""``make bench``: every benchmark, one run, one machine; figures and in-run ratios."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build_time() -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", out],
            cwd=ROOT, env=env, check=True,
        )  # fmt: skip
        return time.perf_counter() - started


def show(title: str, figures: dict[str, float]) -> None:
    print(f"\n{title}")
    for key, value in figures.items():
        print(f"  {key:40} {value:14.2f}")


def main() -> None:
    show("site build", {"mkdocs_build_s": build_time()})
    for name in (
        "bench.bench_model",
        "bench.bench_model_pyodide",
        "bench.bench_locales",
        "bench.bench_checker",
        "bench.bench_click",
    ):
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        show(name, module.run())
    from bench import boot

    show("boot (Chromium, median of 3)", boot.run(ROOT / "site"))


if __name__ == "__main__":
    main()
