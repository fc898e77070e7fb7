// Rendering: the DOM morphed into Python's answer.
//
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
export function show(element, answer) {
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
  // A textarea's text is read before its children are morphed: when the old one had no
  // text node, morphing moves the new one's text out of `to`, which then reads as empty.
  const typed = from.tagName === "TEXTAREA" ? to.textContent : null;
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
    if (from !== active && from.value !== typed) from.value = typed;
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
