"""The walk: raw data read against the schema, field by field, every problem kept."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .kinds import ID, Bad, Kind
from .problems import FieldPath, Problem, did_you_mean, shown
from .schema import RECORDS, ListOf, Record


class Walk:
    """Reads raw data against RECORDS: normalized data (None where a value is bad)."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def bad(self, path: FieldPath, message: str, values: Mapping[str, str] | None = None) -> None:
        """A problem at ``path``; with ``values``, ``message`` is a catalog msgid they fill."""
        if values is None:
            self.problems.append(Problem(path, message))
        else:
            shown = message % values
            self.problems.append(Problem(path, shown, message, tuple(values.items())))

    def value(
        self, raw: object, kind: Kind | ListOf | str, path: FieldPath, example: str = ""
    ) -> Any:
        if isinstance(kind, str):
            return self.record(raw, RECORDS[kind], path, example)
        if isinstance(kind, ListOf):
            return self.list(raw, kind, path)
        try:
            return kind.read(raw)
        except Bad as bad:
            self.bad(path, bad.message)
            return None

    def list(self, raw: object, kind: ListOf, path: FieldPath) -> list[Any] | None:
        if raw is None:
            return []
        if not isinstance(raw, list):
            hint = ""
            if kind.item is ID and isinstance(raw, int) and not isinstance(raw, bool):
                hint = (
                    " Write the ids of the people, like [mette-larsen, anne-jensen], not how many."
                )
            self.bad(
                path,
                f"should be a list of {kind.what} (each on its own line starting with '- ', or "
                f"[a, b] on one line), not {shown(raw)}.{hint}",
            )
            return None
        return [self.value(item, kind.item, (*path, i)) for i, item in enumerate(raw)]

    def record(
        self, raw: object, record: Record, path: FieldPath, example: str = ""
    ) -> dict[str, Any] | None:
        names = ", ".join(record.fields)
        if not isinstance(raw, Mapping):
            like = f" Write it like: {example}" if example else ""
            self.bad(
                path,
                f"should be {record.name}: a group of fields ({names}), not {shown(raw)}.{like}",
            )
            return None
        out: dict[str, Any] = {}
        for key in raw:
            if key in record.fields:
                continue
            if not path and key == "id":
                self.bad(
                    ("id",),
                    "is not needed: a scenario's id is its file name (default.yml is "
                    "'default'). Remove it.",
                )
                continue
            if record.unknown:
                self.bad((*path, str(key)), record.unknown.format(key=key))
                continue
            close = did_you_mean(str(key), record.fields)
            hint = f"Did you mean '{close[0]}'? " if close else ""
            self.bad(
                (*path, str(key)),
                f"'{key}' is not a field of {record.name}. {hint}Remove it or correct its "
                f"name; the fields are: {names}.",
            )
        for name, spec in record.fields.items():
            if name not in raw:
                if spec.required:
                    self.bad(
                        (*path, name), f"is missing. Add it to {record.name}, like: {spec.example}"
                    )
                out[name] = spec.default
                continue
            out[name] = self.value(raw[name], spec.kind, (*path, name), spec.example)
        return out
