"""The cloud selector in Chromium: one cloud's steps at a time, its simulators, ?view, memory.

The page is shared by every e2e test of a worker (a full load boots Python again, ~4 s), so
these tests move by Material's instant navigation where they can and set the cloud they
need themselves rather than assume what an earlier test left.
"""

from __future__ import annotations

from typing import Any

import pytest

from simulator.i18n import translations
from simulator.markets import CLOUDS
from walkthrough.site_server import INSTANT_NAVIGATION_READY

pytestmark = pytest.mark.e2e

ARTICLE = {
    "en": "/manage-self-service-purchases-users/",
    "da": "/da/manage-self-service-purchases-users/",
}
HOME = {"en": "/", "da": "/da/"}
SELECTOR = {lang: translations(lang).gettext("Cloud") for lang in ("en", "da")}  # its label
WORLDWIDE, VIANET = "o365-worldwide", "o365-21vianet"
# Each cloud's portal links in the first step of the procedures (procedures.yml).
LINKS = {WORLDWIDE: ("842054", "842264"), VIANET: ("850626", "850625")}
VIANET_ADDRESS = "portal.partner.microsoftonline.cn"

VISIBLE_LINKS = """linkid => [...document.querySelectorAll(`a[href$="linkid=${linkid}"]`)]
  .map(a => a.checkVisibility())"""
ALL_SIMULATORS_IN = """cloud => { const s = [...document.querySelectorAll('[data-simulator]')];
  return s.length > 0 && s.every(e => e.dataset.cloudActive === cloud && 'ready' in e.dataset); }"""


def open_page(page: Any, path: str) -> None:
    """Go to ``path`` by instant navigation when the page is on the site in that language."""
    here = page.evaluate("location.pathname") if page.url.startswith("http") else None
    same_lang = here is not None and here.startswith("/da/") == path.startswith("/da/")
    if here == path:
        return
    if same_lang and page.evaluate("!!window.document$"):
        page.wait_for_function(INSTANT_NAVIGATION_READY)
        page.evaluate(
            "href => { const a = document.createElement('a'); a.href = href;"
            " document.body.append(a); a.click(); a.remove(); }",
            path,
        )
        page.wait_for_function("p => location.pathname === p", arg=path)
        page.wait_for_function("p => document.querySelector('[data-md-component=container]')"
                               " && location.pathname === p", arg=path)  # fmt: skip
    else:
        page.goto(path)


def selector(page: Any, lang: str = "en") -> Any:
    """The header's cloud selector, by its label in the page's language."""
    return page.get_by_role("combobox", name=SELECTOR[lang], exact=True)


def choose(page: Any, lang: str, cloud: str) -> None:
    selector(page, lang).select_option(cloud)
    page.wait_for_function("c => document.documentElement.dataset.cloud === c", arg=cloud)


def shown(page: Any, cloud: str) -> list[bool]:
    return [v for linkid in LINKS[cloud] for v in page.evaluate(VISIBLE_LINKS, linkid)]


def cloud_of(page: Any) -> str:
    value: str = page.evaluate("document.documentElement.dataset.cloud")
    return value


@pytest.mark.parametrize("lang", ["en", "da"])
def test_switching_cloud_shows_only_that_clouds_steps(site_page: Any, lang: str) -> None:
    open_page(site_page, ARTICLE[lang])
    choose(site_page, lang, WORLDWIDE)
    assert shown(site_page, WORLDWIDE) and all(shown(site_page, WORLDWIDE))
    assert shown(site_page, VIANET) and not any(shown(site_page, VIANET))
    # A step outside the zones shows in both clouds.
    common = site_page.locator("#view-your-subscriptions ~ ol[start='2'] li").first
    assert common.is_visible()

    choose(site_page, lang, VIANET)
    assert all(shown(site_page, VIANET)) and not any(shown(site_page, WORLDWIDE))
    assert common.is_visible()
    # Hidden zones leave the numbering right: the visible first step is a "1."
    first = site_page.locator(".moniker-zone:visible ol").first
    assert first.evaluate("ol => ol.start") == 1


def test_switching_cloud_switches_every_simulator(site_page: Any) -> None:
    open_page(site_page, ARTICLE["en"])
    choose(site_page, "en", WORLDWIDE)
    site_page.wait_for_function(ALL_SIMULATORS_IN, arg=WORLDWIDE)
    events = site_page.evaluate_handle(
        "() => { const seen = [];"
        " document.addEventListener('ssp:cloud', e => seen.push(e.detail.cloud)); return seen; }"
    )

    choose(site_page, "en", VIANET)
    site_page.wait_for_function(ALL_SIMULATORS_IN, arg=VIANET)
    assert events.evaluate("seen => [...seen]") == [VIANET]
    sims = site_page.locator("[data-simulator]")
    assert sims.count() == 9
    first = sims.first
    assert VIANET_ADDRESS in first.inner_text()
    assert "CN¥" in first.inner_text()  # prices in CNY

    choose(site_page, "en", WORLDWIDE)
    site_page.wait_for_function(ALL_SIMULATORS_IN, arg=WORLDWIDE)
    assert VIANET_ADDRESS not in sims.first.inner_text()


def test_a_change_of_mind_while_python_starts_shows_the_cloud_chosen_last(
    own_context: Any,
) -> None:
    """Two clouds chosen while Python still starts: every simulator ends in the second.
    (Each choice mounts every simulator again, and the answers came in order: the first
    choice's screens were shown, then the second's mount, which found the built screen
    unchanged when it was sent, kept whatever was shown: 21Vianet on a worldwide page.)"""
    page = own_context.new_page()
    page.goto(ARTICLE["en"], wait_until="domcontentloaded")
    page.wait_for_function("() => 'wired' in document.getElementById('ssp-cloud-select').dataset")
    assert page.locator("[data-simulator][data-ready]").count() == 0  # Python still starts
    page.evaluate(
        """clouds => { const select = document.getElementById('ssp-cloud-select');
        for (const cloud of clouds) {
          select.value = cloud; select.dispatchEvent(new Event('change', {bubbles: true}));
        } }""",
        [VIANET, WORLDWIDE],
    )
    page.wait_for_function(ALL_SIMULATORS_IN, arg=WORLDWIDE)
    # Every answer the worker still owes arrives before this one (one worker, in order).
    page.evaluate("() => window.__ssp.state(document.querySelector('[data-simulator]'))")
    texts = page.locator("[data-simulator]").all_inner_texts()
    assert len(texts) == 9
    assert [text for text in texts if VIANET_ADDRESS in text or "CN¥" in text] == []


def test_selector_is_keyboard_operable(site_page: Any) -> None:
    open_page(site_page, ARTICLE["en"])
    choose(site_page, "en", WORLDWIDE)
    select = selector(site_page)
    assert [o.strip() for o in select.locator("option").all_inner_texts()] == [
        translations("en").gettext(c.name) for c in CLOUDS
    ]
    select.focus()
    site_page.keyboard.press("ArrowDown")
    site_page.wait_for_function("() => document.documentElement.dataset.cloud === 'o365-21vianet'")
    assert site_page.evaluate("localStorage.getItem('ssp.cloud')") == VIANET
    assert all(shown(site_page, VIANET))


def test_view_parameter_selects_the_cloud_on_load(site_page: Any) -> None:
    open_page(site_page, ARTICLE["en"])
    choose(site_page, "en", WORLDWIDE)  # stored: the URL must win over it
    site_page.goto(ARTICLE["en"] + "?view=o365-21vianet")
    assert cloud_of(site_page) == VIANET
    assert selector(site_page).input_value() == VIANET
    assert all(shown(site_page, VIANET)) and not any(shown(site_page, WORLDWIDE))
    site_page.wait_for_function(ALL_SIMULATORS_IN, arg=VIANET)
    # A link's cloud is for this visit: the reader's own choice stays what later visits show.
    assert site_page.evaluate("localStorage.getItem('ssp.cloud')") == WORLDWIDE
    site_page.goto(ARTICLE["en"])
    assert cloud_of(site_page) == WORLDWIDE
    # What the reader chooses in the selector stands, and the address keeps saying it.
    site_page.goto(ARTICLE["en"] + "?view=o365-21vianet")
    choose(site_page, "en", WORLDWIDE)
    assert "view=o365-worldwide" in site_page.url
    assert site_page.evaluate("localStorage.getItem('ssp.cloud')") == WORLDWIDE


FIRST_ZONE_PROBE = """
new MutationObserver((records, observer) => {
  if (document.querySelector('.moniker-zone')) {
    window.__cloudAtFirstZone = document.documentElement.dataset.cloud || null;
    observer.disconnect();
  }
}).observe(document, { childList: true, subtree: true });
"""


def test_cloud_is_set_before_the_steps_are_parsed(site_page: Any) -> None:
    """No flash of the other cloud: <html data-cloud> is set when the first zone appears."""
    open_page(site_page, ARTICLE["en"])
    choose(site_page, "en", VIANET)
    site_page.add_init_script(FIRST_ZONE_PROBE)  # cheap; stays for later loads of the page
    site_page.goto(ARTICLE["en"])
    assert site_page.evaluate("window.__cloudAtFirstZone") == VIANET
    assert selector(site_page).input_value() == VIANET


def test_choice_persists_across_instant_navigation_and_reload(site_page: Any) -> None:
    open_page(site_page, ARTICLE["en"])
    choose(site_page, "en", VIANET)
    site_page.evaluate("window.__sameDocument = true")

    open_page(site_page, HOME["en"])
    assert site_page.evaluate("window.__sameDocument") is True  # instant navigation
    assert cloud_of(site_page) == VIANET
    site_page.wait_for_function(ALL_SIMULATORS_IN, arg=VIANET)

    open_page(site_page, ARTICLE["en"])
    assert site_page.evaluate("window.__sameDocument") is True
    assert all(shown(site_page, VIANET)) and not any(shown(site_page, WORLDWIDE))

    site_page.reload()
    assert cloud_of(site_page) == VIANET
    assert selector(site_page).input_value() == VIANET
    assert all(shown(site_page, VIANET))
    choose(site_page, "en", WORLDWIDE)
