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
from okrsite.render.time_chart import Frame, TimeChart, time_chart_frame

_LEFT = 48  # room for the 0% and 100% labels


@dataclass(frozen=True, slots=True)
class BurnupPoint:
    x: float
    y: float
    day: date
    progress: float
    expected: float | None
    status: Status


@dataclass(frozen=True, slots=True)
class BurnupChart(TimeChart):
    points: tuple[BurnupPoint, ...]
    steps: str  # the `points` attribute of the stepped progress line


def burnup_chart(model: Model, key: str, as_of: date, thresholds: Thresholds) -> BurnupChart | None:
    """None when there is nothing to draw: no period (or a one-day one), not started yet, or
    no key result with a defined progress."""
    objective = model.objectives[key]
    if objective.period is None:
        return None
    window = objective.period.window
    if window.end <= window.start:
        return None
    frame = Frame(window, 0.0, 1.0, _LEFT)
    points = tuple(
        BurnupPoint(
            frame.x(p.day),
            frame.y(p.score.progress),
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
        **time_chart_frame(frame, opening, closing, as_of),
        points=points,
        steps=" ".join(f"{x:.1f},{y:.1f}" for x, y in corners),
    )
