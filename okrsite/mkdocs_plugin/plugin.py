"""The `okrsite` MkDocs plugin: hooks only; the work is in the core and in this folder's helpers."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files

from okrsite.compute.as_of import AsOfError, resolve_as_of
from okrsite.compute.progress import Thresholds
from okrsite.mkdocs_plugin.build import PortalBuilder
from okrsite.mkdocs_plugin.config import OkrsiteConfig
from okrsite.mkdocs_plugin.files import add_artifacts, merged_nav
from okrsite.model import Visibility
from okrsite.site import SCRIPT, STYLESHEET, PortalSettings, SiteOptions
from okrsite.urls import SiteUrls


class OkrsitePlugin(BasePlugin[OkrsiteConfig]):
    def __init__(self) -> None:
        self.builder = PortalBuilder()

    # Defining both keeps one instance across `mkdocs serve` rebuilds, so the cache survives.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.builder.forget()

    def on_shutdown(self) -> None:
        self.builder.forget()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not 0 <= self.config.on_track <= self.config.at_risk:
            raise PluginError("okrsite: thresholds need 0 <= on_track <= at_risk in mkdocs.yml")
        try:
            as_of = resolve_as_of(self.config.as_of)
        except AsOfError as exc:
            raise PluginError(f"okrsite: {exc} (plugin setting as_of)") from None
        self.settings = PortalSettings(
            as_of=as_of,
            visibility=Visibility(self.config.visibility),
            thresholds=Thresholds(self.config.on_track, self.config.at_risk),
        )
        self.urls = SiteUrls(self.config.prefix, config.use_directory_urls, config.site_url)
        custom_dir = config.theme.custom_dir
        self.options = SiteOptions(override_dir=Path(custom_dir) if custom_dir else None)
        self.user_nav = config.nav
        config.watch.append(self.config.content)
        config.extra_css.append(self.urls.file_url(STYLESHEET))
        config.extra_javascript.append(self.urls.file_url(SCRIPT))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        built = self.builder.build(
            Path(self.config.content), self.settings, self.urls, self.options
        )
        add_artifacts(files, built.artifacts, built.nav, config)
        generated = {artifact.path for artifact in built.artifacts}
        config.nav = merged_nav(self.user_nav, built.nav, files, generated)
        return files
