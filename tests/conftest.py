"""Fixtures every test module may use; module-specific helpers live in their own test files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

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
