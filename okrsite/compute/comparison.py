"""Cycle over cycle: "are we doing better than last quarter at this point?"

Day N of the current cycle is compared with day N of the previous one: each group's progress
then, over the previous cycle's objectives, as it stood on that day (check-ins dated by then
and, with history on, values committed by then: `grades.progress_on`), rolled up the way the
scorecard rolls up today's (the mean over objectives that have progress).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from okrsite.compute.cycles import Cycle
from okrsite.compute.grades import progress_on
from okrsite.compute.progress import mean
from okrsite.model import Model

NORTH_STAR = "north-star"  # the key of the whole portal's value, beside "<group>/<key>"


@dataclass(frozen=True, slots=True)
class CycleDay:
    """Where the as-of date stands in the current cycle: day `day` of `days`, and the day of
    the previous cycle it is compared with (the same day number, or its last day)."""

    day: int
    days: int
    previous: Cycle
    previous_day: date


def cycle_day(as_of: date, current: Cycle, previous: Cycle) -> CycleDay:
    window = current.window
    days = (window.end - window.start).days + 1
    day = min(max((as_of - window.start).days + 1, 1), days)
    then = min(previous.window.start + timedelta(days=day - 1), previous.window.end)
    return CycleDay(day, days, previous, then)


def progress_then(
    model: Model, groups: Mapping[str, Iterable[str]], members: Iterable[str], day: date
) -> dict[str, float]:
    """Each group's progress on `day` over its objectives among `members` (the previous
    cycle's), by `"<group>/<key>"`, and the whole portal's under NORTH_STAR; groups with no
    such objective with progress are left out."""
    progress = progress_on(model, members, day)
    found: dict[str, float] = {}
    whole = mean(value for value in progress.values() if value is not None)
    if whole is not None:
        found[NORTH_STAR] = whole
    for group, objectives in groups.items():
        value = mean(p for k in objectives if (p := progress.get(k)) is not None)
        if value is not None:
            found[group] = value
    return found
