"""Which files make up the content, in a stable order, and how their paths are shown."""

from __future__ import annotations

import os
from pathlib import Path

YAML_SUFFIXES = (".yml", ".yaml")


def content_files(content_dir: Path) -> list[Path]:
    """Every `*.yml` / `*.yaml` file at any depth, sorted; hidden files and folders skipped
    (editor swap files, `.git`)."""
    found: list[Path] = []
    for folder, subfolders, names in os.walk(content_dir):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        found.extend(
            Path(folder, name)
            for name in names
            if name.lower().endswith(YAML_SUFFIXES) and not name.startswith(".")
        )
    return sorted(found, key=lambda path: path.as_posix())


def display_path(path: Path, base: Path) -> str:
    """`path` relative to `base` when below it, else absolute; always with `/`."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(os.path.abspath(base)).as_posix()
    except ValueError:
        return absolute.as_posix()
