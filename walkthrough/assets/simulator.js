// Mounts every simulator of the page ([data-simulator]) on one Python that lives for the
// whole visit: Material's instant navigation swaps the page's content without reloading
// this module, so the worker (and its booted Pyodide) survives from page to page.
//
// The page holds each simulator's first screen, rendered at build time; until Python is
// ready it is shown but inert, with a progress line above it. DOM events are turned into
// the event protocol of simulator/protocol.py (protocol.js) and answered with fresh HTML
// (morph.js); each answer's state is saved (saved.js).

import * as guide from "./guide.js";
import { onKey } from "./keys.js";
import { show } from "./morph.js";
import { dataOf, fieldsOf } from "./protocol.js";
import * as saved from "./saved.js";

const ssp = (window.__ssp ??= {
  worker: null,
  seq: 0,
  pending: new Map(),
  listeners: new Set(),
  stats: { boots: 0, bootMs: null, lastMountMs: null, mounts: 0, events: 0, lastRoundTripMs: null, lastShowMs: null, lastPythonMs: null },
});

function worker() {
  if (ssp.worker) return ssp.worker;
  const url = new URL("simulator-worker.js", import.meta.url);
  const boot = new URLSearchParams(location.search).get("ssp-boot"); // "plain" or "snapshot"
  if (boot) url.searchParams.set("boot", boot);
  ssp.worker = new Worker(url, { type: "module" });
  ssp.stats.boots += 1;
  ssp.worker.onmessage = ({ data }) => {
    if (data.op === "progress") {
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

// --- what the simulator says above the portal ---------------------------------------------

function statusOf(element) {
  return element.querySelector(".ssp-sim-status");
}

function setStatus(element, text, percent) {
  const status = statusOf(element);
  status.hidden = false;
  status.querySelector(".ssp-sim-message").textContent = text;
  status.classList.remove("ssp-sim-notice");
  const bar = status.querySelector("progress");
  bar.hidden = false;
  if (percent !== undefined) bar.value = percent;
}

// The status line shows `text` in place of its progress bar, in the style `kind`
// ("ssp-sim-notice" or "ssp-sim-failed"); returns the line.
function say(element, text, kind) {
  const status = statusOf(element);
  status.hidden = false;
  status.classList.add(kind);
  status.querySelector(".ssp-sim-message").textContent = text;
  status.querySelector("progress").hidden = true;
  return status;
}

// The buttons or links after the status line's text (none: `actions` empty).
function setActions(status, actions) {
  for (const old of status.querySelectorAll(".ssp-sim-actions")) old.remove();
  if (!actions.length) return;
  const box = document.createElement("span");
  box.className = "ssp-sim-actions";
  box.append(...actions);
  status.append(box);
}

// A notice: it stays until the reader acts in the simulator, then goes.
function notify(element, text) {
  say(element, text, "ssp-sim-notice");
  element.dataset.notice = "";
}

// A question with its answers (buttons): it stays, whatever the reader does, until they
// answer it (`answered`).
function ask(element, text, buttons) {
  delete element.dataset.notice;
  setActions(say(element, text, "ssp-sim-notice"), buttons);
  element.dataset.asking = "";
}

function answered(element) {
  if (!("asking" in element.dataset)) return;
  delete element.dataset.asking;
  const status = statusOf(element);
  setActions(status, []);
  status.classList.remove("ssp-sim-notice");
  status.hidden = true;
}

function clearNotice(element) {
  if (!("notice" in element.dataset)) return;
  delete element.dataset.notice;
  statusOf(element).hidden = true;
}

function failed(element, text, actions) {
  statusOf(element).setAttribute("role", "alert"); // first: its text is then announced
  setActions(say(element, text, "ssp-sim-failed"), actions);
}

function recovered(element) {
  const status = statusOf(element);
  status.classList.remove("ssp-sim-failed");
  status.setAttribute("role", "status");
  setActions(status, []);
}

// Python or its worker failed: Try again (a new boot if the worker is gone).
function showFailure(element, error) {
  const retry = document.createElement("button");
  retry.type = "button";
  retry.className = "ssp-sim-retry md-button";
  retry.textContent = element.dataset.msgRetry;
  retry.addEventListener("click", () => {
    recovered(element);
    mount(element);
  });
  failed(element, `${element.dataset.msgFailed} ${error.message}`, [retry]);
  element.querySelector("[data-sim-reset]").disabled = false; // Reset always works
}

// The address names a setting the simulator lacks: links to the values that would work
// (trying again could only fail again).
function showSettingsError(element, result) {
  const links = result.choices.map((choice) => {
    const url = new URL(location.href);
    url.searchParams.set(result.param, choice);
    const link = document.createElement("a");
    link.href = url.href;
    link.textContent = choice;
    link.className = "ssp-sim-choice";
    return link;
  });
  failed(element, result.error, links);
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
  // The support page shows one state in two frames, one per role (support.js).
  const role = element.closest("[data-support-role]")?.dataset.supportRole;
  if (role) settings.role = role;
  return settings;
}

// Whether the address chose the screen to start on (then the saved screen does not).
function screenFromAddress(element) {
  return "standalone" in element.dataset && new URLSearchParams(location.search).has("screen");
}

// A share link (#state=…: simulator/state.py's to_link) on the standalone page: the state
// it carries. The fragment never reaches the server.
function linkOf(element) {
  if (!("standalone" in element.dataset)) return "";
  return new URLSearchParams(location.hash.slice(1)).get("state") || "";
}

// FNV-1a of a link: its work is kept under a key of its own, whatever the cloud or role.
function digest(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16);
}

// Where the simulator's work is saved: the reader's own (ssp.sim|…), or, opened from a
// share link, a key of the link's own (ssp.shared|…) that never overwrites the reader's.
function keyOf(element) {
  // A practice run (guide.js), while it runs or until the learner chooses to keep or leave
  // its state, saves under a kind of its own: never over the reader's work.
  if (guide.kind(element) === "practice") return saved.keyOf("practice", element, settingsOf(element));
  // A support page's simulator: one state whatever the scenario or cloud (support.js).
  if (element.closest("[data-support-role]")) return saved.keyOf("support", element, { scenario: "", cloud: "" });
  const link = linkOf(element);
  if (link) return ["ssp.shared", digest(link), element.id].join("|"); // any language's page
  return saved.keyOf("sim", element, settingsOf(element));
}

// Whether the element still shows the first screen the build rendered for `settings`: then
// Python need not render it again (simulator.worker.mount's `built`), and a page's
// simulators are ready after instant navigation without a render each.
function showsBuiltScreen(element, settings) {
  const built = element.dataset;
  return (
    settings.cloud === built.cloud &&
    settings.scenario === built.scenario &&
    settings.screen === built.screen &&
    !settings.role &&
    !linkOf(element)
  );
}

// Each simulator's newest mount. A reader may choose another cloud while a mount is on its
// way (while Python starts, every mount waits for it): the worker answers them in order,
// and only the newest answer is shown, so the page ends in the cloud chosen last. (Shown
// in turn, an older answer replaced the built screen that the newest one, sent before it
// arrived, had kept as it was.)
const newest = new WeakMap(); // element -> token of its newest mount

// `state`: the state to mount from (default: the saved one); `notice`: what to say then;
// `echo`: save the state mounted (not for one another tab has just saved: two tabs would
// then write each other's older states back, one after the other).
async function mount(element, { state, notice, echo = true } = {}) {
  const started = performance.now();
  const token = {};
  newest.set(element, token);
  // The standalone page built its first screen from defaults; a URL asking for another
  // state must not show that one as if it were the customer's.
  if ("standalone" in element.dataset && (location.search || linkOf(element))) {
    element.classList.add("ssp-sim-pending");
  }
  element.removeAttribute("data-ready");
  const settings = settingsOf(element);
  guide.prepare(element);
  const key = keyOf(element);
  const link = linkOf(element);
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
    const from = state ?? saved.load(key);
    const built = !from && !("shown" in element.dataset) && showsBuiltScreen(element, settings);
    const resume = !screenFromAddress(element);
    const result = await call({ op: "mount", key: element.id, settings, state: from, built, resume, link });
    if (newest.get(element) !== token) return; // a newer mount answers for this simulator
    if (result.error) {
      showSettingsError(element, result);
      return;
    }
    if (result.html !== null) show(element, result); // null: the built screen is it
    if (result.restored === false) saved.setAside(key, from); // kept for support
    if (echo || result.restored === false) saved.saveSoon(key, result.state);
    element.dataset.savedState = result.state;
    const root = element.querySelector(".ssp-sim-root");
    root.inert = false;
    for (const variant of element.querySelectorAll(".ssp-sim-variant")) variant.remove();
    element.classList.remove("ssp-sim-pending");
    if (!("asking" in element.dataset)) statusOf(element).hidden = true;
    element.querySelector("[data-sim-reset]").disabled = false;
    if (result.notice) notify(element, result.notice); // a share link that could not be used
    else if (result.restored === false) notify(element, element.dataset.msgRestored);
    else if (notice) notify(element, notice);
    focusOpenPane(root);
    element.dataset.ready = "";
    ssp.stats.lastMountMs = performance.now() - started;
    ssp.stats.mounts += 1;
    await guide.mounted(element, result);
  } catch (error) {
    if (newest.get(element) === token) showFailure(element, error);
  } finally {
    ssp.listeners.delete(onProgress);
    if (allSettled()) window.__sspSearch?.start("simulators"); // assets/ssp/search-later.js
  }
}

// A pane restored with the simulator (a reload while it was open) gets the focus, once the
// portal is no longer inert: focus tried earlier stays on the page's body.
function focusOpenPane(root) {
  const pane = root.querySelector(".ssp-pane");
  if (!pane || pane.contains(document.activeElement)) return;
  const first = pane.querySelector("[autofocus]") || pane.querySelector("input, select, textarea, button");
  first?.focus({ preventScroll: true });
}

// Every simulator of the page is ready or shows why it is not.
function allSettled() {
  return [...document.querySelectorAll("[data-simulator]")].every(
    (sim) => "ready" in sim.dataset || sim.querySelector(".ssp-sim-failed"),
  );
}

function keep(element, state) {
  element.dataset.savedState = state;
  saved.saveSoon(keyOf(element), state);
}

async function send(element, event) {
  clearNotice(element);
  try {
    const sent = performance.now();
    const result = await call({ op: "dispatch", key: element.id, event });
    const answered = performance.now();
    show(element, result);
    ssp.stats.lastRoundTripMs = answered - sent;
    ssp.stats.lastShowMs = performance.now() - answered;
    ssp.stats.events += 1;
    keep(element, result.state);
    guide.update(element, result.guide);
    element.dispatchEvent(new CustomEvent("ssp:state", { bubbles: true, detail: result.state }));
  } catch (error) {
    showFailure(element, error);
  }
}

// Back to the scenario as it starts. It always works: after a failure it mounts afresh
// (the saved state, which may be what failed, set aside first).
async function reset(element) {
  clearNotice(element);
  if (!("ready" in element.dataset)) {
    const key = keyOf(element);
    saved.setAside(key, saved.load(key));
    recovered(element);
    await mount(element, { state: "" });
    return;
  }
  try {
    const result = await call({ op: "reset", key: element.id });
    show(element, result);
    keep(element, result.state);
    guide.update(element, result.guide);
    statusOf(element).hidden = true;
  } catch (error) {
    showFailure(element, error);
  }
}

function wire(element) {
  const root = element.querySelector(".ssp-sim-root");
  element.querySelector("[data-sim-reset]").addEventListener("click", () => reset(element));
  root.addEventListener("click", (dom) => {
    const target = dom.target.closest("[data-action]");
    if (!target || !root.contains(target) || !("ready" in element.dataset)) return;
    // The portal's links are not the site's: keep Material's instant navigation out of it.
    dom.preventDefault();
    dom.stopPropagation();
    const data = dataOf(target, ["action"]);
    send(element, { type: "click", action: target.dataset.action, data, fields: fieldsOf(root) });
  });
  element.addEventListener("keydown", (dom) => guide.escape(element, dom));
  root.addEventListener("input", () => guide.typed(element));
  root.addEventListener("keydown", (dom) => {
    if ("ready" in element.dataset && !dom.defaultPrevented && !dom.altKey && !dom.ctrlKey && !dom.metaKey) {
      onKey(root, dom, (event) => send(element, event));
    }
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

// A page opened from a share link: the language selector leads to this same page in the
// other language, with the same address (its link and settings), where the work goes on.
function keepLinkAcrossLanguages() {
  const standalone = document.querySelector("[data-simulator][data-standalone]");
  if (!standalone || !linkOf(standalone)) return;
  const links = [...document.querySelectorAll("a.md-select__link[hreflang]")];
  const here = links.find((a) => a.hreflang === document.documentElement.lang);
  if (!here) return;
  const root = new URL(here.getAttribute("href"), location.href).pathname;
  if (!location.pathname.startsWith(root)) return;
  const page = location.pathname.slice(root.length) + location.search + location.hash;
  for (const link of links) link.href = new URL(page, new URL(link.getAttribute("href"), location.href)).href;
}

// Material's document$ emits after every navigation, hash changes included: mount only the
// simulators this emission brought (instant navigation replaces the content's elements).
function mountAll() {
  keepLinkAcrossLanguages();
  for (const element of document.querySelectorAll("[data-simulator]")) {
    if (element.dataset.wired !== undefined) continue;
    element.dataset.wired = "";
    wire(element);
    mount(element);
  }
  guide.forgetLink(); // each mount above has taken the deep link meant for it (guide.prepare)
}

if (!ssp.listening) {
  ssp.listening = true;
  // The page's cloud selector announces a change: every simulator re-mounts in that cloud.
  document.addEventListener("ssp:cloud", () => {
    for (const element of document.querySelectorAll("[data-simulator]")) {
      if (element.dataset.cloudActive === currentCloud(element)) continue;
      guide.abandon(element); // a practice's steps and state are another cloud's
      mount(element);
    }
  });
  // Another share link pasted into the address: the standalone simulator opens it.
  addEventListener("hashchange", () => {
    for (const element of document.querySelectorAll("[data-simulator][data-standalone][data-wired]")) mount(element);
  });
  // Saving failed (storage full, blocked or missing): said once per simulator on the page,
  // and the work goes on in memory.
  saved.onUnsaved(() => {
    for (const element of document.querySelectorAll("[data-simulator][data-ready]")) {
      notify(element, element.dataset.msgUnsaved);
    }
  });
  // Another tab saved the state a simulator here shows: show the newer state, and say so.
  // (What storage holds now: a burst of saves may have gone by since the event was sent.)
  saved.onChangedElsewhere((key) => {
    for (const element of document.querySelectorAll("[data-simulator][data-ready]")) {
      const latest = saved.load(key);
      if (keyOf(element) === key && latest && latest !== element.dataset.savedState) {
        mount(element, { state: latest, notice: element.dataset.msgSynced, echo: false });
      }
    }
  });
}

guide.init({ call, show, keep, settingsOf, notify, ask, answered, mount });
ssp.mountAll = mountAll;
ssp.practise = (element, step = 1) => guide.start(element, step);
ssp.remount = (element, options) => mount(element, options);
// The worker, for the support page's form (support.js).
ssp.call = call;
// The simulator's state as its worker holds it ({state}): what the checker's browser driver
// reads its postconditions from.
ssp.state = (element) => call({ op: "state", key: element.id });

if (window.document$ && typeof window.document$.subscribe === "function") {
  // Material: emits on the first load and after every instant navigation.
  window.document$.subscribe(() => mountAll());
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", mountAll);
} else {
  mountAll();
}
