"""What every e2e test shares: contexts cut off from the internet, and skip-or-fail when the
browser is missing (skipped locally, failed when `CI` is set, so CI never passes by skipping)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext

VIEWPORT = {"width": 1280, "height": 900}


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
