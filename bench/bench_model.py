"""The portal model's speed in CPython: commands (and queries) per second.

Each figure runs one kind of work on the default scenario for about ``SECONDS`` and
reports how many it did per second. The workloads use ``simulator`` only (no PyYAML, no
files), so the same functions can run in Pyodide: ``workloads(portal)`` gives them.

    python -m bench.bench_model
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import suppress
from itertools import cycle

from simulator import scenario
from simulator.commands import (
    AddPaymentMethod,
    AssignLicenses,
    CancelSubscription,
    Command,
    FindPeople,
    ListInvoices,
    SetTotalLicenses,
    UnassignLicenses,
)
from simulator.errors import Rejected
from simulator.handlers import ask, handle
from simulator.markets import Cloud
from simulator.model import Portal

SECONDS = 0.3


def _apply(portal: Portal, commands: Iterator[Command]) -> Callable[[], None]:
    """One step: the next command on the current state (kept); refusals count as steps."""
    state = [portal]

    def step() -> None:
        with suppress(Rejected):
            state[0] = handle(state[0], next(commands))

    return step


def workloads(portal: Portal) -> dict[str, Callable[[], None]]:
    """Name -> one unit of work on ``portal`` (a command or a query)."""
    free = [p.id for p in portal.members if p.id not in portal.subscription("powerbi-pro").assigned]
    one, three = (free[0],), tuple(free[:3])
    card = AddPaymentMethod("4111 1111 1111 1111", "Mette Larsen", "08/29", "123", "Street 1")
    mixed: list[Command] = [
        SetTotalLicenses("powerbi-pro", 105),
        AssignLicenses("powerbi-pro", three),
        UnassignLicenses("powerbi-pro", three),
        SetTotalLicenses("powerbi-pro", 100),
        AssignLicenses("visio-plan-2", one),  # refused: no free license
        SetTotalLicenses("powerbi-pro", 0),  # refused: below 1
        card,
    ]

    def cancel() -> None:  # always on the active subscription: a second cancel is refused
        handle(portal, CancelSubscription("power-automate", "other"))

    def add_card() -> None:
        handle(portal, card)

    def find_people() -> None:
        ask(portal, FindPeople("jo", "powerbi-pro"))

    def list_invoices() -> None:
        ask(portal, ListInvoices("past_6_months"))

    def load_scenario() -> None:
        scenario.load("default", lang="da", cloud=Cloud.WORLDWIDE)

    return {
        "assign_unassign_per_s": _apply(
            portal,
            cycle([AssignLicenses("powerbi-pro", one), UnassignLicenses("powerbi-pro", one)]),
        ),
        "set_total_per_s": _apply(
            portal,
            cycle([SetTotalLicenses("powerbi-pro", 105), SetTotalLicenses("powerbi-pro", "100")]),
        ),
        "refused_per_s": _apply(portal, cycle([AssignLicenses("visio-plan-2", one)])),
        "cancel_per_s": cancel,
        "add_card_per_s": add_card,
        "mixed_commands_per_s": _apply(portal, cycle(mixed)),
        "find_people_per_s": find_people,
        "list_invoices_per_s": list_invoices,
        "scenario_loads_per_s": load_scenario,
    }


def rate(work: Callable[[], None], seconds: float = SECONDS) -> float:
    """How many times per second ``work`` runs, over about ``seconds``."""
    done, batch = 0, 16
    started = time.perf_counter()
    elapsed = 0.0
    while elapsed < seconds:
        for _ in range(batch):
            work()
        done += batch
        batch = min(batch * 2, 4096)
        elapsed = time.perf_counter() - started
    return done / elapsed


def run() -> dict[str, float]:
    """Per-second figures in CPython, on the default scenario (English, worldwide)."""
    portal = scenario.load("default", lang="en", cloud=Cloud.WORLDWIDE)
    return {name: rate(work) for name, work in workloads(portal).items()}


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name:28} {value:14.0f}")
