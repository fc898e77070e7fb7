"""The extension and the ``ssp-learn`` plugin in real MkDocs builds of temporary sites.

The delivered Danish article fails ``mkdocs build --strict`` on exactly its two broken
fences (and the ``moniker-end`` each leaves behind), at the file's own line numbers; a
plain build warns and renders; clean pages build with ``--strict``; with
mkdocs-static-i18n, each page gets its language. The builds run side by side.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "learn"
DELIVERED = FIXTURES.parent / "seed" / "da-DK" / "manage-self-service-purchases-users.md"
ARTICLE = DELIVERED.name
CLEAN = ["zones-basic.md", "zones-range-grammar.md", "alerts-da.md", "anchors.md"]
LOGGED = re.compile(r"^(?P<level>WARNING|ERROR)\s+-\s+(?P<message>.*)$", re.MULTILINE)

MKDOCS_YML = """\
site_name: learn-test
theme:
  name: material
  font: false
  language: da
markdown_extensions:
  - walkthrough.learn
  - toc
plugins:
  - ssp-learn
validation:
  links:
    # The delivered article links to pages outside this one-page site (the pages' authors
    # send them to Learn); only the Learn diagnostics are under test here.
    not_found: info
"""

EXPECTED = [
    f"ERROR: {ARTICLE}:70: LEARN001 moniker fence with 2 colons instead of 3; "
    'write `::: moniker range="o365-worldwide"`',
    f"ERROR: {ARTICLE}:74: LEARN006 `::: moniker-end` closes no zone "
    "(the zone start at line 70 is malformed); delete it",
    f"ERROR: {ARTICLE}:90: LEARN001 moniker fence with 2 colons instead of 3; "
    'write `::: moniker range="o365-worldwide"`',
    f"ERROR: {ARTICLE}:94: LEARN006 `::: moniker-end` closes no zone "
    "(the zone start at line 90 is malformed); delete it",
]


@dataclass
class Build:
    site: Path
    returncode: int
    output: str

    @property
    def logged(self) -> list[str]:
        return [f"{m['level']}: {m['message']}" for m in LOGGED.finditer(self.output)]


I18N_YML = """\
site_name: learn-i18n
theme:
  name: material
  font: false
markdown_extensions:
  - walkthrough.learn
plugins:
  - i18n:
      docs_structure: folder
      languages:
        - {locale: en, default: true, name: English, build: true}
        - {locale: da, name: Dansk, build: true}
  - ssp-learn
"""
I18N_PAGES = {
    "en/index.md": "---\nmonikerRange: o365-worldwide\n---\n# Page\n\n> [!NOTE]\n> Hi.\n\n"
    '::: moniker range="o365-21vianet"\nNever shown.\n::: moniker-end\n',
    "da/index.md": "# Side\n\n> [!NOTE]\n> Hej.\n",
}


def start(
    root: Path, pages: dict[str, str], *, strict: bool, config: str = MKDOCS_YML
) -> tuple[Path, subprocess.Popen[str]]:
    for name, text in pages.items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml")]
    command += ["-d", str(root / "site")] + (["--strict"] if strict else [])
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
    )
    return root / "site", process


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Build]]:
    base = tmp_path_factory.mktemp("learn-sites")
    delivered = {ARTICLE: DELIVERED.read_text(encoding="utf-8")}
    clean = {name: (FIXTURES / name).read_text(encoding="utf-8") for name in CLEAN}
    started = {
        "strict": start(base / "strict", delivered, strict=True),
        "plain": start(base / "plain", delivered, strict=False),
        "clean": start(base / "clean", clean, strict=True),
        "i18n": start(base / "i18n", I18N_PAGES, strict=False, config=I18N_YML),
    }
    done = {}
    for name, (site, process) in started.items():
        output, _ = process.communicate(timeout=60)
        done[name] = Build(site, process.returncode, output)
    yield done


def test_strict_build_fails_on_exactly_the_broken_fences(builds: dict[str, Build]) -> None:
    build = builds["strict"]
    assert build.returncode != 0, build.output
    assert build.logged == EXPECTED, build.output
    assert "Aborted with 4 errors in strict mode!" in build.output


def test_plain_build_warns_and_renders(builds: dict[str, Build]) -> None:
    build = builds["plain"]
    assert build.returncode == 0, build.output
    assert build.logged == EXPECTED
    html = (build.site / ARTICLE.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
    assert html.count('<div class="moniker-zone" data-moniker="o365-21vianet">') == 5
    assert html.count('<div class="moniker-zone" data-moniker="o365-worldwide">') == 3
    assert '<p class="admonition-title">Bemærk</p>' in html  # the theme's language
    assert '<h2 id="view-your-subscriptions">' in html
    assert '<ol start="2">' in html
    assert "\x02" not in html


def test_clean_pages_build_strict(builds: dict[str, Build]) -> None:
    build = builds["clean"]
    assert build.returncode == 0, build.output
    assert build.logged == []


def test_i18n_pages_get_their_language_and_their_own_line_numbers(
    builds: dict[str, Build],
) -> None:
    build = builds["i18n"]
    assert build.returncode == 0, build.output
    assert build.logged == [
        "WARNING: en/index.md:9: LEARN010 range `o365-21vianet` selects none of this page's "
        "clouds (o365-worldwide), so the zone never shows; delete the zone or fix its range"
    ]
    english = (build.site / "index.html").read_text(encoding="utf-8")
    danish = (build.site / "da" / "index.html").read_text(encoding="utf-8")
    assert '<p class="admonition-title">Note</p>' in english
    assert '<p class="admonition-title">Bemærk</p>' in danish
