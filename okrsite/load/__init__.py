"""Load a content directory: every YAML file below it, validated into one `Model`.

`load_content` is the one entry point the CLI, the MkDocs plugin and the exports share, so they
all see the same model and the same problems.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from okrsite.load.content_file import FileRead, read_content_file
from okrsite.load.file_memo import FileMemo
from okrsite.load.files import content_files, display_path
from okrsite.model import Location, Model
from okrsite.problems import Problem, error

if TYPE_CHECKING:
    from okrsite.validate.documents import Draft

__all__ = ["FileMemo", "LoadResult", "load_content"]

# A year of OKRs for a large company is well under 1 MB; past this a file costs seconds and
# hundreds of MB to read (50 MB: about 22 s and 1.6 GB), so it is refused unread.
MAX_FILE_BYTES = 10_000_000


@dataclass(frozen=True)
class LoadResult:
    """The model (None when there are errors) and every problem found, sorted by place."""

    model: Model | None
    problems: list[Problem] = field(default_factory=list)


def load_content(
    content_dir: Path,
    *,
    relative_to: Path | None = None,
    memo: FileMemo | None = None,
    grading_days: int = 14,
) -> LoadResult:
    """Read and validate everything below `content_dir`.

    Message paths are relative to `relative_to` (default: the working directory) when the file
    lies below it, POSIX style, so editors and CI annotators can open them. A process that loads
    again and again (`mkdocs serve`) passes the same `memo` each time: then only the files that
    changed since its previous load are read again. `grading_days`: the setting of that name
    (check-ins accepted after a window's end).
    """
    base = Path(os.getcwd()) if relative_to is None else relative_to
    with _collector_paused():
        return _load(content_dir, base, memo, grading_days)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Loading allocates millions of small acyclic objects; the cyclic garbage collector would
    rescan them over and over and find nothing. Scoped, not process-wide: the collector is
    back as it was when loading ends. `okrsite check` on large portals needs it to stay
    within its time target (bench/README.md, 2026-12-04)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load(content_dir: Path, base: Path, memo: FileMemo | None, grading_days: int) -> LoadResult:
    from okrsite.validate import validate_drafts  # validate imports load's reader

    shown_dir = display_path(content_dir, base)
    reader: AbstractContextManager[Callable[[bytes, str], FileRead]] = (
        nullcontext(read_content_file) if memo is None else memo.load()
    )
    with reader as read_file:
        if not content_dir.is_dir():
            message = f"content directory '{shown_dir}' does not exist; create it or pass another"
            return LoadResult(None, [error(Location(shown_dir, 1, 1), message)])
        drafts: list[Draft] = []
        problems: list[Problem] = []
        for path in content_files(content_dir):
            shown = display_path(path, base)
            try:
                size = path.stat().st_size
                raw = path.read_bytes() if size <= MAX_FILE_BYTES else None
            except OSError as exc:
                problems.append(error(Location(shown, 1, 1), f"cannot read file: {exc.strerror}"))
                continue
            if raw is None:
                message = (
                    f"file is {size / 1e6:.1f} MB; content files may be at most "
                    f"{MAX_FILE_BYTES // 1_000_000} MB: split it into several files"
                )
                problems.append(error(Location(shown, 1, 1), message))
                continue
            file_drafts, file_problems = read_file(raw, shown)
            drafts.extend(file_drafts)
            problems.extend(file_problems)
    model, problems = validate_drafts(drafts, problems, Location(shown_dir, 1, 1), grading_days)
    return LoadResult(model, problems)
