"""Find a Chromium to drive: ``$SSP_CHROMIUM``, Debian's, or another on PATH.

``python -m walkthrough.chromium`` prints it (empty output and exit 1 when none), which
is how ``scripts/bootstrap.sh`` decides whether to install Debian's ``chromium``.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")

# Flags for a closed network: without the background ones Chromium keeps trying (and
# failing) to reach Google's services.
LAUNCH_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def find_chromium() -> str | None:
    env = os.environ.get("SSP_CHROMIUM")
    if env:
        return env if Path(env).is_file() else None
    for candidate in CANDIDATES:
        found = candidate if Path(candidate).is_file() else shutil.which(candidate)
        if found:
            return found
    return None


if __name__ == "__main__":
    path = find_chromium()
    if path:
        print(path)
    sys.exit(0 if path else 1)
