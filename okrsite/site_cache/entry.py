"""One rendered portal as one file: `<key>.marshal` in the cache folder, the newest one only.

marshal, not pickle: loading it builds plain values (text, bytes, numbers, lists) and can run no
code. A checksum guards it, so a file cut short or damaged on disk is a miss, never a crash or a
wrong site; it is written to a temporary file and renamed into place, so builds sharing the
folder see a whole entry or none.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

from okrsite.artifacts import Artifact
from okrsite.model import Location
from okrsite.problems import Problem, Severity
from okrsite.site_cache.key import FORMAT
from okrsite.site_cache.rendered import PortalFiles, RenderedPortal

SUFFIX = ".marshal"
_MAGIC = f"{FORMAT}\n".encode()
_DIGEST_SIZE = hashlib.sha256().digest_size


def entry_path(folder: Path, key: str) -> Path:
    return folder / f"{key}{SUFFIX}"


def read_entry(folder: Path, key: str) -> RenderedPortal | None:
    """The portal stored under `key`, or None when absent, unreadable, damaged or of another
    format (then the caller renders it anew)."""
    try:
        data = entry_path(folder, key).read_bytes()
    except OSError:
        return None
    start = len(_MAGIC) + _DIGEST_SIZE
    payload = memoryview(data)[start:]
    if not data.startswith(_MAGIC) or hashlib.sha256(payload).digest() != data[len(_MAGIC) : start]:
        return None
    try:
        value = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    return _decoded(value, key)


def write_entry(folder: Path, key: str, rendered: RenderedPortal) -> None:
    """Store `rendered` under `key` and remove every older entry; raises OSError."""
    assert rendered.files is not None, "a load stopped by errors is not cached"
    payload = marshal.dumps(
        (
            key,
            [(str(p.location.path), p.location.line, p.location.col, p.severity.value, p.message)
             for p in rendered.problems],
            list(rendered.notices),
            [(artifact.path, artifact.content) for artifact in rendered.files.artifacts],
            rendered.files.nav,
        )
    )  # fmt: skip
    target = entry_path(folder, key)
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(_MAGIC)
            stream.write(hashlib.sha256(payload).digest())
            stream.write(payload)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    for older in folder.glob(f"*{SUFFIX}"):
        if older.name != target.name:
            older.unlink(missing_ok=True)


def _decoded(value: Any, key: str) -> RenderedPortal | None:
    """The stored tuple as a RenderedPortal, or None when its shape is not the one written."""
    if not (isinstance(value, tuple) and len(value) == 5 and value[0] == key):
        return None
    _, problems, notices, artifacts, nav = value
    try:
        found = [
            Problem(Location(path, line, col), Severity(severity), message)
            for path, line, col, severity, message in problems
            if isinstance(path, str) and isinstance(line, int) and isinstance(col, int)
            and isinstance(message, str)
        ]  # fmt: skip
        files = [
            Artifact(path, content)
            for path, content in artifacts
            if isinstance(path, str) and isinstance(content, str | bytes)
        ]
    except (TypeError, ValueError):  # not pairs / quintuples, or an unknown severity
        return None
    well_formed = (
        len(found) == len(problems)
        and len(files) == len(artifacts)
        and isinstance(notices, list)
        and all(isinstance(notice, str) for notice in notices)
        and isinstance(nav, list)
        and all(_is_nav_entry(entry) for entry in nav)
    )
    if not well_formed:
        return None
    return RenderedPortal(found, tuple(notices), PortalFiles(files, nav), key, from_cache=True)


def _is_nav_entry(entry: Any) -> bool:
    if isinstance(entry, str):
        return True
    if not isinstance(entry, dict):
        return False
    return all(
        isinstance(title, str)
        and (isinstance(below, str) or isinstance(below, list) and all(map(_is_nav_entry, below)))
        for title, below in entry.items()
    )
