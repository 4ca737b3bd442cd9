"""Joining git history into the model: check-ins, precedence of written ones, last-updated dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from history_repo import GitRepo, objective_yaml, small_model

from okrsite.compute.progress import current_value, key_result_progress
from okrsite.history import History, last_updated, merge_history, read_history
from okrsite.model import CheckIn
from okrsite.urls import Kind


def git_points(*dated: tuple[str, float | None, bool | None]) -> tuple[CheckIn, ...]:
    return tuple(
        CheckIn(date=date.fromisoformat(day), value=value, done=done, source="git")
        for day, value, done in dated
    )


def test_commits_become_check_ins_that_drive_progress_at_past_dates(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit({"okrs.yml": objective_yaml(12)}, "2026-07-01")
    repo.commit({"okrs.yml": objective_yaml(10.5)}, "2026-08-01")
    repo.commit({"okrs.yml": objective_yaml(9.6)}, "2026-09-01")
    model = small_model(wait=None)  # as if the team had since moved to check-ins only

    merged = merge_history(model, read_history(repo.root, max_commits=100, since=None))

    wait = merged.key_results["wait-time"]
    assert [(c.date, c.value) for c in wait.checkins] == [
        (date(2026, 7, 1), 12.0),
        (date(2026, 8, 1), 10.5),
        (date(2026, 9, 1), 9.6),
    ]
    assert current_value(wait, date(2026, 8, 15)) == 10.5
    assert key_result_progress(wait, date(2026, 8, 15)) == 0.5


def test_written_check_ins_win_on_the_same_date_and_all_stay_sorted() -> None:
    written = (
        CheckIn(date=date(2026, 8, 1), value=11.2, note="measured"),
        CheckIn(date=date(2026, 10, 1), value=10.4),
    )
    model = small_model(wait_checkins=written)
    history = History(
        points={
            "wait-time": git_points(
                ("2026-07-01", 12, None), ("2026-08-01", 11.0, None), ("2026-09-01", 10.8, None)
            ),
        }
    )

    wait = merge_history(model, history).key_results["wait-time"]

    assert [(c.date, c.value, c.source) for c in wait.checkins] == [
        (date(2026, 7, 1), 12, "git"),
        (date(2026, 8, 1), 11.2, "yaml"),
        (date(2026, 9, 1), 10.8, "git"),
        (date(2026, 10, 1), 10.4, "yaml"),
    ]


def test_milestones_take_done_and_metrics_take_values() -> None:
    history = History(
        points={
            "kiosk-launch": git_points(("2026-07-01", None, False), ("2026-09-01", None, True)),
            "adoption": git_points(("2026-07-01", 35, None), ("2026-08-01", None, True)),
        }
    )

    merged = merge_history(small_model(), history)

    assert [(c.date, c.value, c.done) for c in merged.key_results["kiosk-launch"].checkins] == [
        (date(2026, 7, 1), None, False),
        (date(2026, 9, 1), None, True),
    ]
    assert [(c.date, c.value, c.done) for c in merged.key_results["adoption"].checkins] == [
        (date(2026, 7, 1), 35, None),
    ]


def test_history_off_leaves_the_model_as_it_is() -> None:
    model = small_model(wait_checkins=(CheckIn(date=date(2026, 8, 1), value=11.2),))

    assert merge_history(model, History()) is model


def test_points_for_key_results_no_longer_in_the_model_are_dropped() -> None:
    history = History(points={"gone": git_points(("2026-07-01", 1, None))})

    merged = merge_history(small_model(), history)

    assert set(merged.key_results) == {"adoption", "kiosk-launch", "wait-time"}
    assert all(not kr.checkins for kr in merged.key_results.values())


def test_last_updated_takes_the_latest_commit_or_check_in_up_to_the_as_of_date() -> None:
    model = small_model(
        wait_checkins=(
            CheckIn(date=date(2026, 9, 20), value=10.0),
            CheckIn(date=date(2026, 12, 1), value=9.5),  # after the as-of date
        )
    )
    history = History(
        changed_on={
            (Kind.KEY_RESULT, "adoption"): (date(2026, 7, 1), date(2026, 10, 2)),
            (Kind.KEY_RESULT, "wait-time"): (date(2026, 7, 1),),
            (Kind.OBJECTIVE, "check-in"): (date(2026, 7, 1), date(2026, 8, 5)),
            (Kind.NORTH_STAR, "north-star"): (date(2026, 6, 30),),
            (Kind.TEAM, "deleted-team"): (date(2026, 7, 1),),
        }
    )

    updated = last_updated(model, history, as_of=date(2026, 10, 1))

    assert updated == {
        (Kind.NORTH_STAR, "north-star"): date(2026, 6, 30),
        (Kind.OBJECTIVE, "check-in"): date(2026, 9, 20),  # through its key result's check-in
        (Kind.KEY_RESULT, "adoption"): date(2026, 7, 1),
        (Kind.KEY_RESULT, "wait-time"): date(2026, 9, 20),
    }
