"""The article's procedures as data: heading anchors -> ids, and each id's postconditions.

Ids are those of ``reference/procedures.yml``. An article's procedure is matched by its
heading anchor (``<a name="...">`` or ``{#id}``, else the one Learn derives from the
heading's text), then by the heading's position among the procedures; one that matches
nothing is still checked, without postconditions.

A postcondition is ``name op value`` on the simulator's state, read by the driver's
``query(name, target)`` after the procedure's last step. ``$value`` is the value the steps
entered, ``$target`` / ``$users`` come from the steps' annotations.
"""

from __future__ import annotations

import re

ANCHORS: dict[str, str] = {
    "view-your-subscriptions": "view-subscriptions",
    "how-to-buy-more-or-reduce-licenses": "buy-or-reduce-licenses",
    "to-assign-licenses": "assign-licenses",
    "to-unassign-licenses": "unassign-licenses",
    "cancel-a-subscription": "cancel-subscription",
    "manage-your-payment-details": "manage-payment-details",
    "update-an-existing-payment-method": "update-payment-method",
    "add-a-new-payment-method": "add-payment-method",
    "view-your-invoices": "view-invoices",
}

ORDER: tuple[str, ...] = tuple(dict.fromkeys(ANCHORS.values()))

POSTCONDITIONS: dict[str, tuple[str, ...]] = {
    "view-subscriptions": ("products.filter == self_service",),
    "buy-or-reduce-licenses": ("subscription.total_licenses == $value",),
    "assign-licenses": ("subscription.assigned_users contains $users",),
    "unassign-licenses": ("subscription.unassigned_users contains $users",),
    "cancel-subscription": ("subscription.status == cancelled",),
    "manage-payment-details": ("billing_profile.payment_method_changed == true",),
    "update-payment-method": ("payment_method.changed == true",),
    "add-payment-method": ("payment_methods.added == 1",),
    "view-invoices": ("bills.tab == invoices",),  # the period changes only if none is listed
}


def slug(title: str) -> str:
    """The anchor Learn gives a heading without one: lower case, words joined by hyphens,
    punctuation dropped ("How to buy more or reduce licenses" -> "how-to-buy-more-...")."""
    words = re.findall(r"[^\W_]+", title.casefold())
    return "-".join(words)


def match(anchors: list[str | None]) -> list[str | None]:
    """The procedures.yml id of each of an article's procedures (by their heading anchors).

    By anchor first; when no anchor matches at all and the article has exactly as many
    procedures as procedures.yml, by order. Unmatched procedures get None.
    """
    by_anchor = [ANCHORS.get(a, a if a in POSTCONDITIONS else None) if a else None for a in anchors]
    if any(by_anchor) or len(anchors) != len(ORDER):
        return by_anchor
    return list(ORDER)
