"""The build backend's one step of the kit's own: compile the package data.

Everything else is in pyproject.toml. ``build_py`` also runs
``walkthrough.bundle.package_data.build``: catalogs (.po -> .mo), locale formats (Babel's
CLDR), scenarios (YAML -> JSON) and step grammars, from ``locales/`` and
``simulator/scenarios/`` into the wheel's ``simulator/_data`` and ``walkthrough/_data``,
so an installed kit has them. An editable install imports the packages from this folder:
there they are compiled in place. Babel and PyYAML come from ``[build-system] requires``.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

PROJECT = Path(__file__).resolve().parent


class build_py_with_data(build_py):
    def run(self) -> None:
        super().run()
        sys.path.insert(0, str(PROJECT))  # the packages being built, not installed ones
        from walkthrough.bundle import package_data

        if self.editable_mode:
            package_data.build(PROJECT)
            return
        lib = Path(self.build_lib)
        for folder in (package_data.SIMULATOR_DATA, package_data.WALKTHROUGH_DATA):
            shutil.rmtree(lib / folder, ignore_errors=True)  # a previous build's leftovers
        package_data.build(PROJECT, lib)


setup(cmdclass={"build_py": build_py_with_data})
