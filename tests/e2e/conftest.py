"""The demo portal in a real browser: built once, served on loopback, driven by Debian's Chromium.

A machine without Chromium skips these tests with a message saying how to install it; with `CI`
set they fail instead (browsing.browser_unavailable).
"""

from __future__ import annotations

import functools
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from browsing import OffSiteRequests, open_context

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        """Keep the test output for failures, not access logs."""


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """The browser drops connections it no longer needs; that is not a failure."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def base_url(demo_site: Path) -> Iterator[str]:
    """The demo portal served on a free loopback port for the whole session."""
    server = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=demo_site))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def off_site() -> OffSiteRequests:
    return OffSiteRequests()


@pytest.fixture
def context(browser: Browser, base_url: str, off_site: OffSiteRequests) -> Iterator[BrowserContext]:
    """A fresh context per test, so one test's palette choice (kept in storage) cannot leak."""
    fresh = open_context(browser, base_url, off_site)
    yield fresh
    fresh.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()
