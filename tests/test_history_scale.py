"""History of 1,000 commits: read in a fixed number of git processes, fast, with every value.

The repository is written in one go with `git fast-import` (a second or so instead of a minute of
`git commit`s). Run with `-s` to see the time; it goes in docs/guide/publishing.md.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from history_repo import GitRepo, git

from okrsite.history import git_log, read_history

pytestmark = pytest.mark.slow  # builds a site, runs a server or drives a browser

COMMITS = 1_000
KEY_RESULTS = 40
FIRST_DAY = date(2024, 1, 1)


def one_document(values: list[int]) -> bytes:
    """Worst case: one document, one objective holding every key result; each version parsed."""
    lines = ["kind: Objective", "id: big", "title: Many key results", "key_results:"]
    for number, value in enumerate(values):
        lines += [f"  - id: kr-{number}", f"    title: Key result {number}"]
        lines += ["    baseline: 0", "    target: 2000", f"    current: {value}"]
    return ("\n".join(lines) + "\n").encode()


def many_documents(values: list[int]) -> bytes:
    """The usual layout: one document per objective; only the edited one is parsed again."""
    lines = []
    for number, value in enumerate(values):
        lines += ["---", "kind: Objective", f"id: objective-{number}", "title: An objective"]
        lines += ["key_results:", f"  - id: kr-{number}", f"    title: Key result {number}"]
        lines += ["    baseline: 0", "    target: 2000", f"    current: {value}"]
    return ("\n".join(lines) + "\n").encode()


def fast_import_stream(
    content: Callable[[list[int]], bytes],
) -> tuple[bytes, dict[str, list[tuple[date, float]]]]:
    """Commit n (one a day) sets key result n % 40 to n; returns the stream and the expectation."""
    values = [0] * KEY_RESULTS
    expected: dict[str, list[tuple[date, float]]] = {f"kr-{n}": [] for n in range(KEY_RESULTS)}
    parts: list[bytes] = []
    for number in range(COMMITS):
        day = FIRST_DAY + timedelta(days=number)
        if number:
            values[number % KEY_RESULTS] = number
        changed = range(KEY_RESULTS) if number == 0 else [number % KEY_RESULTS]
        for kr in changed:
            expected[f"kr-{kr}"].append((day, float(values[kr])))
        stamp = int(datetime(day.year, day.month, day.day, 12, tzinfo=UTC).timestamp())
        data, message = content(values), f"commit {number}".encode()
        parts += [
            b"commit refs/heads/main\n",
            f"committer Test <test@example.com> {stamp} +0000\n".encode(),
            f"data {len(message)}\n".encode() + message + b"\n",
            f"M 100644 inline content/okrs.yml\ndata {len(data)}\n".encode() + data + b"\n",
        ]
    return b"".join(parts), expected


@pytest.fixture(scope="module", params=[many_documents, one_document])
def big_repo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, dict]:
    repo = GitRepo(tmp_path_factory.mktemp("big"))
    stream, expected = fast_import_stream(request.param)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=repo.root, input=stream, check=True)
    git(repo.root, "checkout", "--quiet", "main")
    return repo.root, expected


def test_a_thousand_commits_give_every_value_in_a_few_git_processes(
    big_repo: tuple[Path, dict], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, expected = big_repo
    calls: list[list[str]] = []
    real_run = subprocess.run

    def counting_run(args: list[str], **kwargs):  # type: ignore[no-untyped-def]
        calls.append(args)
        return real_run(args, **kwargs)

    monkeypatch.setattr(git_log.subprocess, "run", counting_run)

    started = time.perf_counter()
    history = read_history(root / "content", max_commits=5_000, since=None)
    seconds = time.perf_counter() - started
    print(f"\nhistory of {COMMITS} commits read in {seconds:.2f} s ({root.name})")

    assert history.commits_read == COMMITS
    actual = {key: [(c.date, c.value) for c in points] for key, points in history.points.items()}
    assert actual == expected
    assert len(calls) == 3  # rev-parse, log, cat-file: not one per commit
    assert seconds < 30  # generous for a shared CI machine: 0.2 s / 1.8 s measured here


def test_the_bound_on_commits_applies_to_a_long_history(big_repo: tuple[Path, dict]) -> None:
    root, expected = big_repo

    history = read_history(root / "content", max_commits=100, since=None)

    assert history.commits_read == 100
    assert [(c.date, c.value) for c in history.points["kr-39"]] == expected["kr-39"][-3:]
