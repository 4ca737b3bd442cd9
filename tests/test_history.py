"""History from git: a real repository with dated commits editing `current` and `done`."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from history_repo import GitRepo, committed_series, git, objective_yaml

from okrsite.history import History, read_history
from okrsite.urls import Kind


def values(history: History, key: str) -> list[tuple[date, float | None, bool | None]]:
    return [(c.date, c.value, c.done) for c in history.points.get(key, ())]


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    return committed_series(tmp_path / "repo")


def test_trend_points_equal_the_committed_values(repo: GitRepo) -> None:
    history = read_history(repo.root / "content", max_commits=1000, since=None)

    assert values(history, "wait-time") == [
        (date(2026, 7, 1), 12.0, None),
        (date(2026, 8, 3), 11.5, None),
        (date(2026, 9, 1), 11.0, None),
        (date(2026, 10, 5), 10.5, None),
    ]
    assert values(history, "kiosk-launch") == [
        (date(2026, 7, 1), None, False),
        (date(2026, 9, 1), None, True),
    ]
    assert values(history, "adoption") == [(date(2026, 7, 1), 40.0, None)]  # never changed
    assert all(c.source == "git" for dated in history.points.values() for c in dated)
    assert history.commits_read == 4
    assert history.warnings == ()


def test_entities_remember_the_days_they_changed(repo: GitRepo) -> None:
    history = read_history(repo.root / "content", max_commits=1000, since=None)

    assert history.changed_on[(Kind.KEY_RESULT, "adoption")] == (date(2026, 7, 1),)
    assert history.changed_on[(Kind.KEY_RESULT, "kiosk-launch")] == (
        date(2026, 7, 1),
        date(2026, 9, 1),
    )
    assert history.changed_on[(Kind.OBJECTIVE, "check-in")][-1] == date(2026, 10, 5)
    assert history.changed_on[(Kind.NORTH_STAR, "north-star")] == (date(2026, 7, 1),)


def test_the_last_commit_of_a_day_wins(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit({"okrs.yml": objective_yaml(12)}, "2026-07-01")
    repo.commit({"okrs.yml": objective_yaml(11)}, "2026-08-01")
    repo.commit({"okrs.yml": objective_yaml(10)}, "2026-08-01")

    history = read_history(repo.root, max_commits=1000, since=None)

    assert values(history, "wait-time") == [
        (date(2026, 7, 1), 12.0, None),
        (date(2026, 8, 1), 10.0, None),
    ]


def test_bounds_keep_the_newest_commits_and_show_only_what_they_changed(repo: GitRepo) -> None:
    newest_two = read_history(repo.root / "content", max_commits=2, since=None)
    since_september = read_history(repo.root / "content", max_commits=1000, since=date(2026, 9, 1))

    for bounded in (newest_two, since_september):
        assert bounded.commits_read == 2
        assert values(bounded, "wait-time") == [
            (date(2026, 9, 1), 11.0, None),
            (date(2026, 10, 5), 10.5, None),
        ]
        # unchanged since before the bound: no point, no change date inside the bound
        assert "adoption" not in bounded.points
        assert (Kind.KEY_RESULT, "adoption") not in bounded.changed_on


def test_only_content_files_below_the_content_dir_count(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit({"okrs/a.yml": objective_yaml(12), "other/b.yml": objective_yaml(1)}, "2026-07-01")
    repo.commit({"other/b.yml": objective_yaml(2), "okrs/notes.txt": "x"}, "2026-07-02")

    history = read_history(repo.root / "okrs", max_commits=1000, since=None)

    assert values(history, "wait-time") == [(date(2026, 7, 1), 12.0, None)]
    assert history.commits_read == 1


def test_a_key_result_moved_to_another_file_keeps_its_history(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit({"a.yml": objective_yaml(12)}, "2026-07-01")
    git(repo.root, "mv", "a.yml", "b.yml")
    repo.commit({}, "2026-07-02")

    history = read_history(repo.root, max_commits=1000, since=None)

    assert values(history, "wait-time") == [(date(2026, 7, 1), 12.0, None)]
    assert history.changed_on[(Kind.OBJECTIVE, "check-in")] == (date(2026, 7, 1),)


def test_broken_historical_versions_are_skipped_and_counted(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit({"okrs.yml": objective_yaml(12)}, "2026-07-01")
    repo.commit({"okrs.yml": "kind: Objective\nid: [unclosed\n"}, "2026-07-02")
    repo.commit({"okrs.yml": "[" * 200_000}, "2026-07-02")  # would crash libyaml itself
    repo.commit({"okrs.yml": "current: 1" + "0" * 5_000}, "2026-07-02")  # past int() limits
    repo.commit({"okrs.yml": b"current: \xff\n"}, "2026-07-03")  # not UTF-8
    repo.commit({"okrs.yml": objective_yaml(11)}, "2026-07-04")

    history = read_history(repo.root, max_commits=1000, since=None)

    assert values(history, "wait-time") == [
        (date(2026, 7, 1), 12.0, None),
        (date(2026, 7, 4), 11.0, None),
    ]
    assert history.broken_versions == 4
    assert history.warnings == ()


def test_odd_values_in_old_versions_are_ignored(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    odd = objective_yaml(None).replace("target: 9", "target: 9\n    current: twelve")
    repo.commit({"okrs.yml": "- just\n- a list\n---\n" + odd}, "2026-07-01")
    huge = objective_yaml(None).replace("target: 9", "target: 9\n    current: 1" + "0" * 400)
    repo.commit({"okrs.yml": huge}, "2026-07-01")
    repo.commit(
        {"okrs.yml": objective_yaml(None).replace("target: 9", "target: 9\n    current: .nan")},
        "2026-07-02",
    )

    history = read_history(repo.root, max_commits=1000, since=None)

    assert "wait-time" not in history.points
    assert values(history, "adoption") == [(date(2026, 7, 1), 40.0, None)]


def test_outside_git_there_is_no_history(tmp_path: Path) -> None:
    (tmp_path / "okrs.yml").write_text(objective_yaml(12), encoding="utf-8")

    assert read_history(tmp_path, max_commits=1000, since=None) == History()


def test_a_repository_without_commits_has_no_history(tmp_path: Path) -> None:
    GitRepo(tmp_path)
    (tmp_path / "okrs.yml").write_text(objective_yaml(12), encoding="utf-8")

    assert read_history(tmp_path, max_commits=1000, since=None) == History()


def test_without_git_the_build_goes_on_with_a_warning(
    repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))

    history = read_history(repo.root / "content", max_commits=1000, since=None)

    assert history.points == {}
    assert history.warnings == (
        "history from git skipped: the `git` command was not found; install git to read history",
    )


def test_a_shallow_clone_warns_and_still_reads_what_it_has(repo: GitRepo, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "--quiet", "--depth", "2", f"file://{repo.root}", str(clone)], check=True
    )

    history = read_history(clone / "content", max_commits=1000, since=None)

    assert history.warnings == (
        "shallow clone: history limited to 2 commits; fetch full history with `fetch-depth: 0`",
    )
    assert values(history, "wait-time")[-2:] == [
        (date(2026, 9, 1), 11.0, None),
        (date(2026, 10, 5), 10.5, None),
    ]


def test_the_same_repository_reads_the_same_every_time(repo: GitRepo, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(repo.root), str(clone)], check=True)

    first = read_history(repo.root / "content", max_commits=1000, since=None)
    again = read_history(clone / "content", max_commits=1000, since=None)

    assert first == again
