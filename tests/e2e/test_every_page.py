"""Every page of the built demo opens cleanly in Chromium: no console errors, no failed or
off-site requests, no broken images.

Two tabs of one context walk the whole site (the built folder: the sitemap names the demo's
example host); each page counts as loaded once its own requests, the search worker's
included, have all finished. The real search index is loaded on the first page only (the search
journeys use it fully).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browsing import OffSiteRequests, open_context

pytestmark = pytest.mark.slow  # builds a site, runs a server or drives a browser

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Request, Response

SETTLE_SECONDS = 5.0
TABS = 2  # pages loading side by side: one renderer process per core of a small machine

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
        # Cancelled by the browser itself: the favicon Chromium asks for after `load` is cut off
        # when the tab moves on to its next page. A missing file still shows as an HTTP error,
        # a broken image as one.
        if request.failure != "net::ERR_ABORTED":
            self.problems.append(f"request failed ({request.failure}): {request.url}")

    def on_response(self, response: Response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")


def serve_empty_search_index(context: BrowserContext, site: Path) -> None:
    """Every page's search worker indexes the same file; after the first page has loaded the real
    one, an empty index with the same settings spares the worker a quarter of the crawl's time."""
    real = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    empty = json.dumps({"config": real["config"], "docs": []})
    context.route(
        "**/search/search_index.json",
        lambda route: route.fulfill(body=empty, content_type="application/json"),
    )


def watched_page(context: BrowserContext) -> tuple[Page, PageWatch]:
    page = context.new_page()
    watch = PageWatch()
    page.on("console", watch.on_console)
    page.on("pageerror", watch.on_page_error)
    page.on("request", watch.on_request)
    page.on("requestfinished", watch.on_finished)
    page.on("requestfailed", watch.on_failed)
    page.on("response", watch.on_response)
    return page, watch


def inspect(page: Page, watch: PageWatch) -> tuple[list[str], int]:
    """Once the loaded page's requests have settled: its problems, and how many images it has."""
    deadline = time.monotonic() + SETTLE_SECONDS
    while watch.running and time.monotonic() < deadline:
        page.wait_for_timeout(10)
    found = watch.problems + [f"still loading: {request.url}" for request in watch.running]
    watch.problems, watch.running = [], set()
    found += [f"broken image: {src}" for src in page.evaluate(BROKEN_IMAGES_JS)]
    return found, page.evaluate("() => document.images.length")


def test_every_page_loads_without_errors_and_with_whole_images(
    browser: Browser, base_url: str, demo_site: Path
) -> None:
    paths = page_paths(demo_site)
    assert len(paths) > 100, "the demo site lost its pages"
    off_site = OffSiteRequests()
    context = open_context(browser, base_url, off_site)
    problems: dict[str, list[str]] = {}
    images = 0
    try:
        first = watched_page(context)
        first[0].goto(paths[0], wait_until="load")
        found, images = inspect(*first)
        if found:
            problems[paths[0] or "/"] = found
        serve_empty_search_index(context, demo_site)
        tabs = [first] + [watched_page(context) for _ in range(TABS - 1)]
        for start in range(1, len(paths), TABS):
            batch = list(zip(tabs, paths[start : start + TABS], strict=False))  # last may be short
            for (page, _), path in batch:  # start every tab loading, then wait for each
                page.evaluate("url => setTimeout(() => { location.href = url })", base_url + path)
            for (page, watch), path in batch:
                page.wait_for_url(base_url + path, wait_until="load")
                found, count = inspect(page, watch)
                images += count
                if found:
                    problems[path or "/"] = found
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
