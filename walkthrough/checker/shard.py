"""Which files a shard checks: ``ssp-kit check --shard I/N`` on each of N machines.

Every file goes to exactly one of the N shards, and always the same one for the same
inputs. Files with a stored duration (``--durations-file``, written by
``--store-durations``: ``{"path": seconds}``, as pytest-split stores its tests') are
balanced: longest first, each to the shard with the least time so far. A file without
one (new since the durations were stored) goes by a hash of its path, so that adding
files moves no other file. ``ssp-kit report merge`` joins the shards' reports.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Mapping, Sequence
from pathlib import Path


class ShardError(ValueError):
    """A ``--shard`` or durations file the checker cannot use; the message says why."""


def parse(text: str) -> tuple[int, int]:
    """``"2/3"`` -> (2, 3): shard 2 of 3, counted from 1."""
    index, _, count = text.partition("/")
    if not (index.isdigit() and count.isdigit()) or not 1 <= int(index) <= int(count):
        raise ShardError(
            f"--shard {text!r}: write I/N, shard I of N counted from 1 (e.g. --shard 2/3)"
        )
    return int(index), int(count)


def key(path: str) -> str:
    """How a file is named in durations and hashed: its path, with ``/``."""
    return Path(path).as_posix()


def by_hash(path: str, count: int) -> int:
    """The shard (0-based) of a file without a stored duration."""
    return zlib.crc32(key(path).encode("utf-8")) % count


def assign(
    paths: Sequence[str], count: int, durations: Mapping[str, float] | None = None
) -> list[int]:
    """The shard (0-based) of each of ``paths``."""
    durations = durations or {}
    shard = [by_hash(p, count) for p in paths]
    load = [0.0] * count
    known = sorted(
        (i for i, p in enumerate(paths) if key(p) in durations),
        key=lambda i: (-durations[key(paths[i])], key(paths[i])),
    )
    for i in known:
        shard[i] = min(range(count), key=lambda s: (load[s], s))
        load[shard[i]] += durations[key(paths[i])]
    return shard


def read_durations(path: Path | None) -> dict[str, float]:
    """The durations stored at ``path`` (none when it does not exist yet)."""
    if path is None or not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as error:
        raise ShardError(f"{path}: not a durations file ({error}); delete it or fix it") from error
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, int | float) for k, v in data.items()
    ):
        raise ShardError(f'{path}: a durations file maps each path to seconds: {{"a.md": 0.5}}')
    return {k: float(v) for k, v in data.items()}


def store_durations(path: Path, measured: Mapping[str, float]) -> None:
    """Add ``measured`` to the durations stored at ``path`` (a shard stores its own)."""
    stored = read_durations(path)
    stored.update({key(p): round(s, 4) for p, s in measured.items()})
    path.write_text(json.dumps(dict(sorted(stored.items())), indent=1) + "\n", "utf-8")
