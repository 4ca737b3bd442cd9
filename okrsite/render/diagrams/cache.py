"""Finished diagrams on disk, keyed by a hash of Graphviz's version and what they are made from.

Entries are written to a temporary file and moved into place with `os.replace`, so a reader
(another build sharing the folder, or this one after a crash) sees a whole entry or none.
An entry's date is its last use (refreshed at most daily); at most once a day, entries unused
for `KEEP_DAYS` are deleted, so a folder kept between CI runs does not grow with every edit
(at bench size L it holds 0.3 GB). Builds sharing the folder keep each other's entries alive.
A build killed between writing a temporary file and moving it (SIGKILL cannot be caught)
leaves that file behind; the same daily pass deletes temporary files older than an hour,
which no live writer still holds (an entry takes milliseconds to write).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from pathlib import Path

from okrsite.render.diagrams.errors import DiagramError

_COMPLETE_ENDING = "</svg>"
KEEP_DAYS = 30
_DAY_S = 86_400.0
_ABANDONED_AFTER_S = 3_600.0


def write_atomically(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
                stream.write(text)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise DiagramError(
            f"cannot write the diagram cache at {path.parent}: {error.strerror or error}; "
            "choose a writable folder with the `cache_dir` setting"
        ) from None


def _mark_used(path: Path) -> None:
    """Date the entry by this use, at most once a day (a write per entry per build is waste)."""
    now = time.time()
    if now - path.stat().st_mtime > _DAY_S:
        os.utime(path, (now, now))


def _expired(name: str, modified: float, now: float) -> bool:
    if name.endswith(".svg"):
        return modified < now - KEEP_DAYS * _DAY_S
    return name.startswith(".") and name.endswith(".tmp") and modified < now - _ABANDONED_AFTER_S


class RenderCache:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    @staticmethod
    def key(graphviz_version: str, fingerprint: str) -> str:
        return hashlib.sha256(f"{graphviz_version}\n{fingerprint}".encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / f"{key}.svg"

    def get(self, key: str) -> str | None:
        """The stored SVG, or None when absent, unreadable or cut short (then it is drawn anew)."""
        path = self._path(key)
        try:
            text = path.read_text(encoding="utf-8")
            _mark_used(path)
        except (OSError, UnicodeDecodeError):
            return None
        return text if text.endswith(_COMPLETE_ENDING) else None

    def prune(self, now: float | None = None) -> int:
        """Delete the entries unused for KEEP_DAYS and abandoned temporary files, if no build
        did so in the last day; how many. A folder that cannot be read or changed is left as
        it is."""
        now = time.time() if now is None else now
        stamp = self.directory / "pruned"
        try:
            if now - stamp.stat().st_mtime < _DAY_S:
                return 0
        except OSError:
            pass
        removed = 0
        try:
            with os.scandir(self.directory) as entries:
                for entry in entries:
                    if _expired(entry.name, entry.stat().st_mtime, now):
                        os.unlink(entry.path)
                        removed += 1
            stamp.touch()
            os.utime(stamp, (now, now))
        except OSError:
            pass
        return removed

    def put(self, key: str, svg: str) -> None:
        write_atomically(self._path(key), svg)

    # Graphviz's version, remembered per `dot` binary so a warm build need not ask `dot -V` ---
    @property
    def _stamp_path(self) -> Path:
        return self.directory / "graphviz-version.json"

    def stamped_version(self, binary: dict[str, str | int]) -> str | None:
        try:
            stamp = json.loads(self._stamp_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(stamp, dict) or stamp.get("binary") != binary:
            return None
        version = stamp.get("version")
        return version if isinstance(version, str) else None

    def stamp_version(self, binary: dict[str, str | int], version: str) -> None:
        stamp = {"binary": binary, "version": version}
        write_atomically(self._stamp_path, json.dumps(stamp, indent=1, sort_keys=True) + "\n")
