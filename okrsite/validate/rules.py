"""Checks that need the whole model: parent cycles, key-result semantics, check-ins, initiatives.

Errors make the numbers wrong or undefined (a metric without a target, a check-in outside its
window); warnings leave the numbers right but something is probably missing (an objective
without key results or without a period).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from okrsite.compute.scorecard import key_result_window
from okrsite.model import (
    Entity,
    Initiative,
    KeyResult,
    KeyResultType,
    Location,
    Objective,
    Window,
)
from okrsite.problems import Problem, error, warning
from okrsite.spec.types import RecordRead


def parent_cycles(
    namespace: str,
    parents: Mapping[str, str | None],
    entities: Mapping[str, Entity],
    reads: Mapping[str, RecordRead],
) -> list[Problem]:
    """One error per loop in a `parent` chain, at the first-written member, naming the loop."""
    problems: list[Problem] = []
    finished: set[str] = set()
    for start in parents:
        path: list[str] = []
        on_path: set[str] = set()
        key: str | None = start
        while key is not None and key not in finished and key not in on_path:
            path.append(key)
            on_path.add(key)
            key = parents.get(key)
        if key is not None and key in on_path:
            loop = path[path.index(key) :]
            first = min(loop, key=lambda k: _order(entities[k].location))
            turn = loop.index(first)
            ordered = loop[turn:] + loop[:turn] + [first]
            names = " → ".join(entities[k].id for k in ordered)
            problems.append(
                error(
                    reads[first].location("parent"),
                    f"{namespace} parents form a loop: {names}; remove one of these `parent`s",
                )
            )
        finished.update(path)
    return problems


def _order(location: Location) -> tuple[str, int, int]:
    return (location.path, location.line, location.col)


def key_result_problems(
    key_result: KeyResult, objective: Objective, read: RecordRead, grading_days: int = 14
) -> list[Problem]:
    """`grading_days`: how long after its window a key result may still get check-ins (the
    `grading_days` setting: teams grade a cycle in the days after it ends)."""
    problems: list[Problem] = []
    problems.extend(_health_problems(key_result, read))
    if key_result.type is KeyResultType.METRIC:
        for name in ("baseline", "target"):
            if name not in read.where:
                problems.append(
                    error(
                        read.at,
                        f"metric key result '{key_result.id}' has no `{name}`; add it "
                        "(or set `type: milestone` and use `done`)",
                    )
                )
        if "done" in read.where:
            problems.append(
                error(
                    read.location("done"),
                    "`done` is for milestone key results; remove it or set `type: milestone`",
                )
            )
        base, target = key_result.baseline, key_result.target
        if base is not None and target is not None and base == target:
            problems.append(
                error(
                    read.location("target"),
                    f"target equals baseline ({target:g}), so progress is undefined; "
                    "set the target you want to reach",
                )
            )
    elif key_result.type is KeyResultType.MILESTONE:
        for name in ("baseline", "target", "current"):
            if name in read.where:
                problems.append(
                    error(
                        read.location(name),
                        f"`{name}` is for metric key results; a milestone is measured by "
                        "`done` (true/false): remove it or drop `type: milestone`",
                    )
                )
    problems.extend(_due_problems(key_result, objective, read))
    window = key_result_window(key_result, objective)
    problems.extend(_checkin_problems(key_result, window, grading_days))
    return problems


def _health_problems(key_result: KeyResult, read: RecordRead) -> list[Problem]:
    """A health metric has bounds and no goalposts; only it has bounds."""
    bounds = [name for name in ("keep_above", "keep_below") if name in read.where]
    if key_result.type is not KeyResultType.HEALTH:
        return [
            error(
                read.location(name),
                f"`{name}` is for health metrics (`type: health`), which are kept within bounds "
                "and have no target; remove it or set `type: health`",
            )
            for name in bounds
        ]
    problems = [
        error(
            read.location(name),
            f"`{name}` is not for a health metric, which is kept within `keep_above`/"
            "`keep_below` and never counts as progress; remove it (or use `type: metric`)",
        )
        for name in ("baseline", "target", "done")
        if name in read.where
    ]
    if not bounds:
        problems.append(
            error(
                read.at,
                f"health metric '{key_result.id}' has no bounds; add `keep_above`, "
                "`keep_below` or both (e.g. `keep_above: 99.5` for uptime)",
            )
        )
    above, below = key_result.keep_above, key_result.keep_below
    if above is not None and below is not None and above > below:
        problems.append(
            error(
                read.location("keep_below"),
                f"keep_below ({below:g}) is under keep_above ({above:g}): no value could be "
                "healthy; swap them",
            )
        )
    return problems


def _due_problems(key_result: KeyResult, objective: Objective, read: RecordRead) -> list[Problem]:
    if key_result.due is None or objective.period is None:
        return []
    window = objective.period.window
    if key_result.due < window.start:
        return [
            error(
                read.location("due"),
                f"due date {key_result.due} is before its objective's period starts "
                f"({window.start}); move it into {objective.period.label}",
            )
        ]
    if key_result.due > window.end:
        return [
            warning(
                read.location("due"),
                f"due date {key_result.due} is after its objective's period ends "
                f"({window.end}); the key result is judged by the period's end",
            )
        ]
    return []


def _checkin_problems(
    key_result: KeyResult, window: Window | None, grading_days: int
) -> list[Problem]:
    problems: list[Problem] = []
    metric = key_result.type is not KeyResultType.MILESTONE
    wanted, unwanted = ("value", "done") if metric else ("done", "value")
    what = key_result.type.value
    previous = None
    for checkin in key_result.checkins:
        at = checkin.location
        assert at is not None
        if (checkin.value if metric else checkin.done) is None:
            problems.append(
                error(at, f"a check-in of a {what} key result needs `{wanted}`; add it")
            )
        if (checkin.done if metric else checkin.value) is not None:
            problems.append(
                error(
                    at,
                    f"`{unwanted}` does not belong in a check-in of a {what} key result; "
                    f"use `{wanted}`",
                )
            )
        if previous is not None and checkin.date <= previous.date:
            same = "has the same date as" if checkin.date == previous.date else "is older than"
            problems.append(
                error(
                    at,
                    f"check-in dated {checkin.date} {same} the one before it "
                    f"({previous.date}); list check-ins oldest first, one per date",
                )
            )
        if window is not None:
            problems.extend(_checkin_date_problems(at, checkin.date, window, grading_days))
        previous = checkin
    return problems


def _checkin_date_problems(
    at: Location, day: date, window: Window, grading_days: int
) -> list[Problem]:
    """A check-in inside its key result's window, or in the grading days after it (teams grade
    a cycle in the days after it ends), is fine; any other date is an error."""
    graded_by = window.end + timedelta(days=grading_days)
    if day < window.start:
        return [
            error(
                at,
                f"check-in dated {day} lies outside the key result's window "
                f"{window.start} – {window.end}; fix the date or the period/`due`",
            )
        ]
    if day > graded_by:
        return [
            error(
                at,
                f"check-in dated {day} lies outside the key result's window "
                f"{window.start} – {window.end} and its {grading_days} grading days (until "
                f"{graded_by}, the `grading_days` setting); fix the date or the period/`due`",
            )
        ]
    return []


def objective_problems(objective: Objective, read: RecordRead) -> list[Problem]:
    """Warnings for what is missing; a key the author wrote but got wrong was reported already."""
    problems: list[Problem] = []
    if "key_results" not in read.where:
        problems.append(
            warning(
                objective.location,
                f"objective '{objective.id}' has no key results, so its progress is "
                "undefined; add `key_results`",
            )
        )
    if "period" not in read.where:
        problems.append(
            warning(
                objective.location,
                f"objective '{objective.id}' has no `period`, so its status cannot be "
                "judged; add one like 2026-Q4",
            )
        )
    return problems


def initiative_problems(initiative: Initiative, read: RecordRead) -> list[Problem]:
    problems: list[Problem] = []
    if not read.get("key_results") and "parent" not in read.where:
        problems.append(
            error(
                initiative.location,
                f"initiative '{initiative.id}' supports no key result; add `key_results` "
                "(ids) or a `parent` initiative",
            )
        )
    if initiative.start and initiative.end and initiative.end < initiative.start:
        problems.append(
            error(
                read.location("end"),
                f"initiative ends ({initiative.end}) before it starts ({initiative.start}); "
                "fix `start` or `end`",
            )
        )
    return problems
