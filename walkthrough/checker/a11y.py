"""Roles and accessible names from HTML, as a browser computes them for the kit's markup.

The in-process driver finds a control the way a person (and Playwright's
``get_by_role(role, name=..., exact=True)``) does: by its ARIA role and its accessible
name. This module reads the simulator's rendered HTML into a small tree (with a tokenizer
made for well-formed markup like the templates', three times faster than
``html.parser``, which still reads anything else) and computes both, following the parts
of HTML-AAM and accname 1.2 that the templates use:

role    the ``role`` attribute's first token, else the implicit role: ``a[href]`` link,
        ``button``, ``input`` by type (checkbox, radio, spinbutton, textbox, ...),
        ``textarea`` textbox, ``select`` combobox (listbox when ``multiple``/``size>1``),
        ``option``, ``h1``-``h6`` heading, ``dialog``, ``section``/``form`` with a name
        region/form, lists, tables, landmarks.
name    ``aria-labelledby`` (the referenced elements' text), else ``aria-label``, else for
        form controls their ``label[for]`` or wrapping ``label``, else the content for the
        roles named from content (buttons, links, tabs, menu items, options, headings,
        cells...), else ``title``/``placeholder``. Content skips hidden descendants and uses
        a descendant's ``aria-label`` instead of its text.
hidden  ``hidden``, ``inert`` or ``aria-hidden="true"`` on the element or an ancestor
        (what ``get_by_role`` leaves out, and what a click cannot reach).

Names are compared whitespace-normalised and case-sensitive, as ``exact=True`` does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from html.parser import HTMLParser

VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
#: Elements whose text is set apart from its neighbours' (a browser lays them out as blocks).
BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "fieldset",
        "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
        "main", "nav", "ol", "p", "section", "table", "tbody", "td", "tfoot", "th", "thead",
        "tr", "ul", "br", "caption", "label", "option",
    }
)  # fmt: skip
NEVER_SHOWN = frozenset({"script", "style", "template", "head", "title"})
INPUT_ROLES = {
    "checkbox": "checkbox",
    "radio": "radio",
    "number": "spinbutton",
    "range": "slider",
    "search": "searchbox",
    "button": "button",
    "submit": "button",
    "reset": "button",
    "image": "button",
    "hidden": "",
}
TAG_ROLES = {
    "button": "button",
    "textarea": "textbox",
    "dialog": "dialog",
    "option": "option",
    "ul": "list",
    "ol": "list",
    "li": "listitem",
    "table": "table",
    "tr": "row",
    "td": "cell",
    "nav": "navigation",
    "main": "main",
    "progress": "progressbar",
    "dt": "term",
    "dd": "definition",
    "img": "img",
    "fieldset": "group",
    "p": "paragraph",
}
#: Roles whose name may come from their content (accname 1.2, "name from content").
FROM_CONTENT = frozenset(
    {
        "button", "cell", "checkbox", "columnheader", "gridcell", "heading", "link",
        "menuitem", "menuitemcheckbox", "menuitemradio", "option", "radio", "row",
        "rowheader", "switch", "tab", "tooltip", "treeitem", "term",
    }
)  # fmt: skip
LABELABLE = frozenset({"input", "select", "textarea", "meter", "output", "progress"})
#: Roles a person acts on: what a failure lists as "the screen shows".
INTERACTIVE = (
    "button", "link", "tab", "menuitem", "menuitemcheckbox", "option", "checkbox", "radio",
    "textbox", "combobox", "spinbutton", "radiogroup", "searchbox",
)  # fmt: skip
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Whitespace collapsed and trimmed: how an accessible name is compared."""
    return _SPACE.sub(" ", text).strip()


class Node:
    """An element of the tree (text is kept in ``children`` as ``str``)."""

    __slots__ = ("_name", "attrs", "children", "hidden", "parent", "role", "tag")

    def __init__(self, tag: str, attrs: dict[str, str], parent: Node | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[Node | str] = []
        self.hidden: bool = (parent is not None and parent.hidden) or (
            "hidden" in attrs
            or "inert" in attrs
            or attrs.get("aria-hidden") == "true"
            or tag in NEVER_SHOWN
            or (tag == "input" and attrs.get("type") == "hidden")
        )
        self.role: str = _role(tag, attrs, parent)
        self._name: str | None = None

    def __repr__(self) -> str:
        return f"<{self.tag} role={self.role!r} {self.attrs}>"

    def text(self) -> str:
        """The text a person sees in it: hidden descendants left out, whitespace collapsed."""
        return normalise("".join(_content(self, names=False)))

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.walk()

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def inside(self, other: Node) -> bool:
        """True when ``other`` is this node or one of its ancestors."""
        return self is other or any(a is other for a in self.ancestors())

    def closest(self, attr: str) -> Node | None:
        """This node or its nearest ancestor carrying ``attr``."""
        node: Node | None = self
        while node is not None:
            if attr in node.attrs:
                return node
            node = node.parent
        return None


#: Tags whose implicit role depends on their attributes or place (the rest: TAG_ROLES).
_ROLE_DEPENDS = frozenset(
    {"a", "input", "select", "h1", "h2", "h3", "h4", "h5", "h6", "section", "form", "th", "header"}
)


def _role(tag: str, attrs: dict[str, str], parent: Node | None) -> str:
    if "role" in attrs:
        explicit = attrs["role"].split()
        if explicit:
            return explicit[0]
    if tag not in _ROLE_DEPENDS:  # most elements: one lookup
        return TAG_ROLES.get(tag, "")
    if tag == "a":
        return "link" if "href" in attrs else ""
    if tag == "input":
        return INPUT_ROLES.get(attrs.get("type", "text").lower(), "textbox")
    if tag == "select":
        size = attrs.get("size", "")
        listbox = "multiple" in attrs or (size.isdigit() and int(size) > 1)
        return "listbox" if listbox else "combobox"
    if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
        return "heading"
    if tag in ("section", "form"):
        named = "aria-label" in attrs or "aria-labelledby" in attrs or "title" in attrs
        return ("region" if tag == "section" else "form") if named else ""
    if tag == "th":
        return "rowheader" if attrs.get("scope") == "row" else "columnheader"
    if tag == "header":
        return "banner" if parent is None or not _in_sectioning(parent) else ""
    return TAG_ROLES.get(tag, "")


def _in_sectioning(node: Node) -> bool:
    probe: Node | None = node
    while probe is not None:
        if probe.tag in ("article", "aside", "main", "nav", "section"):
            return True
        probe = probe.parent
    return False


def _content(node: Node, *, names: bool) -> Iterator[str]:
    """Text of ``node``'s subtree; with ``names``, a descendant's own label (aria-label,
    a control's value) stands for it, as accname's "name from content" step does."""
    for child in node.children:
        if isinstance(child, str):
            yield child
            continue
        if child.hidden:
            continue
        block = child.tag in BLOCK
        if block:
            yield " "
        if names and child.attrs.get("aria-label", "").strip():
            yield child.attrs["aria-label"]
        elif names and child.tag == "img":
            yield child.attrs.get("alt", "")
        elif (
            names
            and child.tag in ("input", "select", "textarea")
            and child.role
            not in (
                "checkbox",
                "radio",
            )
        ):
            yield _value_text(child)
        else:
            yield from _content(child, names=names)
        if block:
            yield " "


def _value_text(node: Node) -> str:
    if node.tag == "select":
        options = [n for n in node.walk() if n.tag == "option"]
        chosen = next(
            (o for o in options if "selected" in o.attrs), options[0] if options else None
        )
        return chosen.text() if chosen else ""
    if node.tag == "textarea":
        return node.text()
    return node.attrs.get("value", "")


# Well-formed markup as the templates (and Chromium's serializer) write it: tags whose
# attributes are bare or double-quoted, and text. Anything else (single quotes, comments,
# doctypes, scripts, a stray "<") sends the document to html.parser instead.
_TAG = re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:="[^"]*")?)*)\s*(/?)>""")
_ATTR = re.compile(r"""([^\s"'>/=]+)(?:="([^"]*)")?""")
_RAW_TEXT = re.compile(r"<(?:script|style|textarea|title)\b", re.I)


class _Fallback(HTMLParser):
    """``html.parser`` feeding a Tree, for markup the fast tokenizer does not take."""

    def __init__(self, tree: Tree) -> None:
        super().__init__(convert_charrefs=True)
        self.handle_starttag = tree.handle_starttag  # type: ignore[method-assign]
        self.handle_startendtag = tree.handle_startendtag  # type: ignore[method-assign]
        self.handle_endtag = tree.handle_endtag  # type: ignore[method-assign]
        self.handle_data = tree.handle_data  # type: ignore[method-assign]


class Tree:
    """A rendered screen: its elements, roles and names (``find`` is ``get_by_role``)."""

    def __init__(self, html: str) -> None:
        self._start()
        if not self._tokenize(html):  # start again, the slow way
            self._start()
            parser = _Fallback(self)
            parser.feed(html)
            parser.close()

    def _start(self) -> None:
        """An empty tree."""
        self.root = Node("#root", {}, None)
        self._current = self.root
        self.nodes: list[Node] = []
        self.ids: dict[str, Node] = {}
        self.labels: dict[str, Node] = {}  # label[for] -> the label
        self.by_role: dict[str, list[Node]] = {}
        self.fields: list[Node] = []  # [data-field] in document order

    def _tokenize(self, html: str) -> bool:
        """Read ``html`` as the tokens ``html.parser`` would report; False if it is not the
        plain well-formed markup this reads (the tree is then incomplete)."""
        if _RAW_TEXT.search(html):  # their text is not markup: html.parser knows
            return False
        at = 0
        for match in _TAG.finditer(html):
            start = match.start()
            if start > at and not self._text(html[at:start]):
                return False
            at = match.end()
            end, tag, attrs, closed = match.groups()
            if end:
                self.handle_endtag(tag.lower())
                continue
            values = (
                {
                    name.lower(): unescape(value) if "&" in value else value
                    for name, value in _ATTR.findall(attrs)
                }
                if attrs
                else {}
            )
            self._open(tag.lower(), values, closed=bool(closed))
        return at == len(html) or self._text(html[at:])

    def _text(self, text: str) -> bool:
        if "<" in text:
            return False
        self.handle_data(unescape(text) if "&" in text else text)
        return True

    # Parsing (the handlers html.parser calls, and the tokenizer too).
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, {k: v or "" for k, v in attrs})

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, {k: v or "" for k, v in attrs}, closed=True)

    def _open(self, tag: str, attrs: dict[str, str], *, closed: bool = False) -> None:
        node = Node(tag, attrs, self._current)
        self._current.children.append(node)
        self.nodes.append(node)
        if "id" in node.attrs:
            self.ids.setdefault(node.attrs["id"], node)
        if tag == "label" and "for" in node.attrs:
            self.labels.setdefault(node.attrs["for"], node)
        if node.role:
            self.by_role.setdefault(node.role, []).append(node)
        if "data-field" in node.attrs:
            self.fields.append(node)
        if not closed and tag not in VOID:
            self._current = node

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self._current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self._current = node.parent

    def handle_data(self, data: str) -> None:
        self._current.children.append(data)

    # Names.
    def name(self, node: Node) -> str:
        """``node``'s accessible name (computed once)."""
        if node._name is None:
            node._name = normalise(self._name(node))
        return node._name

    def _name(self, node: Node) -> str:
        attrs = node.attrs
        if "aria-labelledby" in attrs:
            parts = [self.ids[i] for i in attrs["aria-labelledby"].split() if i in self.ids]
            if parts:
                return " ".join(normalise("".join(_content(p, names=True))) for p in parts)
        label = attrs.get("aria-label", "")
        if label.strip():
            return label
        if node.tag in LABELABLE:
            found = self.labels.get(attrs.get("id", "")) if "id" in attrs else None
            wrapping = found or next((a for a in node.ancestors() if a.tag == "label"), None)
            if wrapping is not None:
                return "".join(
                    _content(wrapping, names=True)
                    if node.role in ("checkbox", "radio")
                    else _label_text(wrapping, node)
                )
            return attrs.get("title") or attrs.get("placeholder", "")
        if node.tag == "img":
            return attrs.get("alt", "")
        if node.role in FROM_CONTENT or (node.tag == "option"):
            return "".join(_content(node, names=True))
        return attrs.get("title", "")

    # Queries.
    def find(self, role: str, name: str | None = None, within: Node | None = None) -> list[Node]:
        """Visible elements with ``role`` (and exact accessible ``name``) inside ``within``."""
        wanted = normalise(name) if name is not None else None
        pool = self.by_role.get(role, ()) if within is None else within.walk()
        return [
            n
            for n in pool
            if n.role == role and not n.hidden and (wanted is None or self.name(n) == wanted)
        ]

    def visible(self, roles: tuple[str, ...] = INTERACTIVE) -> list[tuple[str, str]]:
        """(role, name) of the visible named elements with ``roles``, in document order."""
        out: list[tuple[str, str]] = []
        for node in self.nodes:
            if node.role in roles and not node.hidden:
                name = self.name(node)
                if name and (node.role, name) not in out:
                    out.append((node.role, name))
        return out

    def describe(self, limit: int = 14) -> str:
        """What the screen offers, for a failure's message: "button 'Save', tab 'Invoices'"."""
        dialogs = self.find("dialog")
        shown = self.visible()
        if dialogs:
            title = self.name(dialogs[0])
            inside = {
                (n.role, self.name(n)) for r in INTERACTIVE for n in self.find(r, None, dialogs[0])
            }
            shown = [item for item in shown if item in inside]
            head = f"the pane '{title}' with " if title else "a pane with "
        else:
            headings = [self.name(h) for h in self.find("heading")]
            head = f"'{headings[0]}' with " if headings else ""
        items = [f"{role} '{name}'" for role, name in shown[:limit]]
        more = f" and {len(shown) - limit} more" if len(shown) > limit else ""
        return head + (", ".join(items) or "no controls") + more

    def alerts(self) -> list[str]:
        """Texts of the visible alerts (refusals, errors)."""
        return [n.text() for n in self.find("alert") if n.text()]


def _label_text(label: Node, control: Node) -> str:
    """A label's text without the control it wraps."""
    parts: list[str] = []
    for child in label.children:
        if isinstance(child, str):
            parts.append(child)
        elif child is not control and not child.hidden:
            parts.append(" " + "".join(_content(child, names=True)) + " ")
    return "".join(parts)
