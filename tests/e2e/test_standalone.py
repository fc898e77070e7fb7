"""The standalone simulator page: the state a customer describes, from the URL."""

from __future__ import annotations

from typing import Any

import pytest

from simulator.controls import CONTROLS
from simulator.i18n import translations

pytestmark = pytest.mark.e2e

READY = "[data-simulator][data-ready]"
UNKNOWN = "%(value)s is not a %(name)s the simulator knows. Use one of: %(known)s."


def unknown(lang: str, name: str, value: str) -> str:
    """The first sentence of the catalog's message for a setting the simulator does not know."""
    message = translations(lang).gettext(UNKNOWN)
    return (message % {"value": value, "name": name, "known": ""}).split(".")[0]


def test_url_chooses_scenario_cloud_and_role(site_page: Any) -> None:
    site_page.goto("/simulator/?scenario=admin-view&view=o365-21vianet&role=admin&screen=products")
    site_page.wait_for_selector(READY)
    sim = site_page.locator(READY)
    assert "portal.partner.microsoftonline.cn" in sim.locator(".ssp-topbar").inner_text()
    assert "CN¥" in sim.locator(".ssp-sim-root").inner_text()
    # The admin's view changes nothing: no Buy/Remove/Save controls anywhere.
    for key in (
        "action.buy_licenses",
        "action.remove_licenses",
        "action.save",
        "action.more_actions",
    ):
        control = CONTROLS[key]
        assert sim.get_by_role(control.role, name=control.label("en")).count() == 0, key


@pytest.mark.parametrize(
    ("path", "expected", "known"),
    [
        ("/simulator/?scenario=nope", unknown("en", "scenario", "nope"), "admin-view"),
        ("/da/simulator/?role=owner", unknown("da", "role", "owner"), "purchaser, admin"),
    ],
)
def test_unknown_setting_is_explained_in_the_page_language(
    site_page: Any, path: str, expected: str, known: str
) -> None:
    site_page.goto(path)
    alert = site_page.locator("[data-simulator]").get_by_role("alert")
    alert.wait_for()
    assert expected in alert.inner_text()
    assert known in alert.inner_text()
