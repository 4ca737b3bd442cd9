"""The release as users get it: `python -m build` makes an sdist and, from it, a wheel; the wheel
installed into a new virtualenv (its dependencies from the package index) has the `okrsite`
command and the plugin, and builds the demo portal with its templates, theme and assets."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}


def run(*command: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return done


def test_the_wheel_installs_and_builds_the_demo(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    run(sys.executable, "-m", "build", "--outdir", dist, ROOT)
    [wheel] = dist.glob("okrsite-*.whl")
    [sdist] = dist.glob("okrsite-*.tar.gz")
    names = zipfile.ZipFile(wheel).namelist()
    assert "okrsite/theme/okrsite/objective.md.jinja" in names
    assert "okrsite/theme/assets/okrsite.css" in names
    assert "okrsite/pipelines/github-actions.yml" in names
    assert "okrsite/scaffold/mkdocs.yml" in names
    assert not [n for n in names if n.startswith("tests/")]
    assert sdist.stat().st_size > 0

    environment = tmp_path / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    run(python, "-m", "pip", "install", "--quiet", wheel)
    project = tmp_path / "demo"
    for folder in ("content", "docs"):
        shutil.copytree(ROOT / folder, project / folder)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")

    checked = run(environment / "bin" / "okrsite", "check", cwd=project)
    run(python, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", "site", cwd=project)

    assert checked.stdout.splitlines()[-1].startswith("okrsite check: OK:")
    site = project / "site"
    assert (site / "objectives" / "streamline-check-in" / "index.html").is_file()
    assert (site / "review" / "okr101" / "index.html").is_file()
    assert (site / "assets" / "okrsite" / "okrsite.css").is_file()
