"""Progress, expected progress and status of single key results, with hand-computed values.

Each case is written as docs/guide/numbers.md states it, so a change to a rule breaks a test.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from okrsite.compute.progress import (
    Thresholds,
    current_value,
    expected_progress,
    judge_status,
    key_result_progress,
    mean,
    metric_progress,
    weighted_mean,
)
from okrsite.model import CheckIn, KeyResult, KeyResultType, Location, Status, Window

AS_OF = date(2026, 11, 23)
H2 = Window(date(2026, 7, 1), date(2026, 12, 31))  # 183 days long; 145 elapsed on AS_OF


def metric(baseline: float, target: float, current: float | None = None, *checkins) -> KeyResult:
    return KeyResult(
        id="kr",
        title="kr",
        objective="objective",
        baseline=baseline,
        target=target,
        current=current,
        checkins=tuple(CheckIn(date=day, value=value) for day, value in checkins),
        location=Location("content/o.yml", 1, 1),
    )


def milestone(done: bool | None = None, *checkins) -> KeyResult:
    return KeyResult(
        id="kr",
        title="kr",
        objective="objective",
        type=KeyResultType.MILESTONE,
        done=done,
        checkins=tuple(CheckIn(date=day, done=mark) for day, mark in checkins),
        location=Location("content/o.yml", 1, 1),
    )


# Metric key results ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("baseline", "target", "current", "progress"),
    [
        (35, 80, 62, 27 / 45),  # rising: adoption 35% -> 80%, now 62%
        (12, 9, 10.4, 1.6 / 3),  # falling: wait time 12 -> 9 min, now 10.4
        (3.5, 4.5, 3.9, 0.4),
        (35, 80, 35, 0.0),  # at the baseline
        (12, 9, 9, 1.0),  # at the target
        (35, 80, 95, 1.0),  # rising, overshot: clamped at 1
        (12, 9, 7.5, 1.0),  # falling, overshot: clamped at 1
        (35, 80, 20, 0.0),  # rising, fell behind the baseline: clamped at 0
        (12, 9, 14, 0.0),  # falling, rose above the baseline: clamped at 0
        (-10, 10, 0, 0.5),  # negative numbers work like any other
    ],
)
def test_metric_progress(baseline, target, current, progress):
    assert key_result_progress(metric(baseline, target, current), AS_OF) == pytest.approx(progress)


def test_target_equal_to_baseline_has_no_progress():
    with pytest.raises(ValueError, match="target equals baseline"):
        metric_progress(5, 5, 7)
    assert key_result_progress(metric(5, 5, 7), AS_OF) is None


def test_latest_checkin_counts_when_there_is_no_current():
    wait_time = metric(12, 9, None, (date(2026, 8, 1), 11.2), (date(2026, 10, 1), 10.4))
    assert current_value(wait_time, AS_OF) == 10.4
    assert key_result_progress(wait_time, AS_OF) == pytest.approx(1.6 / 3)


def test_baseline_counts_when_there_is_neither_current_nor_checkin():
    assert current_value(metric(12, 9), AS_OF) == 12
    assert key_result_progress(metric(12, 9), AS_OF) == 0.0


def test_current_overrides_checkins():
    adoption = metric(35, 80, 62, (date(2026, 10, 1), 70))
    assert current_value(adoption, AS_OF) == 62
    assert key_result_progress(adoption, AS_OF) == pytest.approx(0.6)


def test_checkins_after_the_as_of_date_are_ignored():
    wait_time = metric(12, 9, None, (date(2026, 8, 1), 11.2), (date(2026, 10, 1), 10.4))
    assert key_result_progress(wait_time, date(2026, 9, 1)) == pytest.approx(0.8 / 3)
    assert key_result_progress(wait_time, date(2026, 10, 1)) == pytest.approx(
        1.6 / 3
    )  # same day counts
    assert key_result_progress(wait_time, date(2026, 7, 31)) == 0.0  # back to the baseline


# Milestones -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("key_result", "progress"),
    [
        (milestone(True), 1.0),
        (milestone(False), 0.0),
        (milestone(None), 0.0),
        (milestone(None, (date(2026, 10, 1), False), (date(2026, 11, 2), True)), 1.0),
        (milestone(None, (date(2026, 10, 1), True), (date(2026, 11, 2), False)), 0.0),  # reopened
        (milestone(False, (date(2026, 11, 2), True)), 0.0),  # `done` written wins
        (milestone(None, (date(2026, 12, 1), True)), 0.0),  # check-in after the as-of date
    ],
)
def test_milestone_progress(key_result, progress):
    assert key_result_progress(key_result, AS_OF) == progress


# Means ----------------------------------------------------------------------------------------
def test_weighted_mean_uses_weights_and_skips_undefined():
    assert weighted_mean([(1.0, 2), (0.4, 1)]) == pytest.approx(2.4 / 3)
    assert weighted_mean([(1.0, 0.5), (0.0, 1.5)]) == pytest.approx(0.25)
    assert weighted_mean([(None, 5), (0.3, 1)]) == pytest.approx(0.3)
    assert weighted_mean([]) is None
    assert weighted_mean([(None, 1)]) is None


def test_plain_mean_ignores_weights():
    assert mean([0.6, 0.2, None]) == pytest.approx(0.4)
    assert mean([]) is None


# Expected progress ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (date(2026, 6, 1), 0.0),  # before the window
        (date(2026, 7, 1), 0.0),  # first day
        (date(2026, 7, 2), 1 / 183),
        (date(2026, 11, 23), 145 / 183),
        (date(2026, 12, 31), 1.0),  # last day
        (date(2027, 3, 1), 1.0),  # after the window
    ],
)
def test_expected_progress_is_the_elapsed_fraction(as_of, expected):
    assert expected_progress(H2, as_of) == pytest.approx(expected)


def test_expected_progress_of_a_one_day_window_and_of_none():
    day = Window(date(2026, 11, 23), date(2026, 11, 23))
    assert expected_progress(day, date(2026, 11, 22)) == 0.0
    assert expected_progress(day, date(2026, 11, 23)) == 1.0
    assert expected_progress(None, AS_OF) is None


# Status ---------------------------------------------------------------------------------------
DEFAULT = Thresholds()


@pytest.mark.parametrize(
    ("progress", "expected", "status"),
    [
        (0.50, 0.60, Status.ON_TRACK),  # gap exactly 0.10
        (0.50, 0.6000001, Status.AT_RISK),  # just past it
        (0.35, 0.60, Status.AT_RISK),  # gap exactly 0.25
        (0.35, 0.6000001, Status.OFF_TRACK),  # just past it
        (0.90, 0.60, Status.ON_TRACK),  # ahead of the line
        (0.0, 0.0, Status.ON_TRACK),  # first day, nothing expected yet
        (1.0, 0.2, Status.DONE),
        (1.0, 1.0, Status.DONE),
        (0.0, 1.0, Status.OFF_TRACK),
    ],
)
def test_status_thresholds(progress, expected, status):
    assert judge_status(progress, expected, H2, AS_OF, DEFAULT) is status


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        (date(2026, 6, 30), Status.NOT_STARTED),  # the window opens tomorrow
        (date(2026, 7, 1), Status.ON_TRACK),  # opening day
    ],
)
def test_not_started_before_the_window_opens(as_of, status):
    expected = expected_progress(H2, as_of)
    assert judge_status(0.0, expected, H2, as_of, DEFAULT) is status


def test_done_before_the_window_opens_is_done():
    assert judge_status(1.0, 0.0, H2, date(2026, 6, 1), DEFAULT) is Status.DONE


def test_thresholds_are_settable():
    strict = Thresholds(on_track=0.05, at_risk=0.15)
    assert judge_status(0.50, 0.55, H2, AS_OF, strict) is Status.ON_TRACK
    assert judge_status(0.50, 0.60, H2, AS_OF, strict) is Status.AT_RISK
    assert judge_status(0.50, 0.66, H2, AS_OF, strict) is Status.OFF_TRACK


def test_an_override_always_wins():
    assert judge_status(1.0, 0.5, H2, AS_OF, DEFAULT, Status.AT_RISK) is Status.AT_RISK
    assert judge_status(0.0, 1.0, H2, AS_OF, DEFAULT, Status.ON_TRACK) is Status.ON_TRACK
    assert judge_status(None, None, None, AS_OF, DEFAULT, Status.DONE) is Status.DONE


def test_unknown_without_progress_or_without_a_window():
    assert judge_status(None, 0.5, H2, AS_OF, DEFAULT) is Status.UNKNOWN
    assert judge_status(0.5, None, None, AS_OF, DEFAULT) is Status.UNKNOWN
    assert judge_status(1.0, None, None, AS_OF, DEFAULT) is Status.DONE


# Properties -----------------------------------------------------------------------------------
numbers = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)


@st.composite
def baseline_and_target(draw) -> tuple[float, float]:
    baseline = draw(numbers)
    target = draw(numbers.filter(lambda t: t != baseline))
    return baseline, target


@given(baseline_and_target(), numbers)
def test_progress_always_lies_between_0_and_1(bounds, value):
    baseline, target = bounds
    assert 0.0 <= key_result_progress(metric(baseline, target, value), AS_OF) <= 1.0


@given(baseline_and_target(), numbers, st.floats(min_value=0, max_value=1))
def test_moving_toward_the_target_never_lowers_progress(bounds, value, step):
    """Rising and falling metrics alike: a value closer to the target is never worse."""
    baseline, target = bounds
    assume((target - value) * (target - baseline) >= 0)  # not already past the target
    closer = value + step * (target - value)
    before = key_result_progress(metric(baseline, target, value), AS_OF)
    after = key_result_progress(metric(baseline, target, closer), AS_OF)
    assert after >= before


@given(baseline_and_target(), numbers)
def test_a_falling_metric_mirrors_a_rising_one(bounds, value):
    baseline, target = bounds
    assert metric_progress(baseline, target, value) == metric_progress(-baseline, -target, -value)


@given(st.lists(st.tuples(st.floats(0, 1), st.floats(0.01, 100)), min_size=1))
def test_weighted_progress_stays_between_0_and_1(pairs):
    assert 0.0 <= weighted_mean(pairs) <= 1.0
