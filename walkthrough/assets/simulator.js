// Mounts every simulator of the page ([data-simulator]) on one Python that lives for the
// whole visit: Material's instant navigation swaps the page's content without reloading
// this module, so the worker (and its booted Pyodide) survives from page to page.
//
// The page holds each simulator's first screen, rendered at build time; until Python is
// ready it is shown but inert, with a progress line above it. DOM events are turned into
// the event protocol of simulator/protocol.py and answered with fresh HTML.

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
      ssp.stats.bootMarks = Object.fromEntries(
        Object.entries(data.marks).map(([name, at]) => [name, at - performance.timeOrigin]),
      );
      return;
    }
    const pending = ssp.pending.get(data.id);
    if (!pending) return;
    ssp.pending.delete(data.id);
    ssp.stats.lastPythonMs = data.ms;
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
  if (unsaved.has(key)) return unsaved.get(key);
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

// The log is written in a task of its own: written after each event before the screen could
// paint, it took 0.2 ms of each click (bench/bench_click.py). Pending writes are done when
// the page goes away, and `load` reads them first.
const unsaved = new Map();

function saveSoon(key, state) {
  if (!unsaved.size) setTimeout(saveAll, 0);
  unsaved.set(key, state);
}

function saveAll() {
  for (const [key, state] of unsaved) save(key, state);
  unsaved.clear();
}

addEventListener("pagehide", saveAll);

// --- events: the protocol of simulator/protocol.py -----------------------------------------

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

// --- rendering: morph the DOM into Python's answer -------------------------------------------
// Python answers with the whole portal, or after most clicks with the regions that changed
// (simulator.worker's _changes); only what differs is written into the page. The
// focused control survives (with its caret and a value being typed), nested scroll
// positions stay, and the browser re-styles only what changed (see bench/bench_click.py).

// Where each region of simulator.app.REGIONS is in the portal.
const REGIONS = { topbar: ".ssp-topbar", nav: ".ssp-nav", main: ".ssp-main", pane: ".ssp-pane" };

function parse(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  return template.content;
}

// `answer`: {html} (the whole portal) or {html: null, regions: {name: html}}.
function show(element, answer) {
  element.dataset.shown = ""; // the built screen is gone
  const root = element.querySelector(".ssp-sim-root");
  const active = document.activeElement;
  const inside = active && root.contains(active) ? active : null;
  const focusKey = inside ? focusKeyOf(inside) : null;
  const hadPane = root.querySelector(".ssp-pane") !== null;
  if (answer.html !== null) morphChildren(root, parse(answer.html), inside);
  else {
    // One parse for them all (each parse has a cost of its own): a region is one element.
    const names = Object.keys(answer.regions);
    let fresh = parse(Object.values(answer.regions).join("")).firstElementChild;
    for (const name of names) {
      const region = root.querySelector(REGIONS[name]);
      if (!region || !fresh) throw new Error(`the portal has no region ${name} to update`);
      const next = fresh.nextElementSibling; // (morphing moves fresh's children out)
      morphNode(region, fresh, inside);
      fresh = next;
    }
  }
  const kept = inside && root.contains(inside) ? inside : null;
  const wanted =
    root.querySelector("[autofocus]") || kept || (focusKey && findByFocusKey(root, focusKey));
  if (wanted && wanted !== document.activeElement) wanted.focus({ preventScroll: true });
  const pane = root.querySelector(".ssp-pane");
  if (pane && !hadPane) reveal(pane);
}

// A pane that opens out of sight (a long page scrolled down, a narrow screen) is scrolled
// into view; focus() itself never scrolls, so a re-render does not make the page jump.
function reveal(pane) {
  const top = pane.getBoundingClientRect().top;
  if (top < 0 || top > window.innerHeight - 80) pane.scrollIntoView({ block: "start" });
}

// Which old element stands for which new one: a control by what it does and acts on, a
// field's box by its value, anything else by its tag alone.
function keyOf(el) {
  if (el.id) return `#${el.id}`;
  const d = el.dataset;
  if (d.action) return [d.action, d.subscription, d.person, d.card, d.profile, d.tab, d.screen, d.pane].join("|");
  if (el.type === "checkbox" || el.type === "radio") return `${d.field}=${el.value}`;
  if (d.subscription) return d.subscription;
  return "";
}

function sameNode(a, b) {
  if (a.nodeType !== b.nodeType) return false;
  if (a.nodeType !== Node.ELEMENT_NODE) return true;
  return a.tagName === b.tagName && a.getAttribute("type") === b.getAttribute("type") && keyOf(a) === keyOf(b);
}

function morphChildren(from, to, active) {
  let old = from.firstChild;
  let fresh = to.firstChild;
  while (fresh) {
    const following = fresh.nextSibling;
    let match = old;
    while (match && !sameNode(match, fresh)) match = match.nextSibling;
    if (match) {
      while (old !== match) {
        const gone = old;
        old = old.nextSibling;
        gone.remove();
      }
      morphNode(match, fresh, active);
      old = match.nextSibling;
    } else {
      from.insertBefore(fresh, old); // moves it out of the template
    }
    fresh = following;
  }
  while (old) {
    const gone = old;
    old = old.nextSibling;
    gone.remove();
  }
}

function morphNode(from, to, active) {
  if (from.nodeType !== Node.ELEMENT_NODE) {
    if (from.nodeValue !== to.nodeValue) from.nodeValue = to.nodeValue;
    return;
  }
  // Most of the portal is as it was: the native comparison skips it whole. (A box ticked
  // or text typed since, which Python has not been sent, is then left as the user left it.)
  if (from.isEqualNode(to)) return;
  for (const { name } of [...from.attributes]) if (!to.hasAttribute(name)) from.removeAttribute(name);
  for (const { name, value } of to.attributes) if (from.getAttribute(name) !== value) from.setAttribute(name, value);
  morphChildren(from, to, active);
  // The live state the attributes only set at first. A text field being typed in keeps
  // what it holds: Python's copy is older by the keystrokes still on their way.
  if (from.tagName === "INPUT") {
    if (from.type === "checkbox" || from.type === "radio") from.checked = to.hasAttribute("checked");
    else if (from !== active) {
      const value = to.getAttribute("value") ?? "";
      if (from.value !== value) from.value = value;
    }
  } else if (from.tagName === "TEXTAREA") {
    if (from !== active && from.value !== to.textContent) from.value = to.textContent;
  } else if (from.tagName === "OPTION") {
    from.selected = to.hasAttribute("selected");
  }
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

// Whether the element still shows the first screen the build rendered for `settings`: then
// Python need not render it again (simulator.worker.mount's `built`), and a page's
// simulators are ready after instant navigation without a render each.
function showsBuiltScreen(element, settings) {
  const built = element.dataset;
  return (
    settings.cloud === built.cloud &&
    settings.scenario === built.scenario &&
    settings.screen === built.screen &&
    !settings.role
  );
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
    const state = load(key);
    const built = !state && !("shown" in element.dataset) && showsBuiltScreen(element, settings);
    const result = await call({ op: "mount", key: element.id, settings, state, built });
    if (result.error) throw new Error(result.error);
    if (result.html !== null) show(element, result); // null: the built screen is it
    saveSoon(key, result.state);
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
    if (allSettled()) window.__sspSearch?.start("simulators"); // overrides/assets/ssp/search-later.js
  }
}

// Every simulator of the page is ready or shows why it is not.
function allSettled() {
  return [...document.querySelectorAll("[data-simulator]")].every(
    (sim) => "ready" in sim.dataset || sim.querySelector(".ssp-sim-failed"),
  );
}

async function send(element, event) {
  try {
    const sent = performance.now();
    const result = await call({ op: "dispatch", key: element.id, event });
    const answered = performance.now();
    show(element, result);
    ssp.stats.lastRoundTripMs = answered - sent;
    ssp.stats.lastShowMs = performance.now() - answered;
    ssp.stats.events += 1;
    saveSoon(storageKey(element, settingsOf(element)), result.state);
  } catch (error) {
    showFailure(element, error);
  }
}

async function reset(element) {
  try {
    const result = await call({ op: "reset", key: element.id });
    show(element, result);
    saveSoon(storageKey(element, settingsOf(element)), result.state);
    element.querySelector(".ssp-sim-status").hidden = true;
  } catch (error) {
    showFailure(element, error);
  }
}

// --- keyboard: what the portal's widgets do beyond native buttons and links ----------------
// Escape closes an open pane or menu (Python closes it: the same events a click sends);
// arrow keys move between tabs, menu items and the type-ahead's options; Space follows a
// link as Enter does; Tab stays inside an open pane (the page behind it is inert).

const FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]";
const ACROSS = { ArrowLeft: -1, ArrowRight: 1, Home: "first", End: "last" }; // tabs
const DOWN = { ArrowUp: -1, ArrowDown: 1, Home: "first", End: "last" }; // menus, options

// What Tab stops at in a container: one radio per group (the checked one, else the first).
function tabStops(container) {
  const stops = [...container.querySelectorAll(FOCUSABLE)].filter(
    (el) => !el.disabled && el.tabIndex >= 0 && !el.closest("[hidden], [inert]") && el.getClientRects().length > 0,
  );
  return stops.filter((el) => {
    if (el.type !== "radio") return true;
    const group = stops.filter((r) => r.type === "radio" && r.name === el.name);
    return el === (group.find((r) => r.checked) || group[0]);
  });
}

function clickEvent(root, target) {
  return { type: "click", action: target.dataset.action, data: dataOf(target, ["action"]), fields: fieldsOf(root) };
}

// The item `where` (1/-1: next/previous, wrapping; "first"/"last") of a group.
function step(items, current, where) {
  if (where === "first") return items[0];
  if (where === "last") return items[items.length - 1];
  return items[(items.indexOf(current) + where + items.length) % items.length];
}

function onKey(element, root, dom) {
  const target = dom.target;
  const role = target.getAttribute("role") || "";
  const key = dom.key;
  const combo = target.closest(".ssp-combo");
  const box = combo && combo.querySelector('[role="combobox"]');
  const options = combo ? [...combo.querySelectorAll('[role="listbox"]:not([hidden]) [role="option"]')] : [];
  if (key === "Escape") {
    if (box && box.value && options.length) {
      box.value = ""; // the results go with the text; the pane stays open
      box.focus();
      box.dispatchEvent(new Event("input", { bubbles: true }));
    } else {
      const menu = root.querySelector('[aria-haspopup="menu"][aria-expanded="true"]');
      const close = menu || root.querySelector('.ssp-pane [data-action="close-pane"]');
      if (!close) return;
      send(element, clickEvent(root, close)); // Python puts focus back on what opened it
    }
  } else if (role === "tab" && key in ACROSS) {
    const tabs = [...target.closest('[role="tablist"]').querySelectorAll('[role="tab"]')];
    const next = step(tabs, target, ACROSS[key]);
    for (const tab of tabs) tab.tabIndex = tab === next ? 0 : -1; // roving tabindex
    next.focus();
  } else if (role.startsWith("menuitem") && key in DOWN) {
    step([...target.closest('[role="menu"]').querySelectorAll('[role^="menuitem"]')], target, DOWN[key]).focus();
  } else if (target === box && (key === "ArrowDown" || key === "ArrowUp") && options.length) {
    (key === "ArrowDown" ? options[0] : options[options.length - 1]).focus();
  } else if (role === "option" && box && key in DOWN) {
    const at = options.indexOf(target);
    if (key === "ArrowUp" && at === 0) box.focus();
    else if (!(key === "ArrowDown" && at === options.length - 1)) step(options, target, DOWN[key]).focus();
  } else if (key === " " && target.tagName === "A" && target.dataset.action) {
    target.click(); // a link follows on Space too, as buttons do
  } else if (key === "Tab" && target.closest(".ssp-pane")) {
    const stops = tabStops(target.closest(".ssp-pane"));
    if (dom.shiftKey && target === stops[0]) stops[stops.length - 1].focus();
    else if (!dom.shiftKey && target === stops[stops.length - 1]) stops[0].focus();
    else return;
  } else {
    return;
  }
  dom.preventDefault();
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
  root.addEventListener("keydown", (dom) => {
    if ("ready" in element.dataset && !dom.defaultPrevented && !dom.altKey && !dom.ctrlKey && !dom.metaKey) {
      onKey(element, root, dom);
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
