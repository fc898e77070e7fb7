"""Guided practice's steps: every procedure of the kit's pages, in every language and cloud,
has a guide built from the checker's intents, and a learner acting through the elements
whose events ``simulator.guide.does`` each act completes it (the procedure's goal holds)."""

from __future__ import annotations

from pathlib import Path

import pytest
from guides import CASES, DOCS, KINDS, PAGE, page_guides, settings_of, steps_of

from simulator import guide
from simulator.app import App
from simulator.controls import CONTROLS
from simulator.markets import Cloud
from walkthrough.checker.inprocess_driver import InProcessDriver
from walkthrough.plugin import embed, guides
from walkthrough.steps.procedures import ORDER, POSTCONDITIONS


@pytest.mark.parametrize(("lang", "cloud"), CASES)
def test_every_procedure_has_a_guide_of_known_acts(lang: str, cloud: Cloud) -> None:
    found, warnings = page_guides(lang)
    assert not warnings
    assert [pid for pid in ORDER if cloud.value in found.get(pid, {})] == list(ORDER)
    for pid in ORDER:
        data = found[pid][cloud.value]
        assert data["steps"], pid
        for step in steps_of(data):
            assert step.acts, f"{pid} step {step.number}: no act"
            for act in step.acts:
                assert act.kind in KINDS
                assert all(k in CONTROLS for k in act.keys), act


@pytest.mark.parametrize(("lang", "cloud"), CASES)
def test_the_intents_name_what_each_step_asks(lang: str, cloud: Cloud) -> None:
    data = page_guides(lang)[0]
    buy = steps_of(data["buy-or-reduce-licenses"][cloud.value])
    assert buy[2].acts[0] == guide.Act("click", ("action.buy_licenses", "action.remove_licenses"))
    assert buy[3].acts[0] == guide.Act("fill", ("field.total_licenses",), "105")
    cancel = steps_of(data["cancel-subscription"][cloud.value])
    assert guide.Act("choose", ("field.cancel_reason",), "not-used") in cancel[2].acts
    assert data["view-invoices"][cloud.value].get("next") is None
    assert data["view-subscriptions"][cloud.value]["next"]["id"] == "buy-or-reduce-licenses"


@pytest.mark.parametrize(("lang", "cloud"), CASES)
def test_the_inprocess_driver_completes_every_procedure_through_does(
    lang: str, cloud: Cloud
) -> None:
    found = page_guides(lang)[0]
    driver = InProcessDriver()
    for pid in ORDER:
        s = settings_of(lang, cloud, pid)
        driver.start(
            locale=lang, moniker=cloud.value, procedure=pid, scenario=s.scenario, screen=s.screen
        )
        data = found[pid][cloud.value]
        for step in steps_of(data):
            for act in step.acts:
                assert driver.practise(act), f"{pid} step {step.number}: nothing does {act}"
        target = next((a.target for st in steps_of(data) for a in st.acts if a.target), None)
        for condition in POSTCONDITIONS[pid]:
            name = condition.split()[0]
            assert driver.query(name, target) is not None
        assert _goal_reached(driver, pid, target), pid


def _goal_reached(driver: InProcessDriver, pid: str, target: str | None) -> bool:
    goals = {
        "view-subscriptions": ("products.filter", "self_service"),
        "buy-or-reduce-licenses": ("subscription.total_licenses", "105"),
        "assign-licenses": ("subscription.assigned_users", "jonas-berg"),
        "unassign-licenses": ("subscription.unassigned_users", "elena-skov"),
        "cancel-subscription": ("subscription.status", "cancelled"),
        "manage-payment-details": ("billing_profile.payment_method_changed", "true"),
        "update-payment-method": ("payment_method.changed", "true"),
        "add-payment-method": ("payment_methods.added", "1"),
        "view-invoices": ("bills.tab", "invoices"),
    }
    name, wanted = goals[pid]
    return wanted in (driver.query(name, target) or "").split(",")


@pytest.mark.parametrize(("lang", "cloud"), CASES)
def test_replaying_the_steps_before_n_judges_each_of_them_done(lang: str, cloud: Cloud) -> None:
    found = page_guides(lang)[0]
    for pid in ORDER:
        steps = steps_of(found[pid][cloud.value])
        app = App(settings_of(lang, cloud, pid))
        guide.replay(steps, len(steps), app)
        assert not app.ui.error, (pid, app.ui.error)


def test_a_procedure_the_checker_fails_gets_no_guide_and_a_warning(tmp_path: Path) -> None:
    text = (DOCS / "en" / PAGE).read_text("utf-8-sig")
    broken = text.replace("choose **Buy licenses** or **Remove licenses**", "choose **Buy now**")
    broken = broken.replace("Choose **Buy licenses** or **Remove licenses**", "Choose **Buy now**")
    assert broken != text
    found, warnings = guides.of_page(broken, "docs/en/x.md", "en", InProcessDriver())
    assert "buy-or-reduce-licenses" not in found
    assert "assign-licenses" in found
    assert warnings and all("has no guided practice in en/" in w for w in warnings)
    assert warnings[0].startswith("docs/en/x.md:")


def test_a_procedure_embeds_its_own_guides_and_the_standalone_page_all() -> None:
    found = page_guides("en")[0]
    page = (
        '<div data-simulator data-procedure="assign-licenses"></div>'
        "<div data-simulator data-standalone></div>"
    )
    html = embed.expand(page, lang="en", page="x.md", guides=found)
    own, standalone = html.split("data-standalone", 1)
    assert own.count('class="ssp-guide-data"') == len(Cloud)
    assert own.count('data-guide-id="assign-licenses"') == len(Cloud)
    assert own.count("data-practise=") == 1
    title = found["assign-licenses"][Cloud.WORLDWIDE.value]["title"]
    assert f'<span class="ssp-sr">: {title}</span></button>' in own  # which one, when heard
    assert standalone.count('class="ssp-guide-data"') == len(Cloud) * len(ORDER)
    none = embed.expand(page, lang="en", page="x.md", guides={})
    assert "ssp-guide-data" not in none and "data-practise=" not in none
