"""The plugin's logger, on MkDocs' logger tree so `mkdocs build --strict` counts its warnings."""

from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("okrsite")
