"""The cycles index: every cycle of the demo, closed ones with their grade and bands, the
current one with its progress so far, the next one unscored; and its chart."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from okrsite.compute.cycles import CycleLength, CycleRule
from okrsite.compute.wording import grade_text
from okrsite.load import load_content
from okrsite.model import Model
from okrsite.portal import Portal, assemble_portal
from okrsite.render.pages import render_pages
from okrsite.render.pages.formats import percent
from okrsite.urls import Kind, SiteUrls

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 11, 23)
URLS = SiteUrls()


def cycles_page(portal: Portal) -> BeautifulSoup:
    pages = {a.path: a.content for a in render_pages(portal, URLS)}
    return BeautifulSoup(str(pages[URLS.index_source("cycles")]), "html.parser")


def table(page: BeautifulSoup) -> list[list[str]]:
    return [
        [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        for row in page.select("tbody tr")
    ]


@pytest.fixture(scope="module")
def loaded_model() -> Model:
    loaded = load_content(ROOT / "content")
    assert loaded.model is not None
    return loaded.model


def test_the_demo_cycles_newest_first(loaded_model: Model) -> None:
    portal = assemble_portal(loaded_model, AS_OF)
    rows = table(cycles_page(portal))
    titles = [row[0].split(" ")[0] + " " + row[0].split(" ")[1] for row in rows]
    assert titles == ["2027 Q1", "2026 Q4", "2026 Q3", "2026 Q2", "2026 Q1"]
    by_title = {title: row for title, row in zip(titles, rows, strict=True)}
    assert by_title["2027 Q1"][1:3] == ["Next", "not scored yet"]
    progress = portal.scorecard.north_star.progress
    assert by_title["2026 Q4"][1:3] == ["Current", f"{percent(progress)} so far"]
    assert by_title["2026 Q4"][0].endswith("2026-10-01 to 2026-12-31")
    q2 = portal.scorecard.cycles["2026-q2"]
    assert by_title["2026 Q2"][1] == "Closed"
    assert by_title["2026 Q2"][2] == f"{grade_text(q2.score)} ({percent(q2.score)})"
    # Q2: the yearly company objective and the two Q2 ones (one partly met, one missed)
    assert (
        by_title["2026 Q2"][3].startswith("0 met, 2 partly met, 1 missed")
        or "missed" in (by_title["2026 Q2"][3])
    )
    assert by_title["2026 Q2"][4] == str(len(q2.objectives))


def test_the_chart_draws_each_scored_cycle_with_its_score(loaded_model: Model) -> None:
    portal = assemble_portal(loaded_model, AS_OF)
    page = cycles_page(portal)
    svg = page.select_one("figure.okr-cycles-chart svg")
    assert svg is not None
    bars = svg.select("rect")
    scored = [r for r in portal.scorecard.cycles.values() if r.score is not None]
    assert len(bars) == len(scored) == 4  # Q1-Q3 closed, Q4 current; 2027 Q1 not scored
    assert "okr-cycles-chart__bar--current" in bars[-1]["class"]
    heights = [float(bar["height"]) for bar in bars]
    assert heights == [round(r.score * 140, 1) for r in scored]
    assert "2026 Q4: " in svg.select_one("desc").get_text()


def test_one_cycle_only_has_no_chart(loaded_model: Model) -> None:
    portal = assemble_portal(loaded_model, AS_OF, cycles=CycleRule(CycleLength.YEAR))
    page = cycles_page(portal)
    assert page.select_one("figure.okr-cycles-chart") is None
    assert [row[1] for row in table(page)] == ["Next", "Current"]


def test_an_objective_page_shows_its_grades_in_words(loaded_model: Model) -> None:
    portal = assemble_portal(loaded_model, AS_OF)
    pages = {a.path: a.content for a in render_pages(portal, URLS)}
    source = URLS.page_source(Kind.OBJECTIVE, "self-boarding-pilot")
    page = BeautifulSoup(str(pages[source]), "html.parser")
    facts = {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True)
        for dt in page.select(".okr-facts dt")
    }
    assert facts["Ambition"] == "Aspirational"
    assert facts["Graded"] == "2026 Q2 : 0.3 (missed)"
    assert "\n## Retrospective\n" in str(pages[source])  # Markdown, a heading once built
    [retrospective] = [
        div for div in page.select("div.okr-description") if "fell short" in div.get_text()
    ]
    assert retrospective.find("strong").get_text() == "aspirational"  # Markdown, sanitised


def test_a_hostile_retrospective_is_sanitised(loaded_model: Model) -> None:
    hostile = (
        '<script>window.pwned=1</script><img src=x onerror="alert(1)"> [x](javascript:alert(1))'
    )
    objectives = dict(loaded_model.objectives)
    objectives["self-boarding-pilot"] = replace(
        objectives["self-boarding-pilot"], retrospective=hostile
    )
    portal = assemble_portal(replace(loaded_model, objectives=objectives), AS_OF)
    pages = {a.path: a.content for a in render_pages(portal, URLS)}
    text = str(pages[URLS.page_source(Kind.OBJECTIVE, "self-boarding-pilot")])
    assert "<script>window.pwned" not in text
    assert "onerror" not in text
    assert "javascript:" not in text
