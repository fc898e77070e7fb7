"""Scenarios as data -> a portal state, with a check that says what to fix and where.

A scenario is the state a page (or a support call) starts from: who is signed in and as
what, the organization's people, the subscriptions, cards, billing profiles and invoices,
and "today". Scenario files are YAML in ``simulator/scenarios/`` (the id is the file
name); the build converts them to JSON in the package data, so PyYAML never runs in the
browser. This package works on the parsed data only, so the build, the CLI
(``ssp-kit scenario validate``) and the browser's loader share one check:

    :func:`check` -> a list of :class:`Problem` (field path + what to do), empty if fine
    :func:`build_portal` -> a :class:`~simulator.model.Portal`, or :class:`ScenarioError`

Its modules, in the order a scenario goes through them:

    kinds      kinds of values and their readers (text, whole number, date, amount...)
    schema     the fields of each part of a scenario (:data:`RECORDS`)
    walk       raw data read against the schema, field by field
    rules      what must hold between fields: ids that exist, counts, dates in order
    checks     the check of a scenario's data (walk, then rules) and of its id
    portal     from checked data to a Portal
    packaged   the scenarios the package ships (``_data/scenarios``), loaded and cached
    problems   field paths, Problem and ScenarioError, and how messages show values
"""

from __future__ import annotations

from .checks import check, check_id
from .packaged import load, load_data, scenario_ids
from .portal import build_portal, normalize
from .problems import Problem, ScenarioError, format_path
from .schema import RECORDS

__all__ = [
    "RECORDS",
    "Problem",
    "ScenarioError",
    "build_portal",
    "check",
    "check_id",
    "format_path",
    "load",
    "load_data",
    "normalize",
    "scenario_ids",
]
