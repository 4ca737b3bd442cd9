"""The CI part of `okrsite init --into`: write okrsite's pipelines only where the handbook has
none that builds it, else say which steps of them to add to the existing one.

The steps are cut from okrsite's own pipeline files (okrsite/pipelines/), by step name, so what
is printed stays what `okrsite init` writes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from okrsite.pipelines import pipeline_files

WORKFLOWS = ".github/workflows"
GITLAB = ".gitlab-ci.yml"
RUNS_MKDOCS = re.compile(r"\bmkdocs\s+(build|gh-deploy)\b")
# The steps of okrsite's GitHub workflow a handbook's own workflow needs, in their order: before
# its `mkdocs build` (Graphviz for the diagrams, the render cache, the check) and after it (the
# findings as SARIF for code scanning).
GITHUB_BEFORE_BUILD = ("Install Graphviz", "Restore okrsite's render cache", "Check the OKRs")
GITHUB_AFTER_BUILD = ("Write the findings as SARIF", "Upload the findings to code scanning")
GITHUB_PERMISSIONS = ("security-events: write", "actions: read")
GITHUB_CHECKOUT = ("fetch-depth: 0",)
GITLAB_LINES = ("GIT_DEPTH", "apt-get install", "safe.directory", "okrsite check")
STEP = re.compile(r"^      - ", re.M)


@dataclass(frozen=True)
class ExistingCi:
    """The handbook's pipelines that build it, and what to add to each, as printable text."""

    github: tuple[Path, ...]
    gitlab: Path | None


def existing_ci(root: Path) -> ExistingCi:
    """GitHub workflows that run `mkdocs build`/`gh-deploy`, and .gitlab-ci.yml if there."""
    folder = root / WORKFLOWS
    workflows = sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]) if folder.is_dir() else []
    building = tuple(
        path for path in workflows if RUNS_MKDOCS.search(path.read_text("utf-8", errors="replace"))
    )
    gitlab = root / GITLAB
    return ExistingCi(building, gitlab if gitlab.is_file() else None)


def with_content(text: str, content: str) -> str:
    """A pipeline text checking `content` instead of the scaffold's `content` folder."""
    return text.replace("okrsite check content ", f"okrsite check {content} ")


def steps(workflow: str, names: tuple[str, ...]) -> str:
    """The steps called `names` (a name starts the step's `name:`) of a workflow's text, each
    with the comment lines just above it. Raises LookupError for a name not found."""
    blocks: list[str] = []
    starts = [found.start() for found in STEP.finditer(workflow)]
    for name in names:
        start = next((at for at in starts if workflow.startswith(f"      - name: {name}", at)), -1)
        if start < 0:
            raise LookupError(f"okrsite's pipeline has no step named {name!r}")
        end = next((at for at in starts if at > start), len(workflow))
        text = workflow[start:end]
        above = workflow[:start].split("\n")[:-1]
        comments: list[str] = []
        while above and above[-1].lstrip().startswith("#"):
            comments.insert(0, above.pop())
        body = text.split("\n")
        while body and (not body[-1].strip() or body[-1].lstrip().startswith("#")):
            body.pop()
        cut = next((i for i, line in enumerate(body) if i and not line.startswith("      ")), None)
        blocks.append("\n".join([*comments, *body[:cut]]))
    return "\n".join(blocks)


def lines_with(text: str, needles: tuple[str, ...]) -> str:
    """The lines of `text` holding any of `needles`, once each, in their order."""
    found: list[str] = []
    for line in text.split("\n"):
        if any(needle in line for needle in needles) and line not in found:
            found.append(line)
    return "\n".join(found)


def github_advice(workflow: Path, content: str) -> str:
    text = with_content(pipeline_files()[f"{WORKFLOWS}/okrsite.yml"], content)
    return (
        f"{workflow}: note: it builds the handbook, so okrsite's workflow is not written. "
        "In its job that runs mkdocs, add before that step:\n"
        f"{steps(text, GITHUB_BEFORE_BUILD)}\n"
        "after it:\n"
        f"{steps(text, GITHUB_AFTER_BUILD)}\n"
        "to the job's `permissions:` (a job without one has the repository's defaults; a new "
        "one must list `contents: read` too, or `contents: write` for `mkdocs gh-deploy`):\n"
        f"{lines_with(text, GITHUB_PERMISSIONS)}\n"
        "and to its actions/checkout step's `with:`:\n"
        f"{lines_with(text, GITHUB_CHECKOUT)}\n"
        "The job must install okrsite too, e.g. with `pip install -r requirements.txt`."
    )


def gitlab_advice(pipeline: Path, content: str) -> str:
    text = with_content(pipeline_files()[GITLAB], content)
    return (
        f"{pipeline}: note: it exists, so okrsite's GitLab pipeline is not written. In the job "
        "that runs mkdocs, add the variable, the installs (before_script) and the check (before "
        "`mkdocs build`):\n"
        f"{lines_with(text, GITLAB_LINES)}\n"
        "The job must install okrsite too, e.g. with `pip install -r requirements.txt`."
    )
