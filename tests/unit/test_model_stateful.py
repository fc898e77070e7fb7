"""Random and hostile command sequences against every scenario (Hypothesis stateful).

The full budget is 10,000 sequences, split evenly over the scenarios, each in a random
language and cloud: ``SSP_STATEFUL_SEQUENCES=10000 pytest tests/unit/test_model_stateful.py``
(about a minute). The everyday unit run does 2,400 (about 15 s), because Hypothesis
costs a few milliseconds per sequence whatever the model does.

After every command the invariants hold: assigned <= total, 1 <= total <= MAX_LICENSES,
a total saved by Buy licenses is higher and by Remove lower, a new card is of a brand
the portal takes, names and addresses are printable and within their limits, no one is
assigned twice, no guest and no stranger assigned, an assign adds at most 20 people, a
cancelled or disabled subscription never changes, an expired one never gains a license
nor an assignment (kit: ``model.ACCEPTS``), a refused command leaves the state equal to
before, and the admin changes nothing at all.

PYTEST_DONT_REWRITE: pytest's assertion rewriting would slow every step; the asserts
carry their own messages.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from simulator import errors
from simulator.commands import (
    AddPaymentMethod,
    AssignLicenses,
    CancelSubscription,
    Command,
    EditPaymentMethod,
    FindPeople,
    ListInvoices,
    ListProducts,
    ReplacePaymentMethod,
    SetTotalLicenses,
    UnassignLicenses,
)
from simulator.errors import Rejected
from simulator.handlers import ask, handle
from simulator.markets import Cloud
from simulator.model import (
    CANCEL_REASONS,
    CARD_LENGTHS,
    MAX_ASSIGN_AT_ONCE,
    MAX_CARD_ADDRESS,
    MAX_CARD_NAME,
    MAX_LICENSES,
    Portal,
    Role,
    Status,
    TotalChange,
    printable,
)
from simulator.scenario import build_portal
from walkthrough.scenarios import parse

SEQUENCES = int(os.environ.get("SSP_STATEFUL_SEQUENCES", "2400"))
STEPS = 8
SOURCES = Path(__file__).resolve().parents[2] / "simulator" / "scenarios"
SCENARIO_IDS = sorted(p.stem for p in SOURCES.glob("*.yml"))
VARIANTS = [("en", Cloud.WORLDWIDE), ("da", Cloud.WORLDWIDE), ("en", Cloud.VIANET)]
PORTALS: dict[tuple[str, str, Cloud], Portal] = {}
for _id in SCENARIO_IDS:
    _data = parse((SOURCES / f"{_id}.yml").read_text(encoding="utf-8"))[0]
    for _lang, _cloud in VARIANTS:
        PORTALS[_id, _lang, _cloud] = build_portal(_data, lang=_lang, cloud=_cloud, source=_id)

NUMBERS = [
    "4111 1111 1111 1111",
    "5555555555554444",
    "4111111111111112",
    "",
    "12ab",
    "4242",
    "0000 0000 0000 0000",
    "5555 5555 5555 4444 4",
    "4111 1111 1111 1111 1111 1111",
]
EXPIRATIONS = ["08/29", "11/26", "10/26", "13/27", "1/2030", "", "12/2025"]
CODES = ["123", "1234", "12", "abc", ""]
NAMES = [
    "Mette Larsen",
    "",
    "   ",
    "Åse Østergaard",
    "\x00\u202e",
    " Ann\u202e\x00 Lee ",
    "N" * 101,
]
ADDRESSES = ["Strandvejen 12, 2900 Hellerup", "", "x", "\t\u2066\n", "A" * 201, "A" * 200]
REASONS = [*CANCEL_REASONS, "", "because"]
TEXT_TOTALS = ["105", " 7 ", "abc", "", "-1", "1e3", "10.5", "1 05", "10001", "9" * 20, "9" * 100]


def snapshot(value: Any) -> tuple[Any, ...]:
    """A frozen dataclass's field values: what must still be there after a refusal."""
    return tuple(getattr(value, f.name) for f in fields(value))


def fingerprint(portal: Portal) -> tuple[Any, ...]:
    """Everything a command could change, copied, to compare after a refusal."""
    return (
        snapshot(portal),
        tuple(snapshot(s) for s in portal.subscriptions),
        tuple(snapshot(c) for c in portal.cards),
        tuple(snapshot(b) for b in portal.billing_profiles),
    )


def pick[T](items: Sequence[T], index: int) -> T:
    return items[index % len(items)]


INDEX = st.integers(0, 255)
#: A group of people as (how many, first index, step): three draws instead of one per
#: person, which keeps 10,000 sequences fast; a step of 0 repeats one person.
GROUP = st.tuples(st.integers(0, MAX_ASSIGN_AT_ONCE + 3), INDEX, st.integers(0, 7))


def group(candidates: Sequence[str], spec: tuple[int, int, int]) -> tuple[str, ...]:
    count, first, step = spec
    return tuple(pick(candidates, first + k * step) for k in range(count))


class PortalMachine(RuleBasedStateMachine):
    scenario_ids: ClassVar[list[str]] = SCENARIO_IDS

    def __init__(self) -> None:
        super().__init__()
        self.portal: Portal
        self.start: Portal
        self.frozen: dict[str, tuple[Any, ...]] = {}
        self.subs: list[str] = []
        self.people: list[str] = []
        self.members: set[str] = set()
        self.cards: list[str] = []
        self.profiles: list[str] = []

    @initialize(scenario=INDEX, variant=st.sampled_from(VARIANTS))
    def begin(self, scenario: int, variant: tuple[str, Cloud]) -> None:
        scenario_id = pick(self.scenario_ids, scenario)
        self.portal = self.start = PORTALS[scenario_id, variant[0], variant[1]]
        self.subs = [s.id for s in self.portal.subscriptions] + ["nope"]
        self.people = [p.id for p in self.portal.people] + ["stranger", ""]
        self.members = {p.id for p in self.portal.members}
        self.cards = [c.id for c in self.portal.cards] + ["card-99"]
        self.profiles = [b.id for b in self.portal.billing_profiles] + ["profile-99"]
        self.remember_cancelled()

    def remember_cancelled(self) -> None:
        for sub in self.portal.subscriptions:
            if sub.status in (Status.CANCELLED, Status.DISABLED):
                self.frozen.setdefault(sub.id, snapshot(sub))

    def run(self, command: Command) -> None:
        before = self.portal
        copy = fingerprint(before)
        try:
            after = handle(before, command)
        except Rejected as error:
            assert error.message in MESSAGES
            assert self.portal is before and fingerprint(before) == copy
            if before.role is Role.ADMIN:
                assert error.message == errors.READ_ONLY
            return
        assert before.role is not Role.ADMIN, f"the admin changed something with {command!r}"
        assert fingerprint(before) == copy, "a command changed the portal it was given"
        if isinstance(command, AssignLicenses):
            old = before.subscription(command.subscription).assigned
            new = after.subscription(command.subscription).assigned
            assert 1 <= len(new) - len(old) <= MAX_ASSIGN_AT_ONCE
        for sub in before.subscriptions:
            if sub.status is Status.EXPIRED:
                now = after.subscription(sub.id)
                assert now.status is Status.EXPIRED, f"expired {sub.id} became {now.status}"
                assert now.total_licenses <= sub.total_licenses, f"expired {sub.id} grew"
                assert set(now.assigned) <= set(sub.assigned), f"expired {sub.id} assigned"
        self.portal = after
        self.remember_cancelled()

    # Commands, with ids and values both sensible and hostile (indexes keep draws cheap).
    @rule(
        sub=INDEX,
        total=st.integers(-3, 140) | st.sampled_from(TEXT_TOTALS),
        near=st.sampled_from(["", "assigned", "total", "max"]),
        change=st.sampled_from([None, *TotalChange]),
    )
    def set_total(self, sub: int, total: int | str, near: str, change: TotalChange | None) -> None:
        sub_id = pick(self.subs, sub)
        if near and isinstance(total, int) and sub_id != "nope":
            now = self.portal.subscription(sub_id)
            around = {"assigned": len(now.assigned), "total": now.total_licenses}
            total = around.get(near, MAX_LICENSES) + total % 4 - 1
        before = self.portal
        self.run(SetTotalLicenses(sub_id, total, change))
        if self.portal is not before:  # done: the pane did what it says
            old = before.subscription(sub_id).total_licenses
            new = self.portal.subscription(sub_id).total_licenses
            assert new != old, "an unchanged total was saved"
            assert change is not TotalChange.BUY or new > old, "Buy licenses lowered the total"
            assert change is not TotalChange.REMOVE or new < old, "Remove raised the total"

    @rule(sub=INDEX, people=GROUP)
    def assign(self, sub: int, people: tuple[int, int, int]) -> None:
        sub_id = pick(self.subs, sub)
        free = [p for p in self.people if p in self.members]
        if sub_id != "nope":
            taken = set(self.portal.subscription(sub_id).assigned)
            free = [p for p in free if p not in taken]
        # Mostly people who can get a license, sometimes anyone at all.
        candidates = (free * 3 + self.people) if free else self.people
        self.run(AssignLicenses(sub_id, group(candidates, people)))

    @rule(sub=INDEX, people=GROUP)
    def unassign(self, sub: int, people: tuple[int, int, int]) -> None:
        sub_id = pick(self.subs, sub)
        assigned = list(self.portal.subscription(sub_id).assigned) if sub_id != "nope" else []
        candidates = assigned * 2 + self.people[:5] + ["stranger"]
        self.run(UnassignLicenses(sub_id, group(candidates, people)))

    @rule(
        sub=INDEX,
        reason=st.sampled_from(REASONS),
        feedback=st.sampled_from(["", "Too pricey", "x" * 1001]),
    )
    def cancel(self, sub: int, reason: str, feedback: str) -> None:
        self.run(CancelSubscription(pick(self.subs, sub), reason, feedback))

    @rule(
        card=INDEX,
        name=st.sampled_from(NAMES),
        expiration=st.sampled_from(EXPIRATIONS),
        code=st.sampled_from(CODES),
        address=st.sampled_from(ADDRESSES),
    )
    def edit_card(self, card: int, name: str, expiration: str, code: str, address: str) -> None:
        self.run(EditPaymentMethod(pick(self.cards, card), name, expiration, code, address))

    @rule(
        profile=INDEX,
        number=st.sampled_from(NUMBERS),
        name=st.sampled_from(NAMES),
        expiration=st.sampled_from(EXPIRATIONS),
        code=st.sampled_from(CODES),
        address=st.sampled_from(ADDRESSES),
        replace=st.booleans(),
    )
    def new_card(
        self,
        profile: int,
        number: str,
        name: str,
        expiration: str,
        code: str,
        address: str,
        replace: bool,
    ) -> None:
        if replace:
            profile_id = pick(self.profiles, profile)
            self.run(ReplacePaymentMethod(profile_id, number, name, expiration, code, address))
        else:
            self.run(AddPaymentMethod(number, name, expiration, code, address))

    # Queries change nothing and answer within their bounds.
    @rule(
        period=st.sampled_from(["past_3_months", "past_6_months", "date_range", "bogus"]),
        start=st.sampled_from([None, "", "2026-02-30", "2026-01-01", date(2026, 9, 1)]),
        end=st.sampled_from([None, "2026-12-31", "2025-12-31", date(2026, 10, 10)]),
    )
    def list_invoices(self, period: str, start: Any, end: Any) -> None:
        try:
            found = ask(self.portal, ListInvoices(period, start, end))
        except Rejected as error:
            assert error.message in MESSAGES
            return
        assert all(invoice in self.portal.invoices for invoice in found)

    @rule(
        text=st.sampled_from(["", "a", "jo", "sør", "mette", "carlos", "@", "zz"]),
        shown=st.sampled_from(["all", "self-service", "central", "bogus"]),
    )
    def find_and_list(self, text: str, shown: str) -> None:
        for person in ask(self.portal, FindPeople(text, limit=20)):
            assert not person.is_guest
        products = ask(self.portal, ListProducts(shown))
        assert all(s in self.portal.subscriptions for s in products)

    @invariant()
    def holds(self) -> None:
        portal = self.portal
        for sub in portal.subscriptions:
            assert 1 <= sub.total_licenses <= MAX_LICENSES
            assert len(sub.assigned) <= sub.total_licenses
            assert len(set(sub.assigned)) == len(sub.assigned), f"someone twice in {sub.id}"
            assert self.members.issuperset(sub.assigned), "a guest or a stranger has a license"
            if sub.id in self.frozen:
                assert snapshot(sub) == self.frozen[sub.id], f"{sub.status} {sub.id} changed"
        for card in portal.cards:
            assert len(card.last4) == 4 and card.last4.isdigit()
            assert card.brand in CARD_LENGTHS or card in self.start.cards, card.brand
            for kept, most in ((card.holder, MAX_CARD_NAME), (card.address, MAX_CARD_ADDRESS)):
                assert kept == printable(kept) and 1 <= len(kept) <= most, repr(kept)
        card_ids = {c.id for c in portal.cards}
        assert all(b.payment_method in card_ids for b in portal.billing_profiles)
        if portal.role is Role.ADMIN:
            assert portal is self.start


MESSAGES = {v for k, v in vars(errors).items() if k.isupper() and isinstance(v, str)}

PER_SCENARIO = math.ceil(SEQUENCES / len(SCENARIO_IDS))
SETTINGS = settings(
    max_examples=PER_SCENARIO,
    stateful_step_count=STEPS,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def _machine_for(scenario_id: str) -> type[PortalMachine]:
    return type(
        f"Machine_{scenario_id.replace('-', '_')}",
        (PortalMachine,),
        {"scenario_ids": [scenario_id]},
    )


for _scenario in SCENARIO_IDS:
    _case = _machine_for(_scenario).TestCase
    _case.settings = SETTINGS
    globals()[f"TestPortal_{_scenario.replace('-', '_')}"] = _case
del _case  # or pytest would collect it once more
