"""Scenarios as data -> a portal state.

Scenario files are YAML in ``simulator/scenarios/``; the build converts them to JSON in
the package data (PyYAML never runs in the browser). This module takes the parsed data.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from importlib import resources
from typing import Any

from .model import Cloud, Portal, Subscription


class ScenarioError(ValueError):
    """A scenario is malformed: which file, which field, what is wrong."""

    def __init__(self, source: str, field: str, problem: str) -> None:
        self.source, self.field, self.problem = source, field, problem
        super().__init__(f"{source}: {field}: {problem}")


def currency_for(lang: str, cloud: Cloud) -> str:
    """21Vianet bills in CNY; worldwide in the page language's usual currency (kit)."""
    if cloud is Cloud.VIANET:
        return "CNY"
    return {"da": "DKK"}.get(lang, "USD")


def build_portal(data: Mapping[str, Any], *, lang: str, cloud: Cloud, source: str) -> Portal:
    currency = currency_for(lang, cloud)
    subs = []
    for i, raw in enumerate(data.get("subscriptions", [])):
        assigned = raw["assigned"]
        people = tuple(f"user-{n}" for n in range(assigned)) if isinstance(assigned, int) else tuple(assigned)
        subs.append(
            Subscription(
                id=raw["id"],
                product=raw["product"],
                total_licenses=int(raw["total_licenses"]),
                assigned=people,
                price_per_license=Decimal(str(raw["price"][currency])),
                currency=currency,
                purchased=date.fromisoformat(str(raw["purchased"])),
                expires=date.fromisoformat(str(raw["expires"])),
            )
        )
        del i
    return Portal(today=date.fromisoformat(str(data["today"])), subscriptions=tuple(subs))


def load(scenario_id: str, *, lang: str, cloud: Cloud) -> Portal:
    """The packaged scenario ``scenario_id`` for a language and cloud."""
    path = resources.files(__package__) / "_data" / "scenarios" / f"{scenario_id}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return build_portal(data, lang=lang, cloud=cloud, source=f"{scenario_id}.json")
