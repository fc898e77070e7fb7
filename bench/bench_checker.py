"""The step checker's speed: steps per second for each driver over every kit page, locale
and cloud, and what ``pytest -n 2`` gains on the tests/docs items.

in process   ``check_paths`` on docs/en and docs/da, every step executed (static analysis
             included). First pass: nothing known yet (each step analysed, each screen
             rendered and parsed once), the best of FIRST_PASSES; steady: the same
             driver again, as in ``mkdocs serve`` after a save, where unchanged steps and
             the screens already walked are looked up. Target: >= 1,000 steps/s.
browser      the same pages in Chromium on the built site (site/), one page, Pyodide
             booted once per language; the wall time includes the boot.
shards       ``ssp-kit check --shard I/2 --driver browser`` as two processes at once, merged
             by ``ssp-kit report merge``: their wall time, and 1.0 when the merged totals
             equal one unsharded run's.
pytest       wall time of the tests/docs items with ``-n 0`` and ``-n 2 --dist loadgroup``
             in one run, and the ratio. Target: every kit page in the browser within 60 s
             on 2 cores, boot included (the ``browser items`` figure).

    python -m bench.bench_checker
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from walkthrough.checker import check
from walkthrough.checker.check import check_paths
from walkthrough.checker.inprocess_driver import InProcessDriver
from walkthrough.steps.report import Report

ROOT = Path(__file__).resolve().parents[1]
PAGES = [str(ROOT / "docs/en"), str(ROOT / "docs/da")]
STEADY_PASSES = 5
FIRST_PASSES = 5


def _steps(report: Report) -> int:
    return report.summary["steps"]


def _timed(driver: object) -> tuple[float, int, Report]:
    started = time.perf_counter()
    report = check_paths(PAGES, driver=driver)  # type: ignore[arg-type]
    return time.perf_counter() - started, _steps(report), report


def in_process() -> dict[str, float]:
    check_paths(PAGES, driver=InProcessDriver())  # imports, catalogs, templates: not timed
    passes = []
    for _ in range(FIRST_PASSES):  # the best of several: one pass is a few tenths of a second
        check.clear_caches()
        passes.append(_timed(InProcessDriver()))
    first, steps, report = min(passes, key=lambda timed: timed[0])
    driver = InProcessDriver()
    _timed(driver)
    steady = [_timed(driver)[0] for _ in range(STEADY_PASSES)]
    return {
        "inprocess_steps": float(steps),
        "inprocess_failed_steps": float(report.summary["failed"]),
        "inprocess_first_pass_steps_per_s": steps / first,
        "inprocess_steady_steps_per_s": steps / min(steady),
    }


def browser(site: Path) -> dict[str, float]:
    from walkthrough.checker.browser_session import make_driver

    started = time.perf_counter()
    driver = make_driver(site=site)
    try:
        _, steps, report = _timed(driver)
    finally:
        driver.shutdown()
    wall = time.perf_counter() - started
    return {
        "browser_steps_per_s_with_boot": steps / wall,
        "browser_all_pages_s_one_worker": wall,
        "browser_failed_steps": float(report.summary["failed"]),
        "browser_page_loads": float(driver.stats["loads"]),
    }


def _pytest(site: Path, *args: str) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SSP_SITE": str(site)}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args]
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=False, capture_output=True)
    return time.perf_counter() - started


def pytest_speedup(site: Path) -> dict[str, float]:
    serial = _pytest(site, "tests/docs", "-n", "0")
    parallel = _pytest(site, "tests/docs", "-n", "2", "--dist", "loadgroup")
    pages = ("tests/docs/pages.toml", "-m", "e2e", "-n", "2", "--dist", "loadgroup")
    browser_items = _pytest(site, *pages)
    return {
        "pytest_docs_n0_s": serial,
        "pytest_docs_n2_s": parallel,
        "pytest_docs_speedup_n2": serial / parallel,
        "browser_items_all_pages_n2_s": browser_items,
    }


def shards(site: Path, driver: str = "browser", count: int = 2) -> dict[str, float]:
    """``ssp-kit check --shard I/N`` as N processes at once (as N machines would run it),
    their JSON joined by ``ssp-kit report merge``: the wall time of the N, and whether the
    merged totals equal one unsharded run's (1.0: they do)."""
    env = {**os.environ, "SSP_SITE": str(site)}
    command = [sys.executable, "-m", "walkthrough", "check", *PAGES, "--driver", driver]
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        outputs = [(out / f"{i}.json").open("w") for i in range(1, count + 1)]
        started = time.perf_counter()
        running = [
            subprocess.Popen(
                [*command, "--format", "json", "--shard", f"{i}/{count}"],
                cwd=ROOT,
                env=env,
                stdout=output,
            )
            for i, output in enumerate(outputs, start=1)
        ]
        for process, output in zip(running, outputs, strict=True):
            process.wait()
            output.close()
        wall = time.perf_counter() - started
        merged = out / "merged.json"
        reports = [str(out / f"{i}.json") for i in range(1, count + 1)]
        subprocess.run(
            [sys.executable, "-m", "walkthrough", "report", "merge", *reports, "-o", str(merged)],
            cwd=ROOT, check=False,
        )  # fmt: skip
        whole = subprocess.run(
            [*command, "--format", "json"], cwd=ROOT, env=env, capture_output=True, check=False
        )
        same = (
            json.loads(merged.read_text("utf-8"))["summary"] == json.loads(whole.stdout)["summary"]
        )
    return {
        f"{driver}_{count}_shards_wall_s": wall,
        f"{driver}_{count}_shards_merged_equal_one_run": float(same),
    }


def run(site: Path = ROOT / "site") -> dict[str, float]:
    figures = in_process()
    if (site / "index.html").is_file():
        figures |= browser(site)
        figures |= shards(site)
        figures |= pytest_speedup(site)
    return figures


if __name__ == "__main__":
    for key, value in run(Path(os.environ.get("SSP_SITE", ROOT / "site"))).items():
        print(f"  {key:40} {value:14.2f}")
