"""The step checker's runner: files in, a report out, through a ``Driver``.

``check_file`` extracts an article's procedures per moniker, judges each step statically
(``walkthrough.steps.verdicts``) and runs it through a driver (``runner``):

    check      files -> report; the page's simulators give each procedure its first screen
    runner     steps -> acts, in order; carrying on after a failure; postconditions
    facts      the procedures' scripts, default targets and form values
    driver     the protocol; ``NullDriver`` (static: nothing executed)
    screen     what both drivers decide alike (menus, rows, panes, refusals, people)
    a11y, dom  roles and accessible names from HTML; the page script's events in Python
    inprocess  the simulator's ``App`` in CPython (``ssp-kit check`` and the build use it)
    browser    Playwright in Chromium on the built site (the truth; same verdicts)
"""

from __future__ import annotations

from .check import check_file, check_paths
from .driver import Driver, NullDriver, Outcome

__all__ = ["Driver", "NullDriver", "Outcome", "check_file", "check_paths"]
