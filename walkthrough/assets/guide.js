// Guided practice: a procedure's steps, one at a time, in the simulator under them.
//
// The guide's data is built from the step checker's intents (walkthrough/plugin/guides.py)
// and embedded beside each procedure's simulator (<template class="ssp-guide-data">, one
// per cloud: a JSON script would be re-created as a script by Material's instant
// navigation, and refused by the page's CSP). Python judges every event (simulator/guide.py,
// in the worker) and answers where the learner is: `{step, count, done, hint, pointer,
// summary}`. This module only shows it:
//   - the element to act on carries data-guide="current" (and data-guide-value), found
//     from the answer's pointer (the first candidate on screen that is not yet as asked);
//   - a callout (role="dialog", not modal) repeats the step with its number, the hint,
//     Back to step N, Show me and Stop; done: what changed, Practise again, the next one;
//   - the steps of the article's text are marked current and done, and a polite live region
//     says each advance;
//   - a practice run is saved under a storage key of its own kind ("practice"), never over
//     the reader's work: one state (simulator/state.py) that holds where the learner is, so
//     a reload resumes it; #practise=<id>&step=N (kept by cloud-early.js) starts at step N;
//   - leaving it (Stop, Escape, or the done callout) asks whether to keep the practice's
//     state or return to the reader's own; until they answer, what they do is still saved
//     under the practice's key (the state then says it is no longer practising).

import * as saved from "./saved.js";

let hooks = null; // simulator.js: {call, show, keep, settingsOf, notify, ask, answered, mount}
const last = new WeakMap(); // element -> the last guide answer shown
const pointedAt = new WeakMap(); // element -> the control it last pointed at
// element id -> {element, text, at}: the last failure to start. A deep link followed on the
// page can make Material re-create the page's content while the start is under way: the
// simulator that replaces the one the reason was shown in says it again (see `missed`).
const failures = (window.__sspGuideFailures ??= new Map());

export function init(given) {
  hooks = given;
}

function practiceKey(element) {
  return saved.keyOf("practice", element, hooks.settingsOf(element));
}

function ownKey(element) {
  return saved.keyOf("sim", element, hooks.settingsOf(element));
}

// The storage kind the element's state is saved under: the practice's while the reader
// practises, has left a practice without choosing yet, or a reload is bringing one back.
export function kind(element) {
  const d = element.dataset;
  return d.guideState || "guideLeft" in d || "guideResume" in d ? "practice" : "sim";
}

// The guide data of the element's procedure (the standalone page: the one its address
// asks for) in the cloud it shows (null: none).
// (Data that cannot be read is null here; Python says what is wrong with it: `rawOf`.)
function dataOf(element) {
  try {
    return JSON.parse(rawOf(element) ?? "null");
  } catch {
    return null;
  }
}

// The text of that guide data, as the page holds it (null: none).
function rawOf(element) {
  const cloud = hooks.settingsOf(element).cloud;
  const id = element.dataset.procedure || element.dataset.practiseId;
  for (const block of element.querySelectorAll("template.ssp-guide-data")) {
    if (block.dataset.guideCloud === cloud && block.dataset.guideId === id) return block.content.textContent;
  }
  return null;
}

function format(template, values) {
  return template.replace(/%\((\w+)\)s/g, (_, name) => String(values[name] ?? ""));
}

// A step's text as the article writes it: **bold** becomes <strong>, as text nodes.
function rich(parent, text) {
  text.split(/\*\*/).forEach((part, index) => {
    if (!part) return;
    if (index % 2) {
      const strong = document.createElement("strong");
      strong.textContent = part;
      parent.append(strong);
    } else parent.append(part);
  });
}

// --- before and after a mount ---------------------------------------------------------------

// Whether the element mounts a practice run (a deep link, or one a reload interrupted):
// then simulator.js mounts it from the practice's own saved state.
export function prepare(element) {
  const button = element.querySelector("[data-practise]");
  const link = linkFor(element);
  if (link && "standalone" in element.dataset) element.dataset.practiseId = link.id; // ?practise=
  const data = dataOf(element);
  if (button) button.hidden = !data;
  if (!data && link && "standalone" in element.dataset) {
    unknown(element, link.id);
    window.__sspPractise = null;
  }
  if (!data) return;
  if (link && link.id === data.id) {
    element.dataset.guideState = "running";
    element.dataset.guideFrom = String(link.step || 1);
    window.__sspPractise = null;
    return;
  }
  if (saved.load(practiceKey(element))) element.dataset.guideResume = ""; // see mounted
}

// ?practise= names no procedure of this page's language and cloud: say which ones there are.
function unknown(element, id) {
  const cloud = hooks.settingsOf(element).cloud;
  const known = [...element.querySelectorAll("template.ssp-guide-data")]
    .filter((block) => block.dataset.guideCloud === cloud)
    .map((block) => block.dataset.guideId);
  const shown = id.length > 40 ? `${id.slice(0, 39)}…` : id;
  const text = format(element.dataset.msgUnknown || "", { value: shown, name: "practise", known: known.join(", ") });
  element.dataset.guideUnknown = text;
}

// Where the learner was used to be saved apart ("ssp.guide|..."): such a value is set aside
// for support, like any saved value that is not read; the practice's state is then one
// the reader has left (keep it or return to their own).
function setAsideOldPosition(element) {
  const key = saved.keyOf("guide", element, hooks.settingsOf(element));
  saved.setAside(key, saved.load(key));
}

// `result`: the mount's answer (its `practice`: where the state it restored was).
export async function mounted(element, result) {
  if (element.dataset.guideUnknown) {
    hooks.notify(element, element.dataset.guideUnknown);
    delete element.dataset.guideUnknown;
  }
  const button = element.querySelector("[data-practise]");
  if (button) {
    button.disabled = false;
    if (!button.dataset.wired) {
      button.dataset.wired = "";
      button.addEventListener("click", () => start(element, 1));
    }
  }
  const link = linkFor(element);
  if (link && link.id === dataOf(element)?.id) {
    window.__sspPractise = null;
    return start(element, link.step || 1);
  }
  setAsideOldPosition(element);
  const from = element.dataset.guideFrom;
  delete element.dataset.guideFrom;
  if (from) return start(element, Number(from) || 1, true);
  const reason = missed(element);
  if (!("guideResume" in element.dataset)) return reason && hooks.notify(element, reason);
  delete element.dataset.guideResume;
  const at = result?.practice;
  const data = dataOf(element);
  if (!at || !data || at.id !== data.id) return left(element, reason && `${reason} `); // left before the reload
  element.dataset.guideState = "running";
  let answer;
  try {
    answer = await hooks.call({
      op: "practise", key: element.id, guide: JSON.stringify(data), step: at.step, act: at.act, fresh: false,
    });
  } catch (error) {
    answer = { error: format(element.dataset.msgPractiseFailed || "", { why: error.message }) };
  }
  if (answer.error) return failed(element, answer.error, "running"); // the practice's state: keep or return
  render(element, answer.guide, { focus: false });
}

// --- starting, stopping ---------------------------------------------------------------------

// `link`: a deep link asks for it (the element mounted the practice's key for it).
export async function start(element, step, link = false) {
  const raw = rawOf(element);
  if (raw === null || !("ready" in element.dataset)) return;
  const started = performance.now();
  const d = element.dataset;
  const was = link ? "link" : d.guideState ? "running" : "guideLeft" in d ? "left" : "";
  element.dataset.guideState = "running";
  let result;
  try {
    result = await hooks.call({ op: "practise", key: element.id, guide: raw, step, fresh: true });
  } catch (error) {
    result = { error: format(element.dataset.msgPractiseFailed || "", { why: error.message }) };
  }
  if (result.error) return failed(element, result.error, was);
  if ("guideLeft" in element.dataset) {
    delete element.dataset.guideLeft;
    hooks.answered(element);
  }
  hooks.show(element, result);
  hooks.keep(element, result.state);
  pointedAt.delete(element); // a fresh start brings its step and control into view
  render(element, result.guide, { focus: true, fresh: true });
  (window.__ssp.stats ??= {}).lastPractiseMs = performance.now() - started;
}

// Practice could not start (Python said why, in the page's language): out of guided mode,
// the portal and the reader's saved work as they were, the reason in the status area.
// `was`: "running" (Back to step N, Practise again: a practice under way is left, keep it
// or return), "link" (a deep link mounted the practice's key: the reader's own work comes
// back), "left" (the question stays, after the reason).
async function failed(element, text, was = "") {
  failures.set(element.id, { element, text, at: performance.now() });
  const now = document.getElementById(element.id);
  if (now && now !== element && "ready" in now.dataset) {
    failures.delete(element.id); // re-created and mounted meanwhile: said there
    if ("guideLeft" in now.dataset) left(now, `${text} `);
    else hooks.notify(now, text);
  }
  if (was === "running") return quit(element).then(() => left(element, `${text} `));
  delete element.dataset.guideState;
  clear(element);
  if (was === "left") return left(element, `${text} `);
  if (was === "link") await returnToOwn(element);
  hooks.notify(element, text);
}

// The reason a start failed in the simulator this element has just replaced (re-created by
// Material within a few seconds), or "".
function missed(element) {
  const failure = failures.get(element.id);
  if (!failure || failure.element === element) return "";
  failures.delete(element.id);
  const recent = performance.now() - failure.at < 10_000;
  return recent && !failure.element.isConnected ? failure.text : "";
}

// Leave guided mode: the portal stays as the practice left it, and the reader is asked
// whether to keep that state or return to their own work.
export async function stop(element) {
  await quit(element);
  left(element);
}

// Out of guided mode, the practice's state still saved under its own key (now saying it is
// not practising): nothing is saved over the reader's work until they choose.
async function quit(element) {
  element.dataset.guideLeft = "";
  delete element.dataset.guideState;
  clear(element);
  if (!("ready" in element.dataset)) return;
  try {
    const result = await hooks.call({ op: "stop_practice", key: element.id });
    hooks.keep(element, result.state);
  } catch {
    // the portal stays as it is
  }
}

// The question, in the simulator's status area: keep this state, or return to my own work.
function left(element, before = "") {
  element.dataset.guideLeft = "";
  const msg = element.dataset;
  const keep = button(msg.msgKeep, () => keepPractice(element), { guideKeep: "" });
  const own = button(msg.msgReturn, () => returnToOwn(element), { guideReturn: "" });
  hooks.ask(element, `${before}${msg.msgLeft}`, [keep, own]);
  keep.focus();
}

// Done with the question: the practice's state becomes the reader's own.
function keepPractice(element) {
  const state = element.dataset.savedState;
  saved.remove(practiceKey(element));
  delete element.dataset.guideLeft;
  hooks.answered(element);
  if (state) saved.saveSoon(ownKey(element), state);
  element.querySelector("[data-practise]")?.focus();
}

// ... or the reader's own saved work comes back (the scenario's start if they had none).
async function returnToOwn(element) {
  saved.remove(practiceKey(element));
  delete element.dataset.guideLeft;
  hooks.answered(element);
  await hooks.mount(element, { state: saved.load(ownKey(element)), echo: false });
  element.querySelector("[data-practise]")?.focus();
}

// From the done callout: leave, keeping the state or returning to the reader's own.
async function finish(element, keep) {
  await quit(element);
  if (keep) keepPractice(element);
  else await returnToOwn(element);
}

// The cloud changed: the practice is another cloud's (its steps, its key). It stays saved
// under that cloud's practice key (coming back to that cloud resumes it, or asks again);
// here the reader's own work in this cloud, or this cloud's practice, is what mounts.
export function abandon(element) {
  const d = element.dataset;
  const busy = d.guideState || "guideLeft" in d;
  for (const name of ["guideState", "guideLeft", "guideResume", "guideFrom"]) delete d[name];
  if (!busy) return;
  clear(element);
  hooks.answered(element);
}

// --- an answer from the worker ---------------------------------------------------------------

export function update(element, guide) {
  if (!element.dataset.guideState) return;
  if (!guide) return;
  render(element, guide, { focus: true });
}

function render(element, guide, { focus = false, fresh = false } = {}) {
  if (!guide) return stop(element);
  const before = fresh ? null : last.get(element);
  last.set(element, guide);
  element.dataset.guideState = guide.done ? "done" : "running";
  const callout = calloutOf(element);
  const changed = !before || before.step !== guide.step || before.done !== guide.done;
  fill(element, callout, guide);
  markSteps(element, guide);
  const pointed = point(element, guide);
  if (pointed && pointed !== pointedAt.get(element)) reveal(element, pointed);
  pointedAt.set(element, pointed);
  if (changed) {
    const msg = element.dataset;
    const said = [];
    if (before && !before.done && (guide.step > before.step || guide.done)) {
      said.push(format(msg.msgStepDone, { n: before.step }));
    }
    said.push(
      guide.done
        ? format(msg.msgSayDone, { done: msg.msgDone, summary: guide.summary })
        : format(msg.msgSayStep, { title: stepTitle(element, guide), text: stepText(element, guide) }),
    );
    announce(element, said.join(" "));
    if (focus) callout.focus({ preventScroll: true });
  } else if (guide.hint) {
    announce(element, plain(guide.hint));
  }
}

function plain(text) {
  return text.replaceAll("**", "");
}

function stepTitle(element, guide) {
  return format(element.dataset.msgStep, { n: guide.step, count: guide.count });
}

function stepText(element, guide) {
  const data = dataOf(element);
  return plain(data?.steps[guide.step - 1]?.text ?? "");
}

function announce(element, text) {
  let live = element.querySelector(".ssp-guide-live");
  if (!live) {
    live = document.createElement("div");
    live.className = "ssp-guide-live ssp-sr";
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    element.querySelector(".ssp-sim-toolbar").after(live);
  }
  live.textContent = "";
  setTimeout(() => (live.textContent = text), 30);
}

function calloutOf(element) {
  let callout = element.querySelector(".ssp-guide-callout");
  if (callout) return callout;
  callout = document.createElement("div");
  callout.className = "ssp-guide-callout";
  callout.setAttribute("role", "dialog");
  callout.setAttribute("aria-modal", "false");
  callout.tabIndex = -1;
  callout.id = `${element.id}-guide`;
  callout.setAttribute("aria-labelledby", `${callout.id}-title`);
  callout.setAttribute("aria-describedby", `${callout.id}-text`);
  callout.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      stop(element);
    }
  });
  element.querySelector(".ssp-sim-toolbar").after(callout);
  return callout;
}

function button(text, onClick, extra = {}) {
  const made = document.createElement("button");
  made.type = "button";
  made.className = "ssp-guide-button";
  made.textContent = text;
  Object.assign(made.dataset, extra);
  made.addEventListener("click", onClick);
  return made;
}

function fill(element, callout, guide) {
  const msg = element.dataset;
  const data = dataOf(element);
  callout.replaceChildren();
  const title = document.createElement("p");
  title.className = "ssp-guide-title";
  title.id = `${callout.id}-title`;
  title.textContent = guide.done ? msg.msgDone : `${msg.msgGuide} · ${stepTitle(element, guide)}`;
  const text = document.createElement("p");
  text.className = "ssp-guide-text";
  text.id = `${callout.id}-text`;
  const actions = document.createElement("div");
  actions.className = "ssp-guide-actions";
  if (guide.done) {
    text.textContent = guide.summary;
    actions.append(button(msg.msgKeep, () => finish(element, true), { guideKeep: "" }));
    actions.append(button(msg.msgReturn, () => finish(element, false), { guideReturn: "" }));
    actions.append(button(msg.msgAgain, () => start(element, 1), { guideAgain: "" }));
    if (data?.next) {
      const next = document.createElement("a");
      next.className = "ssp-guide-next";
      next.href = `#practise=${encodeURIComponent(data.next.id)}&step=1`;
      next.dataset.guideNext = data.next.id;
      next.textContent = format(msg.msgNext, { title: data.next.title });
      next.addEventListener("click", async (event) => {
        const other = document.querySelector(`[data-simulator][data-procedure="${CSS.escape(data.next.id)}"]`);
        if (!other && !("standalone" in element.dataset)) return;
        event.preventDefault();
        await stop(element);
        if (!other) element.dataset.practiseId = data.next.id; // the standalone page: all of them
        start(other || element, 1);
      });
      actions.append(next);
    }
  } else {
    rich(text, data?.steps[guide.step - 1]?.text ?? "");
    if (guide.hint) {
      const hint = document.createElement("p");
      hint.className = "ssp-guide-hint";
      hint.dataset.guideHint = "";
      rich(hint, guide.hint);
      text.append(hint);
      actions.append(button(format(msg.msgBack, { n: guide.step }), () => start(element, guide.step), { guideBack: "" }));
    }
    actions.append(button(msg.msgShow, () => showMe(element), { guideShow: "" }));
  }
  actions.append(button(msg.msgStop, () => stop(element), { guideStop: "" }));
  callout.append(title, text, actions);
}

// --- the steps in the article ----------------------------------------------------------------

// The procedure's numbered steps shown for the reader's cloud: the items of the lists
// between its heading and its simulator.
function articleSteps(element) {
  const data = dataOf(element);
  if (!data) return [];
  const anchor = document.getElementById(data.anchor) || document.querySelector(`a[name="${CSS.escape(data.anchor)}"]`);
  const heading = anchor?.closest("h1, h2, h3, h4, h5, h6") || anchor;
  if (!heading) return [];
  const items = [];
  for (let node = heading.nextElementSibling; node && node !== element; node = node.nextElementSibling) {
    if (node.contains(element)) break;
    const lists = node.matches("ol") ? [node] : [...node.querySelectorAll("ol")].filter((ol) => !ol.parentElement.closest("li"));
    for (const list of lists) {
      for (const item of list.children) {
        if (item.matches("li") && item.checkVisibility()) items.push(item);
      }
    }
  }
  return items;
}

function markSteps(element, guide) {
  const items = articleSteps(element);
  items.forEach((item, index) => {
    const number = index + 1;
    const done = guide.done || number < guide.step;
    const current = !guide.done && number === guide.step;
    item.classList.toggle("ssp-guide-step-done", done);
    item.classList.toggle("ssp-guide-step-current", current);
    if (current) item.setAttribute("aria-current", "step");
    else item.removeAttribute("aria-current");
    let mark = item.querySelector(":scope > .ssp-guide-mark");
    if (done && !mark) {
      mark = document.createElement("span");
      mark.className = "ssp-guide-mark";
      mark.textContent = ` ${element.dataset.msgMarkDone}`;
      item.append(mark);
    } else if (!done && mark) mark.remove();
  });
}

// --- pointing at the control ------------------------------------------------------------------

function reachable(node) {
  return !node.closest("[inert], [hidden]") && node.checkVisibility();
}

function matches(node, candidate) {
  const value = candidate.value ?? "";
  if (node.type === "radio" || node.type === "checkbox") return node.value === value && !node.checked;
  const now = (node.value ?? "").replace(/\s+/g, " ").trim();
  if (candidate.when === "empty") return now === "";
  return now.replace(/\s/g, "").toLowerCase() !== value.replace(/\s/g, "").toLowerCase();
}

function find(root, candidate) {
  if (candidate.field) {
    return [...root.querySelectorAll(`[data-field="${CSS.escape(candidate.field)}"]`)].find(
      (node) => reachable(node) && matches(node, candidate),
    );
  }
  let selector = `[data-action="${CSS.escape(candidate.action)}"]`;
  for (const [name, value] of Object.entries(candidate)) {
    if (name !== "action") selector += `[data-${name}="${CSS.escape(value)}"]`;
  }
  return [...root.querySelectorAll(selector)].find(reachable);
}

function point(element, guide) {
  const root = element.querySelector(".ssp-sim-root");
  for (const old of root.querySelectorAll("[data-guide]")) unmark(old);
  if (guide.done) return null;
  for (const candidate of guide.pointer) {
    const target = find(root, candidate);
    if (!target) continue;
    target.dataset.guide = "current";
    if (candidate.field) target.dataset.guideValue = candidate.value;
    const described = (target.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    const callout = `${element.id}-guide-text`;
    if (!described.includes(callout)) {
      target.dataset.guideDescribed = "";
      target.setAttribute("aria-describedby", [...described, callout].join(" "));
    }
    return target;
  }
  return null;
}

// The current step of the text and the control to act on, both in view when they fit
// (a wide screen); else the control.
function reveal(element, target) {
  const step = articleSteps(element).find((item) => item.classList.contains("ssp-guide-step-current"));
  const header = document.querySelector(".md-header")?.getBoundingClientRect().bottom ?? 0;
  const room = window.innerHeight - header - 16;
  const aim = target.getBoundingClientRect();
  const top = step ? Math.min(step.getBoundingClientRect().top, aim.top) : aim.top;
  const inView = (box) => box.top >= header && box.bottom <= window.innerHeight;
  if (inView(aim) && (!step || inView(step.getBoundingClientRect()))) return;
  if (aim.bottom - top <= room) window.scrollBy({ top: top - header - 8 });
  else target.scrollIntoView({ block: "nearest" });
}

function unmark(node) {
  delete node.dataset.guide;
  delete node.dataset.guideValue;
  node.classList.remove("ssp-guide-strong");
  if ("guideDescribed" in node.dataset) {
    delete node.dataset.guideDescribed;
    const kept = (node.getAttribute("aria-describedby") || "").split(/\s+/).filter((id) => id && !id.endsWith("-guide-text"));
    if (kept.length) node.setAttribute("aria-describedby", kept.join(" "));
    else node.removeAttribute("aria-describedby");
  }
}

function showMe(element) {
  const target = element.querySelector('.ssp-sim-root [data-guide="current"]');
  if (!target) return;
  target.classList.add("ssp-guide-strong");
  target.scrollIntoView({ block: "nearest" });
  target.focus();
}

function clear(element) {
  last.delete(element);
  element.querySelector(".ssp-guide-callout")?.remove();
  const root = element.querySelector(".ssp-sim-root");
  for (const old of root.querySelectorAll("[data-guide]")) unmark(old);
  for (const item of articleSteps(element)) {
    item.classList.remove("ssp-guide-step-done", "ssp-guide-step-current");
    item.removeAttribute("aria-current");
    item.querySelector(":scope > .ssp-guide-mark")?.remove();
  }
}

// Typing does not reach Python until a button sends it: the pointer moves on by itself
// from a field filled as asked to the next one.
export function typed(element) {
  const guide = last.get(element);
  if (element.dataset.guideState === "running" && guide) point(element, guide);
}

// Escape leaves guided mode, unless a pane of the portal is open (Escape closes it).
export function escape(element, event) {
  if (event.key !== "Escape" || !element.dataset.guideState) return;
  if (element.querySelector(".ssp-sim-root .ssp-pane")) return;
  stop(element);
}

// A deep link followed on the page itself (the address's hash changed, no page load).
// Material answers the change by rendering the page again: new elements replace these, and
// simulator.js mounts them (document$), each from its saved state. That state may not say
// yet that this one started practising, so the link stays for the element that replaces it
// (prepare); it starts here at once all the same, in case this one stays.
if (!window.__sspGuideHash) {
  window.__sspGuideHash = true;
  window.addEventListener("hashchange", (event) => {
    // the address changed to (by the time this runs, navigation.tracking may have rewritten it)
    const hash = new URLSearchParams(new URL(event.newURL).hash.slice(1));
    const id = hash.get("practise");
    const element = id && document.querySelector(`[data-simulator][data-procedure="${CSS.escape(id)}"]`);
    if (!element || !hooks) return;
    const step = Number(hash.get("step")) || 1;
    const ready = "ready" in element.dataset; // if not, the mount under way starts it (mounted)
    window.__sspPractise = { id, step, startedIn: ready ? element : null };
    if (ready) start(element, step);
  });
}

// The deep link waiting for `element` to mount, if any: not one already started in it
// (a later mount of the same element, Return to my own work say, is not a new visit).
function linkFor(element) {
  const link = window.__sspPractise;
  return link && link.startedIn !== element ? link : null;
}

// After the elements a page (or Material's rendering of it) brought have mounted: a deep
// link none of them took is not for a later page.
export function forgetLink() {
  window.__sspPractise = null;
}
