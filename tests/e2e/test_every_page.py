"""Every page of the built demo opens cleanly in Chromium: no console errors, no failed or
off-site requests, no broken images.

One page in one context walks the whole site (the built folder, since the demo has no site_url
and so an empty sitemap); each page counts as loaded once its own requests, the search worker's
included, have all finished.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browsing import OffSiteRequests, open_context

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Request, Response

SETTLE_SECONDS = 5.0

BROKEN_IMAGES_JS = """() => [...document.images]
  .filter(img => !img.complete || img.naturalWidth === 0 || img.naturalHeight === 0)
  .map(img => img.getAttribute("src"))"""


def page_paths(site: Path) -> list[str]:
    """URL paths of every HTML page in the build, relative to the site root."""
    paths = []
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        paths.append(relative.removesuffix("index.html"))
    return paths


class PageWatch:
    """What one page did while loading: errors, failures and requests still running."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.running: set[Request] = set()

    def on_console(self, message: object) -> None:
        if message.type == "error":  # type: ignore[attr-defined]
            self.problems.append(f"console error: {message.text}")  # type: ignore[attr-defined]

    def on_page_error(self, error: object) -> None:
        self.problems.append(f"uncaught exception: {error}")

    def on_request(self, request: Request) -> None:
        self.running.add(request)

    def on_finished(self, request: Request) -> None:
        self.running.discard(request)

    def on_failed(self, request: Request) -> None:
        self.running.discard(request)
        self.problems.append(f"request failed ({request.failure}): {request.url}")

    def on_response(self, response: Response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")


def test_every_page_loads_without_errors_and_with_whole_images(
    browser: Browser, base_url: str, demo_site: Path
) -> None:
    paths = page_paths(demo_site)
    assert len(paths) > 100, "the demo site lost its pages"
    off_site = OffSiteRequests()
    context = open_context(browser, base_url, off_site)
    page = context.new_page()
    watch = PageWatch()
    page.on("console", watch.on_console)
    page.on("pageerror", watch.on_page_error)
    page.on("request", watch.on_request)
    page.on("requestfinished", watch.on_finished)
    page.on("requestfailed", watch.on_failed)
    page.on("response", watch.on_response)

    problems: dict[str, list[str]] = {}
    images = 0
    try:
        for path in paths:
            watch.problems = []
            page.goto(path, wait_until="load")
            deadline = time.monotonic() + SETTLE_SECONDS
            while watch.running and time.monotonic() < deadline:
                page.wait_for_timeout(10)
            if watch.running:
                watch.problems.extend(f"still loading: {r.url}" for r in watch.running)
                watch.running.clear()
            broken = page.evaluate(BROKEN_IMAGES_JS)
            watch.problems.extend(f"broken image: {src}" for src in broken)
            images += page.evaluate("() => document.images.length")
            if watch.problems:
                problems[path or "/"] = watch.problems
    finally:
        context.close()

    assert problems == {}, "\n".join(
        f"{path}: {problem}" for path, found in problems.items() for problem in found
    )
    assert off_site.urls == []
    assert images > 0, "no page showed an image, so the image check checked nothing"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("index.html", ""), ("objectives/x/index.html", "objectives/x/"), ("404.html", "404.html")],
)
def test_page_paths_turn_files_into_urls(tmp_path: Path, name: str, expected: str) -> None:
    (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / name).write_text("<html></html>")
    assert page_paths(tmp_path) == [expected]
