"""``ssp-kit check --driver browser``: Chromium on the built site, from the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.controls import CONTROLS

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("checker-en")]

ARTICLE = """---
ms.contentlocale: en-US
---
## Assign a license

1. Go to **Billing** > **Licenses**.
2. Choose **Assign licenses**.
3. Choose the subscription. <!-- ssp: target=power-automate -->
4. Choose **Assign licenses**.
"""


def test_browser_driver_from_the_command_line(tmp_path: Path, site_dir: Path) -> None:
    article = tmp_path / "article.md"
    article.write_text(ARTICLE, "utf-8")
    env = {**os.environ, "SSP_SITE": str(site_dir)}
    command = [sys.executable, "-m", "walkthrough.cli", "check", str(article), "--driver",
               "browser", "--format", "json"]  # fmt: skip
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=240)
    assert done.returncode == 1, done.stderr
    (procedure,) = json.loads(done.stdout)["files"][0]["procedures"]
    assert [(s["line"], s["status"]) for s in procedure["steps"]] == [
        (6, "pass"), (7, "fail"), (8, "pass"), (9, "pass")
    ]  # fmt: skip
    (finding,) = procedure["steps"][1]["findings"]
    assert finding["code"] == "driver-failed"
    assign = CONTROLS["action.assign_licenses"].label("en")
    assert finding["message"].startswith(f"no button named '{assign}'; the screen shows")
