"""What the traceability diagrams show: structure, collapsing of big levels, hostile titles.

Structure and collapsing are checked on the DOT sources and their tooltips (no `dot` needed);
hostile titles go through the real `dot` and are read back from the SVG with an XML parser.
"""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from okrsite.model import (
    Capability,
    Initiative,
    KeyResult,
    Location,
    Model,
    NorthStar,
    Objective,
    Outcome,
    Period,
    Stage,
    Team,
    TeamLevel,
    ValueStream,
    Window,
)
from okrsite.portal import Portal, assemble_portal
from okrsite.render.diagrams import DiagramOptions, render_diagrams
from okrsite.render.diagrams.graph import DiagramSource, allocate
from okrsite.render.diagrams.traceability import all_diagrams
from okrsite.urls import Kind, SiteUrls

AS_OF = date(2026, 11, 23)
HERE = Location("synthetic.yml", 1, 1)
Q4 = Period("2026-Q4", Window(date(2026, 10, 1), date(2026, 12, 31)))
SVG = "{http://www.w3.org/2000/svg}"


def synthetic_model(objectives: int, fan_out: int = 3) -> Model:
    """One stage holding every objective; objective 0 leads a cascade and has wide fan-outs.

    Every level of it can exceed the diagram limits: objectives per stage, children of
    objective 0, key results of objective 0, initiatives of its first key result, sub-teams and
    sub-capabilities.
    """
    wide = max(fan_out, 40)
    objective_list = [
        Objective(
            id=f"obj-{n:04d}",
            title=f"Objective number {n}",
            stage="stage-a",
            outcome="customer",
            team="company" if n == 0 else f"team-{n % wide:02d}",
            capabilities=("cap-root",) if n == 0 else (f"cap-{n % wide:02d}",),
            parent=None if n == 0 else "obj-0000",
            period=Q4,
            key_results=tuple(f"kr-{n:04d}-{k:02d}" for k in range(wide if n == 0 else fan_out)),
            location=HERE,
        )
        for n in range(objectives)
    ]
    key_results = [
        KeyResult(
            id=kr,
            title=f"Key result {kr}",
            objective=objective.key,
            baseline=0,
            target=100,
            current=40,
            location=HERE,
        )
        for objective in objective_list
        for kr in objective.key_results
    ]
    initiatives = [
        Initiative(
            id=f"ini-{n:03d}",
            title=f"Initiative {n}",
            key_results=("kr-0000-00",),
            capabilities=("cap-root",),
            location=HERE,
        )
        for n in range(wide)
    ]
    capabilities = [Capability(id="cap-root", title="Root capability", location=HERE)] + [
        Capability(id=f"cap-{n:02d}", title=f"Capability {n}", parent="cap-root", location=HERE)
        for n in range(wide)
    ]
    teams = [Team(id="company", title="Company", level=TeamLevel.COMPANY, location=HERE)] + [
        Team(
            id=f"team-{n:02d}",
            title=f"Team {n}",
            level=TeamLevel.TEAM,
            parent="company",
            location=HERE,
        )
        for n in range(wide)
    ]
    return Model(
        north_star=NorthStar(
            id="north",
            title="North star",
            outcomes=(Outcome(id="customer", title="Customer", location=HERE),),
            location=HERE,
        ),
        value_streams={
            "stream": ValueStream(id="stream", title="Stream", stages=("stage-a",), location=HERE)
        },
        stages={
            "stage-a": Stage(
                id="stage-a", title="Stage A", value_stream="stream", position=0, location=HERE
            )
        },
        capabilities={c.key: c for c in sorted(capabilities, key=lambda c: c.key)},
        teams={t.key: t for t in sorted(teams, key=lambda t: t.key)},
        objectives={o.key: o for o in objective_list},
        key_results={k.key: k for k in sorted(key_results, key=lambda k: k.key)},
        initiatives={i.key: i for i in initiatives},
    )


def sources_by_page(portal: Portal, limit: int = 12) -> dict[tuple[Kind, str], DiagramSource]:
    return {s.page: s for s in all_diagrams(portal, SiteUrls(), limit)}


def node_count(source: DiagramSource) -> int:
    return len(source.tooltips)


def counted_nodes(source: DiagramSource) -> list[str]:
    return [text for text in source.tooltips.values() if text.endswith(": see the full list")]


# Allocation and collapsing ------------------------------------------------------------------
def test_allocate_shares_places_in_turn_and_never_exceeds_a_group_or_the_budget() -> None:
    assert allocate([10, 1, 10], 6) == [3, 1, 2]
    assert allocate([2, 2], 12) == [2, 2]
    assert allocate([5, 5, 5], 2) == [1, 1, 0]
    assert allocate([], 12) == []


def test_every_page_with_a_diagram_gets_one() -> None:
    portal = assemble_portal(synthetic_model(30), AS_OF)
    pages = set(sources_by_page(portal))
    model = portal.model
    expected = {(Kind.NORTH_STAR, model.north_star.key)}
    expected |= {(Kind.STAGE, k) for k in model.stages}
    expected |= {(Kind.CAPABILITY, k) for k in model.capabilities}
    expected |= {(Kind.OBJECTIVE, k) for k in model.objectives}
    expected |= {(Kind.TEAM, k) for k in model.teams}
    assert pages == expected


@pytest.mark.slow
@pytest.mark.parametrize("limit", [1, 5, 12])
def test_a_thousand_objectives_never_make_a_big_diagram(limit: int) -> None:
    portal = assemble_portal(synthetic_model(1000), AS_OF)
    sources = sources_by_page(portal, limit)
    # Each level holds at most `limit` real nodes plus one counted node per parent shown.
    biggest = max(node_count(source) for source in sources.values())
    assert biggest <= 14 * limit + 20
    overview = sources[(Kind.NORTH_STAR, "north")]
    assert "+" in " ".join(counted_nodes(overview))
    assert f"{1000 - limit} more not shown" in overview.description


def test_a_collapsed_level_counts_what_it_hides_and_links_to_the_full_list() -> None:
    portal = assemble_portal(synthetic_model(100), AS_OF)
    stage = sources_by_page(portal, 12)[(Kind.STAGE, "stage-a")]
    assert "+88 more objectives: see the full list" in counted_nodes(stage)
    objective_boxes = [t for t in stage.tooltips.values() if t.startswith("Objective number")]
    assert len(objective_boxes) == 12
    # The counted node links to the stage page itself, where every objective is listed.
    assert re.search(r'label="\+88 more objectives"[^\]]*href="\./"', stage.dot)


def test_fair_sharing_shows_some_children_of_every_parent() -> None:
    portal = assemble_portal(synthetic_model(50), AS_OF)
    team = sources_by_page(portal, 12)[(Kind.TEAM, "company")]
    sub_teams = [t for t in team.tooltips.values() if re.fullmatch(r"Team \d+", t)]
    assert len(sub_teams) == 12
    assert "+28 more teams: see the full list" in counted_nodes(team)


def test_objective_diagram_traces_the_cascade_up_to_the_north_star() -> None:
    portal = assemble_portal(synthetic_model(5), AS_OF)
    source = sources_by_page(portal)[(Kind.OBJECTIVE, "obj-0003")]
    titles = list(source.tooltips.values())
    for expected in ("North star", "Stream", "Stage A", "Objective number 0", "Objective number 3"):
        assert expected in titles
    assert "Key result kr-0003-00" in titles
    assert "Objective number 1" not in titles  # a sibling is not on the chain


def test_a_parent_cycle_cannot_loop_forever() -> None:
    model = synthetic_model(3)
    looped = dict(model.objectives)
    looped["obj-0000"] = dataclasses.replace(looped["obj-0000"], parent="obj-0002")
    portal = assemble_portal(dataclasses.replace(model, objectives=looped), AS_OF)
    assert sources_by_page(portal)[(Kind.OBJECTIVE, "obj-0001")].tooltips


# Hostile titles, through the real `dot` --------------------------------------------------
HOSTILE_TITLES = [
    'He said "hi" \\" and \\\\" then left\\',
    "{braces} | <record> [brackets] ; -> --",
    "<b>bold?</b>",
    "<>",
    "a & b &amp; c < d > e &#x41;",
    "line one\nline two\n\n    indented after a blank line",
    "Ünïcødé 日本語 🚀 👩‍👩‍👧",
    '"]; evil [label="owned"]; x -> y; //',
    "\\N \\G \\E \\T \\H \\L \\l \\n \\r",
    "]]> <!-- comment --> <script>alert(1)</script>",
    "",
]


def hostile_model() -> Model:
    """The synthetic org with every entity's title replaced by a hostile one, in turn."""
    model = synthetic_model(4)
    counter = iter(range(10_000))

    def retitle(mapping):  # type: ignore[no-untyped-def]
        return {
            key: dataclasses.replace(
                entity, title=HOSTILE_TITLES[next(counter) % len(HOSTILE_TITLES)]
            )
            for key, entity in mapping.items()
        }

    return dataclasses.replace(
        model,
        north_star=dataclasses.replace(model.north_star, title=HOSTILE_TITLES[0]),
        value_streams=retitle(model.value_streams),
        stages=retitle(model.stages),
        capabilities=retitle(model.capabilities),
        teams=retitle(model.teams),
        objectives=retitle(model.objectives),
        key_results=retitle(model.key_results),
        initiatives=retitle(model.initiatives),
    )


def parse_graph(markup: str) -> tuple[dict[str, str], int, list[str]]:
    """Node tooltips by node id, edge count and label texts of an inline SVG."""
    root = ET.fromstring(markup)
    nodes = [g for g in root.iter(f"{SVG}g") if "node" in g.get("class", "").split()]
    edges = [g for g in root.iter(f"{SVG}g") if "edge" in g.get("class", "").split()]
    tooltips = {g.get("id", ""): g.findtext(f"{SVG}title", "") for g in nodes}
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    return tooltips, len(edges), texts


def test_hostile_titles_render_as_typed_and_do_not_change_the_graph(tmp_path: Path) -> None:
    plain = assemble_portal(synthetic_model(4), AS_OF)
    hostile = assemble_portal(hostile_model(), AS_OF)
    options = DiagramOptions(cache_dir=tmp_path)
    plain_svgs = render_diagrams(plain, SiteUrls(), options)
    hostile_svgs = render_diagrams(hostile, SiteUrls(), options)
    sources = sources_by_page(hostile)
    assert plain_svgs.keys() == hostile_svgs.keys()
    for page, markup in hostile_svgs.items():
        assert markup.count("\n") == 0  # one line: one raw HTML block in Markdown
        tooltips, edges, texts = parse_graph(markup)
        plain_tooltips, plain_edges, _ = parse_graph(plain_svgs[page])
        assert (len(tooltips), edges) == (len(plain_tooltips), plain_edges), page
        assert tooltips == sources[page].tooltips
        assert "owned" not in texts
    every_tooltip = {t for markup in hostile_svgs.values() for t in parse_graph(markup)[0].values()}
    assert set(HOSTILE_TITLES) <= every_tooltip
    every_text = " ".join(t for markup in hostile_svgs.values() for t in parse_graph(markup)[2])
    for shortened in ("<b>bold?</b>", "a & b &amp; c < d > e", "Ünïcødé 日本語 🚀", "\\N \\G"):
        assert shortened in every_text


def test_control_characters_become_replacement_marks_not_broken_xml(tmp_path: Path) -> None:
    model = synthetic_model(2)
    north_star = dataclasses.replace(model.north_star, title="bell\x07 null\x00 esc\x1b")
    portal = assemble_portal(dataclasses.replace(model, north_star=north_star), AS_OF)
    markup = render_diagrams(portal, SiteUrls(), DiagramOptions(cache_dir=tmp_path))
    tooltips, _, _ = parse_graph(markup[(Kind.NORTH_STAR, "north")])
    assert "bell\ufffd null\ufffd esc\ufffd" in tooltips.values()


def test_outcome_categories_collapse_too() -> None:
    model = synthetic_model(3)
    outcomes = (
        *model.north_star.outcomes,
        Outcome(id="financial", title="Financial", location=HERE),
    )
    north_star = dataclasses.replace(model.north_star, outcomes=outcomes)
    portal = assemble_portal(dataclasses.replace(model, north_star=north_star), AS_OF)
    overview = sources_by_page(portal, 1)[(Kind.NORTH_STAR, "north")]
    assert "+1 more outcome: see the full list" in counted_nodes(overview)
    assert 'class="okrsite-node okrsite-more okrsite-kind-outcome"' in overview.dot
