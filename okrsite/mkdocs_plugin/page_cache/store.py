"""One SQLite file holding, per generated page, what MkDocs made of it in the last build.

SQLite rather than a file per page: one file to cache in CI, atomic commits (a build that fails
or is killed leaves the previous entries whole), and builds sharing the folder wait for each
other's writes instead of tearing them. A damaged file is set aside and started afresh.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    src_uri TEXT PRIMARY KEY,
    content_key TEXT NOT NULL,
    content BLOB NOT NULL,
    shell_key TEXT,
    shell BLOB
)
"""
_WAIT_SECONDS = 60
_BATCH = 500  # rows written per transaction: short write locks for builds sharing the file


@dataclass
class Converted:
    """A page after Markdown conversion, and the search entries Material made of it."""

    html: str
    toc: list[dict[str, Any]]
    anchors: list[str]
    title_from_render: str | None
    search: list[dict[str, Any]] | None

    def pack(self) -> bytes:
        return zlib.compress(json.dumps(self.__dict__, separators=(",", ":")).encode(), 1)

    @classmethod
    def unpack(cls, blob: bytes) -> Converted:
        return cls(**json.loads(zlib.decompress(blob)))


@dataclass
class Entry:
    content_key: str
    converted: Converted
    shell_key: str | None
    shell: bytes | None  # compressed; unpacked only when replayed


def pack_shell(html: str) -> bytes:
    return zlib.compress(html.encode(), 1)


def unpack_shell(blob: bytes) -> str:
    return zlib.decompress(blob).decode()


class PageStore:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = self._open()
        self._pending: list[tuple[str, str, bytes, str, bytes]] = []

    def _open(self) -> sqlite3.Connection:
        try:
            return self._connect()
        except sqlite3.DatabaseError:
            self.path.replace(self.path.with_suffix(".damaged"))
            return self._connect()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=_WAIT_SECONDS)
        db.execute("PRAGMA journal_mode=WAL")  # readers never wait for a writer
        db.execute(_SCHEMA)
        db.commit()
        return db

    def get(self, src_uri: str) -> Entry | None:
        """The stored entry, or None when there is none or it can't be read (built anew then)."""
        try:
            row = self._db.execute(
                "SELECT content_key, content, shell_key, shell FROM pages WHERE src_uri = ?",
                (src_uri,),
            ).fetchone()
            if row is None:
                return None
            return Entry(row[0], Converted.unpack(row[1]), row[2], row[3])
        except (sqlite3.DatabaseError, zlib.error, ValueError, TypeError):
            return None

    def put(self, src_uri: str, key: str, converted: Converted, shell_key: str, shell: str) -> None:
        """Queue an entry; every row is whole on its own, so batches may land in any order."""
        self._pending.append((src_uri, key, converted.pack(), shell_key, pack_shell(shell)))
        if len(self._pending) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        rows, self._pending = self._pending, []
        try:
            self._db.executemany("INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?)", rows)
            self._db.commit()
        except sqlite3.Error:
            self._db.rollback()  # the cache only saves time: a busy or broken file costs a miss

    def commit(self, keep: Iterable[str]) -> None:
        """Store the last entries and drop those of pages the site no longer has."""
        self._flush()
        try:
            self._db.execute("CREATE TEMP TABLE kept (src_uri TEXT PRIMARY KEY)")
            self._db.executemany("INSERT OR IGNORE INTO kept VALUES (?)", ((u,) for u in keep))
            self._db.execute("DELETE FROM pages WHERE src_uri NOT IN (SELECT src_uri FROM kept)")
            self._db.commit()
        except sqlite3.Error:
            self._db.rollback()
        self._db.close()

    def close(self) -> None:
        """After a failed build: what was queued is dropped, nothing is pruned."""
        self._db.close()
