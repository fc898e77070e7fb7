"""The billing portal of the Microsoft 365 admin center, as a self-service purchaser sees it.

Pure Python plus Jinja2: the same code runs in CPython (tests, the build, the step
checker's in-process driver) and in Pyodide (the reader's browser). Nothing here does I/O
beyond reading its own package data, and nothing reads the clock: "today" belongs to the
scenario.

Modules:
    model      the portal's data (frozen dataclasses) and derived values
    scenario   scenarios as data -> a model state, with precise validation errors
    i18n       gettext catalogs and locale formats compiled at build time
    views      Jinja2 environment and the screens' rendering
    app        one simulator instance: state + UI state, events in, HTML out
    browser    the Pyodide edge: JSON in, JSON out
"""

__version__ = "0.1.0"
