"""The numbers users see, computed one way, in one place (documented in docs/guide/numbers.md).

Every function is pure: a key result or objective plus the as-of date in, a number or status out.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from okrsite.model import CheckIn, KeyResult, KeyResultType, Status, Window


@dataclass(frozen=True, slots=True)
class Thresholds:
    """How far progress may lag the expected line (gap = expected − progress) per status."""

    on_track: float = 0.10
    at_risk: float = 0.25


_ROUNDING_SLACK = 1e-9  # so a gap of exactly 0.10 counts as 0.10, not 0.1000000000000001


def clamp01(value: float) -> float:
    return min(1.0, max(0.0, value))


def checkins_until(checkins: Sequence[CheckIn], as_of: date) -> Sequence[CheckIn]:
    """Check-ins dated on or before the as-of date: a build "as of" a day ignores later ones.

    Check-ins are in date order (validation demands it, history merging keeps it), so this is
    a binary search: scoring asks it for every key result on every day a timeline shows.
    """
    return checkins[: bisect_right(checkins, as_of, key=_checkin_date)]


def _checkin_date(checkin: CheckIn) -> date:
    return checkin.date


def current_value(key_result: KeyResult, as_of: date) -> float | None:
    """`current`, else the latest check-in's value up to the as-of date, else the baseline."""
    if key_result.current is not None:
        return key_result.current
    values = [c.value for c in checkins_until(key_result.checkins, as_of) if c.value is not None]
    return values[-1] if values else key_result.baseline


def milestone_done(key_result: KeyResult, as_of: date) -> bool:
    """`done`, else the latest check-in's `done` up to the as-of date, else not done."""
    if key_result.done is not None:
        return key_result.done
    marks = [c.done for c in checkins_until(key_result.checkins, as_of) if c.done is not None]
    return bool(marks[-1]) if marks else False


def metric_progress(baseline: float, target: float, value: float) -> float:
    """Share of the way from baseline to target, 0–1; falling metrics have target < baseline."""
    if target == baseline:
        raise ValueError("target equals baseline: progress is undefined")
    return clamp01((value - baseline) / (target - baseline))


def key_result_progress(key_result: KeyResult, as_of: date) -> float | None:
    """Progress 0–1, or None when a metric lacks its baseline or target (a validation error)
    and for a health metric, which is kept within bounds and never counts as progress."""
    if key_result.type is KeyResultType.HEALTH:
        return None
    if key_result.type is KeyResultType.MILESTONE:
        return 1.0 if milestone_done(key_result, as_of) else 0.0
    value = current_value(key_result, as_of)
    if key_result.baseline is None or key_result.target is None or value is None:
        return None
    if key_result.target == key_result.baseline:
        return None
    return metric_progress(key_result.baseline, key_result.target, value)


def weighted_mean(pairs: Iterable[tuple[float | None, float]]) -> float | None:
    """Weight-averaged progress over the defined values; None when nothing is defined."""
    defined = [(value, weight) for value, weight in pairs if value is not None]
    total_weight = sum(weight for _, weight in defined)
    if not defined or total_weight <= 0:
        return None
    return sum(value * weight for value, weight in defined) / total_weight


def mean(values: Iterable[float | None]) -> float | None:
    """Plain mean over the defined values (roll-ups); None when nothing is defined."""
    return weighted_mean((value, 1.0) for value in values)


def expected_progress(window: Window | None, as_of: date) -> float | None:
    """Elapsed fraction of the window at the as-of date, 0–1; None without a window."""
    if window is None:
        return None
    length = (window.end - window.start).days
    if length <= 0:
        return 1.0 if as_of >= window.start else 0.0
    return clamp01((as_of - window.start).days / length)


def judge_status(
    progress: float | None,
    expected: float | None,
    window: Window | None,
    as_of: date,
    thresholds: Thresholds,
    override: Status | None = None,
) -> Status:
    """Status from progress against the expected line; an explicit override always wins."""
    if override is not None:
        return override
    if progress is None:
        return Status.UNKNOWN
    if progress >= 1.0:
        return Status.DONE
    if window is not None and as_of < window.start:
        return Status.NOT_STARTED
    if expected is None:
        return Status.UNKNOWN
    gap = expected - progress - _ROUNDING_SLACK
    if gap <= thresholds.on_track:
        return Status.ON_TRACK
    if gap <= thresholds.at_risk:
        return Status.AT_RISK
    return Status.OFF_TRACK


# How much a status asks of its readers, worst first: lists sort by it and a change from one to
# another is "worse" or "better" by it. Not started and unknown say nothing about the pace yet.
SEVERITY: dict[Status, int] = {
    Status.OFF_TRACK: 0,
    Status.AT_RISK: 1,
    Status.ON_TRACK: 2,
    Status.NOT_STARTED: 3,
    Status.UNKNOWN: 4,
    Status.DONE: 5,
}


def direction(before: Status, after: Status) -> str:
    """Whether a status got "worse" or "better": between paces, or to or from done. Empty when
    it stayed, or when it leaves "not started" or "no progress yet" (a first reading)."""
    if before == after or before in (Status.NOT_STARTED, Status.UNKNOWN):
        return ""
    return "worse" if SEVERITY[after] < SEVERITY[before] else "better"
