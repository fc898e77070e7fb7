// The cloud selector: one cloud at a time, as Microsoft Learn's ?view= does.
//
//   <html data-cloud="o365-worldwide|o365-21vianet">   set before the content is parsed by
//                                    assets/ssp/cloud-early.js (overrides/partials/cloud.html)
//   cloud.css                        hides .moniker-zone[data-moniker] of the other cloud
//   localStorage "ssp.cloud"         the reader's choice, kept across pages and visits
//   ?view=<moniker>                  wins over the stored choice, on load and after
//                                    Material's instant navigation
//   "ssp:cloud" on document          {detail: {cloud}}, after the reader changed the cloud:
//                                    simulator.js re-mounts every simulator in that cloud
//
// It also makes Material's language selector land on the same page in the other language,
// with a full page load, so <html lang>, Material's strings, this selector's labels and
// the search language all change with it (instant navigation only swaps the content).

const KEY = "ssp.cloud";

// The clouds are the selector's options (partials/cloud.html writes them from the one list).
function clouds() {
  const select = selector();
  return select ? [...select.options].map((option) => option.value) : [];
}

function defaultCloud() {
  return selector()?.dataset.defaultCloud || clouds()[0] || null;
}

function asCloud(value) {
  const cloud = (value || "").toLowerCase();
  return clouds().includes(cloud) ? cloud : null;
}

function fromUrl() {
  return asCloud(new URLSearchParams(window.location.search).get("view"));
}

function stored() {
  try {
    return asCloud(window.localStorage.getItem(KEY));
  } catch {
    return null;
  }
}

function store(cloud) {
  try {
    window.localStorage.setItem(KEY, cloud);
  } catch {
    // storage blocked: the choice holds for this visit's pages only
  }
}

function selector() {
  return document.getElementById("ssp-cloud-select");
}

/** The cloud shown now. */
export function currentCloud() {
  return asCloud(document.documentElement.dataset.cloud) || defaultCloud();
}

/**
 * Show `cloud`: tag <html>, sync the selector; when it changed and `announce` is set, tell
 * the simulators. `remember`: the reader chose it, so later visits show it too (a link's
 * ?view= or the page's default cloud is for this visit only). Returns whether it changed.
 */
export function setCloud(cloud, { announce = true, remember = true } = {}) {
  const chosen = asCloud(cloud) || defaultCloud();
  const root = document.documentElement;
  const changed = root.dataset.cloud !== chosen;
  root.dataset.cloud = chosen;
  const select = selector();
  if (select && select.value !== chosen) select.value = chosen;
  if (remember) {
    store(chosen);
    // A ?view= in the address would win on reload: keep it saying what the reader chose.
    const url = new URL(window.location.href);
    if (url.searchParams.has("view") && url.searchParams.get("view") !== chosen) {
      url.searchParams.set("view", chosen);
      window.history.replaceState(window.history.state, "", url);
    }
  }
  if (changed && announce) {
    document.dispatchEvent(new CustomEvent("ssp:cloud", { detail: { cloud: chosen } }));
  }
  return changed;
}

/** The cloud this page should show: ?view=, else the one already set, else the stored one. */
function wanted() {
  return fromUrl() || asCloud(document.documentElement.dataset.cloud) || stored() || defaultCloud();
}

// --- the selector --------------------------------------------------------------------------

function wireSelector() {
  const select = selector();
  if (!select || select.dataset.wired !== undefined) return;
  select.dataset.wired = "";
  select.addEventListener("change", () => setCloud(select.value));
}

// --- the language selector: the same page in the other language ------------------------------

function languageRoots() {
  return [...document.querySelectorAll(".md-select__link[hreflang]")].map((link) => ({
    lang: link.getAttribute("hreflang"),
    path: new URL(link.href, window.location.href).pathname,
  }));
}

/** The language root a path lies under (the longest matching one) and the rest of it. */
function split(pathname, roots) {
  let best = null;
  for (const root of roots) {
    if (pathname.startsWith(root.path) && (!best || root.path.length > best.path.length)) best = root;
  }
  return best && { root: best, rest: pathname.slice(best.path.length) };
}

function onClick(event) {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!link || (link.target && link.target !== "_self")) return;
  const url = new URL(link.href, window.location.href);
  if (url.origin !== window.location.origin) return;
  const roots = languageRoots();
  const here = split(window.location.pathname, roots);
  const there = split(url.pathname, roots);
  if (roots.length < 2 || !here || !there || here.root.lang === there.root.lang) return;
  let target = url;
  if (link.matches(".md-select__link[hreflang]")) {
    // The header's language link points at the other language's home: go to this page there.
    target = new URL(there.root.path + here.rest, window.location.href);
    target.search = window.location.search;
    target.hash = window.location.hash; // the heading anchors are the same in every language
  }
  // A page in another language (the language selector, a search result): a full load, ahead of
  // Material's instant navigation and its alternate-language handler (both listen on <body>).
  event.preventDefault();
  event.stopPropagation();
  window.location.assign(target.href);
}

// --- start, and after every instant navigation ---------------------------------------------

function apply() {
  // The simulators of a new page mount after this (simulator.js subscribes later) and read
  // <html data-cloud>, so there is nobody to announce the cloud to.
  setCloud(wanted(), { announce: false, remember: false });
  wireSelector();
  explainUnknownView();
}

// A ?view= that names no cloud of the page: said at the top of the article, with links to
// the views it has. (The standalone simulator page says it in its simulator.)
function explainUnknownView() {
  document.querySelector(".ssp-unknown-view")?.remove();
  const view = new URLSearchParams(window.location.search).get("view");
  const select = selector();
  const content = document.querySelector(".md-content__inner");
  if (view === null || fromUrl() || !select || !content) return;
  if (document.querySelector("[data-simulator][data-standalone]")) return;
  const shown = view.length > 40 ? `${view.slice(0, 39)}…` : view;
  const current = [...select.options].find((option) => option.value === currentCloud());
  const notice = document.createElement("p");
  notice.className = "ssp-unknown-view";
  notice.setAttribute("role", "status");
  notice.textContent = (select.dataset.msgUnknownView || "")
    .replace("%(value)s", shown)
    .replace("%(cloud)s", current ? current.textContent : currentCloud());
  for (const option of select.options) {
    const url = new URL(window.location.href);
    url.searchParams.set("view", option.value);
    const link = document.createElement("a");
    link.href = url.href;
    link.textContent = option.textContent;
    notice.append(" ", link);
  }
  content.prepend(notice);
}

document.addEventListener("click", onClick, true);
window.__sspCloud = { currentCloud, setCloud };

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(apply); // Material: the first load and every instant navigation
} else {
  apply();
}
