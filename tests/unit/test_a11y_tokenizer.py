"""The a11y tree's own tokenizer reads well-formed markup exactly as ``html.parser`` does,
and hands anything else to it."""

from __future__ import annotations

import html
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from walkthrough.checker import a11y
from walkthrough.checker.a11y import Node, Tree

TAGS = ("div", "span", "button", "a", "p", "label", "ul", "li", "h2", "table", "td")
NAMES = ("id", "class", "aria-label", "data-action", "href", "role", "type", "value")
BARE = ("hidden", "inert", "checked", "disabled", "autofocus")
CHARS = st.text(alphabet="ab Æø&<>\"'=/\n\t;#", max_size=12)


def _slow(markup: str) -> Tree:
    tree = Tree("")
    parser = a11y._Fallback(tree)
    parser.feed(markup)
    parser.close()
    return tree


def _shape(node: Node) -> Any:
    children: list[Any] = []
    for child in node.children:
        if isinstance(child, str) and children and isinstance(children[-1], str):
            children[-1] += child  # where each parser splits text does not matter
        else:
            children.append(child if isinstance(child, str) else _shape(child))
    return (node.tag, sorted(node.attrs.items()), children)


@st.composite
def attribute(draw: st.DrawFn) -> str:
    if draw(st.booleans()):
        return " " + draw(st.sampled_from(BARE))
    quote = draw(st.sampled_from(['"', '"', '"', "'"]))  # single quotes: html.parser reads it
    value = html.escape(draw(CHARS), quote=True)
    return f" {draw(st.sampled_from(NAMES))}={quote}{value}{quote}"


@st.composite
def element(draw: st.DrawFn, depth: int = 0) -> str:
    if depth > 3 or draw(st.integers(0, 3)) == 0:
        if draw(st.booleans()):
            return html.escape(draw(CHARS), quote=False)
        return "<input" + "".join(draw(st.lists(attribute(), max_size=3))) + ">"
    tag = draw(st.sampled_from(TAGS))
    attrs = "".join(draw(st.lists(attribute(), max_size=3)))
    inner = "".join(draw(st.lists(element(depth + 1), max_size=4)))
    return f"<{tag}{attrs}>{inner}</{tag}>"


@settings(deadline=None)
@given(st.lists(element(), min_size=1, max_size=4).map("".join))
def test_well_formed_markup_reads_as_html_parser_reads_it(markup: str) -> None:
    assert _shape(Tree(markup).root) == _shape(_slow(markup).root)


def test_other_markup_is_read_by_html_parser() -> None:
    for markup in (
        "<div><!-- a comment --><button>Save</button></div>",
        "<p>1 < 2</p><button>Go</button>",
        "<textarea><b>not a tag</b></textarea><button>Go</button>",
        "<button aria-label='Close' title=x>X</button>",
    ):
        assert _shape(Tree(markup).root) == _shape(_slow(markup).root)
