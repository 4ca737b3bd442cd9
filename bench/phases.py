"""The phases the runner times: what each runs, where, what it needs, and how it is prepared.

Each phase is one whole process, as a user or CI would run it. A phase that cannot run here
says why (`unavailable`); one that depends on another (a warm build needs a cold one first)
names it in `needs`. Preparation (emptying caches, editing a key result) is not timed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.content_writer import number
from bench.org import AS_OF

GENERATED_DIR = "generated"  # where `okrsite generate` writes the page set for Zensical
ZENSICAL_CONFIG = "mkdocs-zensical.yml"  # written by `okrsite generate --zensical-config`


@dataclass(frozen=True)
class Phase:
    name: str
    description: str
    command: list[str]
    cwd: Path
    unavailable: str | None = None  # why it cannot run here; None when it can
    needs: str | None = None  # a phase that must have succeeded first
    prepare: Callable[[int], None] | None = None  # before run i (0-based), not timed
    finish: Callable[[], None] | None = None  # after the last run, success or not
    extra: dict[str, object] = field(default_factory=dict)


def python_module(module: str) -> list[str]:
    """Run tools with this interpreter, so the build uses the okrsite being measured."""
    return [sys.executable, "-m", module]


def command_help(command: list[str], cwd: Path) -> str | None:
    """The `--help` text of a command, or None when the command does not exist."""
    try:
        done = subprocess.run(
            [*command, "--help"], cwd=cwd, capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def build_environment() -> dict[str, str]:
    environment = dict(os.environ)
    environment["NO_MKDOCS_2_WARNING"] = "1"  # Material's end-of-life banner, once per build
    return environment


def _remove(*paths: Path) -> None:
    for path in paths:
        shutil.rmtree(path, ignore_errors=True)


class _KeyResultEdit:
    """Changes one key result's `current` before each run and restores the file at the end."""

    def __init__(self, site: Path, edit: dict[str, object]) -> None:
        self.path = site / str(edit["path"])
        self.line = int(edit["line"]) - 1  # type: ignore[call-overload]
        self.value = float(edit["current"])  # type: ignore[arg-type]
        self.original = self.path.read_bytes()
        lines = self.original.decode("utf-8").split("\n")
        if not lines[self.line].lstrip().startswith("current:"):
            raise ValueError(f"{self.path}:{self.line + 1} is not a `current:` line")

    def apply(self, run: int) -> None:
        lines = self.original.decode("utf-8").split("\n")
        indent = lines[self.line][: len(lines[self.line]) - len(lines[self.line].lstrip())]
        lines[self.line] = f"{indent}current: {number(self.value + run + 1)}"
        self.path.write_bytes("\n".join(lines).encode("utf-8"))

    def restore(self) -> None:
        self.path.write_bytes(self.original)


def okrsite_phases(site: Path, plain: Path, manifest: dict[str, object]) -> list[Phase]:
    """Every phase, in the order they run, for a generated okrsite site and its plain twin."""
    okrsite = python_module("okrsite")
    mkdocs_build = [*python_module("mkdocs"), "build"]
    phases = [
        Phase(
            "check",
            "okrsite check (load + validate + compute)",
            [*okrsite, "check", "content", "--as-of", AS_OF.isoformat()],
            site,
            unavailable=None if command_help([*okrsite, "check"], site) else _missing("check"),
        ),
        Phase(
            "build-cold",
            "mkdocs build with okrsite, empty caches",
            mkdocs_build,
            site,
            prepare=lambda _run: _remove(site / "site", site / ".cache"),
        ),
        Phase(
            "build-warm",
            "mkdocs build with okrsite, nothing changed",
            mkdocs_build,
            site,
            needs="build-cold",
        ),
    ]
    edit = _KeyResultEdit(site, manifest["edit"])  # type: ignore[arg-type]
    phases.append(
        Phase(
            "build-edit",
            "mkdocs build with okrsite after editing one key result's `current`",
            mkdocs_build,
            site,
            needs="build-cold",
            prepare=edit.apply,
            finish=edit.restore,
            extra={"edited": f"{manifest['edit']['path']}:{manifest['edit']['line']}"},  # type: ignore[index]
        )
    )
    phases.append(
        Phase(
            "plain-build",
            "mkdocs build of the plain reference site (same pages, no okrsite)",
            mkdocs_build,
            plain,
            prepare=lambda _run: _remove(plain / "site", plain / ".cache"),
        )
    )
    phases.extend(_zensical_phases(site, okrsite))
    return phases


def _missing(subcommand: str) -> str:
    return f"not available: `okrsite {subcommand}` does not exist in this okrsite"


def _zensical_phases(site: Path, okrsite: list[str]) -> list[Phase]:
    generate_help = command_help([*okrsite, "generate"], site)
    # with --config, generate reads the plugin settings of mkdocs.yml and writes a Zensical
    # config inheriting it, so both engines build the same site settings
    generate = [*okrsite, "generate", GENERATED_DIR, "--config", "mkdocs.yml"]
    generate += ["--zensical-config", ZENSICAL_CONFIG]
    zensical = shutil.which("zensical")
    no_zensical = "not available: zensical is not installed (pip install zensical)"
    zensical_build = [zensical or "zensical", "build", "-f", ZENSICAL_CONFIG]

    def prepare_generate(_run: int) -> None:
        _remove(site / GENERATED_DIR)

    def prepare_zensical(_run: int) -> None:
        _remove(site / "site")

    return [
        Phase(
            "generate",
            "okrsite generate (the page set as files, for other engines)",
            generate,
            site,
            unavailable=None if generate_help else _missing("generate") + " (issue 9)",
            prepare=prepare_generate,
        ),
        Phase(
            "zensical-cold",
            "zensical build of the generated pages, cache cleaned",
            [*zensical_build, "--clean"],
            site,
            unavailable=None if zensical else no_zensical,
            needs="generate",
            prepare=prepare_zensical,
        ),
        Phase(
            "zensical-warm",
            "zensical build of the generated pages, nothing changed",
            zensical_build,
            site,
            unavailable=None if zensical else no_zensical,
            needs="zensical-cold",
        ),
    ]
