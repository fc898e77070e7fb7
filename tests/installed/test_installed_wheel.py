"""``pip install .``, not editable, into a clean virtualenv: the kit works from any folder.

The wheel is built from a copy of the checkout's files (tracked, or new and not ignored),
as a fresh clone would build it: the data it ships (catalogs, formats, scenarios,
grammars) must come from the build backend (setup.py), not from a developer's compiled
``simulator/_data``. It is installed by path into a virtualenv with no pip of its own
(the checkout's pip installs into it; PyPI gives the dependencies, through pip's cache),
and every command runs from an empty folder, with no path into the checkout but the
article it checks and, for MkDocs, the checkout's ``mkdocs.yml``.

Slow (a wheel build and a virtualenv install: 25-35 s with pip's cache warm): marked
``installed``, run by ``make test``; ``-m 'not installed'`` leaves it out.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from simulator.markets import CODES

pytestmark = [pytest.mark.installed, pytest.mark.xdist_group("installed-wheel")]

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "docs" / "en" / "manage-self-service-purchases-users.md"
PIP = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    elsewhere: Path  # an empty folder, the commands' working directory

    def run(self, *argv: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
        bin_dir = self.venv / "bin"
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
        env |= {"VIRTUAL_ENV": str(self.venv), "PATH": f"{bin_dir}{os.pathsep}{env['PATH']}"}
        command = [str(bin_dir / argv[0]), *argv[1:]]
        return subprocess.run(
            command, cwd=self.elsewhere, env=env, capture_output=True, text=True, timeout=timeout
        )


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{' '.join(command)}\n{done.stdout}\n{done.stderr}"


def _copy_checkout(target: Path) -> Path:
    """The checkout's files as a clone has them, plus new files not yet committed."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode()  # fmt: skip
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():  # node_modules is a symlink
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """Built and installed once per run by whichever worker asks first; the others wait on
    the lock and take it. (The xdist_group mark alone does not do it: with pytest 9.2,
    pytest-xdist's --dist loadgroup no longer groups, and each worker would install.)"""
    run_root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        run_root = run_root.parent  # the run's folder, above each worker's own
    work = run_root / "installed-wheel"
    work.mkdir(exist_ok=True)
    venv, elsewhere = work / "venv", work / "elsewhere"
    with open(work / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (work / "installed").is_file():
            for leftover in (work / "source", work / "dist", venv, elsewhere):
                shutil.rmtree(leftover, ignore_errors=True)  # a worker that failed before
            source = _copy_checkout(work / "source")
            _run([*PIP, "wheel", str(source), "--no-deps", "--wheel-dir", str(work / "dist")])
            (wheel,) = (work / "dist").glob("ssp_kit-*.whl")
            _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
            python = str(venv / "bin" / "python")
            _run([*PIP, "--python", python, "install", "--no-compile", str(wheel)])
            elsewhere.mkdir()
            (work / "installed").write_text(str(wheel), "utf-8")
    return Installed(Path((work / "installed").read_text("utf-8")), venv, elsewhere)


def test_the_kit_is_imported_from_the_virtualenv(installed: Installed) -> None:
    done = installed.run("python", "-c", "import simulator, walkthrough; print(simulator.__file__)")
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()).is_relative_to(installed.venv)


def test_check_passes_every_step_of_the_article_from_another_folder(
    installed: Installed,
) -> None:
    done = installed.run("ssp-kit", "check", str(ARTICLE))
    assert done.returncode == 0, done.stdout + done.stderr
    summary = done.stdout.strip().splitlines()[-1]
    match = re.match(r"(\d+) steps: (\d+) passed, 0 failed, 0 unchecked;", summary)
    assert match and int(match[1]) > 0 and match[1] == match[2], summary


def test_python_m_walkthrough_runs_the_command_line(installed: Installed) -> None:
    done = installed.run("python", "-m", "walkthrough", "--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: ssp-kit") and "check" in done.stdout


def test_the_mkdocs_plugins_load_by_their_names(installed: Installed) -> None:
    code = (
        "from importlib.metadata import entry_points\n"
        "found = {e.name: e.load() for e in entry_points(group='mkdocs.plugins')}\n"
        "print(found['ssp-kit'].__module__, found['ssp-learn'].__module__)\n"
    )
    done = installed.run("python", "-c", code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["walkthrough.plugin.plugin", "walkthrough.learn.plugin"]


def test_the_wheel_holds_every_template_the_grammars_and_the_compiled_data(
    installed: Installed,
) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    templates = {
        p.relative_to(ROOT).as_posix() for p in (ROOT / "simulator" / "templates").rglob("*.html")
    }
    assert {n for n in names if n.startswith("simulator/templates/")} == templates
    languages = [p.parent.name for p in ROOT.glob("locales/*/grammar.yml")]
    grammars = {f"walkthrough/_data/grammar/{lang}.yml" for lang in languages}
    assert grammars and {n for n in names if n.startswith("walkthrough/_data/")} == grammars
    for lang in CODES:
        assert f"simulator/_data/locale/{lang}/LC_MESSAGES/simulator.mo" in names
    scenarios = {
        f"simulator/_data/scenarios/{p.stem}.json" for p in ROOT.glob("simulator/scenarios/*.yml")
    }
    assert scenarios <= names and "simulator/_data/formats.json" in names
    assets = {p.relative_to(ROOT).as_posix() for p in (ROOT / "walkthrough" / "assets").iterdir()}
    scripts = {p.relative_to(ROOT).as_posix() for p in ROOT.glob("walkthrough/bundle/*.mjs")}
    assert assets | scripts <= names
    assert not [n for n in names if n.endswith((".po", ".pot", ".yml")) and "_data" not in n]


def test_mkdocs_builds_the_site_from_another_folder(
    installed: Installed, site_dir: Path, tmp_path: Path
) -> None:
    """The plugins take the project from mkdocs.yml's folder (its node_modules and build
    caches, warm after ``site_dir``'s build), the data from the installed packages."""
    site = tmp_path / "site"
    done = installed.run(
        "mkdocs", "build", "--strict", "--config-file", str(ROOT / "mkdocs.yml"),
        "--site-dir", str(site),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (site / "manage-self-service-purchases-users" / "index.html").is_file()
    wheels = {p.name.split("-")[0] for p in (site / "assets" / "pyodide").glob("*.whl")}
    assert wheels == {"simulator", "jinja2", "markupsafe"}
