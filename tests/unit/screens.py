"""The portal's screens in the unit tests: driven through the step checker's in-process driver.

``InProcessDriver`` renders the app, finds each control by its ARIA role and accessible name
(``a11y.Tree``) and sends the event the page's script would send (``dom``); these are thin
steps over it, naming controls by their key in ``simulator.controls`` (the label in the
driver's language) and data (products, people, cards) by the scenario's names. Each step
checks that the driver could do it: a control found once, an act the simulator took (or
refused, when the test says it should be refused).
"""

from __future__ import annotations

from simulator.controls import CONTROLS
from simulator.i18n import translations
from simulator.markets import Cloud
from walkthrough.checker.a11y import Node
from walkthrough.checker.driver import Outcome
from walkthrough.checker.inprocess_driver import InProcessDriver

LANGS = ["en", "da"]


def start(
    lang: str = "en",
    cloud: Cloud = Cloud.WORLDWIDE,
    *,
    scenario: str = "default",
    screen: str = "products",
) -> InProcessDriver:
    """A driver showing the scenario's first screen in ``lang`` and ``cloud``."""
    driver = InProcessDriver()
    driver.start(locale=lang, moniker=cloud.value, procedure=None, scenario=scenario, screen=screen)
    return driver


def tr(driver: InProcessDriver, msgid: str) -> str:
    """A message of the catalog in the driver's language (text that is not a control's)."""
    return translations(driver.settings.lang).gettext(msgid)


def one(driver: InProcessDriver, key: str, *, within: Node | None = None) -> Node:
    """Control ``key``, which the screen (or ``within``) shows exactly once."""
    found = driver.control(key, within=within)
    control = CONTROLS[key]
    assert len(found) == 1, f"{key}: {len(found)} {control.role} named {driver.label(key)!r}"
    return found[0]


def named(driver: InProcessDriver, role: str, name: str) -> Node:
    """The element with ``role`` and exact accessible ``name`` (data: a product, a card)."""
    found = driver.find(role, name)
    assert found, f"no {role} named {name!r}"
    return found[0]


def done(outcome: Outcome, *, refused: bool = False) -> Outcome:
    """``outcome``, checked: done, or (``refused``) refused by the simulator with an alert."""
    assert outcome.status == ("failed" if refused else "ok"), outcome.observed
    return outcome


def press(
    driver: InProcessDriver, key: str, *, within: Node | None = None, refused: bool = False
) -> Outcome:
    """Click control ``key`` (shown once, in ``within`` if given)."""
    return done(driver.activate(one(driver, key, within=within)), refused=refused)


def choose(driver: InProcessDriver, name: str, role: str = "button") -> Outcome:
    """Click the element named ``name`` (a product, a card, a billing profile)."""
    return done(driver.activate(named(driver, role, name)))


def type_in(driver: InProcessDriver, key: str, text: str, *, refused: bool = False) -> Outcome:
    """Type ``text`` over what field ``key`` (shown once) holds."""
    one(driver, key)
    control = CONTROLS[key]
    return done(driver.fill(control.role, driver.label(key), text), refused=refused)


def go(driver: InProcessDriver, key: str) -> Outcome:
    """Billing (opened if it is closed), then its page ``key``."""
    path = [("button", driver.label("nav.billing")), ("link", driver.label(key))]
    return done(driver.go_to(path))


def alerts(driver: InProcessDriver) -> list[str]:
    return [node.text() for node in driver.find("alert")]


def statuses(driver: InProcessDriver) -> list[str]:
    return [node.text() for node in driver.find("status")]
