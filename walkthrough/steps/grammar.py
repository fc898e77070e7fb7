"""Each locale's step grammar, from ``locales/<lang>/grammar.yml``, read from the package
data it is copied to (``walkthrough/_data/grammar/<lang>.yml``, by the build backend or
``walkthrough.bundle.package_data``).

The file's format is documented at its top: ``verbs`` (action kind -> phrases),
``surrounding`` (``controls``: words naming a kind of control; ``words``: small words of
the sentence), ``or`` (the words between two labels of which either will do), ``prefixes``
(letters a language writes joined to the next word, Arabic's "و" and "ف": a word is also
read without one), ``value_first`` (Japanese: the value comes before the enter verb,
「105」と入力します), ``roles`` (ARIA role -> the control words that name it: a label two
controls share, Japanese 支払い方法 for a tab and a heading, is the one whose kind of
control the step names beside it). A locale
without a grammar file gets ``Grammar.empty``: steps are still extracted, nothing is
recognised as a verb or a surrounding word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .scripts import CJK

GRAMMARS = Path(__file__).resolve().parent.parent / "_data" / "grammar"
ACTIONS = ("go_to", "choose", "select", "enter", "type")
KEYS = frozenset({"locale", "verbs", "surrounding", "or", "prefixes", "value_first", "roles"})
_VALUE = r"(\d+(?:[.,]\d+)?|\"[^\"]+\"|“[^”]+”|「[^」]+」)"
_VALUE_MARKS = '"“”「」'


class GrammarError(ValueError):
    """A grammar file that does not have the documented shape."""


class GrammarsNotCompiled(LookupError):
    """The package has no compiled grammars at all (a source checkout before its first
    build); the message says what to run."""


@dataclass(frozen=True)
class Grammar:
    locale: str
    verbs: dict[str, tuple[str, ...]]  # action kind -> phrases, longest first
    control_words: frozenset[str]
    small_words: frozenset[str]
    alternatives: frozenset[str] = frozenset()  # "or": between two labels, either will do
    prefixes: tuple[str, ...] = ()  # joined to the next word (Arabic "و"): read without
    value_first: bool = False  # the value before the enter verb (Japanese)
    roles: tuple[tuple[str, frozenset[str]], ...] = ()  # role -> control words naming it

    @classmethod
    def empty(cls, locale: str) -> Grammar:
        return cls(locale, {a: () for a in ACTIONS}, frozenset(), frozenset())

    @property
    def verb_words(self) -> frozenset[str]:
        """Every single word of every verb phrase, case-folded."""
        return frozenset(w.casefold() for ps in self.verbs.values() for p in ps for w in p.split())

    def _forms(self, word: str) -> tuple[str, ...]:
        """``word`` case-folded, and without each joined prefix it starts with."""
        folded = word.casefold()
        bare = tuple(folded[len(p) :] for p in self.prefixes if folded.startswith(p))
        return (folded, *(b for b in bare if len(b) > 1))

    def is_surrounding(self, word: str) -> bool:
        return any(f in self.control_words or f in self.small_words for f in self._forms(word))

    def is_verb(self, word: str) -> bool:
        return any(f in self.verb_words for f in self._forms(word))

    def role_named(self, word: str) -> str | None:
        """The ARIA role ``word`` names as a kind of control ("タブ" -> tab), if any."""
        folded = word.casefold()
        return next((role for role, words in self.roles if folded in words), None)

    def values(self, text: str) -> tuple[str, ...]:
        """Values the prose tells the reader to enter: a number or quoted text after an
        enter/type verb ("skriv 105", 'enter "Contoso"', "输入 105"), or before it where the
        language puts it there (「105」と入力します)."""
        phrases = [*self.verbs.get("enter", ()), *self.verbs.get("type", ())]
        if not phrases:
            return ()
        alternation = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
        # A verb starts a word, or follows a character of a script written without spaces.
        verb = rf"(?:(?<!\w)|(?<=[{CJK}]))(?:{alternation})"
        if self.value_first:
            small = "|".join(re.escape(w) for w in sorted(self.small_words, key=len, reverse=True))
            pattern = rf"{_VALUE}\s*(?:(?:{small})\s*)?(?:{alternation})"
        else:
            pattern = rf"{verb}\s*(?:\*\*)?{_VALUE}"
        return tuple(m.group(1).strip(_VALUE_MARKS) for m in re.finditer(pattern, text, re.I))


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise GrammarError(f"{where}: expected a list of strings, got {value!r}")
    return tuple(value)


def from_mapping(data: Any, locale: str, where: str) -> Grammar:
    if not isinstance(data, dict):
        raise GrammarError(f"{where}: expected a mapping with verbs, surrounding, or")
    unknown_keys = sorted(set(data) - KEYS)
    if unknown_keys:
        raise GrammarError(f"{where}: unknown keys {unknown_keys}; a grammar has {sorted(KEYS)}")
    verbs_raw = data.get("verbs") or {}
    if not isinstance(verbs_raw, dict):
        raise GrammarError(f"{where}: 'verbs' must map an action kind to a list of phrases")
    unknown = sorted(set(verbs_raw) - set(ACTIONS))
    if unknown:
        raise GrammarError(f"{where}: unknown action kinds {unknown}; use {list(ACTIONS)}")
    verbs = {
        kind: tuple(sorted(_strings(verbs_raw.get(kind), f"{where}: verbs.{kind}"), key=len))[::-1]
        for kind in ACTIONS
    }
    around = data.get("surrounding") or {}
    if not isinstance(around, dict):
        raise GrammarError(f"{where}: 'surrounding' must have 'controls' and 'words' lists")
    return Grammar(
        locale=locale,
        verbs=verbs,
        control_words=frozenset(
            w.casefold() for w in _strings(around.get("controls"), f"{where}: surrounding")
        ),
        small_words=frozenset(
            w.casefold() for w in _strings(around.get("words"), f"{where}: surrounding")
        ),
        alternatives=frozenset(w.casefold() for w in _strings(data.get("or"), f"{where}: or")),
        prefixes=_strings(data.get("prefixes"), f"{where}: prefixes"),
        value_first=_flag(data.get("value_first"), f"{where}: value_first"),
        roles=_roles(data.get("roles"), f"{where}: roles"),
    )


def _flag(value: Any, where: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise GrammarError(f"{where}: expected true or false, got {value!r}")
    return value


def _roles(value: Any, where: str) -> tuple[tuple[str, frozenset[str]], ...]:
    if value is None:
        return ()
    if not isinstance(value, dict):
        raise GrammarError(f"{where}: expected a mapping of a role to a list of words")
    return tuple(
        (str(role), frozenset(w.casefold() for w in _strings(words, f"{where}.{role}")))
        for role, words in value.items()
    )


@cache
def load(locale: str, root: Path | None = None) -> Grammar | None:
    """The grammar of ``locale`` from ``root`` (default: GRAMMARS), or None when the kit has
    none for it; GrammarsNotCompiled when ``root`` was never written."""
    root = GRAMMARS if root is None else root
    if not root.is_dir():
        raise GrammarsNotCompiled(
            f"the step grammars are not compiled (no {root}): run `make setup` (or "
            "`python -m walkthrough.bundle.package_data`) in the kit's source checkout"
        )
    path = root / f"{locale}.yml"
    if not path.is_file():
        return None
    with path.open(encoding="utf-8") as fp:
        data = yaml.safe_load(fp)
    # Named by its source, where it is fixed (the build checks it too: package_data).
    return from_mapping(data, locale, f"locales/{locale}/grammar.yml")
