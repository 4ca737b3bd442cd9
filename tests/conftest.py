"""Fixtures every test module may use; module-specific helpers live in their own test files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from chromium import CHROMIUM_ARGS, browser_unavailable, find_chromium
from hypothesis import settings

if TYPE_CHECKING:
    from playwright.sync_api import Browser

REPO_ROOT = Path(__file__).resolve().parent.parent

# Two shared cores under load make per-example timing meaningless: no hypothesis deadlines.
settings.register_profile("okrsite", deadline=None)
settings.load_profile("okrsite")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def demo_content() -> Path:
    """The demo portal's content folder, the one `make serve` builds."""
    return REPO_ROOT / "content"


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo portal built once for the whole run, the way a user builds it (`mkdocs build
    --strict` in a copy of the repository's demo): read it, never write to it."""
    project = tmp_path_factory.mktemp("demo-project")
    for name in ("content", "docs"):
        shutil.copytree(REPO_ROOT / name, project / name)
    shutil.copy(REPO_ROOT / "mkdocs.yml", project / "mkdocs.yml")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", "site"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=True,
    )
    return project / "site"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Debian Chromium driven by Playwright, started once for the whole run."""
    executable = find_chromium()
    if executable is None:
        browser_unavailable("Chromium not found")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        browser_unavailable("the Playwright Python package is not installed")
    playwright = sync_playwright().start()
    try:
        launched = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
    except Exception as error:  # Playwright raises its own Error for a broken executable
        playwright.stop()
        browser_unavailable(f"Chromium at {executable} did not start ({error})")
    yield launched
    launched.close()
    playwright.stop()
