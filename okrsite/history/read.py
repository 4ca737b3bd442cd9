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
from okrsite.history.snapshot import (
    GOALPOSTS,
    BrokenVersion,
    EntityRef,
    Goalposts,
    Measure,
    Snapshot,
    SnapshotReader,
    Written,
)
from okrsite.model import CheckIn

GIT_SOURCE = "git"
SHORT_SHA = 7


@dataclass(frozen=True, slots=True)
class GoalpostMove:
    """One goalpost a commit changed, and the explanation that commit wrote on the same entity
    (a new check-in note or `rebaselined` reason), if any."""

    day: date
    commit: str  # the short hash
    subject: str
    field: str  # baseline, target, unit, type, due (key results) or period (objectives)
    before: Written
    after: Written
    explanation: str  # "" when the commit explained nothing


@dataclass(frozen=True)
class History:
    """What git says about the content; empty outside a repository or with history off."""

    points: Mapping[str, tuple[CheckIn, ...]] = field(default_factory=dict)  # by key-result key
    changed_on: Mapping[EntityRef, tuple[date, ...]] = field(default_factory=dict)  # sorted
    # days a commit changed a key result's `current`, `done` or `status`: check-ins all; and
    # the day a commit first wrote it, which is its creation, not a check-in
    checked_on: Mapping[str, tuple[date, ...]] = field(default_factory=dict)
    created_on: Mapping[str, date] = field(default_factory=dict)
    moves: Mapping[EntityRef, tuple[GoalpostMove, ...]] = field(default_factory=dict)
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
        self.checked_on: dict[str, set[date]] = defaultdict(set)
        self.created_on: dict[str, date] = {}
        self.goalposts: dict[EntityRef, Goalposts] = {}
        self.moves: dict[EntityRef, list[GoalpostMove]] = defaultdict(list)

    def apply(self, commit: Commit) -> None:
        for change in commit.changes:
            if change.path not in self.seen_paths:
                self.seen_paths.add(change.path)
                self.seed(self.snapshot(change.old_blob))
            after = self.snapshot(change.new_blob)
            self.record(commit.day, after)
            self.record_moves(commit, after)

    def seed(self, before: Snapshot | None) -> None:
        """The state before the first commit read, so that commit shows only what it changed."""
        if before is None:
            return
        for ref, fingerprint in before.fingerprints.items():
            self.fingerprints.setdefault(ref, fingerprint)
        for key, measure in before.measures.items():
            self.measures.setdefault(key, measure)
        for ref, posts in before.goalposts.items():
            self.goalposts.setdefault(ref, posts)

    def record(self, day: date, after: Snapshot | None) -> None:
        if after is None:
            return
        for ref, fingerprint in after.fingerprints.items():
            if self.fingerprints.get(ref) != fingerprint:
                self.fingerprints[ref] = fingerprint
                self.changed_on[ref].add(day)
        for key, measure in after.measures.items():
            known = self.measures.get(key)
            if known != measure:
                self.measures[key] = measure
                if known is None:
                    self.created_on.setdefault(key, day)
                else:
                    self.checked_on[key].add(day)
                if known is None or (known.value, known.done) != (measure.value, measure.done):
                    self.points[key][day] = measure  # later commits of the same day win

    def record_moves(self, commit: Commit, after: Snapshot | None) -> None:
        """Each goalpost this commit changed on an entity seen before (a new one sets them)."""
        if after is None:
            return
        for ref, posts in after.goalposts.items():
            known = self.goalposts.get(ref)
            self.goalposts[ref] = posts
            if known is None or known.values == posts.values:
                continue
            added = sorted(posts.explanations - known.explanations)
            explanation = added[0].split("\0", 1)[1] if added else ""
            for name, before, now in zip(
                GOALPOSTS[ref[0]], known.values, posts.values, strict=True
            ):
                if before != now:
                    sha = commit.sha[:SHORT_SHA]
                    move = GoalpostMove(
                        commit.day, sha, commit.subject, name, before, now, explanation
                    )
                    self.moves[ref].append(move)

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
            checked_on={key: tuple(sorted(days)) for key, days in sorted(self.checked_on.items())},
            created_on=dict(sorted(self.created_on.items())),
            moves={ref: tuple(moves) for ref, moves in sorted(self.moves.items())},
            commits_read=commits_read,
            broken_versions=self.broken,
            warnings=warnings,
        )
