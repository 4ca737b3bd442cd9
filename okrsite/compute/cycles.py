"""OKR cycles: the quarters (or halves, years, months) a company sets, checks and grades goals in.

A cycle is a run of whole months inside a (fiscal) year. With the year starting in January the
ids read `2026-q3`, `2026-h2`, `2026`, `2026-09`; a fiscal year starting in another month is
named by the calendar year it ends in (`year_start: 7`: `fy2027-q1` is July to September 2026),
as most companies name theirs. A month is a month whatever the fiscal year.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from okrsite.model import Window


class CycleLength(StrEnum):
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"
    MONTH = "month"

    @property
    def months(self) -> int:
        return _MONTHS[self]


_MONTHS = {CycleLength.MONTH: 1, CycleLength.QUARTER: 3, CycleLength.HALF: 6, CycleLength.YEAR: 12}
_LETTER = {CycleLength.QUARTER: "q", CycleLength.HALF: "h"}


@dataclass(frozen=True, slots=True)
class CycleRule:
    """How a company cuts time into cycles (the `cycle` and `year_start` settings)."""

    length: CycleLength = CycleLength.QUARTER
    year_start: int = 1  # the month (1-12) a fiscal year starts in
    # teams grade a cycle in the days after it ends: check-ins dated up to this many days after
    # a window's end are accepted and count toward that cycle's grade
    grading_days: int = 14

    def __post_init__(self) -> None:
        if not 1 <= self.year_start <= 12:
            raise ValueError(f"year_start must be a month from 1 to 12, not {self.year_start}")
        if self.grading_days < 0:
            raise ValueError(f"grading_days must be 0 or more, not {self.grading_days}")


@dataclass(frozen=True, slots=True)
class Cycle:
    id: str
    title: str
    window: Window


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _first_day(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def _last_day(index: int) -> date:
    year, month = index // 12, index % 12 + 1
    return date(year, month, calendar.monthrange(year, month)[1])


def _cycle_at(index: int, rule: CycleRule) -> Cycle:
    """The cycle holding the month with this index (year * 12 + month - 1)."""
    length = rule.length.months
    if rule.length is CycleLength.MONTH:
        start = index
        label = f"{index // 12:04d}-{index % 12 + 1:02d}"
        title = f"{calendar.month_name[index % 12 + 1]} {index // 12}"
        return Cycle(label, title, Window(_first_day(start), _last_day(start)))
    offset = rule.year_start - 1
    year_index, month_in_year = divmod(index - offset, 12)
    number = month_in_year // length
    start = year_index * 12 + offset + number * length
    fiscal = rule.year_start != 1
    year_name = year_index + 1 if fiscal else year_index  # a fiscal year: the year it ends in
    year_id, year_title = (f"fy{year_name}", f"FY{year_name}") if fiscal else (f"{year_name}",) * 2
    window = Window(_first_day(start), _last_day(start + length - 1))
    if rule.length is CycleLength.YEAR:
        return Cycle(year_id, year_title, window)
    letter = _LETTER[rule.length]
    return Cycle(
        f"{year_id}-{letter}{number + 1}", f"{year_title} {letter.upper()}{number + 1}", window
    )


def cycle_of(day: date, rule: CycleRule) -> Cycle:
    """The cycle a day falls in."""
    return _cycle_at(_month_index(day), rule)


def cycles_overlapping(window: Window, rule: CycleRule) -> tuple[Cycle, ...]:
    """Every cycle sharing at least one day with the window, in order."""
    found: list[Cycle] = []
    index = _month_index(window.start)
    while index <= _month_index(window.end):
        cycle = _cycle_at(index, rule)
        found.append(cycle)
        index = _month_index(cycle.window.end) + 1
    return tuple(found)


def overlaps(window: Window | None, cycle: Cycle) -> bool:
    """Whether a goal with this period belongs to the cycle; one without a period belongs to
    whichever cycle is current, so the caller passes it only that one."""
    if window is None:
        return True
    return window.start <= cycle.window.end and cycle.window.start <= window.end


def next_cycle(cycle: Cycle, rule: CycleRule) -> Cycle:
    return _cycle_at(_month_index(cycle.window.end) + 1, rule)


def previous_cycle(cycle: Cycle, rule: CycleRule) -> Cycle:
    return _cycle_at(_month_index(cycle.window.start) - 1, rule)
