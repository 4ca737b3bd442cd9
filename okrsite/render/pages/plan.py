"""Which pages a portal has, where they live, which template draws each, and what it is given.

The per-page context holds only what a template cannot easily look up itself: walks of the
parent trees, status counts, the trend and burn-up charts. Everything else templates read from
the portal.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from okrsite.compute.scorecard import Score
from okrsite.model import Status
from okrsite.portal import Portal
from okrsite.render.burnup import burnup_chart
from okrsite.render.pages.trees import ancestors, depth_first, roots
from okrsite.render.pages.trend import trend_chart
from okrsite.urls import Kind, SiteUrls

INDEX_TITLES: dict[str, str] = {
    "value-streams": "Value streams",
    "objectives": "Objectives",
    "key-results": "Key results",
    "initiatives": "Initiatives",
    "capabilities": "Capabilities",
    "teams": "Teams",
    "matrix": "Traceability matrix",
}
MATRIX_GRID_COLUMNS = 50  # wider grids are unreadable, and their cells grow as rows x columns
MATRIX_GRID_CELLS = 20_000  # past either limit a matrix lists each row's marks instead
OFF_TRACK_SHOWN = 20  # the overview lists the furthest behind; the indexes filter the rest
CHANGES_SECTION = "changes"  # rendered by okrsite.render.changes, listed in the nav
CHANGES_TITLE = "Recent changes"


@dataclass(frozen=True)
class PagePlan:
    source: str  # path of the Markdown artifact
    url: str  # site-relative URL the engine gives it
    template: str
    title: str
    subject: tuple[Kind, str] | None  # the entity the page is about; None for listings
    context: Mapping[str, Any] = field(default_factory=dict)
    hide: tuple[str, ...] = ()  # Material's `hide:` front matter: wide tables need the room


def status_counts(scores: Iterable[Score]) -> list[tuple[Status, int]]:
    """How many objectives are in each status, in the fixed status order, zeros left out."""
    counts = Counter(score.status for score in scores)
    return [(status, counts[status]) for status in Status if counts[status]]


def as_grid(rows: int, columns: int) -> bool:
    """A matrix as a grid of cells only while it stays readable and small: at 1,000
    initiatives x 4,000 key results the grid alone would be 4 million cells (over 100 MB)."""
    return columns <= MATRIX_GRID_COLUMNS and rows * columns <= MATRIX_GRID_CELLS


def plan_pages(portal: Portal, urls: SiteUrls) -> list[PagePlan]:
    model, relations, card = portal.model, portal.relations, portal.scorecard
    objective_scores = card.objectives

    def entity_page(kind: Kind, key: str, title: str, **context: Any) -> PagePlan:
        return PagePlan(
            source=urls.page_source(kind, key),
            url=urls.page_url(kind, key),
            template=f"okrsite/{kind.value}.md.jinja",
            title=title,
            subject=(kind, key),
            context=context,
        )

    def counts_of(objectives: Iterable[str]) -> list[tuple[Status, int]]:
        return status_counts(objective_scores[key] for key in objectives)

    off_track = furthest_behind(objective_scores)
    off_track_key_results = furthest_behind(card.key_results)
    pages = [
        PagePlan(
            source=urls.overview_source(),
            url=urls.overview_url(),
            template="okrsite/overview.md.jinja",
            title=model.north_star.title,
            subject=(Kind.NORTH_STAR, model.north_star.key),
            context={
                "status_counts": counts_of(model.objectives),
                "stage_counts": {
                    stage: counts_of(relations.objectives_by_stage.get(stage, ()))
                    for stage in model.stages
                },
                "off_track_objectives": off_track[:OFF_TRACK_SHOWN],
                "off_track_key_results": off_track_key_results[:OFF_TRACK_SHOWN],
                "off_track_totals": (len(off_track), len(off_track_key_results)),
            },
        )
    ]
    for key, stream in model.value_streams.items():
        pages.append(entity_page(Kind.VALUE_STREAM, key, stream.title))
    for key, stage in model.stages.items():
        objectives = relations.objectives_by_stage.get(key, ())
        lifted = {c for o in objectives for c in model.objectives[o].capabilities}
        pages.append(
            entity_page(
                Kind.STAGE,
                key,
                stage.title,
                status_counts=counts_of(objectives),
                capabilities=[c for c in model.capabilities if c in lifted],
            )
        )
    capability_parents = {k: c.parent for k, c in model.capabilities.items()}
    team_parents = {k: t.parent for k, t in model.teams.items()}
    tree_kinds = (
        (Kind.CAPABILITY, model.capabilities, capability_parents, relations.capability_children),
        (Kind.TEAM, model.teams, team_parents, relations.team_children),
    )
    for kind, entities, parents, children in tree_kinds:
        for key, entity in entities.items():
            pages.append(
                entity_page(
                    kind,
                    key,
                    entity.title,
                    ancestors=ancestors(key, parents),
                    subtree=depth_first(children.get(key, ()), children, 1),
                )
            )
    objective_parents = {k: o.parent for k, o in model.objectives.items()}
    for key, objective in model.objectives.items():
        pages.append(
            entity_page(
                Kind.OBJECTIVE,
                key,
                objective.title,
                ancestors=ancestors(key, objective_parents),
                initiatives=relations.initiatives_of_objective(model, key),
                burnup=burnup_chart(model, key, card.as_of, card.thresholds),
            )
        )
    for key, key_result in model.key_results.items():
        objective = model.objectives[key_result.objective]
        pages.append(
            entity_page(
                Kind.KEY_RESULT,
                key,
                key_result.title,
                trend=trend_chart(key_result, objective, card.as_of),
                checkins=[c for c in key_result.checkins if c.date <= card.as_of],
            )
        )
    initiative_parents = {k: i.parent for k, i in model.initiatives.items()}
    for key, initiative in model.initiatives.items():
        pages.append(
            entity_page(
                Kind.INITIATIVE,
                key,
                initiative.title,
                ancestors=ancestors(key, initiative_parents),
            )
        )

    trees = {
        "capabilities": depth_first(roots(capability_parents), relations.capability_children),
        "teams": depth_first(roots(team_parents), relations.team_children),
    }
    extra = {
        "matrix": {
            "grid": {
                "capabilities": as_grid(len(model.objectives), len(model.capabilities)),
                "key_results": as_grid(len(model.initiatives), len(model.key_results)),
            }
        }
    }
    for section, title in INDEX_TITLES.items():
        pages.append(
            PagePlan(
                source=urls.index_source(section),
                url=urls.index_url(section),
                template=f"okrsite/index/{section}.md.jinja",
                title=title,
                subject=None,
                context={"tree": trees.get(section, []), **extra.get(section, {})},
                hide=("navigation", "toc") if section != "value-streams" else (),
            )
        )
    return pages


def furthest_behind(scores: Mapping[str, Score]) -> list[str]:
    """Off-track keys, the largest gap to the expected line first (then by key, for stability)."""
    off = [(k, s) for k, s in scores.items() if s.status is Status.OFF_TRACK]
    return [k for k, _ in sorted(off, key=lambda item: (-_gap(item[1]), item[0]))]


def _gap(score: Score) -> float:
    return (score.expected or 0.0) - (score.progress or 0.0)
