"""Guided practice at build time: per page, per procedure, per cloud, the guide data the
page embeds beside the procedure's simulator (``simulator.embed.render_frame(guides=)``).

The guide of a procedure is its steps' intents as the checker infers them, turned into
acts (``walkthrough.steps.guide``), plus the next procedure of the page. Only a procedure
the checker passes in that language and cloud gets one: the others are named in a warning
saying, with file and line, why they have no guided practice.
"""

from __future__ import annotations

import itertools
from typing import Any

from simulator.markets import Cloud
from walkthrough.checker.check import UsageError, check_text, intents, simulators
from walkthrough.checker.driver import Driver
from walkthrough.checker.screen import initial_portal
from walkthrough.steps import guide
from walkthrough.steps.procedures import slug
from walkthrough.steps.report import FileReport, ProcedureReport

Guides = dict[str, dict[str, dict[str, Any]]]  # procedure id -> cloud -> guide data


def _why_not(report: ProcedureReport | None) -> str | None:
    """Why a checked procedure gets no guide (None: it passes)."""
    if report is None:
        return "the checker did not run it"
    failing = [s for s in report.steps if s.status == "fail"]
    if failing:
        codes = ", ".join(sorted({f.code for f in failing[0].findings})) or "failed"
        return f"step at line {failing[0].line} fails the checker ({codes})"
    return None


def build(text: str, path: str, locale: str | None, report: FileReport) -> tuple[Guides, list[str]]:
    """The guides of the page ``text`` (its checker ``report``), and a warning for each
    procedure without one: ``<path>:<line>: <title> has no guided practice in ...``."""
    try:
        lang, found = intents(text, path, locale)
    except UsageError as error:
        return {}, [f"{path}:1: no guided practice: {error}"]
    placed = simulators(text)
    reports = {(p.procedure_id, p.moniker, p.line): p for p in report.procedures}
    out: Guides = {}
    warnings: list[str] = []
    for procedure, steps_intents in found:
        pid = procedure.procedure_id
        if pid is None or pid not in placed:
            continue
        why = _why_not(reports.get((pid, procedure.moniker, procedure.line)))
        if why is not None:
            warnings.append(
                f"{path}:{procedure.line}: {procedure.title} has no guided practice in "
                f"{lang}/{procedure.moniker}: {why}"
            )
            continue
        settings = placed[pid]
        portal = initial_portal(settings["scenario"], lang, Cloud(procedure.moniker))
        out.setdefault(pid, {})[procedure.moniker] = {
            "id": pid,
            "cloud": procedure.moniker,
            "title": procedure.title,
            "anchor": procedure.anchor or slug(procedure.title),
            "steps": guide.steps(procedure, steps_intents, portal),
        }
    for cloud in Cloud:
        shown = [by_cloud[cloud.value] for by_cloud in out.values() if cloud.value in by_cloud]
        for first, second in itertools.pairwise(shown):
            first["next"] = {"id": second["id"], "title": second["title"]}
    return out, warnings


def of_page(text: str, path: str, language: str, driver: Driver) -> tuple[Guides, list[str]]:
    """``build`` after checking the page with ``driver`` (its ``ms.contentlocale``, else
    the site's ``language``), as the plugin does on every build."""
    locale = None if "ms.contentlocale" in text else language
    return build(text, path, locale, check_text(text, path, locale=locale, driver=driver))
