"""No user-visible text in a template is a literal: every word goes through the catalog.

Text between tags and the attributes people read (aria-label, placeholder, title, alt)
must come from ``{{ ... }}`` expressions; what is left once those, comments, statements,
tags and character references are removed may hold no letters.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

TEMPLATES = Path(str(resources.files("simulator") / "templates"))
JINJA = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.S)
READ_ATTRS = re.compile(r'\b(?:aria-label|placeholder|title|alt)="([^"]*)"')
TAG = re.compile(r"<[^>]*>", re.S)
ENTITY = re.compile(r"&#?\w+;")


def templates() -> list[Path]:
    return sorted(TEMPLATES.rglob("*.html"))


@pytest.mark.parametrize("path", templates(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_no_literal_text(path: Path) -> None:
    source = path.read_text("utf-8")
    for value in READ_ATTRS.findall(source):
        leftover = JINJA.sub("", value)
        assert not re.search(r"[^\W\d_]", leftover), f"literal attribute text {value!r}"
    text = ENTITY.sub("", TAG.sub(" ", JINJA.sub(" ", source)))
    words = re.findall(r"[^\W\d_]{2,}", text)
    assert not words, f"{path.name}: literal text {words}"


@pytest.mark.parametrize("path", templates(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_controls_are_named_by_key(path: Path) -> None:
    """A control's label is written ``label("action.save")``, never ``_("Save")``: the
    screens, the accessibility contract and the checker name it by its key alone."""
    from simulator.controls import CONTROLS

    labels = {control.msgid for control in CONTROLS.values()}
    texts = re.findall(r"""\b_\((["'])(.*?)\1""", path.read_text("utf-8"))
    assert not [text for _, text in texts if text in labels]
    for key in re.findall(r"""\blabel\((["'])(.*?)\1\)""", path.read_text("utf-8")):
        assert key[1] in CONTROLS, f"label({key[1]!r}) names no control"
