"""A page per cycle and the cycle sections of group pages, on the demo: closed cycles with their
grades, group by group; the current one live; the next one unscored; every group page leading
with the current cycle's objectives, then the next cycle's, then a row per closed cycle."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from okrsite.compute.attention import by_attention
from okrsite.compute.grades import CycleState
from okrsite.compute.progress import mean
from okrsite.compute.wording import grade_text
from okrsite.load import load_content
from okrsite.portal import Portal, assemble_portal
from okrsite.render.badges.artifacts import badge_artifacts
from okrsite.render.badges.options import BadgeOptions
from okrsite.render.pages import render_pages
from okrsite.render.pages.formats import percent
from okrsite.urls import Kind, SiteUrls

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 11, 23)
URLS = SiteUrls()


@pytest.fixture(scope="module")
def portal() -> Portal:
    loaded = load_content(ROOT / "content")
    assert loaded.model is not None
    return assemble_portal(loaded.model, AS_OF)


@pytest.fixture(scope="module")
def pages(portal: Portal) -> dict[str, BeautifulSoup]:
    """Each page as HTML, its Markdown headings included."""
    return {
        a.path: BeautifulSoup(markdown.markdown(str(a.content)), "html.parser")
        for a in render_pages(portal, URLS)
    }


def section_rows(page: BeautifulSoup, heading: str) -> list[list[str]]:
    """The rows of the first table after the `## heading`."""
    title = page.find("h2", string=heading)
    assert title is not None, f"no section {heading!r}"
    table = title.find_next("table")
    return [
        [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        for row in table.select("tbody tr")
    ]


def graded(value: float | None) -> str:
    return "no grade" if value is None else f"{grade_text(value)} ({percent(value)})"


def test_every_cycle_has_a_page_linked_from_the_cycles_index(
    portal: Portal, pages: dict[str, BeautifulSoup]
) -> None:
    index = pages[URLS.index_source("cycles")]
    linked = {a["href"] for a in index.select("tbody a")}
    for cycle_id, result in portal.scorecard.cycles.items():
        assert URLS.cycle_source(cycle_id) in pages
        assert f"../cycles/{cycle_id}/" in linked or f"{cycle_id}/" in linked
        assert pages[URLS.cycle_source(cycle_id)].h1.get_text() == result.cycle.title


def test_a_closed_cycle_lists_each_objective_with_its_grade_ambition_and_retrospective(
    portal: Portal, pages: dict[str, BeautifulSoup]
) -> None:
    card = portal.scorecard
    q2 = card.cycles["2026-q2"]
    assert q2.state is CycleState.PAST
    page = pages[URLS.cycle_source("2026-q2")]
    rows = section_rows(page, "Objectives")
    assert [row[0] for row in rows] == [portal.model.objectives[k].title for k in q2.objectives]
    for key, row in zip(q2.objectives, rows, strict=True):
        grade = card.grades[key]["2026-q2"]
        assert row[2] == portal.model.objectives[key].ambition.value
        assert row[3] == graded(grade.value)
        assert row[4] == ("" if grade.band is None else grade.band.value.replace("-", " "))
    facts = page.select_one(".okr-facts").get_text(" ", strip=True)
    assert f"Grade {graded(q2.score)}" in facts
    assert "2026-04-01 to 2026-06-30" in facts
    retrospectives = [k for k in q2.objectives if portal.model.objectives[k].retrospective]
    assert retrospectives, "the demo's Q2 has retrospectives"
    headings = [h.get_text(strip=True) for h in page.find_all("h3")]
    assert [portal.model.objectives[k].title for k in retrospectives] == headings


def test_a_closed_cycle_grades_each_group_by_the_mean_of_its_objectives_grades(
    portal: Portal, pages: dict[str, BeautifulSoup]
) -> None:
    model, relations, card = portal.model, portal.relations, portal.scorecard
    page = pages[URLS.cycle_source("2026-q2")]
    rows = {row[0]: row for row in section_rows(page, "By team")}
    members = set(card.cycles["2026-q2"].objectives)
    expected_teams = {
        team.title: [k for k in relations.objectives_by_team.get(key, ()) if k in members]
        for key, team in model.teams.items()
    }
    expected_teams = {title: keys for title, keys in expected_teams.items() if keys}
    assert set(rows) == set(expected_teams)
    for title, keys in expected_teams.items():
        score = mean(card.grades[k]["2026-q2"].value for k in keys)
        assert rows[title][1] == graded(score)
        assert rows[title][3] == str(len(keys))
    stages = section_rows(page, "By value stream and stage")
    assert stages[0][0] in {stream.title for stream in model.value_streams.values()}


def test_the_current_cycle_is_live_and_the_next_is_not_scored(
    portal: Portal, pages: dict[str, BeautifulSoup]
) -> None:
    card = portal.scorecard
    current = pages[URLS.cycle_source(card.cycle.id)]
    rows = section_rows(current, "Objectives")
    in_cycle = [k for k in portal.model.objectives if card.in_cycle[k]]
    assert len(rows) == len(in_cycle)
    assert {row[4] for row in rows} <= {"on track", "at risk", "off track", "done", "not started"}
    teams = section_rows(current, "By team")
    for row in teams:
        key = next(k for k, t in portal.model.teams.items() if t.title == row[0])
        assert row[1].split(" of ")[0] == percent(card.teams[key].progress)
    nexts = [r for r in card.cycles.values() if r.state is CycleState.NEXT]
    assert nexts
    page = pages[URLS.cycle_source(nexts[0].cycle.id)]
    assert "not scored until it starts" in page.get_text()
    assert page.find("h2", string="By team") is None


def test_group_pages_lead_with_the_current_cycle_then_next_then_past_rows(
    portal: Portal, pages: dict[str, BeautifulSoup]
) -> None:
    model, relations, card = portal.model, portal.relations, portal.scorecard
    team = model.objectives[card.cycles["2026-q2"].objectives[0]].team
    assert team is not None
    page = pages[URLS.page_source(Kind.TEAM, team)]
    owned = relations.objectives_by_team[team]
    listed = [row[0] for row in section_rows(page, "Objectives")]
    assert listed == [model.objectives[k].title for k in owned if card.in_cycle[k]]
    past = section_rows(page, "Past cycles")
    past_ids = sorted(card.group_grades[f"team/{team}"], reverse=True)
    assert [row[0] for row in past] == [card.cycles[c].cycle.title for c in past_ids]
    for cycle_id, row in zip(past_ids, past, strict=True):
        assert row[1] == graded(card.group_grades[f"team/{team}"][cycle_id].score)
    headings = [h.get_text(strip=True) for h in page.find_all("h2")]
    assert headings.index("Objectives") < headings.index("Past cycles")
    links = [a["href"] for a in page.find("h2", string="Past cycles").find_next("table")("a")]
    assert links == [f"../../cycles/{c}/" for c in past_ids]


def test_the_overview_counts_only_the_current_cycle_and_lists_past_cycles(
    portal: Portal, pages: dict[str, BeautifulSoup]
) -> None:
    card = portal.scorecard
    page = pages[URLS.overview_source()]
    in_cycle = sum(1 for key in portal.model.objectives if card.in_cycle[key])
    counts = page.select_one(".okr-hero__counts").get_text(" ", strip=True)
    assert counts.startswith(f"{in_cycle} objectives in {card.cycle.title} (")
    shown = sum(int(chip.get_text().split()[0]) for chip in page.select(".okr-hero a.okr-status"))
    assert shown == in_cycle
    past = [r for r in card.cycles.values() if r.state is CycleState.PAST]
    rows = section_rows(page, "Past cycles")
    assert [row[0] for row in rows] == [r.cycle.title for r in reversed(past)]


def test_each_cycle_has_a_badge(portal: Portal) -> None:
    badges = {a.path: str(a.content) for a in badge_artifacts(portal, URLS, BadgeOptions())}
    q2 = portal.scorecard.cycles["2026-q2"]
    assert q2.score is not None
    assert f"2026 Q2: grade {grade_text(q2.score)}" in badges["badges/cycle/2026-q2.svg"]
    current = portal.scorecard.cycle.id
    assert (
        f"{percent(portal.scorecard.north_star.progress)}" in badges[f"badges/cycle/{current}.svg"]
    )
    nexts = [r for r in portal.scorecard.cycles.values() if r.state is CycleState.NEXT]
    assert "not scored yet" in badges[f"badges/cycle/{nexts[0].cycle.id}.json"]


def test_a_cycle_in_its_grading_days_says_until_when(portal: Portal) -> None:
    model = load_content(ROOT / "content").model
    assert model is not None
    early = assemble_portal(model, date(2026, 10, 5))
    pages = {a.path: str(a.content) for a in render_pages(early, URLS)}
    assert "open until 2026-10-14" in pages[URLS.cycle_source("2026-q3")]
    assert "open until" not in pages[URLS.cycle_source("2026-q2")]


@pytest.mark.parametrize("section", ["objectives", "key-results", "initiatives"])
def test_indexes_filter_by_cycle_starting_on_the_current_one(
    portal: Portal, pages: dict[str, BeautifulSoup], section: str
) -> None:
    card, model = portal.scorecard, portal.model
    index = pages[URLS.index_source(section)].select_one(".okr-index")
    assert index["data-okr-filters"].split()[0] == "cycle"
    assert index["data-okr-multi"].split()[0] == "cycle"
    assert index["data-okr-start-cycle"] == card.cycle.id
    assert json.loads(index["data-okr-titles-cycle"]) == {
        key: result.cycle.title for key, result in card.cycles.items()
    }
    rows = index.select("tbody tr")
    cycles = [row["data-cycle"].split() for row in rows]
    if section == "objectives":  # listed what needs action first (compute/attention.py)
        listed = by_attention(list(model.objectives), card.objectives)
        assert cycles == [list(card.cycles_of[key]) for key in listed]
    elif section == "key-results":
        listed = by_attention(list(model.key_results), card.key_results)
        objectives = [model.key_results[key].objective for key in listed]
        assert cycles == [list(card.cycles_of[objective]) for objective in objectives]
    else:
        assert all(row for row in cycles)  # every initiative is some cycle's work
    assert any(card.cycle.id not in row for row in cycles)  # the filter hides something


def test_an_objective_of_a_closed_cycle_leads_with_its_grade(
    portal: Portal, pages: dict[str, BeautifulSoup]
) -> None:
    card = portal.scorecard
    [closed] = [k for k in card.cycles["2026-q2"].objectives if card.cycles_of[k] == ("2026-q2",)][
        :1
    ]
    grade = card.grades[closed]["2026-q2"]
    page = pages[URLS.page_source(Kind.OBJECTIVE, closed)]
    lead = page.select_one(".okr-closed")
    assert lead is not None and lead.find_previous("h1") is not None
    assert lead.find_next("dl") is not None  # before the facts
    text = lead.get_text(" ", strip=True)
    assert text.startswith(f"Closed with 2026 Q2 : grade {graded(grade.value)}")
    assert lead.a["href"] == "../../cycles/2026-q2/"
    current = next(k for k in portal.model.objectives if card.in_cycle[k])
    assert pages[URLS.page_source(Kind.OBJECTIVE, current)].select_one(".okr-closed") is None


def test_the_overview_lists_the_next_cycles_objectives_before_the_past_cycles(
    portal: Portal, pages: dict[str, BeautifulSoup]
) -> None:
    card, model = portal.scorecard, portal.model
    later = [
        key
        for key, o in model.objectives.items()
        if o.period is not None and o.period.window.start > card.cycle.window.end
    ]
    assert later, "the demo plans objectives for 2027 Q1"
    page = pages[URLS.overview_source()]
    assert [row[0] for row in section_rows(page, "Next cycle")] == [
        model.objectives[key].title for key in later
    ]
    headings = [h.get_text(strip=True) for h in page.find_all("h2")]
    assert headings.index("Next cycle") < headings.index("Past cycles")
