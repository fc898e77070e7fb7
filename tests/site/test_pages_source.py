"""The article sources: the step checker flags nothing, the Danish text keeps the delivered
wording with its machine-translation defects corrected, and the delivered file is untouched."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from simulator.controls import CONTROLS

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = {
    lang: ROOT / "docs" / lang / "manage-self-service-purchases-users.md" for lang in ("en", "da")
}
SEED = ROOT / "tests" / "fixtures" / "seed" / "da-DK" / "manage-self-service-purchases-users.md"
PROCEDURES = 9


def anchors(text: str) -> list[str]:
    return re.findall(r'^#+ <a name="([^"]+)"></a>', text, re.M)


def front_matter(text: str) -> str:
    return text.split("---")[1]


def check(path: Path) -> dict[str, Any]:
    cli = [sys.executable, "-m", "walkthrough.cli", "check", str(path), "--format", "json"]
    done = subprocess.run(cli, cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.stdout, done.stderr
    report: dict[str, Any] = json.loads(done.stdout)
    return report


@pytest.mark.parametrize("lang", ["en", "da"])
def test_step_checker_flags_no_step(lang: str) -> None:
    report = check(ARTICLE[lang])
    (file,) = report["files"]
    assert file["locale"] == lang
    assert [d for d in file["diagnostics"] if d.get("severity") in ("error", "warning")] == []
    flagged = [
        (step["line"], finding["code"], finding.get("suggestion"))
        for procedure in file["procedures"]
        for step in procedure["steps"]
        for finding in step["findings"]
        if step["status"] == "failed" or finding.get("suggestion")
    ]
    assert flagged == []
    assert report["summary"]["failed"] == 0
    # Every procedure, in both clouds.
    clouds = [p["moniker"] for p in file["procedures"]]
    assert clouds.count("o365-worldwide") == clouds.count("o365-21vianet") == PROCEDURES
    assert report["coverage"]["steps_without_reference"] == []


def da(key: str) -> str:
    """Control ``key``'s label in Danish: what the Danish article writes in bold."""
    return CONTROLS[key].label("da")


def test_danish_defects_are_corrected() -> None:
    text = ARTICLE["da"].read_text("utf-8")
    assert "de tre d'er" not in text
    billing, bills = da("nav.billing"), da("nav.bills_payments")
    assert f"de tre prikker (**{da('action.more_actions')}**)" in text
    assert not re.search(r"^\s*::(?!:)", text, re.M), "a two-colon fence is left"
    assert "Faktureringsfakturering" not in text and "Faktureringslicenser" not in text
    assert f"**{billing}** > **{bills}** > " in text
    # Every first step: 5 procedures x 2 clouds, and 3 Bills & payments ones for both.
    assert text.count(f"**{billing}** > <a ") == 13
    assert "self-service-purchase-faq.yml" not in text and "get-help-support.md" not in text


def test_danish_keeps_the_delivered_wording() -> None:
    """Outside the corrected steps, the delivered sentences are all still there."""
    seed = SEED.read_text("utf-8")
    page = ARTICLE["da"].read_text("utf-8")
    kept = [
        "Som bruger kan du købe abonnementer til bestemte produkter og tildele licenser",
        "Du kan få vist en liste over alle selvbetjeningskøbte abonnementer, du har købt.",
        "Hvis du f.eks. har 100 licenser, og du vil tilføje 5 mere, skal du skrive 105.",
        "Du kan tilføje op til 20 brugere ad gangen.",
        "Du kan kun tildele licenser til personer i organisationen.",
        "Vælg de brugere, du vil fjerne tildelingen af licenser fra.",
        "Du kan ændre sikkerhedskoden, udløbsdatoen, navnet på kortet og adressen.",
        "Hvis der ikke vises nogen fakturaer",
    ]
    for sentence in kept:
        assert sentence in seed and sentence in page, sentence
    assert anchors(page) == anchors(seed)
    assert front_matter(page) == front_matter(seed)


def test_english_front_matter_is_learns() -> None:
    text = ARTICLE["en"].read_text("utf-8")
    front = front_matter(text)
    for key in ("title:", "description:", "ms.topic:", "ms.date:", "ms.contentlocale: en-US"):
        assert re.search(rf"^{re.escape(key)}", front, re.M), key
    assert anchors(text) == anchors(SEED.read_text("utf-8"))
