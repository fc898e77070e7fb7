"""A scenario file read in pure Python: the support page reads a pasted or opened file in
the browser, where PyYAML is not shipped.

It reads the safe subset of YAML that scenario files are written in (``yaml_out`` writes
it, and so does a person copying ``default.yml``): block mappings and sequences, flow
``{...}`` and ``[...]`` (over several lines too), plain, single- and double-quoted text,
folded and literal text (``>-``, ``|``), comments. Values resolve as PyYAML's safe loader
resolves them with dates kept as text (``walkthrough.scenarios``): a test holds the two
readers equal on every packaged scenario. What scenarios never need is refused before it
costs anything, with its line: anchors and aliases (``&a``, ``*a``), tags (``!x``),
control characters, a text longer than ``MAX_TEXT``.

:func:`parse` returns the data and the line of each field path, for ``line: field:
problem`` reports; :class:`YamlError` has the line and what to do.
"""

from __future__ import annotations

import re
from typing import Any

#: A scenario file longer than this is not read (the packaged ones are about 17,000).
MAX_TEXT = 1_000_000
_CONTROL = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+][0-9]+)?$")
_BOOLS = {
    **dict.fromkeys(("true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"), True),
    **dict.fromkeys(("false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"), False),
}
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85",
    "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_HEX = {"x": 2, "u": 4, "U": 8}

Path = tuple[str | int, ...]


class YamlError(ValueError):
    """Text this reader does not take: ``line`` (1-based) and what to do."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def _strip_comment(text: str) -> str:
    """``text`` without its comment (a ``#`` at the start or after a space, outside quotes)."""
    quote = ""
    for i, char in enumerate(text):
        if quote:
            if char == quote and not (quote == '"' and text[i - 1] == "\\"):
                quote = ""
        elif char in "\"'" and (i == 0 or text[i - 1] in " \t[{,:-"):
            quote = char
        elif char == "#" and (i == 0 or text[i - 1] in " \t"):
            return text[:i].rstrip()
    return text.rstrip()


class _Reader:
    def __init__(self, text: str) -> None:
        self.raw = text.splitlines()
        self.lines: list[tuple[int, str, int]] = []  # indent, text, 1-based line
        for number, line in enumerate(self.raw, 1):
            if "\t" in line[: len(line) - len(line.lstrip())]:
                raise YamlError(number, "is indented with a tab: indent with spaces.")
            body = _strip_comment(line)
            if body.strip() in ("", "---") or (not self.lines and body.startswith("%")):
                continue
            self.lines.append((len(body) - len(body.lstrip(" ")), body.strip(), number))
        self.at: dict[Path, int] = {}

    def block(self, i: int, indent: int, path: Path) -> tuple[Any, int]:
        if i >= len(self.lines) or self.lines[i][0] < indent:
            return None, i
        if _item(self.lines[i][1]):
            return self.sequence(i, self.lines[i][0], path)
        return self.mapping(i, self.lines[i][0], path)

    def sequence(self, i: int, indent: int, path: Path) -> tuple[list[Any], int]:
        items: list[Any] = []
        while i < len(self.lines) and self.lines[i][0] == indent and _item(self.lines[i][1]):
            _, text, number = self.lines[i]
            here = (*path, len(items))
            self.at[here] = number
            rest = text[1:].lstrip()
            if not rest:
                value, i = self.block(i + 1, indent + 1, here)
            elif _key(rest) is not None:  # "- key: value": a mapping at the content's column
                self.lines[i] = (indent + len(text) - len(rest), rest, number)
                value, i = self.mapping(i, self.lines[i][0], here)
            else:
                value, i = self.value(rest, i, indent, here)
            items.append(value)
        return items, i

    def mapping(self, i: int, indent: int, path: Path) -> tuple[dict[str, Any], int]:
        out: dict[str, Any] = {}
        while i < len(self.lines) and self.lines[i][0] == indent:
            _, text, number = self.lines[i]
            found = _key(text)
            if found is None:
                raise YamlError(number, f"'{text[:40]}' is not a field: write 'name: value'.")
            key, rest = found
            here = (*path, key)
            self.at[here] = number
            if not rest:  # what follows, indented (or a list at the key's own level)
                after = self.lines[i + 1] if i + 1 < len(self.lines) else None
                if after and (after[0] > indent or (after[0] == indent and _item(after[1]))):
                    value, i = self.block(i + 1, after[0], here)
                else:
                    value, i = None, i + 1
            else:
                value, i = self.value(rest, i, indent, here)
            out[key] = value
        return out, i

    def value(self, rest: str, i: int, indent: int, path: Path) -> tuple[Any, int]:
        number = self.lines[i][2]
        if rest[0] in "&*!":
            raise YamlError(
                number,
                "uses a YAML anchor, alias or tag ('&', '*' or '!'), which a scenario doesn't "
                "need and this reader doesn't read: write the values out in full.",
            )
        if rest[0] in "[{":
            text, i = rest, i + 1
            while not _balanced(text):
                if i >= len(self.lines):
                    raise YamlError(number, f"opens '{rest[0]}' and never closes it.")
                text += " " + self.lines[i][1]
                i += 1
            value, end = _Flow(text, number).value(0)
            if text[end:].strip():
                raise YamlError(number, f"has '{text[end:].strip()[:20]}' after the value.")
            return value, i
        if rest[0] in ">|":
            if not re.fullmatch(r"[>|][-+]?", rest):
                raise YamlError(number, "a folded or literal text is written '>-' or '|'.")
            lines, i = [], i + 1
            raw_start = self.raw[number:]  # the lines after, with their comments and blanks
            kept = [line for line in raw_start if line.strip()]
            for line in kept:
                if len(line) - len(line.lstrip(" ")) <= indent:
                    break
                lines.append(line.strip())
            while i < len(self.lines) and self.lines[i][0] > indent:
                i += 1
            joined = (" " if rest[0] == ">" else "\n").join(lines)
            return joined if rest.endswith("-") else joined + "\n", i
        return _scalar(rest, number), i + 1


def _item(text: str) -> bool:
    """Whether ``text`` (a line without its indentation) is a list's item."""
    return text == "-" or text.startswith("- ")


def _key(text: str) -> tuple[str, str] | None:
    """``text``'s key and the rest, when it is ``key: rest`` (or ``key:``)."""
    if text[0] in "\"'":
        end = _quoted_end(text, 0)
        if end < 0 or not text[end:].startswith(":"):
            return None
        return str(_scalar(text[:end], 0)), text[end + 1 :].strip()
    match = re.match(
        r"^([^\s:#\[\]{},&*!|>'\"%@`-][^:#]*?|-[^\s:#][^:#]*?)\s*:(?:\s+|$)(.*)$", text
    )
    if not match:
        return None
    return match.group(1), match.group(2).strip()


def _quoted_end(text: str, start: int) -> int:
    """The index after the quoted text that starts at ``start`` (-1: not closed)."""
    quote, i = text[start], start + 1
    while i < len(text):
        if quote == '"' and text[i] == "\\":
            i += 2
            continue
        if text[i] == quote:
            if quote == "'" and text[i + 1 : i + 2] == "'":
                i += 2
                continue
            return i + 1
        i += 1
    return -1


def _balanced(text: str) -> bool:
    depth, i = 0, 0
    while i < len(text):
        char = text[i]
        if char in "\"'" and (i == 0 or text[i - 1] in " [{,:"):
            end = _quoted_end(text, i)
            if end < 0:
                return False
            i = end
            continue
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
        i += 1
    return depth <= 0


def _scalar(text: str, line: int) -> Any:
    text = text.strip()
    if text[:1] == '"':
        if _quoted_end(text, 0) != len(text):
            raise YamlError(line, "has quoted text that doesn't end where the line does.")
        return _unescape(text[1:-1], line)
    if text[:1] == "'":
        if _quoted_end(text, 0) != len(text):
            raise YamlError(line, "has quoted text that doesn't end where the line does.")
        return text[1:-1].replace("''", "'")
    if text[:1] in ("&", "*", "!"):
        raise YamlError(line, "uses a YAML anchor, alias or tag: write the values out in full.")
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if _INT.match(text):
        return int(text.replace("_", ""))
    if _FLOAT.match(text) and any(c.isdigit() for c in text):
        return float(text.replace("_", ""))
    return text


def _unescape(body: str, line: int) -> str:
    out, i = [], 0
    while i < len(body):
        char = body[i]
        if char != "\\":
            out.append(char)
            i += 1
            continue
        code = body[i + 1 : i + 2]
        if code in _ESCAPES:
            out.append(_ESCAPES[code])
            i += 2
        elif code in _HEX:
            digits = body[i + 2 : i + 2 + _HEX[code]]
            if len(digits) != _HEX[code] or not re.fullmatch(r"[0-9A-Fa-f]+", digits):
                raise YamlError(line, f"has a broken escape '\\{code}{digits}'.")
            out.append(chr(int(digits, 16)))
            i += 2 + _HEX[code]
        else:
            raise YamlError(line, f"has an unknown escape '\\{code}' in double quotes.")
    return "".join(out)


class _Flow:
    """``{...}`` and ``[...]`` on one logical line."""

    def __init__(self, text: str, line: int) -> None:
        self.text, self.line = text, line

    def skip(self, i: int) -> int:
        while i < len(self.text) and self.text[i] == " ":
            i += 1
        return i

    def value(self, i: int) -> tuple[Any, int]:
        i = self.skip(i)
        char = self.text[i : i + 1]
        if char == "[":
            return self.items(i + 1)
        if char == "{":
            return self.pairs(i + 1)
        if char in ('"', "'"):
            end = _quoted_end(self.text, i)
            if end < 0:
                raise YamlError(self.line, "has quoted text that is never closed.")
            return _scalar(self.text[i:end], self.line), end
        end = i
        while end < len(self.text) and self.text[end] not in ",]}":
            if self.text[end] == ":" and self.text[end + 1 : end + 2] in (" ", ""):
                break
            end += 1
        return _scalar(self.text[i:end], self.line), end

    def items(self, i: int) -> tuple[list[Any], int]:
        out: list[Any] = []
        while True:
            i = self.skip(i)
            if self.text[i : i + 1] == "]":
                return out, i + 1
            value, i = self.value(i)
            out.append(value)
            i = self.skip(i)
            if self.text[i : i + 1] == ",":
                i += 1
            elif self.text[i : i + 1] != "]":
                raise YamlError(self.line, "has a list whose items aren't separated by commas.")

    def pairs(self, i: int) -> tuple[dict[str, Any], int]:
        out: dict[str, Any] = {}
        while True:
            i = self.skip(i)
            if self.text[i : i + 1] == "}":
                return out, i + 1
            key, i = self.value(i)
            i = self.skip(i)
            if self.text[i : i + 1] != ":":
                raise YamlError(self.line, "has a '{...}' entry without 'name: value'.")
            value, i = self.value(i + 1)
            out[str(key)] = value
            i = self.skip(i)
            if self.text[i : i + 1] == ",":
                i += 1
            elif self.text[i : i + 1] != "}":
                raise YamlError(
                    self.line, "has a '{...}' whose entries aren't separated by commas."
                )


def refuse(text: str) -> None:
    """YamlError for a text no scenario file is: too long, or holding a control character
    (both readers run this first)."""
    if len(text) > MAX_TEXT:
        raise YamlError(
            1,
            f"the file is {len(text):,} characters long, more than a scenario can be "
            f"({MAX_TEXT:,}). Start from a packaged scenario and change only what you need.",
        )
    bad = _CONTROL.search(text)
    if bad:
        raise YamlError(
            text[: bad.start()].count("\n") + 1,
            f"the file holds a control character (U+{ord(bad.group()):04X}) that a scenario "
            "can't hold. Delete it (it is invisible in most editors: retype the line).",
        )


def parse(text: str) -> tuple[Any, dict[Path, int]]:
    """The data of a scenario file's ``text`` and the line of each field path; YamlError
    (with its line) for text this reader refuses."""
    refuse(text)
    reader = _Reader(text.lstrip("\ufeff"))
    if not reader.lines:
        return None, {}
    data, end = reader.block(0, 0, ())
    if end < len(reader.lines):
        raise YamlError(reader.lines[end][2], "is indented less than the field it belongs to.")
    return data, reader.at
