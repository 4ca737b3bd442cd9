"""Diagrams sized to the page: the direction that fits the column, and the smallest readable size.

A page shows a diagram at its natural size, shrunk to the content column, but never so far that
its box text drops below `MIN_TEXT_PX`; past that it scrolls inside its own box. A diagram is
drawn left to right; when that does not fit a phone's column it is drawn top to bottom too, and
the page gets the first of the two that fits a phone, else the widest column, else the
narrower. Everything here decides the inline SVG, so this module's code is part of its cache key.
"""

from __future__ import annotations

import math
import re

from okrsite.render.diagrams.graph import FONT_SIZE

ACROSS, DOWN = "LR", "TB"  # Graphviz's `rankdir` values
# Material's content column on a 390 px phone, and at its widest (1440 px, both sidebars)
COLUMNS_PX = (358, 688)
MIN_TEXT_PX = 10  # box text smaller than this is hard to read
MIN_SCALE = MIN_TEXT_PX / FONT_SIZE  # CSS px per SVG unit (a point) at the smallest size

_VIEW_BOX = re.compile(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"')


def drawn_size(document: str) -> tuple[float, float]:
    """Width and height of a diagram's SVG in its own units (points), from its viewBox."""
    found = _VIEW_BOX.search(document)
    if found is None:
        raise ValueError("a diagram's SVG without a viewBox")
    return float(found[1]), float(found[2])


def drawn_width(document: str) -> float:
    return drawn_size(document)[0]


def min_width_px(width: float) -> int:
    """How narrow a diagram `width` units wide may be shown with its text still readable."""
    return math.ceil(width * MIN_SCALE)


def fits(document: str, column: int) -> bool:
    return min_width_px(drawn_width(document)) <= column


def fits_a_phone(document: str) -> bool:
    """Whether a diagram drawn left to right needs no second drawing: it is the first choice."""
    return fits(document, COLUMNS_PX[0])


def choose(across: str, down: str) -> str:
    """Of a diagram drawn both ways (`dot`'s SVG documents), the one the page shows."""
    for column in COLUMNS_PX:
        for document in (across, down):
            if fits(document, column):
                return document
    return down if drawn_width(down) < drawn_width(across) else across
