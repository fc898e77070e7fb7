"""Every procedure of the article, done in Chromium on the built standalone page.

Each test does one procedure of ../shared/reference/procedures.yml the way a learner
does: real clicks and typing, every control found by its role and its exact accessible
name, the label read from ``simulator.controls`` in the page's language (never written
here). Both languages, both clouds. Names that are data (a product, a person, a card) come
from the scenario.

The page is shared by a test worker's tests (``site_page``): a new URL boots Python again
(seconds), so a test navigates only when its settings differ from the page's, then starts
from the scenario with the Reset simulator button. ``Sim`` is the helper the other
``test_screens_*`` modules use too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page, expect

from simulator import scenario
from simulator.controls import CONTROLS
from simulator.i18n import Formats, translations
from simulator.markets import Cloud
from simulator.model import Portal
from walkthrough.site_server import INSTANT_NAVIGATION_READY

pytestmark = pytest.mark.e2e

READY = "[data-simulator][data-ready]"
SETTLED = """() => new Promise((settled) => {
  const check = () => (window.__ssp.pending.size ? setTimeout(check, 1) : settled());
  check();
})"""
LANGS = ("en", "da")


@dataclass(frozen=True)
class Setting:
    """What the standalone page is asked for in its URL."""

    lang: str
    cloud: Cloud = Cloud.WORLDWIDE
    scenario: str = "default"

    @property
    def url(self) -> str:
        prefix = "/da" if self.lang == "da" else ""
        scenario = f"&scenario={self.scenario}" if self.scenario != "default" else ""
        return f"{prefix}/simulator/?view={self.cloud}{scenario}"

    def __str__(self) -> str:
        cloud = self.cloud.value.removeprefix("o365-")
        return "-".join(filter(None, (self.lang, cloud, self.scenario.replace("default", ""))))


PURCHASER = [Setting(lang, cloud) for lang in LANGS for cloud in Cloud]


class Sim:
    """The simulator on the standalone page, driven as a person would."""

    def __init__(self, page: Page, setting: Setting) -> None:
        self.page = page
        self.setting = setting
        self.lang = setting.lang
        self.element = page.locator(READY)
        self.root = self.element.locator(".ssp-sim-root")

    @cached_property
    def portal(self) -> Portal:
        """The scenario as it starts: where data (product and people names) comes from."""
        return scenario.load(self.setting.scenario, lang=self.lang, cloud=self.setting.cloud)

    # Words.
    def label(self, key: str) -> str:
        return CONTROLS[key].label(self.lang)

    def tr(self, msgid: str) -> str:
        """A message of the catalog in the page's language (for text that is not a label)."""
        return translations(self.lang).gettext(msgid)

    def number(self, value: int) -> str:
        return Formats(self.lang).integer(value)

    # Finding things.
    def control(self, key: str, within: Locator | None = None) -> Locator:
        """A control of the table by its role and exact label: how a person finds it."""
        return self.named(CONTROLS[key].role, self.label(key), within)

    def named(self, role: str, name: str, within: Locator | None = None) -> Locator:
        scope = within or self.root
        return scope.get_by_role(role, name=name, exact=True)  # type: ignore[arg-type]

    def row(self, name: str) -> Locator:
        """The table row headed by ``name`` (a product, a person, a card), chips aside."""
        header = re.compile(rf"^{re.escape(name)}(\s|$)")
        return self.root.get_by_role("row").filter(
            has=self.page.get_by_role("rowheader", name=header)
        )

    @property
    def dialog(self) -> Locator:
        return self.root.get_by_role("dialog")

    def status(self) -> Locator:
        return self.root.get_by_role("status")

    def alert_beside(self, field: Locator) -> Locator:
        """The alert that describes ``field`` (its aria-describedby), checked to be an alert."""
        expect(field).to_have_attribute("aria-invalid", "true")
        described = field.get_attribute("aria-describedby") or ""
        alert = self.root.locator(f"#{described}")
        expect(alert).to_have_attribute("role", "alert")
        expect(alert).to_be_visible()
        return alert

    # Doing things.
    def settle(self) -> None:
        """Wait until Python has answered every event sent so far."""
        self.page.evaluate(SETTLED)

    def press(self, key: str, within: Locator | None = None) -> None:
        self.control(key, within).click()
        self.settle()

    def choose(self, name: str, role: str = "button", within: Locator | None = None) -> None:
        self.named(role, name, within).click()
        self.settle()

    def type(
        self, key: str, text: str, within: Locator | None = None, *, keys: bool = False
    ) -> None:
        """Click into a field and type ``text`` over what it holds; ``keys``: key by key
        (each keystroke of a type-ahead box is an event and a re-render)."""
        box = self.control(key, within)
        box.click()
        if keys:
            box.press("ControlOrMeta+a")
            box.press_sequentially(text)
        else:
            box.fill(text)
        self.settle()
        expect(box).to_have_value(text)

    def go(self, key: str) -> None:
        """Billing (opened if it is closed), then one of its pages."""
        billing = self.control("nav.billing")
        if billing.get_attribute("aria-expanded") == "false":
            self.press("nav.billing")
        self.press(key)
        expect(self.control(key)).to_have_attribute("aria-current", "page")

    def reset(self) -> None:
        """Back to the scenario as it starts, with the Reset simulator button."""
        self.root.evaluate("root => root.firstElementChild.setAttribute('data-stale', '')")
        self.control("control.reset", within=self.element).click()
        expect(self.root.locator("[data-stale]")).to_have_count(0)
        self.settle()


# Another standalone page in the same language is reached by Material's instant navigation
# (a link clicked): the page's script and its Python stay, the simulator re-mounts.
INSTANT = """href => { const a = document.createElement('a'); a.href = href;
  document.body.append(a); a.click(); a.remove(); }"""
ARRIVED = """url => location.pathname + location.search === url
  && !!document.querySelector('[data-simulator][data-ready]:not([data-left])')"""


def open_sim(page: Page, setting: Setting) -> Sim:
    """The standalone page in ``setting``, at the scenario's start (a load only if needed)."""
    here = urlsplit(page.url)
    if f"{here.path}?{here.query}" != setting.url or page.locator(READY).count() != 1:
        same_language = here.path == urlsplit(setting.url).path
        if not (same_language and page.locator(READY).count() == 1 and _instant(page, setting)):
            page.goto(setting.url)
        page.wait_for_selector(READY)
    sim = Sim(page, setting)
    sim.reset()
    return sim


def _instant(page: Page, setting: Setting) -> bool:
    page.locator(READY).evaluate("e => e.setAttribute('data-left', '')")
    try:
        page.wait_for_function(INSTANT_NAVIGATION_READY, timeout=15_000)
        page.evaluate(INSTANT, setting.url)
        page.wait_for_function(ARRIVED, arg=setting.url, timeout=15_000)
    except PlaywrightError:
        return False  # not taken over: the caller loads the page
    return True


@pytest.fixture(scope="module", params=PURCHASER, ids=str)
def setting(request: Any) -> Setting:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def sim(site_page: Page, setting: Setting) -> Sim:
    return open_sim(site_page, setting)


# Shared checks.
def total_shown(sim: Sim) -> Locator:
    """The Total licenses figure on a subscription's details."""
    name = re.compile(f"^{re.escape(sim.label('field.total_licenses'))}$")
    return sim.root.locator("dt", has_text=name).locator("xpath=following-sibling::dd")


def open_details(sim: Sim, subscription: str) -> None:
    sim.go("nav.your_products")
    sim.press("tab.products")
    sim.choose(sim.portal.subscription(subscription).product)
    expect(sim.named("heading", sim.portal.subscription(subscription).product)).to_be_visible()


# The procedures.
def test_view_subscriptions_purchaser(sim: Sim) -> None:
    """view-subscriptions, as the purchaser: their own purchases, filtered to self-service."""
    sim.go("nav.your_products")
    sim.press("tab.products")
    expect(sim.control("tab.products")).to_have_attribute("aria-selected", "true")
    sim.press("control.filter")
    sim.press("filter.self_service")
    expect(sim.control("control.filter")).to_be_focused()
    for sub in sim.portal.visible_subscriptions:
        expect(sim.row(sub.product)).to_have_count(1)
    sim.press("control.filter")
    expect(sim.control("filter.self_service")).to_have_attribute("aria-checked", "true")


def test_buy_then_reduce_licenses(sim: Sim) -> None:
    """buy-or-reduce-licenses: 100 + 5 more is a new total of 105; then back to 100."""
    open_details(sim, "powerbi-pro")
    expect(total_shown(sim)).to_have_text(sim.number(100))
    sim.press("action.buy_licenses")
    expect(sim.dialog).to_have_count(1)
    expect(sim.control("field.total_licenses")).to_be_focused()
    sim.type("field.total_licenses", "105")
    sim.press("action.save")
    expect(sim.dialog).to_have_count(0)
    expect(total_shown(sim)).to_have_text(sim.number(105))
    expect(sim.status()).to_contain_text(sim.number(105))
    expect(sim.control("action.buy_licenses")).to_be_focused()

    sim.press("action.remove_licenses")
    sim.type("field.total_licenses", "100")
    sim.press("action.save")
    expect(sim.dialog).to_have_count(0)
    expect(total_shown(sim)).to_have_text(sim.number(100))
    expect(sim.control("action.remove_licenses")).to_be_focused()


def test_assign_licenses(sim: Sim) -> None:
    """assign-licenses: type a name, pick it from the results, twice; Assign, then Close."""
    automate = sim.portal.subscription("power-automate")
    jonas, ravi = sim.portal.person("jonas-berg"), sim.portal.person("ravi-patel")
    sim.go("nav.licenses")
    sim.choose(automate.product)
    sim.press("action.assign_licenses")
    pane = sim.control("pane.assign_licenses_to_users")
    expect(pane).to_be_visible()
    expect(sim.control("field.find_user")).to_be_focused()
    for person, typed in ((jonas, "Jonas B"), (ravi, "Ravi")):
        sim.type("field.find_user", typed, keys=True)  # each key re-renders: none may be lost
        expect(sim.control("field.find_user")).to_have_attribute("aria-expanded", "true")
        sim.choose(person.name, role="option", within=pane)
        expect(sim.control("field.find_user")).to_have_value("")
        expect(pane.get_by_role("listitem").filter(has_text=person.name)).to_have_count(1)
    sim.press("action.assign")
    expect(sim.control("action.close")).to_be_focused()
    expect(pane.get_by_role("status")).to_be_visible()
    sim.press("action.close")
    expect(sim.dialog).to_have_count(0)
    expect(sim.control("action.assign_licenses")).to_be_focused()
    for person in (jonas, ravi):
        expect(sim.row(person.name)).to_have_count(1)
    shown = sim.tr("%(assigned)s of %(total)s assigned") % {
        "assigned": sim.number(len(automate.assigned) + 2),
        "total": sim.number(automate.total_licenses),
    }
    expect(sim.root).to_contain_text(shown)


def test_unassign_licenses(sim: Sim) -> None:
    """unassign-licenses: select users, Unassign licenses, confirm with Unassign."""
    automate = sim.portal.subscription("power-automate")
    elena = sim.portal.person("elena-skov")
    sim.go("nav.licenses")
    sim.choose(automate.product)
    expect(sim.row(elena.name)).to_have_count(1)
    sim.named("checkbox", elena.name).check()
    sim.press("action.unassign_licenses")
    box = sim.named("dialog", sim.label("action.unassign_licenses"))
    expect(box).to_be_visible()
    expect(sim.control("action.unassign")).to_be_focused()
    sim.press("action.unassign")
    expect(sim.dialog).to_have_count(0)
    expect(sim.row(elena.name)).to_have_count(0)
    expect(sim.row(sim.portal.person("mette-larsen").name)).to_have_count(1)
    expect(sim.status()).to_be_visible()


def test_cancel_subscription(sim: Sim) -> None:
    """cancel-subscription: More actions on the row, Cancel subscription, a reason, Save."""
    visio = sim.portal.subscription("visio-plan-2")
    sim.go("nav.your_products")
    sim.press("tab.products")
    row = sim.row(visio.product)
    sim.press("action.more_actions", within=row)
    expect(sim.control("action.cancel_subscription")).to_be_focused()
    sim.press("action.cancel_subscription")
    pane = sim.named("dialog", sim.label("action.cancel_subscription"))
    expect(pane).to_be_visible()
    reasons = sim.control("field.cancel_reason")
    reasons.get_by_role("radio").nth(1).check()
    sim.type("field.feedback", "We use Visio Plan 1 now.")
    sim.press("action.save")
    expect(sim.dialog).to_have_count(0)
    expect(row).to_contain_text(sim.tr("Cancelled"))
    expect(sim.status()).to_contain_text(visio.product)
    expect(sim.control("action.more_actions", within=row)).to_be_focused()


def profile_page(sim: Sim) -> Locator:
    """manage-payment-details' first steps: Bills & payments > Billing profiles > a profile."""
    profile = sim.portal.billing_profiles[0]
    sim.go("nav.bills_payments")
    sim.press("tab.billing_profiles")
    sim.choose(profile.name)
    expect(sim.control("section.payment_method")).to_be_visible()
    section = sim.named("region", sim.label("section.payment_method"))  # under its heading
    expect(section).to_be_visible()
    return section


CARD = {  # a new card that passes every check (a Mastercard test number)
    "field.card_number": "5555 5555 5555 4444",
    "field.name_on_card": "Mette Larsen",
    "field.expiration": "09/30",
    "field.security_code": "123",
    "field.address": "Strandvejen 12, 2900 Hellerup",
}


def fill_card(sim: Sim, card: dict[str, str], pane: Locator) -> None:
    for key, value in card.items():
        sim.type(key, value, within=pane)


def test_manage_payment_details_edit(sim: Sim) -> None:
    """manage-payment-details with Edit: the profile's card gets a new expiration date."""
    section = profile_page(sim)
    sim.press("action.edit", within=section)
    pane = sim.dialog
    expect(sim.control("field.card_number", within=pane)).to_have_count(0)  # the number stays
    sim.type("field.expiration", "10/31", within=pane)
    sim.type("field.security_code", "123", within=pane)
    sim.press("action.save", within=pane)
    expect(sim.dialog).to_have_count(0)
    expect(section).to_contain_text("10/31")
    expect(sim.control("action.edit")).to_be_focused()


def test_manage_payment_details_replace(sim: Sim) -> None:
    """manage-payment-details with Replace: the profile is paid with a new card."""
    section = profile_page(sim)
    sim.press("action.replace", within=section)
    fill_card(sim, CARD, sim.dialog)
    sim.press("action.save", within=sim.dialog)
    expect(sim.dialog).to_have_count(0)
    expect(section).to_contain_text("4444")
    expect(section).to_contain_text("09/30")
    expect(sim.control("action.replace")).to_be_focused()


def card_button(sim: Sim, card_id: str) -> str:
    card = sim.portal.card(card_id)
    return f"{card.brand} \u2022\u2022\u2022\u2022 {card.last4}"


def test_update_payment_method(sim: Sim) -> None:
    """update-payment-method: Payment methods tab, a method, Edit, changes, Save."""
    sim.go("nav.bills_payments")
    sim.press("tab.payment_methods")
    name = card_button(sim, "card-2")
    sim.choose(name)
    sim.press("action.edit", within=sim.dialog)
    pane = sim.dialog
    sim.type("field.name_on_card", "M. Larsen", within=pane)
    sim.type("field.security_code", "321", within=pane)
    sim.type("field.address", "Vestergade 3, 8000 Aarhus", within=pane)
    sim.press("action.save", within=pane)
    expect(sim.dialog).to_have_count(0)
    expect(sim.row(name)).to_contain_text("M. Larsen")
    expect(sim.named("button", name)).to_be_focused()


def test_add_payment_method(sim: Sim) -> None:
    """add-payment-method: Add a payment method, the new card's details, Add."""
    sim.go("nav.bills_payments")
    sim.press("tab.payment_methods")
    rows = sim.root.get_by_role("row")
    before = rows.count()
    sim.press("action.add_payment_method")
    pane = sim.named("dialog", sim.label("action.add_payment_method"))
    expect(pane).to_be_visible()
    fill_card(sim, CARD, pane)
    sim.press("action.add", within=pane)
    expect(sim.dialog).to_have_count(0)
    expect(rows).to_have_count(before + 1)
    expect(sim.root.get_by_role("table")).to_contain_text("4444")
    expect(sim.control("action.add_payment_method")).to_be_focused()


def invoice_numbers(sim: Sim) -> list[str]:
    sim.settle()
    return [
        text
        for text in sim.root.get_by_role("table").get_by_role("rowheader").all_inner_texts()
        if text.strip()
    ]


def test_view_invoices(sim: Sim) -> None:
    """view-invoices: Invoices tab; none older than 3 months until the period is changed."""
    sim.go("nav.bills_payments")
    sim.press("tab.invoices")
    period = sim.control("control.period")
    expect(period.get_by_role("option", selected=True)).to_have_text(
        sim.label("period.past_3_months")
    )
    recent = invoice_numbers(sim)
    assert recent and "G026084421" not in recent  # August: older than 3 months

    period.select_option(label=sim.label("period.past_6_months"))
    sim.settle()
    expect(sim.named("rowheader", "G026084421")).to_be_visible()
    six = invoice_numbers(sim)
    assert set(recent) < set(six)

    period.select_option(label=sim.label("period.date_range"))
    sim.settle()
    sim.root.get_by_label(sim.tr("Start date"), exact=True).fill("2026-04-01")
    sim.settle()
    sim.root.get_by_label(sim.tr("End date"), exact=True).fill("2026-05-31")
    sim.settle()
    expect(sim.named("rowheader", "G026054328")).to_be_visible()  # May 10
    expect(sim.named("rowheader", "G026114514")).to_have_count(0)  # November


def test_views_differ_by_cloud(sim: Sim) -> None:
    """The two clouds: the portal's address and the currency."""
    address = {Cloud.WORLDWIDE: "admin.microsoft.com", Cloud.VIANET: "partner.microsoftonline.cn"}
    expect(sim.root.locator(".ssp-address")).to_contain_text(address[sim.setting.cloud])
    price = sim.portal.subscription("powerbi-pro")
    shown = Formats(sim.lang).money(price.price_per_license, price.currency)
    expect(sim.row(price.product)).to_contain_text(shown)
