// A snapshot of the page as it is shown: the document without its scripts and external
// styles, every style rule inlined, and a policy that lets nothing load. The support page's
// Capture button downloads it; `ssp-kit screenshot --format html` (walkthrough/share.py)
// writes it, through window.__sspSnapshot.

export function snapshot() {
  const css = [...document.styleSheets].map((sheet) => {
    try { return [...sheet.cssRules].map((rule) => rule.cssText).join("\n"); }
    catch { return ""; }
  }).join("\n");
  const copy = document.documentElement.cloneNode(true);
  const active = "script, link, iframe, object, embed";
  for (const element of copy.querySelectorAll(active)) element.remove();
  for (const element of copy.querySelectorAll("*")) {
    for (const attribute of [...element.attributes]) {
      if (/^on/i.test(attribute.name)) element.removeAttribute(attribute.name);
    }
  }
  const head = copy.querySelector("head");
  const policy = document.createElement("meta");
  policy.httpEquiv = "Content-Security-Policy";
  policy.content = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
  head.prepend(policy);
  const style = document.createElement("style");
  style.textContent = css;
  head.append(style);
  return "<!doctype html>\n" + copy.outerHTML;
}

window.__sspSnapshot = snapshot;
