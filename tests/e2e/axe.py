"""axe-core (npm's, in node_modules) for the e2e tests: one way to inject it and to read
its findings.

axe is injected into the page, which the site's Content-Security-Policy forbids: a test
opens its page in a context of its own that bypasses the CSP (:func:`axe_page`), and the
site's CSP itself is never weakened.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
#: What must not be found: axe's impacts above "minor".
IMPACTS = ("critical", "serious", "moderate")
#: Transitions under way are waited for (Material's header title fades as the page scrolls:
#: half faded, it is a contrast finding of a moment); endless animations are not.
RUN = """async ([scope, impacts]) => {
  await Promise.all(document.getAnimations()
    .filter(a => a.effect && a.effect.getTiming().iterations !== Infinity)
    .map(a => a.finished.catch(() => null)));
  const result = await axe.run(scope ?? document, { resultTypes: ["violations"] });
  return result.violations
    .filter(v => impacts.includes(v.impact))
    .map(v => `${v.impact} ${v.id}: ${v.nodes.length} × ` +
      v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | "));
}"""


@contextmanager
def axe_page(browser: Any, base_url: str, timeout: float = 60_000) -> Iterator[Any]:
    """A page in a context of its own that bypasses the site's CSP, so axe can be injected."""
    if not AXE.is_file():
        pytest.fail(f"no {AXE.relative_to(ROOT)}: run npm ci (axe-core is a devDependency)")
    context = browser.new_context(base_url=base_url, bypass_csp=True)
    context.set_default_timeout(timeout)
    try:
        yield context.new_page()
    finally:
        context.close()


def findings(page: Any, scope: dict[str, Any] | None = None) -> list[str]:
    """axe's findings of :data:`IMPACTS` on the page as it is now (in ``scope``, axe's
    include/exclude context, or the whole document)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found: list[str] = page.evaluate(RUN, [scope, list(IMPACTS)])
    return found
