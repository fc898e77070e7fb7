"""The scenario check: one test per kind of mistake a person writing a scenario makes.

Each test breaks a small valid scenario the way a new user would, and checks the report:
the line, the field path, and words saying what to do.
"""

from __future__ import annotations

import io
import textwrap
from pathlib import Path
from typing import Any

import pytest

from simulator.markets import CURRENCIES, Cloud
from simulator.model import MAX_LICENSES
from simulator.scenario import ScenarioError, build_portal, check, format_path
from walkthrough.scenarios import (
    Finding,
    check_file,
    check_text,
    raise_for_problems,
    validate_files,
)


def _price(amount: str) -> str:
    """A price in every currency of the one list (a new language's currency included)."""
    return "{" + ", ".join(f'{code}: "{amount}"' for code in CURRENCIES) + "}"


PRICE_PBI = _price("14.00")
GOOD = (
    textwrap.dedent(
        """\
    description: A small scenario for tests.
    today: 2026-11-24
    organization: Contoso
    signed_in: mette
    role: purchaser
    people:
      - {id: mette, name: Mette Larsen, email: mette@contoso.com}
      - {id: anne, name: Anne Jensen, email: anne@contoso.com}
      - {id: gus, name: Gus Guest, email: gus@fabrikam.com, kind: guest}
    subscriptions:
      - id: pbi
        product: Power BI Pro
        total_licenses: 2
        assigned: [mette, anne]
        price: PRICE_PBI
        purchased: 2026-02-10
        expires: 2027-02-10
      - id: central
        product: Microsoft 365 Business Standard
        total_licenses: 5
        price: PRICE_CENTRAL
        purchased: 2025-12-01
        expires: 2026-12-01
        self_service: false
    payment_methods:
      - {id: card-1, brand: Visa, last4: "4242", name: Mette Larsen, expiry_month: 8,
         expiry_year: 2029, address: "Strandvejen 12"}
    billing_profiles:
      - id: profile-1
        name: Mette Larsen
        payment_method: card-1
        invoices:
          - number: G1
            date: 2026-11-10
            status: due
            lines:
              - {subscription: pbi, quantity: 2}
    """
    )
    .replace("PRICE_PBI", PRICE_PBI)
    .replace("PRICE_CENTRAL", _price("12.50"))
)


def findings(text: str, scenario_id: str | None = "test") -> list[Finding]:
    return check_text(text, "test.yml", scenario_id)


def only(text: str, scenario_id: str | None = "test") -> Finding:
    found = findings(text, scenario_id)
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


def broken(old: str, new: str) -> str:
    assert GOOD.count(old) == 1, old
    return GOOD.replace(old, new)


def line(text: str, needle: str) -> int:
    return next(i for i, row in enumerate(text.splitlines(), 1) if needle in row)


def test_the_good_scenario_is_fine() -> None:
    assert findings(GOOD) == []
    portal = build_portal(_data(GOOD), lang="da", cloud=Cloud.WORLDWIDE, source="test")
    assert portal.subscription("pbi").purchaser == "mette"
    assert portal.subscription("central").purchaser is None
    assert portal.invoices[0].amount == 2 * portal.subscription("pbi").price_per_license


def _data(text: str) -> Any:
    from walkthrough.scenarios import parse

    return parse(text)[0]


def test_wrong_type() -> None:
    text = broken("total_licenses: 2", "total_licenses: two")
    f = only(text)
    assert (f.line, f.field) == (line(text, "two"), "subscriptions[0].total_licenses")
    assert "should be a whole number, like 10, not 'two'" in f.problem


def test_a_number_in_quotes() -> None:
    f = only(broken("total_licenses: 2", 'total_licenses: "2"'))
    assert f.field == "subscriptions[0].total_licenses"
    assert "without quotes: write 2" in f.problem


def test_missing_field() -> None:
    text = broken("    purchased: 2026-02-10\n", "")
    f = only(text)
    assert f.field == "subscriptions[0].purchased"
    assert f.line == line(text, "- id: pbi")
    assert "is missing" in f.problem and "purchased: 2026-02-10" in f.problem


def test_unknown_field_suggests_the_right_name() -> None:
    text = broken("total_licenses: 2", "total_licenses: 2\n    totl_licenses: 3")
    f = only(text)
    assert (f.line, f.field) == (line(text, "totl_licenses"), "subscriptions[0].totl_licenses")
    assert "is not a field of a subscription" in f.problem
    assert "Did you mean 'total_licenses'?" in f.problem


def test_unknown_person_in_assigned() -> None:
    text = broken("assigned: [mette, anne]", "assigned: [mette, bob]")
    f = only(text)
    assert (f.line, f.field) == (line(text, "bob"), "subscriptions[0].assigned[1]")
    assert "'bob' is not the id of anyone under people" in f.problem


def test_guest_in_assigned() -> None:
    f = only(broken("assigned: [mette, anne]", "assigned: [mette, gus]"))
    assert f.field == "subscriptions[0].assigned[1]"
    assert "is a guest" in f.problem


def test_someone_assigned_twice() -> None:
    f = only(broken("assigned: [mette, anne]", "assigned: [mette, mette]"))
    assert f.field == "subscriptions[0].assigned[1]"
    assert "listed twice" in f.problem


def test_assigned_more_than_total() -> None:
    f = only(broken("total_licenses: 2", "total_licenses: 1"))
    assert f.field == "subscriptions[0].assigned"
    assert "lists 2 people, more than total_licenses (1)" in f.problem
    assert "Raise total_licenses or remove people" in f.problem


@pytest.mark.parametrize("total", ["0", "-3"])
def test_total_below_one(total: str) -> None:
    text = broken("total_licenses: 5", f"total_licenses: {total}")
    f = only(text)
    assert (f.line, f.field) == (
        line(text, f"total_licenses: {total}"),
        "subscriptions[1].total_licenses",
    )
    assert f"must be at least 1, not {total}" in f.problem


@pytest.mark.parametrize("total", [MAX_LICENSES + 1, 10**20])
def test_total_above_the_kits_bound(total: int) -> None:
    text = broken("total_licenses: 5", f"total_licenses: {total}")
    f = only(text)
    assert (f.line, f.field) == (
        line(text, f"total_licenses: {total}"),
        "subscriptions[1].total_licenses",
    )
    assert f"must be at most {MAX_LICENSES}, not {total}" in f.problem


def test_the_bound_itself_is_a_total() -> None:
    assert findings(broken("total_licenses: 5", f"total_licenses: {MAX_LICENSES}")) == []


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("2026-02-30", "is not a real date"),
        ("2026-13-01", "is not a real date"),
        ("24/11/2026", "should be a date written YYYY-MM-DD"),
        ("2026-11-24 10:00", "should be a date written YYYY-MM-DD"),
        ("", "should be a date written YYYY-MM-DD, like 2026-11-24, not empty"),
    ],
)
def test_bad_date(value: str, words: str) -> None:
    f = only(broken("today: 2026-11-24", f"today: {value}"))
    assert (f.line, f.field) == (2, "today")
    assert words in f.problem


def test_unknown_currency() -> None:
    text = broken(PRICE_PBI, PRICE_PBI[:-1] + ', XTS: "13.00"}')  # XTS: ISO's test code
    f = only(text)
    assert (f.line, f.field) == (line(text, "XTS"), "subscriptions[0].price.XTS")
    assert "'XTS' is not a currency the simulator uses" in f.problem


def test_missing_currency() -> None:
    f = only(broken(PRICE_PBI, PRICE_PBI.replace('CNY: "14.00"', "").replace(", ,", ",")))
    assert f.field == "subscriptions[0].price.CNY"
    assert "is missing" in f.problem


@pytest.mark.parametrize(
    ("value", "words"), [('"-1"', "0 or more"), ('"14.001"', "2 decimals"), ("free", "an amount")]
)
def test_bad_price(value: str, words: str) -> None:
    f = only(broken('USD: "14.00"', f"USD: {value}"))
    assert f.field == "subscriptions[0].price.USD"
    assert words in f.problem


def test_duplicate_person_ids() -> None:
    text = broken("{id: anne,", "{id: mette,")
    found = findings(text)
    assert found[0].field == "people[1].id"
    assert "'mette' is already the id of people[0]" in found[0].problem


def test_duplicate_subscription_ids() -> None:
    f = only(broken("id: central", "id: pbi"))
    assert f.field == "subscriptions[1].id"
    assert "Give each subscription its own id" in f.problem


def test_duplicate_emails() -> None:
    f = only(broken("anne@contoso.com", "Mette@contoso.com"))
    assert f.field == "people[1].email"


def test_a_key_written_twice() -> None:
    text = broken("expires: 2027-02-10", "expires: 2027-02-10\n    expires: 2027-03-10")
    f = only(text)
    assert (f.line, f.field) == (line(text, "2027-03-10"), "subscriptions[0].expires")
    assert "written twice" in f.problem


def test_yaml_syntax_error() -> None:
    f = only(broken("assigned: [mette, anne]", "assigned: [mette, anne"))
    assert f.field == "scenario"
    assert "not valid YAML" in f.problem


def test_tabs() -> None:
    f = only(broken("  - {id: anne,", "\t- {id: anne,"))
    assert f.line == line(GOOD, "{id: anne,")
    assert "indent with spaces" in f.problem


@pytest.mark.parametrize("text", ["", "# nothing yet\n"])
def test_empty_file(text: str) -> None:
    f = only(text)
    assert (f.line, f.field) == (1, "scenario")
    assert "the file is empty" in f.problem


def test_not_a_mapping() -> None:
    f = only("- today: 2026-11-24\n")
    assert "should be a scenario: a group of fields" in f.problem


def test_a_list_that_is_not_a_list() -> None:
    f = only(broken("assigned: [mette, anne]", "assigned: mette"))
    assert f.field == "subscriptions[0].assigned"
    assert "should be a list" in f.problem


def test_last4_without_quotes() -> None:
    f = only(broken('last4: "4242"', "last4: 4242"))
    assert f.field == "payment_methods[0].last4"
    assert "in quotes" in f.problem


def test_expiry_month_out_of_range() -> None:
    f = only(broken("expiry_month: 8", "expiry_month: 13"))
    assert f.field == "payment_methods[0].expiry_month"
    assert "from 1 to 12" in f.problem


def test_bad_choice() -> None:
    f = only(broken("role: purchaser", "role: purchasr"))
    assert f.field == "role"
    assert (
        "should be one of purchaser, admin" in f.problem
        and "Did you mean 'purchaser'?" in f.problem
    )


def test_signed_in_unknown_or_guest() -> None:
    assert only(broken("signed_in: mette", "signed_in: nobody")).field == "signed_in"
    text = broken("signed_in: mette", "signed_in: gus")
    assert any(f.field == "signed_in" and "is a guest" in f.problem for f in findings(text))


def test_product_not_sold_self_service() -> None:
    f = only(broken("product: Power BI Pro", "product: Power BI Premium"))
    assert f.field == "subscriptions[0].product"
    assert "can't be bought self-service" in f.problem and "self_service: false" in f.problem


def test_central_subscription_with_a_purchaser() -> None:
    f = only(broken("self_service: false", "self_service: false\n    purchaser: mette"))
    assert f.field == "subscriptions[1].purchaser"


def test_dates_out_of_order() -> None:
    f = only(broken("purchased: 2026-02-10", "purchased: 2026-12-01"))
    assert f.field == "subscriptions[0].purchased" and "after today" in f.problem
    f = only(broken("expires: 2027-02-10", "expires: 2026-01-10"))
    assert f.field == "subscriptions[0].expires" and "not after purchased" in f.problem


def test_cancellation_without_cancelled_status() -> None:
    text = broken(
        "expires: 2027-02-10",
        "expires: 2027-02-10\n    cancellation: {date: 2026-11-01, reason: other}",
    )
    f = only(text)
    assert f.field == "subscriptions[0].cancellation"
    assert "status: cancelled" in f.problem
    assert findings(text.replace("reason: other}", "reason: other}\n    status: cancelled")) == []


@pytest.mark.parametrize("status", ["expired", "disabled"])
def test_expired_or_disabled_before_the_term_ends(status: str) -> None:
    text = broken("expires: 2027-02-10", f"expires: 2027-02-10\n    status: {status}")
    f = only(text)
    assert f.field == "subscriptions[0].status"
    assert "2027-02-10" in f.problem and "expires on or before today" in f.problem
    ended = text.replace("expires: 2027-02-10", "expires: 2026-11-20")
    assert findings(ended) == []


def test_unknown_card_in_a_billing_profile() -> None:
    f = only(broken("payment_method: card-1", "payment_method: card-2"))
    assert f.field == "billing_profiles[0].payment_method"
    assert "card-1" in f.problem


def test_invoice_problems() -> None:
    f = only(broken("{subscription: pbi, quantity: 2}", "{subscription: pbx, quantity: 2}"))
    assert f.field == "billing_profiles[0].invoices[0].lines[0].subscription"
    f = only(broken("date: 2026-11-10", "date: 2026-12-10"))
    assert f.field == "billing_profiles[0].invoices[0].date" and "after today" in f.problem
    f = only(broken("status: due", "status: open"))
    assert f.field == "billing_profiles[0].invoices[0].status"


def test_bad_email() -> None:
    f = only(broken("anne@contoso.com", "anne.contoso.com"))
    assert f.field == "people[1].email" and "not an email address" in f.problem


def test_bad_file_name() -> None:
    f = only(GOOD, scenario_id="My Scenario")
    assert (f.line, f.field) == (1, "scenario")
    assert "lowercase letters, digits and hyphens" in f.problem


def test_several_problems_are_all_reported_in_line_order() -> None:
    text = broken("today: 2026-11-24", "today: soon").replace(
        "total_licenses: 5", "total_licenses: 0"
    )
    found = findings(text)
    assert [f.field for f in found] == ["today", "subscriptions[1].total_licenses"]


def test_check_works_on_json_like_data() -> None:
    data = _data(GOOD)
    assert check(data) == []
    assert isinstance(data, dict)
    data["subscriptions"][0]["total_licenses"] = 0
    assert [p.field for p in check(data)] == ["subscriptions[0].total_licenses"]
    with pytest.raises(ScenarioError) as info:
        build_portal(data, lang="en", cloud=Cloud.WORLDWIDE, source="x.json")
    assert info.value.field == "subscriptions[0].total_licenses"
    assert str(info.value).startswith("x.json: subscriptions[0].total_licenses: must be at least 1")


def test_format_path() -> None:
    assert format_path(("subscriptions", 1, "total_licenses")) == "subscriptions[1].total_licenses"
    assert format_path(()) == "scenario"


# The command line and the build.
def test_validate_files_exit_codes_and_output(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.yml", tmp_path / "bad.yml"
    good.write_text(GOOD, encoding="utf-8")
    bad.write_text(broken("total_licenses: 2", "total_licenses: 1"), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert validate_files([str(good)], out, err) == 0
    assert out.getvalue() == f"{good}: ok\n"
    out = io.StringIO()
    assert validate_files([str(good), str(bad), str(tmp_path / "none.yml")], out, err) == 1
    rows = out.getvalue().splitlines()
    assert rows[1].startswith(
        f"{bad}:{line(GOOD, 'assigned: [mette')}: subscriptions[0].assigned: "
    )
    assert "none.yml" in err.getvalue()


def test_the_build_refuses_a_bad_scenario(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(broken("total_licenses: 2", "total_licenses: 1"), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        raise_for_problems(bad)
    assert "subscriptions[0].assigned" in str(info.value) and str(bad) in str(info.value)


def test_the_cli_runs_the_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from walkthrough.cli import main

    bad = tmp_path / "bad.yml"
    bad.write_text(broken("today: 2026-11-24", "today: 2026-02-30"), encoding="utf-8")
    assert main(["scenario", "validate", str(bad)]) == 1
    assert f"{bad}:2: today: '2026-02-30' is not a real date" in capsys.readouterr().out


def test_a_count_instead_of_the_assigned_people() -> None:
    f = only(broken("assigned: [mette, anne]", "assigned: 2"))
    assert f.field == "subscriptions[0].assigned"
    assert "should be a list of person ids" in f.problem and "not how many" in f.problem


def test_a_price_in_one_currency() -> None:
    f = only(broken(f"price: {PRICE_PBI}", "price: 14"))
    assert f.field == "subscriptions[0].price"
    assert "Write it like: price: {USD:" in f.problem


def test_an_id_field_is_not_needed() -> None:
    f = only("id: test\n" + GOOD)
    assert (f.line, f.field) == (1, "id")
    assert "its file name" in f.problem


PACKAGED = sorted((Path(__file__).resolve().parents[2] / "simulator" / "scenarios").glob("*.yml"))


@pytest.mark.parametrize("path", PACKAGED, ids=lambda p: p.stem)
def test_every_packaged_scenario_is_fine(path: Path) -> None:
    assert check_file(path) == []
