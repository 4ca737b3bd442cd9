"""The `okrsite` MkDocs plugin: hooks only; the work is in the core and in this folder's helpers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from okrsite.mkdocs_plugin.build import PortalBuilder
from okrsite.mkdocs_plugin.config import OkrsiteConfig
from okrsite.mkdocs_plugin.dirty import ChangedFiles, keep_theme_pages, repair_search_index
from okrsite.mkdocs_plugin.files import add_artifacts, merged_nav, nav_front_matter
from okrsite.mkdocs_plugin.git_dates import date_generated_page, git_date_plugin
from okrsite.mkdocs_plugin.head import with_feed_link
from okrsite.mkdocs_plugin.log import log
from okrsite.mkdocs_plugin.nav_owners import ActiveNavOwner, nav_owner
from okrsite.mkdocs_plugin.neighbours import refuse_unsupported
from okrsite.mkdocs_plugin.page_cache import PageCache
from okrsite.mkdocs_plugin.raw_html import (
    SEARCH_MARKS,
    HiddenHtml,
    hide_raw_html,
    needs_mkdocs_links,
)
from okrsite.mkdocs_plugin.sections import seat_unlisted_pages
from okrsite.mkdocs_plugin.site_url import warn_without_site_url
from okrsite.render.feed import feed_url
from okrsite.settings import SettingsError, read_settings
from okrsite.site import SCRIPT, STYLESHEETS
from okrsite.urls import SiteUrls


class OkrsitePlugin(BasePlugin[OkrsiteConfig]):  # type: ignore[valid-type]
    def __init__(self) -> None:
        self.builder = PortalBuilder()
        self.generated: set[str] = set()
        self.generated_pages: set[str] = set()
        self.hidden: dict[str, HiddenHtml] = {}
        self.pages = PageCache()
        self.changed = ChangedFiles()
        self.dirty = False
        self.inclusion = InclusionLevel.is_included
        self.page_urls: list[str] = []
        self.rebuilt: set[str] = set()
        self.search_views: dict[str, str | None] = {}
        self.full_content: str | None = None
        self.git_dates: Any | None = None
        self.nav_owner: ActiveNavOwner | None = None

    # Defining both keeps one instance across `mkdocs serve` rebuilds, so the cache survives.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.builder.forget(serving=command == "serve")
        self.dirty = dirty
        # the pages MkDocs builds: `serve` (not `serve --clean`) shows drafts too
        self.inclusion = (
            InclusionLevel.is_in_serve if command == "serve" else InclusionLevel.is_included
        )

    def on_shutdown(self) -> None:
        self.builder.forget()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        self.builder.warm_up(self.settings, self.urls)
        return server

    @event_priority(-50)  # after plugins that change what it reads (offline: directory URLs)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        refuse_unsupported(config)
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
        warn_without_site_url(self.urls)
        self.user_nav = config.nav
        self.nav_owner = nav_owner(config)
        config.watch.append(str(self.settings.content_dir))
        config.extra_css.extend(self.urls.file_url(path) for path in STYLESHEETS)
        config.extra_javascript.append(self.urls.file_url(SCRIPT))
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Load and render before MkDocs empties site_dir: broken content keeps the old site."""
        self.built = self.builder.build(self.settings, self.urls)
        self.git_dates = git_date_plugin(config)
        self.rebuilt = set()
        self.search_views = {}

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        built = self.built
        self.generated = {artifact.path for artifact in built.artifacts}
        self.generated_pages = {artifact.path for artifact in built.artifacts if artifact.is_page}
        if self.nav_owner is None:
            config.nav = merged_nav(self.user_nav, built.nav, files, self.generated, self.urls)
        else:  # it makes the nav; `nav` stays the user's
            for file in self.nav_owner.portal_files(
                config, files, built.nav, self.urls, self.generated
            ):
                files.append(file)
        if self.dirty:
            sources = self.nav_owner.sources(files) if self.nav_owner else ()
            shown = (config.nav, nav_front_matter(built.artifacts, built.nav), sources)
            self.changed.start(config, shown, self.settings.portal.as_of)
            add_artifacts(files, built.artifacts, built.nav, config, self.changed.file)
            self.changed.keep_user_pages(files)
            changed = self.changed.changed()
            log.info(f"{changed} of {len(built.artifacts)} portal files changed (--dirty)")
        else:
            add_artifacts(files, built.artifacts, built.nav, config)
        if self.settings.page_cache:
            reason = self.pages.start(config, self.settings.site.diagrams.cache_dir)
            if reason:
                log.info(reason)
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        if self.dirty:  # after plugins that make the nav again (priority 100: awesome-nav)
            self.changed.refill_remade_pages(files)
        seat_unlisted_pages(nav, files, self.generated_pages, self.urls)
        return nav

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        """Date every page by the as-of date, not the day of the build: MkDocs writes it into
        sitemap.xml and sitemap.xml.gz, which must not change when only the clock did."""
        page.update_date = self.settings.portal.as_of.isoformat()
        self.rebuilt.add(page.url)
        return page

    @event_priority(-100)  # after other plugins' changes to the Markdown
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Generated pages skip Markdown conversion: whole when cached (page_cache/), else their
        HTML blocks (raw_html.py)."""
        uri = page.file.src_uri
        self.hidden.pop(uri, None)
        if uri not in self.generated:
            return markdown
        if self.git_dates is not None:  # its date of the page is in page.meta by now
            date_generated_page(self.git_dates, page, self.settings.portal.as_of)
        if self.pages.reuse_conversion(page, markdown):
            return ""
        swapped = hide_raw_html(markdown)
        if swapped is None or needs_mkdocs_links(swapped[0]):
            self.pages.forget(page)
        if swapped is None:
            return markdown
        self.hidden[uri] = swapped[1]
        return swapped[0]

    @event_priority(100)  # before other plugins read the HTML
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        reused = self.pages.reused_conversion(page)
        if reused is not None:
            return reused
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
        self.pages.record_conversion(page, restored)
        if hidden.has_quiet():
            self.search_views[page.file.src_uri] = hidden.restore(html, quiet=True)
        return restored

    def on_env(
        self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        built = [f.page for f in files.documentation_pages(inclusion=self.inclusion) if f.page]
        self.page_urls = [page.url for page in built]  # the order pages are built in
        pages = [page for page in built if page.file.src_uri in self.generated]
        self.pages.plan_replays(env, self.nav, pages)
        if self.dirty and self.changed.same_pages:
            keep_theme_pages(config, files, self.generated)
        return env

    @event_priority(50)  # before the search plugin indexes the page
    def _show_search_view(
        self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> Any:
        """Search sees the page without the parts it should not index, not even to parse them
        (okrsite/render/pages/search_quiet.py)."""
        view = self.search_views.pop(page.file.src_uri, None)
        if view is not None:
            self.full_content = page.content
            page.content = view
        return context

    @event_priority(-100)  # after search has indexed the page
    def _show_whole_page(
        self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> Any:
        if self.full_content is not None:  # without the marks, as search leaves what it read
            page.content, self.full_content = SEARCH_MARKS.sub("", self.full_content), None
        self.pages.replay_context(page, context)
        return context

    on_page_context = CombinedEvent(_show_search_view, _show_whole_page)

    @event_priority(100)  # the shell as the theme made it, before any plugin changes it
    def _record_shell(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        self.pages.record_shell(page, output)
        return output

    def _add_feed_link(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Every page's head announces the updates feed, so readers can subscribe anywhere."""
        return with_feed_link(output, self.urls, page.url, feed_url(self.urls), config.site_name)

    on_post_page = CombinedEvent(_record_shell, _add_feed_link)

    @event_priority(10)  # before the search plugin writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.dirty:
            repair_search_index(config, self.rebuilt, self.page_urls)
        summary = self.pages.finish(self.generated_pages)
        if summary:
            log.info(summary)

    def on_build_error(self, *, error: Exception) -> None:
        self.pages.abandon()
