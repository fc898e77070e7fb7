"""The built article pages: a simulator per procedure, Learn's anchors, both clouds' steps,
the cloud selector, and links that stay inside the kit or go to allowed public pages."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from simulator.i18n import translations
from simulator.markets import CLOUDS, LANGUAGES
from walkthrough.plugin.languages import folder, home
from walkthrough.steps.procedures import ORDER

ARTICLE = {
    "en": "manage-self-service-purchases-users/index.html",
    "da": "da/manage-self-service-purchases-users/index.html",
}
# The screen each procedure's simulator starts from (procedures.yml: the page it goes to).
SCREEN = {
    "view-subscriptions": "products",
    "buy-or-reduce-licenses": "products",
    "assign-licenses": "licenses",
    "unassign-licenses": "licenses",
    "cancel-subscription": "products",
    "manage-payment-details": "bills",
    "update-payment-method": "bills",
    "add-payment-method": "bills",
    "view-invoices": "bills",
}
ANCHORS = (
    "view-your-subscriptions",
    "how-to-buy-more-or-reduce-licenses",
    "assign-or-unassign-licenses",
    "to-assign-licenses",
    "to-unassign-licenses",
    "cancel-a-subscription",
    "manage-your-payment-details",
    "update-an-existing-payment-method",
    "add-a-new-payment-method",
    "view-your-invoices",
    "need-help-contact-us",
)
# Each cloud's portal links (procedures.yml): Your products, Licenses.
CLOUD_LINKS = {"o365-worldwide": {"842054", "842264"}, "o365-21vianet": {"850626", "850625"}}
FWLINK = re.compile(r"^https://go\.microsoft\.com/fwlink/p/\?linkid=\d+$")
LEARN = {
    "en": {
        "https://learn.microsoft.com/microsoft-365/commerce/subscriptions/self-service-purchase-faq",
        "https://learn.microsoft.com/microsoft-365/admin/get-help-support",
    },
    "da": {
        "https://learn.microsoft.com/da-dk/microsoft-365/commerce/subscriptions/self-service-purchase-faq",
        "https://learn.microsoft.com/da-dk/microsoft-365/admin/get-help-support",
    },
}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Element:
    def __init__(self, tag: str, attrs: dict[str, str], parent: Element | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent

    def ancestors(self) -> list[Element]:
        out, node = [], self.parent
        while node is not None:
            out.append(node)
            node = node.parent
        return out

    def in_article(self) -> bool:
        return any(a.tag == "article" for a in self.ancestors())

    def zone(self) -> set[str] | None:
        """The clouds of the moniker zone holding this element (None: every cloud)."""
        for node in [self, *self.ancestors()]:
            if "moniker-zone" in node.attrs.get("class", "").split():
                return set(node.attrs.get("data-moniker", "").split())
        return None


class Page(HTMLParser):
    """Every element of a page with its attributes and ancestors (enough for these checks)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(
            tag, {k: v or "" for k, v in attrs}, self._open[-1] if self._open else None
        )
        self.elements.append(element)
        if tag not in VOID:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i].tag == tag:
                del self._open[i:]
                return

    def having(self, attr: str) -> list[Element]:
        return [e for e in self.elements if attr in e.attrs]


@pytest.fixture(scope="module", params=["en", "da"])
def page(request: pytest.FixtureRequest, site_dir: Path) -> tuple[str, Page]:
    lang: str = request.param
    return lang, Page((site_dir / ARTICLE[lang]).read_text("utf-8"))


def test_every_procedure_has_exactly_one_simulator(page: tuple[str, Page]) -> None:
    lang, html = page
    sims = html.having("data-simulator")
    procedures = [s.attrs.get("data-procedure") for s in sims]
    assert procedures == list(ORDER)  # one each, in the article's order
    for sim in sims:
        procedure = sim.attrs["data-procedure"]
        assert sim.attrs["data-screen"] == SCREEN[procedure], procedure
        assert sim.attrs["data-scenario"] == "default", procedure
        assert sim.attrs["data-lang"] == lang, procedure
        assert sim.zone() is None, f"{procedure}: its simulator must show in every cloud"


def test_headings_carry_learns_anchors(page: tuple[str, Page]) -> None:
    _, html = page
    ids = [
        e.attrs["id"] for e in html.elements if re.fullmatch(r"h[1-6]", e.tag) and "id" in e.attrs
    ]
    assert ids[0] == "manage-self-service-purchases-users"
    assert [i for i in ids if i in ANCHORS] == list(ANCHORS)
    assert not [e for e in html.elements if e.tag == "a" and "name" in e.attrs]  # no leftovers


def test_links_leave_the_kit_only_for_fwlinks_and_learn(page: tuple[str, Page]) -> None:
    lang, html = page
    external = [
        e.attrs["href"]
        for e in html.elements
        if e.tag == "a" and e.in_article() and re.match(r"(?:https?:)?//", e.attrs.get("href", ""))
    ]
    others = [h for h in external if not FWLINK.match(h) and h not in LEARN[lang]]
    assert others == []
    assert LEARN[lang] <= set(external)


def test_each_cloud_has_its_own_portal_links(page: tuple[str, Page]) -> None:
    _, html = page
    for cloud, linkids in CLOUD_LINKS.items():
        for linkid in linkids:
            links = [
                e
                for e in html.elements
                if e.tag == "a" and e.attrs.get("href", "").endswith(f"linkid={linkid}")
            ]
            assert links, linkid
            assert all(link.zone() == {cloud} for link in links), (cloud, linkid)
    # Steps that do not differ belong to every cloud: Bills & payments has one link for both.
    shared = [
        e for e in html.elements if e.tag == "a" and e.attrs.get("href", "").endswith("=2102895")
    ]
    assert shared and all(link.zone() is None for link in shared)


def test_header_has_the_cloud_selector_in_the_pages_language(
    page: tuple[str, Page], site_dir: Path
) -> None:
    lang, html = page
    text = (site_dir / ARTICLE[lang]).read_text("utf-8")
    (select,) = [
        e for e in html.elements if e.tag == "select" and e.attrs.get("id") == "ssp-cloud-select"
    ]
    assert any(a.tag == "header" for a in select.ancestors())
    label = re.search(
        r'<label class="ssp-cloud__label" for="ssp-cloud-select">(.*?)</label>', text, re.S
    )
    assert label and re.sub(r"<[^>]+>|\s+", " ", label.group(1)).strip() == translations(
        lang
    ).gettext("Cloud")
    options = re.findall(r'<option value="(o365-[\w-]+)">([^<]+)</option>', text)
    assert options == [(c.cloud.value, translations(lang).gettext(c.name)) for c in CLOUDS]
    # The early script comes before the content; cloud.js is a module before simulator.js.
    early = text.index("assets/ssp/cloud-early.js")
    assert early < text.index('<article class="md-content__inner')
    assert re.search(r'<script src="[^"]*assets/ssp/cloud\.js" type="module">', text)
    assert text.index("assets/ssp/cloud.js") < text.index("assets/ssp/simulator.js")


def test_the_note_says_names_and_prices_are_illustrative(
    page: tuple[str, Page], site_dir: Path
) -> None:
    lang, _ = page
    text = (site_dir / ARTICLE[lang]).read_text("utf-8")
    note = re.search(r'<div class="admonition note">(.*?)</div>', text, re.S)
    assert note
    wanted = {"en": ("illustrative", "Contoso"), "da": ("kun eksempler", "Contoso")}[lang]
    assert all(word in note.group(1) for word in wanted)


def test_site_assets_for_the_selector_are_served(site_dir: Path) -> None:
    for name in ("cloud.js", "cloud.css", "cloud-early.js"):
        assert (site_dir / "assets" / "ssp" / name).is_file(), name


def test_each_language_has_its_own_404_page(site_dir: Path) -> None:
    """Each language's build writes its 404 at the site's root: the last one built served
    every reader. Each is kept in its language's folder, in its language, its logo leading
    to that language's home."""
    for lang in LANGUAGES:
        logo = home(lang.code) if folder(lang.code) else "/."  # Material's link to the root
        path = site_dir / folder(lang.code) / "404.html"
        assert path.is_file(), f"{lang.code}: no {path.relative_to(site_dir)}"
        html = Page(path.read_text("utf-8"))
        (root,) = [e for e in html.elements if e.tag == "html"]
        assert root.attrs["lang"] == lang.code, path
        logos = [e for e in html.elements if "md-logo" in e.attrs.get("class", "").split()]
        assert logos and {e.attrs["href"] for e in logos} == {logo}, path


def test_every_language_has_every_page_in_its_own_words() -> None:
    """A page missing in a language is built from the English one (the i18n plugin's
    fallback): a reader of that language meets English prose. Every language writes every
    page the English site has."""
    docs = Path(__file__).resolve().parents[2] / "docs"
    english = {p.name for p in (docs / "en").glob("*.md")}
    missing = {
        lang.code: sorted(english - {p.name for p in (docs / lang.code).glob("*.md")})
        for lang in LANGUAGES
    }
    assert {code: names for code, names in missing.items() if names} == {}
