"""Fixtures every test module may use; module-specific helpers live in their own test files."""

from __future__ import annotations

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
