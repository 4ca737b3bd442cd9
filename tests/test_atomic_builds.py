"""A failed build leaves the previous site and render cache as they were; builds share a cache.

- `mkdocs build`: the plugin loads and renders the portal in `on_pre_build`, before MkDocs empties
  `site_dir`, so broken content stops the build with the old site in place. (A failure later in
  MkDocs' own build can still leave a half-written `site_dir`; the CI pipelines build into a fresh
  runner folder and publish only when the build succeeded.)
- `okrsite generate` fills a fresh folder and swaps it in only at the end.
- The diagram cache is written entry by entry with an atomic rename, after `dot` succeeded: a
  `dot` that dies halfway, or a build killed at any moment, leaves only whole entries.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from mkdocs_runs import site_files

pytestmark = pytest.mark.slow  # builds a site, runs a server or drives a browser

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "fixtures" / "portal_small"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def project_with_cache(folder: Path, cache: Path) -> Path:
    """The small portal with its render cache at `cache` (shared when two projects name it)."""
    shutil.copytree(SMALL, folder)
    config = folder / "mkdocs.yml"
    text = config.read_text("utf-8")
    config.write_text(text + f"      cache_dir: {cache.as_posix()}\n      history: false\n")
    return folder


def mkdocs(project: Path, site: Path, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        env=env or ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def finished(process: subprocess.Popen[str]) -> tuple[int, str]:
    output, _ = process.communicate(timeout=300)
    return process.returncode, output


def assert_cache_whole(cache: Path, *, killed: bool = False) -> None:
    """Every entry is whole. Only a build killed by SIGKILL, which cannot be caught, may leave
    a temporary file (never read as an entry; a later build's daily prune deletes it)."""
    entries = list((cache / "diagrams").glob("*"))
    temporary = [e.name for e in entries if e.name.endswith(".tmp")]
    assert not temporary or killed, temporary
    assert all(name.startswith(".") for name in temporary), temporary
    for entry in entries:
        if entry.suffix == ".svg":
            assert entry.read_text("utf-8").endswith("</svg>"), entry


def break_content(project: Path) -> None:
    portal = project / "content" / "portal.yml"
    portal.write_text(portal.read_text("utf-8") + "\n---\nkind: Objective\nid: [broken\n")


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The small portal built once with a cache of its own: what every good build must give."""
    base = tmp_path_factory.mktemp("reference")
    project = project_with_cache(base / "project", base / "cache")
    code, output = finished(mkdocs(project, base / "site"))
    assert code == 0, output
    return site_files(base / "site")


def test_broken_content_leaves_the_previous_mkdocs_site(tmp_path: Path, reference) -> None:
    project = project_with_cache(tmp_path / "project", tmp_path / "cache")
    site = tmp_path / "site"
    code, output = finished(mkdocs(project, site))
    assert code == 0, output
    break_content(project)
    code, output = finished(mkdocs(project, site))
    assert code == 1 and "portal.yml:" in output and "Traceback" not in output
    assert site_files(site) == reference


def test_broken_content_leaves_the_previous_generated_folder(tmp_path: Path) -> None:
    project = project_with_cache(tmp_path / "project", tmp_path / "cache")
    out = project / "generated"
    command = [sys.executable, "-m", "okrsite", "generate", str(out), "--config", "mkdocs.yml"]
    first = subprocess.run(command, cwd=project, env=ENV, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    before = site_files(out)
    break_content(project)
    second = subprocess.run(command, cwd=project, env=ENV, capture_output=True, text=True)
    assert second.returncode == 1 and "nothing written" in second.stderr
    assert site_files(out) == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".generated")] == []


def test_two_builds_sharing_one_cache_both_succeed_alike(tmp_path: Path, reference) -> None:
    cache = tmp_path / "shared-cache"
    projects = [project_with_cache(tmp_path / f"project{n}", cache) for n in (1, 2)]
    running = [mkdocs(project, tmp_path / f"site{n}") for n, project in enumerate(projects)]
    for process in running:
        code, output = finished(process)
        assert code == 0, output
    assert site_files(tmp_path / "site0") == site_files(tmp_path / "site1") == reference
    assert_cache_whole(cache)


FAILING_DOT = """#!/bin/sh
# Graphviz that answers -V truthfully but dies halfway through drawing, output cut short.
case "$1" in -V) exec {dot} "$@";; esac
{dot} "$@" | head -c 700
exit 3
"""


def test_a_dot_failing_midway_leaves_the_cache_whole(tmp_path: Path, reference) -> None:
    cache = tmp_path / "cache"
    project = project_with_cache(tmp_path / "project", cache)
    fake = tmp_path / "bin" / "dot"
    fake.parent.mkdir()
    fake.write_text(FAILING_DOT.format(dot=shutil.which("dot")))
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    env = {**ENV, "PATH": f"{fake.parent}{os.pathsep}{ENV['PATH']}"}
    code, output = finished(mkdocs(project, tmp_path / "failed", env))
    assert code == 1 and "Traceback" not in output, output
    assert_cache_whole(cache)
    code, output = finished(mkdocs(project, tmp_path / "site"))
    assert code == 0, output
    assert site_files(tmp_path / "site") == reference


def test_a_build_killed_at_any_moment_leaves_the_cache_whole(tmp_path: Path, reference) -> None:
    cache = tmp_path / "cache"
    project = project_with_cache(tmp_path / "project", cache)
    for delay in (0.8, 1.6, 2.4):
        process = mkdocs(project, tmp_path / "killed")
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        assert_cache_whole(cache, killed=True)
    code, output = finished(mkdocs(project, tmp_path / "site"))
    assert code == 0, output
    assert site_files(tmp_path / "site") == reference
