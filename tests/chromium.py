"""The one Chromium every browser test shares, and what happens when it is missing.

Playwright's sync API allows one running instance per thread, so a session-wide browser started
by one test module would break any other module that starts its own: all tests use the `browser`
fixture (tests/conftest.py). A missing browser skips locally and fails when `CI` is set, so a
CI run can never pass by not running the browser tests.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import NoReturn

import pytest

INSTALL_HINT = (
    "the browser tests need Chromium and the Python packages playwright and axe-playwright-python:"
    " run `make test` (installs them all), or `apt-get install chromium` and"
    " `pip install -e '.[test]'`"
)
CHROMIUM_CANDIDATES = (
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def browser_unavailable(reason: str) -> NoReturn:
    """Skip locally, fail in CI: a CI run must never pass by not running the browser tests."""
    message = f"{reason}; {INSTALL_HINT}"
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def find_chromium() -> str | None:
    on_path = shutil.which("chromium") or shutil.which("chromium-browser")
    if on_path:
        return on_path
    return next((path for path in CHROMIUM_CANDIDATES if Path(path).is_file()), None)
