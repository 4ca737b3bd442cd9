"""Grades of closed cycles and cycle states, against values worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from okrsite.compute.cycles import CycleLength, CycleRule, cycle_of
from okrsite.compute.grades import (
    Band,
    CycleState,
    Grade,
    GradeBands,
    band,
    cycle_results,
    every_cycle,
    grade,
    grade_day,
    graded_cycles,
    group_grades,
    memberships,
    objective_cycles,
    state_of,
)
from okrsite.compute.wording import grade_text
from okrsite.model import (
    Ambition,
    CheckIn,
    KeyResult,
    Location,
    Model,
    NorthStar,
    Objective,
    Period,
    Window,
)

HERE = Location("content/test.yml", 1, 1)
QUARTERS = CycleRule()
Q3 = cycle_of(date(2026, 8, 1), QUARTERS)
Q4 = cycle_of(date(2026, 11, 23), QUARTERS)
PERIOD_Q3 = Period("2026-Q3", Q3.window)
YEAR = Period("2026", Window(date(2026, 1, 1), date(2026, 12, 31)))


def key_result(key: str, objective: str, baseline: float, target: float, **extra) -> KeyResult:
    return KeyResult(
        id=key,
        title=key,
        objective=objective,
        baseline=baseline,
        target=target,
        location=HERE,
        **extra,
    )


def model_of(objective: Objective, *key_results: KeyResult) -> Model:
    return Model(
        north_star=NorthStar(id="ns", title="ns", outcomes=(), location=HERE),
        objectives={objective.key: objective},
        key_results={k.key: k for k in key_results},
    )


def objective(period: Period | None, *key_results: str) -> Objective:
    return Objective(id="o", title="o", period=period, key_results=key_results, location=HERE)


def checkins(*pairs: tuple[date, float]) -> tuple[CheckIn, ...]:
    return tuple(CheckIn(date=day, value=value) for day, value in pairs)


def test_a_grade_counts_check_ins_up_to_the_cycles_last_day_and_no_later() -> None:
    written = checkins((date(2026, 8, 1), 30), (date(2026, 9, 30), 50), (date(2026, 10, 5), 90))
    model = model_of(
        objective(PERIOD_Q3, "kr"),
        key_result("kr", "o", 0, 100, current=90, checkins=written),
    )
    assert grade(model, "o", Q3) == pytest.approx(0.5)


def test_check_ins_in_the_grading_days_after_the_cycle_count_toward_its_grade() -> None:
    written = checkins((date(2026, 9, 30), 50), (date(2026, 10, 5), 90), (date(2026, 10, 20), 95))
    model = model_of(
        objective(PERIOD_Q3, "kr"),
        key_result("kr", "o", 0, 100, current=95, checkins=written),
    )
    # Q3 ends 09-30; 14 grading days run to 10-14: the 10-05 reading counts, 10-20 does not
    assert grade(model, "o", Q3, grading_days=14) == pytest.approx(0.9)
    assert grade(model, "o", Q3, grading_days=4) == pytest.approx(0.5)  # until 10-04
    # while grading is still open, only what is known by the as-of date counts
    assert grade(model, "o", Q3, 14, as_of=date(2026, 10, 3)) == pytest.approx(0.5)


def test_an_objective_running_on_is_graded_on_the_cycles_last_day_without_grading_days() -> None:
    written = checkins((date(2026, 3, 31), 20), (date(2026, 4, 5), 30))
    model = model_of(objective(YEAR, "kr"), key_result("kr", "o", 0, 100, checkins=written))
    q1 = objective_cycles(model.objectives["o"], Q4, QUARTERS)[0]
    assert grade(model, "o", q1, grading_days=14) == pytest.approx(0.2)  # 04-05 is Q2's


def test_a_closed_cycle_says_until_when_it_is_graded() -> None:
    model = model_of(objective(PERIOD_Q3, "kr"), key_result("kr", "o", 0, 100, current=80))
    member_of = memberships(model, Q4, QUARTERS)
    grades = graded_cycles(model, member_of, Q4, GradeBands(), 14, date(2026, 10, 2))
    results = cycle_results(member_of, Q4, grades, None, 14)
    assert results["2026-q3"].grading_until == date(2026, 10, 14)
    assert results["2026-q4"].grading_until is None


def test_a_decreasing_metric_grades_by_the_distance_covered() -> None:
    written = checkins((date(2026, 9, 1), 7.5))
    model = model_of(objective(PERIOD_Q3, "kr"), key_result("kr", "o", 10, 5, checkins=written))
    assert grade(model, "o", Q3) == pytest.approx(0.5)


def test_without_check_ins_the_written_current_is_the_grade() -> None:
    model = model_of(objective(PERIOD_Q3, "kr"), key_result("kr", "o", 0, 100, current=80))
    assert grade(model, "o", Q3) == pytest.approx(0.8)


def test_a_yearly_objective_is_graded_at_the_end_of_each_quarter() -> None:
    written = checkins((date(2026, 3, 31), 20), (date(2026, 6, 30), 45), (date(2026, 9, 1), 60))
    model = model_of(objective(YEAR, "kr"), key_result("kr", "o", 0, 100, checkins=written))
    q1, q2, q3, q4 = objective_cycles(model.objectives["o"], Q4, QUARTERS)
    assert [grade(model, "o", q) for q in (q1, q2, q3)] == pytest.approx([0.2, 0.45, 0.6])
    assert q4 == Q4


def test_a_period_ending_inside_the_cycle_is_graded_at_its_end() -> None:
    early = Period("to mid-August", Window(date(2026, 7, 1), date(2026, 8, 15)))
    written = checkins((date(2026, 8, 10), 40), (date(2026, 8, 20), 70))
    model = model_of(objective(early, "kr"), key_result("kr", "o", 0, 100, checkins=written))
    assert grade_day(model.objectives["o"], Q3) == date(2026, 8, 15)
    assert grade(model, "o", Q3) == pytest.approx(0.4)


def test_an_objective_without_key_results_has_no_grade() -> None:
    assert grade(model_of(objective(PERIOD_Q3)), "o", Q3) is None


def test_states_and_every_cycle() -> None:
    next_year = Period("2027-Q1", Window(date(2027, 1, 1), date(2027, 3, 31)))
    objectives = [objective(PERIOD_Q3), objective(None), objective(next_year)]
    cycles = every_cycle((objective_cycles(o, Q4, QUARTERS) for o in objectives), Q4)
    assert [(c.id, state_of(c, Q4)) for c in cycles] == [
        ("2026-q3", CycleState.PAST),
        ("2026-q4", CycleState.CURRENT),
        ("2027-q1", CycleState.NEXT),
    ]
    halves = CycleRule(CycleLength.HALF)
    h2 = cycle_of(date(2026, 11, 23), halves)
    assert [
        c.id for c in every_cycle((objective_cycles(o, h2, halves) for o in objectives), h2)
    ] == [
        "2026-h2",
        "2027-h1",
    ]


@pytest.mark.parametrize(
    ("value", "ambition", "expected"),
    [
        (1.0, Ambition.COMMITTED, Band.MET),
        (0.95, Ambition.COMMITTED, Band.PARTLY_MET),
        (0.7, Ambition.ASPIRATIONAL, Band.MET),
        (0.69, Ambition.ASPIRATIONAL, Band.PARTLY_MET),
        (0.4, Ambition.COMMITTED, Band.PARTLY_MET),
        (0.39, Ambition.ASPIRATIONAL, Band.MISSED),
        (0.0, Ambition.COMMITTED, Band.MISSED),
    ],
)
def test_bands(value: float, ambition: Ambition, expected: Band) -> None:
    assert band(value, ambition, GradeBands()) is expected


def test_bands_follow_the_settings() -> None:
    strict = GradeBands(aspirational_met=0.8, partly_met=0.5)
    assert band(0.75, Ambition.ASPIRATIONAL, strict) is Band.PARTLY_MET
    assert band(0.45, Ambition.COMMITTED, strict) is Band.MISSED


def test_every_closed_cycle_of_every_objective_is_graded_at_once() -> None:
    written = checkins((date(2026, 3, 31), 20), (date(2026, 6, 30), 45), (date(2026, 9, 1), 60))
    yearly = model_of(objective(YEAR, "kr"), key_result("kr", "o", 0, 100, checkins=written))
    grades = graded_cycles(yearly, memberships(yearly, Q4, QUARTERS), Q4, GradeBands())
    assert {cycle: g.value for cycle, g in grades["o"].items()} == {
        "2026-q1": pytest.approx(0.2),
        "2026-q2": pytest.approx(0.45),
        "2026-q3": pytest.approx(0.6),
    }
    assert [g.band for g in grades["o"].values()] == [Band.MISSED, Band.PARTLY_MET, Band.PARTLY_MET]
    current_only = model_of(objective(None, "kr"), key_result("kr", "o", 0, 100, current=5))
    assert (
        graded_cycles(current_only, memberships(current_only, Q4, QUARTERS), Q4, GradeBands()) == {}
    )


def test_an_objective_without_key_results_is_graded_without_a_band() -> None:
    lone = model_of(objective(PERIOD_Q3))
    grades = graded_cycles(lone, memberships(lone, Q4, QUARTERS), Q4, GradeBands())
    assert grades == {"o": {"2026-q3": Grade(None, None)}}


def test_cycle_results_score_closed_cycles_by_their_mean_grade() -> None:
    written = checkins((date(2026, 9, 30), 50))
    model = Model(
        north_star=NorthStar(id="ns", title="ns", outcomes=(), location=HERE),
        objectives={
            "a": Objective(id="a", title="a", period=PERIOD_Q3, key_results=("ka",), location=HERE),
            "b": Objective(
                id="b",
                title="b",
                period=PERIOD_Q3,
                key_results=("kb",),
                ambition=Ambition.ASPIRATIONAL,
                location=HERE,
            ),
            "c": Objective(id="c", title="c", period=None, key_results=(), location=HERE),
        },
        key_results={
            "ka": key_result("ka", "a", 0, 100, checkins=written),
            "kb": key_result("kb", "b", 0, 100, current=75),
        },
    )
    member_of = memberships(model, Q4, QUARTERS)
    grades = graded_cycles(model, member_of, Q4, GradeBands())
    results = cycle_results(member_of, Q4, grades, 0.42)
    assert list(results) == ["2026-q3", "2026-q4"]
    q3, q4 = results.values()
    assert (q3.state, q3.objectives, q3.score) == (
        CycleState.PAST,
        ("a", "b"),
        pytest.approx(0.625),
    )
    assert q3.bands == ((Band.MET, 1), (Band.PARTLY_MET, 1), (Band.MISSED, 0))  # b aims at 0.7
    assert (q4.state, q4.objectives, q4.score, q4.bands) == (CycleState.CURRENT, ("c",), 0.42, ())


def test_a_groups_grade_in_a_cycle_is_the_mean_of_its_objectives_graded_there() -> None:
    grades = {
        "a": {"2026-q2": Grade(0.2, Band.MISSED), "2026-q3": Grade(1.0, Band.MET)},
        "b": {"2026-q3": Grade(0.5, Band.PARTLY_MET)},
        "c": {"2026-q3": Grade(None, None)},  # no key results: counted, but no grade to average
    }
    found = group_grades({"team/x": ("a", "b", "c", "d"), "team/y": ("d",)}, grades)
    assert list(found) == ["team/x"]  # y's only objective was never graded: no past cycles
    q2, q3 = found["team/x"]["2026-q2"], found["team/x"]["2026-q3"]
    assert list(found["team/x"]) == ["2026-q2", "2026-q3"]
    assert (q2.score, q2.objectives) == (pytest.approx(0.2), ("a",))
    assert q2.bands == ((Band.MET, 0), (Band.PARTLY_MET, 0), (Band.MISSED, 1))
    assert (q3.score, q3.objectives) == (pytest.approx(0.75), ("a", "b", "c"))  # (1.0 + 0.5) / 2
    assert q3.bands == ((Band.MET, 1), (Band.PARTLY_MET, 1), (Band.MISSED, 0))


@pytest.mark.parametrize(
    ("value", "shown"),
    [(0.96, "0.9"), (1.0, "1.0"), (0.7, "0.7"), (0.3, "0.3"), (0.29, "0.2"), (0.0, "0.0")],
)
def test_a_grade_reads_with_one_decimal_rounded_down(value: float, shown: str) -> None:
    """Rounded down, as percents are: a 0.96 that is not met never reads 1.0."""
    assert grade_text(value) == shown
