"""The burn-up chart: objective progress over its period from the merged check-ins (commits and
written ones), scored by `okrsite.compute.timeline`, drawn as an accessible, escaped SVG with a
table of the same numbers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from history_repo import committed_series, portal_of, small_model
from portal_samples import HOSTILE

from okrsite.compute.progress import Thresholds
from okrsite.compute.timeline import objective_timeline
from okrsite.model import CheckIn, Period, Window
from okrsite.portal import assemble_portal
from okrsite.render.burnup import burnup_chart
from okrsite.render.pages import render_pages
from okrsite.urls import SiteUrls

AS_OF = date(2026, 11, 23)
KIOSK_DONE = 1.0


def committed_progress(wait: float, kiosks_done: bool) -> float:
    """The objective's progress by the formulas of docs/guide/numbers.md: mean of wait 12→9,
    adoption 35→80 at 40, kiosks done or not."""
    return ((12 - wait) / 3 + (40 - 35) / 45 + (KIOSK_DONE if kiosks_done else 0.0)) / 3


@pytest.fixture(scope="module")
def series_portal(tmp_path_factory: pytest.TempPathFactory):
    repo = committed_series(tmp_path_factory.mktemp("repo"))
    return portal_of(repo.root / "content", AS_OF)


def test_points_are_the_commits_values_and_the_last_is_the_page(series_portal) -> None:
    timeline = objective_timeline(series_portal.model, "check-in", AS_OF, Thresholds())

    assert [(p.day.isoformat(), round(p.score.progress, 6)) for p in timeline] == [
        ("2026-07-01", round(committed_progress(12, False), 6)),
        ("2026-08-03", round(committed_progress(11.5, False), 6)),
        ("2026-09-01", round(committed_progress(11, True), 6)),
        ("2026-10-05", round(committed_progress(10.5, True), 6)),
        ("2026-11-23", round(committed_progress(10.5, True), 6)),
    ]
    assert timeline[-1].score == series_portal.scorecard.objectives["check-in"]
    assert [p.score.expected for p in timeline] == sorted(p.score.expected for p in timeline)


def test_without_history_only_written_check_ins_move_the_line(tmp_path: Path) -> None:
    repo = committed_series(tmp_path)
    portal = portal_of(repo.root / "content", AS_OF, history=False)
    timeline = objective_timeline(portal.model, "check-in", AS_OF, Thresholds())
    assert [p.day for p in timeline] == [date(2026, 7, 1), AS_OF]
    assert timeline[0].score.progress == timeline[1].score.progress


def test_a_newer_written_current_wins_only_on_the_as_of_date() -> None:
    checkins = (
        CheckIn(date=date(2026, 8, 1), value=11.0),
        CheckIn(date=date(2026, 9, 1), value=10.0),
    )
    portal = assemble_portal(small_model(wait=9.0, wait_checkins=checkins), AS_OF)
    timeline = objective_timeline(portal.model, "check-in", AS_OF, Thresholds())

    by_day = {p.day: p.score.progress for p in timeline}
    assert by_day[date(2026, 9, 1)] == pytest.approx(committed_progress(10.0, False))
    assert by_day[AS_OF] == pytest.approx(committed_progress(9.0, False))
    assert timeline[-1].score == portal.scorecard.objectives["check-in"]


def test_check_ins_after_the_as_of_date_are_not_drawn() -> None:
    checkins = (
        CheckIn(date=date(2026, 8, 1), value=11.0),
        CheckIn(date=date(2026, 12, 1), value=9.0),
    )
    portal = assemble_portal(small_model(wait=None, wait_checkins=checkins), AS_OF)
    days = [p.day for p in objective_timeline(portal.model, "check-in", AS_OF, Thresholds())]
    assert days == [date(2026, 7, 1), date(2026, 8, 1), AS_OF]


def test_a_finished_period_ends_at_its_last_day() -> None:
    model = small_model()
    objective = model.objectives["check-in"]
    q3 = Period("2026-Q3", Window(date(2026, 7, 1), date(2026, 9, 30)))
    model = replace(model, objectives={"check-in": replace(objective, period=q3)})
    timeline = objective_timeline(model, "check-in", AS_OF, Thresholds())
    assert timeline[-1].day == date(2026, 9, 30) and timeline[-1].score.expected == 1.0
    chart = burnup_chart(model, "check-in", AS_OF, Thresholds())
    assert chart is not None and chart.as_of_x == chart.plot_right


def test_nothing_to_draw_before_the_period_or_without_one() -> None:
    model = small_model()
    assert objective_timeline(model, "check-in", date(2026, 6, 30), Thresholds()) == ()
    assert burnup_chart(model, "check-in", date(2026, 6, 30), Thresholds()) is None
    no_period = replace(model.objectives["check-in"], period=None)
    model = replace(model, objectives={"check-in": no_period})
    assert burnup_chart(model, "check-in", AS_OF, Thresholds()) is None


def test_geometry_steps_between_points_and_the_expected_line_spans_the_plot(series_portal) -> None:
    chart = burnup_chart(series_portal.model, "check-in", AS_OF, Thresholds())
    assert chart is not None
    corners = [tuple(map(float, pair.split(","))) for pair in chart.steps.split()]

    assert chart.expected == (
        (chart.plot_left, chart.plot_bottom),
        (chart.plot_right, chart.plot_top),
    )
    assert [x for x, _ in corners] == sorted(x for x, _ in corners)
    for (x1, y1), (x2, y2) in zip(corners, corners[1:], strict=False):
        assert x1 == x2 or y1 == y2  # only flat or vertical segments
    for point in chart.points:
        assert (round(point.x, 1), round(point.y, 1)) in corners
        assert chart.plot_top <= point.y <= chart.plot_bottom


def objective_page(portal) -> BeautifulSoup:
    artifacts = {a.path: str(a.content) for a in render_pages(portal, SiteUrls())}
    return BeautifulSoup(artifacts["objectives/check-in.md"], "html.parser")


def test_the_page_draws_an_accessible_chart_and_the_same_numbers_as_a_table(
    series_portal,
) -> None:
    page = objective_page(series_portal)
    svg = page.find("figure", class_="okr-burnup").find("svg")
    rows = page.find("details", class_="okr-burnup__data").find("tbody").find_all("tr")

    assert svg["role"] == "img"
    assert svg["aria-labelledby"] == "okr-burnup-title okr-burnup-desc"
    assert svg.find("title", id="okr-burnup-title").text == "Burn-up of Faster check-in"
    assert "2026-07-01" in svg.find("desc", id="okr-burnup-desc").text
    assert len(svg.find_all("circle")) == len(rows) == 5
    cells = [[td.text for td in row.find_all("td")] for row in rows]
    assert cells[0][:2] == ["2026-11-23", f"{int(committed_progress(10.5, True) * 100)}%"]
    assert cells[-1][:2] == ["2026-07-01", f"{int(committed_progress(12, False) * 100)}%"]


def test_a_hostile_title_stays_text() -> None:
    model = small_model()
    objective = replace(model.objectives["check-in"], title=HOSTILE)
    portal = assemble_portal(replace(model, objectives={"check-in": objective}), AS_OF)
    svg = objective_page(portal).find("figure", class_="okr-burnup").find("svg")

    assert svg.find("title").text == f"Burn-up of {HOSTILE}"
    assert svg.find("script") is None and not svg.find_all(attrs={"onload": True})
