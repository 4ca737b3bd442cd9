"""The `okrsite` MkDocs plugin: hooks only; the work is in the core and in this folder's helpers."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from okrsite.mkdocs_plugin.build import PortalBuilder
from okrsite.mkdocs_plugin.config import OkrsiteConfig
from okrsite.mkdocs_plugin.files import add_artifacts, merged_nav
from okrsite.mkdocs_plugin.head import with_feed_link
from okrsite.mkdocs_plugin.raw_html import HiddenHtml, hide_raw_html
from okrsite.render.feed import feed_url
from okrsite.settings import SettingsError, read_settings
from okrsite.site import SCRIPT, STYLESHEETS
from okrsite.urls import SiteUrls


class OkrsitePlugin(BasePlugin[OkrsiteConfig]):  # type: ignore[valid-type]
    def __init__(self) -> None:
        self.builder = PortalBuilder()
        self.generated: set[str] = set()
        self.hidden: dict[str, HiddenHtml] = {}

    # Defining both keeps one instance across `mkdocs serve` rebuilds, so the cache survives.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.builder.forget()

    def on_shutdown(self) -> None:
        self.builder.forget()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        custom_dir = config.theme.custom_dir
        try:
            self.settings = read_settings(
                {k: v for k, v in self.config.items() if v is not None},
                base_dir=Path(config.config_file_path or ".").resolve().parent,
                override_dir=Path(custom_dir) if custom_dir else None,
                site_name=config.site_name,
            )
        except SettingsError as exc:
            raise PluginError(f"{exc} (in the okrsite entry of mkdocs.yml)") from None
        self.urls = SiteUrls(self.settings.prefix, config.use_directory_urls, config.site_url)
        self.user_nav = config.nav
        config.watch.append(str(self.settings.content_dir))
        config.extra_css.extend(self.urls.file_url(path) for path in STYLESHEETS)
        config.extra_javascript.append(self.urls.file_url(SCRIPT))
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Load and render before MkDocs empties site_dir: broken content keeps the old site."""
        self.built = self.builder.build(self.settings, self.urls)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        built = self.built
        add_artifacts(files, built.artifacts, built.nav, config)
        self.generated = {artifact.path for artifact in built.artifacts}
        config.nav = merged_nav(self.user_nav, built.nav, files, self.generated)
        return files

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        """Date every page by the as-of date, not the day of the build: MkDocs writes it into
        sitemap.xml and sitemap.xml.gz, which must not change when only the clock did."""
        page.update_date = self.settings.portal.as_of.isoformat()
        return page

    @event_priority(-100)  # after other plugins' changes to the Markdown
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Generated pages' HTML blocks skip Markdown conversion (see raw_html.py for why)."""
        self.hidden.pop(page.file.src_uri, None)
        if page.file.src_uri not in self.generated:
            return markdown
        swapped = hide_raw_html(markdown)
        if swapped is None:
            return markdown
        self.hidden[page.file.src_uri] = swapped[1]
        return swapped[0]

    @event_priority(100)  # before other plugins read the HTML
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        hidden = self.hidden.pop(page.file.src_uri, None)
        if hidden is None:
            return html
        restored = hidden.restore(html)
        if restored is None:
            raise PluginError(
                f"okrsite: a Markdown extension changed a placeholder in the generated page "
                f"'{page.file.src_uri}'; please report it with your markdown_extensions"
            )
        if page.present_anchor_ids is not None:
            page.present_anchor_ids |= hidden.anchor_ids()
        return restored

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Every page's head announces the updates feed, so readers can subscribe anywhere."""
        return with_feed_link(output, self.urls, page.url, feed_url(self.urls), config.site_name)
