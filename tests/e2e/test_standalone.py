"""The standalone simulator page: the state a customer describes, from the URL."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.e2e

READY = "[data-simulator][data-ready]"


def test_url_chooses_scenario_cloud_and_role(site_page: Any) -> None:
    site_page.goto("/simulator/?scenario=admin-view&view=o365-21vianet&role=admin&screen=products")
    site_page.wait_for_selector(READY)
    sim = site_page.locator(READY)
    assert "portal.partner.microsoftonline.cn" in sim.locator(".ssp-topbar").inner_text()
    assert "CN¥" in sim.locator(".ssp-sim-root").inner_text()
    # The admin's view changes nothing: no Buy/Remove/Save controls anywhere.
    for name in ("Buy licenses", "Remove licenses", "Save", "More actions"):
        assert sim.get_by_role("button", name=name).count() == 0, name


@pytest.mark.parametrize(
    ("path", "expected", "known"),
    [
        ("/simulator/?scenario=nope", "nope is not a scenario the simulator knows", "admin-view"),
        ("/da/simulator/?role=owner", "Simulatoren kender ikke role owner", "purchaser, admin"),
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
