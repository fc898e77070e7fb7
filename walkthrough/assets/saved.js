// Saved work: each simulator's state (simulator/state.py says what it holds) in the
// browser's storage, so that it survives a reload, instant navigation and the next visit.
//
//   ssp.sim|<page>|<simulator>|<scenario>|<cloud>        the reader's own work
//   ssp.practice|...  ssp.shared|<link>|<simulator>      a practice run, a shared state:
//   ssp.support|...                                      kinds of their own, never the reader's
//                                                        (a practice's state says where the
//                                                        learner is; ssp.guide|... is an older
//                                                        place for that, set aside when met)
//   ssp.setaside|<time>|<key>                            a saved value that could not be read,
//                                                        kept for support, never read again
//
// The address of the page chooses where a simulator starts, never whether its saved work
// is kept: no setting of the address is part of a key but the page, scenario and cloud.
// When storage is full, blocked or missing, states live in memory for the visit (this
// module survives instant navigation) and `onUnsaved` listeners hear it once.
// Another tab that saves a state this page shows is heard through the `storage` event.

const memory = (window.__sspSaved ??= { states: new Map(), failed: false, unsaved: new Set(), changed: new Set() });

export function keyOf(kind, element, settings) {
  return [`ssp.${kind}`, location.pathname, element.id, settings.scenario, settings.cloud].join("|");
}

export function load(key) {
  if (pending.has(key)) return pending.get(key);
  if (memory.states.has(key)) return memory.states.get(key);
  try {
    return localStorage.getItem(key) || "";
  } catch {
    return "";
  }
}

// A write in a task of its own: written after each event before the screen could paint, it
// took 0.2 ms of each click (bench/bench_click.py). Pending writes are done when the page
// goes away, and `load` reads them first.
const pending = new Map();

export function saveSoon(key, state) {
  if (!pending.size) setTimeout(saveAll, 0);
  pending.set(key, state);
}

export function saveAll() {
  for (const [key, state] of pending) write(key, state);
  pending.clear();
}

addEventListener("pagehide", saveAll);

function write(key, state) {
  if (!memory.failed) {
    try {
      if (state) localStorage.setItem(key, state);
      else localStorage.removeItem(key);
      return;
    } catch {
      memory.failed = true; // full, blocked or missing: the visit goes on in memory
      for (const listener of memory.unsaved) listener();
    }
  }
  if (state) memory.states.set(key, state);
  else memory.states.delete(key);
}

export function remove(key) {
  pending.delete(key);
  write(key, "");
}

// A saved value that could not be used: kept apart for support, so that nothing is lost
// and the simulator starts from its scenario.
export function setAside(key, raw) {
  if (!raw) return;
  remove(key);
  try {
    localStorage.setItem(`ssp.setaside|${new Date().toISOString()}|${key}`, raw);
  } catch {
    /* nowhere to keep it: the simulator still starts from its scenario */
  }
}

// `listener()` once, when saving fails for the first time this visit (or at once if it has).
export function onUnsaved(listener) {
  if (memory.failed) listener();
  else memory.unsaved.add(listener);
}

// `listener(key, state)` when another tab saves a state under `key`.
export function onChangedElsewhere(listener) {
  memory.changed.add(listener);
}

if (!window.__sspSavedListening) {
  window.__sspSavedListening = true;
  addEventListener("storage", (event) => {
    if (!event.key || !event.key.startsWith("ssp.") || event.storageArea !== localStorage) return;
    for (const listener of memory.changed) listener(event.key, event.newValue || "");
  });
}
