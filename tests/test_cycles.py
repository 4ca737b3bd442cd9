"""Cycles, against dates worked out by hand: calendar and fiscal years, every length, windows
that span several cycles."""

from __future__ import annotations

from datetime import date

import pytest

from okrsite.compute.cycles import (
    CycleLength,
    CycleRule,
    cycle_of,
    cycles_overlapping,
    next_cycle,
    previous_cycle,
)
from okrsite.model import Window

QUARTER, HALF, YEAR, MONTH = (CycleRule(length) for length in CycleLength)


@pytest.mark.parametrize(
    ("day", "rule", "cycle_id", "title", "start", "end"),
    [
        (date(2026, 8, 15), QUARTER, "2026-q3", "2026 Q3", date(2026, 7, 1), date(2026, 9, 30)),
        (date(2026, 1, 1), QUARTER, "2026-q1", "2026 Q1", date(2026, 1, 1), date(2026, 3, 31)),
        (date(2026, 12, 31), QUARTER, "2026-q4", "2026 Q4", date(2026, 10, 1), date(2026, 12, 31)),
        (date(2026, 8, 15), HALF, "2026-h2", "2026 H2", date(2026, 7, 1), date(2026, 12, 31)),
        (date(2026, 8, 15), YEAR, "2026", "2026", date(2026, 1, 1), date(2026, 12, 31)),
        (date(2026, 9, 3), MONTH, "2026-09", "September 2026", date(2026, 9, 1), date(2026, 9, 30)),
        (date(2028, 2, 29), MONTH, "2028-02", "February 2028", date(2028, 2, 1), date(2028, 2, 29)),
        # a fiscal year starting in July is named by the calendar year it ends in
        (
            date(2026, 7, 1),
            CycleRule(CycleLength.QUARTER, 7),
            "fy2027-q1",
            "FY2027 Q1",
            date(2026, 7, 1),
            date(2026, 9, 30),
        ),
        (
            date(2027, 6, 30),
            CycleRule(CycleLength.QUARTER, 7),
            "fy2027-q4",
            "FY2027 Q4",
            date(2027, 4, 1),
            date(2027, 6, 30),
        ),
        (
            date(2027, 1, 10),
            CycleRule(CycleLength.HALF, 7),
            "fy2027-h2",
            "FY2027 H2",
            date(2027, 1, 1),
            date(2027, 6, 30),
        ),
        (
            date(2026, 2, 1),
            CycleRule(CycleLength.YEAR, 4),
            "fy2026",
            "FY2026",
            date(2025, 4, 1),
            date(2026, 3, 31),
        ),
        # quarters of a fiscal year starting in February: Feb-Apr, May-Jul, Aug-Oct, Nov-Jan
        (
            date(2027, 1, 31),
            CycleRule(CycleLength.QUARTER, 2),
            "fy2027-q4",
            "FY2027 Q4",
            date(2026, 11, 1),
            date(2027, 1, 31),
        ),
        # months ignore the fiscal year
        (date(2026, 7, 4), CycleRule(CycleLength.MONTH, 7), "2026-07", "July 2026", None, None),
    ],
)
def test_the_cycle_of_a_day(
    day: date,
    rule: CycleRule,
    cycle_id: str,
    title: str,
    start: date | None,
    end: date | None,
) -> None:
    cycle = cycle_of(day, rule)
    assert (cycle.id, cycle.title) == (cycle_id, title)
    if start is not None:
        assert cycle.window == Window(start, end or start)
    assert cycle.window.start <= day <= cycle.window.end


def test_a_window_belongs_to_every_cycle_it_overlaps() -> None:
    year = Window(date(2026, 1, 1), date(2026, 12, 31))
    assert [c.id for c in cycles_overlapping(year, QUARTER)] == [
        "2026-q1",
        "2026-q2",
        "2026-q3",
        "2026-q4",
    ]
    # one day inside a quarter is enough
    assert [
        c.id for c in cycles_overlapping(Window(date(2026, 3, 31), date(2026, 4, 1)), QUARTER)
    ] == [
        "2026-q1",
        "2026-q2",
    ]
    assert [c.id for c in cycles_overlapping(Window(date(2026, 5, 2), date(2026, 5, 9)), HALF)] == [
        "2026-h1"
    ]
    fiscal = CycleRule(CycleLength.QUARTER, 7)
    assert [
        c.id for c in cycles_overlapping(Window(date(2026, 6, 1), date(2026, 8, 1)), fiscal)
    ] == [
        "fy2026-q4",
        "fy2027-q1",
    ]


def test_next_and_previous_cross_year_ends() -> None:
    q4 = cycle_of(date(2026, 11, 23), QUARTER)
    assert next_cycle(q4, QUARTER).id == "2027-q1"
    assert previous_cycle(next_cycle(q4, QUARTER), QUARTER) == q4
    assert previous_cycle(cycle_of(date(2026, 1, 5), MONTH), MONTH).id == "2025-12"
    fiscal = CycleRule(CycleLength.HALF, 4)
    h2 = cycle_of(date(2026, 11, 1), fiscal)
    assert (h2.id, next_cycle(h2, fiscal).id) == ("fy2027-h2", "fy2028-h1")


@pytest.mark.parametrize("month", [0, 13])
def test_a_year_start_outside_the_months_is_refused(month: int) -> None:
    with pytest.raises(ValueError, match="1 to 12"):
        CycleRule(CycleLength.QUARTER, month)
