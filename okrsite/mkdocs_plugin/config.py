"""The `okrsite` plugin's settings in mkdocs.yml (documented in README, "Plugin settings")."""

from __future__ import annotations

from datetime import date

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from okrsite.model import Visibility


class OkrsiteConfig(Config):
    content = c.Dir(exists=False, default="content")
    prefix = c.Type(str, default="")
    as_of = c.Optional(c.Type((str, date)))
    on_track = c.Type((int, float), default=0.10)
    at_risk = c.Type((int, float), default=0.25)
    visibility = c.Choice([v.value for v in Visibility], default=Visibility.INTERNAL.value)
