"""Running `mkdocs build` in tests the way a user does: from the project folder, in this
process (fast, lets a test patch okrsite) or as a separate process (the real command line)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

DEMO_CONFIG = Path(__file__).resolve().parent.parent / "mkdocs.yml"
AS_OF_LINE = re.compile(r"^      as_of: (\d{4}-\d{2}-\d{2})\n", re.M)
SITE_URL_LINE = re.compile(r"^site_url: .*$", re.M)


def demo_as_of() -> date:
    """The as-of date the demo's mkdocs.yml pins (its numbers are as of that day)."""
    found = AS_OF_LINE.search(DEMO_CONFIG.read_text("utf-8"))
    assert found, "mkdocs.yml has no as_of line below the okrsite plugin"
    return date.fromisoformat(found[1])


def demo_config(*settings: str, as_of: str | None = None) -> str:
    """The demo's mkdocs.yml with more okrsite settings (one `key: value` each) below its as_of
    line; `as_of` pins another day (tests whose numbers are hand-computed for that day)."""

    def replaced(found: re.Match[str]) -> str:
        lines = (f"as_of: {as_of or found[1]}", *settings)
        return "".join(f"      {line}\n" for line in lines)

    config, count = AS_OF_LINE.subn(replaced, DEMO_CONFIG.read_text("utf-8"), count=1)
    assert count == 1
    return config


def with_site_url(config: str, site_url: str) -> str:
    """A copy of the demo's mkdocs.yml text with another `site_url` (its own is an example host)."""
    replaced, count = SITE_URL_LINE.subn(f"site_url: {site_url}", config, count=1)
    assert count == 1, "the demo's mkdocs.yml has no site_url line"
    return replaced


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


LIVERELOAD = re.compile(
    rb"<script>\s*var livereload = function\(epoch, requestId\).*?</script>", re.S
)


def served_bytes(url: str) -> bytes:
    """The file as `mkdocs serve` has it, without the livereload script it adds to HTML."""
    with urllib.request.urlopen(url, timeout=10) as response:
        return LIVERELOAD.sub(b"", bytes(response.read()), count=1)


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


def reloads(log_path: Path) -> int:
    """How many rebuilds a `serving` log shows as done. Counted by "Reloading browsers", not by
    "Documentation built": MkDocs logs a message text once per process, and two builds of the
    same duration would count as one."""
    return log_path.read_text().count("Reloading browsers")


def wait_until_quiet(log_path: Path, reloads_before: int, *, quiet: float = 1.5) -> None:
    """Wait for a rebuild after `reloads_before`, then until the server's log has stayed the same
    for `quiet` seconds after a reload: one save can be seen as two changes (the file emptied,
    then written), and the second rebuild must be over too."""
    wait_for(lambda: reloads(log_path) > reloads_before, 60)
    deadline, text, since = time.monotonic() + 60, "", time.monotonic()
    while time.monotonic() < deadline:
        now, seen = time.monotonic(), log_path.read_text()
        if seen != text:
            text, since = seen, now
        elif now - since >= quiet and text.rstrip().endswith("Reloading browsers"):
            return
        time.sleep(0.1)
    raise AssertionError(f"the server did not settle within 60 s:\n{text[-2000:]}")


@contextmanager
def serving(project: Path, base: str, log_path: Path, *options: str) -> Iterator[None]:
    """`mkdocs serve --dirty` of the project at `base` with more `options` (`--watch-theme`),
    logging to `log_path` (appended), stopped with Ctrl-C as a user stops it: its shutdown stores
    the render cache."""
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
                *options,
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
