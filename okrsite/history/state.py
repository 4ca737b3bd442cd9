"""What the history reader would see, told cheaply: whoever keeps what history gave (the
history memo, the render cache's key) asks this before trusting it again."""

from __future__ import annotations

import os
from pathlib import Path

from okrsite.history.git_log import GitError, run_git


class GitStateUnknown(Exception):
    """git answered in a way that does not say what the history would be."""


def git_state(content_dir: Path) -> str:
    """What the history reader sees: the newest commit on HEAD's first-parent line that changed
    the content (it fixes every older one the reader walks), so commits that leave the content
    alone still hit. A shallow clone's warning counts the commits fetched: there HEAD and the
    shallow boundary count too. Uncommitted edits are in the content bytes already."""
    if not content_dir.is_dir():
        return "no content"
    try:
        asked = ["--is-inside-work-tree", "--is-shallow-repository", "--git-path", "shallow"]
        answer = os.fsdecode(run_git(content_dir, ["rev-parse", *asked, "HEAD"]))
        lines = answer.splitlines()
        if len(lines) != 4:
            raise GitStateUnknown(f"unexpected answer from git rev-parse: {answer!r}")
        inside, shallow, shallow_file, head = lines
        if inside != "true":
            return "not in a work tree"
        last = run_git(content_dir, ["log", "-1", "--first-parent", "--format=%H", "--", "."])
    except GitError as failure:  # not a repository, no commits yet, or no git at all
        return f"git: {failure}"
    if shallow != "true":
        return f"content commit {last.strip().decode()}"
    try:
        boundary = (content_dir / shallow_file).read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        boundary = ""
    return f"content commit {last.strip().decode()}, shallow at {head}\0{boundary}"
