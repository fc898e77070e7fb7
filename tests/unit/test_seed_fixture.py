"""The delivered Danish article is kept byte for byte as a fixture."""

from __future__ import annotations

from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures/seed/da-DK"
DELIVERED = Path(__file__).resolve().parents[3] / "shared/seed/da-DK"


def test_fixture_is_the_delivered_article() -> None:
    name = "manage-self-service-purchases-users.md"
    fixture = (FIXTURE / name).read_bytes()
    assert b"ms.contentlocale: da-DK" in fixture
    if DELIVERED.is_dir():  # ../shared is beside every checkout CI runs
        assert fixture == (DELIVERED / name).read_bytes()
