"""The ``ssp-kit`` plugin's hooks run where they must among the site's plugins."""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.utils.yaml import yaml_load

from walkthrough.plugin.plugin import SspKitPlugin

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("first", [False, True], ids=["as-configured", "listed-first"])
def test_the_content_security_policy_comes_after_every_other_plugin_changed_the_page(
    first: bool,
) -> None:
    """The policy hashes the page's final inline scripts: whatever the plugins' order in
    mkdocs.yml, ``on_post_page`` runs after every other plugin's."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    path = ROOT / "mkdocs.yml"
    with path.open(encoding="utf-8") as file:
        plugins = yaml_load(file)["plugins"]
    if first:
        plugins = sorted(plugins, key=lambda plugin: plugin != "ssp-kit")
    config = load_config(str(path), plugins=plugins)
    hooks = config.plugins.events["post_page"]
    assert len(hooks) > 1
    owners = [type(getattr(hook, "__self__", None)) for hook in hooks]
    assert owners[-1] is SspKitPlugin and owners.count(SspKitPlugin) == 1


def test_the_plugin_docstring_lists_exactly_the_hooks_it_has() -> None:
    doc = importlib.import_module(SspKitPlugin.__module__).__doc__ or ""
    listed = {line.split()[0] for line in doc.splitlines() if line.startswith("on_")}
    defined = {name for name in vars(SspKitPlugin) if name.startswith("on_")}
    assert listed == defined
