"""The screenshot the README shows is the demo portal's overview as this code draws it: every
run takes it afresh (test-output/screenshots/readme-overview.png), and `make screenshot` puts it
into docs/images/overview.png, the file the README links, which this test checks is there and
of the same size."""

from __future__ import annotations

import os
import shutil
import struct
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from screenshots import SCREENSHOTS

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "docs" / "images" / "overview.png"
SIZE = (1440, 900)  # a laptop's screen: the overview's headline and first cards


def png_size(path: Path) -> tuple[int, int]:
    width, height = struct.unpack(">II", path.read_bytes()[16:24])  # the IHDR chunk
    return width, height


def test_the_readmes_screenshot_is_the_overview_as_drawn_now(context: BrowserContext) -> None:
    page = context.new_page()
    page.set_viewport_size({"width": SIZE[0], "height": SIZE[1]})
    page.goto("")
    page.wait_for_function("() => !document.getAnimations().some(a => a.playState === 'running')")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    fresh = SCREENSHOTS / "readme-overview.png"
    page.screenshot(path=str(fresh))
    if os.environ.get("OKRSITE_UPDATE_SCREENSHOT"):
        shutil.copy(fresh, COMMITTED)

    assert png_size(fresh) == SIZE
    assert "docs/images/overview.png" in (ROOT / "README.md").read_text("utf-8")
    assert COMMITTED.is_file(), "run `make screenshot`"
    assert png_size(COMMITTED) == SIZE
