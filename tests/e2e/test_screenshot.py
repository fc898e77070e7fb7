"""``ssp-kit screenshot``: the view of a scenario file captured from the built site, as a PNG
of the requested size or a self-contained HTML snapshot that shows the same controls as
the same state opened through ``ssp-kit link``."""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
READY = "[data-simulator][data-ready]"
VIEW = ["--locale", "da", "--cloud", "o365-21vianet", "--screen", "licenses"]
#: The portal's controls as a person meets them: role and name, in order.
CONTROLS = """() => [...document.querySelector('.ssp-sim-root').querySelectorAll(
  'button, a[href], input, select, textarea, [role=tab], [role=menuitem]')]
  .map(e => [e.getAttribute('role') || e.tagName.toLowerCase(),
             (e.getAttribute('aria-label') || e.textContent).trim()])"""


def customer(tmp_path: Path) -> Path:
    text = (ROOT / "simulator" / "scenarios" / "default.yml").read_text("utf-8")
    path = tmp_path / "customer.yml"
    path.write_text(text.replace("total_licenses: 100", "total_licenses: 140", 1), "utf-8")
    return path


def ssp_kit(*argv: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "walkthrough", *argv],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_png_has_the_requested_size(tmp_path: Path, site_dir: Path) -> None:
    out = tmp_path / "view.png"
    ssp_kit("screenshot", str(customer(tmp_path)), *VIEW, "--site", str(site_dir),
            "-o", str(out), "--width", "1000", "--height", "640")  # fmt: skip
    head = out.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", head[16:24]) == (1000, 640)


def test_the_snapshot_shows_what_the_link_opens(
    tmp_path: Path, site_dir: Path, site_page: Any
) -> None:
    out = tmp_path / "view.html"
    scenario = str(customer(tmp_path))
    ssp_kit("screenshot", scenario, *VIEW, "--site", str(site_dir), "-o", str(out),
            "--format", "html")  # fmt: skip
    snapshot = out.read_text("utf-8")
    assert "<script" not in snapshot.lower()
    site_page.goto(ssp_kit("link", scenario, *VIEW))
    site_page.wait_for_selector(READY, timeout=180_000)
    linked = site_page.evaluate(CONTROLS)
    assert ["button", "Power BI Pro"] in linked
    site_page.set_content(snapshot)
    assert site_page.evaluate(CONTROLS) == linked
