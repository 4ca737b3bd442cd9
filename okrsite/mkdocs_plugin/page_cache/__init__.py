"""Reuse what MkDocs made of a generated page in an earlier build when none of its inputs changed.

Why: at thousands of pages MkDocs' own per-page work decides the build time: Python-Markdown,
Material's search indexing (`html.parser` over every page) and Material's page shell with the
whole navigation; okrsite's share is small (issue 10). For a generated page each step is a pure
function of inputs this package fingerprints:

- conversion (HTML, table of contents, anchor ids) and search entries: the page's Markdown,
  address, title and meta, the configuration, theme files in custom_dir, installed versions;
- the finished page shell: all that plus the navigation, the neighbouring pages and the page's
  dates and addresses.

When a fingerprint matches, the stored result is used (conversion is skipped by handing
Python-Markdown an empty page; the shell by a one-line template that prints the stored HTML);
otherwise the page is built as usual and recorded. Plugins' later hooks still run on the
reused results, and the written site is byte for byte what a build without the cache writes
(tests compare whole sites).

Only when every plugin is one whose effect on pages is known and there are no hooks: any other
plugin may change pages in ways no fingerprint here can see. Known (`KNOWN_PLUGINS`, each read
in its source; tests/test_handbook_plugins.py builds each with and without the cache):
search and okrsite; plugins whose effect on a generated page lands in what the keys cover
before they are computed (the configuration: offline turns directory URLs off; `page.meta`:
meta's `.meta.yml` values, git-revision-date-localized's dates, which okrsite sets from the
content's own, `git_dates.py`; the navigation: blog's sections and awesome-nav's whole nav,
and nothing else of a page that is not its own); plugins that only rework the written HTML
after the shell is recorded (`on_post_page` after okrsite's priority 100: minify, privacy) or
write other files (redirects). Not tags: a page's tag links lead to listing pages elsewhere,
which no key covers.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc

from okrsite.mkdocs_plugin.internals import (
    keeps_rendered_title,
    material_search_plugin,
    rendered_title,
    restore_rendered_title,
)
from okrsite.mkdocs_plugin.page_cache.keys import (
    build_fingerprint,
    digest,
    nav_fingerprint,
    shell_fingerprint,
    stable,
)
from okrsite.mkdocs_plugin.page_cache.search import Entries, SearchEntries
from okrsite.mkdocs_plugin.page_cache.store import Converted, Entry, PageStore, unpack_shell

KNOWN_PLUGINS = frozenset({
    "search", "material/search", "okrsite",
    "offline", "material/offline", "meta", "material/meta", "blog", "material/blog",
    "privacy", "material/privacy", "git-revision-date-localized", "minify", "redirects",
    "awesome-nav",
})  # fmt: skip
REPLAY_TEMPLATE = "okrsite/replay.html"
_REPLAY_VARIABLE = "okrsite_replayed_page"


@dataclass
class _Page:
    """One page's state in this build; what it holds is let go once the page is written."""

    content_key: str
    stored: Entry | None
    markdown: str
    converted: Converted | None = None
    shell_key: str | None = None
    replay: bool = False
    conversion_reused: bool = field(init=False)

    def __post_init__(self) -> None:
        self.conversion_reused = (
            self.stored is not None and self.stored.content_key == self.content_key
        )


class PageCache:
    """One build's view of the cache; `start` opens it, `finish`/`abandon` close it."""

    def __init__(self) -> None:
        self._store: PageStore | None = None
        self._pages: dict[str, _Page] = {}

    def start(self, config: MkDocsConfig, folder: Path) -> str | None:
        """Open the cache for this build; the reason it stays off, if it does."""
        self._pages = {}
        others = sorted(set(config.plugins) - KNOWN_PLUGINS)  # hooks are listed here too
        if others:
            return (
                f"the page cache is off: {', '.join(others)} may change pages in ways okrsite "
                "can't see (set `page_cache: false` to say so and silence this line)"
            )
        self._build = build_fingerprint(config)
        path = folder / "pages.sqlite"
        try:
            self._store = PageStore(path)
        except (OSError, sqlite3.Error) as error:
            return f"the page cache is off: cannot use {path} ({error}); check `cache_dir`"
        search = material_search_plugin(config)
        if search is not None:
            SearchEntries(search.search_index, self._cached_search, self._made_search)
        return None

    # conversion -----------------------------------------------------------------------------
    def reuse_conversion(self, page: Page, markdown: str) -> bool:
        """Look the page up; True when its stored conversion fits (convert nothing then)."""
        if self._store is None or not keeps_rendered_title(page):
            return False
        uri = page.file.src_uri
        key = digest(self._build, uri, page.url, page.title, stable(page.meta), markdown)
        state = _Page(key, self._store.get(uri), markdown)
        self._pages[uri] = state
        return state.conversion_reused

    def reused_conversion(self, page: Page) -> str | None:
        """The stored HTML; the Markdown, table of contents and anchors go back on the page."""
        state = self._pages.get(page.file.src_uri)
        if state is None or not state.conversion_reused or state.stored is None:
            return None
        converted = state.converted = state.stored.converted
        page.markdown = state.markdown
        page.toc = get_toc(converted.toc)  # type: ignore[arg-type]
        page.present_anchor_ids = set(converted.anchors)
        restore_rendered_title(page, converted.title_from_render)
        return converted.html

    def record_conversion(self, page: Page, html: str) -> None:
        state = self._pages.get(page.file.src_uri)
        if state is None:
            return
        state.converted = Converted(
            html=html,
            toc=[_token(link) for link in page.toc],
            anchors=sorted(page.present_anchor_ids or ()),
            title_from_render=rendered_title(page),
            search=None,
        )

    def forget(self, page: Page) -> None:
        """A page that can't be cached (its Markdown needs MkDocs' link handling)."""
        self._pages.pop(page.file.src_uri, None)

    # search -----------------------------------------------------------------------------------
    def _cached_search(self, page: Page) -> Entries | None:
        state = self._pages.get(page.file.src_uri)
        if state is None or not state.conversion_reused or state.converted is None:
            return None
        return state.converted.search

    def _made_search(self, page: Page, entries: Entries) -> None:
        state = self._pages.get(page.file.src_uri)
        if state is not None and state.converted is not None:
            state.converted.search = entries

    # the page shell ---------------------------------------------------------------------------
    def plan_replays(self, env: jinja2.Environment, nav: Navigation, pages: list[Page]) -> None:
        """Once every page is read: mark the pages whose stored shell still fits."""
        if self._store is None:
            return
        navigation = nav_fingerprint(nav)
        for page in pages:
            state = self._pages.get(page.file.src_uri)
            if state is None or state.converted is None:
                continue
            state.shell_key = digest(state.content_key, navigation, shell_fingerprint(page))
            stored = state.stored
            if state.conversion_reused and stored and stored.shell_key == state.shell_key:
                state.replay = True
                page.meta["template"] = REPLAY_TEMPLATE
        replay = jinja2.DictLoader({REPLAY_TEMPLATE: f"{{{{ {_REPLAY_VARIABLE}|safe }}}}"})
        env.loader = jinja2.ChoiceLoader([replay, *([env.loader] if env.loader else [])])

    def replay_context(self, page: Page, context: Any) -> None:
        state = self._pages.get(page.file.src_uri)
        if state is not None and state.replay and state.stored and state.stored.shell:
            context[_REPLAY_VARIABLE] = unpack_shell(state.stored.shell)

    def record_shell(self, page: Page, output: str) -> None:
        """Store the page as the theme made it, then let go of what this page held (at
        64,000 pages that is gigabytes)."""
        state = self._pages.get(page.file.src_uri)
        if state is None:
            return
        if self._store and not state.replay and state.converted and state.shell_key is not None:
            self._store.put(page.file.src_uri, state.content_key, state.converted,
                            state.shell_key, output)  # fmt: skip
        if state.replay:  # the meta as the page has it: `mkdocs serve --dirty` keeps pages
            page.meta.pop("template", None)
        state.stored = state.converted = None
        state.markdown = ""

    # the end of a build -----------------------------------------------------------------------
    def finish(self, pages: set[str]) -> str | None:
        """Store what this build made; a line saying how much was reused."""
        if self._store is None:
            return None
        self._store.commit(pages)
        self._store = None
        states = self._pages.values()
        return (
            f"page cache: {sum(state.replay for state in states)} of {len(states)} generated "
            f"pages reused whole, {sum(state.conversion_reused for state in states)} conversions "
            "reused"
        )

    def abandon(self) -> None:
        if self._store is not None:
            self._store.close()
        self._store = None


def _token(link: AnchorLink) -> dict[str, Any]:
    return {
        "level": link.level,
        "id": link.id,
        "name": link.title,
        "children": [_token(child) for child in link.children],
    }
