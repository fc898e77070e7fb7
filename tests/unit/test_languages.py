"""The languages of the one list as the site and the checker see them: right to left for
Arabic, each article tag to its language, each grammar's joined prefixes and elisions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator.markets import LANGUAGES, Cloud, language, language_for_tag
from walkthrough.plugin.languages import I18N, page_texts
from walkthrough.steps import grammar


def test_arabic_pages_are_right_to_left_and_the_others_left_to_right() -> None:
    directions = {entry["locale"]: entry["theme"]["direction"] for entry in I18N}
    assert directions["ar"] == "rtl"
    assert {code for code, d in directions.items() if d == "rtl"} == {"ar"}


@pytest.mark.parametrize(
    ("tag", "code"),
    [("ar-SA", "ar"), ("fr-FR", "fr"), ("FR_fr", "fr"), ("ja-JP", "ja"), ("zh-CN", "zh")],
)
def test_a_published_articles_tag_is_its_language(tag: str, code: str) -> None:
    found = language_for_tag(tag)
    assert found is not None and found.code == code


def test_every_language_has_a_grammar() -> None:
    for lang in LANGUAGES:
        assert grammar.load(lang.code) is not None, lang.code


def test_arabic_reads_a_word_without_its_joined_prefix() -> None:
    arabic = grammar.load("ar")
    assert arabic is not None
    assert arabic.is_verb("اختر") and arabic.is_verb("واختر") and arabic.is_verb("فاختر")
    assert arabic.is_surrounding("وفي")
    assert not arabic.is_verb("و")  # a prefix alone is no word


def test_french_elisions_are_words_of_the_sentence() -> None:
    french = grammar.load("fr")
    assert french is not None
    for word in ("l’onglet", "l'onglet", "d’abonnement"):
        assert french.is_surrounding(word), word


def test_a_grammar_with_an_unknown_key_names_it() -> None:
    with pytest.raises(grammar.GrammarError, match="running"):
        grammar.from_mapping({"running": []}, "xx", "locales/xx/grammar.yml")


def test_arabic_bills_in_riyals() -> None:
    assert language("ar").currency == "SAR"


def test_traditional_chinese_is_not_simplified_chinese() -> None:
    assert language_for_tag("zh-TW") is None  # a language of its own, not in the kit yet
    assert language_for_tag("zh-Hant") is None


def test_simplified_chinese_opens_on_21vianet_the_others_worldwide() -> None:
    defaults = {lang.code: page_texts(lang.code)["default_cloud"] for lang in LANGUAGES}
    assert defaults["zh"] == Cloud.VIANET.value
    assert {code for code, cloud in defaults.items() if cloud != Cloud.WORLDWIDE.value} == {"zh"}


def _french_texts() -> list[tuple[str, str]]:
    """(where, text) of every French string a reader sees: the catalog and the pages."""
    from babel.messages.pofile import read_po

    root = Path(__file__).resolve().parents[2]
    with (root / "locales/fr/LC_MESSAGES/simulator.po").open("rb") as fp:
        catalog = read_po(fp)
    out: list[tuple[str, str]] = []
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        out.extend((f"msgstr of {message.id!r}", str(s)) for s in strings if message.id and s)
    for page in sorted((root / "docs/fr").glob("*.md")):
        body = page.read_text("utf-8").split("\n---\n", 1)[-1]  # after the front matter
        out.append((str(page.relative_to(root)), re.sub(r"`[^`]*`|\([^)]*\)", "", body)))
    return out


def test_french_uses_typographic_apostrophes() -> None:
    for where, text in _french_texts():
        assert "'" not in re.sub(r"<[^>]*>", "", text), where


def test_french_puts_a_narrow_no_break_space_before_colon_question_and_exclamation() -> None:
    for where, text in _french_texts():
        prose = re.sub(r"<[^>]*>|https?://\\S+|::: ?moniker[^\n]*", "", text)
        wrong = re.findall(r".(?=[:?!](?:\s|$))", prose)
        assert all(c == "\u202f" for c in wrong), (where, [w for w in wrong if w != "\u202f"])


@pytest.mark.parametrize("lang", [lang.code for lang in LANGUAGES])
def test_a_status_isolates_its_names_in_a_right_to_left_language(lang: str) -> None:
    """'%(product)s now has %(total)s licenses.': in Arabic the product (written left to
    right) is isolated, FSI ... PDI, so it keeps its order and leaves the number alone."""
    from simulator.actions import TOTAL_SAVED
    from simulator.app import App
    from simulator.ui import Settings

    app = App(Settings.from_dict({"lang": lang}))
    shown = app.translate(TOTAL_SAVED, product="Power BI Pro", total="105")
    isolated = "\u2068Power BI Pro\u2069" in shown
    assert isolated == (language(lang).direction == "rtl"), shown
    assert "Power BI Pro" in shown
