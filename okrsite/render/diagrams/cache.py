"""Finished diagrams on disk, keyed by a hash of Graphviz's version and what they are made from.

Entries are written to a temporary file and moved into place with `os.replace`, so a reader
(another build sharing the folder, or this one after a crash) sees a whole entry or none.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from okrsite.render.diagrams.errors import DiagramError

_COMPLETE_ENDING = "</svg>"


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
        try:
            text = self._path(key).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        return text if text.endswith(_COMPLETE_ENDING) else None

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
