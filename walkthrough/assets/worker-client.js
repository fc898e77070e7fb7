// The page's side of the simulator's worker (simulator-worker.js), one per visit: it
// survives Material's instant navigation, which does not reload this module. simulator.js
// talks to it through call(); boot-early.js starts it from the page's head, so that
// Python boots while the page is still being read (the scripts Material writes at the end
// of the body run once all of it has been).

export const ssp = (window.__ssp ??= {
  worker: null,
  seq: 0,
  pending: new Map(),
  listeners: new Set(),
  stats: { boots: 0, bootMs: null, lastMountMs: null, mounts: 0, events: 0, lastRoundTripMs: null, lastShowMs: null, lastPythonMs: null },
});

export function worker() {
  if (ssp.worker) return ssp.worker;
  const url = new URL("simulator-worker.js", import.meta.url);
  const boot = new URLSearchParams(location.search).get("ssp-boot"); // "plain" or "snapshot"
  if (boot) url.searchParams.set("boot", boot);
  ssp.worker = new Worker(url, { type: "module" });
  ssp.stats.boots += 1;
  ssp.worker.onmessage = ({ data }) => {
    if (data.op === "progress") {
      ssp.progress = data; // the last, for a simulator mounted after it (simulator.js)
      for (const listener of ssp.listeners) listener(data);
      return;
    }
    if (data.op === "prefetched") {
      ssp.stats.prefetchBytes = data.bytes; // the snapshot, for the next visit (after ready)
      return;
    }
    if (data.op === "booted") {
      ssp.stats.bootMs = data.ms;
      ssp.stats.bootPath = data.path;
      ssp.stats.bootWhy = data.why; // "cold", "cached", "asked" or "failed" (simulator-worker.js)
      ssp.stats.bootMarks = Object.fromEntries(
        Object.entries(data.marks).map(([name, at]) => [name, at - performance.timeOrigin]),
      );
      return;
    }
    const pending = ssp.pending.get(data.id);
    if (!pending) return;
    ssp.pending.delete(data.id);
    ssp.stats.lastPythonMs = data.ms;
    if (!data.ok) pending.reject(new Error(data.error));
    else if (typeof data.result !== "string") pending.reject(new Error("the simulator gave no answer"));
    else pending.resolve(JSON.parse(data.result));
  };
  ssp.worker.onerror = (event) => {
    // The worker script itself failed (e.g. pyodide.mjs missing): fail every request, and
    // start a new worker on the next one.
    const error = new Error(event.message || "the simulator's worker failed to start");
    for (const pending of ssp.pending.values()) pending.reject(error);
    ssp.pending.clear();
    ssp.worker = null;
  };
  return ssp.worker;
}

export function call(message) {
  const id = ++ssp.seq;
  return new Promise((resolve, reject) => {
    ssp.pending.set(id, { resolve, reject });
    worker().postMessage({ ...message, id });
  });
}
