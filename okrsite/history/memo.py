"""The history last read, reused while git says nothing it depends on has changed.

Under `mkdocs serve` every save reloads the portal, but a save does not commit: the history is
the same as before. Reading it again costs seconds with hundreds of commits; asking git
whether anything changed costs two small `git` processes. A process that reads history once
gains nothing, so a memo is opt-in, kept by whoever reloads.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from okrsite.history.read import History, read_history
from okrsite.history.state import GitStateUnknown, git_state

_Key = tuple[str, int, date | None, str]  # content folder, max_commits, since, git state


class HistoryMemo:
    """One history and what identifies it; a different folder, bound or git state reads anew."""

    def __init__(self) -> None:
        self._key: _Key | None = None
        self._history = History()

    def read(self, content_dir: Path, *, max_commits: int, since: date | None) -> History:
        """What `read_history` returns; without reading the commits when git is unchanged."""
        try:
            state = git_state(content_dir)  # before reading: a commit in between reads again
        except GitStateUnknown:
            return read_history(content_dir, max_commits=max_commits, since=since)
        key = (os.path.abspath(content_dir), max_commits, since, state)
        if key != self._key:
            self._history = read_history(content_dir, max_commits=max_commits, since=since)
            self._key = key
        return self._history
