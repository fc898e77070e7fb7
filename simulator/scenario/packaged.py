"""The packaged scenarios: JSON written by ``walkthrough.bundle.package_data``."""

from __future__ import annotations

import json
import pathlib
from functools import cache
from typing import Any

from ..markets import Cloud
from ..model import Portal
from .checks import check_id
from .portal import build_portal


def _packaged() -> pathlib.Path:
    return pathlib.Path(__file__).parent.parent / "_data" / "scenarios"  # simulator/_data


def scenario_ids() -> tuple[str, ...]:
    """The ids of the packaged scenarios, default first."""
    ids = sorted(
        p.name.removesuffix(".json") for p in _packaged().iterdir() if p.name.endswith(".json")
    )
    return tuple(sorted(ids, key=lambda i: i != "default"))


def load_data(scenario_id: str) -> dict[str, Any]:
    """The parsed data of the packaged scenario ``scenario_id``."""
    if check_id(scenario_id) is not None or scenario_id not in scenario_ids():
        raise LookupError(f"no scenario {scenario_id!r}; the scenarios are {scenario_ids()}")
    data: dict[str, Any] = json.loads((_packaged() / f"{scenario_id}.json").read_text("utf-8"))
    return data


@cache
def load(scenario_id: str, *, lang: str, cloud: Cloud) -> Portal:
    """The packaged scenario ``scenario_id`` for a language and cloud.

    Cached: a Portal is immutable (commands return new ones), and every simulator of a
    page starts from the same few, so a re-mount after instant navigation costs no parsing.
    """
    return build_portal(
        load_data(scenario_id), lang=lang, cloud=cloud, source=f"{scenario_id}.json"
    )
