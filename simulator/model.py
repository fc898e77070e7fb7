"""The portal's data: plain frozen dataclasses, no I/O, no clock.

This is the first slice (the Your products list); commands and the rest of the portal's
data build on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum


class Status(StrEnum):
    ACTIVE = "active"
    CANCELLED = "cancelled"


class Cloud(StrEnum):
    """The article's monikers: one per cloud the portal runs in."""

    WORLDWIDE = "o365-worldwide"
    VIANET = "o365-21vianet"


@dataclass(frozen=True)
class Subscription:
    id: str
    product: str
    total_licenses: int
    assigned: tuple[str, ...]
    price_per_license: Decimal
    currency: str
    purchased: date
    expires: date
    purchaser: str | None = None
    self_service: bool = True
    status: Status = Status.ACTIVE

    @property
    def assigned_count(self) -> int:
        return len(self.assigned)

    @property
    def free_licenses(self) -> int:
        return self.total_licenses - len(self.assigned)


@dataclass(frozen=True)
class Portal:
    """Everything the simulator knows about one organization on one day."""

    today: date
    subscriptions: tuple[Subscription, ...] = field(default_factory=tuple)

    def subscription(self, subscription_id: str) -> Subscription:
        for sub in self.subscriptions:
            if sub.id == subscription_id:
                return sub
        raise KeyError(subscription_id)
