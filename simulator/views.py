"""The screens: one Jinja2 environment per language, rendering a state and never deciding.

The same templates render the first screen at build time (CPython) and every screen in
the reader's browser (Pyodide).
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .controls import CONTROLS
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

    Keyed by template name, not by path: the build and the browser unpack elsewhere. Every
    language renders the same templates (their texts come from the catalog at render time).
    """

    def __init__(self, directory: Path, *, write: bool = False) -> None:
        self.directory = directory
        self.write = write

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha1(name.encode()).hexdigest()

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


def _environment(lang: str, bytecode: Precompiled) -> jinja2.Environment:
    catalog = translations(lang)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
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
    # here): the translation marked safe, formatted with escaped values. The templates use
    # no {% trans %} block, so the extension itself is not loaded (with `pprint`, 36 ms of
    # a Pyodide boot).
    def gettext(message: str, **values: Any) -> Markup:
        text = Markup(catalog.gettext(message))
        return text % values if values else text

    def ngettext(singular: str, plural: str, n: int, **values: Any) -> Markup:
        values.setdefault("num", n)
        return Markup(catalog.ngettext(singular, plural, n)) % values

    def label(key: str) -> Markup:
        """The label of control ``key`` (``simulator.controls``): templates name controls
        by key, as the checker does, never by their text."""
        return gettext(CONTROLS[key].msgid)

    env.globals.update(_=gettext, gettext=gettext, ngettext=ngettext, label=label)
    fmt = Formats(lang)
    env.filters["money"] = lambda amount, currency: fmt.money(amount, currency)
    env.filters["day"] = fmt.date
    env.filters["integer"] = fmt.integer
    env.filters["read_integer"] = fmt.read_integer  # a typed number, as the page reads it
    env.globals["lang"] = lang
    return env


@cache
def environment(lang: str) -> jinja2.Environment:
    return _environment(lang, Precompiled(PRECOMPILED))


def precompile(directory: Path = PRECOMPILED) -> list[str]:
    """Compile every template into ``directory`` (run in Pyodide by the build); their names."""
    env = _environment(CODES[0], Precompiled(directory, write=True))
    names = env.list_templates()
    for name in names:
        env.get_template(name)
    return names


def render(lang: str, template: str, **context: Any) -> str:
    return environment(lang).get_template(template).render(**context)
