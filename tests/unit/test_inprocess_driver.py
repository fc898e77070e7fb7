"""The in-process driver on the real simulator: how a step's acts meet the screen.

Every act goes through the rendered HTML (role and accessible name) and the event the page
script would send; the assertions read the app's state, as postconditions do.
"""

from __future__ import annotations

import pytest

from simulator import handlers
from simulator.commands import SetTotalLicenses
from simulator.controls import CONTROLS
from simulator.errors import Rejected
from walkthrough.checker.facts import FORM
from walkthrough.checker.inprocess_driver import InProcessDriver


def label(key: str, lang: str = "en") -> str:
    return CONTROLS[key].label(lang)


def driver(
    lang: str = "en", screen: str = "products", cloud: str = "o365-worldwide"
) -> InProcessDriver:
    d = InProcessDriver()
    d.start(locale=lang, moniker=cloud, procedure=None, screen=screen)
    return d


def go(d: InProcessDriver, page: str, lang: str = "en") -> None:
    assert (
        d.go_to([("button", label("nav.billing", lang)), ("link", label(page, lang))]).status
        == "ok"
    )


@pytest.mark.parametrize("lang", ["en", "da"])
def test_a_path_leaves_an_open_group_open_and_opens_a_closed_one(lang: str) -> None:
    d = driver(lang)
    go(d, "nav.licenses", lang)
    assert d.app.ui.screen == "licenses" and d.app.ui.nav_open
    d.click("button", label("nav.billing", lang))  # the reader closes the group
    assert not d.app.ui.nav_open
    go(d, "nav.bills_payments", lang)
    assert d.app.ui.screen == "bills" and d.app.ui.nav_open


def test_a_control_in_a_closed_menu_is_found_by_opening_the_menus() -> None:
    d = driver()
    outcome = d.click("menuitemcheckbox", label("filter.self_service"))
    assert outcome.status == "ok"
    assert d.query("products.filter") == "self_service"


def test_the_target_chooses_between_rows() -> None:
    d = driver()
    outcome = d.click("button", label("action.more_actions"), target="visio-plan-2")
    assert outcome.status == "ok" and outcome.used_target
    assert d.app.ui.menu_for == "visio-plan-2"
    assert d.click("menuitem", label("action.cancel_subscription")).status == "ok"
    assert d.app.ui.pane == "cancel" and d.app.ui.pane_for == "visio-plan-2"
    # "In the **Cancel subscription** pane": the reader is in it, nothing is clicked.
    assert d.click("menuitem", label("action.cancel_subscription")).status == "ok"
    assert d.choose("not-used").status == "ok"
    assert d.click("button", label("action.save")).status == "ok"
    assert d.query("subscription.status", "visio-plan-2") == "cancelled"
    assert d.query("subscription.status", "Power BI Pro") == "active"


def test_a_refusal_fails_the_act_and_changes_nothing() -> None:
    d = driver()
    d.pick("powerbi-pro")
    d.click("button", label("action.remove_licenses"))
    assert d.fill("spinbutton", label("field.total_licenses"), "2").status == "ok"
    outcome = d.click("button", label("action.save"))
    assert outcome.status == "failed"
    with pytest.raises(Rejected) as refused:  # what the model says of it, in English
        handlers.handle(d.portal, SetTotalLicenses("powerbi-pro", "2"))
    assert outcome.observed.startswith(f"the simulator refused it: “{refused.value.text('en')}")
    assert d.query("subscription.total_licenses", "powerbi-pro") == "100"


def test_a_control_not_on_screen_says_what_the_screen_shows() -> None:
    d = driver("da")
    save, products = label("action.save", "da"), label("nav.your_products", "da")
    outcome = d.click("button", save)
    assert outcome.status == "failed"
    assert outcome.observed.startswith(f"no button named '{save}'; the screen shows '{products}'")
    assert f"tab '{label('tab.products', 'da')}'" in outcome.observed


def test_people_are_ticked_in_a_list_or_found_with_the_search_box() -> None:
    d = driver(screen="licenses")
    assert d.pick("power-automate").status == "ok"
    assert d.pick(None, ["elena-skov"]).status == "ok"  # a list that names them: ticked
    assert d.click("button", label("action.unassign_licenses")).status == "ok"
    assert d.click("button", label("action.unassign")).status == "ok"
    assert d.query("subscription.unassigned_users", "power-automate") == "elena-skov"
    assert d.click("button", label("action.assign_licenses")).status == "ok"
    picked = d.pick(None, ["Jonas Berg"])  # the pane's search box, then the result
    assert picked.status == "ok"
    assert picked.touched == (("combobox", label("field.find_user")),)
    assert d.click("button", label("action.assign")).status == "ok"
    assert "jonas-berg" in (d.query("subscription.assigned_users", "power-automate") or "")


def test_the_form_facts_fill_empty_fields_only() -> None:
    d = driver(screen="bills")
    d.click("tab", label("tab.payment_methods"))
    d.click("button", label("action.add_payment_method"))
    d.fill("textbox", label("field.name_on_card"), "Ada Lovelace")
    facts = [("textbox", label(k), v, False) for k, v in FORM.items() if k != "field.cancel_reason"]
    filled = d.complete(facts)
    assert label("field.name_on_card") not in {name for _, name in filled.touched}
    assert d.click("button", label("action.add")).status == "ok"
    assert d.query("payment_methods.added") == "1"
    assert any(c.holder == "Ada Lovelace" for c in d.app.portal.cards)


def test_the_screen_graph_answers_a_walk_already_made() -> None:
    d = driver()
    go(d, "nav.bills_payments")
    events = d.stats["events"]
    d.reset()
    go(d, "nav.bills_payments")
    assert d.stats["events"] == events  # looked up, not handled again
    assert d.app.ui.screen == "bills"
