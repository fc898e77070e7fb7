"""The screens: one Jinja2 environment per language, rendering a state and never deciding.

The same templates render the first screen at build time (CPython) and every screen in
the reader's browser (Pyodide).
"""

from __future__ import annotations

import gettext as _gettext
import hashlib
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .i18n import Formats, translations
from .markets import CODES

TEMPLATES = Path(__file__).parent / "templates"
#: Where the browser's wheel carries the templates compiled in Pyodide at build time.
PRECOMPILED = Path(__file__).parent / "_data" / "jinja"


class Precompiled(jinja2.BytecodeCache):
    """Templates compiled ahead of time: Jinja loads their code instead of lexing, parsing
    and compiling them on a reader's first render (a tenth of a second of the first
    mount in Pyodide). walkthrough/bundle/bytecode.py fills ``directory`` in Pyodide itself,
    the code objects being specific to its Python. Jinja checks each entry against the
    template's source and the Python version, so a stale or foreign entry is ignored and
    that template compiled as usual; in CPython the directory does not exist at all.

    Keyed by language and template name (each language's templates have their fixed texts
    in them: ``Translated``), not by path: the build and the browser unpack elsewhere.
    """

    def __init__(self, directory: Path, lang: str, *, write: bool = False) -> None:
        self.directory = directory
        self.lang = lang
        self.write = write

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha1(f"{self.lang}/{name}".encode()).hexdigest()

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            with open(self.directory / f"{bucket.key}.cache", "rb") as file:
                bucket.load_bytecode(file)
        except FileNotFoundError:
            pass

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if self.write:
            self.directory.mkdir(parents=True, exist_ok=True)
            with open(self.directory / f"{bucket.key}.cache", "wb") as file:
                bucket.write_bytecode(file)


# `{{ _("text") }}`: a fixed text, no values (one with a backslash, brace or "%" is left).
_FIXED_TEXT = re.compile(r"""\{\{ *_\((?:"([^"\\{}%]*)"|'([^'\\{}%]*)')\) *\}\}""")


# Block-level elements: a line break and indentation next to one of their tags renders as
# nothing (CSS drops white space at the start and end of a line), so the templates keep
# theirs for the reader of the source and the screens go without. Half the portal's DOM
# nodes were such white space, which the page parses and compares on every click
# (bench/bench_click.py). Never around inline elements, where a line break is a space.
_BLOCK = (
    r"(?:div|ul|ol|li|nav|main|header|footer|section|table|thead|tbody|tr|td|th|dl|dt|dd|p"
    r"|h[1-6]|form|fieldset|legend|select|option|caption)"
)
_BREAK_BEFORE_BLOCK = re.compile(rf"[ \t]*\n\s*(?=</?{_BLOCK}[\s>])")
_BREAK_AFTER_BLOCK = re.compile(rf"(</?{_BLOCK}(?:\s[^<>{{}}]*)?>)[ \t]*\n\s*")


def compact(source: str) -> str:
    """``source`` without the line breaks (and indentation) next to block-level tags."""
    return _BREAK_AFTER_BLOCK.sub(r"\1", _BREAK_BEFORE_BLOCK.sub("", source))


class Compact(jinja2.FileSystemLoader):
    """The templates as ``compact`` leaves them."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        return compact(source), filename, uptodate


class Translated(Compact):
    """The templates with each fixed text already translated: ``{{ _("Save") }}`` becomes
    ``Gem`` in the Danish templates, when they are compiled. The screens are the same (the
    translation is what ``_`` would output) and each render does less: a click's render
    in Pyodide went from 0.71 to 0.51 ms (bench/bench_click.py)."""

    def __init__(self, searchpath: Path, catalog: _gettext.NullTranslations) -> None:
        super().__init__(searchpath)
        self.catalog = catalog

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        return _FIXED_TEXT.sub(self._translate, source), filename, uptodate

    def _translate(self, match: re.Match[str]) -> str:
        text = self.catalog.gettext(match.group(1) or match.group(2) or "")
        # Anything Jinja would read as syntax, or "%" (which `_` formats), stays a call.
        return match.group(0) if any(c in text for c in "{}%#") else text


def _environment(
    lang: str, bytecode: Precompiled, *, translated: bool = True
) -> jinja2.Environment:
    catalog = translations(lang)
    env = jinja2.Environment(
        loader=Translated(TEMPLATES, catalog) if translated else Compact(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # Templates are package files that never change while the simulator runs. Without
        # this, Jinja stats every template on each render, and recompiles them all after
        # the page's worker unpacks the wheels over a memory snapshot (new mtimes).
        auto_reload=False,
        bytecode_cache=bytecode,
    )

    # What Jinja's i18n extension installs with newstyle gettext and autoescape on (always,
    # here), without its trip through the template context on every call (two for `_`),
    # and without marking the same text safe again on every render: the same Markup,
    # formatted with escaped values, in a fraction of the time (rendering is what a click
    # waits for: bench/bench_click.py). The templates use no {% trans %} block, so the
    # extension itself is not loaded (with `pprint`, 36 ms of a Pyodide boot).
    texts: dict[str, Markup] = {}  # per message: its translation, marked safe once

    def gettext(message: str, **values: Any) -> Markup:
        text = texts.get(message)
        if text is None:
            text = texts[message] = Markup(catalog.gettext(message))
        # Formatting with no values only matters for a "%%"; most texts have no "%".
        return text % values if values or "%" in text else text

    def ngettext(singular: str, plural: str, n: int, **values: Any) -> Markup:
        values.setdefault("num", n)
        return Markup(catalog.ngettext(singular, plural, n)) % values

    env.globals.update(_=gettext, gettext=gettext, ngettext=ngettext)
    fmt = Formats(lang)
    env.filters["money"] = lambda amount, currency: fmt.money(amount, currency)
    env.filters["day"] = fmt.date
    env.filters["integer"] = fmt.integer
    env.globals["lang"] = lang
    return env


@cache
def environment(lang: str) -> jinja2.Environment:
    return _environment(lang, Precompiled(PRECOMPILED, lang))


def precompile(directory: Path = PRECOMPILED) -> list[str]:
    """Compile every template of every language into ``directory`` (run in Pyodide by the
    build); the templates' names."""
    names: list[str] = []
    for lang in CODES:
        env = _environment(lang, Precompiled(directory, lang, write=True))
        names = env.list_templates()
        for name in names:
            env.get_template(name)
    return names


def render(lang: str, template: str, **context: Any) -> str:
    return environment(lang).get_template(template).render(**context)
