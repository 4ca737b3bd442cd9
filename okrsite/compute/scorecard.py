"""Progress, expected progress and status for every measurable thing in a model, computed once.

Views (pages, diagrams, badges, exports) read a `Scorecard`; none of them computes a number.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from okrsite.compute.cycles import Cycle, CycleRule, cycle_of, overlaps

if TYPE_CHECKING:  # grades imports this module (objective_progress)
    from okrsite.compute.comparison import CycleDay
    from okrsite.compute.grades import CycleResult, Grade, GroupGrade
    from okrsite.compute.health import Health
    from okrsite.compute.signals import KeyResultSignals
    from okrsite.problems import Severity
    from okrsite.quality.checks import Finding
    from okrsite.quality.config import RuleConfig
from okrsite.compute.progress import (
    Thresholds,
    expected_progress,
    judge_status,
    key_result_progress,
    mean,
    weighted_mean,
)
from okrsite.model import KeyResult, Model, Objective, Status, Window
from okrsite.relations import Relations


@dataclass(frozen=True, slots=True)
class Score:
    """What users see for one thing: progress and expected (0–1, None if undefined) and status."""

    progress: float | None
    expected: float | None
    status: Status


@dataclass(frozen=True)
class Scorecard:
    as_of: date
    thresholds: Thresholds
    key_results: Mapping[str, Score]
    objectives: Mapping[str, Score]
    stages: Mapping[str, Score]
    value_streams: Mapping[str, Score]
    capabilities: Mapping[str, Score]
    teams: Mapping[str, Score]
    outcomes: Mapping[str, Score]
    north_star: Score
    cycle: Cycle  # the current one: it holds the as-of date
    in_cycle: Mapping[str, bool]  # per objective: in the current cycle, so rolled up
    # teams and capabilities with children: their own objectives and those of everything below
    teams_including: Mapping[str, Score] = field(default_factory=dict)
    capabilities_including: Mapping[str, Score] = field(default_factory=dict)
    # filled in by `portal.assemble_portal` (timelines score past days with `score_model`):
    # per objective, its grade in each closed cycle it belongs to; every cycle by id
    grades: Mapping[str, Mapping[str, Grade]] = field(default_factory=dict)
    cycles: Mapping[str, CycleResult] = field(default_factory=dict)
    cycles_of: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # objective: ids
    cycle_titles: Mapping[str, str] = field(default_factory=dict)  # every cycle's, by id
    # each group's results in closed cycles, by "<group>/<key>" (group: value-stream, stage,
    # capability, team, outcome): {cycle id: result}; one flat mapping, so a page reading one
    # group's results depends on that group alone
    group_grades: Mapping[str, Mapping[str, GroupGrade]] = field(default_factory=dict)
    # the as-of date's day in the current cycle, and the previous cycle's progress on its same
    # day, by "<group>/<key>" and "north-star" (compute/comparison.py)
    cycle_day: CycleDay | None = None
    progress_then: Mapping[str, float] = field(default_factory=dict)
    # the current cycle's objectives as they stood on `since` (the overview's "since" window)
    since: date | None = None
    objectives_then: Mapping[str, Score] = field(default_factory=dict)
    # per key result that has any: its honest signals (compute/signals.py); per team: how many
    # of its key results are stale
    signals: Mapping[str, KeyResultSignals] = field(default_factory=dict)
    stale_by_team: Mapping[str, int] = field(default_factory=dict)
    stale_after: int = 14  # days without a check-in that make a key result stale
    health: Mapping[str, Health] = field(default_factory=dict)  # per health metric
    # "objective", "key-result": every key, what needs action first (compute/attention.py); one
    # entry per kind, so an index reading its order changes only when the order does
    attention: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # the OKR quality review (okrsite/quality/) when the portal publishes it: each rule's
    # configuration by code (empty: not published); per "<kind>/<key>" of an entity, what the
    # rules found about it at its severity, and what its `ignore:` excuses with the reason
    quality_rules: Mapping[str, RuleConfig] = field(default_factory=dict)
    findings: Mapping[str, tuple[tuple[Finding, Severity], ...]] = field(default_factory=dict)
    excused: Mapping[str, tuple[tuple[Finding, str], ...]] = field(default_factory=dict)

    def roll_ups(self, group: str) -> Mapping[str, Score]:
        """The live scores of one kind of group: value-stream, stage, capability, team or
        outcome (the names `relations.objectives_of_group` takes)."""
        by_group: dict[str, Mapping[str, Score]] = {
            "value-stream": self.value_streams,
            "stage": self.stages,
            "capability": self.capabilities,
            "team": self.teams,
            "outcome": self.outcomes,
        }
        return by_group[group]


def key_result_window(key_result: KeyResult, objective: Objective) -> Window | None:
    """The objective's period, ending at the key result's `due` where given."""
    if objective.period is None:
        return None
    window = objective.period.window
    if key_result.due is not None:
        return Window(window.start, min(window.end, key_result.due))
    return window


def objective_progress(
    model: Model, objective: Objective, progress_of: Callable[[str], float | None]
) -> float | None:
    """The weighted mean of its key results' progress (`weight`, default 1); None when none
    has a progress."""
    return weighted_mean(
        (progress_of(kr), model.key_results[kr].weight) for kr in objective.key_results
    )


def score_model(
    model: Model,
    relations: Relations,
    as_of: date,
    thresholds: Thresholds | None = None,
    cycles: CycleRule | None = None,
) -> Scorecard:
    """Every score; roll-ups count only the current cycle's objectives, so closed quarters never
    blend into this quarter's headline and future ones never drag it down."""
    thresholds = thresholds or Thresholds()
    cycle = cycle_of(as_of, cycles or CycleRule())
    in_cycle = {
        key: overlaps(objective.period.window if objective.period else None, cycle)
        for key, objective in model.objectives.items()
    }
    key_results: dict[str, Score] = {}
    for key, key_result in model.key_results.items():
        window = key_result_window(key_result, model.objectives[key_result.objective])
        progress = key_result_progress(key_result, as_of)
        expected = expected_progress(window, as_of)
        status = judge_status(progress, expected, window, as_of, thresholds, key_result.status)
        key_results[key] = Score(progress, expected, status)

    objectives: dict[str, Score] = {}
    for key, objective in model.objectives.items():
        window = objective.period.window if objective.period else None
        progress = objective_progress(model, objective, lambda kr: key_results[kr].progress)
        expected = expected_progress(window, as_of)
        status = judge_status(progress, expected, window, as_of, thresholds, objective.status)
        objectives[key] = Score(progress, expected, status)

    def roll_up(keys: Iterable[str]) -> Score:
        """Plain mean over the current cycle's objectives that have progress; status judged on
        the means.

        A group none of whose objectives has started is `not-started`: judged on the means
        alone (0 done of 0 expected) it would read `on-track`.
        """
        scored = [objectives[k] for k in keys if in_cycle[k] and objectives[k].progress is not None]
        progress = mean(s.progress for s in scored)
        expected = mean(s.expected for s in scored)
        if scored and all(s.status is Status.NOT_STARTED for s in scored):
            return Score(progress, expected, Status.NOT_STARTED)
        status = judge_status(progress, expected, None, as_of, thresholds)
        return Score(progress, expected, status)

    def roll_up_each(
        names: Iterable[str], groups: Mapping[str, tuple[str, ...]]
    ) -> dict[str, Score]:
        return {name: roll_up(groups.get(name, ())) for name in names}

    def including(
        names: Iterable[str],
        objectives_by: Mapping[str, tuple[str, ...]],
        children: Mapping[str, tuple[str, ...]],
    ) -> dict[str, Score]:
        """Each parent's roll-up over its own objectives and those of everything below it."""
        return {
            name: roll_up(relations.objectives_below(name, objectives_by, children))
            for name in names
            if children.get(name)
        }

    return Scorecard(
        as_of=as_of,
        thresholds=thresholds,
        key_results=key_results,
        objectives=objectives,
        stages=roll_up_each(model.stages, relations.objectives_by_stage),
        value_streams={
            key: roll_up(relations.objectives_of_value_stream(model, key))
            for key in model.value_streams
        },
        capabilities=roll_up_each(model.capabilities, relations.objectives_by_capability),
        teams=roll_up_each(model.teams, relations.objectives_by_team),
        teams_including=including(
            model.teams, relations.objectives_by_team, relations.team_children
        ),
        capabilities_including=including(
            model.capabilities, relations.objectives_by_capability, relations.capability_children
        ),
        outcomes=roll_up_each(model.outcomes, relations.objectives_by_outcome),
        north_star=roll_up(model.objectives),
        cycle=cycle,
        in_cycle=in_cycle,
    )
