"""Random documents of text, zones (well formed or not) and alerts: never a crash, and every
text line shows exactly once in each cloud it belongs to, in the scan and in the HTML.

The model below is the rule, stated independently of the scanner: a well-formed start
opens a zone when none is open (otherwise it is text), the next well-formed end closes
it; lines between show in the zone's clouds, all other lines in every cloud. A fence
indented like code (4 spaces past the margin outside lists, 8 past its item's marker)
is text; any other fence line is a block of its own, which may end a list.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from walkthrough.learn import LearnExtension, scan
from walkthrough.learn.literal import ListItems

WW, VN = "o365-worldwide", "o365-21vianet"
ALL = frozenset({WW, VN})
TOKEN = re.compile(r"\btok\d+\b")
VOID = {"br", "hr", "img", "input", "meta", "link", "wbr"}

# Well-formed starts: range -> the clouds it shows in (an invalid range: every cloud).
RANGES: dict[str, frozenset[str]] = {
    WW: frozenset({WW}),
    VN: frozenset({VN}),
    f"{WW} || {VN}": ALL,
    f">={WW}": ALL,
    f"> {WW}": frozenset({VN}),
    f"<{WW}": frozenset(),
    f">={WW} <=O365-21VIANET": ALL,
    "o365-germany": frozenset(),  # a retired cloud: shown in none of the kit's
    ">=": ALL,
}
MALFORMED = [
    f':: moniker range="{WW}"',
    f':::: moniker range="{VN}"',
    f"::: moniker range='{WW}'",
    f'::: moniker range = "{VN}"',
    "::: moniker",
    ":: moniker-end",
    "::: moniker-end now",
    # keywords translated or reordered (the published ja-JP and ar-SA articles' shapes)
    f':: モニカー range="{WW}"',
    f':: نطاق moniker="{WW}"',
    f'::: moniker område="{VN}"',
    f'::: range="{VN}" moniker',
    "::: moniker-slut",
]


@dataclass(frozen=True)
class Piece:
    kind: str  # text, blank, start, end, bad (a malformed fence), other
    line: str
    clouds: frozenset[str] = ALL  # for a start: its range's clouds


def text_piece(draw: st.DrawFn, n: int) -> Piece:
    prefix = draw(st.sampled_from(["", "", "1. ", "2. ", "- ", "> ", "> [!TIP] ", "    "]))
    return Piece("text", f"{prefix}tok{n}")


@st.composite
def documents(draw: st.DrawFn) -> list[Piece]:
    pieces: list[Piece] = []
    for n in range(draw(st.integers(0, 30))):
        kind = draw(
            st.sampled_from(["text", "text", "text", "blank", "start", "end", "bad", "other"])
        )
        indent = " " * draw(st.sampled_from([0, 0, 1, 3, 4, 8]))
        if kind == "text":
            pieces.append(text_piece(draw, n))
        elif kind == "blank":
            pieces.append(Piece("blank", ""))
        elif kind == "start":
            expr = draw(st.sampled_from(sorted(RANGES)))
            pieces.append(Piece("start", f'{indent}::: moniker range="{expr}"', RANGES[expr]))
        elif kind == "end":
            pieces.append(Piece("end", f"{indent}::: moniker-end"))
        elif kind == "bad":
            pieces.append(Piece("bad", indent + draw(st.sampled_from(MALFORMED))))
        else:
            line = draw(st.sampled_from(["> [!NOTE]", "> [!BOGUS]", "::: zone", "<!-- -->"]))
            pieces.append(Piece("other", line))
    return pieces


def expected_clouds(pieces: list[Piece]) -> dict[str, frozenset[str]]:
    """Each token's clouds, by the model in the module docstring."""
    clouds: dict[str, frozenset[str]] = {}
    opened: int | None = None
    zones: list[tuple[int, int]] = []
    lists = ListItems()
    for i, piece in enumerate(pieces):
        if piece.line == "<!-- -->":
            lists.fence(0)  # an HTML comment at the margin is a block: it ends the list
            continue
        item = lists.step(piece.line)
        indent = len(piece.line) - len(piece.line.lstrip())
        if piece.kind not in {"start", "end", "bad"}:
            continue
        if indent >= 4 and (item is None or indent - item >= 8):
            continue  # code, not a fence
        lists.fence(indent)  # a fence is a block of its own
        if piece.kind == "start" and opened is None:
            opened = i
        elif piece.kind == "end" and opened is not None:
            zones.append((opened, i))
            opened = None
    inside = {i: pieces[s].clouds for s, e in zones for i in range(s + 1, e)}
    for i, piece in enumerate(pieces):
        for token in TOKEN.findall(piece.line):
            clouds[token] = inside.get(i, ALL)
    return clouds


class Visibility(HTMLParser):
    """Each token of the HTML, with the clouds of the zones around it."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[frozenset[str]] = []
        self.seen: list[tuple[str, frozenset[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        values = dict(attrs)
        moniker = values.get("data-moniker")
        self.stack.append(ALL if moniker is None else frozenset(moniker.split()))

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        clouds = ALL.intersection(*self.stack)
        self.seen += [(token, clouds) for token in TOKEN.findall(data)]


def render(text: str) -> str:
    md = markdown.Markdown(extensions=[LearnExtension(log=False), "toc", "fenced_code"])
    return str(md.convert(text))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
@example(  # a comment before a list whose item holds a zone: the comment is no list item
    [
        Piece("other", "<!-- -->"),
        Piece("text", "1. tok1"),
        Piece("start", f'    ::: moniker range="<{WW}"', frozenset()),
        Piece("text", "tok3"),
        Piece("text", "tok4"),
        Piece("end", "::: moniker-end"),
    ]
)
@example(  # a comment after a list item ends the list: the indented fence is code
    [
        Piece("text", "1. tok0"),
        Piece("text", "tok1"),
        Piece("other", "<!-- -->"),
        Piece("start", f'    ::: moniker range="<{WW}"', frozenset()),
        Piece("text", "tok4"),
        Piece("end", "::: moniker-end"),
    ]
)
def test_every_text_line_shows_once_in_its_clouds(pieces: list[Piece]) -> None:
    text = "\n".join(piece.line for piece in pieces)
    expected = expected_clouds(pieces)

    found = scan(text)
    assert len(found.lines) == len(text.split("\n"))
    for cloud in ALL:
        seen = Counter(t for line in found.for_moniker(cloud) for t in TOKEN.findall(line.text))
        assert seen == Counter(t for t, clouds in expected.items() if cloud in clouds)

    parser = Visibility()
    parser.feed(render(text))
    assert Counter(token for token, _ in parser.seen) == Counter(expected.keys())
    assert dict(parser.seen) == expected
    assert parser.stack == []


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30),
            st.sampled_from([*MALFORMED, '::: moniker range="o365-worldwide"', "::: moniker-end"]),
            st.sampled_from(["```", "<!--", "-->", "> [!NOTE]", "    > [!TIP] x", "1. a"]),
            st.sampled_from(['    ::: moniker range="o365-21vianet"', "        ::: moniker-end"]),
        ),
        max_size=25,
    )
)
def test_never_crashes(lines: list[str]) -> None:
    text = "\n".join(lines)
    found = scan(text)
    assert all(d.line >= 1 for d in found.diagnostics)
    assert "\x02learn" not in render(text)
