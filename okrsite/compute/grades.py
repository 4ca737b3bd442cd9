"""Grades of closed cycles: where each objective stood when its cycle ended.

A grade is the objective's progress as of the cycle's last day (or its period's end, when that
came first), from what was known then: check-ins written in the YAML and, with history on, the
values git shows were committed by that day (`timeline.as_it_stood`). Teams grade in the
`grading_days` after that day: check-ins dated and values committed until then count too. A
later edit of `current` therefore never changes a closed cycle's grade.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from okrsite.compute.cycles import Cycle, CycleRule, cycles_overlapping, overlaps
from okrsite.compute.progress import key_result_progress, mean
from okrsite.compute.scorecard import objective_progress
from okrsite.compute.timeline import as_it_stood
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


def memberships(model: Model, current: Cycle, rule: CycleRule) -> dict[str, tuple[Cycle, ...]]:
    """Each objective's cycles (`objective_cycles`), worked out once per render."""
    return {key: objective_cycles(o, current, rule) for key, o in model.objectives.items()}


def every_cycle(belongs: Iterable[tuple[Cycle, ...]], current: Cycle) -> tuple[Cycle, ...]:
    """The current cycle and every cycle some objective belongs to (`belongs`: each one's
    cycles), in date order."""
    found = {current.id: current}
    for cycles in belongs:
        for cycle in cycles:
            found.setdefault(cycle.id, cycle)
    return tuple(sorted(found.values(), key=lambda cycle: cycle.window.start))


def grade_day(objective: Objective, cycle: Cycle) -> date:
    """The cycle's last day, or the objective's period's end when that came first."""
    if objective.period is not None and overlaps(objective.period.window, cycle):
        return min(cycle.window.end, objective.period.window.end)
    return cycle.window.end


def progress_on(model: Model, keys: Iterable[str], day: date) -> dict[str, float | None]:
    """Each objective's progress as it stood at the end of `day`: its key results as they
    stood then (`timeline.as_it_stood`), weighed as on the as-of date (`objective_progress`).
    Only progress: a grade needs no status, roll-up or scorecard."""
    found: dict[str, float | None] = {}
    for key in keys:
        objective = model.objectives[key]
        stood = {
            kr: key_result_progress(as_it_stood(model.key_results[kr], day, include_day=True), day)
            for kr in objective.key_results
        }
        found[key] = objective_progress(model, objective, stood.__getitem__)
    return found


def counted_until(objective: Objective, cycle: Cycle, grading_days: int, as_of: date) -> date:
    """The last day whose check-ins and commits count toward a grade: the grade day, plus the
    days teams have to grade when the objective's period ends in this cycle (one that runs on,
    a yearly objective in its first quarter, goes on being measured: the quarter's last day
    counts), but never past the as-of date (nothing later is known)."""
    period = objective.period
    ends_here = period is not None and period.window.end <= cycle.window.end
    extra = timedelta(days=grading_days if ends_here else 0)
    return min(grade_day(objective, cycle) + extra, as_of)


def grade(
    model: Model, key: str, cycle: Cycle, grading_days: int = 0, as_of: date = date.max
) -> float | None:
    """The objective's progress (0-1) as it stood at the end of its grading in a closed cycle."""
    day = counted_until(model.objectives[key], cycle, grading_days, as_of)
    return progress_on(model, [key], day)[key]


def band(value: float, ambition: Ambition, bands: GradeBands) -> Band:
    """Met, partly met or missed; always said in words too, never by colour alone."""
    met = bands.aspirational_met if ambition is Ambition.ASPIRATIONAL else 1.0
    if value >= met:
        return Band.MET
    return Band.PARTLY_MET if value >= bands.partly_met else Band.MISSED


@dataclass(frozen=True, slots=True)
class Grade:
    """An objective's result in one closed cycle: progress then (0-1; None without key results)
    and its band."""

    value: float | None
    band: Band | None


def graded_cycles(
    model: Model,
    member_of: Mapping[str, tuple[Cycle, ...]],
    current: Cycle,
    bands: GradeBands,
    grading_days: int = 0,
    as_of: date = date.max,
) -> dict[str, dict[str, Grade]]:
    """Every objective's grade in each closed cycle it belongs to: {objective: {cycle id: grade}}.

    Runs on every render (each `mkdocs serve` rebuild), so it computes progress alone per
    grade day: scoring a whole scorecard per day cost many times as much on large portals.
    """
    by_day: dict[date, list[tuple[str, str]]] = {}
    for key, objective in model.objectives.items():
        for cycle in member_of[key]:
            if state_of(cycle, current) is CycleState.PAST:
                day = counted_until(objective, cycle, grading_days, as_of)
                by_day.setdefault(day, []).append((key, cycle.id))
    grades: dict[str, dict[str, Grade]] = {key: {} for key in model.objectives}
    for day in sorted(by_day):
        graded = by_day[day]
        progress = progress_on(model, dict.fromkeys(key for key, _ in graded), day)
        for key, cycle_id in graded:
            value = progress[key]
            ambition = model.objectives[key].ambition
            grades[key][cycle_id] = Grade(
                value, None if value is None else band(value, ambition, bands)
            )
    return {key: dict(sorted(found.items())) for key, found in grades.items() if found}


Tally = tuple[tuple[Band, int], ...]  # how many objectives met, partly met, missed


def graded_together(graded: Iterable[Grade]) -> tuple[float | None, Tally]:
    """The mean grade of objectives graded in one cycle and how many fell in each band: the
    one rule for a cycle's score and for a group's score in a cycle."""
    found = list(graded)
    counts = Counter(g.band for g in found if g.band is not None)
    return mean(g.value for g in found), tuple((b, counts[b]) for b in Band)


@dataclass(frozen=True, slots=True)
class GroupGrade:
    """A group's (stage, team, capability, ...) result in one closed cycle."""

    score: float | None  # the mean grade of its objectives graded in that cycle
    bands: Tally
    objectives: tuple[str, ...]


def group_grades(
    groups: Mapping[str, Iterable[str]], grades: Mapping[str, Mapping[str, Grade]]
) -> dict[str, dict[str, GroupGrade]]:
    """Each group's result in every closed cycle one of its objectives was graded in:
    {group: {cycle id: result}}, cycles in date order (ids sort by date within one rule)."""
    found: dict[str, dict[str, GroupGrade]] = {}
    for group, objectives in groups.items():
        by_cycle: dict[str, list[str]] = {}
        for key in objectives:
            for cycle_id in grades.get(key, {}):
                by_cycle.setdefault(cycle_id, []).append(key)
        results: dict[str, GroupGrade] = {}
        for cycle_id, keys in sorted(by_cycle.items()):
            score, tally = graded_together(grades[key][cycle_id] for key in keys)
            results[cycle_id] = GroupGrade(score, tally, tuple(keys))
        if results:
            found[group] = results
    return found


@dataclass(frozen=True, slots=True)
class CycleResult:
    """One cycle as the cycles page shows it."""

    cycle: Cycle
    state: CycleState
    objectives: tuple[str, ...]  # those belonging to it, in the model's order
    # past: the mean grade of its graded objectives; current: the north star's progress;
    # next: None (not scored)
    score: float | None
    bands: Tally  # past: how many objectives met, partly met, missed; else empty
    grading_until: date | None = None  # past: the last day check-ins still count toward grades


def cycle_results(
    member_of: Mapping[str, tuple[Cycle, ...]],
    current: Cycle,
    grades: Mapping[str, Mapping[str, Grade]],
    current_score: float | None,
    grading_days: int = 0,
) -> dict[str, CycleResult]:
    """Every cycle some objective belongs to, and the current one, by id in date order."""
    members: dict[str, list[str]] = {}
    for key, cycles in member_of.items():
        for cycle in cycles:
            members.setdefault(cycle.id, []).append(key)
    results: dict[str, CycleResult] = {}
    for cycle in every_cycle(member_of.values(), current):
        state, keys = state_of(cycle, current), tuple(members.get(cycle.id, ()))
        until = None
        if state is CycleState.PAST:
            score, tally = graded_together(grades[key][cycle.id] for key in keys)
            until = cycle.window.end + timedelta(days=grading_days)
        else:
            score = current_score if state is CycleState.CURRENT else None
            tally = ()
        results[cycle.id] = CycleResult(cycle, state, keys, score, tally, until)
    return results
