"""What changed, day by day: the key results and objectives whose status, progress or value a
reader would see differently at the end of a day than at the end of the day before, and the
goalposts moved that day (compute/signals.py).

Each day is scored as it stood (`timeline.PastDays`), so a status that slips because time passed
while nothing was checked in shows up on the day it slipped, not only days with check-ins. A row
says why: a check-in that day, or time alone (the expected line rose past a threshold).
Not listed: what a reader would not see change (a check-in repeating the same value, progress
moving within one whole percent), an objective's period opening (every objective leaves "not
started" on its first day), and a key result's creation (the commit that first wrote it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from okrsite.compute.progress import direction
from okrsite.compute.scorecard import Score, Scorecard
from okrsite.compute.signals import Signal, SignalKind
from okrsite.compute.timeline import PastDays, created_in_git, created_on, value_at
from okrsite.compute.wording import whole_percent
from okrsite.model import KeyResult, Model, Objective, Status
from okrsite.portal import Portal
from okrsite.urls import Kind

ONE_DAY = timedelta(days=1)


class Cause(StrEnum):
    CHECK_IN = "check-in"  # a key result was checked in (or its value committed) that day
    ADDED = "added"  # an objective gained key results that day
    TIME = "time"  # nothing was checked in: the expected line rose past a threshold


@dataclass(frozen=True, slots=True)
class Change:
    """One entity's move on one day; values (metric number or milestone done) for key results."""

    kind: Kind  # OBJECTIVE or KEY_RESULT
    key: str
    before: Score
    after: Score
    cause: Cause = Cause.CHECK_IN
    value_before: float | bool | None = None
    value_after: float | bool | None = None
    note: str = ""  # what the day's check-ins said, for a key result's check-in

    @property
    def direction(self) -> str:
        return direction(self.before.status, self.after.status)


@dataclass(frozen=True, slots=True)
class ChangeDay:
    day: date
    changes: tuple[Change, ...]  # each objective, then its key results in written order
    moves: tuple[tuple[str, Signal], ...] = ()  # (key result, its moved-goalpost signal)


def recent_changes(
    portal: Portal, *, days: int = 60, max_entries: int = 200
) -> tuple[ChangeDay, ...]:
    """Changes of the last `days` days up to the as-of date, newest first, at most `max_entries`.
    Walks back one day at a time and stops when the entries are used up."""
    model, card = portal.model, portal.scorecard
    first = card.as_of - timedelta(days=days - 1)
    objectives = open_objectives(model, first - ONE_DAY, card.as_of)
    past = PastDays(model, objectives, card.thresholds)
    checked_in = checked_in_on(model, first, card.as_of)
    created = created_on(model.key_results)
    moved_on = goalposts_moved(portal, first)
    found: list[ChangeDay] = []
    room, day, after = max_entries, card.as_of, past.score(card.as_of)
    while day >= first and room > 0:
        before = past.score(day - ONE_DAY)
        moves = tuple(moved_on.get(day, ()))[:room]
        room -= len(moves)
        day_changes = changes_on(
            model, objectives, day, (before, after), checked_in.get(day, set()), created
        )[:room]
        if day_changes or moves:
            found.append(ChangeDay(day, day_changes, moves))
            room -= len(day_changes)
        day, after = day - ONE_DAY, before
    return tuple(found)


def open_objectives(model: Model, first: date, last: date) -> list[str]:
    """Objectives whose period overlaps first..last (or that have none), by title: the order of
    a day's rows."""
    keys = [key for key, o in model.objectives.items() if is_open(o, first, last)]
    return sorted(keys, key=lambda key: (model.objectives[key].title.casefold(), key))


def is_open(objective: Objective, first: date, last: date) -> bool:
    window = objective.period.window if objective.period else None
    return window is None or (window.start <= last and window.end >= first)


def checked_in_on(model: Model, first: date, last: date) -> dict[date, set[str]]:
    """Per day, the key results checked in that day (their creation aside)."""
    checked: dict[date, set[str]] = {}
    for key, key_result in model.key_results.items():
        for checkin in key_result.checkins[int(created_in_git(key_result)) :]:
            if first <= checkin.date <= last:
                checked.setdefault(checkin.date, set()).add(key)
    return checked


def goalposts_moved(portal: Portal, first: date) -> dict[date, list[tuple[str, Signal]]]:
    """The moved-goalpost signals from `first` on, by day, in the key results' order."""
    moved_on: dict[date, list[tuple[str, Signal]]] = {}
    for key, found in portal.scorecard.signals.items():
        for signal in found.signals:
            if signal.kind is SignalKind.MOVED_GOALPOST and signal.since and signal.since >= first:
                moved_on.setdefault(signal.since, []).append((key, signal))
    return moved_on


def changes_on(
    model: Model,
    objectives: Iterable[str],
    day: date,
    scores: tuple[Scorecard, Scorecard],
    checked_in: set[str],
    created: Mapping[str, date],
) -> tuple[Change, ...]:
    """What a reader sees differently at the end of `day` than at the end of the day before."""
    before, after = scores
    changes: list[Change] = []
    for objective in objectives:
        key_results = model.objectives[objective].key_results
        existing = [key for key in key_results if key not in created or created[key] < day]
        if key_results and not existing:
            continue  # written that day or later: nothing to compare with
        cause = (
            Cause.ADDED
            if any(created.get(key) == day for key in key_results)
            else Cause.CHECK_IN
            if checked_in.intersection(existing)
            else Cause.TIME
        )
        change = Change(
            Kind.OBJECTIVE,
            objective,
            before.objectives[objective],
            after.objectives[objective],
            cause,
        )
        changes.extend([change] if shown(change) else [])
        for key in existing:
            cause = Cause.CHECK_IN if key in checked_in else Cause.TIME
            change = Change(
                Kind.KEY_RESULT, key, before.key_results[key], after.key_results[key], cause
            )
            changes.extend(with_values(change, model.key_results[key], day))
    return tuple(changes)


def with_values(change: Change, key_result: KeyResult, day: date) -> list[Change]:
    """The key result's change with its value before and after, when a reader would see it.
    Only a check-in changes a value, so only then are both looked up before deciding."""
    if change.cause is Cause.TIME:
        if not shown(change):
            return []
        value = value_at(key_result, day, include_day=True)
        return [replace(change, value_before=value, value_after=value)]
    change = replace(
        change,
        value_before=value_at(key_result, day - ONE_DAY, include_day=True),
        value_after=value_at(key_result, day, include_day=True),
        note=" ".join(
            c.note.strip() for c in key_result.checkins if c.date == day and c.note.strip()
        ),
    )
    return [change] if shown(change) else []


def why(change: Change) -> str:
    """Why a row is there, in words: the same on the page and in the feed."""
    if change.cause is Cause.ADDED:
        return "key results added"
    if change.cause is Cause.CHECK_IN:
        return "checked in" if change.kind is Kind.KEY_RESULT else "key results checked in"
    expected = change.after.expected
    if expected is None:
        return "time passed"
    return f"time passed: {whole_percent(expected)}% expected by now"


def shown(change: Change) -> bool:
    """Whether a reader would see the change: a status, a whole percent or a value differs,
    and it is not an objective's period opening."""
    before, after = change.before, change.after
    if change.cause is Cause.TIME and before.status is Status.NOT_STARTED:
        return False
    return (
        before.status != after.status
        or percent_seen(before.progress) != percent_seen(after.progress)
        or change.value_before != change.value_after
    )


def percent_seen(progress: float | None) -> int | None:
    return None if progress is None else whole_percent(progress)
