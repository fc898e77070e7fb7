"""simulator.views.compact: the screens without the line breaks next to block-level tags
(they render as nothing; half the portal's DOM nodes were such white space)."""

from __future__ import annotations

import re

from simulator import views
from simulator.app import App, Settings


def test_compact_drops_line_breaks_next_to_block_level_tags_only() -> None:
    source = (
        '<div class="a">\n  <ul>\n    <li><a href="#">One</a>\n      <a href="#">Two</a></li>\n'
        "    {% if x %}\n    <li>{{ x }}</li>\n    {% endif %}\n  </ul>\n"
        "  <span>A</span>\n  <span>B</span>\n"
        "  <textarea>\n  kept\n</textarea>\n</div>\n"
    )
    assert views.compact(source) == (
        '<div class="a"><ul><li><a href="#">One</a>\n      <a href="#">Two</a></li>'
        "{% if x %}<li>{{ x }}</li>{% endif %}</ul><span>A</span>\n  <span>B</span>\n"
        "  <textarea>\n  kept\n</textarea></div>"  # inline: their breaks are spaces
    )


def test_the_portal_is_served_compact() -> None:
    html = App(Settings(lang="da")).render()
    gaps = re.findall(r">(\s+)<", html)
    assert len(gaps) < html.count("<") // 8  # was one tag in two
    assert all("\n" not in gap for gap in re.findall(r"</li>(\s*)<li", html))
