"""The two names `okrsite init --into` picks for an existing handbook: the portal's `prefix` (the
folder of the site its pages live in) and its `content:` folder, each with the reason, so the
user sees why the portal will not be at the plain name.

Why a free prefix matters: a handbook page at the same path as a generated one stops the build
(okrsite/mkdocs_plugin/files.py), and a nav entry below it would mix the handbook's pages into
the portal's folder.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from okrsite.load.files import content_files
from okrsite.spec.kinds import KINDS

PREFIXES = ("okrs", "okrs-portal")
CONTENT_FOLDERS = ("content", "okrs-content")
TRIES = 50  # okrs-portal-2 … okrs-portal-50: past that, something else is going on
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")  # MkDocs' own list
KIND_LINE = re.compile(rf"^kind:\s*[\"']?({'|'.join(KINDS)})[\"']?\s*(#.*)?$", re.M)


@dataclass(frozen=True)
class Choice:
    """A name and why it was taken; `reuse` when the content folder holds OKRs already."""

    name: str
    reason: str
    reuse: bool = False


def candidates(names: tuple[str, ...]) -> Iterator[str]:
    """`okrs`, `okrs-portal`, `okrs-portal-2`, …: the last name numbered on."""
    yield from names
    for number in range(2, TRIES + 1):
        yield f"{names[-1]}-{number}"


def nav_paths(nav: Any) -> Iterator[str]:
    """Every page path the nav names (not external links)."""
    if isinstance(nav, str):
        if "://" not in nav:
            yield nav.strip().removeprefix("./").lstrip("/")
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from nav_paths(value)
    elif isinstance(nav, list):
        for entry in nav:
            yield from nav_paths(entry)


def _prefix_taken(name: str, docs_dir: Path, shown_docs: str, nav: Iterable[str]) -> str | None:
    """Why `name` cannot be the prefix, or None when it is free."""
    if (docs_dir / name).exists():
        return f"{shown_docs}/{name}/ exists"
    for suffix in MARKDOWN_SUFFIXES:
        if (docs_dir / f"{name}{suffix}").exists():
            return f"{shown_docs}/{name}{suffix} exists (its page is at the URL {name}/)"
    for path in nav:
        first = path.split("/", 1)[0]
        if first == name or (first.endswith(MARKDOWN_SUFFIXES) and first.rsplit(".", 1)[0] == name):
            return f"the nav lists {path}"
    return None


def choose_prefix(docs_dir: Path, shown_docs: str, nav: Any) -> Choice:
    """The first free prefix: `okrs` unless the handbook uses it already."""
    listed = list(nav_paths(nav))
    taken: list[str] = []
    for name in candidates(PREFIXES):
        why = _prefix_taken(name, docs_dir, shown_docs, listed)
        if why is None:
            if not taken:
                return Choice(name, f"{shown_docs}/ has no {name} folder or page and no nav entry")
            return Choice(name, "; ".join(taken))
        taken.append(f"{name} is taken: {why}")
    raise LookupError(f"{shown_docs}/: every prefix from okrs to okrs-portal-{TRIES} is taken")


def holds_okrs(folder: Path) -> Path | None:
    """The first YAML file below `folder` with a document of an okrsite kind, or None."""
    for path in content_files(folder):
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if KIND_LINE.search(text):
            return path
    return None


def choose_content(base: Path) -> Choice:
    """`content` (next to mkdocs.yml) unless it is something else: a folder with OKRs is used
    as it is, a missing or empty one gets the starter OKRs."""
    taken: list[str] = []
    for name in candidates(CONTENT_FOLDERS):
        folder = base / name
        if not folder.exists():
            reason = f"{name}/ does not exist yet; the starter OKRs go there"
        elif folder.is_dir() and (found := holds_okrs(folder)) is not None:
            shown = found.relative_to(base).as_posix()
            return Choice(name, f"{name}/ holds OKRs already ({shown}); they are used", True)
        elif folder.is_dir() and not any(folder.iterdir()):
            reason = f"{name}/ is empty; the starter OKRs go there"
        else:
            what = "exists and holds no OKRs" if folder.is_dir() else "is a file"
            taken.append(f"{name}/ {what}")
            continue
        return Choice(name, "; ".join([*taken, reason]))
    raise LookupError(f"{base}: every content folder from content to okrs-content-{TRIES} is taken")
