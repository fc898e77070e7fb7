"""Finding codes of the step checker: one per defect class, each with an example.

======================  ========  =====================================================
code                    severity  example (Danish article) -> suggestion
======================  ========  =====================================================
bold-verb               error     ``og derefter **vælge Selvbetjening**``
                                  -> ``vælge **Selvbetjening**``
bold-extra-word         error     ``gå til **siden Fakturering**`` -> ``siden **Fakturering**``
bold-misplaced          error     ``i **feltet Licenser i** alt`` -> ``**Licenser i alt**``
bold-not-label          error     ``Vælg Rediger i højre **rude**`` (no control is called
                                  "rude") -> remove the bold
label-unknown           error     ``**eller Angive et datointerval**``
                                  -> did you mean ``**Angiv et datointerval**``
label-case              error     ``**dine produkter**`` -> ``**Dine produkter**``
label-merged            error     ``**siden Faktureringslicenser**``
                                  -> did you mean ``**Fakturering** > **Licenser**``
link-partial            error     ``**Fakturering** > [dine](...) produkter``: the link
                                  covers part of "Dine produkter"
                                  -> ``**Fakturering** > **Dine produkter**``
path-broken             error     ``**siden Faktureringslicenser**\\>.`` (a ``>`` with
                                  nothing after it, or an empty link)
label-not-bold          error     ``Vælg Rediger i højre rude`` -> ``Vælg **Rediger**``;
                                  ``(flere handlinger)`` -> ``**Flere handlinger**``
fence-malformed         error     ``:: moniker range="o365-worldwide"`` before the step
                                  -> ``::: moniker range="o365-worldwide"``
annotation-invalid      error     ``<!-- ssp: colour=red -->`` (unknown key)
annotation-conflict     warning   ``skriv 105 <!-- ssp: value=110 -->`` (the prose wins)
portal-in-bold          warning   ``I **Administration** skal du ...``: the portal's name
                                  is running text, not a control
no-reference            info      ``Vælg en faktureringsprofil på listen.``: nothing
                                  checkable (never a warning)
======================  ========  =====================================================

A step *fails* when it has an error finding (or a driver reports it could not be done);
it is *flagged* when it fails or carries a finding with a suggestion. Diagnostics about a
file as a whole (``locale-unsupported``, ``catalog-missing``, ``moniker-*``,
``fence-malformed``, ``no-procedures``) are listed in ``CODES.md`` too.
"""

from __future__ import annotations

from dataclasses import dataclass

from walkthrough.learn.diagnostics import Severity

SEVERITY: dict[str, Severity] = {
    "bold-verb": "error",
    "bold-extra-word": "error",
    "bold-misplaced": "error",
    "bold-not-label": "error",
    "label-unknown": "error",
    "label-case": "error",
    "label-merged": "error",
    "link-partial": "error",
    "path-broken": "error",
    "label-not-bold": "error",
    "fence-malformed": "error",
    "annotation-invalid": "error",
    "annotation-conflict": "warning",
    "portal-in-bold": "warning",
    "no-reference": "info",
    "driver-failed": "error",
    "postcondition-failed": "error",
}


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    suggestion: str | None = None

    @property
    def severity(self) -> Severity:
        return SEVERITY[self.code]
