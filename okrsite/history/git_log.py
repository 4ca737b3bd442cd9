"""The commits that changed the content files, read with a fixed, small number of `git` processes.

One `git log --raw` lists every commit and the blobs each one changed; one `git cat-file --batch`
then reads every needed blob. The number of processes does not grow with the number of commits,
which is what keeps a history of thousands of commits fast.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

CONTENT_SUFFIXES = (".yml", ".yaml")  # the files the loader reads


class GitError(RuntimeError):
    """`git` is missing or failed; the message says what happened and what to do."""


@dataclass(frozen=True, slots=True)
class FileChange:
    """One content file changed by a commit: its blob before and after (None: absent)."""

    path: str  # relative to the repository root
    old_blob: str | None
    new_blob: str | None


@dataclass(frozen=True, slots=True)
class Commit:
    sha: str
    day: date  # the committer date, in UTC
    changes: tuple[FileChange, ...]
    subject: str = ""  # the first line of the message, for "moved on ... in <commit>"


@dataclass(frozen=True, slots=True)
class Repository:
    """The git work tree holding a content directory."""

    content_dir: Path
    shallow: bool


def run_git(cwd: Path, args: Sequence[str], stdin: bytes | None = None) -> bytes:
    """Run one git command and return its stdout; GitError (with git's own words) on failure."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    try:
        done = subprocess.run(
            ["git", "--no-pager", "-c", "core.quotepath=off", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            env=env,
            check=False,
        )
    except FileNotFoundError:
        raise GitError("the `git` command was not found; install git to read history") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"`git {args[0]}` failed: {message[-1] if message else done.returncode}")
    return done.stdout


def find_repository(content_dir: Path) -> Repository | None:
    """The repository holding `content_dir`, or None when it is not inside a git work tree."""
    try:
        answer = run_git(
            content_dir, ["rev-parse", "--is-inside-work-tree", "--is-shallow-repository"]
        )
    except GitError as failure:
        if "not a git repository" in str(failure):
            return None
        raise
    inside, shallow = answer.split()
    if inside != b"true":
        return None
    return Repository(content_dir=content_dir, shallow=shallow == b"true")


def count_commits(repository: Repository) -> int:
    """How many commits HEAD reaches (in a shallow clone: how many were fetched)."""
    return int(run_git(repository.content_dir, ["rev-list", "--count", "HEAD"]))


def content_commits(
    repository: Repository, *, max_commits: int, since: date | None
) -> list[Commit]:
    """Commits that changed a content file, oldest first, along the first-parent line of HEAD.

    The first-parent line is the history of the branch itself: a merged change counts on the day
    it was merged. Bounded by `max_commits` (the newest ones) and `since` (a UTC date).
    """
    args = [
        "log",
        "-z",
        "--raw",
        "--no-renames",
        "--no-abbrev",
        "--first-parent",
        "-m",
        "--format=%x1e%H %ct %s",
        f"--max-count={max_commits}",
    ]
    if since is not None:
        midnight = datetime.combine(since, time(), tzinfo=UTC)
        args.append(f"--since=@{int(midnight.timestamp())}")
    try:
        output = run_git(repository.content_dir, [*args, "--", "."])
    except GitError as failure:
        if "does not have any commits" in str(failure):
            return []
        raise
    commits = [parse_commit(record) for record in output.split(b"\x1e")[1:]]
    commits = [c for c in commits if c.changes and (since is None or c.day >= since)]
    commits.reverse()
    return commits


def parse_commit(record: bytes) -> Commit:
    """One `%x1e%H %ct %s` record of `git log -z --raw` followed by its `:meta\\0path\\0` pairs."""
    header, _, raw = record.partition(b"\0")
    sha, timestamp, subject = header.decode("utf-8", "replace").split(" ", 2)
    fields = raw.lstrip(b"\n").split(b"\0")
    changes = []
    for meta, path_bytes in zip(fields[0::2], fields[1::2], strict=False):
        path = path_bytes.decode("utf-8", "surrogateescape")
        if not path.endswith(CONTENT_SUFFIXES):
            continue
        _, _, old_blob, new_blob, _ = meta.decode("ascii").split(" ", 4)
        changes.append(FileChange(path, blob_or_none(old_blob), blob_or_none(new_blob)))
    day = datetime.fromtimestamp(int(timestamp), UTC).date()
    return Commit(sha=sha, day=day, changes=tuple(changes), subject=subject.strip())


def blob_or_none(sha: str) -> str | None:
    """git writes all zeros for the blob on the side of a change where the file is absent."""
    return None if set(sha) == {"0"} else sha


def read_blobs(repository: Repository, shas: Iterable[str]) -> dict[str, bytes | None]:
    """Contents of many blobs from one `git cat-file --batch`; None for a missing object."""
    wanted = sorted(set(shas))
    if not wanted:
        return {}
    output = run_git(
        repository.content_dir, ["cat-file", "--batch"], stdin="\n".join(wanted).encode() + b"\n"
    )
    blobs: dict[str, bytes | None] = {}
    position = 0
    for sha in wanted:
        end_of_header = output.index(b"\n", position)
        header = output[position:end_of_header].split()
        position = end_of_header + 1
        if len(header) < 3:  # "<sha> missing": gone, e.g. beyond a shallow clone's boundary
            blobs[sha] = None
            continue
        size = int(header[2])
        blobs[sha] = output[position : position + size]
        position += size + 1  # the content is followed by a newline
    return blobs
