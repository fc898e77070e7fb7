"""The support page's form: a customer's whole situation as fields, each a place in the
scenario data (``subscriptions.0.total_licenses``), edited one at a time.

The form edits a :class:`~simulator.state.State` (the one state format: a packaged
scenario and the changes made to it). A value is read by its field's kind; a value of the
wrong kind is refused with a message in the page's language, beside its field, and the
state is left as it was. A value of the right kind that makes the scenario invalid (more
licenses assigned than bought, a subscription that expires before it is bought) is refused
with the scenario check's own words. The simulators beside the form show the state.

Who holds the licenses is a count, or names: raising the count gives licenses to the
organization's members in the order they are listed (deterministic), lowering it takes them
back from the last assigned; names are members' names as the organization lists them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from . import patch, scenario, state, views
from .i18n import N_, translations
from .markets import CLOUDS, CODES, LANGUAGES, Cloud, currency_for
from .model import STATUS_LABELS, InvoiceStatus, Role, Status
from .scenario import yaml_in
from .scenario.yaml_out import dump

# What a field refuses (catalog msgids).
NOT_WHOLE = N_("Enter a whole number of 0 or more, for example 10.")
NOT_DATE = N_("Enter a date as YYYY-MM-DD, for example 2026-11-24.")
NOT_AMOUNT = N_("Enter an amount of 0 or more with at most two decimals, for example 14.00.")
NOT_TEXT = N_("Enter some text.")
NOT_LAST4 = N_("Enter the last four digits of the card, for example 4242.")
NOT_MONTH = N_("Enter a month from 1 to 12.")
NOT_YEAR = N_("Enter a year from 2000 to 2099.")
NOT_CHOICE = N_("Choose one of the options.")
NOT_READ = N_("The file was not read, so nothing you entered is lost. What to fix, by line:")
READ = N_("The file is read: the form and the portal show it.")
NOT_A_MEMBER = N_(
    "%(name)s isn't a member of the organization. Write names as the organization lists them."
)
NOT_ENOUGH_PEOPLE = N_("The organization has only %(count)s members to hold licenses.")
DOES_NOT_FIT = N_("This value doesn't fit the rest of the situation: %(problem)s")
UNKNOWN_FIELD = N_("This field isn't part of the situation. Reload the page.")


class SupportError(ValueError):
    """A value the form refuses: ``field`` is its name, the message is in the page's
    language."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _whole(text: str) -> int:
    text = text.strip()
    if not (text.isascii() and text.isdigit() and len(text) <= 6):
        raise ValueError(NOT_WHOLE)
    return int(text)


def _date(text: str) -> str:
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise ValueError(NOT_DATE) from None


def _amount(text: str) -> str:
    try:
        amount = Decimal(text.strip())
    except InvalidOperation:
        raise ValueError(NOT_AMOUNT) from None
    if not amount.is_finite() or amount < 0 or amount != amount.quantize(Decimal("0.01")):
        raise ValueError(NOT_AMOUNT)
    return f"{amount:.2f}"


def _text(text: str) -> str:
    if not text.strip() or len(text) > 200:
        raise ValueError(NOT_TEXT)
    return text.strip()


def _last4(text: str) -> str:
    text = text.strip()
    if not (len(text) == 4 and text.isascii() and text.isdigit()):
        raise ValueError(NOT_LAST4)
    return text


def _between(low: int, high: int, message: str) -> Callable[[str], int]:
    def read(text: str) -> int:
        text = text.strip()
        if not (text.isascii() and text.isdigit() and low <= int(text[:6] or "0") <= high):
            raise ValueError(message)
        return int(text)

    return read


def _choice(options: tuple[str, ...]) -> Callable[[str], str]:
    def read(text: str) -> str:
        if text not in options:
            raise ValueError(NOT_CHOICE)
        return text

    return read


def _flag(text: str) -> bool:
    if text not in ("true", "false"):
        raise ValueError(NOT_CHOICE)
    return text == "true"


@dataclass(frozen=True)
class Input:
    """One field of a record: its key in the data, label, input type and reader."""

    key: str
    label: str  # a catalog msgid
    kind: str  # text, number, date, select, checkbox
    read: Callable[[str], Any]
    options: tuple[str, ...] = ()


STATUSES = tuple(s.value for s in Status)
TOP = (
    Input("today", N_("Today's date"), "date", _date),
    Input("organization", N_("Organization"), "text", _text),
    Input("role", N_("Signed in as"), "select", _choice(tuple(Role)), tuple(Role)),
)
SUBSCRIPTION = (
    Input("product", N_("Product"), "text", _text),
    Input("total_licenses", N_("Licenses bought"), "number", _whole),
    Input("assigned", N_("Licenses assigned"), "number", _whole),
    Input("holders", N_("Who holds them (names, separated by commas)"), "textarea", str),
    Input("price", N_("Price per license"), "text", _amount),
    Input("purchased", N_("Purchased on"), "date", _date),
    Input("expires", N_("Expires on"), "date", _date),
    Input("self_service", N_("Bought through self-service"), "checkbox", _flag),
    Input("status", N_("Status"), "select", _choice(STATUSES), STATUSES),
)
CARD = (
    Input("brand", N_("Card brand"), "text", _text),
    Input("last4", N_("Last four digits"), "text", _last4),
    Input("expiry_month", N_("Expiry month"), "number", _between(1, 12, NOT_MONTH)),
    Input("expiry_year", N_("Expiry year"), "number", _between(2000, 2099, NOT_YEAR)),
)
PROFILE = (Input("name", N_("Billing profile"), "text", _text),)
INVOICE = (
    Input("date", N_("Invoice date"), "date", _date),
    Input(
        "status",
        N_("Invoice status"),
        "select",
        _choice(tuple(InvoiceStatus)),
        tuple(InvoiceStatus),
    ),
)
#: How the form names the values of its choices (catalog msgids).
OPTION_LABELS: dict[str, str] = {
    **{status.value: label for status, label in STATUS_LABELS.items()},
    InvoiceStatus.PAID.value: N_("Paid"),
    InvoiceStatus.DUE.value: N_("Due"),
    Role.PURCHASER.value: N_("The purchaser"),
    Role.ADMIN.value: N_("Their admin"),
}
#: The records of the data the form shows, by list: the list's key and its fields.
RECORDS = {
    "subscriptions": SUBSCRIPTION,
    "payment_methods": CARD,
    "billing_profiles": PROFILE,
}


def data_of(current: state.State) -> dict[str, Any]:
    """The scenario data ``current`` holds (its scenario with its changes)."""
    return patch.apply(state.base_data(current.scenario), current.patch)


def _input(name: str) -> tuple[Input, list[str | int]]:
    """The field ``name`` (``today``, ``subscriptions.0.price``...) and its path."""
    parts: list[str | int] = [int(p) if p.isdigit() else p for p in name.split(".")]
    fields: tuple[Input, ...] = TOP
    if len(parts) == 3 and parts[0] in RECORDS:
        fields = RECORDS[str(parts[0])]
    elif len(parts) == 5 and parts[0] == "billing_profiles" and parts[2] == "invoices":
        fields = INVOICE
    elif len(parts) != 1:
        raise KeyError(name)
    for field in fields:
        if field.key == parts[-1]:
            return field, parts
    raise KeyError(name)


def _assigned(data: dict[str, Any], sub: dict[str, Any], count: int) -> list[str]:
    """``count`` holders of ``sub``'s licenses: those it has, in order, then members in the
    order the organization lists them."""
    held = list(sub.get("assigned") or [])
    if count <= len(held):
        return held[:count]
    members = [p["id"] for p in data["people"] if p.get("kind", "member") == "member"]
    more = [m for m in members if m not in held]
    if count - len(held) > len(more):
        raise ValueError(NOT_ENOUGH_PEOPLE)
    return held + more[: count - len(held)]


class _Said(ValueError):
    """A refusal already in the page's language (it names what was typed)."""


def _holders(data: dict[str, Any], text: str, unknown: str) -> list[str]:
    """The ids of the members named in ``text`` (names separated by commas), in that order."""
    members: dict[str, str] = {}
    for person in data["people"]:
        if person.get("kind", "member") == "member":
            members.setdefault(person["name"].casefold(), person["id"])
    ids: list[str] = []
    for name in (n.strip() for n in text.split(",")):
        if not name:
            continue
        if name.casefold() not in members:
            raise _Said(unknown % {"name": name})
        ids.append(members[name.casefold()])
    return list(dict.fromkeys(ids))


def edit(current: state.State, name: str, value: str, *, lang: str, cloud: Cloud) -> state.State:
    """``current`` with field ``name`` set to ``value`` (as typed); SupportError when the
    value is refused (``current`` is left as it was)."""
    catalog = translations(lang)
    try:
        field, path = _input(name)
    except (KeyError, ValueError):
        raise SupportError(name, catalog.gettext(UNKNOWN_FIELD)) from None
    data = data_of(current)
    try:
        typed = field.read(value if isinstance(value, str) else "")
        target: Any = data
        for part in path[:-1]:
            target = target[part]
        if field.key == "assigned" and path[0] == "subscriptions":
            typed = _assigned(data, target, typed)
        elif field.key == "holders":
            field = replace(field, key="assigned")
            typed = _holders(data, typed, catalog.gettext(NOT_A_MEMBER))
        elif field.key == "price":
            typed = {**target.get("price", {}), currency_for(lang, cloud): typed}
        target[field.key] = typed
    except ValueError as error:
        members = sum(1 for p in data["people"] if p.get("kind", "member") == "member")
        said = isinstance(error, _Said)
        message = str(error) if said else catalog.gettext(str(error)) % {"count": members}
        raise SupportError(name, message) from None
    except (KeyError, IndexError, TypeError):
        raise SupportError(name, catalog.gettext(UNKNOWN_FIELD)) from None
    problems = scenario.check(data)
    if problems:
        mine = [p for p in problems if p.field.startswith(_shown_path(path))] or problems
        detail = mine[0].text(lang)
        raise SupportError(name, catalog.gettext(DOES_NOT_FIT) % {"problem": detail})
    base = state.base_data(current.scenario)
    return state.State(current.scenario, patch.diff(base, data), current.view)


def _shown_path(path: list[str | int]) -> str:
    return scenario.format_path(tuple(path))


def start(scenario_id: str) -> state.State:
    """The state of a packaged scenario as it starts."""
    if scenario_id not in scenario.scenario_ids():
        raise SupportError("scenario", NOT_CHOICE)
    return state.State(scenario_id, {}, {})


def form(
    current: state.State,
    *,
    lang: str,
    cloud: Cloud,
    error: SupportError | None = None,
    typed: str = "",
) -> str:
    """The form's HTML for ``current``; with ``error``, the refused field shows what was
    typed and why it was refused."""
    data = data_of(current)
    currency = currency_for(lang, cloud)
    here = "../" if lang == CODES[0] else "../../"
    pages = {
        language.code: (
            language.name,
            here + ("" if language.code == CODES[0] else f"{language.code}/"),
        )
        for language in LANGUAGES
    }
    return views.render(
        lang,
        "support/form.html",
        languages=pages,
        clouds=[(info.cloud.value, info.name) for info in CLOUDS],
        cloud=cloud.value,
        data=data,
        scenario_id=current.scenario,
        scenario_ids=scenario.scenario_ids(),
        top=TOP,
        records=RECORDS,
        invoice_fields=INVOICE,
        option_labels=OPTION_LABELS,
        currency=currency,
        value=lambda record, field: _value(record, field, currency, data["people"]),
        error=error,
        typed=typed,
    )


def _value(
    record: dict[str, Any], field: Input, currency: str, people: list[dict[str, Any]]
) -> str:
    value = record.get(field.key)
    if field.key == "assigned":
        return str(len(value or []))
    if field.key == "holders":
        names = {p["id"]: p["name"] for p in people}
        return ", ".join(names.get(i, i) for i in record.get("assigned") or [])
    if field.key == "price":
        return str((value or {}).get(currency, ""))
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def yaml_text(current: state.State) -> str:
    """``current`` as a scenario file."""
    return dump(data_of(current), comment=f"A support scenario, from {current.scenario}")


def load(text: str, current: state.State, *, lang: str) -> tuple[state.State, list[str]]:
    """The state a pasted or opened scenario file describes (as changes to ``current``'s
    scenario), or ``current`` and its problems as ``line: field: problem``."""
    try:
        data, lines = yaml_in.parse(text)
    except yaml_in.YamlError as error:
        return current, [f"{error.line}: scenario: {error}"]
    problems = scenario.check(data)
    if problems:
        return current, [f"{_line(lines, p.path)}: {p.field}: {p.text(lang)}" for p in problems]
    return state.of_data(data, current.scenario, {}), []


def _line(lines: dict[yaml_in.Path, int], path: tuple[str | int, ...]) -> int:
    """The line of ``path``, or of the nearest part of it the file has."""
    for end in range(len(path), 0, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return 1
