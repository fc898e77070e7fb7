// Mounts every simulator of the page ([data-simulator]) on one Python that lives for the
// whole visit: Material's instant navigation swaps the page's content without reloading
// this module, so the worker (and its booted Pyodide) survives from page to page.
//
// The page holds each simulator's first screen, rendered at build time; until Python is
// ready it is shown but inert, with a progress line above it. DOM events are turned into
// the event protocol of simulator/events.py and answered with fresh HTML.

const ssp = (window.__ssp ??= {
  worker: null,
  seq: 0,
  pending: new Map(),
  listeners: new Set(),
  stats: { boots: 0, bootMs: null, lastMountMs: null, mounts: 0, events: 0, lastRoundTripMs: null, lastShowMs: null },
});

function worker() {
  if (ssp.worker) return ssp.worker;
  const url = new URL("simulator-worker.js", import.meta.url);
  const boot = new URLSearchParams(location.search).get("ssp-boot"); // "plain": no snapshot
  if (boot) url.searchParams.set("boot", boot);
  ssp.worker = new Worker(url, { type: "module" });
  ssp.stats.boots += 1;
  ssp.worker.onmessage = ({ data }) => {
    if (data.op === "progress") {
      for (const listener of ssp.listeners) listener(data);
      return;
    }
    if (data.op === "booted") {
      ssp.stats.bootMs = data.ms;
      ssp.stats.bootPath = data.path;
      return;
    }
    const pending = ssp.pending.get(data.id);
    if (!pending) return;
    ssp.pending.delete(data.id);
    if (data.ok) pending.resolve(JSON.parse(data.result));
    else pending.reject(new Error(data.error));
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

function call(message) {
  const id = ++ssp.seq;
  return new Promise((resolve, reject) => {
    ssp.pending.set(id, { resolve, reject });
    worker().postMessage({ ...message, id });
  });
}

// --- the cloud the reader chose (the page's cloud selector stores it) ------------------

function currentCloud(element) {
  const fromPage = document.documentElement.dataset.cloud;
  return fromPage || element.dataset.cloud || "o365-worldwide";
}

// --- saved state: per page, simulator, scenario and cloud ----------------------------------

function storageKey(element, settings) {
  return ["ssp.sim", location.pathname, element.id, settings.scenario, settings.cloud].join("|");
}

function load(key) {
  try {
    return localStorage.getItem(key) || "";
  } catch {
    return ""; // storage disabled: the simulator still works, it just forgets
  }
}

function save(key, state) {
  try {
    if (state) localStorage.setItem(key, state);
    else localStorage.removeItem(key);
  } catch {
    /* quota or privacy mode: keep going without saving */
  }
}

// --- events: the protocol of simulator/events.py -----------------------------------------

function dataOf(element, skip) {
  const data = {};
  for (const [key, value] of Object.entries(element.dataset)) {
    if (!skip.includes(key)) data[key.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase())] = value;
  }
  return data;
}

function fieldsOf(root) {
  const fields = {};
  for (const control of root.querySelectorAll("[data-field]")) {
    const name = control.dataset.field;
    if (control.type === "radio") {
      if (control.checked) fields[name] = control.value;
    } else if (control.type === "checkbox") {
      const many = root.querySelectorAll(`[data-field="${CSS.escape(name)}"]`).length > 1;
      if (many) {
        fields[name] ??= [];
        if (control.checked) fields[name].push(control.value);
      } else if (control.checked) {
        fields[name] = "on";
      }
    } else if ("value" in control) {
      fields[name] = control.value;
    }
  }
  return fields;
}

// --- rendering -----------------------------------------------------------------------------

function show(element, html) {
  const root = element.querySelector(".ssp-sim-root");
  const active = document.activeElement;
  const focusKey = active && root.contains(active) ? focusKeyOf(active) : null;
  root.innerHTML = html;
  const wanted = root.querySelector("[autofocus]") || (focusKey && findByFocusKey(root, focusKey));
  if (wanted) wanted.focus({ preventScroll: true });
}

function focusKeyOf(el) {
  if (el.id) return `#${CSS.escape(el.id)}`;
  const attrs = ["action", "field", "screen", "subscription", "tab"]
    .filter((k) => el.dataset[k] !== undefined)
    .map((k) => `[data-${k}="${CSS.escape(el.dataset[k])}"]`);
  return attrs.length ? el.tagName.toLowerCase() + attrs.join("") : null;
}

function findByFocusKey(root, key) {
  try {
    return root.querySelector(key);
  } catch {
    return null;
  }
}

function setStatus(element, text, percent) {
  const status = element.querySelector(".ssp-sim-status");
  status.hidden = false;
  status.querySelector(".ssp-sim-message").textContent = text;
  status.classList.remove("ssp-sim-notice");
  const bar = status.querySelector("progress");
  bar.hidden = false;
  if (percent !== undefined) bar.value = percent;
}

function showFailure(element, error) {
  const status = element.querySelector(".ssp-sim-status");
  status.hidden = false;
  status.setAttribute("role", "alert");
  status.classList.add("ssp-sim-failed");
  status.querySelector(".ssp-sim-message").textContent = `${element.dataset.msgFailed} ${error.message}`;
  let retry = status.querySelector(".ssp-sim-retry");
  if (!retry) {
    retry = document.createElement("button");
    retry.type = "button";
    retry.className = "ssp-sim-retry md-button";
    retry.textContent = element.dataset.msgRetry;
    retry.addEventListener("click", () => {
      status.classList.remove("ssp-sim-failed");
      status.setAttribute("role", "status");
      retry.remove();
      mount(element);
    });
    status.append(retry);
  }
}

// --- mounting --------------------------------------------------------------------------------

// The standalone page (data-standalone) takes its settings from the URL, so support staff
// can open exactly what a customer sees: ?scenario=&view=&role=&screen=
function settingsOf(element) {
  const settings = {
    lang: element.dataset.lang,
    cloud: currentCloud(element),
    scenario: element.dataset.scenario,
    screen: element.dataset.screen,
    procedure: element.dataset.procedure || null,
  };
  if ("standalone" in element.dataset) {
    const query = new URLSearchParams(location.search);
    settings.scenario = query.get("scenario") || settings.scenario;
    settings.cloud = query.get("view") || settings.cloud;
    settings.screen = query.get("screen") || settings.screen;
    settings.role = query.get("role") || "";
  }
  return settings;
}

function notify(element, text) {
  const status = element.querySelector(".ssp-sim-status");
  status.hidden = false;
  status.classList.add("ssp-sim-notice");
  status.querySelector(".ssp-sim-message").textContent = text;
  status.querySelector("progress").hidden = true;
}

async function mount(element) {
  const started = performance.now();
  // The standalone page built its first screen from defaults; a URL asking for another
  // state must not show that one as if it were the customer's.
  if ("standalone" in element.dataset && location.search) element.classList.add("ssp-sim-pending");
  element.removeAttribute("data-ready");
  const settings = settingsOf(element);
  const key = storageKey(element, settings);
  element.dataset.cloudActive = settings.cloud;
  const onProgress = ({ phase, percent }) => {
    const text = {
      runtime: element.dataset.msgRuntime,
      starting: element.dataset.msgStarting,
      packages: element.dataset.msgPackages,
    }[phase];
    setStatus(element, text || element.dataset.msgLoading, percent);
  };
  ssp.listeners.add(onProgress);
  try {
    const result = await call({ op: "mount", key: element.id, settings, state: load(key) });
    if (result.error) throw new Error(result.error);
    show(element, result.html);
    save(key, result.state);
    element.querySelector(".ssp-sim-root").inert = false;
    for (const variant of element.querySelectorAll(".ssp-sim-variant")) variant.remove();
    element.classList.remove("ssp-sim-pending");
    element.querySelector(".ssp-sim-status").hidden = true;
    element.querySelector("[data-sim-reset]").disabled = false;
    if (result.restored === false) notify(element, element.dataset.msgRestored);
    element.dataset.ready = "";
    ssp.stats.lastMountMs = performance.now() - started;
    ssp.stats.mounts += 1;
  } catch (error) {
    showFailure(element, error);
  } finally {
    ssp.listeners.delete(onProgress);
  }
}

async function send(element, event) {
  try {
    const sent = performance.now();
    const result = await call({ op: "dispatch", key: element.id, event });
    const answered = performance.now();
    show(element, result.html);
    ssp.stats.lastRoundTripMs = answered - sent;
    ssp.stats.lastShowMs = performance.now() - answered;
    ssp.stats.events += 1;
    save(storageKey(element, settingsOf(element)), result.state);
  } catch (error) {
    showFailure(element, error);
  }
}

async function reset(element) {
  try {
    const result = await call({ op: "reset", key: element.id });
    show(element, result.html);
    save(storageKey(element, settingsOf(element)), result.state);
    element.querySelector(".ssp-sim-status").hidden = true;
  } catch (error) {
    showFailure(element, error);
  }
}

function wire(element) {
  const root = element.querySelector(".ssp-sim-root");
  element.querySelector("[data-sim-reset]").addEventListener("click", () => {
    if ("ready" in element.dataset) reset(element);
  });
  root.addEventListener("click", (dom) => {
    const target = dom.target.closest("[data-action]");
    if (!target || !root.contains(target) || !("ready" in element.dataset)) return;
    // The portal's links are not the site's: keep Material's instant navigation out of it.
    dom.preventDefault();
    dom.stopPropagation();
    const data = dataOf(target, ["action"]);
    send(element, { type: "click", action: target.dataset.action, data, fields: fieldsOf(root) });
  });
  root.addEventListener("input", (dom) => {
    const target = dom.target.closest("[data-input-action]");
    if (!target || !("ready" in element.dataset)) return;
    const data = dataOf(target, ["inputAction", "field"]);
    send(element, { type: "input", action: target.dataset.inputAction, data, fields: fieldsOf(root) });
  });
  root.addEventListener("change", (dom) => {
    const target = dom.target.closest("[data-change-action]");
    if (!target || !("ready" in element.dataset)) return;
    const data = dataOf(target, ["changeAction", "field"]);
    send(element, { type: "change", action: target.dataset.changeAction, data, fields: fieldsOf(root) });
  });
}

// Material's document$ emits after every navigation, hash changes included: mount only the
// simulators this emission brought (instant navigation replaces the content's elements).
function mountAll() {
  for (const element of document.querySelectorAll("[data-simulator]")) {
    if (element.dataset.wired !== undefined) continue;
    element.dataset.wired = "";
    wire(element);
    mount(element);
  }
}

// The page's cloud selector announces a change: every simulator re-mounts in that cloud.
if (!ssp.cloudListener) {
  ssp.cloudListener = () => {
    for (const element of document.querySelectorAll("[data-simulator]")) {
      if (element.dataset.cloudActive !== currentCloud(element)) mount(element);
    }
  };
  document.addEventListener("ssp:cloud", ssp.cloudListener);
}

ssp.mountAll = mountAll;
ssp.remount = (element) => mount(element);

if (window.document$ && typeof window.document$.subscribe === "function") {
  // Material: emits on the first load and after every instant navigation.
  window.document$.subscribe(() => mountAll());
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", mountAll);
} else {
  mountAll();
}
