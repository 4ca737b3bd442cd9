"""What every e2e test shares: contexts cut off from the internet, and skip-or-fail when the
browser is missing (skipped locally, failed when `CI` is set, so CI never passes by skipping)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NoReturn

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext

VIEWPORT = {"width": 1280, "height": 900}
INSTALL_HINT = (
    "the browser tests need Chromium and the Python packages playwright and axe-playwright-python:"
    " run `make test` (installs them all), or `apt-get install chromium` and"
    " `pip install -e '.[test]'`"
)


def browser_unavailable(reason: str) -> NoReturn:
    """Skip locally, fail in CI: a CI run must never pass by not running the browser tests."""
    message = f"{reason}; {INSTALL_HINT}"
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@dataclass
class OffSiteRequests:
    """Requests to anything but the test server: blocked, so no test reaches the internet."""

    urls: list[str] = field(default_factory=list)


def open_context(
    browser: Browser, base_url: str, blocked: OffSiteRequests, color_scheme: str = "light"
) -> BrowserContext:
    context = browser.new_context(
        viewport=VIEWPORT,
        color_scheme=color_scheme,  # type: ignore[arg-type]
        base_url=base_url,
    )
    context.set_default_timeout(10_000)

    def block(route: Any) -> None:
        blocked.urls.append(route.request.url)
        route.abort("blockedbyclient")

    context.route(lambda url: not url.startswith(base_url), block)
    return context
