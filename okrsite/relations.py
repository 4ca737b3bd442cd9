"""Reverse links of the model, computed once so no view walks the whole model in a loop.

The model stores each reference in one direction (an objective names its stage); pages, diagrams
and roll-ups also need the other direction (a stage's objectives). Every list is in a stable
order: the order the referencing entities have in the model (sorted by key).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from okrsite.model import Model


def _group(pairs: Iterable[tuple[str | None, str]]) -> dict[str, tuple[str, ...]]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for target, source in pairs:
        if target is not None:
            grouped[target].append(source)
    return {target: tuple(sources) for target, sources in grouped.items()}


@dataclass(frozen=True)
class Relations:
    """Who points at whom, by key. Missing keys mean "nothing points here"."""

    objectives_by_stage: Mapping[str, tuple[str, ...]]
    objectives_by_capability: Mapping[str, tuple[str, ...]]
    objectives_by_outcome: Mapping[str, tuple[str, ...]]
    objectives_by_team: Mapping[str, tuple[str, ...]]
    objective_children: Mapping[str, tuple[str, ...]]
    capability_children: Mapping[str, tuple[str, ...]]
    team_children: Mapping[str, tuple[str, ...]]
    initiatives_by_key_result: Mapping[str, tuple[str, ...]]
    initiatives_by_capability: Mapping[str, tuple[str, ...]]
    initiative_children: Mapping[str, tuple[str, ...]]
    objectives_by_owner: Mapping[str, tuple[str, ...]]  # by the owner's name, as written
    key_results_by_owner: Mapping[str, tuple[str, ...]]  # its own owner, else its objective's

    def objectives_of_value_stream(self, model: Model, value_stream: str) -> tuple[str, ...]:
        """Objectives of every stage of a value stream, stage by stage in stage order."""
        return tuple(
            objective
            for stage in model.value_streams[value_stream].stages
            for objective in self.objectives_by_stage.get(stage, ())
        )

    def objectives_of_group(self, model: Model, group: str, key: str) -> tuple[str, ...]:
        """The objectives a group rolls up (`group`: value-stream, stage, capability, team or
        outcome), as the scorecard and the grades count them."""
        if group == "value-stream":
            return self.objectives_of_value_stream(model, key)
        by_group = {
            "stage": self.objectives_by_stage,
            "capability": self.objectives_by_capability,
            "team": self.objectives_by_team,
            "outcome": self.objectives_by_outcome,
        }
        return by_group[group].get(key, ())

    def objectives_below(
        self,
        key: str,
        objectives_by: Mapping[str, tuple[str, ...]],
        children: Mapping[str, tuple[str, ...]],
    ) -> tuple[str, ...]:
        """The objectives of a team or capability and of everything below it in its tree, each
        once (a tree may not cycle: the loader refuses cyclic parents)."""
        found: dict[str, None] = {}
        pending = [key]
        while pending:
            group = pending.pop()
            found.update(dict.fromkeys(objectives_by.get(group, ())))
            pending.extend(children.get(group, ()))
        return tuple(found)

    def initiatives_of_objective(self, model: Model, objective: str) -> tuple[str, ...]:
        """Initiatives supporting any key result of the objective, each once, in model order."""
        found = {
            initiative
            for key_result in model.objectives[objective].key_results
            for initiative in self.initiatives_by_key_result.get(key_result, ())
        }
        # Model order is key order: sorting, not a walk over every initiative, keeps what a
        # page reads to its own initiatives (okrsite/incremental/reads.py)
        return tuple(key for key in sorted(found) if key in model.initiatives)


def build_relations(model: Model) -> Relations:
    objectives = model.objectives.values()
    initiatives = model.initiatives.values()
    return Relations(
        objectives_by_stage=_group((o.stage, o.key) for o in objectives),
        objectives_by_capability=_group((c, o.key) for o in objectives for c in o.capabilities),
        objectives_by_outcome=_group((o.outcome, o.key) for o in objectives),
        objectives_by_team=_group((o.team, o.key) for o in objectives),
        objective_children=_group((o.parent, o.key) for o in objectives),
        capability_children=_group((c.parent, c.key) for c in model.capabilities.values()),
        team_children=_group((t.parent, t.key) for t in model.teams.values()),
        initiatives_by_key_result=_group((k, i.key) for i in initiatives for k in i.key_results),
        initiatives_by_capability=_group((c, i.key) for i in initiatives for c in i.capabilities),
        initiative_children=_group((i.parent, i.key) for i in initiatives),
        objectives_by_owner=_group((o.owner, o.key) for o in objectives),
        key_results_by_owner=_group(
            (k.owner or model.objectives[k.objective].owner, k.key)
            for k in model.key_results.values()
            if k.objective in model.objectives
        ),
    )
