"""Numbers as they stood on a past day, for the views that look back: changes, feed, burn-up.

A past day is scored like the as-of date, on the key results as they were known then: a key
result with check-ins (written or from git) counts only those up to that moment; one without
any keeps its written `current`/`done` throughout, since nothing says when that was written.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from okrsite.compute.progress import Thresholds, current_value, milestone_done
from okrsite.compute.scorecard import Score, Scorecard, score_model
from okrsite.history.read import GIT_SOURCE
from okrsite.model import KeyResult, KeyResultType, Model, Objective
from okrsite.relations import build_relations


def as_it_stood(key_result: KeyResult, day: date, *, include_day: bool) -> KeyResult:
    """The key result as known on `day`, before or after that day's check-ins."""
    if not key_result.checkins:
        return key_result
    count = known([checkin.date for checkin in key_result.checkins], day, include_day)
    return replace(key_result, current=None, done=None, checkins=key_result.checkins[:count])


def known(dates: Sequence[date], day: date, include_day: bool) -> int:
    """How many check-ins (their dates, sorted) had been made by `day`."""
    return bisect_right(dates, day) if include_day else bisect_left(dates, day)


def value_at(key_result: KeyResult, day: date, *, include_day: bool) -> float | bool | None:
    """The metric value (or milestone done) the key result had on `day`."""
    state = as_it_stood(key_result, day, include_day=include_day)
    if key_result.type is KeyResultType.MILESTONE:
        return milestone_done(state, day)
    return current_value(state, day)


class PastDays:
    """Scores of the same objectives on day after day, for the views that walk back in time
    (changes, the overview's "since", burn-ups). An objective counts only the key results git
    had seen by then (`created_on`): one added mid-cycle did not pull it down before it existed.
    The relations are built once, and a key result's past state once per number of check-ins
    known: both change far less often than the day, and rebuilding them made a 60-day walk of a
    1,000-objective portal take seconds."""

    def __init__(self, model: Model, objectives: Iterable[str], thresholds: Thresholds) -> None:
        self._model = model
        self._thresholds = thresholds
        self._objectives = {key: model.objectives[key] for key in objectives}
        self._key_results = {
            key: model.key_results[key]
            for objective in self._objectives.values()
            for key in objective.key_results
        }
        self._dates = {
            key: [checkin.date for checkin in kr.checkins] for key, kr in self._key_results.items()
        }
        self._relations = build_relations(self._part(self._objectives, self._key_results))
        self._states: dict[tuple[str, int], KeyResult] = {}
        self._created = created_on(self._key_results)
        self._then: dict[tuple[str, tuple[str, ...]], Objective] = {}

    def score(self, day: date, *, include_day: bool = True) -> Scorecard:
        """The objectives and their key results as they stood at the end of `day` (or at its
        start, without that day's check-ins)."""
        states = {key: self._state(key, day, include_day) for key in self._key_results}
        objectives = {key: self._objective(key, day) for key in self._objectives}
        return score_model(self._part(objectives, states), self._relations, day, self._thresholds)

    def _objective(self, key: str, day: date) -> Objective:
        """The objective with the key results it had on `day` (all, if it had none yet)."""
        objective = self._objectives[key]
        had = tuple(k for k in objective.key_results if self._created.get(k, day) <= day)
        if not had or len(had) == len(objective.key_results):
            return objective
        then = self._then.get((key, had))
        if then is None:
            then = self._then[key, had] = replace(objective, key_results=had)
        return then

    def _state(self, key: str, day: date, include_day: bool) -> KeyResult:
        key_result, dates = self._key_results[key], self._dates[key]
        if not dates:
            return key_result
        count = known(dates, day, include_day)
        state = self._states.get((key, count))
        if state is None:
            state = replace(
                key_result, current=None, done=None, checkins=key_result.checkins[:count]
            )
            self._states[key, count] = state
        return state

    def _part(self, objectives: dict[str, Objective], key_results: dict[str, KeyResult]) -> Model:
        return Model(
            north_star=self._model.north_star, objectives=objectives, key_results=key_results
        )


def created_in_git(key_result: KeyResult) -> bool:
    """Whether the first check-in is the commit that wrote the key result: its creation."""
    return bool(key_result.checkins) and key_result.checkins[0].source == GIT_SOURCE


def created_on(key_results: Mapping[str, KeyResult]) -> dict[str, date]:
    """The day git first saw each key result, for those git wrote."""
    return {key: kr.checkins[0].date for key, kr in key_results.items() if created_in_git(kr)}


def objectives_then(model: Model, card: Scorecard, day: date) -> dict[str, Score]:
    """The current cycle's objectives as they stood at the end of `day`."""
    current = [key for key in model.objectives if card.in_cycle[key]]
    return dict(PastDays(model, current, card.thresholds).score(day).objectives)


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
    if past:
        return PastDays(model, objectives, thresholds).score(day, include_day=include_day)
    keys = list(objectives)
    part = Model(
        north_star=model.north_star,
        objectives={key: model.objectives[key] for key in keys},
        key_results={
            key: model.key_results[key]
            for objective in keys
            for key in model.objectives[objective].key_results
        },
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
