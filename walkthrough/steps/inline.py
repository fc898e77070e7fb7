"""A step's inline text as segments: plain text, bold, link text and path separators.

Handles what real exported articles contain: bilingual ``<span data-ttu-id>`` spans (the
localized text is kept, the ``sxs-lookup`` source text dropped), HTML and Markdown links,
``\\>`` and ``&gt;`` separators, HTML entities, unbalanced ``**``, and ``<!-- ssp: -->``
annotations (returned apart, never part of the text).
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from .model import Segment, SegmentKind

_ANNOTATION = re.compile(r"<!--\s*ssp\s*:(.*?)-->", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_SXS_OPEN = re.compile(r"<span\b[^>]*\bclass\s*=\s*[\"'][^\"']*\bsxs-lookup\b[^>]*>", re.I)
_SPAN_TAG = re.compile(r"<(/?)span\b[^>]*>", re.I)
_TAG_TEXT = re.compile(r"<[^>]*>")
_TOKEN = re.compile(
    r"""(?P<escape>\\(?P<escaped>[\\`*_{}\[\]()#+\-.!>&<|~]))
    |(?P<htmllink><a\b(?P<attrs>[^>]*)>(?P<htmltext>.*?)</a\s*>)
    |(?P<image>!\[[^\]]*\]\([^)]*\))
    |(?P<mdlink>\[(?P<mdtext>[^\]]*)\]\((?P<mdhref>[^)\s]*)[^)]*\))
    |(?P<code>`+)(?P<codetext>.*?)(?P=code)
    |(?P<br><br\s*/?>)
    |(?P<tag></?[A-Za-z][^>]*>)
    |(?P<bold>\*\*)
    |(?P<sep>&gt;|>)
    """,
    re.VERBOSE | re.IGNORECASE | re.DOTALL,
)
_HREF = re.compile(r"""\bhref\s*=\s*["']?([^"'\s>]*)""", re.I)


def split_annotations(text: str) -> tuple[str, list[str]]:
    """(``text`` without any HTML comment, the bodies of its ``ssp:`` annotations)."""
    found = [m.group(1).strip() for m in _ANNOTATION.finditer(text)]
    return _COMMENT.sub("", text), found


def drop_source_spans(text: str) -> str:
    """Remove each ``<span class="sxs-lookup">...</span>`` (the untranslated source)."""
    while True:
        opening = _SXS_OPEN.search(text)
        if opening is None:
            return text
        depth, end = 1, len(text)
        for tag in _SPAN_TAG.finditer(text, opening.end()):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                end = tag.end()
                break
        text = text[: opening.start()] + text[end:]


def _plain(fragment: str) -> str:
    """Text of an HTML or Markdown fragment with its markup removed."""
    fragment = _TAG_TEXT.sub("", fragment).replace("**", "").replace("\\", "")
    return html.unescape(fragment)


@lru_cache(maxsize=4096)
def segments(text: str) -> tuple[Segment, ...]:
    """The segments of one line (or a step's joined lines) of inline Markdown (cached: a
    step in both clouds' zones is read twice)."""
    text = drop_source_spans(split_annotations(text)[0])
    bold_marks = sum(1 for m in _TOKEN.finditer(text) if m.group("bold"))
    usable_marks = bold_marks - (bold_marks % 2)
    out: list[Segment] = []
    bold = False
    seen_marks = 0
    pos = 0

    def add(kind: SegmentKind, piece: str, href: str | None = None, is_bold: bool = False) -> None:
        if kind == "text":
            piece = html.unescape(piece)
            if not piece:
                return
            if is_bold:
                kind = "bold"
            if out and out[-1].kind == kind and out[-1].href is None and href is None:
                last = out.pop()
                out.append(Segment(kind, last.text + piece, bold=is_bold))
                return
        out.append(Segment(kind, piece, bold=is_bold, href=href))

    for match in _TOKEN.finditer(text):
        add("text", text[pos : match.start()], is_bold=bold)
        pos = match.end()
        if match.group("escape"):
            char = match.group("escaped")
            if char == ">":
                add("sep", ">")
            else:
                add("text", char, is_bold=bold)
        elif match.group("htmllink"):
            href_match = _HREF.search(match.group("attrs"))
            inner = match.group("htmltext")
            add(
                "link",
                _plain(inner),
                href_match.group(1) if href_match else "",
                bold or "**" in inner,
            )
        elif match.group("image"):
            continue
        elif match.group("mdlink"):
            inner = match.group("mdtext")
            add("link", _plain(inner), match.group("mdhref"), bold or "**" in inner)
        elif match.group("code") is not None and match.group("codetext") is not None:
            add("text", match.group("codetext"), is_bold=bold)
        elif match.group("br"):
            add("text", " ", is_bold=bold)
        elif match.group("tag"):
            continue
        elif match.group("bold"):
            seen_marks += 1
            if seen_marks <= usable_marks:
                bold = not bold
            else:
                add("text", "**", is_bold=bold)
        elif match.group("sep"):
            add("sep", ">")
    add("text", text[pos:], is_bold=bold)
    return tuple(_tidy(out))


def _tidy(raw: list[Segment]) -> list[Segment]:
    """Merge neighbouring plain texts; keep whitespace-only bold as plain text."""
    out: list[Segment] = []
    for seg in raw:
        if seg.kind == "bold" and not seg.text.strip():
            seg = Segment("text", seg.text)
        if out and seg.kind == "text" and out[-1].kind == "text":
            out[-1] = Segment("text", out[-1].text + seg.text)
        else:
            out.append(seg)
    return out


def render(parts: tuple[Segment, ...]) -> str:
    """A readable one-line text of ``parts``: bold as ``**x**``, separators as ``>``."""
    pieces: list[str] = []
    for seg in parts:
        if seg.kind == "sep":
            pieces.append(" > ")
        elif seg.bold and seg.text.strip():
            lead = seg.text[: len(seg.text) - len(seg.text.lstrip())]
            trail = seg.text[len(seg.text.rstrip()) :]
            pieces.append(f"{lead}**{seg.text.strip()}**{trail}")
        else:
            pieces.append(seg.text)
    return re.sub(r"\s+", " ", "".join(pieces)).strip()
