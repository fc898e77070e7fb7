"""``make bench``: every benchmark, one run, one machine; figures and in-run ratios.

    python -m bench                      print the figures
    python -m bench --write bench/README.md   ... and write them there (what make bench does)

The figures of one run only compare with each other: these machines vary by a third from
one run to the next, so a before/after comparison is two runs of this, one after the
other, and the ratios each prints (against a baseline measured in the same run).
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: The benchmarks, in the order they run: module -> what its figures are.
BENCHMARKS: dict[str, str] = {
    "bench.bench_model": "The portal model in CPython: commands and queries per second.",
    "bench.bench_model_pyodide": "The same workloads in the site's Pyodide, in Node.",
    "bench.bench_locales": "Site build time as the number of languages grows.",
    "bench.bench_checker": "The step checker: steps per second, in process and in Chromium.",
    "bench.bench_docset": "The step checker on a synthetic docs set of 100, 300 and 1,000 pages "
    "per language: time, peak memory, steps per second, growth against linear.",
    "bench.bench_click": "From a click to the updated DOM, in Chromium (budget: one frame).",
    "bench.bench_guide": (
        "Guided practice: start (<= 50 ms), judging a click (< 1 ms), its data (< 5 KB gzip)."
    ),
}


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


def report(sections: list[tuple[str, str, dict[str, float]]], started: datetime) -> str:
    """The run as Markdown: when, on what, and each benchmark's figures."""
    cpu = platform.processor() or platform.machine()
    out = [
        "# Benchmarks",
        "",
        "<!-- Written by `make bench` (python -m bench --write bench/README.md): do not edit;",
        "     what each figure measures is in the docstring of its module. -->",
        "",
        f"One run of `make bench`, {started:%Y-%m-%d %H:%M} UTC, on {os.cpu_count()} cores "
        f"({cpu}), Python {platform.python_version()}. Figures of one run compare with each "
        "other; between runs these machines vary by up to a third.",
        "",
    ]
    for title, about, figures in sections:
        out += [f"## {title}", "", about, "", "| figure | value |", "| --- | ---: |"]
        out += [f"| `{key}` | {value:,.2f} |" for key, value in figures.items()]
        out.append("")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, help="also write the figures there as Markdown")
    args = parser.parse_args()
    started = datetime.now(UTC)
    sections = [("site build", "`mkdocs build`, every language.", {"mkdocs_build_s": build_time()})]
    show(*sections[0][::2])
    for name, about in BENCHMARKS.items():
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        figures = module.run()
        show(name, figures)
        sections.append((name, about, figures))
    from bench import boot

    figures = boot.run(ROOT / "site")
    show("boot (Chromium, median of 3)", figures)
    sections.append(("bench.boot", "The simulator's boot in Chromium, median of 3.", figures))
    if args.write:
        args.write.write_text(report(sections, started), encoding="utf-8")
        print(f"\nwrote {args.write}")


if __name__ == "__main__":
    main()
