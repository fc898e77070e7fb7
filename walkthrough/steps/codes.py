"""Finding codes of the step checker: one per defect class, each with its example.

:data:`CODES` is the one description of every code the checker reports: findings on a
step (file:line of the step) and diagnostics on a file. ``walkthrough/steps/CODES.md``, the
writers' table, is generated from it together with the Learn scanner's codes
(``walkthrough.learn.diagnostics.CODES``): ``python -m walkthrough.steps.codes`` writes it,
and a test fails when the file and this table disagree.

A step *fails* when it has an error finding (or a driver reports it could not be done);
it is *flagged* when it fails or carries a finding with a suggestion. ``info`` is never a
warning.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from walkthrough.learn.diagnostics import CODES as LEARN_CODES
from walkthrough.learn.diagnostics import Severity

MARKDOWN = Path(__file__).with_name("CODES.md")


@dataclass(frozen=True)
class Code:
    severity: Severity
    on: Literal["step", "file"]
    example: str  # Markdown: what a writer wrote (Danish, the delivered article's)
    suggestion: str = ""  # Markdown: what the checker suggests instead


CODES: dict[str, Code] = {
    "bold-verb": Code(
        "error", "step", "`og derefter **vælge Selvbetjening**`", "`vælge **Selvbetjening**`"
    ),
    "bold-extra-word": Code(
        "error", "step", "`gå til **siden Fakturering**`", "`siden **Fakturering**`"
    ),
    "bold-misplaced": Code(
        "error", "step", "`i **feltet Licenser i** alt`", "`**Licenser i alt**`"
    ),
    "bold-not-label": Code(
        "error",
        "step",
        "`Vælg Rediger i højre **rude**` (no control is called *rude*)",
        "take `rude` out of the bold",
    ),
    "label-unknown": Code(
        "error",
        "step",
        "`**eller Angive et datointerval**`",
        "did you mean `**Angiv et datointerval**`",
    ),
    "label-case": Code("error", "step", "`**dine produkter**`", "`**Dine produkter**`"),
    "label-untranslated": Code(
        "error",
        "step",
        "`转到 **Billing** > …` in a Chinese article: the English label, left untranslated "
        "(in a language the kit does not have yet, reported on its unchecked steps)",
        "`**计费**`",
    ),
    "label-merged": Code(
        "error",
        "step",
        "`**siden Faktureringslicenser**`",
        "did you mean `**Fakturering** > **Licenser**`",
    ),
    "link-partial": Code(
        "error",
        "step",
        "`**Fakturering** > [dine](…) produkter`: the link covers part of *Dine produkter*",
        "did you mean `**Fakturering** > **Dine produkter**`",
    ),
    "path-broken": Code(
        "error",
        "step",
        "`**siden Faktureringslicenser**\\>.` (a `>` with nothing after it, or an empty link)",
    ),
    "label-not-bold": Code(
        "error",
        "step",
        "`Vælg Rediger i højre rude`; `(flere handlinger)`",
        "`**Rediger**`; `**Flere handlinger**`",
    ),
    "fence-malformed": Code(
        "error",
        "step",
        '`:: moniker range="o365-worldwide"` on a line before the step, which then shows in '
        "every cloud",
        '`::: moniker range="o365-worldwide"`',
    ),
    "annotation-invalid": Code("error", "step", "`<!-- ssp: colour=red -->` (an unknown key)"),
    "annotation-conflict": Code(
        "warning", "step", "`skriv 105 <!-- ssp: value=110 -->` (the prose wins)"
    ),
    "portal-in-bold": Code(
        "warning",
        "step",
        "`I **Administration** skal du …`: the portal's name is running text, not a control",
        "write it without bold",
    ),
    "no-reference": Code(
        "info",
        "step",
        "`Vælg en faktureringsprofil på listen.`: nothing checkable (never a warning)",
    ),
    "driver-failed": Code(
        "error",
        "step",
        "(executed) the simulator has no `button` named `Gem` in the open pane",
    ),
    "postcondition-failed": Code(
        "error",
        "step",
        "(executed) expected `subscription.total_licenses == 105`, the simulator has `100`",
    ),
    "locale-unsupported": Code(
        "warning",
        "file",
        "`ms.contentlocale: de-DE`: the kit has no catalog or step grammar for it; the steps "
        "are extracted, none is checked",
    ),
    "grammar-invalid": Code(
        "error", "file", "`locales/da/grammar.yml` does not have the documented shape"
    ),
    "no-procedures": Code(
        "info",
        "file",
        "no heading followed by a numbered list (an index page, say), in a folder checked",
    ),
    "no-steps": Code(
        "error",
        "file",
        "`ssp-kit check docs/da/index.md`: a file named on the command line in which no step "
        "is found (checking it checked nothing)",
        "name an article, or the folder (where such a file is only listed)",
    ),
}


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    suggestion: str | None = None

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity


def markdown() -> str:
    """The writers' table of every code (``CODES.md``), from :data:`CODES` and Learn's."""
    out = [
        "# Step checker codes",
        "",
        "<!-- Generated by `python -m walkthrough.steps.codes` from walkthrough/steps/codes.py"
        " and walkthrough/learn/diagnostics.py: edit those, then run it. -->",
        "",
        "Findings are attached to a step (file:line); diagnostics to a file. A step **fails**",
        "when it has an `error` finding (or a driver could not do it); it is **flagged** when it",
        "fails or a finding carries a suggestion. `info` is never a warning.",
        "",
    ]
    for on, title in (("step", "On a step"), ("file", "On a file")):
        out += [
            f"## {title}",
            "",
            "| code | severity | example | suggestion |",
            "| --- | --- | --- | --- |",
        ]
        for code, entry in CODES.items():
            if entry.on == on:
                suggestion = entry.suggestion or "—"
                out.append(f"| `{code}` | {entry.severity} | {entry.example} | {suggestion} |")
        out.append("")
    out += [
        "## Moniker zones and alerts (the Learn scanner, on a file)",
        "",
        "| code | name | severity | reported for |",
        "| --- | --- | --- | --- |",
    ]
    for code, (name, severity, what) in LEARN_CODES.items():
        out.append(f"| `{code}` | {name} | {severity} | {what} |")
    out += [
        "",
        "## Annotations",
        "",
        '`<!-- ssp: target=powerbi-pro value=105 expect="subscription.total_licenses == 105" -->`',
        "on the step's line: `target`, `users` (comma list), `value`, `expect` (`name op value`,",
        "op in `== != >= <= contains`, `;`-separated), `skip` (reason). No key names a label:",
        "labels come from the prose only. See `walkthrough/steps/annotations.py`.",
        "",
    ]
    return "\n".join(out)


if __name__ == "__main__":
    MARKDOWN.write_text(markdown(), encoding="utf-8")
    sys.stdout.write(f"wrote {MARKDOWN}\n")
