"""The step checker while writing: the ``ssp-kit`` plugin warns about flagged steps only.

``mkdocs serve`` and ``mkdocs build`` call ``on_page_markdown`` for each page; the plugin
checks the page's source file in process and logs one WARNING per flagged step and
finding (which ``--strict`` turns into a failed build), nothing for a clean page or a step
with nothing to check, and nothing again for a page whose text has not changed.
"""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest

from walkthrough.checker.check import check_text
from walkthrough.plugin import checker
from walkthrough.plugin.plugin import SspKitPlugin

ROOT = Path(__file__).resolve().parents[2]
KIT_PAGES = sorted((ROOT / "docs").glob("*/manage-self-service-purchases-users.md"))
LOG = logging.getLogger("mkdocs.plugins.ssp_kit")

DEFECTIVE = """---
ms.contentlocale: da-DK
---
## <a name="cancel-a-subscription"></a>Annullere et abonnement

1. Gå til **Fakturering** > **Dine produkter**.
2. På fanen **Produkter** skal du vælge **Flere handlinger** og derefter **Annuller abonnement**.
3. Vælg Gem.
4. Tjek din mail.
"""


def warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


@pytest.mark.parametrize("page", KIT_PAGES, ids=lambda p: p.parent.name)
def test_the_kit_pages_give_no_warning(page: Path, caplog: pytest.LogCaptureFixture) -> None:
    checker._SEEN.clear()
    assert checker.check_page(page, f"docs/{page.parent.name}/{page.name}", "en", LOG) == 0
    assert warnings(caplog) == []


def test_a_flagged_step_is_one_warning_with_its_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[1])
        return check_text(*args, **kwargs)

    page = tmp_path / "side.md"
    page.write_text(DEFECTIVE, "utf-8")
    checker._SEEN.clear()
    assert checker.check_page(page, "docs/da/side.md", "en", LOG) == 1
    (warning,) = warnings(caplog)
    assert warning == (
        "ssp-kit check: docs/da/side.md:8: label-not-bold: the step names the control 'Gem'"
        " but it is not in bold -> write **Gem**"
    )
    # Unchanged text (the next rebuild of mkdocs serve): the same warning, without checking
    # again; changed text: checked again.
    monkeypatch.setattr("walkthrough.plugin.checker.check_text", counted)
    assert checker.check_page(page, "docs/da/side.md", "en", LOG) == 1 and calls == []
    page.write_text(DEFECTIVE.replace("Vælg Gem.", "Vælg **Gem**."), "utf-8")
    assert checker.check_page(page, "docs/da/side.md", "en", LOG) == 0
    assert calls == ["docs/da/side.md"] and len(warnings(caplog)) == 2


def test_the_plugin_routes_pages_to_the_checker(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    page = tmp_path / "da" / "side.md"
    page.parent.mkdir()
    page.write_text(DEFECTIVE.replace("ms.contentlocale: da-DK\n", ""), "utf-8")
    plugin = SspKitPlugin()
    plugin.load_config({})
    file = SimpleNamespace(abs_src_path=str(page), src_uri="da/side.md", locale="da")
    config = cast(Any, SimpleNamespace(docs_dir=str(tmp_path), theme={"language": "en"}))
    checker._SEEN.clear()
    assert plugin.on_page_markdown("", page=file_page(file), config=config, files=None) is None
    # Danish (the page's language, from the i18n plugin), at the source file's line.
    assert [w.split(": ")[1] for w in warnings(caplog)] == [f"{tmp_path.name}/da/side.md:7"]
    caplog.clear()
    plugin.load_config({"check": False})
    checker._SEEN.clear()
    plugin.on_page_markdown("", page=file_page(file), config=config, files=None)
    assert warnings(caplog) == []


def file_page(file: SimpleNamespace) -> Any:
    """A stand-in for MkDocs' Page: the plugin reads only ``page.file``."""
    return SimpleNamespace(file=file)


def test_a_procedure_the_checker_fails_gets_a_guide_warning_and_no_guide(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    page = tmp_path / "side.md"
    placed = '\n<div data-simulator data-procedure="cancel-subscription"></div>\n'
    page.write_text(DEFECTIVE + placed, "utf-8")
    checker._SEEN.clear()
    checker.check_page(page, "docs/da/side.md", "en", LOG)
    guided = [w for w in warnings(caplog) if w.startswith("ssp-kit guide: ")]
    assert guided == [
        "ssp-kit guide: docs/da/side.md:4: Annullere et abonnement has no guided practice in "
        "da/o365-worldwide: step at line 8 fails the checker (label-not-bold)"
    ]
    assert checker.guides_of("docs/da/side.md") == {}
