"""Geometry of a key result's trend line: its values over time against the expected line.

Only coordinates are computed here (the markup is the `trend.svg.jinja` template, escaped like
every other template). Values come from the compute module: the dated check-ins up to the as-of
date, the current value at the as-of date, and the window the expected progress is judged on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from okrsite.compute.progress import checkins_until, current_value
from okrsite.compute.scorecard import key_result_window
from okrsite.compute.wording import with_unit
from okrsite.model import KeyResult, KeyResultType, Objective, Window
from okrsite.render.time_chart import Frame, TimeChart, time_chart_frame

_LEFT = 56  # the least room for value labels with their unit
_LABEL_CHAR = 8.5  # px per character of a value label at its largest (15 px text on a phone)


@dataclass(frozen=True, slots=True)
class TrendPoint:
    x: float
    y: float
    day: date
    value: float
    carried_from: date | None = None  # no reading that day: the value of this earlier check-in


@dataclass(frozen=True, slots=True)
class TrendChart(TimeChart):
    points: tuple[TrendPoint, ...]
    low: float
    high: float
    # the check-ins' confidence (0–1, the plot's full height): it falls before progress does
    confidence: tuple[TrendPoint, ...] = ()
    # a health metric's bounds, (value, y) each, drawn instead of the expected line
    bounds: tuple[tuple[float, float], ...] = ()

    @property
    def polyline(self) -> str:
        """The readings, solid."""
        return _polyline(tuple(p for p in self.points if p.carried_from is None))

    @property
    def carried_line(self) -> str:
        """From the last reading to the as-of date when nothing was checked in since: dashed,
        so an old value never looks like a fresh one."""
        if len(self.points) < 2 or self.points[-1].carried_from is None:
            return ""
        return _polyline(self.points[-2:])

    @property
    def confidence_polyline(self) -> str:
        return _polyline(self.confidence)


def _polyline(points: tuple[TrendPoint, ...]) -> str:
    return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in points)


def trend_chart(key_result: KeyResult, objective: Objective, as_of: date) -> TrendChart | None:
    """None when there is nothing to draw: a milestone, or no window, baseline or target (a
    health metric: no value yet)."""
    window = key_result_window(key_result, objective)
    baseline, target = key_result.baseline, key_result.target
    if key_result.type is KeyResultType.MILESTONE or window is None:
        return None
    if key_result.type is KeyResultType.HEALTH:
        return _health_chart(key_result, window, as_of)
    if baseline is None or target is None or window.end <= window.start:
        return None

    dated = [(c.date, c.value) for c in checkins_until(key_result.checkins, as_of)]
    values = {day: value for day, value in dated if value is not None}
    values.setdefault(window.start, baseline)
    last_reading = max(values)
    now, today = current_value(key_result, as_of), min(as_of, window.end)
    if now is not None and window.start <= as_of:
        values[today] = now
    carried = last_reading if today > last_reading and values[last_reading] == now else None
    days = sorted(day for day in values if window.start <= day <= window.end)

    low = min([baseline, target, *(values[d] for d in days)])
    high = max([baseline, target, *(values[d] for d in days)])
    frame = Frame(window, low, high, label_room(key_result, low, high))
    return TrendChart(
        **time_chart_frame(frame, baseline, target, as_of),
        points=tuple(
            TrendPoint(
                frame.x(d), frame.y(values[d]), d, values[d], carried if d == today else None
            )
            for d in days
        ),
        low=low,
        high=high,
        confidence=_confidence(key_result, window, as_of, frame.left),
    )


def _health_chart(key_result: KeyResult, window: Window, as_of: date) -> TrendChart | None:
    """A health metric's values against its bounds (dashed), without an expected line."""
    if window.end <= window.start:
        return None
    values = {
        c.date: c.value
        for c in checkins_until(key_result.checkins, as_of)
        if c.value is not None and window.start <= c.date <= window.end
    }
    if key_result.current is not None and window.start <= as_of:
        values[min(as_of, window.end)] = key_result.current
    if not values:
        return None
    bounds = [b for b in (key_result.keep_above, key_result.keep_below) if b is not None]
    low, high = min([*bounds, *values.values()]), max([*bounds, *values.values()])
    frame = Frame(window, low, high, label_room(key_result, low, high))
    days = sorted(values)
    return TrendChart(
        **time_chart_frame(frame, low, low, as_of),
        points=tuple(TrendPoint(frame.x(d), frame.y(values[d]), d, values[d]) for d in days),
        low=low,
        high=high,
        confidence=_confidence(key_result, window, as_of, frame.left),
        bounds=tuple((bound, frame.y(bound)) for bound in bounds),
    )


def label_room(key_result: KeyResult, low: float, high: float) -> int:
    """The left margin the value labels need ("12 sessions" was cut to "2 sessions")."""
    longest = max(len(with_unit(value, key_result.unit)) for value in (low, high))
    return max(_LEFT, math.ceil(longest * _LABEL_CHAR) + 10)


def _confidence(
    key_result: KeyResult, window: Window, as_of: date, left: int
) -> tuple[TrendPoint, ...]:
    share = Frame(window, 0.0, 1.0, left)
    confident = {
        c.date: c.confidence
        for c in checkins_until(key_result.checkins, as_of)
        if c.confidence is not None and window.start <= c.date <= window.end
    }
    return tuple(TrendPoint(share.x(d), share.y(value), d, value) for d, value in confident.items())
