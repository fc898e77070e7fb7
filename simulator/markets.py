"""The languages, clouds and currencies the kit serves: the one list that declares them.

Everything else reads this module: the catalogs compiled and the formats Babel writes
(``walkthrough.bundle.package_data``), the site's languages, search and language switcher
(``walkthrough.plugin.languages``, read by ``mkdocs.yml``), the cloud selector and its
stylesheet (the ``ssp-kit`` plugin hands them to the theme's templates), the Learn moniker
ranges, and the step checker's locale detection. Adding a language is an entry in
:data:`LANGUAGES` plus its data (a catalog, a step grammar, pages); adding a cloud is an
entry in :data:`CLOUDS` plus its name in the catalogs. :data:`MONIKERS` is the docset's
moniker list (Learn's ``::: moniker range``): the kit's clouds and the retired ones
(:data:`RETIRED_CLOUDS`), whose zones articles of the era still carry.

A language's ``code`` is Material's (``da``, ``zh``, ``pt-BR``): the folder of its pages
and catalog. Articles name their language with a tag (``ms.contentlocale: da-DK``):
:func:`language_for_tag` maps a tag to a language by the tags each declares, never by
cutting the tag, so ``zh-TW`` is not ``zh``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .i18n import N_


class Cloud(StrEnum):
    """The clouds the portal runs in, by the docset's moniker."""

    WORLDWIDE = "o365-worldwide"
    VIANET = "o365-21vianet"


@dataclass(frozen=True)
class CloudInfo:
    cloud: Cloud
    name: str  # msgid: the cloud's name in the cloud selector
    portal_address: str  # the admin center's host, shown in the portal's address bar
    currency: str | None = None  # what it bills in; None: the reader's language's currency


CLOUDS: tuple[CloudInfo, ...] = (
    CloudInfo(Cloud.WORLDWIDE, N_("Worldwide"), "admin.microsoft.com"),
    CloudInfo(Cloud.VIANET, N_("21Vianet"), "portal.partner.microsoftonline.cn", "CNY"),
)


@dataclass(frozen=True)
class RetiredCloud:
    """A cloud the docset still has a moniker for, closed before the portal the kit models:
    published articles may carry a zone for it, which the kit shows in none of its clouds."""

    moniker: str
    name: str  # its name, in the Learn scanner's (English) diagnostics
    closed: int  # the year it closed


RETIRED_CLOUDS: tuple[RetiredCloud, ...] = (
    RetiredCloud("o365-germany", "Microsoft Cloud Deutschland", 2021),
)

#: The docset's monikers, in its range order: the kit's clouds, then the retired ones (so
#: ``<`` and ``>`` between the kit's clouds mean what they meant before those closed).
MONIKERS: tuple[str, ...] = (
    *(c.cloud.value for c in CLOUDS),
    *(r.moniker for r in RETIRED_CLOUDS),
)


def retired_cloud(moniker: str) -> RetiredCloud | None:
    """The retired cloud ``moniker`` names (case aside), or None."""
    for cloud in RETIRED_CLOUDS:
        if cloud.moniker == moniker.casefold():
            return cloud
    return None


@dataclass(frozen=True)
class Language:
    code: str  # Material's language code: the folder of the pages and of the catalog
    name: str  # the language's own name, in the language switcher
    cldr: str  # the CLDR locale whose numbers, dates and currency formats the portal uses
    tags: tuple[str, ...]  # article locale tags (ms.contentlocale) written in it
    currency: str  # what the worldwide cloud bills in for readers of this language (kit)
    #: The cloud shown to a reader of this language who has not chosen one.
    default_cloud: Cloud = Cloud.WORLDWIDE
    #: The script's direction: "rtl" turns on Material's right-to-left theme and mirrors
    #: the portal (its stylesheet is written in logical properties).
    direction: str = "ltr"


LANGUAGES: tuple[Language, ...] = (
    Language("en", "English", "en_US", ("en", "en-US", "en-GB"), "USD"),
    Language("da", "Dansk", "da_DK", ("da", "da-DK"), "DKK"),
    Language("fr", "Français", "fr_FR", ("fr", "fr-FR"), "EUR"),
    Language("ar", "العربية", "ar_SA", ("ar", "ar-SA"), "SAR", direction="rtl"),
    Language("ja", "日本語", "ja_JP", ("ja", "ja-JP"), "JPY"),
    # Simplified Chinese is the language of the 21Vianet cloud's market: its readers start
    # there. zh-TW (Traditional Chinese) is not this language.
    Language(
        "zh",
        "简体中文",
        "zh_Hans_CN",
        ("zh-CN", "zh-Hans", "zh-Hans-CN"),
        "CNY",
        default_cloud=Cloud.VIANET,
    ),
)

#: Every language code, the site's default (English) first.
CODES: tuple[str, ...] = tuple(language.code for language in LANGUAGES)

#: Every currency a price can be in: each language's, then each cloud's own.
CURRENCIES: tuple[str, ...] = tuple(
    dict.fromkeys(
        [*(lang.currency for lang in LANGUAGES), *(c.currency for c in CLOUDS if c.currency)]
    )
)


def language(code: str) -> Language:
    """The language ``code``; LookupError names the kit's languages."""
    for lang in LANGUAGES:
        if lang.code == code:
            return lang
    raise LookupError(f"the kit has no language {code!r}; it has {', '.join(CODES)}")


def language_for_tag(tag: str) -> Language | None:
    """The language an article tag (``da-DK``, ``EN_us``, ``zh-CN``) is written in, or None
    when the kit has none: a tag matches the codes and tags a language declares, case and
    ``_``/``-`` aside."""
    wanted = tag.strip().replace("_", "-").casefold()
    for lang in LANGUAGES:
        if wanted in (t.casefold() for t in (lang.code, *lang.tags)):
            return lang
    return None


def cloud_info(cloud: Cloud | str) -> CloudInfo:
    for info in CLOUDS:
        if info.cloud == cloud:
            return info
    raise LookupError(
        f"the kit has no cloud {cloud!r}; it has {', '.join(c.cloud for c in CLOUDS)}"
    )


def currency_for(lang: str, cloud: Cloud | str) -> str:
    """What a reader of ``lang`` is billed in, in ``cloud``: the cloud's own currency
    (21Vianet: CNY), else the language's (kit)."""
    return cloud_info(cloud).currency or language(lang).currency
