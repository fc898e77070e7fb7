"""Writing wheels byte for byte the same for the same contents (fixed dates and modes)."""

from __future__ import annotations

import base64
import hashlib
import zipfile
from pathlib import Path

_ZIP_DATE = (2026, 1, 1, 0, 0, 0)


def record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def write_entry(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    zf.writestr(info, data)


def with_files(wheel: Path, extra: Path, target: Path) -> Path:
    """Write ``target``: ``wheel`` plus every file under ``extra`` (at the same path in the
    wheel), its RECORD listing them all with their hashes."""
    added = sorted(p for p in extra.rglob("*") if p.is_file())
    with zipfile.ZipFile(wheel) as source:
        entries = {n: source.read(n) for n in source.namelist() if not n.endswith("/")}
    records = [n for n in entries if n.endswith(".dist-info/RECORD")]
    if len(records) != 1:
        raise ValueError(f"{wheel.name}: expected one .dist-info/RECORD, found {len(records)}")
    record = records[0]
    del entries[record]
    for path in added:
        entries[path.relative_to(extra).as_posix()] = path.read_bytes()
    target.parent.mkdir(parents=True, exist_ok=True)
    lines = []
    with zipfile.ZipFile(target, "w") as zf:
        for name, data in entries.items():
            write_entry(zf, name, data)
            lines.append(record_line(name, data))
        lines.append(f"{record},,")
        write_entry(zf, record, ("\n".join(lines) + "\n").encode())
    return target
