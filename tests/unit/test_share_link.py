"""``ssp-kit link``: a scenario file and a view -> the share link that opens it."""

from __future__ import annotations

import json
import random
import string
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from simulator import patch, scenario, state, worker
from simulator.i18n import translations
from walkthrough.cli import main
from walkthrough.scenarios import parse

SOURCES = Path(__file__).resolve().parents[2] / "simulator" / "scenarios"


def changed_file(tmp_path: Path, old: str, new: str, name: str = "customer.yml") -> Path:
    text = (SOURCES / "default.yml").read_text("utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), "utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["link", *argv])
    out, err = capsys.readouterr()
    return code, out.strip(), err.strip()


def opened(address: str, lang: str = "en") -> dict[str, object]:
    """What the page at ``address`` mounts, as the standalone page's script asks it."""
    parts = urlsplit(address)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    token = parse_qs(parts.fragment)[state.LINK_PARAM][0]
    raw = {"lang": lang, "cloud": query["view"], "scenario": "default", "role": query.get("role")}
    answer: dict[str, object] = json.loads(worker.mount("link", json.dumps(raw), link=token))
    return answer


def test_a_changed_file_opens_as_the_file_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = changed_file(tmp_path, "total_licenses: 100", "total_licenses: 120")
    code, address, err = run(
        capsys, str(path), "--locale", "da", "--cloud", "o365-21vianet", "--role", "admin",
        "--screen", "bills",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert address.startswith("/da/simulator/?view=o365-21vianet&role=admin#state=2.")
    assert len(address) < 2000
    answer = opened(address, "da")
    assert answer["restored"] is True and 'data-screen="bills"' in str(answer["html"])
    saved = state.decode(str(answer["state"]))
    got = patch.apply(state.base_data(saved.scenario), saved.patch)
    data, _ = parse(path.read_text("utf-8"))
    assert scenario.normalize(got, source="link") == scenario.normalize(data, source="file")


def test_a_packaged_scenario_links_with_no_changes(capsys: pytest.CaptureFixture[str]) -> None:
    code, address, _ = run(capsys, str(SOURCES / "expired-card.yml"), "--base", "https://x.test/")
    assert code == 0 and address.startswith("https://x.test/simulator/?view=o365-worldwide#")
    token = parse_qs(urlsplit(address).fragment)[state.LINK_PARAM][0]
    assert state.from_link(token) == state.State("expired-card", {}, {"screen": "products"})


def test_a_pane_is_part_of_the_view(capsys: pytest.CaptureFixture[str]) -> None:
    code, address, _ = run(capsys, str(SOURCES / "default.yml"), "--pane", "buy:powerbi-pro")
    assert code == 0
    assert 'class="ssp-pane' in str(opened(address)["html"])


def test_a_bad_file_says_line_field_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = changed_file(tmp_path, "total_licenses: 100", "total_licenses: 10")
    code, out, err = run(capsys, str(path))
    assert (code, out) == (1, "")
    assert f"{path}:" in err and "subscriptions[0].assigned:" in err


def test_a_long_link_warns_and_offers_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    noise = "".join(random.Random(15).choices(string.ascii_letters, k=12_000))
    path = changed_file(tmp_path, "organization: Contoso", f"organization: {noise}")
    code, address, err = run(capsys, str(path), "--locale", "da")
    assert code == 0 and len(address) > state.LINK_WARN
    assert err == translations("da").gettext(state.LINK_LONG) % {"length": f"{len(address):,}"}
