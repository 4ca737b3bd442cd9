"""Geometry of an objective's burn-up chart: its progress over the period against the expected line.

Only coordinates are computed here. The numbers come from `okrsite.compute.timeline` (the merged
check-ins, written and from git) and the markup is `okrsite/partials/burnup.svg.jinja`, escaped
like every template. Progress holds between check-ins, so the line steps: flat until the day
it changed, then straight up or down, never a slope that suggests values nobody recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from okrsite.compute.progress import Thresholds, expected_progress
from okrsite.compute.timeline import objective_timeline
from okrsite.model import Model, Status

WIDTH, HEIGHT = 560, 200
_LEFT, _RIGHT, _TOP, _BOTTOM = 48, 16, 16, 32


@dataclass(frozen=True, slots=True)
class BurnupPoint:
    x: float
    y: float
    day: date
    progress: float
    expected: float | None
    status: Status


@dataclass(frozen=True, slots=True)
class BurnupChart:
    width: int
    height: int
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int
    points: tuple[BurnupPoint, ...]
    steps: str  # the `points` attribute of the stepped progress line
    expected: tuple[tuple[float, float], tuple[float, float]]
    as_of_x: float
    start: date
    end: date


def burnup_chart(model: Model, key: str, as_of: date, thresholds: Thresholds) -> BurnupChart | None:
    """None when there is nothing to draw: no period (or a one-day one), not started yet, or
    no key result with a defined progress."""
    objective = model.objectives[key]
    if objective.period is None:
        return None
    window = objective.period.window
    span_days = (window.end - window.start).days
    if span_days <= 0:
        return None
    plot_width = WIDTH - _LEFT - _RIGHT
    plot_height = HEIGHT - _TOP - _BOTTOM

    def x_of(day: date) -> float:
        return _LEFT + plot_width * (day - window.start).days / span_days

    def y_of(progress: float) -> float:
        return _TOP + plot_height * (1 - progress)

    points = tuple(
        BurnupPoint(
            x_of(p.day),
            y_of(p.score.progress),
            p.day,
            p.score.progress,
            p.score.expected,
            p.score.status,
        )
        for p in objective_timeline(model, key, as_of, thresholds)
        if p.score.progress is not None
    )
    if not points:
        return None
    corners = [(points[0].x, points[0].y)]
    for before, after in zip(points, points[1:], strict=False):
        corners += [(after.x, before.y), (after.x, after.y)]
    corners = [c for n, c in enumerate(corners) if n == 0 or c != corners[n - 1]]
    opening = expected_progress(window, window.start) or 0.0
    closing = expected_progress(window, window.end) or 0.0
    return BurnupChart(
        width=WIDTH,
        height=HEIGHT,
        plot_left=_LEFT,
        plot_right=WIDTH - _RIGHT,
        plot_top=_TOP,
        plot_bottom=HEIGHT - _BOTTOM,
        points=points,
        steps=" ".join(f"{x:.1f},{y:.1f}" for x, y in corners),
        expected=((x_of(window.start), y_of(opening)), (x_of(window.end), y_of(closing))),
        as_of_x=x_of(min(as_of, window.end)),
        start=window.start,
        end=window.end,
    )
