"""Geometry of a key result's trend line: its values over time against the expected line.

Only coordinates are computed here (the markup is the `trend.svg.jinja` template, escaped like
every other template). Values come from the compute module: the dated check-ins up to the as-of
date, the current value at the as-of date, and the window the expected progress is judged on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from okrsite.compute.progress import checkins_until, current_value
from okrsite.compute.scorecard import key_result_window
from okrsite.model import KeyResult, KeyResultType, Objective

WIDTH, HEIGHT = 560, 200
_LEFT, _RIGHT, _TOP, _BOTTOM = 56, 16, 16, 32


@dataclass(frozen=True, slots=True)
class TrendPoint:
    x: float
    y: float
    day: date
    value: float


@dataclass(frozen=True, slots=True)
class TrendChart:
    width: int
    height: int
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int
    points: tuple[TrendPoint, ...]
    expected: tuple[tuple[float, float], tuple[float, float]]
    as_of_x: float
    start: date
    end: date
    low: float
    high: float

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


def trend_chart(key_result: KeyResult, objective: Objective, as_of: date) -> TrendChart | None:
    """None when there is nothing to draw: a milestone, or no window, baseline or target."""
    window = key_result_window(key_result, objective)
    baseline, target = key_result.baseline, key_result.target
    if key_result.type is KeyResultType.MILESTONE or window is None:
        return None
    if baseline is None or target is None or window.end <= window.start:
        return None

    dated = [(c.date, c.value) for c in checkins_until(key_result.checkins, as_of)]
    values = {day: value for day, value in dated if value is not None}
    values.setdefault(window.start, baseline)
    now = current_value(key_result, as_of)
    if now is not None and window.start <= as_of:
        values[min(as_of, window.end)] = now
    days = sorted(day for day in values if window.start <= day <= window.end)

    low = min([baseline, target, *(values[d] for d in days)])
    high = max([baseline, target, *(values[d] for d in days)])
    span_days = (window.end - window.start).days
    plot_width = WIDTH - _LEFT - _RIGHT
    plot_height = HEIGHT - _TOP - _BOTTOM

    def x_of(day: date) -> float:
        return _LEFT + plot_width * (day - window.start).days / span_days

    def y_of(value: float) -> float:
        return _TOP + plot_height * (1 - (value - low) / (high - low)) if high > low else HEIGHT / 2

    return TrendChart(
        width=WIDTH,
        height=HEIGHT,
        plot_left=_LEFT,
        plot_right=WIDTH - _RIGHT,
        plot_top=_TOP,
        plot_bottom=HEIGHT - _BOTTOM,
        points=tuple(TrendPoint(x_of(d), y_of(values[d]), d, values[d]) for d in days),
        expected=((x_of(window.start), y_of(baseline)), (x_of(window.end), y_of(target))),
        as_of_x=x_of(min(max(as_of, window.start), window.end)),
        start=window.start,
        end=window.end,
        low=low,
        high=high,
    )
