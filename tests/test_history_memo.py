"""`HistoryMemo` reads the commits again only when git says something the history shows changed.

Each test compares the memo's answer with a fresh `read_history` and counts the reads it did.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from history_repo import GitRepo, committed_series, objective_yaml

from okrsite.history import History, HistoryMemo, memo, read_history

WAIT_TIME_VALUES = [12.0, 11.5, 11.0, 10.5]


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    return committed_series(tmp_path / "repo")


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The content folder of every history read from git, in order."""
    folders: list[Path] = []

    def counting(content_dir: Path, *, max_commits: int, since: date | None) -> History:
        folders.append(content_dir)
        return read_history(content_dir, max_commits=max_commits, since=since)

    monkeypatch.setattr(memo, "read_history", counting)
    return folders


def wait_time(history: History) -> list[float | None]:
    return [c.value for c in history.points["wait-time"]]


def test_an_unchanged_repository_is_read_once(repo: GitRepo, reads: list[Path]) -> None:
    histories = HistoryMemo()
    content = repo.root / "content"

    first = histories.read(content, max_commits=1000, since=None)
    second = histories.read(content, max_commits=1000, since=None)

    assert reads == [content]
    assert second == first == read_history(content, max_commits=1000, since=None)
    assert wait_time(second) == WAIT_TIME_VALUES


def test_an_uncommitted_edit_keeps_the_history(repo: GitRepo, reads: list[Path]) -> None:
    """What `mkdocs serve` sees after a save: the file changed, the commits did not."""
    histories = HistoryMemo()
    content = repo.root / "content"
    histories.read(content, max_commits=1000, since=None)
    (content / "okrs.yml").write_text(objective_yaml(9.5, launched=True), encoding="utf-8")

    kept = histories.read(content, max_commits=1000, since=None)

    assert len(reads) == 1
    assert kept == read_history(content, max_commits=1000, since=None)


def test_a_new_commit_is_read(repo: GitRepo, reads: list[Path]) -> None:
    histories = HistoryMemo()
    content = repo.root / "content"
    histories.read(content, max_commits=1000, since=None)
    repo.commit({"content/okrs.yml": objective_yaml(10, launched=True)}, "2026-11-02")

    after = histories.read(content, max_commits=1000, since=None)

    assert len(reads) == 2
    assert after == read_history(content, max_commits=1000, since=None)
    assert wait_time(after) == [*WAIT_TIME_VALUES, 10.0]


def test_another_bound_or_folder_is_read_anew(
    repo: GitRepo, tmp_path: Path, reads: list[Path]
) -> None:
    histories = HistoryMemo()
    content = repo.root / "content"
    other = committed_series(tmp_path / "other")
    other.commit({"content/okrs.yml": objective_yaml(8, launched=True)}, "2026-11-02")

    newest_two = histories.read(content, max_commits=2, since=None)
    since_september = histories.read(content, max_commits=1000, since=date(2026, 9, 1))
    elsewhere = histories.read(other.root / "content", max_commits=1000, since=None)

    assert len(reads) == 3
    assert newest_two == read_history(content, max_commits=2, since=None)
    assert since_september == read_history(content, max_commits=1000, since=date(2026, 9, 1))
    assert wait_time(elsewhere) == [*WAIT_TIME_VALUES, 8.0]


def test_a_folder_outside_git_has_no_history(tmp_path: Path, reads: list[Path]) -> None:
    (tmp_path / "content").mkdir()
    histories = HistoryMemo()

    assert histories.read(tmp_path / "content", max_commits=1000, since=None) == History()
    assert histories.read(tmp_path / "content", max_commits=1000, since=None) == History()
    assert len(reads) == 1
