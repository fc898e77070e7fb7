import { clickEvent } from "./protocol.js";

// Keyboard: what the portal's widgets do beyond native buttons and links.
//
// Escape closes an open pane or menu (Python closes it: the same events a click sends);
// arrow keys move between tabs, menu items and the type-ahead's options; Space follows a
// link as Enter does; Tab stays inside an open pane (the page behind it is inert); Enter
// in a pane's text field presses the pane's primary button, as in any form (a textarea
// keeps Enter for new lines, and a word being composed with an IME is left alone).

const FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]";
const ACROSS = { ArrowLeft: -1, ArrowRight: 1, Home: "first", End: "last" }; // tabs
const DOWN = { ArrowUp: -1, ArrowDown: 1, Home: "first", End: "last" }; // menus, options
// Inputs in which Enter submits the form (checkboxes, radios and buttons act on it).
const TYPED = new Set(["text", "search", "email", "tel", "url", "number", "password"]);

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

// The item `where` (1/-1: next/previous, wrapping; "first"/"last") of a group.
function step(items, current, where) {
  if (where === "first") return items[0];
  if (where === "last") return items[items.length - 1];
  return items[(items.indexOf(current) + where + items.length) % items.length];
}

// `send(event)` sends an event of the protocol to the simulator.
export function onKey(root, dom, send) {
  const target = dom.target;
  const role = target.getAttribute("role") || "";
  const key = dom.key;
  const combo = target.closest(".ssp-combo");
  const box = combo && combo.querySelector('[role="combobox"]');
  const options = combo ? [...combo.querySelectorAll('[role="listbox"]:not([hidden]) [role="option"]')] : [];
  if (dom.isComposing || key === "Process") return; // an IME is composing: its Enter
  if (key === "Enter" && target.tagName === "INPUT" && TYPED.has(target.type) && target.closest(".ssp-pane")) {
    const primary = target.closest(".ssp-pane").querySelector("button.ssp-primary[data-action]");
    if (!primary || primary.disabled) return;
    send(clickEvent(root, primary)); // the value typed so far goes with it
  } else if (key === "Escape") {
    if (box && box.value && options.length) {
      box.value = ""; // the results go with the text; the pane stays open
      box.focus();
      box.dispatchEvent(new Event("input", { bubbles: true }));
    } else {
      const menu = root.querySelector('[aria-haspopup="menu"][aria-expanded="true"]');
      const close = menu || root.querySelector('.ssp-pane [data-action="close-pane"]');
      if (!close) return;
      send(clickEvent(root, close)); // Python puts focus back on what opened it
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
