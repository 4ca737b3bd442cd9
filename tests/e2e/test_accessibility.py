"""axe-core on one page of each kind people read most, in the light and the dark palette.

axe-core comes bundled in the `axe-playwright-python` package (a test extra), so a fresh machine
needs no npm. Serious and critical violations fail the test; each is listed with the rule, what
it means and where it was found.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from browsing import OffSiteRequests, open_context
from chromium import browser_unavailable

pytestmark = pytest.mark.slow  # builds a site, runs a server or drives a browser

if TYPE_CHECKING:
    from playwright.sync_api import Browser

FAILING_IMPACTS = {"serious", "critical"}
PAGES = {
    "overview": "./",
    "stage": "stages/check-in/",
    "objective": "objectives/kiosk-rollout/",
    "key result": "key-results/kiosks-live/",
    "objectives index": "objectives/",
    "closed cycle": "cycles/2026-q2/",
    "closed objective": "objectives/self-boarding-pilot/",
    "team": "teams/operations/",
    "matrix": "matrix/",
}
SCHEMES = {"light": "default", "dark": "slate"}


@pytest.fixture(scope="module")
def axe() -> object:
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        browser_unavailable("axe-playwright-python (which bundles axe-core) is not installed")
    return Axe()


def described(violations: list[dict]) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        + (f" and {len(v['nodes']) - 5} more" if len(v["nodes"]) > 5 else "")
        for v in violations
    ]


@pytest.mark.parametrize("palette", SCHEMES)
def test_no_serious_accessibility_violations(
    browser: Browser, base_url: str, axe: object, palette: str
) -> None:
    context = open_context(browser, base_url, OffSiteRequests(), color_scheme=palette)
    page = context.new_page()
    found: dict[str, list[str]] = {}
    try:
        for name, path in PAGES.items():
            page.goto(path)
            scheme = page.locator("body").get_attribute("data-md-color-scheme")
            assert scheme == SCHEMES[palette], f"{name}: the {palette} palette did not apply"
            results = axe.run(page).response  # type: ignore[attr-defined]
            failing = [v for v in results["violations"] if v["impact"] in FAILING_IMPACTS]
            if failing:
                found[name] = described(failing)
    finally:
        context.close()
    assert found == {}, "\n".join(
        f"{name}: {problem}" for name, problems in found.items() for problem in problems
    )
