"""Grades of closed cycles: where each objective stood when its cycle ended.

A grade is the objective's progress as of the cycle's last day (or its period's end, when that
came first), from what was known then: check-ins written in the YAML and, with history on, the
values git shows were committed by that day (`timeline.score_objectives`). A later edit of
`current` therefore never changes a closed cycle's grade.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from okrsite.compute.cycles import Cycle, CycleRule, cycles_overlapping, overlaps
from okrsite.compute.progress import Thresholds
from okrsite.compute.timeline import score_objectives
from okrsite.model import Ambition, Model, Objective


class CycleState(StrEnum):
    PAST = "past"
    CURRENT = "current"
    NEXT = "next"  # any cycle after the current one: planned, not scored


class Band(StrEnum):
    MET = "met"
    PARTLY_MET = "partly-met"
    MISSED = "missed"


@dataclass(frozen=True, slots=True)
class GradeBands:
    """Where a grade counts as met and partly met (the `aspirational_met` and `partly_met`
    settings); a committed objective is met only at 1.0."""

    aspirational_met: float = 0.7
    partly_met: float = 0.4


def state_of(cycle: Cycle, current: Cycle) -> CycleState:
    if cycle.window.end < current.window.start:
        return CycleState.PAST
    return CycleState.CURRENT if cycle == current else CycleState.NEXT


def objective_cycles(objective: Objective, current: Cycle, rule: CycleRule) -> tuple[Cycle, ...]:
    """The cycles an objective belongs to: those its period overlaps, else the current one."""
    if objective.period is None:
        return (current,)
    return cycles_overlapping(objective.period.window, rule)


def every_cycle(
    objectives: Iterable[Objective], current: Cycle, rule: CycleRule
) -> tuple[Cycle, ...]:
    """The current cycle and every cycle some objective belongs to, in date order."""
    found = {current.id: current}
    for objective in objectives:
        for cycle in objective_cycles(objective, current, rule):
            found.setdefault(cycle.id, cycle)
    return tuple(sorted(found.values(), key=lambda cycle: cycle.window.start))


def grade_day(objective: Objective, cycle: Cycle) -> date:
    """The cycle's last day, or the objective's period's end when that came first."""
    if objective.period is not None and overlaps(objective.period.window, cycle):
        return min(cycle.window.end, objective.period.window.end)
    return cycle.window.end


def grade(model: Model, key: str, cycle: Cycle, thresholds: Thresholds) -> float | None:
    """The objective's progress (0-1) as it stood at the end of its day in a closed cycle."""
    day = grade_day(model.objectives[key], cycle)
    return score_objectives(model, [key], day, thresholds).objectives[key].progress


def band(value: float, ambition: Ambition, bands: GradeBands) -> Band:
    """Met, partly met or missed; always said in words too, never by colour alone."""
    met = bands.aspirational_met if ambition is Ambition.ASPIRATIONAL else 1.0
    if value >= met:
        return Band.MET
    return Band.PARTLY_MET if value >= bands.partly_met else Band.MISSED


def graded_cycles(
    model: Model, current: Cycle, rule: CycleRule, thresholds: Thresholds
) -> dict[str, dict[str, float | None]]:
    """Every objective's grade in each closed cycle it belongs to: {objective: {cycle id: grade}}.

    Objectives graded on the same day are scored together (one scorecard per day, not per
    objective): a portal with eight closed quarters grades thousands of objectives.
    """
    by_day: dict[date, list[tuple[str, str]]] = {}
    for key, objective in model.objectives.items():
        for cycle in objective_cycles(objective, current, rule):
            if state_of(cycle, current) is CycleState.PAST:
                by_day.setdefault(grade_day(objective, cycle), []).append((key, cycle.id))
    grades: dict[str, dict[str, float | None]] = {key: {} for key in model.objectives}
    for day in sorted(by_day):
        graded = by_day[day]
        card = score_objectives(model, dict.fromkeys(key for key, _ in graded), day, thresholds)
        for key, cycle_id in graded:
            grades[key][cycle_id] = card.objectives[key].progress
    return {key: dict(sorted(found.items())) for key, found in grades.items() if found}
