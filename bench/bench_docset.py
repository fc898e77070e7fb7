"""The step checker on a docs set: time and peak memory at 100, 300 and 1,000 pages.

``bench.docset`` writes N pages in every kit language (the kit's article, its procedures
reordered and perturbed, some with an injected defect whose findings are known); the
in-process checker checks the folder (``check_paths``, files read as ``ssp-kit check``
reads them). Each size runs in a forked child, so that its peak memory is its own: the
growth of the child's peak resident set over what it had at the fork.

first pass   nothing known yet (``check.clear_caches()``, a new driver). Target: >= 5,000
             steps/s.
steady       the same driver and folder again, the best of STEADY_PASSES. Target: >= 10,000
             steps/s.
linearity    (time at 1,000 / time at 100) / (steps at 1,000 / steps at 100), and the same
             for memory: 1.0 is linear growth, 2.0 twice as fast as linear.

Wall time (``_s``) and the child's CPU time (``_cpu_s``) are both given; rates and growth
are computed on CPU time, which other processes on a shared machine disturb far less.
unexpected   pages whose findings are not exactly their injected defects': must be 0.

    python -m bench.bench_docset [N ...]     (default: 100 300 1000 pages per language)
"""

from __future__ import annotations

import multiprocessing
import resource
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path

from walkthrough.checker import check
from walkthrough.checker.check import check_paths
from walkthrough.checker.inprocess_driver import InProcessDriver

from . import docset

SIZES = (100, 300, 1000)
STEADY_PASSES = 2


def _peak_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def _measure(root: Path, pages: list[docset.Page], out: Connection) -> None:
    """In the child: one first pass, then the steady passes; figures sent to ``out``."""
    folder = [str(root / "docs")]
    before = _peak_kib()
    check.clear_caches()
    driver = InProcessDriver()
    wall, cpu = time.perf_counter(), time.process_time()
    report = check_paths(folder, driver=driver)
    first = time.perf_counter() - wall, time.process_time() - cpu
    peak = _peak_kib() - before
    steady = []
    for _ in range(STEADY_PASSES):
        wall, cpu = time.perf_counter(), time.process_time()
        check_paths(folder, driver=driver)
        steady.append((time.perf_counter() - wall, time.process_time() - cpu))
    out.send(
        {
            "files": float(len(report.files)),
            "steps": float(report.summary["steps"]),
            "first_pass_s": first[0],
            "first_pass_cpu_s": first[1],
            "steady_s": min(s[0] for s in steady),
            "steady_cpu_s": min(s[1] for s in steady),
            "peak_mib": peak / 1024,
            "unexpected": float(len(docset.unexpected(pages, root, report))),
        }
    )
    out.close()


def size(pages: int) -> dict[str, float]:
    """The figures of a docs set of ``pages`` pages per language."""
    context = multiprocessing.get_context("fork")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        written = docset.generate(root, pages)
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=_measure, args=(root, written, send))
        child.start()
        figures: dict[str, float] = receive.recv()
        child.join()
    return figures


def run(sizes: tuple[int, ...] = SIZES) -> dict[str, float]:
    check_paths([str(docset.ROOT / "docs")], driver=InProcessDriver())  # imports: not timed
    by_size = {n: size(n) for n in sizes}
    out: dict[str, float] = {}
    for n, figures in by_size.items():
        out |= {f"docset_{n}_{key}": value for key, value in figures.items()}
    small, large = by_size[min(sizes)], by_size[max(sizes)]
    growth = large["steps"] / small["steps"]
    out |= {
        "docset_first_pass_steps_per_cpu_s": large["steps"] / large["first_pass_cpu_s"],
        "docset_steady_steps_per_cpu_s": large["steps"] / large["steady_cpu_s"],
        "docset_first_pass_linearity": large["first_pass_cpu_s"]
        / small["first_pass_cpu_s"]
        / growth,
        "docset_steady_linearity": large["steady_cpu_s"] / small["steady_cpu_s"] / growth,
        "docset_peak_memory_linearity": large["peak_mib"] / max(small["peak_mib"], 1e-9) / growth,
        "docset_unexpected_pages": sum(f["unexpected"] for f in by_size.values()),
    }
    return out


if __name__ == "__main__":
    chosen = tuple(int(a) for a in sys.argv[1:]) or SIZES
    for key, value in run(chosen).items():
        print(f"  {key:40} {value:14.2f}")
