"""Dated key-result values and entity change dates, replayed from the commits of the content.

Teams that only ever edit `current` still have a history: every commit that changed it. Reading
that history gives trend lines and "what changed" without anyone writing check-ins by hand.

Measured on a 2-core machine (`tests/test_history_scale.py -s` prints it): 1,000 commits, each
editing one of 40 key results, are read in 0.2 s when each objective is its own YAML document and
in 1.8 s in the worst case of one document holding all 40 (each version is then parsed whole).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from okrsite.history.git_log import (
    Commit,
    GitError,
    content_commits,
    count_commits,
    find_repository,
    read_blobs,
)
from okrsite.history.snapshot import BrokenVersion, EntityRef, Measure, Snapshot, SnapshotReader
from okrsite.model import CheckIn

GIT_SOURCE = "git"


@dataclass(frozen=True)
class History:
    """What git says about the content; empty outside a repository or with history off."""

    points: Mapping[str, tuple[CheckIn, ...]] = field(default_factory=dict)  # by key-result key
    changed_on: Mapping[EntityRef, tuple[date, ...]] = field(default_factory=dict)  # sorted
    commits_read: int = 0
    broken_versions: int = 0  # historical file versions that were not readable YAML
    warnings: tuple[str, ...] = ()


def read_history(content_dir: Path, *, max_commits: int, since: date | None) -> History:
    """The history of the content files in the newest `max_commits` commits since `since`.

    Never raises for git trouble: a missing `git` or a failing command becomes a warning and an
    empty history, so the build goes on with the written check-ins only.
    """
    if not content_dir.is_dir():
        return History()
    try:
        repository = find_repository(content_dir)
        if repository is None:
            return History()
        commits = content_commits(repository, max_commits=max_commits, since=since)
        warnings: tuple[str, ...] = ()
        if repository.shallow:
            warnings = (
                f"shallow clone: history limited to {count_commits(repository)} commits; "
                "fetch full history with `fetch-depth: 0`",
            )
        blobs = read_blobs(repository, blobs_to_read(commits))
    except GitError as failure:
        return History(warnings=(f"history from git skipped: {failure}",))
    replay = Replay(blobs)
    for commit in commits:
        replay.apply(commit)
    return replay.history(len(commits), warnings)


def blobs_to_read(commits: list[Commit]) -> set[str]:
    """Every version a commit wrote, plus the version each file had before its first change."""
    wanted: set[str] = set()
    seen: set[str] = set()
    for commit in commits:
        for change in commit.changes:
            if change.path not in seen and change.old_blob is not None:
                wanted.add(change.old_blob)
            seen.add(change.path)
            if change.new_blob is not None:
                wanted.add(change.new_blob)
    return wanted


class Replay:
    """Walks the commits oldest first, keeping the last known state of every entity."""

    def __init__(self, blobs: Mapping[str, bytes | None]) -> None:
        self.blobs = blobs
        self.reader = SnapshotReader()
        self.snapshots: dict[str, Snapshot | None] = {}
        self.broken = 0
        self.seen_paths: set[str] = set()
        self.measures: dict[str, Measure] = {}
        self.fingerprints: dict[EntityRef, str] = {}
        self.points: dict[str, dict[date, Measure]] = defaultdict(dict)
        self.changed_on: dict[EntityRef, set[date]] = defaultdict(set)

    def apply(self, commit: Commit) -> None:
        for change in commit.changes:
            if change.path not in self.seen_paths:
                self.seen_paths.add(change.path)
                self.seed(self.snapshot(change.old_blob))
            self.record(commit.day, self.snapshot(change.new_blob))

    def seed(self, before: Snapshot | None) -> None:
        """The state before the first commit read, so that commit shows only what it changed."""
        if before is None:
            return
        for ref, fingerprint in before.fingerprints.items():
            self.fingerprints.setdefault(ref, fingerprint)
        for key, measure in before.measures.items():
            self.measures.setdefault(key, measure)

    def record(self, day: date, after: Snapshot | None) -> None:
        if after is None:
            return
        for ref, fingerprint in after.fingerprints.items():
            if self.fingerprints.get(ref) != fingerprint:
                self.fingerprints[ref] = fingerprint
                self.changed_on[ref].add(day)
        for key, measure in after.measures.items():
            if self.measures.get(key) != measure:
                self.measures[key] = measure
                self.points[key][day] = measure  # later commits of the same day win

    def snapshot(self, blob: str | None) -> Snapshot | None:
        """The parsed version (each blob parsed once); None when absent or not readable."""
        if blob is None:
            return None
        if blob not in self.snapshots:
            content = self.blobs.get(blob)
            try:
                self.snapshots[blob] = None if content is None else self.reader.read(content)
            except BrokenVersion:
                self.snapshots[blob] = None
                self.broken += 1
        return self.snapshots[blob]

    def history(self, commits_read: int, warnings: tuple[str, ...]) -> History:
        points = {
            key: tuple(
                CheckIn(date=day, value=m.value, done=m.done, source=GIT_SOURCE)
                for day, m in sorted(by_day.items())
                if m.value is not None or m.done is not None
            )
            for key, by_day in sorted(self.points.items())
        }
        return History(
            points={key: dated for key, dated in points.items() if dated},
            changed_on={ref: tuple(sorted(days)) for ref, days in sorted(self.changed_on.items())},
            commits_read=commits_read,
            broken_versions=self.broken,
            warnings=warnings,
        )
