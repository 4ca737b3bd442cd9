"""Join what git remembers into the model: dated values become check-ins, change dates become
"last updated" dates.

Written check-ins are what an author meant, so on a date that has one, the commit's value is
dropped. Everything stays pure: the same model and history give the same result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from okrsite.history.read import History
from okrsite.model import CheckIn, KeyResult, KeyResultType, Model
from okrsite.urls import Kind


def merge_history(model: Model, history: History) -> Model:
    """The model with each key result's git values joined into its `checkins`, sorted by date;
    values written under a former id (one of its `aliases`) count too."""
    if not history.points:
        return model
    key_results = {
        key: merged_key_result(key_result, points_of(history, key, key_result.aliases))
        for key, key_result in model.key_results.items()
    }
    return replace(model, key_results=key_results)


def points_of(history: History, key: str, aliases: tuple[str, ...]) -> tuple[CheckIn, ...]:
    """Dated values under the key and its former ids; on a day both have, the one of today."""
    points = {
        p.date: p for alias in reversed(aliases) for p in history.points.get(alias.lower(), ())
    }
    points.update((p.date, p) for p in history.points.get(key, ()))
    return tuple(points[day] for day in sorted(points))


def merged_key_result(key_result: KeyResult, points: tuple[CheckIn, ...]) -> KeyResult:
    written_dates = {checkin.date for checkin in key_result.checkins}
    if key_result.type is KeyResultType.MILESTONE:
        joined = [replace(p, value=None) for p in points if p.done is not None]
    else:
        joined = [replace(p, done=None) for p in points if p.value is not None]
    joined = [p for p in joined if p.date not in written_dates]
    if not joined:
        return key_result
    checkins = sorted((*key_result.checkins, *joined), key=lambda checkin: checkin.date)
    return replace(key_result, checkins=tuple(checkins))


def last_updated(model: Model, history: History, as_of: date) -> Mapping[tuple[Kind, str], date]:
    """When each entity last changed up to the as-of date: its latest commit or check-in.

    An objective also counts the updates of its key results, since they move its progress.
    Entities with no known date are left out.
    """
    dates: dict[tuple[Kind, str], date] = {}

    def note(ref: tuple[Kind, str], day: date) -> None:
        if day <= as_of and (ref not in dates or dates[ref] < day):
            dates[ref] = day

    for ref, days in history.changed_on.items():
        for day in days:
            note(ref, day)
    for key, key_result in model.key_results.items():
        for checkin in key_result.checkins:
            note((Kind.KEY_RESULT, key), checkin.date)
        if (Kind.KEY_RESULT, key) in dates:
            note((Kind.OBJECTIVE, key_result.objective), dates[(Kind.KEY_RESULT, key)])
    known = {
        Kind.NORTH_STAR: {model.north_star.key},
        Kind.VALUE_STREAM: model.value_streams.keys(),
        Kind.STAGE: model.stages.keys(),
        Kind.CAPABILITY: model.capabilities.keys(),
        Kind.TEAM: model.teams.keys(),
        Kind.OBJECTIVE: model.objectives.keys(),
        Kind.KEY_RESULT: model.key_results.keys(),
        Kind.INITIATIVE: model.initiatives.keys(),
    }
    return {ref: day for ref, day in sorted(dates.items()) if ref[1] in known[ref[0]]}
