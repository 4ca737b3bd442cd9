"""Running `mkdocs build` in tests the way a user does: from the project folder, in this
process (fast, lets a test patch okrsite) or as a separate process (the real command line)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode("utf-8"))


def wait_for(check: object, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():  # type: ignore[operator]
                return
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"not within {seconds} s")


@contextmanager
def serving(project: Path, base: str, log_path: Path) -> Iterator[None]:
    """`mkdocs serve --dirty` of the project at `base`, logging to `log_path` (appended), stopped
    with Ctrl-C as a user stops it: its shutdown stores the render cache."""
    with log_path.open("a") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "--dirty",
                "-a",
                base.removeprefix("http://"),
            ],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            yield
        finally:
            os.killpg(server.pid, signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=30)
                raise
