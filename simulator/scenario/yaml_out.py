"""Scenario data written as a scenario file (YAML), in pure Python: the browser has no
PyYAML, and the support page's Download YAML runs here.

Only what scenario data holds is written: mappings (a block, or a flow ``{...}`` when its
values are all scalars), lists (a block of records, or a flow ``[...]`` of scalars), text,
whole numbers, true/false. Text is written plain only when YAML cannot read it as anything
else (an id, a date, a name of letters and spaces); anything else is double-quoted with
every character YAML does not allow in a stream escaped, so markup and control characters
come back as the same text. ``walkthrough.scenarios.parse`` reads it back to equal data.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

#: Text YAML reads back as the same text when written plain: an id, a date, or words.
_PLAIN = re.compile(
    r"^(?:[A-Za-z][A-Za-z0-9._@-]*(?: [A-Za-z][A-Za-z0-9.'_@-]*)*|\d{4}-\d{2}-\d{2})$"
)
#: Plain words YAML 1.1 reads as something other than text.
_RESERVED = frozenset({"true", "false", "yes", "no", "on", "off", "y", "n", "null", "nan", "inf"})
#: The characters written as they are in a double-quoted scalar: what YAML allows in a
#: stream, less the line breaks it would fold (NEL, U+2028, U+2029) and the BOM.
_PRINTABLE = re.compile(
    "[\t\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
#: A line longer than this puts a list's items on lines of their own.
WIDTH = 88


def _text(value: str) -> str:
    if _PLAIN.fullmatch(value) and value.casefold() not in _RESERVED:
        return value
    out = []
    for char in value:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif _PRINTABLE.match(char):
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


def scalar(value: Any) -> str:
    """One value as YAML writes it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _text(value)
    raise TypeError(f"scenario data holds no {type(value).__name__} ({value!r})")


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, (bool, int, str))


def _flow(value: Mapping[str, Any] | Sequence[Any]) -> str:
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_text(k)}: {scalar(v)}" for k, v in value.items()) + "}"
    return "[" + ", ".join(scalar(v) for v in value) + "]"


def _block(data: Mapping[str, Any], indent: str) -> list[str]:
    lines: list[str] = []
    for key, value in data.items():
        lines += _field(_text(str(key)), value, indent)
    return lines


def _field(key: str, value: Any, indent: str) -> list[str]:
    head = f"{indent}{key}:"
    if _is_scalar(value):
        return [f"{head} {scalar(value)}"]
    if isinstance(value, Mapping):
        if value and all(_is_scalar(v) for v in value.values()):
            return [f"{head} {_flow(value)}"]
        return [f"{head} {{}}"] if not value else [head, *_block(value, indent + "  ")]
    if all(_is_scalar(v) for v in value):
        line = f"{head} {_flow(value)}"
        if len(line) <= WIDTH or not value:
            return [line]
        lines, line = [f"{head} ["], f"{indent} "
        for item in (f" {scalar(v)}," for v in value):
            if len(line) + len(item) > WIDTH and line.strip():
                lines.append(line)
                line = f"{indent} "
            line += item
        return [*lines, line.rstrip(","), f"{indent}]"]
    lines = [head]
    for item in value:
        if not isinstance(item, Mapping) or not item:
            raise TypeError(f"{key}: a list of records or of values, not of {item!r}")
        if all(_is_scalar(v) for v in item.values()):
            flow = f"{indent}  - {_flow(item)}"
            if len(flow) <= WIDTH:
                lines.append(flow)
                continue
        body = _block(item, indent + "    ")
        lines.append(f"{indent}  - {body[0].lstrip()}")
        lines += body[1:]
    return lines


def dump(data: Mapping[str, Any], *, comment: str = "") -> str:
    """``data`` as a scenario file's text, after ``comment`` (each line a ``#`` line)."""
    head = [f"# {line}".rstrip() for line in comment.splitlines()]
    return "\n".join([*head, *_block(data, "")]) + "\n"
