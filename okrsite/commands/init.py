"""`okrsite init DIR`: scaffold a new portal (mkdocs.yml, starter content, a docs page) with
the CI pipelines that check, build and publish it (`okrsite.pipelines`).

It never overwrites: if any file it would write exists, it writes nothing and says which.
"""

from __future__ import annotations

import argparse
import sys
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from okrsite.pipelines import pipeline_files

SCAFFOLD = files("okrsite") / "scaffold"


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "init",
        help="scaffold a new OKR portal in DIR",
        description="Write mkdocs.yml, a starter content/ folder that validates, a docs page, "
        "GitHub Actions and GitLab CI pipelines and the requirements.txt they install into DIR "
        "(created if missing). Existing files are never overwritten.",
    )
    parser.add_argument("directory", metavar="DIR", type=Path, help="where to create the portal")
    return parser


def scaffold_files(root: Traversable = SCAFFOLD, prefix: str = "") -> dict[str, str]:
    """Every scaffold file by its relative POSIX path, in a stable order."""
    found: dict[str, str] = {}
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.startswith((".", "__")):
            continue
        relative = f"{prefix}{entry.name}"
        if entry.is_dir():
            found.update(scaffold_files(entry, f"{relative}/"))
        else:
            found[relative] = entry.read_text("utf-8")
    return found


def run(args: argparse.Namespace) -> int:
    target: Path = args.directory
    templates = scaffold_files() | pipeline_files()
    existing = [path for path in templates if (target / path).exists()]
    if existing:
        for path in existing:
            message = "already exists; okrsite init never overwrites files, so choose an "
            print(
                f"{target / path}: error: {message}empty directory or move it away", file=sys.stderr
            )
        return 2
    for path, text in templates.items():
        destination = target / path
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(text, "utf-8")
    print(
        f"Created an OKR portal in {target}: edit {target / 'content'}, then run "
        f"`cd {target} && mkdocs serve`; CI pipelines: {target / '.github/workflows'}, "
        f"{target / '.gitlab-ci.yml'} (keep the one of your forge)"
    )
    return 0
