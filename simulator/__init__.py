"""The billing portal of the Microsoft 365 admin center, as a self-service purchaser sees it.

Pure Python plus Jinja2: the same code runs in CPython (tests, the build, the step
checker's in-process driver) and in Pyodide (the reader's browser). Nothing here does I/O
beyond reading its own package data, and nothing reads the clock: "today" belongs to the
scenario.

Modules:
    markets    the one list of languages, clouds and currencies the kit serves
    model      the portal's data (frozen dataclasses), its rules and derived values
    commands   what a person asks the portal to do or show; handlers: who may, and doing it
    errors     why the portal refused a command, every message it can carry
    scenario   scenarios as data -> a portal, with precise validation errors
    i18n       gettext catalogs and locale formats compiled at build time
    controls   every control the article names: key, role, label
    ui         an instance's settings and what is on screen
    actions    what each data-action of the screens does (ACTIONS)
    app        one simulator instance: portal + screen state, events in, HTML out
    views      the Jinja2 environment and the screens' rendering
    protocol   the events the page (and the checker) send
    patch      the changes between two scenario data, and applying them
    state      the one state format: saved, resumed, shared
    embed      a simulator as a page holds it, rendered at build time
    worker     the Pyodide edge, the only module the page's worker calls: JSON in and out
"""

__version__ = "0.1.0"
