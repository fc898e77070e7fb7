"""``overrides/partials/alternate.html`` ends with a copy of Material's own partial: the
installed Material (pyproject.toml pins its minor) must still have the same one."""

from __future__ import annotations

import re
from pathlib import Path

import material

ROOT = Path(__file__).resolve().parents[2]
HEADER = re.compile(r"\A\{#-.*?-#\}\n", re.S)  # a template's leading comment


def test_the_language_selector_is_materials_own_unchanged() -> None:
    theirs = Path(material.__file__).parent / "templates" / "partials" / "alternate.html"
    original = HEADER.sub("", theirs.read_text("utf-8"))
    ours = (ROOT / "overrides" / "partials" / "alternate.html").read_text("utf-8")
    assert original.strip() and ours.endswith(original), (
        f"{theirs} changed: copy it again below the kit's lines, or pin the Material it came from"
    )
