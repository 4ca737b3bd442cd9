"""Geometry of the cycles page's chart: one bar per scored cycle, its height the cycle's score
(a closed cycle's mean grade, the current cycle's live progress).

Only coordinates are computed here; the numbers come from `okrsite.compute.grades` and the
markup is `okrsite/partials/cycles.svg.jinja`, which also lists every bar in a table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from okrsite.compute.grades import CycleResult, CycleState

SHOWN = 12  # the latest cycles; the table on the page lists every one
_LEFT, _TOP, _BOTTOM, _BAR, _GAP = 44, 20, 36, 52, 16
_LABEL_CHARACTERS = 9  # what fits under a bar at 11 px; longer titles (months) show the id
PLOT_HEIGHT = 140


@dataclass(frozen=True, slots=True)
class CycleBar:
    title: str
    label: str
    score: float
    current: bool  # drawn apart: the current cycle is still moving
    x: float
    y: float
    height: float
    label_x: float


@dataclass(frozen=True, slots=True)
class CycleChart:
    width: int
    height: int
    plot_left: int
    plot_top: int
    plot_bottom: int
    plot_right: int
    bar_width: int
    bars: tuple[CycleBar, ...]


def cycle_chart(results: Mapping[str, CycleResult]) -> CycleChart | None:
    """None while fewer than two cycles have a score: one bar compares nothing."""
    scored = [r for r in results.values() if r.score is not None][-SHOWN:]
    if len(scored) < 2:
        return None
    bottom = _TOP + PLOT_HEIGHT
    bars = []
    for index, result in enumerate(scored):
        score = result.score or 0.0
        x = _LEFT + _GAP + index * (_BAR + _GAP)
        height = round(score * PLOT_HEIGHT, 1)
        bars.append(
            CycleBar(
                title=result.cycle.title,
                label=title
                if len(title := result.cycle.title) <= _LABEL_CHARACTERS
                else result.cycle.id,
                score=score,
                current=result.state is CycleState.CURRENT,
                x=x,
                y=round(bottom - height, 1),
                height=height,
                label_x=x + _BAR / 2,
            )
        )
    right = _LEFT + _GAP + len(bars) * (_BAR + _GAP)
    return CycleChart(right + 8, bottom + _BOTTOM, _LEFT, _TOP, bottom, right, _BAR, tuple(bars))
