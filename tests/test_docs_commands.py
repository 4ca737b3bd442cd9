"""Every `okrsite` and `mkdocs build` command the README and the guide show runs as written and
exits 0, block by block: in a project `okrsite init` made (the first step of getting started),
or in a plain MkDocs handbook for `okrsite init --into`. Commands that
install, serve or copy elsewhere (`pip`, `make`, `mkdocs serve`, `rsync`, …) are left to the
people who run them; Zensical has its own test (tests/test_zensical_build.py)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs" / "guide").glob("*.md"))]
BLOCK = re.compile(r"^```(?:sh|bash)\n(.*?)^```", re.S | re.M)
RUN = re.compile(r"^(okrsite (?!.*\[)|mkdocs build)")  # `[CONTENT_DIR]`: a synopsis, not a command


HANDBOOK = (
    "site_name: Handbook\nsite_url: https://handbook.example.org/\ntheme:\n  name: material\n"
)


def blocks_of(page: Path) -> list[list[str]]:
    """Each shell block's commands that run here, comments cut off."""
    found = []
    for block in BLOCK.findall(page.read_text("utf-8")):
        lines = [line.split("  #")[0].strip() for line in block.splitlines()]
        if commands := [line for line in lines if RUN.match(line)]:
            found.append(commands)
    return found


def start_for(commands: list[str], folder: Path) -> list[str]:
    """What a reader has before the block: a handbook without okrsite for `init --into`, a
    project `okrsite init` made for the rest (unless the block makes it)."""
    if any("init --into" in command for command in commands):
        (folder / "docs").mkdir()
        (folder / "docs" / "index.md").write_text("# Handbook\n", "utf-8")
        (folder / "mkdocs.yml").write_text(HANDBOOK, "utf-8")
        return commands
    return commands if "okrsite init ." in commands else ["okrsite init .", *commands]


PAGES_WITH_COMMANDS = [page for page in PAGES if blocks_of(page)]


@pytest.mark.parametrize("page", PAGES_WITH_COMMANDS, ids=lambda page: page.name)
def test_every_command_shown_runs(page: Path, tmp_path: Path) -> None:
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
           "NO_MKDOCS_2_WARNING": "1"}  # fmt: skip
    for number, block in enumerate(blocks_of(page)):
        folder = tmp_path / f"block-{number}"
        folder.mkdir()
        for command in start_for(block, folder):
            done = subprocess.run(
                command, shell=True, cwd=folder, env=env, capture_output=True, text=True,
                timeout=300,
            )  # fmt: skip
            assert done.returncode == 0, f"{command}\n{done.stdout[-1500:]}{done.stderr[-1500:]}"


def test_the_commands_are_found() -> None:
    assert sum(len(block) for page in PAGES for block in blocks_of(page)) >= 8
