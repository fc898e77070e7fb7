"""The kit's pages' guided practice, as the build computes it (for the guide's tests)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from simulator import guide
from simulator.markets import Cloud
from simulator.ui import Settings
from walkthrough.checker import check
from walkthrough.checker.inprocess_driver import InProcessDriver
from walkthrough.plugin import guides

DOCS = Path(__file__).resolve().parents[2] / "docs"
PAGE = "manage-self-service-purchases-users.md"
KINDS = {"go", "click", "fill", "select", "choose", "pick", "people", "complete", "within"}
CASES = [(lang, cloud) for lang in ("en", "da") for cloud in Cloud]


@cache
def page_guides(lang: str) -> tuple[guides.Guides, tuple[str, ...]]:
    path = DOCS / lang / PAGE
    found, warnings = guides.of_page(
        path.read_text("utf-8-sig"), str(path), lang, InProcessDriver()
    )
    return found, tuple(warnings)


def settings_of(lang: str, cloud: Cloud, pid: str) -> Settings:
    placed = check.simulators((DOCS / lang / PAGE).read_text("utf-8-sig"))[pid]
    return Settings(lang=lang, cloud=cloud, scenario=placed["scenario"], screen=placed["screen"])


def steps_of(data: dict[str, Any]) -> tuple[guide.Step, ...]:
    return tuple(guide.Step.from_dict(s) for s in data["steps"])
