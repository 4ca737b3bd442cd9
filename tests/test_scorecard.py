"""Scores of whole models: objectives from their key results, roll-ups from their objectives.

Models are built by hand so each number can be worked out on paper; the last tests read the
demo content, so the worked example of docs/guide/numbers.md and the demo's variety of statuses
stay true.
"""

from __future__ import annotations

from datetime import date

import pytest

from okrsite.compute.cycles import CycleLength, CycleRule
from okrsite.compute.grades import Band
from okrsite.compute.scorecard import Scorecard, key_result_window, score_model
from okrsite.load import load_content
from okrsite.model import (
    CheckIn,
    KeyResult,
    KeyResultType,
    Location,
    Model,
    NorthStar,
    Objective,
    Outcome,
    Period,
    Stage,
    Status,
    Team,
    TeamLevel,
    ValueStream,
    Window,
)
from okrsite.portal import assemble_portal
from okrsite.relations import build_relations

AS_OF = date(2026, 11, 23)
H2 = Period("2026-H2", Window(date(2026, 7, 1), date(2026, 12, 31)))  # 145 of 183 days gone
Q1_2027 = Period("2027-Q1", Window(date(2027, 1, 1), date(2027, 3, 31)))
DECEMBER = Period("2026-12", Window(date(2026, 12, 1), date(2026, 12, 31)))  # later this cycle
HUNDRED_DAYS = Period("100 days", Window(date(2026, 1, 1), date(2026, 4, 11)))
HERE = Location("content/test.yml", 1, 1)


def kr(key: str, objective: str, current: float, weight: float = 1.0, **extra) -> KeyResult:
    """A metric from 0 to 100, so `current` / 100 is its progress."""
    return KeyResult(
        id=key,
        title=key,
        objective=objective,
        baseline=0,
        target=100,
        current=current,
        weight=weight,
        location=HERE,
        **extra,
    )


def objective(key: str, key_results: list[KeyResult], period=H2, **extra) -> Objective:
    return Objective(
        id=key,
        title=key,
        period=period,
        key_results=tuple(k.key for k in key_results),
        location=HERE,
        **extra,
    )


def score(
    objectives: list[tuple[Objective, list[KeyResult]]],
    as_of: date = AS_OF,
    cycles: CycleRule | None = None,
) -> Scorecard:
    """Score a model holding these objectives in one value stream (stages s1, s2) and one team."""
    model = Model(
        north_star=NorthStar(
            id="ns",
            title="ns",
            outcomes=(Outcome(id="customer", title="Customer", location=HERE),),
            location=HERE,
        ),
        value_streams={"vs": ValueStream(id="vs", title="vs", stages=("s1", "s2"), location=HERE)},
        stages={
            "s1": Stage(id="s1", title="s1", value_stream="vs", position=0, location=HERE),
            "s2": Stage(id="s2", title="s2", value_stream="vs", position=1, location=HERE),
        },
        teams={
            "t": Team(id="t", title="t", level=TeamLevel.TEAM, location=HERE),
            "idle": Team(id="idle", title="idle", level=TeamLevel.TEAM, location=HERE),
        },
        objectives={o.key: o for o, _ in objectives},
        key_results={k.key: k for _, krs in objectives for k in krs},
    )
    return score_model(model, build_relations(model), as_of, cycles=cycles)


# Objectives -----------------------------------------------------------------------------------
def test_objective_progress_is_the_weighted_mean_of_its_key_results():
    krs = [kr("a", "o", 100, weight=2), kr("b", "o", 40, weight=1)]
    card = score([(objective("o", krs), krs)])
    assert card.objectives["o"].progress == pytest.approx((2 * 1.0 + 0.4) / 3)
    assert card.objectives["o"].expected == pytest.approx(145 / 183)
    assert card.objectives["o"].status is Status.ON_TRACK  # gap 0.792 - 0.8 < 0


def test_objective_weights_can_be_fractions():
    krs = [kr("a", "o", 100, weight=0.5), kr("b", "o", 0, weight=1.5)]
    card = score([(objective("o", krs), krs)])
    assert card.objectives["o"].progress == pytest.approx(0.25)
    assert card.objectives["o"].status is Status.OFF_TRACK  # gap 0.54


def test_objective_without_key_results_has_no_progress():
    card = score([(objective("empty", []), [])])
    assert card.objectives["empty"].progress is None
    assert card.objectives["empty"].expected == pytest.approx(145 / 183)
    assert card.objectives["empty"].status is Status.UNKNOWN


def test_objective_without_period_has_no_expected_progress():
    krs = [kr("a", "o", 50)]
    card = score([(objective("o", krs, period=None), krs)])
    assert card.objectives["o"].progress == 0.5
    assert card.objectives["o"].expected is None
    assert card.objectives["o"].status is Status.UNKNOWN


@pytest.mark.parametrize(
    ("as_of", "expected", "status"),
    [
        (date(2026, 6, 30), 0.0, Status.NOT_STARTED),  # before the window
        (date(2026, 7, 1), 0.0, Status.ON_TRACK),  # opening day
        (date(2026, 9, 1), 62 / 183, Status.ON_TRACK),  # gap 0.339 - 0.30 = 0.039
        (date(2026, 10, 1), 92 / 183, Status.AT_RISK),  # gap 0.503 - 0.30 = 0.203
        (date(2026, 11, 23), 145 / 183, Status.OFF_TRACK),  # gap 0.792 - 0.30 = 0.492
        (date(2027, 2, 1), 1.0, Status.OFF_TRACK),  # after the window
    ],
)
def test_objective_as_of_before_inside_and_after_its_window(as_of, expected, status):
    krs = [kr("a", "o", 30)]
    card = score([(objective("o", krs), krs)], as_of)
    assert card.objectives["o"].expected == pytest.approx(expected)
    assert card.objectives["o"].status is status
    assert card.key_results["a"].status is status


@pytest.mark.parametrize(
    ("as_of", "current", "status"),
    [
        (date(2026, 2, 5), 25, Status.ON_TRACK),  # 35 of 100 days: gap exactly 0.10
        (date(2026, 2, 5), 24.9, Status.AT_RISK),  # gap 0.101
        (date(2026, 2, 20), 25, Status.AT_RISK),  # 50 of 100 days: gap exactly 0.25
        (date(2026, 2, 20), 24.9, Status.OFF_TRACK),  # gap 0.251
    ],
)
def test_status_at_the_exact_thresholds(as_of, current, status):
    krs = [kr("a", "o", current)]
    card = score([(objective("o", krs, period=HUNDRED_DAYS), krs)], as_of)
    assert card.objectives["o"].status is status


def test_due_ends_the_key_results_window_early():
    due_september = kr("a", "o", 0, due=date(2026, 9, 30))
    late_due = kr("b", "o", 0, due=date(2027, 6, 30))  # after the period: the period's end counts
    o = objective("o", [due_september, late_due])
    assert key_result_window(due_september, o) == Window(date(2026, 7, 1), date(2026, 9, 30))
    assert key_result_window(late_due, o) == H2.window

    mid_august = score([(o, [due_september, late_due])], date(2026, 8, 15))
    assert mid_august.key_results["a"].expected == pytest.approx(45 / 91)
    assert mid_august.key_results["b"].expected == pytest.approx(45 / 183)
    assert mid_august.objectives["o"].expected == pytest.approx(45 / 183)

    overdue = score([(o, [due_september, late_due])])
    assert overdue.key_results["a"].expected == 1.0
    assert overdue.key_results["a"].status is Status.OFF_TRACK


def test_milestones_count_in_the_objective_as_0_or_1():
    done = KeyResult(
        id="shipped",
        title="shipped",
        objective="o",
        type=KeyResultType.MILESTONE,
        checkins=(CheckIn(date=date(2026, 11, 2), done=True),),
        location=HERE,
    )
    pending = KeyResult(
        id="pending", title="pending", objective="o", type=KeyResultType.MILESTONE, location=HERE
    )
    krs = [done, pending, kr("a", "o", 70)]
    card = score([(objective("o", krs), krs)])
    assert card.key_results["shipped"].status is Status.DONE
    assert card.key_results["pending"].progress == 0.0
    assert card.objectives["o"].progress == pytest.approx((1 + 0 + 0.7) / 3)


def test_overrides_replace_the_status_but_not_the_progress():
    krs = [kr("a", "o", 10, status=Status.ON_TRACK), kr("b", "o", 100, status=Status.AT_RISK)]
    card = score([(objective("o", krs, status=Status.DONE), krs)])
    assert card.key_results["a"].status is Status.ON_TRACK  # computed: off-track
    assert card.key_results["b"].status is Status.AT_RISK  # computed: done
    assert card.objectives["o"].status is Status.DONE
    assert card.objectives["o"].progress == pytest.approx(0.55)


# Roll-ups -------------------------------------------------------------------------------------
def test_roll_ups_are_the_plain_mean_of_objectives_leaving_out_those_without_key_results():
    a_krs = [kr("a1", "a", 90, weight=3), kr("a2", "a", 10, weight=1)]  # 0.7 whatever the count
    b_krs = [kr("b1", "b", 50)]
    c_krs = [kr("c1", "c", 100)]
    card = score(
        [
            (objective("a", a_krs, stage="s1", team="t", outcome="customer"), a_krs),
            (objective("b", b_krs, stage="s1", team="t", outcome="customer"), b_krs),
            (objective("c", c_krs, stage="s2"), c_krs),
            (objective("empty", [], stage="s1", team="t", outcome="customer"), []),
        ]
    )
    assert card.objectives["a"].progress == pytest.approx(0.7)
    for roll_up in (card.stages["s1"], card.teams["t"], card.outcomes["customer"]):
        assert roll_up.progress == pytest.approx((0.7 + 0.5) / 2)
        assert roll_up.expected == pytest.approx(145 / 183)
        assert roll_up.status is Status.AT_RISK  # gap 0.792 - 0.6 = 0.192
    assert card.stages["s2"].status is Status.DONE
    assert card.value_streams["vs"].progress == pytest.approx((0.7 + 0.5 + 1.0) / 3)
    assert card.north_star.progress == pytest.approx((0.7 + 0.5 + 1.0) / 3)


def test_roll_up_with_nothing_to_measure_is_unknown():
    card = score([(objective("empty", [], stage="s1", team="t"), [])])
    assert card.stages["s1"] == card.stages["s2"] == card.teams["idle"]
    assert card.stages["s1"].progress is None
    assert card.stages["s1"].status is Status.UNKNOWN
    assert card.north_star.status is Status.UNKNOWN


def test_roll_up_of_objectives_that_have_not_started_is_not_started():
    krs = [kr("a", "o", 0)]
    later = [kr("b", "later", 0)]
    card = score(
        [
            (objective("o", krs, period=DECEMBER, stage="s1"), krs),
            (objective("later", later, period=DECEMBER, stage="s1"), later),
        ]
    )
    assert card.stages["s1"].status is Status.NOT_STARTED
    assert card.north_star.status is Status.NOT_STARTED


# Cycles ---------------------------------------------------------------------------------------
Q3 = Period("2026-Q3", Window(date(2026, 7, 1), date(2026, 9, 30)))  # closed on the as-of date


def four_cycles() -> list[tuple[Objective, list[KeyResult]]]:
    """Closed (Q3, 100 %), current (Q4 via H2, 50 %), next (Q1 2027, 0 %), undated (30 %)."""
    made = []
    for key, period, current in (
        ("closed", Q3, 100),
        ("current", H2, 50),
        ("next", Q1_2027, 0),
        ("undated", None, 30),
    ):
        krs = [kr(f"{key}-kr", key, current)]
        made.append((objective(key, krs, period=period, stage="s1", team="t"), krs))
    return made


def test_roll_ups_count_only_the_current_cycles_objectives():
    card = score(four_cycles())
    assert card.cycle.id == "2026-q4"
    assert {key for key, now in card.in_cycle.items() if now} == {
        "current",
        "undated",
    }  # H2 overlaps Q4; no period: the current
    for rolled in (card.north_star, card.stages["s1"], card.value_streams["vs"], card.teams["t"]):
        assert rolled.progress == pytest.approx((0.5 + 0.3) / 2)
    assert card.objectives["closed"].progress == 1.0  # its own score stays
    assert card.objectives["next"].progress == 0.0


def test_a_longer_cycle_takes_in_more_objectives():
    card = score(four_cycles(), cycles=CycleRule(CycleLength.YEAR))
    assert card.cycle.id == "2026"
    assert card.north_star.progress == pytest.approx((1.0 + 0.5 + 0.3) / 3)


def test_a_group_with_only_closed_and_future_objectives_has_nothing_to_measure():
    card = score([item for item in four_cycles() if item[0].key in ("closed", "next")])
    assert card.stages["s1"].progress is None
    assert card.stages["s1"].status is Status.UNKNOWN


# The demo content -----------------------------------------------------------------------------
def demo_scorecard(demo_content, as_of: date = AS_OF) -> Scorecard:
    loaded = load_content(demo_content)
    assert loaded.problems == []
    return score_model(loaded.model, build_relations(loaded.model), as_of)


def test_readme_worked_example(demo_content):
    card = demo_scorecard(demo_content)
    assert card.key_results["checkin-wait-time"].progress == pytest.approx(1.6 / 3)
    assert card.key_results["digital-adoption"].progress == pytest.approx(27 / 45)
    assert card.key_results["checkin-satisfaction"].progress == pytest.approx(0.4)
    streamline = card.objectives["streamline-check-in"]
    assert streamline.progress == pytest.approx((1.6 / 3 + 0.6 + 0.4) / 3)
    assert streamline.expected == pytest.approx(145 / 183)
    assert streamline.status is Status.OFF_TRACK


def test_demo_content_shows_every_status(demo_content):
    card = demo_scorecard(demo_content)
    statuses = {score.status for score in card.objectives.values()}
    assert statuses == {
        Status.ON_TRACK,
        Status.AT_RISK,
        Status.OFF_TRACK,
        Status.DONE,
        Status.NOT_STARTED,
    }


def test_the_demo_grades_two_closed_quarters(demo_content):
    """Values at each quarter's last check-in, worked out by hand from the YAML."""
    loaded = load_content(demo_content)
    portal = assemble_portal(loaded.model, AS_OF)
    grades = portal.scorecard.grades
    expected = {
        ("de-icing-readiness", "2026-q2"): ((1.0 + 9 / 12) / 2, Band.PARTLY_MET),
        ("self-boarding-pilot", "2026-q2"): (2 / 6, Band.MISSED),  # aspirational, below 0.4
        ("summer-peak-turns", "2026-q3"): (1.0, Band.MET),  # 34.5 beat the 35 target: capped
        ("bag-tracking-rollout", "2026-q3"): (26 / 39, Band.PARTLY_MET),  # aspirational: < 0.7
    }
    for (key, cycle), (value, band) in expected.items():
        assert list(grades[key]) == [cycle]
        assert grades[key][cycle].value == pytest.approx(value)
        assert grades[key][cycle].band is band
    # H2 objectives are graded for Q3, which closed; Q4 is still running
    assert set(grades["streamline-check-in"]) == {"2026-q3"}
    assert not portal.scorecard.in_cycle["self-boarding-pilot"]
    cycles = portal.scorecard.cycles
    assert [(c.cycle.id, c.state.value) for c in cycles.values()][:3] == [
        ("2026-q1", "past"),
        ("2026-q2", "past"),
        ("2026-q3", "past"),
    ]
    assert cycles["2026-q4"].score == portal.scorecard.north_star.progress
    assert cycles["2027-q1"].state.value == "next"


def test_a_parent_team_shows_its_own_objectives_and_those_below_apart() -> None:
    """company owns one objective at 50 %; its child team one at 10 % and the grandchild one at
    30 %. Own: 50 %. Including sub-teams: (50 + 10 + 30) / 3 = 30 %. The child: own 10 %,
    including the grandchild (10 + 30) / 2 = 20 %. A leaf has no "including" figure."""
    here = Location("t.yml", 1, 1)
    teams = {
        "company": Team(id="company", title="C", level=TeamLevel.COMPANY, location=here),
        "dept": Team(
            id="dept", title="D", level=TeamLevel.DEPARTMENT, parent="company", location=here
        ),
        "squad": Team(id="squad", title="S", level=TeamLevel.TEAM, parent="dept", location=here),
    }
    progress = {"company": 50, "dept": 10, "squad": 30}
    objectives = {
        team: Objective(
            id=team, title=team, team=team, period=H2, key_results=(f"{team}-kr",), location=here
        )
        for team in teams
    }
    key_results = {
        f"{team}-kr": KeyResult(
            id=f"{team}-kr", title=team, objective=team, baseline=0, target=100,
            current=value, location=here,
        )
        for team, value in progress.items()
    }  # fmt: skip
    model = Model(
        north_star=NorthStar(id="ns", title="N", outcomes=(), location=here),
        teams=teams,
        objectives=objectives,
        key_results=key_results,
    )

    card = score_model(model, build_relations(model), AS_OF)

    assert card.teams["company"].progress == pytest.approx(0.50)
    assert card.teams_including["company"].progress == pytest.approx(0.30)
    assert card.teams_including["dept"].progress == pytest.approx(0.20)
    assert "squad" not in card.teams_including
    assert card.teams_including["company"].expected == pytest.approx(145 / 183)
