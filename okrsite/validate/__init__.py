"""Validate the drafts read from YAML documents into a `Model`, finding every problem in one run.

Documents become drafts file by file (`read_documents`), so a caller that reloads content can
keep the drafts of files that did not change; everything that relates entities runs here.

Errors (the model is withheld):
  YAML that cannot be read; a document that is not a mapping or has no/unknown `kind`;
  unknown keys (with "did you mean"); missing required keys (`kind`, `id`, `title`; `start`
  and `end` of a period; `date` of a check-in; `title` and `url` of a link); values of the
  wrong type; bad ids (characters, length, reserved names such as `index`); bad dates and
  periods; duplicate ids or aliases within a kind (case-insensitive; key results across all
  objectives, stages across all value streams); references to ids that do not exist; loops in
  any `parent` chain; a metric key result without `baseline` or `target`, or with target equal
  to baseline; metric keys on a milestone or `done` on a metric; check-ins of the wrong shape,
  out of date order or outside the key result's window; a `due` before the objective's period;
  an initiative without key results and without a parent, or ending before it starts; no
  NorthStar or several.
Warnings (the model is still usable):
  an empty file; an objective without key results (progress undefined) or without a period
  (status cannot be judged); a `due` after the objective's period; a reference written with a
  former id (alias); the same id listed twice in one list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from okrsite.model import Location, Model
from okrsite.problems import Problem, error, has_errors, sort_problems
from okrsite.validate.build import Builder
from okrsite.validate.documents import (
    CAPABILITY,
    INITIATIVE,
    KEY_RESULT,
    NORTH_STAR,
    OBJECTIVE,
    STAGE,
    TEAM,
    VALUE_STREAM,
    Draft,
)
from okrsite.validate.registry import Registry
from okrsite.validate.rules import (
    initiative_problems,
    key_result_problems,
    objective_problems,
    parent_cycles,
)

E = TypeVar("E")


def validate_drafts(
    drafts: list[Draft],
    read_problems: list[Problem],
    content_location: Location,
    grading_days: int = 14,
) -> tuple[Model | None, list[Problem]]:
    """The model (None when there is any error) and all problems, sorted by place.

    `read_problems` are those found reading the files and documents the drafts come from; they
    are returned with the rest and, if one is an error, withhold the model too.
    """
    problems: list[Problem] = list(read_problems)
    registry = Registry(problems)
    rejected_holder: str | None = None
    for draft in drafts:
        if draft.holder is None:
            # A second north star is reported below; its outcomes would only add noise.
            extra_north_star = draft.namespace == NORTH_STAR and registry.keys(NORTH_STAR)
            added = registry.add(draft)
            rejected_holder = draft.key if extra_north_star or not added else None
        elif draft.holder != rejected_holder:
            registry.add(draft)

    north_stars = list(registry.keys(NORTH_STAR).values())
    if not north_stars:
        problems.append(
            error(
                content_location,
                "no NorthStar document found; add one (kind: NorthStar) that everything "
                "rolls up to",
            )
        )
    elif len(north_stars) > 1:
        places = ", ".join(f"'{d.id}' at {d.read.at}" for d in north_stars)
        for draft in north_stars:
            problems.append(
                error(draft.read.at, f"there must be exactly one NorthStar, found: {places}")
            )

    build = Builder(registry)

    def built(namespace: str, make: Callable[[Draft], E]) -> dict[str, E]:
        drafts = registry.keys(namespace)
        return {key: make(drafts[key]) for key in sorted(drafts)}

    stages = built(STAGE, build.stage)
    value_streams = built(VALUE_STREAM, build.value_stream)
    capabilities = built(CAPABILITY, build.capability)
    teams = built(TEAM, build.team)
    objectives = built(OBJECTIVE, build.objective)
    key_results = built(KEY_RESULT, build.key_result)
    initiatives = built(INITIATIVE, build.initiative)
    north_star = build.north_star(north_stars[0]) if north_stars else None

    for namespace, entities in (
        (CAPABILITY, capabilities),
        (TEAM, teams),
        (OBJECTIVE, objectives),
        (INITIATIVE, initiatives),
    ):
        reads = {key: draft.read for key, draft in registry.keys(namespace).items()}
        parents = {key: entity.parent for key, entity in entities.items()}
        problems.extend(parent_cycles(namespace, parents, entities, reads))
    kr_drafts = registry.keys(KEY_RESULT)
    for key, key_result in key_results.items():
        objective = objectives[key_result.objective]
        read = kr_drafts[key].read
        problems.extend(key_result_problems(key_result, objective, read, grading_days))
    objective_drafts = registry.keys(OBJECTIVE)
    for key, objective in objectives.items():
        problems.extend(objective_problems(objective, objective_drafts[key].read))
    initiative_drafts = registry.keys(INITIATIVE)
    for key, initiative in initiatives.items():
        problems.extend(initiative_problems(initiative, initiative_drafts[key].read))

    problems = sort_problems(problems)
    if north_star is None or has_errors(problems):
        return None, problems
    model = Model(
        north_star=north_star,
        value_streams=value_streams,
        stages=stages,
        capabilities=capabilities,
        teams=teams,
        objectives=objectives,
        key_results=key_results,
        initiatives=initiatives,
    )
    return model, problems
