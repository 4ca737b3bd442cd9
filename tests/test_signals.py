"""Honest signals, hand-computed: stale check-ins, low and falling confidence, and goalposts
moved after the window opened (from a real git repository with dated commits)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from history_repo import NORTH_STAR_YAML, GitRepo, git, small_model

from okrsite.compute.cycles import CycleRule, cycle_of
from okrsite.compute.signals import (
    KeyResultSignals,
    SignalInputs,
    SignalKind,
    SignalRules,
    key_result_signals,
    signal_inputs,
    stale_by_team,
)
from okrsite.history import merge_history, read_history
from okrsite.load import load_content
from okrsite.model import CheckIn, Model, Rebaseline

AS_OF = date(2026, 11, 23)  # window 2026-07-01 .. 2026-12-31 (the objective's H2 period)


def signals_of(
    model: Model,
    inputs: SignalInputs | None = None,
    as_of: date = AS_OF,
    stale_after: int = 14,
) -> dict[str, KeyResultSignals]:
    current = cycle_of(as_of, CycleRule())
    return key_result_signals(
        model, as_of, current, inputs or SignalInputs(), SignalRules(stale_after)
    )


def kinds(found: dict[str, KeyResultSignals], key: str) -> list[str]:
    return [s.kind.value for s in found[key].signals] if key in found else []


def with_checkins(*checkins: CheckIn) -> Model:
    return small_model(wait=None, wait_checkins=checkins)


# Stale check-ins -----------------------------------------------------------------------------


def test_a_key_result_without_a_check_in_for_14_days_is_stale_since_day_14() -> None:
    found = signals_of(with_checkins(CheckIn(date=date(2026, 10, 1), value=10.4)))
    stale = found["wait-time"].signals[0]
    assert stale.kind is SignalKind.STALE
    assert stale.since == date(2026, 10, 15)  # 10-01 + 14 days
    assert stale.detail == "no check-in for 53 days (the last on 2026-10-01)"  # 11-23 − 10-01


@pytest.mark.parametrize(
    ("last", "stale"), [(date(2026, 11, 9), True), (date(2026, 11, 10), False)]
)
def test_the_boundary_is_14_days_inclusive(last: date, stale: bool) -> None:
    found = signals_of(with_checkins(CheckIn(date=last, value=10.4)))
    assert ("stale" in kinds(found, "wait-time")) is stale  # 11-23 − 11-09 = 14 days


def test_never_checked_in_counts_from_the_window_start() -> None:
    found = signals_of(small_model())  # `current` written, no check-in, no history
    assert kinds(found, "adoption") == ["stale"]
    stale = found["adoption"].signals[0]
    assert stale.since == date(2026, 7, 15)
    assert stale.detail == "no check-in since its window opened on 2026-07-01 (145 days)"


def test_a_commit_that_changed_the_value_done_or_status_is_a_check_in() -> None:
    inputs = SignalInputs(checked_on={"kiosk-launch": (date(2026, 11, 20),)})
    found = signals_of(small_model(), inputs)
    assert "kiosk-launch" not in found
    assert kinds(found, "adoption") == ["stale"]


def test_a_closed_or_future_window_is_never_stale() -> None:
    assert signals_of(small_model(), as_of=date(2027, 1, 10)) == {}
    assert signals_of(small_model(), as_of=date(2026, 6, 1)) == {}


def test_stale_after_is_a_setting() -> None:
    model = with_checkins(CheckIn(date=date(2026, 10, 1), value=10.4))
    assert "wait-time" not in signals_of(model, stale_after=60)  # 53 days < 60
    assert kinds(signals_of(model, stale_after=53), "wait-time") == ["stale"]


def test_stale_key_results_are_counted_per_team() -> None:
    model = small_model()
    objective = replace(model.objectives["check-in"], team="ground")
    model = replace(model, objectives={"check-in": objective})
    found = signals_of(model, SignalInputs(checked_on={"kiosk-launch": (date(2026, 11, 20),)}))
    assert stale_by_team(model, found) == {"ground": 2}  # wait-time, adoption


# Confidence ----------------------------------------------------------------------------------


def confident(*pairs: tuple[date, float]) -> Model:
    return with_checkins(*(CheckIn(date=day, value=10.5, confidence=value) for day, value in pairs))


def test_low_confidence_since_the_first_of_the_low_run() -> None:
    found = signals_of(
        confident((date(2026, 10, 22), 0.6), (date(2026, 11, 15), 0.25), (date(2026, 11, 20), 0.2))
    )
    low, drop = found["wait-time"].signals
    assert (low.kind, low.since, low.detail) == (
        SignalKind.LOW_CONFIDENCE,
        date(2026, 11, 15),
        "confidence 0.2 since 2026-11-15",
    )
    assert (drop.kind, drop.since) == (SignalKind.CONFIDENCE_DROP, date(2026, 11, 20))
    assert drop.detail == "confidence fell from 0.6 to 0.2 between 2026-10-22 and 2026-11-20"


@pytest.mark.parametrize(("later", "flagged"), [(0.5, True), (0.51, False)])
def test_a_drop_of_0_3_within_30_days_is_flagged(later: float, flagged: bool) -> None:
    found = signals_of(confident((date(2026, 11, 1), 0.8), (date(2026, 11, 20), later)))
    assert ("confidence-drop" in kinds(found, "wait-time")) is flagged


def test_a_drop_spread_over_more_than_30_days_is_not_flagged() -> None:
    found = signals_of(confident((date(2026, 10, 10), 0.9), (date(2026, 11, 20), 0.5)))
    assert "confidence-drop" not in kinds(found, "wait-time")  # 41 days apart


def test_an_undated_low_confidence_counts_too() -> None:
    model = small_model()
    adoption = replace(model.key_results["adoption"], confidence=0.1)
    model = replace(model, key_results={**model.key_results, "adoption": adoption})
    found = signals_of(model, SignalInputs(checked_on={"adoption": (AS_OF,)}))
    assert [(s.kind, s.detail) for s in found["adoption"].signals] == [
        (SignalKind.LOW_CONFIDENCE, "confidence 0.1")
    ]


# Moved goalposts, from git -------------------------------------------------------------------


def objective(
    target: float = 9,
    *,
    period: str = "{start: 2026-07-01, end: 2026-12-31}",
    key_result_id: str = "wait-time",
    extra: str = "",
) -> str:
    """One objective whose falling metric runs 12 → `target`, currently 10.5."""
    return f"""\
kind: Objective
id: check-in
title: Faster check-in
period: {period}
key_results:
  - id: {key_result_id}
    title: Wait time down
    unit: min
    baseline: 12
    target: {target}
    current: 10.5
{extra}"""


def read(repo: GitRepo, as_of: date = AS_OF) -> dict[str, KeyResultSignals]:
    content = repo.root / "content"
    loaded = load_content(content)
    assert loaded.model is not None, [str(p) for p in loaded.problems]
    history = read_history(content, max_commits=100, since=None)
    model = merge_history(loaded.model, history)
    return signals_of(model, signal_inputs(model, history), as_of)


def moves(found: dict[str, KeyResultSignals], key: str = "wait-time") -> list[str]:
    return [
        s.detail for s in found.get(key, KeyResultSignals()).signals if s.kind == "moved-goalpost"
    ]


def short_sha(repo: GitRepo) -> str:
    return git(repo.root, "rev-parse", "--short=7", "HEAD").strip()


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    repo.commit({"content/ns.yml": NORTH_STAR_YAML, "content/okrs.yml": objective(9)}, "2026-06-20")
    repo.commit({"content/okrs.yml": objective(8)}, "2026-06-25", "Plan: aim higher")
    return repo


def test_a_target_moved_before_the_window_opened_is_not_flagged(repo: GitRepo) -> None:
    assert moves(read(repo)) == []


def test_a_target_moved_after_the_window_opened_is_flagged_with_its_commit(repo: GitRepo) -> None:
    repo.commit({"content/okrs.yml": objective(10)}, "2026-10-12", "Lower the wait-time target")
    found = read(repo)
    sha = short_sha(repo)
    assert moves(found) == [
        f"target moved from 8 min to 10 min on 2026-10-12 in {sha} “Lower the wait-time target”"
    ]
    signal = found["wait-time"].signals[0]
    assert signal.warns and signal.since == date(2026, 10, 12)
    # today's target: (10.5 − 12) / (10 − 12) = 0.75; the original: (10.5 − 12) / (8 − 12) = 0.375
    assert found["wait-time"].original == (("target", 8.0),)
    assert found["wait-time"].original_progress == pytest.approx(0.375)


def test_a_move_after_the_as_of_date_is_not_seen_yet(repo: GitRepo) -> None:
    repo.commit({"content/okrs.yml": objective(10)}, "2026-10-12")
    assert moves(read(repo, as_of=date(2026, 10, 11))) == []


def test_a_reason_in_the_same_commit_explains_the_move(repo: GitRepo) -> None:
    reason = "  rebaselined:\n      - {date: 2026-10-12, reason: New airport layout}\n"
    repo.commit({"content/okrs.yml": objective(10, extra="    " + reason.lstrip())}, "2026-10-12")
    signal = read(repo)["wait-time"].signals[0]
    assert signal.explanation == "New airport layout" and not signal.warns


def test_a_reason_written_later_for_the_day_explains_it_too(repo: GitRepo) -> None:
    repo.commit({"content/okrs.yml": objective(10)}, "2026-10-12")
    later = "    rebaselined:\n      - {date: 2026-10-10, reason: Merged after review}\n"
    repo.commit({"content/okrs.yml": objective(10, extra=later)}, "2026-11-01")
    signal = read(repo)["wait-time"].signals[0]
    assert signal.explanation == "Merged after review"  # dated 2 days before: within the week


def test_a_check_in_note_added_with_the_move_explains_it(repo: GitRepo) -> None:
    note = "    checkins:\n      - {date: 2026-10-12, value: 10.5, note: Scope cut by the board}\n"
    repo.commit({"content/okrs.yml": objective(10, extra=note)}, "2026-10-12")
    assert read(repo)["wait-time"].signals[0].explanation == "Scope cut by the board"


def test_the_objectives_period_moving_flags_its_key_results(repo: GitRepo) -> None:
    later = "{start: 2026-07-01, end: 2027-03-31}"
    repo.commit({"content/okrs.yml": objective(8, period=later)}, "2026-09-01", "More time")
    assert moves(read(repo)) == [
        "the objective's period moved from 2026-07-01..2026-12-31 to 2026-07-01..2027-03-31 "
        f"on 2026-09-01 in {short_sha(repo)} “More time”"
    ]


def test_a_renamed_key_result_keeps_its_moves(repo: GitRepo) -> None:
    repo.commit({"content/okrs.yml": objective(10)}, "2026-10-12")
    renamed = objective(10, key_result_id="queue-time", extra="    aliases: [wait-time]\n")
    repo.commit({"content/okrs.yml": renamed}, "2026-11-01")
    assert [m.split(" on ")[0] for m in moves(read(repo), "queue-time")] == [
        "target moved from 8 min to 10 min"
    ]


def test_rebaselined_entries_are_read_into_the_model(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "ns.yml").write_text(NORTH_STAR_YAML)
    extra = "    rebaselined:\n      - {date: 2026-10-12, reason: New layout}\n"
    (content / "okrs.yml").write_text(objective(10, extra=extra))
    loaded = load_content(content)
    assert loaded.model is not None, [str(p) for p in loaded.problems]
    assert loaded.model.key_results["wait-time"].rebaselined == (
        Rebaseline(date(2026, 10, 12), "New layout"),
    )
