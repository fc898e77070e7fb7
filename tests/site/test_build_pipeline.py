"""The built site: wheels and their lock file, the runtime, the first screens, the CSP."""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
import re
import zipfile
from pathlib import Path

import brotli
import pytest

from simulator.controls import CONTROLS
from simulator.markets import CODES
from simulator.views import Precompiled
from walkthrough.bundle.runtime import FILES as RUNTIME_FILES
from walkthrough.plugin.csp import inline_script_hashes

PAGES = ("index.html", "manage-self-service-purchases-users/index.html")
LANG_PREFIX = {"en": "", "da": "da/"}


def pyodide_dir(site: Path) -> Path:
    return site / "assets" / "pyodide"


def lock(site: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((pyodide_dir(site) / "pyodide-lock.json").read_text())
    return data


def test_lock_lists_exactly_the_served_wheels(site_dir: Path) -> None:
    packages = lock(site_dir)["packages"]
    assert isinstance(packages, dict)
    assert set(packages) == {"simulator", "jinja2", "markupsafe"}
    served = {p.name for p in pyodide_dir(site_dir).glob("*.whl")}
    assert {entry["file_name"] for entry in packages.values()} == served


def test_lock_hashes_match_the_wheels(site_dir: Path) -> None:
    packages = lock(site_dir)["packages"]
    assert isinstance(packages, dict)
    for name, entry in packages.items():
        wheel = pyodide_dir(site_dir) / entry["file_name"]
        assert hashlib.sha256(wheel.read_bytes()).hexdigest() == entry["sha256"], name


def test_lock_resolves_simulator_dependencies(site_dir: Path) -> None:
    packages = lock(site_dir)["packages"]
    assert isinstance(packages, dict)
    assert packages["simulator"]["depends"] == ["jinja2"]
    assert packages["jinja2"]["depends"] == ["markupsafe"]


def test_wheels_are_pure_python(site_dir: Path) -> None:
    for wheel in pyodide_dir(site_dir).glob("*.whl"):
        assert wheel.name.endswith("-py3-none-any.whl"), wheel.name
        with zipfile.ZipFile(wheel) as zf:
            assert not [n for n in zf.namelist() if n.endswith((".so", ".pyd"))], wheel.name


def test_simulator_wheel_carries_compiled_data_not_sources(site_dir: Path) -> None:
    (wheel,) = pyodide_dir(site_dir).glob("simulator-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for lang in ("en", "da"):
        assert f"simulator/_data/locale/{lang}/LC_MESSAGES/simulator.mo" in names
    assert "simulator/_data/formats.json" in names
    assert "simulator/_data/scenarios/default.json" in names
    assert not [n for n in names if n.endswith((".po", ".yml", ".yaml"))]


def _python_tag(site: Path) -> str:
    """``cpython-314`` for the Python inside the served Pyodide (from its lock's info)."""
    info = lock(site)["info"]
    assert isinstance(info, dict)
    major, minor = str(info["python"]).split(".")[:2]
    return f"cpython-{major}{minor}"


@pytest.mark.parametrize("wheel", ["simulator", "jinja2", "markupsafe"])
def test_every_module_is_served_compiled_for_pyodides_python(site_dir: Path, wheel: str) -> None:
    """Pyodide imports from the bytecode instead of compiling the sources on every visit;
    the sources stay beside it (tracebacks show their lines)."""
    (path,) = pyodide_dir(site_dir).glob(f"{wheel}-*.whl")
    names = set(zipfile.ZipFile(path).namelist())
    sources = [n for n in names if n.endswith(".py")]
    assert sources
    tag = _python_tag(site_dir)
    for source in sources:
        folder, _, module = source.rpartition("/")
        assert f"{folder}/__pycache__/{module[:-3]}.{tag}.pyc" in names, source


def test_every_template_is_served_compiled(site_dir: Path) -> None:
    (path,) = pyodide_dir(site_dir).glob("simulator-*.whl")
    names = set(zipfile.ZipFile(path).namelist())
    templates = [n for n in names if n.startswith("simulator/templates/")]
    assert templates
    for template in templates:
        name = template.removeprefix("simulator/templates/")
        key = Precompiled(Path()).get_cache_key(name)
        assert f"simulator/_data/jinja/{key}.cache" in names, template


def test_wheel_records_list_every_file_with_its_hash(site_dir: Path) -> None:
    for path in pyodide_dir(site_dir).glob("*.whl"):
        with zipfile.ZipFile(path) as zf:
            (record,) = [n for n in zf.namelist() if n.endswith(".dist-info/RECORD")]
            rows = dict(
                (row.split(",")[0], row.split(",")[1])
                for row in zf.read(record).decode().splitlines()
            )
            for name in zf.namelist():
                if name == record:
                    continue
                digest = base64.urlsafe_b64encode(hashlib.sha256(zf.read(name)).digest())
                assert rows[name] == "sha256=" + digest.rstrip(b"=").decode(), name


NODE_PYODIDE = Path(__file__).resolve().parents[2] / "node_modules" / "pyodide"
STDLIB = "python_stdlib.zip"


def test_runtime_copied_from_node_modules(site_dir: Path) -> None:
    for name in RUNTIME_FILES:
        if name != STDLIB:  # that one gets bytecode: below
            served = pyodide_dir(site_dir) / name
            assert served.read_bytes() == (NODE_PYODIDE / name).read_bytes(), name


def _pyc_header(data: bytes) -> tuple[bytes, int]:
    return data[:4], int.from_bytes(data[4:8], "little")


def test_standard_library_is_served_with_the_boots_modules_compiled(site_dir: Path) -> None:
    """The npm package's zip, trimmed (test_stdlib_trimmed.py), its entries as they are,
    plus a ``.pyc`` beside the source of each module a boot imports (Pyodide's start-up
    and the simulator's), for Pyodide's Python and valid without checking the source (the
    zip's entries carry no useful times)."""
    with zipfile.ZipFile(NODE_PYODIDE / STDLIB) as npm:
        original = {n: npm.read(n) for n in npm.namelist()}
    with zipfile.ZipFile(pyodide_dir(site_dir) / STDLIB) as zf:
        served = {n: zf.read(n) for n in zf.namelist()}
    kept = set(served) & set(original)
    assert {n: served[n] for n in kept} == {n: original[n] for n in kept}
    added = set(served) - set(original)
    assert added and all(n.endswith(".pyc") and n[:-1] in original for n in added)
    for module in ("pickle", "gettext", "urllib/parse", "ipaddress", "decimal", "datetime"):
        assert f"{module}.pyc" in added, module  # what the simulator imports
    for module in ("asyncio/base_events", "typing", "json/decoder", "pyodide/ffi/__init__"):
        assert f"{module}.pyc" in added, module  # what Pyodide's start-up imports
    (wheel,) = pyodide_dir(site_dir).glob("jinja2-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        pyc = next(n for n in zf.namelist() if n.endswith(".pyc"))
        magic, _ = _pyc_header(zf.read(pyc))  # compiled by the same Pyodide
    for name in added:
        assert _pyc_header(served[name]) == (magic, 0b01), name  # hash-based, unchecked


def test_pages_and_the_search_index_have_copies_of_their_final_text(site_dir: Path) -> None:
    """Every language's pages and the search index of them all (written last, by
    mkdocs-static-i18n, after every language's build) are sent compressed as they are."""
    files = [*site_dir.rglob("*.html"), site_dir / "search" / "search_index.json"]
    assert len(files) > len(CODES) * 4
    for path in files:
        for suffix, decode in ((".br", brotli.decompress), (".gz", gzip.decompress)):
            copy = path.with_name(path.name + suffix)
            assert decode(copy.read_bytes()) == path.read_bytes(), copy.relative_to(site_dir)


@pytest.mark.parametrize("lang", ["en", "da"])
@pytest.mark.parametrize("page", PAGES)
def test_first_screen_is_in_the_html(site_dir: Path, lang: str, page: str) -> None:
    html = (site_dir / LANG_PREFIX[lang] / page).read_text("utf-8")
    sims = re.findall(r'<div class="ssp-sim" data-simulator[^>]*data-lang="(\w+)"', html)
    assert sims and set(sims) == {lang}
    assert 'class="ssp-sim-root" inert><div class="ssp-portal"' in html
    assert CONTROLS["nav.your_products"].label(lang) in html  # the first screen's heading
    assert 'role="status"' in html  # the progress line, visible before Python starts


def _csp(html: str) -> str:
    match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert match, "no CSP meta tag"
    return match.group(1)


def all_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_has_a_csp_naming_no_other_origin(site_dir: Path) -> None:
    for page in all_pages(site_dir):
        policy = _csp(page.read_text("utf-8"))
        assert "http:" not in policy and "https:" not in policy and "*" not in policy, page
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        script = directives["script-src"].split()
        assert script[:2] == ["'self'", "'wasm-unsafe-eval'"], page
        assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script, page
        assert directives["img-src"] == "'self' data:", page


def test_csp_hashes_cover_exactly_the_inline_scripts(site_dir: Path) -> None:
    for page in all_pages(site_dir):
        html = page.read_text("utf-8")
        script = dict(d.strip().split(" ", 1) for d in _csp(html).split(";"))["script-src"]
        hashes = sorted(s for s in script.split() if s.startswith("'sha256-"))
        assert hashes == inline_script_hashes(html), page


def test_no_page_references_another_origin_for_code_or_style(site_dir: Path) -> None:
    # Resources the browser would load; <link rel="canonical|alternate"> only names pages.
    pattern = re.compile(
        r"""<(?:script|img|iframe|link(?![^>]*rel="(?:canonical|alternate)"))"""
        r"""\b[^>]*(?:src|href)=["'](?:https?:)?//"""
    )
    for page in all_pages(site_dir):
        assert not pattern.findall(page.read_text("utf-8")), page


def test_memory_snapshot_is_served_compressed(site_dir: Path) -> None:
    snapshot = pyodide_dir(site_dir) / "snapshot.bin.gz"
    data = snapshot.read_bytes()
    assert data[:2] == b"\x1f\x8b"  # gzip: the page inflates it with DecompressionStream
    assert 1_000_000 < len(data) < 20_000_000


def test_each_language_folder_has_the_sitemap_material_reads(site_dir: Path) -> None:
    # Material's language selector looks up the current page in <language>/sitemap.xml.
    da = (site_dir / "da" / "sitemap.xml").read_text("utf-8")
    assert "/da/manage-self-service-purchases-users/" in da
    assert 'hreflang="en"' in da


def test_search_indexes_the_article_not_the_simulated_portal(site_dir: Path) -> None:
    index = (site_dir / "search" / "search_index.json").read_text("utf-8")
    assert "Manage self-service purchases" in index
    for portal_text in ("97 of 100", "97 af 100", "admin.microsoft.com</span>", "ssp-portal"):
        assert portal_text not in index


def test_first_screen_is_built_for_every_cloud(site_dir: Path) -> None:
    html = (site_dir / "manage-self-service-purchases-users" / "index.html").read_text("utf-8")
    frames = html.count('class="ssp-sim" data-simulator')
    assert html.count('class="ssp-sim-variant" data-variant-cloud="o365-21vianet"') == frames
    assert "portal.partner.microsoftonline.cn" in html


def test_large_assets_have_precompressed_copies_that_decode_to_them(site_dir: Path) -> None:
    """walkthrough/bundle/compress.py: a ``.br`` and a ``.gz`` beside each large asset; the
    standard library's decode to the same zip with its entries stored."""
    large = ["pyodide.asm.wasm", "pyodide.asm.mjs", "python_stdlib.zip", "pyodide-lock.json"]
    large += [p.name for p in pyodide_dir(site_dir).glob("*.whl")]
    for name in large:
        path = pyodide_dir(site_dir) / name
        decoded = {
            "br": brotli.decompress((path.parent / f"{name}.br").read_bytes()),
            "gz": gzip.decompress((path.parent / f"{name}.gz").read_bytes()),
        }
        for suffix, data in decoded.items():
            if name == STDLIB:
                with zipfile.ZipFile(io.BytesIO(data)) as a, zipfile.ZipFile(path) as b:
                    assert [(i.filename, i.CRC) for i in a.infolist()] == [
                        (i.filename, i.CRC) for i in b.infolist()
                    ]
                    assert {i.compress_type for i in a.infolist()} == {zipfile.ZIP_STORED}
            else:
                assert data == path.read_bytes(), f"{name}.{suffix}"
    assert (site_dir / "assets" / "ssp" / "simulator-worker.js.br").is_file()


@pytest.mark.parametrize("lang", ["en", "da"])
@pytest.mark.parametrize("page", PAGES)
def test_the_kits_scripts_and_their_imports_are_preloaded_from_the_head(
    site_dir: Path, lang: str, page: str
) -> None:
    """Material writes the module scripts at the end of the body, and their imports were
    found only once they had arrived: the simulator's worker started after that chain."""
    path = site_dir / LANG_PREFIX[lang] / page
    html = path.read_text("utf-8")
    head = html[: html.index("</head>")]
    preloaded = {
        (path.parent / href).resolve()
        for href in re.findall(r'<link rel="modulepreload" href="([^"]+)">', head)
    }
    modules = {
        (path.parent / src).resolve()
        for src in re.findall(r'<script src="([^"]+)" type="module">', html)
    }
    imported = {
        (module.parent / name).resolve()
        for module in modules
        for name in re.findall(r'^import [^;]*? from "\./([\w.-]+)";', module.read_text(), re.M)
    }
    assert modules and imported
    assert preloaded == modules | imported
    assert all(file.is_file() for file in preloaded)
