"""`mkdocs serve --dirty`: rebuild only the generated files whose content changed.

Why: MkDocs' dirty mode rebuilds what `File.is_modified()` reports, and it reports every
in-memory file as modified, so every okrsite page was rebuilt after any edit. A portal file
made with the same content as in the previous build of this process (and with the same
navigation, which every page shows) now says it is unchanged.

Material's search index needs a repair in this mode: it keeps the previous index and replaces
the entries of the *first* rebuilt page only (a page at the site root even drops all others).
Before it writes the index, the entries of every page not rebuilt are taken from the previous
index and this build's entries are added to them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from okrsite.artifacts import Artifact
from okrsite.mkdocs_plugin.page_cache.search import material_search_plugin


class PortalFile(File):
    """A generated file that knows whether it is the same as in this process's last build."""

    unchanged: bool = False

    def is_modified(self) -> bool:
        return not (self.unchanged and os.path.isfile(self.abs_dest_path))


class ChangedFiles:
    """What the last build of this process generated, to compare the next one with."""

    def __init__(self) -> None:
        self._contents: dict[str, str | bytes] = {}
        self._nav: Any = None

    def mark(self, artifacts: Iterable[Artifact], files: Files, nav: Any) -> int:
        """Mark the portal files made exactly as last time (none when the nav changed); the
        number of files that changed."""
        previous, same_nav = self._contents, nav == self._nav
        self._contents, self._nav = {}, nav
        changed = 0
        for artifact in artifacts:
            file = files.get_file_from_path(artifact.path)
            content, before = artifact.content, previous.get(artifact.path)
            if isinstance(file, PortalFile):
                file.unchanged = same_nav and (before is content or before == content)
                changed += not file.unchanged
            self._contents[artifact.path] = content
        return changed


def repair_search_index(config: MkDocsConfig, rebuilt_urls: set[str]) -> None:
    """Make Material's dirty-mode search index whole: old entries of pages not rebuilt, then
    the new ones. Leaves the index alone if the search plugin is not Material's."""
    plugin = material_search_plugin(config)
    previous = getattr(plugin, "search_index_prev", None)
    if plugin is None or previous is None:
        return
    kept = [
        entry
        for entry in getattr(previous, "entries", [])
        if str(entry.get("location", "")).split("#", 1)[0] not in rebuilt_urls
    ]
    plugin.search_index.entries[:0] = kept
    plugin.search_index_prev = None
