"""One rendered portal as one file: `<key>.marshal` in the cache folder, the newest one only.

marshal, not pickle: loading it builds plain values (text, bytes, numbers, lists) and can run no
code. The file is a header record and then one record per file of the site, each marshalled on
its own behind its length, and a checksum of them all at the end: written and read record by
record, an entry never sits in memory a second time as one block of bytes (790 MB at bench size
M9Q, 9,000 objectives). A file cut short or damaged on disk is a miss, never a crash or a wrong
site; it is written to a temporary file and renamed into place, so builds sharing the folder
see a whole entry or none.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from okrsite.artifacts import Artifact
from okrsite.model import Location
from okrsite.problems import Problem, Severity
from okrsite.site_cache.key import FORMAT
from okrsite.site_cache.rendered import PortalFiles, RenderedPortal

SUFFIX = ".marshal"
_MAGIC = f"{FORMAT}\n".encode()
_DIGEST_SIZE = hashlib.sha256().digest_size
_LENGTH_SIZE = 8  # each record's length, big-endian


def entry_path(folder: Path, key: str) -> Path:
    return folder / f"{key}{SUFFIX}"


def read_entry(folder: Path, key: str) -> RenderedPortal | None:
    """The portal stored under `key`, or None when absent, unreadable, damaged or of another
    format (then the caller renders it anew)."""
    try:
        with entry_path(folder, key).open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size < len(_MAGIC) + _DIGEST_SIZE or stream.read(len(_MAGIC)) != _MAGIC:
                return None
            digest = hashlib.sha256()
            records = _records(stream, size - _DIGEST_SIZE, digest)
            header = next(records, None)
            if not (isinstance(header, tuple) and len(header) == 5 and header[0] == key):
                return None
            _, problems, notices, nav, count = header
            artifacts = list(records)
            if stream.read() != digest.digest() or len(artifacts) != count:
                return None
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return _decoded(problems, notices, nav, artifacts, key)


def _records(stream: BinaryIO, end: int, digest: Any) -> Iterator[Any]:
    """Each record up to byte `end`, hashed into `digest` as it is read; raises ValueError
    when a length points past `end` (a damaged file), EOFError or ValueError from marshal."""
    while (position := stream.tell()) < end:
        if end - position < _LENGTH_SIZE:
            raise ValueError("a record cut short")
        length_bytes = stream.read(_LENGTH_SIZE)
        length = int.from_bytes(length_bytes, "big")
        if length > end - position - _LENGTH_SIZE:
            raise ValueError("a record longer than the entry")
        data = stream.read(length)
        digest.update(length_bytes)
        digest.update(data)
        yield marshal.loads(data)


def write_entry(folder: Path, key: str, rendered: RenderedPortal) -> None:
    """Store `rendered` under `key` and remove every older entry; raises OSError."""
    assert rendered.files is not None, "a load stopped by errors is not cached"
    artifacts = rendered.files.artifacts
    header = (
        key,
        [(str(p.location.path), p.location.line, p.location.col, p.severity.value, p.message)
         for p in rendered.problems],
        list(rendered.notices),
        rendered.files.nav,
        len(artifacts),
    )  # fmt: skip
    target = entry_path(folder, key)
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(_MAGIC)
            digest = hashlib.sha256()
            for record in (header, *((a.path, a.content) for a in artifacts)):
                data = marshal.dumps(record)
                length = len(data).to_bytes(_LENGTH_SIZE, "big")
                digest.update(length)
                digest.update(data)
                stream.write(length)
                stream.write(data)
            stream.write(digest.digest())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    for older in folder.glob(f"*{SUFFIX}"):
        if older.name != target.name:
            older.unlink(missing_ok=True)


def _decoded(
    problems: Any, notices: Any, nav: Any, artifacts: list[Any], key: str
) -> RenderedPortal | None:
    """The stored records as a RenderedPortal, or None when their shape is not the one written."""
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
