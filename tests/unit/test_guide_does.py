"""``simulator.guide.does``: the one predicate behind guided practice. The right event does
the act; a wrong one does not, and gives a hint naming both, in the page's language; no
sequence of wrong events marks a step done (Hypothesis)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from simulator import guide
from simulator.app import App
from simulator.controls import CONTROLS
from simulator.model import CANCEL_REASONS as MODEL_REASONS
from simulator.protocol import Event
from simulator.ui import Settings

BUY = guide.Act("click", ("action.buy_licenses",))
EITHER = guide.Act("click", ("action.buy_licenses", "action.remove_licenses"))
TOTAL = (guide.Act("fill", ("field.total_licenses",), "105"), guide.Act("click", ("action.save",)))


def detail(lang: str = "en") -> App:
    app = App(Settings(lang=lang))
    app.handle(Event("click", "open-subscription", {"subscription": "powerbi-pro"}))
    return app


def sent(app: App, event: Event) -> Event:
    app.handle(event)
    return event


def pane(kind: str) -> Event:
    return Event("click", "open-pane", {"pane": kind, "subscription": "powerbi-pro"})


def test_the_right_control_does_the_act_and_another_does_not() -> None:
    app = detail()
    assert guide.does(sent(app, pane("buy")), BUY, app)
    app = detail()
    assert not guide.does(sent(app, pane("remove")), BUY, app)


def test_either_alternative_does_an_act_of_alternatives() -> None:
    for kind in ("buy", "remove"):
        app = detail()
        assert guide.does(sent(app, pane(kind)), EITHER, app)


def test_a_named_value_must_be_entered_and_accepted() -> None:
    for typed, done in (("105", True), (" 105 ", True), ("100", False)):
        app = detail()
        app.handle(pane("buy"))
        event = sent(app, Event("click", "save-total", {}, {"total": typed}))
        assert guide.does(event, TOTAL[0], app) is done
    app = detail()
    app.handle(pane("remove"))
    refused = sent(app, Event("click", "save-total", {}, {"total": "1"}))  # < assigned
    assert app.ui.error
    assert not guide.does(refused, TOTAL[1], app)


def test_a_wrong_choice_gives_a_hint_naming_both_in_the_page_language() -> None:
    for lang in ("en", "da"):
        app = detail(lang)
        steps = (guide.Step(3, 0, "", (BUY,)),)
        practice = guide.Practice("p", steps)
        practice = guide.judge(practice, sent(app, pane("remove")), app)
        assert practice.step == 0
        buy, remove = (
            CONTROLS[k].label(lang) for k in ("action.buy_licenses", "action.remove_licenses")
        )
        wanted = app.translate(guide.ASKS_CHOSE, asked=f"**{buy}**", chosen=f"**{remove}**")
        assert practice.hint == wanted


def test_a_wrong_value_says_what_was_entered() -> None:
    app = detail()
    app.handle(pane("buy"))
    practice = guide.Practice("p", (guide.Step(4, 0, "", TOTAL),))
    practice = guide.judge(
        practice, sent(app, Event("click", "save-total", {}, {"total": "110"})), app
    )
    assert not app.ui.error  # accepted, but not what the step asks
    assert practice.step == 0 and "**110**" in practice.hint and "**105**" in practice.hint


def test_the_right_event_advances_past_a_fill_and_its_button() -> None:
    app = detail()
    app.handle(pane("buy"))
    practice = guide.Practice("p", (guide.Step(4, 0, "", TOTAL),))
    practice = guide.judge(
        practice, sent(app, Event("click", "save-total", {}, {"total": "105"})), app
    )
    assert practice.done and not practice.hint


#: Events a learner can send on the subscription's page and in its panes.
EVENTS = [
    pane("remove"),
    Event("click", "close-pane"),
    Event("click", "close-subscription"),
    Event("click", "go", {"screen": "licenses"}),
    Event("click", "go", {"screen": "bills"}),
    Event("click", "go", {"screen": "products"}),
    Event("click", "nav-toggle"),
    Event("click", "save-total", {}, {"total": "3"}),
    Event("click", "save-total", {}, {"total": "abc"}),
    Event("click", "open-subscription", {"subscription": "power-automate"}),
    Event("click", "more-actions", {"subscription": "power-automate"}),
    Event("click", "filter-toggle"),
    Event("click", "bills-tab", {"tab": "payment_methods"}),
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(EVENTS), max_size=8))
def test_no_sequence_of_wrong_events_marks_a_step_done(events: list[Event]) -> None:
    app = detail()
    steps = (guide.Step(3, 0, "", (BUY,)), guide.Step(4, 0, "", TOTAL))
    practice = guide.settle(guide.Practice("p", steps), app)
    for event in events:
        try:
            app.handle(event)
        except Exception:  # an event this screen cannot take (a late click): not sent
            continue
        practice = guide.judge(practice, event, app)
        assert practice.step == 0 and practice.act == 0
    assert not practice.done


def test_a_step_whose_place_is_already_shown_is_passed() -> None:
    app = App(Settings(lang="en"))
    within = guide.Act("within", ("tab.products",))
    steps = (guide.Step(1, 0, "", (within, BUY)),)
    practice = guide.settle(guide.Practice("p", steps), app)
    assert practice.act == 1
    assert replace(practice, act=0).current == within


def test_every_control_the_article_names_is_known_to_the_guide() -> None:
    """A control added to ``simulator.controls`` without its line in the guide's tables
    could never be pointed at or judged."""
    tables: dict[str, Mapping[str, object]] = {
        "button": guide.SENDS,
        "link": guide.SENDS,
        "tab": {**guide.SENDS, **guide.PLACES},  # Products: the one tab, nothing to send
        "menuitem": guide.SENDS,
        "menuitemcheckbox": guide.SENDS,
        "spinbutton": guide.FIELDS,
        "textbox": guide.FIELDS,
        "combobox": guide.FIELDS,
        "radiogroup": guide.FIELDS,
        "option": guide.OPTIONS,
        "dialog": guide.PLACES,
        "heading": guide.PLACES,
    }
    missing = [
        key
        for key, control in CONTROLS.items()
        if control.role and key not in tables[control.role] and key != "control.reset"
    ]
    assert not missing


def test_a_refused_input_leaves_the_step_current_with_the_portals_own_message() -> None:
    app = detail()
    app.handle(pane("remove"))
    free = (guide.Act("fill", ("field.total_licenses",)), guide.Act("click", ("action.save",)))
    practice = guide.Practice("p", (guide.Step(4, 0, "", free),))
    practice = guide.judge(
        practice, sent(app, Event("click", "save-total", {}, {"total": "1"})), app
    )
    assert app.ui.error and app.ui.pane == "remove"  # fewer than are assigned: refused
    assert practice.step == 0 and practice.act == 0 and not practice.hint
    fewer = str(app.portal.subscription("powerbi-pro").total_licenses - 1)
    practice = guide.judge(
        practice, sent(app, Event("click", "save-total", {}, {"total": fewer})), app
    )
    assert practice.done  # a value the prose leaves free: any the portal accepts


def test_hints_name_a_reason_and_a_form_as_the_page_shows_them() -> None:
    for lang in ("en", "da"):
        app = App(Settings(lang=lang))
        app.handle(
            Event("click", "open-pane", {"pane": "cancel", "subscription": "power-automate"})
        )
        choose = guide.Act("choose", ("field.cancel_reason",), "not-used")
        practice = guide.Practice("p", (guide.Step(3, 0, "", (choose,)),))
        practice = guide.judge(practice, sent(app, Event("click", "close-pane")), app)
        reason = app.translate(MODEL_REASONS["not-used"])
        cancel = CONTROLS["action.cancel"].label(lang)
        assert practice.hint == app.translate(
            guide.ASKS_CHOSE, asked=f"**{reason}**", chosen=f"**{cancel}**"
        )
        app.handle(Event("click", "add-card"))
        form = guide.Act("complete", fields=(("field.card_number", "4111", False),))
        practice = guide.Practice("p", (guide.Step(3, 0, "", (form,)),))
        practice = guide.judge(practice, sent(app, Event("click", "close-pane")), app)
        number = CONTROLS["field.card_number"].label(lang)
        assert f"**{number}**" in practice.hint
