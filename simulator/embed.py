"""A simulator as embedded in a page: the frame around the portal, rendered in CPython at
build time with the same templates the browser uses."""

from __future__ import annotations

from markupsafe import Markup

from . import views
from .app import App, Settings


def render_frame(
    key: str, settings: Settings, *, procedure: str | None = None, standalone: bool = False
) -> str:
    """The element a page holds for one simulator, showing its first screen."""
    portal = Markup(App(settings).render())
    return views.render(
        settings.lang,
        "frame.html",
        key=key,
        settings=settings,
        procedure=procedure,
        standalone=standalone,
        portal=portal,
    )
