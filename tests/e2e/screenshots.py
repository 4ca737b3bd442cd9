"""Screenshots of the pages journeys end on, for people to look at (test-output/ is gitignored)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


def save_screenshot(page: Page, name: str) -> Path:
    """A full-page screenshot named `name`.png, replacing the one of the previous run."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # From the top, as a reader arrives: scrolled down, Material fades the tabs out mid-capture.
    page.evaluate("window.scrollTo(0, 0)")
    # Only running animations count: a finished transition (the embed tabs' indicator) can stay
    # listed, paused, for as long as the page is open.
    page.wait_for_function(
        "() => !document.querySelector('.md-tabs[hidden]')"
        " && !document.getAnimations().some(a => a.playState === 'running')"
    )
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
