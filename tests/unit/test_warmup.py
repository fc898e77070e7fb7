"""simulator.warmup: the walk the worker runs after the boot to warm the engine up."""

from __future__ import annotations

import json
import re

import pytest

from simulator import warmup, worker
from simulator.app import SCREENS
from simulator.markets import Cloud


@pytest.mark.parametrize("lang", ["en", "da"])
def test_the_walk_goes_through_every_screen_and_pane_in_both_clouds(lang: str) -> None:
    screens = set()
    panes = set()
    clouds = set()
    for html in warmup.walk(lang):
        screens.update(re.findall(r'class="ssp-main"[^>]* data-screen="(\w+)"', html))
        clouds.update(re.findall(r'data-cloud="([\w-]+)"', html))
        panes.update(re.findall(r'class="ssp-pane-title"[^>]*>([^<]+)<', html))
    assert screens == set(SCREENS)
    assert clouds == {cloud.value for cloud in Cloud}
    assert len(panes) == 2  # Buy licenses, Cancel subscription


def test_step_walks_once_then_answers_false() -> None:
    warmup._walks.clear()
    steps = 0
    while worker.warm_up("da"):
        steps += 1
    assert steps == sum(1 for _ in warmup.walk("da")) > 0
    assert worker.warm_up("da") is False


def test_the_walk_leaves_the_pages_simulators_alone() -> None:
    warmup._walks.clear()
    settings = json.dumps({"lang": "en", "cloud": "o365-worldwide", "scenario": "default"})
    worker.mount("page", settings)
    event = {"type": "click", "action": "go", "data": {"screen": "bills"}}
    saved = json.loads(worker.dispatch("page", json.dumps(event)))["state"]
    keys = set(worker._instances)
    while worker.warm_up("en"):
        pass
    assert set(worker._instances) == keys
    assert worker._instances["page"].state() == saved
