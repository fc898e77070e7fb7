"""The procedures' facts: what the runner falls back on when an article's step cannot say.

Three kinds, all by control key (``simulator.controls``) and scenario id, never by label,
so they hold in every locale:

SCRIPTS   each procedure of reference/procedures.yml as the kit does it, step by step
          (``Canon``). When a step of an article fails, or does nothing although it is the
          procedure's "choose the subscription" step, the runner resets the simulator and
          replays the script up to the step it matches, so the next step is judged from the
          state the failing step meant to produce, not from the wreck it left.
DEFAULTS  the subscription, people and value a procedure acts on when the article's steps
          name none (an exported article has no annotations).
FORM      what a reader types where a step says "fill in the card details" or "choose why"
          without values: filled into the open pane's empty fields before its Save or Add;
          CHANGES overwrite a field where the step says "make your changes".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Act:
    """One thing the script does: ``go`` a path, ``click`` one of ``keys`` (the first that
    is there), ``fill`` a field, ``within`` a pane or section, ``pick`` the target or
    ``users``, ``choose`` the value in the open pane."""

    kind: str
    keys: tuple[str, ...] = ()
    value: str | None = None


def go(*keys: str) -> Act:
    return Act("go", keys)


def click(*keys: str) -> Act:
    return Act("click", keys)


def fill(key: str, value: str = "$value") -> Act:
    return Act("fill", (key,), value)


def within(key: str) -> Act:
    return Act("within", (key,))


PICK_TARGET = Act("pick")
PICK_USERS = Act("pick", value="$users")
CHOOSE = Act("choose", value="$value")

Canon = tuple[Act, ...]

SCRIPTS: dict[str, tuple[Canon, ...]] = {
    "view-subscriptions": (
        (go("nav.billing", "nav.your_products"),),
        (click("tab.products"), click("filter.self_service")),
    ),
    "buy-or-reduce-licenses": (
        (go("nav.billing", "nav.your_products"),),
        (click("tab.products"), PICK_TARGET),
        (click("action.buy_licenses", "action.remove_licenses"),),
        (fill("field.total_licenses"), click("action.save")),
    ),
    "assign-licenses": (
        (go("nav.billing", "nav.licenses"),),
        (PICK_TARGET,),
        (click("action.assign_licenses"),),
        (within("pane.assign_licenses_to_users"), PICK_USERS),
        (click("action.assign"), click("action.close")),
    ),
    "unassign-licenses": (
        (go("nav.billing", "nav.licenses"),),
        (PICK_TARGET,),
        (PICK_USERS,),
        (click("action.unassign_licenses"),),
        (click("action.unassign"),),
    ),
    "cancel-subscription": (
        (go("nav.billing", "nav.your_products"),),
        (click("tab.products"), click("action.more_actions"), click("action.cancel_subscription")),
        (within("action.cancel_subscription"), CHOOSE),
        (click("action.save"),),
    ),
    "manage-payment-details": (
        (go("nav.billing", "nav.bills_payments", "tab.billing_profiles"),),
        (PICK_TARGET,),
        (within("section.payment_method"),),
        (click("action.edit", "action.replace"),),
        (click("action.save"),),
    ),
    "update-payment-method": (
        (go("nav.billing", "nav.bills_payments"),),
        (click("tab.payment_methods"), PICK_TARGET),
        (click("action.edit"),),
        (click("action.save"),),
    ),
    "add-payment-method": (
        (go("nav.billing", "nav.bills_payments"),),
        (click("tab.payment_methods"), click("action.add_payment_method")),
        (within("action.add_payment_method"), click("action.add")),
    ),
    "view-invoices": (
        (go("nav.billing", "nav.bills_payments"),),
        (click("tab.invoices"), click("period.past_6_months")),
    ),
}


@dataclass(frozen=True)
class Defaults:
    target: str | None = None
    users: tuple[str, ...] = ()
    value: str | None = None


DEFAULTS: dict[str, Defaults] = {
    "buy-or-reduce-licenses": Defaults("powerbi-pro", value="105"),
    "assign-licenses": Defaults("power-automate", ("jonas-berg",)),
    "unassign-licenses": Defaults("power-automate", ("elena-skov",)),
    "cancel-subscription": Defaults("power-automate", value="not-used"),
    "manage-payment-details": Defaults("profile-1"),
    "update-payment-method": Defaults("card-2"),
}

#: Keys of the buttons that submit a pane: the form facts are filled in before them.
SUBMIT = frozenset({"action.save", "action.add"})

#: A card a reader might add (a test number that passes the Luhn check), and a reason.
FORM: dict[str, str] = {
    "field.card_number": "4111 1111 1111 1111",
    "field.name_on_card": "Mette Larsen",
    "field.expiration": "12/30",
    "field.security_code": "123",
    "field.address": "Strandvejen 12, 2900 Hellerup, Denmark",
    "field.cancel_reason": "",  # "": the step's value, else the first reason
}

#: Fields a procedure changes even when they hold a value ("make your changes").
CHANGES: dict[str, dict[str, str]] = {
    "update-payment-method": {"field.expiration": "12/30"},
    "manage-payment-details": {"field.expiration": "12/30"},
}


def keys_of(step: Canon) -> frozenset[str]:
    return frozenset(k for act in step for k in act.keys)


def match(script: tuple[Canon, ...], keys: frozenset[str], after: int) -> int | None:
    """The index of the script's step an article's step does: the one sharing most control
    keys with it, the earliest after ``after`` on a tie (or ``after`` itself, when an article
    splits a step in two); for a step naming no control, the next step when that one only
    picks or chooses ("Choose the subscription ...")."""
    if not keys:
        nxt = after + 1
        if nxt < len(script) and all(a.kind in ("pick", "choose") for a in script[nxt]):
            return nxt
        return None
    best: tuple[int, int] | None = None
    for index in range(max(after, 0), len(script)):
        score = len(keys & keys_of(script[index]))
        if score == 0:
            continue
        rank = (score, 1 if index > after else 0)
        if best is None or rank > (best[0], 1 if best[1] > after else 0):
            best = (score, index)
    return best[1] if best else None
