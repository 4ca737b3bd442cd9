"""Cycle over cycle, hand-computed: day N of this cycle against day N of the previous one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from okrsite.compute.comparison import NORTH_STAR, cycle_day, progress_then
from okrsite.compute.cycles import CycleRule, cycle_of, previous_cycle
from okrsite.load import load_content
from okrsite.model import CheckIn, Model, NorthStar, Objective, Period
from okrsite.portal import assemble_portal
from okrsite.render.pages import render_pages
from okrsite.render.pages.formats import percent
from okrsite.urls import Kind, SiteUrls
from tests.test_grades import HERE, PERIOD_Q3, Q3, Q4, key_result

ROOT = Path(__file__).resolve().parent.parent
QUARTERS = CycleRule()


def test_day_n_of_this_cycle_is_compared_with_day_n_of_the_previous() -> None:
    day = cycle_day(date(2026, 11, 23), Q4, Q3)
    assert (day.day, day.days) == (54, 92)  # 31 days of October + 23
    assert day.previous == Q3 and day.previous_day == date(2026, 8, 23)  # July 31 + 23


def test_a_day_past_the_shorter_previous_cycles_end_is_its_last_day() -> None:
    q2 = cycle_of(date(2026, 5, 1), QUARTERS)
    q1 = previous_cycle(q2, QUARTERS)
    day = cycle_day(date(2026, 6, 30), q2, q1)
    assert (day.day, day.days) == (91, 91)
    assert day.previous_day == date(2026, 3, 31)  # Q1 has 90 days


def test_groups_then_are_the_mean_of_their_previous_cycle_objectives_on_that_day() -> None:
    def dated(*pairs: tuple[date, float]) -> tuple[CheckIn, ...]:
        return tuple(CheckIn(date=day, value=value) for day, value in pairs)

    q4 = Period("2026-Q4", Q4.window)
    model = Model(
        north_star=NorthStar(id="ns", title="ns", outcomes=(), location=HERE),
        objectives={
            key: Objective(
                id=key, title=key, period=period, key_results=(f"k{key}",), location=HERE
            )
            for key, period in (("a", PERIOD_Q3), ("b", PERIOD_Q3), ("c", q4))
        },
        key_results={
            "ka": key_result(
                "ka", "a", 0, 100, checkins=dated((date(2026, 8, 1), 30), (date(2026, 8, 30), 60))
            ),
            # a decreasing metric: 10 -> 0, at 5 on 08-20: half way
            "kb": key_result("kb", "b", 10, 0, checkins=dated((date(2026, 8, 20), 5))),
            "kc": key_result("kc", "c", 0, 100, current=90),
        },
    )
    groups = {"team/x": ("a", "b"), "team/y": ("b",), "team/z": ("c",)}
    then = progress_then(model, groups, ("a", "b"), date(2026, 8, 23))
    assert then == {
        NORTH_STAR: pytest.approx(0.4),  # (0.3 + 0.5) / 2; c is this cycle's, not counted
        "team/x": pytest.approx(0.4),
        "team/y": pytest.approx(0.5),
    }  # z had no objective in the previous cycle: nothing to compare with


def test_the_overview_and_group_pages_say_how_the_previous_cycle_stood() -> None:
    model = load_content(ROOT / "content").model
    assert model is not None
    portal = assemble_portal(model, date(2026, 11, 23))
    card = portal.scorecard
    urls = SiteUrls()
    pages = {
        a.path: BeautifulSoup(markdown.markdown(str(a.content)), "html.parser")
        for a in render_pages(portal, urls)
    }
    line = pages[urls.overview_source()].select_one(".okr-comparison").get_text(" ", strip=True)
    assert line == (
        f"Day 54 of 92 of 2026 Q4: {percent(card.north_star.progress)} ; "
        f"2026 Q3 on its day 54: {percent(card.progress_then[NORTH_STAR])}"
    )
    team = model.objectives[card.cycles["2026-q3"].objectives[0]].team
    assert team is not None
    line = pages[urls.page_source(Kind.TEAM, team)].select_one(".okr-comparison")
    assert (
        f"2026 Q3 on its day 54: {percent(card.progress_then[f'team/{team}'])}" in line.get_text()
    )
