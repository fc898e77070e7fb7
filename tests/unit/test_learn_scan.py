"""The scanner as data (for the step checker), the extension's defaults, the plugin's context."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import markdown
import pytest

from walkthrough.checker.check import check_text
from walkthrough.checker.inprocess_driver import InProcessDriver
from walkthrough.learn import (
    CODES,
    Diagnostic,
    LearnExtension,
    PageContext,
    read_source,
    rendering,
    scan,
    scan_source,
)
from walkthrough.learn.plugin import LearnPlugin, page_context

WW, VN = "o365-worldwide", "o365-21vianet"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "learn"
DELIVERED = FIXTURES.parent / "seed" / "da-DK" / "manage-self-service-purchases-users.md"

DOC = """\
Intro.
::: moniker range="o365-worldwide"
Worldwide step.
::: moniker-end
::: moniker range="o365-21vianet"
21Vianet step.
::: moniker-end
Outro."""


def texts(lines: list[Any]) -> list[str]:
    return [line.text for line in lines]


def test_lines_carry_numbers_and_clouds() -> None:
    found = scan(DOC, line_offset=10)
    assert [(line.number, line.monikers, line.fence) for line in found.lines[:4]] == [
        (11, None, False),
        (12, frozenset(), True),
        (13, frozenset({WW}), False),
        (14, frozenset(), True),
    ]
    assert texts(found.for_moniker(WW)) == ["Intro.", "Worldwide step.", "Outro."]
    assert texts(found.for_moniker(VN)) == ["Intro.", "21Vianet step.", "Outro."]
    assert found.diagnostics == []
    assert [(z.start, z.end, z.expr, z.monikers) for z in found.zones] == [
        (12, 14, WW, frozenset({WW})),
        (15, 17, VN, frozenset({VN})),
    ]


def test_page_range_limits_every_line() -> None:
    found = scan(DOC, page_range=WW)
    assert found.page_monikers == {WW}
    assert texts(found.for_moniker(VN)) == []
    assert [(d.line, d.code) for d in found.diagnostics] == [(5, "LEARN010")]


def test_delivered_article_reports_its_two_broken_fences_and_nothing_else() -> None:
    found = scan_source(DELIVERED.read_text(encoding="utf-8"), path="da/article.md")
    assert [(d.line, d.code, d.severity) for d in found.diagnostics] == [
        (70, "LEARN001", "error"),
        (74, "LEARN006", "error"),
        (90, "LEARN001", "error"),
        (94, "LEARN006", "error"),
    ]
    assert str(found.diagnostics[0]) == (
        "da/article.md:70: LEARN001 moniker fence with 2 colons instead of 3; "
        'write `::: moniker range="o365-worldwide"`'
    )
    by_number = {line.number: line for line in found.lines}
    assert by_number[72].monikers is None  # after the broken fence: every cloud
    assert by_number[78].monikers == frozenset({VN})
    assert by_number[70].text == ':: moniker range="o365-worldwide"'


def test_read_source_counts_front_matter_and_the_blank_lines_mkdocs_strips() -> None:
    source = read_source("---\ntitle: T\nmonikerRange: o365-21vianet\n---\n\n\nBody\n")
    assert (source.line_offset, source.moniker_range, source.moniker_range_line) == (6, VN, 3)
    assert source.body == "Body\n"
    assert read_source("No front matter\n").line_offset == 0
    meta = read_source(DELIVERED.read_text(encoding="utf-8")).meta
    assert (meta["ms.topic"], meta["ms.contentlocale"]) == ("article", "da-DK")  # page metadata


def test_diagnostics_are_frozen_data() -> None:
    found = scan(":: moniker-end")
    diagnostic = found.diagnostics[0]
    assert diagnostic == Diagnostic("<string>", 1, "error", "LEARN001", diagnostic.message)
    with pytest.raises(dataclasses.FrozenInstanceError):
        diagnostic.line = 2  # type: ignore[misc]
    assert all(code.startswith("LEARN") and len(code) == 8 for code in CODES)


@pytest.mark.parametrize("name", ["walkthrough.learn", "walkthrough.learn.extension"])
def test_extension_works_by_name_without_a_page(name: str, caplog: Any) -> None:
    html = markdown.markdown(DOC + "\n\n> [!TIP]\n> Tip.\n\n:: moniker-end", extensions=[name])
    assert '<div class="moniker-zone" data-moniker="o365-worldwide">' in html
    assert '<p class="admonition-title">Tip</p>' in html
    assert [r.getMessage() for r in caplog.records] == [
        "<string>:13: LEARN001 moniker fence with 2 colons instead of 3; write `::: moniker-end`"
    ]
    assert caplog.records[0].name == "mkdocs.plugins.ssp_learn"
    assert caplog.records[0].levelno == logging.ERROR


def test_extension_uses_the_page_context(caplog: Any) -> None:
    extension = LearnExtension()
    page = PageContext(path="da/p.md", line_offset=5, language="da-DK", moniker_range=VN)
    with rendering(page):
        html = markdown.markdown(DOC + "\n\n> [!WARNING]\n> Pas på.", extensions=[extension])
    assert '<p class="admonition-title">Advarsel</p>' in html
    assert 'data-moniker=""' in html  # the worldwide zone, on a 21Vianet-only page
    assert [r.levelno for r in caplog.records] == [logging.WARNING]
    assert caplog.records[0].getMessage().startswith("da/p.md:7: LEARN010 range `o365-worldwide`")
    assert extension.scan is not None and extension.scan.path == "da/p.md"


def test_markers_in_raw_html_become_tags() -> None:
    html = markdown.markdown(
        '<div>\n::: moniker range="o365-21vianet"\n\nIn raw HTML.\n\n::: moniker-end\n</div>',
        extensions=["walkthrough.learn"],
    )
    assert "\x02" not in html
    assert '<div class="moniker-zone" data-moniker="o365-21vianet">' in html
    assert html.count("<div") == html.count("</div>")


def test_plugin_gives_the_page_context(tmp_path: Path) -> None:
    path = tmp_path / "p.md"
    path.write_text("---\nmonikerRange: o365-worldwide\n---\n\nBody\n", encoding="utf-8")
    file = SimpleNamespace(src_uri="da/p.md", locale="da", content_string=path.read_text())
    page = cast(Any, SimpleNamespace(file=file))
    config = cast(Any, SimpleNamespace(theme={"language": "en"}))
    context = page_context(page, config)
    assert context == PageContext("da/p.md", 4, "da", WW, 2)
    file.locale = None
    assert page_context(page, config).language == "en"
    config.theme = {}
    assert page_context(page, config).language == "en"

    plugin = LearnPlugin()
    plugin.load_config({})
    plugin.on_page_markdown("Body", page=page, config=config, files=None)
    with rendering(PageContext()) as default:  # nested contexts restore their outer one
        assert default.path == "<string>"
    from walkthrough.learn import current_page

    assert current_page().path == "da/p.md"
    plugin.on_page_content("<p>Body</p>", page=page, config=config, files=None)
    assert current_page() == PageContext()


@pytest.mark.parametrize(
    ("fence", "fix"),
    [
        (':: モニカー range="o365-21vianet"', '::: moniker range="o365-21vianet"'),  # ja-JP
        (':: نطاق moniker="o365-21vianet"', '::: moniker range="o365-21vianet"'),  # ar-SA
        ('::: moniker område="o365-21vianet"', '::: moniker range="o365-21vianet"'),
        ('::: range="o365-21vianet" moniker', '::: moniker range="o365-21vianet"'),
        ('::: 范围="o365-21vianet"', '::: moniker range="o365-21vianet"'),
    ],
)
def test_a_fence_with_translated_keywords_is_malformed_at_its_line(fence: str, fix: str) -> None:
    """Machine translation translates and reorders a fence's words: still a broken fence,
    reported at its own line with the fence to write, and the step after it (which shows
    in every cloud) says so."""
    article = f"## T\n\n{fence}\n\n1. Go to **Billing** > **Licenses**.\n\n::: moniker-end\n"
    found = scan(article)
    assert [(d.line, d.code) for d in found.diagnostics] == [(3, "LEARN014"), (7, "LEARN006")]
    assert found.diagnostics[0].message.endswith(f"; write `{fix}`")
    assert texts(found.for_moniker(WW)) == texts(found.for_moniker(VN))  # every cloud
    report = check_text(article, "a.md", driver=InProcessDriver())
    steps = [s for p in report.procedures for s in p.steps]
    assert [p.moniker for p in report.procedures] == [WW, VN]
    assert all("fence-malformed" in {f.code for f in s.findings} for s in steps)


@pytest.mark.parametrize(
    "line",
    [
        '::: zone pivot="azure-portal"',
        "::: zone-end",
        '::: moniker range="o365-worldwide"',
        ':::image type="content" source="media/a.png" alt-text="Billing":::',
        ":::row:::",
        "::: zone",
        ': a="b"',
    ],
)
def test_other_colon_lines_are_not_translated_fences(line: str) -> None:
    assert [d.code for d in scan(line).diagnostics if d.code == "LEARN014"] == []


def test_a_zone_pivot_with_a_translated_keyword_is_reported_and_stays_text() -> None:
    found = scan('::: zone drejepunkt="azure-portal"\nText.\n::: zone-end')
    assert [(d.line, d.code) for d in found.diagnostics] == [(1, "LEARN014")]
    assert found.diagnostics[0].message.endswith('; write `::: zone pivot="azure-portal"`')
    assert texts(found.for_moniker(WW))[:2] == ['::: zone drejepunkt="azure-portal"', "Text."]
