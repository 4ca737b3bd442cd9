"""`okrsite init DIR`: scaffold a new portal (mkdocs.yml, starter content, a docs page) with
the CI pipelines that check, build and publish it (`okrsite.pipelines`).

It never overwrites: if any file it would write exists, it writes nothing and says which.
`okrsite init --into DIR` adds the portal to an existing MkDocs handbook instead
(`okrsite.commands.init_into`).
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
# What builds make (MkDocs' site_dir, okrsite's cache_dir): never committed. A repository's own
# .gitignore (GitHub creates one with a new repository) is kept; init says what it lacks.
GITIGNORE = {"site/": "the built site", ".cache/": "okrsite's caches, kept between CI runs"}


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "init",
        help="scaffold a new OKR portal in DIR",
        description="Write mkdocs.yml, a starter content/ folder that validates, a docs page, "
        "GitHub Actions and GitLab CI pipelines, the requirements.txt they install and a "
        ".gitignore for site/ and .cache/ into DIR (created if missing). Existing files are "
        "never overwritten. With --into, add the portal to the existing MkDocs project in DIR "
        "instead: print the lines for its mkdocs.yml and the files it would write, and with "
        "--write make those changes.",
    )
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument(
        "directory", metavar="DIR", type=Path, nargs="?", help="where to create the portal"
    )
    where.add_argument(
        "--into",
        metavar="DIR",
        type=Path,
        nargs="?",
        const=Path("."),
        help="add the portal to the MkDocs project whose mkdocs.yml is in DIR (default: .)",
    )
    parser.add_argument(
        "--write",
        action="store_true",
        help="with --into: make the changes (without it, only print them)",
    )
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


def gitignore_text() -> str:
    return "".join(f"# {why}\n{pattern}\n" for pattern, why in GITIGNORE.items())


def missing_ignores(path: Path) -> list[str]:
    """The patterns of GITIGNORE that the .gitignore at `path` has no line for."""
    lines = {line.strip() for line in path.read_text("utf-8", errors="replace").splitlines()}
    return [pattern for pattern in GITIGNORE if pattern not in lines and f"/{pattern}" not in lines]


def run(args: argparse.Namespace) -> int:
    if args.into is not None:
        from okrsite.commands import init_into  # it imports this module

        return init_into.run(args.into, write=args.write)
    if args.write:
        print(
            "okrsite init: error: --write goes with --into (a new portal is always written)",
            file=sys.stderr,
        )
        return 2
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
    ignore = target / ".gitignore"
    if not ignore.exists():
        ignore.write_text(gitignore_text(), "utf-8")
    elif missing := missing_ignores(ignore):
        print(f"{ignore}: note: add {', '.join(missing)} to it (what builds make)")
    print(
        f"Created an OKR portal in {target}: edit {target / 'content'}, then run "
        f"`cd {target} && mkdocs serve`; CI pipelines: {target / '.github/workflows'}, "
        f"{target / '.gitlab-ci.yml'} (keep the one of your forge)"
    )
    return 0
