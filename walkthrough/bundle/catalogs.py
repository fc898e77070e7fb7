"""Keep the gettext catalogs in step with the code: ``make catalogs``.

Extracts every user-visible string of ``simulator/`` (Python and templates, per
``babel.cfg``) into ``locales/simulator.pot``, merges it into each language's ``.po``, and
fills the English catalog (msgid = English text). Prints what a translator still owes.
Works on the kit's source checkout: ``python -m walkthrough.bundle.catalogs [PROJECT]``
(default: the current folder).
"""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from simulator.i18n import DOMAIN
from simulator.markets import CODES

from .package_data import SourcesMissing, check_sources


def pot_path(project: Path) -> Path:
    return project / "locales" / f"{DOMAIN}.pot"


def po_path(project: Path, lang: str) -> Path:
    return project / "locales" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(project: Path, lang: str) -> Catalog:
    with po_path(project, lang).open("rb") as fp:
        return read_po(fp, locale=lang, domain=DOMAIN)


def extract(project: Path) -> Catalog:
    pybabel = Path(sys.executable).with_name("pybabel")
    pot = pot_path(project).resolve()
    subprocess.run(
        [str(pybabel), "-q", "extract", "-F", "babel.cfg", "--no-location", "--sort-output",
         "-k", "_", "-k", "N_", "-k", "gettext", "-k", "ngettext:1,2",
         "--project", "ssp-kit", "-o", str(pot), "simulator", "walkthrough"],
        check=True, cwd=project,
    )  # fmt: skip
    with pot.open("rb") as fp:
        return read_po(fp)


def missing(project: Path, lang: str, template: Catalog) -> list[str]:
    """Messages of the template that ``lang`` does not translate (or translates fuzzily)."""
    catalog = read(project, lang)
    out = []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id, message.context)
        if found is None or not found.string or found.fuzzy:
            out.append(message.id if isinstance(message.id, str) else message.id[0])
    return out


def update(project: Path) -> int:
    check_sources(project)
    template = extract(project)
    for lang in CODES:
        catalog = read(project, lang)
        # A copy per language: Catalog.update shares the template's Message objects, so
        # filling the English strings would otherwise leak into the next language.
        catalog.update(copy.deepcopy(template), no_fuzzy_matching=True)
        if lang == "en":
            for message in catalog:
                if message.id and not message.string:
                    message.string = message.id
        with po_path(project, lang).open("wb") as fp:
            write_po(fp, catalog, sort_output=True, no_location=True, ignore_obsolete=True)
    owed = {lang: missing(project, lang, template) for lang in CODES}
    for lang, ids in owed.items():
        for msgid in ids:
            print(f"{po_path(project, lang).relative_to(project)}: untranslated: {msgid!r}")
    return 1 if any(owed.values()) else 0


if __name__ == "__main__":
    try:
        sys.exit(update(Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd()))
    except SourcesMissing as error:
        print(f"python -m walkthrough.bundle.catalogs: error: {error}", file=sys.stderr)
        sys.exit(2)
