"""Learn's alerts, ``> [!NOTE]`` ... ``> [!WARNING]``, as Material admonitions.

    > [!NOTE]                     <div class="admonition note">
    > Text.               ->        <p class="admonition-title">Bemærk</p><p>Text.</p></div>

The title is in the page's language; the class is the alert's type in lower case (Material
styles ``important`` like ``tip`` and ``caution`` like ``warning``). A marker with text after
it (``> [!NOTE] Text.``) is reported and still rendered as an alert, text included.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import util
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from simulator.i18n import N_, translations
from simulator.markets import language_for_tag

from .context import current_page
from .diagnostics import Diagnostic
from .literal import ListItems, LiteralLines

#: Each alert's title, a catalog msgid (translated into the page's language on display).
TITLES: dict[str, str] = {
    "NOTE": N_("Note"),
    "TIP": N_("Tip"),
    "IMPORTANT": N_("Important"),
    "CAUTION": N_("Caution"),
    "WARNING": N_("Warning"),
}
KINDS = tuple(TITLES)


def title(kind: str, language: str) -> str:
    """The alert's title in ``language`` (``da``, ``da-DK``, ``da_DK``), else in English."""
    found = language_for_tag(language)
    return translations(found.code if found else "en").gettext(TITLES[kind])


class AlertLine:
    """The scanner's check of a line that opens a quote with an alert marker."""

    MARKER = re.compile(r"^[ \t]*(?:>[ \t]*)+\[!(?P<kind>[^\]\s]*)\](?P<rest>.*)$")
    QUOTE = re.compile(r"^[ \t]*>")

    @classmethod
    def check(cls, line: str, previous: str, *, path: str, number: int) -> Diagnostic | None:
        if cls.QUOTE.match(previous) or (m := cls.MARKER.match(line)) is None:
            return None
        kind = m["kind"].upper()
        if kind not in KINDS:
            known = ", ".join(f"[!{k}]" for k in KINDS)
            message = f"unknown alert type `[!{m['kind']}]`; write one of {known}"
            return Diagnostic.of("LEARN012", path=path, line=number, message=message)
        if m["rest"].strip():
            message = (
                f"text after the alert marker `[!{m['kind']}]`; write `> [!{kind}]` alone on "
                f"its line and the text on the next line: `> {m['rest'].strip(' :')}`"
            )
            return Diagnostic.of("LEARN011", path=path, line=number, message=message)
        return None


QUOTE_BREAK = f"{util.STX}learn-quote-break{util.ETX}"


class QuotePreprocessor(Preprocessor):  # type: ignore[misc]  # Python-Markdown is untyped
    """Delimit quotes (alerts) as CommonMark and Learn do, where Python-Markdown does not.

    - Python-Markdown merges two quotes separated by a blank line into one: a break
      paragraph goes between them (the alert treeprocessor removes it).
    - It appends ``    > [!NOTE]`` right under ``4. Step`` to the item's paragraph unless
      the quote is indented 0 to 3 spaces past the item: it is re-indented to 3.
    - A quote set off from its item by a blank line swallows the next item: a blank line
      goes between them.
    """

    QUOTE = re.compile(r"^(?P<indent> *)>")

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        literal, lists = LiteralLines(), ListItems()
        attached = False  # no blank line since the list item's marker
        detached_quote: int | None = None  # indentation of a quote set off by a blank line
        after_quote = False  # the last non-blank line was a quote line
        blank = False  # a blank line since the last non-blank line
        for line in lines:
            if literal.step(line):
                out.append(line)
                after_quote = blank = False
                continue
            item = lists.step(line)
            if not line.strip():
                attached, detached_quote, blank = False, None, True
                out.append(line)
                continue
            indent = len(line) - len(line.lstrip(" "))
            quote = self.QUOTE.match(line) is not None and (indent < 4 or item is not None)
            if quote and after_quote and blank:
                out += [" " * indent + QUOTE_BREAK, ""]
            if lists.ITEM.match(line) and not quote:
                if detached_quote is not None and indent < detached_quote:
                    out.append("")
                attached, detached_quote = True, None
            elif quote and item is not None:
                if attached and indent > item + 3:
                    line = " " * (item + 3) + line.lstrip(" ")
                elif not attached:
                    detached_quote = indent
            else:
                detached_quote = None
            after_quote, blank = quote, False
            out.append(line)
        return out


class AlertTreeprocessor(Treeprocessor):  # type: ignore[misc]  # Python-Markdown is untyped
    """Turn each blockquote whose first paragraph opens with a marker into an admonition."""

    MARKER = re.compile(r"^[ \t]*\[!(?P<kind>[A-Za-z]+)\][ \t]*\n?")

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for p in [c for c in parent if c.tag == "p" and c.text == QUOTE_BREAK]:
                parent.remove(p)
        language = current_page().language
        for quote in list(root.iter("blockquote")):
            first = quote[0] if len(quote) else None
            if first is None or first.tag != "p" or not first.text:
                continue
            m = self.MARKER.match(first.text)
            if m is None or m["kind"].upper() not in KINDS:
                continue
            kind = m["kind"].upper()
            first.text = first.text[m.end() :]
            if not first.text.strip() and len(first) == 0:
                quote.remove(first)
            quote.tag = "div"
            quote.set("class", f"admonition {kind.lower()}")
            heading = etree.Element("p", {"class": "admonition-title"})
            heading.text = title(kind, language)
            quote.insert(0, heading)
