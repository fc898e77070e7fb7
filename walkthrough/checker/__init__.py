"""The step checker's runner: files in, a report out, through a ``Driver``.

``check_file`` extracts an article's procedures per moniker, judges each step statically
(``walkthrough.steps.verdicts``) and runs it through the driver (``runner``); the static
mode (``NullDriver``) is what ``ssp-kit check`` uses until the in-process and browser
drivers exist.
"""

from __future__ import annotations

from .check import check_file, check_paths
from .driver import Driver, NullDriver, Outcome

__all__ = ["Driver", "NullDriver", "Outcome", "check_file", "check_paths"]
