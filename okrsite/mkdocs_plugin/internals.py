"""Every attribute of MkDocs, Material or another plugin outside their plugin APIs that okrsite
touches, each behind one function here that says what okrsite does when a version lacks it.

Why: such attributes can change in any release. Keeping them in one module makes the list
short to review when pyproject.toml's upper bounds are raised, and `tests/test_internals.py`
checks each one behaves as relied on with the installed versions (`make test` runs it with the
newest allowed, `make test-lowest` with the oldest). Every fallback keeps the site correct and
costs only time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page


@dataclass(frozen=True)
class Internal:
    """One attribute okrsite relies on, where, and what happens without it."""

    library: str
    attribute: str
    used_by: str
    fallback: str


INTERNALS = (
    Internal(
        "mkdocs",
        "Page._title_from_render",
        "page cache: a reused conversion gives the page back the title its first heading set",
        "the page is converted as usual in every build (not cached)",
    ),
    Internal(
        "mkdocs",
        "Theme.static_templates",
        "serve --dirty: the 404 page and sitemap are not written again when nothing they show "
        "changed",
        "they are written in every rebuild, as MkDocs does",
    ),
    Internal(
        "mkdocs-material",
        "SearchPlugin.search_index, SearchIndex.entries / add_entry_from_context",
        "page cache: a cached page's search entries are appended instead of parsing its HTML",
        "every page is indexed by Material as usual",
    ),
    Internal(
        "mkdocs-material",
        "SearchPlugin.search_index_prev",
        "serve --dirty: the search index is put together as a full build writes it",
        "the index is left as Material's dirty mode makes it",
    ),
    Internal(
        "mkdocs-git-revision-date-localized-plugin",
        "GitRevisionDateLocalizedPlugin.util.get_date_formats_for_timestamp",
        "generated pages show okrsite's date, formatted as the plugin formats a commit's",
        "generated pages show the date the plugin gives them: the day of the build",
    ),
)

_TITLE = "_title_from_render"


def keeps_rendered_title(page: Page) -> bool:
    """Whether this MkDocs keeps the title a page's first heading sets where okrsite can
    read and restore it."""
    return hasattr(page, _TITLE)


def rendered_title(page: Page) -> str | None:
    """The title the page's Markdown set (None: it set none); only when
    `keeps_rendered_title`."""
    title: str | None = getattr(page, _TITLE)
    return title


def restore_rendered_title(page: Page, title: str | None) -> None:
    setattr(page, _TITLE, title)


def static_templates(config: MkDocsConfig) -> set[str] | None:
    """The theme's pages MkDocs renders after the documentation pages (404.html, sitemap.xml);
    None when this MkDocs keeps them elsewhere."""
    templates = getattr(config.theme, "static_templates", None)
    return templates if isinstance(templates, set) else None


def material_search_plugin(config: MkDocsConfig) -> Any | None:
    """This build's search plugin if it is Material's, enabled, and its index has the
    `entries` list and `add_entry_from_context` method okrsite relies on."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if (
            index is not None
            and isinstance(getattr(index, "entries", None), list)
            and callable(getattr(index, "add_entry_from_context", None))
            and getattr(getattr(plugin, "config", None), "enabled", True)
        ):
            return plugin
    return None


def previous_search_index(plugin: Any) -> Any | None:
    """The index of the last build that Material's dirty mode merges into this one's, if any."""
    previous = getattr(plugin, "search_index_prev", None)
    return previous if isinstance(getattr(previous, "entries", None), list) else None


def forget_previous_search_index(plugin: Any) -> None:
    """Stop Material from merging the last build's index into the one okrsite put together."""
    plugin.search_index_prev = None


def git_date_formats(
    plugin: Any, timestamp: int, locale: str, *, spans: bool
) -> dict[str, str] | None:
    """The date variants (`date`, `iso_date`, `timeago`, ...) mkdocs-git-revision-date-localized
    makes of a commit's timestamp, with its own settings (format, time zone); None when this
    version has no such method or makes something else of it."""
    made = getattr(getattr(plugin, "util", None), "get_date_formats_for_timestamp", None)
    if not callable(made):
        return None
    try:
        formats = made(timestamp, locale=locale, add_spans=spans)
    except (TypeError, ValueError, LookupError):
        return None
    if not isinstance(formats, dict) or not all(isinstance(v, str) for v in formats.values()):
        return None
    kind = plugin.config.get("type")
    return formats if kind in formats and "iso_date" in formats else None
