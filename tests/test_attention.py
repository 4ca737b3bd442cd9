"""The attention order (okrsite/compute/attention.py): worst status first, then furthest behind."""

from __future__ import annotations

from okrsite.compute.attention import INITIATIVE_SEVERITY, attention_key, by_attention, gap
from okrsite.compute.progress import SEVERITY
from okrsite.compute.scorecard import Score
from okrsite.model import InitiativeStatus, Status


def test_statuses_come_worst_first() -> None:
    ranked = sorted(SEVERITY, key=SEVERITY.__getitem__)
    assert ranked[:3] == [Status.OFF_TRACK, Status.AT_RISK, Status.ON_TRACK]
    assert ranked[-1] is Status.DONE  # finished work asks nothing of a reader
    initiatives = sorted(INITIATIVE_SEVERITY, key=INITIATIVE_SEVERITY.__getitem__)
    assert set(initiatives) == set(InitiativeStatus)
    assert initiatives[0] is InitiativeStatus.BLOCKED


def test_within_a_status_the_furthest_behind_comes_first() -> None:
    scores = {
        "on-track": Score(0.5, 0.5, Status.ON_TRACK),
        "slightly-off": Score(0.5, 0.8, Status.OFF_TRACK),
        "far-off": Score(0.1, 0.8, Status.OFF_TRACK),
        "unknown": Score(None, 0.5, Status.UNKNOWN),
        "at-risk": Score(0.6, 0.7, Status.AT_RISK),
        "done": Score(1.0, 0.5, Status.DONE),
    }
    assert by_attention(list(scores), scores) == [
        "far-off", "slightly-off", "at-risk", "on-track", "unknown", "done",
    ]  # fmt: skip


def test_without_a_gap_a_thing_comes_last_of_its_status_and_ties_keep_their_order() -> None:
    scores = {
        "no-period": Score(0.4, None, Status.NOT_STARTED),
        "first": Score(0.0, 0.0, Status.NOT_STARTED),
        "second": Score(0.0, 0.0, Status.NOT_STARTED),
    }
    assert gap(scores["no-period"]) is None
    assert by_attention(list(scores), scores) == ["first", "second", "no-period"]


def test_the_key_is_short_and_never_reads_minus_zero() -> None:
    assert attention_key(Score(0.5, 0.5, Status.ON_TRACK)) == (2, 0.0)
    assert repr(attention_key(Score(0.5, 0.5, Status.ON_TRACK))[1]) == "0.0"
    assert attention_key(Score(1 / 3, 1.0, Status.OFF_TRACK)) == (0, -0.6667)
