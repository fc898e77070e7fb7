"""The screens: one Jinja2 environment per language, rendering a state and never deciding.

The same templates render the first screen at build time (CPython) and every screen in
the reader's browser (Pyodide).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import jinja2
from markupsafe import Markup

from .i18n import Formats, translations


@cache
def environment(lang: str) -> jinja2.Environment:
    root = resources.files(__package__) / "templates"
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(root)),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        # Templates are package files that never change while the simulator runs. Without
        # this, Jinja stats every template on each render, and recompiles them all after
        # the page's worker unpacks the wheels over a memory snapshot (new mtimes).
        auto_reload=False,
    )
    catalog = translations(lang)
    env.install_gettext_translations(catalog, newstyle=True)  # type: ignore[attr-defined]

    # What Jinja's newstyle gettext does with autoescape on (always, here), without its
    # trip through the template context on every call (two for `_`): the same Markup,
    # formatted with escaped values, in a third of the time, and rendering is what a
    # click waits for in the browser (bench/bench_click.py).
    def gettext(message: str, **values: Any) -> Markup:
        return Markup(catalog.gettext(message)) % values

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


def render(lang: str, template: str, **context: Any) -> str:
    return environment(lang).get_template(template).render(**context)
