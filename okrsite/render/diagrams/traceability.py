"""Which diagram each page gets: how its entity traces up to the north star and down to work.

Edges point from the intent to the work that serves it (north star → … → initiative); the
capability relations ("lifts") and the links to outcome categories are dashed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from okrsite.incremental.units import Rereading
from okrsite.model import Objective
from okrsite.portal import Portal
from okrsite.render.diagrams.facts import OUTCOME
from okrsite.render.diagrams.graph import DiagramSource, Group, TraceGraph
from okrsite.render.diagrams.labels import Boxes
from okrsite.urls import SECTIONS, Kind, SiteUrls

TEAM_DEPTH = 3  # levels of sub-teams a team diagram shows below the team


def overview_diagram(graph: TraceGraph) -> DiagramSource:
    """North star → outcome categories and value streams → stages → objectives → capabilities."""
    model, relations, urls = graph.portal.model, graph.portal.relations, graph.urls
    north_star = graph.entity(Kind.NORTH_STAR, model.north_star.key)
    outcomes = graph.level(OUTCOME, [Group(north_star, list(model.outcomes), urls.overview_url())])
    streams = graph.level(
        Kind.VALUE_STREAM,
        [Group(north_star, list(model.value_streams), urls.index_url(SECTIONS[Kind.VALUE_STREAM]))],
    )
    stages = graph.level(
        Kind.STAGE,
        [
            Group(
                graph.entity(Kind.VALUE_STREAM, stream),
                model.value_streams[stream].stages,
                urls.page_url(Kind.VALUE_STREAM, stream),
            )
            for stream in streams
        ],
    )
    groups = [
        Group(
            graph.entity(Kind.STAGE, stage),
            relations.objectives_by_stage.get(stage, ()),
            urls.page_url(Kind.STAGE, stage),
        )
        for stage in stages
    ]
    stageless = [o for o in model.objectives.values() if o.stage is None]
    for outcome in outcomes:
        keys = [o.key for o in stageless if o.outcome == outcome]
        if keys:
            groups.append(Group(graph.outcome(outcome), keys, urls.overview_url()))
    unplaced = [o.key for o in stageless if o.outcome not in outcomes]
    if unplaced:
        groups.append(Group(north_star, unplaced, urls.index_url(SECTIONS[Kind.OBJECTIVE])))
    objectives = graph.level(Kind.OBJECTIVE, groups)
    for key in objectives:
        category = model.objectives[key].outcome
        if category in outcomes and model.objectives[key].stage is not None:
            graph.edge(graph.outcome(category), graph.entity(Kind.OBJECTIVE, key), "outcome")
    capability_groups = [
        Group(graph.entity(Kind.OBJECTIVE, key), model.objectives[key].capabilities, "")
        for key in objectives
    ]
    graph.level(
        Kind.CAPABILITY,
        capability_groups,
        "lifts",
        shared_full_list_url=urls.index_url(SECTIONS[Kind.CAPABILITY]),
    )
    title = model.north_star.title
    return graph.source(
        f"Traceability overview: {title}",
        f"How outcome categories, value streams, stages and objectives trace up to the north "
        f"star “{title}”, and the capabilities the objectives lift.",
    )


def _down_to_work(graph: TraceGraph, objectives: list[str]) -> list[str]:
    """Key results of the objectives, then the initiatives behind them; returns initiatives."""
    model, relations, urls = graph.portal.model, graph.portal.relations, graph.urls
    key_results = graph.level(
        Kind.KEY_RESULT,
        [
            Group(
                graph.entity(Kind.OBJECTIVE, key),
                model.objectives[key].key_results,
                urls.page_url(Kind.OBJECTIVE, key),
            )
            for key in objectives
        ],
    )
    return graph.level(
        Kind.INITIATIVE,
        [
            Group(
                graph.entity(Kind.KEY_RESULT, key),
                relations.initiatives_by_key_result.get(key, ()),
                urls.page_url(Kind.KEY_RESULT, key),
            )
            for key in key_results
        ],
    )


def _stage_chain(graph: TraceGraph, stage: str) -> str:
    """North star → value stream → stage; returns the stage's node."""
    model = graph.portal.model
    stream = model.stages[stage].value_stream
    north_star = graph.entity(Kind.NORTH_STAR, model.north_star.key)
    graph.edge(north_star, graph.entity(Kind.VALUE_STREAM, stream))
    graph.edge(graph.entity(Kind.VALUE_STREAM, stream), graph.entity(Kind.STAGE, stage))
    return graph.entity(Kind.STAGE, stage)


def stage_diagram(graph: TraceGraph, stage: str) -> DiagramSource:
    model, relations, urls = graph.portal.model, graph.portal.relations, graph.urls
    stage_node = _stage_chain(graph, stage)
    objectives = graph.level(
        Kind.OBJECTIVE,
        [
            Group(
                stage_node,
                relations.objectives_by_stage.get(stage, ()),
                urls.page_url(Kind.STAGE, stage),
            )
        ],
    )
    initiatives = _down_to_work(graph, objectives)
    lifted = [
        Group(graph.entity(Kind.OBJECTIVE, key), model.objectives[key].capabilities, "")
        for key in objectives
    ] + [
        Group(graph.entity(Kind.INITIATIVE, key), model.initiatives[key].capabilities, "")
        for key in initiatives
    ]
    graph.level(
        Kind.CAPABILITY,
        lifted,
        "lifts",
        shared_full_list_url=urls.index_url(SECTIONS[Kind.CAPABILITY]),
    )
    title = model.stages[stage].title
    return graph.source(
        f"Traceability of the stage {title}",
        f"The stage “{title}” in its value stream, its objectives, their key results, the "
        "initiatives behind them and the capabilities they lift.",
    )


def _ancestors(start: str | None, parent_of: Callable[[str], str | None]) -> list[str]:
    """The chain of parents from the top down, stopping at a repeat so a cycle cannot loop."""
    chain: list[str] = []
    key = start
    while key is not None and key not in chain:
        chain.append(key)
        key = parent_of(key)
    return chain[::-1]


def _chain(graph: TraceGraph, kind: Kind, keys: list[str]) -> None:
    for upper, lower in zip(keys, keys[1:], strict=False):
        graph.edge(graph.entity(kind, upper), graph.entity(kind, lower))


def capability_diagram(graph: TraceGraph, capability: str) -> DiagramSource:
    model, relations, urls = graph.portal.model, graph.portal.relations, graph.urls
    capabilities = model.capabilities
    lineage = _ancestors(capability, lambda key: capabilities[key].parent)
    _chain(graph, Kind.CAPABILITY, lineage)
    node = graph.entity(Kind.CAPABILITY, capability)
    own_page = urls.page_url(Kind.CAPABILITY, capability)
    graph.level(
        Kind.CAPABILITY, [Group(node, relations.capability_children.get(capability, ()), own_page)]
    )
    graph.level(
        Kind.OBJECTIVE,
        [Group(node, relations.objectives_by_capability.get(capability, ()), own_page)],
        "lifts",
    )
    graph.level(
        Kind.INITIATIVE,
        [Group(node, relations.initiatives_by_capability.get(capability, ()), own_page)],
        "lifts",
    )
    title = capabilities[capability].title
    return graph.source(
        f"Traceability of the capability {title}",
        f"The capability “{title}” with its parent and sub-capabilities, and the objectives "
        "and initiatives that lift it.",
    )


def _anchor_objective(graph: TraceGraph, objective: Objective) -> None:
    """Tie the top of an objective cascade to the north star through its stage and outcome."""
    model = graph.portal.model
    north_star = graph.entity(Kind.NORTH_STAR, model.north_star.key)
    node = graph.entity(Kind.OBJECTIVE, objective.key)
    if objective.stage is not None:
        graph.edge(_stage_chain(graph, objective.stage), node)
    if objective.outcome is not None:
        graph.edge(north_star, graph.outcome(objective.outcome))
        graph.edge(graph.outcome(objective.outcome), node, "outcome")
    if objective.stage is None and objective.outcome is None:
        graph.edge(north_star, node)


def objective_diagram(graph: TraceGraph, objective: str) -> DiagramSource:
    model, relations, urls = graph.portal.model, graph.portal.relations, graph.urls
    objectives = model.objectives
    cascade = _ancestors(objective, lambda key: objectives[key].parent)
    _anchor_objective(graph, objectives[cascade[0]])
    _chain(graph, Kind.OBJECTIVE, cascade)
    node = graph.entity(Kind.OBJECTIVE, objective)
    graph.level(
        Kind.OBJECTIVE,
        [
            Group(
                node,
                relations.objective_children.get(objective, ()),
                urls.page_url(Kind.OBJECTIVE, objective),
            )
        ],
    )
    _down_to_work(graph, [objective])
    title = objectives[objective].title
    return graph.source(
        f"Traceability of the objective {title}",
        f"How the objective “{title}” traces up its cascade to the north star, and down to "
        "its sub-objectives, key results and the initiatives behind them.",
    )


def team_diagram(graph: TraceGraph, team: str) -> DiagramSource:
    model, relations, urls = graph.portal.model, graph.portal.relations, graph.urls
    lineage = _ancestors(team, lambda key: model.teams[key].parent)
    _chain(graph, Kind.TEAM, lineage)
    layer = [team]
    for depth in range(TEAM_DEPTH + 1):
        groups = [
            Group(
                graph.entity(Kind.TEAM, key),
                relations.objectives_by_team.get(key, ()),
                urls.page_url(Kind.TEAM, key),
            )
            for key in layer
        ]
        graph.level(Kind.OBJECTIVE, groups)
        if depth == TEAM_DEPTH:
            break
        layer = graph.level(
            Kind.TEAM,
            [
                Group(
                    graph.entity(Kind.TEAM, key),
                    relations.team_children.get(key, ()),
                    urls.page_url(Kind.TEAM, key),
                )
                for key in layer
            ],
        )
    title = model.teams[team].title
    return graph.source(
        f"Team cascade of {title}",
        f"The team “{title}” within its parent teams, its sub-teams and the objectives each "
        "of them owns.",
    )


def diagram_units(
    boxes: Boxes, urls: SiteUrls, max_nodes_per_level: int
) -> list[tuple[tuple[Kind, str], Callable[[], DiagramSource]]]:
    """Every page's diagram as (page, how to build it), overview first, then by kind and key
    (a stable order). Built one by one, so a render can skip those an edit left alone."""
    model = boxes.portal.model

    def graph(kind: Kind, key: str) -> TraceGraph:
        return TraceGraph(boxes, urls, (kind, key), max_nodes_per_level)

    def unit(
        kind: Kind, key: str, draw: Callable[[TraceGraph, str], DiagramSource]
    ) -> tuple[tuple[Kind, str], Callable[[], DiagramSource]]:
        return (kind, key), lambda: draw(graph(kind, key), key)

    north_star = model.north_star.key
    units = [
        (
            (Kind.NORTH_STAR, north_star),
            lambda: overview_diagram(graph(Kind.NORTH_STAR, north_star)),
        )
    ]
    units.extend(unit(Kind.STAGE, key, stage_diagram) for key in model.stages)
    units.extend(unit(Kind.CAPABILITY, key, capability_diagram) for key in model.capabilities)
    units.extend(unit(Kind.OBJECTIVE, key, objective_diagram) for key in model.objectives)
    units.extend(unit(Kind.TEAM, key, team_diagram) for key in model.teams)
    return units


def all_diagrams(
    portal: Portal, urls: SiteUrls, max_nodes_per_level: int
) -> Iterator[DiagramSource]:
    """Every page's diagram, in the order of `diagram_units`."""
    boxes = Boxes(Rereading(portal, None))
    return (build() for _, build in diagram_units(boxes, urls, max_nodes_per_level))
