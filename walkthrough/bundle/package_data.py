"""Compile what the simulator reads at run time into ``simulator/_data``.

Babel, PyYAML and the .po sources stay here, at build time; the browser gets compact
files: gettext ``.mo`` catalogs, ``formats.json`` (per-locale number, money and date
data from Babel's CLDR) and one JSON file per scenario.
"""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import yaml
from babel import Locale
from babel.dates import get_date_format, get_month_names
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import get_currency_symbol, get_decimal_symbol, get_group_symbol

from simulator.i18n import DOMAIN
from simulator.markets import CODES, CURRENCIES, language
from walkthrough.scenarios import raise_for_problems

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ROOT / "locales"
SIMULATOR = ROOT / "simulator"
DATA = SIMULATOR / "_data"


def _write(path: Path, data: bytes) -> None:
    """Replace ``path`` atomically: a simulator running meanwhile (a test worker, the
    dev server) reads the old file or the new one, never half of one."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    partial.write_bytes(data)
    os.replace(partial, path)


def compile_catalogs(out: Path = DATA) -> list[Path]:
    """``locales/<lang>/LC_MESSAGES/simulator.po`` -> ``<out>/locale/<lang>/...mo``."""
    written = []
    for lang in CODES:
        po = LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        with po.open("rb") as fp:
            catalog = read_po(fp, locale=lang, domain=DOMAIN)
        mo = out / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
        mo.parent.mkdir(parents=True, exist_ok=True)
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
        "date_pattern": get_date_format("medium", locale=locale).pattern,
        "months_abbr": [get_month_names("abbreviated", locale=locale)[m] for m in range(1, 13)],
    }


def write_formats(out: Path = DATA) -> Path:
    path = out / "formats.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {lang: locale_formats(lang) for lang in CODES}
    _write(path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
    return path


def compile_scenarios(out: Path = DATA) -> list[Path]:
    """Each ``simulator/scenarios/*.yml`` -> ``<out>/scenarios/<id>.json`` (dates as ISO text)."""
    written = []
    target = out / "scenarios"
    target.mkdir(parents=True, exist_ok=True)
    for src in sorted((SIMULATOR / "scenarios").glob("*.yml")):
        raise_for_problems(src)  # a bad scenario fails the build: file, line, field, problem
        data = yaml.safe_load(src.read_text(encoding="utf-8"))
        path = target / f"{src.stem}.json"
        _write(path, json.dumps(data, default=str, ensure_ascii=False).encode("utf-8"))
        written.append(path)
    return written


def build(out: Path = DATA) -> Path:
    """Write every run-time data file; returns the data directory."""
    compile_catalogs(out)
    write_formats(out)
    compile_scenarios(out)
    return out


if __name__ == "__main__":
    print(build())
