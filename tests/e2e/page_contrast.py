"""Contrast of text against what is really behind it, measured in the browser (WCAG 2 formula).

Colours are read from computed styles and resolved through a 1×1 canvas, so every CSS colour
syntax the browser knows (`color-mix`, `color(srgb …)`, named colours) counts the same, and
translucent backgrounds are composited over their ancestors' as the browser paints them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page

NORMAL_TEXT = 4.5
LARGE_TEXT = 3.0

CONTRAST_JS = (Path(__file__).parent / "contrast.js").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Measured:
    what: str
    ratio: float
    large: bool
    px: float

    @property
    def needed(self) -> float:
        """WCAG AA: 4.5 for normal text; 3 for large text and for shapes (`large` is set)."""
        return LARGE_TEXT if self.large else NORMAL_TEXT


def install(page: Page) -> None:
    page.evaluate(CONTRAST_JS)


def html_text(page: Page, selector: str) -> list[Measured]:
    return _measured(page.evaluate("s => okrContrast.htmlText(s)", selector))


def svg_text(page: Page, selector: str, shape_selector: str) -> list[Measured]:
    return _measured(
        page.evaluate("([s, t]) => okrContrast.svgText(s, t)", [selector, shape_selector])
    )


def fills(page: Page, selector: str) -> list[Measured]:
    return _measured(page.evaluate("s => okrContrast.fills(s)", selector))


def image_text(page: Page, selector: str) -> list[Measured]:
    return _measured(
        page.evaluate(
            "async s => (await Promise.all([...document.querySelectorAll(s)]"
            ".map(okrContrast.imageText))).flat()",
            selector,
        )
    )


def too_faint(measured: list[Measured], needed: float | None = None) -> list[str]:
    """Everything below its threshold (WCAG AA unless `needed` says otherwise), readably."""
    return [
        f"{m.what!r}: {m.ratio:.2f} < {needed or m.needed}"
        for m in measured
        if m.ratio < (needed or m.needed)
    ]


def _measured(rows: list[dict]) -> list[Measured]:
    return [Measured(row["what"], row["ratio"], row["large"], row["px"]) for row in rows]
