"""What each content file said at the previous load, reused for files whose bytes are unchanged.

`mkdocs serve` reloads the whole content after every save, but a save changes one file: reading
the other files again (YAML, then each document against its record) was 85% of a reload at
bench size M (0.82 s of 0.98 s; a reload with the memo takes 0.16 s). A file's reading depends
only on its bytes and the path its messages show, so both must match for a reuse; bytes are
compared by SHA-256 (2 ms for 3 MB), so no copy of the content is kept.

A memo is opt-in: keeping the drafts costs memory (28 MB at 4,000 key results) and passes of the
garbage collector over them, which a process that loads once would pay for nothing (keeping the
parsed YAML made one load of size L plus one collection 3.4 s slower: 12.6 s to 16.0 s). Only
the files of the latest load are kept, so a deleted, renamed or edited file's old reading is
dropped at once. The drafts are shared between loads: validating only reads them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from okrsite.load.content_file import FileRead, read_content_file
from okrsite.problems import Problem

if TYPE_CHECKING:
    from okrsite.validate.documents import Draft


@dataclass(frozen=True, slots=True)
class _Read:
    digest: bytes
    drafts: tuple[Draft, ...]
    problems: tuple[Problem, ...]


class FileMemo:
    """Per shown path, the digest of the bytes read there and what reading them gave."""

    def __init__(self) -> None:
        self._latest: dict[str, _Read] = {}

    @contextmanager
    def load(self) -> Iterator[Callable[[bytes, str], FileRead]]:
        """A file reader for one load; when the load ends, the files it read replace the memo.

        Each load fills its own dict and swaps it in whole, so two loads in different threads
        never see half of the other's entries.
        """
        before = self._latest
        seen: dict[str, _Read] = {}

        def read(raw: bytes, shown: str) -> FileRead:
            digest = hashlib.sha256(raw).digest()
            found = before.get(shown)
            if found is None or found.digest != digest:
                drafts, problems = read_content_file(raw, shown)
                found = _Read(digest, tuple(drafts), tuple(problems))
            seen[shown] = found
            return list(found.drafts), list(found.problems)

        yield read
        self._latest = seen
