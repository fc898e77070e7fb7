"""The model benchmark in Pyodide (Node, the site's own runtime and wheels) beside CPython.

Prints, per workload, commands per second in each and the ratio CPython / Pyodide.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from bench import bench_model

ROOT = Path(__file__).resolve().parents[1]


def run() -> dict[str, float]:
    node = shutil.which("node")
    site = ROOT / "site" / "assets" / "pyodide"
    if node is None or not (site / "pyodide-lock.json").is_file():
        raise SystemExit("needs node and a built site (make build)")
    result = subprocess.run(
        [node, str(ROOT / "bench" / "pyodide_model.mjs"), str(site), bench_model.__file__],
        capture_output=True, text=True, check=True, timeout=600,
    )  # fmt: skip
    in_pyodide: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    in_cpython = bench_model.run()
    figures: dict[str, float] = {}
    for name, rate in in_pyodide.items():
        work = name.removesuffix("_per_s")
        figures[f"{work}_pyodide_per_s"] = rate
        figures[f"{work}_cpython_over_pyodide"] = in_cpython[name] / rate
    return figures


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:44} {value:12.2f}")
