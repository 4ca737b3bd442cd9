"""How a score reads in words, the same on pages, diagrams, badges and feeds.

Progress shows as a whole percent rounded DOWN, so 99.6% reads 99% and "100%" appears only when
the work is done; undefined progress never reads as 0%.
"""

from __future__ import annotations

import math

from okrsite.model import InitiativeStatus, Status

_FLOAT_SLACK = 1e-9  # 0.29 * 100 is 28.999999999999996 in binary floating point

STATUS_LABELS: dict[str, str] = {
    Status.NOT_STARTED: "not started",
    Status.ON_TRACK: "on track",
    Status.AT_RISK: "at risk",
    Status.OFF_TRACK: "off track",
    Status.DONE: "done",
    Status.UNKNOWN: "no progress yet",
    InitiativeStatus.PLANNED: "planned",
    InitiativeStatus.IN_PROGRESS: "in progress",
    InitiativeStatus.BLOCKED: "blocked",
    InitiativeStatus.CANCELLED: "cancelled",
}


def whole_percent(progress: float) -> int:
    """Progress 0–1 as an integer percent, rounded down (see module docstring)."""
    return math.floor(progress * 100 + _FLOAT_SLACK)


def grade_text(grade: float) -> str:
    """A grade 0–1 with one decimal, rounded down like percents: 0.96 reads 0.9, never a 1.0
    that is not met."""
    return f"{math.floor(grade * 10 + _FLOAT_SLACK) / 10:.1f}"


def band_label(band: str) -> str:
    """`partly met`: a grade band as people read it."""
    return band.replace("-", " ")


def status_label(status: str) -> str:
    """`on track`, `no progress yet`: what a status is called wherever people read it."""
    return STATUS_LABELS.get(status, status.replace("-", " "))


def progress_and_status(progress: float | None, status: str) -> str:
    """`53% · on track`, or the status alone when progress is undefined."""
    if progress is None:
        return status_label(status)
    return f"{whole_percent(progress)}% · {status_label(status)}"


def number(value: float | None) -> str:
    """At most two decimals, no trailing zeros, thousands separated: 12, 10.4, 1,250."""
    if value is None:
        return "—"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def with_unit(value: float | None, unit: str) -> str:
    """`10.4 min`, `62%`, `3.9`: units that are symbols hug the number."""
    if value is None:
        return "—"
    if not unit:
        return number(value)
    joiner = "" if unit in {"%", "‰", "°"} else " "
    return f"{number(value)}{joiner}{unit}"
