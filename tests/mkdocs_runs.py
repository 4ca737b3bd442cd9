"""Running `mkdocs build` in tests the way a user does: from the project folder, in this
process (fast, lets a test patch okrsite) or as a separate process (the real command line)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config


def build_in_process(project: Path, site_dir: Path, **overrides: object) -> Path:
    """`mkdocs build` of `project/mkdocs.yml` into site_dir, with config overrides (strict=...)."""
    previous = os.getcwd()
    os.chdir(project)
    try:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir), **overrides)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    finally:
        os.chdir(previous)
    return site_dir


def run_mkdocs(project: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """`python -m mkdocs <arguments>` in the project folder; output captured as text."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *arguments],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )


def site_files(site_dir: Path) -> dict[str, bytes]:
    """Every file of a built site by its path inside the site."""
    return {
        path.relative_to(site_dir).as_posix(): path.read_bytes()
        for path in sorted(site_dir.rglob("*"))
        if path.is_file()
    }
