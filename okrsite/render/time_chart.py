"""What the small time charts (a key result's trend, an objective's burn-up) have in common: a
date window across, a value range up, and the frame the templates draw them in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from okrsite.model import Window

WIDTH, HEIGHT = 560, 200
_RIGHT, _TOP, _BOTTOM = 16, 16, 32


@dataclass(frozen=True, slots=True)
class Frame:
    """Maps a day to x and a value to y inside the plot area (the left margin holds labels)."""

    window: Window
    low: float
    high: float
    left: int

    def x(self, day: date) -> float:
        plot_width = WIDTH - self.left - _RIGHT
        span_days = (self.window.end - self.window.start).days
        return self.left + plot_width * (day - self.window.start).days / span_days

    def y(self, value: float) -> float:
        if self.high <= self.low:
            return HEIGHT / 2
        plot_height = HEIGHT - _TOP - _BOTTOM
        return _TOP + plot_height * (1 - (value - self.low) / (self.high - self.low))


@dataclass(frozen=True, slots=True)
class TimeChart:
    """The frame a template draws: sizes, plot edges, the expected line and the as-of marker."""

    width: int
    height: int
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int
    expected: tuple[tuple[float, float], tuple[float, float]]
    as_of_x: float
    start: date
    end: date


def time_chart_frame(
    frame: Frame, expected_from: float, expected_to: float, as_of: date
) -> dict[str, Any]:
    """The TimeChart fields for a frame, for a chart constructor's `**`: the expected line runs
    from the window's start to its end."""
    window = frame.window
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "plot_left": frame.left,
        "plot_right": WIDTH - _RIGHT,
        "plot_top": _TOP,
        "plot_bottom": HEIGHT - _BOTTOM,
        "expected": (
            (frame.x(window.start), frame.y(expected_from)),
            (frame.x(window.end), frame.y(expected_to)),
        ),
        "as_of_x": frame.x(min(max(as_of, window.start), window.end)),
        "start": window.start,
        "end": window.end,
    }
