// The simulator's Python, booted once per browsing session in a Web Worker so that the
// page never freezes while Pyodide starts (boot on the main thread blocked it for
// seconds: see bench/). The page talks to it with messages:
//   page -> worker  {id, op: "mount", key, settings, state, built, resume, link}   {id, op: "dispatch", key, event}
//                   {id, op: "reset", key}    {id, op: "state", key}    {id, op: "support", request}
//   worker -> page  {op: "progress", phase, percent}    {id, ok: true, result, ms} | {id, ok: false, error}
//                   {op: "booted", ms, path, why, marks}    {op: "prefetched", bytes, ms}
// `result` is the JSON text returned by simulator.worker (plain data, no proxies).

const BASE = new URL("../pyodide/", import.meta.url);
// "plain" skips the snapshot, "snapshot" tries it whatever is cached; "auto" chooses
// (chooseBoot). The page passes ?ssp-boot=... on to the worker's URL.
const MODE = new URL(import.meta.url).searchParams.get("boot") || "auto";
const SNAPSHOT = "snapshot.bin.gz";
const stats = { path: null, why: null };
let python = null; // a promise of the simulator.worker module
// When each phase of the boot ended, in ms since the epoch (the page makes them relative
// to its own navigation): bench/boot.py prints them.
const marks = { worker: performance.timeOrigin };

function mark(name) {
  marks[name] = performance.timeOrigin + performance.now();
}

function progress(phase, percent) {
  postMessage({ op: "progress", phase, percent });
}

// Check the runtime answers before handing over to Pyodide: given a failed fetch of its
// wasm, Pyodide logs "wasm instantiation failed" and its promise never settles. HEAD
// requests cost no download (a prefetch would fetch the 9.6 MB twice: measured); the same
// requests give the sizes of the other large downloads, for the progress bar. A response
// sent with Content-Encoding says its encoded size, while fetch hands over the decoded
// bytes: the build lists what each precompressed file decodes to (DECODED_SIZES,
// walkthrough/bundle/compress.py), fetched alongside.
const DECODED_SIZES = "decoded-sizes.json";

async function decodedSizes() {
  try {
    const response = await fetchUncounted(new URL(DECODED_SIZES, BASE));
    return response.ok ? await response.json() : {};
  } catch {
    return {}; // the bar then counts against the sizes as sent
  }
}

async function checkRuntime(files) {
  const decoded = decodedSizes();
  const heads = files.map(async (name) => {
    const url = new URL(name, BASE);
    const response = await fetch(url, { method: "HEAD", cache: "no-store" });
    if (response.ok) {
      const sent = Number(response.headers.get("Content-Length"));
      const encoded = response.headers.get("Content-Encoding");
      downloads.expect(url.pathname, encoded ? ((await decoded)[name] ?? sent) : sent);
    } else if (name === "pyodide.asm.wasm") {
      throw new Error(`${url.pathname}: HTTP ${response.status} ${response.statusText}`);
    }
  });
  await Promise.all(heads);
  downloads.known = true;
  downloads.update();
}

// The boot's large downloads as they arrive, 5 to 65 % of the bar (a cold boot on a
// 10 Mbit/s link downloads for 15 s). Pyodide fetches its runtime itself, so the worker's
// fetch counts the bytes of every response whose path checkRuntime was given a size for;
// each file counts up to that size (its decoded size: see checkRuntime). Then "starting":
// Python starts.
const downloads = {
  watched: new Set(), // the paths whose bytes count (set before their fetch starts)
  sizes: new Map(), // path -> bytes expected
  known: false, // whether every size is (checkRuntime: the bar waits for all)
  received: new Map(), // path -> bytes so far
  reported: 0, // when progress was last posted
  done: false,
  first: null, // when the first chunk arrived
  early: 0, // bytes of the chunks of the RATE_WINDOW ms after it
  earlyEnd: null, // when the last of those arrived
  // Rejected when a watched download answers with an error (reset makes a new one):
  // given a failed fetch of its wasm, Pyodide's promise never settles.
  failed: null,
  fail: null,
  reset(paths) {
    this.failed = new Promise((_, reject) => (this.fail = reject));
    this.failed.catch(() => {}); // raced by boot
    this.watched = new Set(paths);
    this.sizes.clear();
    this.received.clear();
    this.known = false;
    this.done = false;
  },
  // Bytes per second over the first chunks (null before RATE_WINDOW ms of them): what
  // the link gives this page, which navigator.connection does not say (Chromium caps it).
  rate() {
    if (this.first === null) return null;
    const span = this.earlyEnd - this.first;
    if (performance.now() - this.first < RATE_WINDOW && span < RATE_WINDOW) return null;
    return (1000 * this.early) / Math.max(span, 1);
  },
  expect(path, size) {
    if (size > 0) this.sizes.set(path, size);
  },
  count(path, bytes) {
    const arrived = performance.now();
    this.first ??= arrived;
    if (arrived - this.first < RATE_WINDOW) {
      this.early += bytes;
      this.earlyEnd = arrived;
    }
    this.received.set(path, (this.received.get(path) ?? 0) + bytes);
    this.update();
  },
  // Each file counts up to its size; a download may start before its size is known.
  update() {
    if (this.done || !this.known || this.sizes.size === 0) return;
    let total = 0;
    let got = 0;
    for (const [path, size] of this.sizes) {
      total += size;
      got += Math.min(size, this.received.get(path) ?? 0);
    }
    const now = performance.now();
    if (got === total) {
      this.done = true;
      progress("starting", 65);
    } else if (now - this.reported >= 100) {
      this.reported = now;
      progress("runtime", 5 + Math.floor((60 * got) / total));
    }
  },
};

const RATE_WINDOW = 500; // ms

const fetchUncounted = globalThis.fetch;
globalThis.fetch = async (input, options) => {
  const response = await fetchUncounted(input, options);
  const path = new URL(input instanceof Request ? input.url : input, location.href).pathname;
  if (!downloads.watched.has(path)) return response;
  // (a missing snapshot is not a failure: the plain boot is the fallback)
  if (!response.ok && !path.endsWith(`/${SNAPSHOT}`)) {
    downloads.fail(new Error(`${path}: HTTP ${response.status} ${response.statusText}`));
  }
  if (!response.body) return response; // a HEAD has no body
  const counter = new TransformStream({
    transform(chunk, controller) {
      downloads.count(path, chunk.byteLength);
      controller.enqueue(chunk);
    },
  });
  const { status, statusText, headers } = response;
  return new Response(response.body.pipeThrough(counter), { status, statusText, headers });
};

// The plain boot: Pyodide alone (boot() unpacks the wheels).
function bootPlain(loadPyodide) {
  return loadPyodide({ indexURL: BASE.href, fullStdLib: false });
}

async function fetchOk(url, options = {}) {
  const response = await fetch(url, options);
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  return response;
}

// The wheels pyodide-lock.json lists, each checked against the lock's sha256 (fetch's
// subresource integrity: a mismatch is a network error, as with loadPackage).
async function fetchWheels() {
  const lock = await (await fetchOk(new URL("pyodide-lock.json", BASE))).json();
  return Promise.all(
    Object.values(lock.packages).map(async (entry) => {
      const response = await fetchOk(new URL(entry.file_name, BASE), { integrity: integrityOf(entry.sha256) });
      return response.arrayBuffer();
    }),
  );
}

// "sha256-<base64>" of a hex digest.
function integrityOf(hex) {
  const bytes = hex.match(/../g).map((pair) => parseInt(pair, 16));
  return "sha256-" + btoa(String.fromCharCode(...bytes));
}

// The snapshot's size as the host sends it (a HEAD request: no download), 0 if none.
async function snapshotSize() {
  try {
    const response = await fetchUncounted(new URL(SNAPSHOT, BASE), { method: "HEAD", cache: "no-store" });
    return response.ok ? Number(response.headers.get("Content-Length")) || 0 : 0;
  } catch {
    return 0;
  }
}

// The fast boot: a memory snapshot of Python with the simulator imported and its templates
// loaded (made at build time by walkthrough/bundle/snapshot.mjs). Files are not in a
// memory image, so boot() unpacks the wheels as after a plain boot.
// loadPyodide gets the snapshot while it is still on its way: it starts fetching the
// runtime at once and waits for the snapshot only to size the memory. Awaiting the
// snapshot first put the two downloads one after the other (at 100 Mbit/s in Chromium's
// network emulation, as bench/boot.py does it: ready 4.4 s against 3.8). The headers are
// awaited, so that a missing snapshot falls back before the runtime's download starts.
async function bootFromSnapshot(loadPyodide, started) {
  const response = await started;
  const snapshot = new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
  snapshot.catch(() => {}); // loadPyodide awaits it, after loading its own script
  return loadPyodide({ indexURL: BASE.href, _loadSnapshot: snapshot });
}

// Whether the snapshot's bytes are already in the HTTP cache (a later visit, or the
// prefetch after an earlier one): a cache lookup only, no request goes out.
async function snapshotCached() {
  try {
    const response = await fetchUncounted(new URL(SNAPSHOT, BASE), { cache: "only-if-cached", mode: "same-origin" });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false; // not cached (a network error is how only-if-cached says so)
  }
}

// The plain boot or the snapshot's, from what the boot can observe. The snapshot boot
// starts Python sooner (1.0 s against 1.7 s from localhost) but downloads 5.9 MB more,
// 4.7 s at 10 Mbit/s: a cold load takes the plain boot, and the snapshot when its bytes
// are already in the HTTP cache. After a plain boot the worker prefetches the snapshot
// (prefetchSnapshot), so the next visit finds it there.
async function chooseBoot() {
  if (MODE === "plain" || MODE === "snapshot") return { path: MODE, why: "asked" };
  return (await snapshotCached()) ? { path: "snapshot", why: "cached" } : { path: "plain", why: "cold" };
}

// After a plain boot and the first answer (the simulator is ready), fetch the snapshot
// into the HTTP cache for the next visit, at low priority, and only where the first
// chunks of this boot came fast enough to fetch it within PREFETCH_WITHIN seconds: it
// never holds up a click (the worker answers meanwhile) and spares a slow link.
const PREFETCH_WITHIN = 10; // seconds
let prefetch = null;
let snapshotBytes = Promise.resolve(0); // its size as sent (snapshotSize), asked at boot

async function prefetchSnapshot() {
  if (prefetch || stats.why !== "cold") return;
  prefetch = "deciding";
  const rate = downloads.rate();
  const size = await snapshotBytes;
  if (!rate || !size || size / rate > PREFETCH_WITHIN) return;
  const started = performance.now();
  prefetch = fetchUncounted(new URL(SNAPSHOT, BASE), { priority: "low" })
    .then((response) => response.arrayBuffer())
    .then((body) => postMessage({ op: "prefetched", bytes: body.byteLength, ms: performance.now() - started }))
    .catch(() => {}); // the next visit boots the plain way again
}

// ``booting``, unless ``check`` fails first (Pyodide's own promise then never settles).
function unlessFailed(check, booting) {
  return Promise.race([booting, check.then(() => booting)]);
}

async function boot() {
  const started = performance.now();
  progress("runtime", 5);
  const large = ["pyodide.asm.wasm", "python_stdlib.zip"];
  const choice = await chooseBoot();
  const files = choice.path === "plain" ? large : [...large, SNAPSHOT];
  downloads.reset(files.map((name) => new URL(name, BASE).pathname)); // a retry counts afresh
  // Pyodide's module and the snapshot are asked for while the runtime is checked (each
  // was a round trip after it; a second visit revalidates every file).
  const runtime = import(new URL("pyodide.mjs", BASE).href);
  runtime.catch(() => {}); // awaited below
  const snapshotResponse = choice.path === "snapshot" ? fetchOk(new URL(SNAPSHOT, BASE)) : null;
  snapshotResponse?.catch(() => {}); // awaited by bootFromSnapshot
  // The wheels pyodide-lock.json lists, fetched while Pyodide loads (after it, loadPackage
  // fetched them one after the other: 0.3 s on a cold load); a fallback to the plain boot
  // reuses them.
  const wheels = fetchWheels();
  wheels.catch(() => {}); // awaited below; a failure must not go unhandled meanwhile
  // The check runs alongside the boot (awaited first, it was a round trip before the
  // runtime's download started): a failure ends the boot. With the snapshot in the HTTP
  // cache there is nothing to size for the bar, and the runtime's own fetches say
  // whether it answers (downloads.failed): no HEAD requests queue beside them.
  const checked = choice.why === "cached" ? downloads.failed : Promise.race([checkRuntime(files), downloads.failed]);
  checked.catch(() => {}); // raced below
  if (choice.why === "cold") snapshotBytes = snapshotSize(); // not awaited: a round trip
  const { loadPyodide } = await Promise.race([runtime, checked.then(() => runtime)]);
  let pyodide = null;
  stats.why = choice.why;
  if (choice.path === "snapshot") {
    try {
      pyodide = await unlessFailed(checked, bootFromSnapshot(loadPyodide, snapshotResponse));
      stats.path = "snapshot";
    } catch (error) {
      console.info("simulator: no snapshot boot, booting the plain way:", String(error));
      stats.why = "failed";
    }
  }
  if (!pyodide) {
    pyodide = await unlessFailed(checked, bootPlain(loadPyodide));
    stats.path = "plain";
  }
  mark("runtime");
  progress("packages", 70);
  for (const wheel of await wheels) pyodide.unpackArchive(wheel, "wheel");
  mark("packages");
  progress("packages", 90);
  const api = pyodide.pyimport("simulator.worker");
  mark("imported");
  postMessage({ op: "booted", ms: performance.now() - started, path: stats.path, why: stats.why, marks });
  return api;
}

function ensureBooted() {
  if (!python) {
    python = boot();
    python.catch(() => {
      python = null; // a later request retries the whole boot
    });
  }
  return python;
}

onmessage = async ({ data }) => {
  const { id, op } = data;
  try {
    const api = await ensureBooted();
    const started = performance.now();
    let result;
    if (op === "mount") {
      result = api.mount(data.key, JSON.stringify(data.settings), data.state ?? "", Boolean(data.built), data.resume !== false, data.link ?? "");
    } else if (op === "dispatch") result = api.dispatch(data.key, JSON.stringify(data.event));
    else if (op === "reset") result = api.reset(data.key);
    else if (op === "state") result = api.saved_state(data.key);
    else if (op === "practise") result = api.practise(data.key, data.guide, data.step ?? 1, data.act ?? 0, data.fresh !== false);
    else if (op === "stop_practice") result = api.stop_practice(data.key);
    else if (op === "support") result = api.support(JSON.stringify(data.request));
    else throw new Error(`unknown operation ${op}`);
    postMessage({ id, ok: true, result, ms: performance.now() - started }); // ms: Python's time
    prefetchSnapshot();
  } catch (error) {
    postMessage({ id, ok: false, error: String(error && error.message ? error.message : error) });
  }
};
