"""Options of the ``ssp-learn`` MkDocs plugin."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class LearnPluginConfig(Config):  # type: ignore[no-untyped-call]
    enabled = opt.Type(bool, default=True)
