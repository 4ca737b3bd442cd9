"""A team lead on a phone (390 px wide): from the overview's dashboard to the objectives that need
help and into one of them, by tapping, never scrolling sideways to find a status."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from browsing import OffSiteRequests, open_context
from screenshots import SCREENSHOTS

pytestmark = pytest.mark.slow  # builds a site, runs a server or drives a browser

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page

PHONE = {"width": 390, "height": 844}


def within_screen(page: Page, element: Locator) -> bool:
    box = element.bounding_box()
    return box is not None and 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"]


def shoot(page: Page, name: str) -> None:
    """The phone's first screen as the reader sees it (Material hides its tabs on phones)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png")


def test_from_the_dashboard_to_an_off_track_objective_on_a_phone(
    browser: Browser, base_url: str
) -> None:
    context = open_context(browser, base_url, OffSiteRequests(), color_scheme="dark")
    page = context.new_page()
    page.set_viewport_size(PHONE)
    try:
        page.goto("./")
        attention = page.locator("article .okr-attention")
        assert attention.locator(".card").count() > 0
        first_card_status = attention.locator(".card .okr-status").first
        assert within_screen(page, first_card_status)

        off_track = page.locator("article a", has_text=re.compile(r"^\d+ objectives off track$"))
        wanted = int(off_track.inner_text().split()[0])
        with page.expect_navigation():
            off_track.click()
        assert page.url.endswith("objectives/?status=off-track")
        rows = page.locator("article .okr-index tbody tr:not([hidden])")
        assert rows.count() == wanted
        statuses = rows.locator(".okr-status")
        assert {statuses.nth(n).inner_text() for n in range(statuses.count())} <= {"off track"}
        assert within_screen(page, statuses.first), "status off-screen on a phone"
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        shoot(page, "phone-objectives-off-track")

        title = rows.first.locator("a").first.inner_text()
        with page.expect_navigation():
            rows.first.locator("a").first.click()
        assert page.locator("article h1").inner_text().removesuffix("¶").strip() == title
        status = page.locator("article .okr-facts .okr-status").first
        assert status.inner_text() == "off track" and within_screen(page, status)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        shoot(page, "phone-objective")

        page.go_back()
        assert page.url.endswith("objectives/?status=off-track")
        assert page.locator("article .okr-index tbody tr:not([hidden])").count() == wanted
    finally:
        context.close()


CHART_LABELS_JS = """() => {
  const svg = document.querySelector("figure.okr-trend svg");
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll(".okr-trend__label")].map(label => ({
    text: label.textContent,
    px: parseFloat(getComputedStyle(label).fontSize) * scale,
    left: label.getBBox().x,
  }));
}"""


@pytest.mark.parametrize("width", [390, 1440])
def test_chart_labels_are_whole_and_readable(browser: Browser, base_url: str, width: int) -> None:
    """A trend's value labels fit their margin ("12 sessions", not "2 sessions") and stay about
    10 px or more however far the chart shrinks."""
    context = open_context(browser, base_url, OffSiteRequests())
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    try:
        page.goto("key-results/usability-sessions/")
        labels = page.evaluate(CHART_LABELS_JS)
    finally:
        context.close()

    assert any(label["text"].endswith(" sessions") for label in labels)
    assert all(label["left"] >= 0 for label in labels), labels
    assert min(label["px"] for label in labels) >= 9.5, labels
