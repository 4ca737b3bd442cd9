"""Reproducible builds: the demo built twice with the real `mkdocs build`, from two copies in
different folders, at different times (a second apart, on different days as MkDocs sees them,
with different file mtimes and hash seeds) and each with its own empty render cache, gives the
same files, byte for byte, sitemap.xml.gz included."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from mkdocs_runs import demo_as_of, site_files, with_site_url

pytestmark = pytest.mark.slow  # builds a site, runs a server or drives a browser

ROOT = Path(__file__).resolve().parent.parent
A_LATER_DAY = str(1_800_000_000)  # 2027-01-15, as SOURCE_DATE_EPOCH: "built on another day"


def copy_demo(project: Path, mtime: float) -> None:
    """The demo project with a site_url (so the sitemap lists pages with dates)."""
    project.mkdir()
    for folder in ("content", "docs"):
        shutil.copytree(ROOT / folder, project / folder)
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    (project / "mkdocs.yml").write_text(
        with_site_url(config, "https://okrs.example.org/portal/"), "utf-8"
    )
    for path in project.rglob("*"):
        os.utime(path, (mtime, mtime))


def build(project: Path, **env: str) -> Path:
    environment = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site"],
        cwd=project,
        env={**environment, "NO_MKDOCS_2_WARNING": "1", **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return project / "site"


def test_two_builds_in_different_places_and_times_are_identical(tmp_path: Path) -> None:
    first, second = tmp_path / "checkout-a", tmp_path / "elsewhere" / "checkout-b"
    second.parent.mkdir()
    copy_demo(first, mtime=1_700_000_000)
    copy_demo(second, mtime=1_790_000_000)

    site_a = site_files(build(first, PYTHONHASHSEED="1"))
    time.sleep(1.1)
    site_b = site_files(build(second, PYTHONHASHSEED="2", SOURCE_DATE_EPOCH=A_LATER_DAY))

    assert site_a.keys() == site_b.keys()
    different = [path for path in site_a if site_a[path] != site_b[path]]
    assert different == []
    assert {"sitemap.xml", "sitemap.xml.gz", "feed.xml", "okrs.json"} <= site_a.keys()
    assert any(b"<svg" in content for content in site_a.values())  # diagrams were drawn
    assert f"<lastmod>{demo_as_of()}</lastmod>".encode() in site_a["sitemap.xml"]
