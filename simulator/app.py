"""One simulator instance: the portal's state, what is on screen, events in, HTML out.

An event is plain data, the same whether it comes from a click in the browser (through
``simulator.browser``) or from the step checker's in-process driver.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from . import scenario, views
from .events import Event, EventError
from .model import Cloud, Portal

SCREENS = ("products", "licenses", "bills")
PORTAL_ADDRESS = {
    Cloud.WORLDWIDE: "admin.microsoft.com",
    Cloud.VIANET: "portal.partner.microsoftonline.cn",
}


@dataclass(frozen=True)
class Settings:
    """What an instance is: chosen by the page (or the standalone page's URL)."""

    lang: str = "en"
    cloud: Cloud = Cloud.WORLDWIDE
    scenario: str = "default"
    screen: str = "products"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        try:
            settings = cls(
                lang=str(data.get("lang", "en")),
                cloud=Cloud(data.get("cloud", Cloud.WORLDWIDE)),
                scenario=str(data.get("scenario", "default")),
                screen=str(data.get("screen", "products")),
            )
        except ValueError as exc:
            raise EventError(f"bad simulator settings {data!r}: {exc}") from exc
        if settings.screen not in SCREENS:
            raise EventError(f"unknown screen {settings.screen!r}; screens are {SCREENS}")
        return settings


@dataclass(frozen=True)
class UI:
    """What is on screen (not the portal's data)."""

    screen: str
    cloud: Cloud


class App:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.portal: Portal = scenario.load(
            settings.scenario, lang=settings.lang, cloud=settings.cloud
        )
        self.ui = UI(screen=settings.screen, cloud=settings.cloud)

    def handle(self, event: Event) -> None:
        action = event.action
        if action == "go":
            screen = event.data.get("screen")
            if screen not in SCREENS:
                raise EventError(f"'go' to unknown screen {screen!r}; screens are {SCREENS}")
            self.ui = replace(self.ui, screen=screen)
        elif action == "nav-toggle":
            pass
        else:
            raise EventError(f"unknown action {action!r} in event {event!r}")

    def render(self) -> str:
        return views.render(
            self.settings.lang,
            "portal.html",
            ui=self.ui,
            subscriptions=self.portal.subscriptions,
            portal_address=PORTAL_ADDRESS[self.ui.cloud],
        )
