"""Without a Chromium, every command that drives one says how to get it (one message)."""

from __future__ import annotations

from pathlib import Path

import pytest

from walkthrough.checker.browser_session import make_driver
from walkthrough.checker.check import UsageError
from walkthrough.chromium import NoChromium, find_chromium, launch
from walkthrough.share import ShareError, capture


@pytest.fixture
def no_chromium(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """$SSP_CHROMIUM names a file that is not there; returns a folder holding a 'site'."""
    monkeypatch.setenv("SSP_CHROMIUM", str(tmp_path / "no-such-chromium"))
    (tmp_path / "index.html").write_text("<!doctype html><title>site</title>", encoding="utf-8")
    return tmp_path


def test_a_missing_chromium_is_found_missing(no_chromium: Path) -> None:
    assert find_chromium() is None
    with pytest.raises(NoChromium, match=r"run `make setup-browser`"):
        launch(object())


def test_the_browser_driver_says_how_to_get_one(no_chromium: Path) -> None:
    with pytest.raises(UsageError, match=r"no Chromium found: run `make setup-browser`"):
        make_driver(site=no_chromium)


def test_the_screenshot_says_how_to_get_one(no_chromium: Path) -> None:
    with pytest.raises(ShareError, match=r"no Chromium found: run `make setup-browser`"):
        capture("/simulator/", site=no_chromium, out=no_chromium / "shot.png")
    assert not (no_chromium / "shot.png").exists()
