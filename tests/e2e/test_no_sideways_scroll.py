"""No page of the portal scrolls sideways, on a phone (390 px) or a laptop (1440 px): wide parts
(diagrams, the matrix, tables) scroll inside their own box, never the page, so a reader never
loses the status column or the navigation off the edge.

One page of every kind the portal generates, in both palettes' layout (the palette changes
colours only, so the light one is measured).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from browsing import OffSiteRequests, open_context

pytestmark = pytest.mark.slow  # builds a site, runs a server or drives a browser

if TYPE_CHECKING:
    from playwright.sync_api import Browser

PAGES = (
    "",  # the overview
    "objectives/",
    "key-results/",
    "initiatives/",
    "teams/",
    "capabilities/",
    "value-streams/",
    "owners/",
    "cycles/",
    "cycles/2026-q4/",
    "matrix/",
    "changes/",
    "objectives/streamline-check-in/",
    "objectives/ai-native-airline/",
    "objectives/faster-boarding/",  # its diagram drawn top to bottom to fit
    "key-results/checkin-wait-time/",
    "initiatives/self-service-kiosks/",
    "teams/skyway/",
    "capabilities/digital-check-in/",
    "stages/check-in/",
    "value-streams/passenger-journey/",
    "about/",
)
WIDTHS = (390, 1440)

OVERFLOW_JS = """() => ({
  page: document.documentElement.scrollWidth,
  view: window.innerWidth,
  culprits: [...document.querySelectorAll("article *")]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
    .filter(e => !e.closest(".okr-table, .okr-diagram, .okr-matrix, pre, .highlight, .tabbed-set"))
    .slice(0, 3).map(e => e.tagName.toLowerCase() + "." + [...e.classList].join(".")),
})"""


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways(browser: Browser, base_url: str, width: int) -> None:
    context = open_context(browser, base_url, OffSiteRequests())
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    too_wide = {}
    try:
        for path in PAGES:
            response = page.goto(path, wait_until="load")
            assert response is not None and response.ok, path
            found = page.evaluate(OVERFLOW_JS)
            if found["page"] > found["view"]:
                too_wide[path or "/"] = found
    finally:
        context.close()

    assert too_wide == {}, too_wide
