"""The checks a scenario passes: its data (:func:`check`) and its id (:func:`check_id`).

:func:`checked` walks the data against the schema, then runs the rules between fields:
``build_portal`` builds from the normalized data it returns when there is no problem.
"""

from __future__ import annotations

import re
from typing import Any

from .problems import Problem
from .rules import Rules
from .schema import RECORDS
from .walk import Walk

SCENARIO_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def check_id(scenario_id: str) -> str | None:
    """Why ``scenario_id`` (a file name without extension) can't name a scenario, or None."""
    if SCENARIO_ID.match(scenario_id):
        return None
    return (
        f"the file name '{scenario_id}' can't be a scenario id: name the file with lowercase "
        "letters, digits and hyphens, like no-free-licenses.yml."
    )


def check(data: object) -> list[Problem]:
    """Every problem in a parsed scenario (empty when it is fine)."""
    return checked(data)[1]


def checked(data: object) -> tuple[dict[str, Any] | None, list[Problem]]:
    """``data`` normalized (None where a value is bad) and every problem in it."""
    if data is None:
        return None, [
            Problem(
                (),
                "the file is empty. A scenario has fields like today:, organization:, "
                "signed_in:, people: and subscriptions:; start from a copy of "
                "simulator/scenarios/default.yml.",
            )
        ]
    walk = Walk()
    normalized = walk.record(data, RECORDS["scenario"], ())
    if normalized is not None:
        Rules(normalized, walk).run()
    return normalized, walk.problems
