"""Share links: a state in the address's fragment, compressed and versioned
(``state.to_link`` / ``state.from_link``), and the worker opening one."""

from __future__ import annotations

import base64
import json
import zlib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator import state, worker
from simulator.i18n import translations

SETTINGS = {"lang": "en", "cloud": "o365-worldwide", "scenario": "default"}


def click(action: str, fields: dict[str, Any] | None = None, **data: str) -> str:
    return json.dumps({"type": "click", "action": action, "data": data, "fields": fields or {}})


def changed(key: str, lang: str = "en") -> dict[str, Any]:
    """A default simulator with a few changes: 105 Power BI Pro licenses, on Licenses."""
    worker.mount(key, json.dumps({**SETTINGS, "lang": lang}))
    worker.dispatch(key, click("open-subscription", subscription="powerbi-pro"))
    worker.dispatch(key, click("open-pane", pane="buy", subscription="powerbi-pro"))
    worker.dispatch(key, click("save-total", {"total": "105"}))
    answer: dict[str, Any] = json.loads(worker.dispatch(key, click("go", screen="licenses")))
    return answer


def test_a_link_round_trips_and_is_short() -> None:
    saved = state.decode(changed("link-a")["state"])
    token = state.to_link(saved)
    assert token.startswith(f"{state.VERSION}.")
    assert state.from_link(token) == saved
    assert len(f"/simulator/#{state.LINK_PARAM}={token}") < 2000, len(token)


def test_a_link_opens_its_state_in_any_language_and_cloud() -> None:
    before = changed("link-b")
    token = state.to_link(state.decode(before["state"]))
    for lang, cloud in [("da", "o365-worldwide"), ("en", "o365-21vianet")]:
        raw = {"lang": lang, "cloud": cloud, "scenario": "default", "role": "admin"}
        answer = json.loads(worker.mount(f"link-{lang}", json.dumps(raw), "", link=token))
        assert answer["restored"] is True and not answer["notice"]
        assert json.loads(answer["state"])["patch"] == json.loads(before["state"])["patch"]
        assert 'data-screen="licenses"' in answer["html"]


def test_the_link_chooses_the_scenario() -> None:
    base = state.State("expired-card", {}, {"screen": "bills"})
    answer = json.loads(worker.mount("link-c", json.dumps(SETTINGS), link=state.to_link(base)))
    assert answer["restored"] is True
    assert json.loads(answer["state"])["scenario"] == "expired-card"


def test_saved_work_from_a_link_comes_before_the_link() -> None:
    token = state.to_link(state.State("default", {}, {"screen": "products"}))
    later = changed("link-d")["state"]
    answer = json.loads(worker.mount("link-e", json.dumps(SETTINGS), later, link=token))
    assert json.loads(answer["state"])["patch"] == json.loads(later)["patch"]


def _bomb() -> str:
    packed = zlib.compress(b"[" + b" " * (50 * 1024 * 1024) + b"]", 9)
    return f"{state.VERSION}." + base64.urlsafe_b64encode(packed).decode().rstrip("=")


def _tokens() -> dict[str, tuple[str, str]]:
    good = state.to_link(state.State("default", {"organization": "Fabrikam"}, {}))
    unknown = state.to_link(state.State("no-such-scenario", {}, {}))
    invalid = state.to_link(state.State("default", {"today": "yesterday"}, {}))
    return {
        "truncated": (good[: len(good) // 2], state.LINK_DAMAGED),
        "tampered": (good[:-6] + ("A" if good[-6] != "A" else "B") + good[-5:], state.LINK_DAMAGED),
        "not base64": (f"{state.VERSION}.<script>", state.LINK_DAMAGED),
        "no version": (good.partition(".")[2], state.LINK_DAMAGED),
        "newer": (f"{state.VERSION + 1}.{good.partition('.')[2]}", state.LINK_NEWER),
        "unknown scenario": (unknown, state.LINK_INVALID),
        "invalid changes": (invalid, state.LINK_INVALID),
        "bomb": (_bomb(), state.LINK_DAMAGED),
    }


@pytest.mark.parametrize("case", list(_tokens()))
@pytest.mark.parametrize("lang", ["en", "da"])
def test_a_bad_link_opens_the_default_scenario_with_its_message(case: str, lang: str) -> None:
    token, reason = _tokens()[case]
    raw = {**SETTINGS, "lang": lang}
    answer = json.loads(worker.mount(f"bad-{case}", json.dumps(raw), link=token))
    assert answer["notice"] == translations(lang).gettext(reason)
    if lang == "da":
        assert answer["notice"] != reason  # translated
    saved = json.loads(answer["state"])
    assert (saved["scenario"], saved["patch"]) == ("default", {})
    assert answer["html"]


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.text().map(lambda t: f"{state.VERSION}.{t}"),
        st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_").map(
            lambda t: f"{state.VERSION}.{t}"
        ),
        st.binary().map(
            lambda b: (
                f"{state.VERSION}."
                + base64.urlsafe_b64encode(zlib.compress(b)).decode().rstrip("=")
            )
        ),
    )
)
def test_any_text_as_a_link_decodes_or_is_refused(text: str) -> None:
    try:
        found = state.from_link(text)
    except state.StateError as error:
        assert error.reason in {state.LINK_DAMAGED, state.LINK_NEWER, state.LINK_INVALID}
    else:
        assert isinstance(found, state.State)
