"""Guided practice: starting it, judging a click, and what its data adds to a page.

Starting: on the built English article in Chromium (every simulator ready, the page left
idle for a second), a script in the page clicks each procedure's Practise button in turn
and notes the time from the click to the callout shown with the control to act on marked
(``data-guide="current"``): the worker's round trip, the replay of no step, the portal
rendered, the pointer placed. Judging: the same cycle of clicks (the Licenses and Your
products links, a subscription and its Back button) on one simulator, first without
practice, then while practising a procedure they are all wrong for (the heaviest path:
each is judged and given a hint); the figure is the difference of the medians of Python's
time per click (``simulator.worker.dispatch``). Data: each article page's HTML gzipped,
with and without what the guide adds (the JSON data templates, the Practise buttons, the
callout's texts).

    start_ms              median, click on Practise -> callout and pointer (budget <= 50 ms)
    start_max_ms          the slowest of them
    judge_added_ms        Python's time per click while practising, minus without (< 1 ms)
    judge_cpython_us      simulator.guide.judge and pointer per event, in CPython
    guide_gzip_bytes_<l>  the guide's share of article page <l>, gzipped (< 5 KB)

    python -m bench.bench_guide [site]
"""

from __future__ import annotations

import gzip
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from simulator import guide
from simulator.app import App
from simulator.protocol import Event
from simulator.ui import Settings
from walkthrough.chromium import site_browser
from walkthrough.site_server import ALL_SIMULATORS_READY

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "manage-self-service-purchases-users/index.html"
PAGES = {"en": ARTICLE, "da": f"da/{ARTICLE}"}
ROUNDS = 5
PAUSE_MS = 100
#: What the guide adds to a page's HTML.
GUIDE_PARTS = re.compile(
    r'<template class="ssp-guide-data"[^>]*>.*?</template>'
    r'|<button[^>]*\bdata-practise="[^"]*"[^>]*>.*?</button>'
    r'|\s+data-msg-(?:guide|step|back|show|stop|again|next|done|step-done|mark-done)="[^"]*"',
    re.S,
)

STARTS = """async ({ pause }) => {
  const out = [];
  for (const sim of document.querySelectorAll('[data-simulator][data-procedure]')) {
    const button = sim.querySelector('[data-practise]');
    if (!button || button.hidden) continue;
    await new Promise((resolve) => setTimeout(resolve, pause));
    const clicked = performance.now();
    const shown = new Promise((resolve) => {
      const check = () => sim.querySelector('.ssp-guide-callout')
        && sim.querySelector('.ssp-sim-root [data-guide="current"]');
      const observer = new MutationObserver(() => {
        if (check()) { observer.disconnect(); resolve(performance.now()); }
      });
      observer.observe(sim, { subtree: true, childList: true, attributes: true });
    });
    button.click();
    out.push((await shown) - clicked);
    sim.querySelector('[data-guide-stop]').click();
    while (window.__ssp.pending.size) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return out;
}"""

# Clicks that are wrong for practising view-invoices (each gets a hint), then without it.
CLICKS = """async ({ rounds, pause, practise }) => {
  const sim = document.querySelector('[data-simulator][data-procedure="view-invoices"]');
  const root = sim.querySelector('.ssp-sim-root');
  if (practise) {
    sim.querySelector('[data-practise]').click();
    while (!sim.querySelector('.ssp-guide-callout')) await new Promise((r) => setTimeout(r, 5));
  }
  const cycle = ['a[data-screen="licenses"]', 'a[data-screen="products"]',
    '[data-action="open-subscription"][data-subscription="powerbi-pro"]',
    '[data-action="close-subscription"]'];
  const out = [];
  for (let round = 0; round < rounds; round++) {
    for (const selector of cycle) {
      await new Promise((resolve) => setTimeout(resolve, pause));
      root.querySelector(selector).click();
      await new Promise((resolve) => setTimeout(resolve, 0));
      while (window.__ssp.pending.size) await new Promise((resolve) => setTimeout(resolve, 1));
      out.push(window.__ssp.stats.lastPythonMs);
    }
  }
  if (practise) sim.querySelector('[data-guide-stop]').click();
  return out;
}"""


def gzip_bytes(site: Path) -> dict[str, float]:
    out: dict[str, float] = {}
    for lang, page in PAGES.items():
        html = (site / page).read_text("utf-8")
        without = GUIDE_PARTS.sub("", html)
        whole, bare = len(gzip.compress(html.encode())), len(gzip.compress(without.encode()))
        out[f"guide_gzip_bytes_{lang}"] = float(whole - bare)
    return out


def judge_cpython() -> float:
    """Microseconds per event for ``guide.judge`` and ``guide.pointer`` (wrong events)."""
    app = App(Settings())
    steps = (guide.Step(1, 0, "", (guide.Act("click", ("action.buy_licenses",)),)),)
    practice = guide.Practice("p", steps)
    event = Event("click", "go", {"screen": "licenses"})
    app.handle(event)
    count = 2_000
    started = time.perf_counter()
    for _ in range(count):
        guide.pointer(guide.judge(practice, event, app), app)
    return (time.perf_counter() - started) / count * 1e6


def browser(site: Path) -> dict[str, float]:
    with site_browser(site) as (_, launched, base):
        page: Any = launched.new_context(base_url=base).new_page()
        page.goto(f"/{ARTICLE.removesuffix('index.html')}?view=o365-worldwide")
        page.wait_for_function(ALL_SIMULATORS_READY, timeout=120_000)
        page.wait_for_timeout(1_000)  # a reader reads before clicking
        starts: list[float] = page.evaluate(STARTS, {"pause": PAUSE_MS})
        args = {"rounds": ROUNDS, "pause": PAUSE_MS}
        plain: list[float] = page.evaluate(CLICKS, {**args, "practise": False})
        judged: list[float] = page.evaluate(CLICKS, {**args, "practise": True})
    return {
        "starts": float(len(starts)),
        "start_ms": statistics.median(starts),
        "start_max_ms": max(starts),
        "judge_added_ms": statistics.median(judged) - statistics.median(plain),
    }


def run(site: Path = ROOT / "site") -> dict[str, float]:
    return {**browser(site), "judge_cpython_us": judge_cpython(), **gzip_bytes(site)}


if __name__ == "__main__":
    began = time.time()
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    for key, value in run(folder).items():
        print(f"{key:40} {value:12.2f}")
    print(f"({time.time() - began:.0f} s)")
