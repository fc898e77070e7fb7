"""From a click to the updated DOM, in Pyodide, in Chromium, on the built site.

The standalone simulator page is loaded and left idle for a second (a reader reads
before clicking; the boot's leftovers finish); then a script in the page clicks a cycle
of controls: the Licenses and Your products links, the filter icon (open, then close its
menu), a subscription and its Back button, the Bills & payments link and its three tabs;
ROUNDS times, CYCLE's 10 controls each, with a pause between clicks as a person leaves
one (the worker is idle when a click comes, as it is for a reader); the control gets the
focus first, as it does when the mouse button goes down. A capture listener notes the
time of each click event and a MutationObserver on the simulator the time its DOM has
changed: the figure is the difference (the event built from the DOM, the worker's round
trip, Python handling the event and rendering the regions it changed, and the DOM
brought up to date). Clicks run in the page so that nothing of the test harness runs in
between.

    click_ms            median over every click (budget: one frame, <= 16 ms)
    click_p95_ms        95th percentile (budget <= 50 ms)
    click_<name>_ms     median per kind of control
    round_trip_ms       median worker round trip (postMessage -> answer)
    python_ms           median time in Python within it (simulator.worker.dispatch)
    plain_boot_*        the same, Python booted without the memory snapshot (?ssp-boot=plain)
    dom_update_ms       median time writing the answer into the DOM (focus included)

    python -m bench.bench_click [site]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from walkthrough.chromium import launch
from walkthrough.site_server import serve_directory

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 5  # cycles of CYCLE: 50 clicks
PAUSE_MS = 100  # between a DOM update and the next click

# (kind, CSS selector within the simulator): clicked in this order, ROUNDS times.
CYCLE = (
    ("nav_link", 'a[data-screen="licenses"]'),
    ("nav_link", 'a[data-screen="products"]'),
    ("filter", '[data-action="filter-toggle"]'),
    ("filter", '[data-action="filter-toggle"]'),
    ("subscription", '[data-action="open-subscription"][data-subscription="powerbi-pro"]'),
    ("back", '[data-action="close-subscription"]'),
    ("nav_link", 'a[data-screen="bills"]'),
    ("tab", '[data-tab="payment_methods"]'),
    ("tab", '[data-tab="billing_profiles"]'),
    ("tab", '[data-tab="invoices"]'),
)

CLICKS = """async ({ cycle, rounds, pause }) => {
  const root = document.querySelector('[data-simulator] .ssp-sim-root');
  const stats = window.__ssp.stats;
  let clicked = 0;
  root.addEventListener('click', () => { clicked = performance.now(); }, true);
  const out = [];
  for (let round = 0; round < rounds; round++) {
    for (const [kind, selector] of cycle) {
      const target = root.querySelector(selector);
      if (!target) throw new Error(`nothing to click: ${selector}`);
      target.focus(); // as the mouse button going down does, before the click
      await new Promise((resolve) => setTimeout(resolve, pause));
      const changed = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          observer.disconnect();
          resolve(performance.now());
        });
        const all = { subtree: true, childList: true, attributes: true, characterData: true };
        observer.observe(root, all);
      });
      target.click();
      const at = await changed;
      while (window.__ssp.pending.size) await new Promise((resolve) => setTimeout(resolve, 1));
      const { lastRoundTripMs: trip, lastShowMs: show, lastPythonMs: python } = stats;
      out.push([kind, at - clicked, trip ?? null, show ?? null, python ?? null]);
    }
  }
  return out;
}"""


def measure(page: Any) -> list[tuple[str, float, float | None, float | None, float | None]]:
    rows: list[tuple[str, float, float | None, float | None, float | None]] = page.evaluate(
        CLICKS, {"cycle": CYCLE, "rounds": ROUNDS, "pause": PAUSE_MS}
    )
    return rows


def _clicks(p: Any, base: str, path: str) -> list[Any]:
    """``measure`` on ``path`` in a browser of its own."""
    browser = launch(p)
    try:
        page = browser.new_context(base_url=base).new_page()
        page.goto(path)
        page.wait_for_selector("[data-simulator][data-ready]", timeout=120_000)
        page.wait_for_timeout(1_000)  # a reader reads before clicking
        return measure(page)
    finally:
        browser.close()


def run(site: Path = ROOT / "site") -> dict[str, float]:
    with serve_directory(site) as (base, _), sync_playwright() as p:
        rows = _clicks(p, base, "/simulator/")
        # The same clicks in a Python booted without the memory snapshot: see the README
        # on what the snapshot costs each click.
        plain = _clicks(p, base, "/simulator/?ssp-boot=plain")
    every = [ms for _, ms, *_ in rows]
    figures = {
        "clicks": float(len(every)),
        "click_ms": statistics.median(every),
        "click_p95_ms": statistics.quantiles(every, n=20)[-1],
    }
    for kind, _ in CYCLE:
        figures[f"click_{kind}_ms"] = statistics.median(ms for k, ms, *_ in rows if k == kind)
    trips = [trip for _, _, trip, _, _ in rows if trip is not None]
    shows = [show for _, _, _, show, _ in rows if show is not None]
    pythons = [python for *_, python in rows if python is not None]
    if trips:  # a page script that keeps these (the one since the DOM is morphed)
        figures["round_trip_ms"] = statistics.median(trips)
        figures["dom_update_ms"] = statistics.median(shows)
    if pythons:
        figures["python_ms"] = statistics.median(pythons)
    figures["plain_boot_click_ms"] = statistics.median(ms for _, ms, *_ in plain)
    figures["plain_boot_python_ms"] = statistics.median(r[-1] for r in plain if r[-1] is not None)
    return figures


if __name__ == "__main__":
    started = time.time()
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    for key, value in run(site).items():
        print(f"{key:40} {value:12.2f}")
    print(f"({time.time() - started:.0f} s)")
