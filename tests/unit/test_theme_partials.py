"""``overrides/partials/alternate.html`` ends with a copy of Material's own partial: the
installed Material (pyproject.toml pins its minor) must still have the same one."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

ROOT = Path(__file__).resolve().parents[2]
HEADER = re.compile(r"\A\{#-.*?-#\}\n", re.S)  # a template's leading comment


def test_the_language_selector_is_materials_own_unchanged() -> None:
    theirs = Path(material.__file__).parent / "templates" / "partials" / "alternate.html"
    original = HEADER.sub("", theirs.read_text("utf-8"))
    ours = (ROOT / "overrides" / "partials" / "alternate.html").read_text("utf-8")
    assert original.strip() and ours.endswith(original), (
        f"{theirs} changed: copy it again below the kit's lines, or pin the Material it came from"
    )


#: Partials copied from Material with one change each: (file, Material's text, ours).
CHANGED = [
    (
        "search.html",
        '<div class="md-search" data-md-component="search" role="dialog">',
        '<div class="md-search" data-md-component="search" role="dialog"'
        " aria-label=\"{{ lang.t('search') }}\">",
    ),
    (
        "progress.html",
        'role="progressbar"></div>',
        'role="progressbar" aria-hidden="true"></div>',
    ),
]


@pytest.mark.parametrize(("name", "theirs_line", "ours_line"), CHANGED, ids=[c[0] for c in CHANGED])
def test_copied_partials_are_materials_own_but_for_one_change(
    name: str, theirs_line: str, ours_line: str
) -> None:
    theirs = Path(material.__file__).parent / "templates" / "partials" / name
    original = HEADER.sub("", theirs.read_text("utf-8"))
    ours = HEADER.sub("", (ROOT / "overrides" / "partials" / name).read_text("utf-8"))
    assert ours.count(ours_line) == 1, f"overrides/partials/{name} lost its change"
    assert original.count(theirs_line) == 1 and ours.replace(ours_line, theirs_line) == original, (
        f"{theirs} changed: copy it again with the kit's change, or pin the Material it came from"
    )
