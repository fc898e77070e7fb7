// The support page ([data-support]): a form of the customer's situation beside the same
// state in two simulators, the purchaser's and their admin's. The form is rendered by the
// simulator's Python (simulator/support.py, through the worker's `support` op); this
// script only sends each change and shows the answer. The state is the one state format
// (simulator/state.py), kept under a storage key of its own (ssp.support|...), so the
// reader's own simulator work is never touched. Copy link puts it in the fragment of the
// simulator page's address (#state=), which the browser never sends to a server.

import * as saved from "./saved.js";
import { snapshot } from "./snapshot.js";

function api() {
  return window.__ssp; // simulator.js: the worker (`call`) and `remount`
}

// One key for every language's support page: switching language keeps the state.
function keyOf() {
  return "ssp.support|form";
}

function cloud() {
  return document.documentElement.dataset.cloud || "o365-worldwide";
}

async function ask(root, request) {
  return api().call({ op: "support", request: { lang: root.dataset.lang, cloud: cloud(), ...request } });
}

function say(root, text) {
  root.querySelector("[data-support-status]").textContent = text;
}

// The form as the worker rendered it, focus kept on the field it was on.
function showForm(root, html) {
  const box = root.querySelector("[data-support-formbox]");
  const focused = document.activeElement && box.contains(document.activeElement) ? document.activeElement.id : "";
  const template = document.createElement("template");
  template.innerHTML = html;
  box.replaceChildren(template.content);
  const invalid = box.querySelector("[aria-invalid=true]");
  const target = invalid || (focused ? document.getElementById(focused) : null);
  target?.focus({ preventScroll: true });
}

// Every simulator of the page shows `state` (but `except`, which sent it).
function showState(root, state, except) {
  const scenario = JSON.parse(state).scenario;
  for (const element of root.querySelectorAll("[data-simulator]")) {
    if (element === except) continue;
    element.dataset.scenario = scenario;
    api().remount(element, { state, echo: true });
  }
}

function accept(root, answer, except) {
  root.dataset.state = answer.state;
  showForm(root, answer.form);
  if (answer.error) return; // refused: the last valid state stays shown
  saved.saveSoon(keyOf(root), answer.state);
  showState(root, answer.state, except);
}

async function change(root, target) {
  if ("supportLanguage" in target.dataset) {
    saved.saveAll(); // the state is read back on the other language's page
    location.assign(new URL(target.value, location.href).href);
    return;
  }
  if ("supportCloud" in target.dataset) {
    window.__sspCloud?.setCloud(target.value); // the page's cloud selector: every simulator follows
    return;
  }
  if (!target.name) return;
  const value = target.type === "checkbox" ? String(target.checked) : target.value;
  const request =
    target.name === "scenario"
      ? { op: "start", scenario: value }
      : { op: "edit", state: root.dataset.state, field: target.name, value };
  accept(root, await ask(root, request));
}

async function copyLink(root) {
  const answer = await ask(root, { op: "link", state: root.dataset.state });
  const url = new URL("../simulator/", location.href);
  url.search = new URLSearchParams({ view: cloud() }).toString();
  url.hash = `state=${answer.link}`;
  const field = root.querySelector("[data-support-link]");
  field.value = url.href;
  if (url.href.length > answer.limit) {
    say(root, answer.long.replace("%(length)s", url.href.length.toLocaleString(root.dataset.lang)));
    return;
  }
  try {
    await navigator.clipboard.writeText(url.href);
    say(root, root.dataset.msgCopied);
  } catch {
    field.select();
    say(root, root.dataset.msgNocopy);
  }
}

function download(name, type, text) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

async function downloadYaml(root) {
  const answer = await ask(root, { op: "yaml", state: root.dataset.state });
  download("scenario.yml", "application/yaml", answer.yaml);
  say(root, root.dataset.msgSaved);
}

// Capture: what the page shows, as a self-contained HTML file (what `ssp-kit screenshot
// --format html` writes), for a support ticket.
function capture(root) {
  download("view.html", "text/html", snapshot());
  say(root, root.dataset.msgCaptured);
}

// A pasted or opened scenario file: read by the simulator's Python (simulator/support.py,
// no YAML library in the browser). Its problems are shown as text, and the state, the
// form and what is typed stay as they were.
async function readYaml(root, text) {
  const answer = await ask(root, { op: "load", state: root.dataset.state, yaml: text });
  const box = root.querySelector("[data-support-problems]");
  box.replaceChildren();
  box.removeAttribute("role");
  if (answer.problems) {
    box.setAttribute("role", "alert");
    const intro = document.createElement("p");
    intro.textContent = answer.not_read;
    const list = document.createElement("ul");
    for (const problem of answer.problems) {
      const item = document.createElement("li");
      item.textContent = problem;
      list.append(item);
    }
    box.append(intro, list);
    return;
  }
  accept(root, answer);
  say(root, answer.read);
}

// On a narrow screen one role is shown at a time: the toggle swaps them.
function toggleRole(root, button) {
  const admin = button.getAttribute("aria-pressed") !== "true";
  button.setAttribute("aria-pressed", String(admin));
  for (const frame of root.querySelectorAll("[data-support-role]")) {
    frame.toggleAttribute("data-shown", (frame.dataset.supportRole === "admin") === admin);
  }
}

async function start(root) {
  root.dataset.wired = "";
  root.querySelector("[data-support-formbox]").addEventListener("change", (event) => change(root, event.target));
  root.querySelector("[data-support-copy]").addEventListener("click", () => copyLink(root));
  root.querySelector("[data-support-yaml]").addEventListener("click", () => downloadYaml(root));
  root.querySelector("[data-support-capture]").addEventListener("click", () => capture(root));
  const pasted = root.querySelector("[data-support-yaml-text]");
  root.querySelector("[data-support-read]").addEventListener("click", () => readYaml(root, pasted.value));
  root.querySelector("[data-support-file]").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    if (file) readYaml(root, await file.text());
  });
  const toggle = root.querySelector("[data-support-toggle]");
  toggle.addEventListener("click", () => toggleRole(root, toggle));
  // A click in one simulator changes the state: the form and the other simulator follow.
  root.addEventListener("ssp:state", async (event) => {
    const answer = await ask(root, { op: "form", state: event.detail });
    accept(root, answer, event.target.closest("[data-simulator]"));
  });
  // Another cloud: prices in its currency (the simulators re-mount by themselves).
  document.addEventListener("ssp:cloud", async () => {
    if (root.isConnected) showForm(root, (await ask(root, { op: "form", state: root.dataset.state })).form);
  });
  const link = new URLSearchParams(location.hash.slice(1)).get("state");
  const request = link ? { op: "open", link } : { op: "form", state: saved.load(keyOf(root)) };
  const answer = await ask(root, request);
  if (answer.notice) say(root, answer.notice);
  accept(root, answer);
  root.dataset.ready = "";
}

function startAll() {
  for (const root of document.querySelectorAll("[data-support]")) {
    if (!("wired" in root.dataset)) start(root);
  }
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(() => startAll());
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", startAll);
} else {
  startAll();
}
