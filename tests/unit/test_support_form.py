"""The support page's form (``simulator.support``, through ``worker.support``): every field
it shows edits the state; a refused value is said beside its field in the page's language
and the last valid state is kept; the state leaves as a link or a scenario file."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from simulator import patch, scenario, state, support, worker
from simulator.i18n import translations
from simulator.markets import Cloud
from simulator.scenario.yaml_out import dump
from simulator.ui import Settings
from walkthrough.scenarios import parse

START = state.State("default", {}, {})
#: A valid new value for each kind of field, by the field's key.
NEW = {
    "today": "2026-12-01",
    "organization": "Fabrikam",
    "role": "admin",
    "product": "Visio Plan 1",
    "total_licenses": "150",
    "assigned": "3",
    "holders": "Signe Skov, jonas berg",
    "price": "9.50",
    "purchased": "2025-12-01",
    "expires": "2027-12-24",
    "self_service": "false",
    "status": "cancelled",
    "brand": "Mastercard",
    "last4": "0005",
    "expiry_month": "12",
    "expiry_year": "2031",
    "name": "Fabrikam billing",
    "date": "2026-11-01",
}


def ask(**request: Any) -> dict[str, Any]:
    answer: dict[str, Any] = json.loads(worker.support(json.dumps(request)))
    return answer


def names(form_html: str) -> list[str]:
    return re.findall(r'name="([^"]+)"', form_html)


def data(encoded: str) -> dict[str, Any]:
    return support.data_of(state.decode(encoded))


def at(record: Any, name: str) -> Any:
    for part in name.split("."):
        record = record[int(part)] if part.isdigit() else record[part]
    return record


def shown(name: str, value: Any) -> str:
    """A value of the data as its field shows it."""
    key = name.rsplit(".", 1)[-1]
    if key == "assigned":
        return str(len(value))
    if key == "holders":
        return "Signe Skov, jonas berg"
    if key == "price":
        return str(value["USD"])
    return str(value).lower() if isinstance(value, bool) else str(value)


def test_every_field_of_the_form_edits_the_state() -> None:
    first = ask(op="form", lang="en", cloud="o365-worldwide")
    fields = [n for n in names(first["form"]) if n != "scenario"]
    assert len(fields) > 30
    invoices = [i for p in data(first["state"])["billing_profiles"] for i in p["invoices"]]
    assert sum(".invoices." in n for n in fields) == 2 * len(invoices)
    assert len(set(fields)) == len(fields), "two fields of one name"
    for name in fields:
        value = NEW[name.rsplit(".", 1)[-1]]
        if name == "subscriptions.3.self_service":
            continue  # bought centrally: its product can't be bought self-service
        if ".invoices." in name and name.endswith("status"):
            value = "paid" if at(data(first["state"]), name) == "due" else "due"
        answer = ask(op="edit", lang="en", cloud="o365-worldwide", state=first["state"],
                     field=name, value=value)  # fmt: skip
        assert "error" not in answer, (name, answer.get("error"))
        holders = name.replace("holders", "assigned")
        got = at(data(answer["state"]), holders)
        if name.endswith("holders"):
            assert got == ["signe-skov", "jonas-berg"], name
        assert shown(name, got) == value, name
        portal, _ = state.restore(state.decode(answer["state"]), Settings())
        assert portal is not None


def test_a_lapsed_status_needs_an_ended_term() -> None:
    answer = ask(op="edit", lang="en", cloud="o365-worldwide", state=state.encode(START),
                 field="subscriptions.0.status", value="expired")  # fmt: skip
    assert answer["field"] == "subscriptions.0.status" and "expires" in answer["error"]
    ended = support.edit(START, "subscriptions.0.expires", "2026-11-20", lang="en",
                         cloud=Cloud.WORLDWIDE)  # fmt: skip
    lapsed = support.edit(ended, "subscriptions.0.status", "expired", lang="en",
                          cloud=Cloud.WORLDWIDE)  # fmt: skip
    assert support.data_of(lapsed)["subscriptions"][0]["status"] == "expired"


@pytest.mark.parametrize(
    ("name", "value", "msgid"),
    [
        ("subscriptions.0.total_licenses", "many", support.NOT_WHOLE),
        ("today", "2026-02-30", support.NOT_DATE),
        ("subscriptions.1.price", "1.005", support.NOT_AMOUNT),
        ("payment_methods.0.last4", "42", support.NOT_LAST4),
        ("payment_methods.0.expiry_month", "13", support.NOT_MONTH),
        ("subscriptions.0.assigned", "500", support.NOT_ENOUGH_PEOPLE),
        ("organization", "  ", support.NOT_TEXT),
        ("subscriptions.0.holders", "Mette Larsen, 50% Nobody", support.NOT_A_MEMBER),
        ("subscriptions.0.total_licenses", "5", support.DOES_NOT_FIT),
        ("people.0.name", "x", support.UNKNOWN_FIELD),
    ],
)
@pytest.mark.parametrize("lang", ["en", "da"])
def test_a_refused_value_is_said_beside_its_field(
    name: str, value: str, msgid: str, lang: str
) -> None:
    before = state.encode(START)
    answer = ask(op="edit", lang=lang, cloud="o365-worldwide", state=before, field=name,
                 value=value)  # fmt: skip
    assert answer["state"] == before and answer["field"] == name
    said = translations(lang).gettext(msgid)
    if msgid == support.NOT_A_MEMBER:
        assert answer["error"] == said % {"name": "50% Nobody"}
    assert answer["error"].startswith(said.split("%")[0]), answer["error"]
    box = f"sf-{name.replace('.', '-')}"
    if name != "people.0.name":
        tag = re.search(rf'<(?:input|select|textarea)[^>]*id="{box}"[^>]*>', answer["form"])
        assert tag and 'aria-invalid="true"' in tag.group()
        assert f'aria-describedby="{box}-error"' in tag.group()
        assert f'id="{box}-error" role="alert"' in answer["form"]


def test_a_scenario_can_be_the_start() -> None:
    answer = ask(op="start", lang="da", cloud="o365-21vianet", scenario="expired-card")
    assert state.decode(answer["state"]).scenario == "expired-card"
    assert '<option value="expired-card" selected>' in answer["form"]


def test_the_state_leaves_as_a_link_and_as_a_file() -> None:
    changed = support.edit(START, "organization", "<b>Fabrikam</b>", lang="en",
                           cloud=Cloud.WORLDWIDE)  # fmt: skip
    answer = ask(op="link", lang="da", cloud="o365-worldwide", state=state.encode(changed))
    assert state.from_link(answer["link"]) == changed
    opened = ask(op="open", lang="da", cloud="o365-worldwide", link=answer["link"])
    assert state.decode(opened["state"]) == changed and "notice" not in opened
    text = ask(op="yaml", lang="en", cloud="o365-worldwide", state=state.encode(changed))["yaml"]
    assert parse(text)[0] == support.data_of(changed)
    assert scenario.check(parse(text)[0]) == []
    assert patch.diff(state.base_data("default"), parse(text)[0]) == changed.patch
    broken = ask(op="open", lang="da", cloud="o365-worldwide", link=answer["link"][:40])
    assert broken["notice"] == translations("da").gettext(state.LINK_DAMAGED)
    assert state.decode(broken["state"]) == START


def test_a_pasted_file_becomes_the_state() -> None:
    text = dump(scenario.load_data("expired-card")).replace("Contoso", "Northwind", 1)
    answer = ask(op="load", lang="da", cloud="o365-worldwide", state=state.encode(START), yaml=text)
    assert "problems" not in answer
    assert answer["read"] == translations("da").gettext(support.READ)
    file, shown = parse(text)[0], data(answer["state"])
    assert scenario.normalize(shown, source="state") == scenario.normalize(file, source="file")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a: &a [x]\nb: [*a, *a]\n", "1: scenario: uses a YAML anchor"),
        (
            "today: 2026-11-24\norganization: '<script>alert(1)</script>'\n",
            "1: signed_in: is missing",
        ),
        ("x" * 2_000_000, "1: scenario: the file is 2,000,000 characters long"),
        ("today: 2026-02-30\n", "1: today:"),
    ],
    ids=["alias", "markup", "huge", "bad date"],
)
def test_a_bad_file_is_refused_by_line_and_the_state_kept(text: str, words: str) -> None:
    changed = support.edit(START, "organization", "Kept", lang="en", cloud=Cloud.WORLDWIDE)
    answer = ask(op="load", lang="da", cloud="o365-worldwide", state=state.encode(changed),
                 yaml=text)  # fmt: skip
    assert state.decode(answer["state"]) == changed
    assert answer["not_read"] == translations("da").gettext(support.NOT_READ)
    assert any(p.startswith(words) for p in answer["problems"]), answer["problems"]


def test_a_value_that_does_not_fit_is_explained_in_the_page_language() -> None:
    """The scenario check's rules between fields are catalog messages: the form says them
    in the page's language (the command line in English)."""
    problem = next(
        p
        for p in scenario.check(
            patch.apply(
                state.base_data("default"),
                {"subscriptions": {"powerbi-pro": {"total_licenses": 5}}},
            )
        )
        if p.field == "subscriptions[0].assigned"
    )
    english = problem.message
    danish = problem.text("da")
    assert english.startswith("lists 97 people") and danish.startswith("angiver 97 personer")
    answer = ask(op="edit", lang="da", cloud="o365-worldwide", state=state.encode(START),
                 field="subscriptions.0.total_licenses", value="5")  # fmt: skip
    assert answer["error"] == translations("da").gettext(support.DOES_NOT_FIT) % {"problem": danish}
