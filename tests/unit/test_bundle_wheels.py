"""What ships to the browser besides the simulator is pinned: a file whose hash differs
from the pin is a build error saying which file and what to do (no network needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from walkthrough.bundle import wheels
from walkthrough.bundle.pins import JINJA2, MARKUPSAFE, Pin


@pytest.mark.parametrize("pin", [JINJA2, MARKUPSAFE], ids=lambda pin: pin.name)
def test_a_cached_file_with_another_hash_is_refused(tmp_path: Path, pin: Pin) -> None:
    (tmp_path / pin.file).write_bytes(b"not what PyPI serves")
    with pytest.raises(wheels.WheelError) as error:
        wheels._pinned(pin, tmp_path)
    message = str(error.value)
    assert str(tmp_path / pin.file) in message and pin.sha256 in message
    assert "walkthrough/bundle/pins.py" in message and "Delete the file" in message


def test_the_pins_name_the_files_pip_writes() -> None:
    assert JINJA2.file == f"jinja2-{JINJA2.version}-py3-none-any.whl" and JINJA2.binary
    assert MARKUPSAFE.file == f"markupsafe-{MARKUPSAFE.version}.tar.gz"
    assert not MARKUPSAFE.binary
    for pin in (JINJA2, MARKUPSAFE):
        assert len(pin.sha256) == 64 and int(pin.sha256, 16) >= 0
