"""A simulator as embedded in a page: the frame around the portal, rendered in CPython at
build time with the same templates the browser uses.

The first screen is rendered once per cloud: the page's cloud selector is set before the
article is parsed, and the stylesheet shows the variant of the chosen cloud until Python
is ready (the page script then drops the variants), so a reader who chose 21Vianet never
sees the worldwide portal first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from markupsafe import Markup

from . import views
from .app import App
from .markets import Cloud
from .ui import Settings, uid_for


def render_frame(
    key: str,
    settings: Settings,
    *,
    procedure: str | None = None,
    standalone: bool = False,
    guides: Sequence[dict[str, Any]] = (),
) -> str:
    """The element a page holds for one simulator, showing its first screen. ``guides``:
    guided practice (``walkthrough.plugin.guides``), one per procedure and cloud (its
    ``id`` and ``cloud``), embedded as JSON data: a procedure's own, beside a **Practise**
    button (none: the procedure has no guided practice); on the standalone page, every
    procedure's, for ``?practise=<id>``."""
    portal = Markup(App(settings, uid=uid_for(key, settings.cloud)).render())
    variants = {
        cloud.value: Markup(App(replace(settings, cloud=cloud), uid=uid_for(key, cloud)).render())
        for cloud in Cloud
        if cloud is not settings.cloud and not standalone
    }
    return views.render(
        settings.lang,
        "frame.html",
        key=key,
        settings=settings,
        procedure=procedure,
        standalone=standalone,
        portal=portal,
        variants=variants,
        guides=guides,
    )


def render_support(lang: str) -> str:
    """The support page's form and its two simulators (the purchaser's, their admin's),
    showing the default scenario until the page's script takes over."""
    from . import state, support
    from .markets import language

    cloud = language(lang).default_cloud
    frames = {
        role: Markup(render_frame(f"support-{role}", Settings(lang=lang, cloud=cloud, role=role)))
        for role in ("purchaser", "admin")
    }
    form = Markup(support.form(state.State("default", {}, {}), lang=lang, cloud=cloud))
    return views.render(lang, "support/page.html", form=form, **frames)
