"""The site's languages and clouds, as MkDocs, Material and the theme's templates want them.

Derived from the one list (``simulator.markets``): ``mkdocs.yml`` names these lists with
``!!python/name:`` (MkDocs' YAML loader resolves them on load), and the ``ssp-kit`` plugin
hands :func:`page_texts` to the theme's templates, so the language switcher, the search
languages, the per-language builds and the cloud selector never list a language or a
cloud of their own.
"""

from __future__ import annotations

from typing import Any

from simulator.i18n import N_, translations
from simulator.markets import CLOUDS, LANGUAGES, language_for_tag

#: mkdocs-static-i18n's ``languages``: one build per language, English at the site's root.
I18N: list[dict[str, Any]] = [
    {
        "locale": lang.code,
        "name": lang.name,
        "build": True,
        "default": index == 0,
        "site_name": "ssp-kit",
        # Material's own strings, <html lang> and, for Arabic, its right-to-left theme.
        "theme": {"language": lang.code, "direction": lang.direction},
    }
    for index, lang in enumerate(LANGUAGES)
]

#: Material's search plugin: the languages its index is built for.
SEARCH: list[str] = [lang.code for lang in LANGUAGES]


def folder(code: str) -> str:
    """The folder of the site that holds language ``code``'s pages: ``""`` (the site's root)
    for the first language of the one list, its code for the others (mkdocs-static-i18n's
    ``docs_structure: folder``)."""
    return "" if code == LANGUAGES[0].code else code


def home(code: str) -> str:
    """The address of language ``code``'s home page on the site: ``/``, ``/da/``."""
    return f"/{folder(code)}/" if folder(code) else "/"


#: Material's language switcher (``extra.alternate``).
ALTERNATE: list[dict[str, str]] = [
    {
        "name": lang.name,
        "link": home(lang.code),
        "lang": lang.code,
    }
    for lang in LANGUAGES
]

CLOUD_LABEL = N_("Cloud")  # the header's cloud selector
#: Said at the top of a page whose address names a view it does not have (?view=bogus).
UNKNOWN_VIEW = N_("“%(value)s” is not a view of this page, so it shows %(cloud)s. Its views:")


def page_texts(language: str) -> dict[str, Any]:
    """What the theme's cloud selector shows on a page in ``language``: its label, the
    clouds by moniker and name, the cloud a reader who never chose one sees, and the rules
    that hide the other clouds' zones."""
    found = language_for_tag(language) or LANGUAGES[0]
    gettext = translations(found.code).gettext
    monikers = [c.cloud.value for c in CLOUDS]
    hide = ",\n".join(
        f'html[data-cloud="{m}"] .moniker-zone[data-moniker]:not([data-moniker~="{m}"])'
        for m in monikers
    )
    return {
        "label": gettext(CLOUD_LABEL),
        "unknown_view": gettext(UNKNOWN_VIEW),
        "clouds": [{"moniker": c.cloud.value, "name": gettext(c.name)} for c in CLOUDS],
        "default_cloud": found.default_cloud.value,
        "css": f"{hide} {{\n  display: none !important;\n}}",
    }
