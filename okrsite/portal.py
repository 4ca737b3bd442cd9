"""Everything a view needs, assembled once: the published model, its relations and its scores.

This is the narrow interface between OKR logic and any site engine: the MkDocs plugin, the
`generate` command and the exports all start from `assemble_portal`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from okrsite.compute.attention import attention_orders
from okrsite.compute.comparison import cycle_day, progress_then
from okrsite.compute.cycles import CycleRule, previous_cycle
from okrsite.compute.grades import (
    GradeBands,
    cycle_results,
    graded_cycles,
    group_grades,
    memberships,
)
from okrsite.compute.health import health_metrics
from okrsite.compute.progress import Thresholds
from okrsite.compute.scorecard import Scorecard, score_model
from okrsite.compute.signals import SignalInputs, SignalRules, key_result_signals, stale_by_team
from okrsite.compute.timeline import objectives_then
from okrsite.model import Model, Visibility
from okrsite.problems import Severity
from okrsite.publish import published_model
from okrsite.quality.checks import Finding, RuleContext
from okrsite.quality.config import RuleConfig, review
from okrsite.relations import Relations, build_relations

SEVERITIES = tuple(Severity)  # error, warning, notice: an entity's findings, worst first


@dataclass(frozen=True)
class Portal:
    model: Model  # only what this build publishes
    relations: Relations
    scorecard: Scorecard


def assemble_portal(
    model: Model,
    as_of: date,
    publish_up_to: Visibility = Visibility.INTERNAL,
    thresholds: Thresholds | None = None,
    cycles: CycleRule | None = None,
    bands: GradeBands | None = None,
    signal_inputs: SignalInputs | None = None,
    signal_rules: SignalRules | None = None,
    since_days: int = 30,
    quality_rules: Mapping[str, RuleConfig] | None = None,
) -> Portal:
    """The published, scored portal; with `quality_rules`, the quality review too (for the
    Review page: `okrsite check` reviews on its own, whether or not a portal publishes it)."""
    published = published_model(model, publish_up_to)
    relations = build_relations(published)
    rule = cycles or CycleRule()
    scorecard = score_model(published, relations, as_of, thresholds, rule)
    current = scorecard.cycle
    member_of = memberships(published, current, rule)
    days = rule.grading_days
    grades = graded_cycles(published, member_of, current, bands or GradeBands(), days, as_of)
    results = cycle_results(member_of, current, grades, scorecard.north_star.progress, days)
    cycles_of = {key: tuple(cycle.id for cycle in cycles) for key, cycles in member_of.items()}
    groups = _groups(published, relations)
    previous = previous_cycle(current, rule)
    day = cycle_day(as_of, current, previous)
    then = progress_then(
        published,
        groups,
        [key for key, cycles in member_of.items() if previous in cycles],
        day.previous_day,
    )
    rules = signal_rules or SignalRules()
    signals = key_result_signals(published, as_of, current, signal_inputs or SignalInputs(), rules)
    scorecard = replace(
        scorecard,
        signals=signals,
        stale_by_team=stale_by_team(published, signals),
        stale_after=rules.stale_after,
        health=health_metrics(published, as_of),
        grades=grades,
        cycles=results,
        cycles_of=cycles_of,
        cycle_titles={key: result.cycle.title for key, result in results.items()},
        group_grades=group_grades(groups, grades),
        cycle_day=day,
        progress_then=then,
        since=as_of - timedelta(days=since_days),
        objectives_then=objectives_then(published, scorecard, as_of - timedelta(days=since_days)),
        attention=attention_orders(scorecard),
    )
    if quality_rules is not None:
        scorecard = _reviewed(published, scorecard, quality_rules)
    return Portal(published, relations, scorecard)


def _reviewed(model: Model, card: Scorecard, rules: Mapping[str, RuleConfig]) -> Scorecard:
    """The scorecard with the quality review's findings and excuses, by entity."""
    found = review(RuleContext(model, card), rules)
    findings: dict[str, list[tuple[Finding, Severity]]] = {}
    excused: dict[str, list[tuple[Finding, str]]] = {}
    for finding, severity in sorted(found.findings, key=lambda item: SEVERITIES.index(item[1])):
        findings.setdefault(_about(finding), []).append((finding, severity))  # worst first
    for finding, reason in found.excused:
        excused.setdefault(_about(finding), []).append((finding, reason))
    return replace(
        card,
        quality_rules=rules,
        findings={entity: tuple(items) for entity, items in sorted(findings.items())},
        excused={entity: tuple(items) for entity, items in sorted(excused.items())},
    )


def _about(finding: Finding) -> str:
    kind, key = finding.entity
    return f"{kind}/{key}"


def _groups(model: Model, relations: Relations) -> dict[str, tuple[str, ...]]:
    """Every group's objectives by `"<group>/<key>"`, as the scorecard rolls them up."""
    entities: dict[str, Mapping[str, object]] = {
        "value-stream": model.value_streams,
        "stage": model.stages,
        "capability": model.capabilities,
        "team": model.teams,
        "outcome": model.outcomes,
    }
    return {
        f"{group}/{key}": relations.objectives_of_group(model, group, key)
        for group, keys in entities.items()
        for key in keys
    }
