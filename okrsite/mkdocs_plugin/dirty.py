"""`mkdocs serve --dirty`: rebuild only the generated files whose content changed.

Why: MkDocs' dirty mode rebuilds what `File.is_modified()` reports, and it reports every
in-memory file as modified, so every okrsite page was rebuilt after any edit. A portal file
made with the same content as in the previous build of this process (and with the same
navigation, which every page shows) now says it is unchanged, and is the same object.

Material's search index needs a repair in this mode: it keeps the previous index and replaces
the entries of the *first* rebuilt page only (a page at the site root even drops all others).
Before it writes the index, it is put together page by page as a full build orders it: this
build's entries for the pages rebuilt, the previous index's for the others.
"""

from __future__ import annotations

import os
from datetime import date
from typing import Any, cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from okrsite.artifacts import Artifact
from okrsite.mkdocs_plugin.internals import (
    forget_previous_search_index,
    keeps_rendered_title,
    material_search_plugin,
    previous_search_index,
    rendered_title,
    restore_rendered_title,
    static_templates,
)
from okrsite.mkdocs_plugin.page_cache.keys import build_fingerprint


class PortalFile(File):
    """A generated file that knows whether it is the same as in this process's last build."""

    unchanged: bool = False

    def is_modified(self) -> bool:
        return not (self.unchanged and os.path.isfile(self.abs_dest_path))


def portal_file(config: MkDocsConfig, artifact: Artifact, inclusion: InclusionLevel) -> PortalFile:
    """The artifact as a new file of the build (MkDocs' `generated` types it as a `File`)."""
    made = PortalFile.generated(
        config, artifact.path, content=artifact.content, inclusion=inclusion
    )
    return cast(PortalFile, made)


class ChangedFiles:
    """What the last build of this process generated, to compare the next one with.

    A file made exactly as last time is handed to MkDocs again as the same `PortalFile`, with
    the `Page` MkDocs attached to it: at thousands of files, making them again (paths, URLs,
    canonical URLs) cost every rebuild a quarter of a second. That is only done when the
    navigation, the configuration and the theme (`build_fingerprint`) are as last time; else
    every file is new and every page is built again, theme changes included.
    """

    def __init__(self) -> None:
        self._files: dict[str, tuple[str | bytes, PortalFile]] = {}
        self._before: dict[str, tuple[str | bytes, PortalFile]] = {}
        self._frame: tuple[Any, ...] | None = None
        self._user_files: dict[str, File] = {}
        self.same_frame = False  # this build's nav, configuration and theme are the last one's
        self.new_frame = False  # ... or a rebuild's, different from the last build's
        self.same_pages = False  # ... and the same files, portal's and user's (`keep_user_pages`)
        self._read_pages: dict[str, Page] = {}  # the pages this build will not read again

    def start(self, config: MkDocsConfig, nav: Any, as_of: date) -> None:
        """A build with this config and nav (with the titles it shows) starts; `as_of` dates
        every generated page."""
        frame = (nav, as_of, build_fingerprint(config), *map(config.get, _NOT_PRINTED))
        self.same_frame = frame == self._frame
        self.new_frame = self._frame is not None and not self.same_frame
        self._before = self._files if self.same_frame else {}
        self._files, self._frame = {}, frame

    def file(
        self, config: MkDocsConfig, artifact: Artifact, inclusion: InclusionLevel
    ) -> PortalFile:
        """The artifact as a file of this build: last build's, when made the same."""
        content = artifact.content
        before = self._before.get(artifact.path)
        if before is not None and (before[0] is content or before[0] == content):
            file = before[1]
            file.unchanged = True
        else:
            file = portal_file(config, artifact, inclusion)
        self._files[artifact.path] = (content, file)
        return file

    def changed(self) -> int:
        """How many files of this build are new or changed."""
        return sum(not file.unchanged for _, file in self._files.values())

    def keep_user_pages(self, files: Files) -> None:
        """The user's own pages that MkDocs will not read again (unmodified) keep the `Page`
        they had, with the title and meta read last time: else the navigation of every page
        rebuilt shows them untitled ("None"), which MkDocs' dirty mode accepts and a full
        build never shows.

        In a rebuild whose navigation, configuration or theme changed (`new_frame`: a template
        override edited under `--watch-theme`), every page of the user is built again, as a
        full build would show it: its last output is dated to the epoch, so MkDocs sees it as
        older than its source."""
        before, self._user_files = self._user_files if self.same_frame else {}, {}
        for file in files.documentation_pages():
            if isinstance(file, PortalFile):
                continue
            if self.new_frame and os.path.isfile(file.abs_dest_path):
                os.utime(file.abs_dest_path, (0, 0))
            page = before[file.src_uri].page if file.src_uri in before else None
            if page is not None and file.page is None and not file.is_modified():
                page.file, file.page = file, page
            self._user_files[file.src_uri] = file
        self.same_pages = self.same_frame and (
            self._user_files.keys() == before.keys() and self._files.keys() == self._before.keys()
        )
        self._read_pages = {
            file.src_uri: file.page
            for file in files.documentation_pages()
            if file.page is not None and file.page.markdown is not None
        }

    def refill_remade_pages(self, files: Files) -> None:
        """Give a page a plugin made again in `on_nav` what the kept one had read, when MkDocs
        will not read its file in this build.

        Why: mkdocs-awesome-nav makes the navigation again and with it a new, unread `Page`
        for every file, dropping the pages `file` and `keep_user_pages` kept; an unread page
        is titled "None" in the navigation of every page rebuilt. What a page of the nav shows
        is refilled: its Markdown and meta (the title is read from them), the title its first
        heading set, and its date (sitemap.xml)."""
        for file in files.documentation_pages():
            kept, page = self._read_pages.get(file.src_uri), file.page
            if kept is None or page is None or page is kept or page.markdown is not None:
                continue
            if file.is_modified():
                continue
            page.markdown, page.meta, page.update_date = kept.markdown, kept.meta, kept.update_date
            if keeps_rendered_title(kept) and keeps_rendered_title(page):
                restore_rendered_title(page, rendered_title(kept))


# what shapes files and pages beside `build_fingerprint` (which leaves out where things run)
_NOT_PRINTED = ("site_dir", "exclude_docs", "draft_docs", "not_in_nav")


def keep_theme_pages(config: MkDocsConfig, files: Files, generated: set[str]) -> None:
    """In a rebuild with the last build's nav, configuration, theme and files (`same_pages`)
    where no page of the user changed either, the theme's own pages (404.html, sitemap.xml and
    its .gz, which show the nav and every page's address) would be written the same: the last
    build's files stay."""
    if any(f.is_modified() for f in files.documentation_pages() if f.src_uri not in generated):
        return
    templates = static_templates(config)
    if templates is None:
        return
    for name in list(templates):
        if os.path.isfile(os.path.join(config.site_dir, name)):
            templates.discard(name)


def repair_search_index(config: MkDocsConfig, rebuilt_urls: set[str], page_urls: list[str]) -> None:
    """Make Material's dirty-mode search index what a full build writes: page by page in
    `page_urls` (the build's order), this build's entries for pages rebuilt, the previous
    build's for the others, none for pages gone. Leaves the index alone if the search plugin
    is not Material's."""
    plugin = material_search_plugin(config)
    previous = None if plugin is None else previous_search_index(plugin)
    if plugin is None or previous is None:
        return
    old, new = _by_page(previous.entries), _by_page(plugin.search_index.entries)
    plugin.search_index.entries = [
        entry for url in page_urls for entry in (new if url in rebuilt_urls else old).get(url, ())
    ]
    forget_previous_search_index(plugin)


def _by_page(entries: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    pages: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        pages.setdefault(str(entry.get("location", "")).split("#", 1)[0], []).append(entry)
    return pages
