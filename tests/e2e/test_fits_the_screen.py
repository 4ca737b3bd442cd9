"""On a phone (390 px) and a wide screen (1440 px): a diagram shrinks to the column while its
text stays readable and past that scrolls in its own box, saying so; the matrix scrolls in its
own box with its headings kept in view (test_no_sideways_scroll.py: no page scrolls sideways)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

pytestmark = pytest.mark.slow  # builds a site, runs a server or drives a browser

if TYPE_CHECKING:
    from playwright.sync_api import Page

MIN_TEXT_PX = 10

DIAGRAM_JS = """() => {
  const box = document.querySelector(".okr-diagram");
  const svg = box.querySelector("svg");
  const sizes = [...svg.querySelectorAll("text")].map(t => Number(t.getAttribute("font-size")));
  return {
    scrolls: box.scrollWidth > box.clientWidth + 1,
    hinted: !document.querySelector(".okr-diagram__hint").hidden,
    textPx: Math.min(...sizes) * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width,
  };
}"""


@pytest.mark.parametrize(
    ("path", "width", "scrolls"),
    [
        ("objectives/faster-boarding/", 1440, False),
        ("objectives/faster-boarding/", 390, False),  # drawn top to bottom: fits a phone
        ("stages/check-in/", 1440, True),  # too wide both ways
        ("stages/check-in/", 390, True),
    ],
)
def test_a_diagram_shrinks_to_readable_text_then_scrolls_in_its_box_saying_so(
    page: Page, path: str, width: int, scrolls: bool
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(path)
    page.wait_for_function("() => document.querySelector('.okr-diagram-frame')")
    measured = page.evaluate(DIAGRAM_JS)
    assert measured["scrolls"] == scrolls
    assert measured["hinted"] == scrolls, "the hint shows exactly while the diagram scrolls"
    assert measured["textPx"] >= MIN_TEXT_PX - 0.05
    full_size = page.get_by_role("link", name="Open the diagram full size")
    response = page.request.get(full_size.evaluate("a => a.href"))
    assert response.ok and response.headers["content-type"].startswith("image/svg+xml")


def test_the_matrix_keeps_its_headings_in_view_while_it_scrolls(page: Page) -> None:
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("matrix/")
    grid = page.get_by_role("region", name="Initiatives × key results")
    grid.evaluate("box => box.scrollTo(400, 400)")
    offsets = grid.evaluate(
        """box => {
          const edge = box.getBoundingClientRect();
          const column = box.querySelector("thead th:nth-child(8)").getBoundingClientRect();
          const row = box.querySelector("tbody tr:nth-child(10) th").getBoundingClientRect();
          return [box.scrollLeft, box.scrollTop, column.top - edge.top, row.left - edge.left];
        }"""
    )
    scrolled_left, scrolled_down, column_top, row_left = offsets
    assert scrolled_left > 0 and scrolled_down > 0, "the grid scrolls both ways in its box"
    assert column_top < 2 and row_left < 2, "its headings stay at the box's edges"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
