"""The cache key of a rendered portal: a hash of everything its files, nav and messages depend on.

File contents are hashed, never dates: CI restores a cache into a fresh clone where every file
has a new mtime but the same bytes. Paths enter as they show in messages (relative to the
working directory), so the same checkout in another folder finds the same entry.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import shutil
import sys
from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from importlib import metadata
from pathlib import Path

import okrsite
from okrsite.history.state import GitStateUnknown, git_state
from okrsite.load.files import content_files, display_path
from okrsite.render.pages.environment import packaged_theme_dir
from okrsite.settings import Settings
from okrsite.urls import SiteUrls

FORMAT = "okrsite site cache 2"  # raise when the meaning of an entry changes
# Libraries whose output ends up in the artifacts: templates, Markdown, HTML cleaning, YAML, DOT.
SHAPING_DISTRIBUTIONS = ("jinja2", "markupsafe", "markdown", "nh3", "pyyaml", "graphviz")


class Uncacheable(Exception):
    """Something the output depends on cannot be known for sure; then nothing is cached."""


def frame_key(settings: Settings, urls: SiteUrls) -> str:
    """Everything the rendered portal depends on besides the content and its git history: what
    a render kept in memory (`okrsite.site.Session`) assumed. Raises as `cache_key` does."""
    digest = _Digest()
    digest.add("format", FORMAT)
    digest.add("code", code_identity())
    digest.add("settings", settings_identity(settings))
    digest.add("urls", repr(urls))
    override_dir = settings.site.override_dir
    for relative, data in folder_files(override_dir) if override_dir else ():
        digest.add("override", relative)
        digest.add("bytes", data)
    digest.add("dot", graphviz_identity() if settings.site.diagrams.enabled else "diagrams off")
    return digest.hexdigest()


def cache_key(settings: Settings, urls: SiteUrls, frame: str | None = None) -> str:
    """The frame (`frame_key`, computed when not given) with the content's bytes and git state.
    Raises Uncacheable (or OSError, for a content or template file that cannot be read)."""
    digest = _Digest()
    digest.add("frame", frame if frame is not None else frame_key(settings, urls))
    content_dir = settings.content_dir
    for path in content_files(content_dir) if content_dir.is_dir() else ():
        digest.add("content", path.relative_to(content_dir).as_posix())
        digest.add("bytes", path.read_bytes())
    try:
        git = git_state(content_dir) if settings.portal.history.enabled else "history off"
    except GitStateUnknown as unknown:
        raise Uncacheable(str(unknown)) from unknown
    digest.add("git", git)
    return digest.hexdigest()


class _Digest:
    """sha256 over labelled, length-prefixed parts, so no two sequences of parts collide."""

    def __init__(self) -> None:
        self._sha = hashlib.sha256()

    def add(self, label: str, value: str | bytes) -> None:
        data = value.encode() if isinstance(value, str) else value
        self._sha.update(f"{label}\0{len(data)}\0".encode())
        self._sha.update(data)

    def hexdigest(self) -> str:
        return self._sha.hexdigest()


def settings_identity(settings: Settings) -> str:
    """The settings with their paths as messages show them; the cache folder changes nothing."""
    site = settings.site
    cwd = Path.cwd()
    shown = replace(
        settings,
        content_dir=Path(display_path(settings.content_dir, cwd)),
        site=replace(
            site,
            override_dir=Path(display_path(site.override_dir, cwd)) if site.override_dir else None,
            diagrams=replace(site.diagrams, cache_dir=Path()),
        ),
    )
    return repr(shown)  # holds the resolved as-of date, so "today" changes it


def folder_files(folder: Path) -> list[tuple[str, bytes]]:
    """Every file below a folder, by relative path, with its bytes."""
    found = [path for path in folder.rglob("*") if path.is_file()] if folder.is_dir() else []
    return [
        (path.relative_to(folder).as_posix(), path.read_bytes())
        for path in sorted(found, key=lambda path: path.as_posix())
    ]


def distribution_versions(names: Iterable[str]) -> dict[str, str]:
    """The installed version of each distribution, "absent" when it is not installed."""
    found = {}
    for name in names:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "absent"
    return found


@cache
def code_identity() -> str:
    """okrsite's own code and packaged templates, and the versions of what shapes the output.

    Once per process: the code that renders is the code that was imported at the start.
    """
    digest = hashlib.sha256(f"{sys.version}\0marshal {marshal.version}\0".encode())
    for name, version in distribution_versions(SHAPING_DISTRIBUTIONS).items():
        digest.update(f"{name}={version}\0".encode())
    for folder in (Path(okrsite.__file__).parent, packaged_theme_dir()):
        for relative, data in folder_files(folder):
            if "__pycache__" not in relative:
                digest.update(f"{relative}\0{len(data)}\0".encode() + data)
    return digest.hexdigest()


def graphviz_identity() -> str:
    """The `dot` on PATH as the diagram cache tells binaries apart: path, mtime and size."""
    found = shutil.which("dot")
    if found is None:
        return "no dot"
    info = os.stat(found)
    return f"{os.path.realpath(found)}\0{info.st_mtime_ns}\0{info.st_size}"
