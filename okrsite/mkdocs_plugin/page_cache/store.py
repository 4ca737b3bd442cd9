"""One SQLite file holding, per generated page, what MkDocs made of it in the last build.

SQLite rather than a file per page: one file to cache in CI, atomic commits (a build that fails
or is killed leaves the previous entries whole), and builds sharing the folder wait for each
other's writes instead of tearing them. A damaged file is set aside and started afresh.
"""

from __future__ import annotations

import json
import queue
import sqlite3
import threading
import zlib
from collections.abc import Callable, Iterable
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

    def json_bytes(self) -> bytes:
        """What `unpack` reads once compressed with zlib."""
        return json.dumps(self.__dict__, separators=(",", ":")).encode()

    @classmethod
    def unpack(cls, blob: bytes) -> Converted:
        return cls(**json.loads(zlib.decompress(blob)))


@dataclass
class Entry:
    content_key: str
    converted: Converted
    shell_key: str | None
    shell: bytes | None  # compressed; unpacked only when replayed


def unpack_shell(blob: bytes) -> str:
    return zlib.decompress(blob).decode()


class PageStore:
    """Reads in the build's thread; writes in a thread of their own (`_Writer`)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = self._open()
        self._writer = _Writer(self._connect)

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
        self._writer.queue(src_uri, key, converted.json_bytes(), shell_key, shell.encode())

    def commit(self, keep: Iterable[str]) -> None:
        """Store the last entries and drop those of pages the site no longer has."""
        self._writer.finish(set(keep))
        self._db.close()

    def close(self) -> None:
        """After a failed build: what was queued is dropped, nothing is pruned."""
        self._writer.finish(None)
        self._db.close()


_Row = tuple[str, str, bytes, str, bytes]


class _Writer:
    """Compresses and writes queued rows in a thread: zlib and SQLite let go of the GIL while
    they work, so that part of a cold build runs beside MkDocs on a second core instead of in
    front of it (the JSON is made in the build's thread: the GIL)."""

    def __init__(self, connect: Callable[[], sqlite3.Connection]) -> None:
        self._rows: queue.SimpleQueue[_Row | None] = queue.SimpleQueue()
        self._connect = connect
        self._keep: set[str] | None = None
        self._drop = False
        self._thread = threading.Thread(target=self._run, name="okrsite-page-cache", daemon=True)
        self._thread.start()

    def queue(self, *row: Any) -> None:
        self._rows.put(row)

    def finish(self, keep: set[str] | None) -> None:
        """Write every queued row, then drop the rows of pages not in `keep`; with None, drop
        what is still queued instead and prune nothing (a failed build). Returns when done."""
        self._keep, self._drop = keep, keep is None
        self._rows.put(None)
        self._thread.join()

    def _run(self) -> None:
        try:
            db = self._connect()  # SQLite connections belong to the thread that opened them
        except sqlite3.Error:
            db = None
        batch: list[_Row] = []
        while (row := self._rows.get()) is not None:
            if db is None or self._drop:
                continue
            src_uri, key, converted, shell_key, shell = row
            packed = (zlib.compress(converted, 1), zlib.compress(shell, 1))
            batch.append((src_uri, key, packed[0], shell_key, packed[1]))
            if len(batch) >= _BATCH:
                self._write(db, batch)
                batch = []
        if db is None:
            return
        if batch and not self._drop:
            self._write(db, batch)
        if self._keep is not None:
            self._prune(db, self._keep)
        db.close()

    @staticmethod
    def _prune(db: sqlite3.Connection, keep: set[str]) -> None:
        try:
            db.execute("CREATE TEMP TABLE kept (src_uri TEXT PRIMARY KEY)")
            db.executemany("INSERT OR IGNORE INTO kept VALUES (?)", ((u,) for u in keep))
            db.execute("DELETE FROM pages WHERE src_uri NOT IN (SELECT src_uri FROM kept)")
            db.commit()
        except sqlite3.Error:
            db.rollback()

    @staticmethod
    def _write(db: sqlite3.Connection, rows: list[_Row]) -> None:
        try:
            db.executemany("INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?)", rows)
            db.commit()
        except sqlite3.Error:
            db.rollback()  # the cache only saves time: a busy or broken file costs a miss
