"""Test helpers for history: a real git repository with commits at fixed dates, and a small model.

Dates are pinned through GIT_AUTHOR_DATE/GIT_COMMITTER_DATE and identity through `-c`, so the
repository (and everything read from it) is the same on every run and every machine.
"""

from __future__ import annotations

import os
import subprocess
from datetime import date
from pathlib import Path

from okrsite.history import merge_history, read_history
from okrsite.load import load_content
from okrsite.model import (
    CheckIn,
    KeyResult,
    KeyResultType,
    Location,
    Model,
    NorthStar,
    Objective,
    Period,
    Window,
)
from okrsite.portal import Portal, assemble_portal

IDENTITY = ["-c", "user.name=Test", "-c", "user.email=test@example.com"]
IDENTITY += ["-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]


def git(cwd: Path, *args: str, day: str | None = None) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    if day is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{day}T12:00:00+00:00"
    done = subprocess.run(
        ["git", *IDENTITY, *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


class GitRepo:
    """A work tree in a temp dir; `commit` writes files and commits them on a given day."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        git(root, "init", "--quiet")

    def commit(self, files: dict[str, str | bytes], day: str, message: str = "edit") -> None:
        for name, text in files.items():
            path = self.root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        git(self.root, "add", "--all")
        git(self.root, "commit", "--quiet", "--allow-empty", "-m", message, day=day)


def objective_yaml(wait: float | None, adoption: float = 40, launched: bool = False) -> str:
    """One objective with a falling metric, a rising metric and a milestone."""
    wait_line = "" if wait is None else f"\n    current: {wait}"
    return f"""\
kind: Objective
id: Check-In
title: Faster check-in
period: {{start: 2026-07-01, end: 2026-12-31}}
key_results:
  - id: Wait-Time
    title: Wait time down
    baseline: 12
    target: 9{wait_line}
  - id: adoption
    title: Adoption up
    baseline: 35
    target: 80
    current: {adoption}
  - id: kiosk-launch
    title: Kiosks live
    type: milestone
    done: {str(launched).lower()}
"""


HERE = Location("content/okrs.yml", 1, 1)


def small_model(
    wait: float | None = 10.5,
    adoption: float = 40,
    launched: bool = False,
    wait_checkins: tuple[CheckIn, ...] = (),
) -> Model:
    """The model `objective_yaml` describes, built directly (no loader needed)."""
    key_results = {
        "wait-time": KeyResult(
            id="Wait-Time",
            title="Wait time down",
            objective="check-in",
            baseline=12,
            target=9,
            current=wait,
            checkins=wait_checkins,
            location=HERE,
        ),
        "adoption": KeyResult(
            id="adoption",
            title="Adoption up",
            objective="check-in",
            baseline=35,
            target=80,
            current=adoption,
            location=HERE,
        ),
        "kiosk-launch": KeyResult(
            id="kiosk-launch",
            title="Kiosks live",
            objective="check-in",
            type=KeyResultType.MILESTONE,
            done=launched,
            location=HERE,
        ),
    }
    objective = Objective(
        id="Check-In",
        title="Faster check-in",
        location=HERE,
        period=Period("2026-H2", Window(date(2026, 7, 1), date(2026, 12, 31))),
        key_results=("wait-time", "adoption", "kiosk-launch"),
    )
    return Model(
        north_star=NorthStar(id="north-star", title="Best airline", outcomes=(), location=HERE),
        objectives={"check-in": objective},
        key_results=dict(sorted(key_results.items())),
    )


NORTH_STAR_YAML = "kind: NorthStar\nid: north-star\ntitle: Best airline\n"


def committed_series(root: Path) -> GitRepo:
    """Four commits on four days: wait time 12 → 11.5 → 11 → 10.5, kiosks done on the third."""
    repo = GitRepo(root)
    repo.commit(
        {"content/okrs.yml": objective_yaml(12), "content/ns.yml": NORTH_STAR_YAML}, "2026-07-01"
    )
    repo.commit({"content/okrs.yml": objective_yaml(11.5)}, "2026-08-03")
    repo.commit({"content/okrs.yml": objective_yaml(11, launched=True)}, "2026-09-01")
    repo.commit({"content/okrs.yml": objective_yaml(10.5, launched=True)}, "2026-10-05")
    return repo


def portal_of(content_dir: Path, as_of: date, *, history: bool = True) -> Portal:
    """What a build does: load, join git history (unless off), publish and score."""
    loaded = load_content(content_dir)
    assert loaded.model is not None, [str(p) for p in loaded.problems]
    model = loaded.model
    if history:
        model = merge_history(model, read_history(content_dir, max_commits=1000, since=None))
    return assemble_portal(model, as_of)
