"""The overview's "Off track" section: the furthest behind first, capped so a big portal's
overview stays a page people can read (and a search engine can index)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from okrsite.model import Location, Model, NorthStar, Objective, Outcome, Status
from okrsite.portal import assemble_portal
from okrsite.render.pages.plan import OFF_TRACK_SHOWN, plan_pages
from okrsite.urls import SiteUrls

HERE = Location("t.yml", 1, 1)


def portal_with_objectives_overridden(count: int):
    star = NorthStar(
        id="ns", title="North", location=HERE,
        outcomes=(Outcome(id="customer", title="Customer", location=HERE),),
    )  # fmt: skip
    base = Objective(id="o", title="O", location=HERE, status=Status.OFF_TRACK)
    objectives = {f"o{n:03}": replace(base, id=f"o{n:03}") for n in range(count)}
    return assemble_portal(Model(north_star=star, objectives=objectives), date(2026, 11, 23))


def overview_context(count: int) -> dict:
    plans = plan_pages(portal_with_objectives_overridden(count), SiteUrls())
    return next(p for p in plans if p.template == "okrsite/overview.md.jinja").context()


def test_the_overview_lists_at_most_the_cap_and_knows_the_total() -> None:
    context = overview_context(OFF_TRACK_SHOWN + 7)
    assert len(context["off_track_objectives"]) == OFF_TRACK_SHOWN
    assert context["off_track_totals"] == (OFF_TRACK_SHOWN + 7, 0)


def test_a_small_portal_lists_every_off_track_objective() -> None:
    context = overview_context(3)
    assert context["off_track_objectives"] == ["o000", "o001", "o002"]
    assert context["off_track_totals"] == (3, 0)


def test_furthest_behind_orders_by_gap_to_the_expected_line() -> None:
    from okrsite.compute.scorecard import Score
    from okrsite.render.pages.plan import furthest_behind

    scores = {
        "a": Score(0.50, 0.80, Status.OFF_TRACK),  # gap 0.30
        "b": Score(0.10, 0.80, Status.OFF_TRACK),  # gap 0.70
        "c": Score(0.70, 0.80, Status.ON_TRACK),  # not off track
        "d": Score(0.40, 0.80, Status.OFF_TRACK),  # gap 0.40
    }
    assert furthest_behind(scores, lambda key: True) == ["b", "d", "a"]
    assert furthest_behind(scores, lambda key: key != "d") == ["b", "a"]
