"""Numbers as they stood on a past day, for the views that look back: changes, feed, burn-up.

A past day is scored like the as-of date, on the key results as they were known then: a key
result with check-ins (written or from git) counts only those up to that moment; one without
any keeps its written `current`/`done` throughout, since nothing says when that was written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from okrsite.compute.progress import Thresholds, current_value, milestone_done
from okrsite.compute.scorecard import Score, Scorecard, score_model
from okrsite.model import KeyResult, KeyResultType, Model
from okrsite.relations import build_relations


def as_it_stood(key_result: KeyResult, day: date, *, include_day: bool) -> KeyResult:
    """The key result as known on `day`, before or after that day's check-ins."""
    if not key_result.checkins:
        return key_result
    known = tuple(c for c in key_result.checkins if c.date < day or (include_day and c.date == day))
    return replace(key_result, current=None, done=None, checkins=known)


def value_at(key_result: KeyResult, day: date, *, include_day: bool) -> float | bool | None:
    """The metric value (or milestone done) the key result had on `day`."""
    state = as_it_stood(key_result, day, include_day=include_day)
    if key_result.type is KeyResultType.MILESTONE:
        return milestone_done(state, day)
    return current_value(state, day)


def score_objectives(
    model: Model,
    objectives: Iterable[str],
    day: date,
    thresholds: Thresholds,
    *,
    past: bool = True,
    include_day: bool = True,
) -> Scorecard:
    """A scorecard of just these objectives and their key results on `day`: as they stood then
    (`past`), or as written (the as-of date itself, where a newer `current` wins)."""
    keys = list(objectives)
    key_results = {
        key: (
            as_it_stood(model.key_results[key], day, include_day=include_day)
            if past
            else model.key_results[key]
        )
        for objective in keys
        for key in model.objectives[objective].key_results
    }
    part = Model(
        north_star=model.north_star,
        objectives={key: model.objectives[key] for key in keys},
        key_results=key_results,
    )
    return score_model(part, build_relations(part), day, thresholds)


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    """An objective's score at the end of one day."""

    day: date
    score: Score


def objective_timeline(
    model: Model, key: str, as_of: date, thresholds: Thresholds
) -> tuple[TimelinePoint, ...]:
    """The objective's score when its period opened, at the end of each later day in it on which
    one of its key results was checked in, and on the last day shown: the as-of date (scored as
    written, so it equals the objective's page) or the period's end when that came first.

    Empty without a period or before the period opens: there is nothing to draw yet.
    """
    objective = model.objectives[key]
    if objective.period is None or as_of < objective.period.window.start:
        return ()
    start, end = objective.period.window.start, objective.period.window.end
    last = min(as_of, end)
    checked_in = {
        checkin.date
        for kr in objective.key_results
        for checkin in model.key_results[kr].checkins
        if start < checkin.date < last
    }
    points = [
        TimelinePoint(day, score_objectives(model, [key], day, thresholds).objectives[key])
        for day in sorted({start, *checked_in} - {last})
    ]
    final = score_objectives(model, [key], last, thresholds, past=last < as_of)
    points.append(TimelinePoint(last, final.objectives[key]))
    return tuple(points)
