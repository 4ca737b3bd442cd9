"""Material's search index, told to take a cached page's entries instead of parsing its HTML.

Why: Material's search plugin runs `html.parser` over every page in every build, much of a warm
build's CPU on a large portal. Its entries for a page are plain dicts made from
the page's HTML, table of contents, address, title and meta, all covered by the page's content
key, so they are recorded once and appended again when the key matches. This leans on two
attributes of Material's `SearchIndex` (`okrsite/mkdocs_plugin/internals.py`); if they are
missing, pages are indexed the ordinary way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mkdocs.structure.pages import Page

Entries = list[dict[str, Any]]


class SearchEntries:
    """Wraps one build's search index; `cached` answers for pages whose entries are known."""

    def __init__(self, index: Any, cached: Callable[[Page], Entries | None],
                 made: Callable[[Page, Entries], None]) -> None:  # fmt: skip
        self._index = index
        self._parse = index.add_entry_from_context
        self._cached = cached
        self._made = made
        index.add_entry_from_context = self._add

    def _add(self, page: Page) -> None:
        known = self._cached(page)
        if known is not None:
            self._index.entries.extend(dict(entry) for entry in known)
            return
        before = len(self._index.entries)
        self._parse(page)
        self._made(page, [dict(entry) for entry in self._index.entries[before:]])
