"""Which pages a portal has, where they live, which template draws each, and what it is given.

The per-page context holds only what a template cannot easily look up itself: walks of the
parent trees, status counts, the trend and burn-up charts. Everything else templates read from
the portal. Contexts are computed lazily, page by page, from the portal given to `plan_pages`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property, partial
from typing import Any

from okrsite.compute.attention import attention_key
from okrsite.compute.grades import CycleState
from okrsite.compute.needs_attention import TeamAttention, needs_attention
from okrsite.compute.progress import SEVERITY, direction
from okrsite.compute.scorecard import Score
from okrsite.compute.signals import NO_SIGNALS
from okrsite.model import Entity, Status
from okrsite.portal import Portal
from okrsite.quality.rules import RULES_BY_CODE
from okrsite.render.burnup import burnup_chart
from okrsite.render.cycle_chart import cycle_chart
from okrsite.render.pages.review import review_context, rule_context
from okrsite.render.pages.trees import ancestors, depth_first, roots
from okrsite.render.pages.trend import trend_chart
from okrsite.urls import REVIEW_SECTION, Kind, SiteUrls, cycle_badge_path

INDEX_TITLES: dict[str, str] = {
    "value-streams": "Value streams",
    "objectives": "Objectives",
    "key-results": "Key results",
    "initiatives": "Initiatives",
    "capabilities": "Capabilities",
    "teams": "Teams",
    "owners": "Owners",
    "cycles": "Cycles",
    "matrix": "Traceability matrix",
}
MATRIX_GRID_COLUMNS = 50  # wider grids are unreadable, and their cells grow as rows x columns
MATRIX_GRID_CELLS = 20_000  # past either limit a matrix lists each row's marks instead
ATTENTION_TEAMS = 12  # teams shown under "Needs attention", the most off track first
ATTENTION_ITEMS = 5  # per list in a team's card; its team page and the indexes have the rest
CHANGES_SECTION = "changes"  # rendered by okrsite.render.changes, listed in the nav
CHANGES_TITLE = "Recent changes"
REVIEW_TITLE = "Review"  # the quality review's page, when the portal publishes it


Context = Callable[[], Mapping[str, Any]]


@dataclass(frozen=True)
class PagePlan:
    """One page. Its template context is computed only when the page is rendered, from the
    portal the renderer reads (`okrsite/incremental/reads.py` records those reads per page), so a
    page reused after an edit costs nothing and a page rendered again reads the new portal."""

    source: str  # path of the Markdown artifact
    url: str  # site-relative URL the engine gives it
    template: str
    title: str
    subject: tuple[Kind, str] | None  # the entity the page is about; None for listings
    context: Context = dict
    hide: tuple[str, ...] = ()  # Material's `hide:` front matter: wide tables need the room

    @cached_property
    def identity(self) -> tuple[object, ...]:
        """Everything of the plan but its context: what the page's shape depends on."""
        return (self.source, self.url, self.template, self.title, self.subject, self.hide)


class _Parents(Mapping[str, str | None]):
    """Each entity's `parent`, read through the entities themselves (so a watched portal sees
    which entities a walk up a tree looked at)."""

    def __init__(self, entities: Mapping[str, Any]) -> None:
        self._entities = entities

    def __getitem__(self, key: str) -> str | None:
        parent: str | None = self._entities[key].parent
        return parent

    def __iter__(self) -> Iterator[str]:
        return iter(self._entities)

    def __len__(self) -> int:
        return len(self._entities)

    def __contains__(self, key: object) -> bool:
        return key in self._entities


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

    def entity_page(kind: Kind, key: str, title: str, context: Context = dict) -> PagePlan:
        return PagePlan(
            source=urls.page_source(kind, key),
            url=urls.page_url(kind, key),
            template=f"okrsite/{kind.value}.md.jinja",
            title=title,
            subject=(kind, key),
            context=context,
        )

    def counts_of(objectives: Iterable[str]) -> list[tuple[Status, int]]:
        """Statuses of the current cycle's objectives among `objectives`, as roll-ups count."""
        return status_counts(card.objectives[key] for key in objectives if card.in_cycle[key])

    def overview() -> Mapping[str, Any]:
        in_cycle = card.in_cycle
        attention = needs_attention(model, card)
        return {
            "status_counts": counts_of(model.objectives),
            "cycle_objectives": sum(1 for key in model.objectives if in_cycle[key]),
            "past_cycles": {
                cycle_id: result
                for cycle_id, result in card.cycles.items()
                if result.state is CycleState.PAST
            },
            "stage_counts": {
                stage: counts_of(relations.objectives_by_stage.get(stage, ()))
                for stage in model.stages
            },
            "attention": attention[:ATTENTION_TEAMS],
            "attention_items": ATTENTION_ITEMS,
            "attention_totals": attention_totals(attention),
            "worse": since("worse"),
            "recovered": since("better"),
            "team_grid": team_grid(),
        }

    def since(way: str) -> list[str]:
        """The current cycle's objectives whose status got `way` ("worse", "better") since
        the `since_days` before the as-of date, worst first."""
        then = card.objectives_then
        moved = [k for k in then if direction(then[k].status, card.objectives[k].status) == way]
        return sorted(moved, key=lambda key: (*attention_key(card.objectives[key]), key))

    def team_grid() -> tuple[list[Status], list[tuple[str, dict[Status, int]]]]:
        """Each team's current objectives (its own) counted by status, the most off track
        first; and the statuses any team has, worst first (the grid's columns)."""
        counted = {
            team: Counter(card.objectives[k].status for k in keys if card.in_cycle[k])
            for team, keys in relations.objectives_by_team.items()
        }
        rows = [(team, dict(counts)) for team, counts in counted.items() if counts]
        rows.sort(
            key=lambda row: (
                -row[1].get(Status.OFF_TRACK, 0),
                -row[1].get(Status.AT_RISK, 0),
                model.teams[row[0]].title.casefold(),
            )
        )
        present = {status for _, counts in rows for status in counts}
        return sorted(present, key=SEVERITY.__getitem__), rows

    def stage(key: str) -> Mapping[str, Any]:
        objectives = relations.objectives_by_stage.get(key, ())
        lifted = {c for o in objectives for c in model.objectives[o].capabilities}
        return {
            "status_counts": counts_of(objectives),
            "capabilities": [c for c in sorted(lifted) if c in model.capabilities],
        }

    def tree_entity(
        key: str, parents: Mapping[str, str | None], children: Mapping[str, tuple[str, ...]]
    ) -> Mapping[str, Any]:
        return {
            "ancestors": ancestors(key, parents),
            "subtree": depth_first(children.get(key, ()), children, 1),
        }

    def objective(key: str) -> Mapping[str, Any]:
        return {
            "ancestors": ancestors(key, _Parents(model.objectives)),
            "initiatives": relations.initiatives_of_objective(model, key),
            "burnup": burnup_chart(model, key, card.as_of, card.thresholds),
        }

    def key_result(key: str) -> Mapping[str, Any]:
        measured = model.key_results[key]
        return {
            "trend": trend_chart(measured, model.objectives[measured.objective], card.as_of),
            "checkins": [c for c in measured.checkins if c.date <= card.as_of],
            "signals": card.signals.get(key, NO_SIGNALS),
        }

    def initiative(key: str) -> Mapping[str, Any]:
        return {"ancestors": ancestors(key, _Parents(model.initiatives))}

    pages = [
        PagePlan(
            source=urls.overview_source(),
            url=urls.overview_url(),
            template="okrsite/overview.md.jinja",
            title=model.north_star.title,
            subject=(Kind.NORTH_STAR, model.north_star.key),
            context=overview,
            hide=("navigation", "toc"),  # a dashboard: its cards need the width
        )
    ]
    for key, stream in model.value_streams.items():
        pages.append(entity_page(Kind.VALUE_STREAM, key, stream.title))
    for key, entity in model.stages.items():
        pages.append(entity_page(Kind.STAGE, key, entity.title, partial(stage, key)))
    tree_kinds: tuple[tuple[Kind, Mapping[str, Entity], Mapping[str, tuple[str, ...]]], ...] = (
        (Kind.CAPABILITY, model.capabilities, relations.capability_children),
        (Kind.TEAM, model.teams, relations.team_children),
    )
    for kind, entities, children in tree_kinds:
        parents = _Parents(entities)
        for key, member in entities.items():
            context = partial(tree_entity, key, parents, children)
            pages.append(entity_page(kind, key, member.title, context))
    listed: tuple[tuple[Kind, Mapping[str, Entity], Callable[[str], Context]], ...] = (
        (Kind.OBJECTIVE, model.objectives, lambda key: partial(objective, key)),
        (Kind.KEY_RESULT, model.key_results, lambda key: partial(key_result, key)),
        (Kind.INITIATIVE, model.initiatives, lambda key: partial(initiative, key)),
    )
    for kind, entities, context_of in listed:
        for key, member in entities.items():
            pages.append(entity_page(kind, key, member.title, context_of(key)))

    def index(section: str) -> Mapping[str, Any]:
        trees = {
            "capabilities": lambda: depth_first(
                roots(_Parents(model.capabilities)), relations.capability_children
            ),
            "teams": lambda: depth_first(roots(_Parents(model.teams)), relations.team_children),
        }
        extra: dict[str, Any] = {}
        if section == "owners":
            named = relations.objectives_by_owner.keys() | relations.key_results_by_owner.keys()
            extra["owners"] = sorted(named, key=lambda name: (name.casefold(), name))
        if section == "cycles":
            extra["chart"] = cycle_chart(card.cycles)
        if section == "matrix":
            extra["grid"] = {
                "capabilities": as_grid(len(model.objectives), len(model.capabilities)),
                "key_results": as_grid(len(model.initiatives), len(model.key_results)),
            }
        return {"tree": trees[section]() if section in trees else [], **extra}

    def cycle(cycle_id: str) -> Mapping[str, Any]:
        result = card.cycles[cycle_id]
        members = frozenset(result.objectives)

        def counted(group: str, key: str) -> bool:
            """Whether the group has objectives in this cycle: graded ones, or live ones."""
            if result.state is CycleState.PAST:
                return cycle_id in card.group_grades.get(f"{group}/{key}", {})
            return any(o in members for o in relations.objectives_of_group(model, group, key))

        streams = [
            row
            for key, stream in model.value_streams.items()
            for row in [("value-stream", key, False), *(("stage", s, True) for s in stream.stages)]
        ]
        groups = {
            "Value stream and stage": streams,
            "Team": [("team", key, False) for key in model.teams],
            "Capability": [("capability", key, False) for key in model.capabilities],
            "Outcome": [("outcome", key, False) for key in model.outcomes],
        }
        return {
            "result": result,
            "badge": cycle_badge_path(cycle_id),
            # per heading, the groups with objectives in this cycle: (group, key, indented)
            "groups": {
                heading: [row for row in rows if counted(row[0], row[1])]
                for heading, rows in groups.items()
            }
            if result.state is not CycleState.NEXT
            else {},
        }

    for cycle_id, result in card.cycles.items():
        pages.append(
            PagePlan(
                source=urls.cycle_source(cycle_id),
                url=urls.cycle_url(cycle_id),
                template="okrsite/cycle.md.jinja",
                title=result.cycle.title,
                subject=None,
                context=partial(cycle, cycle_id),
            )
        )
    for section, title in INDEX_TITLES.items():
        pages.append(
            PagePlan(
                source=urls.index_source(section),
                url=urls.index_url(section),
                template=f"okrsite/index/{section}.md.jinja",
                title=title,
                subject=None,
                context=partial(index, section),
                hide=("navigation", "toc") if section != "value-streams" else (),
            )
        )
    if card.quality_rules:
        pages.append(
            PagePlan(
                source=urls.index_source(REVIEW_SECTION),
                url=urls.index_url(REVIEW_SECTION),
                template="okrsite/review.md.jinja",
                title=REVIEW_TITLE,
                subject=None,
                context=partial(review_context, portal),
                hide=("navigation",),
            )
        )
        for code in card.quality_rules:
            rule = RULES_BY_CODE[code]
            pages.append(
                PagePlan(
                    source=urls.rule_source(code),
                    url=urls.rule_url(code),
                    template="okrsite/rule.md.jinja",
                    title=f"{code} {rule.name}",
                    subject=None,
                    context=partial(rule_context, portal, code),
                )
            )
    return pages


def attention_totals(teams: Iterable[TeamAttention]) -> dict[str, int]:
    """How many objectives, blocked initiatives and stale key results need help, all teams."""
    listed = list(teams)
    return {
        "objectives": sum(len(t.objectives) for t in listed),
        "blocked": sum(len(t.blocked) for t in listed),
        "stale": sum(len(t.stale) for t in listed),
        "teams": len(listed),
    }
