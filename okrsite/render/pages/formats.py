"""How numbers, statuses and dates read on a page: always with their unit, never colour only."""

from __future__ import annotations

from okrsite.compute.scorecard import Score
from okrsite.compute.signals import SIGNAL_LABELS, SignalKind
from okrsite.compute.wording import (
    band_label,
    grade_text,
    number,
    status_label,
    whole_percent,
    with_unit,
)

__all__ = [
    "band_label",
    "grade",
    "number",
    "percent",
    "percent_number",
    "progress_text",
    "signal_label",
    "status_label",
    "title_head",
    "with_unit",
]


def grade(value: float | None) -> str:
    """`0.6`; no grade (no key results) reads as a dash."""
    return "—" if value is None else grade_text(value)


def percent(fraction: float | None) -> str:
    """`53%`; an undefined progress reads as a dash, never as 0%."""
    return "—" if fraction is None else f"{whole_percent(fraction)}%"


def progress_text(score: Score) -> str:
    """`53% of 85% expected`: what a bar shows, in words, so no number hides in a tooltip."""
    if score.progress is None:
        return "no progress yet"
    if score.expected is None:
        return percent(score.progress)
    return f"{percent(score.progress)} of {percent(score.expected)} expected"


def percent_number(fraction: float | None) -> int | None:
    return None if fraction is None else whole_percent(fraction)


def signal_label(kind: str) -> str:
    """`moved goalpost`, `stale`: what a signal is called wherever people read it."""
    return SIGNAL_LABELS[SignalKind(kind)]


HEADING_CHARS = 30  # of a title in a narrow column heading (the matrix's)


def title_head(title: str, width: int = HEADING_CHARS) -> tuple[str, str]:
    """A title cut after the words that fit in `width` characters, and the rest ("" when it
    all fits): a narrow heading shows the first, the tooltip and screen readers give both."""
    flat = " ".join(title.split())
    if len(flat) <= width:
        return flat, ""
    cut = flat.rfind(" ", 0, width + 1)
    cut = cut if cut > 0 else width
    return flat[:cut], flat[cut:]
