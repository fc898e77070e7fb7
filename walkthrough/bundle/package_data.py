"""Compile what the kit reads at run time, from a project's sources, into package data.

Babel, PyYAML and the .po sources stay here, at build time; the packages get compact
files, each read from its own package (``Path(__file__).parent / "_data"``):

    locales/<lang>/LC_MESSAGES/simulator.po  ->  simulator/_data/locale/<lang>/.../simulator.mo
    Babel's CLDR data                        ->  simulator/_data/formats.json
    simulator/scenarios/<id>.yml             ->  simulator/_data/scenarios/<id>.json
    locales/<lang>/grammar.yml               ->  walkthrough/_data/grammar/<lang>.yml

``project`` is the kit's source checkout (the folder with ``pyproject.toml``); ``lib`` is
where the packages are written, the checkout itself unless a build backend gives its own
(``setup.py`` builds a wheel's data so). Run by the build backend, by ``make setup``, by
the ``ssp-kit`` plugin before a build of the checkout's site, by the tests, and by hand:
``python -m walkthrough.bundle.package_data [PROJECT]`` (default: the current folder).
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
from pathlib import Path

import yaml
from babel import Locale
from babel.dates import get_date_format, get_month_names
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import (
    get_currency_precision,
    get_currency_symbol,
    get_decimal_symbol,
    get_group_symbol,
)

from simulator.i18n import DOMAIN
from simulator.markets import CODES, CURRENCIES, language
from walkthrough.scenarios import raise_for_problems
from walkthrough.steps import grammar

#: Where each package keeps its compiled data, relative to ``lib``.
SIMULATOR_DATA = Path("simulator") / "_data"
WALKTHROUGH_DATA = Path("walkthrough") / "_data"


class SourcesMissing(FileNotFoundError):
    """``project`` is not the kit's source checkout; the message says what is missing."""


def _write(path: Path, data: bytes) -> None:
    """Replace ``path`` atomically: a simulator running meanwhile (a test worker, the
    dev server) reads the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    partial.write_bytes(data)
    os.replace(partial, path)


def check_sources(project: Path) -> None:
    """Raise SourcesMissing unless ``project`` has the sources ``build`` reads."""
    for folder in (project / "locales", project / "simulator" / "scenarios"):
        if not folder.is_dir():
            raise SourcesMissing(
                f"{folder}: no such folder. The kit's data is compiled from its source "
                "checkout (the folder with pyproject.toml): name that folder, as in "
                "`python -m walkthrough.bundle.package_data PATH`; an installed ssp-kit "
                "already has its data"
            )


def is_checkout(project: Path) -> bool:
    """Whether ``project`` is the source checkout the running ``simulator`` is imported
    from (an editable install, the tests): only then is its data compiled on the fly."""
    import simulator

    here = Path(simulator.__file__).resolve().parent
    return (project / "simulator").resolve() == here and (project / "locales").is_dir()


def compile_catalogs(project: Path, out: Path) -> list[Path]:
    """``locales/<lang>/LC_MESSAGES/simulator.po`` -> ``<out>/locale/<lang>/...mo``."""
    written = []
    for lang in CODES:
        po = project / "locales" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        with po.open("rb") as fp:
            catalog = read_po(fp, locale=lang, domain=DOMAIN)
        mo = out / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        _write(mo, buffer.getvalue())
        written.append(mo)
    return written


def locale_formats(lang: str) -> dict[str, object]:
    """What ``simulator.i18n.Formats`` needs of one locale, taken from Babel's CLDR data."""
    locale = Locale.parse(language(lang).cldr)
    pattern = locale.currency_formats["standard"].pattern.split(";")[0]
    return {
        "decimal": get_decimal_symbol(locale),
        "group": get_group_symbol(locale),
        # "#,##0.00 ¤" -> "# ¤": the runtime puts the formatted number where "#" is.
        "currency_pattern": re.sub(r"[#0,.]+", "#", pattern),
        "currencies": {code: get_currency_symbol(code, locale) for code in CURRENCIES},
        # Digits after the decimal sign, per currency (JPY: none).
        "currency_digits": {code: get_currency_precision(code) for code in CURRENCIES},
        "date_pattern": get_date_format("medium", locale=locale).pattern,
        "months_abbr": [get_month_names("abbreviated", locale=locale)[m] for m in range(1, 13)],
    }


def write_formats(out: Path) -> Path:
    path = out / "formats.json"
    data = {lang: locale_formats(lang) for lang in CODES}
    _write(path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
    return path


def compile_scenarios(project: Path, out: Path) -> list[Path]:
    """Each ``simulator/scenarios/*.yml`` -> ``<out>/scenarios/<id>.json`` (dates as ISO text)."""
    written = []
    for src in sorted((project / "simulator" / "scenarios").glob("*.yml")):
        raise_for_problems(src)  # a bad scenario fails the build: file, line, field, problem
        data = yaml.safe_load(src.read_text(encoding="utf-8"))
        path = out / "scenarios" / f"{src.stem}.json"
        _write(path, json.dumps(data, default=str, ensure_ascii=False).encode("utf-8"))
        written.append(path)
    return written


def copy_grammars(project: Path, out: Path) -> list[Path]:
    """Each ``locales/<lang>/grammar.yml`` -> ``<out>/grammar/<lang>.yml``, as it is; one
    without the documented shape fails the build (GrammarError: file, key, problem)."""
    written = []
    for src in sorted((project / "locales").glob("*/grammar.yml")):
        data = src.read_bytes()
        grammar.from_mapping(yaml.safe_load(data), src.parent.name, str(src))
        path = out / "grammar" / f"{src.parent.name}.yml"
        _write(path, data)
        written.append(path)
    (out / "grammar").mkdir(parents=True, exist_ok=True)  # compiled, even with no grammar
    return written


def build(project: Path, lib: Path | None = None) -> Path:
    """Write every run-time data file of ``project``'s packages under ``lib`` (default:
    ``project``); returns the simulator's data folder."""
    check_sources(project)
    lib = project if lib is None else lib
    data = lib / SIMULATOR_DATA
    compile_catalogs(project, data)
    write_formats(data)
    compile_scenarios(project, data)
    copy_grammars(project, lib / WALKTHROUGH_DATA)
    return data


def main(argv: list[str]) -> int:
    project = Path(argv[0]) if argv else Path.cwd()
    try:
        print(build(project))
    except SourcesMissing as error:
        print(f"python -m walkthrough.bundle.package_data: error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
