"""The overview as a dashboard: who needs help, team by team (compute/needs_attention.py),
what got worse or recovered since the `since_days` window opened, and teams by status."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from okrsite.compute.needs_attention import latest_note, needs_attention
from okrsite.model import (
    CheckIn,
    Initiative,
    InitiativeStatus,
    KeyResult,
    Location,
    Model,
    NorthStar,
    Objective,
    Period,
    Status,
    Team,
    TeamLevel,
    Window,
)
from okrsite.portal import Portal, assemble_portal
from okrsite.render.pages.plan import ATTENTION_TEAMS, plan_pages
from okrsite.urls import SiteUrls

HERE = Location("t.yml", 1, 1)
AS_OF = date(2026, 11, 23)
Q4 = Period("2026-Q4", Window(date(2026, 10, 1), date(2026, 12, 31)))  # 91 days long
Q3 = Period("2026-Q3", Window(date(2026, 7, 1), date(2026, 9, 30)))
STAR = NorthStar(id="ns", title="North", outcomes=(), location=HERE)


def objective(key: str, team: str | None, status: Status | None = None, **kw: object) -> Objective:
    fields = {"period": Q4, "status": status, "team": team, "key_results": (f"{key}-kr",)}
    return Objective(id=key, title=key.upper(), location=HERE, **{**fields, **kw})  # type: ignore[arg-type]


def metric(key: str, objective_key: str, current: float, **kw: object) -> KeyResult:
    return KeyResult(
        id=key,
        title=key,
        objective=objective_key,
        baseline=0,
        target=100,
        current=current,
        location=HERE,
        **kw,  # type: ignore[arg-type]
    )


def team(key: str, title: str) -> Team:
    return Team(id=key, title=title, level=TeamLevel.TEAM, location=HERE)


def portal(objectives: list[Objective], **extra: object) -> Portal:
    """Each objective's key result at `current` = its name's progress (see the tests)."""
    progress = {"far": 10, "near": 55, "fine": 60, "risk": 40, "lone": 5, "old": 0}
    key_results = {
        f"{o.id}-kr": metric(f"{o.id}-kr", o.id, progress.get(o.id.split("-")[0], 50))
        for o in objectives
    }
    model = Model(
        north_star=STAR,
        teams={"ops": team("ops", "Operations"), "web": team("web", "Web")},
        objectives={o.id: o for o in objectives},
        key_results=key_results,
        **extra,  # type: ignore[arg-type]
    )
    return assemble_portal(model, AS_OF)


def test_teams_with_most_off_track_first_objectives_worst_first() -> None:
    """Expected on 11-23: 53/91 = 58 %. far 10 % and lone 5 % are off track (gap > 25 %), risk
    40 % at risk (gap 18 %), fine 60 % on track; old is Q3's: closed, not listed."""
    built = portal(
        [
            objective("risk", "ops"),
            objective("far", "ops"),
            objective("fine", "ops"),
            objective("lone", "web"),
            objective("old", "web", period=Q3),
            objective("far-2", None),
        ]
    )

    teams = needs_attention(built.model, built.scorecard)

    assert [(t.team, t.objectives) for t in teams] == [
        ("ops", ("far", "risk")),  # one off track, the most items
        ("web", ("lone",)),
        (None, ("far-2",)),  # objectives no team owns come last
    ]
    assert built.scorecard.objectives["far"].status is Status.OFF_TRACK
    assert built.scorecard.objectives["risk"].status is Status.AT_RISK


def test_blocked_initiatives_join_their_objectives_team_and_stale_key_results_theirs() -> None:
    stale_kr = {"checkins": (CheckIn(date=date(2026, 10, 2), value=60, note="On plan"),)}
    objectives = [objective("fine", "web")]
    built = portal(
        objectives,
        initiatives={
            "belt": Initiative(
                id="belt",
                title="Belt",
                status=InitiativeStatus.BLOCKED,
                key_results=("fine-kr",),
                description="Waiting for the **permit**.\n\nMore detail.",
                location=HERE,
            ),
            "done": Initiative(id="done", title="Done", key_results=("fine-kr",), location=HERE),
        },
    )
    key_results = {"fine-kr": replace(built.model.key_results["fine-kr"], current=None, **stale_kr)}
    built = assemble_portal(replace(built.model, key_results=key_results), AS_OF)

    (web,) = needs_attention(built.model, built.scorecard)

    assert (web.team, web.objectives, web.blocked, web.stale) == (
        "web",
        (),
        ("belt",),
        ("fine-kr",),
    )
    note = latest_note(built.model, ["fine-kr"], AS_OF)
    assert note is not None and (note.day, note.text) == (date(2026, 10, 2), "On plan")


def test_the_overview_caps_teams_and_counts_them_all() -> None:
    teams = {f"t{n:02}": team(f"t{n:02}", f"Team {n:02}") for n in range(ATTENTION_TEAMS + 3)}
    objectives = [objective(f"far-{key}", key) for key in teams]
    built = portal(objectives)
    built = assemble_portal(replace(built.model, teams=teams), AS_OF)

    plans = plan_pages(built, SiteUrls())
    context = next(p for p in plans if p.template == "okrsite/overview.md.jinja").context()

    assert len(context["attention"]) == ATTENTION_TEAMS
    assert context["attention_totals"] == {
        "objectives": ATTENTION_TEAMS + 3,
        "blocked": 0,
        "stale": ATTENTION_TEAMS + 3,  # no check-in since 10-01: 53 days, past `stale_after`
        "teams": ATTENTION_TEAMS + 3,
    }
    statuses, rows = context["team_grid"]
    assert statuses == [Status.OFF_TRACK]
    assert rows[0] == ("t00", {Status.OFF_TRACK: 1})


def test_since_lists_what_got_worse_and_what_recovered() -> None:
    """30 days before 11-23 is 10-24: 23/91 = 25 % expected. `slipped` sat at 20 % all along:
    on track then (gap 5 %), off track now (gap 38 %). `rose` was checked in at 0 % on 10-02
    (off track then: gap 25.3 %) and at 55 % on 11-20 (on track now: gap 3 %)."""
    rose = (CheckIn(date=date(2026, 10, 2), value=0), CheckIn(date=date(2026, 11, 20), value=55))
    built = portal([objective("slipped", "ops"), objective("rose", "ops")])
    key_results = {
        "slipped-kr": replace(built.model.key_results["slipped-kr"], current=20),
        "rose-kr": replace(built.model.key_results["rose-kr"], current=None, checkins=rose),
    }
    built = assemble_portal(replace(built.model, key_results=key_results), AS_OF)

    plans = plan_pages(built, SiteUrls())
    context = next(p for p in plans if p.template == "okrsite/overview.md.jinja").context()

    assert built.scorecard.since == date(2026, 10, 24)
    assert context["worse"] == ["slipped"]
    assert context["recovered"] == ["rose"]
    then = built.scorecard.objectives_then
    assert (then["slipped"].status, then["rose"].status) == (Status.ON_TRACK, Status.OFF_TRACK)
