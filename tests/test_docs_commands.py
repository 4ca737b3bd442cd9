"""Every `okrsite` and `mkdocs build` command the README and the guide show runs as written, in
a project `okrsite init` made (the first step of getting started), and exits 0. Commands that
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


def commands_of(page: Path) -> list[str]:
    lines = [
        line.split("  #")[0].strip()
        for block in BLOCK.findall(page.read_text("utf-8"))
        for line in block.splitlines()
    ]
    return [line for line in lines if RUN.match(line)]


PAGES_WITH_COMMANDS = [page for page in PAGES if commands_of(page)]


@pytest.mark.parametrize("page", PAGES_WITH_COMMANDS, ids=lambda page: page.name)
def test_every_command_shown_runs(page: Path, tmp_path: Path) -> None:
    commands = commands_of(page)
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
           "NO_MKDOCS_2_WARNING": "1"}  # fmt: skip
    if "okrsite init ." not in commands:
        commands = ["okrsite init .", *commands]
    for command in commands:
        done = subprocess.run(
            command, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, f"{command}\n{done.stdout[-1500:]}{done.stderr[-1500:]}"


def test_the_commands_are_found() -> None:
    assert sum(len(commands_of(page)) for page in PAGES) >= 8
