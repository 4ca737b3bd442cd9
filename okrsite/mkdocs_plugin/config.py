"""The `okrsite` plugin's settings in mkdocs.yml (documented in docs/guide/settings.md).

MkDocs only learns the names here; types, defaults and checks live in `okrsite.settings`, which
`okrsite generate` uses too, so the two engines can never read a setting differently.
"""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from okrsite.settings import SETTING_NAMES

OkrsiteConfig = type(
    "OkrsiteConfig",
    (Config,),
    {name: c.Optional(c.Type(object)) for name in SETTING_NAMES},
)
