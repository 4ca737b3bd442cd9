"""Every index on a phone (390 px wide) shows each row's status and progress without scrolling
its table sideways: they follow the title (that no page scrolls sideways at all is
test_no_sideways_scroll.py's)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

pytestmark = pytest.mark.slow  # builds a site, runs a server or drives a browser

if TYPE_CHECKING:
    from playwright.sync_api import Page

PHONE = {"width": 390, "height": 844}
INDEXES = [
    "objectives/", "key-results/", "initiatives/", "teams/", "capabilities/", "value-streams/",
]  # fmt: skip


def scroll_width(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


@pytest.mark.parametrize("path", INDEXES)
def test_an_index_shows_status_on_a_phone(page: Page, path: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(path)
    assert scroll_width(page) <= PHONE["width"]
    table = page.locator("article table").first
    headings = table.locator("thead th")
    names = [name.strip() for name in headings.all_inner_texts()]
    for name in ("Status", "Progress") if "Progress" in names else ("Status",):
        box = headings.nth(names.index(name)).bounding_box()
        assert box is not None and box["x"] + box["width"] <= PHONE["width"], (name, box)
    pill = table.locator("tbody tr:visible .okr-status").first.bounding_box()
    assert pill is not None and pill["x"] + pill["width"] <= PHONE["width"], pill
