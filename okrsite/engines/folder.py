"""Write the portal's artifacts as a folder of files that any Markdown site engine can build.

Every page becomes the `index.md` of its own folder (`objectives/x.md` → `objectives/x/index.md`)
when URLs are directories. The URL stays the same (`objectives/x/`), and so the page's folder is
its URL's folder: the hrefs inside pages, computed relative to the URL, then work in engines
that leave raw HTML alone (MkDocs) and in engines that resolve relative links in raw HTML
against the Markdown file's folder (Zensical adds `../` to every relative href of a non-index
page, see docs/guide/zensical.md).

The folder is written beside its final place and swapped in at the end, so a failure leaves the
previous output untouched. An existing folder is replaced only when okrsite wrote it (it holds
the marker file), so pointing OUT_DIR at the wrong folder cannot delete anything.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from okrsite.artifacts import Artifact
from okrsite.render.pages import NavEntry

MARKER = ".okrsite-generated"


class FolderError(Exception):
    """The folder cannot be written as asked; the message says what to change."""


def folder_page_path(path: str) -> str:
    """`a/b.md` → `a/b/index.md`; index pages stay where they are."""
    page = PurePosixPath(path)
    if page.name == "index.md":
        return path
    return str(page.with_suffix("") / "index.md")


def laid_out(
    artifacts: list[Artifact], nav: list[NavEntry], directory_urls: bool
) -> tuple[list[Artifact], list[NavEntry]]:
    """The artifacts and nav with every page in its own folder (only for directory URLs)."""
    if not directory_urls:
        return artifacts, nav
    moved = {a.path: folder_page_path(a.path) for a in artifacts if a.is_page}

    def remap(entry: NavEntry) -> NavEntry:
        if isinstance(entry, str):
            return moved.get(entry, entry)
        return {title: [remap(e) for e in v] if isinstance(v, list) else remap(v)
                for title, v in entry.items()}  # fmt: skip

    pages = [Artifact(moved.get(a.path, a.path), a.content) for a in artifacts]
    return pages, [remap(entry) for entry in nav]


def user_files(docs_dir: Path) -> list[str]:
    """The user's docs files as POSIX paths, skipping dot files and folders as MkDocs does."""
    found = []
    for path in sorted(docs_dir.rglob("*")):
        relative = path.relative_to(docs_dir)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            found.append(relative.as_posix())
    return found


def _check_collisions(user: list[str], artifacts: list[Artifact], originals: list[str]) -> None:
    taken = set(user)
    for original, artifact in zip(originals, artifacts, strict=True):
        for path in dict.fromkeys((original, artifact.path)):
            if path in taken:
                raise FolderError(
                    f"'{path}' in the docs folder is also a file okrsite generates; rename or "
                    "remove your file, or set the okrsite plugin's `prefix:` so the portal "
                    "lives in its own folder"
                )


def _write(folder: Path, artifact: Artifact) -> None:
    target = folder / artifact.path
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(artifact.content, bytes):
        target.write_bytes(artifact.content)
    else:
        with open(target, "w", encoding="utf-8", newline="") as stream:
            stream.write(artifact.content)


@contextmanager
def _swapped_in(out_dir: Path) -> Iterator[Path]:
    """A fresh folder beside `out_dir` to fill; it replaces `out_dir` when the block succeeds."""
    if out_dir.exists() and not out_dir.is_dir():
        raise FolderError(f"'{out_dir}' exists and is not a folder; choose another OUT_DIR")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).is_file():
        raise FolderError(
            f"'{out_dir}' is not empty and was not written by `okrsite generate`; "
            "choose a new or empty folder (it is replaced on every run)"
        )
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    try:
        yield fresh
        (fresh / MARKER).write_text("Written by `okrsite generate`; replaced on every run.\n")
        if out_dir.is_dir():
            old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
            os.replace(out_dir, old / out_dir.name)
            os.replace(fresh, out_dir)
            shutil.rmtree(old)
        else:
            os.replace(fresh, out_dir)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def write_folder(out_dir: Path, artifacts: list[Artifact], originals: list[str],
                 docs_dir: Path | None = None) -> None:  # fmt: skip
    """Replace `out_dir` with the user's docs (when given) plus every artifact.

    `originals` are the artifacts' paths before `laid_out`, so a user file that would clash
    with a portal page under MkDocs clashes here too.
    """
    user = user_files(docs_dir) if docs_dir is not None else []
    _check_collisions(user, artifacts, originals)
    with _swapped_in(out_dir) as fresh:
        if docs_dir is not None:
            for relative in user:
                target = fresh / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(docs_dir / relative, target)
        for artifact in artifacts:
            _write(fresh, artifact)
