"""Fixtures of the unit tests: portals built from the scenario sources, no build needed.

``make_portal("expired-card", lang="da")`` reads ``simulator/scenarios/expired-card.yml``
through the same check the build and the browser use; the ``portal`` fixture is the
default scenario in English, worldwide. Portals are immutable, so one cached portal per
(scenario, language, cloud) is shared by every test.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from simulator.markets import Cloud
from simulator.model import Portal
from simulator.scenario import build_portal
from walkthrough.scenarios import parse

SCENARIOS = Path(__file__).resolve().parents[2] / "simulator" / "scenarios"
SCENARIO_IDS = tuple(
    sorted((p.stem for p in SCENARIOS.glob("*.yml")), key=lambda s: s != "default")
)


@cache
def scenario_data(scenario_id: str) -> Any:
    data, _ = parse((SCENARIOS / f"{scenario_id}.yml").read_text(encoding="utf-8"))
    return data


@cache
def make_portal(
    scenario_id: str = "default", *, lang: str = "en", cloud: Cloud = Cloud.WORLDWIDE
) -> Portal:
    return build_portal(scenario_data(scenario_id), lang=lang, cloud=cloud, source=scenario_id)


@pytest.fixture
def portal() -> Portal:
    return make_portal("default")


@pytest.fixture
def portal_of() -> Callable[..., Portal]:
    return make_portal
