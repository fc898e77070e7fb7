"""Extraction from real-world Markdown: spans, links, separators, CRLF, indentation."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from walkthrough.learn import read_source
from walkthrough.steps import annotations as annotation_syntax
from walkthrough.steps import extract, grammar, inline
from walkthrough.steps.locale import detect_locale

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"


def test_bilingual_spans_keep_the_localized_text() -> None:
    text = (
        '<span data-ttu-id="x-1">Vælg **Gem**.</span><span class="sxs-lookup">'
        '<span data-stu-id="x-1">Choose **Save**.</span></span>'
    )
    assert inline.render(inline.segments(text)) == "Vælg **Gem**."


def test_links_separators_and_entities() -> None:
    parts = inline.segments(
        'gå til **A** \\> <a href="u" target="_blank">dine</a> &gt; [B](v) &amp; c'
    )
    kinds = [(p.kind, p.text.strip()) for p in parts if p.text.strip()]
    assert kinds == [
        ("text", "gå til"),
        ("bold", "A"),
        ("sep", ">"),
        ("link", "dine"),
        ("sep", ">"),
        ("link", "B"),
        ("text", "& c"),
    ]
    assert [p.href for p in parts if p.kind == "link"] == ["u", "v"]


def test_unbalanced_bold_is_text() -> None:
    assert [p.kind for p in inline.segments("a **b** c ** d")] == ["text", "bold", "text"]


def test_annotation_syntax() -> None:
    note = annotation_syntax.parse(['target=powerbi-pro value=105 expect="total_licenses == 105"'])
    assert note is not None
    assert (note.target, note.value, note.expect, note.errors) == (
        "powerbi-pro",
        "105",
        ("total_licenses == 105",),
        (),
    )
    bad = annotation_syntax.parse(["colour=red label=Gem", 'expect="x ~ 1"'])
    assert bad is not None and len(bad.errors) == 3


def test_locale_from_front_matter_option_and_folder() -> None:
    src = read_source("---\r\nms.contentlocale: da-DK\r\n---\r\n# T\r\n", "x/en/a.md")
    assert detect_locale(src) == ("da", "ms.contentlocale")
    assert detect_locale(src, "EN-us")[0] == "en"
    assert detect_locale(read_source("# T", "docs/da/a.md"))[0] == "da"
    assert src.line_offset == 3


def test_crlf_odd_indentation_alternatives_and_notes() -> None:
    text = "\r\n".join(
        [
            "---",
            "ms.contentlocale: en-US",
            "---",
            '## <a name="cancel-a-subscription"></a>Cancel',
            "",
            " 1. Go to **Billing**.",
            "   2. Choose **Save**.",
            "    > [!NOTE]",
            "    > Note text **Cancel**.",
            "3. Either:",
            "    - choose **Edit**",
            "    - or **Replace**",
        ]
    )
    found = extract.article(text, path="a.md")
    (procedure,) = found.procedures
    assert procedure.procedure_id == "cancel-subscription" and procedure.title == "Cancel"
    assert [s.line for s in procedure.steps] == [6, 7, 10]
    assert [a.line for a in procedure.steps[2].alternatives] == [11, 12]
    assert "Note" not in procedure.steps[1].text


def test_grammar_files_load_and_know_their_words() -> None:
    da = grammar.load("da")
    en = grammar.load("en")
    assert da is not None and en is not None
    assert da.is_verb("vælge") and da.is_surrounding("siden") and "eller" in da.alternatives
    assert en.is_surrounding("on") and en.values("then type 105.") == ("105",)
    assert grammar.load("de") is None


# Every article of the fixtures (FINDINGS.md, beside them, is the checker's report on the
# published ones: tests/unit/published.py).
ARTICLES = sorted(p for p in FIXTURES.rglob("*.md") if p.name != "FINDINGS.md")


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_fixture_articles_parse(path: Path) -> None:
    text = path.read_text("utf-8")
    found = extract.article(text, path=str(path))
    lines = read_source(text).line_count
    assert found.procedures
    assert all(1 <= s.line <= lines for p in found.procedures for s in p.all_steps())


def test_exported_article_keeps_source_lines_and_localized_text() -> None:
    path = FIXTURES / "da-DK" / "exported-bilingual.md"
    assert b"\r\n" in path.read_bytes()
    found = extract.article(path.read_text("utf-8"), path=str(path))
    first = found.procedures[0].steps[0]
    assert (first.line, first.text) == (
        10,
        "I Administration skal du gå til **Fakturering** > Dine produkter.",
    )
    assert found.locale == "da"
    assert found.procedures[1].steps[1].annotation is not None


_PIECES = st.sampled_from(
    [
        "Vælg ",
        "**",
        "**Gem**",
        " > ",
        "\\>",
        "&gt;",
        "<a href='x'>",
        "</a>",
        "[B](u)",
        "\r\n",
        "\n",
        "1. ",
        " 2. ",
        "    - ",
        "## <a name='a'></a>T\n",
        '::: moniker range="o365-worldwide"\n',
        "::: moniker-end\n",
        ":: moniker\n",
        "<span data-ttu-id='1'>",
        "</span>",
        '<span class="sxs-lookup"><span>',
        "<!-- ssp: value=1 -->",
        "<!--",
        "`",
        "skriv 105",
        "---\n",
        "> [!NOTE]\n",
        "æøå",
        " ",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=40))
def test_extraction_never_crashes_and_lines_stay_in_the_file(pieces: list[str]) -> None:
    text = "".join(pieces)
    found = extract.article(text, path="fuzz.md")
    lines = read_source(text).line_count
    for procedure in found.procedures:
        assert 1 <= procedure.line <= lines
        for step in procedure.all_steps():
            assert 1 <= step.line <= lines
    assert all(1 <= d.line <= lines for d in found.diagnostics)
